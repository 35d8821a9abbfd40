#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "governance/governance.hpp"
#include "members/interest.hpp"

namespace nacsa::cli {

namespace {

using output::Align;
using output::Cell;
using output::Table;

Cell date_cell(const std::optional<Date>& d) {
    if (!d) {
        return {};
    }
    return format_date(*d);
}

Cell text_cell(const std::string& s) {
    if (s.empty()) {
        return {};
    }
    return s;
}

std::string role_label(Context& ctx, const std::string& key) {
    const auto* role = ctx.store().alliance().find_role(key);
    return role == nullptr ? key : role->labels.in(ctx.language());
}

std::optional<Date> optional_date(const std::string& value, const std::string& option) {
    if (value.empty()) {
        return std::nullopt;
    }
    return parse_date_option(value, option);
}

Date as_of_date(Context& ctx, const std::string& value) {
    if (value.empty()) {
        return today(ctx.store().alliance().time_zone);
    }
    return parse_date_option(value, "--as-of");
}

Table seats_table(Context& ctx, const std::vector<governance::Seat>& seats, bool with_history) {
    Table table{{{"role", "ROLE"},
                 {"role_label", "ROLE LABEL"},
                 {"member_id", "MEMBER"},
                 {"member", "NAME"},
                 {"representative", "REPRESENTATIVE"},
                 {"gender", "GENDER"},
                 {"region", "REGION"},
                 {"thematic_areas", "THEMES"},
                 {"term_start", "FROM"},
                 {"term_end", "TERM END"}},
                {}};
    if (with_history) {
        table.columns.insert(table.columns.begin(), {"seat", "SEAT", Align::right});
        table.columns.push_back({"ended_on", "ENDED"});
        table.columns.push_back({"end_reason", "REASON"});
        table.columns.push_back({"election", "ELECTION", Align::right});
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
        if (with_history) {
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
    Table table{{{"id", "OBSERVER", Align::right},
                 {"name", "NAME"},
                 {"institution", "INSTITUTION"},
                 {"email", "E-MAIL"},
                 {"gender", "GENDER"},
                 {"from", "FROM"},
                 {"until", "UNTIL"},
                 {"end_reason", "REASON"}},
                {}};
    for (const auto& o : observers) {
        table.add_row({o.id, o.name, o.institution, text_cell(o.email), o.gender,
                       format_date(o.from), date_cell(o.until), text_cell(o.end_reason)});
    }
    return table;
}

Table interest_table(const std::vector<members::Interest>& items) {
    Table table{{{"id", "ID", Align::right},
                 {"member_id", "MEMBER"},
                 {"kind", "FOR"},
                 {"working_group", "GROUP"},
                 {"date", "DATE"},
                 {"status", "STATUS"},
                 {"statement", "STATEMENT"}},
                {}};
    for (const auto& i : items) {
        table.add_row({i.id, i.member_id, std::string(members::kind_name(i.kind)),
                       text_cell(i.working_group), format_date(i.date),
                       std::string(members::status_name(i.status)), text_cell(i.statement)});
    }
    return table;
}

// The kind of interest --for names; `add` reports a bad one as invalid input (exit 65), a
// filter as a usage error (exit 2).
members::InterestKind interest_kind_option(const std::string& text, bool filter) {
    if (const auto kind = members::parse_interest_kind(text)) {
        return *kind;
    }
    const auto message = fmt::format("\"{}\" is not a kind of interest (known: {})",
                                     text::escape_control(text), members::known_interest_kinds());
    if (filter) {
        throw UsageError("--for: " + message);
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
    throw UsageError(fmt::format("{}: \"{}\" is not a number", what, text::escape_control(text)));
}

// ---- show, seat, unseat, history -----------------------------------------------------------

void register_show(CLI::App* cmd, Context& ctx) {
    auto as_of = std::make_shared<std::string>();
    auto* show =
        cmd->add_subcommand("show", "The committee on a date: seats, then the observer(s) apart");
    show->add_option("--as-of", *as_of, "The date to show (default today)")->type_name("DATE");
    ctx.on_run(show, [&ctx, as_of] {
        const Date date = as_of_date(ctx, *as_of);
        auto& store = ctx.store();
        const auto seats = governance::committee_as_of(store, date);
        const auto observers = governance::observers_as_of(store, date);
        const auto secretariat = governance::secretariat_as_of(store, date);
        const auto seat_rows = seats_table(ctx, seats, false);
        const auto observer_rows = observers_table(observers);
        switch (ctx.format()) {
            case output::Format::json: {
                nlohmann::json out;
                out["as_of"] = format_date(date);
                out["seats"] = output::to_json(seat_rows);
                out["observers"] = output::to_json(observer_rows);
                out["secretariat"] =
                    secretariat ? nlohmann::json(secretariat->member_id) : nlohmann::json();
                ctx.print(out.dump(2) + "\n");
                break;
            }
            case output::Format::csv:
                ctx.print_table(seat_rows);
                break;
            case output::Format::table:
                ctx.print(fmt::format(
                    "Steering Committee on {}: {} seat{}{}\n", format_date(date), seats.size(),
                    seats.size() == 1 ? "" : "s",
                    secretariat ? fmt::format("; secretariat: {}", secretariat->member_id) : ""));
                if (!seats.empty()) {
                    ctx.print_table(seat_rows);
                }
                if (!observers.empty()) {
                    ctx.print(fmt::format("\nObserver{} (not members, no vote):\n",
                                          observers.size() == 1 ? "" : "s"));
                    ctx.print_table(observer_rows);
                }
                break;
        }
        return 0;
    });
}

struct SeatOptions {
    std::string member;
    std::string role;
    std::string representative;
    std::string from;
    std::string to;
};

void register_seat(CLI::App* cmd, Context& ctx) {
    auto opts = std::make_shared<SeatOptions>();
    auto* seat =
        cmd->add_subcommand("seat", "Give a member a seat, represented by one of its contacts");
    seat->add_option("member", opts->member, "The member's id")->required()->type_name("MEMBER");
    seat->add_option("--role", opts->role, "A role of the configuration (coordinator, member...)")
        ->required();
    seat->add_option("--representative", opts->representative,
                     "The contact who sits: name, e-mail or contact id")
        ->required()
        ->type_name("NAME");
    seat->add_option("--from", opts->from, "First day of the term (default today)")
        ->type_name("DATE");
    seat->add_option("--to", opts->to,
                     "Last day of the term (default: from the configured term length)")
        ->type_name("DATE");
    ctx.on_run(seat, [&ctx, opts] {
        governance::SeatRequest request{opts->member, opts->role, opts->representative,
                                        optional_date(opts->from, "--from"),
                                        optional_date(opts->to, "--to")};
        auto& store = ctx.store(store::Access::read_write);
        const auto out = governance::seat(store, request);
        ctx.info(fmt::format("seated {} as {} until {} (seat {})", opts->member, opts->role,
                             format_date(out.term_end), out.seat_id));
        if (out.secretariat_recorded) {
            ctx.info(fmt::format("{} serves as secretariat", opts->member));
        }
        return 0;
    });
}

struct UnseatOptions {
    std::string member;
    std::string reason;
    std::string on;
};

void register_unseat(CLI::App* cmd, Context& ctx) {
    auto opts = std::make_shared<UnseatOptions>();
    auto* unseat = cmd->add_subcommand(
        "unseat", "End a member's seat early, with the reason (kept in the history)");
    unseat->add_option("member", opts->member, "The member's id")->required()->type_name("MEMBER");
    unseat->add_option("--reason", opts->reason, "Why the seat ends")
        ->required()
        ->type_name("TEXT");
    unseat->add_option("--on", opts->on, "First day without the seat (default today)")
        ->type_name("DATE");
    ctx.on_run(unseat, [&ctx, opts] {
        const auto on = optional_date(opts->on, "--on");
        const auto id = governance::unseat(ctx.store(store::Access::read_write), opts->member,
                                           opts->reason, on);
        ctx.info(fmt::format("unseated {} (seat {})", opts->member, id));
        return 0;
    });
}

void register_history(CLI::App* cmd, Context& ctx) {
    auto member = std::make_shared<std::string>();
    auto* history =
        cmd->add_subcommand("history", "Every seat ever held, oldest first, with how it ended");
    history->add_option("member", *member, "Only this member's seats")->type_name("MEMBER");
    ctx.on_run(history, [&ctx, member] {
        const auto seats = governance::seat_history(
            ctx.store(), member->empty() ? std::nullopt : std::optional<std::string>(*member));
        ctx.print_table(seats_table(ctx, seats, true));
        return 0;
    });
}

// ---- observer, interest --------------------------------------------------------------------

void register_observer(CLI::App* cmd, Context& ctx) {
    auto* observer = cmd->add_subcommand(
        "observer", "The government observer: attends, is not a member, does not vote");
    observer->require_subcommand(1);

    auto req = std::make_shared<governance::ObserverRequest>();
    auto from = std::make_shared<std::string>();
    auto* add = observer->add_subcommand("add", "Record a government representative as observer");
    add->add_option("--name", req->name, "The person's name")->required();
    add->add_option("--institution", req->institution, "The ministry or agency")->required();
    add->add_option("--email", req->email, "The person's e-mail");
    add->add_option("--gender", req->gender, "female, male, non_binary or undisclosed (default)");
    add->add_option("--from", *from, "First day (default today)")->type_name("DATE");
    ctx.on_run(add, [&ctx, req, from] {
        req->from = optional_date(*from, "--from");
        const auto id = governance::add_observer(ctx.store(store::Access::read_write), *req);
        ctx.info(fmt::format("added observer {} ({})", id, req->institution));
        ctx.print(fmt::format("{}\n", id));
        return 0;
    });

    struct EndOptions {
        std::string id;
        std::string reason;
        std::string on;
    };
    auto end_opts = std::make_shared<EndOptions>();
    auto* end = observer->add_subcommand("end", "End an observer's time on the committee");
    end->add_option("id", end_opts->id, "The observer's id")->required()->type_name("ID");
    end->add_option("--reason", end_opts->reason, "Why it ends")->type_name("TEXT");
    end->add_option("--on", end_opts->on, "First day no longer observing (default today)")
        ->type_name("DATE");
    ctx.on_run(end, [&ctx, end_opts] {
        const auto id = parse_id(end_opts->id, "observer");
        const auto on = optional_date(end_opts->on, "--on");
        governance::end_observer(ctx.store(store::Access::read_write), id, end_opts->reason, on);
        ctx.info(fmt::format("ended observer {}", id));
        return 0;
    });

    auto* list = observer->add_subcommand("list", "Every observer, past and present");
    ctx.on_run(list, [&ctx] {
        ctx.print_table(observers_table(governance::list_observers(ctx.store())));
        return 0;
    });
}

void register_interest(CLI::App* cmd, Context& ctx) {
    auto* interest = cmd->add_subcommand("interest", "Members' expressions of interest in serving");
    interest->require_subcommand(1);

    struct AddInterest {
        members::InterestRequest request;
        std::string kind;
        std::string date;
    };
    auto req = std::make_shared<AddInterest>();
    auto* add = interest->add_subcommand("add", "Record that a member offers to serve");
    add->add_option("member", req->request.member, "The member (id, name or acronym)")
        ->required()
        ->type_name("MEMBER");
    add->add_option("--for", req->kind,
                    "steering_committee, secretariat, coordinator or working_group_lead")
        ->required()
        ->type_name("KIND");
    add->add_option("--date", req->date, "When it was expressed (default today)")
        ->type_name("DATE");
    add->add_option("--statement", req->request.statement, "What the member said")
        ->type_name("TEXT");
    add->add_option("--working-group", req->request.working_group,
                    "For working_group_lead: the group's id")
        ->type_name("GROUP");
    ctx.on_run(add, [&ctx, req] {
        req->request.kind = interest_kind_option(req->kind, false);
        req->request.date = optional_date(req->date, "--date");
        const auto id =
            members::add_interest(ctx.store(store::Access::read_write), req->request);
        ctx.info(fmt::format("recorded interest {}: {} for {}", id, req->request.member, req->kind));
        ctx.print(fmt::format("{}\n", id));
        return 0;
    });

    auto query = std::make_shared<std::array<std::string, 3>>();
    auto* list = interest->add_subcommand("list", "Expressions of interest, oldest first");
    list->add_option("--member", (*query)[0], "Only this member's")->type_name("MEMBER");
    list->add_option("--for", (*query)[1], "Only of this kind")->type_name("KIND");
    list->add_option("--status", (*query)[2], "Only open, withdrawn or fulfilled ones")
        ->type_name("STATUS");
    ctx.on_run(list, [&ctx, query] {
        members::InterestQuery q;
        if (!(*query)[0].empty()) {
            q.member = (*query)[0];
        }
        if (!(*query)[1].empty()) {
            q.kind = interest_kind_option((*query)[1], true);
        }
        if (!(*query)[2].empty()) {
            q.status = members::parse_interest_status((*query)[2]);
            if (!q.status) {
                throw UsageError(fmt::format("--status: \"{}\" is not a status (known: {})",
                                             text::escape_control((*query)[2]),
                                             members::known_interest_statuses()));
            }
        }
        ctx.print_table(interest_table(members::list_interest(ctx.store(), q)));
        return 0;
    });

    auto id = std::make_shared<std::string>();
    auto* withdraw =
        interest->add_subcommand("withdraw", "Mark an open expression of interest as withdrawn");
    withdraw->add_option("id", *id, "The interest's id")->required()->type_name("ID");
    ctx.on_run(withdraw, [&ctx, id] {
        const auto number = parse_id(*id, "interest");
        members::withdraw_interest(ctx.store(store::Access::read_write), number);
        ctx.info(fmt::format("withdrew interest {}", number));
        return 0;
    });
}

// ---- elections ---------------------------------------------------------------------------------

Table candidates_table(const governance::Election& e) {
    Table table{{{"member_id", "CANDIDATE"},
                 {"member", "NAME"},
                 {"representative", "REPRESENTATIVE"},
                 {"votes", "VOTES", Align::right},
                 {"elected", "ELECTED"}},
                {}};
    for (const auto& c : e.candidates) {
        table.add_row(
            {c.member_id, c.member_name, text_cell(c.representative), c.votes, c.elected});
    }
    return table;
}

Table elections_table(const std::vector<governance::Election>& elections) {
    Table table{{{"id", "ID", Align::right},
                 {"role", "ROLE"},
                 {"seats", "SEATS", Align::right},
                 {"title", "TITLE"},
                 {"opened_on", "OPENED"},
                 {"closed_on", "CLOSED"},
                 {"quorum", "QUORUM", Align::right},
                 {"threshold", "THRESHOLD"},
                 {"electorate", "ELECTORATE", Align::right},
                 {"ballots", "BALLOTS", Align::right},
                 {"blank", "BLANK", Align::right},
                 {"result", "RESULT"},
                 {"elected", "ELECTED"}},
                {}};
    for (const auto& e : elections) {
        std::vector<std::string> elected;
        for (const auto& c : e.candidates) {
            if (c.elected) {
                elected.push_back(c.member_id);
            }
        }
        table.add_row({e.id, e.role, static_cast<std::int64_t>(e.seats), text_cell(e.title),
                       format_date(e.opened_on), date_cell(e.closed_on), e.quorum, e.threshold,
                       e.electorate, e.ballots, e.blank, governance::result_name(e.result),
                       elected});
    }
    return table;
}

void print_count(Context& ctx, const governance::Count& count) {
    Table table{
        {{"member_id", "CANDIDATE"}, {"votes", "VOTES", Align::right}, {"elected", "ELECTED"}}, {}};
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
        out["explanation"] = count.explanation;
        ctx.print(out.dump(2) + "\n");
        return;
    }
    ctx.print_table(table);
}

void register_election(CLI::App* cmd, Context& ctx) {
    auto* election = cmd->add_subcommand("election", "Elections: coordinator or committee seats");
    election->require_subcommand(1);

    struct OpenOptions {
        std::string role;
        int seats = 1;
        std::optional<double> quorum;
        std::string threshold;
        std::string on;
        std::string title;
    };
    auto open_opts = std::make_shared<OpenOptions>();
    auto* open = election->add_subcommand("open", "Open an election for a role");
    open->add_option("--role", open_opts->role, "The role elected (coordinator, member...)")
        ->required();
    open->add_option("--seats", open_opts->seats, "How many are elected (default 1)")
        ->check(CLI::PositiveNumber);
    open->add_option("--quorum", open_opts->quorum,
                     "Fraction of the electorate that must vote (default: config)")
        ->check(CLI::Range(0.0, 1.0))
        ->type_name("FRACTION");
    open->add_option("--threshold", open_opts->threshold,
                     "simple_majority, absolute_majority or two_thirds")
        ->check(CLI::IsMember({"simple_majority", "absolute_majority", "two_thirds"}));
    open->add_option("--on", open_opts->on, "Opening date (default today)")->type_name("DATE");
    open->add_option("--title", open_opts->title, "A title for people")->type_name("TEXT");
    ctx.on_run(open, [&ctx, open_opts] {
        governance::ElectionRequest request;
        request.role = open_opts->role;
        request.seats = open_opts->seats;
        request.quorum = open_opts->quorum;
        if (!open_opts->threshold.empty()) {
            request.threshold = open_opts->threshold;
        }
        request.opened_on = optional_date(open_opts->on, "--on");
        request.title = open_opts->title;
        const auto id = governance::open_election(ctx.store(store::Access::read_write), request);
        ctx.info(fmt::format("opened election {} for {}", id, open_opts->role));
        ctx.print(fmt::format("{}\n", id));
        return 0;
    });

    struct CandidateOptions {
        std::string election;
        std::string member;
        std::string representative;
    };
    auto cand_opts = std::make_shared<CandidateOptions>();
    auto* candidate = election->add_subcommand("candidate", "Add a candidate (an active member)");
    candidate->add_option("election", cand_opts->election, "The election's id")
        ->required()
        ->type_name("ID");
    candidate->add_option("member", cand_opts->member, "The member standing")
        ->required()
        ->type_name("MEMBER");
    candidate
        ->add_option("--representative", cand_opts->representative,
                     "Who would sit (default: the member's primary contact)")
        ->type_name("NAME");
    ctx.on_run(candidate, [&ctx, cand_opts] {
        const auto id = parse_id(cand_opts->election, "election");
        const bool interested = governance::add_candidate(
            ctx.store(store::Access::read_write), id, cand_opts->member, cand_opts->representative);
        ctx.info(fmt::format("{} stands in election {}", cand_opts->member, id));
        if (!interested) {
            ctx.warn(fmt::format(
                "{} has not expressed interest in this role (see 'nacsa committee interest list')",
                cand_opts->member));
        }
        return 0;
    });

    struct VoteOptions {
        std::string election;
        std::string voter;
        std::vector<std::string> candidates;
        bool blank = false;
    };
    auto vote_opts = std::make_shared<VoteOptions>();
    auto* vote = election->add_subcommand(
        "vote", "Record one voting member's ballot (one per organisation)");
    vote->add_option("election", vote_opts->election, "The election's id")
        ->required()
        ->type_name("ID");
    vote->add_option("--voter", vote_opts->voter, "The member voting")
        ->required()
        ->type_name("MEMBER");
    auto* for_opt = vote->add_option("--for", vote_opts->candidates, "The candidate(s) chosen")
                        ->delimiter(',')
                        ->type_name("MEMBER");
    auto* blank_opt = vote->add_flag("--blank", vote_opts->blank, "A blank ballot");
    for_opt->excludes(blank_opt);
    ctx.on_run(vote, [&ctx, vote_opts] {
        if (vote_opts->candidates.empty() && !vote_opts->blank) {
            throw UsageError("vote: give --for MEMBER or --blank");
        }
        const auto id = parse_id(vote_opts->election, "election");
        governance::cast_vote(ctx.store(store::Access::read_write), id, vote_opts->voter,
                              vote_opts->candidates);
        ctx.info(fmt::format("recorded the ballot of {} in election {}", vote_opts->voter, id));
        return 0;
    });

    struct TallyOptions {
        std::string election;
        std::int64_t ballots = 0;
        std::int64_t blank = 0;
        std::vector<std::string> votes;
    };
    auto tally_opts = std::make_shared<TallyOptions>();
    auto* tally = election->add_subcommand(
        "tally", "Record counted votes (a vote held on paper or at a meeting)");
    tally->add_option("election", tally_opts->election, "The election's id")
        ->required()
        ->type_name("ID");
    tally->add_option("votes", tally_opts->votes, "Votes per candidate")
        ->required()
        ->type_name("MEMBER=VOTES");
    tally->add_option("--ballots", tally_opts->ballots, "How many voting members cast a ballot")
        ->required()
        ->check(CLI::NonNegativeNumber);
    tally
        ->add_option("--blank", tally_opts->blank,
                     "How many of those ballots were blank (default 0)")
        ->check(CLI::NonNegativeNumber);
    ctx.on_run(tally, [&ctx, tally_opts] {
        const auto id = parse_id(tally_opts->election, "election");
        governance::TallyRequest request{tally_opts->ballots, tally_opts->blank, {}};
        for (const auto& pair : tally_opts->votes) {
            const auto eq = pair.find('=');
            if (eq == std::string::npos || eq == 0) {
                throw UsageError(
                    fmt::format("tally: \"{}\" is not MEMBER=VOTES", text::escape_control(pair)));
            }
            const std::string number = pair.substr(eq + 1);
            request.votes.emplace_back(pair.substr(0, eq),
                                       number == "0" ? 0 : parse_id(number, "tally"));
        }
        governance::record_tally(ctx.store(store::Access::read_write), id, request);
        ctx.info(fmt::format("recorded the tally of election {}", id));
        return 0;
    });

    auto close_opts = std::make_shared<std::array<std::string, 2>>();
    auto* close =
        election->add_subcommand("close", "Count the votes, store the result and seat the elected");
    close->add_option("election", (*close_opts)[0], "The election's id")
        ->required()
        ->type_name("ID");
    close->add_option("--on", (*close_opts)[1], "Closing date (default today)")->type_name("DATE");
    ctx.on_run(close, [&ctx, close_opts] {
        const auto id = parse_id((*close_opts)[0], "election");
        const auto on = optional_date((*close_opts)[1], "--on");
        const auto out = governance::close_election(ctx.store(store::Access::read_write), id, on);
        ctx.info(fmt::format("closed election {}: {}", id, out.count.explanation));
        if (out.secretariat_recorded) {
            ctx.info(fmt::format("{} serves as secretariat", out.count.elected.front()));
        }
        print_count(ctx, out.count);
        return 0;
    });

    auto show_id = std::make_shared<std::string>();
    auto* show =
        election->add_subcommand("show", "An election with its candidates and votes so far");
    show->add_option("election", *show_id, "The election's id")->required()->type_name("ID");
    ctx.on_run(show, [&ctx, show_id] {
        const auto id = parse_id(*show_id, "election");
        const auto e = governance::get_election(ctx.store(), id);
        if (ctx.format() == output::Format::json) {
            auto out = output::to_json(elections_table({e})).at(0);
            out["candidates"] = output::to_json(candidates_table(e));
            ctx.print(out.dump(2) + "\n");
            return 0;
        }
        if (ctx.format() == output::Format::csv) {
            ctx.print_table(candidates_table(e));
            return 0;
        }
        ctx.print_record(elections_table({e}));
        ctx.print("\n");
        ctx.print_table(candidates_table(e));
        if (e.is_open()) {
            const auto count =
                governance::count_votes(ctx.store(), id, today(ctx.store().alliance().time_zone));
            ctx.print(fmt::format("\nSo far: {}\n", count.explanation));
        }
        return 0;
    });

    auto period = std::make_shared<std::array<std::string, 2>>();
    auto* list = election->add_subcommand("list", "Elections, oldest first");
    list->add_option("--from", (*period)[0], "Only elections open on or after this date")
        ->type_name("DATE");
    list->add_option("--to", (*period)[1], "Only elections opened on or before this date")
        ->type_name("DATE");
    ctx.on_run(list, [&ctx, period] {
        const auto from = optional_date((*period)[0], "--from");
        const auto to = optional_date((*period)[1], "--to");
        ctx.print_table(elections_table(governance::list_elections(ctx.store(), from, to)));
        return 0;
    });
}

void register_check(CLI::App* cmd, Context& ctx) {
    auto as_of = std::make_shared<std::string>();
    auto* check = cmd->add_subcommand(
        "check", "Check the committee against the configured rules (exit 1 on errors)");
    check->add_option("--as-of", *as_of, "The date to check (default today)")->type_name("DATE");
    ctx.on_run(check, [&ctx, as_of] {
        const Date date = as_of_date(ctx, *as_of);
        return ctx.print_findings(governance::check_committee(ctx.store(), date));
    });
}

}  // namespace

void register_committee(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand(
        "committee", "The Steering Committee: seats, observer, interest, elections, checks");
    cmd->require_subcommand(1);
    register_show(cmd, ctx);
    register_seat(cmd, ctx);
    register_unseat(cmd, ctx);
    register_history(cmd, ctx);
    register_observer(cmd, ctx);
    register_interest(cmd, ctx);
    register_election(cmd, ctx);
    register_check(cmd, ctx);
}

}  // namespace nacsa::cli
