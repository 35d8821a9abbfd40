// SPDX-License-Identifier: Apache-2.0
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "checks.hpp"
#include "commands.hpp"
#include "core/error.hpp"
#include "core/files.hpp"
#include "core/text.hpp"
#include "meetings/ics.hpp"
#include "meetings/meetings.hpp"
#include "meetings/query.hpp"
#include "workflows/workflows.hpp"

namespace nacsa::cli {

namespace {

namespace mt = nacsa::meetings;
using output::Align;
using output::Cell;

Cell opt_cell(const std::optional<std::string>& v) {
    return v ? Cell{*v} : Cell{};
}
Cell opt_cell(const std::optional<Date>& v) {
    return v ? Cell{format_date(*v)} : Cell{};
}

Message quorum_text(const mt::Quorum& q) {
    return q.met ? msg("{} of {} voting members present, {} needed: quorum met", q.voting_present,
                       q.voting_invited, q.required)
                 : msg("{} of {} voting members present, {} needed: no quorum", q.voting_present,
                       q.voting_invited, q.required);
}

// ---- schedule, edit: the meeting's fields ----

struct FieldOptions {
    std::optional<std::string> title, kind, body, start, time_zone, place, link, format, language;
    std::optional<int> duration;
};

enum class ForEdit { no, yes };

void add_field_options(CLI::App* cmd, FieldOptions& f, ForEdit for_edit) {
    auto* title = cmd->add_option("--title", f.title, "What the meeting is called");
    auto* kind = cmd->add_option(
        "--kind", f.kind,
        "steering_committee, general_assembly, working_group, government_consultation, "
        "capacity_building, constructive_dialogue, multistakeholder_preparation_day, "
        "cop_side_event, regional_network_meeting or other");
    cmd->add_option(
        "--body", f.body,
        "Who it is for: committee, all_members or working_group:KEY (default from the kind)");
    auto* start = cmd->add_option("--start", f.start, "Local start: \"YYYY-MM-DD HH:MM\"")
                      ->type_name("DATETIME");
    cmd->add_option("--tz", f.time_zone, "IANA time zone (default: the alliance's)")
        ->type_name("ZONE");
    cmd->add_option("--duration", f.duration, "Length in minutes (default 120)")
        ->type_name("MINUTES");
    cmd->add_option("--place", f.place, "Where it is held");
    cmd->add_option("--link", f.link, "Online meeting address (https://...)")->type_name("URL");
    cmd->add_option("--mode", f.format,
                    "in_person, online or hybrid (default from --place and --link)");
    cmd->add_option("--language", f.language, "Working language: en, es or fr");
    if (for_edit == ForEdit::no) {
        title->required();
        kind->required();
        start->required();
    }
}

// A date-and-time option ("YYYY-MM-DD HH:MM") that is not one is a usage error (exit 2), like
// a bad date option; the library checks it again as a field.
void check_date_time_option(const std::optional<std::string>& value, const std::string& option) {
    if (value && !mt::parse_local_date_time(*value)) {
        throw UsageError(
            msg("{}: \"{}\" is not a date and time (expected YYYY-MM-DD HH:MM)", option, *value));
    }
}

mt::MeetingFields to_fields(const FieldOptions& f) {
    check_date_time_option(f.start, "--start");
    return mt::MeetingFields{.title = f.title,
                             .kind = f.kind,
                             .body = f.body,
                             .start = f.start,
                             .time_zone = f.time_zone,
                             .duration_minutes = f.duration,
                             .place = f.place,
                             .online_link = f.link,
                             .format = f.format,
                             .language = f.language};
}

struct ScheduleOptions {
    FieldOptions fields;
    std::optional<std::string> repeat;
    std::optional<int> count;
    std::optional<std::string> until;
    std::optional<std::string> weekday;
};

int run_schedule(Context& ctx, const ScheduleOptions& opts) {
    mt::SeriesRequest series;
    if (opts.repeat) {
        series.repeat = *mt::parse_repeat(*opts.repeat);
        series.count = opts.count;
        series.until = date_option(opts.until, "--until");
        if (opts.weekday) {
            series.weekday = mt::parse_monthly_weekday(*opts.weekday);
            if (!series.weekday) {
                throw UsageError(
                    msg("--weekday: \"{}\" is not a weekday of the month (e.g. 2tue for the second "
                        "Tuesday, -1fri for the last Friday)",
                        *opts.weekday));
            }
            if (series.repeat != mt::Repeat::monthly && series.repeat != mt::Repeat::quarterly) {
                throw UsageError(msg("--weekday goes with --repeat monthly or quarterly"));
            }
        }
        if (!series.count && !series.until) {
            throw UsageError(msg("--repeat needs --count N or --until DATE"));
        }
    }
    const auto meetings =
        mt::schedule(ctx.store(store::Access::read_write), to_fields(opts.fields), series);
    for (const auto& m : meetings) {
        ctx.print(m.id + "\n");
    }
    const auto& first = meetings.front();
    ctx.info(meetings.size() == 1 ? msg("scheduled {} on {}", first.id,
                                        mt::format_local(first.starts_at, first.time_zone))
                                  : msg("scheduled {} meetings, {} to {} (series {})",
                                        meetings.size(), first.id, meetings.back().id, first.id));
    return 0;
}

struct EditOptions {
    std::string id;
    FieldOptions fields;
};

int run_edit(Context& ctx, const EditOptions& opts) {
    const auto changed =
        mt::edit(ctx.store(store::Access::read_write), opts.id, to_fields(opts.fields));
    ctx.info(changed.empty() ? msg("{}: nothing to change", opts.id) : msg("updated {}", opts.id));
    return 0;
}

// ---- list, ics: which meetings ----

struct FilterOptions {
    std::optional<std::string> kind, body, from, to;
};

void add_filter_options(CLI::App* cmd, FilterOptions& f) {
    cmd->add_option("--kind", f.kind, "Only meetings of this kind");
    cmd->add_option("--body", f.body,
                    "Only meetings of this body (committee, all_members, working_group:KEY)");
    cmd->add_option("--from", f.from, "Only meetings on or after this date")->type_name("DATE");
    cmd->add_option("--to", f.to, "Only meetings on or before this date")->type_name("DATE");
}

// The filter of list and ics: dates are local to the alliance's time zone.
mt::MeetingFilter make_filter(Context& ctx, const FilterOptions& f) {
    mt::MeetingFilter filter;
    if (f.kind) {
        if (std::find(mt::k_kinds.begin(), mt::k_kinds.end(), *f.kind) == mt::k_kinds.end()) {
            throw UsageError(msg("--kind: \"{}\" is not a kind of meeting", *f.kind));
        }
        filter.kind = f.kind;
    }
    if (f.body) {
        const auto parsed = mt::Body::parse(*f.body);
        if (!parsed) {
            throw UsageError(
                msg("--body: \"{}\" is not a body (committee, all_members or working_group:KEY)",
                    *f.body));
        }
        filter.body = parsed->to_string();
    }
    const auto from = date_option(f.from, "--from");
    const auto to = date_option(f.to, "--to");
    const auto& tz = ctx.store().alliance().time_zone;
    if (from) {
        filter.from = mt::to_utc(mt::LocalDateTime{*from, 0, 0}, tz);
    }
    if (to) {
        filter.until = mt::to_utc(mt::LocalDateTime{add_days(*to, 1), 0, 0}, tz);
    }
    return filter;
}

output::Table meeting_table(const std::vector<mt::Meeting>& meetings) {
    output::Table table{
        {{"id", N_("ID")},
         {"start", N_("START")},
         {.key = "starts_at", .header = N_("UTC"), .align = Align::left, .priority = 10},
         {.key = "time_zone", .header = N_("ZONE"), .priority = 15},
         {.key = "kind", .header = N_("KIND"), .priority = 40, .min_width = 12},
         {.key = "body", .header = N_("BODY"), .priority = 30, .min_width = 10},
         {.key = "title", .header = N_("TITLE"), .min_width = 20},
         {.key = "status", .header = N_("STATUS"), .priority = 60, .label = output::Label::status},
         {.key = "format", .header = N_("FORMAT"), .priority = 20},
         {.key = "series_id", .header = N_("SERIES"), .priority = 5}},
        {}};
    for (const auto& m : meetings) {
        table.add_row({m.id, mt::format_local(m.starts_at, m.time_zone),
                       format_timestamp(m.starts_at), m.time_zone, m.kind, m.body, m.title,
                       mt::status_name(m.status), mt::format_name(m.format),
                       opt_cell(m.series_id)});
    }
    return table;
}

struct ListOptions {
    FilterOptions filter;
    bool upcoming = false;
    bool past = false;
    std::optional<std::string> status;
};

int run_list(Context& ctx, const ListOptions& opts) {
    auto filter = make_filter(ctx, opts.filter);
    if (opts.status) {
        filter.status = mt::parse_meeting_status(*opts.status);
    }
    const auto t = now();
    if (opts.upcoming && (!filter.from || *filter.from < t)) {
        filter.from = t;
    }
    if (opts.past) {
        filter.until = filter.until && *filter.until < t ? filter.until : std::optional<Seconds>(t);
        filter.newest_first = true;
    }
    ctx.print_table(meeting_table(mt::list_meetings(ctx.store(), filter)));
    return 0;
}

struct IcsOptions {
    FilterOptions filter;
    std::string output = "-";
};

int run_ics(Context& ctx, const IcsOptions& opts) {
    auto& store = ctx.store();
    const auto meetings = mt::list_meetings(store, make_filter(ctx, opts.filter));
    files::write_file_atomic(opts.output, mt::to_icalendar(store, meetings),
                             files::Privacy::owner_only);
    if (opts.output != "-") {
        ctx.info(msg("wrote {} meetings to {}", meetings.size(), opts.output));
    }
    return 0;
}

// ---- show ----

std::vector<std::string> agenda_lines(const std::vector<mt::AgendaItem>& agenda) {
    std::vector<std::string> out;
    out.reserve(agenda.size());
    for (const auto& a : agenda) {
        out.push_back(fmt::format("{}. {}{}", a.position, a.title,
                                  a.presenter ? " (" + *a.presenter + ")" : ""));
    }
    return out;
}

// "who: attendance [by whom]", for the invitees of one role.
std::vector<std::string> attendance_lines(const std::vector<mt::Invitee>& invitees,
                                          mt::InviteeRole role) {
    std::vector<std::string> out;
    for (const auto& i : invitees) {
        if (i.role != role) {
            continue;
        }
        auto line =
            i.name() + ": " + (i.attendance ? mt::attendance_name(*i.attendance) : "not recorded");
        if (i.represented_by) {
            line += " by " + *i.represented_by;
        }
        out.push_back(std::move(line));
    }
    return out;
}

// "N. text [for F, against A, abstain B]: outcome (without quorum); activity A1; actions ...".
std::vector<std::string> decision_lines(const std::vector<mt::Decision>& decisions) {
    std::vector<std::string> out;
    for (const auto& d : decisions) {
        std::string tally;
        if (d.tally.any()) {
            tally =
                fmt::format(" [for {}, against {}, abstain {}]", d.tally.votes_for.value_or(0),
                            d.tally.votes_against.value_or(0), d.tally.votes_abstain.value_or(0));
        }
        std::string links;
        if (d.activity) {
            links += "; activity " + *d.activity;
        }
        if (!d.action_items.empty()) {
            links += "; action items " + text::join(d.action_items, ", ");
        }
        out.push_back(fmt::format("{}. {}{}: {}{}{}", d.number, d.text, tally,
                                  mt::outcome_name(d.outcome),
                                  d.quorum.met ? "" : " (without quorum)", links));
    }
    return out;
}

std::vector<std::string> history_lines(const std::vector<mt::StatusChange>& history) {
    std::vector<std::string> out;
    out.reserve(history.size());
    for (const auto& h : history) {
        out.push_back(fmt::format("{} {}{}", h.at, mt::status_name(h.status),
                                  h.reason ? ": " + *h.reason : ""));
    }
    return out;
}

std::vector<std::string> carried_lines(const std::vector<mt::ActionItem>& carried) {
    std::vector<std::string> out;
    out.reserve(carried.size());
    for (const auto& a : carried) {
        out.push_back(fmt::format("{} {}", a.id, a.title));
    }
    return out;
}

output::Table record_table(const mt::MeetingRecord& r) {
    const auto& m = r.meeting;
    output::Table table{{{"id", N_("ID")},
                         {"title", N_("Title")},
                         {"kind", N_("Kind")},
                         {"body", N_("Body")},
                         {"status", N_("Status")},
                         {"start", N_("Start")},
                         {"starts_at", N_("Start (UTC)")},
                         {"time_zone", N_("Time zone")},
                         {"duration_minutes", N_("Duration (minutes)")},
                         {"place", N_("Place")},
                         {"online_link", N_("Online")},
                         {"format", N_("Format")},
                         {"language", N_("Language")},
                         {"series_id", N_("Series")},
                         {"uid", N_("UID")},
                         {"sequence", N_("Sequence")},
                         {"agenda", N_("Agenda")},
                         {"open_action_items", N_("Open action items")},
                         {"attendance", N_("Attendance")},
                         {"observers", N_("Observers")},
                         {"guests", N_("Guests")},
                         {"quorum_fraction", N_("Quorum fraction")},
                         {"voting_invited", N_("Voting invited")},
                         {"voting_present", N_("Voting present")},
                         {"quorum_required", N_("Quorum needed")},
                         {"quorum_met", N_("Quorum met")},
                         {"minutes", N_("Minutes")},
                         {"minutes_file", N_("Minutes file")},
                         {"decisions", N_("Decisions")},
                         {"history", N_("History")}},
                        {}};
    table.add_row({m.id,
                   m.title,
                   m.kind,
                   m.body,
                   mt::status_name(m.status),
                   mt::format_local(m.starts_at, m.time_zone),
                   format_timestamp(m.starts_at),
                   m.time_zone,
                   static_cast<std::int64_t>(m.duration_minutes),
                   opt_cell(m.place),
                   opt_cell(m.online_link),
                   mt::format_name(m.format),
                   opt_cell(m.language),
                   opt_cell(m.series_id),
                   m.uid,
                   static_cast<std::int64_t>(m.sequence),
                   agenda_lines(r.agenda),
                   carried_lines(r.carried),
                   attendance_lines(r.invitees, mt::InviteeRole::voting),
                   attendance_lines(r.invitees, mt::InviteeRole::observer),
                   attendance_lines(r.invitees, mt::InviteeRole::guest),
                   r.quorum.fraction,
                   static_cast<std::int64_t>(r.quorum.voting_invited),
                   static_cast<std::int64_t>(r.quorum.voting_present),
                   static_cast<std::int64_t>(r.quorum.required),
                   r.quorum.met,
                   opt_cell(m.minutes),
                   opt_cell(m.minutes_file),
                   decision_lines(r.decisions),
                   history_lines(r.history)});
    return table;
}

int run_show(Context& ctx, const std::string& id) {
    ctx.print_record(record_table(mt::meeting_record(ctx.store(), id)));
    return 0;
}

// ---- cancel, postpone ----

struct CancelOptions {
    std::string id;
    std::string reason;
    std::optional<std::string> to;  // postpone only
};

int run_cancel(Context& ctx, const CancelOptions& opts) {
    mt::cancel(ctx.store(store::Access::read_write), opts.id, opts.reason);
    ctx.info(msg("cancelled {}", opts.id));
    return 0;
}

int run_postpone(Context& ctx, const CancelOptions& opts) {
    check_date_time_option(opts.to, "--to");
    const auto m =
        mt::postpone(ctx.store(store::Access::read_write), opts.id, opts.reason, opts.to);
    ctx.info(opts.to ? msg("moved {} to {}", opts.id, mt::format_local(m.starts_at, m.time_zone))
                     : msg("postponed {}", opts.id));
    return 0;
}

// ---- agenda ----

struct AgendaOptions {
    std::string id;
    std::string title;  // add
    std::optional<std::string> presenter, link;
    std::optional<int> at;
    int from = 0;  // move
    int to = 0;
    int position = 0;                              // remove, edit, delete
    std::optional<std::string> new_title, reason;  // edit, delete
};

int run_agenda_add(Context& ctx, const AgendaOptions& opts) {
    const int at = workflows::add_agenda_item(ctx.store(store::Access::read_write), opts.id,
                                              opts.title, opts.presenter, opts.link, opts.at);
    ctx.info(msg("added agenda item {} to {}", at, opts.id));
    return 0;
}

int run_agenda_list(Context& ctx, const AgendaOptions& opts) {
    const auto record = mt::meeting_record(ctx.store(), opts.id);
    output::Table table{{{"position", "#", Align::right},
                         {"item", N_("ITEM")},
                         {"title", N_("TITLE")},
                         {"presenter", N_("PRESENTER/OWNER")},
                         {"link", N_("LINK")},
                         {"due", N_("DUE")},
                         {"from_meeting", N_("FROM")}},
                        {}};
    int position = 0;
    for (const auto& a : record.agenda) {
        position = a.position;
        table.add_row({static_cast<std::int64_t>(a.position), "agenda_item", a.title,
                       opt_cell(a.presenter), opt_cell(a.link), Cell{}, Cell{}});
    }
    for (const auto& a : record.carried) {
        table.add_row({static_cast<std::int64_t>(++position), a.id, "Follow-up: " + a.title,
                       a.owner().empty() ? Cell{} : Cell{a.owner()}, Cell{}, opt_cell(a.due),
                       opt_cell(a.meeting_id)});
    }
    ctx.print_table(table);
    return 0;
}

int run_agenda_move(Context& ctx, const AgendaOptions& opts) {
    mt::agenda_move(ctx.store(store::Access::read_write), opts.id, opts.from, opts.to);
    ctx.info(msg("moved agenda item {} of {} to {}", opts.from, opts.id, opts.to));
    return 0;
}

int run_agenda_remove(Context& ctx, const AgendaOptions& opts) {
    mt::agenda_remove(ctx.store(store::Access::read_write), opts.id, opts.position);
    ctx.info(msg("removed agenda item {} of {}", opts.position, opts.id));
    return 0;
}

// ---- invitees, attend, held ----

struct InviteesOptions {
    std::string id;
    mt::InviteeChanges changes;
};

int run_invitees(Context& ctx, const InviteesOptions& opts) {
    const auto& c = opts.changes;
    if (c.refresh || !c.add.empty() || !c.remove.empty() || !c.guests.empty() ||
        !c.observers.empty()) {
        const auto q = mt::change_invitees(ctx.store(store::Access::read_write), opts.id, c);
        ctx.info(msg("{}: {} voting invitees", opts.id, q.voting_invited));
        return 0;
    }
    output::Table table{{{"who", N_("WHO")},
                         {"role", N_("ROLE")},
                         {"source", N_("SOURCE")},
                         {"attendance", N_("ATTENDANCE")},
                         {"represented_by", N_("REPRESENTED BY")}},
                        {}};
    for (const auto& i : mt::invitees(ctx.store(), opts.id)) {
        table.add_row({i.name(), mt::role_name(i.role), mt::source_name(i.source),
                       i.attendance ? Cell{mt::attendance_name(*i.attendance)} : Cell{},
                       opt_cell(i.represented_by)});
    }
    ctx.print_table(table);
    return 0;
}

struct AttendOptions {
    std::string id;
    std::vector<std::string> who;
    std::string status;
    std::optional<std::string> by;
};

int run_attend(Context& ctx, const AttendOptions& opts) {
    const auto q = mt::attend(ctx.store(store::Access::read_write), opts.id, opts.who,
                              *mt::parse_attendance(opts.status), opts.by);
    ctx.info(msg("{}: {}", opts.id, quorum_text(q)));
    return 0;
}

struct HeldOptions {
    std::string id;
    bool force = false;
};

int run_held(Context& ctx, const HeldOptions& opts) {
    const auto q = mt::mark_held(ctx.store(store::Access::read_write), opts.id,
                                 opts.force ? mt::Force::yes : mt::Force::no);
    ctx.info(msg("{} held: {}", opts.id, quorum_text(q)));
    return 0;
}

// ---- minutes, decide ----

struct MinutesOptions {
    std::string id;
    std::optional<std::string> file, text;
};

int run_minutes(Context& ctx, const MinutesOptions& opts) {
    std::string text;
    std::optional<std::string> file_name;
    if (opts.file) {
        text = files::read_text_file(*opts.file);
        file_name = *opts.file == "-" ? std::string("-")
                                      : std::filesystem::path(*opts.file).filename().string();
    } else if (opts.text) {
        text = *opts.text;
    } else {
        throw UsageError(msg("minutes needs --file FILE or --text TEXT"));
    }
    mt::record_minutes(ctx.store(store::Access::read_write), opts.id, text, file_name);
    ctx.info(msg("recorded the minutes of {}", opts.id));
    return 0;
}

struct DecideOptions {
    std::string id;
    std::string text;
    mt::Tally tally;
    std::optional<std::string> outcome, activity;
};

int run_decide(Context& ctx, const DecideOptions& opts) {
    const mt::DecisionLinks links{
        .outcome = opts.outcome ? mt::parse_outcome(*opts.outcome) : std::nullopt,
        .activity = opts.activity};
    const auto d = workflows::record_decision(ctx.store(store::Access::read_write), opts.id,
                                              opts.text, opts.tally, links);
    ctx.print(fmt::format("{}#{}\n", d.meeting_id, d.number));
    if (d.quorum.met) {
        ctx.info(msg("recorded decision {} of {}: {}", d.number, d.meeting_id,
                     mt::outcome_name(d.outcome)));
    } else {
        ctx.warn(msg("decision {} of {} recorded without quorum ({})", d.number, d.meeting_id,
                     quorum_text(d.quorum)));
    }
    return 0;
}

// ---- action items ----

struct ActionOptions {
    std::string id;     // done, drop
    std::string title;  // add
    std::optional<std::string> meeting, body, owner, due, decision;
    std::optional<std::string> note;  // done --note, drop --reason
    std::string status = "open";      // list
    bool overdue = false;
};

int run_action_add(Context& ctx, const ActionOptions& opts) {
    const mt::NewActionItem item{.title = opts.title,
                                 .meeting_id = opts.meeting,
                                 .body = opts.body,
                                 .owner = opts.owner,
                                 .due = date_option(opts.due, "--due"),
                                 .decision = opts.decision};
    const auto id = mt::action_add(ctx.store(store::Access::read_write), item);
    ctx.print(id + "\n");
    ctx.info(msg("added action item {}", id));
    return 0;
}

output::Table action_table(const std::vector<mt::ActionItem>& items, Date as_of) {
    output::Table table{{{"id", N_("ID")},
                         {"title", N_("TITLE")},
                         {"owner", N_("OWNER")},
                         {"due", N_("DUE")},
                         {"status", N_("STATUS")},
                         {"overdue", N_("OVERDUE")},
                         {"meeting_id", N_("MEETING")},
                         {"body", N_("BODY")},
                         {"opened_on", N_("OPENED")},
                         {"closed_on", N_("CLOSED")},
                         {"note", N_("NOTE")},
                         {"decision", N_("DECISION")}},
                        {}};
    for (const auto& a : items) {
        const auto decision = a.decision && a.meeting_id
                                  ? Cell{fmt::format("{}#{}", *a.meeting_id, *a.decision)}
                                  : Cell{};
        table.add_row({a.id, a.title, a.owner().empty() ? Cell{} : Cell{a.owner()}, opt_cell(a.due),
                       mt::status_name(a.status), a.overdue(as_of), opt_cell(a.meeting_id),
                       opt_cell(a.body), format_date(a.opened_on), opt_cell(a.closed_on),
                       opt_cell(a.note), decision});
    }
    return table;
}

int run_action_list(Context& ctx, const ActionOptions& opts) {
    auto& store = ctx.store();
    const Date as_of = store.today();
    mt::ActionFilter filter;
    filter.status = mt::parse_action_status(opts.status);  // nullopt for "all"
    filter.owner = opts.owner;
    filter.meeting_id = opts.meeting;
    if (opts.overdue) {
        filter.overdue_as_of = as_of;
    }
    ctx.print_table(action_table(mt::list_action_items(store, filter), as_of));
    return 0;
}

int run_action_close(Context& ctx, const ActionOptions& opts, mt::ActionStatus status) {
    mt::action_close(ctx.store(store::Access::read_write), opts.id, status, opts.note);
    ctx.info(status == mt::ActionStatus::dropped ? msg("{} dropped", opts.id)
                                                 : msg("{} done", opts.id));
    return 0;
}

// ---- corrections: decision, action, agenda and attendance edit and delete ----

mt::DecisionRef decision_ref(const std::string& typed) {
    if (auto ref = mt::parse_decision_ref(typed)) {
        return *ref;
    }
    throw UsageError(msg("\"{}\" is not a decision (MEETING#N, as `meeting decide` prints)",
                         text::escape_control(typed)));
}

struct DecisionOptions {
    std::string ref;  // edit, delete; the meeting for list
    std::optional<std::string> text, outcome, activity, reason;
    mt::Tally tally;
};

int run_decision_list(Context& ctx, const DecisionOptions& opts) {
    auto& store = ctx.store();
    (void)mt::get_meeting(store, opts.ref);
    output::Table table{{{"decision", N_("DECISION")},
                         {"number", "#", Align::right},
                         {"text", N_("TEXT")},
                         {"votes_for", N_("FOR"), Align::right},
                         {"votes_against", N_("AGAINST"), Align::right},
                         {"votes_abstain", N_("ABSTAIN"), Align::right},
                         {"outcome", N_("OUTCOME")},
                         {"outcome_set", N_("SET")},
                         {"quorum_met", N_("QUORUM")},
                         {"activity", N_("ACTIVITY")},
                         {"action_items", N_("ACTION ITEMS")},
                         {"recorded_at", N_("RECORDED")}},
                        {}};
    auto count = [](const std::optional<int>& v) {
        return v ? Cell{static_cast<std::int64_t>(*v)} : Cell{};
    };
    for (const auto& d : mt::decisions(store, opts.ref)) {
        table.add_row({d.ref(), static_cast<std::int64_t>(d.number), d.text,
                       count(d.tally.votes_for), count(d.tally.votes_against),
                       count(d.tally.votes_abstain), mt::outcome_name(d.outcome),
                       d.outcome_set.has_value(), d.quorum.met, opt_cell(d.activity),
                       d.action_items, d.recorded_at});
    }
    ctx.print_table(table);
    return 0;
}

int run_decision_edit(Context& ctx, const DecisionOptions& opts) {
    mt::DecisionChanges changes{.text = opts.text, .tally = opts.tally, .activity = opts.activity};
    if (opts.outcome) {
        changes.outcome = mt::parse_outcome(*opts.outcome);  // from_votes: nullopt inside
    }
    const auto ref = decision_ref(opts.ref);
    const auto changed =
        workflows::edit_decision(ctx.store(store::Access::read_write), ref, changes, opts.reason);
    ctx.info(changed.empty() ? msg("{}: nothing to change", opts.ref)
                             : msg("updated decision {}: {}", opts.ref, text::join(changed, ", ")));
    return 0;
}

int run_decision_delete(Context& ctx, const DecisionOptions& opts) {
    mt::decision_delete(ctx.store(store::Access::read_write), decision_ref(opts.ref),
                        opts.reason.value_or(""));
    ctx.info(msg("deleted decision {}", opts.ref));
    return 0;
}

struct ActionEditOptions {
    std::string id;
    std::optional<std::string> title, owner, due, body, decision, status, note, reason;
    bool no_due = false;
};

int run_action_edit(Context& ctx, const ActionEditOptions& opts) {
    const mt::ActionChanges changes{
        .title = opts.title,
        .owner = opts.owner,
        .due = date_option(opts.due, "--due"),
        .clear_due = opts.no_due,
        .body = opts.body,
        .decision = opts.decision,
        .status = opts.status ? mt::parse_action_status(*opts.status) : std::nullopt,
        .note = opts.note};
    const auto changed =
        mt::action_edit(ctx.store(store::Access::read_write), opts.id, changes, opts.reason);
    ctx.info(changed.empty() ? msg("{}: nothing to change", opts.id)
                             : msg("updated {}: {}", opts.id, text::join(changed, ", ")));
    return 0;
}

int run_action_delete(Context& ctx, const ActionEditOptions& opts) {
    mt::action_delete(ctx.store(store::Access::read_write), opts.id, opts.reason.value_or(""));
    ctx.info(msg("deleted action item {}", opts.id));
    return 0;
}

int run_agenda_edit(Context& ctx, const AgendaOptions& opts) {
    const mt::AgendaChanges changes{
        .title = opts.new_title, .presenter = opts.presenter, .link = opts.link};
    const auto changed = workflows::edit_agenda_item(ctx.store(store::Access::read_write), opts.id,
                                                     opts.position, changes, opts.reason);
    ctx.info(changed.empty() ? msg("{}: agenda item {}: nothing to change", opts.id, opts.position)
                             : msg("updated agenda item {} of {}: {}", opts.position, opts.id,
                                   text::join(changed, ", ")));
    return 0;
}

int run_agenda_delete(Context& ctx, const AgendaOptions& opts) {
    mt::agenda_delete(ctx.store(store::Access::read_write), opts.id, opts.position,
                      opts.reason.value_or(""));
    ctx.info(msg("deleted agenda item {} of {}", opts.position, opts.id));
    return 0;
}

struct AttendanceOptions {
    std::string id;
    std::string who;
    std::optional<std::string> status, by, reason;
};

int run_attendance_edit(Context& ctx, const AttendanceOptions& opts) {
    const auto changed = mt::attendance_edit(
        ctx.store(store::Access::read_write), opts.id, opts.who,
        opts.status ? mt::parse_attendance(*opts.status) : std::nullopt, opts.by, opts.reason);
    ctx.info(changed.empty() ? msg("{}: attendance of {}: nothing to change", opts.id, opts.who)
                             : msg("{}: corrected the attendance of {}: {}", opts.id, opts.who,
                                   text::join(changed, ", ")));
    return 0;
}

int run_attendance_delete(Context& ctx, const AttendanceOptions& opts) {
    mt::attendance_delete(ctx.store(store::Access::read_write), opts.id, opts.who,
                          opts.reason.value_or(""));
    ctx.info(msg("{}: deleted the attendance of {}", opts.id, opts.who));
    return 0;
}

// ---- check ----

struct CheckOptions {
    std::optional<std::string> as_of;
    std::optional<std::string> since;
    bool all = false;
};

int run_check(Context& ctx, const CheckOptions& opts) {
    auto& store = ctx.store();
    const Date date = date_option(opts.as_of, "--as-of").value_or(store.today());
    const Date since = date_option(opts.since, "--since").value_or(Date{});
    return print_check(ctx, "meeting", mt::check(store, date, since), opts.all);
}

// ---- registering the subcommands ----

void register_schedule(CLI::App* meeting, Context& ctx) {
    auto opts = std::make_shared<ScheduleOptions>();
    auto* cmd = meeting->add_subcommand("schedule", "Schedule a meeting, or a series of meetings");
    add_field_options(cmd, opts->fields, ForEdit::no);
    auto* repeat = cmd->add_option("--repeat", opts->repeat, "Repeat weekly, monthly or quarterly")
                       ->check(CLI::IsMember({"weekly", "monthly", "quarterly"}));
    auto* count = cmd->add_option("--count", opts->count, "How many meetings in the series")
                      ->check(whole_number(1, 520))
                      ->needs(repeat);
    count->excludes(cmd->add_option("--until", opts->until, "Last date of the series")
                        ->type_name("DATE")
                        ->needs(repeat));
    cmd->add_option("--weekday", opts->weekday,
                    "Monthly or quarterly on a weekday of the month: 2tue = 2nd Tuesday, -1fri = "
                    "last Friday (RFC 5545 BYDAY)")
        ->type_name("NDAY")
        ->needs(repeat);
    ctx.on_run(cmd, [&ctx, opts] { return run_schedule(ctx, *opts); });
}

void register_list_show_edit(CLI::App* meeting, Context& ctx) {
    auto list_opts = std::make_shared<ListOptions>();
    auto* list =
        meeting->add_subcommand("list", "List meetings, oldest first (--past: newest first)");
    auto* upcoming =
        list->add_flag("--upcoming", list_opts->upcoming, "Only meetings that have not started");
    list->add_flag("--past", list_opts->past, "Only meetings that have started")
        ->excludes(upcoming);
    add_filter_options(list, list_opts->filter);
    list->add_option("--status", list_opts->status, "Only meetings with this status")
        ->check(CLI::IsMember(mt::k_meeting_statuses));
    ctx.on_run(list, [&ctx, list_opts] { return run_list(ctx, *list_opts); });

    auto id = std::make_shared<std::string>();
    auto* show = meeting->add_subcommand(
        "show", "Show a meeting: details, agenda, attendance, quorum, minutes, decisions");
    show->add_option("id", *id, "The meeting")->required();
    ctx.on_run(show, [&ctx, id] { return run_show(ctx, *id); });

    auto edit_opts = std::make_shared<EditOptions>();
    auto* edit = meeting->add_subcommand(
        "edit", "Change a meeting's details (a new start re-derives the invitees)");
    edit->add_option("id", edit_opts->id, "The meeting")->required();
    add_field_options(edit, edit_opts->fields, ForEdit::yes);
    ctx.on_run(edit, [&ctx, edit_opts] { return run_edit(ctx, *edit_opts); });
}

void register_cancel_postpone(CLI::App* meeting, Context& ctx) {
    auto cancel_opts = std::make_shared<CancelOptions>();
    auto* cancel = meeting->add_subcommand("cancel", "Cancel a meeting (kept, with the reason)");
    cancel->add_option("id", cancel_opts->id, "The meeting")->required();
    cancel->add_option("--reason", cancel_opts->reason, "Why it is cancelled")->required();
    ctx.on_run(cancel, [&ctx, cancel_opts] { return run_cancel(ctx, *cancel_opts); });

    auto opts = std::make_shared<CancelOptions>();
    auto* postpone = meeting->add_subcommand(
        "postpone", "Postpone a meeting, to a date not yet known or --to a new start");
    postpone->add_option("id", opts->id, "The meeting")->required();
    postpone->add_option("--reason", opts->reason, "Why it is postponed")->required();
    postpone->add_option("--to", opts->to, "New local start: \"YYYY-MM-DD HH:MM\"")
        ->type_name("DATETIME");
    ctx.on_run(postpone, [&ctx, opts] { return run_postpone(ctx, *opts); });
}

void register_agenda(CLI::App* meeting, Context& ctx) {
    auto opts = std::make_shared<AgendaOptions>();
    auto* agenda = meeting->add_subcommand("agenda", "Show or change a meeting's agenda");
    agenda->add_option("id", opts->id, "The meeting")->required();
    agenda->require_subcommand(1);

    auto* add = agenda->add_subcommand("add", "Add an item (at the end, or --at a position)");
    add->add_option("title", opts->title, "The item")->required();
    add->add_option("--presenter", opts->presenter, "Who presents it");
    add->add_option("--link", opts->link, "A plan activity or VPI priority it concerns")
        ->type_name("ID");
    add->add_option("--at", opts->at, "Position (1 = first)")->type_name("N");
    ctx.on_run(add, [&ctx, opts] { return run_agenda_add(ctx, *opts); });

    auto* list =
        agenda->add_subcommand("list", "The agenda, then the open action items carried forward");
    ctx.on_run(list, [&ctx, opts] { return run_agenda_list(ctx, *opts); });

    auto* move = agenda->add_subcommand("move", "Move an item to another position");
    move->add_option("from", opts->from, "Its position now")->required();
    move->add_option("to", opts->to, "Its new position")->required();
    ctx.on_run(move, [&ctx, opts] { return run_agenda_move(ctx, *opts); });

    auto* remove = agenda->add_subcommand("remove", "Remove an item (the ones after it move up)");
    remove->add_option("position", opts->position, "Its position")->required();
    ctx.on_run(remove, [&ctx, opts] { return run_agenda_remove(ctx, *opts); });

    auto* edit = agenda->add_subcommand("edit", "Correct an item (only the fields given)");
    edit->add_option("position", opts->position, "Its position")->required();
    edit->add_option("--title", opts->new_title, "The item");
    edit->add_option("--presenter", opts->presenter, "Who presents it (\"\" for no one)");
    edit->add_option("--link", opts->link, "A plan activity or VPI priority (\"\" for none)")
        ->type_name("ID");
    edit->add_option("--reason", opts->reason, "Why it is corrected (in the audit log)")
        ->type_name("TEXT");
    ctx.on_run(edit, [&ctx, opts] { return run_agenda_edit(ctx, *opts); });

    auto* del = agenda->add_subcommand("delete", "Delete an item, with the reason");
    del->add_option("position", opts->position, "Its position")->required();
    del->add_option("--reason", opts->reason, "Why it is deleted (in the audit log)")
        ->required()
        ->type_name("TEXT");
    ctx.on_destructive_run(del, [&ctx, opts] { return run_agenda_delete(ctx, *opts); });
}

void register_attendance(CLI::App* meeting, Context& ctx) {
    auto opts = std::make_shared<AttendanceOptions>();
    auto* attendance =
        meeting->add_subcommand("attendance", "Correct or delete attendance already recorded");
    attendance->add_option("id", opts->id, "The meeting")->required();
    attendance->require_subcommand(1);

    auto* edit = attendance->add_subcommand("edit", "Correct an invitee's attendance");
    edit->add_option("who", opts->who, "The member (id, name or acronym) or person")->required();
    edit->add_option("--status", opts->status, "present, excused, absent or represented")
        ->check(CLI::IsMember(mt::k_attendance));
    edit->add_option("--by", opts->by, "Who represented them (with represented)");
    edit->add_option("--reason", opts->reason, "Why it is corrected (in the audit log)")
        ->type_name("TEXT");
    ctx.on_run(edit, [&ctx, opts] { return run_attendance_edit(ctx, *opts); });

    auto* del = attendance->add_subcommand("delete", "Delete an invitee's attendance");
    del->add_option("who", opts->who, "The member (id, name or acronym) or person")->required();
    del->add_option("--reason", opts->reason, "Why it is deleted (in the audit log)")
        ->required()
        ->type_name("TEXT");
    ctx.on_destructive_run(del, [&ctx, opts] { return run_attendance_delete(ctx, *opts); });
}

void register_invitees_attend_held(CLI::App* meeting, Context& ctx) {
    auto opts = std::make_shared<InviteesOptions>();
    auto* invitees = meeting->add_subcommand(
        "invitees", "List or adjust who is invited (derived from the body)");
    invitees->add_option("id", opts->id, "The meeting")->required();
    invitees->add_option("--add", opts->changes.add, "Invite a member (voting)")
        ->type_name("MEMBER");
    invitees->add_option("--guest", opts->changes.guests, "Invite a guest by name (counted apart)")
        ->type_name("NAME");
    invitees
        ->add_option("--observer", opts->changes.observers,
                     "Invite an observer by name (counted apart)")
        ->type_name("NAME");
    invitees->add_option("--remove", opts->changes.remove, "Uninvite a member or person")
        ->type_name("WHO");
    invitees->add_flag("--refresh", opts->changes.refresh,
                       "Re-derive the invitees from the body at the meeting date");
    ctx.on_run(invitees, [&ctx, opts] { return run_invitees(ctx, *opts); });

    auto attend_opts = std::make_shared<AttendOptions>();
    auto* attend = meeting->add_subcommand(
        "attend", "Record attendance: present, excused, absent or represented --by");
    attend->add_option("id", attend_opts->id, "The meeting")->required();
    attend->add_option("who", attend_opts->who, "Members (ids) or people (names) invited")
        ->required();
    attend->add_option("--status", attend_opts->status, "present, excused, absent or represented")
        ->required()
        ->check(CLI::IsMember(mt::k_attendance));
    attend->add_option("--by", attend_opts->by, "Who represented them (with --status represented)");
    ctx.on_run(attend, [&ctx, attend_opts] { return run_attend(ctx, *attend_opts); });

    auto held_opts = std::make_shared<HeldOptions>();
    auto* held =
        meeting->add_subcommand("held", "Mark a meeting held (needs attendance unless --force)");
    held->add_option("id", held_opts->id, "The meeting")->required();
    held->add_flag("--force", held_opts->force, "Mark it held even with no attendance recorded");
    ctx.on_run(held, [&ctx, held_opts] { return run_held(ctx, *held_opts); });
}

void register_minutes_decide(CLI::App* meeting, Context& ctx) {
    auto minutes_opts = std::make_shared<MinutesOptions>();
    auto* minutes =
        meeting->add_subcommand("minutes", "Record a meeting's minutes, from a file or as text");
    minutes->add_option("id", minutes_opts->id, "The meeting")->required();
    auto* file =
        minutes
            ->add_option("--file", minutes_opts->file, "Read the minutes from a file (- for stdin)")
            ->type_name("FILE");
    file->excludes(minutes->add_option("--text", minutes_opts->text, "The minutes as text"));
    ctx.on_run(minutes, [&ctx, minutes_opts] { return run_minutes(ctx, *minutes_opts); });

    auto opts = std::make_shared<DecideOptions>();
    auto* decide = meeting->add_subcommand(
        "decide", "Record a decision (numbered within the meeting) with its vote");
    decide->add_option("id", opts->id, "The meeting")->required();
    decide->add_option("text", opts->text, "What was decided")->required();
    decide->add_option("--for", opts->tally.votes_for, "Votes for")
        ->check(whole_number(0))
        ->type_name("N");
    decide->add_option("--against", opts->tally.votes_against, "Votes against")
        ->check(whole_number(0))
        ->type_name("N");
    decide->add_option("--abstain", opts->tally.votes_abstain, "Abstentions")
        ->check(whole_number(0))
        ->type_name("N");
    decide
        ->add_option("--outcome", opts->outcome,
                     "adopted, rejected or deferred (default: from the votes)")
        ->check(CLI::IsMember(mt::k_decision_outcomes));
    decide->add_option("--activity", opts->activity, "The plan activity it gives rise to")
        ->type_name("ID");
    ctx.on_run(decide, [&ctx, opts] { return run_decide(ctx, *opts); });
}

void register_decision(CLI::App* meeting, Context& ctx) {
    auto* decision = meeting->add_subcommand("decision", "Decisions: list, edit, delete");
    decision->require_subcommand(1);

    auto list_opts = std::make_shared<DecisionOptions>();
    auto* list = decision->add_subcommand(
        "list", "A meeting's decisions: votes, outcome, quorum, what they gave rise to");
    list->add_option("meeting", list_opts->ref, "The meeting")->required();
    ctx.on_run(list, [&ctx, list_opts] { return run_decision_list(ctx, *list_opts); });

    auto opts = std::make_shared<DecisionOptions>();
    auto* edit = decision->add_subcommand("edit", "Correct a decision (only the fields given)");
    edit->add_option("decision", opts->ref, "The decision: MEETING#N")->required();
    edit->add_option("--text", opts->text, "What was decided");
    edit->add_option("--for", opts->tally.votes_for, "Votes for")
        ->check(whole_number(0))
        ->type_name("N");
    edit->add_option("--against", opts->tally.votes_against, "Votes against")
        ->check(whole_number(0))
        ->type_name("N");
    edit->add_option("--abstain", opts->tally.votes_abstain, "Abstentions")
        ->check(whole_number(0))
        ->type_name("N");
    edit->add_option("--outcome", opts->outcome,
                     "adopted, rejected, deferred, or from_votes to derive it again")
        ->check(CLI::IsMember({"adopted", "rejected", "deferred", "from_votes"}));
    edit->add_option("--activity", opts->activity,
                     "The plan activity it gives rise to (\"\" for none)")
        ->type_name("ID");
    edit->add_option("--reason", opts->reason, "Why it is corrected (in the audit log)")
        ->type_name("TEXT");
    ctx.on_run(edit, [&ctx, opts] { return run_decision_edit(ctx, *opts); });

    auto del_opts = std::make_shared<DecisionOptions>();
    auto* del = decision->add_subcommand("delete", "Delete a decision, with the reason");
    del->add_option("decision", del_opts->ref, "The decision: MEETING#N")->required();
    del->add_option("--reason", del_opts->reason, "Why it is deleted (in the audit log)")
        ->required()
        ->type_name("TEXT");
    ctx.on_destructive_run(del, [&ctx, del_opts] { return run_decision_delete(ctx, *del_opts); });
}

void register_action_corrections(CLI::App* action, Context& ctx) {
    auto opts = std::make_shared<ActionEditOptions>();
    auto* edit = action->add_subcommand("edit", "Correct an action item (only the fields given)");
    edit->add_option("id", opts->id, "The action item")->required();
    edit->add_option("--title", opts->title, "What is to be done");
    edit->add_option("--owner", opts->owner, "Who does it: a member or a person (\"\" for no one)")
        ->type_name("WHO");
    auto* due = edit->add_option("--due", opts->due, "Due date")->type_name("DATE");
    edit->add_flag("--no-due", opts->no_due, "No due date")->excludes(due);
    edit->add_option("--body", opts->body, "Body whose next meeting carries it (\"\" for none)");
    edit->add_option("--decision", opts->decision,
                     "The decision it comes from: N, MEETING#N (\"\" for none)")
        ->type_name("DECISION");
    edit->add_option("--status", opts->status, "open, done or dropped (a status set by mistake)")
        ->check(CLI::IsMember(mt::k_action_statuses));
    edit->add_option("--note", opts->note, "Note (\"\" for none)");
    edit->add_option("--reason", opts->reason, "Why it is corrected (in the audit log)")
        ->type_name("TEXT");
    ctx.on_run(edit, [&ctx, opts] { return run_action_edit(ctx, *opts); });

    auto del_opts = std::make_shared<ActionEditOptions>();
    auto* del = action->add_subcommand("delete", "Delete an action item, with the reason");
    del->add_option("id", del_opts->id, "The action item")->required();
    del->add_option("--reason", del_opts->reason, "Why it is deleted (in the audit log)")
        ->required()
        ->type_name("TEXT");
    ctx.on_destructive_run(del, [&ctx, del_opts] { return run_action_delete(ctx, *del_opts); });
}

void register_action(CLI::App* meeting, Context& ctx) {
    auto* action =
        meeting->add_subcommand("action", "Action items: add, list, done, drop, edit, delete");
    action->require_subcommand(1);

    auto add_opts = std::make_shared<ActionOptions>();
    auto* add = action->add_subcommand("add", "Add an action item, from a meeting or standalone");
    add->add_option("title", add_opts->title, "What is to be done")->required();
    add->add_option("--meeting", add_opts->meeting, "The meeting it comes from")->type_name("ID");
    add->add_option("--body", add_opts->body,
                    "Body whose next meeting carries it (default: the meeting's)");
    add->add_option("--owner", add_opts->owner,
                    "Who does it: a member (id, name or acronym) or a person")
        ->type_name("WHO");
    add->add_option("--due", add_opts->due, "Due date")->type_name("DATE");
    add->add_option("--decision", add_opts->decision,
                    "The decision it comes from: N (of --meeting) or MEETING#N")
        ->type_name("DECISION");
    ctx.on_run(add, [&ctx, add_opts] { return run_action_add(ctx, *add_opts); });

    auto list_opts = std::make_shared<ActionOptions>();
    auto* list = action->add_subcommand("list", "List action items (open ones unless --status)");
    list->add_option("--status", list_opts->status, "open, done, dropped or all")
        ->check(CLI::IsMember({"open", "done", "dropped", "all"}));
    list->add_flag("--overdue", list_opts->overdue, "Only open items past their due date");
    list->add_option("--owner", list_opts->owner, "Only items of this owner");
    list->add_option("--meeting", list_opts->meeting, "Only items from this meeting");
    ctx.on_run(list, [&ctx, list_opts] { return run_action_list(ctx, *list_opts); });

    auto done_opts = std::make_shared<ActionOptions>();
    auto* done = action->add_subcommand("done", "Mark an open action item done");
    done->add_option("id", done_opts->id, "The action item")->required();
    done->add_option("--note", done_opts->note, "How it was done");
    ctx.on_run(done, [&ctx, done_opts] {
        return run_action_close(ctx, *done_opts, mt::ActionStatus::done);
    });

    auto drop_opts = std::make_shared<ActionOptions>();
    auto* drop = action->add_subcommand("drop", "Drop an open action item, with the reason");
    drop->add_option("id", drop_opts->id, "The action item")->required();
    drop->add_option("--reason", drop_opts->note, "Why it is dropped")->required();
    ctx.on_run(drop, [&ctx, drop_opts] {
        return run_action_close(ctx, *drop_opts, mt::ActionStatus::dropped);
    });
    register_action_corrections(action, ctx);
}

void register_ics_check(CLI::App* meeting, Context& ctx) {
    auto opts = std::make_shared<IcsOptions>();
    auto* ics = meeting->add_subcommand("ics", "Write an iCalendar (.ics) file of the meetings");
    add_filter_options(ics, opts->filter);
    ics->add_option("-o,--output", opts->output, "Where to write it (default: standard output)")
        ->type_name("FILE");
    ctx.on_document_run(ics, "iCalendar (RFC 5545)", [&ctx, opts] { return run_ics(ctx, *opts); });

    auto check_opts = std::make_shared<CheckOptions>();
    auto* check = meeting->add_subcommand(
        "check", "Check consultations, committee cadence, records, quorum, action items");
    check->add_option("--as-of", check_opts->as_of, "Check as on this date (default: today)")
        ->type_name("DATE");
    check
        ->add_option("--since", check_opts->since,
                     "Only quarters, meetings and items from this date on (default: all)")
        ->type_name("DATE");
    add_acknowledgements(check, ctx, "meeting", check_opts->all,
                         [](store::Store& store) { return mt::check(store, store.today()); });
    ctx.on_run(check, [&ctx, check_opts] { return run_check(ctx, *check_opts); });
}

}  // namespace

void register_meeting(CLI::App* meeting, Context& ctx) {
    meeting->require_subcommand(1);
    // Each part only when the command line may run one of its subcommands (Context::builds).
    ctx.build_parts<CLI::App*>(meeting, {{"schedule", register_schedule},
                                         {"list show edit", register_list_show_edit},
                                         {"cancel postpone", register_cancel_postpone},
                                         {"agenda", register_agenda},
                                         {"invitees attend held", register_invitees_attend_held},
                                         {"attendance", register_attendance},
                                         {"minutes decide", register_minutes_decide},
                                         {"decision", register_decision},
                                         {"action", register_action},
                                         {"ics check", register_ics_check},
                                         {"document", register_meeting_document},
                                         {"participant", register_meeting_participants}});
}

}  // namespace nacsa::cli
