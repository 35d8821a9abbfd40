#include "wg/wg.hpp"

#include <fmt/format.h>

#include "commands.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "wg/check.hpp"
#include "workflows/workflows.hpp"

namespace nacsa::cli {

namespace {

struct GroupOptions {
    std::string group;
    std::string id;
    std::string name;
    std::string purpose;
    std::vector<std::string> themes;
    std::vector<std::string> add_themes;
    std::vector<std::string> remove_themes;
    std::string date;
    bool all = false;
    bool drop_open_tasks = false;
};

struct MembershipOptions {
    std::string group;
    std::string member;
    std::string representative;
    std::string date;
};

struct TaskOptions {
    std::string group;
    std::string title;
    std::string description;
    std::string owner;
    std::string due;
    std::string activity;
    std::string status = "open";
    bool overdue = false;
    std::string as_of;
    std::int64_t id = 0;
    std::string date;
    std::string note;
};

struct CheckOptions {
    std::string as_of;
    int meeting_months = 3;
};

// "a,b" and repeated options both give a list.
std::vector<std::string> split_all(const std::vector<std::string>& values) {
    std::vector<std::string> out;
    for (const auto& v : values) {
        for (auto& part : text::split_list(v, ',')) {
            out.push_back(std::move(part));
        }
    }
    return out;
}

Date date_or_today(store::Store& store, const std::string& value, const std::string& option) {
    return value.empty() ? wg::today(store) : parse_date_option(value, option);
}

output::Cell optional_cell(const std::optional<std::string>& value) {
    return value ? output::Cell(*value) : output::Cell();
}

output::Cell date_cell(const std::optional<Date>& value) {
    return value ? output::Cell(format_date(*value)) : output::Cell();
}

output::Cell text_cell(const std::string& value) {
    return value.empty() ? output::Cell() : output::Cell(value);
}

std::string representative_text(const std::optional<std::int64_t>& id, const std::string& name) {
    if (!id) {
        return "no representative";
    }
    return name.empty() ? fmt::format("contact {} (erased)", *id) : name;
}

output::Table task_table(store::Store& store, const std::vector<wg::Task>& tasks, Date as_of) {
    (void)store;
    output::Table table{{{"id", "ID", output::Align::right},
                         {"working_group", "GROUP"},
                         {"title", "TITLE"},
                         {"owner", "OWNER"},
                         {"due", "DUE"},
                         {"status", "STATUS"},
                         {"overdue", "OVERDUE"},
                         {"activity", "ACTIVITY"},
                         {"created", "CREATED"},
                         {"closed", "CLOSED"}},
                        {}};
    for (const auto& t : tasks) {
        table.add_row({static_cast<std::int64_t>(t.id), t.wg_id, t.title, optional_cell(t.owner_id),
                       date_cell(t.due), wg::status_name(t.status), t.overdue(as_of),
                       optional_cell(t.activity_id), format_date(t.created), date_cell(t.closed)});
    }
    return table;
}

void register_group_commands(CLI::App* cmd, Context& ctx) {
    auto opts = std::make_shared<GroupOptions>();

    auto* create = cmd->add_subcommand("create", "Create a working group; prints its id");
    create->add_option("name", opts->name, "The group's name")->required();
    create->add_option("--id", opts->id, "Its id (default: a slug of the name)");
    create->add_option("--purpose", opts->purpose, "What the group is for");
    create->add_option("--theme", opts->themes, "A thematic area it works on (repeat, or a,b,c)")
        ->type_name("KEY");
    create->add_option("--created", opts->date, "The date it was set up (default: today)")
        ->type_name("DATE");
    ctx.on_run(create, [&ctx, opts] {
        auto& store = ctx.store(store::Access::read_write);
        wg::NewGroup group{
            .name = opts->name, .purpose = opts->purpose, .themes = split_all(opts->themes)};
        if (!opts->id.empty()) {
            group.id = opts->id;
        }
        if (!opts->date.empty()) {
            group.created = parse_date_option(opts->date, "--created");
        }
        const auto g = wg::create_group(store, group);
        ctx.print(g.id + "\n");
        ctx.info(fmt::format("created working group {} ({})", g.id, g.name));
        return 0;
    });

    auto* list =
        cmd->add_subcommand("list", "List the working groups with their lead, members and tasks");
    list->add_flag("-a,--all", opts->all, "Include archived groups");
    ctx.on_run(list, [&ctx, opts] {
        auto& store = ctx.store();
        const Date as_of = wg::today(store);
        output::Table table{{{"id", "ID"},
                             {"name", "NAME"},
                             {"status", "STATUS"},
                             {"themes", "THEMES"},
                             {"lead", "LEAD"},
                             {"members", "MEMBERS", output::Align::right},
                             {"open_tasks", "OPEN TASKS", output::Align::right},
                             {"overdue_tasks", "OVERDUE", output::Align::right}},
                            {}};
        for (const auto& g :
             wg::list_groups(store, opts->all ? wg::Include::all : wg::Include::current)) {
            const auto lead = wg::current_lead(store, g.id);
            const auto open =
                wg::list_tasks(store, {.wg_id = g.id, .status = wg::TaskStatus::open});
            const auto overdue = std::count_if(open.begin(), open.end(),
                                               [&](const wg::Task& t) { return t.overdue(as_of); });
            table.add_row({g.id, g.name, wg::status_name(g.status), g.themes,
                           lead ? output::Cell(lead->member_id) : output::Cell(),
                           static_cast<std::int64_t>(wg::memberships(store, g.id).size()),
                           static_cast<std::int64_t>(open.size()),
                           static_cast<std::int64_t>(overdue)});
        }
        ctx.print_table(table);
        return 0;
    });

    auto* show =
        cmd->add_subcommand("show", "Show a working group: purpose, themes, lead, members, tasks");
    show->add_option("group", opts->group, "The group's id")->required()->type_name("WG");
    ctx.on_run(show, [&ctx, opts] {
        auto& store = ctx.store();
        const auto g = wg::get_group(store, opts->group);
        const Date as_of = wg::today(store);
        const auto lead = wg::current_lead(store, g.id);
        std::vector<std::string> members;
        std::vector<std::string> former;
        for (const auto& m : wg::memberships(store, g.id, wg::Include::all)) {
            if (m.ended) {
                former.push_back(fmt::format("{} ({} to {}, {})", m.member_id,
                                             format_date(m.joined), format_date(*m.ended),
                                             m.end_reason));
            } else {
                members.push_back(fmt::format("{} ({}, since {})", m.member_id,
                                              representative_text(m.contact_id, m.contact_name),
                                              format_date(m.joined)));
            }
        }
        const auto open = wg::list_tasks(store, {.wg_id = g.id, .status = wg::TaskStatus::open});
        const auto overdue = std::count_if(open.begin(), open.end(),
                                           [&](const wg::Task& t) { return t.overdue(as_of); });
        output::Table table{{{"id", "Id"},
                             {"name", "Name"},
                             {"purpose", "Purpose"},
                             {"status", "Status"},
                             {"created", "Created"},
                             {"archived", "Archived"},
                             {"themes", "Themes"},
                             {"lead", "Lead"},
                             {"lead_representative", "Lead representative"},
                             {"lead_since", "Lead since"},
                             {"members", "Members"},
                             {"former_members", "Former members"},
                             {"open_tasks", "Open tasks"},
                             {"overdue_tasks", "Overdue tasks"}},
                            {}};
        table.add_row(
            {g.id, g.name, text_cell(g.purpose), wg::status_name(g.status), format_date(g.created),
             date_cell(g.archived), g.themes, lead ? output::Cell(lead->member_id) : output::Cell(),
             lead ? output::Cell(representative_text(lead->contact_id, lead->contact_name))
                  : output::Cell(),
             lead ? output::Cell(format_date(lead->started)) : output::Cell(), members, former,
             static_cast<std::int64_t>(open.size()), static_cast<std::int64_t>(overdue)});
        ctx.print_record(table);
        return 0;
    });

    auto* edit =
        cmd->add_subcommand("edit", "Change a working group's name, purpose or thematic areas");
    edit->add_option("group", opts->group, "The group's id")->required()->type_name("WG");
    auto* name = edit->add_option("--name", opts->name, "A new name");
    auto* purpose = edit->add_option("--purpose", opts->purpose, "A new purpose");
    auto* themes =
        edit->add_option("--theme", opts->themes, "Replace the thematic areas (repeat, or a,b,c)")
            ->type_name("KEY");
    edit->add_option("--add-theme", opts->add_themes, "Add a thematic area")
        ->type_name("KEY")
        ->excludes(themes);
    edit->add_option("--remove-theme", opts->remove_themes, "Remove a thematic area")
        ->type_name("KEY")
        ->excludes(themes);
    ctx.on_run(edit, [&ctx, opts, name, purpose, themes] {
        wg::GroupChanges changes;
        if (name->count() > 0) {
            changes.name = opts->name;
        }
        if (purpose->count() > 0) {
            changes.purpose = opts->purpose;
        }
        if (themes->count() > 0) {
            changes.themes = split_all(opts->themes);
        }
        changes.add_themes = split_all(opts->add_themes);
        changes.remove_themes = split_all(opts->remove_themes);
        if (!changes.name && !changes.purpose && !changes.themes && changes.add_themes.empty() &&
            changes.remove_themes.empty()) {
            throw UsageError(
                "wg edit: nothing to change (give --name, --purpose, --theme, --add-theme or "
                "--remove-theme)");
        }
        auto& store = ctx.store(store::Access::read_write);
        const auto group = wg::get_group(store, opts->group);
        const auto done = wg::edit_group(store, group.id, changes);
        ctx.info(done.empty() ? fmt::format("{}: nothing changed", group.id)
                              : fmt::format("{}: changed {}", group.id, text::join(done, "; ")));
        return 0;
    });

    auto* archive =
        cmd->add_subcommand("archive", "Archive a working group, ending its memberships and lead");
    archive->add_option("group", opts->group, "The group's id")->required()->type_name("WG");
    archive->add_option("--date", opts->date, "The date it is archived (default: today)")
        ->type_name("DATE");
    archive->add_flag("--drop-open-tasks", opts->drop_open_tasks,
                      "Drop its open tasks instead of refusing");
    ctx.on_run(archive, [&ctx, opts] {
        auto& store = ctx.store(store::Access::read_write);
        const Date date = date_or_today(store, opts->date, "--date");
        const auto group = wg::get_group(store, opts->group);
        const auto r = wg::archive_group(
            store, group.id, date,
            opts->drop_open_tasks ? wg::DropOpenTasks::yes : wg::DropOpenTasks::no);
        ctx.info(fmt::format(
            "archived {} on {}: {} membership{} ended{}{}", group.id, format_date(date),
            r.memberships_ended, r.memberships_ended == 1 ? "" : "s",
            r.lead_ended ? ", lead ended" : "",
            r.tasks_dropped > 0 ? fmt::format(", {} open task{} dropped", r.tasks_dropped,
                                              r.tasks_dropped == 1 ? "" : "s")
                                : std::string()));
        return 0;
    });
}

void register_membership_commands(CLI::App* cmd, Context& ctx) {
    auto opts = std::make_shared<MembershipOptions>();

    auto* join = cmd->add_subcommand(
        "join", "Add a member organisation to a working group (or change its representative)");
    join->add_option("group", opts->group, "The group's id")->required()->type_name("WG");
    join->add_option("member", opts->member, "The member's id")->required()->type_name("MEMBER");
    auto* rep =
        join->add_option(
                "--representative", opts->representative,
                "The contact who represents it: name or number (default: its primary contact)")
            ->type_name("NAME");
    join->add_option("--date", opts->date, "The date it joins (default: today)")->type_name("DATE");
    ctx.on_run(join, [&ctx, opts, rep] {
        auto& store = ctx.store(store::Access::read_write);
        const Date date = date_or_today(store, opts->date, "--date");
        const auto r = wg::join(
            store, opts->group, opts->member,
            rep->count() > 0 ? std::optional<std::string>(opts->representative) : std::nullopt,
            date);
        const auto& m = r.membership;
        if (r.representative_changed) {
            ctx.info(fmt::format("{}: {} is now represented by {}", m.wg_id, m.member_id,
                                 representative_text(m.contact_id, m.contact_name)));
        } else {
            ctx.info(fmt::format(
                "{} joined {} on {} ({})", m.member_id, m.wg_id, format_date(m.joined),
                m.contact_id ? "represented by " + representative_text(m.contact_id, m.contact_name)
                             : std::string("no representative: it has no primary contact")));
        }
        return 0;
    });

    auto* leave =
        cmd->add_subcommand("leave", "End a member organisation's membership of a working group");
    leave->add_option("group", opts->group, "The group's id")->required()->type_name("WG");
    leave->add_option("member", opts->member, "The member's id")->required()->type_name("MEMBER");
    leave->add_option("--date", opts->date, "The date it leaves (default: today)")
        ->type_name("DATE");
    ctx.on_run(leave, [&ctx, opts] {
        auto& store = ctx.store(store::Access::read_write);
        const Date date = date_or_today(store, opts->date, "--date");
        const auto r = wg::leave(store, opts->group, opts->member, date);
        ctx.info(fmt::format("{} left {} on {}{}", r.membership.member_id, r.membership.wg_id,
                             format_date(date), r.lead_ended ? "; the group has no lead now" : ""));
        return 0;
    });

    auto* lead = cmd->add_subcommand(
        "lead", "Make a member organisation, represented by one of its contacts, lead a group");
    lead->add_option("group", opts->group, "The group's id")->required()->type_name("WG");
    lead->add_option("member", opts->member, "The member's id")->required()->type_name("MEMBER");
    lead->add_option("--representative", opts->representative,
                     "The contact who leads: name or number")
        ->required()
        ->type_name("NAME");
    lead->add_option("--date", opts->date, "The date the lead starts (default: today)")
        ->type_name("DATE");
    ctx.on_run(lead, [&ctx, opts] {
        auto& store = ctx.store(store::Access::read_write);
        const Date date = date_or_today(store, opts->date, "--date");
        const auto r = wg::set_lead(store, opts->group, opts->member, opts->representative, date);
        std::string message = fmt::format(
            "{} leads {} from {}, represented by {}", r.lead.member_id, r.lead.wg_id,
            format_date(date), representative_text(r.lead.contact_id, r.lead.contact_name));
        if (r.previous) {
            message += fmt::format(" (replacing {})", r.previous->member_id);
        }
        if (r.joined) {
            message += fmt::format("; {} joined the group", r.lead.member_id);
        }
        ctx.info(message);
        return 0;
    });
}

void register_task_commands(CLI::App* cmd, Context& ctx) {
    auto* task = cmd->add_subcommand("task", "Working-group tasks: add, list, done, drop");
    task->require_subcommand(1);
    auto opts = std::make_shared<TaskOptions>();

    auto* add = task->add_subcommand("add", "Add a task to a working group; prints its number");
    add->add_option("group", opts->group, "The group's id")->required()->type_name("WG");
    add->add_option("title", opts->title, "What is to be done")->required();
    add->add_option("--description", opts->description, "More detail");
    add->add_option("--owner", opts->owner,
                    "The member organisation responsible (a member of the group)")
        ->type_name("MEMBER");
    add->add_option("--due", opts->due, "When it is due")->type_name("DATE");
    add->add_option("--activity", opts->activity, "The activity-plan item it belongs to")
        ->type_name("ID");
    ctx.on_run(add, [&ctx, opts] {
        wg::NewTask t{.wg_id = opts->group, .title = opts->title, .description = opts->description};
        if (!opts->owner.empty()) {
            t.owner = opts->owner;
        }
        if (!opts->due.empty()) {
            t.due = parse_date_option(opts->due, "--due");
        }
        if (!opts->activity.empty()) {
            t.activity_id = opts->activity;
        }
        auto& store = ctx.store(store::Access::read_write);
        const auto added = wg::add_task(store, t);
        ctx.print(fmt::format("{}\n", added.id));
        ctx.info(fmt::format("added task {} to {}{}", added.id, added.wg_id,
                             added.due ? ", due " + format_date(*added.due) : std::string()));
        return 0;
    });

    auto* list =
        task->add_subcommand("list", "List tasks (open ones unless --status says otherwise)");
    list->add_option("group", opts->group, "Only this group's tasks")->type_name("WG");
    list->add_option("--status", opts->status, "open, done, dropped or all (default: open)")
        ->check(CLI::IsMember({"open", "done", "dropped", "all"}));
    list->add_option("--owner", opts->owner, "Only tasks of this member")->type_name("MEMBER");
    list->add_flag("--overdue", opts->overdue, "Only open tasks past their due date");
    list->add_option("--as-of", opts->as_of, "The date overdue is judged on (default: today)")
        ->type_name("DATE");
    ctx.on_run(list, [&ctx, opts] {
        std::optional<Date> as_of;
        if (!opts->as_of.empty()) {
            as_of = parse_date_option(opts->as_of, "--as-of");
        }
        auto& store = ctx.store();
        const Date day = as_of.value_or(wg::today(store));
        wg::TaskQuery query;
        if (!opts->group.empty()) {
            query.wg_id = wg::get_group(store, opts->group).id;
        }
        if (opts->status != "all") {
            query.status = wg::parse_task_status(opts->status);
        }
        if (!opts->owner.empty()) {
            query.owner_id = opts->owner;
        }
        if (opts->overdue) {
            query.overdue_as_of = day;
        }
        ctx.print_table(task_table(store, wg::list_tasks(store, query), day));
        return 0;
    });

    for (const auto status : {wg::TaskStatus::done, wg::TaskStatus::dropped}) {
        auto* close = task->add_subcommand(status == wg::TaskStatus::done ? "done" : "drop",
                                           status == wg::TaskStatus::done
                                               ? "Mark an open task done"
                                               : "Drop an open task (it will not be done)");
        close->add_option("id", opts->id, "The task's number")->required()->type_name("ID");
        close->add_option("--date", opts->date, "The date (default: today)")->type_name("DATE");
        close->add_option("--note", opts->note,
                          status == wg::TaskStatus::done ? "What came of it" : "Why it is dropped");
        ctx.on_run(close, [&ctx, opts, status] {
            auto& store = ctx.store(store::Access::read_write);
            const Date date = date_or_today(store, opts->date, "--date");
            const auto t = wg::close_task(store, opts->id, status, date, opts->note);
            ctx.info(fmt::format("task {} of {} {} on {}", t.id, t.wg_id,
                                 status == wg::TaskStatus::done ? "done" : "dropped",
                                 format_date(date)));
            return 0;
        });
    }
}

}  // namespace

void register_wg(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("wg", "Working groups: members, leads, tasks and checks");
    cmd->require_subcommand(1);
    register_group_commands(cmd, ctx);
    register_membership_commands(cmd, ctx);
    register_task_commands(cmd, ctx);

    auto opts = std::make_shared<CheckOptions>();
    auto* check = cmd->add_subcommand(
        "check", "Check the working groups: leads, members, overdue tasks, meetings, themes");
    check->add_option("--as-of", opts->as_of, "Check as of this date (default: today)")
        ->type_name("DATE");
    check
        ->add_option("--meeting-months", opts->meeting_months,
                     "A group should have met within this many months (default: 3)")
        ->check(CLI::PositiveNumber)
        ->type_name("N");
    ctx.on_run(check, [&ctx, opts] {
        std::optional<Date> as_of;
        if (!opts->as_of.empty()) {
            as_of = parse_date_option(opts->as_of, "--as-of");
        }
        auto& store = ctx.store();
        return ctx.print_findings(workflows::check_working_groups(
            store, as_of.value_or(store.today()), opts->meeting_months));
    });
}

}  // namespace nacsa::cli
