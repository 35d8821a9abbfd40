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
};

[[nodiscard]] Period quarter_period(Quarter quarter);
[[nodiscard]] Period year_period(int year);
[[nodiscard]] Period range_period(Date from, Date to);
// The last completed quarter before `today` (annual reports: the last completed year).
[[nodiscard]] Period default_period(Kind kind, Date today);

// Computes a report from the modules' read functions: every section, figure, table, chart and
// finding. A section with nothing to report says so plainly; nothing fails on empty data.
[[nodiscard]] Report build(store::Store& store, const Options& options);

// What `nacsa report KIND` asks for.
struct Request {
    Kind kind = Kind::quarterly;
    std::optional<Period> period;  // default: default_period(kind, the store's today)
    std::string language = "en";
    Format format = Format::md;
    // md, html, json: only this section; csv: the table to write (required).
    std::optional<std::string> section;
    bool excel = false;  // csv: a BOM and ';'
    bool redact = false;
};

// A report rendered as the request asks.
struct Document {
    std::string text;
    Period period;
    bool names_people = false;  // write it owner-only (0600)
    // The messages of its error-level findings, in the report's language (for --strict).
    std::vector<std::string> errors;
};

// Builds the report (build) as of the store's today, keeps the section asked for, and renders
// it. A section or table the report does not have is a UsageError (exit 2) naming the known
// ones.
[[nodiscard]] Document produce(store::Store& store, const Request& request);

}  // namespace nacsa::report
