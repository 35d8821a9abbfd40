// SPDX-License-Identifier: Apache-2.0
#include "meetings/ics.hpp"

#include <fmt/format.h>

#include <map>
#include <stdexcept>

#include "core/error.hpp"
#include "core/ondemand.hpp"
#include "i18n/i18n.hpp"
#include "nacsa_version.hpp"
#include "wg/wg.hpp"

namespace nacsa::meetings {

namespace {

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

std::int64_t seconds(Seconds t) {
    return t.time_since_epoch().count();
}

ondemand::EventStatus event_status(MeetingStatus status) {
    if (status == MeetingStatus::cancelled) {
        return ondemand::EventStatus::cancelled;
    }
    if (status == MeetingStatus::postponed) {
        return ondemand::EventStatus::tentative;
    }
    return ondemand::EventStatus::confirmed;
}

ondemand::CalendarEvent event(store::Store& store, const Meeting& m) {
    ondemand::CalendarEvent e;
    const auto updated = parse_timestamp(m.updated_at).value_or(m.starts_at);
    e.uid = m.uid;
    e.stamp = seconds(updated);
    e.created = seconds(parse_timestamp(m.created_at).value_or(updated));
    e.start = seconds(m.starts_at);
    e.end = seconds(m.starts_at + std::chrono::minutes{m.duration_minutes});
    e.time_zone = m.time_zone;
    e.summary = m.title;
    e.description = description(store, m);
    e.language = m.language;
    e.location = m.place ? m.place : m.online_link;
    e.url = m.online_link;
    e.categories = m.kind;
    e.status = event_status(m.status);
    e.sequence = m.sequence;
    e.x_properties = {{"X-NACSA-ID", m.id},
                      {"X-NACSA-KIND", m.kind},
                      {"X-NACSA-BODY", m.body},
                      {"X-NACSA-FORMAT", format_name(m.format)},
                      {"X-NACSA-STATUS", status_name(m.status)}};
    if (m.series_id) {
        e.x_properties.emplace_back("X-NACSA-SERIES", *m.series_id);
    }
    return e;
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
    ondemand::Calendar calendar;
    calendar.prodid = fmt::format("-//nacsa//nacsa {}//EN", k_version);
    calendar.name = store.alliance().short_name;
    // Each zone the meetings use, with the span of their starts.
    std::map<std::string, std::pair<Seconds, Seconds>> spans;
    for (const auto& m : meetings) {
        auto [it, inserted] = spans.try_emplace(m.time_zone, m.starts_at, m.starts_at);
        it->second.first = std::min(it->second.first, m.starts_at);
        it->second.second = std::max(it->second.second, m.starts_at);
    }
    for (const auto& [name, span] : spans) {
        calendar.zones.push_back({name, seconds(span.first), seconds(span.second)});
    }
    calendar.events.reserve(meetings.size());
    for (const auto& m : meetings) {
        calendar.events.push_back(event(store, m));
    }
    try {
        return ondemand_module().icalendar(calendar);
    } catch (const std::runtime_error&) {
        throw StoreError(msg("libical could not write the calendar"));
    }
}

}  // namespace nacsa::meetings
