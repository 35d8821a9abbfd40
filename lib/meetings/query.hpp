// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "meetings/meetings.hpp"
#include "output/findings.hpp"

// Read-only questions about meetings, for reports and checks. Periods are inclusive and use
// each meeting's date in its own time zone.
namespace nacsa::meetings {

struct MeetingSummary {
    Meeting meeting;
    Date date{};  // local date of the meeting
    int voting_invited = 0;
    int present = 0;      // voting members present
    int represented = 0;  // voting members represented by someone
    int excused = 0;
    int absent = 0;
    int observers_present = 0;
    int guests_present = 0;
    // (present + represented) / voting invited; nullopt when no attendance was recorded.
    std::optional<double> attendance_rate;
    Quorum quorum;
    int decisions = 0;
};

using Period = DateRange;

// The meetings held in a period by kind (their local dates in it), without summarising each.
[[nodiscard]] std::map<std::string, std::int64_t> held_by_kind(store::Store& store,
                                                               const Period& period);

// Participants (participants()) by gender, members::k_genders keys, in the meetings held in a
// period: all kinds, or only those of `kind` (capacity_building).
[[nodiscard]] std::map<std::string, std::int64_t> participants_by_gender(
    store::Store& store, const Period& period, const std::optional<std::string>& kind);

// Meetings whose date falls in the period, optionally of one kind and one status, in date order.
[[nodiscard]] std::vector<MeetingSummary> meetings_in_period(
    store::Store& store, const Period& period,
    const std::optional<std::string>& kind = std::nullopt,
    std::optional<MeetingStatus> status = std::nullopt);
// The held government consultations of a quarter (usually one), in date order.
[[nodiscard]] std::vector<MeetingSummary> government_consultations(store::Store& store,
                                                                   const Quarter& quarter);
// Decisions taken at meetings in the period.
[[nodiscard]] std::vector<Decision> decisions_in_period(store::Store& store, const Period& period);

struct ActionItemActivity {
    std::vector<ActionItem> opened;   // opened in the period
    std::vector<ActionItem> closed;   // done or dropped in the period
    std::vector<ActionItem> overdue;  // open at the end of the period and due before it
};
[[nodiscard]] ActionItemActivity action_items_in_period(store::Store& store, const Period& period);
// Meetings still to come in the period (scheduled or postponed).
[[nodiscard]] std::vector<Meeting> scheduled_in_period(store::Store& store, const Period& period);

// The date each working group last met on or before `as_of` (meetings of body
// "working_group:<id>" neither cancelled nor postponed), by group id; nullopt when the store
// holds no meeting at all (the alliance does not keep its meetings in nacsa).
[[nodiscard]] std::optional<std::map<std::string, Date>> working_group_meeting_dates(
    store::Store& store, Date as_of);

// `nacsa meeting check`: consultations per quarter, committee cadence, records of held meetings,
// decisions without quorum, overdue action items, past meetings left open.
// With `since` set, only what concerns that day or later: quarters ending on or after it,
// meetings and committee gaps ending on or after it, action items due on or after it (a gap
// still open at as_of is always reported).
[[nodiscard]] std::vector<output::Finding> check(store::Store& store, Date as_of,
                                                 Date since = Date{});

// Meetings still to come in the period as they were known at the end of `known_on` (a day of
// the alliance's time zone), from meeting_status_history: each meeting's last status change
// recorded by then, with the start it had at that point, is scheduled or postponed and falls
// in the period. A meeting scheduled later is not listed; one held, cancelled or moved since
// still is, as it then stood (status and start). An edit of a start records no status change:
// the current start counts when the meeting was last changed by that day, else the start of
// its last status change recorded by then. In start order.
[[nodiscard]] std::vector<Meeting> scheduled_as_known_on(store::Store& store, const Period& period,
                                                         Date known_on);

}  // namespace nacsa::meetings
