// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "core/time.hpp"

namespace nacsa::config {

struct TemplateOptions {
    std::string country;   // ISO 3166-1 alpha-2, upper case
    std::string language;  // en, es or fr
    std::string iso_codes_dir = "/usr/share/iso-codes/json";
    std::string zone_table = "/usr/share/zoneinfo/zone1970.tab";
};

// `nacsa config template`: a commented configuration that `config check` accepts, for a
// country: its name, its regions (ISO 3166-2 top-level subdivisions, from Debian's iso-codes),
// its time zone (tzdata's zone1970.tab), and the built-in example's thematic areas, services,
// organisation types, roles and rules. UsageError (exit 2) for an unknown country code,
// InputError (exit 66) when iso-codes is not installed.
[[nodiscard]] std::string starter_configuration(const TemplateOptions& options);

}  // namespace nacsa::config
