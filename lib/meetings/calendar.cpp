// SPDX-License-Identifier: Apache-2.0
// Local date-times, time zones and recurring series of meetings.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

#include "core/error.hpp"
#include "core/ondemand.hpp"
#include "meetings/meetings.hpp"

namespace nacsa::meetings {

namespace chr = std::chrono;

namespace {

[[noreturn]] void unknown_zone(const std::string& name) {
    throw ValidationError(msg("\"{}\" is not an IANA time zone (e.g. America/Santiago)", name));
}

ondemand::ZoneInfo zone_info_or_throw(const std::string& name, Seconds utc) {
    auto info = ondemand_module().zone_info(name, utc.time_since_epoch().count());
    if (!info) {
        unknown_zone(name);
    }
    return std::move(*info);
}

bool two_digits(const std::string& s, std::size_t at, int& out) {
    if (at + 2 > s.size() || s[at] < '0' || s[at] > '9' || s[at + 1] < '0' || s[at + 1] > '9') {
        return false;
    }
    out = (s[at] - '0') * 10 + (s[at + 1] - '0');
    return true;
}

}  // namespace

std::optional<LocalDateTime> parse_local_date_time(const std::string& text) {
    // YYYY-MM-DD[ T]HH:MM
    if (text.size() != 16 || (text[10] != ' ' && text[10] != 'T') || text[13] != ':') {
        return std::nullopt;
    }
    const auto d = parse_date(text.substr(0, 10));
    LocalDateTime out;
    if (!d || !two_digits(text, 11, out.hour) || !two_digits(text, 14, out.minute) ||
        out.hour > 23 || out.minute > 59) {
        return std::nullopt;
    }
    out.date = *d;
    return out;
}

Seconds to_utc(const LocalDateTime& local, const std::string& time_zone) {
    const chr::seconds lt = chr::local_days{local.date}.time_since_epoch() +
                            chr::hours{local.hour} + chr::minutes{local.minute};
    const auto utc = ondemand_module().local_to_utc(time_zone, lt.count());
    if (!utc) {
        unknown_zone(time_zone);
    }
    if (utc->nonexistent) {
        throw ValidationError(
            msg("{} {} does not exist in {} (the clocks skip it for daylight saving time)",
                format_date(local.date), fmt::format("{:02}:{:02}", local.hour, local.minute),
                time_zone));
    }
    return Seconds{chr::seconds{utc->utc}};
}

namespace {

LocalDateTime local_of(Seconds utc, const ondemand::ZoneInfo& info) {
    const auto lt = utc + chr::seconds{info.offset_seconds};
    const auto day = chr::floor<chr::days>(lt);
    const auto tod = chr::duration_cast<chr::minutes>(lt - day);
    LocalDateTime out;
    out.date = Date{day};
    out.hour = static_cast<int>(tod.count() / 60);
    out.minute = static_cast<int>(tod.count() % 60);
    return out;
}

}  // namespace

LocalDateTime to_local(Seconds utc, const std::string& time_zone) {
    return local_of(utc, zone_info_or_throw(time_zone, utc));
}

std::string format_local(Seconds utc, const std::string& time_zone) {
    const auto info = zone_info_or_throw(time_zone, utc);
    const auto local = local_of(utc, info);
    std::string abbrev = info.abbrev;
    if (abbrev.empty() || abbrev[0] == '-' || abbrev[0] == '+' || abbrev.size() > 5) {
        const int minutes = info.offset_seconds / 60;
        abbrev = fmt::format(
            "{}{:02}{}", minutes < 0 ? '-' : '+', std::abs(minutes) / 60,
            std::abs(minutes) % 60 == 0 ? "" : fmt::format(":{:02}", std::abs(minutes) % 60));
    }
    return fmt::format("{} {:02}:{:02} {}", format_date(local.date), local.hour, local.minute,
                       abbrev);
}

std::optional<Repeat> parse_repeat(const std::string& text) {
    if (text == "weekly") {
        return Repeat::weekly;
    }
    if (text == "monthly") {
        return Repeat::monthly;
    }
    if (text == "quarterly") {
        return Repeat::quarterly;
    }
    return std::nullopt;
}

std::optional<MonthlyWeekday> parse_monthly_weekday(const std::string& text) {
    static const std::array<std::pair<const char*, const char*>, 7> names{{{"sun", "su"},
                                                                           {"mon", "mo"},
                                                                           {"tue", "tu"},
                                                                           {"wed", "we"},
                                                                           {"thu", "th"},
                                                                           {"fri", "fr"},
                                                                           {"sat", "sa"}}};
    std::size_t i = 0;
    const bool negative = !text.empty() && text[0] == '-';
    i += negative || (!text.empty() && text[0] == '+') ? 1 : 0;
    if (i >= text.size() || text[i] < '1' || text[i] > '5') {
        return std::nullopt;
    }
    const int n = text[i] - '0';
    std::string day = text.substr(i + 1);
    std::transform(day.begin(), day.end(), day.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (unsigned d = 0; d < names.size(); ++d) {
        if (day == names[d].first || day == names[d].second) {
            return MonthlyWeekday{negative ? -n : n, chr::weekday{d}};
        }
    }
    return std::nullopt;
}

std::string describe(const MonthlyWeekday& w) {
    static const std::array<const char*, 7> days{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                 "Thursday", "Friday", "Saturday"};
    static const std::array<const char*, 5> nth{"1st", "2nd", "3rd", "4th", "5th"};
    static const std::array<const char*, 5> from_end{"last", "second-to-last", "third-to-last",
                                                     "fourth-to-last", "fifth-to-last"};
    const auto index = static_cast<std::size_t>(std::abs(w.n) - 1);
    return fmt::format("{} {}", w.n > 0 ? nth.at(index) : from_end.at(index),
                       days.at(w.weekday.c_encoding()));
}

std::optional<Date> nth_weekday(chr::year_month month, const MonthlyWeekday& w) {
    const chr::sys_days first{month / 1};
    const chr::sys_days last{month / chr::last};
    chr::sys_days day;
    if (w.n > 0) {
        day = first + (w.weekday - chr::weekday{first}) + chr::weeks{w.n - 1};
    } else {
        day = last - (chr::weekday{last} - w.weekday) - chr::weeks{-w.n - 1};
    }
    if (day < first || day > last) {
        return std::nullopt;
    }
    return Date{day};
}

std::vector<LocalDateTime> occurrences(const LocalDateTime& first, Repeat repeat,
                                       std::optional<int> count, std::optional<Date> until,
                                       std::optional<MonthlyWeekday> weekday) {
    constexpr int k_max = 520;
    std::vector<LocalDateTime> out;
    if (weekday) {
        if (repeat != Repeat::monthly && repeat != Repeat::quarterly) {
            throw ValidationError(
                msg("field \"weekday\": goes with a monthly or quarterly series"));
        }
        const auto expected = nth_weekday(first.date.year() / first.date.month(), *weekday);
        if (expected != first.date) {
            throw ValidationError(
                msg("field \"start\": {} is not the {} of its month{}", format_date(first.date),
                    describe(*weekday),
                    expected ? msg(" ({} is)", format_date(*expected)) : Message()));
        }
        const int step = repeat == Repeat::monthly ? 1 : 3;
        const chr::year_month start = first.date.year() / first.date.month();
        for (int i = 0; i < k_max * 2 && !(count && std::ssize(out) >= *count); ++i) {
            const auto day = nth_weekday(start + chr::months{step * i}, *weekday);
            if (!day) {
                continue;  // no such weekday that month
            }
            if (until && chr::sys_days{*day} > chr::sys_days{*until}) {
                break;
            }
            LocalDateTime next = first;
            next.date = *day;
            out.push_back(next);
        }
        return out;
    }
    for (int i = 0; i < k_max; ++i) {
        if (count && i >= *count) {
            break;
        }
        LocalDateTime next = first;
        switch (repeat) {
            case Repeat::none:
                if (i > 0) {
                    return out;
                }
                break;
            case Repeat::weekly:
                next.date = add_days(first.date, 7 * i);
                break;
            case Repeat::monthly:
                next.date = add_months(first.date, i);
                break;
            case Repeat::quarterly:
                next.date = add_months(first.date, 3 * i);
                break;
        }
        if (until && chr::sys_days{next.date} > chr::sys_days{*until}) {
            break;
        }
        out.push_back(next);
    }
    return out;
}

Quorum compute_quorum(double fraction, int voting_invited, int voting_present) {
    Quorum q;
    q.fraction = fraction;
    q.voting_invited = voting_invited;
    q.voting_present = voting_present;
    q.required = std::max(1, static_cast<int>(std::ceil(fraction * voting_invited - 1e-9)));
    q.met = voting_invited > 0 && voting_present >= q.required;
    return q;
}

std::optional<Body> Body::parse(const std::string& text) {
    if (text == "committee" || text == "steering_committee") {
        return Body{Kind::committee, {}};
    }
    if (text == "all_members" || text == "all-members" || text == "members") {
        return Body{Kind::all_members, {}};
    }
    for (const std::string prefix : {"working_group:", "wg:"}) {
        if (text.rfind(prefix, 0) == 0 && text.size() > prefix.size()) {
            return Body{Kind::working_group, text.substr(prefix.size())};
        }
    }
    return std::nullopt;
}

std::string Body::to_string() const {
    switch (kind) {
        case Kind::committee:
            return "committee";
        case Kind::all_members:
            return "all_members";
        case Kind::working_group:
            return "working_group:" + working_group;
    }
    return "all_members";
}

std::optional<Body> default_body(const std::string& kind) {
    if (kind == "steering_committee" || kind == "government_consultation") {
        return Body{Body::Kind::committee, {}};
    }
    if (kind == "working_group") {
        return std::nullopt;
    }
    return Body{Body::Kind::all_members, {}};
}

Date Meeting::local_date() const {
    return to_local(starts_at, time_zone).date;
}

}  // namespace nacsa::meetings
