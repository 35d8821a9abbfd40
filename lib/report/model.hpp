// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/time.hpp"
#include "output/findings.hpp"

namespace nacsa::report {

// The version of the JSON form of a report (schemas/report.schema.json, "schema_version"):
// raised when a field changes meaning or goes, so that a reader of reports (report regional)
// refuses one it would misread.
inline constexpr int k_report_schema_version = 1;

// The reports nacsa writes.
// regional: the alliances of several countries, from their reports (report/regional.hpp).
enum class Kind { quarterly, annual, membership, committee, meetings, plan, regional };

[[nodiscard]] std::string kind_name(Kind kind);

// The period a report covers, both days included.
struct Period {
    Date from{};
    Date to{};
    std::string label;  // "2026Q3", "2026" or "2026-01-01/2026-03-31"
};

// How a value is shown: text as is, numbers and dates in the report's language.
enum class ValueKind { text, integer, number, percent, date };

// A value of the report: nothing, text, a whole number, a number, or a date (ISO text).
using Value = std::variant<std::monostate, std::string, std::int64_t, double>;

// Whether a column or figure is about a person (left out by --redact; makes the file 0600).
enum class Personal { no, yes };

// Whether a column is shown to people or only kept for JSON and CSV (keys of configured lists).
enum class Shown { always, data_only };

struct Column {
    std::string key;     // snake_case: JSON field and CSV header
    std::string header;  // in the report's language
    ValueKind kind = ValueKind::text;
    Personal personal = Personal::no;
    Shown shown = Shown::always;
};

// A table of the report; `key` is what `--section` picks for CSV.
struct Table {
    std::string key;
    std::string title;
    std::vector<Column> columns;
    std::vector<std::vector<Value>> rows;
    std::string empty_text;  // said instead of an empty table
    bool to_sign = false;    // printed with rows tall enough to write and sign in
};

// One number of the report, with its label ("Active members: 48").
struct Figure {
    std::string key;
    std::string label;
    Value value;
    ValueKind kind = ValueKind::integer;
};

struct Bar {
    std::string label;
    double value = 0;
    std::string text;  // shown at the bar's end instead of the value when set ("34 (50 %)")
};

// A bar chart (drawn as SVG in HTML; its numbers are also in a table or figures).
struct Chart {
    std::string key;
    std::string title;
    std::vector<Bar> bars;
    ValueKind kind = ValueKind::integer;  // integer or percent (value is then a share 0..1)
};

struct Section {
    std::string key;  // membership, governance, working_groups, meetings, plan, next_period
    std::string title;
    std::vector<std::string> notes;  // sentences, in order; "Nothing to report." when empty
    std::vector<Figure> figures;
    std::vector<Chart> charts;
    std::vector<Table> tables;
    std::vector<output::Finding> findings;

    [[nodiscard]] bool empty() const {
        return notes.empty() && figures.empty() && charts.empty() && tables.empty() &&
               findings.empty();
    }
};

// A whole report: plain values, computed before any rendering.
struct Report {
    Kind kind = Kind::quarterly;
    std::string title;
    std::string alliance_name;
    std::string alliance_short_name;
    std::string country_code;
    std::string country;
    std::string language;
    Period period;
    Date generated{};
    Date as_of{};  // the records read are those dated up to this day
    bool redacted = false;
    std::vector<Section> sections;
    // Documents other than reports (a meeting's agenda, minutes, attendance sheet): the lines of
    // the title block instead of country, period and dates, and sections that follow each other
    // on the page instead of each starting a new one.
    std::vector<std::pair<std::string, std::string>> meta;
    bool page_per_section = true;

    // Error-level findings (a missing government consultation, committee check errors).
    [[nodiscard]] bool has_errors() const;
    // Whether the report names people (a representative, an observer): write it 0600.
    [[nodiscard]] bool names_people() const;
    [[nodiscard]] const Section* find_section(const std::string& key) const;
    [[nodiscard]] const Table* find_table(const std::string& key) const;
    [[nodiscard]] std::vector<std::string> table_keys() const;
    [[nodiscard]] std::vector<std::string> section_keys() const;
};

}  // namespace nacsa::report
