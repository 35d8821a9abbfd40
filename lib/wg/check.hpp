// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "output/findings.hpp"
#include "store/store.hpp"

namespace nacsa::wg {

// Rule ids of `nacsa wg check` (stable: scripts filter on them).
inline constexpr const char* k_rule_no_lead = "wg-no-lead";                  // error
inline constexpr const char* k_rule_inactive_member = "wg-inactive-member";  // error
inline constexpr const char* k_rule_overdue_task = "wg-overdue-task";        // error
inline constexpr const char* k_rule_no_meeting = "wg-no-meeting";            // error
inline constexpr const char* k_rule_no_members = "wg-no-members";            // warning
inline constexpr const char* k_rule_theme_uncovered = "wg-theme-uncovered";  // warning

struct CheckOptions {
    Date as_of{};
    int meeting_months = 3;  // a group should have met within this many months
    // The date each group last met on or before as_of (from lib/meetings, by
    // workflows::check_working_groups); nullopt when the alliance keeps no meetings in nacsa, and
    // then the no-meeting rule does not run (it is not told that every group failed to meet).
    std::optional<std::map<std::string, Date>> last_meetings;
};

// Checks the active working groups as of a date: no lead, members withdrawn or suspended on that
// date (members::status_on), overdue tasks, no meeting in the last N months (when meetings are
// recorded), no members, thematic areas no active group covers.
[[nodiscard]] std::vector<output::Finding> check_groups(store::Store& store,
                                                        const CheckOptions& options);

}  // namespace nacsa::wg
