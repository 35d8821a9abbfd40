// SPDX-License-Identifier: Apache-2.0
#include <fmt/format.h>

#include "core/text.hpp"
#include "report/render.hpp"
#include "report/render_common.hpp"

namespace nacsa::report {

namespace {

// Escapes text from the store so that it cannot start Markdown formatting, break a table or
// reach a terminal as a control sequence.
std::string escape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '\\':
            case '|':
            case '*':
            case '_':
            case '`':
            case '[':
            case ']':
            case '<':
            case '>':
            case '#':
                out += '\\';
                out += c;
                break;
            case '\n':
            case '\r':
                out += ' ';
                break;
            default:
                out += c;
        }
    }
    // Control characters (ESC, CSI) as visible escapes: a report shown with cat is inert.
    return text::escape_control(out);
}

void table_markdown(std::string& out, const Table& table, const Report& report) {
    out += fmt::format("### {}\n\n", escape(table.title));
    if (table.rows.empty()) {
        out += escape(table.empty_text.empty() ? Translator(report.language)("Nothing to report.")
                                               : table.empty_text);
        out += "\n\n";
        return;
    }
    const auto columns = detail::shown_columns(table, report.redacted);
    out += "|";
    for (const auto c : columns) {
        out += " " + escape(table.columns[c].header) + " |";
    }
    out += "\n|";
    for (const auto c : columns) {
        const auto kind = table.columns[c].kind;
        const bool right =
            kind == ValueKind::integer || kind == ValueKind::number || kind == ValueKind::percent;
        out += right ? "---:|" : "---|";
    }
    out += "\n";
    for (const auto& row : table.rows) {
        out += "|";
        for (const auto c : columns) {
            out +=
                " " + escape(display_value(row[c], table.columns[c].kind, report.language)) + " |";
        }
        out += "\n";
    }
    out += "\n";
}

std::string labelled(const Translator& tr, const std::string& label, const std::string& value) {
    // TRANSLATORS: a label and its value; French puts a no-break space before the colon.
    return fmt::format(fmt::runtime(tr("{label}: {value}")), fmt::arg("label", label),
                       fmt::arg("value", value));
}

void section_markdown(std::string& out, const Section& section, const Report& report,
                      const Translator& tr) {
    for (const auto& note : section.notes) {
        out += escape(note) + "\n\n";
    }
    if (!section.figures.empty()) {
        for (const auto& figure : section.figures) {
            const auto value = escape(display_value(figure.value, figure.kind, report.language));
            out += fmt::format("- {}\n", labelled(tr, escape(figure.label), "**" + value + "**"));
        }
        out += "\n";
    }
    if (!section.findings.empty()) {
        out += fmt::format("### {}\n\n", tr("Findings"));
        for (const auto& line : detail::grouped_findings(section.findings, tr)) {
            out += fmt::format("- {}\n",
                               labelled(tr, "**" + detail::severity_label(line.severity, tr) + "**",
                                        escape(line.text)));
        }
        out += "\n";
    }
    for (const auto& table : section.tables) {
        table_markdown(out, table, report);
    }
}

// The key figures (this period, the previous one, the change), then what needs attention.
void summary_markdown(std::string& out, const Section& section, const Report& report,
                      const Translator& tr) {
    for (const auto& table : section.tables) {
        table_markdown(out, table, report);
    }
    out += fmt::format("### {}\n\n", tr("Needs attention"));
    for (const auto& note : section.notes) {
        out += "- " + escape(note) + "\n";
    }
    out += "\n";
}

// A report's title lines: country, period, as-of day, generation day.
void title_lines(std::string& out, const Report& report, const Translator& tr) {
    out += fmt::format("- {}\n", labelled(tr, tr("Country"), escape(report.country)));
    out += fmt::format("- {} ({})\n",
                       labelled(tr, tr("Period"), detail::period_text(report.period, tr)),
                       report.period.label);
    out += fmt::format("- {}\n", labelled(tr, tr("Records as of"), tr.date(report.as_of)));
    out += fmt::format("- {}\n", labelled(tr, tr("Generated on"), tr.date(report.generated)));
    if (report.redacted) {
        out += fmt::format("- {}\n", tr("Personal data left out."));
    }
    out += "\n";
}

}  // namespace

std::string render_markdown(const Report& report) {
    const Translator tr(report.language);
    std::string out;
    out += fmt::format("# {}\n\n", escape(report.title));
    out += fmt::format("**{}**", escape(report.alliance_name));
    if (!report.alliance_short_name.empty()) {
        out += fmt::format(" ({})", escape(report.alliance_short_name));
    }
    out += "\n\n";
    if (!report.meta.empty()) {
        for (const auto& [label, value] : report.meta) {
            out += fmt::format("- {}\n", labelled(tr, escape(label), escape(value)));
        }
        out += "\n";
    } else {
        title_lines(out, report, tr);
    }
    const auto layout = detail::reading_order(report);
    if (layout.numbered.size() > 1 && report.page_per_section) {
        out += fmt::format("## {}\n\n", tr("Contents"));
        for (std::size_t i = 0; i < layout.numbered.size(); ++i) {
            out += fmt::format("{}. {}\n", i + 1, escape(layout.numbered[i]->title));
        }
        out += "\n";
    }
    for (const auto* section : layout.first_page) {
        out += fmt::format("## {}\n\n", escape(section->title));
        if (section->key == "summary") {
            summary_markdown(out, *section, report, tr);
        } else {
            section_markdown(out, *section, report, tr);
        }
    }
    for (std::size_t i = 0; i < layout.numbered.size(); ++i) {
        out += fmt::format("## {}. {}\n\n", i + 1, escape(layout.numbered[i]->title));
        section_markdown(out, *layout.numbered[i], report, tr);
    }
    while (out.size() > 1 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n') {
        out.pop_back();
    }
    return out;
}

}  // namespace nacsa::report
