// SPDX-License-Identifier: Apache-2.0
#include "report/report.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "commands.hpp"
#include "core/error.hpp"
#include "core/files.hpp"

namespace nacsa::cli {

namespace {

struct ReportOptions {
    report::Kind kind = report::Kind::quarterly;
    std::optional<std::string> quarter;
    std::optional<int> year;
    std::optional<std::string> from;
    std::optional<std::string> to;
    std::optional<std::string> output;
    std::optional<std::string> section;
    std::optional<std::string> as_of;
    std::optional<std::string> pdf_engine;
    bool redact = false;
    bool strict = false;
    // report regional
    std::vector<std::string> files;
    std::string network = "NET4U";
};

// The period the options name; nullopt: the report's default.
std::optional<report::Period> period_of(const ReportOptions& opts) {
    if (opts.quarter) {
        const auto quarter = Quarter::parse(*opts.quarter);
        if (!quarter) {
            throw UsageError(
                msg("--quarter: \"{}\" is not a quarter (expected YYYYQn, e.g. 2026Q3)",
                    *opts.quarter));
        }
        return report::quarter_period(*quarter);
    }
    if (opts.year) {
        return report::year_period(*opts.year);
    }
    if (opts.from && opts.to) {
        const auto from = parse_date_option(*opts.from, "--from");
        const auto to = parse_date_option(*opts.to, "--to");
        if (to < from) {
            throw UsageError(msg("--to: {} is before --from {}", *opts.to, *opts.from));
        }
        return report::range_period(from, to);
    }
    return std::nullopt;
}

report::Format format_of(const std::string& name) {
    if (name == "html") {
        return report::Format::html;
    }
    if (name == "json") {
        return report::Format::json;
    }
    if (name == "csv") {
        return report::Format::csv;
    }
    if (name == "pdf") {
        return report::Format::pdf;
    }
    return report::Format::md;  // "md" and the default "table"
}

int strict_result(const Context& ctx, const ReportOptions& opts, const report::Document& document);

// "the quarterly report", in the message language.
Message report_phrase(report::Kind kind) {
    switch (kind) {
        case report::Kind::quarterly:
            return msg("the quarterly report");
        case report::Kind::annual:
            return msg("the annual report");
        case report::Kind::membership:
            return msg("the membership report");
        case report::Kind::committee:
            return msg("the committee report");
        case report::Kind::meetings:
            return msg("the meetings report");
        case report::Kind::plan:
            return msg("the plan report");
        case report::Kind::regional:
            return msg("the regional report");
    }
    return msg("the quarterly report");
}

// Every table as DIRECTORY/KEY.csv (the folder made when missing: 0700 when the report names
// people), each written atomically.
void write_every_table(const Context& ctx, const report::Document& document,
                       const std::string& directory) {
    const auto privacy =
        document.names_people ? files::Privacy::owner_only : files::Privacy::shared;
    std::error_code error;
    if (!std::filesystem::is_directory(directory)) {
        std::filesystem::create_directory(directory, error);
        if (error) {
            throw CantCreateError(
                msg("cannot create the folder {}: {}", directory, error.message()));
        }
        if (privacy == files::Privacy::owner_only) {
            std::filesystem::permissions(directory, std::filesystem::perms::owner_all, error);
        }
    }
    for (const auto& [name, text] : document.files) {
        files::write_file_atomic((std::filesystem::path(directory) / name).string(), text, privacy);
    }
    ctx.info(msg("wrote {} tables of the report for {} to {}", document.files.size(),
                 document.period.label, directory));
}

// The format the global --format asks of a report, checked against the report's own options.
report::Format checked_format(Context& ctx, const ReportOptions& opts) {
    const auto format = format_of(ctx.options().format);
    if (format == report::Format::csv && !opts.section) {
        throw UsageError(msg("--format csv needs --section TABLE (one table per CSV file)"));
    }
    if (format == report::Format::pdf) {
        refuse_pdf_on_terminal(opts.output);
    }
    if (format == report::Format::csv && opts.section == "all" &&
        opts.output.value_or("-") == "-") {
        throw UsageError(msg("--section all writes one CSV file per table: give -o DIRECTORY"));
    }
    return format;
}

// Writes a report's document where -o says (every table into a folder with --section all).
int write_report(const Context& ctx, const ReportOptions& opts, report::Format format,
                 const report::Document& document) {
    if (format == report::Format::csv && opts.section == "all") {
        write_every_table(ctx, document, *opts.output);
        return strict_result(ctx, opts, document);
    }
    const auto privacy =
        document.names_people ? files::Privacy::owner_only : files::Privacy::shared;
    const std::string output = opts.output.value_or("-");
    files::write_file_atomic(output, document.text, privacy);
    if (output != "-") {
        ctx.info(
            msg("wrote {} for {} to {}", report_phrase(opts.kind), document.period.label, output));
    }
    return strict_result(ctx, opts, document);
}

int run_report(Context& ctx, const ReportOptions& opts) {
    const auto format = checked_format(ctx, opts);
    std::optional<Date> as_of;
    if (opts.as_of) {
        as_of = parse_date_option(*opts.as_of, "--as-of");
    }
    const report::Request request{.kind = opts.kind,
                                  .period = period_of(opts),
                                  .language = ctx.language(),
                                  .format = format,
                                  .section = opts.section,
                                  .excel = ctx.options().excel,
                                  .redact = opts.redact,
                                  .as_of = as_of,
                                  .pdf_engine = pdf_engine_of(opts.pdf_engine)};
    return write_report(ctx, opts, format, report::produce(ctx.store(), request));
}

// report regional: no store; the language is --lang, $NACSA_LANG or the locale's.
int run_regional(Context& ctx, const ReportOptions& opts) {
    const auto format = checked_format(ctx, opts);
    const auto asked = ctx.asked_language();
    const report::RegionalRequest request{
        .paths = opts.files,
        .network = opts.network,
        .language = asked.empty() ? ctx.message_language() : asked,
        .format = format,
        .section = opts.section,
        .excel = ctx.options().excel,
        .pdf_engine = pdf_engine_of(opts.pdf_engine),
        .today = today("UTC")};
    return write_report(ctx, opts, format, report::produce_regional(request));
}

// With --strict: 1 (and the errors said) when the report has error-level findings.
int strict_result(const Context& ctx, const ReportOptions& opts, const report::Document& document) {
    if (opts.strict && !document.errors.empty()) {
        for (const auto& message : document.errors) {
            ctx.warn(message);
        }
        ctx.warn(
            document.errors.size() == 1
                ? msg("--strict: the report has 1 error-level finding")
                : msg("--strict: the report has {} error-level findings", document.errors.size()));
        return 1;
    }
    return 0;
}

}  // namespace

std::optional<std::string> pdf_engine_of(const std::optional<std::string>& option) {
    if (option) {
        return option;
    }
    const char* env = std::getenv("NACSA_PDF_ENGINE");
    return env != nullptr && *env != '\0' ? std::optional<std::string>(env) : std::nullopt;
}

void refuse_pdf_on_terminal(const std::optional<std::string>& output) {
    if (output.value_or("-") == "-" && ::isatty(STDOUT_FILENO) != 0) {
        throw UsageError(
            msg("--format pdf writes a binary file: give -o FILE.pdf or redirect the output"));
    }
}

namespace {

void register_regional(CLI::App* cmd, Context& ctx) {
    auto opts = std::make_shared<ReportOptions>();
    opts->kind = report::Kind::regional;
    auto* sub = cmd->add_subcommand(
        "regional",
        N_("A regional network's report from its alliances' quarterly or annual JSON reports"));
    sub->add_option("report", opts->files,
                    "The alliances' reports (report quarterly|annual --format json), or folders "
                    "of them (their .json files)")
        ->required()
        ->type_name("FILE");
    sub->add_option("--network", opts->network,
                    "The network's name, shown above the title (default: NET4U)")
        ->type_name("NAME");
    sub->add_option("-o,--output", opts->output, "Write to FILE atomically")->type_name("FILE");
    sub->add_option("--section", opts->section,
                    "Only this section (md, html, json) or this table (csv; all: every table, "
                    "one file each in the folder -o names), e.g. alliances")
        ->type_name("NAME");
    sub->add_option("--pdf-engine", opts->pdf_engine,
                    "With --format pdf: weasyprint, chromium or a path (default: "
                    "$NACSA_PDF_ENGINE, else the first installed)")
        ->type_name("PROGRAM");
    ctx.on_run(sub, [&ctx, opts] { return run_regional(ctx, *opts); });
}

}  // namespace

void register_report(CLI::App* cmd, Context& ctx) {
    cmd->require_subcommand(1);
    const std::pair<report::Kind, const char*> kinds[] = {
        {report::Kind::quarterly,
         N_("The quarterly report: membership, governance, working groups, meetings, plan")},
        {report::Kind::annual, N_("The annual report: the same sections over a calendar year")},
        {report::Kind::membership,
         N_("Membership only: totals, joins, withdrawals, distribution, gender")},
        {report::Kind::committee,
         N_("The Steering Committee: seats, observer, elections, committee check")},
        {report::Kind::meetings,
         N_("Meetings: held, attendance, quorum, government consultation, actions")},
        {report::Kind::plan, N_("The activity plan: progress per priority, indicators, delays")},
    };
    for (const auto& [kind, description] : kinds) {
        auto opts = std::make_shared<ReportOptions>();
        opts->kind = kind;
        auto* sub = cmd->add_subcommand(report::kind_name(kind), description);
        auto* quarter = sub->add_option("--quarter", opts->quarter,
                                        "The quarter to report on, e.g. 2026Q3 "
                                        "(default: the last completed quarter)")
                            ->type_name("QUARTER");
        auto* year = sub->add_option("--year", opts->year,
                                     "A calendar year (annual: default the last completed year)")
                         ->type_name("YEAR")
                         ->check(CLI::Range(1900, 9999));
        auto* from = sub->add_option("--from", opts->from, "First day of a custom period")
                         ->type_name("DATE");
        auto* to =
            sub->add_option("--to", opts->to, "Last day of a custom period")->type_name("DATE");
        from->needs(to);
        to->needs(from);
        quarter->excludes(year)->excludes(from)->excludes(to);
        year->excludes(from)->excludes(to);
        sub->add_option("-o,--output", opts->output,
                        "Write to FILE atomically (0600 when it names people)")
            ->type_name("FILE");
        sub->add_option(
               "--section", opts->section,
               "Only this section (md, html, json) or this table (csv; all: every table, one "
               "file each in the folder -o names), e.g. members_by_region")
            ->type_name("NAME");
        sub->add_option("--as-of", opts->as_of,
                        "Read the records dated up to this day (default: the period's last day)")
            ->type_name("DATE");
        sub->add_option("--pdf-engine", opts->pdf_engine,
                        "With --format pdf: weasyprint, chromium or a path (default: "
                        "$NACSA_PDF_ENGINE, else the first installed)")
            ->type_name("PROGRAM");
        sub->add_flag("--redact", opts->redact, "Leave personal data out (organisations stay)");
        sub->add_flag("--strict", opts->strict,
                      "Exit 1 when the report has error-level findings (e.g. a missing government "
                      "consultation)");
        ctx.on_run(sub, [&ctx, opts] { return run_report(ctx, *opts); });
    }
    register_regional(cmd, ctx);
}

}  // namespace nacsa::cli
