#include "wg/wg.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "config/alliance.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace nacsa::wg {

namespace {

constexpr const char* k_group_kind = "working_group";
constexpr const char* k_task_kind = "wg_task";

Date date_of(const std::string& text) {
    const auto d = parse_date(text);
    if (!d) {
        throw StoreError(fmt::format("the store holds an invalid date \"{}\"", text));
    }
    return *d;
}

std::optional<Date> optional_date(const SQLite::Column& column) {
    if (column.isNull()) {
        return std::nullopt;
    }
    return date_of(column.getString());
}

std::string text_or_empty(const SQLite::Column& column) {
    return column.isNull() ? std::string() : column.getString();
}

std::optional<std::int64_t> optional_int(const SQLite::Column& column) {
    if (column.isNull()) {
        return std::nullopt;
    }
    return column.getInt64();
}

template <typename T>
void bind_optional(SQLite::Statement& q, int index, const std::optional<T>& value) {
    if (value) {
        q.bind(index, *value);
    } else {
        q.bind(index);
    }
}

std::string normalise_id(std::string id) {
    std::replace(id.begin(), id.end(), '_', '-');
    return id;
}

// [a-z0-9]+ separated by single '-' or '_': slugs and configuration keys.
bool is_group_id(const std::string& id) {
    return text::is_slug(normalise_id(id));
}

Diagnostic problem(std::string field, std::string message) {
    return Diagnostic{.field = std::move(field), .message = std::move(message)};
}

[[noreturn]] void invalid(std::string field, std::string message) {
    throw ValidationError(std::vector<Diagnostic>{problem(std::move(field), std::move(message))});
}

// A required line of text from the command line: trimmed, valid UTF-8, no control characters.
std::string checked_text(const std::string& value, const std::string& field, Diagnostics& problems,
                         bool required) {
    const std::string trimmed(text::trim(value));
    if (!text::is_valid_utf8(value)) {
        problems.add(problem(field, "is not valid UTF-8"));
        return {};
    }
    if (required && trimmed.empty()) {
        problems.add(problem(field, "must not be empty"));
    }
    if (std::any_of(trimmed.begin(), trimmed.end(), [](char c) {
            return static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t';
        })) {
        problems.add(problem(field, "must not contain control characters"));
    }
    return trimmed;
}

std::vector<std::string> checked_themes(store::Store& store, const std::vector<std::string>& themes,
                                        const std::string& field, Diagnostics& problems) {
    const auto& alliance = store.alliance();
    std::vector<std::string> out;
    for (const auto& theme : themes) {
        if (alliance.find_theme(theme) == nullptr) {
            problems.add(problem(
                field, fmt::format("\"{}\" is not a thematic area of this alliance (known: {})",
                                   text::escape_control(theme),
                                   config::known_keys(alliance.thematic_areas))));
        } else if (std::find(out.begin(), out.end(), theme) == out.end()) {
            out.push_back(theme);
        }
    }
    return out;
}

// Thematic areas in the order the configuration lists them.
void sort_themes(store::Store& store, std::vector<std::string>& themes) {
    const auto& areas = store.alliance().thematic_areas;
    auto rank = [&](const std::string& key) {
        const auto it = std::find_if(areas.begin(), areas.end(),
                                     [&](const config::Term& t) { return t.key == key; });
        return it - areas.begin();
    };
    std::stable_sort(themes.begin(), themes.end(),
                     [&](const std::string& a, const std::string& b) { return rank(a) < rank(b); });
}

std::string now_text() {
    return format_timestamp(now());
}

struct MemberRef {
    std::string id;
    std::string name;
    std::string status;
};

// A member organisation named on the command line: its id (or a name that slugifies to it).
MemberRef get_member(store::Store& store, const std::string& arg) {
    SQLite::Statement q(store.db(), "SELECT id, name, status FROM member WHERE id = ?");
    for (const auto& candidate : {arg, text::slugify(arg)}) {
        q.bind(1, candidate);
        if (q.executeStep()) {
            return MemberRef{q.getColumn(0).getString(), q.getColumn(1).getString(),
                             q.getColumn(2).getString()};
        }
        q.reset();
    }
    throw NotFoundError(
        fmt::format("no member \"{}\" (see `nacsa member list`)", text::escape_control(arg)));
}

void require_active_member(const MemberRef& member, const std::string& what) {
    if (member.status != "active") {
        invalid("member", fmt::format("{} is {}; only active members can {}", member.id,
                                      member.status, what));
    }
}

struct ContactRef {
    std::int64_t id = 0;
    std::string name;
    bool primary = false;
};

std::vector<ContactRef> contacts_of(store::Store& store, const std::string& member_id) {
    SQLite::Statement q(
        store.db(),
        "SELECT id, name, is_primary FROM contact WHERE member_id = ? AND erased_at IS NULL "
        "ORDER BY is_primary DESC, id");
    q.bind(1, member_id);
    std::vector<ContactRef> out;
    while (q.executeStep()) {
        out.push_back(ContactRef{q.getColumn(0).getInt64(), q.getColumn(1).getString(),
                                 q.getColumn(2).getInt() != 0});
    }
    return out;
}

// A contact of the member named by its id or its name (accent- and case-insensitive; a unique
// part of the name is enough). Anything else is a ValidationError on "representative".
ContactRef resolve_contact(store::Store& store, const MemberRef& member, const std::string& text) {
    const auto contacts = contacts_of(store, member.id);
    if (contacts.empty()) {
        invalid(
            "representative",
            fmt::format("{} has no contacts on record (add one with `nacsa member contact add`)",
                        member.id));
    }
    const bool numeric = !text.empty() && std::all_of(text.begin(), text.end(),
                                                      [](char c) { return c >= '0' && c <= '9'; });
    if (numeric) {
        for (const auto& c : contacts) {
            if (std::to_string(c.id) == text) {
                return c;
            }
        }
    }
    const std::string wanted = text::fold(text::trim(text));
    std::vector<ContactRef> exact;
    std::vector<ContactRef> partial;
    for (const auto& c : contacts) {
        const std::string folded = text::fold(c.name);
        if (folded == wanted) {
            exact.push_back(c);
        } else if (!wanted.empty() && folded.find(wanted) != std::string::npos) {
            partial.push_back(c);
        }
    }
    const auto& matches = exact.empty() ? partial : exact;
    std::vector<std::string> names;
    for (const auto& c : (matches.size() > 1 ? matches : contacts)) {
        names.push_back(fmt::format("{} ({})", c.name, c.id));
    }
    if (matches.size() == 1) {
        return matches.front();
    }
    if (matches.size() > 1) {
        invalid("representative",
                fmt::format("\"{}\" matches several contacts of {}: {}; give the contact's number",
                            text::escape_control(text), member.id, text::join(names, ", ")));
    }
    invalid("representative",
            fmt::format("\"{}\" is not a contact of {} (contacts: {})", text::escape_control(text),
                        member.id, text::join(names, ", ")));
}

std::optional<ContactRef> primary_contact(store::Store& store, const std::string& member_id) {
    const auto contacts = contacts_of(store, member_id);
    if (!contacts.empty() && contacts.front().primary) {
        return contacts.front();
    }
    return std::nullopt;
}

WorkingGroup read_group(store::Store& store, SQLite::Statement& q) {
    WorkingGroup g;
    g.id = q.getColumn(0).getString();
    g.name = q.getColumn(1).getString();
    g.purpose = text_or_empty(q.getColumn(2));
    g.status =
        q.getColumn(3).getString() == "archived" ? GroupStatus::archived : GroupStatus::active;
    g.created = date_of(q.getColumn(4).getString());
    g.archived = optional_date(q.getColumn(5));
    SQLite::Statement themes(store.db(), "SELECT theme FROM wg_theme WHERE wg_id = ?");
    themes.bind(1, g.id);
    while (themes.executeStep()) {
        g.themes.push_back(themes.getColumn(0).getString());
    }
    sort_themes(store, g.themes);
    return g;
}

constexpr const char* k_group_columns =
    "SELECT id, name, purpose, status, created, archived FROM working_group";

void require_active_group(const WorkingGroup& g) {
    if (g.status == GroupStatus::archived) {
        invalid("working group",
                fmt::format("{} was archived on {}", g.id, format_date(*g.archived)));
    }
}

constexpr const char* k_membership_columns =
    "SELECT s.id, s.wg_id, s.member_id, m.name, m.status, s.contact_id, c.name, c.erased_at, "
    "s.joined, s.ended, "
    "s.end_reason FROM wg_membership s JOIN member m ON m.id = s.member_id LEFT JOIN contact c ON "
    "c.id = s.contact_id";

Membership read_membership(SQLite::Statement& q) {
    Membership m;
    m.id = q.getColumn(0).getInt64();
    m.wg_id = q.getColumn(1).getString();
    m.member_id = q.getColumn(2).getString();
    m.member_name = q.getColumn(3).getString();
    m.member_status = q.getColumn(4).getString();
    m.contact_id = optional_int(q.getColumn(5));
    m.contact_name = q.getColumn(7).isNull() ? text_or_empty(q.getColumn(6)) : std::string();
    m.joined = date_of(q.getColumn(8).getString());
    m.ended = optional_date(q.getColumn(9));
    m.end_reason = text_or_empty(q.getColumn(10));
    return m;
}

constexpr const char* k_lead_columns =
    "SELECT l.id, l.wg_id, l.member_id, m.name, l.contact_id, c.name, c.erased_at, l.started, "
    "l.ended, l.end_reason "
    "FROM wg_lead l JOIN member m ON m.id = l.member_id LEFT JOIN contact c ON c.id = l.contact_id";

Lead read_lead(SQLite::Statement& q) {
    Lead l;
    l.id = q.getColumn(0).getInt64();
    l.wg_id = q.getColumn(1).getString();
    l.member_id = q.getColumn(2).getString();
    l.member_name = q.getColumn(3).getString();
    l.contact_id = optional_int(q.getColumn(4));
    l.contact_name = q.getColumn(6).isNull() ? text_or_empty(q.getColumn(5)) : std::string();
    l.started = date_of(q.getColumn(7).getString());
    l.ended = optional_date(q.getColumn(8));
    l.end_reason = text_or_empty(q.getColumn(9));
    return l;
}

std::optional<Membership> current_membership(store::Store& store, const std::string& wg_id,
                                             const std::string& member_id) {
    SQLite::Statement q(store.db(),
                        std::string(k_membership_columns) +
                            " WHERE s.wg_id = ? AND s.member_id = ? AND s.ended IS NULL");
    q.bind(1, wg_id);
    q.bind(2, member_id);
    if (q.executeStep()) {
        return read_membership(q);
    }
    return std::nullopt;
}

constexpr const char* k_task_columns =
    "SELECT id, wg_id, title, description, owner_id, due, status, activity_id, created, closed, "
    "close_note "
    "FROM wg_task";

Task read_task(SQLite::Statement& q) {
    Task t;
    t.id = q.getColumn(0).getInt64();
    t.wg_id = q.getColumn(1).getString();
    t.title = q.getColumn(2).getString();
    t.description = text_or_empty(q.getColumn(3));
    if (!q.getColumn(4).isNull()) {
        t.owner_id = q.getColumn(4).getString();
    }
    t.due = optional_date(q.getColumn(5));
    t.status = parse_task_status(q.getColumn(6).getString()).value_or(TaskStatus::open);
    if (!q.getColumn(7).isNull()) {
        t.activity_id = q.getColumn(7).getString();
    }
    t.created = date_of(q.getColumn(8).getString());
    t.closed = optional_date(q.getColumn(9));
    t.close_note = text_or_empty(q.getColumn(10));
    return t;
}

void insert_group(store::Store& store, const WorkingGroup& g) {
    const std::string stamp = now_text();
    SQLite::Statement q(
        store.db(),
        "INSERT INTO working_group (id, name, purpose, status, created, created_at, updated_at) "
        "VALUES (?, ?, ?, 'active', ?, ?, ?)");
    q.bind(1, g.id);
    q.bind(2, g.name);
    if (g.purpose.empty()) {
        q.bind(3);
    } else {
        q.bind(3, g.purpose);
    }
    q.bind(4, format_date(g.created));
    q.bind(5, stamp);
    q.bind(6, stamp);
    q.exec();
    SQLite::Statement theme(store.db(), "INSERT INTO wg_theme (wg_id, theme) VALUES (?, ?)");
    for (const auto& t : g.themes) {
        theme.bind(1, g.id);
        theme.bind(2, t);
        theme.exec();
        theme.reset();
    }
    store.audit(k_group_kind, g.id,
                fmt::format("created working group (themes: {})",
                            g.themes.empty() ? "none" : text::join(g.themes, ", ")));
}

void touch_group(store::Store& store, const std::string& wg_id) {
    SQLite::Statement q(store.db(), "UPDATE working_group SET updated_at = ? WHERE id = ?");
    q.bind(1, now_text());
    q.bind(2, wg_id);
    q.exec();
}

std::string contact_note(const std::optional<std::int64_t>& contact_id) {
    return contact_id ? fmt::format("contact #{}", *contact_id) : std::string("no representative");
}

void insert_membership(store::Store& store, const std::string& wg_id, const std::string& member_id,
                       const std::optional<std::int64_t>& contact_id, Date date) {
    SQLite::Statement q(
        store.db(),
        "INSERT INTO wg_membership (wg_id, member_id, contact_id, joined) VALUES (?, ?, ?, ?)");
    q.bind(1, wg_id);
    q.bind(2, member_id);
    bind_optional(q, 3, contact_id);
    q.bind(4, format_date(date));
    q.exec();
    store.audit(k_group_kind, wg_id,
                fmt::format("{} joined on {} ({})", member_id, format_date(date),
                            contact_note(contact_id)));
}

// Ends the current lead of a group, if any: the date is never before the lead started.
bool end_lead(store::Store& store, const std::string& wg_id, Date date, const std::string& reason) {
    SQLite::Statement q(store.db(),
                        "UPDATE wg_lead SET ended = max(?, started), end_reason = ? WHERE wg_id = "
                        "? AND ended IS NULL "
                        "RETURNING member_id");
    q.bind(1, format_date(date));
    q.bind(2, reason);
    q.bind(3, wg_id);
    if (!q.executeStep()) {
        return false;
    }
    const std::string member_id = q.getColumn(0).getString();
    while (q.executeStep()) {
    }
    store.audit(k_group_kind, wg_id,
                fmt::format("lead of {} ended on {} ({})", member_id, format_date(date), reason));
    return true;
}

void check_not_before(Date date, Date earliest, const std::string& what) {
    if (date < earliest) {
        invalid("date", fmt::format("{} is before {} ({})", format_date(date), what,
                                    format_date(earliest)));
    }
}

}  // namespace

std::string status_name(GroupStatus s) {
    return s == GroupStatus::active ? "active" : "archived";
}

std::string status_name(TaskStatus s) {
    switch (s) {
        case TaskStatus::open:
            return "open";
        case TaskStatus::done:
            return "done";
        case TaskStatus::dropped:
            return "dropped";
    }
    return "open";
}

std::optional<TaskStatus> parse_task_status(const std::string& name) {
    for (const auto s : {TaskStatus::open, TaskStatus::done, TaskStatus::dropped}) {
        if (status_name(s) == name) {
            return s;
        }
    }
    return std::nullopt;
}

bool Task::overdue(Date as_of) const {
    return status == TaskStatus::open && due && *due < as_of;
}

Date today(store::Store& store) {
    return nacsa::today(store.alliance().time_zone);
}

std::optional<WorkingGroup> find_group(store::Store& store, const std::string& id) {
    {
        SQLite::Statement q(store.db(), std::string(k_group_columns) + " WHERE id = ?");
        q.bind(1, id);
        if (q.executeStep()) {
            return read_group(store, q);
        }
    }
    SQLite::Statement q(store.db(),
                        std::string(k_group_columns) + " WHERE replace(id, '_', '-') = ?");
    q.bind(1, normalise_id(id));
    std::optional<WorkingGroup> found;
    while (q.executeStep()) {
        if (found) {
            return std::nullopt;
        }
        found = read_group(store, q);
    }
    return found;
}

WorkingGroup get_group(store::Store& store, const std::string& id) {
    if (auto g = find_group(store, id)) {
        return *g;
    }
    std::vector<std::string> known;
    for (const auto& g : list_groups(store, Include::all)) {
        known.push_back(g.id);
    }
    throw NotFoundError(fmt::format(
        "no working group \"{}\" (known: {})", text::escape_control(id),
        known.empty() ? "none; create one with `nacsa wg create`" : text::join(known, ", ")));
}

std::vector<WorkingGroup> list_groups(store::Store& store, Include include) {
    SQLite::Statement q(store.db(),
                        std::string(k_group_columns) +
                            (include == Include::all ? "" : " WHERE status = 'active'") +
                            " ORDER BY id");
    std::vector<WorkingGroup> out;
    while (q.executeStep()) {
        out.push_back(read_group(store, q));
    }
    return out;
}

std::vector<Membership> memberships(store::Store& store, const std::string& wg_id,
                                    Include include) {
    SQLite::Statement q(store.db(),
                        std::string(k_membership_columns) + " WHERE s.wg_id = ?" +
                            (include == Include::all ? "" : " AND s.ended IS NULL") +
                            " ORDER BY s.ended IS NOT NULL, s.joined, s.member_id, s.id");
    q.bind(1, wg_id);
    std::vector<Membership> out;
    while (q.executeStep()) {
        out.push_back(read_membership(q));
    }
    return out;
}

std::vector<std::string> member_ids_on(store::Store& store, const std::string& wg_id, Date date) {
    SQLite::Statement q(store.db(),
                        "SELECT DISTINCT member_id FROM wg_membership WHERE wg_id = :g AND "
                        "joined <= :d AND (ended IS NULL OR ended > :d) ORDER BY member_id");
    q.bind(":g", wg_id);
    q.bind(":d", format_date(date));
    std::vector<std::string> out;
    while (q.executeStep()) {
        out.push_back(q.getColumn(0).getString());
    }
    return out;
}

std::optional<Lead> current_lead(store::Store& store, const std::string& wg_id) {
    SQLite::Statement q(store.db(),
                        std::string(k_lead_columns) + " WHERE l.wg_id = ? AND l.ended IS NULL");
    q.bind(1, wg_id);
    if (q.executeStep()) {
        return read_lead(q);
    }
    return std::nullopt;
}

std::vector<Lead> lead_history(store::Store& store, const std::string& wg_id) {
    SQLite::Statement q(
        store.db(), std::string(k_lead_columns) + " WHERE l.wg_id = ? ORDER BY l.started, l.id");
    q.bind(1, wg_id);
    std::vector<Lead> out;
    while (q.executeStep()) {
        out.push_back(read_lead(q));
    }
    return out;
}

std::vector<Task> list_tasks(store::Store& store, const TaskQuery& query) {
    std::string sql = std::string(k_task_columns) + " WHERE 1";
    if (query.wg_id) {
        sql += " AND wg_id = :wg";
    }
    if (query.status) {
        sql += " AND status = :status";
    }
    if (query.owner_id) {
        sql += " AND owner_id = :owner";
    }
    if (query.overdue_as_of) {
        sql += " AND status = 'open' AND due < :as_of";
    }
    sql += " ORDER BY wg_id, due IS NULL, due, id";
    SQLite::Statement q(store.db(), sql);
    if (query.wg_id) {
        q.bind(":wg", *query.wg_id);
    }
    if (query.status) {
        q.bind(":status", status_name(*query.status));
    }
    if (query.owner_id) {
        q.bind(":owner", *query.owner_id);
    }
    if (query.overdue_as_of) {
        q.bind(":as_of", format_date(*query.overdue_as_of));
    }
    std::vector<Task> out;
    while (q.executeStep()) {
        out.push_back(read_task(q));
    }
    return out;
}

std::optional<Task> find_task(store::Store& store, std::int64_t id) {
    SQLite::Statement q(store.db(), std::string(k_task_columns) + " WHERE id = ?");
    q.bind(1, id);
    if (q.executeStep()) {
        return read_task(q);
    }
    return std::nullopt;
}

WorkingGroup create_group(store::Store& store, const NewGroup& group) {
    Diagnostics problems;
    WorkingGroup g;
    g.name = checked_text(group.name, "name", problems, true);
    g.purpose = checked_text(group.purpose, "purpose", problems, false);
    g.themes = checked_themes(store, group.themes, "themes", problems);
    sort_themes(store, g.themes);
    g.created = group.created.value_or(today(store));
    g.id = group.id ? *group.id : text::slugify(g.name);
    if (!is_group_id(g.id)) {
        problems.add(
            problem("id", fmt::format("\"{}\" is not a valid id (lower-case letters and digits, "
                                      "separated by single '-' or '_')",
                                      text::escape_control(g.id))));
    } else {
        SQLite::Statement q(store.db(),
                            "SELECT id FROM working_group WHERE replace(id, '_', '-') = ?");
        q.bind(1, normalise_id(g.id));
        if (q.executeStep()) {
            problems.add(problem("id", fmt::format("a working group with id {} already exists{}",
                                                   q.getColumn(0).getString(),
                                                   group.id ? "" : " (give another with --id)")));
        }
    }
    if (!g.name.empty()) {
        const std::string folded = text::fold(g.name);
        for (const auto& other : list_groups(store, Include::all)) {
            if (text::fold(other.name) == folded) {
                problems.add(problem(
                    "name", fmt::format("working group {} already has this name", other.id)));
            }
        }
    }
    problems.throw_if_any();
    store.transaction([&] { insert_group(store, g); });
    return g;
}

std::vector<std::string> edit_group(store::Store& store, const std::string& wg_id,
                                    const GroupChanges& changes) {
    const WorkingGroup g = get_group(store, wg_id);
    Diagnostics problems;
    std::vector<std::string> done;
    std::string name = g.name;
    std::string purpose = g.purpose;
    if (changes.name) {
        name = checked_text(*changes.name, "name", problems, true);
        if (!name.empty() && name != g.name) {
            const std::string folded = text::fold(name);
            for (const auto& other : list_groups(store, Include::all)) {
                if (other.id != g.id && text::fold(other.name) == folded) {
                    problems.add(problem(
                        "name", fmt::format("working group {} already has this name", other.id)));
                }
            }
            done.push_back("name");
        }
    }
    if (changes.purpose) {
        purpose = checked_text(*changes.purpose, "purpose", problems, false);
        if (purpose != g.purpose) {
            done.push_back("purpose");
        }
    }
    std::vector<std::string> themes = g.themes;
    if (changes.themes) {
        themes = checked_themes(store, *changes.themes, "themes", problems);
    }
    for (const auto& t : checked_themes(store, changes.add_themes, "themes", problems)) {
        if (std::find(themes.begin(), themes.end(), t) == themes.end()) {
            themes.push_back(t);
        }
    }
    for (const auto& t : changes.remove_themes) {
        const auto it = std::find(themes.begin(), themes.end(), t);
        if (it == themes.end()) {
            problems.add(problem(
                "themes", fmt::format("{} does not work on \"{}\" (themes: {})", g.id,
                                      text::escape_control(t),
                                      g.themes.empty() ? "none" : text::join(g.themes, ", "))));
        } else {
            themes.erase(it);
        }
    }
    sort_themes(store, themes);
    problems.throw_if_any();
    const bool themes_changed = themes != g.themes;
    if (themes_changed) {
        done.push_back(
            fmt::format("themes: {}", themes.empty() ? "none" : text::join(themes, ", ")));
    }
    if (done.empty()) {
        return done;
    }
    store.transaction([&] {
        SQLite::Statement q(store.db(),
                            "UPDATE working_group SET name = ?, purpose = ? WHERE id = ?");
        q.bind(1, name);
        if (purpose.empty()) {
            q.bind(2);
        } else {
            q.bind(2, purpose);
        }
        q.bind(3, g.id);
        q.exec();
        if (themes_changed) {
            SQLite::Statement del(store.db(), "DELETE FROM wg_theme WHERE wg_id = ?");
            del.bind(1, g.id);
            del.exec();
            SQLite::Statement ins(store.db(), "INSERT INTO wg_theme (wg_id, theme) VALUES (?, ?)");
            for (const auto& t : themes) {
                ins.bind(1, g.id);
                ins.bind(2, t);
                ins.exec();
                ins.reset();
            }
        }
        touch_group(store, g.id);
        store.audit(k_group_kind, g.id, "edited: " + text::join(done, "; "));
    });
    return done;
}

ArchiveResult archive_group(store::Store& store, const std::string& wg_id, Date date,
                            DropOpenTasks drop) {
    const WorkingGroup g = get_group(store, wg_id);
    require_active_group(g);
    check_not_before(date, g.created, "the group was created");
    const auto open = list_tasks(store, TaskQuery{.wg_id = g.id, .status = TaskStatus::open});
    if (!open.empty() && drop == DropOpenTasks::no) {
        invalid(
            "working group",
            fmt::format(
                "{} has {} open task{}; mark {} done or dropped first, or pass --drop-open-tasks",
                g.id, open.size(), open.size() == 1 ? "" : "s", open.size() == 1 ? "it" : "them"));
    }
    ArchiveResult result;
    store.transaction([&] {
        const std::string day = format_date(date);
        result.lead_ended = end_lead(store, g.id, date, "archived");
        SQLite::Statement m(
            store.db(),
            "UPDATE wg_membership SET ended = max(?, joined), end_reason = 'archived' "
            "WHERE wg_id = ? AND ended IS NULL");
        m.bind(1, day);
        m.bind(2, g.id);
        result.memberships_ended = m.exec();
        SQLite::Statement t(
            store.db(),
            "UPDATE wg_task SET status = 'dropped', closed = max(?, created), "
            "close_note = 'working group archived' WHERE wg_id = ? AND status = 'open'");
        t.bind(1, day);
        t.bind(2, g.id);
        result.tasks_dropped = t.exec();
        SQLite::Statement q(
            store.db(), "UPDATE working_group SET status = 'archived', archived = ? WHERE id = ?");
        q.bind(1, day);
        q.bind(2, g.id);
        q.exec();
        touch_group(store, g.id);
        store.audit(
            k_group_kind, g.id,
            fmt::format("archived on {} ({} membership{} ended, {} open task{} dropped)", day,
                        result.memberships_ended, result.memberships_ended == 1 ? "" : "s",
                        result.tasks_dropped, result.tasks_dropped == 1 ? "" : "s"));
    });
    return result;
}

JoinResult join(store::Store& store, const std::string& wg_id, const std::string& member,
                const std::optional<std::string>& representative, Date date) {
    const WorkingGroup g = get_group(store, wg_id);
    const MemberRef m = get_member(store, member);
    require_active_group(g);
    if (auto current = current_membership(store, g.id, m.id)) {
        if (!representative) {
            invalid("member", fmt::format("{} is already a member of {} (since {})", m.id, g.id,
                                          format_date(current->joined)));
        }
        const ContactRef c = resolve_contact(store, m, *representative);
        if (current->contact_id == c.id) {
            invalid("representative",
                    fmt::format("{} already represents {} in {}", c.name, m.id, g.id));
        }
        store.transaction([&] {
            SQLite::Statement q(store.db(), "UPDATE wg_membership SET contact_id = ? WHERE id = ?");
            q.bind(1, c.id);
            q.bind(2, current->id);
            q.exec();
            touch_group(store, g.id);
            store.audit(k_group_kind, g.id,
                        fmt::format("representative of {} changed to contact #{}", m.id, c.id));
        });
        return JoinResult{true, *current_membership(store, g.id, m.id)};
    }
    require_active_member(m, "join a working group");
    check_not_before(date, g.created, "the group was created");
    {
        SQLite::Statement q(
            store.db(), "SELECT max(ended) FROM wg_membership WHERE wg_id = ? AND member_id = ?");
        q.bind(1, g.id);
        q.bind(2, m.id);
        if (q.executeStep() && !q.getColumn(0).isNull()) {
            check_not_before(date, date_of(q.getColumn(0).getString()),
                             "its previous membership ended");
        }
    }
    std::optional<std::int64_t> contact_id;
    if (representative) {
        contact_id = resolve_contact(store, m, *representative).id;
    } else if (auto primary = primary_contact(store, m.id)) {
        contact_id = primary->id;
    }
    store.transaction([&] {
        insert_membership(store, g.id, m.id, contact_id, date);
        touch_group(store, g.id);
    });
    return JoinResult{false, *current_membership(store, g.id, m.id)};
}

LeaveResult leave(store::Store& store, const std::string& wg_id, const std::string& member,
                  Date date) {
    const WorkingGroup g = get_group(store, wg_id);
    const MemberRef m = get_member(store, member);
    auto current = current_membership(store, g.id, m.id);
    if (!current) {
        invalid("member", fmt::format("{} is not a member of {}", m.id, g.id));
    }
    check_not_before(date, current->joined, "it joined");
    LeaveResult result;
    store.transaction([&] {
        SQLite::Statement q(store.db(),
                            "UPDATE wg_membership SET ended = ?, end_reason = 'left' WHERE id = ?");
        q.bind(1, format_date(date));
        q.bind(2, current->id);
        q.exec();
        store.audit(k_group_kind, g.id, fmt::format("{} left on {}", m.id, format_date(date)));
        const auto lead = current_lead(store, g.id);
        if (lead && lead->member_id == m.id) {
            result.lead_ended = end_lead(store, g.id, date, "left");
        }
        touch_group(store, g.id);
    });
    current->ended = date;
    current->end_reason = "left";
    result.membership = *current;
    return result;
}

LeadResult set_lead(store::Store& store, const std::string& wg_id, const std::string& member,
                    const std::string& representative, Date date) {
    const WorkingGroup g = get_group(store, wg_id);
    const MemberRef m = get_member(store, member);
    require_active_group(g);
    require_active_member(m, "lead a working group");
    const ContactRef c = resolve_contact(store, m, representative);
    check_not_before(date, g.created, "the group was created");
    LeadResult result;
    result.previous = current_lead(store, g.id);
    if (result.previous) {
        if (result.previous->member_id == m.id && result.previous->contact_id == c.id) {
            invalid("member", fmt::format("{} already leads {} (since {}), represented by {}", m.id,
                                          g.id, format_date(result.previous->started), c.name));
        }
        check_not_before(date, result.previous->started, "the current lead started");
    }
    const auto membership = current_membership(store, g.id, m.id);
    if (!membership) {
        SQLite::Statement q(
            store.db(), "SELECT max(ended) FROM wg_membership WHERE wg_id = ? AND member_id = ?");
        q.bind(1, g.id);
        q.bind(2, m.id);
        if (q.executeStep() && !q.getColumn(0).isNull()) {
            check_not_before(date, date_of(q.getColumn(0).getString()),
                             "its previous membership ended");
        }
    }
    store.transaction([&] {
        if (result.previous) {
            end_lead(store, g.id, date, "replaced");
        }
        if (!membership) {
            insert_membership(store, g.id, m.id, c.id, date);
            result.joined = true;
        }
        SQLite::Statement q(
            store.db(),
            "INSERT INTO wg_lead (wg_id, member_id, contact_id, started) VALUES (?, ?, ?, ?)");
        q.bind(1, g.id);
        q.bind(2, m.id);
        q.bind(3, c.id);
        q.bind(4, format_date(date));
        q.exec();
        touch_group(store, g.id);
        store.audit(k_group_kind, g.id,
                    fmt::format("{} leads from {} (contact #{})", m.id, format_date(date), c.id));
    });
    result.lead = *current_lead(store, g.id);
    return result;
}

Task add_task(store::Store& store, const NewTask& task) {
    const WorkingGroup g = get_group(store, task.wg_id);
    std::optional<MemberRef> owner;
    if (task.owner) {
        owner = get_member(store, *task.owner);
    }
    const std::string plan_table = store.db().tableExists("plan_activity") ? "plan_activity"
                                   : store.db().tableExists("activity")    ? "activity"
                                                                           : "";
    if (task.activity_id && !plan_table.empty()) {
        SQLite::Statement q(store.db(), "SELECT 1 FROM " + plan_table + " WHERE id = ?");
        q.bind(1, *task.activity_id);
        if (!q.executeStep()) {
            throw NotFoundError(
                fmt::format("no activity \"{}\" in the plan (see `nacsa plan activity list`)",
                            text::escape_control(*task.activity_id)));
        }
    }
    require_active_group(g);
    Diagnostics problems;
    Task t;
    t.wg_id = g.id;
    t.title = checked_text(task.title, "title", problems, true);
    t.description = checked_text(task.description, "description", problems, false);
    if (owner) {
        if (!current_membership(store, g.id, owner->id)) {
            problems.add(problem(
                "owner", fmt::format("{} is not a member of {} (add it with `nacsa wg join {} {}`)",
                                     owner->id, g.id, g.id, owner->id)));
        }
        t.owner_id = owner->id;
    }
    if (task.activity_id) {
        t.activity_id = checked_text(*task.activity_id, "activity", problems, true);
    }
    t.due = task.due;
    t.created = today(store);
    problems.throw_if_any();
    store.transaction([&] {
        SQLite::Statement q(
            store.db(),
            "INSERT INTO wg_task (wg_id, title, description, owner_id, due, activity_id, created) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)");
        q.bind(1, t.wg_id);
        q.bind(2, t.title);
        if (t.description.empty()) {
            q.bind(3);
        } else {
            q.bind(3, t.description);
        }
        bind_optional(q, 4, t.owner_id);
        if (t.due) {
            q.bind(5, format_date(*t.due));
        } else {
            q.bind(5);
        }
        bind_optional(q, 6, t.activity_id);
        q.bind(7, format_date(t.created));
        q.exec();
        t.id = store.db().getLastInsertRowid();
        store.audit(k_task_kind, std::to_string(t.id),
                    fmt::format("added to {}{}", t.wg_id,
                                t.due ? ", due " + format_date(*t.due) : std::string()));
    });
    return t;
}

Task close_task(store::Store& store, std::int64_t id, TaskStatus status, Date date,
                const std::string& note) {
    auto t = find_task(store, id);
    if (!t) {
        throw NotFoundError(fmt::format("no task {} (see `nacsa wg task list`)", id));
    }
    if (t->status != TaskStatus::open) {
        invalid("task", fmt::format("task {} is already {} (on {})", id, status_name(t->status),
                                    format_date(*t->closed)));
    }
    check_not_before(date, t->created, "the task was added");
    Diagnostics problems;
    const std::string clean_note = checked_text(note, "note", problems, false);
    problems.throw_if_any();
    store.transaction([&] {
        SQLite::Statement q(
            store.db(), "UPDATE wg_task SET status = ?, closed = ?, close_note = ? WHERE id = ?");
        q.bind(1, status_name(status));
        q.bind(2, format_date(date));
        if (clean_note.empty()) {
            q.bind(3);
        } else {
            q.bind(3, clean_note);
        }
        q.bind(4, id);
        q.exec();
        store.audit(k_task_kind, std::to_string(id),
                    fmt::format("{} on {}", status_name(status), format_date(date)));
    });
    t->status = status;
    t->closed = date;
    t->close_note = clean_note;
    return *t;
}

std::vector<EndedRole> end_memberships_of(store::Store& store, const std::string& member_id,
                                          Date date) {
    std::vector<EndedRole> ended;
    if (!store.db().tableExists("wg_membership")) {
        return ended;
    }
    const std::string day = format_date(date);
    {
        SQLite::Statement q(
            store.db(),
            "SELECT wg_id FROM wg_lead WHERE member_id = ? AND ended IS NULL ORDER BY wg_id");
        q.bind(1, member_id);
        std::vector<std::string> groups;
        while (q.executeStep()) {
            groups.push_back(q.getColumn(0).getString());
        }
        for (const auto& g : groups) {
            end_lead(store, g, date, "withdrawn");
            ended.push_back(EndedRole{g, EndedRole::Kind::lead});
        }
    }
    SQLite::Statement q(store.db(),
                        "UPDATE wg_membership SET ended = max(?, joined), end_reason = 'withdrawn' "
                        "WHERE member_id = ? AND ended IS NULL RETURNING wg_id");
    q.bind(1, day);
    q.bind(2, member_id);
    std::vector<std::string> groups;
    while (q.executeStep()) {
        groups.push_back(q.getColumn(0).getString());
    }
    std::sort(groups.begin(), groups.end());
    for (const auto& g : groups) {
        store.audit(k_group_kind, g,
                    fmt::format("membership of {} ended on {} (member withdrawn)", member_id, day));
        touch_group(store, g);
        ended.push_back(EndedRole{g, EndedRole::Kind::membership});
    }
    return ended;
}

std::string describe_ended(const std::vector<EndedRole>& ended, Date date) {
    std::vector<std::string> leads;
    std::vector<std::string> groups;
    for (const auto& e : ended) {
        (e.kind == EndedRole::Kind::lead ? leads : groups).push_back(e.wg_id);
    }
    std::vector<std::string> parts;
    if (!groups.empty()) {
        parts.push_back(fmt::format("working-group membership{} of {}",
                                    groups.size() == 1 ? "" : "s", text::join(groups, ", ")));
    }
    if (!leads.empty()) {
        parts.push_back(fmt::format("lead of {}", text::join(leads, ", ")));
    }
    if (parts.empty()) {
        return {};
    }
    return fmt::format("ended on {}: {}", format_date(date), text::join(parts, "; "));
}

int create_configured_groups(store::Store& store) {
    int created = 0;
    // Groups the configuration lists date from the alliance's founding (when known), so that
    // memberships from before the store was set up can be recorded.
    const Date founded = store.alliance().founded;
    const Date day = founded.ok() && founded <= today(store) ? founded : today(store);
    store.transaction([&] {
        for (const auto& seed : store.alliance().working_groups) {
            if (find_group(store, seed.key)) {
                continue;
            }
            WorkingGroup g;
            g.id = seed.key;
            g.name = seed.name;
            g.purpose = seed.purpose;
            g.themes = seed.thematic_areas;
            g.created = day;
            insert_group(store, g);
            ++created;
        }
    });
    return created;
}

std::vector<std::string> key_users(store::Store& store, config::KeyKind kind,
                                   const std::string& key) {
    if (kind != config::KeyKind::thematic_area) {
        return {};
    }
    SQLite::Statement q(store.db(), "SELECT wg_id FROM wg_theme WHERE theme = ? ORDER BY wg_id");
    q.bind(1, key);
    std::vector<std::string> out;
    while (q.executeStep()) {
        out.push_back(q.getColumn(0).getString());
    }
    return out;
}

}  // namespace nacsa::wg
