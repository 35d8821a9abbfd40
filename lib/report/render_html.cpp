// SPDX-License-Identifier: Apache-2.0
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/text.hpp"
#include "report/render.hpp"
#include "report/render_common.hpp"

namespace nacsa::report {

namespace {

// A4 pages when printed; each section starts on a new page. No external resources.
constexpr std::string_view k_style = R"(
:root { --ink: #1a202c; --muted: #4a5568; --rule: #cbd5e0; --accent: #2c5282; --bar: #3182ce; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: var(--ink);
       font-size: 11pt; line-height: 1.45; max-width: 48em; margin: 2em auto; padding: 0 1.5em; }
header.title-block { border-bottom: 3px solid var(--accent); padding-bottom: 1em; margin-bottom: 1.5em; }
header.title-block .alliance { font-size: 1.1em; font-weight: bold; color: var(--accent); margin: 0; }
header.title-block h1 { font-size: 2em; margin: 0.3em 0; }
dl.meta { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1em; margin: 0; }
dl.meta dt { font-weight: bold; color: var(--muted); }
dl.meta dd { margin: 0; }
nav.toc ol { padding-left: 1.5em; }
nav.toc a { color: var(--accent); text-decoration: none; }
h2 { color: var(--accent); border-bottom: 1px solid var(--rule); padding-bottom: 0.2em; margin-top: 2em; }
h3 { font-size: 1.05em; margin: 1.4em 0 0.5em; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; font-size: 0.95em; }
th, td { border-bottom: 1px solid var(--rule); padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
th { background: #edf2f7; }
td.num, th.num { text-align: right; white-space: nowrap; }
table.figures td.num { font-weight: bold; }
ul.findings { list-style: none; padding: 0; }
ul.findings li { padding: 0.4em 0.6em; margin: 0.3em 0; border-left: 4px solid var(--rule); background: #f7fafc; }
ul.findings li.error { border-color: #c53030; }
ul.findings li.warning { border-color: #d69e2e; }
.severity { font-weight: bold; }
figure { margin: 1em 0; break-inside: avoid; }
figcaption { font-weight: bold; margin-bottom: 0.3em; }
svg text { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 11px; fill: #1a202c; }
p.empty { color: var(--muted); font-style: italic; }
@page { size: A4; margin: 18mm 16mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  section.report-section { break-before: page; page-break-before: always; }
  nav.toc a { color: inherit; }
  table, figure { break-inside: avoid; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
}
)";

std::string escape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    // HTML has no place for control characters: shown as visible escapes, as in Markdown.
    return text::escape_control(out, text::KeepNewlines::yes);
}

bool is_numeric(ValueKind kind) {
    return kind == ValueKind::integer || kind == ValueKind::number || kind == ValueKind::percent;
}

// A horizontal bar chart: each bar's label on its own line, the bar below it, the value at its end.
std::string svg_chart(const Chart& chart, const std::string& language) {
    constexpr int width = 640;
    constexpr int row = 36;
    constexpr int bar_height = 14;
    constexpr int value_room = 70;
    double max = chart.kind == ValueKind::percent ? 1.0 : 0.0;
    for (const auto& bar : chart.bars) {
        max = std::max(max, bar.value);
    }
    if (max <= 0) {
        max = 1;
    }
    const int height = static_cast<int>(chart.bars.size()) * row + 4;
    std::string out = fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} "
        "{1}\" "
        "role=\"img\" aria-label=\"{2}\">\n",
        width, height, escape(chart.title));
    int y = 0;
    for (const auto& bar : chart.bars) {
        const double scaled = bar.value / max * (width - value_room);
        const int bar_width =
            bar.value > 0 ? std::max(1, static_cast<int>(std::lround(scaled))) : 0;
        const auto value = chart.kind == ValueKind::percent
                               ? display_value(bar.value, ValueKind::percent, language)
                               : display_value(static_cast<std::int64_t>(std::llround(bar.value)),
                                               ValueKind::integer, language);
        out += fmt::format("<text x=\"0\" y=\"{}\">{}</text>\n", y + 13, escape(bar.label));
        out += fmt::format("<rect x=\"0\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#3182ce\"/>\n",
                           y + 17, bar_width, bar_height);
        out += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", bar_width + 6, y + 28,
                           escape(value));
        y += row;
    }
    out += "</svg>\n";
    return out;
}

void table_html(std::string& out, const Table& table, const Report& report) {
    out += fmt::format("<h3>{}</h3>\n", escape(table.title));
    if (table.rows.empty()) {
        const auto text = table.empty_text.empty()
                              ? Translator(report.language)("Nothing to report.")
                              : table.empty_text;
        out += fmt::format("<p class=\"empty\">{}</p>\n", escape(text));
        return;
    }
    const auto columns = detail::shown_columns(table, report.redacted);
    out += "<table>\n<thead><tr>";
    for (const auto c : columns) {
        out +=
            fmt::format("<th{}>{}</th>", is_numeric(table.columns[c].kind) ? " class=\"num\"" : "",
                        escape(table.columns[c].header));
    }
    out += "</tr></thead>\n<tbody>\n";
    for (const auto& row : table.rows) {
        out += "<tr>";
        for (const auto c : columns) {
            out += fmt::format(
                "<td{}>{}</td>", is_numeric(table.columns[c].kind) ? " class=\"num\"" : "",
                escape(display_value(row[c], table.columns[c].kind, report.language)));
        }
        out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n";
}

}  // namespace

std::string render_html(const Report& report) {
    const Translator tr(report.language);
    std::string out;
    out += "<!DOCTYPE html>\n";
    out += fmt::format("<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n", report.language);
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += fmt::format("<title>{} – {} – {}</title>\n", escape(report.title),
                       escape(report.alliance_short_name.empty() ? report.alliance_name
                                                                 : report.alliance_short_name),
                       escape(report.period.label));
    out += fmt::format("<style>{}</style>\n</head>\n<body>\n", k_style);
    out += "<header class=\"title-block\">\n";
    out += fmt::format("<p class=\"alliance\">{}</p>\n", escape(report.alliance_name));
    out += fmt::format("<h1>{}</h1>\n<dl class=\"meta\">\n", escape(report.title));
    out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", escape(tr("Country")), escape(report.country));
    out += fmt::format("<dt>{}</dt><dd>{} ({})</dd>\n", escape(tr("Period")),
                       escape(detail::period_text(report.period, tr)), escape(report.period.label));
    out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", escape(tr("Records as of")),
                       escape(tr.date(report.as_of)));
    out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", escape(tr("Generated on")),
                       escape(tr.date(report.generated)));
    if (report.redacted) {
        out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", escape(tr("Note")),
                           escape(tr("Personal data left out.")));
    }
    out += "</dl>\n</header>\n";
    if (report.sections.size() > 1) {
        out += fmt::format("<nav class=\"toc\">\n<h2>{}</h2>\n<ol>\n", escape(tr("Contents")));
        for (const auto& section : report.sections) {
            out += fmt::format("<li><a href=\"#{}\">{}</a></li>\n", section.key,
                               escape(section.title));
        }
        out += "</ol>\n</nav>\n";
    }
    for (std::size_t i = 0; i < report.sections.size(); ++i) {
        const auto& section = report.sections[i];
        out += fmt::format("<section class=\"report-section\" id=\"{}\">\n<h2>{}. {}</h2>\n",
                           section.key, i + 1, escape(section.title));
        for (const auto& note : section.notes) {
            out += fmt::format("<p>{}</p>\n", escape(note));
        }
        if (!section.figures.empty()) {
            out += "<table class=\"figures\">\n<tbody>\n";
            for (const auto& figure : section.figures) {
                out += fmt::format(
                    "<tr><td>{}</td><td class=\"num\">{}</td></tr>\n", escape(figure.label),
                    escape(display_value(figure.value, figure.kind, report.language)));
            }
            out += "</tbody>\n</table>\n";
        }
        if (!section.findings.empty()) {
            out += fmt::format("<h3>{}</h3>\n<ul class=\"findings\">\n", escape(tr("Findings")));
            for (const auto& finding : section.findings) {
                const auto label =
                    fmt::format("<span class=\"severity\">{}</span>",
                                escape(detail::severity_label(finding.severity, tr)));
                out += fmt::format(
                    "<li class=\"{}\">{}</li>\n", output::severity_name(finding.severity),
                    fmt::format(fmt::runtime(tr("{label}: {value}")), fmt::arg("label", label),
                                fmt::arg("value", escape(finding.message))));
            }
            out += "</ul>\n";
        }
        for (const auto& chart : section.charts) {
            if (chart.bars.empty()) {
                continue;
            }
            out += fmt::format("<figure>\n<figcaption>{}</figcaption>\n{}</figure>\n",
                               escape(chart.title), svg_chart(chart, report.language));
        }
        for (const auto& table : section.tables) {
            table_html(out, table, report);
        }
        out += "</section>\n";
    }
    out += "</body>\n</html>\n";
    return out;
}

}  // namespace nacsa::report
