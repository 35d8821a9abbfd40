// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/time.hpp"

namespace nacsa::output {

// One value of a table: empty (null), text, whole number, number, yes/no, or a list of texts.
using Cell =
    std::variant<std::monostate, std::string, std::int64_t, double, bool, std::vector<std::string>>;

enum class Align { left, right };

// What a column's cells are when they are keys people read as labels: a key of the alliance
// configuration (a region, an organisation type, thematic areas, services, a committee role) or
// a status. The table format shows each key as its label in the output language
// (RenderOptions::label); JSON and CSV keep the key.
enum class Label { none, region, organisation_type, thematic_area, service, role, status };

// A column's priority when the table does not fit the terminal: the columns with the lowest
// priority are left out first; a column of priority k_always (the default) is always shown, and
// so is the first column whatever its priority.
inline constexpr int k_always = 100;

struct Column {
    std::string key;  // snake_case name: the JSON field and the CSV header
    // Shown above the column in table format, in English, marked with N_ for the catalogs;
    // said in the output language through RenderOptions::translate.
    std::string header;
    Align align = Align::left;
    int priority = k_always;
    // Free text that may be cut with "…" down to this many columns when the table does not fit
    // (0: never cut). Columns are cut before any is left out, down to these widths.
    std::size_t min_width = 0;
    Label label = Label::none;
};

// Plain values a command computed, before they are turned into text.
struct Table {
    std::vector<Column> columns;
    std::vector<std::vector<Cell>> rows;

    void add_row(std::vector<Cell> row) { rows.push_back(std::move(row)); }
};

enum class Format { table, json, csv };

struct RenderOptions {
    Format format = Format::table;
    bool excel = false;  // CSV: BOM and ';' for Spanish/French-locale spreadsheets
    bool color = false;  // table: bold header
    // Standard output is a terminal: CSV cells show control characters as visible escapes
    // (\x1b), as tables do, instead of passing them to the terminal. To a file or a pipe, CSV
    // keeps the text as stored.
    bool terminal = false;
    // Table format: the display width to fit (the terminal's); 0 for no limit. A table too wide
    // cuts its free-text columns (Column::min_width), then leaves out columns by priority.
    std::size_t width = 0;
    // Table format: every column, whole (--wide), whatever the width.
    bool wide = false;
    // Table format: the label of a key in a Label column; without it, or when it returns an
    // empty text, the key is shown.
    std::function<std::string(Label, const std::string&)> label;
    // Table format: a header's translation into the output language; without it, the header as
    // written.
    std::function<std::string(const std::string&)> translate;
};

// The text `utf8` cut to at most `width` display columns, ending in "…" when cut.
[[nodiscard]] std::string truncate_display(const std::string& utf8, std::size_t width);

// Renders every row: an aligned table, a JSON array of objects, or RFC 4180 CSV.
[[nodiscard]] std::string render(const Table& table, const RenderOptions& options);

// Renders a single record (the table's first row): "Header: value" lines, a JSON object, or
// CSV with one row.
[[nodiscard]] std::string render_record(const Table& table, const RenderOptions& options);

// The rows as a JSON array of objects keyed by column (null for an empty cell).
[[nodiscard]] nlohmann::json to_json(const Table& table);

// JSON text of `value` (nlohmann's dump, `indent` as there; -1 for one line), with the C1
// control characters U+0080 to U+009F written as \u escapes: nlohmann writes them as raw bytes,
// which some terminals obey (U+009B starts an escape sequence). The same JSON to any parser.
[[nodiscard]] std::string json_text(const nlohmann::json& value, int indent = 2);
[[nodiscard]] std::string json_text(const nlohmann::ordered_json& value, int indent = 2);

// Text of a cell for humans: lists joined by ", ", booleans yes/no, empty for null.
[[nodiscard]] std::string cell_text(const Cell& cell);
// The cell of a text that may be empty, and of a date that may be missing (YYYY-MM-DD): null
// when there is none, so that JSON says null and a table leaves it blank.
[[nodiscard]] Cell text_cell(const std::string& text);
[[nodiscard]] Cell date_cell(const std::optional<Date>& date);

// Whether a spreadsheet could take a text for a formula once any leading ' are gone: it
// starts with = + - @ tab or CR, maybe after one ' or more.
[[nodiscard]] bool formula_like(std::string_view value);

// One CSV field, quoted when needed (RFC 4180) and neutralised against formula injection:
// a formula_like text gets a ' in front ("=1+1" -> "'=1+1", and "'=1" -> "''=1", so that
// removing one ' from a formula_like field that starts with ' gives the text back exactly).
[[nodiscard]] std::string csv_field(const std::string& value, char delimiter);

// Lines of CSV from rows of text fields: header first, CRLF line ends.
[[nodiscard]] std::string csv_lines(const std::vector<std::vector<std::string>>& rows,
                                    char delimiter, bool bom);

}  // namespace nacsa::output
