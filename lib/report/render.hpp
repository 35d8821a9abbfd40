// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "report/model.hpp"

namespace nacsa::report {

enum class Format { md, html, json, csv, pdf };

// Clean Markdown: title block, contents, one "##" heading per section.
[[nodiscard]] std::string render_markdown(const Report& report);

// One self-contained HTML file: inline CSS (with print CSS for A4), inline SVG charts, no
// JavaScript, no external resources.
[[nodiscard]] std::string render_html(const Report& report);

// The HTML printed to A4 pages by a PDF engine (output/pdf.hpp).
// (produce() does it: it needs the engine the request names.)

// Every figure, table, chart and finding as JSON (schemas/report.schema.json).
[[nodiscard]] std::string render_json(const Report& report);

// One table (its key, e.g. "members_by_region") as RFC 4180 CSV with English snake_case
// headers and raw values; `excel` adds a BOM and uses ';'.
[[nodiscard]] std::string render_csv(const Report& report, const std::string& table, bool excel);

// A value for people, in the report's language.
[[nodiscard]] std::string display_value(const Value& value, ValueKind kind,
                                        const std::string& language);

}  // namespace nacsa::report
