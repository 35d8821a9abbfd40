// SPDX-License-Identifier: Apache-2.0
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/text.hpp"
#include "report/render.hpp"
#include "report/render_common.hpp"

namespace nacsa::report {

namespace {

// A4 pages when printed: the first page carries the quarter (key figures, what needs
// attention, the next period); each numbered section starts a new page; tables and charts are
// not split. Plain CSS 2.1 and paged media, which WeasyPrint and Chromium both print the same
// (no custom properties, no grid). No external resources.
constexpr std::string_view k_style = R"(
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #1a202c;
       font-size: 11pt; line-height: 1.4; max-width: 48em; margin: 2em auto; padding: 0 1.5em; }
header.title-block { border-bottom: 3px solid #2c5282; padding-bottom: 0.6em; margin-bottom: 1em; }
header.title-block .alliance { font-size: 1.1em; font-weight: bold; color: #2c5282; margin: 0; }
header.title-block h1 { font-size: 1.8em; margin: 0.2em 0 0.3em; }
table.meta { width: auto; margin: 0; font-size: 0.95em; }
table.meta th, table.meta td { border: none; background: none; padding: 0 1em 0 0; font-weight: normal; }
table.meta th { color: #4a5568; font-weight: bold; }
nav.toc ol { padding-left: 1.5em; }
nav.toc a { color: #2c5282; text-decoration: none; }
h2 { color: #2c5282; border-bottom: 1px solid #cbd5e0; padding-bottom: 0.2em; margin: 1.2em 0 0.5em; }
h3 { font-size: 1.02em; margin: 1em 0 0.4em; }
table { border-collapse: collapse; width: 100%; margin: 0.3em 0 0.8em; font-size: 0.95em; }
th, td { border-bottom: 1px solid #cbd5e0; padding: 0.2em 0.45em; text-align: left; vertical-align: top; }
th { background: #edf2f7; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.date { white-space: nowrap; }
table.figures td { border: none; padding: 0.1em 0.45em; }
table.figures td.num { font-weight: bold; }
table.key-figures td.num.now { font-weight: bold; font-size: 1.15em; }
table.key-figures td.change { text-align: right; white-space: nowrap; color: #4a5568; }
ul.findings, ul.attention { list-style: none; padding: 0; margin: 0.3em 0 0.8em; }
ul.findings li, ul.attention li { padding: 0.3em 0.6em; margin: 0.25em 0; border-left: 4px solid #cbd5e0; background: #f7fafc; }
ul.findings li.error, ul.attention li.error { border-left-color: #c53030; }
ul.findings li.warning { border-left-color: #d69e2e; }
ul.attention li.none { border-left-color: #38a169; }
.severity { font-weight: bold; }
div.charts { column-count: 2; column-gap: 1.5em; }
figure { margin: 0 0 0.8em; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-weight: bold; margin-bottom: 0.2em; font-size: 0.95em; }
table.bars { margin: 0; font-size: 0.9em; line-height: 1.25; }
table.bars th, table.bars td { border: none; background: none; padding: 0.05em 0.3em 0.05em 0; font-weight: normal; }
table.bars th { width: 52%; }
table.bars td.bar { width: 30%; }
div.bar { height: 0.75em; margin-top: 0.2em; background: #3182ce;
           -webkit-print-color-adjust: exact; print-color-adjust: exact; }
p.empty { color: #4a5568; font-style: italic; }
table.sign td { height: 2.6em; border: 1px solid #a0aec0; }
table.sign th { border: 1px solid #a0aec0; }
@page { size: A4; margin: 15mm 15mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 9.5pt; }
  nav.toc { display: none; }
  section.report-section { break-before: page; page-break-before: always; }
  section.report-section.flow { break-before: auto; page-break-before: auto; }
  table.sign tr { break-inside: avoid; page-break-inside: avoid; }
  table, figure, ul.findings li, ul.attention li { break-inside: avoid; page-break-inside: avoid; }
  h2, h3, figcaption { break-after: avoid; page-break-after: avoid; }
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

// A horizontal bar chart as an HTML table: the label, the bar, the value; labels wrap.
std::string bar_chart(const Chart& chart, const std::string& language) {
    double max = chart.kind == ValueKind::percent ? 1.0 : 0.0;
    for (const auto& bar : chart.bars) {
        max = std::max(max, bar.value);
    }
    if (max <= 0) {
        max = 1;
    }
    std::string out = fmt::format("<figure>\n<figcaption>{}</figcaption>\n<table class=\"bars\">\n",
                                  escape(chart.title));
    for (const auto& bar : chart.bars) {
        const auto value = !bar.text.empty() ? bar.text
                           : chart.kind == ValueKind::percent
                               ? display_value(bar.value, ValueKind::percent, language)
                               : display_value(static_cast<std::int64_t>(std::llround(bar.value)),
                                               ValueKind::integer, language);
        const double width = bar.value > 0 ? std::max(0.5, bar.value / max * 100.0) : 0.0;
        out += fmt::format(
            "<tr><th scope=\"row\">{}</th><td class=\"bar\"><div class=\"bar\" "
            "style=\"width: {:.1f}%\"></div></td><td class=\"num\">{}</td></tr>\n",
            escape(bar.label), width, escape(value));
    }
    out += "</table>\n</figure>\n";
    return out;
}

bool all_zero(const Chart& chart) {
    return std::all_of(chart.bars.begin(), chart.bars.end(),
                       [](const Bar& bar) { return bar.value == 0; });
}

// A table of one label and one count or share per row (members by region, by status...) is
// drawn as a bar chart instead: the same numbers, said once. A table with more columns is a
// table, and a chart of the same key is then not drawn.
std::optional<Chart> chart_of(const Table& table, bool redacted, const std::string& language) {
    const auto columns = detail::shown_columns(table, redacted);
    if ((columns.size() != 2 && columns.size() != 3) || table.rows.size() < 2) {
        return std::nullopt;
    }
    const auto& label = table.columns[columns[0]];
    const auto& number = table.columns[columns[1]];
    // Counts with their shares (by gender): bars of the shares, "34 (50.0%)" at their ends.
    const bool with_share =
        columns.size() == 3 && table.columns[columns[2]].kind == ValueKind::percent;
    if (label.kind != ValueKind::text ||
        (number.kind != ValueKind::integer && number.kind != ValueKind::percent) ||
        (columns.size() == 3 && (!with_share || number.kind != ValueKind::integer))) {
        return std::nullopt;
    }
    const auto as_number = [](const Value& v) {
        if (const auto* n = std::get_if<std::int64_t>(&v)) {
            return static_cast<double>(*n);
        }
        const auto* x = std::get_if<double>(&v);
        return x != nullptr ? *x : 0.0;
    };
    Chart chart{table.key, table.title, {}, with_share ? ValueKind::percent : number.kind};
    for (const auto& row : table.rows) {
        const auto* text = std::get_if<std::string>(&row[columns[0]]);
        Bar bar{text != nullptr ? *text : std::string(), as_number(row[columns[1]]), {}};
        if (with_share) {
            bar.value = as_number(row[columns[2]]);
            bar.text = fmt::format("{} ({})", display_value(row[columns[1]], number.kind, language),
                                   display_value(row[columns[2]], ValueKind::percent, language));
        }
        chart.bars.push_back(std::move(bar));
    }
    return chart;
}

bool has_table(const Section& section, const std::string& key) {
    return std::any_of(section.tables.begin(), section.tables.end(),
                       [&](const Table& t) { return t.key == key; });
}

void table_html(std::string& out, const Table& table, const Report& report) {
    if (table.rows.empty()) {
        const auto text = table.empty_text.empty()
                              ? Translator(report.language)("Nothing to report.")
                              : table.empty_text;
        out += fmt::format("<h3>{}</h3>\n<p class=\"empty\">{}</p>\n", escape(table.title),
                           escape(text));
        return;
    }
    out += fmt::format("<h3>{}</h3>\n", escape(table.title));
    const auto columns = detail::shown_columns(table, report.redacted);
    out += table.to_sign ? "<table class=\"sign\">\n<thead><tr>" : "<table>\n<thead><tr>";
    for (const auto c : columns) {
        out +=
            fmt::format("<th{}>{}</th>", is_numeric(table.columns[c].kind) ? " class=\"num\"" : "",
                        escape(table.columns[c].header));
    }
    out += "</tr></thead>\n<tbody>\n";
    for (const auto& row : table.rows) {
        out += "<tr>";
        for (const auto c : columns) {
            const auto kind = table.columns[c].kind;
            out += fmt::format("<td{}>{}</td>",
                               is_numeric(kind)          ? " class=\"num\""
                               : kind == ValueKind::date ? " class=\"date\""
                                                         : "",
                               escape(display_value(row[c], kind, report.language)));
        }
        out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n";
}

void findings_html(std::string& out, const Section& section, const Translator& tr) {
    if (section.findings.empty()) {
        return;
    }
    out += fmt::format("<h3>{}</h3>\n<ul class=\"findings\">\n", escape(tr("Findings")));
    for (const auto& line : detail::grouped_findings(section.findings, tr)) {
        const auto label = fmt::format("<span class=\"severity\">{}</span>",
                                       escape(detail::severity_label(line.severity, tr)));
        out +=
            fmt::format("<li class=\"{}\">{}</li>\n", output::severity_name(line.severity),
                        fmt::format(fmt::runtime(tr("{label}: {value}")), fmt::arg("label", label),
                                    fmt::arg("value", escape(line.text))));
    }
    out += "</ul>\n";
}

// Notes, figures, findings, the tables no chart stands for, then the charts two by two (a
// chart whose values are all zero is a sentence).
void section_body(std::string& out, const Section& section, const Report& report,
                  const Translator& tr) {
    for (const auto& note : section.notes) {
        out += fmt::format("<p>{}</p>\n", escape(note));
    }
    if (!section.figures.empty()) {
        out += "<table class=\"figures\">\n<tbody>\n";
        for (const auto& figure : section.figures) {
            out +=
                fmt::format("<tr><td>{}</td><td class=\"num\">{}</td></tr>\n", escape(figure.label),
                            escape(display_value(figure.value, figure.kind, report.language)));
        }
        out += "</tbody>\n</table>\n";
    }
    findings_html(out, section, tr);
    std::vector<Chart> charts;
    for (const auto& table : section.tables) {
        if (auto chart = chart_of(table, report.redacted, report.language)) {
            charts.push_back(std::move(*chart));
        } else {
            table_html(out, table, report);
        }
    }
    for (const auto& chart : section.charts) {
        if (!has_table(section, chart.key)) {
            charts.push_back(chart);
        }
    }
    std::string drawn;
    for (const auto& c : charts) {
        const auto* chart = &c;
        if (chart->bars.empty() || all_zero(*chart)) {
            out += fmt::format("<p class=\"empty\">{}</p>\n",
                               escape(fmt::format(fmt::runtime(tr("{title}: none in this period.")),
                                                  fmt::arg("title", chart->title))));
        } else {
            drawn += bar_chart(*chart, report.language);
        }
    }
    if (!drawn.empty()) {
        out += "<div class=\"charts\">\n" + drawn + "</div>\n";
    }
}

// The first page's key figures: this period, the previous one, the change.
void summary_html(std::string& out, const Section& section, const Report& report,
                  const Translator& tr) {
    out += fmt::format("<section class=\"summary\" id=\"{}\">\n<h2>{}</h2>\n", section.key,
                       escape(section.title));
    for (const auto& table : section.tables) {
        const auto columns = detail::shown_columns(table, report.redacted);
        out += "<table class=\"key-figures\">\n<thead><tr>";
        for (const auto c : columns) {
            out += fmt::format("<th{}>{}</th>", c == 1 ? "" : " class=\"num\"",
                               escape(table.columns[c].header));
        }
        out += "</tr></thead>\n<tbody>\n";
        for (const auto& row : table.rows) {
            out += fmt::format(
                "<tr><td>{}</td><td class=\"num now\">{}</td><td class=\"num\">{}</td>"
                "<td class=\"change\">{}</td></tr>\n",
                escape(display_value(row[1], ValueKind::text, report.language)),
                escape(display_value(row[2], ValueKind::integer, report.language)),
                escape(display_value(row[3], ValueKind::integer, report.language)),
                escape(display_value(row[4], ValueKind::text, report.language)));
        }
        out += "</tbody>\n</table>\n";
    }
    out += fmt::format("<h3>{}</h3>\n<ul class=\"attention\">\n", escape(tr("Needs attention")));
    const bool none =
        section.notes.size() == 1 && section.notes.front() == tr(detail::k_no_problem);
    for (const auto& note : section.notes) {
        out += fmt::format("<li class=\"{}\">{}</li>\n", none ? "none" : "error", escape(note));
    }
    out += "</ul>\n</section>\n";
}

void title_block(std::string& out, const Report& report, const Translator& tr) {
    out += "<header class=\"title-block\">\n";
    out += fmt::format("<p class=\"alliance\">{}</p>\n", escape(report.alliance_name));
    out += fmt::format("<h1>{}</h1>\n<table class=\"meta\">\n", escape(report.title));
    const auto row = [&out](const std::string& label, const std::string& value) {
        out += fmt::format("<tr><th scope=\"row\">{}</th><td>{}</td></tr>\n", escape(label),
                           escape(value));
    };
    if (!report.meta.empty()) {
        for (const auto& [label, value] : report.meta) {
            row(label, value);
        }
        out += "</table>\n</header>\n";
        return;
    }
    row(tr("Country"), report.country);
    row(tr("Period"),
        fmt::format("{} ({})", detail::period_text(report.period, tr), report.period.label));
    row(tr("Records as of"), tr.date(report.as_of));
    row(tr("Generated on"), tr.date(report.generated));
    if (report.redacted) {
        row(tr("Note"), tr("Personal data left out."));
    }
    out += "</table>\n</header>\n";
}

}  // namespace

std::string render_html(const Report& report) {
    const Translator tr(report.language);
    const auto short_name =
        report.alliance_short_name.empty() ? report.alliance_name : report.alliance_short_name;
    std::string out;
    out += "<!DOCTYPE html>\n";
    out += fmt::format("<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n", report.language);
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    // PDF engines take the document's metadata from these.
    out += fmt::format("<meta name=\"author\" content=\"{}\">\n", escape(report.alliance_name));
    out += "<meta name=\"generator\" content=\"nacsa\">\n";
    out +=
        fmt::format("<title>{} – {} – {}</title>\n", escape(report.title), escape(short_name),
                    escape(report.meta.empty() ? report.period.label : report.meta.front().second));
    out += fmt::format("<style>{}</style>\n</head>\n<body>\n", k_style);
    title_block(out, report, tr);
    const auto layout = detail::reading_order(report);
    if (layout.numbered.size() > 1 && report.page_per_section) {
        out += fmt::format("<nav class=\"toc\">\n<h2>{}</h2>\n<ol>\n", escape(tr("Contents")));
        for (const auto* section : layout.numbered) {
            out += fmt::format("<li><a href=\"#{}\">{}</a></li>\n", section->key,
                               escape(section->title));
        }
        out += "</ol>\n</nav>\n";
    }
    for (const auto* section : layout.first_page) {
        if (section->key == "summary") {
            summary_html(out, *section, report, tr);
        } else {
            out += fmt::format("<section class=\"first-page\" id=\"{}\">\n<h2>{}</h2>\n",
                               section->key, escape(section->title));
            section_body(out, *section, report, tr);
            out += "</section>\n";
        }
    }
    for (std::size_t i = 0; i < layout.numbered.size(); ++i) {
        const auto& section = *layout.numbered[i];
        out += fmt::format("<section class=\"report-section{}\" id=\"{}\">\n<h2>{}. {}</h2>\n",
                           report.page_per_section ? "" : " flow", section.key, i + 1,
                           escape(section.title));
        section_body(out, section, report, tr);
        out += "</section>\n";
    }
    out += "</body>\n</html>\n";
    return out;
}

}  // namespace nacsa::report
