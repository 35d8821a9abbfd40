#pragma once

#include <nlohmann/json.hpp>

#include "members/members.hpp"

namespace nacsa::members {

// Whether an export keeps contacts' personal data.
enum class Redact { no, yes };

// A member as a JSON object in the import format (schemas/member.schema.json): keys in schema
// order, empty fields left out. Redact::yes leaves out the contacts.
[[nodiscard]] nlohmann::ordered_json to_json(const Member& member, Redact redact = Redact::no);

}  // namespace nacsa::members
