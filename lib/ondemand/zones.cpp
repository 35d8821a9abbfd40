// SPDX-License-Identifier: Apache-2.0
#include <date/tz.h>

#include "ondemand/module.hpp"

namespace nacsa::ondemand {

namespace chr = std::chrono;

namespace {

const date::time_zone* find_zone(const std::string& name) {
    try {
        return date::locate_zone(name);
    } catch (const std::exception&) {
        return nullptr;
    }
}

}  // namespace

bool zone_known(const std::string& name) {
    return find_zone(name) != nullptr;
}

std::optional<ZoneInfo> zone_info(const std::string& name, std::int64_t utc) {
    const auto* zone = find_zone(name);
    if (zone == nullptr) {
        return std::nullopt;
    }
    const auto info = zone->get_info(date::sys_seconds{chr::seconds{utc}});
    ZoneInfo out;
    out.begin = info.begin.time_since_epoch().count();
    out.end = info.end.time_since_epoch().count();
    out.offset_seconds = static_cast<int>(info.offset.count());
    out.save_minutes = static_cast<int>(info.save.count());
    out.abbrev = info.abbrev;
    return out;
}

std::optional<LocalToUtc> local_to_utc(const std::string& name, std::int64_t local) {
    const auto* zone = find_zone(name);
    if (zone == nullptr) {
        return std::nullopt;
    }
    const date::local_seconds lt{chr::seconds{local}};
    LocalToUtc out;
    if (zone->get_info(lt).result == date::local_info::nonexistent) {
        out.nonexistent = true;
        return out;
    }
    out.utc = zone->to_sys(lt, date::choose::earliest).time_since_epoch().count();
    return out;
}

}  // namespace nacsa::ondemand
