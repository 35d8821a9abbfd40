// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "store/store.hpp"

namespace nacsa::wg {

// What one working group did in a period, for reports (read-only).
struct GroupSummary {
    std::string id;
    std::string name;
    std::string status;                         // active or archived (at the time of the query)
    std::vector<std::string> themes;            // thematic_areas keys
    std::optional<std::string> lead_member_id;  // the lead at the end of the period
    std::optional<std::string> lead_member_name;
    std::vector<std::string>
        member_ids;                // organisations that were members at some time in the period
    int members_at_end = 0;        // members on the last day of the period
    int members_joined = 0;        // memberships that started in the period
    int members_left = 0;          // memberships that ended in the period
    int tasks_opened = 0;          // tasks added in the period
    int tasks_done = 0;            // tasks marked done in the period
    int tasks_dropped = 0;         // tasks dropped in the period
    int tasks_open_at_end = 0;     // tasks still open on the last day of the period
    int tasks_overdue_at_end = 0;  // of those, due before the last day of the period
};

// Every group that existed at some time in [from, to] (created on or before `to`, not archived
// before `from`), ordered by id. Contains no personal data (no contact names).
[[nodiscard]] std::vector<GroupSummary> summarise_groups(store::Store& store, Date from, Date to);

}  // namespace nacsa::wg
