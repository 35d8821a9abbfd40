// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/alliance.hpp"
#include "core/error.hpp"
#include "core/time.hpp"
#include "governance/governance.hpp"
#include "store/store.hpp"

// Shared by the governance sources; not part of the library's interface.
namespace nacsa::governance::detail {

// The condition that a seat `s` is held on the day bound three times as text.
inline constexpr const char* k_held_on =
    "s.term_start <= ? AND s.term_end >= ? AND (s.ended_on IS NULL OR s.ended_on > ?)";

// Seats matching an SQL condition on `s` (seat) with text parameters, oldest first, as stored:
// without the names, region, themes and representative (with_people adds them).
[[nodiscard]] std::vector<Seat> seat_rows(store::Store& store, const std::string& where,
                                          const std::vector<std::string>& params);
// Fills in the member's name, region and themes and the representative's name and gender of
// each seat (members::member_refs, members::people).
void with_people(store::Store& store, std::vector<Seat>& seats);
[[nodiscard]] std::vector<Seat> load_seats(store::Store& store, const std::string& where,
                                           const std::vector<std::string>& params);

// The last day of a term of `months` months starting on `from`.
[[nodiscard]] Date term_end(Date from, int months);

// "x is not a role of this alliance (known: ...)", on `field`.
[[nodiscard]] Diagnostic unknown_role(const config::Alliance& alliance, const std::string& key,
                                      const std::string& field);
// How many members may hold a role at once: one for the leading role, else its max_holders.
[[nodiscard]] std::optional<int> holder_limit(const config::Role& role);

// The member id a reference names (members::find_member_ref), or the reference itself when it
// names no member: for candidates, which are checked against the election's list.
[[nodiscard]] std::string member_id_or_text(store::Store& store, const std::string& reference);

// How a member's status on a date reads in a message: "suspended", or "not yet in the
// register".
[[nodiscard]] Message status_text(const std::optional<members::MemberStatus>& status);

// Records `member_id` as secretariat from `from`, ending the current secretariat; returns
// false when that member already is the secretariat. Inside the caller's use case.
bool record_secretariat(store::Store& store, const std::string& member_id, Date from,
                        std::optional<std::int64_t> election_id,
                        std::optional<std::int64_t> seat_id);
// Ends the member's secretariat on `day` (the first day it no longer serves), if it serves.
void end_secretariat(store::Store& store, const std::string& member_id, Date day);

struct NewSeat {
    std::string member_id;
    std::int64_t contact_id = 0;
    std::string role;
    Date from{};
    Date to{};
    std::optional<std::int64_t> election_id;
    std::optional<std::int64_t> replacing;  // the seat being corrected: not checked against itself
};
// The rules of a new (or corrected) seat: role exists, term ends after it starts, member has no
// other seat during the term, role below its max_holders. Throws ValidationError (65).
void check_seat(store::Store& store, const NewSeat& seat);
// Validates the rules of a new seat (role exists, member has no seat during the term, role
// below its max_holders) against the seats stored, and inserts it; audited; fulfils the
// member's interest. Inside the caller's use case. Throws ValidationError (65).
std::int64_t insert_seat(store::Store& store, const NewSeat& seat);

// Ends a seat on `day` (the first day it is no longer held), with a reason; audited as
// `summary`. Inside the caller's use case.
void end_seat(store::Store& store, const Seat& seat, Date day, const std::string& reason,
              const std::string& summary);

// ---- Elections (elections.cpp, count.cpp) ----------------------------------------------------

// The election as stored, its candidates in the order they were added; NotFoundError (3).
[[nodiscard]] Election load_election(store::Store& store, std::int64_t id);
// ValidationError (65) when the election is closed.
void require_open(const Election& election);
// Counts the votes of a loaded election (the electorate of an open one as of `as_of`).
[[nodiscard]] Count count_loaded(store::Store& store, const Election& election, Date as_of);
[[nodiscard]] std::string percent(double share);

}  // namespace nacsa::governance::detail
