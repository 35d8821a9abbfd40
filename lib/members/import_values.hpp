// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "config/alliance.hpp"
#include "config/value_matcher.hpp"
#include "members/import.hpp"
#include "members/members.hpp"

// Internal to lib/members: the keyed fields of a member record as people write them. A value
// is a key or one of its labels (the configuration's, in en, es or fr, and those of the fixed
// lists: status, gender, ECOSOC status, interest), or a text --map-value names; each becomes its
// key. See nacsa-import(5).
namespace nacsa::members::detail {

// A matcher of every keyed field of a member record: the alliance's lists, the fixed ones, and
// the mappings given (--map-value; UsageError for an unknown field or key).
[[nodiscard]] config::ValueMatcher import_matcher(const config::Alliance& alliance,
                                                  const std::vector<ValueMapping>& mappings);

// The keyed values of the records of one import, turned into keys.
class KeyedValues {
  public:
    KeyedValues(const config::Alliance& alliance, const std::vector<ValueMapping>& mappings)
        : m_matcher(import_matcher(alliance, mappings)) {}

    // Replaces each keyed value of `input` by its key. A value that names no key, or two, is a
    // problem located by `where` and stays as written; the known values of a field are listed
    // in the first such problem of the import only.
    void resolve(MemberInput& input, const Locator& where, std::vector<Diagnostic>& problems);

  private:
    // The keyed fields, in the order resolve() reads them.
    enum Field : std::uint8_t {
        region,
        type,
        status,
        ecosoc_status,
        thematic_areas,
        services,
        interest,
        gender,
        field_count
    };
    struct TextHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const {
            return std::hash<std::string_view>{}(s);
        }
    };
    // The texts of a field that named a key, and the key: the same text names the same key
    // all through an import, and a field holds few different texts.
    using Known = std::unordered_map<std::string, std::string, TextHash, std::equal_to<>>;
    static constexpr std::size_t k_max_known = 4096;  // texts remembered per field

    // `contact`: the contact's number for its gender's path, else 0.
    void resolve(std::optional<std::string>& value, Field field, std::size_t contact,
                 const Locator& where, std::vector<Diagnostic>& problems);
    config::ValueMatcher m_matcher;
    std::set<std::string> m_listed;  // fields whose known values a problem listed
    std::array<Known, field_count> m_known;
};

}  // namespace nacsa::members::detail
