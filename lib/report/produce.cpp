// SPDX-License-Identifier: Apache-2.0
#include <fmt/format.h>

#include "core/error.hpp"
#include "output/pdf.hpp"
#include "report/regional.hpp"
#include "report/report.hpp"

namespace nacsa::report {

namespace {

// Keeps only the section named (md, html, json); a name the report lacks is a usage error.
void keep_section(Report& report, const std::string& key) {
    const auto* section = report.find_section(key);
    if (section == nullptr) {
        throw UsageError(msg("--section: \"{}\" is not a section of this report (known: {})", key,
                             fmt::format("{}", fmt::join(report.section_keys(), ", "))));
    }
    auto only = *section;
    report.sections = {std::move(only)};
}

std::string render(const Report& report, Format format, const std::optional<std::string>& section,
                   bool excel, const std::optional<output::PdfEngine>& engine) {
    switch (format) {
        case Format::md:
            return render_markdown(report);
        case Format::html:
            return render_html(report);
        case Format::pdf:
            return output::html_to_pdf(render_html(report), engine.value(), now());
        case Format::json:
            return render_json(report);
        case Format::csv:
            return render_csv(report, section.value_or(""), excel);
    }
    return render_markdown(report);
}

std::vector<std::string> error_messages(const Report& report) {
    std::vector<std::string> out;
    for (const auto& section : report.sections) {
        for (const auto& finding : section.findings) {
            if (finding.severity == output::Severity::error) {
                out.push_back(finding.message);
            }
        }
    }
    return out;
}

// The document of a report built: the section asked for, every table as a file of its own
// (csv, section "all"), or the whole report.
Document finish(Report report, Format format, const std::optional<std::string>& section, bool excel,
                const std::optional<output::PdfEngine>& engine) {
    if (section && format != Format::csv) {
        keep_section(report, *section);
    }
    if (format == Format::csv && section == "all") {
        Document document{"", report.period, report.names_people(), error_messages(report), {}};
        for (const auto& key : report.table_keys()) {
            document.files.emplace_back(key + ".csv", render_csv(report, key, excel));
        }
        return document;
    }
    return Document{render(report, format, section, excel, engine),
                    report.period,
                    report.names_people(),
                    error_messages(report),
                    {}};
}

// Found before the work: without an engine there is no report to compute.
std::optional<output::PdfEngine> engine_for(Format format,
                                            const std::optional<std::string>& pdf_engine) {
    return format == Format::pdf ? std::optional(output::find_pdf_engine(pdf_engine))
                                 : std::nullopt;
}

}  // namespace

Document produce(store::Store& store, const Request& request) {
    const auto engine = engine_for(request.format, request.pdf_engine);
    Options options;
    options.kind = request.kind;
    options.today = store.today();
    options.period = request.period.value_or(default_period(request.kind, options.today));
    options.language = request.language;
    options.redact = request.redact;
    options.as_of = request.as_of;
    return finish(build(store, options), request.format, request.section, request.excel, engine);
}

Document produce_regional(const RegionalRequest& request) {
    const auto engine = engine_for(request.format, request.pdf_engine);
    std::vector<NationalReport> reports;
    for (const auto& file : national_report_files(request.paths)) {
        reports.push_back(read_national_report(file));
    }
    const auto report = regional_report(
        reports,
        {.network = request.network, .language = request.language, .today = request.today});
    return finish(report, request.format, request.section, request.excel, engine);
}

}  // namespace nacsa::report
