// SPDX-License-Identifier: Apache-2.0
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "core/message_list.hpp"
#include "core/text.hpp"
#include "governance/detail.hpp"
#include "governance/governance.hpp"
#include "members/census.hpp"

namespace nacsa::governance {

namespace {

bool meets_threshold(config::Threshold threshold, std::int64_t votes, std::int64_t valid) {
    if (votes <= 0) {
        return false;
    }
    switch (threshold) {
        case config::Threshold::absolute_majority:
            return 2 * votes > valid;
        case config::Threshold::two_thirds:
            return 3 * votes >= 2 * valid;
        case config::Threshold::simple_majority:
            break;
    }
    return true;  // simple majority: the most votes
}

std::string threshold_text(config::Threshold threshold) {
    switch (threshold) {
        case config::Threshold::absolute_majority:
            return "more than half of the votes cast";
        case config::Threshold::two_thirds:
            return "two thirds of the votes cast";
        case config::Threshold::simple_majority:
            break;
    }
    return "the most votes";
}

// The ballots, blank ballots and votes per candidate of an election voting ballot by ballot.
void count_ballots(store::Store& store, const Election& e, Count& count) {
    // Voided ballots do not count; a ballot naming no candidate still standing counts as blank.
    SQLite::Statement b(store.db(),
                        "SELECT COUNT(DISTINCT voter_id), COUNT(DISTINCT CASE WHEN candidate_id IN "
                        "(SELECT member_id FROM candidate c WHERE c.election_id = vote.election_id "
                        "AND c.withdrawn_on IS NULL) THEN voter_id END) FROM vote "
                        "WHERE election_id = ? AND voided_on IS NULL");
    b.bind(1, static_cast<int64_t>(e.id));
    b.executeStep();
    count.ballots = b.getColumn(0).getInt64();
    count.blank = count.ballots - b.getColumn(1).getInt64();
    std::map<std::string, std::int64_t> votes;
    SQLite::Statement v(store.db(),
                        "SELECT candidate_id, COUNT(*) FROM vote WHERE election_id = ? AND "
                        "candidate_id IS NOT NULL AND voided_on IS NULL GROUP BY candidate_id");
    v.bind(1, static_cast<int64_t>(e.id));
    while (v.executeStep()) {
        votes[v.getColumn(0).getString()] = v.getColumn(1).getInt64();
    }
    for (auto& c : count.candidates) {
        c.votes = votes[c.member_id];
    }
}

// Which candidates the seats go to, or a tie for the last of them.
void decide(const Election& e, std::int64_t valid, Count& count) {
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
    if (!count.tied.empty() && meets_threshold(e.threshold, cands[above].votes, valid)) {
        const auto left = seats - count.elected.size();
        count.result = ElectionResult::tie;
        count.explanation =
            left == 1 ? msg("tie: {} have {} votes each for {} seat; the tie is not broken by "
                            "nacsa (hold a new vote)",
                            text::join(count.tied, ", "), cands[above].votes, left)
                      : msg("tie: {} have {} votes each for {} seats; the tie is not broken by "
                            "nacsa (hold a new vote)",
                            text::join(count.tied, ", "), cands[above].votes, left);
        return;
    }
    count.tied.clear();
    if (count.elected.empty()) {
        count.result = ElectionResult::no_majority;
        count.explanation = msg("no majority: {} has {} of {} votes cast; {} needs {}",
                                cands.front().member_id, cands.front().votes, valid,
                                config::threshold_name(e.threshold), threshold_text(e.threshold));
        return;
    }
    count.result = ElectionResult::elected;
    std::vector<Message> parts;
    for (const auto& c : count.candidates) {
        if (c.elected) {
            parts.push_back(msg("{} ({} of {} votes)", c.member_id, c.votes, valid));
        }
    }
    const auto elected = join_messages(std::move(parts), ", ");
    count.explanation = count.elected.size() < seats ? msg("elected: {}; {} of {} seats filled",
                                                           elected, count.elected.size(), seats)
                                                     : msg("elected: {}", elected);
}

}  // namespace

std::string detail::percent(double share) {
    return fmt::format("{:.0f}%", share * 100.0);
}

Count detail::count_loaded(store::Store& store, const Election& e, Date as_of) {
    Count count;
    std::int64_t withdrawn_votes = 0;  // tally mode: votes recorded for withdrawn candidates
    for (const auto& c : e.candidates) {
        if (c.withdrawn()) {
            withdrawn_votes += c.votes;
        } else {
            count.candidates.push_back(c);
        }
    }
    count.electorate = e.is_open()
                           ? static_cast<std::int64_t>(members::active_on(store, as_of).size())
                           : e.electorate;
    if (e.mode == VoteMode::ballots) {
        count_ballots(store, e, count);
    } else if (e.mode == VoteMode::tally) {
        count.ballots = e.ballots;
        // A ballot of a one-seat election names one candidate: one for a withdrawn candidate
        // counts as blank. With more seats the ballots behind those votes are unknown.
        count.blank = e.blank + (e.seats == 1 ? withdrawn_votes : 0);
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
    const auto needed = static_cast<std::int64_t>(
        std::ceil(e.quorum * static_cast<double>(count.electorate) - 1e-9));
    if (count.electorate == 0 || count.ballots < needed || count.ballots == 0) {
        count.result = ElectionResult::quorum_not_reached;
        count.explanation =
            msg("quorum not reached: {} of {} voting members voted, {} needed ({})", count.ballots,
                count.electorate, std::max<std::int64_t>(needed, 1), percent(e.quorum));
        return count;
    }
    const std::int64_t valid = count.ballots - count.blank;
    if (valid == 0 || count.candidates.empty()) {
        count.result = ElectionResult::no_votes;
        count.explanation =
            msg("no votes for any candidate ({} ballots, {} blank)", count.ballots, count.blank);
        return count;
    }
    decide(e, valid, count);
    return count;
}

}  // namespace nacsa::governance
