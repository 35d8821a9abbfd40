// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/hash_index.hpp"
#include "members/members.hpp"

// Internal to lib/members: what `member import` remembers of every member it meets, in compact
// form (a large import meets a hundred thousand): where each came from, the ids already given,
// and the keys that make two members look like duplicates.
namespace nacsa::members::detail {

// Where a member came from: a line of one of the input files, or the store (line 0). Eight
// bytes instead of a "members.csv:12" string for each of a large import's members.
struct Where {
    std::uint32_t file = 0;  // index into the import's file names
    std::uint32_t line = 0;  // 0: the store
};

// Every member an import has met, numbered: its id and where it came from. The ids share one
// block of text: a large import keeps a hundred thousand of them.
class Origins {
  public:
    std::uint32_t add(std::string_view id, Where where) {
        m_entries.push_back(Entry{static_cast<std::uint32_t>(m_text.size()),
                                  static_cast<std::uint32_t>(id.size()), where});
        m_text.append(id);
        return static_cast<std::uint32_t>(m_entries.size() - 1);
    }
    [[nodiscard]] std::string_view id(std::uint32_t i) const {
        return std::string_view(m_text).substr(m_entries[i].offset, m_entries[i].size);
    }
    [[nodiscard]] Where where(std::uint32_t i) const { return m_entries[i].where; }
    void reserve(std::size_t members) {
        m_entries.reserve(m_entries.size() + members);
        m_text.reserve(m_text.size() + members * 24);
    }

  private:
    struct Entry {
        std::uint32_t offset;
        std::uint32_t size;
        Where where;
    };
    std::string m_text;
    std::vector<Entry> m_entries;
};

// The ids the input gives (or that the import makes), each with the member it first named.
class SeenIds {
  public:
    explicit SeenIds(Origins& origins) : m_origins(origins) {}

    [[nodiscard]] std::optional<std::uint32_t> find(std::string_view id) const {
        std::optional<std::uint32_t> out;
        (void)m_index.for_each(HashIndex<std::uint32_t>::hash(id), [&](std::uint32_t i) {
            if (m_origins.id(i) == id) {
                out = i;
            }
            return out.has_value();
        });
        return out;
    }
    // The member's number and true, or the number of the member that had the id first.
    std::pair<std::uint32_t, bool> add(std::string_view id, Where where) {
        if (const auto i = find(id)) {
            return {*i, false};
        }
        const auto i = m_origins.add(id, where);
        m_index.add(HashIndex<std::uint32_t>::hash(id), i);
        return {i, true};
    }
    void reserve(std::size_t members) { m_index.reserve(m_index.size() + members); }

  private:
    Origins& m_origins;
    HashIndex<std::uint32_t> m_index;
};

// The members seen so far by their duplicate keys: a name without a leading organisation word,
// an acronym, an e-mail domain, a web site's host.
class DuplicateIndex {
  public:
    explicit DuplicateIndex(const Origins& origins) : m_origins(origins) {}

    // A key as a hash. A name and an acronym are also looked up as each other (`other`).
    struct Key {
        char kind;  // n(ame), a(cronym), d(omain), w(eb site)
        std::uint64_t hash;
        std::uint64_t other = 0;
    };
    struct Keys {
        std::array<Key, 4> items;
        std::size_t size = 0;
        void add(Key k) { items[size++] = k; }
        [[nodiscard]] const Key* begin() const { return items.data(); }
        [[nodiscard]] const Key* end() const { return items.data() + size; }
    };
    // The keys of a member; `key` is name_key(m.name).
    [[nodiscard]] static Keys keys(const Member& m, const std::string& key);

    // Why this member looks like another one already seen: the reason, the field of this
    // member it is about, and the other member (its number in the origins).
    struct Suspicion {
        const char* reason;
        const char* field;
        std::uint32_t other;
    };
    // `keys` are keys(m, key).
    [[nodiscard]] std::vector<Suspicion> check(const Member& m, const Keys& keys) const;

    // Member number `origin` of the origins, with its keys.
    void add(std::uint32_t origin, const Keys& keys) {
        for (const auto& k : keys) {
            m_keys.add(k.hash, origin);
        }
    }
    // Room for about this many more members (at most a million: the table still grows past
    // that), so that it is not rebuilt again and again as it fills.
    void reserve(std::size_t members) {
        m_keys.reserve(m_keys.size() + std::min<std::size_t>(members, 1'000'000) * 3);
    }

  private:
    const Origins& m_origins;
    HashIndex<std::uint32_t> m_keys;  // first member of each key
};

}  // namespace nacsa::members::detail
