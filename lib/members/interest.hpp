// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"
#include "store/store.hpp"

// Expressions of interest: a member offers to serve on the steering committee, as secretariat,
// as coordinator, or as a working group's lead (`nacsa committee interest`). Part of the
// member's record (member import and export carry the first three as `interest`).
namespace nacsa::members {

enum class InterestKind { steering_committee, secretariat, coordinator, working_group_lead };
enum class InterestStatus { open, withdrawn, fulfilled };

[[nodiscard]] std::string_view kind_name(InterestKind kind);
[[nodiscard]] std::optional<InterestKind> parse_interest_kind(std::string_view name);
[[nodiscard]] std::string_view status_name(InterestStatus status);
[[nodiscard]] std::optional<InterestStatus> parse_interest_status(std::string_view name);
// "steering_committee, secretariat, ..." for messages.
[[nodiscard]] std::string known_interest_kinds();
[[nodiscard]] std::string known_interest_statuses();

struct Interest {
    std::int64_t id = 0;
    std::string member_id;
    std::string member_name;
    InterestKind kind = InterestKind::steering_committee;
    Date date{};
    std::string statement;
    InterestStatus status = InterestStatus::open;
    std::string working_group;  // for working_group_lead: the group's id
};

struct InterestRequest {
    std::string member;  // a member reference (resolve_member)
    InterestKind kind = InterestKind::steering_committee;
    std::optional<Date> date;  // default: today
    std::string statement;
    std::string working_group;  // only, and required, for working_group_lead
};

// Records an open expression of interest; returns its id. One open interest per member, kind
// and group: a second is a ValidationError (exit 65). One use case (store.hpp).
std::int64_t add_interest(store::Store& store, const InterestRequest& request);
// Marks an open interest withdrawn. Unknown: NotFoundError (3); not open: ValidationError (65).
void withdraw_interest(store::Store& store, std::int64_t id);
// Marks the member's open interests of this kind as fulfilled (it took the seat or the role);
// inside the caller's use case.
void fulfil_interest(store::Store& store, const std::string& member_id, InterestKind kind);

// Erasure of a person: their name in the member's statements of interest (free text) is
// replaced by "[personal data erased]"; a statement that names them otherwise (other case or
// accents) is replaced as a whole. Inside the erasure's use case; returns how many statements.
int erase_name_in_statements(store::Store& store, const std::string& member_id,
                             const std::vector<std::string>& names);

struct InterestQuery {
    std::optional<std::string> member;  // a member reference
    std::optional<InterestKind> kind;
    std::optional<InterestStatus> status;
};
// Oldest first.
[[nodiscard]] std::vector<Interest> list_interest(store::Store& store, const InterestQuery& query);
// Whether the member expressed interest of this kind and did not withdraw it (open or
// fulfilled), dated on or before `as_of` when given.
[[nodiscard]] bool expressed_interest(store::Store& store, const std::string& member_id,
                                      InterestKind kind, std::optional<Date> as_of = std::nullopt);

}  // namespace nacsa::members
