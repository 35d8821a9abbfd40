#include "meetings/meetings.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/error.hpp"
#include "core/text.hpp"
#include "members/lookup.hpp"

namespace nacsa::meetings {

namespace {

using Statement = SQLite::Statement;

std::optional<std::string> opt_text(const SQLite::Column& c) {
    if (c.isNull()) {
        return std::nullopt;
    }
    return c.getString();
}

std::optional<int> opt_int(const SQLite::Column& c) {
    if (c.isNull()) {
        return std::nullopt;
    }
    return c.getInt();
}

template <typename T>
void bind_opt(Statement& q, const char* name, const std::optional<T>& value) {
    if (value) {
        q.bind(name, *value);
    } else {
        q.bind(name);
    }
}

std::string now_text() {
    return format_timestamp(now());
}

bool contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

constexpr const char* k_meeting_columns =
    "id, uid, title, kind, body, starts_at, time_zone, duration_minutes, place, online_link, "
    "format, language, "
    "status, series_id, sequence, quorum_fraction, voting_invited, voting_present, "
    "quorum_required, quorum_met, "
    "minutes, minutes_file, minutes_at, attendance_at, held_at, created_at, updated_at";

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
    m.place = opt_text(q.getColumn(8));
    m.online_link = opt_text(q.getColumn(9));
    m.format = q.getColumn(10).getString();
    m.language = opt_text(q.getColumn(11));
    m.status = q.getColumn(12).getString();
    m.series_id = opt_text(q.getColumn(13));
    m.sequence = q.getColumn(14).getInt();
    m.quorum.fraction = q.getColumn(15).getDouble();
    m.quorum.voting_invited = q.getColumn(16).getInt();
    m.quorum.voting_present = q.getColumn(17).getInt();
    m.quorum.required = q.getColumn(18).getInt();
    m.quorum.met = q.getColumn(19).getInt() != 0;
    m.minutes = opt_text(q.getColumn(20));
    m.minutes_file = opt_text(q.getColumn(21));
    m.minutes_at = opt_text(q.getColumn(22));
    m.attendance_at = opt_text(q.getColumn(23));
    m.held_at = opt_text(q.getColumn(24));
    m.created_at = q.getColumn(25).getString();
    m.updated_at = q.getColumn(26).getString();
    return m;
}

ActionItem read_action(Statement& q) {
    ActionItem a;
    a.id = q.getColumn(0).getString();
    a.meeting_id = opt_text(q.getColumn(1));
    a.body = opt_text(q.getColumn(2));
    a.title = q.getColumn(3).getString();
    a.owner_member = opt_text(q.getColumn(4));
    a.owner_person = opt_text(q.getColumn(5));
    if (const auto due = opt_text(q.getColumn(6))) {
        a.due = parse_date(*due);
    }
    a.status = q.getColumn(7).getString();
    a.opened_on = parse_date(q.getColumn(8).getString()).value_or(Date{});
    if (const auto closed = opt_text(q.getColumn(9))) {
        a.closed_on = parse_date(*closed);
    }
    a.note = opt_text(q.getColumn(10));
    return a;
}

constexpr const char* k_action_columns =
    "a.id, a.meeting_id, a.body, a.title, a.owner_member, a.owner_person, a.due, a.status, "
    "a.opened_on, "
    "a.closed_on, a.note";

// The next id of the form PREFIX-YYYY-NNN in a table.
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

// Bumps the iCalendar SEQUENCE and the modification time: the event as calendars see it changed.
void touch(SQLite::Database& db, const std::string& id) {
    Statement q(db, "UPDATE meeting SET sequence = sequence + 1, updated_at = ? WHERE id = ?");
    q.bind(1, now_text());
    q.bind(2, id);
    q.exec();
}

void add_history(SQLite::Database& db, const std::string& id, const std::string& status,
                 Seconds starts_at, const std::optional<std::string>& reason) {
    Statement q(db,
                "INSERT INTO meeting_status_history (meeting_id, status, at, starts_at, reason) "
                "VALUES (?, ?, ?, ?, ?)");
    q.bind(1, id);
    q.bind(2, status);
    q.bind(3, now_text());
    q.bind(4, format_timestamp(starts_at));
    if (reason) {
        q.bind(5, *reason);
    } else {
        q.bind(5);
    }
    q.exec();
}

Quorum recompute_quorum(store::Store& store, const Meeting& m) {
    auto& db = store.db();
    Statement q(db,
                "SELECT count(*), count(*) FILTER (WHERE attendance IN ('present', 'represented')) "
                "FROM meeting_invitee WHERE meeting_id = ? AND removed = 0 AND role = 'voting'");
    q.bind(1, m.id);
    q.executeStep();
    const auto body = Body::parse(m.body).value_or(Body{});
    const Quorum quorum = compute_quorum(quorum_fraction(store, body), q.getColumn(0).getInt(),
                                         q.getColumn(1).getInt());
    Statement u(db,
                "UPDATE meeting SET quorum_fraction = ?, voting_invited = ?, voting_present = ?, "
                "quorum_required = ?, "
                "quorum_met = ? WHERE id = ?");
    u.bind(1, quorum.fraction);
    u.bind(2, quorum.voting_invited);
    u.bind(3, quorum.voting_present);
    u.bind(4, quorum.required);
    u.bind(5, quorum.met ? 1 : 0);
    u.bind(6, m.id);
    u.exec();
    return quorum;
}

// Brings the derived invitees in line with the body at the meeting date; rows added by hand,
// removed by hand or with attendance stay.
void sync_invitees(store::Store& store, const Meeting& m) {
    auto& db = store.db();
    const auto body = Body::parse(m.body).value_or(Body{});
    const auto derived = derive_invitees(store, body, m.local_date());
    std::set<std::string> wanted;
    for (const auto& d : derived) {
        wanted.insert(d.member_id ? "m:" + *d.member_id : "p:" + d.person.value_or(""));
    }
    std::set<std::string> present;
    {
        Statement q(db,
                    "SELECT id, member_id, person, source, removed, attendance FROM "
                    "meeting_invitee WHERE meeting_id = ?");
        q.bind(1, m.id);
        std::vector<std::int64_t> drop;
        while (q.executeStep()) {
            const auto member = opt_text(q.getColumn(1));
            const std::string key = member ? "m:" + *member : "p:" + q.getColumn(2).getString();
            present.insert(key);
            if (q.getColumn(3).getString() == "derived" && wanted.count(key) == 0 &&
                q.getColumn(5).isNull()) {
                drop.push_back(q.getColumn(0).getInt64());
            }
        }
        for (const auto row : drop) {
            Statement d(db, "DELETE FROM meeting_invitee WHERE id = ?");
            d.bind(1, row);
            d.exec();
        }
    }
    for (const auto& d : derived) {
        const std::string key = d.member_id ? "m:" + *d.member_id : "p:" + d.person.value_or("");
        if (present.count(key) != 0) {
            continue;
        }
        Statement ins(db,
                      "INSERT INTO meeting_invitee (meeting_id, member_id, person, role, source) "
                      "VALUES (:meeting, :member, :person, :role, 'derived')");
        ins.bind(":meeting", m.id);
        bind_opt(ins, ":member", d.member_id);
        bind_opt(ins, ":person", d.person);
        ins.bind(":role", d.role);
        ins.exec();
    }
    recompute_quorum(store, m);
}

struct ResolvedFields {
    std::string title;
    std::string kind;
    Body body;
    LocalDateTime start;
    std::string time_zone;
    int duration = 120;
    std::optional<std::string> place;
    std::optional<std::string> online_link;
    std::string format;
    std::optional<std::string> language;
};

std::optional<std::string> non_empty(const std::optional<std::string>& s) {
    if (!s || text::trim(*s).empty()) {
        return std::nullopt;
    }
    return std::string(text::trim(*s));
}

// Checks the fields given (on top of `base` for an edit); collects every problem.
ResolvedFields resolve(store::Store& store, const MeetingFields& f,
                       const std::optional<Meeting>& base) {
    const auto& alliance = store.alliance();
    Diagnostics problems;
    ResolvedFields r;
    r.title = f.title ? std::string(text::trim(*f.title)) : (base ? base->title : "");
    if (r.title.empty()) {
        problems.add("", 0, 0, "title", "must not be empty");
    } else if (!text::is_valid_utf8(r.title)) {
        problems.add("", 0, 0, "title", "is not valid UTF-8");
    }
    r.kind = f.kind ? *f.kind : (base ? base->kind : "");
    if (!contains(k_kinds, r.kind)) {
        problems.add("", 0, 0, "kind",
                     fmt::format("\"{}\" is not a kind of meeting (known: {})", r.kind,
                                 text::join(k_kinds, ", ")));
    }
    if (f.body) {
        if (const auto b = Body::parse(*f.body)) {
            r.body = *b;
        } else {
            problems.add(
                "", 0, 0, "body",
                fmt::format(
                    "\"{}\" is not a body (expected committee, all_members or working_group:KEY)",
                    *f.body));
        }
    } else if (base && !f.kind) {
        r.body = Body::parse(base->body).value_or(Body{});
    } else if (const auto b = default_body(r.kind)) {
        r.body = *b;
    } else if (base) {
        r.body = Body::parse(base->body).value_or(Body{});
    } else if (contains(k_kinds, r.kind)) {
        problems.add("", 0, 0, "body", "a working_group meeting needs --body working_group:KEY");
    }
    if (r.body.kind == Body::Kind::working_group &&
        !working_group_exists(store, r.body.working_group)) {
        problems.add(
            "", 0, 0, "body",
            fmt::format("\"{}\" is not a working group of this alliance", r.body.working_group));
    }
    if (r.kind == "working_group" && r.body.kind != Body::Kind::working_group && (f.body || base)) {
        problems.add("", 0, 0, "body",
                     "a working_group meeting is for a working group (working_group:KEY)");
    }
    r.time_zone = f.time_zone ? *f.time_zone : (base ? base->time_zone : alliance.time_zone);
    const bool zone_ok = is_known_time_zone(r.time_zone);
    if (!zone_ok) {
        problems.add(
            "", 0, 0, "time_zone",
            fmt::format("\"{}\" is not an IANA time zone (e.g. America/Santiago)", r.time_zone));
    }
    if (f.start) {
        if (const auto s = parse_local_date_time(*f.start)) {
            r.start = *s;
        } else {
            problems.add(
                "", 0, 0, "start",
                fmt::format("\"{}\" is not a date and time (expected YYYY-MM-DD HH:MM)", *f.start));
        }
    } else if (base && zone_ok) {
        r.start = to_local(base->starts_at, f.time_zone ? base->time_zone : r.time_zone);
    } else if (!base) {
        problems.add("", 0, 0, "start", "is required (YYYY-MM-DD HH:MM)");
    }
    r.duration = f.duration_minutes ? *f.duration_minutes : (base ? base->duration_minutes : 120);
    if (r.duration <= 0 || r.duration > 7 * 24 * 60) {
        problems.add("", 0, 0, "duration",
                     fmt::format("{} minutes is not a meeting length (1 to 10080)", r.duration));
    }
    r.place = f.place ? non_empty(f.place) : (base ? base->place : std::nullopt);
    r.online_link =
        f.online_link ? non_empty(f.online_link) : (base ? base->online_link : std::nullopt);
    if (r.online_link && r.online_link->rfind("https://", 0) != 0 &&
        r.online_link->rfind("http://", 0) != 0) {
        problems.add(
            "", 0, 0, "online_link",
            fmt::format("\"{}\" is not a web address (http:// or https://)", *r.online_link));
    }
    if (f.format) {
        r.format = *f.format;
    } else if (base) {
        r.format = base->format;
    } else {
        r.format = r.online_link ? (r.place ? "hybrid" : "online") : "in_person";
    }
    if (!contains(k_formats, r.format)) {
        problems.add(
            "", 0, 0, "format",
            fmt::format("\"{}\" is not a meeting format (known: in_person, online, hybrid)",
                        r.format));
    }
    r.language = f.language
                     ? non_empty(f.language)
                     : (base ? base->language : std::optional<std::string>(alliance.language));
    if (r.language && !contains(config::k_languages, *r.language)) {
        problems.add("", 0, 0, "language",
                     fmt::format("\"{}\" is not a language (known: en, es, fr)", *r.language));
    }
    problems.throw_if_any();
    return r;
}

void require_status(const Meeting& m, std::initializer_list<const char*> allowed,
                    const std::string& what) {
    for (const auto* s : allowed) {
        if (m.status == s) {
            return;
        }
    }
    throw ValidationError(fmt::format("{} is {}: cannot {}", m.id, m.status, what));
}

void require_started(const Meeting& m, const std::string& what) {
    if (m.starts_at > now()) {
        throw ValidationError(fmt::format("{} has not started yet (it starts {}): cannot {}", m.id,
                                          format_local(m.starts_at, m.time_zone), what));
    }
}

}  // namespace

// ---- Reading ----

std::optional<Meeting> find_meeting(store::Store& store, const std::string& id) {
    Statement q(store.db(), fmt::format("SELECT {} FROM meeting WHERE id = ?", k_meeting_columns));
    q.bind(1, id);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return read_meeting(q);
}

Meeting get_meeting(store::Store& store, const std::string& id) {
    if (auto m = find_meeting(store, id)) {
        return *m;
    }
    throw NotFoundError(fmt::format("no meeting {} (see `nacsa meeting list`)", id));
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
        q.bind(":status", *filter.status);
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
                "SELECT status, at, starts_at, reason FROM meeting_status_history WHERE meeting_id "
                "= ? ORDER BY id");
    q.bind(1, id);
    std::vector<StatusChange> out;
    while (q.executeStep()) {
        out.push_back(StatusChange{q.getColumn(0).getString(), q.getColumn(1).getString(),
                                   q.getColumn(2).getString(), opt_text(q.getColumn(3))});
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
                                 q.getColumn(2).getString(), opt_text(q.getColumn(3)),
                                 opt_text(q.getColumn(4))});
    }
    return out;
}

std::vector<Invitee> invitees(store::Store& store, const std::string& id,
                              WithRemoved with_removed) {
    Statement q(store.db(),
                "SELECT id, member_id, person, role, source, removed, attendance, represented_by "
                "FROM meeting_invitee "
                "WHERE meeting_id = ? AND (removed = 0 OR ?) "
                "ORDER BY CASE role WHEN 'voting' THEN 0 WHEN 'observer' THEN 1 ELSE 2 END, "
                "coalesce(member_id, person)");
    q.bind(1, id);
    q.bind(2, with_removed == WithRemoved::yes ? 1 : 0);
    std::vector<Invitee> out;
    while (q.executeStep()) {
        Invitee i;
        i.id = q.getColumn(0).getInt64();
        i.member_id = opt_text(q.getColumn(1));
        i.person = opt_text(q.getColumn(2));
        i.role = q.getColumn(3).getString();
        i.source = q.getColumn(4).getString();
        i.removed = q.getColumn(5).getInt() != 0;
        i.attendance = opt_text(q.getColumn(6));
        i.represented_by = opt_text(q.getColumn(7));
        out.push_back(std::move(i));
    }
    return out;
}

std::vector<Decision> decisions(store::Store& store, const std::string& meeting_id) {
    Statement q(
        store.db(),
        "SELECT meeting_id, number, text, votes_for, votes_against, votes_abstain, voting_present, "
        "voting_invited, quorum_required, quorum_met, recorded_at FROM decision WHERE meeting_id = "
        "? "
        "ORDER BY number");
    q.bind(1, meeting_id);
    std::vector<Decision> out;
    while (q.executeStep()) {
        Decision d;
        d.meeting_id = q.getColumn(0).getString();
        d.number = q.getColumn(1).getInt();
        d.text = q.getColumn(2).getString();
        d.votes_for = opt_int(q.getColumn(3));
        d.votes_against = opt_int(q.getColumn(4));
        d.votes_abstain = opt_int(q.getColumn(5));
        d.quorum.voting_present = q.getColumn(6).getInt();
        d.quorum.voting_invited = q.getColumn(7).getInt();
        d.quorum.required = q.getColumn(8).getInt();
        d.quorum.met = q.getColumn(9).getInt() != 0;
        d.recorded_at = q.getColumn(10).getString();
        out.push_back(std::move(d));
    }
    return out;
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

std::vector<ActionItem> list_action_items(store::Store& store, const ActionFilter& filter) {
    std::string sql = fmt::format("SELECT {} FROM action_item a WHERE 1 = 1", k_action_columns);
    if (filter.status) {
        sql += " AND a.status = :status";
    }
    if (filter.owner) {
        sql += " AND (a.owner_member = :owner OR a.owner_person = :owner)";
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
        q.bind(":status", *filter.status);
    }
    if (filter.owner) {
        q.bind(":owner", *filter.owner);
    }
    if (filter.meeting_id) {
        q.bind(":meeting", *filter.meeting_id);
    }
    if (filter.overdue_as_of) {
        q.bind(":asof", format_date(*filter.overdue_as_of));
    }
    std::vector<ActionItem> out;
    while (q.executeStep()) {
        out.push_back(read_action(q));
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

// ---- Changing ----

std::vector<std::string> schedule(store::Store& store, const MeetingFields& fields,
                                  const SeriesRequest& series) {
    const auto r = resolve(store, fields, std::nullopt);
    const auto starts = occurrences(r.start, series.repeat, series.count, series.until);
    if (starts.empty()) {
        throw ValidationError("the series has no meeting (--until is before the first start)");
    }
    std::vector<Seconds> utc;
    for (const auto& s : starts) {
        utc.push_back(to_utc(s, r.time_zone));
    }
    const auto slug = text::slugify(store.alliance().short_name);
    std::vector<std::string> ids;
    store.transaction([&] {
        auto& db = store.db();
        std::optional<std::string> series_id;
        for (std::size_t i = 0; i < starts.size(); ++i) {
            const auto id = next_id(db, "meeting", "M", static_cast<int>(starts[i].date.year()));
            if (series.repeat != Repeat::none && !series_id) {
                series_id = id;
            }
            const auto stamp = now_text();
            Statement q(db,
                        "INSERT INTO meeting (id, uid, title, kind, body, starts_at, time_zone, "
                        "duration_minutes, "
                        "place, online_link, format, language, status, series_id, quorum_fraction, "
                        "created_at, "
                        "updated_at) VALUES (:id, :uid, :title, :kind, :body, :start, :tz, "
                        ":duration, :place, "
                        ":link, :format, :language, 'scheduled', :series, :quorum, :now, :now)");
            q.bind(":id", id);
            q.bind(":uid",
                   fmt::format("{}@{}.nacsa", text::slugify(id), slug.empty() ? "alliance" : slug));
            q.bind(":title", r.title);
            q.bind(":kind", r.kind);
            q.bind(":body", r.body.to_string());
            q.bind(":start", format_timestamp(utc[i]));
            q.bind(":tz", r.time_zone);
            q.bind(":duration", r.duration);
            bind_opt(q, ":place", r.place);
            bind_opt(q, ":link", r.online_link);
            q.bind(":format", r.format);
            bind_opt(q, ":language", r.language);
            bind_opt(q, ":series", series_id);
            q.bind(":quorum", quorum_fraction(store, r.body));
            q.bind(":now", stamp);
            q.exec();
            add_history(db, id, "scheduled", utc[i], std::nullopt);
            sync_invitees(store, get_meeting(store, id));
            store.audit("meeting", id,
                        fmt::format("scheduled a {} meeting of {} on {}", r.kind,
                                    r.body.to_string(), format_date(starts[i].date)));
            ids.push_back(id);
        }
    });
    return ids;
}

void edit(store::Store& store, const std::string& id, const MeetingFields& fields) {
    const auto before = get_meeting(store, id);
    if (before.status == "held" && (fields.start || fields.time_zone || fields.body)) {
        throw ValidationError(
            fmt::format("{} is held: its start and body can no longer change", id));
    }
    if (before.status == "cancelled") {
        throw ValidationError(fmt::format("{} is cancelled: it cannot be edited", id));
    }
    const auto r = resolve(store, fields, before);
    const auto start = to_utc(r.start, r.time_zone);
    std::vector<std::string> changed;
    auto note = [&](bool differs, const char* name) {
        if (differs) {
            changed.emplace_back(name);
        }
    };
    note(r.title != before.title, "title");
    note(r.kind != before.kind, "kind");
    note(r.body.to_string() != before.body, "body");
    note(start != before.starts_at, "start");
    note(r.time_zone != before.time_zone, "time_zone");
    note(r.duration != before.duration_minutes, "duration");
    note(r.place != before.place, "place");
    note(r.online_link != before.online_link, "online_link");
    note(r.format != before.format, "format");
    note(r.language != before.language, "language");
    if (changed.empty()) {
        return;
    }
    store.transaction([&] {
        auto& db = store.db();
        Statement q(
            db,
            "UPDATE meeting SET title = :title, kind = :kind, body = :body, starts_at = :start, "
            "time_zone = :tz, duration_minutes = :duration, place = :place, online_link = :link, "
            "format = :format, language = :language WHERE id = :id");
        q.bind(":title", r.title);
        q.bind(":kind", r.kind);
        q.bind(":body", r.body.to_string());
        q.bind(":start", format_timestamp(start));
        q.bind(":tz", r.time_zone);
        q.bind(":duration", r.duration);
        bind_opt(q, ":place", r.place);
        bind_opt(q, ":link", r.online_link);
        q.bind(":format", r.format);
        bind_opt(q, ":language", r.language);
        q.bind(":id", id);
        q.exec();
        if (before.status == "postponed" && start != before.starts_at) {
            Statement s(db, "UPDATE meeting SET status = 'scheduled' WHERE id = ?");
            s.bind(1, id);
            s.exec();
            add_history(db, id, "scheduled", start, "rescheduled");
        }
        touch(db, id);
        if (before.status != "held") {
            sync_invitees(store, get_meeting(store, id));
        }
        store.audit("meeting", id, "edited: " + text::join(changed, ", "));
    });
}

void cancel(store::Store& store, const std::string& id, const std::string& reason) {
    const auto m = get_meeting(store, id);
    require_status(m, {"scheduled", "postponed"}, "cancel it");
    if (text::trim(reason).empty()) {
        throw ValidationError("a reason is required (--reason)");
    }
    store.transaction([&] {
        auto& db = store.db();
        Statement q(db, "UPDATE meeting SET status = 'cancelled' WHERE id = ?");
        q.bind(1, id);
        q.exec();
        add_history(db, id, "cancelled", m.starts_at, std::string(text::trim(reason)));
        touch(db, id);
        store.audit("meeting", id, "cancelled");
    });
}

void postpone(store::Store& store, const std::string& id, const std::string& reason,
              const std::optional<std::string>& to) {
    const auto m = get_meeting(store, id);
    require_status(m, {"scheduled", "postponed"}, "postpone it");
    if (text::trim(reason).empty()) {
        throw ValidationError("a reason is required (--reason)");
    }
    std::optional<Seconds> new_start;
    if (to) {
        const auto local = parse_local_date_time(*to);
        if (!local) {
            throw ValidationError(fmt::format(
                "field \"to\": \"{}\" is not a date and time (expected YYYY-MM-DD HH:MM)", *to));
        }
        new_start = to_utc(*local, m.time_zone);
    }
    store.transaction([&] {
        auto& db = store.db();
        add_history(db, id, "postponed", m.starts_at, std::string(text::trim(reason)));
        if (new_start) {
            Statement q(db, "UPDATE meeting SET status = 'scheduled', starts_at = ? WHERE id = ?");
            q.bind(1, format_timestamp(*new_start));
            q.bind(2, id);
            q.exec();
            add_history(db, id, "scheduled", *new_start, "rescheduled");
        } else {
            Statement q(db, "UPDATE meeting SET status = 'postponed' WHERE id = ?");
            q.bind(1, id);
            q.exec();
        }
        touch(db, id);
        if (new_start) {
            sync_invitees(store, get_meeting(store, id));
        }
        store.audit("meeting", id,
                    new_start ? fmt::format("postponed to {}",
                                            format_date(to_local(*new_start, m.time_zone).date))
                              : std::string("postponed"));
    });
}

int agenda_add(store::Store& store, const std::string& id, const std::string& title,
               const std::optional<std::string>& presenter, const std::optional<std::string>& link,
               std::optional<int> position) {
    const auto m = get_meeting(store, id);
    require_status(m, {"scheduled", "postponed", "held"}, "change its agenda");
    if (text::trim(title).empty()) {
        throw ValidationError("field \"title\": must not be empty");
    }
    const auto items = agenda(store, id);
    const int count = static_cast<int>(items.size());
    const int at = position ? *position : count + 1;
    if (at < 1 || at > count + 1) {
        throw ValidationError(
            fmt::format("position {} is outside the agenda of {} (1 to {})", at, id, count + 1));
    }
    store.transaction([&] {
        auto& db = store.db();
        // Shift in two steps so that the UNIQUE (meeting_id, position) never collides.
        Statement up(db,
                     "UPDATE agenda_item SET position = -(position + 1) WHERE meeting_id = ? AND "
                     "position >= ?");
        up.bind(1, id);
        up.bind(2, at);
        up.exec();
        Statement flip(
            db,
            "UPDATE agenda_item SET position = -position WHERE meeting_id = ? AND position < 0");
        flip.bind(1, id);
        flip.exec();
        Statement ins(db,
                      "INSERT INTO agenda_item (meeting_id, position, title, presenter, link) "
                      "VALUES (:m, :p, :t, :pr, :l)");
        ins.bind(":m", id);
        ins.bind(":p", at);
        ins.bind(":t", std::string(text::trim(title)));
        bind_opt(ins, ":pr", non_empty(presenter));
        bind_opt(ins, ":l", non_empty(link));
        ins.exec();
        touch(db, id);
        store.audit("meeting", id, fmt::format("agenda item {} added", at));
    });
    return at;
}

void agenda_move(store::Store& store, const std::string& id, int from, int to) {
    const auto m = get_meeting(store, id);
    require_status(m, {"scheduled", "postponed", "held"}, "change its agenda");
    auto items = agenda(store, id);
    const int count = static_cast<int>(items.size());
    for (const int p : {from, to}) {
        if (p < 1 || p > count) {
            throw ValidationError(
                fmt::format("position {} is outside the agenda of {} (1 to {})", p, id, count));
        }
    }
    if (from == to) {
        return;
    }
    auto moved = items[static_cast<std::size_t>(from - 1)];
    items.erase(items.begin() + (from - 1));
    items.insert(items.begin() + (to - 1), moved);
    store.transaction([&] {
        auto& db = store.db();
        for (std::size_t i = 0; i < items.size(); ++i) {
            Statement q(db, "UPDATE agenda_item SET position = ? WHERE id = ?");
            q.bind(1, -static_cast<int>(i + 1));
            q.bind(2, items[i].id);
            q.exec();
        }
        Statement flip(db, "UPDATE agenda_item SET position = -position WHERE meeting_id = ?");
        flip.bind(1, id);
        flip.exec();
        touch(db, id);
        store.audit("meeting", id, fmt::format("agenda item {} moved to {}", from, to));
    });
}

void agenda_remove(store::Store& store, const std::string& id, int position) {
    const auto m = get_meeting(store, id);
    require_status(m, {"scheduled", "postponed", "held"}, "change its agenda");
    const auto items = agenda(store, id);
    if (position < 1 || position > static_cast<int>(items.size())) {
        throw NotFoundError(fmt::format("{} has no agenda item {}", id, position));
    }
    store.transaction([&] {
        auto& db = store.db();
        Statement d(db, "DELETE FROM agenda_item WHERE id = ?");
        d.bind(1, items[static_cast<std::size_t>(position - 1)].id);
        d.exec();
        Statement down(db,
                       "UPDATE agenda_item SET position = -(position - 1) WHERE meeting_id = ? AND "
                       "position > ?");
        down.bind(1, id);
        down.bind(2, position);
        down.exec();
        Statement flip(
            db,
            "UPDATE agenda_item SET position = -position WHERE meeting_id = ? AND position < 0");
        flip.bind(1, id);
        flip.exec();
        touch(db, id);
        store.audit("meeting", id, fmt::format("agenda item {} removed", position));
    });
}

void change_invitee(store::Store& store, const std::string& id, const std::string& who,
                    const std::string& role, InviteeChange change) {
    const auto m = get_meeting(store, id);
    require_status(m, {"scheduled", "postponed", "held"}, "change its invitees");
    const std::string name(text::trim(who));
    if (name.empty()) {
        throw ValidationError("the invitee's name must not be empty");
    }
    auto& db = store.db();
    const bool is_member = role == "voting";
    if (is_member && !members::member_exists(store, name)) {
        throw NotFoundError(
            fmt::format("no member {} (see `nacsa member list`; add a person with --guest)", name));
    }
    std::optional<Invitee> existing;
    for (const auto& i : invitees(store, id, WithRemoved::yes)) {
        if ((is_member && i.member_id == name) || (!is_member && i.person == name)) {
            existing = i;
        }
    }
    const std::string what = is_member ? name : (role == "observer" ? "an observer" : "a guest");
    store.transaction([&] {
        if (change == InviteeChange::add) {
            if (existing && !existing->removed) {
                throw ValidationError(fmt::format("{} is already invited to {}",
                                                  is_member ? name : "this person", id));
            }
            if (existing) {
                Statement q(db, "UPDATE meeting_invitee SET removed = 0, role = ? WHERE id = ?");
                q.bind(1, role);
                q.bind(2, existing->id);
                q.exec();
            } else {
                Statement q(
                    db,
                    "INSERT INTO meeting_invitee (meeting_id, member_id, person, role, source) "
                    "VALUES (:m, :member, :person, :role, 'added')");
                q.bind(":m", id);
                bind_opt(q, ":member", is_member ? std::optional<std::string>(name) : std::nullopt);
                bind_opt(q, ":person", is_member ? std::nullopt : std::optional<std::string>(name));
                q.bind(":role", role);
                q.exec();
            }
            store.audit("meeting", id, fmt::format("invited {}", what));
        } else {
            if (!existing || existing->removed) {
                throw NotFoundError(
                    fmt::format("{} is not invited to {}", is_member ? name : "this person", id));
            }
            if (existing->source == "added" && !existing->attendance) {
                Statement q(db, "DELETE FROM meeting_invitee WHERE id = ?");
                q.bind(1, existing->id);
                q.exec();
            } else {
                Statement q(db,
                            "UPDATE meeting_invitee SET removed = 1, attendance = NULL, "
                            "represented_by = NULL "
                            "WHERE id = ?");
                q.bind(1, existing->id);
                q.exec();
            }
            store.audit("meeting", id, fmt::format("uninvited {}", what));
        }
        recompute_quorum(store, m);
    });
}

void refresh_invitees(store::Store& store, const std::string& id) {
    const auto m = get_meeting(store, id);
    require_status(m, {"scheduled", "postponed"}, "re-derive its invitees");
    store.transaction([&] {
        sync_invitees(store, m);
        store.audit("meeting", id, "invitees re-derived from " + m.body);
    });
}

Quorum attend(store::Store& store, const std::string& id, const std::vector<std::string>& who,
              const std::string& status, const std::optional<std::string>& represented_by) {
    const auto m = get_meeting(store, id);
    require_status(m, {"scheduled", "held"}, "record attendance");
    require_started(m, "record attendance");
    if (!contains(k_attendance, status)) {
        throw ValidationError(
            fmt::format("field \"status\": \"{}\" is not an attendance status (known: {})", status,
                        text::join(k_attendance, ", ")));
    }
    if (status == "represented" && !non_empty(represented_by)) {
        throw ValidationError(
            "field \"by\": who represented them is required with --status represented");
    }
    if (status != "represented" && represented_by) {
        throw ValidationError("field \"by\": only with --status represented");
    }
    const auto all = invitees(store, id);
    std::vector<Invitee> found;
    for (const auto& name : who) {
        const auto it = std::find_if(all.begin(), all.end(), [&](const Invitee& i) {
            return i.member_id == name || i.person == name;
        });
        if (it == all.end()) {
            throw NotFoundError(
                fmt::format("{} is not invited to {} (invite them with `nacsa meeting invitees {} "
                            "--add` or --guest)",
                            name, id, id));
        }
        found.push_back(*it);
    }
    Quorum quorum;
    store.transaction([&] {
        auto& db = store.db();
        for (const auto& invitee : found) {
            Statement q(
                db, "UPDATE meeting_invitee SET attendance = ?, represented_by = ? WHERE id = ?");
            q.bind(1, status);
            if (status == "represented") {
                q.bind(2, *non_empty(represented_by));
            } else {
                q.bind(2);
            }
            q.bind(3, invitee.id);
            q.exec();
            const std::string what = invitee.member_id
                                         ? *invitee.member_id
                                         : (invitee.role == "observer" ? "an observer" : "a guest");
            store.audit("meeting", id, fmt::format("attendance of {}: {}", what, status));
        }
        Statement a(db,
                    "UPDATE meeting SET attendance_at = coalesce(attendance_at, ?) WHERE id = ?");
        a.bind(1, now_text());
        a.bind(2, id);
        a.exec();
        quorum = recompute_quorum(store, m);
    });
    return quorum;
}

Quorum mark_held(store::Store& store, const std::string& id, Force force) {
    const auto m = get_meeting(store, id);
    require_status(m, {"scheduled"}, "mark it held");
    require_started(m, "mark it held");
    bool any = false;
    for (const auto& i : invitees(store, id)) {
        any = any || i.attendance.has_value();
    }
    if (!any && force == Force::no) {
        throw ValidationError(
            fmt::format("no attendance is recorded for {}: record it with `nacsa meeting attend` "
                        "(or use --force)",
                        id));
    }
    Quorum quorum;
    store.transaction([&] {
        auto& db = store.db();
        Statement q(db, "UPDATE meeting SET status = 'held', held_at = ? WHERE id = ?");
        q.bind(1, now_text());
        q.bind(2, id);
        q.exec();
        add_history(db, id, "held", m.starts_at,
                    any ? std::nullopt : std::optional<std::string>("forced without attendance"));
        touch(db, id);
        quorum = recompute_quorum(store, m);
        store.audit("meeting", id, any ? "marked held" : "marked held without attendance (forced)");
    });
    return quorum;
}

void record_minutes(store::Store& store, const std::string& id, const std::string& minutes,
                    const std::optional<std::string>& file_name) {
    const auto m = get_meeting(store, id);
    require_status(m, {"scheduled", "held"}, "record minutes");
    require_started(m, "record minutes");
    if (text::trim(minutes).empty()) {
        throw ValidationError("the minutes are empty");
    }
    if (!text::is_valid_utf8(minutes)) {
        throw ValidationError(fmt::format("the minutes are not valid UTF-8 (byte {})",
                                          text::invalid_utf8_offset(minutes) + 1));
    }
    store.transaction([&] {
        Statement q(
            store.db(),
            "UPDATE meeting SET minutes = ?, minutes_file = ?, minutes_at = ? WHERE id = ?");
        q.bind(1, minutes);
        if (file_name) {
            q.bind(2, *file_name);
        } else {
            q.bind(2);
        }
        q.bind(3, now_text());
        q.bind(4, id);
        q.exec();
        store.audit("meeting", id, m.minutes ? "minutes replaced" : "minutes recorded");
    });
}

Decision decide(store::Store& store, const std::string& id, const std::string& text_in,
                const Tally& tally) {
    const auto m = get_meeting(store, id);
    require_status(m, {"scheduled", "held"}, "record a decision");
    require_started(m, "record a decision");
    const std::string decision_text(text::trim(text_in));
    if (decision_text.empty()) {
        throw ValidationError("field \"text\": the decision must not be empty");
    }
    Diagnostics problems;
    int votes = 0;
    for (const auto& [name, value] :
         {std::pair{"for", tally.votes_for}, std::pair{"against", tally.votes_against},
          std::pair{"abstain", tally.votes_abstain}}) {
        if (value && *value < 0) {
            problems.add("", 0, 0, name, "must not be negative");
        }
        votes += value.value_or(0);
    }
    if (votes > m.quorum.voting_present) {
        problems.add(
            "", 0, 0, "tally",
            fmt::format("{} votes but only {} voting member{} present (record attendance first)",
                        votes, m.quorum.voting_present,
                        m.quorum.voting_present == 1 ? " is" : "s are"));
    }
    problems.throw_if_any();
    Decision d;
    store.transaction([&] {
        auto& db = store.db();
        const Quorum quorum = recompute_quorum(store, m);
        Statement n(db, "SELECT coalesce(max(number), 0) + 1 FROM decision WHERE meeting_id = ?");
        n.bind(1, id);
        n.executeStep();
        d.meeting_id = id;
        d.number = n.getColumn(0).getInt();
        d.text = decision_text;
        d.votes_for = tally.votes_for;
        d.votes_against = tally.votes_against;
        d.votes_abstain = tally.votes_abstain;
        d.quorum = quorum;
        d.recorded_at = now_text();
        Statement q(db,
                    "INSERT INTO decision (meeting_id, number, text, votes_for, votes_against, "
                    "votes_abstain, "
                    "voting_present, voting_invited, quorum_required, quorum_met, recorded_at) "
                    "VALUES (:m, :n, :t, :f, :a, :ab, :p, :i, :r, :met, :at)");
        q.bind(":m", id);
        q.bind(":n", d.number);
        q.bind(":t", d.text);
        bind_opt(q, ":f", d.votes_for);
        bind_opt(q, ":a", d.votes_against);
        bind_opt(q, ":ab", d.votes_abstain);
        q.bind(":p", quorum.voting_present);
        q.bind(":i", quorum.voting_invited);
        q.bind(":r", quorum.required);
        q.bind(":met", quorum.met ? 1 : 0);
        q.bind(":at", d.recorded_at);
        q.exec();
        store.audit("meeting", id,
                    fmt::format("decision {} recorded ({})", d.number,
                                quorum.met ? "quorum met" : "without quorum"));
    });
    return d;
}

std::string action_add(store::Store& store, const NewActionItem& item) {
    Diagnostics problems;
    const std::string title(text::trim(item.title));
    if (title.empty()) {
        problems.add("", 0, 0, "title", "must not be empty");
    }
    std::optional<Meeting> meeting;
    if (item.meeting_id) {
        meeting = find_meeting(store, *item.meeting_id);
        if (!meeting) {
            throw NotFoundError(
                fmt::format("no meeting {} (see `nacsa meeting list`)", *item.meeting_id));
        }
    }
    std::optional<std::string> body;
    if (item.body) {
        if (const auto b = Body::parse(*item.body)) {
            body = b->to_string();
        } else {
            problems.add(
                "", 0, 0, "body",
                fmt::format(
                    "\"{}\" is not a body (expected committee, all_members or working_group:KEY)",
                    *item.body));
        }
    } else if (meeting) {
        body = meeting->body;
    }
    const auto owner = non_empty(item.owner);
    auto& db = store.db();
    const bool owner_is_member = owner && members::member_exists(store, *owner);
    problems.throw_if_any();
    const Date today_date = today(store.alliance().time_zone);
    const Date opened = meeting ? std::min(meeting->local_date(), today_date) : today_date;
    std::string id;
    store.transaction([&] {
        id = next_id(db, "action_item", "A", static_cast<int>(today_date.year()));
        Statement q(db,
                    "INSERT INTO action_item (id, meeting_id, body, title, owner_member, "
                    "owner_person, due, "
                    "opened_on, created_at, updated_at) VALUES (:id, :m, :b, :t, :om, :op, :due, "
                    ":opened, :now, :now)");
        q.bind(":id", id);
        bind_opt(q, ":m", item.meeting_id);
        bind_opt(q, ":b", body);
        q.bind(":t", title);
        bind_opt(q, ":om", owner_is_member ? owner : std::nullopt);
        bind_opt(q, ":op", owner_is_member ? std::nullopt : owner);
        bind_opt(q, ":due",
                 item.due ? std::optional<std::string>(format_date(*item.due)) : std::nullopt);
        q.bind(":opened", format_date(opened));
        q.bind(":now", now_text());
        q.exec();
        store.audit(
            "action_item", id,
            meeting ? fmt::format("opened at meeting {}", meeting->id) : std::string("opened"));
    });
    return id;
}

void action_close(store::Store& store, const std::string& id, const std::string& status,
                  const std::optional<std::string>& note) {
    const auto item = find_action_item(store, id);
    if (!item) {
        throw NotFoundError(fmt::format("no action item {} (see `nacsa meeting action list`)", id));
    }
    if (item->status != "open") {
        throw ValidationError(fmt::format("{} is already {}", id, item->status));
    }
    store.transaction([&] {
        Statement q(store.db(),
                    "UPDATE action_item SET status = ?, closed_on = ?, note = coalesce(?, note), "
                    "updated_at = ? WHERE id = ?");
        q.bind(1, status);
        q.bind(2, format_date(today(store.alliance().time_zone)));
        if (const auto n = non_empty(note)) {
            q.bind(3, *n);
        } else {
            q.bind(3);
        }
        q.bind(4, now_text());
        q.bind(5, id);
        q.exec();
        store.audit("action_item", id, status == "done" ? "done" : "dropped");
    });
}

int erase_representative_mentions(store::Store& store, const std::string& member_id,
                                  const std::vector<std::string>& names) {
    std::set<std::string> keys;
    for (const auto& name : names) {
        if (!name.empty()) {
            keys.insert(members::name_key(name));
        }
    }
    Statement mentions(store.db(),
                       "SELECT id, represented_by FROM meeting_invitee WHERE member_id = ? AND "
                       "represented_by IS NOT NULL");
    mentions.bind(1, member_id);
    std::vector<std::int64_t> mentioned;
    while (mentions.executeStep()) {
        if (keys.count(members::name_key(mentions.getColumn(1).getString())) != 0) {
            mentioned.push_back(mentions.getColumn(0).getInt64());
        }
    }
    Statement scrub(store.db(),
                    "UPDATE meeting_invitee SET represented_by = 'personal data erased' WHERE id = ?");
    for (const auto invitee : mentioned) {
        scrub.bind(1, static_cast<int64_t>(invitee));
        scrub.exec();
        scrub.reset();
    }
    return static_cast<int>(mentioned.size());
}

}  // namespace nacsa::meetings
