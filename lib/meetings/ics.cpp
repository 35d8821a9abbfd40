// SPDX-License-Identifier: Apache-2.0
#include "meetings/ics.hpp"

#include <date/tz.h>
#include <fmt/format.h>
#include <libical/ical.h>

#include <map>
#include <memory>

#include "core/error.hpp"
#include "i18n/i18n.hpp"
#include "nacsa_version.hpp"
#include "wg/wg.hpp"

namespace nacsa::meetings {

namespace {

struct ComponentDeleter {
    void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Component = std::unique_ptr<icalcomponent, ComponentDeleter>;

icaltimetype utc_time(Seconds t) {
    return icaltime_from_timet_with_zone(static_cast<time_t>(t.time_since_epoch().count()), 0,
                                         icaltimezone_get_utc_timezone());
}

icalproperty* text_property(icalproperty* p, const std::optional<std::string>& language) {
    if (language) {
        icalproperty_add_parameter(p, icalparameter_new_language(language->c_str()));
    }
    return p;
}

icalproperty* x_property(const char* name, const std::string& value) {
    icalproperty* p = icalproperty_new_x(value.c_str());
    icalproperty_set_x_name(p, name);
    return p;
}

// What the calendar shows under the title, in the meeting's language (else the alliance's):
// labels, not keys.
std::string description(store::Store& store, const Meeting& m) {
    const i18n::Translator tr(m.language.value_or(store.alliance().language));
    const auto line = [&tr](const char* label, const std::string& value) {
        // TRANSLATORS: a label and its value; French puts a no-break space before the colon.
        return fmt::format(fmt::runtime(tr("{label}: {value}")), fmt::arg("label", tr(label)),
                           fmt::arg("value", value));
    };
    const char* kind = kind_msgid(m.kind);
    std::string out = line(N_("Kind"), kind != nullptr ? tr(kind) : m.kind) + "\n" +
                      line(N_("Convened for"), body_label(store, m.body, tr)) + "\n" +
                      line(N_("Format"), format_label(m.format, tr));
    if (m.online_link) {
        out += "\n" + line(N_("Online"), *m.online_link);
    }
    const auto items = agenda(store, m.id);
    if (!items.empty()) {
        auto heading = line(N_("Agenda"), "");
        while (!heading.empty() && heading.back() == ' ') {
            heading.pop_back();
        }
        out += "\n\n" + heading;
        for (const auto& item : items) {
            out += fmt::format("\n{}. {}", item.position, item.title);
            if (item.presenter) {
                out += " (" + *item.presenter + ")";
            }
        }
    }
    return out;
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

// A DTSTART/DTEND value: local time with the meeting's TZID.
icalproperty* zoned(icalproperty* (*make)(struct icaltimetype), Seconds t,
                    const date::time_zone* zone) {
    const auto local = zone->to_local(t);
    icalproperty* p = make(local_time(local));
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

}  // namespace

std::string body_label(store::Store& store, const std::string& text, const i18n::Translator& tr) {
    const auto body = Body::parse(text);
    if (!body) {
        return text;
    }
    switch (body->kind) {
        case Body::Kind::committee:
            return tr("The Steering Committee");
        case Body::Kind::all_members:
            return tr("All members");
        case Body::Kind::working_group:
            if (const auto group = wg::find_group(store, body->working_group)) {
                return group->name;
            }
            return body->working_group;
    }
    return text;
}

std::string format_label(MeetingFormat format, const i18n::Translator& tr) {
    switch (format) {
        case MeetingFormat::in_person:
            return tr("In person");
        case MeetingFormat::online:
            return tr("Online");
        case MeetingFormat::hybrid:
            return tr("Hybrid");
    }
    return format_name(format);
}

std::string to_icalendar(store::Store& store, const std::vector<Meeting>& meetings) {
    Component cal(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
    icalcomponent_add_property(cal.get(), icalproperty_new_version("2.0"));
    icalcomponent_add_property(
        cal.get(),
        icalproperty_new_prodid(fmt::format("-//nacsa//nacsa {}//EN", k_version).c_str()));
    icalcomponent_add_property(cal.get(), icalproperty_new_calscale("GREGORIAN"));
    icalcomponent_add_property(cal.get(), x_property("X-WR-CALNAME", store.alliance().short_name));

    // Each zone the meetings use, with the span of their starts.
    std::map<std::string, std::pair<Seconds, Seconds>> spans;
    for (const auto& m : meetings) {
        auto [it, inserted] = spans.try_emplace(m.time_zone, m.starts_at, m.starts_at);
        it->second.first = std::min(it->second.first, m.starts_at);
        it->second.second = std::max(it->second.second, m.starts_at);
    }
    std::map<std::string, const date::time_zone*> zones;
    for (const auto& [name, span] : spans) {
        try {
            zones[name] = date::locate_zone(name);
        } catch (const std::exception&) {
            zones[name] = nullptr;  // left in UTC
            continue;
        }
        icalcomponent_add_component(cal.get(), vtimezone(zones[name], span.first, span.second));
    }
    for (const auto& m : meetings) {
        icalcomponent* ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
        icalcomponent_add_component(cal.get(), ev);
        const auto updated = parse_timestamp(m.updated_at).value_or(m.starts_at);
        const auto created = parse_timestamp(m.created_at).value_or(updated);
        const date::time_zone* zone = zones[m.time_zone];
        icalcomponent_add_property(ev, icalproperty_new_uid(m.uid.c_str()));
        icalcomponent_add_property(ev, icalproperty_new_dtstamp(utc_time(updated)));
        icalcomponent_add_property(ev, icalproperty_new_created(utc_time(created)));
        icalcomponent_add_property(ev, icalproperty_new_lastmodified(utc_time(updated)));
        icalcomponent_add_property(ev, zoned(icalproperty_new_dtstart, m.starts_at, zone));
        icalcomponent_add_property(
            ev, zoned(icalproperty_new_dtend,
                      m.starts_at + std::chrono::minutes{m.duration_minutes}, zone));
        icalcomponent_add_property(
            ev, text_property(icalproperty_new_summary(m.title.c_str()), m.language));
        icalcomponent_add_property(
            ev,
            text_property(icalproperty_new_description(description(store, m).c_str()), m.language));
        if (m.place || m.online_link) {
            icalcomponent_add_property(
                ev, icalproperty_new_location(m.place ? m.place->c_str() : m.online_link->c_str()));
        }
        if (m.online_link) {
            icalcomponent_add_property(ev, icalproperty_new_url(m.online_link->c_str()));
        }
        icalcomponent_add_property(ev, icalproperty_new_categories(m.kind.c_str()));
        icalproperty_status status = ICAL_STATUS_CONFIRMED;
        if (m.status == MeetingStatus::cancelled) {
            status = ICAL_STATUS_CANCELLED;
        } else if (m.status == MeetingStatus::postponed) {
            status = ICAL_STATUS_TENTATIVE;
        }
        icalcomponent_add_property(ev, icalproperty_new_status(status));
        icalcomponent_add_property(ev, icalproperty_new_sequence(m.sequence));
        icalcomponent_add_property(ev, icalproperty_new_transp(ICAL_TRANSP_OPAQUE));
        icalcomponent_add_property(ev, x_property("X-NACSA-ID", m.id));
        icalcomponent_add_property(ev, x_property("X-NACSA-KIND", m.kind));
        icalcomponent_add_property(ev, x_property("X-NACSA-BODY", m.body));
        icalcomponent_add_property(ev, x_property("X-NACSA-FORMAT", format_name(m.format)));
        icalcomponent_add_property(ev, x_property("X-NACSA-STATUS", status_name(m.status)));
        if (m.series_id) {
            icalcomponent_add_property(ev, x_property("X-NACSA-SERIES", *m.series_id));
        }
    }
    char* text = icalcomponent_as_ical_string_r(cal.get());
    if (text == nullptr) {
        throw StoreError(msg("libical could not write the calendar"));
    }
    std::string out(text);
    icalmemory_free_buffer(text);
    return out;
}

}  // namespace nacsa::meetings
