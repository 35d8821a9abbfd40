#include "plan/plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "commands.hpp"
#include "core/error.hpp"
#include "core/files.hpp"
#include "core/text.hpp"

namespace nacsa::cli {

namespace {

using output::Align;
using output::Cell;
using output::Table;

// An option's value when it was given on the command line.
struct Opt {
    std::string value;
    CLI::Option* option = nullptr;
    [[nodiscard]] bool given() const { return option != nullptr && option->count() > 0; }
};

Opt* text_option(CLI::App* cmd, Opt& opt, const std::string& name, const std::string& help) {
    opt.option = cmd->add_option(name, opt.value, help);
    return &opt;
}

Date today_for(Context& ctx) {
    return today(ctx.store().alliance().time_zone);
}

Date date_or(const Opt& opt, const std::string& name, Date fallback) {
    return opt.given() ? parse_date_option(opt.value, name) : fallback;
}

double number_option(const std::string& value, const std::string& name) {
    try {
        std::size_t used = 0;
        const double v = std::stod(value, &used);
        if (used == value.size() && std::isfinite(v)) {
            return v;
        }
    } catch (const std::exception&) {
    }
    throw UsageError(fmt::format("{}: \"{}\" is not a number", name, value));
}

Cell text_cell(const std::string& s) {
    return s.empty() ? Cell{} : Cell{s};
}
Cell date_cell(const std::optional<Date>& d) {
    return d ? Cell{format_date(*d)} : Cell{};
}

const plan::Priority& need_priority(const plan::Plan& p, const std::string& code) {
    if (const auto* found = p.find_priority(code)) {
        return *found;
    }
    throw NotFoundError(fmt::format("no priority \"{}\" in the plan", code));
}
const plan::Activity& need_activity(const plan::Plan& p, const std::string& id) {
    if (const auto* found = p.find_activity(id)) {
        return *found;
    }
    throw NotFoundError(fmt::format("no activity \"{}\" in the plan", id));
}
const plan::Indicator& need_indicator(const plan::Plan& p, const std::string& id) {
    if (const auto* found = p.find_indicator(id)) {
        return *found;
    }
    throw NotFoundError(fmt::format("no indicator \"{}\" in the plan", id));
}

plan::Source need_source(const std::string& name) {
    if (const auto s = plan::parse_source(name)) {
        return *s;
    }
    throw UsageError(fmt::format("--source: \"{}\" is not a source (expected one of: {})", name,
                                 plan::known_sources()));
}
plan::ActivityKind need_kind(const std::string& name) {
    if (const auto k = plan::parse_kind(name)) {
        return *k;
    }
    throw UsageError(fmt::format("--kind: \"{}\" is not a kind of activity (expected one of: {})",
                                 name, plan::known_kinds()));
}
plan::ActivityStatus need_status(const std::string& name, const std::string& what) {
    if (const auto s = plan::parse_status(name)) {
        return *s;
    }
    throw UsageError(fmt::format("{}: \"{}\" is not a status (expected one of: {})", what, name,
                                 plan::known_statuses()));
}

template <typename T>
std::vector<std::string> ids_of(const std::vector<T>& items, std::string T::*member) {
    std::vector<std::string> out;
    for (const auto& i : items) {
        out.push_back(i.*member);
    }
    return out;
}

// ---- priority ----

struct PriorityOptions {
    std::string code;
    Opt title, description, source, source_reference, source_date;
    std::vector<std::string> themes;
    CLI::Option* themes_option = nullptr;
    std::string theme_filter;
};

void add_priority_fields(CLI::App* cmd, PriorityOptions& o) {
    text_option(cmd, o.title, "--title", "Title of the priority");
    text_option(cmd, o.description, "--description", "What the priority is about");
    o.themes_option =
        cmd->add_option("--theme", o.themes, "A thematic area key (repeat for several)")
            ->type_name("KEY");
    text_option(cmd, o.source, "--source",
                "Where it was agreed: vpi_report, government or alliance");
    text_option(cmd, o.source_reference, "--source-reference",
                "Reference in the source, e.g. a recommendation");
    text_option(cmd, o.source_date, "--source-date", "Date of the source")
        ->option->type_name("DATE");
}

void apply_priority_fields(const PriorityOptions& o, plan::Priority& p) {
    if (o.title.given()) {
        p.title = std::string(text::trim(o.title.value));
    }
    if (o.description.given()) {
        p.description = std::string(text::trim(o.description.value));
    }
    if (o.themes_option->count() > 0) {
        p.thematic_areas = o.themes;
    }
    if (o.source.given()) {
        p.source = need_source(o.source.value);
    }
    if (o.source_reference.given()) {
        p.source_reference = std::string(text::trim(o.source_reference.value));
    }
    if (o.source_date.given()) {
        p.source_date =
            o.source_date.value.empty()
                ? std::nullopt
                : std::optional<Date>(parse_date_option(o.source_date.value, "--source-date"));
    }
}

Table priority_table(Context& ctx, const plan::Plan& p,
                     const std::vector<const plan::Priority*>& rows) {
    Table t{{{"code", "CODE"},
             {"title", "TITLE"},
             {"thematic_areas", "THEMES"},
             {"source", "SOURCE"},
             {"source_reference", "REFERENCE"},
             {"source_date", "DATE"},
             {"activities", "ACTIVITIES", Align::right},
             {"indicators", "INDICATORS", Align::right}},
            {}};
    (void)ctx;
    for (const auto* pr : rows) {
        std::int64_t activities = 0;
        std::int64_t indicators = 0;
        for (const auto& a : p.activities) {
            activities += std::count(a.priorities.begin(), a.priorities.end(), pr->code);
        }
        for (const auto& i : p.indicators) {
            indicators += i.priority_code == pr->code ? 1 : 0;
        }
        t.add_row({pr->code, pr->title, pr->thematic_areas, plan::source_name(pr->source),
                   text_cell(pr->source_reference), date_cell(pr->source_date), activities,
                   indicators});
    }
    return t;
}

void register_priority(CLI::App* plan_cmd, Context& ctx) {
    auto* cmd = plan_cmd->add_subcommand(
        "priority", "The priorities agreed in the VPI report or with the government");
    cmd->require_subcommand(1);

    auto add_opts = std::make_shared<PriorityOptions>();
    auto* add = cmd->add_subcommand("add", "Add a priority");
    add->add_option("code", add_opts->code, "Its code, e.g. P1")->required();
    add_priority_fields(add, *add_opts);
    add_opts->title.option->required();
    ctx.on_run(add, [&ctx, add_opts] {
        auto& store = ctx.store(store::Access::read_write);
        const auto current = plan::load_plan(store);
        if (current.find_priority(add_opts->code) != nullptr) {
            throw ValidationError(std::vector<Diagnostic>{
                {"", 0, 0, "code", fmt::format("priority \"{}\" already exists", add_opts->code)}});
        }
        plan::Priority p;
        p.code = add_opts->code;
        apply_priority_fields(*add_opts, p);
        plan::validate_priority(store, p);
        plan::save_priority(store, p, "added");
        ctx.info(fmt::format("added priority {}", p.code));
        ctx.print(p.code + "\n");
        return 0;
    });

    auto list_opts = std::make_shared<PriorityOptions>();
    auto* list = cmd->add_subcommand("list", "List the priorities");
    list->add_option("--theme", list_opts->theme_filter, "Only priorities of this thematic area")
        ->type_name("KEY");
    ctx.on_run(list, [&ctx, list_opts] {
        const auto p = plan::load_plan(ctx.store());
        std::vector<const plan::Priority*> rows;
        for (const auto& pr : p.priorities) {
            if (list_opts->theme_filter.empty() ||
                std::find(pr.thematic_areas.begin(), pr.thematic_areas.end(),
                          list_opts->theme_filter) != pr.thematic_areas.end()) {
                rows.push_back(&pr);
            }
        }
        ctx.print_table(priority_table(ctx, p, rows));
        return 0;
    });

    auto show_code = std::make_shared<std::string>();
    auto* show = cmd->add_subcommand("show", "Show a priority with its activities and indicators");
    show->add_option("code", *show_code, "The priority's code")->required();
    ctx.on_run(show, [&ctx, show_code] {
        const auto p = plan::load_plan(ctx.store());
        const auto& pr = need_priority(p, *show_code);
        std::vector<std::string> activities;
        for (const auto& a : p.activities) {
            if (std::find(a.priorities.begin(), a.priorities.end(), pr.code) !=
                a.priorities.end()) {
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
        const auto lang = ctx.language();
        for (const auto& key : pr.thematic_areas) {
            const auto* term = ctx.store().alliance().find_theme(key);
            theme_labels.push_back(
                term != nullptr ? fmt::format("{} ({})", key, term->labels.in(lang)) : key);
        }
        const bool json = ctx.format() != output::Format::table;
        Table t{{{"code", "Code"},
                 {"title", "Title"},
                 {"description", "Description"},
                 {"thematic_areas", "Thematic areas"},
                 {"source", "Source"},
                 {"source_reference", "Reference"},
                 {"source_date", "Date"},
                 {"activities", "Activities"},
                 {"indicators", "Indicators"}},
                {}};
        t.add_row({pr.code, pr.title, text_cell(pr.description),
                   json ? pr.thematic_areas : theme_labels, plan::source_name(pr.source),
                   text_cell(pr.source_reference), date_cell(pr.source_date), activities,
                   indicators});
        ctx.print_record(t);
        return 0;
    });

    auto edit_opts = std::make_shared<PriorityOptions>();
    auto* edit = cmd->add_subcommand("edit", "Change a priority's fields");
    edit->add_option("code", edit_opts->code, "The priority's code")->required();
    add_priority_fields(edit, *edit_opts);
    ctx.on_run(edit, [&ctx, edit_opts] {
        auto& store = ctx.store(store::Access::read_write);
        const auto current = plan::load_plan(store);
        const auto& before = need_priority(current, edit_opts->code);
        plan::Priority p = before;
        apply_priority_fields(*edit_opts, p);
        std::sort(p.thematic_areas.begin(), p.thematic_areas.end());
        if (p == before) {
            ctx.info(fmt::format("priority {}: nothing changed", p.code));
            return 0;
        }
        plan::validate_priority(store, p);
        plan::save_priority(store, p, "edited");
        ctx.info(fmt::format("updated priority {}", p.code));
        return 0;
    });
}

// ---- activity ----

struct ActivityOptions {
    std::string id;
    Opt title, description, kind, working_group, member, start, end, status, progress, date, note;
    std::vector<std::string> priorities;
    CLI::Option* priorities_option = nullptr;
    bool no_priority = false;
    std::string priority_filter;
    std::string status_filter;
    bool overdue = false;
};

void add_activity_fields(CLI::App* cmd, ActivityOptions& o) {
    text_option(cmd, o.title, "--title", "Title of the activity");
    text_option(cmd, o.description, "--description", "What the activity does");
    text_option(cmd, o.kind, "--kind",
                "meeting_series, capacity_building, engagement, policy_brief, publication, ...");
    o.priorities_option =
        cmd->add_option("--priority", o.priorities, "A priority it serves (repeat for several)")
            ->type_name("CODE");
    auto* none = cmd->add_flag("--no-priority", o.no_priority, "It serves no priority, on purpose");
    none->excludes(o.priorities_option);
    text_option(cmd, o.working_group, "--working-group",
                "Responsible working group (\"\" to clear)")
        ->option->type_name("ID");
    text_option(cmd, o.member, "--member", "Responsible member (\"\" to clear)")
        ->option->type_name("ID");
    text_option(cmd, o.start, "--start", "Start date")->option->type_name("DATE");
    text_option(cmd, o.end, "--end", "End date")->option->type_name("DATE");
}

void apply_activity_fields(const ActivityOptions& o, plan::Activity& a) {
    if (o.title.given()) {
        a.title = std::string(text::trim(o.title.value));
    }
    if (o.description.given()) {
        a.description = std::string(text::trim(o.description.value));
    }
    if (o.kind.given()) {
        a.kind = need_kind(o.kind.value);
    }
    if (o.priorities_option->count() > 0) {
        a.priorities = o.priorities;
        a.serves_no_priority = false;
    }
    if (o.no_priority) {
        a.priorities.clear();
        a.serves_no_priority = true;
    }
    if (o.working_group.given()) {
        a.working_group = std::string(text::trim(o.working_group.value));
    }
    if (o.member.given()) {
        a.member = std::string(text::trim(o.member.value));
    }
    if (o.start.given()) {
        a.start = parse_date_option(o.start.value, "--start");
    }
    if (o.end.given()) {
        a.end = parse_date_option(o.end.value, "--end");
    }
}

void register_activity(CLI::App* plan_cmd, Context& ctx) {
    auto* cmd = plan_cmd->add_subcommand("activity",
                                         "The activities of the plan, their status and progress");
    cmd->require_subcommand(1);

    auto add_opts = std::make_shared<ActivityOptions>();
    auto* add = cmd->add_subcommand("add", "Add an activity; prints its id");
    add_activity_fields(add, *add_opts);
    add_opts->title.option->required();
    add_opts->kind.option->required();
    add_opts->start.option->required();
    add_opts->end.option->required();
    text_option(add, add_opts->status, "--status", "Its status now (default: planned)");
    ctx.on_run(add, [&ctx, add_opts] {
        auto& store = ctx.store(store::Access::read_write);
        const auto current = plan::load_plan(store);
        plan::Activity a;
        a.id = plan::next_id(ids_of(current.activities, &plan::Activity::id), "A");
        apply_activity_fields(*add_opts, a);
        a.status = add_opts->status.given() ? need_status(add_opts->status.value, "--status")
                                            : plan::ActivityStatus::planned;
        a.history.push_back(plan::StatusChange{today_for(ctx), a.status, {}});
        plan::validate_activity(store, current, a);
        plan::save_activity(store, a, "added");
        ctx.info(fmt::format("added activity {}", a.id));
        ctx.print(a.id + "\n");
        return 0;
    });

    auto list_opts = std::make_shared<ActivityOptions>();
    auto* list = cmd->add_subcommand("list", "List the activities");
    list->add_option("--priority", list_opts->priority_filter,
                     "Only activities serving this priority")
        ->type_name("CODE");
    list->add_option("--status", list_opts->status_filter, "Only activities with this status")
        ->type_name("STATUS");
    list->add_flag("--overdue", list_opts->overdue,
                   "Only activities past their end date, neither done nor cancelled");
    ctx.on_run(list, [&ctx, list_opts] {
        std::optional<plan::ActivityStatus> status;
        if (!list_opts->status_filter.empty()) {
            status = need_status(list_opts->status_filter, "--status");
        }
        const auto p = plan::load_plan(ctx.store());
        const Date now_date = today_for(ctx);
        Table t{{{"id", "ID"},
                 {"title", "TITLE"},
                 {"kind", "KIND"},
                 {"priorities", "PRIORITIES"},
                 {"status", "STATUS"},
                 {"start", "START"},
                 {"end", "END"},
                 {"working_group", "WORKING GROUP"},
                 {"member", "MEMBER"}},
                {}};
        for (const auto& a : p.activities) {
            if (!list_opts->priority_filter.empty() &&
                std::find(a.priorities.begin(), a.priorities.end(), list_opts->priority_filter) ==
                    a.priorities.end()) {
                continue;
            }
            if (status && a.status != *status) {
                continue;
            }
            const bool overdue = a.end < now_date && a.status != plan::ActivityStatus::done &&
                                 a.status != plan::ActivityStatus::cancelled;
            if (list_opts->overdue && !overdue) {
                continue;
            }
            t.add_row({a.id, a.title, plan::kind_name(a.kind), a.priorities,
                       plan::status_name(a.status), format_date(a.start), format_date(a.end),
                       text_cell(a.working_group), text_cell(a.member)});
        }
        ctx.print_table(t);
        return 0;
    });

    auto show_id = std::make_shared<std::string>();
    auto* show = cmd->add_subcommand(
        "show", "Show an activity with its status history, progress and indicators");
    show->add_option("id", *show_id, "The activity's id")->required();
    ctx.on_run(show, [&ctx, show_id] {
        const auto p = plan::load_plan(ctx.store());
        const auto& a = need_activity(p, *show_id);
        std::vector<std::string> history;
        for (const auto& h : a.history) {
            history.push_back(h.note.empty() ? fmt::format("{} {}", format_date(h.date),
                                                           plan::status_name(h.status))
                                             : fmt::format("{} {}: {}", format_date(h.date),
                                                           plan::status_name(h.status), h.note));
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
        Table t{{{"id", "Id"},
                 {"title", "Title"},
                 {"description", "Description"},
                 {"kind", "Kind"},
                 {"priorities", "Priorities"},
                 {"serves_no_priority", "Serves no priority"},
                 {"working_group", "Working group"},
                 {"member", "Member"},
                 {"start", "Start"},
                 {"end", "End"},
                 {"status", "Status"},
                 {"status_history", "Status history"},
                 {"progress", "Progress"},
                 {"indicators", "Indicators"}},
                {}};
        t.add_row({a.id, a.title, text_cell(a.description), plan::kind_name(a.kind), a.priorities,
                   a.serves_no_priority, text_cell(a.working_group), text_cell(a.member),
                   format_date(a.start), format_date(a.end), plan::status_name(a.status), history,
                   progress, indicators});
        ctx.print_record(t);
        return 0;
    });

    auto edit_opts = std::make_shared<ActivityOptions>();
    auto* edit = cmd->add_subcommand("edit", "Change an activity's fields, or add a progress note");
    edit->add_option("id", edit_opts->id, "The activity's id")->required();
    add_activity_fields(edit, *edit_opts);
    text_option(edit, edit_opts->progress, "--progress", "Add a progress note")
        ->option->type_name("TEXT");
    text_option(edit, edit_opts->date, "--date", "Date of the progress note (default: today)")
        ->option->type_name("DATE")
        ->needs(edit_opts->progress.option);
    ctx.on_run(edit, [&ctx, edit_opts] {
        auto& store = ctx.store(store::Access::read_write);
        const auto current = plan::load_plan(store);
        const auto& before = need_activity(current, edit_opts->id);
        plan::Activity a = before;
        apply_activity_fields(*edit_opts, a);
        std::sort(a.priorities.begin(), a.priorities.end(), plan::natural_less);
        const bool fields_changed = !(a == before);
        std::string summary = "edited";
        if (edit_opts->progress.given()) {
            const std::string note(text::trim(edit_opts->progress.value));
            if (note.empty()) {
                throw UsageError("--progress: the note must not be empty");
            }
            a.progress.push_back(
                plan::ProgressNote{date_or(edit_opts->date, "--date", today_for(ctx)), note});
            summary = fields_changed ? "edited; progress note added" : "progress note added";
        }
        if (a == before) {
            ctx.info(fmt::format("activity {}: nothing changed", a.id));
            return 0;
        }
        plan::validate_activity(store, current, a);
        plan::save_activity(store, a, summary);
        ctx.info(fmt::format("updated activity {}", a.id));
        return 0;
    });

    auto status_opts = std::make_shared<ActivityOptions>();
    auto* status = cmd->add_subcommand("status", "Record an activity's new status, dated");
    status->add_option("id", status_opts->id, "The activity's id")->required();
    status
        ->add_option("status", status_opts->status.value,
                     "planned, in_progress, done, delayed or cancelled")
        ->required();
    text_option(status, status_opts->date, "--date", "When it took effect (default: today)")
        ->option->type_name("DATE");
    text_option(status, status_opts->note, "--note", "Why, or what happened")
        ->option->type_name("TEXT");
    ctx.on_run(status, [&ctx, status_opts] {
        const auto new_status = need_status(status_opts->status.value, "status");
        auto& store = ctx.store(store::Access::read_write);
        const auto current = plan::load_plan(store);
        plan::Activity a = need_activity(current, status_opts->id);
        if (a.status == new_status) {
            throw ValidationError(std::vector<Diagnostic>{
                {"", 0, 0, "status",
                 fmt::format("activity {} is already {}", a.id, plan::status_name(new_status))}});
        }
        const auto old_status = a.status;
        const Date when = date_or(status_opts->date, "--date", today_for(ctx));
        if (!a.history.empty() && when < a.history.back().date) {
            throw ValidationError(std::vector<Diagnostic>{
                {"", 0, 0, "date",
                 fmt::format("{} is before the latest status change ({})", format_date(when),
                             format_date(a.history.back().date))}});
        }
        a.history.push_back(
            plan::StatusChange{when, new_status, std::string(text::trim(status_opts->note.value))});
        a.status = new_status;
        plan::save_activity(store, a,
                            fmt::format("status {} -> {} on {}", plan::status_name(old_status),
                                        plan::status_name(new_status), format_date(when)));
        ctx.info(fmt::format("activity {}: {} -> {}", a.id, plan::status_name(old_status),
                             plan::status_name(new_status)));
        return 0;
    });
}

// ---- indicator ----

struct IndicatorOptions {
    std::string id;
    Opt activity, priority, name, unit, baseline, baseline_date, target, target_date, date, note,
        as_of;
    std::string value;
};

void register_indicator(CLI::App* plan_cmd, Context& ctx) {
    auto* cmd = plan_cmd->add_subcommand(
        "indicator", "Indicators of activities and priorities, and their measurements");
    cmd->require_subcommand(1);

    auto add_opts = std::make_shared<IndicatorOptions>();
    auto* add =
        cmd->add_subcommand("add", "Add an indicator to an activity or a priority; prints its id");
    auto* act =
        text_option(add, add_opts->activity, "--activity", "The activity it measures")->option;
    auto* pri =
        text_option(add, add_opts->priority, "--priority", "The priority it measures")->option;
    act->excludes(pri);
    text_option(add, add_opts->name, "--name", "What is measured")->option->required();
    text_option(add, add_opts->unit, "--unit", "Unit, e.g. persons, documents, %")
        ->option->required();
    text_option(add, add_opts->baseline, "--baseline", "Value at the start")
        ->option->required()
        ->type_name("NUMBER");
    text_option(add, add_opts->baseline_date, "--baseline-date",
                "Date of the baseline (default: the activity's start; "
                "required for a priority)")
        ->option->type_name("DATE");
    text_option(add, add_opts->target, "--target", "Value to reach")
        ->option->required()
        ->type_name("NUMBER");
    text_option(add, add_opts->target_date, "--target-date", "When to reach it")
        ->option->required()
        ->type_name("DATE");
    ctx.on_run(add, [&ctx, add_opts] {
        if (!add_opts->activity.given() && !add_opts->priority.given()) {
            throw UsageError("give --activity or --priority: the indicator measures one of them");
        }
        if (add_opts->priority.given() && !add_opts->baseline_date.given()) {
            throw UsageError("--baseline-date is required for an indicator of a priority");
        }
        plan::Indicator i;
        i.activity_id = add_opts->activity.value;
        i.priority_code = add_opts->priority.value;
        i.name = std::string(text::trim(add_opts->name.value));
        i.unit = std::string(text::trim(add_opts->unit.value));
        i.baseline = number_option(add_opts->baseline.value, "--baseline");
        i.target = number_option(add_opts->target.value, "--target");
        if (add_opts->baseline_date.given()) {
            i.baseline_date = parse_date_option(add_opts->baseline_date.value, "--baseline-date");
        }
        i.target_date = parse_date_option(add_opts->target_date.value, "--target-date");
        auto& store = ctx.store(store::Access::read_write);
        const auto current = plan::load_plan(store);
        if (!i.activity_id.empty()) {
            (void)need_activity(current, i.activity_id);
        } else {
            (void)need_priority(current, i.priority_code);
        }
        i.id = plan::next_id(ids_of(current.indicators, &plan::Indicator::id), "I");
        if (!i.baseline_date) {
            const Date start = need_activity(current, i.activity_id).start;
            if (!(start < i.target_date)) {
                throw ValidationError(std::vector<Diagnostic>{
                    {"", 0, 0, "target_date",
                     fmt::format("must be after the activity's start {}", format_date(start))}});
            }
        }
        plan::validate_indicator(current, i);
        plan::save_indicator(store, i, "added");
        ctx.info(fmt::format("added indicator {}", i.id));
        ctx.print(i.id + "\n");
        return 0;
    });

    auto measure_opts = std::make_shared<IndicatorOptions>();
    auto* measure =
        cmd->add_subcommand("measure", "Record a measurement (actual value) of an indicator");
    measure->add_option("id", measure_opts->id, "The indicator's id")->required();
    measure->add_option("value", measure_opts->value, "The value measured")->required();
    text_option(measure, measure_opts->date, "--date", "Date of the measurement (default: today)")
        ->option->type_name("DATE");
    text_option(measure, measure_opts->note, "--note", "Where the figure comes from")
        ->option->type_name("TEXT");
    ctx.on_run(measure, [&ctx, measure_opts] {
        const double value = number_option(measure_opts->value, "value");
        auto& store = ctx.store(store::Access::read_write);
        const auto current = plan::load_plan(store);
        plan::Indicator i = need_indicator(current, measure_opts->id);
        const Date when = date_or(measure_opts->date, "--date", today_for(ctx));
        const plan::Measurement m{when, value, std::string(text::trim(measure_opts->note.value))};
        auto it = std::find_if(i.measurements.begin(), i.measurements.end(),
                               [&](const plan::Measurement& x) { return x.date == when; });
        std::string summary;
        if (it != i.measurements.end()) {
            if (*it == m) {
                ctx.info(fmt::format("indicator {}: nothing changed", i.id));
                return 0;
            }
            *it = m;
            summary = fmt::format("measurement of {} replaced", format_date(when));
        } else {
            i.measurements.push_back(m);
            summary = fmt::format("measured on {}", format_date(when));
        }
        plan::save_indicator(store, i, summary);
        ctx.info(fmt::format("indicator {}: {} {} on {}", i.id, fmt::format("{}", value), i.unit,
                             format_date(when)));
        return 0;
    });

    auto list_opts = std::make_shared<IndicatorOptions>();
    auto* list = cmd->add_subcommand("list", "List indicators with their standing against target");
    list->add_option("--activity", list_opts->activity.value, "Only indicators of this activity");
    list->add_option("--priority", list_opts->priority.value, "Only indicators of this priority");
    text_option(list, list_opts->as_of, "--as-of", "Standing on this date (default: today)")
        ->option->type_name("DATE");
    ctx.on_run(list, [&ctx, list_opts] {
        const auto p = plan::load_plan(ctx.store());
        const Date as_of = date_or(list_opts->as_of, "--as-of", today_for(ctx));
        Table t{{{"id", "ID"},
                 {"activity", "ACTIVITY"},
                 {"priority", "PRIORITY"},
                 {"name", "NAME"},
                 {"unit", "UNIT"},
                 {"baseline", "BASELINE", Align::right},
                 {"target", "TARGET", Align::right},
                 {"target_date", "BY"},
                 {"latest_value", "ACTUAL", Align::right},
                 {"latest_date", "ON"},
                 {"expected", "EXPECTED", Align::right},
                 {"standing", "STANDING"}},
                {}};
        for (const auto& i : p.indicators) {
            if (!list_opts->activity.value.empty() && i.activity_id != list_opts->activity.value) {
                continue;
            }
            if (!list_opts->priority.value.empty() &&
                i.priority_code != list_opts->priority.value) {
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
    });
}

// ---- contribution ----

struct ContributionOptions {
    Opt questionnaire, submitted, to, summary, file;
};

void register_contribution(CLI::App* plan_cmd, Context& ctx) {
    auto* cmd = plan_cmd->add_subcommand("contribution",
                                         "Contributions to the UNTOC review self-assessment");
    cmd->require_subcommand(1);

    auto o = std::make_shared<ContributionOptions>();
    auto* add = cmd->add_subcommand("add", "Record a contribution; prints its id");
    text_option(add, o->questionnaire, "--questionnaire", "Questionnaire article or cluster")
        ->option->required();
    text_option(add, o->submitted, "--submitted", "Date submitted")
        ->option->required()
        ->type_name("DATE");
    text_option(add, o->to, "--to", "To whom it was submitted")->option->required();
    text_option(add, o->summary, "--summary", "What the alliance contributed")->option->required();
    text_option(add, o->file, "--file", "Reference of the document (path, URL, registry number)")
        ->option->type_name("REF");
    ctx.on_run(add, [&ctx, o] {
        plan::Contribution c;
        c.questionnaire = std::string(text::trim(o->questionnaire.value));
        c.submitted = parse_date_option(o->submitted.value, "--submitted");
        c.submitted_to = std::string(text::trim(o->to.value));
        c.summary = std::string(text::trim(o->summary.value));
        c.file_reference = std::string(text::trim(o->file.value));
        auto& store = ctx.store(store::Access::read_write);
        const auto current = plan::load_plan(store);
        c.id = plan::next_id(ids_of(current.contributions, &plan::Contribution::id), "C");
        plan::validate_contribution(c);
        plan::save_contribution(store, c, "added");
        ctx.info(fmt::format("added contribution {}", c.id));
        ctx.print(c.id + "\n");
        return 0;
    });

    auto* list = cmd->add_subcommand("list", "List the contributions to the review");
    ctx.on_run(list, [&ctx] {
        const auto p = plan::load_plan(ctx.store());
        Table t{{{"id", "ID"},
                 {"questionnaire", "QUESTIONNAIRE"},
                 {"submitted", "SUBMITTED"},
                 {"submitted_to", "TO"},
                 {"summary", "SUMMARY"},
                 {"file_reference", "FILE"}},
                {}};
        for (const auto& c : p.contributions) {
            t.add_row({c.id, c.questionnaire, format_date(c.submitted), c.submitted_to, c.summary,
                       text_cell(c.file_reference)});
        }
        ctx.print_table(t);
        return 0;
    });
}

struct PlanFileOptions {
    std::string file;
    bool dry_run = false;
    std::string output = "-";
    Opt as_of, from, to;
    std::string by;
};

}  // namespace

void register_plan(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand(
        "plan", "Keep the activity plan: priorities, activities, indicators, review contributions");
    cmd->require_subcommand(1);
    register_priority(cmd, ctx);
    register_activity(cmd, ctx);
    register_indicator(cmd, ctx);
    register_contribution(cmd, ctx);

    auto import_opts = std::make_shared<PlanFileOptions>();
    auto* import = cmd->add_subcommand(
        "import", "Add and update the plan from a YAML file, in one transaction");
    import->add_option("file", import_opts->file, "The plan file (- for standard input)")
        ->required()
        ->type_name("FILE");
    import->add_flag("-n,--dry-run", import_opts->dry_run,
                     "Check the file and say what would change; write nothing");
    ctx.on_run(import, [&ctx, import_opts] {
        const auto text = files::read_file(import_opts->file);
        auto& store =
            ctx.store(import_opts->dry_run ? store::Access::read_only : store::Access::read_write);
        const auto name = import_opts->file == "-" ? std::string("<stdin>") : import_opts->file;
        const auto result = plan::import_plan(
            store, text, name, import_opts->dry_run ? plan::DryRun::yes : plan::DryRun::no,
            today_for(ctx));
        for (const auto& change : result.changes) {
            ctx.info(change);
        }
        if (result.added == 0 && result.updated == 0) {
            ctx.info(fmt::format("{}: nothing changed ({} records)", name, result.unchanged));
        } else {
            ctx.info(fmt::format("{}{}: {} added, {} updated, {} unchanged{}",
                                 import_opts->dry_run ? "dry run: " : "", name, result.added,
                                 result.updated, result.unchanged,
                                 import_opts->dry_run ? "; nothing was written" : ""));
        }
        return 0;
    });

    auto export_opts = std::make_shared<PlanFileOptions>();
    auto* exp =
        cmd->add_subcommand("export", "Write the whole plan as YAML (the format import reads)");
    exp->add_option("-o,--output", export_opts->output,
                    "Write to this file instead of standard output")
        ->type_name("FILE");
    ctx.on_run(exp, [&ctx, export_opts] {
        const auto text = plan::export_plan(plan::load_plan(ctx.store()));
        files::write_file_atomic(export_opts->output, text, files::Privacy::shared);
        return 0;
    });

    auto status_opts = std::make_shared<PlanFileOptions>();
    auto* status = cmd->add_subcommand(
        "status", "Where the plan stands: per priority, activities and indicators");
    text_option(status, status_opts->as_of, "--as-of", "Standing on this date (default: today)")
        ->option->type_name("DATE");
    ctx.on_run(status, [&ctx, status_opts] {
        const auto p = plan::load_plan(ctx.store());
        const Date as_of = date_or(status_opts->as_of, "--as-of", today_for(ctx));
        const auto st = plan::plan_status(p, as_of);
        if (ctx.format() == output::Format::json) {
            ctx.print(plan::render_status_json(st, as_of));
        } else if (ctx.format() == output::Format::csv) {
            Table t{{{"priority", "PRIORITY"},
                     {"activity", "ACTIVITY"},
                     {"title", "TITLE"},
                     {"status", "STATUS"},
                     {"end", "END"},
                     {"overdue", "OVERDUE"},
                     {"completion", "COMPLETION"}},
                    {}};
            for (const auto& pp : st) {
                for (const auto& ap : pp.activities) {
                    t.add_row({pp.priority != nullptr ? Cell{pp.priority->code} : Cell{},
                               ap.activity->id, ap.activity->title,
                               plan::status_name(ap.activity->status),
                               format_date(ap.activity->end), ap.overdue,
                               ap.completion ? Cell{*ap.completion} : Cell{}});
                }
            }
            ctx.print_table(t);
        } else {
            ctx.print(plan::render_status_text(st, as_of));
        }
        return 0;
    });

    auto timeline_opts = std::make_shared<PlanFileOptions>();
    auto* timeline =
        cmd->add_subcommand("timeline", "A text timeline of the activities, by month or quarter");
    text_option(timeline, timeline_opts->from, "--from",
                "First day shown (default: the earliest start)")
        ->option->type_name("DATE");
    text_option(timeline, timeline_opts->to, "--to", "Last day shown (default: the latest end)")
        ->option->type_name("DATE");
    timeline
        ->add_option("--by", timeline_opts->by,
                     "month or quarter (default: month when 12 months or fewer)")
        ->check(CLI::IsMember({"month", "quarter"}));
    ctx.on_run(timeline, [&ctx, timeline_opts] {
        const auto p = plan::load_plan(ctx.store());
        const Date now_date = today_for(ctx);
        plan::TimelineOptions o;
        Date earliest = now_date;
        Date latest = now_date;
        if (!p.activities.empty()) {
            earliest = p.activities.front().start;
            latest = p.activities.front().end;
            for (const auto& a : p.activities) {
                earliest = std::min(earliest, a.start);
                latest = std::max(latest, a.end);
            }
        }
        o.from = date_or(timeline_opts->from, "--from", earliest);
        o.to = date_or(timeline_opts->to, "--to", latest);
        if (o.to < o.from) {
            throw UsageError(
                fmt::format("--to {} is before --from {}", format_date(o.to), format_date(o.from)));
        }
        const int months = (static_cast<int>(o.to.year()) - static_cast<int>(o.from.year())) * 12 +
                           static_cast<int>(static_cast<unsigned>(o.to.month())) -
                           static_cast<int>(static_cast<unsigned>(o.from.month())) + 1;
        if (timeline_opts->by.empty()) {
            o.by = months <= 12 ? plan::Granularity::month : plan::Granularity::quarter;
        } else {
            o.by = timeline_opts->by == "month" ? plan::Granularity::month
                                                : plan::Granularity::quarter;
        }
        ctx.print(plan::render_timeline(p, o, now_date));
        return 0;
    });

    auto check_opts = std::make_shared<PlanFileOptions>();
    auto* check = cmd->add_subcommand(
        "check", "Find gaps: unserved priorities, overdue activities, stale indicators");
    text_option(check, check_opts->as_of, "--as-of", "Check as of this date (default: today)")
        ->option->type_name("DATE");
    ctx.on_run(check, [&ctx, check_opts] {
        const auto p = plan::load_plan(ctx.store());
        const Date as_of = date_or(check_opts->as_of, "--as-of", today_for(ctx));
        return ctx.print_findings(plan::check_plan(p, as_of));
    });
}

}  // namespace nacsa::cli
