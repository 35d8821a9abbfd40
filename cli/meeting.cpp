#include <fmt/format.h>

#include <filesystem>

#include "commands.hpp"
#include "core/error.hpp"
#include "core/files.hpp"
#include "meetings/ics.hpp"
#include "meetings/meetings.hpp"
#include "meetings/query.hpp"

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

// A text option that may or may not have been given.
struct TextOption {
    std::string value;
    CLI::Option* option = nullptr;
    [[nodiscard]] std::optional<std::string> get() const {
        return option != nullptr && option->count() > 0 ? std::optional<std::string>(value)
                                                        : std::nullopt;
    }
};

struct IntOption {
    int value = 0;
    CLI::Option* option = nullptr;
    [[nodiscard]] std::optional<int> get() const {
        return option != nullptr && option->count() > 0 ? std::optional<int>(value) : std::nullopt;
    }
};

struct FieldOptions {
    TextOption title, kind, body, start, time_zone, place, link, format, language;
    IntOption duration;

    void add(CLI::App* cmd, bool for_edit) {
        title.option = cmd->add_option("--title", title.value, "What the meeting is called");
        kind.option = cmd->add_option(
            "--kind", kind.value,
            "steering_committee, general_assembly, working_group, government_consultation, "
            "capacity_building, constructive_dialogue, multistakeholder_preparation_day, "
            "cop_side_event, regional_network_meeting or other");
        body.option = cmd->add_option(
            "--body", body.value,
            "Who it is for: committee, all_members or working_group:KEY (default from the kind)");
        start.option = cmd->add_option("--start", start.value, "Local start: \"YYYY-MM-DD HH:MM\"")
                           ->type_name("DATETIME");
        time_zone.option =
            cmd->add_option("--tz", time_zone.value, "IANA time zone (default: the alliance's)")
                ->type_name("ZONE");
        duration.option =
            cmd->add_option("--duration", duration.value, "Length in minutes (default 120)")
                ->type_name("MINUTES");
        place.option = cmd->add_option("--place", place.value, "Where it is held");
        link.option = cmd->add_option("--link", link.value, "Online meeting address (https://...)")
                          ->type_name("URL");
        format.option =
            cmd->add_option("--mode", format.value,
                            "in_person, online or hybrid (default from --place and --link)");
        language.option =
            cmd->add_option("--language", language.value, "Working language: en, es or fr");
        if (!for_edit) {
            title.option->required();
            kind.option->required();
            start.option->required();
        }
    }

    [[nodiscard]] mt::MeetingFields fields() const {
        mt::MeetingFields f;
        f.title = title.get();
        f.kind = kind.get();
        f.body = body.get();
        f.start = start.get();
        f.time_zone = time_zone.get();
        f.duration_minutes = duration.get();
        f.place = place.get();
        f.online_link = link.get();
        f.format = format.get();
        f.language = language.get();
        return f;
    }
};

std::string quorum_text(const mt::Quorum& q) {
    return fmt::format("{} of {} voting members present, {} needed: {}", q.voting_present,
                       q.voting_invited, q.required, q.met ? "quorum met" : "no quorum");
}

output::Table meeting_table(const std::vector<mt::Meeting>& meetings) {
    output::Table table{{{"id", "ID"},
                         {"start", "START"},
                         {"starts_at", "UTC", Align::left},
                         {"time_zone", "ZONE"},
                         {"kind", "KIND"},
                         {"body", "BODY"},
                         {"title", "TITLE"},
                         {"status", "STATUS"},
                         {"format", "FORMAT"},
                         {"series_id", "SERIES"}},
                        {}};
    for (const auto& m : meetings) {
        table.add_row({m.id, mt::format_local(m.starts_at, m.time_zone),
                       format_timestamp(m.starts_at), m.time_zone, m.kind, m.body, m.title,
                       m.status, m.format, opt_cell(m.series_id)});
    }
    return table;
}

void add_list_options(CLI::App* cmd, TextOption& body, TextOption& kind, TextOption& from,
                      TextOption& to) {
    kind.option = cmd->add_option("--kind", kind.value, "Only meetings of this kind");
    body.option =
        cmd->add_option("--body", body.value,
                        "Only meetings of this body (committee, all_members, working_group:KEY)");
    from.option = cmd->add_option("--from", from.value, "Only meetings on or after this date")
                      ->type_name("DATE");
    to.option = cmd->add_option("--to", to.value, "Only meetings on or before this date")
                    ->type_name("DATE");
}

// The filter of list and ics: dates are local to the alliance's time zone.
mt::MeetingFilter make_filter(Context& ctx, const TextOption& body, const TextOption& kind,
                              const TextOption& from, const TextOption& to) {
    mt::MeetingFilter filter;
    const auto& tz = ctx.store().alliance().time_zone;
    if (const auto k = kind.get()) {
        if (std::find(mt::k_kinds.begin(), mt::k_kinds.end(), *k) == mt::k_kinds.end()) {
            throw UsageError(fmt::format("--kind: \"{}\" is not a kind of meeting", *k));
        }
        filter.kind = k;
    }
    if (const auto b = body.get()) {
        const auto parsed = mt::Body::parse(*b);
        if (!parsed) {
            throw UsageError(fmt::format(
                "--body: \"{}\" is not a body (committee, all_members or working_group:KEY)", *b));
        }
        filter.body = parsed->to_string();
    }
    if (const auto f = from.get()) {
        filter.from = mt::to_utc(mt::LocalDateTime{parse_date_option(*f, "--from"), 0, 0}, tz);
    }
    if (const auto t = to.get()) {
        filter.until =
            mt::to_utc(mt::LocalDateTime{add_days(parse_date_option(*t, "--to"), 1), 0, 0}, tz);
    }
    return filter;
}

void register_schedule(CLI::App* meeting, Context& ctx) {
    struct Options {
        FieldOptions fields;
        std::string repeat;
        IntOption count;
        TextOption until;
    };
    auto opts = std::make_shared<Options>();
    auto* cmd = meeting->add_subcommand("schedule", "Schedule a meeting, or a series of meetings");
    opts->fields.add(cmd, false);
    auto* repeat = cmd->add_option("--repeat", opts->repeat, "Repeat weekly, monthly or quarterly")
                       ->check(CLI::IsMember({"weekly", "monthly", "quarterly"}));
    opts->count.option =
        cmd->add_option("--count", opts->count.value, "How many meetings in the series")
            ->check(CLI::Range(1, 520))
            ->needs(repeat);
    opts->until.option = cmd->add_option("--until", opts->until.value, "Last date of the series")
                             ->type_name("DATE")
                             ->needs(repeat);
    opts->count.option->excludes(opts->until.option);
    ctx.on_run(cmd, [&ctx, opts] {
        mt::SeriesRequest series;
        if (!opts->repeat.empty()) {
            series.repeat = *mt::parse_repeat(opts->repeat);
            series.count = opts->count.get();
            if (const auto u = opts->until.get()) {
                series.until = parse_date_option(*u, "--until");
            }
            if (!series.count && !series.until) {
                throw UsageError("--repeat needs --count N or --until DATE");
            }
        }
        auto& store = ctx.store(store::Access::read_write);
        const auto ids = mt::schedule(store, opts->fields.fields(), series);
        for (const auto& id : ids) {
            ctx.print(id + "\n");
        }
        const auto first = mt::get_meeting(store, ids.front());
        ctx.info(ids.size() == 1 ? fmt::format("scheduled {} on {}", ids.front(),
                                               mt::format_local(first.starts_at, first.time_zone))
                                 : fmt::format("scheduled {} meetings, {} to {} (series {})",
                                               ids.size(), ids.front(), ids.back(), ids.front()));
        return 0;
    });
}

void register_list(CLI::App* meeting, Context& ctx) {
    struct Options {
        bool upcoming = false;
        bool past = false;
        TextOption body, kind, from, to, status;
    };
    auto opts = std::make_shared<Options>();
    auto* cmd =
        meeting->add_subcommand("list", "List meetings, oldest first (--past: newest first)");
    auto* upcoming =
        cmd->add_flag("--upcoming", opts->upcoming, "Only meetings that have not started");
    cmd->add_flag("--past", opts->past, "Only meetings that have started")->excludes(upcoming);
    add_list_options(cmd, opts->body, opts->kind, opts->from, opts->to);
    opts->status.option =
        cmd->add_option("--status", opts->status.value, "Only meetings with this status")
            ->check(CLI::IsMember(mt::k_statuses));
    ctx.on_run(cmd, [&ctx, opts] {
        auto filter = make_filter(ctx, opts->body, opts->kind, opts->from, opts->to);
        filter.status = opts->status.get();
        const auto t = now();
        if (opts->upcoming && (!filter.from || *filter.from < t)) {
            filter.from = t;
        }
        if (opts->past) {
            filter.until =
                filter.until && *filter.until < t ? filter.until : std::optional<Seconds>(t);
            filter.newest_first = true;
        }
        ctx.print_table(meeting_table(mt::list_meetings(ctx.store(), filter)));
        return 0;
    });
}

void register_show(CLI::App* meeting, Context& ctx) {
    auto id = std::make_shared<std::string>();
    auto* cmd = meeting->add_subcommand(
        "show", "Show a meeting: details, agenda, attendance, quorum, minutes, decisions");
    cmd->add_option("id", *id, "The meeting")->required();
    ctx.on_run(cmd, [&ctx, id] {
        auto& store = ctx.store();
        const auto m = mt::get_meeting(store, *id);
        std::vector<std::string> agenda_lines;
        for (const auto& a : mt::agenda(store, m.id)) {
            agenda_lines.push_back(fmt::format("{}. {}{}", a.position, a.title,
                                               a.presenter ? " (" + *a.presenter + ")" : ""));
        }
        std::vector<std::string> voting, observers, guests;
        for (const auto& i : mt::invitees(store, m.id)) {
            auto line = i.name() + ": " + i.attendance.value_or("not recorded");
            if (i.represented_by) {
                line += " by " + *i.represented_by;
            }
            (i.role == "voting"     ? voting
             : i.role == "observer" ? observers
                                    : guests)
                .push_back(line);
        }
        std::vector<std::string> decision_lines;
        for (const auto& d : mt::decisions(store, m.id)) {
            std::string tally;
            if (d.votes_for || d.votes_against || d.votes_abstain) {
                tally = fmt::format(" [for {}, against {}, abstain {}]", d.votes_for.value_or(0),
                                    d.votes_against.value_or(0), d.votes_abstain.value_or(0));
            }
            decision_lines.push_back(fmt::format("{}. {}{}{}", d.number, d.text, tally,
                                                 d.quorum.met ? "" : " (without quorum)"));
        }
        std::vector<std::string> history;
        for (const auto& h : mt::status_history(store, m.id)) {
            history.push_back(
                fmt::format("{} {}{}", h.at, h.status, h.reason ? ": " + *h.reason : ""));
        }
        std::vector<std::string> carried;
        for (const auto& a : mt::carried_action_items(store, m)) {
            carried.push_back(fmt::format("{} {}", a.id, a.title));
        }
        output::Table table{{{"id", "ID"},
                             {"title", "Title"},
                             {"kind", "Kind"},
                             {"body", "Body"},
                             {"status", "Status"},
                             {"start", "Start"},
                             {"starts_at", "Start (UTC)"},
                             {"time_zone", "Time zone"},
                             {"duration_minutes", "Duration (minutes)"},
                             {"place", "Place"},
                             {"online_link", "Online"},
                             {"format", "Format"},
                             {"language", "Language"},
                             {"series_id", "Series"},
                             {"uid", "UID"},
                             {"sequence", "Sequence"},
                             {"agenda", "Agenda"},
                             {"open_action_items", "Open action items"},
                             {"attendance", "Attendance"},
                             {"observers", "Observers"},
                             {"guests", "Guests"},
                             {"quorum_fraction", "Quorum fraction"},
                             {"voting_invited", "Voting invited"},
                             {"voting_present", "Voting present"},
                             {"quorum_required", "Quorum needed"},
                             {"quorum_met", "Quorum met"},
                             {"minutes", "Minutes"},
                             {"minutes_file", "Minutes file"},
                             {"decisions", "Decisions"},
                             {"history", "History"}},
                            {}};
        table.add_row({m.id,
                       m.title,
                       m.kind,
                       m.body,
                       m.status,
                       mt::format_local(m.starts_at, m.time_zone),
                       format_timestamp(m.starts_at),
                       m.time_zone,
                       static_cast<std::int64_t>(m.duration_minutes),
                       opt_cell(m.place),
                       opt_cell(m.online_link),
                       m.format,
                       opt_cell(m.language),
                       opt_cell(m.series_id),
                       m.uid,
                       static_cast<std::int64_t>(m.sequence),
                       agenda_lines,
                       carried,
                       voting,
                       observers,
                       guests,
                       m.quorum.fraction,
                       static_cast<std::int64_t>(m.quorum.voting_invited),
                       static_cast<std::int64_t>(m.quorum.voting_present),
                       static_cast<std::int64_t>(m.quorum.required),
                       m.quorum.met,
                       opt_cell(m.minutes),
                       opt_cell(m.minutes_file),
                       decision_lines,
                       history});
        ctx.print_record(table);
        return 0;
    });
}

void register_edit(CLI::App* meeting, Context& ctx) {
    struct Options {
        std::string id;
        FieldOptions fields;
    };
    auto opts = std::make_shared<Options>();
    auto* cmd = meeting->add_subcommand(
        "edit", "Change a meeting's details (a new start re-derives the invitees)");
    cmd->add_option("id", opts->id, "The meeting")->required();
    opts->fields.add(cmd, true);
    ctx.on_run(cmd, [&ctx, opts] {
        auto& store = ctx.store(store::Access::read_write);
        const auto before = mt::get_meeting(store, opts->id);
        mt::edit(store, opts->id, opts->fields.fields());
        const auto after = mt::get_meeting(store, opts->id);
        ctx.info(after.sequence == before.sequence ? fmt::format("{}: nothing to change", opts->id)
                                                   : fmt::format("updated {}", opts->id));
        return 0;
    });
}

void register_cancel_postpone(CLI::App* meeting, Context& ctx) {
    struct Options {
        std::string id;
        std::string reason;
        TextOption to;
    };
    auto cancel_opts = std::make_shared<Options>();
    auto* cancel = meeting->add_subcommand("cancel", "Cancel a meeting (kept, with the reason)");
    cancel->add_option("id", cancel_opts->id, "The meeting")->required();
    cancel->add_option("--reason", cancel_opts->reason, "Why it is cancelled")->required();
    ctx.on_run(cancel, [&ctx, cancel_opts] {
        mt::cancel(ctx.store(store::Access::read_write), cancel_opts->id, cancel_opts->reason);
        ctx.info(fmt::format("cancelled {}", cancel_opts->id));
        return 0;
    });

    auto opts = std::make_shared<Options>();
    auto* postpone = meeting->add_subcommand(
        "postpone", "Postpone a meeting, to a date not yet known or --to a new start");
    postpone->add_option("id", opts->id, "The meeting")->required();
    postpone->add_option("--reason", opts->reason, "Why it is postponed")->required();
    opts->to.option =
        postpone->add_option("--to", opts->to.value, "New local start: \"YYYY-MM-DD HH:MM\"")
            ->type_name("DATETIME");
    ctx.on_run(postpone, [&ctx, opts] {
        auto& store = ctx.store(store::Access::read_write);
        mt::postpone(store, opts->id, opts->reason, opts->to.get());
        const auto m = mt::get_meeting(store, opts->id);
        ctx.info(opts->to.get() ? fmt::format("moved {} to {}", opts->id,
                                              mt::format_local(m.starts_at, m.time_zone))
                                : fmt::format("postponed {}", opts->id));
        return 0;
    });
}

void register_agenda(CLI::App* meeting, Context& ctx) {
    auto id = std::make_shared<std::string>();
    auto* agenda = meeting->add_subcommand("agenda", "Show or change a meeting's agenda");
    agenda->add_option("id", *id, "The meeting")->required();
    agenda->require_subcommand(1);

    struct AddOptions {
        std::string title;
        TextOption presenter, link;
        IntOption at;
    };
    auto add_opts = std::make_shared<AddOptions>();
    auto* add = agenda->add_subcommand("add", "Add an item (at the end, or --at a position)");
    add->add_option("title", add_opts->title, "The item")->required();
    add_opts->presenter.option =
        add->add_option("--presenter", add_opts->presenter.value, "Who presents it");
    add_opts->link.option = add->add_option("--link", add_opts->link.value,
                                            "A plan activity or VPI priority it concerns")
                                ->type_name("ID");
    add_opts->at.option =
        add->add_option("--at", add_opts->at.value, "Position (1 = first)")->type_name("N");
    ctx.on_run(add, [&ctx, id, add_opts] {
        const int at =
            mt::agenda_add(ctx.store(store::Access::read_write), *id, add_opts->title,
                           add_opts->presenter.get(), add_opts->link.get(), add_opts->at.get());
        ctx.info(fmt::format("added agenda item {} to {}", at, *id));
        return 0;
    });

    auto* list =
        agenda->add_subcommand("list", "The agenda, then the open action items carried forward");
    ctx.on_run(list, [&ctx, id] {
        auto& store = ctx.store();
        const auto m = mt::get_meeting(store, *id);
        output::Table table{{{"position", "#", Align::right},
                             {"item", "ITEM"},
                             {"title", "TITLE"},
                             {"presenter", "PRESENTER/OWNER"},
                             {"link", "LINK"},
                             {"due", "DUE"},
                             {"from_meeting", "FROM"}},
                            {}};
        int position = 0;
        for (const auto& a : mt::agenda(store, m.id)) {
            position = a.position;
            table.add_row({static_cast<std::int64_t>(a.position), "agenda_item", a.title,
                           opt_cell(a.presenter), opt_cell(a.link), Cell{}, Cell{}});
        }
        for (const auto& a : mt::carried_action_items(store, m)) {
            table.add_row({static_cast<std::int64_t>(++position), a.id, "Follow-up: " + a.title,
                           a.owner().empty() ? Cell{} : Cell{a.owner()}, Cell{}, opt_cell(a.due),
                           opt_cell(a.meeting_id)});
        }
        ctx.print_table(table);
        return 0;
    });

    auto move_args = std::make_shared<std::pair<int, int>>();
    auto* move = agenda->add_subcommand("move", "Move an item to another position");
    move->add_option("from", move_args->first, "Its position now")->required();
    move->add_option("to", move_args->second, "Its new position")->required();
    ctx.on_run(move, [&ctx, id, move_args] {
        mt::agenda_move(ctx.store(store::Access::read_write), *id, move_args->first,
                        move_args->second);
        ctx.info(fmt::format("moved agenda item {} of {} to {}", move_args->first, *id,
                             move_args->second));
        return 0;
    });

    auto remove_position = std::make_shared<int>(0);
    auto* remove = agenda->add_subcommand("remove", "Remove an item (the ones after it move up)");
    remove->add_option("position", *remove_position, "Its position")->required();
    ctx.on_run(remove, [&ctx, id, remove_position] {
        mt::agenda_remove(ctx.store(store::Access::read_write), *id, *remove_position);
        ctx.info(fmt::format("removed agenda item {} of {}", *remove_position, *id));
        return 0;
    });
}

void register_invitees(CLI::App* meeting, Context& ctx) {
    struct Options {
        std::string id;
        std::vector<std::string> add, remove, guests, observers;
        bool refresh = false;
    };
    auto opts = std::make_shared<Options>();
    auto* cmd = meeting->add_subcommand("invitees",
                                        "List or adjust who is invited (derived from the body)");
    cmd->add_option("id", opts->id, "The meeting")->required();
    cmd->add_option("--add", opts->add, "Invite a member (voting)")->type_name("MEMBER");
    cmd->add_option("--guest", opts->guests, "Invite a guest by name (counted apart)")
        ->type_name("NAME");
    cmd->add_option("--observer", opts->observers, "Invite an observer by name (counted apart)")
        ->type_name("NAME");
    cmd->add_option("--remove", opts->remove, "Uninvite a member or person")->type_name("WHO");
    cmd->add_flag("--refresh", opts->refresh,
                  "Re-derive the invitees from the body at the meeting date");
    ctx.on_run(cmd, [&ctx, opts] {
        const bool changes = opts->refresh || !opts->add.empty() || !opts->remove.empty() ||
                             !opts->guests.empty() || !opts->observers.empty();
        auto& store = ctx.store(changes ? store::Access::read_write : store::Access::read_only);
        if (opts->refresh) {
            mt::refresh_invitees(store, opts->id);
        }
        for (const auto& m : opts->add) {
            mt::change_invitee(store, opts->id, m, "voting", mt::InviteeChange::add);
        }
        for (const auto& g : opts->guests) {
            mt::change_invitee(store, opts->id, g, "guest", mt::InviteeChange::add);
        }
        for (const auto& o : opts->observers) {
            mt::change_invitee(store, opts->id, o, "observer", mt::InviteeChange::add);
        }
        for (const auto& r : opts->remove) {
            bool is_member = false;
            for (const auto& i : mt::invitees(store, opts->id)) {
                is_member = is_member || i.member_id == r;
            }
            std::string role = "voting";
            if (!is_member) {
                role = "guest";
                for (const auto& i : mt::invitees(store, opts->id)) {
                    if (i.person == r) {
                        role = i.role;
                    }
                }
            }
            mt::change_invitee(store, opts->id, r, role, mt::InviteeChange::remove);
        }
        if (changes) {
            const auto m = mt::get_meeting(store, opts->id);
            ctx.info(fmt::format("{}: {} voting invitees", opts->id, m.quorum.voting_invited));
            return 0;
        }
        output::Table table{{{"who", "WHO"},
                             {"role", "ROLE"},
                             {"source", "SOURCE"},
                             {"attendance", "ATTENDANCE"},
                             {"represented_by", "REPRESENTED BY"}},
                            {}};
        for (const auto& i : mt::invitees(store, opts->id)) {
            table.add_row(
                {i.name(), i.role, i.source, opt_cell(i.attendance), opt_cell(i.represented_by)});
        }
        ctx.print_table(table);
        return 0;
    });
}

void register_attend(CLI::App* meeting, Context& ctx) {
    struct Options {
        std::string id;
        std::vector<std::string> who;
        std::string status;
        TextOption by;
    };
    auto opts = std::make_shared<Options>();
    auto* cmd = meeting->add_subcommand(
        "attend", "Record attendance: present, excused, absent or represented --by");
    cmd->add_option("id", opts->id, "The meeting")->required();
    cmd->add_option("who", opts->who, "Members (ids) or people (names) invited")->required();
    cmd->add_option("--status", opts->status, "present, excused, absent or represented")
        ->required()
        ->check(CLI::IsMember(mt::k_attendance));
    opts->by.option =
        cmd->add_option("--by", opts->by.value, "Who represented them (with --status represented)");
    ctx.on_run(cmd, [&ctx, opts] {
        const auto q = mt::attend(ctx.store(store::Access::read_write), opts->id, opts->who,
                                  opts->status, opts->by.get());
        ctx.info(fmt::format("{}: {}", opts->id, quorum_text(q)));
        return 0;
    });
}

void register_held(CLI::App* meeting, Context& ctx) {
    struct Options {
        std::string id;
        bool force = false;
    };
    auto opts = std::make_shared<Options>();
    auto* cmd =
        meeting->add_subcommand("held", "Mark a meeting held (needs attendance unless --force)");
    cmd->add_option("id", opts->id, "The meeting")->required();
    cmd->add_flag("--force", opts->force, "Mark it held even with no attendance recorded");
    ctx.on_run(cmd, [&ctx, opts] {
        const auto q = mt::mark_held(ctx.store(store::Access::read_write), opts->id,
                                     opts->force ? mt::Force::yes : mt::Force::no);
        ctx.info(fmt::format("{} held: {}", opts->id, quorum_text(q)));
        return 0;
    });
}

void register_minutes(CLI::App* meeting, Context& ctx) {
    struct Options {
        std::string id;
        TextOption file, text;
    };
    auto opts = std::make_shared<Options>();
    auto* cmd =
        meeting->add_subcommand("minutes", "Record a meeting's minutes, from a file or as text");
    cmd->add_option("id", opts->id, "The meeting")->required();
    opts->file.option =
        cmd->add_option("--file", opts->file.value, "Read the minutes from a file (- for stdin)")
            ->type_name("FILE");
    opts->text.option = cmd->add_option("--text", opts->text.value, "The minutes as text");
    opts->file.option->excludes(opts->text.option);
    ctx.on_run(cmd, [&ctx, opts] {
        std::string text;
        std::optional<std::string> file_name;
        if (const auto f = opts->file.get()) {
            text = files::read_file(*f);
            file_name =
                *f == "-" ? std::string("-") : std::filesystem::path(*f).filename().string();
        } else if (const auto t = opts->text.get()) {
            text = *t;
        } else {
            throw UsageError("minutes needs --file FILE or --text TEXT");
        }
        mt::record_minutes(ctx.store(store::Access::read_write), opts->id, text, file_name);
        ctx.info(fmt::format("recorded the minutes of {}", opts->id));
        return 0;
    });
}

void register_decide(CLI::App* meeting, Context& ctx) {
    struct Options {
        std::string id;
        std::string text;
        IntOption votes_for, votes_against, votes_abstain;
    };
    auto opts = std::make_shared<Options>();
    auto* cmd = meeting->add_subcommand(
        "decide", "Record a decision (numbered within the meeting) with its vote");
    cmd->add_option("id", opts->id, "The meeting")->required();
    cmd->add_option("text", opts->text, "What was decided")->required();
    opts->votes_for.option = cmd->add_option("--for", opts->votes_for.value, "Votes for")
                                 ->check(CLI::NonNegativeNumber)
                                 ->type_name("N");
    opts->votes_against.option =
        cmd->add_option("--against", opts->votes_against.value, "Votes against")
            ->check(CLI::NonNegativeNumber)
            ->type_name("N");
    opts->votes_abstain.option =
        cmd->add_option("--abstain", opts->votes_abstain.value, "Abstentions")
            ->check(CLI::NonNegativeNumber)
            ->type_name("N");
    ctx.on_run(cmd, [&ctx, opts] {
        const auto d = mt::decide(
            ctx.store(store::Access::read_write), opts->id, opts->text,
            mt::Tally{opts->votes_for.get(), opts->votes_against.get(), opts->votes_abstain.get()});
        ctx.print(fmt::format("{}#{}\n", d.meeting_id, d.number));
        if (d.quorum.met) {
            ctx.info(fmt::format("recorded decision {} of {}", d.number, d.meeting_id));
        } else {
            ctx.warn(fmt::format("decision {} of {} recorded without quorum ({})", d.number,
                                 d.meeting_id, quorum_text(d.quorum)));
        }
        return 0;
    });
}

output::Table action_table(const std::vector<mt::ActionItem>& items, Date as_of) {
    output::Table table{{{"id", "ID"},
                         {"title", "TITLE"},
                         {"owner", "OWNER"},
                         {"due", "DUE"},
                         {"status", "STATUS"},
                         {"overdue", "OVERDUE"},
                         {"meeting_id", "MEETING"},
                         {"body", "BODY"},
                         {"opened_on", "OPENED"},
                         {"closed_on", "CLOSED"},
                         {"note", "NOTE"}},
                        {}};
    for (const auto& a : items) {
        table.add_row({a.id, a.title, a.owner().empty() ? Cell{} : Cell{a.owner()}, opt_cell(a.due),
                       a.status, a.overdue(as_of), opt_cell(a.meeting_id), opt_cell(a.body),
                       format_date(a.opened_on), opt_cell(a.closed_on), opt_cell(a.note)});
    }
    return table;
}

void register_action(CLI::App* meeting, Context& ctx) {
    auto* action = meeting->add_subcommand("action", "Action items: add, list, done, drop");
    action->require_subcommand(1);

    struct AddOptions {
        std::string title;
        TextOption meeting, body, owner, due;
    };
    auto add_opts = std::make_shared<AddOptions>();
    auto* add = action->add_subcommand("add", "Add an action item, from a meeting or standalone");
    add->add_option("title", add_opts->title, "What is to be done")->required();
    add_opts->meeting.option =
        add->add_option("--meeting", add_opts->meeting.value, "The meeting it comes from")
            ->type_name("ID");
    add_opts->body.option =
        add->add_option("--body", add_opts->body.value,
                        "Body whose next meeting carries it (default: the meeting's)");
    add_opts->owner.option =
        add->add_option("--owner", add_opts->owner.value, "Who does it: a member id or a person")
            ->type_name("WHO");
    add_opts->due.option =
        add->add_option("--due", add_opts->due.value, "Due date")->type_name("DATE");
    ctx.on_run(add, [&ctx, add_opts] {
        mt::NewActionItem item;
        item.title = add_opts->title;
        item.meeting_id = add_opts->meeting.get();
        item.body = add_opts->body.get();
        item.owner = add_opts->owner.get();
        if (const auto due = add_opts->due.get()) {
            item.due = parse_date_option(*due, "--due");
        }
        const auto id = mt::action_add(ctx.store(store::Access::read_write), item);
        ctx.print(id + "\n");
        ctx.info(fmt::format("added action item {}", id));
        return 0;
    });

    struct ListOptions {
        std::string status = "open";
        bool overdue = false;
        TextOption owner, meeting;
    };
    auto list_opts = std::make_shared<ListOptions>();
    auto* list = action->add_subcommand("list", "List action items (open ones unless --status)");
    list->add_option("--status", list_opts->status, "open, done, dropped or all")
        ->check(CLI::IsMember({"open", "done", "dropped", "all"}));
    list->add_flag("--overdue", list_opts->overdue, "Only open items past their due date");
    list_opts->owner.option =
        list->add_option("--owner", list_opts->owner.value, "Only items of this owner");
    list_opts->meeting.option =
        list->add_option("--meeting", list_opts->meeting.value, "Only items from this meeting");
    ctx.on_run(list, [&ctx, list_opts] {
        auto& store = ctx.store();
        const Date as_of = today(store.alliance().time_zone);
        mt::ActionFilter filter;
        if (list_opts->status != "all") {
            filter.status = list_opts->status;
        }
        filter.owner = list_opts->owner.get();
        filter.meeting_id = list_opts->meeting.get();
        if (list_opts->overdue) {
            filter.overdue_as_of = as_of;
        }
        ctx.print_table(action_table(mt::list_action_items(store, filter), as_of));
        return 0;
    });

    struct CloseOptions {
        std::string id;
        TextOption note;
    };
    auto done_opts = std::make_shared<CloseOptions>();
    auto* done = action->add_subcommand("done", "Mark an open action item done");
    done->add_option("id", done_opts->id, "The action item")->required();
    done_opts->note.option = done->add_option("--note", done_opts->note.value, "How it was done");
    ctx.on_run(done, [&ctx, done_opts] {
        mt::action_close(ctx.store(store::Access::read_write), done_opts->id, "done",
                         done_opts->note.get());
        ctx.info(fmt::format("{} done", done_opts->id));
        return 0;
    });
    auto drop_opts = std::make_shared<CloseOptions>();
    auto* drop = action->add_subcommand("drop", "Drop an open action item, with the reason");
    drop->add_option("id", drop_opts->id, "The action item")->required();
    drop_opts->note.option =
        drop->add_option("--reason", drop_opts->note.value, "Why it is dropped")->required();
    ctx.on_run(drop, [&ctx, drop_opts] {
        mt::action_close(ctx.store(store::Access::read_write), drop_opts->id, "dropped",
                         drop_opts->note.get());
        ctx.info(fmt::format("{} dropped", drop_opts->id));
        return 0;
    });
}

void register_ics(CLI::App* meeting, Context& ctx) {
    struct Options {
        TextOption body, kind, from, to;
        std::string output = "-";
    };
    auto opts = std::make_shared<Options>();
    auto* cmd = meeting->add_subcommand("ics", "Write an iCalendar (.ics) file of the meetings");
    add_list_options(cmd, opts->body, opts->kind, opts->from, opts->to);
    cmd->add_option("-o,--output", opts->output, "Where to write it (default: standard output)")
        ->type_name("FILE");
    ctx.on_run(cmd, [&ctx, opts] {
        auto& store = ctx.store();
        const auto meetings = mt::list_meetings(
            store, make_filter(ctx, opts->body, opts->kind, opts->from, opts->to));
        files::write_file_atomic(opts->output, mt::to_icalendar(store, meetings),
                                 files::Privacy::owner_only);
        if (opts->output != "-") {
            ctx.info(fmt::format("wrote {} meetings to {}", meetings.size(), opts->output));
        }
        return 0;
    });
}

void register_check(CLI::App* meeting, Context& ctx) {
    auto as_of = std::make_shared<TextOption>();
    auto* cmd = meeting->add_subcommand(
        "check", "Check consultations, committee cadence, records, quorum, action items");
    as_of->option =
        cmd->add_option("--as-of", as_of->value, "Check as on this date (default: today)")
            ->type_name("DATE");
    ctx.on_run(cmd, [&ctx, as_of] {
        auto& store = ctx.store();
        const Date date = as_of->get() ? parse_date_option(*as_of->get(), "--as-of")
                                       : today(store.alliance().time_zone);
        return ctx.print_findings(mt::check(store, date));
    });
}

}  // namespace

void register_meeting(CLI::App& app, Context& ctx) {
    auto* meeting = app.add_subcommand(
        "meeting", "Meetings: calendar, agenda, attendance, quorum, minutes, decisions");
    meeting->require_subcommand(1);
    register_schedule(meeting, ctx);
    register_list(meeting, ctx);
    register_show(meeting, ctx);
    register_edit(meeting, ctx);
    register_cancel_postpone(meeting, ctx);
    register_agenda(meeting, ctx);
    register_invitees(meeting, ctx);
    register_attend(meeting, ctx);
    register_held(meeting, ctx);
    register_minutes(meeting, ctx);
    register_decide(meeting, ctx);
    register_action(meeting, ctx);
    register_ics(meeting, ctx);
    register_check(meeting, ctx);
}

}  // namespace nacsa::cli
