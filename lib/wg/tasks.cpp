// SPDX-License-Identifier: Apache-2.0
// Working-group tasks: added open, closed once (done or dropped), listed.
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include "core/text.hpp"
#include "i18n/i18n.hpp"
#include "members/lookup.hpp"
#include "store/sql.hpp"
#include "wg/detail.hpp"
#include "wg/wg.hpp"

namespace nacsa::wg {

using detail::checked_text;
using detail::k_task_kind;
using detail::Required;

namespace {

constexpr const char* k_task_columns =
    "SELECT id, wg_id, title, description, owner_id, due, status, activity_id, created, closed, "
    "close_note FROM wg_task";

Task read_task(SQLite::Statement& q) {
    Task t;
    t.id = q.getColumn(0).getInt64();
    t.wg_id = q.getColumn(1).getString();
    t.title = q.getColumn(2).getString();
    t.description = store::text(q.getColumn(3));
    t.owner_id = store::optional_text(q.getColumn(4));
    t.due = store::optional_date(q.getColumn(5));
    t.status = parse_task_status(q.getColumn(6).getString()).value_or(TaskStatus::open);
    t.activity_id = store::optional_text(q.getColumn(7));
    t.created = store::date(q.getColumn(8));
    t.closed = store::optional_date(q.getColumn(9));
    t.close_note = store::text(q.getColumn(10));
    return t;
}

void insert_task(store::Store& store, Task& t) {
    SQLite::Statement q(
        store.db(),
        "INSERT INTO wg_task (wg_id, title, description, owner_id, due, activity_id, created) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, t.wg_id);
    q.bind(2, t.title);
    store::bind_nonempty(q, 3, t.description);
    store::bind(q, 4, t.owner_id);
    store::bind(q, 5, t.due);
    store::bind(q, 6, t.activity_id);
    store::bind(q, 7, t.created);
    q.exec();
    t.id = store.db().getLastInsertRowid();
    store.audit(k_task_kind, std::to_string(t.id),
                fmt::format("added to {}{}", t.wg_id,
                            t.due ? ", due " + format_date(*t.due) : std::string()));
}

Task existing_task(store::Store& store, std::int64_t id) {
    auto found = find_task(store, id);
    if (!found) {
        throw NotFoundError(msg("no task {} (see `nacsa wg task list`)", id));
    }
    return std::move(*found);
}

std::string with_reason(std::string summary, const std::string& reason) {
    return reason.empty() ? summary : fmt::format("{}; reason: {}", summary, reason);
}

std::string date_text(const std::optional<Date>& date) {
    return date ? format_date(*date) : std::string("none");
}

// Applies the owner and due-date changes to `t`, noting them in `changed`.
void change_owner_and_due(store::Store& store, Task& t, const TaskChanges& changes,
                          Diagnostics& problems, std::vector<std::string>& changed) {
    std::optional<std::string> owner = t.owner_id;
    if (changes.clear_owner) {
        owner.reset();
    } else if (changes.owner) {
        const auto ref = members::resolve_member(store, *changes.owner);
        if (ref.id != t.owner_id && !detail::current_membership(store, t.wg_id, ref.id)) {
            problems.add(detail::problem(
                "owner", msg("{} is not a member of {} (add it with `nacsa wg join {} {}`)", ref.id,
                             t.wg_id, t.wg_id, ref.id)));
        }
        owner = ref.id;
    }
    if (owner != t.owner_id) {
        changed.push_back(
            fmt::format("owner {} -> {}", t.owner_id.value_or("none"), owner.value_or("none")));
        t.owner_id = owner;
    }
    std::optional<Date> due = t.due;
    if (changes.clear_due) {
        due.reset();
    } else if (changes.due) {
        if (*changes.due < t.created) {
            problems.add(
                detail::problem("due", msg("{} is before the task was added ({})",
                                           format_date(*changes.due), format_date(t.created))));
        }
        due = changes.due;
    }
    if (due != t.due) {
        changed.push_back(fmt::format("due {} -> {}", date_text(t.due), date_text(due)));
        t.due = due;
    }
}

}  // namespace

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
        store::bind(q, ":as_of", *query.overdue_as_of);
    }
    std::vector<Task> out;
    while (q.executeStep()) {
        out.push_back(read_task(q));
    }
    return out;
}

std::optional<Task> find_task(store::Store& store, std::int64_t id) {
    SQLite::Statement q(store.db(), std::string(k_task_columns) + " WHERE id = ?");
    q.bind(1, static_cast<int64_t>(id));
    if (q.executeStep()) {
        return read_task(q);
    }
    return std::nullopt;
}

TaskList filter_tasks(store::Store& store, const TaskFilter& filter) {
    TaskList list;
    list.as_of = filter.as_of.value_or(store.today());
    TaskQuery query{.status = filter.status};
    if (filter.group) {
        query.wg_id = get_group(store, *filter.group).id;
    }
    if (filter.owner) {
        query.owner_id = members::resolve_member(store, *filter.owner).id;
    }
    if (filter.overdue_only) {
        query.overdue_as_of = list.as_of;
    }
    list.tasks = list_tasks(store, query);
    return list;
}

Task add_task(store::Store& store, const NewTask& task) {
    Task t;
    store.transaction([&] {
        const WorkingGroup g = get_group(store, task.wg_id);
        std::optional<members::MemberRef> owner;
        if (task.owner) {
            owner = members::resolve_member(store, *task.owner);
        }
        detail::require_active_group(g);
        Diagnostics problems;
        t.wg_id = g.id;
        t.title = checked_text(task.title, "title", problems, Required::yes);
        t.description = checked_text(task.description, "description", problems, Required::no);
        if (owner) {
            if (!detail::current_membership(store, g.id, owner->id)) {
                problems.add(detail::problem(
                    "owner", msg("{} is not a member of {} (add it with `nacsa wg join {} {}`)",
                                 owner->id, g.id, g.id, owner->id)));
            }
            t.owner_id = owner->id;
        }
        if (task.activity_id) {
            t.activity_id = checked_text(*task.activity_id, "activity", problems, Required::yes);
        }
        t.due = task.due;
        t.created = store.today();
        problems.throw_if_any();
        insert_task(store, t);
    });
    return t;
}

Task close_task(store::Store& store, std::int64_t id, TaskStatus status, std::optional<Date> date,
                const std::string& note) {
    Task t;
    store.transaction([&] {
        t = existing_task(store, id);
        if (t.status != TaskStatus::open) {
            detail::invalid("task",
                            msg("task {} is already {} (on {})", id,
                                i18n::status_word(status_name(t.status)), format_date(*t.closed)));
        }
        const Date day = date.value_or(store.today());
        detail::check_not_before(day, t.created, msg("the task was added"));
        Diagnostics problems;
        t.close_note = checked_text(note, "note", problems, Required::no);
        problems.throw_if_any();
        SQLite::Statement q(
            store.db(), "UPDATE wg_task SET status = ?, closed = ?, close_note = ? WHERE id = ?");
        q.bind(1, status_name(status));
        store::bind(q, 2, day);
        store::bind_nonempty(q, 3, t.close_note);
        q.bind(4, static_cast<int64_t>(id));
        q.exec();
        store.audit(k_task_kind, std::to_string(id),
                    fmt::format("{} on {}", status_name(status), format_date(day)));
        t.status = status;
        t.closed = day;
    });
    return t;
}

TaskEdit edit_task(store::Store& store, std::int64_t id, const TaskChanges& changes,
                   const std::string& reason) {
    TaskEdit edit;
    store.transaction([&] {
        Task t = existing_task(store, id);
        Diagnostics problems;
        const std::string why = checked_text(reason, "reason", problems, Required::no);
        if (changes.title) {
            const auto title = checked_text(*changes.title, "title", problems, Required::yes);
            if (!title.empty() && title != t.title) {
                edit.changed.push_back(fmt::format("title \"{}\" -> \"{}\"", t.title, title));
                t.title = title;
            }
        }
        if (changes.description) {
            const auto description =
                checked_text(*changes.description, "description", problems, Required::no);
            if (description != t.description) {
                edit.changed.push_back("description");
                t.description = description;
            }
        }
        change_owner_and_due(store, t, changes, problems, edit.changed);
        problems.throw_if_any();
        edit.task = t;
        if (edit.changed.empty()) {
            return;
        }
        SQLite::Statement q(store.db(),
                            "UPDATE wg_task SET title = ?, description = ?, owner_id = ?, due = ? "
                            "WHERE id = ?");
        q.bind(1, t.title);
        store::bind_nonempty(q, 2, t.description);
        store::bind(q, 3, t.owner_id);
        store::bind(q, 4, t.due);
        q.bind(5, static_cast<int64_t>(id));
        q.exec();
        store.audit(k_task_kind, std::to_string(id),
                    with_reason(fmt::format("changed {}", text::join(edit.changed, ", ")), why));
    });
    return edit;
}

Task delete_task(store::Store& store, std::int64_t id, const std::string& reason) {
    Task t;
    store.transaction([&] {
        t = existing_task(store, id);
        Diagnostics problems;
        const std::string why = checked_text(reason, "reason", problems, Required::yes);
        problems.throw_if_any();
        SQLite::Statement q(store.db(), "DELETE FROM wg_task WHERE id = ?");
        q.bind(1, static_cast<int64_t>(id));
        q.exec();
        store.audit(k_task_kind, std::to_string(id),
                    with_reason(fmt::format("deleted task \"{}\" of {} ({})", t.title, t.wg_id,
                                            status_name(t.status)),
                                why));
    });
    return t;
}

}  // namespace nacsa::wg
