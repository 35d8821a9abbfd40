#include "report/report.hpp"

#include <fmt/format.h>

#include "commands.hpp"
#include "core/error.hpp"
#include "core/files.hpp"
#include "report/render.hpp"

namespace nacsa::cli {

namespace {

struct ReportOptions {
    std::string quarter;
    int year = 0;
    std::string from;
    std::string to;
    std::string output;
    std::string section;
    bool redact = false;
    bool strict = false;
};

report::Period period_from(const ReportOptions& opts, report::Kind kind, Date today) {
    if (!opts.quarter.empty()) {
        const auto quarter = Quarter::parse(opts.quarter);
        if (!quarter) {
            throw UsageError(fmt::format(
                "--quarter: \"{}\" is not a quarter (expected YYYYQn, e.g. 2026Q3)", opts.quarter));
        }
        return report::quarter_period(*quarter);
    }
    if (opts.year != 0) {
        return report::year_period(opts.year);
    }
    if (!opts.from.empty()) {
        const auto from = parse_date_option(opts.from, "--from");
        const auto to = parse_date_option(opts.to, "--to");
        if (to < from) {
            throw UsageError(fmt::format("--to: {} is before --from {}", opts.to, opts.from));
        }
        return report::range_period(from, to);
    }
    return report::default_period(kind, today);
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
    return report::Format::md;  // "md" and the default "table"
}

int run_report(Context& ctx, const ReportOptions& opts, report::Kind kind) {
    const auto format = format_of(ctx.options().format);
    if (format == report::Format::csv && opts.section.empty()) {
        throw UsageError("--format csv needs --section TABLE (one table per CSV file)");
    }
    auto& store = ctx.store();
    const auto& alliance = store.alliance();
    report::Options options;
    options.kind = kind;
    options.today = today(alliance.time_zone);
    options.period = period_from(opts, kind, options.today);
    options.language = ctx.language();
    options.redact = opts.redact;
    auto built = report::build(store, options);

    if (!opts.section.empty() && format != report::Format::csv) {
        const auto* section = built.find_section(opts.section);
        if (section == nullptr) {
            throw UsageError(
                fmt::format("--section: \"{}\" is not a section of this report (known: {})",
                            opts.section, fmt::join(built.section_keys(), ", ")));
        }
        auto only = *section;
        built.sections = {std::move(only)};
    }

    std::string text;
    switch (format) {
        case report::Format::md:
            text = report::render_markdown(built);
            break;
        case report::Format::html:
            text = report::render_html(built);
            break;
        case report::Format::json:
            text = report::render_json(built);
            break;
        case report::Format::csv:
            text = report::render_csv(built, opts.section, ctx.options().excel);
            break;
    }
    const auto privacy = built.names_people() ? files::Privacy::owner_only : files::Privacy::shared;
    const auto output = opts.output.empty() ? std::string("-") : opts.output;
    files::write_file_atomic(output, text, privacy);
    if (output != "-") {
        ctx.info(fmt::format("wrote the {} report for {} to {}", report::kind_name(kind),
                             built.period.label, output));
    }
    if (opts.strict && built.has_errors()) {
        int errors = 0;
        for (const auto& section : built.sections) {
            for (const auto& finding : section.findings) {
                if (finding.severity == output::Severity::error) {
                    ++errors;
                    ctx.warn(finding.message);
                }
            }
        }
        ctx.warn(fmt::format("--strict: the report has {} error-level finding{}", errors,
                             errors == 1 ? "" : "s"));
        return 1;
    }
    return 0;
}

}  // namespace

void register_report(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand(
        "report", "Write the quarterly report and its siblings (md, html, json, csv)");
    cmd->require_subcommand(1);
    const std::pair<report::Kind, const char*> kinds[] = {
        {report::Kind::quarterly,
         "The quarterly report: membership, governance, working groups, meetings, plan"},
        {report::Kind::annual, "The annual report: the same sections over a calendar year"},
        {report::Kind::membership,
         "Membership only: totals, joins, withdrawals, distribution, gender"},
        {report::Kind::committee,
         "The Steering Committee: seats, observer, elections, committee check"},
        {report::Kind::meetings,
         "Meetings: held, attendance, quorum, government consultation, actions"},
        {report::Kind::plan, "The activity plan: progress per priority, indicators, delays"},
    };
    for (const auto& [kind, description] : kinds) {
        auto opts = std::make_shared<ReportOptions>();
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
               "Only this section (md, html, json) or this table (csv), e.g. members_by_region")
            ->type_name("NAME");
        sub->add_flag("--redact", opts->redact, "Leave personal data out (organisations stay)");
        sub->add_flag("--strict", opts->strict,
                      "Exit 1 when the report has error-level findings (e.g. a missing government "
                      "consultation)");
        ctx.on_run(sub, [&ctx, opts, kind = kind] { return run_report(ctx, *opts, kind); });
    }
}

}  // namespace nacsa::cli
