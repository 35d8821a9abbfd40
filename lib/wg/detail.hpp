// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>

#include "core/error.hpp"
#include "core/time.hpp"
#include "members/lookup.hpp"
#include "store/store.hpp"
#include "wg/wg.hpp"

// What the files of lib/wg share; not for other modules.
namespace nacsa::wg::detail {

inline constexpr const char* k_group_kind = "working_group";
inline constexpr const char* k_task_kind = "wg_task";

[[nodiscard]] Diagnostic problem(std::string field, Message message);
[[noreturn]] void invalid(std::string field, Message message);

enum class Required { no, yes };
// A line of text from the command line, trimmed: valid UTF-8, no control characters, and not
// empty when required. Problems are added to `problems`.
[[nodiscard]] std::string checked_text(const std::string& value, const std::string& field,
                                       Diagnostics& problems, Required required);

// A date before `earliest` is a ValidationError on "date" naming `what` happened then.
void check_not_before(Date date, Date earliest, const Message& what);
void require_active_group(const WorkingGroup& group);
void require_active_member(const members::MemberRef& member, const Message& what);

// Marks the group changed now (working_group.updated_at).
void touch_group(store::Store& store, const std::string& wg_id);

// The member's membership of the group that has not ended.
[[nodiscard]] std::optional<Membership> current_membership(store::Store& store,
                                                           const std::string& wg_id,
                                                           const std::string& member_id);
// Ends the group's current lead, if any, on `date` (never before the lead started), audited.
// Returns whether there was one.
bool end_lead(store::Store& store, const std::string& wg_id, Date date, const std::string& reason);

}  // namespace nacsa::wg::detail
