// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// What nacsa does with large system libraries: Unicode (ICU), time zones (date's reader of the
// system's time-zone database), iCalendar (libical) and keyed digests (nettle). Those libraries
// cost more to load than nacsa's own start-up, and --version, --help and completion need none
// of them, so this part is a shared module of its own (libnacsa-ondemand.so) that nacsa loads
// the first time a command needs it (core/ondemand.hpp). The module calls nothing of nacsa:
// it sees only the plain values below.
namespace nacsa::ondemand {

// A zone's rules at one instant: UTC offset, daylight saving, abbreviation, and the span (UTC
// seconds) over which they hold.
struct ZoneInfo {
    std::int64_t begin = 0;
    std::int64_t end = 0;
    int offset_seconds = 0;
    int save_minutes = 0;
    std::string abbrev;
};

// A local time of a zone, as UTC: nonexistent when the clocks skip it (then utc is unset);
// an ambiguous time gives the earliest instant.
struct LocalToUtc {
    bool nonexistent = false;
    std::int64_t utc = 0;
};

enum class EventStatus { confirmed, cancelled, tentative };

// One VEVENT. Times are UTC seconds; start and end are written in time_zone (with its
// VTIMEZONE) unless it is empty or unknown, then in UTC.
struct CalendarEvent {
    std::string uid;
    std::int64_t stamp = 0;
    std::int64_t created = 0;
    std::int64_t start = 0;
    std::int64_t end = 0;
    std::string time_zone;
    std::string summary;
    std::string description;
    std::optional<std::string> language;  // LANGUAGE of the summary and description
    std::optional<std::string> location;
    std::optional<std::string> url;
    std::string categories;
    EventStatus status = EventStatus::confirmed;
    int sequence = 0;
    std::vector<std::pair<std::string, std::string>> x_properties;  // after the rest, in order
};

// A VTIMEZONE: every offset change of the zone from a year before `from` to a year after `to`.
struct CalendarZone {
    std::string name;
    std::int64_t from = 0;
    std::int64_t to = 0;
};

struct Calendar {
    std::string prodid;
    std::string name;  // X-WR-CALNAME
    std::vector<CalendarZone> zones;
    std::vector<CalendarEvent> events;
};

// The module's functions. A new version of the module may only add members at the end.
struct Api {
    // text: fold (NFD, combining marks removed, case-folded); the text spelt in lower-case ASCII
    // letters ("Any-Latin; Latin-ASCII; Lower", nullopt when ICU lacks the rules); display
    // width in terminal columns; collation sort key under a language's rules (nullopt when
    // ICU has no collator for it); a code point in upper case, as UTF-8; a region's name.
    std::string (*fold)(std::string_view utf8);
    std::optional<std::string> (*to_ascii)(std::string_view utf8);
    std::size_t (*display_width)(std::string_view utf8);
    std::optional<std::string> (*collation_key)(std::string_view utf8, const std::string& language);
    std::string (*upper)(std::int32_t code_point);
    std::string (*country)(const std::string& code, const std::string& language);

    // time zones, by IANA name: whether the system knows it; its rules at a UTC instant; a
    // local time (seconds since 1970-01-01 local) as UTC. Both nullopt for an unknown zone.
    bool (*zone_known)(const std::string& name);
    std::optional<ZoneInfo> (*zone_info)(const std::string& name, std::int64_t utc);
    std::optional<LocalToUtc> (*local_to_utc)(const std::string& name, std::int64_t local);

    // iCalendar (RFC 5545) text of a calendar; throws std::runtime_error if libical fails.
    std::string (*icalendar)(const Calendar& calendar);

    // HMAC-SHA256 of value under key, into out (32 bytes).
    void (*hmac_sha256)(const unsigned char* key, std::size_t key_size, std::string_view value,
                        unsigned char* out);
};

// The module's one exported function: the table of its functions.
#define NACSA_ONDEMAND_ENTRY "nacsa_ondemand_api_v1"
using Entry = const Api* (*)();

}  // namespace nacsa::ondemand
