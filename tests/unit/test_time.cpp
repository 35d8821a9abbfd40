// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>
#include <stdlib.h>

#include <chrono>
#include <string>

#include "core/time.hpp"

using namespace std::chrono;
using nacsa::Date;
using nacsa::Quarter;

namespace {

Date d(int y, unsigned m, unsigned day) {
    return Date{year{y}, month{m}, std::chrono::day{day}};
}

// Sets SOURCE_DATE_EPOCH for the lifetime of the object.
class Epoch {
  public:
    explicit Epoch(const char* value) { ::setenv("SOURCE_DATE_EPOCH", value, 1); }
    ~Epoch() { ::unsetenv("SOURCE_DATE_EPOCH"); }
    Epoch(const Epoch&) = delete;
    Epoch& operator=(const Epoch&) = delete;
};

}  // namespace

TEST_CASE("parse_date: strict ISO 8601 dates that exist") {
    CHECK(nacsa::parse_date("2026-11-29") == d(2026, 11, 29));
    CHECK(nacsa::parse_date("2028-02-29") == d(2028, 2, 29));
    CHECK_FALSE(nacsa::parse_date("2026-02-29"));
    CHECK_FALSE(nacsa::parse_date("2026-13-01"));
    CHECK_FALSE(nacsa::parse_date("2026-00-10"));
    CHECK_FALSE(nacsa::parse_date("2026-1-01"));
    CHECK_FALSE(nacsa::parse_date("2026/11/29"));
    CHECK_FALSE(nacsa::parse_date("29-11-2026"));
    CHECK_FALSE(nacsa::parse_date("2026-11-29T10:00"));
    CHECK_FALSE(nacsa::parse_date(""));
    CHECK_FALSE(nacsa::parse_date("２０２６-11-29"));
    CHECK(nacsa::format_date(d(2026, 3, 5)) == "2026-03-05");
    CHECK(nacsa::format_date(d(987, 1, 1)) == "0987-01-01");
}

TEST_CASE("date arithmetic") {
    CHECK(nacsa::days_between(d(2026, 1, 1), d(2026, 12, 31)) == 364);
    CHECK(nacsa::days_between(d(2026, 3, 1), d(2026, 2, 1)) == -28);
    CHECK(nacsa::add_days(d(2026, 12, 31), 1) == d(2027, 1, 1));
    CHECK(nacsa::add_days(d(2028, 3, 1), -1) == d(2028, 2, 29));
    CHECK(nacsa::add_months(d(2026, 1, 31), 1) == d(2026, 2, 28));
    CHECK(nacsa::add_months(d(2028, 1, 31), 1) == d(2028, 2, 29));
    CHECK(nacsa::add_months(d(2026, 11, 15), 24) == d(2028, 11, 15));
    CHECK(nacsa::add_months(d(2026, 3, 31), -1) == d(2026, 2, 28));
    CHECK(nacsa::add_months(d(2026, 1, 15), -13) == d(2024, 12, 15));
}

TEST_CASE("timestamps are UTC ISO 8601 with Z") {
    const nacsa::Seconds t{seconds{1795953600}};
    CHECK(nacsa::format_timestamp(t) == "2026-11-29T12:00:00Z");
    CHECK(nacsa::parse_timestamp("2026-11-29T12:00:00Z") == t);
    CHECK(nacsa::format_timestamp(nacsa::Seconds{seconds{0}}) == "1970-01-01T00:00:00Z");
    CHECK_FALSE(nacsa::parse_timestamp("2026-11-29 12:00:00Z"));
    CHECK_FALSE(nacsa::parse_timestamp("2026-11-29T24:00:00Z"));
    CHECK_FALSE(nacsa::parse_timestamp("2026-11-29T12:00:00"));
    CHECK_FALSE(nacsa::parse_timestamp("2026-02-30T12:00:00Z"));
}

TEST_CASE("now() honours SOURCE_DATE_EPOCH; today() is the date in the alliance's time zone") {
    {
        const Epoch epoch("1795953600");  // 2026-11-29T12:00:00Z
        CHECK(nacsa::format_timestamp(nacsa::now()) == "2026-11-29T12:00:00Z");
        CHECK(nacsa::today("America/Santiago") == d(2026, 11, 29));
        CHECK(nacsa::today("Pacific/Kiritimati") == d(2026, 11, 30));  // UTC+14
        CHECK(nacsa::today("Pacific/Pago_Pago") == d(2026, 11, 29));   // UTC-11
        CHECK(nacsa::today("Nowhere/Atlantis") == d(2026, 11, 29));    // falls back to UTC
    }
    {
        const Epoch late("1795998600");  // 2026-11-30T00:30:00Z
        CHECK(nacsa::today("America/Santiago") == d(2026, 11, 29));
        CHECK(nacsa::today("UTC") == d(2026, 11, 30));
    }
    {
        const Epoch garbage("tomorrow");  // ignored: the system clock
        const auto diff = nacsa::now() - floor<seconds>(system_clock::now());
        CHECK(diff < seconds{5});
        CHECK(diff > seconds{-5});
        CHECK(nacsa::source_date_epoch_problem().find("SOURCE_DATE_EPOCH=\"tomorrow\"") == 0);
    }
    for (const char* bad : {"-5", "1e9", "99999999999999999999", "253402300800", "12 "}) {
        const Epoch epoch(bad);
        CAPTURE(bad);
        CHECK_FALSE(nacsa::source_date_epoch_problem().empty());
        const auto diff = nacsa::now() - floor<seconds>(system_clock::now());
        CHECK(diff < seconds{5});  // not used
    }
    for (const char* good : {"0", "253402300799", ""}) {
        const Epoch epoch(good);
        CHECK(nacsa::source_date_epoch_problem().empty());
    }
    const Epoch end_of_9999("253402300799");
    CHECK(nacsa::format_timestamp(nacsa::now()) == "9999-12-31T23:59:59Z");
}

TEST_CASE("time zones are looked up in the IANA database") {
    CHECK(nacsa::is_known_time_zone("America/Santiago"));
    CHECK(nacsa::is_known_time_zone("Europe/Paris"));
    CHECK(nacsa::is_known_time_zone("UTC"));
    CHECK_FALSE(nacsa::is_known_time_zone("America/Valdivia"));
    CHECK_FALSE(nacsa::is_known_time_zone(""));
    CHECK_FALSE(nacsa::is_known_time_zone("../../etc/passwd"));
}

TEST_CASE("quarters") {
    CHECK(Quarter::parse("2026Q3") == Quarter{2026, 3});
    CHECK(Quarter::parse("2026q1") == Quarter{2026, 1});
    CHECK_FALSE(Quarter::parse("2026Q5"));
    CHECK_FALSE(Quarter::parse("2026Q0"));
    CHECK_FALSE(Quarter::parse("26Q1"));
    CHECK_FALSE(Quarter::parse("2026-Q1"));
    CHECK(Quarter::containing(d(2026, 11, 29)) == Quarter{2026, 4});
    CHECK(Quarter::containing(d(2026, 3, 31)) == Quarter{2026, 1});
    CHECK(Quarter::containing(d(2026, 4, 1)) == Quarter{2026, 2});
    CHECK(Quarter{2026, 1}.first_day() == d(2026, 1, 1));
    CHECK(Quarter{2026, 1}.last_day() == d(2026, 3, 31));
    CHECK(Quarter{2026, 4}.last_day() == d(2026, 12, 31));
    CHECK(Quarter{2026, 1}.previous() == Quarter{2025, 4});
    CHECK(Quarter{2026, 4}.next() == Quarter{2027, 1});
    CHECK(Quarter{2026, 3}.to_string() == "2026Q3");
    CHECK(Quarter{2025, 4} < Quarter{2026, 1});
}
