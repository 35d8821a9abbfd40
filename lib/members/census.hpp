// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "members/members.hpp"
#include "store/store.hpp"

// Membership on a date: the one rule for "was this member active on day D", used by the
// electorate of an election, the invitees of a general assembly, the seats a check flags and the
// report's counts alike (nacsa-member(1), STATUS ON A DATE):
//
//   A member's status on day D is the status of the latest entry of its status history dated on
//   or before D (entries of one day: the one recorded last). When it has none, but its joined
//   date is on or before D (a joined date corrected to before the record was started), it is
//   the status of its first entry. Otherwise the member was not yet in the register on D.
namespace nacsa::members {

[[nodiscard]] std::optional<MemberStatus> status_on(store::Store& store,
                                                    const std::string& member_id, Date date);
// The ids of the members active on a date, sorted.
[[nodiscard]] std::vector<std::string> active_on(store::Store& store, Date date);

// A member in the register on a date, with its status that day.
struct MemberOnDate {
    std::string id;
    std::string name;
    std::string type;
    std::string region;  // empty: none
    std::string joined;  // ISO date, empty when not known
    MemberStatus status = MemberStatus::active;
};

struct Withdrawal {
    std::string member_id;
    std::string name;
    Date date{};
};

// The census's totals alone, as census() counts them, without its other counts (the first page
// of a report puts the previous period's beside this one's): members in the register on `to`,
// those active then, those of them who joined in the period, withdrawals dated in it.
struct CensusCounts {
    std::int64_t in_register = 0;  // any status on `to`
    std::int64_t active = 0;
    std::int64_t joined = 0;
    std::int64_t withdrawals = 0;
};

using Period = DateRange;

// What the report counts about the membership of a period [from, to]: one pass over the members
// (each with its status on `to`), then one over each of the themes, services and contacts.
struct Census {
    // Members in the register on `to` (any status), and by their status that day.
    std::int64_t in_register = 0;
    std::map<MemberStatus, std::int64_t> by_status;
    // Members active on `to`, by type of organisation and by region ("" for none).
    std::map<std::string, std::int64_t> active_by_type;
    std::map<std::string, std::int64_t> active_by_region;
    // Members active on `to` that belong to a regional network of civil society (NET4U).
    std::int64_t active_net4u = 0;
    // Members in the register on `to` whose joined date falls in the period, sorted by name.
    std::vector<MemberOnDate> joined;
    std::vector<Withdrawal> withdrawals;  // withdrawals dated in the period, by date then name
    // Members active on `to`, by thematic area and by service; their contacts (not erased) by
    // gender.
    std::map<std::string, std::int64_t> active_by_theme;
    std::map<std::string, std::int64_t> active_by_service;
    std::map<std::string, std::int64_t> active_contacts_by_gender;
    // The totals of the period `previous` when census() was given one, as census(previous)
    // counts them, found in the same pass over the members and their status history (each member's
    // status on both last days read at once).
    std::optional<CensusCounts> previous;
};
[[nodiscard]] Census census(store::Store& store, Date from, Date to,
                            std::optional<Period> previous = std::nullopt);

}  // namespace nacsa::members
