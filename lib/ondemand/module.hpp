// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ondemand/api.hpp"

// The functions of the on-demand module, by library (text.cpp: ICU, zones.cpp: date's tz,
// icalendar.cpp: libical, digest.cpp: nettle); entry.cpp gathers them into the Api table.
namespace nacsa::ondemand {

std::string fold(std::string_view utf8);
std::optional<std::string> to_ascii(std::string_view utf8);
std::size_t display_width(std::string_view utf8);
std::optional<std::string> collation_key(std::string_view utf8, const std::string& language);
std::string upper(std::int32_t code_point);
std::string country(const std::string& code, const std::string& language);

bool zone_known(const std::string& name);
std::optional<ZoneInfo> zone_info(const std::string& name, std::int64_t utc);
std::optional<LocalToUtc> local_to_utc(const std::string& name, std::int64_t local);

std::string icalendar(const Calendar& calendar);

void hmac_sha256(const unsigned char* key, std::size_t key_size, std::string_view value,
                 unsigned char* out);

}  // namespace nacsa::ondemand
