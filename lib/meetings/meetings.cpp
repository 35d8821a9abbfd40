// SPDX-License-Identifier: Apache-2.0
// The names of the meetings' enums, and reading meetings, agendas, invitees, decisions and
// action items.
#include "meetings/meetings.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "core/error.hpp"
#include "core/names.hpp"
#include "core/text.hpp"
#include "meetings/detail.hpp"
#include "members/census.hpp"
#include "members/lookup.hpp"
#include "store/sql.hpp"

namespace nacsa::meetings {

namespace {

using Statement = SQLite::Statement;

template <typename Enum>
const std::string& name_in(const std::vector<std::string>& names, Enum value) {
    return names.at(static_cast<std::size_t>(value));
}

// A stored name of an enum; another value is a damaged store (StoreError, exit 74).
template <typename Enum>
Enum stored(const std::vector<std::string>& names, const SQLite::Column& column) {
    const std::string name = column.getString();
    if (const auto value = enum_named<Enum>(names, name)) {
        return *value;
    }
    throw StoreError(msg("the store holds \"{}\" where one of {} belongs (damaged store?)", name,
                         text::join(names, ", ")));
}

template <typename Enum>
std::optional<Enum> stored_optional(const std::vector<std::string>& names,
                                    const SQLite::Column& column) {
    if (column.isNull()) {
        return std::nullopt;
    }
    return stored<Enum>(names, column);
}

constexpr const char* k_meeting_columns =
    "id, uid, title, kind, body, starts_at, time_zone, duration_minutes, place, online_link, "
    "format, language, status, series_id, sequence, minutes, minutes_file, minutes_at, "
    "attendance_at, held_at, created_at, updated_at";

Meeting read_meeting(Statement& q) {
    Meeting m;
    m.id = q.getColumn(0).getString();
    m.uid = q.getColumn(1).getString();
    m.title = q.getColumn(2).getString();
    m.kind = q.getColumn(3).getString();
    m.body = q.getColumn(4).getString();
    m.starts_at = parse_timestamp(q.getColumn(5).getString()).value_or(Seconds{});
    m.time_zone = q.getColumn(6).getString();
    m.duration_minutes = q.getColumn(7).getInt();
    m.place = store::optional_text(q.getColumn(8));
    m.online_link = store::optional_text(q.getColumn(9));
    m.format = stored<MeetingFormat>(k_formats, q.getColumn(10));
    m.language = store::optional_text(q.getColumn(11));
    m.status = stored<MeetingStatus>(k_meeting_statuses, q.getColumn(12));
    m.series_id = store::optional_text(q.getColumn(13));
    m.sequence = q.getColumn(14).getInt();
    m.minutes = store::optional_text(q.getColumn(15));
    m.minutes_file = store::optional_text(q.getColumn(16));
    m.minutes_at = store::optional_text(q.getColumn(17));
    m.attendance_at = store::optional_text(q.getColumn(18));
    m.held_at = store::optional_text(q.getColumn(19));
    m.created_at = q.getColumn(20).getString();
    m.updated_at = q.getColumn(21).getString();
    return m;
}

constexpr const char* k_action_columns =
    "a.id, a.meeting_id, a.body, a.title, a.owner_member, a.owner_person, a.due, a.status, "
    "a.opened_on, a.closed_on, a.note, a.decision";

ActionItem read_action(Statement& q) {
    ActionItem a;
    a.id = q.getColumn(0).getString();
    a.meeting_id = store::optional_text(q.getColumn(1));
    a.body = store::optional_text(q.getColumn(2));
    a.title = q.getColumn(3).getString();
    a.owner_member = store::optional_text(q.getColumn(4));
    a.owner_person = store::optional_text(q.getColumn(5));
    a.due = store::optional_date(q.getColumn(6));
    a.status = stored<ActionStatus>(k_action_statuses, q.getColumn(7));
    a.opened_on = store::date(q.getColumn(8));
    a.closed_on = store::optional_date(q.getColumn(9));
    a.note = store::optional_text(q.getColumn(10));
    a.decision = store::optional_int(q.getColumn(11));
    return a;
}

// How a stored invitee row and a derived invitee are matched: "m:<member id>" or "p:<person>".
std::string invitee_key(const std::optional<std::string>& member_id,
                        const std::optional<std::string>& person) {
    return member_id ? "m:" + *member_id : "p:" + person.value_or("");
}

// The stored rows of a meeting's invitees: explicit additions and removals, and attendance.
// `q`: stored_invitees_statement().
std::vector<Invitee> stored_invitees(Statement& q, const std::string& id) {
    q.reset();
    q.bind(1, id);
    std::vector<Invitee> out;
    while (q.executeStep()) {
        Invitee i;
        i.id = q.getColumn(0).getInt64();
        i.member_id = store::optional_text(q.getColumn(1));
        i.person = store::optional_text(q.getColumn(2));
        i.role = stored<InviteeRole>(k_invitee_roles, q.getColumn(3));
        i.source = stored<InviteeSource>(k_invitee_sources, q.getColumn(4));
        i.removed = q.getColumn(5).getInt() != 0;
        i.attendance = stored_optional<Attendance>(k_attendance, q.getColumn(6));
        i.represented_by = store::optional_text(q.getColumn(7));
        out.push_back(std::move(i));
    }
    return out;
}

int role_rank(InviteeRole role) {
    return role == InviteeRole::voting ? 0 : role == InviteeRole::observer ? 1 : 2;
}

}  // namespace

const std::string& status_name(MeetingStatus status) {
    return name_in(k_meeting_statuses, status);
}
std::optional<MeetingStatus> parse_meeting_status(std::string_view name) {
    return enum_named<MeetingStatus>(k_meeting_statuses, name);
}
const char* kind_msgid(const std::string& kind) {
    static const std::map<std::string, const char*> labels = {
        {"steering_committee", N_("Steering Committee meeting")},
        {"general_assembly", N_("General assembly")},
        {"working_group", N_("Working group meeting")},
        {"government_consultation", N_("Government consultation")},
        {"capacity_building", N_("Capacity-building session")},
        {"constructive_dialogue", N_("Constructive Dialogue")},
        {"multistakeholder_preparation_day", N_("Multistakeholder preparation day")},
        {"cop_side_event", N_("Conference of the Parties side event")},
        {"regional_network_meeting", N_("Regional network meeting")},
        {"other", N_("Other meeting")},
    };
    const auto it = labels.find(kind);
    return it == labels.end() ? nullptr : it->second;
}

const std::string& format_name(MeetingFormat format) {
    return name_in(k_formats, format);
}
std::optional<MeetingFormat> parse_format(std::string_view name) {
    return enum_named<MeetingFormat>(k_formats, name);
}
const std::string& attendance_name(Attendance attendance) {
    return name_in(k_attendance, attendance);
}
std::optional<Attendance> parse_attendance(std::string_view name) {
    return enum_named<Attendance>(k_attendance, name);
}
const std::string& role_name(InviteeRole role) {
    return name_in(k_invitee_roles, role);
}
const std::string& source_name(InviteeSource source) {
    return name_in(k_invitee_sources, source);
}
const std::string& status_name(ActionStatus status) {
    return name_in(k_action_statuses, status);
}
std::optional<ActionStatus> parse_action_status(std::string_view name) {
    return enum_named<ActionStatus>(k_action_statuses, name);
}
const std::string& outcome_name(DecisionOutcome outcome) {
    return name_in(k_decision_outcomes, outcome);
}
std::optional<DecisionOutcome> parse_outcome(std::string_view name) {
    return enum_named<DecisionOutcome>(k_decision_outcomes, name);
}

DecisionOutcome outcome_from_votes(const Tally& tally) {
    if (!tally.votes_for && !tally.votes_against) {
        return DecisionOutcome::adopted;  // no vote recorded: by consensus
    }
    return tally.votes_for.value_or(0) > tally.votes_against.value_or(0)
               ? DecisionOutcome::adopted
               : DecisionOutcome::rejected;
}

std::string Decision::ref() const {
    return fmt::format("{}#{}", meeting_id, number);
}

std::optional<DecisionRef> parse_decision_ref(const std::string& text) {
    const auto hash = text.rfind('#');
    if (hash == std::string::npos || hash == 0 || hash + 1 == text.size() ||
        text.size() - hash > 6) {
        return std::nullopt;
    }
    int number = 0;
    for (const char c : text.substr(hash + 1)) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        number = number * 10 + (c - '0');
    }
    if (number <= 0) {
        return std::nullopt;
    }
    return DecisionRef{text.substr(0, hash), number};
}

std::optional<Meeting> find_meeting(store::Store& store, const std::string& id) {
    Statement q(store.db(), fmt::format("SELECT {} FROM meeting WHERE id = ?", k_meeting_columns));
    q.bind(1, id);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return read_meeting(q);
}

std::vector<Meeting> detail::meetings_by_id(store::Store& store,
                                            const std::vector<std::string>& ids) {
    Statement q(store.db(), fmt::format("SELECT {} FROM meeting WHERE id = ?", k_meeting_columns));
    std::vector<Meeting> out;
    for (const auto& id : ids) {
        q.reset();
        q.bind(1, id);
        if (q.executeStep()) {
            out.push_back(read_meeting(q));
        }
    }
    std::sort(out.begin(), out.end(), [](const Meeting& a, const Meeting& b) {
        return std::tie(a.starts_at, a.id) < std::tie(b.starts_at, b.id);
    });
    return out;
}

Meeting get_meeting(store::Store& store, const std::string& id) {
    if (auto m = find_meeting(store, id)) {
        return *m;
    }
    throw NotFoundError(msg("no meeting {} (see `nacsa meeting list`)", id));
}

std::vector<Meeting> list_meetings(store::Store& store, const MeetingFilter& filter) {
    std::string sql = fmt::format("SELECT {} FROM meeting WHERE 1 = 1", k_meeting_columns);
    if (filter.kind) {
        sql += " AND kind = :kind";
    }
    if (filter.body) {
        sql += " AND body = :body";
    }
    if (filter.status) {
        sql += " AND status = :status";
    }
    if (filter.from) {
        sql += " AND starts_at >= :from";
    }
    if (filter.until) {
        sql += " AND starts_at < :until";
    }
    sql += filter.newest_first ? " ORDER BY starts_at DESC, id DESC" : " ORDER BY starts_at, id";
    Statement q(store.db(), sql);
    if (filter.kind) {
        q.bind(":kind", *filter.kind);
    }
    if (filter.body) {
        q.bind(":body", *filter.body);
    }
    if (filter.status) {
        q.bind(":status", status_name(*filter.status));
    }
    if (filter.from) {
        q.bind(":from", format_timestamp(*filter.from));
    }
    if (filter.until) {
        q.bind(":until", format_timestamp(*filter.until));
    }
    std::vector<Meeting> out;
    while (q.executeStep()) {
        out.push_back(read_meeting(q));
    }
    return out;
}

std::vector<StatusChange> status_history(store::Store& store, const std::string& id) {
    Statement q(store.db(),
                "SELECT status, at, starts_at, reason FROM meeting_status_history "
                "WHERE meeting_id = ? ORDER BY id");
    q.bind(1, id);
    std::vector<StatusChange> out;
    while (q.executeStep()) {
        out.push_back(StatusChange{stored<MeetingStatus>(k_meeting_statuses, q.getColumn(0)),
                                   q.getColumn(1).getString(), q.getColumn(2).getString(),
                                   store::optional_text(q.getColumn(3))});
    }
    return out;
}

std::vector<AgendaItem> agenda(store::Store& store, const std::string& id) {
    Statement q(store.db(),
                "SELECT id, position, title, presenter, link FROM agenda_item WHERE meeting_id = ? "
                "ORDER BY position");
    q.bind(1, id);
    std::vector<AgendaItem> out;
    while (q.executeStep()) {
        out.push_back(AgendaItem{q.getColumn(0).getInt64(), q.getColumn(1).getInt(),
                                 q.getColumn(2).getString(), store::optional_text(q.getColumn(3)),
                                 store::optional_text(q.getColumn(4))});
    }
    return out;
}

std::vector<Invitee> invitees(store::Store& store, const Meeting& meeting,
                              WithRemoved with_removed) {
    return detail::invitees_from(
        store, meeting,
        derive_invitees(store, Body::parse(meeting.body).value_or(Body{}), meeting.local_date()),
        with_removed);
}

Statement detail::stored_invitees_statement(SQLite::Database& db) {
    return Statement(db,
                     "SELECT id, member_id, person, role, source, removed, attendance, "
                     "represented_by FROM meeting_invitee WHERE meeting_id = ?");
}

std::vector<Invitee> detail::invitees_from(store::Store& store, const Meeting& meeting,
                                           std::vector<DerivedInvitee> body_members,
                                           WithRemoved with_removed, Statement* stored) {
    std::optional<Statement> own;
    if (stored == nullptr) {
        stored = &own.emplace(stored_invitees_statement(store.db()));
    }
    const Date date = meeting.local_date();
    std::vector<Invitee> all;
    std::map<std::string, std::size_t> at;
    for (auto& d : body_members) {
        at.emplace(invitee_key(d.member_id, d.person), all.size());
        all.push_back(Invitee{.member_id = std::move(d.member_id),
                              .person = std::move(d.person),
                              .role = d.role,
                              .source = InviteeSource::derived});
    }
    for (auto& row : stored_invitees(*stored, meeting.id)) {
        const auto found = at.find(invitee_key(row.member_id, row.person));
        if (found != at.end()) {
            auto& derived = all[found->second];
            const auto role = derived.role;
            derived = std::move(row);
            if (derived.source == InviteeSource::derived) {
                derived.role = role;  // the body's role now, not the one stored with attendance
            }
        } else if (!row.member_id || !detail::out_of_bodies(store, *row.member_id, date)) {
            // Added by hand, or attendance recorded: invited though the body does not hold it.
            all.push_back(std::move(row));
        }
    }
    std::erase_if(all,
                  [&](const Invitee& i) { return i.removed && with_removed == WithRemoved::no; });
    std::sort(all.begin(), all.end(), [](const Invitee& a, const Invitee& b) {
        return std::pair(role_rank(a.role), a.name()) < std::pair(role_rank(b.role), b.name());
    });
    return all;
}

std::vector<Invitee> invitees(store::Store& store, const std::string& id,
                              WithRemoved with_removed) {
    return invitees(store, get_meeting(store, id), with_removed);
}

Quorum quorum_of(store::Store& store, const Meeting& meeting, const std::vector<Invitee>& list) {
    int voting = 0;
    int present = 0;
    for (const auto& i : list) {
        if (i.removed || i.role != InviteeRole::voting) {
            continue;
        }
        ++voting;
        present +=
            i.attendance == Attendance::present || i.attendance == Attendance::represented ? 1 : 0;
    }
    return compute_quorum(quorum_fraction(store, Body::parse(meeting.body).value_or(Body{})),
                          voting, present);
}

Quorum quorum_of(store::Store& store, const Meeting& meeting) {
    return quorum_of(store, meeting, invitees(store, meeting));
}

namespace {

constexpr const char* k_decision_columns =
    "meeting_id, number, text, votes_for, votes_against, votes_abstain, outcome, activity, "
    "recorded_at";

Decision read_decision(Statement& q) {
    Decision d;
    d.meeting_id = q.getColumn(0).getString();
    d.number = q.getColumn(1).getInt();
    d.text = q.getColumn(2).getString();
    d.tally.votes_for = store::optional_int(q.getColumn(3));
    d.tally.votes_against = store::optional_int(q.getColumn(4));
    d.tally.votes_abstain = store::optional_int(q.getColumn(5));
    d.outcome_set = stored_optional<DecisionOutcome>(k_decision_outcomes, q.getColumn(6));
    d.outcome = d.outcome_set.value_or(outcome_from_votes(d.tally));
    d.activity = store::optional_text(q.getColumn(7));
    d.recorded_at = q.getColumn(8).getString();
    return d;
}

// The action items each decision of a meeting gave rise to, by decision number.
std::map<int, std::vector<std::string>> decision_actions(store::Store& store,
                                                         const std::string& meeting_id) {
    Statement q(store.db(),
                "SELECT decision, id FROM action_item WHERE meeting_id = ? AND decision IS NOT "
                "NULL ORDER BY id");
    q.bind(1, meeting_id);
    std::map<int, std::vector<std::string>> out;
    while (q.executeStep()) {
        out[q.getColumn(0).getInt()].push_back(q.getColumn(1).getString());
    }
    return out;
}

}  // namespace

std::vector<Decision> decisions(store::Store& store, const std::string& meeting_id) {
    Statement q(store.db(), fmt::format("SELECT {} FROM decision WHERE meeting_id = ? ORDER BY "
                                        "number",
                                        k_decision_columns));
    q.bind(1, meeting_id);
    std::vector<Decision> out;
    while (q.executeStep()) {
        out.push_back(read_decision(q));
    }
    if (out.empty()) {
        return out;
    }
    const auto quorum = quorum_of(store, get_meeting(store, meeting_id));
    auto actions = decision_actions(store, meeting_id);
    for (auto& d : out) {
        d.quorum = quorum;
        d.action_items = std::move(actions[d.number]);
    }
    return out;
}

Decision get_decision(store::Store& store, const DecisionRef& ref) {
    for (auto& d : decisions(store, ref.meeting_id)) {
        if (d.number == ref.number) {
            return d;
        }
    }
    if (!find_meeting(store, ref.meeting_id)) {
        throw NotFoundError(msg("no meeting {} (see `nacsa meeting list`)", ref.meeting_id));
    }
    throw NotFoundError(msg("{} has no decision {} (see `nacsa meeting show {}`)", ref.meeting_id,
                            ref.number, ref.meeting_id));
}

std::vector<ActionItem> carried_action_items(store::Store& store, const Meeting& meeting) {
    Statement q(
        store.db(),
        fmt::format("SELECT {} FROM action_item a LEFT JOIN meeting m ON m.id = a.meeting_id "
                    "WHERE a.status = 'open' AND a.body = :body AND "
                    "(a.meeting_id IS NULL AND a.opened_on <= :date OR "
                    " a.meeting_id IS NOT NULL AND m.starts_at < :start) "
                    "ORDER BY a.due IS NULL, a.due, a.id",
                    k_action_columns));
    q.bind(":body", meeting.body);
    q.bind(":date", format_date(meeting.local_date()));
    q.bind(":start", format_timestamp(meeting.starts_at));
    std::vector<ActionItem> out;
    while (q.executeStep()) {
        out.push_back(read_action(q));
    }
    return out;
}

MeetingRecord meeting_record(store::Store& store, const std::string& id) {
    MeetingRecord record;
    record.meeting = get_meeting(store, id);
    record.agenda = agenda(store, id);
    record.carried = carried_action_items(store, record.meeting);
    record.invitees = invitees(store, record.meeting);
    record.quorum = quorum_of(store, record.meeting, record.invitees);
    record.decisions = decisions(store, id);
    record.history = status_history(store, id);
    return record;
}

std::vector<ActionItem> list_action_items(store::Store& store, const ActionFilter& filter) {
    std::optional<std::string> owner_member;
    std::optional<std::string> owner_person;
    if (filter.owner) {
        if (const auto member = members::find_member_ref(store, *filter.owner)) {
            owner_member = member->id;
        } else {
            owner_person = members::name_key(*filter.owner);
        }
    }
    std::string sql = fmt::format("SELECT {} FROM action_item a WHERE 1 = 1", k_action_columns);
    if (filter.status) {
        sql += " AND a.status = :status";
    }
    if (owner_member) {
        sql += " AND a.owner_member = :owner";
    } else if (owner_person) {
        sql += " AND a.owner_person IS NOT NULL";
    }
    if (filter.meeting_id) {
        sql += " AND a.meeting_id = :meeting";
    }
    if (filter.overdue_as_of) {
        sql += " AND a.status = 'open' AND a.due < :asof";
    }
    sql += " ORDER BY a.due IS NULL, a.due, a.id";
    Statement q(store.db(), sql);
    if (filter.status) {
        q.bind(":status", status_name(*filter.status));
    }
    if (owner_member) {
        q.bind(":owner", *owner_member);
    }
    if (filter.meeting_id) {
        q.bind(":meeting", *filter.meeting_id);
    }
    if (filter.overdue_as_of) {
        store::bind(q, ":asof", *filter.overdue_as_of);
    }
    std::vector<ActionItem> out;
    while (q.executeStep()) {
        auto item = read_action(q);
        if (!owner_person || members::name_key(item.owner_person.value_or("")) == *owner_person) {
            out.push_back(std::move(item));
        }
    }
    return out;
}

std::optional<ActionItem> find_action_item(store::Store& store, const std::string& id) {
    Statement q(store.db(),
                fmt::format("SELECT {} FROM action_item a WHERE a.id = ?", k_action_columns));
    q.bind(1, id);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return read_action(q);
}

}  // namespace nacsa::meetings
