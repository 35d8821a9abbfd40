// SPDX-License-Identifier: Apache-2.0
#include "plan/plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "checks.hpp"
#include "commands.hpp"
#include "core/error.hpp"
#include "core/files.hpp"

namespace nacsa::cli {

namespace {

using output::Align;
using output::Cell;
using output::date_cell;
using output::Table;
using output::text_cell;

// ---- Option values ----

double number_option(const std::string& value, const std::string& name) {
    try {
        std::size_t used = 0;
        const double v = std::stod(value, &used);
        if (used == value.size() && std::isfinite(v)) {
            return v;
        }
    } catch (const std::exception&) {
    }
    throw UsageError(msg("{}: \"{}\" is not a number", name, value));
}

std::optional<double> number_option(const std::optional<std::string>& value,
                                    const std::string& name) {
    if (!value) {
        return std::nullopt;
    }
    return number_option(*value, name);
}

// A date option that "" clears: nullopt when not given, nullopt inside when cleared.
std::optional<std::optional<Date>> clearable_date(const std::optional<std::string>& value,
                                                  const std::string& option) {
    if (!value) {
        return std::nullopt;
    }
    if (value->empty()) {
        return std::optional<Date>{};
    }
    return std::optional<Date>{parse_date_option(*value, option)};
}

template <typename E>
E enum_option(const std::string& name, std::optional<E> (*parse)(std::string_view),
              const std::string& option, const char* what, const std::string& known) {
    if (const auto value = parse(name)) {
        return *value;
    }
    throw UsageError(msg("{}: \"{}\" is not {} (expected one of: {})", option, name, what, known));
}

plan::Source source_option(const std::string& name) {
    return enum_option<plan::Source>(name, plan::parse_source, "--source", "a source",
                                     plan::known_sources());
}

plan::ActivityKind kind_option(const std::string& name) {
    return enum_option<plan::ActivityKind>(name, plan::parse_kind, "--kind", "a kind of activity",
                                           plan::known_kinds());
}

plan::ActivityStatus status_option(const std::string& name, const std::string& option) {
    return enum_option<plan::ActivityStatus>(name, plan::parse_status, option, "a status",
                                             plan::known_statuses());
}

template <typename T, typename F>
std::optional<T> map_option(const std::optional<std::string>& value, F parse) {
    if (!value) {
        return std::nullopt;
    }
    return parse(*value);
}

Date as_of_or_today(Context& ctx, const std::optional<std::string>& as_of) {
    return date_option(as_of, "--as-of").value_or(ctx.store().today());
}

// ---- priority ----

struct PriorityOptions {
    std::string code;
    std::optional<std::string> title;
    std::optional<std::string> description;
    std::optional<std::vector<std::string>> themes;
    std::optional<std::string> source;
    std::optional<std::string> source_reference;
    std::optional<std::string> source_date;
};

int run_priority_add(Context& ctx, const PriorityOptions& o) {
    plan::Priority p;
    p.code = o.code;
    p.title = o.title.value_or("");
    p.description = o.description.value_or("");
    p.thematic_areas = o.themes.value_or(std::vector<std::string>{});
    p.source = o.source ? source_option(*o.source) : plan::Source::vpi_report;
    p.source_reference = o.source_reference.value_or("");
    p.source_date = clearable_date(o.source_date, "--source-date").value_or(std::nullopt);
    plan::add_priority(ctx.store(store::Access::read_write), p);
    ctx.info(msg("added priority {}", p.code));
    ctx.print(p.code + "\n");
    return 0;
}

int run_priority_edit(Context& ctx, const PriorityOptions& o) {
    const plan::PriorityEdit edit{.title = o.title,
                                  .description = o.description,
                                  .thematic_areas = o.themes,
                                  .source = map_option<plan::Source>(o.source, source_option),
                                  .source_reference = o.source_reference,
                                  .source_date = clearable_date(o.source_date, "--source-date")};
    if (plan::edit_priority(ctx.store(store::Access::read_write), o.code, edit) ==
        plan::Changed::no) {
        ctx.info(msg("priority {}: nothing changed", o.code));
    } else {
        ctx.info(msg("updated priority {}", o.code));
    }
    return 0;
}

int run_priority_list(Context& ctx, const std::optional<std::string>& theme) {
    const auto p = plan::load_plan(ctx.store());
    Table t{{{"code", N_("CODE")},
             {"title", N_("TITLE")},
             {"thematic_areas", N_("THEMES")},
             {"source", N_("SOURCE")},
             {"source_reference", N_("REFERENCE")},
             {"source_date", N_("DATE")},
             {"activities", N_("ACTIVITIES"), Align::right},
             {"indicators", N_("INDICATORS"), Align::right}},
            {}};
    for (const auto& pr : p.priorities) {
        const auto& themes = pr.thematic_areas;
        if (theme && std::find(themes.begin(), themes.end(), *theme) == themes.end()) {
            continue;
        }
        std::int64_t activities = 0;
        std::int64_t indicators = 0;
        for (const auto& a : p.activities) {
            activities += std::count(a.priorities.begin(), a.priorities.end(), pr.code);
        }
        for (const auto& i : p.indicators) {
            indicators += i.priority_code == pr.code ? 1 : 0;
        }
        t.add_row({pr.code, pr.title, pr.thematic_areas, plan::source_name(pr.source),
                   text_cell(pr.source_reference), date_cell(pr.source_date), activities,
                   indicators});
    }
    ctx.print_table(t);
    return 0;
}

int run_priority_show(Context& ctx, const std::string& code) {
    const auto p = plan::load_plan(ctx.store());
    const auto& pr = p.priority(code);
    std::vector<std::string> activities;
    for (const auto& a : p.activities) {
        if (std::find(a.priorities.begin(), a.priorities.end(), pr.code) != a.priorities.end()) {
            activities.push_back(
                fmt::format("{} ({}): {}", a.id, plan::status_name(a.status), a.title));
        }
    }
    std::vector<std::string> indicators;
    for (const auto& i : p.indicators) {
        if (i.priority_code == pr.code) {
            indicators.push_back(fmt::format("{}: {}", i.id, i.name));
        }
    }
    std::vector<std::string> theme_labels;
    for (const auto& key : pr.thematic_areas) {
        const auto* term = ctx.store().alliance().find_theme(key);
        theme_labels.push_back(
            term != nullptr ? fmt::format("{} ({})", key, term->labels.in(ctx.language())) : key);
    }
    const bool json = ctx.format() != output::Format::table;
    Table t{{{"code", N_("Code")},
             {"title", N_("Title")},
             {"description", N_("Description")},
             {"thematic_areas", N_("Thematic areas")},
             {"source", N_("Source")},
             {"source_reference", N_("Reference")},
             {"source_date", N_("Date")},
             {"activities", N_("Activities")},
             {"indicators", N_("Indicators")}},
            {}};
    t.add_row({pr.code, pr.title, text_cell(pr.description),
               json ? pr.thematic_areas : theme_labels, plan::source_name(pr.source),
               text_cell(pr.source_reference), date_cell(pr.source_date), activities, indicators});
    ctx.print_record(t);
    return 0;
}

void add_priority_fields(CLI::App* cmd, PriorityOptions& o) {
    cmd->add_option("--title", o.title, "Title of the priority");
    cmd->add_option("--description", o.description, "What the priority is about");
    add_list_option(cmd, "--theme", o.themes, "A thematic area key (repeat for several)");
    cmd->add_option("--source", o.source,
                    "Where it was agreed: vpi_report, government or alliance");
    cmd->add_option("--source-reference", o.source_reference,
                    "Reference in the source, e.g. a recommendation");
    cmd->add_option("--source-date", o.source_date, "Date of the source (\"\" to clear)")
        ->type_name("DATE");
}

void register_priority(CLI::App* plan_cmd, Context& ctx) {
    auto* cmd = plan_cmd->add_subcommand(
        "priority", "The priorities agreed in the VPI report or with the government");
    cmd->require_subcommand(1);

    auto add_opts = std::make_shared<PriorityOptions>();
    auto* add = cmd->add_subcommand("add", "Add a priority");
    add->add_option("code", add_opts->code, "Its code, e.g. P1")->required();
    add_priority_fields(add, *add_opts);
    add->get_option("--title")->required();
    ctx.on_run(add, [&ctx, add_opts] { return run_priority_add(ctx, *add_opts); });

    auto theme = std::make_shared<std::optional<std::string>>();
    auto* list = cmd->add_subcommand("list", "List the priorities");
    list->add_option("--theme", *theme, "Only priorities of this thematic area")->type_name("KEY");
    ctx.on_run(list, [&ctx, theme] { return run_priority_list(ctx, *theme); });

    auto show_code = std::make_shared<std::string>();
    auto* show = cmd->add_subcommand("show", "Show a priority with its activities and indicators");
    show->add_option("code", *show_code, "The priority's code")->required();
    ctx.on_run(show, [&ctx, show_code] { return run_priority_show(ctx, *show_code); });

    auto edit_opts = std::make_shared<PriorityOptions>();
    auto* edit = cmd->add_subcommand("edit", "Change a priority's fields");
    edit->add_option("code", edit_opts->code, "The priority's code")->required();
    add_priority_fields(edit, *edit_opts);
    ctx.on_run(edit, [&ctx, edit_opts] { return run_priority_edit(ctx, *edit_opts); });
}

// ---- activity ----

struct ActivityOptions {
    std::string id;
    std::optional<std::string> title;
    std::optional<std::string> description;
    std::optional<std::string> kind;
    std::optional<std::vector<std::string>> priorities;
    bool no_priority = false;
    std::optional<std::string> working_group;
    std::optional<std::string> member;
    std::optional<std::string> start;
    std::optional<std::string> end;
    std::optional<std::string> status;    // add: its status now
    std::optional<std::string> progress;  // edit: a progress note
    std::optional<std::string> date;      // edit: the note's date
};

struct ActivityListOptions {
    std::optional<std::string> priority;
    std::optional<std::string> status;
    bool overdue = false;
};

struct ActivityStatusOptions {
    std::string id;
    std::string status;
    std::optional<std::string> date;
    std::optional<std::string> note;
    bool correct = false;
    std::optional<std::string> reason;  // of a correction
};

int run_activity_add(Context& ctx, const ActivityOptions& o) {
    plan::Activity a;
    a.title = o.title.value_or("");
    a.description = o.description.value_or("");
    a.kind = kind_option(o.kind.value_or(""));
    a.priorities = o.priorities.value_or(std::vector<std::string>{});
    a.serves_no_priority = o.no_priority;
    a.working_group = o.working_group.value_or("");
    a.member = o.member.value_or("");
    a.start = parse_date_option(o.start.value_or(""), "--start");
    a.end = parse_date_option(o.end.value_or(""), "--end");
    a.status = o.status ? status_option(*o.status, "--status") : plan::ActivityStatus::planned;
    const auto id = plan::add_activity(ctx.store(store::Access::read_write), a);
    ctx.info(msg("added activity {}", id));
    ctx.print(id + "\n");
    return 0;
}

int run_activity_edit(Context& ctx, const ActivityOptions& o) {
    plan::ActivityEdit edit{.title = o.title,
                            .description = o.description,
                            .kind = map_option<plan::ActivityKind>(o.kind, kind_option),
                            .priorities = o.priorities,
                            .working_group = o.working_group,
                            .member = o.member,
                            .start = date_option(o.start, "--start"),
                            .end = date_option(o.end, "--end"),
                            .progress_note = o.progress,
                            .progress_date = date_option(o.date, "--date")};
    if (o.no_priority) {
        edit.priorities = std::vector<std::string>{};
    }
    if (plan::edit_activity(ctx.store(store::Access::read_write), o.id, edit) ==
        plan::Changed::no) {
        ctx.info(msg("activity {}: nothing changed", o.id));
    } else {
        ctx.info(msg("updated activity {}", o.id));
    }
    return 0;
}

// `plan activity status ID --correct --reason TEXT`: voids the latest status change.
int run_activity_status_correction(Context& ctx, const ActivityStatusOptions& o) {
    if (!o.status.empty() || o.date || o.note) {
        throw UsageError(
            msg("plan activity status: --correct takes no new status, --date or --note"));
    }
    if (!o.reason) {
        throw UsageError(msg("plan activity status: --correct needs --reason TEXT"));
    }
    const auto c =
        plan::correct_activity_status(ctx.store(store::Access::read_write), o.id, *o.reason);
    ctx.info(msg("activity {}: status {} of {} voided; the activity is {} again", o.id,
                 plan::status_name(c.voided.change.status), format_date(c.voided.change.date),
                 plan::status_name(c.status)));
    return 0;
}

int run_activity_status(Context& ctx, const ActivityStatusOptions& o) {
    if (o.correct) {
        return run_activity_status_correction(ctx, o);
    }
    if (o.reason) {
        throw UsageError(
            msg("plan activity status: --reason goes with --correct (a new status takes "
                "--note)"));
    }
    if (o.status.empty()) {
        throw UsageError(msg("plan activity status: give the new status, or --correct"));
    }
    const auto status = status_option(o.status, "status");
    const auto date = date_option(o.date, "--date");
    const auto update = plan::change_activity_status(ctx.store(store::Access::read_write), o.id,
                                                     status, date, o.note.value_or(""));
    ctx.info(msg("activity {}: {} -> {}", o.id, status_word(plan::status_name(update.before)),
                 status_word(plan::status_name(update.after))));
    return 0;
}

int run_activity_list(Context& ctx, const ActivityListOptions& o) {
    const auto status = map_option<plan::ActivityStatus>(
        o.status, [](const std::string& s) { return status_option(s, "--status"); });
    const auto p = plan::load_plan(ctx.store());
    const Date today = ctx.store().today();
    Table t{
        {{"id", N_("ID")},
         {.key = "title", .header = N_("TITLE"), .min_width = 20},
         {.key = "kind", .header = N_("KIND"), .priority = 20},
         {.key = "priorities", .header = N_("PRIORITIES"), .priority = 30, .min_width = 10},
         {.key = "status", .header = N_("STATUS"), .label = output::Label::status},
         {.key = "start", .header = N_("START"), .priority = 40},
         {.key = "end", .header = N_("END"), .priority = 50},
         {.key = "working_group", .header = N_("WORKING GROUP"), .priority = 25, .min_width = 12},
         {.key = "member", .header = N_("MEMBER"), .priority = 15, .min_width = 12}},
        {}};
    for (const auto& a : p.activities) {
        if ((o.priority && std::find(a.priorities.begin(), a.priorities.end(), *o.priority) ==
                               a.priorities.end()) ||
            (status && a.status != *status) || (o.overdue && !plan::is_overdue(a, today))) {
            continue;
        }
        t.add_row({a.id, a.title, plan::kind_name(a.kind), a.priorities,
                   plan::status_name(a.status), format_date(a.start), format_date(a.end),
                   text_cell(a.working_group), text_cell(a.member)});
    }
    ctx.print_table(t);
    return 0;
}

int run_activity_show(Context& ctx, const std::string& id) {
    const auto p = plan::load_plan(ctx.store());
    const auto& a = p.activity(id);
    std::vector<std::string> history;
    for (const auto& h : a.history) {
        history.push_back(
            h.note.empty() ? fmt::format("{} {}", format_date(h.date), plan::status_name(h.status))
                           : fmt::format("{} {}: {}", format_date(h.date),
                                         plan::status_name(h.status), h.note));
    }
    for (const auto& v : a.voided) {
        history.push_back(fmt::format("{} {} [voided {}: {}]", format_date(v.change.date),
                                      plan::status_name(v.change.status), format_date(v.voided_on),
                                      v.reason));
    }
    std::vector<std::string> progress;
    for (const auto& n : a.progress) {
        progress.push_back(fmt::format("{}: {}", format_date(n.date), n.note));
    }
    std::vector<std::string> indicators;
    for (const auto& i : p.indicators) {
        if (i.activity_id == a.id) {
            indicators.push_back(fmt::format("{}: {}", i.id, i.name));
        }
    }
    Table t{{{"id", N_("Id")},
             {"title", N_("Title")},
             {"description", N_("Description")},
             {"kind", N_("Kind")},
             {"priorities", N_("Priorities")},
             {"serves_no_priority", N_("Serves no priority")},
             {"working_group", N_("Working group")},
             {"member", N_("Member")},
             {"start", N_("Start")},
             {"end", N_("End")},
             {"status", N_("Status")},
             {"status_history", N_("Status history")},
             {"progress", N_("Progress")},
             {"indicators", N_("Indicators")}},
            {}};
    t.add_row({a.id, a.title, text_cell(a.description), plan::kind_name(a.kind), a.priorities,
               a.serves_no_priority, text_cell(a.working_group), text_cell(a.member),
               format_date(a.start), format_date(a.end), plan::status_name(a.status), history,
               progress, indicators});
    ctx.print_record(t);
    return 0;
}

void add_activity_fields(CLI::App* cmd, ActivityOptions& o) {
    cmd->add_option("--title", o.title, "Title of the activity");
    cmd->add_option("--description", o.description, "What the activity does");
    cmd->add_option(
        "--kind", o.kind,
        "meeting_series, capacity_building, engagement, policy_brief, publication, ...");
    auto* priorities = add_list_option(cmd, "--priority", o.priorities,
                                       "A priority it serves (repeat for several)")
                           ->type_name("CODE");
    cmd->add_flag("--no-priority", o.no_priority, "It serves no priority, on purpose")
        ->excludes(priorities);
    cmd->add_option("--working-group", o.working_group, "Responsible working group (\"\" to clear)")
        ->type_name("ID");
    cmd->add_option("--member", o.member, "Responsible member: id, name or acronym (\"\" to clear)")
        ->type_name("MEMBER");
    cmd->add_option("--start", o.start, "Start date")->type_name("DATE");
    cmd->add_option("--end", o.end, "End date")->type_name("DATE");
}

void register_activity(CLI::App* plan_cmd, Context& ctx) {
    auto* cmd = plan_cmd->add_subcommand("activity",
                                         "The activities of the plan, their status and progress");
    cmd->require_subcommand(1);

    auto add_opts = std::make_shared<ActivityOptions>();
    auto* add = cmd->add_subcommand("add", "Add an activity; prints its id");
    add_activity_fields(add, *add_opts);
    for (const char* name : {"--title", "--kind", "--start", "--end"}) {
        add->get_option(name)->required();
    }
    add->add_option("--status", add_opts->status, "Its status now (default: planned)");
    ctx.on_run(add, [&ctx, add_opts] { return run_activity_add(ctx, *add_opts); });

    auto list_opts = std::make_shared<ActivityListOptions>();
    auto* list = cmd->add_subcommand("list", "List the activities");
    list->add_option("--priority", list_opts->priority, "Only activities serving this priority")
        ->type_name("CODE");
    list->add_option("--status", list_opts->status, "Only activities with this status")
        ->type_name("STATUS");
    list->add_flag("--overdue", list_opts->overdue,
                   "Only activities past their end date, neither done nor cancelled");
    ctx.on_run(list, [&ctx, list_opts] { return run_activity_list(ctx, *list_opts); });

    auto show_id = std::make_shared<std::string>();
    auto* show = cmd->add_subcommand(
        "show", "Show an activity with its status history, progress and indicators");
    show->add_option("id", *show_id, "The activity's id")->required();
    ctx.on_run(show, [&ctx, show_id] { return run_activity_show(ctx, *show_id); });

    auto edit_opts = std::make_shared<ActivityOptions>();
    auto* edit = cmd->add_subcommand("edit", "Change an activity's fields, or add a progress note");
    edit->add_option("id", edit_opts->id, "The activity's id")->required();
    add_activity_fields(edit, *edit_opts);
    auto* progress = edit->add_option("--progress", edit_opts->progress, "Add a progress note")
                         ->type_name("TEXT");
    edit->add_option("--date", edit_opts->date, "Date of the progress note (default: today)")
        ->type_name("DATE")
        ->needs(progress);
    ctx.on_run(edit, [&ctx, edit_opts] { return run_activity_edit(ctx, *edit_opts); });

    auto status_opts = std::make_shared<ActivityStatusOptions>();
    auto* status = cmd->add_subcommand("status", "Record an activity's new status, dated");
    status->add_option("id", status_opts->id, "The activity's id")->required();
    status->add_option("status", status_opts->status,
                       "planned, in_progress, done, delayed or cancelled");
    status->add_option("--date", status_opts->date, "When it took effect (default: today)")
        ->type_name("DATE");
    status->add_option("--note", status_opts->note, "Why, or what happened")->type_name("TEXT");
    status->add_flag("--correct", status_opts->correct,
                     "Void the latest status change as entered by mistake (kept in the history, "
                     "marked)");
    status->add_option("--reason", status_opts->reason, "Why a correction is made (with --correct)")
        ->type_name("TEXT");
    ctx.on_run(status, [&ctx, status_opts] { return run_activity_status(ctx, *status_opts); });
}

// ---- indicator ----

struct IndicatorOptions {
    std::string id;
    std::optional<std::string> activity;
    std::optional<std::string> priority;
    std::optional<std::string> name;
    std::optional<std::string> unit;
    std::optional<std::string> baseline;
    std::optional<std::string> baseline_date;
    std::optional<std::string> target;
    std::optional<std::string> target_date;
    std::string reason;
};

// `plan indicator delete`, `plan contribution delete`.
struct DeleteOptions {
    std::string id;
    std::string reason;
};

// `plan measurement edit | delete ID DATE`.
struct MeasurementOptions {
    std::string id;
    std::string date;
    std::optional<std::string> value;
    std::optional<std::string> note;
    std::string reason;
};

struct MeasureOptions {
    std::string id;
    std::string value;
    std::optional<std::string> date;
    std::optional<std::string> note;
};

struct IndicatorListOptions {
    std::optional<std::string> activity;
    std::optional<std::string> priority;
    std::optional<std::string> as_of;
};

int run_indicator_add(Context& ctx, const IndicatorOptions& o) {
    if (!o.activity && !o.priority) {
        throw UsageError(msg("give --activity or --priority: the indicator measures one of them"));
    }
    plan::Indicator i;
    i.activity_id = o.activity.value_or("");
    i.priority_code = o.priority.value_or("");
    i.name = o.name.value_or("");
    i.unit = o.unit.value_or("");
    i.baseline = number_option(o.baseline.value_or(""), "--baseline");
    i.target = number_option(o.target.value_or(""), "--target");
    i.baseline_date = date_option(o.baseline_date, "--baseline-date");
    i.target_date = parse_date_option(o.target_date.value_or(""), "--target-date");
    const auto id = plan::add_indicator(ctx.store(store::Access::read_write), i);
    ctx.info(msg("added indicator {}", id));
    ctx.print(id + "\n");
    return 0;
}

int run_indicator_edit(Context& ctx, const IndicatorOptions& o) {
    const plan::IndicatorEdit edit{
        .name = o.name,
        .unit = o.unit,
        .baseline = number_option(o.baseline, "--baseline"),
        .baseline_date = clearable_date(o.baseline_date, "--baseline-date"),
        .target = number_option(o.target, "--target"),
        .target_date = date_option(o.target_date, "--target-date"),
        .reason = o.reason};
    if (plan::edit_indicator(ctx.store(store::Access::read_write), o.id, edit) ==
        plan::Changed::no) {
        ctx.info(msg("indicator {}: nothing changed", o.id));
    } else {
        ctx.info(msg("updated indicator {}", o.id));
    }
    return 0;
}

int run_indicator_delete(Context& ctx, const DeleteOptions& o) {
    plan::delete_indicator(ctx.store(store::Access::read_write), o.id, o.reason);
    ctx.info(msg("deleted indicator {}", o.id));
    return 0;
}

int run_measurement_edit(Context& ctx, const MeasurementOptions& o) {
    const auto date = parse_date_option(o.date, "date");
    const plan::MeasurementEdit edit{
        .value = number_option(o.value, "--value"), .note = o.note, .reason = o.reason};
    if (plan::edit_measurement(ctx.store(store::Access::read_write), o.id, date, edit) ==
        plan::Changed::no) {
        ctx.info(msg("indicator {}: nothing changed", o.id));
    } else {
        ctx.info(msg("indicator {}: corrected the measurement of {}", o.id, o.date));
    }
    return 0;
}

int run_measurement_delete(Context& ctx, const MeasurementOptions& o) {
    plan::delete_measurement(ctx.store(store::Access::read_write), o.id,
                             parse_date_option(o.date, "date"), o.reason);
    ctx.info(msg("indicator {}: deleted the measurement of {}", o.id, o.date));
    return 0;
}

int run_indicator_measure(Context& ctx, const MeasureOptions& o) {
    const double value = number_option(o.value, "value");
    const auto date = date_option(o.date, "--date");
    const auto result = plan::record_measurement(ctx.store(store::Access::read_write), o.id, value,
                                                 date, o.note.value_or(""));
    if (result.recorded == plan::Recorded::unchanged) {
        ctx.info(msg("indicator {}: nothing changed", o.id));
    } else {
        ctx.info(msg("indicator {}: {} {} on {}", o.id, value, result.unit,
                     format_date(result.measurement.date)));
    }
    return 0;
}

int run_indicator_list(Context& ctx, const IndicatorListOptions& o) {
    const auto p = plan::load_plan(ctx.store());
    const Date as_of = as_of_or_today(ctx, o.as_of);
    Table t{{{"id", N_("ID")},
             {"activity", N_("ACTIVITY")},
             {"priority", N_("PRIORITY")},
             {"name", N_("NAME")},
             {"unit", N_("UNIT")},
             {"baseline", N_("BASELINE"), Align::right},
             {"target", N_("TARGET"), Align::right},
             {"target_date", N_("BY")},
             {"latest_value", N_("ACTUAL"), Align::right},
             {"latest_date", N_("ON")},
             {"expected", N_("EXPECTED"), Align::right},
             {"standing", N_("STANDING")}},
            {}};
    for (const auto& i : p.indicators) {
        if ((o.activity && i.activity_id != *o.activity) ||
            (o.priority && i.priority_code != *o.priority)) {
            continue;
        }
        const auto st = plan::indicator_status(p, i, as_of);
        t.add_row({i.id, text_cell(i.activity_id), text_cell(i.priority_code), i.name, i.unit,
                   i.baseline, i.target, format_date(i.target_date),
                   st.latest ? Cell{st.latest->value} : Cell{},
                   st.latest ? Cell{format_date(st.latest->date)} : Cell{},
                   std::round(st.expected * 10) / 10, plan::standing_name(st.standing)});
    }
    ctx.print_table(t);
    return 0;
}

void add_indicator_fields(CLI::App* cmd, IndicatorOptions& o) {
    cmd->add_option("--name", o.name, "What is measured");
    cmd->add_option("--unit", o.unit, "Unit, e.g. persons, documents, %");
    cmd->add_option("--baseline", o.baseline, "Value at the start")->type_name("NUMBER");
    cmd->add_option("--baseline-date", o.baseline_date,
                    "Date of the baseline (default: the activity's start; "
                    "required for a priority)")
        ->type_name("DATE");
    cmd->add_option("--target", o.target, "Value to reach")->type_name("NUMBER");
    cmd->add_option("--target-date", o.target_date, "When to reach it")->type_name("DATE");
}

void register_indicator_changes(CLI::App* cmd, Context& ctx) {
    auto add_opts = std::make_shared<IndicatorOptions>();
    auto* add =
        cmd->add_subcommand("add", "Add an indicator to an activity or a priority; prints its id");
    auto* act = add->add_option("--activity", add_opts->activity, "The activity it measures");
    auto* pri = add->add_option("--priority", add_opts->priority, "The priority it measures");
    act->excludes(pri);
    add_indicator_fields(add, *add_opts);
    for (const char* name : {"--name", "--unit", "--baseline", "--target", "--target-date"}) {
        add->get_option(name)->required();
    }
    pri->needs(add->get_option("--baseline-date"));
    ctx.on_run(add, [&ctx, add_opts] { return run_indicator_add(ctx, *add_opts); });

    auto edit_opts = std::make_shared<IndicatorOptions>();
    auto* edit =
        cmd->add_subcommand("edit", "Change an indicator's name, unit, baseline or target");
    edit->add_option("id", edit_opts->id, "The indicator's id")->required();
    add_indicator_fields(edit, *edit_opts);
    edit->add_option("--reason", edit_opts->reason, "Why (a correction): kept in the audit log")
        ->type_name("TEXT");
    ctx.on_run(edit, [&ctx, edit_opts] { return run_indicator_edit(ctx, *edit_opts); });

    auto delete_opts = std::make_shared<DeleteOptions>();
    auto* del = cmd->add_subcommand("delete", "Delete an indicator and its measurements");
    del->add_option("id", delete_opts->id, "The indicator's id")->required();
    del->add_option("--reason", delete_opts->reason, "Why: kept in the audit log")
        ->required()
        ->type_name("TEXT");
    ctx.on_destructive_run(del,
                           [&ctx, delete_opts] { return run_indicator_delete(ctx, *delete_opts); });

    auto measure_opts = std::make_shared<MeasureOptions>();
    auto* measure =
        cmd->add_subcommand("measure", "Record a measurement (actual value) of an indicator");
    measure->add_option("id", measure_opts->id, "The indicator's id")->required();
    measure->add_option("value", measure_opts->value, "The value measured")->required();
    measure->add_option("--date", measure_opts->date, "Date of the measurement (default: today)")
        ->type_name("DATE");
    measure->add_option("--note", measure_opts->note, "Where the figure comes from")
        ->type_name("TEXT");
    ctx.on_run(measure, [&ctx, measure_opts] { return run_indicator_measure(ctx, *measure_opts); });
}

void register_measurement(CLI::App* plan_cmd, Context& ctx) {
    auto* cmd = plan_cmd->add_subcommand(
        "measurement", "Correct or delete an indicator's measurement (addressed by its date)");
    cmd->require_subcommand(1);
    auto edit_opts = std::make_shared<MeasurementOptions>();
    auto delete_opts = std::make_shared<MeasurementOptions>();
    auto* edit = cmd->add_subcommand("edit", "Correct a measurement's value or note");
    auto* del = cmd->add_subcommand("delete", "Delete a measurement");
    for (auto [sub, opts] : {std::pair{edit, edit_opts.get()}, std::pair{del, delete_opts.get()}}) {
        sub->add_option("id", opts->id, "The indicator's id")->required();
        sub->add_option("date", opts->date, "The date of the measurement")
            ->required()
            ->type_name("DATE");
        sub->add_option("--reason", opts->reason, "Why: kept in the audit log")
            ->required()
            ->type_name("TEXT");
    }
    edit->add_option("--value", edit_opts->value, "The right value")->type_name("NUMBER");
    edit->add_option("--note", edit_opts->note, "The right note (\"\" to clear)")
        ->type_name("TEXT");
    ctx.on_run(edit, [&ctx, edit_opts] { return run_measurement_edit(ctx, *edit_opts); });
    ctx.on_destructive_run(
        del, [&ctx, delete_opts] { return run_measurement_delete(ctx, *delete_opts); });
}

void register_indicator(CLI::App* plan_cmd, Context& ctx) {
    auto* cmd = plan_cmd->add_subcommand(
        "indicator", "Indicators of activities and priorities, and their measurements");
    cmd->require_subcommand(1);
    register_indicator_changes(cmd, ctx);

    auto list_opts = std::make_shared<IndicatorListOptions>();
    auto* list = cmd->add_subcommand("list", "List indicators with their standing against target");
    list->add_option("--activity", list_opts->activity, "Only indicators of this activity");
    list->add_option("--priority", list_opts->priority, "Only indicators of this priority");
    list->add_option("--as-of", list_opts->as_of, "Standing on this date (default: today)")
        ->type_name("DATE");
    ctx.on_run(list, [&ctx, list_opts] { return run_indicator_list(ctx, *list_opts); });
}

// ---- contribution ----

struct ContributionOptions {
    std::string id;
    std::optional<std::string> questionnaire;
    std::optional<std::string> submitted;
    std::optional<std::string> to;
    std::optional<std::string> summary;
    std::optional<std::string> file;
    std::string reason;
};

int run_contribution_add(Context& ctx, const ContributionOptions& o) {
    plan::Contribution c;
    c.questionnaire = o.questionnaire.value_or("");
    c.submitted = parse_date_option(o.submitted.value_or(""), "--submitted");
    c.submitted_to = o.to.value_or("");
    c.summary = o.summary.value_or("");
    c.file_reference = o.file.value_or("");
    const auto id = plan::add_contribution(ctx.store(store::Access::read_write), c);
    ctx.info(msg("added contribution {}", id));
    ctx.print(id + "\n");
    return 0;
}

int run_contribution_edit(Context& ctx, const ContributionOptions& o) {
    const plan::ContributionEdit edit{.questionnaire = o.questionnaire,
                                      .submitted = date_option(o.submitted, "--submitted"),
                                      .submitted_to = o.to,
                                      .summary = o.summary,
                                      .file_reference = o.file,
                                      .reason = o.reason};
    if (plan::edit_contribution(ctx.store(store::Access::read_write), o.id, edit) ==
        plan::Changed::no) {
        ctx.info(msg("contribution {}: nothing changed", o.id));
    } else {
        ctx.info(msg("updated contribution {}", o.id));
    }
    return 0;
}

int run_contribution_delete(Context& ctx, const DeleteOptions& o) {
    plan::delete_contribution(ctx.store(store::Access::read_write), o.id, o.reason);
    ctx.info(msg("deleted contribution {}", o.id));
    return 0;
}

int run_contribution_list(Context& ctx) {
    const auto p = plan::load_plan(ctx.store());
    Table t{{{"id", N_("ID")},
             {"questionnaire", N_("QUESTIONNAIRE")},
             {"submitted", N_("SUBMITTED")},
             {"submitted_to", N_("TO")},
             {"summary", N_("SUMMARY")},
             {"file_reference", N_("FILE")}},
            {}};
    for (const auto& c : p.contributions) {
        t.add_row({c.id, c.questionnaire, format_date(c.submitted), c.submitted_to, c.summary,
                   text_cell(c.file_reference)});
    }
    ctx.print_table(t);
    return 0;
}

void add_contribution_fields(CLI::App* cmd, ContributionOptions& o) {
    cmd->add_option("--questionnaire", o.questionnaire, "Questionnaire article or cluster");
    cmd->add_option("--submitted", o.submitted, "Date submitted")->type_name("DATE");
    cmd->add_option("--to", o.to, "To whom it was submitted");
    cmd->add_option("--summary", o.summary, "What the alliance contributed");
    cmd->add_option("--file", o.file,
                    "Reference of the document (path, URL, registry number; \"\" to clear)")
        ->type_name("REF");
}

void register_contribution(CLI::App* plan_cmd, Context& ctx) {
    auto* cmd = plan_cmd->add_subcommand("contribution",
                                         "Contributions to the UNTOC review self-assessment");
    cmd->require_subcommand(1);

    auto add_opts = std::make_shared<ContributionOptions>();
    auto* add = cmd->add_subcommand("add", "Record a contribution; prints its id");
    add_contribution_fields(add, *add_opts);
    for (const char* name : {"--questionnaire", "--submitted", "--to", "--summary"}) {
        add->get_option(name)->required();
    }
    ctx.on_run(add, [&ctx, add_opts] { return run_contribution_add(ctx, *add_opts); });

    auto edit_opts = std::make_shared<ContributionOptions>();
    auto* edit = cmd->add_subcommand("edit", "Change a contribution's fields");
    edit->add_option("id", edit_opts->id, "The contribution's id")->required();
    add_contribution_fields(edit, *edit_opts);
    edit->add_option("--reason", edit_opts->reason, "Why (a correction): kept in the audit log")
        ->type_name("TEXT");
    ctx.on_run(edit, [&ctx, edit_opts] { return run_contribution_edit(ctx, *edit_opts); });

    auto delete_opts = std::make_shared<DeleteOptions>();
    auto* del = cmd->add_subcommand("delete", "Delete a contribution recorded by mistake");
    del->add_option("id", delete_opts->id, "The contribution's id")->required();
    del->add_option("--reason", delete_opts->reason, "Why: kept in the audit log")
        ->required()
        ->type_name("TEXT");
    ctx.on_destructive_run(
        del, [&ctx, delete_opts] { return run_contribution_delete(ctx, *delete_opts); });

    auto* list = cmd->add_subcommand("list", "List the contributions to the review");
    ctx.on_run(list, [&ctx] { return run_contribution_list(ctx); });
}

// ---- the plan as a whole ----

struct ImportOptions {
    std::string file;
    bool dry_run = false;
};

struct TimelineOptions {
    std::optional<std::string> from;
    std::optional<std::string> to;
    std::optional<std::string> by;
};

int run_import(Context& ctx, const ImportOptions& o) {
    const auto text = files::read_file(o.file);
    auto& store = ctx.store(o.dry_run ? store::Access::read_only : store::Access::read_write);
    const auto name = o.file == "-" ? std::string("<stdin>") : o.file;
    const auto dry_run = o.dry_run ? plan::DryRun::yes : plan::DryRun::no;
    const auto result = plan::import_plan(store, text, name, dry_run, store.today());
    for (const auto& change : result.changes) {
        ctx.info(change);
    }
    if (result.added == 0 && result.updated == 0) {
        ctx.info(msg("{}: nothing changed ({} records)", name, result.unchanged));
    } else {
        ctx.info(o.dry_run ? msg("dry run: {}: {} added, {} updated, {} unchanged; nothing was "
                                 "written",
                                 name, result.added, result.updated, result.unchanged)
                           : msg("{}: {} added, {} updated, {} unchanged", name, result.added,
                                 result.updated, result.unchanged));
    }
    return 0;
}

int run_export(Context& ctx, const std::string& output) {
    const auto text = plan::export_plan(plan::load_plan(ctx.store()));
    files::write_file_atomic(output, text, files::Privacy::shared);
    return 0;
}

Table status_table(const std::vector<plan::PriorityProgress>& status) {
    Table t{{{"priority", N_("PRIORITY")},
             {"activity", N_("ACTIVITY")},
             {"title", N_("TITLE")},
             {"status", N_("STATUS")},
             {"end", N_("END")},
             {"overdue", N_("OVERDUE")},
             {"completion", N_("COMPLETION")}},
            {}};
    for (const auto& pp : status) {
        for (const auto& ap : pp.activities) {
            t.add_row({pp.priority != nullptr ? Cell{pp.priority->code} : Cell{}, ap.activity->id,
                       ap.activity->title, plan::status_name(ap.activity->status),
                       format_date(ap.activity->end), ap.overdue,
                       ap.completion ? Cell{*ap.completion} : Cell{}});
        }
    }
    return t;
}

int run_status(Context& ctx, const std::optional<std::string>& as_of_option) {
    const Date as_of = as_of_or_today(ctx, as_of_option);
    const auto p = plan::plan_as_of(plan::load_plan(ctx.store()), as_of);
    const auto st = plan::plan_status(p, as_of);
    if (ctx.format() == output::Format::json) {
        ctx.print(plan::render_status_json(st, as_of));
    } else if (ctx.format() == output::Format::csv) {
        ctx.print_table(status_table(st));
    } else {
        ctx.print(plan::render_status_text(st, as_of));
    }
    return 0;
}

int run_timeline(Context& ctx, const TimelineOptions& o) {
    const auto from = date_option(o.from, "--from");
    const auto to = date_option(o.to, "--to");
    const auto by = map_option<plan::Granularity>(o.by, [](const std::string& s) {
        return s == "month" ? plan::Granularity::month : plan::Granularity::quarter;
    });
    const auto p = plan::load_plan(ctx.store());
    const Date today = ctx.store().today();
    ctx.print(plan::render_timeline(p, plan::timeline_options(p, from, to, by, today), today));
    return 0;
}

struct CheckOptions {
    std::optional<std::string> as_of;
    bool all = false;
};

std::vector<output::Finding> plan_findings(store::Store& store, Date as_of) {
    return plan::check_plan(plan::plan_as_of(plan::load_plan(store), as_of), as_of);
}

int run_check(Context& ctx, const CheckOptions& opts) {
    const Date as_of = as_of_or_today(ctx, opts.as_of);
    return print_check(ctx, "plan", plan_findings(ctx.store(), as_of), opts.all);
}

void register_plan_file(CLI::App* cmd, Context& ctx) {
    auto import_opts = std::make_shared<ImportOptions>();
    auto* import = cmd->add_subcommand(
        "import", "Add and update the plan from a YAML file, in one transaction");
    import->add_option("file", import_opts->file, "The plan file (- for standard input)")
        ->required()
        ->type_name("FILE");
    import->add_flag("-n,--dry-run", import_opts->dry_run,
                     "Check the file and say what would change; write nothing");
    ctx.on_run(import, [&ctx, import_opts] { return run_import(ctx, *import_opts); });

    auto output = std::make_shared<std::string>("-");
    auto* exp =
        cmd->add_subcommand("export", "Write the whole plan as YAML (the format import reads)");
    exp->add_option("-o,--output", *output, "Write to this file instead of standard output")
        ->type_name("FILE");
    ctx.on_document_run(exp, "the plan file (YAML)",
                        [&ctx, output] { return run_export(ctx, *output); });
}

void register_plan_views(CLI::App* cmd, Context& ctx) {
    auto status_as_of = std::make_shared<std::optional<std::string>>();
    auto* status = cmd->add_subcommand(
        "status", "Where the plan stands: per priority, activities and indicators");
    status
        ->add_option("--as-of", *status_as_of,
                     "Standing on this date, from the records dated up to it (default: today)")
        ->type_name("DATE");
    ctx.on_run(status, [&ctx, status_as_of] { return run_status(ctx, *status_as_of); });

    auto timeline_opts = std::make_shared<TimelineOptions>();
    auto* timeline =
        cmd->add_subcommand("timeline", "A text timeline of the activities, by month or quarter");
    timeline
        ->add_option("--from", timeline_opts->from, "First day shown (default: the earliest start)")
        ->type_name("DATE");
    timeline->add_option("--to", timeline_opts->to, "Last day shown (default: the latest end)")
        ->type_name("DATE");
    timeline
        ->add_option("--by", timeline_opts->by,
                     "month or quarter (default: month when 12 months or fewer)")
        ->check(CLI::IsMember({"month", "quarter"}));
    ctx.on_document_run(timeline, "a text chart (plan status gives the figures as json or csv)",
                        [&ctx, timeline_opts] { return run_timeline(ctx, *timeline_opts); });

    auto check_opts = std::make_shared<CheckOptions>();
    auto* check = cmd->add_subcommand(
        "check", "Find gaps: unserved priorities, overdue activities, stale indicators");
    check
        ->add_option("--as-of", check_opts->as_of,
                     "Check the plan as its records stood on this date (default: today)")
        ->type_name("DATE");
    add_acknowledgements(check, ctx, "plan", check_opts->all,
                         [](store::Store& store) { return plan_findings(store, store.today()); });
    ctx.on_run(check, [&ctx, check_opts] { return run_check(ctx, *check_opts); });
}

}  // namespace

void register_plan(CLI::App* cmd, Context& ctx) {
    cmd->require_subcommand(1);
    // Each part only when the command line may run one of its subcommands (Context::builds).
    ctx.build_parts<CLI::App*>(cmd, {{"priority", register_priority},
                                     {"activity", register_activity},
                                     {"indicator", register_indicator},
                                     {"measurement", register_measurement},
                                     {"contribution", register_contribution},
                                     {"import export", register_plan_file},
                                     {"status timeline check", register_plan_views}});
}

}  // namespace nacsa::cli
