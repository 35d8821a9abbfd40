// SPDX-License-Identifier: Apache-2.0
// Working groups themselves: reading, creating, editing, archiving; and what the files of
// lib/wg share (wg/detail.hpp).
#include "wg/wg.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>

#include "config/alliance.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "i18n/i18n.hpp"
#include "store/sql.hpp"
#include "wg/detail.hpp"

namespace nacsa::wg {

using detail::checked_text;
using detail::k_group_kind;
using detail::problem;
using detail::Required;

namespace detail {

Diagnostic problem(std::string field, Message message) {
    return Diagnostic{.field = std::move(field), .message = std::move(message)};
}

void invalid(std::string field, Message message) {
    throw ValidationError(std::vector<Diagnostic>{problem(std::move(field), std::move(message))});
}

std::string checked_text(const std::string& value, const std::string& field, Diagnostics& problems,
                         Required required) {
    std::string trimmed(text::trim(value));
    if (!text::is_valid_utf8(value)) {
        problems.add(problem(field, msg("is not valid UTF-8")));
        return {};
    }
    if (required == Required::yes && trimmed.empty()) {
        problems.add(problem(field, msg("must not be empty")));
    }
    if (std::any_of(trimmed.begin(), trimmed.end(), [](char c) {
            return static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t';
        })) {
        problems.add(problem(field, msg("must not contain control characters")));
    }
    return trimmed;
}

void check_not_before(Date date, Date earliest, const Message& what) {
    if (date < earliest) {
        invalid("date",
                msg("{} is before {} ({})", format_date(date), what, format_date(earliest)));
    }
}

void require_active_group(const WorkingGroup& group) {
    if (group.status == GroupStatus::archived) {
        invalid("working group",
                msg("{} was archived on {}", group.id, format_date(*group.archived)));
    }
}

void require_active_member(const members::MemberRef& member, const Message& what) {
    if (member.status != members::MemberStatus::active) {
        invalid("member", msg("{} is {}; only active members can {}", member.id,
                              i18n::status_word(members::status_name(member.status)), what));
    }
}

void touch_group(store::Store& store, const std::string& wg_id) {
    SQLite::Statement q(store.db(), "UPDATE working_group SET updated_at = ? WHERE id = ?");
    q.bind(1, format_timestamp(now()));
    q.bind(2, wg_id);
    q.exec();
}

}  // namespace detail

namespace {

std::string normalise_id(std::string id) {
    std::replace(id.begin(), id.end(), '_', '-');
    return id;
}

// [a-z0-9]+ separated by single '-' or '_': slugs and configuration keys.
bool is_group_id(const std::string& id) {
    return text::is_slug(normalise_id(id));
}

// The thematic areas given (each trimmed; empty ones skipped), once each, or problems.
std::vector<std::string> checked_themes(store::Store& store, const std::vector<std::string>& themes,
                                        const std::string& field, Diagnostics& problems) {
    const auto& alliance = store.alliance();
    std::vector<std::string> out;
    for (const auto& given : themes) {
        const std::string theme(text::trim(given));
        if (theme.empty()) {
            continue;
        }
        if (alliance.find_theme(theme) == nullptr) {
            problems.add(problem(
                field,
                msg("\"{}\" is not a thematic area of this alliance (known: {})",
                    text::escape_control(theme), config::known_keys(alliance.thematic_areas))));
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

constexpr const char* k_group_columns =
    "SELECT id, name, purpose, status, created, archived FROM working_group";

WorkingGroup read_group(store::Store& store, SQLite::Statement& q) {
    WorkingGroup g;
    g.id = q.getColumn(0).getString();
    g.name = q.getColumn(1).getString();
    g.purpose = store::text(q.getColumn(2));
    g.status = parse_group_status(q.getColumn(3).getString()).value_or(GroupStatus::active);
    g.created = store::date(q.getColumn(4));
    g.archived = store::optional_date(q.getColumn(5));
    SQLite::Statement themes(store.db(), "SELECT theme FROM wg_theme WHERE wg_id = ?");
    themes.bind(1, g.id);
    while (themes.executeStep()) {
        g.themes.push_back(themes.getColumn(0).getString());
    }
    sort_themes(store, g.themes);
    return g;
}

void insert_themes(store::Store& store, const std::string& wg_id,
                   const std::vector<std::string>& themes) {
    SQLite::Statement q(store.db(), "INSERT INTO wg_theme (wg_id, theme) VALUES (?, ?)");
    for (const auto& t : themes) {
        q.bind(1, wg_id);
        q.bind(2, t);
        q.exec();
        q.reset();
    }
}

void insert_group(store::Store& store, const WorkingGroup& g) {
    const std::string stamp = format_timestamp(now());
    SQLite::Statement q(
        store.db(),
        "INSERT INTO working_group (id, name, purpose, status, created, created_at, updated_at) "
        "VALUES (?, ?, ?, 'active', ?, ?, ?)");
    q.bind(1, g.id);
    q.bind(2, g.name);
    store::bind_nonempty(q, 3, g.purpose);
    store::bind(q, 4, g.created);
    q.bind(5, stamp);
    q.bind(6, stamp);
    q.exec();
    insert_themes(store, g.id, g.themes);
    store.audit(k_group_kind, g.id,
                fmt::format("created working group (themes: {})",
                            g.themes.empty() ? "none" : text::join(g.themes, ", ")));
}

// A new group's id must be valid and not taken ('-' and '_' alike).
void check_new_id(store::Store& store, const std::string& id, bool given, Diagnostics& problems) {
    if (!is_group_id(id)) {
        problems.add(problem("id", msg("\"{}\" is not a valid id (lower-case letters and digits, "
                                       "separated by single '-' or '_')",
                                       text::escape_control(id))));
        return;
    }
    SQLite::Statement q(store.db(), "SELECT id FROM working_group WHERE replace(id, '_', '-') = ?");
    q.bind(1, normalise_id(id));
    if (q.executeStep()) {
        problems.add(problem("id", given ? msg("a working group with id {} already exists",
                                               q.getColumn(0).getString())
                                         : msg("a working group with id {} already exists "
                                               "(give another with --id)",
                                               q.getColumn(0).getString())));
    }
}

// No two groups have the same name (ignoring case and accents).
void check_name_free(store::Store& store, const std::string& name, const std::string& except_id,
                     Diagnostics& problems) {
    const std::string folded = text::fold(name);
    for (const auto& other : list_groups(store, Include::all)) {
        if (other.id != except_id && text::fold(other.name) == folded) {
            problems.add(problem("name", msg("working group {} already has this name", other.id)));
        }
    }
}

// The themes a group has after the changes, in configuration order.
std::vector<std::string> edited_themes(store::Store& store, const WorkingGroup& g,
                                       const GroupChanges& changes, Diagnostics& problems) {
    std::vector<std::string> themes = g.themes;
    if (changes.themes) {
        themes = checked_themes(store, *changes.themes, "themes", problems);
    }
    for (const auto& t : checked_themes(store, changes.add_themes, "themes", problems)) {
        if (std::find(themes.begin(), themes.end(), t) == themes.end()) {
            themes.push_back(t);
        }
    }
    for (const auto& given : changes.remove_themes) {
        const std::string t(text::trim(given));
        if (t.empty()) {
            continue;
        }
        const auto it = std::find(themes.begin(), themes.end(), t);
        if (it == themes.end()) {
            problems.add(problem(
                "themes",
                msg("{} does not work on \"{}\" (themes: {})", g.id, text::escape_control(t),
                    g.themes.empty() ? "none" : text::join(g.themes, ", "))));
        } else {
            themes.erase(it);
        }
    }
    sort_themes(store, themes);
    return themes;
}

void update_group(store::Store& store, const WorkingGroup& g, bool themes_changed) {
    SQLite::Statement q(store.db(), "UPDATE working_group SET name = ?, purpose = ? WHERE id = ?");
    q.bind(1, g.name);
    store::bind_nonempty(q, 2, g.purpose);
    q.bind(3, g.id);
    q.exec();
    if (themes_changed) {
        SQLite::Statement del(store.db(), "DELETE FROM wg_theme WHERE wg_id = ?");
        del.bind(1, g.id);
        del.exec();
        insert_themes(store, g.id, g.themes);
    }
    detail::touch_group(store, g.id);
}

// Ends the group's memberships and drops its open tasks on `day`; returns how many of each.
std::pair<int, int> end_group_records(store::Store& store, const std::string& wg_id, Date day) {
    SQLite::Statement m(store.db(),
                        "UPDATE wg_membership SET ended = max(?, joined), end_reason = 'archived' "
                        "WHERE wg_id = ? AND ended IS NULL");
    store::bind(m, 1, day);
    m.bind(2, wg_id);
    const int memberships = m.exec();
    SQLite::Statement t(
        store.db(),
        "UPDATE wg_task SET status = 'dropped', closed = max(?, created), "
        "close_note = 'working group archived' WHERE wg_id = ? AND status = 'open'");
    store::bind(t, 1, day);
    t.bind(2, wg_id);
    const int tasks = t.exec();
    return {memberships, tasks};
}

GroupDetail detail_of(store::Store& store, WorkingGroup g, Date today) {
    GroupDetail d;
    d.lead = current_lead(store, g.id);
    for (auto& lead : lead_history(store, g.id)) {
        if (lead.ended) {
            d.former_leads.push_back(std::move(lead));
        }
    }
    d.memberships = memberships(store, g.id, Include::all);
    d.members = static_cast<int>(std::count_if(d.memberships.begin(), d.memberships.end(),
                                               [](const Membership& m) { return !m.ended; }));
    const auto open = list_tasks(store, TaskQuery{.wg_id = g.id, .status = TaskStatus::open});
    d.open_tasks = static_cast<int>(open.size());
    d.overdue_tasks = static_cast<int>(
        std::count_if(open.begin(), open.end(), [&](const Task& t) { return t.overdue(today); }));
    d.group = std::move(g);
    return d;
}

}  // namespace

std::string status_name(GroupStatus s) {
    return s == GroupStatus::active ? "active" : "archived";
}

std::optional<GroupStatus> parse_group_status(const std::string& name) {
    for (const auto s : {GroupStatus::active, GroupStatus::archived}) {
        if (status_name(s) == name) {
            return s;
        }
    }
    return std::nullopt;
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
    throw NotFoundError(
        msg("no working group \"{}\" (known: {})", text::escape_control(id),
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

GroupDetail group_detail(store::Store& store, const std::string& id) {
    return detail_of(store, get_group(store, id), store.today());
}

std::vector<GroupDetail> group_details(store::Store& store, Include include) {
    const Date today = store.today();
    std::vector<GroupDetail> out;
    for (auto& g : list_groups(store, include)) {
        out.push_back(detail_of(store, std::move(g), today));
    }
    return out;
}

WorkingGroup create_group(store::Store& store, const NewGroup& group) {
    WorkingGroup g;
    store.transaction([&] {
        Diagnostics problems;
        g.name = checked_text(group.name, "name", problems, Required::yes);
        g.purpose = checked_text(group.purpose, "purpose", problems, Required::no);
        g.themes = checked_themes(store, group.themes, "themes", problems);
        sort_themes(store, g.themes);
        g.created = group.created.value_or(store.today());
        g.id = group.id.value_or(text::slugify(g.name));
        check_new_id(store, g.id, group.id.has_value(), problems);
        if (!g.name.empty()) {
            check_name_free(store, g.name, "", problems);
        }
        problems.throw_if_any();
        insert_group(store, g);
    });
    return g;
}

GroupEdit edit_group(store::Store& store, const std::string& wg_id, const GroupChanges& changes) {
    GroupEdit edit;
    store.transaction([&] {
        const WorkingGroup before = get_group(store, wg_id);
        edit.wg_id = before.id;
        WorkingGroup after = before;
        Diagnostics problems;
        if (changes.name) {
            after.name = checked_text(*changes.name, "name", problems, Required::yes);
            if (!after.name.empty() && after.name != before.name) {
                check_name_free(store, after.name, before.id, problems);
                edit.changed.push_back("name");
            }
        }
        if (changes.purpose) {
            after.purpose = checked_text(*changes.purpose, "purpose", problems, Required::no);
            if (after.purpose != before.purpose) {
                edit.changed.push_back("purpose");
            }
        }
        after.themes = edited_themes(store, before, changes, problems);
        problems.throw_if_any();
        const bool themes_changed = after.themes != before.themes;
        if (themes_changed) {
            edit.changed.push_back(fmt::format(
                "themes: {}", after.themes.empty() ? "none" : text::join(after.themes, ", ")));
        }
        if (!edit.changed.empty()) {
            update_group(store, after, themes_changed);
            store.audit(k_group_kind, after.id, "edited: " + text::join(edit.changed, "; "));
        }
    });
    return edit;
}

ArchiveResult archive_group(store::Store& store, const std::string& wg_id, std::optional<Date> date,
                            DropOpenTasks drop) {
    ArchiveResult result;
    store.transaction([&] {
        const WorkingGroup g = get_group(store, wg_id);
        result.wg_id = g.id;
        result.date = date.value_or(store.today());
        detail::require_active_group(g);
        detail::check_not_before(result.date, g.created, msg("the group was created"));
        const auto open = list_tasks(store, TaskQuery{.wg_id = g.id, .status = TaskStatus::open});
        if (!open.empty() && drop == DropOpenTasks::no) {
            detail::invalid("working group",
                            open.size() == 1
                                ? msg("{} has 1 open task; mark it done or dropped first, or pass "
                                      "--drop-open-tasks",
                                      g.id)
                                : msg("{} has {} open tasks; mark them done or dropped first, or "
                                      "pass --drop-open-tasks",
                                      g.id, open.size()));
        }
        result.lead_ended = detail::end_lead(store, g.id, result.date, "archived");
        std::tie(result.memberships_ended, result.tasks_dropped) =
            end_group_records(store, g.id, result.date);
        SQLite::Statement q(
            store.db(), "UPDATE working_group SET status = 'archived', archived = ? WHERE id = ?");
        store::bind(q, 1, result.date);
        q.bind(2, g.id);
        q.exec();
        detail::touch_group(store, g.id);
        store.audit(k_group_kind, g.id,
                    fmt::format("archived on {} ({} membership{} ended, {} open task{} dropped)",
                                format_date(result.date), result.memberships_ended,
                                result.memberships_ended == 1 ? "" : "s", result.tasks_dropped,
                                result.tasks_dropped == 1 ? "" : "s"));
    });
    return result;
}

int create_configured_groups(store::Store& store) {
    int created = 0;
    store.transaction([&] {
        // Groups the configuration lists date from the alliance's founding (when known), so that
        // memberships from before the store was set up can be recorded.
        const Date founded = store.alliance().founded;
        const Date today = store.today();
        const Date day = founded.ok() && founded <= today ? founded : today;
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
