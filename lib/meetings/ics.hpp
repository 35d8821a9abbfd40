// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "meetings/meetings.hpp"

namespace nacsa::meetings {

// An iCalendar (RFC 5545) file of meetings, written with libical: one VEVENT per meeting with
// its stored UID, DTSTAMP and LAST-MODIFIED at the last change, DTSTART/DTEND in the meeting's
// zone with a VTIMEZONE built from the system time-zone database, STATUS (CANCELLED,
// TENTATIVE when postponed), SEQUENCE, the agenda in DESCRIPTION. CRLF lines folded at 75 octets.
[[nodiscard]] std::string to_icalendar(store::Store& store, const std::vector<Meeting>& meetings);

}  // namespace nacsa::meetings
