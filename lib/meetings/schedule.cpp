// SPDX-License-Identifier: Apache-2.0
// The calendar's use cases: schedule (one meeting or a series), edit, cancel, postpone.
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>

#include "core/error.hpp"
#include "core/text.hpp"
#include "meetings/detail.hpp"
#include "meetings/meetings.hpp"
#include "store/sql.hpp"
#include "wg/wg.hpp"

namespace nacsa::meetings {

namespace {

using detail::non_empty;
using detail::now_text;
using Statement = SQLite::Statement;

// A meeting's fields once checked: what schedule inserts and edit compares and updates.
struct ResolvedFields {
    std::string title;
    std::string kind;
    Body body;
    LocalDateTime start;
    std::string time_zone;
    int duration = 120;
    std::optional<std::string> place;
    std::optional<std::string> online_link;
    MeetingFormat format = MeetingFormat::in_person;
    std::optional<std::string> language;
};

bool is_kind(const std::string& kind) {
    return std::find(k_kinds.begin(), k_kinds.end(), kind) != k_kinds.end();
}

void resolve_title_and_kind(const MeetingFields& f, const std::optional<Meeting>& base,
                            ResolvedFields& r, Diagnostics& problems) {
    r.title = f.title ? std::string(text::trim(*f.title)) : (base ? base->title : "");
    if (r.title.empty()) {
        problems.add("", 0, 0, "title", msg("must not be empty"));
    } else if (!text::is_valid_utf8(r.title)) {
        problems.add("", 0, 0, "title", msg("is not valid UTF-8"));
    }
    r.kind = f.kind ? *f.kind : (base ? base->kind : "");
    if (!is_kind(r.kind)) {
        problems.add(
            "", 0, 0, "kind",
            msg("\"{}\" is not a kind of meeting (known: {})", r.kind, text::join(k_kinds, ", ")));
    }
}

// The body given, else the meeting's (unless the kind changes), else the kind's default. A
// working group is named by its id (wg::find_group also accepts '-' for '_').
void resolve_body(store::Store& store, const MeetingFields& f, const std::optional<Meeting>& base,
                  ResolvedFields& r, Diagnostics& problems) {
    if (f.body) {
        if (const auto b = Body::parse(*f.body)) {
            r.body = *b;
        } else {
            problems.add("", 0, 0, "body",
                         msg("\"{}\" is not a body (expected committee, all_members or "
                             "working_group:KEY)",
                             *f.body));
        }
    } else if (const auto b = base && !f.kind ? std::optional<Body>() : default_body(r.kind)) {
        r.body = *b;  // the kind's own body, unless an edit keeps the meeting's kind
    } else if (base) {
        r.body = Body::parse(base->body).value_or(Body{});
    } else if (is_kind(r.kind)) {
        problems.add("", 0, 0, "body",
                     msg("a working_group meeting needs --body working_group:KEY"));
    }
    if (r.body.kind == Body::Kind::working_group) {
        if (const auto group = wg::find_group(store, r.body.working_group)) {
            r.body.working_group = group->id;
        } else {
            problems.add(
                "", 0, 0, "body",
                msg("\"{}\" is not a working group of this alliance", r.body.working_group));
        }
    }
    if (r.kind == "working_group" && r.body.kind != Body::Kind::working_group && (f.body || base)) {
        problems.add("", 0, 0, "body",
                     "a working_group meeting is for a working group (working_group:KEY)");
    }
}

void resolve_time(store::Store& store, const MeetingFields& f, const std::optional<Meeting>& base,
                  ResolvedFields& r, Diagnostics& problems) {
    r.time_zone =
        f.time_zone ? *f.time_zone : (base ? base->time_zone : store.alliance().time_zone);
    const bool zone_ok = is_known_time_zone(r.time_zone);
    if (!zone_ok) {
        problems.add("", 0, 0, "time_zone",
                     msg("\"{}\" is not an IANA time zone (e.g. America/Santiago)", r.time_zone));
    }
    if (f.start) {
        if (const auto s = parse_local_date_time(*f.start)) {
            r.start = *s;
        } else {
            problems.add(
                "", 0, 0, "start",
                msg("\"{}\" is not a date and time (expected YYYY-MM-DD HH:MM)", *f.start));
        }
    } else if (base && zone_ok) {
        r.start = to_local(base->starts_at, f.time_zone ? base->time_zone : r.time_zone);
    } else if (!base) {
        problems.add("", 0, 0, "start", msg("is required (YYYY-MM-DD HH:MM)"));
    }
    r.duration = f.duration_minutes ? *f.duration_minutes : (base ? base->duration_minutes : 120);
    if (r.duration <= 0 || r.duration > 7 * 24 * 60) {
        problems.add("", 0, 0, "duration",
                     msg("{} minutes is not a meeting length (1 to 10080)", r.duration));
    }
}

void resolve_place(store::Store& store, const MeetingFields& f, const std::optional<Meeting>& base,
                   ResolvedFields& r, Diagnostics& problems) {
    r.place = f.place ? non_empty(f.place) : (base ? base->place : std::nullopt);
    r.online_link =
        f.online_link ? non_empty(f.online_link) : (base ? base->online_link : std::nullopt);
    if (r.online_link && r.online_link->rfind("https://", 0) != 0 &&
        r.online_link->rfind("http://", 0) != 0) {
        problems.add("", 0, 0, "online_link",
                     msg("\"{}\" is not a web address (http:// or https://)", *r.online_link));
    }
    if (f.format) {
        if (const auto format = parse_format(*f.format)) {
            r.format = *format;
        } else {
            problems.add("", 0, 0, "format",
                         msg("\"{}\" is not a meeting format (known: in_person, online, hybrid)",
                             *f.format));
        }
    } else if (base) {
        r.format = base->format;
    } else if (r.online_link) {
        r.format = r.place ? MeetingFormat::hybrid : MeetingFormat::online;
    }
    const auto& alliance = store.alliance();
    r.language = f.language
                     ? non_empty(f.language)
                     : (base ? base->language : std::optional<std::string>(alliance.language));
    if (r.language && std::find(config::k_languages.begin(), config::k_languages.end(),
                                *r.language) == config::k_languages.end()) {
        problems.add("", 0, 0, "language",
                     msg("\"{}\" is not a language (known: en, es, fr)", *r.language));
    }
}

// Checks the fields given (on top of `base` for an edit); collects every problem.
ResolvedFields resolve(store::Store& store, const MeetingFields& f,
                       const std::optional<Meeting>& base) {
    Diagnostics problems;
    ResolvedFields r;
    resolve_title_and_kind(f, base, r, problems);
    resolve_body(store, f, base, r, problems);
    resolve_time(store, f, base, r, problems);
    resolve_place(store, f, base, r, problems);
    problems.throw_if_any();
    return r;
}

std::string meeting_uid(store::Store& store, const std::string& id) {
    const auto slug = text::slugify(store.alliance().short_name);
    return fmt::format("{}@{}.nacsa", text::slugify(id), slug.empty() ? "alliance" : slug);
}

// The columns a meeting's fields fill, by name, for its INSERT and its UPDATE.
void bind_fields(Statement& q, const ResolvedFields& r, Seconds start) {
    q.bind(":title", r.title);
    q.bind(":kind", r.kind);
    q.bind(":body", r.body.to_string());
    q.bind(":start", format_timestamp(start));
    q.bind(":tz", r.time_zone);
    q.bind(":duration", r.duration);
    store::bind(q, ":place", r.place);
    store::bind(q, ":link", r.online_link);
    q.bind(":format", format_name(r.format));
    store::bind(q, ":language", r.language);
}

// Inserts one scheduled meeting and its history (its invitees are derived when read).
Meeting insert_meeting(store::Store& store, const std::string& id, const ResolvedFields& r,
                       Date date, Seconds start, const std::optional<std::string>& series_id) {
    auto& db = store.db();
    Statement q(db,
                "INSERT INTO meeting (id, uid, title, kind, body, starts_at, time_zone, "
                "duration_minutes, place, online_link, format, language, status, series_id, "
                "created_at, updated_at) VALUES (:id, :uid, :title, :kind, :body, :start, :tz, "
                ":duration, :place, :link, :format, :language, :status, :series, :now, :now)");
    q.bind(":id", id);
    q.bind(":uid", meeting_uid(store, id));
    bind_fields(q, r, start);
    q.bind(":status", status_name(MeetingStatus::scheduled));
    store::bind(q, ":series", series_id);
    q.bind(":now", now_text());
    q.exec();
    detail::add_history(db, id, MeetingStatus::scheduled, start, std::nullopt);
    store.audit("meeting", id,
                fmt::format("scheduled a {} meeting of {} on {}", r.kind, r.body.to_string(),
                            format_date(date)));
    return get_meeting(store, id);
}

// The names of the fields that differ between a meeting and its resolved new fields.
std::vector<std::string> changed_fields(const Meeting& before, const ResolvedFields& r,
                                        Seconds start) {
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
    return changed;
}

void update_fields(SQLite::Database& db, const std::string& id, const ResolvedFields& r,
                   Seconds start) {
    Statement q(
        db,
        "UPDATE meeting SET title = :title, kind = :kind, body = :body, starts_at = :start, "
        "time_zone = :tz, duration_minutes = :duration, place = :place, "
        "online_link = :link, format = :format, language = :language WHERE id = :id");
    bind_fields(q, r, start);
    q.bind(":id", id);
    q.exec();
}

}  // namespace

std::vector<Meeting> schedule(store::Store& store, const MeetingFields& fields,
                              const SeriesRequest& series) {
    std::vector<Meeting> out;
    store.transaction([&] {
        const auto r = resolve(store, fields, std::nullopt);
        const auto starts =
            occurrences(r.start, series.repeat, series.count, series.until, series.weekday);
        if (starts.empty()) {
            throw ValidationError(
                msg("the series has no meeting (--until is before the first start)"));
        }
        std::vector<Seconds> utc;
        utc.reserve(starts.size());
        for (const auto& s : starts) {
            utc.push_back(to_utc(s, r.time_zone));
        }
        std::optional<std::string> series_id;
        for (std::size_t i = 0; i < starts.size(); ++i) {
            const auto id = detail::next_id(store.db(), "meeting", "M",
                                            static_cast<int>(starts[i].date.year()));
            if (series.repeat != Repeat::none && !series_id) {
                series_id = id;
            }
            out.push_back(insert_meeting(store, id, r, starts[i].date, utc[i], series_id));
        }
    });
    return out;
}

std::vector<std::string> edit(store::Store& store, const std::string& id,
                              const MeetingFields& fields) {
    std::vector<std::string> changed;
    store.transaction([&] {
        const auto before = get_meeting(store, id);
        if (before.status == MeetingStatus::held &&
            (fields.start || fields.time_zone || fields.body)) {
            throw ValidationError(msg("{} is held: its start and body can no longer change", id));
        }
        if (before.status == MeetingStatus::cancelled) {
            throw ValidationError(msg("{} is cancelled: it cannot be edited", id));
        }
        const auto r = resolve(store, fields, before);
        const auto start = to_utc(r.start, r.time_zone);
        changed = changed_fields(before, r, start);
        if (changed.empty()) {
            return;
        }
        auto& db = store.db();
        update_fields(db, id, r, start);
        if (before.status == MeetingStatus::postponed && start != before.starts_at) {
            detail::set_status(db, id, MeetingStatus::scheduled);
            detail::add_history(db, id, MeetingStatus::scheduled, start, "rescheduled");
        } else if (start != before.starts_at) {
            // A new start is part of the meeting's history: a report as of an earlier day lists
            // the meeting at the start it had then (meetings::scheduled_as_known_on).
            detail::add_history(db, id, before.status, start, "moved");
        }
        detail::touch(db, id);
        store.audit("meeting", id, "edited: " + text::join(changed, ", "));
    });
    return changed;
}

void cancel(store::Store& store, const std::string& id, const std::string& reason) {
    store.transaction([&] {
        const auto m = get_meeting(store, id);
        detail::require_status(m, {MeetingStatus::scheduled, MeetingStatus::postponed},
                               msg("cancel it"));
        const auto why = detail::required_reason(reason);
        auto& db = store.db();
        detail::set_status(db, id, MeetingStatus::cancelled);
        detail::add_history(db, id, MeetingStatus::cancelled, m.starts_at, why);
        detail::touch(db, id);
        store.audit("meeting", id, "cancelled");
    });
}

Meeting postpone(store::Store& store, const std::string& id, const std::string& reason,
                 const std::optional<std::string>& to) {
    Meeting after;
    store.transaction([&] {
        const auto m = get_meeting(store, id);
        detail::require_status(m, {MeetingStatus::scheduled, MeetingStatus::postponed},
                               msg("postpone it"));
        const auto why = detail::required_reason(reason);
        std::optional<Seconds> new_start;
        if (to) {
            const auto local = parse_local_date_time(*to);
            if (!local) {
                throw ValidationError(
                    msg("field \"to\": \"{}\" is not a date and time (expected YYYY-MM-DD HH:MM)",
                        *to));
            }
            new_start = to_utc(*local, m.time_zone);
        }
        auto& db = store.db();
        detail::add_history(db, id, MeetingStatus::postponed, m.starts_at, why);
        if (new_start) {
            Statement q(db, "UPDATE meeting SET starts_at = ? WHERE id = ?");
            q.bind(1, format_timestamp(*new_start));
            q.bind(2, id);
            q.exec();
            detail::set_status(db, id, MeetingStatus::scheduled);
            detail::add_history(db, id, MeetingStatus::scheduled, *new_start, "rescheduled");
        } else {
            detail::set_status(db, id, MeetingStatus::postponed);
        }
        detail::touch(db, id);
        store.audit("meeting", id,
                    new_start ? fmt::format("postponed to {}",
                                            format_date(to_local(*new_start, m.time_zone).date))
                              : std::string("postponed"));
        after = get_meeting(store, id);
    });
    return after;
}

}  // namespace nacsa::meetings
