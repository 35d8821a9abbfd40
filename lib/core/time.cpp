// SPDX-License-Identifier: Apache-2.0
#include "core/time.hpp"

#include <fmt/format.h>

#include <cstdlib>

#include "core/ondemand.hpp"

namespace nacsa {

namespace chr = std::chrono;

namespace {

// The value of SOURCE_DATE_EPOCH, or nullopt when it is unset, empty or not one nacsa takes.
std::optional<long long> source_date_epoch(std::string* problem) {
    const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
    if (epoch == nullptr || *epoch == '\0') {
        return std::nullopt;
    }
    const std::string_view text(epoch);
    long long value = 0;
    bool digits = text.size() <= 12;
    for (const char c : text) {
        digits = digits && c >= '0' && c <= '9';
        if (digits) {
            value = value * 10 + (c - '0');
        }
    }
    if (!digits || value > k_max_source_date_epoch) {
        if (problem != nullptr) {
            *problem = fmt::format(
                "SOURCE_DATE_EPOCH=\"{}\" is not a time nacsa can use: give a whole number of "
                "seconds since 1970-01-01 UTC, from 0 to {} (the end of the year 9999)",
                text.size() > 40 ? std::string(text.substr(0, 40)) + "..." : std::string(text),
                k_max_source_date_epoch);
        }
        return std::nullopt;
    }
    return value;
}

}  // namespace

Seconds now() {
    if (const auto value = source_date_epoch(nullptr)) {
        return Seconds{chr::seconds{*value}};
    }
    return chr::floor<chr::seconds>(chr::system_clock::now());
}

std::string source_date_epoch_problem() {
    std::string problem;
    (void)source_date_epoch(&problem);
    return problem;
}

bool is_known_time_zone(const std::string& name) {
    return ondemand_module().zone_known(name);
}

Date today(const std::string& time_zone) {
    auto t = now();
    if (const auto info = ondemand_module().zone_info(time_zone, t.time_since_epoch().count())) {
        t += chr::seconds{info->offset_seconds};  // the local time
    }
    return Date{chr::floor<chr::days>(t)};
}

std::optional<Date> parse_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    int parts[3] = {0, 0, 0};
    const std::size_t starts[3] = {0, 5, 8};
    const std::size_t lengths[3] = {4, 2, 2};
    for (int i = 0; i < 3; ++i) {
        for (std::size_t j = 0; j < lengths[i]; ++j) {
            const char c = text[starts[i] + j];
            if (c < '0' || c > '9') {
                return std::nullopt;
            }
            parts[i] = parts[i] * 10 + (c - '0');
        }
    }
    const Date d{chr::year{parts[0]}, chr::month{static_cast<unsigned>(parts[1])},
                 chr::day{static_cast<unsigned>(parts[2])}};
    if (!d.ok()) {
        return std::nullopt;
    }
    return d;
}

std::string format_date(Date d) {
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()),
                       static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

int days_between(Date a, Date b) {
    return static_cast<int>((chr::sys_days{b} - chr::sys_days{a}).count());
}

Date add_days(Date d, int days) {
    return Date{chr::sys_days{d} + chr::days{days}};
}

Date add_months(Date d, int months) {
    Date shifted = d.year() / d.month() / chr::day{1};
    shifted = shifted + chr::months{months};
    const auto last =
        chr::year_month_day_last{shifted.year(), chr::month_day_last{shifted.month()}};
    const auto day = d.day() > last.day() ? last.day() : d.day();
    return shifted.year() / shifted.month() / day;
}

std::string format_timestamp(Seconds t) {
    const auto day = chr::floor<chr::days>(t);
    const Date d{day};
    const chr::hh_mm_ss hms{t - day};
    return fmt::format("{}T{:02}:{:02}:{:02}Z", format_date(d), hms.hours().count(),
                       hms.minutes().count(), hms.seconds().count());
}

std::optional<Seconds> parse_timestamp(std::string_view text) {
    // YYYY-MM-DDTHH:MM:SSZ
    if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
        text[19] != 'Z') {
        return std::nullopt;
    }
    const auto d = parse_date(text.substr(0, 10));
    if (!d) {
        return std::nullopt;
    }
    auto two = [&](std::size_t at) -> int {
        const char a = text[at];
        const char b = text[at + 1];
        if (a < '0' || a > '9' || b < '0' || b > '9') {
            return -1;
        }
        return (a - '0') * 10 + (b - '0');
    };
    const int h = two(11);
    const int m = two(14);
    const int s = two(17);
    if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 60) {
        return std::nullopt;
    }
    return Seconds{chr::sys_days{*d}} + chr::hours{h} + chr::minutes{m} + chr::seconds{s};
}

std::optional<Quarter> Quarter::parse(std::string_view text) {
    if (text.size() != 6 || (text[4] != 'Q' && text[4] != 'q') || text[5] < '1' || text[5] > '4') {
        return std::nullopt;
    }
    int year = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return std::nullopt;
        }
        year = year * 10 + (text[i] - '0');
    }
    return Quarter{year, text[5] - '0'};
}

Quarter Quarter::containing(Date date) {
    return Quarter{static_cast<int>(date.year()),
                   static_cast<int>((static_cast<unsigned>(date.month()) - 1) / 3 + 1)};
}

Date Quarter::first_day() const {
    return chr::year{year} / chr::month{static_cast<unsigned>((number - 1) * 3 + 1)} / chr::day{1};
}

Date Quarter::last_day() const {
    return add_days(next().first_day(), -1);
}

Quarter Quarter::previous() const {
    return number == 1 ? Quarter{year - 1, 4} : Quarter{year, number - 1};
}

Quarter Quarter::next() const {
    return number == 4 ? Quarter{year + 1, 1} : Quarter{year, number + 1};
}

std::string Quarter::to_string() const {
    return fmt::format("{:04}Q{}", year, number);
}

}  // namespace nacsa
