#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "config/alliance.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "governance/detail.hpp"
#include "governance/governance.hpp"

namespace nacsa::governance {

using detail::date_column;
using detail::text_column;

std::string result_name(ElectionResult r) {
    switch (r) {
        case ElectionResult::pending:
            return "pending";
        case ElectionResult::elected:
            return "elected";
        case ElectionResult::tie:
            return "tie";
        case ElectionResult::quorum_not_reached:
            return "quorum_not_reached";
        case ElectionResult::no_majority:
            return "no_majority";
        case ElectionResult::no_votes:
            return "no_votes";
    }
    return "pending";
}

namespace {

ElectionResult parse_result(const std::string& text) {
    for (const auto r :
         {ElectionResult::elected, ElectionResult::tie, ElectionResult::quorum_not_reached,
          ElectionResult::no_majority, ElectionResult::no_votes}) {
        if (result_name(r) == text) {
            return r;
        }
    }
    return ElectionResult::pending;
}

Election load_election(SQLite::Database& db, std::int64_t id) {
    SQLite::Statement q(
        db,
        "SELECT id, role, seats, quorum, threshold, opened_on, closed_on, title, mode, ballots, "
        "blank, electorate, result FROM election WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep()) {
        throw NotFoundError(
            fmt::format("no election {} (see 'nacsa committee election list')", id));
    }
    Election e;
    e.id = q.getColumn(0).getInt64();
    e.role = q.getColumn(1).getString();
    e.seats = q.getColumn(2).getInt();
    e.quorum = q.getColumn(3).getDouble();
    e.threshold = q.getColumn(4).getString();
    e.opened_on = date_column(q.getColumn(5)).value_or(Date{});
    e.closed_on = date_column(q.getColumn(6));
    e.title = text_column(q.getColumn(7));
    e.mode = text_column(q.getColumn(8));
    e.ballots = q.getColumn(9).isNull() ? 0 : q.getColumn(9).getInt64();
    e.blank = q.getColumn(10).isNull() ? 0 : q.getColumn(10).getInt64();
    e.electorate = q.getColumn(11).isNull() ? 0 : q.getColumn(11).getInt64();
    e.result = q.getColumn(12).isNull() ? ElectionResult::pending
                                        : parse_result(q.getColumn(12).getString());
    SQLite::Statement c(
        db,
        "SELECT c.member_id, m.name, c.contact_id, ct.name, ct.erased_at, IFNULL(c.votes, 0), "
        "c.elected FROM candidate c JOIN member m ON m.id = c.member_id "
        "LEFT JOIN contact ct ON ct.id = c.contact_id WHERE c.election_id = ? ORDER BY c.added_on, "
        "m.name");
    c.bind(1, id);
    while (c.executeStep()) {
        Candidate cand;
        cand.member_id = c.getColumn(0).getString();
        cand.member_name = c.getColumn(1).getString();
        if (!c.getColumn(2).isNull()) {
            cand.contact_id = c.getColumn(2).getInt64();
        }
        cand.representative = c.getColumn(4).isNull() ? text_column(c.getColumn(3)) : std::string{};
        cand.votes = c.getColumn(5).getInt64();
        cand.elected = c.getColumn(6).getInt() != 0;
        e.candidates.push_back(std::move(cand));
    }
    return e;
}

void require_open(const Election& e) {
    if (!e.is_open()) {
        throw ValidationError(
            {Diagnostic{.field = "election",
                        .message = fmt::format("election {} was closed on {}", e.id,
                                               format_date(*e.closed_on))}});
    }
}

const Candidate* find_candidate(const Election& e, const std::string& member) {
    for (const auto& c : e.candidates) {
        if (c.member_id == member) {
            return &c;
        }
    }
    return nullptr;
}

bool meets_threshold(const std::string& threshold, std::int64_t votes, std::int64_t valid) {
    if (votes <= 0) {
        return false;
    }
    if (threshold == "absolute_majority") {
        return 2 * votes > valid;
    }
    if (threshold == "two_thirds") {
        return 3 * votes >= 2 * valid;
    }
    return true;  // simple majority: the most votes
}

std::string threshold_text(const std::string& threshold) {
    if (threshold == "absolute_majority") {
        return "more than half of the votes cast";
    }
    if (threshold == "two_thirds") {
        return "two thirds of the votes cast";
    }
    return "the most votes";
}

std::string percent(double share) {
    return fmt::format("{:.0f}%", share * 100.0);
}

}  // namespace

std::int64_t open_election(store::Store& store, const ElectionRequest& request) {
    const auto& alliance = store.alliance();
    Diagnostics problems;
    const auto* role = alliance.find_role(request.role);
    if (role == nullptr) {
        std::vector<std::string> keys;
        for (const auto& r : alliance.roles) {
            keys.push_back(r.key);
        }
        problems.add(
            {.field = "role",
             .message = fmt::format("\"{}\" is not a role of this alliance (known: {})",
                                    text::escape_control(request.role), text::join(keys, ", "))});
    }
    if (request.seats < 1) {
        problems.add({.field = "seats", .message = "at least one seat is elected"});
    } else if (role != nullptr) {
        const std::optional<int> limit = role->leading ? std::optional<int>(1) : role->max_holders;
        if (limit && request.seats > *limit) {
            problems.add(
                {.field = "seats",
                 .message = fmt::format("role \"{}\" has at most {} holder{}; cannot elect {}",
                                        role->key, *limit, *limit == 1 ? "" : "s", request.seats)});
        }
    }
    const double quorum = request.quorum.value_or(alliance.elections.quorum);
    if (!(quorum >= 0.0 && quorum <= 1.0)) {
        problems.add({.field = "quorum", .message = "the quorum is a fraction between 0 and 1"});
    }
    const std::string threshold =
        request.threshold.value_or(config::threshold_name(alliance.elections.threshold));
    if (!config::parse_threshold(threshold)) {
        problems.add({.field = "threshold",
                      .message = fmt::format(
                          "\"{}\" is not a threshold (known: simple_majority, absolute_majority, "
                          "two_thirds)",
                          text::escape_control(threshold))});
    }
    problems.throw_if_any();
    const Date opened = request.opened_on.value_or(detail::today_in(store));
    std::int64_t id = 0;
    store.transaction([&] {
        SQLite::Statement ins(
            store.db(),
            "INSERT INTO election (role, seats, quorum, threshold, opened_on, title, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
        ins.bind(1, request.role);
        ins.bind(2, request.seats);
        ins.bind(3, quorum);
        ins.bind(4, threshold);
        ins.bind(5, format_date(opened));
        if (!request.title.empty()) {
            ins.bind(6, request.title);
        }
        ins.bind(7, format_timestamp(now()));
        ins.exec();
        id = store.db().getLastInsertRowid();
        store.audit(
            "election", std::to_string(id),
            fmt::format("opened election {} for {} ({} seat{}, quorum {}, {})", id, request.role,
                        request.seats, request.seats == 1 ? "" : "s", percent(quorum), threshold));
    });
    return id;
}

bool add_candidate(store::Store& store, std::int64_t election, const std::string& member_id,
                   const std::string& representative) {
    auto& db = store.db();
    const auto e = load_election(db, election);
    const auto member = detail::require_member(db, member_id);
    require_open(e);
    const Date day = detail::today_in(store);
    if (detail::member_status_on(db, member.id, day) != "active") {
        throw ValidationError({Diagnostic{
            .field = "member",
            .message = fmt::format("{} is {}, not an active member; only active "
                                   "members stand for election",
                                   member.id, detail::member_status_on(db, member.id, day))}});
    }
    if (find_candidate(e, member.id) != nullptr) {
        throw ValidationError({Diagnostic{
            .field = "member",
            .message = fmt::format("{} already stands in election {}", member.id, election)}});
    }
    std::optional<std::int64_t> contact;
    if (!representative.empty()) {
        contact = detail::find_representative(db, member, representative, "representative");
    } else {
        contact = detail::default_representative(db, member.id);
        if (!contact) {
            throw ValidationError(
                {Diagnostic{.field = "representative",
                            .message = fmt::format("{} has no primary contact; name the "
                                                   "representative with --representative",
                                                   member.id)}});
        }
    }
    const auto* role = store.alliance().find_role(e.role);
    std::vector<std::string> kinds = {"steering_committee"};
    if (role != nullptr && role->leading) {
        kinds = {"coordinator", "secretariat"};
    }
    bool interested = false;
    for (const auto& kind : kinds) {
        SQLite::Statement q(
            db,
            "SELECT 1 FROM interest WHERE member_id = ? AND kind = ? AND status != 'withdrawn'");
        q.bind(1, member.id);
        q.bind(2, kind);
        interested = interested || q.executeStep();
    }
    store.transaction([&] {
        SQLite::Statement ins(db,
                              "INSERT INTO candidate (election_id, member_id, contact_id, "
                              "added_on) VALUES (?, ?, ?, ?)");
        ins.bind(1, election);
        ins.bind(2, member.id);
        ins.bind(3, *contact);
        ins.bind(4, format_date(day));
        ins.exec();
        store.audit("election", std::to_string(election),
                    fmt::format("{} stands in election {}", member.id, election));
    });
    return interested;
}

void cast_vote(store::Store& store, std::int64_t election, const std::string& voter_id,
               const std::vector<std::string>& candidates) {
    auto& db = store.db();
    const auto e = load_election(db, election);
    const auto voter = detail::require_member(db, voter_id);
    require_open(e);
    Diagnostics problems;
    if (e.mode == "tally") {
        problems.add(
            {.field = "election",
             .message = fmt::format(
                 "election {} records its votes as a tally; ballots cannot be added", election)});
    }
    const Date day = detail::today_in(store);
    const auto status = detail::member_status_on(db, voter.id, day);
    if (status != "active") {
        problems.add(
            {.field = "voter",
             .message = fmt::format("{} is {}, not a voting member (one vote per active member)",
                                    voter.id, status)});
    }
    SQLite::Statement voted(
        db, "SELECT cast_on FROM vote WHERE election_id = ? AND voter_id = ? LIMIT 1");
    voted.bind(1, election);
    voted.bind(2, voter.id);
    if (voted.executeStep()) {
        problems.add({.field = "voter",
                      .message = fmt::format(
                          "{} already voted in election {} (on {}); one vote per organisation",
                          voter.id, election, voted.getColumn(0).getString())});
    }
    std::set<std::string> seen;
    for (const auto& c : candidates) {
        if (find_candidate(e, c) == nullptr) {
            problems.add({.field = "for",
                          .message = fmt::format("\"{}\" is not a candidate in election {}",
                                                 text::escape_control(c), election)});
        } else if (!seen.insert(c).second) {
            problems.add({.field = "for", .message = fmt::format("{} is named twice", c)});
        }
    }
    if (static_cast<int>(candidates.size()) > e.seats) {
        problems.add({.field = "for",
                      .message = fmt::format("a ballot names at most {} candidate{} in election {}",
                                             e.seats, e.seats == 1 ? "" : "s", election)});
    }
    problems.throw_if_any();
    store.transaction([&] {
        SQLite::Statement ins(
            db,
            "INSERT INTO vote (election_id, voter_id, candidate_id, cast_on) VALUES (?, ?, ?, ?)");
        auto insert = [&](const std::optional<std::string>& candidate) {
            ins.reset();
            ins.clearBindings();
            ins.bind(1, election);
            ins.bind(2, voter.id);
            if (candidate) {
                ins.bind(3, *candidate);
            }
            ins.bind(4, format_date(day));
            ins.exec();
        };
        if (candidates.empty()) {
            insert(std::nullopt);
        }
        for (const auto& c : candidates) {
            insert(c);
        }
        if (e.mode.empty()) {
            SQLite::Statement u(db, "UPDATE election SET mode = 'ballots' WHERE id = ?");
            u.bind(1, election);
            u.exec();
        }
        // The ballot is secret: the log says who voted, not for whom.
        store.audit("election", std::to_string(election),
                    fmt::format("{} voted in election {}", voter.id, election));
    });
}

void record_tally(store::Store& store, std::int64_t election, const TallyRequest& request) {
    auto& db = store.db();
    const auto e = load_election(db, election);
    require_open(e);
    Diagnostics problems;
    if (e.mode == "ballots") {
        problems.add(
            {.field = "election",
             .message = fmt::format(
                 "election {} records ballots one by one; a tally cannot be added", election)});
    }
    const auto electorate =
        static_cast<std::int64_t>(detail::active_members(db, detail::today_in(store)).size());
    if (request.ballots < 0 || request.ballots > electorate) {
        problems.add({.field = "ballots",
                      .message = fmt::format("{} ballots, but the electorate is {} active members",
                                             request.ballots, electorate)});
    }
    if (request.blank < 0 || request.blank > request.ballots) {
        problems.add(
            {.field = "blank",
             .message = fmt::format("{} blank ballots out of {}", request.blank, request.ballots)});
    }
    const std::int64_t valid = request.ballots - request.blank;
    std::int64_t sum = 0;
    std::set<std::string> seen;
    for (const auto& [member, votes] : request.votes) {
        if (find_candidate(e, member) == nullptr) {
            problems.add({.field = "votes",
                          .message = fmt::format("\"{}\" is not a candidate in election {}",
                                                 text::escape_control(member), election)});
        } else if (!seen.insert(member).second) {
            problems.add({.field = "votes", .message = fmt::format("{} is counted twice", member)});
        }
        if (votes < 0 || votes > valid) {
            problems.add({.field = "votes",
                          .message = fmt::format(
                              "{} has {} votes; each candidate has between 0 and {} (ballots less "
                              "blank ones)",
                              member, votes, valid)});
        }
        sum += votes;
    }
    if (sum > valid * e.seats) {
        problems.add({.field = "votes",
                      .message = fmt::format(
                          "{} votes in all, more than {} ballots naming up to {} candidate{} allow",
                          sum, valid, e.seats, e.seats == 1 ? "" : "s")});
    } else if (e.seats == 1 && sum != valid && problems.empty()) {
        problems.add(
            {.field = "votes",
             .message = fmt::format("{} votes for candidates, but {} ballots less {} blank make {}",
                                    sum, request.ballots, request.blank, valid)});
    }
    problems.throw_if_any();
    store.transaction([&] {
        SQLite::Statement zero(db, "UPDATE candidate SET votes = 0 WHERE election_id = ?");
        zero.bind(1, election);
        zero.exec();
        SQLite::Statement set(
            db, "UPDATE candidate SET votes = ? WHERE election_id = ? AND member_id = ?");
        for (const auto& [member, votes] : request.votes) {
            set.reset();
            set.bind(1, votes);
            set.bind(2, election);
            set.bind(3, member);
            set.exec();
        }
        SQLite::Statement u(
            db, "UPDATE election SET mode = 'tally', ballots = ?, blank = ? WHERE id = ?");
        u.bind(1, request.ballots);
        u.bind(2, request.blank);
        u.bind(3, election);
        u.exec();
        store.audit("election", std::to_string(election),
                    fmt::format("tally of election {}: {} ballots, {} blank", election,
                                request.ballots, request.blank));
    });
}

namespace {

Count count_loaded(SQLite::Database& db, const Election& e, Date as_of) {
    Count count;
    count.candidates = e.candidates;
    count.electorate = e.is_open()
                           ? static_cast<std::int64_t>(detail::active_members(db, as_of).size())
                           : e.electorate;
    if (e.mode == "ballots") {
        SQLite::Statement b(
            db,
            "SELECT COUNT(DISTINCT voter_id), COUNT(DISTINCT CASE WHEN candidate_id IS NULL THEN "
            "voter_id END) FROM vote WHERE election_id = ?");
        b.bind(1, e.id);
        b.executeStep();
        count.ballots = b.getColumn(0).getInt64();
        count.blank = b.getColumn(1).getInt64();
        std::map<std::string, std::int64_t> votes;
        SQLite::Statement v(
            db,
            "SELECT candidate_id, COUNT(*) FROM vote WHERE election_id = ? AND candidate_id IS NOT "
            "NULL GROUP BY candidate_id");
        v.bind(1, e.id);
        while (v.executeStep()) {
            votes[v.getColumn(0).getString()] = v.getColumn(1).getInt64();
        }
        for (auto& c : count.candidates) {
            c.votes = votes[c.member_id];
        }
    } else if (e.mode == "tally") {
        count.ballots = e.ballots;
        count.blank = e.blank;
    }
    std::stable_sort(count.candidates.begin(), count.candidates.end(),
                     [](const Candidate& a, const Candidate& b) {
                         if (a.votes != b.votes) {
                             return a.votes > b.votes;
                         }
                         return text::fold(a.member_name) < text::fold(b.member_name);
                     });
    for (auto& c : count.candidates) {
        c.elected = false;
    }
    const std::int64_t needed = static_cast<std::int64_t>(
        std::ceil(e.quorum * static_cast<double>(count.electorate) - 1e-9));
    if (count.electorate == 0 || count.ballots < needed || count.ballots == 0) {
        count.result = ElectionResult::quorum_not_reached;
        count.explanation = fmt::format(
            "quorum not reached: {} of {} voting members voted, {} needed ({})", count.ballots,
            count.electorate, std::max<std::int64_t>(needed, 1), percent(e.quorum));
        return count;
    }
    const std::int64_t valid = count.ballots - count.blank;
    if (valid == 0 || count.candidates.empty()) {
        count.result = ElectionResult::no_votes;
        count.explanation = fmt::format("no votes for any candidate ({} ballots, {} blank)",
                                        count.ballots, count.blank);
        return count;
    }
    const auto& cands = count.candidates;
    const auto seats = static_cast<std::size_t>(e.seats);
    // The vote count that the last seat goes to; candidates with more are in, with exactly as
    // many compete for what is left.
    std::size_t above = 0;
    if (cands.size() > seats && cands[seats - 1].votes == cands[seats].votes &&
        cands[seats].votes > 0) {
        const auto boundary = cands[seats - 1].votes;
        while (above < cands.size() && cands[above].votes > boundary) {
            ++above;
        }
        for (std::size_t i = above; i < cands.size() && cands[i].votes == boundary; ++i) {
            count.tied.push_back(cands[i].member_id);
        }
    } else {
        above = std::min(seats, cands.size());
    }
    for (std::size_t i = 0; i < above; ++i) {
        if (meets_threshold(e.threshold, cands[i].votes, valid)) {
            count.candidates[i].elected = true;
            count.elected.push_back(cands[i].member_id);
        }
    }
    const bool tie_matters =
        !count.tied.empty() && meets_threshold(e.threshold, cands[above].votes, valid);
    if (tie_matters) {
        count.result = ElectionResult::tie;
        std::vector<std::string> names;
        for (const auto& id : count.tied) {
            names.push_back(id);
        }
        count.explanation = fmt::format(
            "tie: {} have {} votes each for {} seat{}; the tie is not broken by nacsa "
            "(hold a new vote)",
            text::join(names, ", "), cands[above].votes, seats - count.elected.size(),
            seats - count.elected.size() == 1 ? "" : "s");
        return count;
    }
    count.tied.clear();
    if (count.elected.empty()) {
        count.result = ElectionResult::no_majority;
        count.explanation = fmt::format("no majority: {} has {} of {} votes cast; {} needs {}",
                                        cands.front().member_id, cands.front().votes, valid,
                                        e.threshold, threshold_text(e.threshold));
        return count;
    }
    count.result = ElectionResult::elected;
    std::vector<std::string> parts;
    for (const auto& c : count.candidates) {
        if (c.elected) {
            parts.push_back(fmt::format("{} ({} of {} votes)", c.member_id, c.votes, valid));
        }
    }
    count.explanation = fmt::format("elected: {}", text::join(parts, ", "));
    if (count.elected.size() < seats) {
        count.explanation += fmt::format("; {} of {} seats filled", count.elected.size(), seats);
    }
    return count;
}

}  // namespace

Count count_votes(store::Store& store, std::int64_t election, Date as_of) {
    auto& db = store.db();
    return count_loaded(db, load_election(db, election), as_of);
}

CloseOutcome close_election(store::Store& store, std::int64_t election, std::optional<Date> on) {
    auto& db = store.db();
    const auto e = load_election(db, election);
    require_open(e);
    const Date day = on.value_or(detail::today_in(store));
    if (day < e.opened_on) {
        throw ValidationError(
            {Diagnostic{.field = "on",
                        .message = fmt::format("election {} opened on {}; it cannot close before",
                                               election, format_date(e.opened_on))}});
    }
    CloseOutcome outcome;
    outcome.count = count_loaded(db, e, day);
    const auto& alliance = store.alliance();
    const auto* role = alliance.find_role(e.role);
    if (outcome.count.result == ElectionResult::elected && role == nullptr) {
        throw ValidationError(
            {Diagnostic{.field = "role",
                        .message = fmt::format("role \"{}\" is no longer in the configuration; "
                                               "the elected cannot be seated",
                                               e.role)}});
    }
    store.transaction([&] {
        SQLite::Statement u(
            db,
            "UPDATE election SET closed_on = ?, electorate = ?, result = ?, ballots = ?, blank = ? "
            "WHERE id = ?");
        u.bind(1, format_date(day));
        u.bind(2, outcome.count.electorate);
        u.bind(3, result_name(outcome.count.result));
        u.bind(4, outcome.count.ballots);
        u.bind(5, outcome.count.blank);
        u.bind(6, election);
        u.exec();
        SQLite::Statement cv(
            db,
            "UPDATE candidate SET votes = ?, elected = ? WHERE election_id = ? AND member_id = ?");
        for (const auto& c : outcome.count.candidates) {
            cv.reset();
            cv.bind(1, c.votes);
            cv.bind(2, c.elected ? 1 : 0);
            cv.bind(3, election);
            cv.bind(4, c.member_id);
            cv.exec();
        }
        store.audit(
            "election", std::to_string(election),
            fmt::format("closed election {}: {}", election, result_name(outcome.count.result)));
        if (outcome.count.result != ElectionResult::elected) {
            return;
        }
        const auto end_seat = [&](const Seat& s, const std::string& reason) {
            SQLite::Statement end(db, "UPDATE seat SET ended_on = ?, end_reason = ? WHERE id = ?");
            end.bind(1, format_date(day));
            end.bind(2, reason);
            end.bind(3, s.id);
            end.exec();
            store.audit("seat", std::to_string(s.id),
                        fmt::format("unseated {} ({}) from {}: {}", s.member_id, s.role,
                                    format_date(day), reason));
        };
        const std::string today_text = format_date(day);
        const std::string held_sql =
            "s.term_start <= ? AND s.term_end >= ? AND (s.ended_on IS NULL OR s.ended_on > ?)";
        if (role->leading) {
            for (const auto& s : detail::load_seats(db, held_sql + " AND s.role = ?",
                                                    {today_text, today_text, today_text, e.role})) {
                if (std::find(outcome.count.elected.begin(), outcome.count.elected.end(),
                              s.member_id) == outcome.count.elected.end()) {
                    end_seat(s, fmt::format("succeeded after election {}", election));
                }
            }
        }
        for (const auto& c : outcome.count.candidates) {
            if (!c.elected) {
                continue;
            }
            // The elected member moves to the new seat: a seat it holds, or one to come, ends.
            for (const auto& s :
                 detail::load_seats(db,
                                    "s.member_id = ? AND (s.ended_on IS NULL OR s.ended_on > ?) "
                                    "AND s.term_end >= ?",
                                    {c.member_id, today_text, today_text})) {
                end_seat(s, fmt::format("elected {} in election {}", e.role, election));
            }
            if (!c.contact_id) {
                throw ValidationError({Diagnostic{
                    .field = "representative",
                    .message = fmt::format("candidate {} has no representative", c.member_id)}});
            }
            const Date to = add_days(add_months(day, alliance.steering_committee.term_months), -1);
            const auto seat_id =
                detail::insert_seat(store, {c.member_id, *c.contact_id, e.role, day, to, election});
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

Election get_election(store::Store& store, std::int64_t id) {
    auto& db = store.db();
    auto e = load_election(db, id);
    if (e.is_open()) {
        const auto count = count_loaded(db, e, detail::today_in(store));
        e.candidates = count.candidates;
        e.ballots = count.ballots;
        e.blank = count.blank;
        e.electorate = count.electorate;
    } else {
        std::stable_sort(e.candidates.begin(), e.candidates.end(),
                         [](const Candidate& a, const Candidate& b) { return a.votes > b.votes; });
    }
    return e;
}

std::vector<Election> list_elections(store::Store& store, std::optional<Date> from,
                                     std::optional<Date> to) {
    SQLite::Statement q(
        store.db(),
        "SELECT id FROM election WHERE (?1 IS NULL OR closed_on IS NULL OR closed_on >= ?1) "
        "AND (?2 IS NULL OR opened_on <= ?2) ORDER BY opened_on, id");
    if (from) {
        q.bind(1, format_date(*from));
    }
    if (to) {
        q.bind(2, format_date(*to));
    }
    std::vector<std::int64_t> ids;
    while (q.executeStep()) {
        ids.push_back(q.getColumn(0).getInt64());
    }
    std::vector<Election> out;
    for (const auto id : ids) {
        out.push_back(get_election(store, id));
    }
    return out;
}

}  // namespace nacsa::governance
