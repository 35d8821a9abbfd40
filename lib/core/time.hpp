// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace nacsa {

// A calendar date (ISO 8601, no time zone).
using Date = std::chrono::year_month_day;
using Seconds = std::chrono::sys_seconds;

// "Now": the system clock, or SOURCE_DATE_EPOCH when it is set (reproducible runs and tests).
// A SOURCE_DATE_EPOCH that source_date_epoch_problem refuses is not used.
[[nodiscard]] Seconds now();

// The latest SOURCE_DATE_EPOCH nacsa takes: 9999-12-31T23:59:59Z (dates have four digits).
inline constexpr long long k_max_source_date_epoch = 253402300799;
// What is wrong with the SOURCE_DATE_EPOCH of the environment ("" when it is unset, empty or
// a whole number of seconds from 0 to k_max_source_date_epoch): for the command line to refuse.
[[nodiscard]] std::string source_date_epoch_problem();

// Today's date in an IANA time zone (falls back to UTC when the zone is unknown).
[[nodiscard]] Date today(const std::string& time_zone);

// Strict ISO 8601 calendar date "YYYY-MM-DD" that exists in the calendar.
[[nodiscard]] std::optional<Date> parse_date(std::string_view text);
[[nodiscard]] std::string format_date(Date date);

// Days between two dates (b - a).
[[nodiscard]] int days_between(Date a, Date b);
[[nodiscard]] Date add_days(Date date, int days);
// Adds months, clamping the day to the end of the month (2026-01-31 + 1 month = 2026-02-28).
[[nodiscard]] Date add_months(Date date, int months);

// UTC timestamp "2026-11-29T10:15:00Z".
[[nodiscard]] std::string format_timestamp(Seconds t);
[[nodiscard]] std::optional<Seconds> parse_timestamp(std::string_view text);

// Whether an IANA time-zone name is known to the time-zone database.
[[nodiscard]] bool is_known_time_zone(const std::string& name);

// A period of days, both ends included.
struct DateRange {
    Date from{};
    Date to{};
};

// A calendar quarter, written "2026Q3".
struct Quarter {
    int year = 0;
    int number = 1;  // 1..4

    [[nodiscard]] static std::optional<Quarter> parse(std::string_view text);
    [[nodiscard]] static Quarter containing(Date date);
    [[nodiscard]] Date first_day() const;
    [[nodiscard]] Date last_day() const;
    [[nodiscard]] Quarter previous() const;
    [[nodiscard]] Quarter next() const;
    [[nodiscard]] std::string to_string() const;
    auto operator<=>(const Quarter&) const = default;
};

}  // namespace nacsa
