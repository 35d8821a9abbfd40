// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/alliance.hpp"
#include "core/message.hpp"
#include "core/time.hpp"
#include "members/members.hpp"
#include "output/findings.hpp"
#include "store/store.hpp"

// The Steering Committee: seats and their history, the government observer, elections and the
// secretariat; and `committee check`, the rules they must keep. Members and contacts are named
// by the one rule of members/lookup.hpp (id, name or acronym; a contact's number, e-mail or
// name), and "active on a date" is members/census.hpp's.
namespace nacsa::governance {

// ---- Records -------------------------------------------------------------------------------

// A seat on the committee, as stored (nothing is overwritten: an ended seat keeps its row).
struct Seat {
    std::int64_t id = 0;
    std::string member_id;
    std::string member_name;
    std::int64_t contact_id = 0;
    std::string representative;  // the contact's name (empty once the contact was erased)
    std::string gender;          // the representative's: female, male, non_binary, undisclosed
    std::string role;
    Date term_start{};
    Date term_end{};               // last day of the term
    std::optional<Date> ended_on;  // ended early: first day the seat is no longer held
    std::string end_reason;
    std::optional<std::int64_t> election_id;
    std::string region;                       // the member's region (may be empty)
    std::vector<std::string> thematic_areas;  // the member's thematic areas
    // The member's status on the date asked about (committee_as_of); nullopt when the member
    // was not yet in the register that day, and in seat_history.
    std::optional<members::MemberStatus> member_status;

    // The last day the seat is held.
    [[nodiscard]] Date last_day() const;
    [[nodiscard]] bool held_on(Date date) const;
};

struct Observer {
    std::int64_t id = 0;
    std::string name;
    std::string institution;
    std::string email;
    std::string gender;
    Date from{};
    std::optional<Date> until;  // first day no longer observing
    std::string end_reason;
    bool erased = false;  // the person's data was erased
    [[nodiscard]] bool active_on(Date date) const;
};

struct SecretariatTerm {
    std::int64_t id = 0;
    std::string member_id;
    std::string member_name;
    Date from{};
    std::optional<Date> until;  // first day no longer secretariat
    std::optional<std::int64_t> election_id;
};

struct Candidate {
    std::string member_id;
    std::string member_name;
    std::optional<std::int64_t> contact_id;
    std::string representative;
    std::int64_t votes = 0;  // a withdrawn candidate's votes are not counted: 0
    bool elected = false;
    std::optional<Date> withdrawn_on;  // withdrew from the election: no longer electable
    std::string withdraw_reason;
    [[nodiscard]] bool withdrawn() const { return withdrawn_on.has_value(); }
};

// A ballot voided while its election was open: kept, no longer counted. For whom it was cast
// is not shown (the ballot is secret).
struct VoidedBallot {
    std::string voter_id;
    Date cast_on{};
    Date voided_on{};
    std::string reason;
};

enum class ElectionResult { pending, elected, tie, quorum_not_reached, no_majority, no_votes };
[[nodiscard]] std::string result_name(ElectionResult r);
[[nodiscard]] std::optional<ElectionResult> parse_result(std::string_view name);

// How an election records its votes: ballot by ballot, or as counts of a vote held elsewhere
// (never both).
enum class VoteMode { ballots, tally };
[[nodiscard]] std::string mode_name(VoteMode mode);
[[nodiscard]] std::optional<VoteMode> parse_mode(std::string_view name);

struct Election {
    std::int64_t id = 0;
    std::string role;
    std::string title;
    int seats = 1;
    double quorum = 0.5;
    config::Threshold threshold = config::Threshold::simple_majority;
    Date opened_on{};
    std::optional<Date> closed_on;
    std::optional<VoteMode> mode;  // nullopt while no vote is recorded
    std::int64_t ballots = 0;      // organisations that voted (blank ballots included)
    std::int64_t blank = 0;        // blank ballots
    std::int64_t electorate = 0;   // voting members (when closed: as of the closing date)
    ElectionResult result = ElectionResult::pending;
    std::vector<Candidate> candidates;  // most votes first, withdrawn candidates last
    std::vector<VoidedBallot> voided;   // voided ballots, in the order they were voided
    // get_election of an open election: how the count stands today, in one sentence.
    Message explanation;
    [[nodiscard]] bool is_open() const { return !closed_on.has_value(); }
};

// What counting the votes of an election gives (before or at closing).
struct Count {
    ElectionResult result = ElectionResult::pending;
    std::int64_t electorate = 0;
    std::int64_t ballots = 0;
    std::int64_t blank = 0;
    std::vector<Candidate> candidates;  // not withdrawn; most votes first, then by name
    std::vector<std::string> elected;   // member ids
    std::vector<std::string> tied;      // member ids tied for the last seat(s)
    Message explanation;                // one sentence for people
};

// ---- Seats -------------------------------------------------------------------------------------

struct SeatRequest {
    std::string member;          // a member reference: id, name or acronym
    std::string role;            // role key
    std::string representative;  // a contact of the member: number, e-mail or name
    std::optional<Date> from;    // default: today
    std::optional<Date> to;      // default: from + term_months - 1 day
};

struct SeatOutcome {
    std::int64_t seat_id = 0;
    std::string member_id;
    Date term_end{};
    bool secretariat_recorded = false;
};

// Seats a member. Unknown member: NotFoundError (3). A representative who is not a contact of
// the member, an unknown role, a member already seated, or a role at its max_holders:
// ValidationError (65). One use case: the seats it checks are read in its transaction.
SeatOutcome seat(store::Store& store, const SeatRequest& request);

struct Unseated {
    std::int64_t seat_id = 0;
    std::string member_id;
};
// Ends the member's current seat on `on` (the first day it is no longer held; default today).
// NotFoundError when the member is unknown or holds no seat.
Unseated unseat(store::Store& store, const std::string& member, const std::string& reason,
                std::optional<Date> on = std::nullopt);

// The fields of a seat to correct (only those given).
struct SeatChanges {
    std::optional<Date> from;
    std::optional<Date> to;
    std::optional<std::string> representative;  // a contact of the seat's member
    std::optional<std::string> role;
};

struct SeatEdited {
    std::int64_t seat_id = 0;
    std::string member_id;
};
// Corrects a seat entered with a wrong date, representative or role, with the reason (required),
// audited (the fields changed; the representative's name stays out of the log). The corrected
// seat keeps the rules of `seat` against the other seats (ValidationError, 65); a role is not
// changed to or from the leading role (unseat and seat instead), and a seat that ended early
// does not start after it ended. When its start moves, so does the secretariat recorded with it.
// Unknown seat: NotFoundError (3).
SeatEdited edit_seat(store::Store& store, std::int64_t seat_id, const SeatChanges& changes,
                     const std::string& reason);

// ---- Observers ---------------------------------------------------------------------------------

struct ObserverRequest {
    std::string name;
    std::string institution;
    std::string email;
    std::string gender = "undisclosed";
    std::optional<Date> from;
};

std::int64_t add_observer(store::Store& store, const ObserverRequest& request);
// Ends an observer's time on `on` (default today). Unknown: NotFoundError (3); already ended,
// or `on` before it started: ValidationError (65).
void end_observer(store::Store& store, std::int64_t id, const std::string& reason,
                  std::optional<Date> on);

// The fields of an observer to correct (only those given).
struct ObserverChanges {
    std::optional<std::string> name;
    std::optional<std::string> institution;
    std::optional<std::string> email;  // empty: none
    std::optional<std::string> gender;
    std::optional<Date> from;
    std::optional<Date> until;  // only for an observer who ended
};
// Corrects an observer's record, audited with the reason when given (the fields changed, never
// their values: the person's data stays out of the log). Unknown: NotFoundError (3); invalid or
// nothing to change: ValidationError (65).
void edit_observer(store::Store& store, std::int64_t id, const ObserverChanges& changes,
                   const std::optional<std::string>& reason);
// Deletes an observer entered by mistake (one who observed and left is ended, not deleted);
// audited with the reason, which is required. Unknown: NotFoundError (3).
void delete_observer(store::Store& store, std::int64_t id, const std::string& reason);

// ---- Elections ---------------------------------------------------------------------------------

struct ElectionRequest {
    std::string role;
    int seats = 1;
    std::optional<double> quorum;                // default: the configuration's
    std::optional<config::Threshold> threshold;  // default: the configuration's
    std::optional<Date> opened_on;
    std::string title;
};

std::int64_t open_election(store::Store& store, const ElectionRequest& request);

struct CandidateOutcome {
    std::string member_id;
    bool interested = false;  // the member expressed interest in the role (candidates normally did)
};
// Adds a candidate (an active member, by reference) represented by one of its contacts (a
// contact reference; empty: its primary contact).
CandidateOutcome add_candidate(store::Store& store, std::int64_t election,
                               const std::string& member, const std::string& representative);
// Records one member's ballot: up to `seats` candidates (member references), or none for a
// blank ballot. Returns the voter's id. One vote per organisation, checked in the transaction
// that records it.
std::string cast_vote(store::Store& store, std::int64_t election, const std::string& voter,
                      const std::vector<std::string>& candidates);

// Voids the valid ballot of a voter (a member reference) in an open election, with the reason
// (required): the ballot stays in the record, marked void on today's date, and no longer counts;
// the voter may then vote again. Returns the voter's id. Unknown election, or no valid ballot of
// the voter: NotFoundError (3); a closed election (its result stands) or one that records a
// tally: ValidationError (65).
std::string void_ballot(store::Store& store, std::int64_t election, const std::string& voter,
                        const std::string& reason);

// Withdraws a candidate (a member reference) from an open election, with the reason (required):
// it stays in the record, marked withdrawn on today's date, is no longer electable and its
// votes are not counted (a ballot naming only withdrawn candidates counts as blank; in a tally
// of a one-seat election its votes count as blank ballots). Returns the member's id. Unknown
// election or not a candidate: NotFoundError (3); closed election or already withdrawn:
// ValidationError (65).
std::string withdraw_candidate(store::Store& store, std::int64_t election,
                               const std::string& member, const std::string& reason);

struct TallyRequest {
    std::int64_t ballots = 0;  // organisations that voted
    std::int64_t blank = 0;
    std::vector<std::pair<std::string, std::int64_t>> votes;  // candidate reference, votes
};
// Records the counts of a vote held on paper or elsewhere (replaces an earlier tally).
void record_tally(store::Store& store, std::int64_t election, const TallyRequest& request);

struct CloseOutcome {
    Count count;
    std::vector<std::int64_t> seats;  // seats given to the elected
    bool secretariat_recorded = false;
};
// Closes an election on `on` (default today): stores the result; seats the elected (ending a
// seat they held, and the previous holder of the leading role); records the secretariat when
// the configuration says the coordinator's organisation serves as secretariat.
CloseOutcome close_election(store::Store& store, std::int64_t election, std::optional<Date> on);

// ---- Read-only queries (also used by reports) -------------------------------------------------

// Seats held on a date, leading role first, then by role order of the configuration and name.
[[nodiscard]] std::vector<Seat> committee_as_of(store::Store& store, Date date);
// Every seat, oldest first; only the seats of the member a reference names when given
// (NotFoundError when it names none).
[[nodiscard]] std::vector<Seat> seat_history(store::Store& store,
                                             const std::optional<std::string>& member);
[[nodiscard]] std::vector<Observer> observers_as_of(store::Store& store, Date date);
[[nodiscard]] std::vector<Observer> list_observers(store::Store& store);
[[nodiscard]] std::optional<SecretariatTerm> secretariat_as_of(store::Store& store, Date date);

// The committee on a date (`committee show`): its seats, observers and secretariat.
struct Committee {
    Date as_of{};
    std::vector<Seat> seats;
    std::vector<Observer> observers;
    std::optional<SecretariatTerm> secretariat;
};
// As of `date`, default today.
[[nodiscard]] Committee committee_on(store::Store& store, std::optional<Date> date);

[[nodiscard]] Election get_election(store::Store& store, std::int64_t id);
// Elections open at some time within [from, to] (both optional), oldest first.
[[nodiscard]] std::vector<Election> list_elections(store::Store& store,
                                                   std::optional<Date> from = std::nullopt,
                                                   std::optional<Date> to = std::nullopt);

// `nacsa committee check`: every configured rule, as of a date.
[[nodiscard]] std::vector<output::Finding> check_committee(store::Store& store, Date as_of);

// The rule ids `check_committee` may report (stable; documented in nacsa-committee(1)).
inline const std::vector<std::string> k_check_rules = {
    "seat-count",           "no-coordinator",     "coordinator-not-secretariat",
    "gender-balance",       "theme-without-seat", "region-without-seat",
    "inactive-member-seat", "term-ending",        "observer-counted-as-member",
    "role-holders",         "role-unknown",       "observer-seat-disabled"};

// What uses a configured role: seats held today or later ("seat of <member>") and elections
// still open ("election <id>"); empty for other kinds of key.
[[nodiscard]] std::vector<std::string> key_users(store::Store& store, config::KeyKind kind,
                                                 const std::string& key);

}  // namespace nacsa::governance
