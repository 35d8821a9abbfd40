// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "report/model.hpp"
#include "report/render.hpp"
#include "store/store.hpp"

namespace nacsa::report {

// What to report on.
struct Options {
    Kind kind = Kind::quarterly;
    Period period;
    std::string language = "en";
    bool redact = false;  // leave personal data out (names of organisations stay)
    Date today{};         // the generation date (in the alliance's time zone)
    // The day whose records the report reads (records dated later are left out); default: the
    // period's last day. Earlier: the period as known that day. Later: only the next period's
    // lists change (what was scheduled or due as known that day).
    std::optional<Date> as_of;
};

[[nodiscard]] Period quarter_period(Quarter quarter);
[[nodiscard]] Period year_period(int year);
[[nodiscard]] Period range_period(Date from, Date to);
// The last completed quarter before `today` (annual reports: the last completed year).
[[nodiscard]] Period default_period(Kind kind, Date today);

// Computes a report from the modules' read functions: every section, figure, table, chart and
// finding, from the records dated up to the as-of day (each record's own date decides: a
// status's date, a measurement's date, a meeting's date, the day a meeting was scheduled or
// changed), so that a closed period's report written again on a later day is the same
// document but for its generation date. A section with nothing to report says so plainly;
// nothing fails on empty data. An as-of day before the period's first day is a UsageError.
[[nodiscard]] Report build(store::Store& store, const Options& options);

// What `nacsa report KIND` asks for.
struct Request {
    Kind kind = Kind::quarterly;
    std::optional<Period> period;  // default: default_period(kind, the store's today)
    std::string language = "en";
    Format format = Format::md;
    // md, html, json: only this section; csv: the table to write (required), or "all": every
    // table, each a file of its own (Document::files).
    std::optional<std::string> section;
    bool excel = false;  // csv: a BOM and ';'
    bool redact = false;
    std::optional<Date> as_of;  // see Options::as_of
    // pdf: the engine (output::find_pdf_engine; default: the first installed).
    std::optional<std::string> pdf_engine;
};

// A report rendered as the request asks.
struct Document {
    std::string text;
    Period period;
    bool names_people = false;  // write it owner-only (0600)
    // The messages of its error-level findings, in the report's language (for --strict).
    std::vector<std::string> errors;
    // csv with section "all": each table as (file name "KEY.csv", text); `text` is then empty.
    std::vector<std::pair<std::string, std::string>> files;
};

// What `nacsa report regional FILE...` asks for (report/regional.hpp): no store is read.
struct RegionalRequest {
    std::vector<std::string> paths;  // report files, or folders of them
    std::string network;
    std::string language = "en";
    Format format = Format::md;
    std::optional<std::string> section;  // as Request::section
    bool excel = false;
    std::optional<std::string> pdf_engine;
    Date today{};
};

// Reads the national reports, builds the regional report and renders it as Request asks.
[[nodiscard]] Document produce_regional(const RegionalRequest& request);

// Builds the report (build) as of the store's today, keeps the section asked for, and renders
// it. A section or table the report does not have is a UsageError (exit 2) naming the known
// ones.
[[nodiscard]] Document produce(store::Store& store, const Request& request);

}  // namespace nacsa::report
