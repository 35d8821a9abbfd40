#include "meetings/detail.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/error.hpp"
#include "core/text.hpp"
#include "store/sql.hpp"

namespace nacsa::meetings::detail {

namespace {

using Statement = SQLite::Statement;

// How an invitee row and a derived invitee are matched: "m:<member id>" or "p:<person>".
std::string invitee_key(const std::optional<std::string>& member_id, const std::string& person) {
    return member_id ? "m:" + *member_id : "p:" + person;
}

}  // namespace

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

Quorum recompute_quorum(store::Store& store, const Meeting& meeting) {
    auto& db = store.db();
    Statement q(db,
                "SELECT count(*), count(*) FILTER (WHERE attendance IN ('present', 'represented')) "
                "FROM meeting_invitee WHERE meeting_id = ? AND removed = 0 AND role = 'voting'");
    q.bind(1, meeting.id);
    q.executeStep();
    const auto body = Body::parse(meeting.body).value_or(Body{});
    const Quorum quorum = compute_quorum(quorum_fraction(store, body), q.getColumn(0).getInt(),
                                         q.getColumn(1).getInt());
    Statement u(db,
                "UPDATE meeting SET quorum_fraction = ?, voting_invited = ?, voting_present = ?, "
                "quorum_required = ?, quorum_met = ? WHERE id = ?");
    u.bind(1, quorum.fraction);
    u.bind(2, quorum.voting_invited);
    u.bind(3, quorum.voting_present);
    u.bind(4, quorum.required);
    u.bind(5, quorum.met ? 1 : 0);
    u.bind(6, meeting.id);
    u.exec();
    return quorum;
}

void sync_invitees(store::Store& store, const Meeting& meeting) {
    auto& db = store.db();
    const auto body = Body::parse(meeting.body).value_or(Body{});
    const auto derived = derive_invitees(store, body, meeting.local_date());
    std::set<std::string> wanted;
    for (const auto& d : derived) {
        wanted.insert(invitee_key(d.member_id, d.person.value_or("")));
    }
    std::set<std::string> present;
    std::vector<std::int64_t> dropped;
    for (const auto& i : invitees(store, meeting.id, WithRemoved::yes)) {
        const std::string key = invitee_key(i.member_id, i.person.value_or(""));
        present.insert(key);
        if (i.source == InviteeSource::derived && wanted.count(key) == 0 && !i.attendance) {
            dropped.push_back(i.id);
        }
    }
    Statement drop(db, "DELETE FROM meeting_invitee WHERE id = ?");
    for (const auto row : dropped) {
        drop.bind(1, static_cast<std::int64_t>(row));
        drop.exec();
        drop.reset();
    }
    Statement add(db,
                  "INSERT INTO meeting_invitee (meeting_id, member_id, person, role, source) "
                  "VALUES (?, ?, ?, ?, ?)");
    for (const auto& d : derived) {
        if (present.count(invitee_key(d.member_id, d.person.value_or(""))) != 0) {
            continue;
        }
        add.bind(1, meeting.id);
        store::bind(add, 2, d.member_id);
        store::bind(add, 3, d.person);
        add.bind(4, role_name(d.role));
        add.bind(5, source_name(InviteeSource::derived));
        add.exec();
        add.reset();
    }
    recompute_quorum(store, meeting);
}

void require_status(const Meeting& meeting, std::initializer_list<MeetingStatus> allowed,
                    const std::string& what) {
    if (std::find(allowed.begin(), allowed.end(), meeting.status) == allowed.end()) {
        throw ValidationError(
            fmt::format("{} is {}: cannot {}", meeting.id, status_name(meeting.status), what));
    }
}

void require_started(const Meeting& meeting, const std::string& what) {
    if (meeting.starts_at > now()) {
        throw ValidationError(
            fmt::format("{} has not started yet (it starts {}): cannot {}", meeting.id,
                        format_local(meeting.starts_at, meeting.time_zone), what));
    }
}

}  // namespace nacsa::meetings::detail
