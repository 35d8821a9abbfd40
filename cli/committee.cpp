// SPDX-License-Identifier: Apache-2.0
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "checks.hpp"
#include "commands.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "governance/governance.hpp"
#include "members/interest.hpp"
#include "workflows/workflows.hpp"

namespace nacsa::cli {

namespace {

using output::Align;
using output::Cell;
using output::date_cell;
using output::Table;
using output::text_cell;

// ---- Tables ------------------------------------------------------------------------------------

std::string role_label(Context& ctx, const std::string& key) {
    const auto* role = ctx.store().alliance().find_role(key);
    return role == nullptr ? key : role->labels.in(ctx.language());
}

enum class WithHistory { no, yes };

Table seats_table(Context& ctx, const std::vector<governance::Seat>& seats, WithHistory history) {
    // In a table the role is shown as its label: ROLE LABEL, for scripts, is left out first.
    using output::Label;
    Table table{
        {{.key = "role", .header = N_("ROLE"), .min_width = 12, .label = Label::role},
         {.key = "role_label", .header = N_("ROLE LABEL"), .priority = 5},
         {"member_id", N_("MEMBER")},
         {.key = "member", .header = N_("NAME"), .priority = 50, .min_width = 16},
         {.key = "representative", .header = N_("REPRESENTATIVE"), .priority = 45, .min_width = 14},
         {.key = "gender", .header = N_("GENDER"), .priority = 15},
         {.key = "region",
          .header = N_("REGION"),
          .priority = 25,
          .min_width = 12,
          .label = Label::region},
         {.key = "thematic_areas",
          .header = N_("THEMES"),
          .priority = 20,
          .min_width = 16,
          .label = Label::thematic_area},
         {.key = "term_start", .header = N_("FROM"), .priority = 30},
         {.key = "term_end", .header = N_("TERM END"), .priority = 35}},
        {}};
    if (history == WithHistory::yes) {
        table.columns.insert(table.columns.begin(), {"seat", N_("SEAT"), Align::right});
        table.columns.push_back({.key = "ended_on", .header = N_("ENDED"), .priority = 40});
        table.columns.push_back(
            {.key = "end_reason", .header = N_("REASON"), .priority = 10, .min_width = 12});
        table.columns.push_back(
            {.key = "election", .header = N_("ELECTION"), .align = Align::right, .priority = 8});
    }
    for (const auto& s : seats) {
        std::vector<Cell> row{s.role,
                              role_label(ctx, s.role),
                              s.member_id,
                              s.member_name,
                              text_cell(s.representative),
                              s.gender,
                              text_cell(s.region),
                              s.thematic_areas,
                              format_date(s.term_start),
                              format_date(s.term_end)};
        if (history == WithHistory::yes) {
            row.insert(row.begin(), s.id);
            row.push_back(date_cell(s.ended_on));
            row.push_back(text_cell(s.end_reason));
            row.push_back(s.election_id ? Cell(*s.election_id) : Cell{});
        }
        table.add_row(std::move(row));
    }
    return table;
}

Table observers_table(const std::vector<governance::Observer>& observers) {
    Table table{
        {{"id", N_("OBSERVER"), Align::right},
         {.key = "name", .header = N_("NAME"), .min_width = 14},
         {.key = "institution", .header = N_("INSTITUTION"), .priority = 40, .min_width = 14},
         {.key = "email", .header = N_("E-MAIL"), .priority = 20, .min_width = 12},
         {.key = "gender", .header = N_("GENDER"), .priority = 10},
         {.key = "from", .header = N_("FROM"), .priority = 30},
         {.key = "until", .header = N_("UNTIL"), .priority = 25},
         {.key = "end_reason", .header = N_("REASON"), .priority = 15, .min_width = 10}},
        {}};
    for (const auto& o : observers) {
        table.add_row({o.id, o.name, o.institution, text_cell(o.email), o.gender,
                       format_date(o.from), date_cell(o.until), text_cell(o.end_reason)});
    }
    return table;
}

Table interest_table(const std::vector<members::Interest>& items) {
    Table table{{{"id", N_("ID"), Align::right},
                 {"member_id", N_("MEMBER")},
                 {"kind", N_("FOR")},
                 {"working_group", N_("GROUP")},
                 {"date", N_("DATE")},
                 {"status", N_("STATUS")},
                 {"statement", N_("STATEMENT")}},
                {}};
    for (const auto& i : items) {
        table.add_row({i.id, i.member_id, std::string(members::kind_name(i.kind)),
                       text_cell(i.working_group), format_date(i.date),
                       std::string(members::status_name(i.status)), text_cell(i.statement)});
    }
    return table;
}

Table candidates_table(const governance::Election& e) {
    Table table{{{"member_id", N_("CANDIDATE")},
                 {"member", N_("NAME")},
                 {"representative", N_("REPRESENTATIVE")},
                 {"votes", N_("VOTES"), Align::right},
                 {"elected", N_("ELECTED")},
                 {"withdrawn_on", N_("WITHDRAWN")},
                 {"withdraw_reason", N_("REASON")}},
                {}};
    for (const auto& c : e.candidates) {
        table.add_row({c.member_id, c.member_name, text_cell(c.representative), c.votes, c.elected,
                       date_cell(c.withdrawn_on), text_cell(c.withdraw_reason)});
    }
    return table;
}

// Voided ballots: who voted, when, and why the ballot was voided (never for whom).
Table voided_table(const governance::Election& e) {
    Table table{{{"voter_id", N_("VOTER")},
                 {"cast_on", N_("CAST")},
                 {"voided_on", N_("VOIDED")},
                 {"reason", N_("REASON")}},
                {}};
    for (const auto& b : e.voided) {
        table.add_row(
            {b.voter_id, format_date(b.cast_on), format_date(b.voided_on), text_cell(b.reason)});
    }
    return table;
}

Table elections_table(const std::vector<governance::Election>& elections) {
    Table table{{{"id", N_("ID"), Align::right},
                 {"role", N_("ROLE")},
                 {"seats", N_("SEATS"), Align::right},
                 {"title", N_("TITLE")},
                 {"opened_on", N_("OPENED")},
                 {"closed_on", N_("CLOSED")},
                 {"quorum", N_("QUORUM"), Align::right},
                 {"threshold", N_("THRESHOLD")},
                 {"electorate", N_("ELECTORATE"), Align::right},
                 {"ballots", N_("BALLOTS"), Align::right},
                 {"blank", N_("BLANK"), Align::right},
                 {"result", N_("RESULT")},
                 {"elected", N_("ELECTED")}},
                {}};
    for (const auto& e : elections) {
        std::vector<std::string> elected;
        for (const auto& c : e.candidates) {
            if (c.elected) {
                elected.push_back(c.member_id);
            }
        }
        table.add_row({e.id, e.role, static_cast<std::int64_t>(e.seats), text_cell(e.title),
                       format_date(e.opened_on), date_cell(e.closed_on), e.quorum,
                       config::threshold_name(e.threshold), e.electorate, e.ballots, e.blank,
                       governance::result_name(e.result), elected});
    }
    return table;
}

void print_count(Context& ctx, const governance::Count& count) {
    Table table{{{"member_id", N_("CANDIDATE")},
                 {"votes", N_("VOTES"), Align::right},
                 {"elected", N_("ELECTED")}},
                {}};
    for (const auto& c : count.candidates) {
        table.add_row({c.member_id, c.votes, c.elected});
    }
    if (ctx.format() == output::Format::json) {
        nlohmann::json out;
        out["result"] = governance::result_name(count.result);
        out["electorate"] = count.electorate;
        out["ballots"] = count.ballots;
        out["blank"] = count.blank;
        out["candidates"] = output::to_json(table);
        out["elected"] = count.elected;
        out["tied"] = count.tied;
        out["explanation"] = count.explanation.english();
        ctx.print(output::json_text(out) + "\n");
        return;
    }
    ctx.print_table(table);
}

// ---- Arguments ---------------------------------------------------------------------------------

// The kind of interest --for names; `add` reports a bad one as invalid input (exit 65), a
// filter as a usage error (exit 2).
enum class KindUse { add, filter };

members::InterestKind interest_kind_option(const std::string& text, KindUse use) {
    if (const auto kind = members::parse_interest_kind(text)) {
        return *kind;
    }
    const auto message = msg("\"{}\" is not a kind of interest (known: {})",
                             text::escape_control(text), members::known_interest_kinds());
    if (use == KindUse::filter) {
        throw UsageError(msg("{}: {}", "--for", message));
    }
    throw ValidationError({Diagnostic{.field = "for", .message = message}});
}

std::int64_t parse_id(const std::string& text, const std::string& what) {
    try {
        std::size_t used = 0;
        const auto value = std::stoll(text, &used);
        if (used == text.size() && value > 0) {
            return value;
        }
    } catch (const std::exception&) {
    }
    throw UsageError(msg("{}: \"{}\" is not a number", what, text::escape_control(text)));
}

// MEMBER=VOTES arguments of `election tally` (the member: an id, name or acronym).
std::vector<std::pair<std::string, std::int64_t>> parse_votes(
    const std::vector<std::string>& pairs) {
    std::vector<std::pair<std::string, std::int64_t>> out;
    for (const auto& pair : pairs) {
        const auto eq = pair.rfind('=');
        if (eq == std::string::npos || eq == 0) {
            throw UsageError(msg("tally: \"{}\" is not MEMBER=VOTES", text::escape_control(pair)));
        }
        const std::string number = pair.substr(eq + 1);
        if (number.starts_with('-')) {
            throw UsageError(
                msg("tally: \"{}\": votes cannot be negative", text::escape_control(pair)));
        }
        out.emplace_back(pair.substr(0, eq), number == "0" ? 0 : parse_id(number, "tally"));
    }
    return out;
}

// ---- show, seat, unseat, history, check ------------------------------------------------------

struct AsOfOptions {
    std::optional<std::string> as_of;
};

// "Steering Committee on DATE: N seats; secretariat: M", above the table of `committee show`.
Message committee_summary(const governance::Committee& committee,
                          const std::optional<governance::SecretariatTerm>& secretariat) {
    const auto day = format_date(committee.as_of);
    const auto seats = committee.seats.size();
    if (secretariat) {
        return seats == 1 ? msg("Steering Committee on {}: 1 seat; secretariat: {}", day,
                                secretariat->member_id)
                          : msg("Steering Committee on {}: {} seats; secretariat: {}", day, seats,
                                secretariat->member_id);
    }
    return seats == 1 ? msg("Steering Committee on {}: 1 seat", day)
                      : msg("Steering Committee on {}: {} seats", day, seats);
}

int run_show(Context& ctx, const AsOfOptions& opts) {
    const auto committee =
        governance::committee_on(ctx.store(), date_option(opts.as_of, "--as-of"));
    const auto seat_rows = seats_table(ctx, committee.seats, WithHistory::no);
    const auto observer_rows = observers_table(committee.observers);
    const auto& secretariat = committee.secretariat;
    switch (ctx.format()) {
        case output::Format::json: {
            nlohmann::json out;
            out["as_of"] = format_date(committee.as_of);
            out["seats"] = output::to_json(seat_rows);
            out["observers"] = output::to_json(observer_rows);
            out["secretariat"] =
                secretariat ? nlohmann::json(secretariat->member_id) : nlohmann::json();
            ctx.print(output::json_text(out) + "\n");
            break;
        }
        case output::Format::csv:
            ctx.print_table(seat_rows);
            break;
        case output::Format::table:
            ctx.print(ctx.say(committee_summary(committee, secretariat)) + "\n");
            if (!committee.seats.empty()) {
                ctx.print_table(seat_rows);
            }
            if (!committee.observers.empty()) {
                ctx.print("\n" +
                          ctx.say(committee.observers.size() == 1
                                      ? msg("Observer (not members, no vote):")
                                      : msg("Observers (not members, no vote):")) +
                          "\n");
                ctx.print_table(observer_rows);
            }
            break;
    }
    return 0;
}

struct SeatOptions {
    std::string member;
    std::string role;
    std::string representative;
    std::optional<std::string> from;
    std::optional<std::string> to;
};

int run_seat(Context& ctx, const SeatOptions& opts) {
    // Required unless 'edit' follows (CLI11 would require them of 'seat edit' too).
    for (const auto& [value, name] :
         {std::pair{&opts.member, "MEMBER"}, std::pair{&opts.role, "--role"},
          std::pair{&opts.representative, "--representative"}}) {
        if (value->empty()) {
            throw UsageError(msg("seat: {} is required", name));
        }
    }
    const governance::SeatRequest request{opts.member, opts.role, opts.representative,
                                          date_option(opts.from, "--from"),
                                          date_option(opts.to, "--to")};
    auto& store = ctx.store(store::Access::read_write);
    governance::SeatOutcome out;
    const auto created =
        workflows::committee_findings_created(store, request.from.value_or(store.today()),
                                              [&] { out = governance::seat(store, request); });
    ctx.info(msg("seated {} as {} until {} (seat {})", out.member_id, opts.role,
                 format_date(out.term_end), out.seat_id));
    if (out.secretariat_recorded) {
        ctx.info(msg("{} serves as secretariat", out.member_id));
    }
    warn_committee_findings(ctx, created);
    return 0;
}

struct SeatEditOptions {
    std::string id;
    std::optional<std::string> from;
    std::optional<std::string> to;
    std::optional<std::string> representative;
    std::optional<std::string> role;
    std::string reason;
};

int run_seat_edit(Context& ctx, const SeatEditOptions& opts) {
    const auto id = parse_id(opts.id, "seat");
    const governance::SeatChanges changes{date_option(opts.from, "--from"),
                                          date_option(opts.to, "--to"), opts.representative,
                                          opts.role};
    auto& store = ctx.store(store::Access::read_write);
    governance::SeatEdited out;
    const auto created = workflows::committee_findings_created(
        store, changes.from.value_or(store.today()),
        [&] { out = governance::edit_seat(store, id, changes, opts.reason); });
    ctx.info(msg("corrected seat {} of {}", out.seat_id, out.member_id));
    warn_committee_findings(ctx, created);
    return 0;
}

void register_seat_edit(CLI::App* seat, Context& ctx) {
    auto opts = std::make_shared<SeatEditOptions>();
    auto* edit = seat->add_subcommand(
        "edit", "Correct a seat entered with a wrong date, representative or role");
    edit->add_option("seat", opts->id, "The seat's id (see 'committee history')")
        ->required()
        ->type_name("SEAT-ID");
    edit->add_option("--from", opts->from, "First day of the term")->type_name("DATE");
    edit->add_option("--to", opts->to, "Last day of the term")->type_name("DATE");
    edit->add_option("--representative", opts->representative,
                     "The contact who sits: name, e-mail or contact number")
        ->type_name("NAME");
    edit->add_option("--role", opts->role, "A role of the configuration");
    edit->add_option("--reason", opts->reason, "Why it is corrected (in the audit log)")
        ->required()
        ->type_name("TEXT");
    ctx.on_run(edit, [&ctx, opts] { return run_seat_edit(ctx, *opts); });
}

struct UnseatOptions {
    std::string member;
    std::string reason;
    std::optional<std::string> on;
};

int run_unseat(Context& ctx, const UnseatOptions& opts) {
    const auto on = date_option(opts.on, "--on");
    auto& store = ctx.store(store::Access::read_write);
    governance::Unseated out;
    const auto created = workflows::committee_findings_created(
        store, on.value_or(store.today()),
        [&] { out = governance::unseat(store, opts.member, opts.reason, on); });
    ctx.info(msg("unseated {} (seat {})", out.member_id, out.seat_id));
    warn_committee_findings(ctx, created);
    return 0;
}

struct HistoryOptions {
    std::optional<std::string> member;
};

int run_history(Context& ctx, const HistoryOptions& opts) {
    const auto seats = governance::seat_history(ctx.store(), opts.member);
    ctx.print_table(seats_table(ctx, seats, WithHistory::yes));
    return 0;
}

struct CheckOptions {
    std::optional<std::string> as_of;
    bool all = false;
};

int run_check(Context& ctx, const CheckOptions& opts) {
    auto& store = ctx.store();
    const Date date = date_option(opts.as_of, "--as-of").value_or(store.today());
    return print_check(ctx, "committee", governance::check_committee(store, date), opts.all);
}

void register_seats(CLI::App* cmd, Context& ctx) {
    auto show_opts = std::make_shared<AsOfOptions>();
    auto* show =
        cmd->add_subcommand("show", "The committee on a date: seats, then the observer(s) apart");
    show->add_option("--as-of", show_opts->as_of, "The date to show (default today)")
        ->type_name("DATE");
    ctx.on_run(show, [&ctx, show_opts] { return run_show(ctx, *show_opts); });

    auto seat_opts = std::make_shared<SeatOptions>();
    auto* seat = cmd->add_subcommand(
        "seat",
        "Give a member a seat, represented by one of its contacts; 'seat edit' corrects one");
    // Required (checked by run_seat) unless 'edit' follows.
    seat->add_option("member", seat_opts->member, "The member (id, name or acronym)")
        ->type_name("MEMBER");
    seat->add_option("--role", seat_opts->role,
                     "A role of the configuration (coordinator, member...)");
    seat->add_option("--representative", seat_opts->representative,
                     "The contact who sits: name, e-mail or contact number")
        ->type_name("NAME");
    seat->add_option("--from", seat_opts->from, "First day of the term (default today)")
        ->type_name("DATE");
    seat->add_option("--to", seat_opts->to,
                     "Last day of the term (default: from the configured term length)")
        ->type_name("DATE");
    ctx.on_run(seat, [&ctx, seat_opts] { return run_seat(ctx, *seat_opts); });
    register_seat_edit(seat, ctx);

    auto unseat_opts = std::make_shared<UnseatOptions>();
    auto* unseat = cmd->add_subcommand(
        "unseat", "End a member's seat early, with the reason (kept in the history)");
    unseat->add_option("member", unseat_opts->member, "The member (id, name or acronym)")
        ->required()
        ->type_name("MEMBER");
    unseat->add_option("--reason", unseat_opts->reason, "Why the seat ends")
        ->required()
        ->type_name("TEXT");
    unseat->add_option("--on", unseat_opts->on, "First day without the seat (default today)")
        ->type_name("DATE");
    ctx.on_run(unseat, [&ctx, unseat_opts] { return run_unseat(ctx, *unseat_opts); });

    auto history_opts = std::make_shared<HistoryOptions>();
    auto* history =
        cmd->add_subcommand("history", "Every seat ever held, oldest first, with how it ended");
    history->add_option("member", history_opts->member, "Only this member's seats")
        ->type_name("MEMBER");
    ctx.on_run(history, [&ctx, history_opts] { return run_history(ctx, *history_opts); });
}

void register_check(CLI::App* cmd, Context& ctx) {
    auto opts = std::make_shared<CheckOptions>();
    auto* check = cmd->add_subcommand(
        "check", "Check the committee against the configured rules (exit 1 on errors)");
    check->add_option("--as-of", opts->as_of, "The date to check (default today)")
        ->type_name("DATE");
    add_acknowledgements(check, ctx, "committee", opts->all, [](store::Store& store) {
        return governance::check_committee(store, store.today());
    });
    ctx.on_run(check, [&ctx, opts] { return run_check(ctx, *opts); });
}

// ---- observer ----------------------------------------------------------------------------------

struct ObserverAddOptions {
    std::string name;
    std::string institution;
    std::optional<std::string> email;
    std::optional<std::string> gender;
    std::optional<std::string> from;
};

int run_observer_add(Context& ctx, const ObserverAddOptions& opts) {
    const governance::ObserverRequest request{opts.name, opts.institution, opts.email.value_or(""),
                                              opts.gender.value_or("undisclosed"),
                                              date_option(opts.from, "--from")};
    const auto id = governance::add_observer(ctx.store(store::Access::read_write), request);
    ctx.info(msg("added observer {} ({})", id, opts.institution));
    ctx.print(fmt::format("{}\n", id));
    return 0;
}

struct ObserverEndOptions {
    std::string id;
    std::optional<std::string> reason;
    std::optional<std::string> on;
};

int run_observer_end(Context& ctx, const ObserverEndOptions& opts) {
    const auto id = parse_id(opts.id, "observer");
    const auto on = date_option(opts.on, "--on");
    governance::end_observer(ctx.store(store::Access::read_write), id, opts.reason.value_or(""),
                             on);
    ctx.info(msg("ended observer {}", id));
    return 0;
}

struct ObserverEditOptions {
    std::string id;
    std::optional<std::string> name;
    std::optional<std::string> institution;
    std::optional<std::string> email;
    std::optional<std::string> gender;
    std::optional<std::string> from;
    std::optional<std::string> until;
    std::optional<std::string> reason;
};

int run_observer_edit(Context& ctx, const ObserverEditOptions& opts) {
    const auto id = parse_id(opts.id, "observer");
    const governance::ObserverChanges changes{opts.name,
                                              opts.institution,
                                              opts.email,
                                              opts.gender,
                                              date_option(opts.from, "--from"),
                                              date_option(opts.until, "--until")};
    governance::edit_observer(ctx.store(store::Access::read_write), id, changes, opts.reason);
    ctx.info(msg("corrected observer {}", id));
    return 0;
}

struct ObserverDeleteOptions {
    std::string id;
    std::string reason;
};

int run_observer_delete(Context& ctx, const ObserverDeleteOptions& opts) {
    const auto id = parse_id(opts.id, "observer");
    governance::delete_observer(ctx.store(store::Access::read_write), id, opts.reason);
    ctx.info(msg("deleted observer {}", id));
    return 0;
}

void register_observer_corrections(CLI::App* observer, Context& ctx) {
    auto edit_opts = std::make_shared<ObserverEditOptions>();
    auto* edit = observer->add_subcommand("edit", "Correct an observer (only the fields given)");
    edit->add_option("id", edit_opts->id, "The observer's id")->required()->type_name("ID");
    edit->add_option("--name", edit_opts->name, "The person's name");
    edit->add_option("--institution", edit_opts->institution, "The ministry or agency");
    edit->add_option("--email", edit_opts->email, "The person's e-mail (\"\" for none)");
    edit->add_option("--gender", edit_opts->gender, "female, male, non_binary or undisclosed");
    edit->add_option("--from", edit_opts->from, "First day")->type_name("DATE");
    edit->add_option("--until", edit_opts->until, "First day no longer observing (if ended)")
        ->type_name("DATE");
    edit->add_option("--reason", edit_opts->reason, "Why it is corrected (in the audit log)")
        ->type_name("TEXT");
    ctx.on_run(edit, [&ctx, edit_opts] { return run_observer_edit(ctx, *edit_opts); });

    auto delete_opts = std::make_shared<ObserverDeleteOptions>();
    auto* del = observer->add_subcommand(
        "delete", "Delete an observer entered by mistake (one who left is ended, not deleted)");
    del->add_option("id", delete_opts->id, "The observer's id")->required()->type_name("ID");
    del->add_option("--reason", delete_opts->reason, "Why it is deleted (in the audit log)")
        ->required()
        ->type_name("TEXT");
    ctx.on_destructive_run(del,
                           [&ctx, delete_opts] { return run_observer_delete(ctx, *delete_opts); });
}

int run_observer_list(Context& ctx) {
    ctx.print_table(observers_table(governance::list_observers(ctx.store())));
    return 0;
}

void register_observer(CLI::App* cmd, Context& ctx) {
    auto* observer = cmd->add_subcommand(
        "observer", "The government observer: attends, is not a member, does not vote");
    observer->require_subcommand(1);

    auto add_opts = std::make_shared<ObserverAddOptions>();
    auto* add = observer->add_subcommand("add", "Record a government representative as observer");
    add->add_option("--name", add_opts->name, "The person's name")->required();
    add->add_option("--institution", add_opts->institution, "The ministry or agency")->required();
    add->add_option("--email", add_opts->email, "The person's e-mail");
    add->add_option("--gender", add_opts->gender,
                    "female, male, non_binary or undisclosed (default)");
    add->add_option("--from", add_opts->from, "First day (default today)")->type_name("DATE");
    ctx.on_run(add, [&ctx, add_opts] { return run_observer_add(ctx, *add_opts); });

    auto end_opts = std::make_shared<ObserverEndOptions>();
    auto* end = observer->add_subcommand("end", "End an observer's time on the committee");
    end->add_option("id", end_opts->id, "The observer's id")->required()->type_name("ID");
    end->add_option("--reason", end_opts->reason, "Why it ends")->type_name("TEXT");
    end->add_option("--on", end_opts->on, "First day no longer observing (default today)")
        ->type_name("DATE");
    ctx.on_run(end, [&ctx, end_opts] { return run_observer_end(ctx, *end_opts); });

    auto* list = observer->add_subcommand("list", "Every observer, past and present");
    ctx.on_run(list, [&ctx] { return run_observer_list(ctx); });
    register_observer_corrections(observer, ctx);
}

// ---- interest ----------------------------------------------------------------------------------

struct InterestAddOptions {
    std::string member;
    std::string kind;
    std::optional<std::string> date;
    std::optional<std::string> statement;
    std::optional<std::string> working_group;
};

int run_interest_add(Context& ctx, const InterestAddOptions& opts) {
    const members::InterestRequest request{
        opts.member, interest_kind_option(opts.kind, KindUse::add),
        date_option(opts.date, "--date"), opts.statement.value_or(""),
        opts.working_group.value_or("")};
    const auto id = members::add_interest(ctx.store(store::Access::read_write), request);
    ctx.info(msg("recorded interest {}: {} for {}", id, opts.member, opts.kind));
    ctx.print(fmt::format("{}\n", id));
    return 0;
}

struct InterestListOptions {
    std::optional<std::string> member;
    std::optional<std::string> kind;
    std::optional<std::string> status;
};

int run_interest_list(Context& ctx, const InterestListOptions& opts) {
    members::InterestQuery query{opts.member, std::nullopt, std::nullopt};
    if (opts.kind) {
        query.kind = interest_kind_option(*opts.kind, KindUse::filter);
    }
    if (opts.status) {
        query.status = members::parse_interest_status(*opts.status);
        if (!query.status) {
            throw UsageError(msg("--status: \"{}\" is not a status (known: {})",
                                 text::escape_control(*opts.status),
                                 members::known_interest_statuses()));
        }
    }
    ctx.print_table(interest_table(members::list_interest(ctx.store(), query)));
    return 0;
}

struct InterestWithdrawOptions {
    std::string id;
};

int run_interest_withdraw(Context& ctx, const InterestWithdrawOptions& opts) {
    const auto id = parse_id(opts.id, "interest");
    members::withdraw_interest(ctx.store(store::Access::read_write), id);
    ctx.info(msg("withdrew interest {}", id));
    return 0;
}

void register_interest(CLI::App* cmd, Context& ctx) {
    auto* interest = cmd->add_subcommand("interest", "Members' expressions of interest in serving");
    interest->require_subcommand(1);

    auto add_opts = std::make_shared<InterestAddOptions>();
    auto* add = interest->add_subcommand("add", "Record that a member offers to serve");
    add->add_option("member", add_opts->member, "The member (id, name or acronym)")
        ->required()
        ->type_name("MEMBER");
    add->add_option("--for", add_opts->kind,
                    "steering_committee, secretariat, coordinator or working_group_lead")
        ->required()
        ->type_name("KIND");
    add->add_option("--date", add_opts->date, "When it was expressed (default today)")
        ->type_name("DATE");
    add->add_option("--statement", add_opts->statement, "What the member said")->type_name("TEXT");
    add->add_option("--working-group", add_opts->working_group,
                    "For working_group_lead: the group's id")
        ->type_name("GROUP");
    ctx.on_run(add, [&ctx, add_opts] { return run_interest_add(ctx, *add_opts); });

    auto list_opts = std::make_shared<InterestListOptions>();
    auto* list = interest->add_subcommand("list", "Expressions of interest, oldest first");
    list->add_option("--member", list_opts->member, "Only this member's")->type_name("MEMBER");
    list->add_option("--for", list_opts->kind, "Only of this kind")->type_name("KIND");
    list->add_option("--status", list_opts->status,
                     "Only those of this status: open, withdrawn or fulfilled")
        ->type_name("STATUS");
    ctx.on_run(list, [&ctx, list_opts] { return run_interest_list(ctx, *list_opts); });

    auto withdraw_opts = std::make_shared<InterestWithdrawOptions>();
    auto* withdraw =
        interest->add_subcommand("withdraw", "Mark an open expression of interest as withdrawn");
    withdraw->add_option("id", withdraw_opts->id, "The interest's id")->required()->type_name("ID");
    ctx.on_run(withdraw,
               [&ctx, withdraw_opts] { return run_interest_withdraw(ctx, *withdraw_opts); });
}

// ---- election open, candidate ----------------------------------------------------------------

struct OpenOptions {
    std::string role;
    std::optional<int> seats;
    std::optional<double> quorum;
    std::optional<std::string> threshold;
    std::optional<std::string> on;
    std::optional<std::string> title;
};

int run_open(Context& ctx, const OpenOptions& opts) {
    const governance::ElectionRequest request{
        opts.role,
        opts.seats.value_or(1),
        opts.quorum,
        opts.threshold ? config::parse_threshold(*opts.threshold) : std::nullopt,
        date_option(opts.on, "--on"),
        opts.title.value_or("")};
    const auto id = governance::open_election(ctx.store(store::Access::read_write), request);
    ctx.info(msg("opened election {} for {}", id, opts.role));
    ctx.print(fmt::format("{}\n", id));
    return 0;
}

void register_open(CLI::App* election, Context& ctx) {
    auto opts = std::make_shared<OpenOptions>();
    auto* open = election->add_subcommand("open", "Open an election for a role");
    open->add_option("--role", opts->role, "The role elected (coordinator, member...)")->required();
    open->add_option("--seats", opts->seats, "How many are elected (default 1)")
        ->check(whole_number(1))
        ->type_name("N");
    open->add_option("--quorum", opts->quorum,
                     "Fraction of the electorate that must vote (default: config)")
        ->check(fraction())
        ->type_name("FRACTION");
    open->add_option("--threshold", opts->threshold,
                     "simple_majority, absolute_majority or two_thirds")
        ->check(CLI::IsMember({"simple_majority", "absolute_majority", "two_thirds"}));
    open->add_option("--on", opts->on, "Opening date (default today)")->type_name("DATE");
    open->add_option("--title", opts->title, "A title for people")->type_name("TEXT");
    ctx.on_run(open, [&ctx, opts] { return run_open(ctx, *opts); });
}

struct CandidateOptions {
    std::string election;
    std::string member;
    std::optional<std::string> representative;
};

int run_candidate(Context& ctx, const CandidateOptions& opts) {
    if (opts.election.empty() || opts.member.empty()) {
        throw UsageError(msg("candidate: give ELECTION MEMBER (or 'candidate withdraw')"));
    }
    const auto id = parse_id(opts.election, "election");
    const auto out = governance::add_candidate(ctx.store(store::Access::read_write), id,
                                               opts.member, opts.representative.value_or(""));
    ctx.info(msg("{} stands in election {}", out.member_id, id));
    if (!out.interested) {
        ctx.warn(
            msg("{} has not expressed interest in this role (see 'nacsa committee interest list')",
                out.member_id));
    }
    return 0;
}

struct WithdrawOptions {
    std::string election;
    std::string member;
    std::string reason;
};

int run_withdraw(Context& ctx, const WithdrawOptions& opts) {
    const auto id = parse_id(opts.election, "election");
    const auto member = governance::withdraw_candidate(ctx.store(store::Access::read_write), id,
                                                       opts.member, opts.reason);
    ctx.info(msg("{} withdrew from election {}", member, id));
    return 0;
}

void register_withdraw(CLI::App* candidate, Context& ctx) {
    auto opts = std::make_shared<WithdrawOptions>();
    auto* withdraw = candidate->add_subcommand(
        "withdraw", "Withdraw a candidate (kept in the record, no longer electable)");
    withdraw->add_option("election", opts->election, "The election's id")
        ->required()
        ->type_name("ID");
    withdraw->add_option("member", opts->member, "The candidate (id, name or acronym)")
        ->required()
        ->type_name("MEMBER");
    withdraw->add_option("--reason", opts->reason, "Why it withdraws (in the record and the log)")
        ->required()
        ->type_name("TEXT");
    ctx.on_run(withdraw, [&ctx, opts] { return run_withdraw(ctx, *opts); });
}

void register_candidate(CLI::App* election, Context& ctx) {
    auto opts = std::make_shared<CandidateOptions>();
    auto* candidate = election->add_subcommand(
        "candidate", "Add a candidate (an active member); 'candidate withdraw' withdraws one");
    // Both are required unless 'withdraw' follows (checked by run_candidate).
    candidate->add_option("election", opts->election, "The election's id")->type_name("ID");
    candidate->add_option("member", opts->member, "The member standing (id, name or acronym)")
        ->type_name("MEMBER");
    candidate
        ->add_option("--representative", opts->representative,
                     "Who would sit (default: the member's primary contact)")
        ->type_name("NAME");
    ctx.on_run(candidate, [&ctx, opts] { return run_candidate(ctx, *opts); });
    register_withdraw(candidate, ctx);
}

// ---- election vote, tally, close -------------------------------------------------------------

struct VoteOptions {
    std::string election;
    std::string voter;
    std::optional<std::vector<std::string>> candidates;
    bool blank = false;
};

int run_vote(Context& ctx, const VoteOptions& opts) {
    const auto candidates = opts.candidates.value_or(std::vector<std::string>{});
    if (candidates.empty() && !opts.blank) {
        throw UsageError(msg("vote: give --for MEMBER or --blank"));
    }
    const auto id = parse_id(opts.election, "election");
    const auto voter =
        governance::cast_vote(ctx.store(store::Access::read_write), id, opts.voter, candidates);
    ctx.info(msg("recorded the ballot of {} in election {}", voter, id));
    return 0;
}

void register_vote(CLI::App* election, Context& ctx) {
    auto opts = std::make_shared<VoteOptions>();
    auto* vote = election->add_subcommand(
        "vote", "Record one voting member's ballot (one per organisation)");
    vote->add_option("election", opts->election, "The election's id")->required()->type_name("ID");
    vote->add_option("--voter", opts->voter, "The member voting")->required()->type_name("MEMBER");
    auto* for_opt = add_list_option(vote, "--for", opts->candidates, "The candidate(s) chosen")
                        ->type_name("MEMBER");
    auto* blank_opt = vote->add_flag("--blank", opts->blank, "A blank ballot");
    for_opt->excludes(blank_opt);
    ctx.on_run(vote, [&ctx, opts] { return run_vote(ctx, *opts); });
}

struct BallotVoidOptions {
    std::string election;
    std::string voter;
    std::string reason;
};

int run_ballot_void(Context& ctx, const BallotVoidOptions& opts) {
    const auto id = parse_id(opts.election, "election");
    const auto voter =
        governance::void_ballot(ctx.store(store::Access::read_write), id, opts.voter, opts.reason);
    ctx.info(msg("voided the ballot of {} in election {}", voter, id));
    return 0;
}

void register_ballot(CLI::App* election, Context& ctx) {
    auto* ballot = election->add_subcommand("ballot", "Correct a ballot already recorded");
    ballot->require_subcommand(1);
    auto opts = std::make_shared<BallotVoidOptions>();
    auto* void_cmd = ballot->add_subcommand(
        "void", "Void a voter's ballot (kept in the record, no longer counted)");
    void_cmd->add_option("election", opts->election, "The election's id")
        ->required()
        ->type_name("ID");
    void_cmd->add_option("--voter", opts->voter, "The member whose ballot is voided")
        ->required()
        ->type_name("MEMBER");
    void_cmd->add_option("--reason", opts->reason, "Why it is voided (in the record and the log)")
        ->required()
        ->type_name("TEXT");
    ctx.on_run(void_cmd, [&ctx, opts] { return run_ballot_void(ctx, *opts); });
}

struct TallyOptions {
    std::string election;
    std::int64_t ballots = 0;
    std::optional<std::int64_t> blank;
    std::vector<std::string> votes;
};

int run_tally(Context& ctx, const TallyOptions& opts) {
    const auto id = parse_id(opts.election, "election");
    const governance::TallyRequest request{opts.ballots, opts.blank.value_or(0),
                                           parse_votes(opts.votes)};
    governance::record_tally(ctx.store(store::Access::read_write), id, request);
    ctx.info(msg("recorded the tally of election {}", id));
    return 0;
}

void register_tally(CLI::App* election, Context& ctx) {
    auto opts = std::make_shared<TallyOptions>();
    auto* tally = election->add_subcommand(
        "tally", "Record counted votes (a vote held on paper or at a meeting)");
    tally->add_option("election", opts->election, "The election's id")->required()->type_name("ID");
    tally->add_option("votes", opts->votes, "Votes per candidate")
        ->required()
        ->type_name("MEMBER=VOTES");
    tally->add_option("--ballots", opts->ballots, "How many voting members cast a ballot")
        ->required()
        ->check(whole_number(0))
        ->type_name("N");
    tally->add_option("--blank", opts->blank, "How many of those ballots were blank (default 0)")
        ->check(whole_number(0))
        ->type_name("N");
    ctx.on_run(tally, [&ctx, opts] { return run_tally(ctx, *opts); });
}

struct CloseOptions {
    std::string election;
    std::optional<std::string> on;
};

int run_close(Context& ctx, const CloseOptions& opts) {
    const auto id = parse_id(opts.election, "election");
    const auto on = date_option(opts.on, "--on");
    const auto out = governance::close_election(ctx.store(store::Access::read_write), id, on);
    ctx.info(msg("closed election {}: {}", id, out.count.explanation));
    if (out.secretariat_recorded) {
        ctx.info(msg("{} serves as secretariat", out.count.elected.front()));
    }
    print_count(ctx, out.count);
    return 0;
}

void register_close(CLI::App* election, Context& ctx) {
    auto opts = std::make_shared<CloseOptions>();
    auto* close =
        election->add_subcommand("close", "Count the votes, store the result and seat the elected");
    close->add_option("election", opts->election, "The election's id")->required()->type_name("ID");
    close->add_option("--on", opts->on, "Closing date (default today)")->type_name("DATE");
    ctx.on_run(close, [&ctx, opts] { return run_close(ctx, *opts); });
}

// ---- election show, list ---------------------------------------------------------------------

struct ElectionShowOptions {
    std::string election;
};

int run_election_show(Context& ctx, const ElectionShowOptions& opts) {
    const auto id = parse_id(opts.election, "election");
    const auto e = governance::get_election(ctx.store(), id);
    if (ctx.format() == output::Format::json) {
        auto out = output::to_json(elections_table({e})).at(0);
        out["candidates"] = output::to_json(candidates_table(e));
        out["voided_ballots"] = output::to_json(voided_table(e));
        ctx.print(output::json_text(out) + "\n");
        return 0;
    }
    if (ctx.format() == output::Format::csv) {
        ctx.print_table(candidates_table(e));
        return 0;
    }
    ctx.print_record(elections_table({e}));
    ctx.print("\n");
    ctx.print_table(candidates_table(e));
    if (!e.voided.empty()) {
        ctx.print("\n" +
                  ctx.say(e.voided.size() == 1 ? msg("Voided ballot (not counted):")
                                               : msg("Voided ballots (not counted):")) +
                  "\n");
        ctx.print_table(voided_table(e));
    }
    if (e.is_open()) {
        ctx.print("\n" + ctx.say(msg("So far: {}", e.explanation)) + "\n");
    }
    return 0;
}

struct ElectionListOptions {
    std::optional<std::string> from;
    std::optional<std::string> to;
};

int run_election_list(Context& ctx, const ElectionListOptions& opts) {
    const auto from = date_option(opts.from, "--from");
    const auto to = date_option(opts.to, "--to");
    ctx.print_table(elections_table(governance::list_elections(ctx.store(), from, to)));
    return 0;
}

void register_election_queries(CLI::App* election, Context& ctx) {
    auto show_opts = std::make_shared<ElectionShowOptions>();
    auto* show =
        election->add_subcommand("show", "An election with its candidates and votes so far");
    show->add_option("election", show_opts->election, "The election's id")
        ->required()
        ->type_name("ID");
    ctx.on_run(show, [&ctx, show_opts] { return run_election_show(ctx, *show_opts); });

    auto list_opts = std::make_shared<ElectionListOptions>();
    auto* list = election->add_subcommand("list", "Elections, oldest first");
    list->add_option("--from", list_opts->from, "Only elections open on or after this date")
        ->type_name("DATE");
    list->add_option("--to", list_opts->to, "Only elections opened on or before this date")
        ->type_name("DATE");
    ctx.on_run(list, [&ctx, list_opts] { return run_election_list(ctx, *list_opts); });
}

void register_election(CLI::App* cmd, Context& ctx) {
    auto* election = cmd->add_subcommand("election", "Elections: coordinator or committee seats");
    election->require_subcommand(1);
    register_open(election, ctx);
    register_candidate(election, ctx);
    register_vote(election, ctx);
    register_ballot(election, ctx);
    register_tally(election, ctx);
    register_close(election, ctx);
    register_election_queries(election, ctx);
}

}  // namespace

void register_committee(CLI::App* cmd, Context& ctx) {
    cmd->require_subcommand(1);
    // Each part only when the command line may run one of its subcommands (Context::builds).
    ctx.build_parts<CLI::App*>(cmd, {{"show seat unseat history", register_seats},
                                     {"observer", register_observer},
                                     {"interest", register_interest},
                                     {"election", register_election},
                                     {"check", register_check}});
}

}  // namespace nacsa::cli
