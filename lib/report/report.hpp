#pragma once

#include <string>

#include "report/model.hpp"
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

// Computes a report from the store: every section, figure, table, chart and finding.
// Sections whose records are not kept in this store say so plainly; nothing fails on empty data.
[[nodiscard]] Report build(store::Store& store, const Options& options);

}  // namespace nacsa::report
