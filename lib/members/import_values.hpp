// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <set>
#include <string>
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
    void resolve(std::optional<std::string>& value, const std::string& field,
                 const std::string& path, const Locator& where, std::vector<Diagnostic>& problems);
    config::ValueMatcher m_matcher;
    std::set<std::string> m_listed;  // fields whose known values a problem listed
};

}  // namespace nacsa::members::detail
