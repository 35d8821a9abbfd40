// SPDX-License-Identifier: Apache-2.0
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>

#include "config/alliance.hpp"
#include "core/error.hpp"
#include "core/names.hpp"
#include "core/text.hpp"
#include "governance/detail.hpp"
#include "governance/governance.hpp"
#include "members/census.hpp"
#include "members/interest.hpp"
#include "members/lookup.hpp"
#include "store/sql.hpp"

namespace nacsa::governance {

namespace {

constexpr std::array<std::string_view, 6> k_result_names = {
    "pending", "elected", "tie", "quorum_not_reached", "no_majority", "no_votes"};
constexpr std::array<std::string_view, 2> k_mode_names = {"ballots", "tally"};

}  // namespace

std::string result_name(ElectionResult r) {
    return std::string(k_result_names.at(static_cast<std::size_t>(r)));
}

std::optional<ElectionResult> parse_result(std::string_view name) {
    return enum_named<ElectionResult>(k_result_names, name);
}

std::string mode_name(VoteMode mode) {
    return std::string(k_mode_names.at(static_cast<std::size_t>(mode)));
}

std::optional<VoteMode> parse_mode(std::string_view name) {
    return enum_named<VoteMode>(k_mode_names, name);
}

// ---- Loading -----------------------------------------------------------------------------------

namespace {

Election election_row(SQLite::Statement& q) {
    Election e;
    e.id = q.getColumn(0).getInt64();
    e.role = q.getColumn(1).getString();
    e.seats = q.getColumn(2).getInt();
    e.quorum = q.getColumn(3).getDouble();
    e.threshold = config::parse_threshold(q.getColumn(4).getString())
                      .value_or(config::Threshold::simple_majority);
    e.opened_on = store::date(q.getColumn(5));
    e.closed_on = store::optional_date(q.getColumn(6));
    e.title = store::text(q.getColumn(7));
    e.mode = parse_mode(store::text(q.getColumn(8)));
    e.ballots = store::optional_int64(q.getColumn(9)).value_or(0);
    e.blank = store::optional_int64(q.getColumn(10)).value_or(0);
    e.electorate = store::optional_int64(q.getColumn(11)).value_or(0);
    e.result = parse_result(store::text(q.getColumn(12))).value_or(ElectionResult::pending);
    return e;
}

// The election's candidates in the order they were added, then by name.
std::vector<Candidate> candidates_of(store::Store& store, std::int64_t election) {
    SQLite::Statement c(store.db(),
                        "SELECT member_id, contact_id, IFNULL(votes, 0), elected, added_on, "
                        "withdrawn_on, withdraw_reason FROM candidate WHERE election_id = ?");
    c.bind(1, static_cast<int64_t>(election));
    std::vector<std::pair<std::string, Candidate>> rows;  // (added_on, candidate)
    std::vector<std::string> member_ids;
    std::vector<std::int64_t> contact_ids;
    while (c.executeStep()) {
        Candidate cand;
        cand.member_id = c.getColumn(0).getString();
        cand.contact_id = store::optional_int64(c.getColumn(1));
        cand.votes = c.getColumn(2).getInt64();
        cand.elected = c.getColumn(3).getInt() != 0;
        cand.withdrawn_on = store::optional_date(c.getColumn(5));
        cand.withdraw_reason = store::text(c.getColumn(6));
        member_ids.push_back(cand.member_id);
        if (cand.contact_id) {
            contact_ids.push_back(*cand.contact_id);
        }
        rows.emplace_back(c.getColumn(4).getString(), std::move(cand));
    }
    const auto refs = members::member_refs(store, member_ids);
    const auto people = members::people(store, contact_ids);
    for (auto& [added, cand] : rows) {
        if (const auto m = refs.find(cand.member_id); m != refs.end()) {
            cand.member_name = m->second.name;
        }
        if (cand.contact_id) {
            if (const auto p = people.find(*cand.contact_id); p != people.end()) {
                cand.representative = p->second.name;
            }
        }
    }
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
        return std::tie(a.first, a.second.member_name) < std::tie(b.first, b.second.member_name);
    });
    std::vector<Candidate> out;
    out.reserve(rows.size());
    for (auto& row : rows) {
        out.push_back(std::move(row.second));
    }
    return out;
}

std::vector<VoidedBallot> voided_of(store::Store& store, std::int64_t election) {
    SQLite::Statement q(store.db(),
                        "SELECT voter_id, MIN(cast_on), voided_on, MIN(void_reason) FROM vote "
                        "WHERE election_id = ? AND voided_on IS NOT NULL "
                        "GROUP BY voter_id, voided_on, void_reason ORDER BY MIN(id)");
    q.bind(1, static_cast<int64_t>(election));
    std::vector<VoidedBallot> out;
    while (q.executeStep()) {
        out.push_back({q.getColumn(0).getString(), store::date(q.getColumn(1)),
                       store::date(q.getColumn(2)), store::text(q.getColumn(3))});
    }
    return out;
}

const Candidate* find_candidate(const Election& e, const std::string& member) {
    for (const auto& c : e.candidates) {
        if (c.member_id == member) {
            return &c;
        }
    }
    return nullptr;
}

}  // namespace

Election detail::load_election(store::Store& store, std::int64_t id) {
    SQLite::Statement q(
        store.db(),
        "SELECT id, role, seats, quorum, threshold, opened_on, closed_on, title, mode, ballots, "
        "blank, electorate, result FROM election WHERE id = ?");
    q.bind(1, static_cast<int64_t>(id));
    if (!q.executeStep()) {
        throw NotFoundError(msg("no election {} (see 'nacsa committee election list')", id));
    }
    Election e = election_row(q);
    e.candidates = candidates_of(store, id);
    e.voided = voided_of(store, id);
    return e;
}

void detail::require_open(const Election& e) {
    if (!e.is_open()) {
        throw ValidationError({Diagnostic{
            .field = "election",
            .message = msg("election {} was closed on {}", e.id, format_date(*e.closed_on))}});
    }
}

// ---- Opening, candidates ----------------------------------------------------------------------

namespace {

void check_election(const config::Alliance& alliance, const ElectionRequest& request,
                    double quorum) {
    Diagnostics problems;
    const auto* role = alliance.find_role(request.role);
    if (role == nullptr) {
        problems.add(detail::unknown_role(alliance, request.role, "role"));
    }
    if (request.seats < 1) {
        problems.add({.field = "seats", .message = msg("at least one seat is elected")});
    } else if (role != nullptr) {
        const auto limit = detail::holder_limit(*role);
        if (limit && request.seats > *limit) {
            problems.add(
                {.field = "seats",
                 .message = *limit == 1 ? msg("role \"{}\" has at most 1 holder; cannot elect {}",
                                              role->key, request.seats)
                                        : msg("role \"{}\" has at most {} holders; cannot elect {}",
                                              role->key, *limit, request.seats)});
        }
    }
    if (!(quorum >= 0.0 && quorum <= 1.0)) {
        problems.add(
            {.field = "quorum", .message = msg("the quorum is a fraction between 0 and 1")});
    }
    problems.throw_if_any();
}

}  // namespace

std::int64_t open_election(store::Store& store, const ElectionRequest& request) {
    std::int64_t id = 0;
    store.transaction([&] {
        const auto& alliance = store.alliance();
        const double quorum = request.quorum.value_or(alliance.elections.quorum);
        const auto threshold =
            config::threshold_name(request.threshold.value_or(alliance.elections.threshold));
        check_election(alliance, request, quorum);
        const Date opened = request.opened_on.value_or(store.today());
        SQLite::Statement ins(
            store.db(),
            "INSERT INTO election (role, seats, quorum, threshold, opened_on, title, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
        ins.bind(1, request.role);
        ins.bind(2, request.seats);
        ins.bind(3, quorum);
        ins.bind(4, threshold);
        store::bind(ins, 5, opened);
        store::bind_nonempty(ins, 6, request.title);
        ins.bind(7, format_timestamp(now()));
        ins.exec();
        id = store.db().getLastInsertRowid();
        store.audit("election", std::to_string(id),
                    fmt::format("opened election {} for {} ({} seat{}, quorum {}, {})", id,
                                request.role, request.seats, request.seats == 1 ? "" : "s",
                                detail::percent(quorum), threshold));
    });
    return id;
}

namespace {

// Only an active member stands, once per election.
void check_candidate(store::Store& store, const Election& e, const std::string& member_id,
                     Date day) {
    const auto status = members::status_on(store, member_id, day);
    if (status != members::MemberStatus::active) {
        throw ValidationError(
            {Diagnostic{.field = "member",
                        .message = msg("{} is {}, not an active member; only active "
                                       "members stand for election",
                                       member_id, detail::status_text(status))}});
    }
    if (const auto* c = find_candidate(e, member_id); c != nullptr) {
        throw ValidationError({Diagnostic{
            .field = "member",
            .message = c->withdrawn() ? msg("{} withdrew from election {} on {}", member_id, e.id,
                                            format_date(*c->withdrawn_on))
                                      : msg("{} already stands in election {}", member_id, e.id)}});
    }
}

// The contact a reference names, else the member's primary (or only) contact.
std::int64_t representative_of(store::Store& store, const std::string& member_id,
                               const std::string& representative) {
    if (!representative.empty()) {
        return members::resolve_contact(store, member_id, representative, "representative").id;
    }
    if (const auto contact = members::default_contact(store, member_id)) {
        return contact->id;
    }
    throw ValidationError({Diagnostic{.field = "representative",
                                      .message = msg("{} has no primary contact; name the "
                                                     "representative with --representative",
                                                     member_id)}});
}

// Whether the member offered to serve in the election's role: as coordinator or secretariat
// for the leading role, on the committee for the others.
bool interested_in(store::Store& store, const Election& e, const std::string& member_id) {
    using members::InterestKind;
    const auto* role = store.alliance().find_role(e.role);
    if (role != nullptr && role->leading) {
        return members::expressed_interest(store, member_id, InterestKind::coordinator) ||
               members::expressed_interest(store, member_id, InterestKind::secretariat);
    }
    return members::expressed_interest(store, member_id, InterestKind::steering_committee);
}

}  // namespace

CandidateOutcome add_candidate(store::Store& store, std::int64_t election,
                               const std::string& member_ref, const std::string& representative) {
    CandidateOutcome out;
    store.transaction([&] {
        const auto e = detail::load_election(store, election);
        const auto member = members::resolve_member(store, member_ref);
        detail::require_open(e);
        const Date day = store.today();
        check_candidate(store, e, member.id, day);
        const auto contact = representative_of(store, member.id, representative);
        SQLite::Statement ins(store.db(),
                              "INSERT INTO candidate (election_id, member_id, contact_id, "
                              "added_on) VALUES (?, ?, ?, ?)");
        ins.bind(1, static_cast<int64_t>(election));
        ins.bind(2, member.id);
        ins.bind(3, static_cast<int64_t>(contact));
        store::bind(ins, 4, day);
        ins.exec();
        store.audit("election", std::to_string(election),
                    fmt::format("{} stands in election {}", member.id, election));
        out = {member.id, interested_in(store, e, member.id)};
    });
    return out;
}

// ---- Votes -------------------------------------------------------------------------------------

namespace {

// A candidate a ballot or a tally names (a member id where the reference names a member): one
// of the election's, named once (`twice`: the N_ message "{} is named twice" or the like).
void check_named(const Election& e, const std::string& named, std::set<std::string>& seen,
                 const std::string& field, const char* twice, Diagnostics& problems) {
    const auto* candidate = find_candidate(e, named);
    if (candidate == nullptr) {
        problems.add({.field = field,
                      .message = msg("\"{}\" is not a candidate in election {}",
                                     text::escape_control(named), e.id)});
    } else if (candidate->withdrawn()) {
        problems.add({.field = field,
                      .message = msg("{} withdrew from election {} on {}", named, e.id,
                                     format_date(*candidate->withdrawn_on))});
    } else if (!seen.insert(named).second) {
        problems.add({.field = field, .message = Message::translatable(twice, {named})});
    }
}

void check_ballot(store::Store& store, const Election& e, const std::string& voter,
                  const std::vector<std::string>& chosen, Date day) {
    Diagnostics problems;
    if (e.mode == VoteMode::tally) {
        problems.add(
            {.field = "election",
             .message =
                 msg("election {} records its votes as a tally; ballots cannot be added", e.id)});
    }
    const auto status = members::status_on(store, voter, day);
    if (status != members::MemberStatus::active) {
        problems.add({.field = "voter",
                      .message = msg("{} is {}, not a voting member (one vote per active member)",
                                     voter, detail::status_text(status))});
    }
    SQLite::Statement voted(
        store.db(),
        "SELECT cast_on FROM vote WHERE election_id = ? AND voter_id = ? AND voided_on IS NULL "
        "LIMIT 1");
    voted.bind(1, static_cast<int64_t>(e.id));
    voted.bind(2, voter);
    if (voted.executeStep()) {
        problems.add(
            {.field = "voter",
             .message = msg("{} already voted in election {} (on {}); one vote per organisation",
                            voter, e.id, voted.getColumn(0).getString())});
    }
    std::set<std::string> seen;
    for (const auto& c : chosen) {
        check_named(e, c, seen, "for", N_("{} is named twice"), problems);
    }
    if (static_cast<int>(chosen.size()) > e.seats) {
        problems.add(
            {.field = "for",
             .message =
                 e.seats == 1
                     ? msg("a ballot names at most 1 candidate in election {}", e.id)
                     : msg("a ballot names at most {} candidates in election {}", e.seats, e.id)});
    }
    problems.throw_if_any();
}

void set_mode(store::Store& store, std::int64_t election, VoteMode mode) {
    SQLite::Statement u(store.db(), "UPDATE election SET mode = ? WHERE id = ?");
    u.bind(1, mode_name(mode));
    u.bind(2, static_cast<int64_t>(election));
    u.exec();
}

}  // namespace

std::string cast_vote(store::Store& store, std::int64_t election, const std::string& voter_ref,
                      const std::vector<std::string>& candidates) {
    std::string voter;
    store.transaction([&] {
        const auto e = detail::load_election(store, election);
        voter = members::resolve_member(store, voter_ref).id;
        detail::require_open(e);
        std::vector<std::string> chosen;
        chosen.reserve(candidates.size());
        for (const auto& c : candidates) {
            chosen.push_back(detail::member_id_or_text(store, c));
        }
        const Date day = store.today();
        check_ballot(store, e, voter, chosen, day);
        SQLite::Statement ins(
            store.db(),
            "INSERT INTO vote (election_id, voter_id, candidate_id, cast_on) VALUES (?, ?, ?, ?)");
        auto insert = [&](const std::optional<std::string>& candidate) {
            ins.reset();
            ins.clearBindings();
            ins.bind(1, static_cast<int64_t>(election));
            ins.bind(2, voter);
            store::bind(ins, 3, candidate);
            store::bind(ins, 4, day);
            ins.exec();
        };
        if (chosen.empty()) {
            insert(std::nullopt);
        }
        for (const auto& c : chosen) {
            insert(c);
        }
        if (!e.mode) {
            set_mode(store, election, VoteMode::ballots);
        }
        // The ballot is secret: the log says who voted, not for whom.
        store.audit("election", std::to_string(election),
                    fmt::format("{} voted in election {}", voter, election));
    });
    return voter;
}

// ---- Corrections -------------------------------------------------------------------------------

namespace {

std::string required_reason(const std::string& reason) {
    std::string trimmed(text::trim(reason));
    if (trimmed.empty()) {
        throw ValidationError(
            {Diagnostic{.field = "reason", .message = msg("a reason is required")}});
    }
    return trimmed;
}

// An election whose record may still be corrected: open (a closed election's result stands).
void require_correctable(const Election& e, const char* what) {
    if (!e.is_open()) {
        throw ValidationError(
            {Diagnostic{.field = "election",
                        .message = msg("election {} was closed on {}: {} (its result stands)", e.id,
                                       format_date(*e.closed_on), what)}});
    }
}

}  // namespace

std::string void_ballot(store::Store& store, std::int64_t election, const std::string& voter_ref,
                        const std::string& reason) {
    std::string voter;
    store.transaction([&] {
        const auto e = detail::load_election(store, election);
        voter = members::resolve_member(store, voter_ref).id;
        const auto why = required_reason(reason);
        require_correctable(e, "its ballots can no longer be voided");
        if (e.mode == VoteMode::tally) {
            throw ValidationError(
                {Diagnostic{.field = "election",
                            .message = msg("election {} records its votes as a tally, not ballots; "
                                           "record the tally again",
                                           election)}});
        }
        const Date day = store.today();
        SQLite::Statement u(store.db(),
                            "UPDATE vote SET voided_on = ?, void_reason = ? WHERE election_id = ? "
                            "AND voter_id = ? AND voided_on IS NULL");
        store::bind(u, 1, day);
        u.bind(2, why);
        u.bind(3, static_cast<int64_t>(election));
        u.bind(4, voter);
        if (u.exec() == 0) {
            const bool voided =
                std::any_of(e.voided.begin(), e.voided.end(),
                            [&](const VoidedBallot& b) { return b.voter_id == voter; });
            throw NotFoundError(msg("{} has no valid ballot in election {}{}", voter, election,
                                    voided ? msg(" (its ballot was voided)") : Message()));
        }
        store.audit("election", std::to_string(election),
                    fmt::format("voided the ballot of {} in election {}; reason: {}", voter,
                                election, why));
    });
    return voter;
}

std::string withdraw_candidate(store::Store& store, std::int64_t election,
                               const std::string& member_ref, const std::string& reason) {
    std::string member;
    store.transaction([&] {
        const auto e = detail::load_election(store, election);
        member = detail::member_id_or_text(store, member_ref);
        const auto why = required_reason(reason);
        const auto* candidate = find_candidate(e, member);
        if (candidate == nullptr) {
            throw NotFoundError(msg("\"{}\" is not a candidate in election {}",
                                    text::escape_control(member_ref), election));
        }
        require_correctable(e, "its candidates can no longer withdraw");
        if (candidate->withdrawn()) {
            throw ValidationError(
                {Diagnostic{.field = "member",
                            .message = msg("{} already withdrew from election {} on {}", member,
                                           election, format_date(*candidate->withdrawn_on))}});
        }
        SQLite::Statement u(store.db(),
                            "UPDATE candidate SET withdrawn_on = ?, withdraw_reason = ? "
                            "WHERE election_id = ? AND member_id = ?");
        store::bind(u, 1, store.today());
        u.bind(2, why);
        u.bind(3, static_cast<int64_t>(election));
        u.bind(4, member);
        u.exec();
        store.audit("election", std::to_string(election),
                    fmt::format("{} withdrew from election {}; reason: {}", member, election, why));
    });
    return member;
}

namespace {

// The tally's counts against the electorate today and the election's seats.
void check_tally(store::Store& store, const Election& e, const TallyRequest& request) {
    Diagnostics problems;
    if (e.mode == VoteMode::ballots) {
        problems.add(
            {.field = "election",
             .message =
                 msg("election {} records ballots one by one; a tally cannot be added", e.id)});
    }
    const auto electorate =
        static_cast<std::int64_t>(members::active_on(store, store.today()).size());
    if (request.ballots < 0 || request.ballots > electorate) {
        problems.add({.field = "ballots",
                      .message = msg("{} ballots, but the electorate is {} active members",
                                     request.ballots, electorate)});
    }
    if (request.blank < 0 || request.blank > request.ballots) {
        problems.add(
            {.field = "blank",
             .message = msg("{} blank ballots out of {}", request.blank, request.ballots)});
    }
    const std::int64_t valid = request.ballots - request.blank;
    std::int64_t sum = 0;
    std::set<std::string> seen;
    for (const auto& [member, votes] : request.votes) {
        check_named(e, member, seen, "votes", N_("{} is counted twice"), problems);
        if (votes < 0 || votes > valid) {
            problems.add({.field = "votes",
                          .message = msg(
                              "{} has {} votes; each candidate has between 0 and {} (ballots less "
                              "blank ones)",
                              member, votes, valid)});
        }
        sum += votes;
    }
    if (sum > valid * e.seats) {
        problems.add({.field = "votes",
                      .message = e.seats == 1
                                     ? msg("{} votes in all, more than {} ballots naming up to 1 "
                                           "candidate allow",
                                           sum, valid)
                                     : msg("{} votes in all, more than {} ballots naming up to {} "
                                           "candidates allow",
                                           sum, valid, e.seats)});
    } else if (e.seats == 1 && sum != valid && problems.empty()) {
        problems.add(
            {.field = "votes",
             .message = msg("{} votes for candidates, but {} ballots less {} blank make {}", sum,
                            request.ballots, request.blank, valid)});
    }
    problems.throw_if_any();
}

}  // namespace

void record_tally(store::Store& store, std::int64_t election, const TallyRequest& given) {
    store.transaction([&] {
        const auto e = detail::load_election(store, election);
        detail::require_open(e);
        TallyRequest request = given;
        for (auto& [member, votes] : request.votes) {
            member = detail::member_id_or_text(store, member);
        }
        check_tally(store, e, request);
        auto& db = store.db();
        SQLite::Statement zero(db, "UPDATE candidate SET votes = 0 WHERE election_id = ?");
        zero.bind(1, static_cast<int64_t>(election));
        zero.exec();
        SQLite::Statement set(
            db, "UPDATE candidate SET votes = ? WHERE election_id = ? AND member_id = ?");
        for (const auto& [member, votes] : request.votes) {
            set.reset();
            set.bind(1, static_cast<int64_t>(votes));
            set.bind(2, static_cast<int64_t>(election));
            set.bind(3, member);
            set.exec();
        }
        SQLite::Statement u(db, "UPDATE election SET ballots = ?, blank = ? WHERE id = ?");
        u.bind(1, static_cast<int64_t>(request.ballots));
        u.bind(2, static_cast<int64_t>(request.blank));
        u.bind(3, static_cast<int64_t>(election));
        u.exec();
        set_mode(store, election, VoteMode::tally);
        store.audit("election", std::to_string(election),
                    fmt::format("tally of election {}: {} ballots, {} blank", election,
                                request.ballots, request.blank));
    });
}

// ---- Closing -----------------------------------------------------------------------------------

namespace {

// Stores the count as the election's result, closed on `day`.
void store_result(store::Store& store, const Election& e, const Count& count, Date day) {
    auto& db = store.db();
    SQLite::Statement u(
        db,
        "UPDATE election SET closed_on = ?, electorate = ?, result = ?, ballots = ?, blank = ? "
        "WHERE id = ?");
    store::bind(u, 1, day);
    u.bind(2, static_cast<int64_t>(count.electorate));
    u.bind(3, result_name(count.result));
    u.bind(4, static_cast<int64_t>(count.ballots));
    u.bind(5, static_cast<int64_t>(count.blank));
    u.bind(6, static_cast<int64_t>(e.id));
    u.exec();
    SQLite::Statement cv(
        db, "UPDATE candidate SET votes = ?, elected = ? WHERE election_id = ? AND member_id = ?");
    for (const auto& c : count.candidates) {
        cv.reset();
        cv.bind(1, static_cast<int64_t>(c.votes));
        cv.bind(2, c.elected ? 1 : 0);
        cv.bind(3, static_cast<int64_t>(e.id));
        cv.bind(4, c.member_id);
        cv.exec();
    }
    store.audit("election", std::to_string(e.id),
                fmt::format("closed election {}: {}", e.id, result_name(count.result)));
}

// Ends the seat of the leading role's holder who was not elected (succeeded on `day`).
void end_succeeded(store::Store& store, const Election& e, const Count& count, Date day) {
    const std::string today = format_date(day);
    for (const auto& s :
         detail::seat_rows(store, std::string(detail::k_held_on) + " AND s.role = ?",
                           {today, today, today, e.role})) {
        if (std::find(count.elected.begin(), count.elected.end(), s.member_id) ==
            count.elected.end()) {
            const auto reason = fmt::format("succeeded after election {}", e.id);
            detail::end_seat(
                store, s, day, reason,
                fmt::format("unseated {} ({}) from {}: {}", s.member_id, s.role, today, reason));
        }
    }
}

// Seats an elected candidate from `day`, ending a seat it holds or one to come; returns the seat.
std::int64_t seat_elected(store::Store& store, const Election& e, const Candidate& c, Date day) {
    const std::string today = format_date(day);
    for (const auto& s :
         detail::seat_rows(store,
                           "s.member_id = ? AND (s.ended_on IS NULL OR s.ended_on > ?) "
                           "AND s.term_end >= ?",
                           {c.member_id, today, today})) {
        const auto reason = fmt::format("elected {} in election {}", e.role, e.id);
        detail::end_seat(
            store, s, day, reason,
            fmt::format("unseated {} ({}) from {}: {}", s.member_id, s.role, today, reason));
    }
    if (!c.contact_id) {
        throw ValidationError(
            {Diagnostic{.field = "representative",
                        .message = msg("candidate {} has no representative", c.member_id)}});
    }
    const auto& rules = store.alliance().steering_committee;
    return detail::insert_seat(store, {c.member_id, *c.contact_id, e.role, day,
                                       detail::term_end(day, rules.term_months), e.id});
}

}  // namespace

CloseOutcome close_election(store::Store& store, std::int64_t election, std::optional<Date> on) {
    CloseOutcome outcome;
    store.transaction([&] {
        const auto e = detail::load_election(store, election);
        detail::require_open(e);
        const Date day = on.value_or(store.today());
        if (day < e.opened_on) {
            throw ValidationError(
                {Diagnostic{.field = "on",
                            .message = msg("election {} opened on {}; it cannot close before",
                                           election, format_date(e.opened_on))}});
        }
        outcome.count = detail::count_loaded(store, e, day);
        const auto& alliance = store.alliance();
        const auto* role = alliance.find_role(e.role);
        if (outcome.count.result == ElectionResult::elected && role == nullptr) {
            throw ValidationError(
                {Diagnostic{.field = "role",
                            .message = msg("role \"{}\" is no longer in the configuration; "
                                           "the elected cannot be seated",
                                           e.role)}});
        }
        store_result(store, e, outcome.count, day);
        if (outcome.count.result != ElectionResult::elected) {
            return;
        }
        if (role->leading) {
            end_succeeded(store, e, outcome.count, day);
        }
        for (const auto& c : outcome.count.candidates) {
            if (!c.elected) {
                continue;
            }
            const auto seat_id = seat_elected(store, e, c, day);
            outcome.seats.push_back(seat_id);
            if (role->leading && alliance.steering_committee.coordinator_org_is_secretariat) {
                outcome.secretariat_recorded =
                    detail::record_secretariat(store, c.member_id, day, election, seat_id) ||
                    outcome.secretariat_recorded;
            }
        }
    });
    return outcome;
}

// ---- Queries -----------------------------------------------------------------------------------

Election get_election(store::Store& store, std::int64_t id) {
    auto e = detail::load_election(store, id);
    std::vector<Candidate> withdrawn;
    for (const auto& c : e.candidates) {
        if (c.withdrawn()) {
            withdrawn.push_back(c);
            withdrawn.back().votes = 0;
            withdrawn.back().elected = false;
        }
    }
    if (e.is_open()) {
        auto count = detail::count_loaded(store, e, store.today());
        e.candidates = std::move(count.candidates);
        e.ballots = count.ballots;
        e.blank = count.blank;
        e.electorate = count.electorate;
        e.explanation = std::move(count.explanation);
    } else {
        std::erase_if(e.candidates, [](const Candidate& c) { return c.withdrawn(); });
        std::stable_sort(e.candidates.begin(), e.candidates.end(),
                         [](const Candidate& a, const Candidate& b) { return a.votes > b.votes; });
    }
    e.candidates.insert(e.candidates.end(), withdrawn.begin(), withdrawn.end());
    return e;
}

std::vector<Election> list_elections(store::Store& store, std::optional<Date> from,
                                     std::optional<Date> to) {
    SQLite::Statement q(
        store.db(),
        "SELECT id FROM election WHERE (?1 IS NULL OR closed_on IS NULL OR closed_on >= ?1) "
        "AND (?2 IS NULL OR opened_on <= ?2) ORDER BY opened_on, id");
    store::bind(q, 1, from);
    store::bind(q, 2, to);
    std::vector<std::int64_t> ids;
    while (q.executeStep()) {
        ids.push_back(q.getColumn(0).getInt64());
    }
    std::vector<Election> out;
    out.reserve(ids.size());
    for (const auto id : ids) {
        out.push_back(get_election(store, id));
    }
    return out;
}

}  // namespace nacsa::governance
