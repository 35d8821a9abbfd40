// SPDX-License-Identifier: Apache-2.0
#include <fmt/format.h>

#include "core/error.hpp"
#include "output/pdf.hpp"
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

std::string render(const Report& report, const Request& request,
                   const std::optional<output::PdfEngine>& engine) {
    switch (request.format) {
        case Format::md:
            return render_markdown(report);
        case Format::html:
            return render_html(report);
        case Format::pdf:
            return output::html_to_pdf(render_html(report), engine.value(), now());
        case Format::json:
            return render_json(report);
        case Format::csv:
            return render_csv(report, request.section.value_or(""), request.excel);
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

}  // namespace

Document produce(store::Store& store, const Request& request) {
    // Found before the work: without an engine there is no report to compute.
    const auto engine = request.format == Format::pdf
                            ? std::optional(output::find_pdf_engine(request.pdf_engine))
                            : std::nullopt;
    Options options;
    options.kind = request.kind;
    options.today = store.today();
    options.period = request.period.value_or(default_period(request.kind, options.today));
    options.language = request.language;
    options.redact = request.redact;
    options.as_of = request.as_of;
    auto report = build(store, options);
    if (request.section && request.format != Format::csv) {
        keep_section(report, *request.section);
    }
    if (request.format == Format::csv && request.section == "all") {
        Document document{"", report.period, report.names_people(), error_messages(report), {}};
        for (const auto& key : report.table_keys()) {
            document.files.emplace_back(key + ".csv", render_csv(report, key, request.excel));
        }
        return document;
    }
    return Document{render(report, request, engine),
                    report.period,
                    report.names_people(),
                    error_messages(report),
                    {}};
}

}  // namespace nacsa::report
