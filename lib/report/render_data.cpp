// SPDX-License-Identifier: Apache-2.0
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <utility>

#include "core/error.hpp"
#include "output/table.hpp"
#include "report/render.hpp"
#include "report/render_common.hpp"

namespace nacsa::report {

namespace {

nlohmann::json value_json(const Value& value) {
    if (const auto* text = std::get_if<std::string>(&value)) {
        return *text;
    }
    if (const auto* whole = std::get_if<std::int64_t>(&value)) {
        return *whole;
    }
    if (const auto* number = std::get_if<double>(&value)) {
        return *number;
    }
    return nullptr;
}

std::string kind_key(ValueKind kind) {
    switch (kind) {
        case ValueKind::text:
            return "text";
        case ValueKind::integer:
            return "integer";
        case ValueKind::number:
            return "number";
        case ValueKind::percent:
            return "share";
        case ValueKind::date:
            return "date";
    }
    return "text";
}

// A number for a spreadsheet: at most the precision the report shows (one decimal; a share
// 0..1 shown as 57.1% has three), no trailing zeros, the decimal comma of Spanish and French.
std::string excel_number(double number, ValueKind kind, const std::string& language) {
    auto text = fmt::format("{:.{}f}", number, kind == ValueKind::percent ? 3 : 1);
    if (text.find('.') != std::string::npos) {
        while (text.back() == '0') {
            text.pop_back();
        }
        if (text.back() == '.') {
            text.pop_back();
        }
    }
    if (text == "-0") {
        text = "0";
    }
    if (language != "en") {
        std::replace(text.begin(), text.end(), '.', ',');
    }
    return text;
}

// A value as CSV writes it: raw (ISO dates, shares 0..1, numbers as they are), or for Excel as
// excel_number says.
std::string csv_value(const Value& value, ValueKind kind, const std::string* excel_language) {
    if (const auto* text = std::get_if<std::string>(&value)) {
        return *text;
    }
    if (const auto* whole = std::get_if<std::int64_t>(&value)) {
        return std::to_string(*whole);
    }
    if (const auto* number = std::get_if<double>(&value)) {
        return excel_language != nullptr ? excel_number(*number, kind, *excel_language)
                                         : fmt::format("{}", *number);
    }
    return "";
}

}  // namespace

std::string render_json(const Report& report) {
    nlohmann::ordered_json out;
    out["report"] = kind_name(report.kind);
    out["schema_version"] = k_report_schema_version;
    out["title"] = report.title;
    out["alliance"] = {{"name", report.alliance_name},
                       {"short_name", report.alliance_short_name},
                       {"country", report.country_code},
                       {"country_name", report.country}};
    out["language"] = report.language;
    out["period"] = {{"label", report.period.label},
                     {"from", format_date(report.period.from)},
                     {"to", format_date(report.period.to)}};
    out["as_of"] = format_date(report.as_of);
    out["generated_on"] = format_date(report.generated);
    out["redacted"] = report.redacted;
    out["has_errors"] = report.has_errors();
    auto sections = nlohmann::ordered_json::array();
    for (const auto& section : report.sections) {
        nlohmann::ordered_json s;
        s["key"] = section.key;
        s["title"] = section.title;
        // Always true: every store has every module's tables (schemas/report.schema.json keeps
        // the field for the readers that look at it).
        s["available"] = true;
        s["notes"] = section.notes;
        auto figures = nlohmann::ordered_json::array();
        for (const auto& figure : section.figures) {
            figures.push_back({{"key", figure.key},
                               {"label", figure.label},
                               {"kind", kind_key(figure.kind)},
                               {"value", value_json(figure.value)}});
        }
        s["figures"] = std::move(figures);
        auto tables = nlohmann::ordered_json::array();
        for (const auto& table : section.tables) {
            nlohmann::ordered_json t;
            t["key"] = table.key;
            t["title"] = table.title;
            auto columns = nlohmann::ordered_json::array();
            for (const auto& column : table.columns) {
                columns.push_back({{"key", column.key},
                                   {"header", column.header},
                                   {"kind", kind_key(column.kind)}});
            }
            t["columns"] = std::move(columns);
            auto rows = nlohmann::ordered_json::array();
            for (const auto& row : table.rows) {
                nlohmann::ordered_json r = nlohmann::ordered_json::object();
                for (std::size_t c = 0; c < table.columns.size(); ++c) {
                    r[table.columns[c].key] = value_json(row[c]);
                }
                rows.push_back(std::move(r));
            }
            t["rows"] = std::move(rows);
            tables.push_back(std::move(t));
        }
        s["tables"] = std::move(tables);
        auto charts = nlohmann::ordered_json::array();
        for (const auto& chart : section.charts) {
            auto bars = nlohmann::ordered_json::array();
            for (const auto& bar : chart.bars) {
                bars.push_back({{"label", bar.label}, {"value", bar.value}});
            }
            charts.push_back({{"key", chart.key},
                              {"title", chart.title},
                              {"kind", kind_key(chart.kind)},
                              {"bars", std::move(bars)}});
        }
        s["charts"] = std::move(charts);
        auto findings = nlohmann::ordered_json::array();
        for (const auto& finding : section.findings) {
            findings.push_back(
                {{"severity", output::severity_name(finding.severity)},
                 {"rule", finding.rule},
                 {"record", finding.record.empty() ? nlohmann::ordered_json(nullptr)
                                                   : nlohmann::ordered_json(finding.record)},
                 {"message", finding.message}});
        }
        s["findings"] = std::move(findings);
        sections.push_back(std::move(s));
    }
    out["sections"] = std::move(sections);
    return output::json_text(out) + "\n";
}

std::string render_csv(const Report& report, const std::string& table_key, bool excel) {
    const auto* table = report.find_table(table_key);
    if (table == nullptr) {
        throw UsageError(msg("--section: \"{}\" is not a table of this report (known: {})",
                             table_key, fmt::format("{}", fmt::join(report.table_keys(), ", "))));
    }
    std::vector<std::vector<std::string>> rows;
    std::vector<std::size_t> columns;
    for (std::size_t c = 0; c < table->columns.size(); ++c) {
        if (!(report.redacted && table->columns[c].personal == Personal::yes)) {
            columns.push_back(c);
        }
    }
    std::vector<std::string> header;
    header.reserve(columns.size());
    for (const auto c : columns) {
        header.push_back(table->columns[c].key);
    }
    rows.push_back(header);
    for (const auto& row : table->rows) {
        std::vector<std::string> fields;
        fields.reserve(columns.size());
        for (const auto c : columns) {
            fields.push_back(
                csv_value(row[c], table->columns[c].kind, excel ? &report.language : nullptr));
        }
        rows.push_back(std::move(fields));
    }
    return output::csv_lines(rows, excel ? ';' : ',', excel);
}

}  // namespace nacsa::report
