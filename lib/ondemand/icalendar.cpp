// SPDX-License-Identifier: Apache-2.0
#include <date/tz.h>
#include <libical/ical.h>

#include <memory>
#include <stdexcept>

#include "ondemand/module.hpp"

namespace nacsa::ondemand {

namespace {

using Seconds = date::sys_seconds;

struct ComponentDeleter {
    void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Component = std::unique_ptr<icalcomponent, ComponentDeleter>;

icaltimetype utc_time(std::int64_t t) {
    return icaltime_from_timet_with_zone(static_cast<time_t>(t), 0,
                                         icaltimezone_get_utc_timezone());
}

icalproperty* text_property(icalproperty* p, const std::optional<std::string>& language) {
    if (language) {
        icalproperty_add_parameter(p, icalparameter_new_language(language->c_str()));
    }
    return p;
}

icalproperty* x_property(const std::string& name, const std::string& value) {
    icalproperty* p = icalproperty_new_x(value.c_str());
    icalproperty_set_x_name(p, name.c_str());
    return p;
}

icaltimetype local_time(date::local_seconds t) {
    const auto day = std::chrono::floor<date::days>(t);
    const date::year_month_day ymd{day};
    const date::hh_mm_ss<std::chrono::seconds> tod{t - day};
    icaltimetype out = icaltime_null_time();
    out.year = static_cast<int>(ymd.year());
    out.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
    out.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
    out.hour = static_cast<int>(tod.hours().count());
    out.minute = static_cast<int>(tod.minutes().count());
    out.second = static_cast<int>(tod.seconds().count());
    out.is_date = 0;
    return out;
}

// A DTSTART/DTEND value: local time with the meeting's TZID, or UTC without a known zone.
icalproperty* zoned(icalproperty* (*make)(struct icaltimetype), std::int64_t t,
                    const date::time_zone* zone) {
    if (zone == nullptr) {
        return make(utc_time(t));
    }
    icalproperty* p = make(local_time(zone->to_local(Seconds{std::chrono::seconds{t}})));
    icalproperty_add_parameter(p, icalparameter_new_tzid(std::string(zone->name()).c_str()));
    return p;
}

int offset_seconds(std::chrono::seconds s) {
    return static_cast<int>(s.count());
}

// A VTIMEZONE with every offset change of the zone from a year before `from` to a year after
// `to`, from the system's time-zone database (the same one the meetings were scheduled with).
icalcomponent* vtimezone(const date::time_zone* zone, Seconds from, Seconds to) {
    using namespace std::chrono;
    icalcomponent* vtz = icalcomponent_new(ICAL_VTIMEZONE_COMPONENT);
    icalcomponent_add_property(vtz, icalproperty_new_tzid(std::string(zone->name()).c_str()));
    const Seconds begin = from - days{366};
    const Seconds end = to + days{366};
    auto info = zone->get_info(begin);
    seconds previous_offset = info.offset;
    if (info.begin > sys_seconds{}) {
        previous_offset = zone->get_info(info.begin - seconds{1}).offset;
    }
    Seconds onset = std::max(Seconds{info.begin}, Seconds{sys_days{year{1970} / January / 1}});
    while (true) {
        icalcomponent* obs = icalcomponent_new(info.save != minutes{0} ? ICAL_XDAYLIGHT_COMPONENT
                                                                       : ICAL_XSTANDARD_COMPONENT);
        icalcomponent_add_property(obs, icalproperty_new_dtstart(local_time(date::local_seconds{
                                            onset.time_since_epoch() + previous_offset})));
        icalcomponent_add_property(obs,
                                   icalproperty_new_tzoffsetfrom(offset_seconds(previous_offset)));
        icalcomponent_add_property(obs, icalproperty_new_tzoffsetto(offset_seconds(info.offset)));
        if (!info.abbrev.empty()) {
            icalcomponent_add_property(obs, icalproperty_new_tzname(info.abbrev.c_str()));
        }
        icalcomponent_add_component(vtz, obs);
        if (info.end >= end) {
            break;
        }
        previous_offset = info.offset;
        onset = info.end;
        info = zone->get_info(info.end);
    }
    return vtz;
}

const date::time_zone* find_zone(const std::string& name) {
    try {
        return name.empty() ? nullptr : date::locate_zone(name);
    } catch (const std::exception&) {
        return nullptr;  // left in UTC
    }
}

icalproperty_status ical_status(EventStatus status) {
    switch (status) {
        case EventStatus::cancelled:
            return ICAL_STATUS_CANCELLED;
        case EventStatus::tentative:
            return ICAL_STATUS_TENTATIVE;
        case EventStatus::confirmed:
            break;
    }
    return ICAL_STATUS_CONFIRMED;
}

void add_event(icalcomponent* cal, const CalendarEvent& e) {
    icalcomponent* ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
    icalcomponent_add_component(cal, ev);
    const date::time_zone* zone = find_zone(e.time_zone);
    icalcomponent_add_property(ev, icalproperty_new_uid(e.uid.c_str()));
    icalcomponent_add_property(ev, icalproperty_new_dtstamp(utc_time(e.stamp)));
    icalcomponent_add_property(ev, icalproperty_new_created(utc_time(e.created)));
    icalcomponent_add_property(ev, icalproperty_new_lastmodified(utc_time(e.stamp)));
    icalcomponent_add_property(ev, zoned(icalproperty_new_dtstart, e.start, zone));
    icalcomponent_add_property(ev, zoned(icalproperty_new_dtend, e.end, zone));
    icalcomponent_add_property(
        ev, text_property(icalproperty_new_summary(e.summary.c_str()), e.language));
    icalcomponent_add_property(
        ev, text_property(icalproperty_new_description(e.description.c_str()), e.language));
    if (e.location) {
        icalcomponent_add_property(ev, icalproperty_new_location(e.location->c_str()));
    }
    if (e.url) {
        icalcomponent_add_property(ev, icalproperty_new_url(e.url->c_str()));
    }
    icalcomponent_add_property(ev, icalproperty_new_categories(e.categories.c_str()));
    icalcomponent_add_property(ev, icalproperty_new_status(ical_status(e.status)));
    icalcomponent_add_property(ev, icalproperty_new_sequence(e.sequence));
    icalcomponent_add_property(ev, icalproperty_new_transp(ICAL_TRANSP_OPAQUE));
    for (const auto& [name, value] : e.x_properties) {
        icalcomponent_add_property(ev, x_property(name, value));
    }
}

}  // namespace

std::string icalendar(const Calendar& calendar) {
    Component cal(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
    icalcomponent_add_property(cal.get(), icalproperty_new_version("2.0"));
    icalcomponent_add_property(cal.get(), icalproperty_new_prodid(calendar.prodid.c_str()));
    icalcomponent_add_property(cal.get(), icalproperty_new_calscale("GREGORIAN"));
    icalcomponent_add_property(cal.get(), x_property("X-WR-CALNAME", calendar.name));
    for (const auto& z : calendar.zones) {
        if (const auto* zone = find_zone(z.name)) {
            icalcomponent_add_component(cal.get(),
                                        vtimezone(zone, Seconds{std::chrono::seconds{z.from}},
                                                  Seconds{std::chrono::seconds{z.to}}));
        }
    }
    for (const auto& e : calendar.events) {
        add_event(cal.get(), e);
    }
    char* text = icalcomponent_as_ical_string_r(cal.get());
    if (text == nullptr) {
        throw std::runtime_error("libical could not write the calendar");
    }
    std::string out(text);
    icalmemory_free_buffer(text);
    return out;
}

}  // namespace nacsa::ondemand
