// SPDX-License-Identifier: Apache-2.0
#include "meetings/detail.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>

#include "core/error.hpp"
#include "core/text.hpp"
#include "members/census.hpp"
#include "store/sql.hpp"

namespace nacsa::meetings::detail {

using Statement = SQLite::Statement;

std::string now_text() {
    return format_timestamp(now());
}

std::optional<std::string> non_empty(const std::optional<std::string>& text) {
    if (!text || text::trim(*text).empty()) {
        return std::nullopt;
    }
    return std::string(text::trim(*text));
}

std::string next_id(SQLite::Database& db, const std::string& table, const std::string& prefix,
                    int year) {
    const std::string stem = fmt::format("{}-{:04}-", prefix, year);
    Statement q(db, fmt::format("SELECT id FROM {} WHERE id LIKE ?", table));
    q.bind(1, stem + "%");
    int highest = 0;
    while (q.executeStep()) {
        const auto id = q.getColumn(0).getString();
        try {
            highest = std::max(highest, std::stoi(id.substr(stem.size())));
        } catch (const std::exception&) {
        }
    }
    return fmt::format("{}{:03}", stem, highest + 1);
}

void touch(SQLite::Database& db, const std::string& id) {
    Statement q(db, "UPDATE meeting SET sequence = sequence + 1, updated_at = ? WHERE id = ?");
    q.bind(1, now_text());
    q.bind(2, id);
    q.exec();
}

void set_status(SQLite::Database& db, const std::string& id, MeetingStatus status) {
    Statement q(db, "UPDATE meeting SET status = ? WHERE id = ?");
    q.bind(1, status_name(status));
    q.bind(2, id);
    q.exec();
}

void add_history(SQLite::Database& db, const std::string& id, MeetingStatus status,
                 Seconds starts_at, const std::optional<std::string>& reason) {
    Statement q(db,
                "INSERT INTO meeting_status_history (meeting_id, status, at, starts_at, reason) "
                "VALUES (?, ?, ?, ?, ?)");
    q.bind(1, id);
    q.bind(2, status_name(status));
    q.bind(3, now_text());
    q.bind(4, format_timestamp(starts_at));
    store::bind(q, 5, reason);
    q.exec();
}

bool out_of_bodies(store::Store& store, const std::string& member_id, Date date) {
    const auto status = members::status_on(store, member_id, date);
    return status == members::MemberStatus::suspended || status == members::MemberStatus::withdrawn;
}

std::string with_reason(const std::string& summary, const std::optional<std::string>& reason) {
    const auto why = non_empty(reason);
    return why ? fmt::format("{}; reason: {}", summary, *why) : summary;
}

std::string required_reason(const std::string& reason) {
    std::string trimmed(text::trim(reason));
    if (trimmed.empty()) {
        throw ValidationError(msg("a reason is required (--reason)"));
    }
    return trimmed;
}

DecisionRef decision_of_action(store::Store& store, const std::string& typed,
                               const std::optional<std::string>& meeting_id) {
    const std::string wanted(text::trim(typed));
    std::optional<DecisionRef> ref = parse_decision_ref(wanted);
    if (!ref && meeting_id && !wanted.empty() &&
        wanted.find_first_not_of("0123456789") == std::string::npos && wanted.size() <= 5) {
        ref = DecisionRef{*meeting_id, std::stoi(wanted)};
    }
    if (!ref || ref->number <= 0) {
        throw ValidationError(
            msg("field \"decision\": \"{}\" is not a decision (MEETING#N, or N with --meeting)",
                text::escape_control(wanted)));
    }
    if (meeting_id && *meeting_id != ref->meeting_id) {
        throw ValidationError(msg("field \"decision\": {} is a decision of {}, not of {}",
                                  text::escape_control(wanted), ref->meeting_id, *meeting_id));
    }
    (void)get_decision(store, *ref);
    return *ref;
}

void require_status(const Meeting& meeting, std::initializer_list<MeetingStatus> allowed,
                    const Message& what) {
    if (std::find(allowed.begin(), allowed.end(), meeting.status) == allowed.end()) {
        throw ValidationError(
            msg("{} is {}: cannot {}", meeting.id, status_name(meeting.status), what));
    }
}

void require_started(const Meeting& meeting, const Message& what) {
    if (meeting.starts_at > now()) {
        throw ValidationError(msg("{} has not started yet (it starts {}): cannot {}", meeting.id,
                                  format_local(meeting.starts_at, meeting.time_zone), what));
    }
}

void bind_decision(SQLite::Statement& q, const Decision& d) {
    q.bind(":m", d.meeting_id);
    q.bind(":n", d.number);
    q.bind(":t", d.text);
    store::bind(q, ":f", d.tally.votes_for);
    store::bind(q, ":a", d.tally.votes_against);
    store::bind(q, ":ab", d.tally.votes_abstain);
    store::bind(
        q, ":o",
        d.outcome_set ? std::optional<std::string>(outcome_name(*d.outcome_set)) : std::nullopt);
    store::bind(q, ":act", d.activity);
}

}  // namespace nacsa::meetings::detail
