// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace nacsa {

// 64-bit hashes of keys -> small values, for indexes of a whole import (a key per member, a
// hundred thousand members and more). Open addressing in two flat arrays: a lookup that finds
// nothing, the usual case, reads one cache line of hashes, where a node-based
// std::unordered_map follows a pointer per entry and allocates one. Several values may share
// a hash (different keys, or the same key added twice): callers that need an exact answer
// compare the key of each candidate, as `for_each` offers them in the order they were added.
template <class Value>
class HashIndex {
  public:
    static std::uint64_t hash(std::string_view key) { return std::hash<std::string_view>{}(key); }

    void add(std::uint64_t hash, Value value) {
        if (too_full(m_size + 1, m_hashes.size())) {
            grow();
        }
        place(stored(hash), value);
        ++m_size;
    }

    // Calls `f(value)` for each value added under `hash`, oldest first, until it returns true;
    // says whether one did.
    template <class F>
    bool for_each(std::uint64_t hash, F&& f) const {
        if (m_size == 0) {
            return false;
        }
        const std::uint64_t h = stored(hash);
        for (std::size_t i = home(h);; i = next(i)) {
            if (m_hashes[i] == 0) {
                return false;
            }
            if (m_hashes[i] == h && f(m_values[i])) {
                return true;
            }
        }
    }

    // The value first added under `hash`, or nullptr.
    [[nodiscard]] const Value* find(std::uint64_t hash) const {
        const Value* found = nullptr;
        (void)for_each(hash, [&](const Value& v) {
            found = &v;
            return true;
        });
        return found;
    }
    [[nodiscard]] Value* find(std::uint64_t hash) {
        return const_cast<Value*>(static_cast<const HashIndex&>(*this).find(hash));
    }

    // Room for `n` entries in all without growing.
    void reserve(std::size_t n) {
        if (too_full(n, m_hashes.size())) {
            rebuild(n * 10 / 7 + 1);
        }
    }
    void clear() {
        m_hashes.clear();
        m_values.clear();
        m_size = 0;
    }
    [[nodiscard]] std::size_t size() const { return m_size; }

  private:
    // At most 70 % of the slots are taken: a lookup that finds nothing then reads about six
    // slots, most often in one cache line.
    static bool too_full(std::size_t entries, std::size_t slots) {
        return entries * 10 > slots * 7;
    }
    // 0 marks an empty slot.
    static std::uint64_t stored(std::uint64_t hash) { return hash == 0 ? 1 : hash; }
    // The slot a hash starts from: its place in [0, slots) by its high bits (the table has
    // exactly the slots it needs, not a power of two).
    [[nodiscard]] std::size_t home(std::uint64_t h) const {
        // The top 32 bits times the slots, over 2^32: in range for up to 2^32 slots.
        return static_cast<std::size_t>(((h >> 32) * m_hashes.size()) >> 32);
    }
    [[nodiscard]] std::size_t next(std::size_t i) const {
        return i + 1 == m_hashes.size() ? 0 : i + 1;
    }

    // Linear probing keeps equal hashes in the order they were added: a later entry never
    // lands before an earlier one on its probe path, and nothing is ever removed.
    void place(std::uint64_t h, Value value) {
        std::size_t i = home(h);
        while (m_hashes[i] != 0) {
            i = next(i);
        }
        m_hashes[i] = h;
        m_values[i] = value;
    }

    void grow() { rebuild(m_hashes.empty() ? 64 : m_hashes.size() * 2); }

    void rebuild(std::size_t at_least) {
        const std::size_t capacity = std::max<std::size_t>(at_least, 64);
        // Re-added in their old probe order per hash: walking from the start of a cluster
        // keeps the entries of each hash in the order they were added.
        std::vector<std::uint64_t> hashes(capacity, 0);
        std::vector<Value> values(capacity);
        std::swap(hashes, m_hashes);
        std::swap(values, m_values);
        const std::size_t old = hashes.size();
        if (old == 0) {
            return;
        }
        // Start just after an empty slot so that no cluster is cut in two by the wrap-around.
        std::size_t start = 0;
        while (hashes[start] != 0) {
            ++start;
        }
        for (std::size_t n = 0; n < old; ++n) {
            const std::size_t i = (start + n) % old;
            if (hashes[i] != 0) {
                place(hashes[i], values[i]);
            }
        }
    }

    std::vector<std::uint64_t> m_hashes;
    std::vector<Value> m_values;
    std::size_t m_size = 0;
};

}  // namespace nacsa
