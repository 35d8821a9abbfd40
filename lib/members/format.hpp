// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <nlohmann/json.hpp>

#include "members/members.hpp"

namespace nacsa::members {

// Whether an export keeps contacts' personal data.
enum class Redact { no, yes };

// A member as a JSON object in the import format (schemas/member.schema.json): keys in schema
// order, empty fields left out. Redact::yes leaves out the contacts.
[[nodiscard]] nlohmann::ordered_json to_json(const Member& member, Redact redact = Redact::no);

// A member as `member show --format json` prints it: every field of the import format, null when
// empty ([] for an empty list), the contacts with every field, and the status history (oldest
// first). No field is left out because it is empty.
[[nodiscard]] nlohmann::ordered_json to_record_json(const Member& member,
                                                    const std::vector<StatusChange>& history);

}  // namespace nacsa::members
