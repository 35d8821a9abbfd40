// SPDX-License-Identifier: Apache-2.0
#include "wg/wg.hpp"

#include <fmt/format.h>

#include "checks.hpp"
#include "commands.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "workflows/workflows.hpp"

namespace nacsa::cli {

namespace {

using output::date_cell;
using output::text_cell;

constexpr const char* k_member_help = "The member: its id, name or acronym";

struct CreateOptions {
    std::string name;
    std::optional<std::string> id;
    std::optional<std::string> purpose;
    std::vector<std::string> themes;
    std::optional<std::string> created;
};

struct ListOptions {
    bool all = false;
};

struct EditOptions {
    std::string group;
    std::optional<std::string> name;
    std::optional<std::string> purpose;
    std::optional<std::vector<std::string>> themes;
    std::vector<std::string> add_themes;
    std::vector<std::string> remove_themes;
};

struct ArchiveOptions {
    std::string group;
    std::optional<std::string> date;
    bool drop_open_tasks = false;
};

struct MembershipOptions {
    std::string group;
    std::string member;
    std::optional<std::string> representative;
    std::optional<std::string> date;
};

struct TaskAddOptions {
    std::string group;
    std::string title;
    std::optional<std::string> description;
    std::optional<std::string> owner;
    std::optional<std::string> due;
    std::optional<std::string> activity;
};

struct TaskListOptions {
    std::optional<std::string> group;
    std::string status = "open";
    std::optional<std::string> owner;
    bool overdue = false;
    std::optional<std::string> as_of;
};

struct TaskCloseOptions {
    std::int64_t id = 0;
    std::optional<std::string> date;
    std::optional<std::string> note;
};

struct TaskEditOptions {
    std::int64_t id = 0;
    std::optional<std::string> title;
    std::optional<std::string> description;
    std::optional<std::string> owner;
    bool no_owner = false;
    std::optional<std::string> due;
    bool no_due = false;
    std::optional<std::string> reason;
};

struct TaskDeleteOptions {
    std::int64_t id = 0;
    std::string reason;
};

// A group should have met within this many months (wg check --meeting-months).
constexpr int k_default_meeting_months = 3;

struct CheckOptions {
    std::optional<std::string> as_of;
    int meeting_months = k_default_meeting_months;
    bool all = false;
};

output::Cell optional_cell(const std::optional<std::string>& value) {
    return value ? output::Cell(*value) : output::Cell();
}

Message representative_text(const std::optional<std::int64_t>& id, const std::string& name) {
    if (!id) {
        return msg("no representative");
    }
    return name.empty() ? msg("contact {} (erased)", *id) : Message(name);
}

// ---- groups ----

int run_create(Context& ctx, const CreateOptions& opts) {
    const auto g = wg::create_group(ctx.store(store::Access::read_write),
                                    {.id = opts.id,
                                     .name = opts.name,
                                     .purpose = opts.purpose.value_or(""),
                                     .themes = opts.themes,
                                     .created = date_option(opts.created, "--created")});
    ctx.print(g.id + "\n");
    ctx.info(msg("created working group {} ({})", g.id, g.name));
    return 0;
}

int run_list(Context& ctx, const ListOptions& opts) {
    using output::Align;
    using output::Label;
    output::Table table{
        {{"id", N_("ID")},
         {.key = "name", .header = N_("NAME"), .priority = 50, .min_width = 16},
         {.key = "status", .header = N_("STATUS"), .priority = 25, .label = Label::status},
         {.key = "themes",
          .header = N_("THEMES"),
          .priority = 20,
          .min_width = 16,
          .label = Label::thematic_area},
         {.key = "lead", .header = N_("LEAD"), .priority = 40, .min_width = 12},
         {.key = "members", .header = N_("MEMBERS"), .align = Align::right, .priority = 35},
         {.key = "open_tasks", .header = N_("OPEN TASKS"), .align = Align::right, .priority = 30},
         {.key = "overdue_tasks", .header = N_("OVERDUE"), .align = Align::right, .priority = 45}},
        {}};
    for (const auto& d :
         wg::group_details(ctx.store(), opts.all ? wg::Include::all : wg::Include::current)) {
        table.add_row({d.group.id, d.group.name, wg::status_name(d.group.status), d.group.themes,
                       d.lead ? output::Cell(d.lead->member_id) : output::Cell(),
                       std::int64_t{d.members}, std::int64_t{d.open_tasks},
                       std::int64_t{d.overdue_tasks}});
    }
    ctx.print_table(table);
    return 0;
}

int run_show(Context& ctx, const std::string& group) {
    const auto d = wg::group_detail(ctx.store(), group);
    const auto& g = d.group;
    std::vector<std::string> members;
    std::vector<std::string> former;
    for (const auto& m : d.memberships) {
        if (m.ended) {
            former.push_back(fmt::format("{} ({} to {}, {})", m.member_id, format_date(m.joined),
                                         format_date(*m.ended), m.end_reason));
        } else {
            members.push_back(
                fmt::format("{} ({}, since {})", m.member_id,
                            representative_text(m.contact_id, m.contact_name).english(),
                            format_date(m.joined)));
        }
    }
    std::vector<std::string> former_leads;
    for (const auto& l : d.former_leads) {
        former_leads.push_back(
            fmt::format("{} ({}, {} to {}, {})", l.member_id,
                        representative_text(l.contact_id, l.contact_name).english(),
                        format_date(l.started), format_date(*l.ended), l.end_reason));
    }
    output::Table table{
        {{"id", N_("Id")},
         {"name", N_("Name")},
         {"purpose", N_("Purpose")},
         {.key = "status", .header = N_("Status"), .label = output::Label::status},
         {"created", N_("Created")},
         {"archived", N_("Archived")},
         {.key = "themes", .header = N_("Themes"), .label = output::Label::thematic_area},
         {"lead", N_("Lead")},
         {"lead_representative", N_("Lead representative")},
         {"lead_since", N_("Lead since")},
         {"former_leads", N_("Former leads")},
         {"members", N_("Members")},
         {"former_members", N_("Former members")},
         {"open_tasks", N_("Open tasks")},
         {"overdue_tasks", N_("Overdue tasks")}},
        {}};
    const auto& lead = d.lead;
    table.add_row(
        {g.id, g.name, text_cell(g.purpose), wg::status_name(g.status), format_date(g.created),
         date_cell(g.archived), g.themes, lead ? output::Cell(lead->member_id) : output::Cell(),
         lead ? output::Cell(representative_text(lead->contact_id, lead->contact_name).english())
              : output::Cell(),
         lead ? output::Cell(format_date(lead->started)) : output::Cell(), former_leads, members,
         former, std::int64_t{d.open_tasks}, std::int64_t{d.overdue_tasks}});
    ctx.print_record(table);
    return 0;
}

int run_edit(Context& ctx, const EditOptions& opts) {
    if (!opts.name && !opts.purpose && !opts.themes && opts.add_themes.empty() &&
        opts.remove_themes.empty()) {
        throw UsageError(
            msg("wg edit: nothing to change (give --name, --purpose, --theme, --add-theme or "
                "--remove-theme)"));
    }
    const auto edit = wg::edit_group(ctx.store(store::Access::read_write), opts.group,
                                     {.name = opts.name,
                                      .purpose = opts.purpose,
                                      .themes = opts.themes,
                                      .add_themes = opts.add_themes,
                                      .remove_themes = opts.remove_themes});
    ctx.info(edit.changed.empty()
                 ? msg("{}: nothing changed", edit.wg_id)
                 : msg("{}: changed {}", edit.wg_id, text::join(edit.changed, "; ")));
    return 0;
}

int run_archive(Context& ctx, const ArchiveOptions& opts) {
    const auto r = wg::archive_group(
        ctx.store(store::Access::read_write), opts.group, date_option(opts.date, "--date"),
        opts.drop_open_tasks ? wg::DropOpenTasks::yes : wg::DropOpenTasks::no);
    Message what = r.memberships_ended == 1 ? msg("1 membership ended")
                                            : msg("{} memberships ended", r.memberships_ended);
    const auto add = [&what](const Message& part) {
        what = Message::translatable("{}, {}", {what, part});
    };
    if (r.lead_ended) {
        add(msg("lead ended"));
    }
    if (r.tasks_dropped == 1) {
        add(msg("1 open task dropped"));
    } else if (r.tasks_dropped > 1) {
        add(msg("{} open tasks dropped", r.tasks_dropped));
    }
    ctx.info(msg("archived {} on {}: {}", r.wg_id, format_date(r.date), what));
    return 0;
}

// ---- memberships and leads ----

int run_join(Context& ctx, const MembershipOptions& opts) {
    const auto r = wg::join(ctx.store(store::Access::read_write), opts.group, opts.member,
                            opts.representative, date_option(opts.date, "--date"));
    const auto& m = r.membership;
    if (r.representative_changed) {
        ctx.info(msg("{}: {} is now represented by {}", m.wg_id, m.member_id,
                     representative_text(m.contact_id, m.contact_name)));
    } else {
        ctx.info(m.contact_id
                     ? msg("{} joined {} on {} (represented by {})", m.member_id, m.wg_id,
                           format_date(m.joined), representative_text(m.contact_id, m.contact_name))
                     : msg("{} joined {} on {} (no representative: it has no primary contact)",
                           m.member_id, m.wg_id, format_date(m.joined)));
    }
    return 0;
}

int run_leave(Context& ctx, const MembershipOptions& opts) {
    const auto r = wg::leave(ctx.store(store::Access::read_write), opts.group, opts.member,
                             date_option(opts.date, "--date"));
    const auto& m = r.membership;
    ctx.info(r.lead_ended ? msg("{} left {} on {}; the group has no lead now", m.member_id, m.wg_id,
                                format_date(*m.ended))
                          : msg("{} left {} on {}", m.member_id, m.wg_id, format_date(*m.ended)));
    return 0;
}

int run_lead(Context& ctx, const MembershipOptions& opts) {
    const auto r = wg::set_lead(ctx.store(store::Access::read_write), opts.group, opts.member,
                                opts.representative.value_or(""), date_option(opts.date, "--date"));
    Message message = msg("{} leads {} from {}, represented by {}", r.lead.member_id, r.lead.wg_id,
                          format_date(r.lead.started),
                          representative_text(r.lead.contact_id, r.lead.contact_name));
    if (r.previous) {
        message = msg("{} (replacing {})", message, r.previous->member_id);
    }
    if (r.joined) {
        message = msg("{}; {} joined the group", message, r.lead.member_id);
    }
    ctx.info(message);
    return 0;
}

// ---- tasks ----

int run_task_add(Context& ctx, const TaskAddOptions& opts) {
    const auto added = workflows::add_working_group_task(
        ctx.store(store::Access::read_write), {.wg_id = opts.group,
                                               .title = opts.title,
                                               .description = opts.description.value_or(""),
                                               .owner = opts.owner,
                                               .due = date_option(opts.due, "--due"),
                                               .activity_id = opts.activity});
    ctx.print(fmt::format("{}\n", added.id));
    ctx.info(added.due ? msg("added task {} to {}, due {}", added.id, added.wg_id,
                             format_date(*added.due))
                       : msg("added task {} to {}", added.id, added.wg_id));
    return 0;
}

output::Table task_table(const wg::TaskList& list) {
    output::Table table{{{"id", N_("ID"), output::Align::right},
                         {"working_group", N_("GROUP")},
                         {"title", N_("TITLE")},
                         {"owner", N_("OWNER")},
                         {"due", N_("DUE")},
                         {"status", N_("STATUS")},
                         {"overdue", N_("OVERDUE")},
                         {"activity", N_("ACTIVITY")},
                         {"created", N_("CREATED")},
                         {"closed", N_("CLOSED")}},
                        {}};
    for (const auto& t : list.tasks) {
        table.add_row({t.id, t.wg_id, t.title, optional_cell(t.owner_id), date_cell(t.due),
                       wg::status_name(t.status), t.overdue(list.as_of),
                       optional_cell(t.activity_id), format_date(t.created), date_cell(t.closed)});
    }
    return table;
}

int run_task_list(Context& ctx, const TaskListOptions& opts) {
    const wg::TaskFilter filter{
        .group = opts.group,
        .status = opts.status == "all" ? std::nullopt : wg::parse_task_status(opts.status),
        .owner = opts.owner,
        .overdue_only = opts.overdue,
        .as_of = date_option(opts.as_of, "--as-of")};
    ctx.print_table(task_table(wg::filter_tasks(ctx.store(), filter)));
    return 0;
}

int run_task_close(Context& ctx, const TaskCloseOptions& opts, wg::TaskStatus status) {
    const auto t = wg::close_task(ctx.store(store::Access::read_write), opts.id, status,
                                  date_option(opts.date, "--date"), opts.note.value_or(""));
    ctx.info(msg("task {} of {} {} on {}", t.id, t.wg_id, status_word(wg::status_name(status)),
                 format_date(*t.closed)));
    return 0;
}

int run_task_edit(Context& ctx, const TaskEditOptions& opts) {
    if (!opts.title && !opts.description && !opts.owner && !opts.no_owner && !opts.due &&
        !opts.no_due) {
        throw UsageError(msg(
            "wg task edit: nothing to change (give --title, --description, --owner, --no-owner, "
            "--due or --no-due)"));
    }
    const auto edit = wg::edit_task(ctx.store(store::Access::read_write), opts.id,
                                    {.title = opts.title,
                                     .description = opts.description,
                                     .owner = opts.owner,
                                     .clear_owner = opts.no_owner,
                                     .due = date_option(opts.due, "--due"),
                                     .clear_due = opts.no_due},
                                    opts.reason.value_or(""));
    ctx.info(edit.changed.empty() ? msg("task {}: nothing changed", edit.task.id)
                                  : msg("task {} of {}: changed {}", edit.task.id, edit.task.wg_id,
                                        text::join(edit.changed, "; ")));
    return 0;
}

int run_task_delete(Context& ctx, const TaskDeleteOptions& opts) {
    const auto t = wg::delete_task(ctx.store(store::Access::read_write), opts.id, opts.reason);
    ctx.info(msg("deleted task {} of {} (\"{}\")", t.id, t.wg_id, t.title));
    return 0;
}

int run_check(Context& ctx, const CheckOptions& opts) {
    const auto as_of = date_option(opts.as_of, "--as-of");
    auto& store = ctx.store();
    return print_check(
        ctx, "wg",
        workflows::check_working_groups(store, as_of.value_or(store.today()), opts.meeting_months),
        opts.all);
}

// ---- wiring ----

CLI::Option* add_group_argument(CLI::App* cmd, std::string& target) {
    return cmd->add_option("group", target, "The group's id")->required()->type_name("WG");
}

CLI::Option* add_date_option(CLI::App* cmd, std::optional<std::string>& target,
                             const std::string& help) {
    return cmd->add_option("--date", target, help)->type_name("DATE");
}

void register_create(CLI::App* cmd, Context& ctx) {
    auto opts = std::make_shared<CreateOptions>();
    auto* create = cmd->add_subcommand("create", "Create a working group; prints its id");
    create->add_option("name", opts->name, "The group's name")->required();
    create->add_option("--id", opts->id, "Its id (default: a slug of the name)");
    create->add_option("--purpose", opts->purpose, "What the group is for");
    add_list_option(create, "--theme", opts->themes,
                    "A thematic area it works on (repeat, or a,b,c)");
    create->add_option("--created", opts->created, "The date it was set up (default: today)")
        ->type_name("DATE");
    ctx.on_run(create, [&ctx, opts] { return run_create(ctx, *opts); });
}

void register_list_and_show(CLI::App* cmd, Context& ctx) {
    auto list_opts = std::make_shared<ListOptions>();
    auto* list =
        cmd->add_subcommand("list", "List the working groups with their lead, members and tasks");
    list->add_flag("-a,--all", list_opts->all, "Include archived groups");
    ctx.on_run(list, [&ctx, list_opts] { return run_list(ctx, *list_opts); });

    auto group = std::make_shared<std::string>();
    auto* show =
        cmd->add_subcommand("show", "Show a working group: purpose, themes, lead, members, tasks");
    add_group_argument(show, *group);
    ctx.on_run(show, [&ctx, group] { return run_show(ctx, *group); });
}

void register_edit(CLI::App* cmd, Context& ctx) {
    auto opts = std::make_shared<EditOptions>();
    auto* edit =
        cmd->add_subcommand("edit", "Change a working group's name, purpose or thematic areas");
    add_group_argument(edit, opts->group);
    edit->add_option("--name", opts->name, "A new name");
    edit->add_option("--purpose", opts->purpose, "A new purpose");
    auto* themes = add_list_option(edit, "--theme", opts->themes,
                                   "Replace the thematic areas (repeat, or a,b,c)");
    add_list_option(edit, "--add-theme", opts->add_themes, "Add a thematic area")->excludes(themes);
    add_list_option(edit, "--remove-theme", opts->remove_themes, "Remove a thematic area")
        ->excludes(themes);
    ctx.on_run(edit, [&ctx, opts] { return run_edit(ctx, *opts); });
}

void register_archive(CLI::App* cmd, Context& ctx) {
    auto opts = std::make_shared<ArchiveOptions>();
    auto* archive =
        cmd->add_subcommand("archive", "Archive a working group, ending its memberships and lead");
    add_group_argument(archive, opts->group);
    add_date_option(archive, opts->date, N_("The date it is archived (default: today)"));
    archive->add_flag("--drop-open-tasks", opts->drop_open_tasks,
                      "Drop its open tasks instead of refusing");
    ctx.on_run(archive, [&ctx, opts] { return run_archive(ctx, *opts); });
}

// One of join, leave and lead: a group and a member.
CLI::App* add_membership_command(CLI::App* cmd, const std::string& name, const std::string& help,
                                 MembershipOptions& opts) {
    auto* sub = cmd->add_subcommand(name, help);
    add_group_argument(sub, opts.group);
    sub->add_option("member", opts.member, k_member_help)->required()->type_name("MEMBER");
    return sub;
}

void register_membership_commands(CLI::App* cmd, Context& ctx) {
    auto join_opts = std::make_shared<MembershipOptions>();
    auto* join = add_membership_command(
        cmd, "join",
        N_("Add a member organisation to a working group (or change its representative)"),
        *join_opts);
    join->add_option("--representative", join_opts->representative,
                     "The contact who represents it: number, e-mail or name (default: its "
                     "primary contact)")
        ->type_name("NAME");
    add_date_option(join, join_opts->date, N_("The date it joins (default: today)"));
    ctx.on_run(join, [&ctx, join_opts] { return run_join(ctx, *join_opts); });

    auto leave_opts = std::make_shared<MembershipOptions>();
    auto* leave = add_membership_command(
        cmd, "leave", N_("End a member organisation's membership of a working group"), *leave_opts);
    add_date_option(leave, leave_opts->date, N_("The date it leaves (default: today)"));
    ctx.on_run(leave, [&ctx, leave_opts] { return run_leave(ctx, *leave_opts); });

    auto lead_opts = std::make_shared<MembershipOptions>();
    auto* lead = add_membership_command(
        cmd, "lead",
        N_("Make a member organisation, represented by one of its contacts, lead a group"),
        *lead_opts);
    lead->add_option("--representative", lead_opts->representative,
                     "The contact who leads: number, e-mail or name")
        ->required()
        ->type_name("NAME");
    add_date_option(lead, lead_opts->date, N_("The date the lead starts (default: today)"));
    ctx.on_run(lead, [&ctx, lead_opts] { return run_lead(ctx, *lead_opts); });
}

void register_task_add(CLI::App* task, Context& ctx) {
    auto opts = std::make_shared<TaskAddOptions>();
    auto* add = task->add_subcommand("add", "Add a task to a working group; prints its number");
    add_group_argument(add, opts->group);
    add->add_option("title", opts->title, "What is to be done")->required();
    add->add_option("--description", opts->description, "More detail");
    add->add_option("--owner", opts->owner,
                    "The member organisation responsible (a member of the group): its id, name "
                    "or acronym")
        ->type_name("MEMBER");
    add->add_option("--due", opts->due, "When it is due")->type_name("DATE");
    add->add_option("--activity", opts->activity, "The activity-plan item it belongs to")
        ->type_name("ID");
    ctx.on_run(add, [&ctx, opts] { return run_task_add(ctx, *opts); });
}

void register_task_list(CLI::App* task, Context& ctx) {
    auto opts = std::make_shared<TaskListOptions>();
    auto* list =
        task->add_subcommand("list", "List tasks (open ones unless --status says otherwise)");
    list->add_option("group", opts->group, "Only this group's tasks")->type_name("WG");
    list->add_option("--status", opts->status, "open, done, dropped or all (default: open)")
        ->check(CLI::IsMember({"open", "done", "dropped", "all"}));
    list->add_option("--owner", opts->owner, "Only tasks of this member: its id, name or acronym")
        ->type_name("MEMBER");
    list->add_flag("--overdue", opts->overdue, "Only open tasks past their due date");
    list->add_option("--as-of", opts->as_of, "The date overdue is judged on (default: today)")
        ->type_name("DATE");
    ctx.on_run(list, [&ctx, opts] { return run_task_list(ctx, *opts); });
}

void register_task_close(CLI::App* task, Context& ctx, wg::TaskStatus status) {
    const bool done = status == wg::TaskStatus::done;
    auto opts = std::make_shared<TaskCloseOptions>();
    auto* close = task->add_subcommand(
        done ? "done" : "drop",
        done ? N_("Mark an open task done") : N_("Drop an open task (it will not be done)"));
    close->add_option("id", opts->id, "The task's number")->required()->type_name("ID");
    add_date_option(close, opts->date, N_("The date (default: today)"));
    close->add_option("--note", opts->note, done ? "What came of it" : "Why it is dropped");
    ctx.on_run(close, [&ctx, opts, status] { return run_task_close(ctx, *opts, status); });
}

void register_task_edit(CLI::App* task, Context& ctx) {
    auto opts = std::make_shared<TaskEditOptions>();
    auto* edit = task->add_subcommand(
        "edit", "Correct a task's title, description, owner or due date (changed fields only)");
    edit->add_option("id", opts->id, "The task's number")->required()->type_name("ID");
    edit->add_option("--title", opts->title, "A new title");
    edit->add_option("--description", opts->description, "A new description (\"\" clears it)");
    auto* owner = edit->add_option("--owner", opts->owner,
                                   "A new owner (a member of the group): its id, name or acronym")
                      ->type_name("MEMBER");
    edit->add_flag("--no-owner", opts->no_owner, "The task has no owner any more")->excludes(owner);
    auto* due = edit->add_option("--due", opts->due, "A new due date")->type_name("DATE");
    edit->add_flag("--no-due", opts->no_due, "The task has no due date any more")->excludes(due);
    edit->add_option("--reason", opts->reason, "Why it is corrected (kept in the audit log)")
        ->type_name("TEXT");
    ctx.on_run(edit, [&ctx, opts] { return run_task_edit(ctx, *opts); });

    auto del_opts = std::make_shared<TaskDeleteOptions>();
    auto* del = task->add_subcommand(
        "delete", "Delete a task entered by mistake (one that will not be done is dropped)");
    del->add_option("id", del_opts->id, "The task's number")->required()->type_name("ID");
    del->add_option("--reason", del_opts->reason, "Why it is deleted (kept in the audit log)")
        ->required()
        ->type_name("TEXT");
    ctx.on_destructive_run(del, [&ctx, del_opts] { return run_task_delete(ctx, *del_opts); });
}

void register_check(CLI::App* cmd, Context& ctx) {
    auto opts = std::make_shared<CheckOptions>();
    auto* check = cmd->add_subcommand(
        "check", "Check the working groups: leads, members, overdue tasks, meetings, themes");
    check->add_option("--as-of", opts->as_of, "Check as of this date (default: today)")
        ->type_name("DATE");
    check
        ->add_option("--meeting-months", opts->meeting_months,
                     "A group should have met within this many months (default: 3)")
        ->check(whole_number(1))
        ->type_name("N");
    add_acknowledgements(check, ctx, "wg", opts->all, [](store::Store& store) {
        return workflows::check_working_groups(store, store.today(), k_default_meeting_months);
    });
    ctx.on_run(check, [&ctx, opts] { return run_check(ctx, *opts); });
}

void register_tasks(CLI::App* cmd, Context& ctx) {
    auto* task =
        cmd->add_subcommand("task", "Working-group tasks: add, list, done, drop, edit, delete");
    task->require_subcommand(1);
    register_task_add(task, ctx);
    register_task_list(task, ctx);
    register_task_close(task, ctx, wg::TaskStatus::done);
    register_task_close(task, ctx, wg::TaskStatus::dropped);
    register_task_edit(task, ctx);
}

}  // namespace

void register_wg(CLI::App* cmd, Context& ctx) {
    cmd->require_subcommand(1);
    // Each part only when the command line may run one of its subcommands (Context::builds).
    ctx.build_parts<CLI::App*>(cmd, {{"create", register_create},
                                     {"list show", register_list_and_show},
                                     {"edit", register_edit},
                                     {"archive", register_archive},
                                     {"join leave lead", register_membership_commands},
                                     {"task", register_tasks},
                                     {"check", register_check}});
}

}  // namespace nacsa::cli
