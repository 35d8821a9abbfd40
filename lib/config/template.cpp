// SPDX-License-Identifier: Apache-2.0
// `nacsa config template`: a commented starter configuration for a country, with its regions
// from Debian's iso-codes (ISO 3166-2) and its time zone from tzdata (zone1970.tab).
#include "config/template.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "config/alliance.hpp"
#include "core/error.hpp"
#include "core/files.hpp"
#include "core/text.hpp"

namespace nacsa::config {

namespace {

nlohmann::json read_iso(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        throw InputError(
            msg("{}: cannot read the ISO country and region names; install "
                "the iso-codes package (apt-get install iso-codes)",
                path));
    }
    try {
        return nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw InputError(msg("{}: cannot read: {}", path, e.what()));
    }
}

std::string country_name(const TemplateOptions& o) {
    const auto data = read_iso(o.iso_codes_dir + "/iso_3166-1.json");
    for (const auto& c : data.at("3166-1")) {
        if (c.value("alpha_2", "") == o.country) {
            return c.value("common_name", c.value("name", o.country));
        }
    }
    throw UsageError(
        msg("--country: \"{}\" is not an ISO 3166-1 alpha-2 country code "
            "(e.g. PE, KE, FR)",
            o.country));
}

struct RegionName {
    std::string key;
    std::string name;
};

// The country's top-level subdivisions (those without a parent), by name, with snake_case keys.
std::vector<RegionName> regions_of(const TemplateOptions& o) {
    const auto data = read_iso(o.iso_codes_dir + "/iso_3166-2.json");
    std::vector<RegionName> out;
    const std::string prefix = o.country + "-";
    for (const auto& s : data.at("3166-2")) {
        const std::string code = s.value("code", "");
        if (code.rfind(prefix, 0) != 0 || s.contains("parent")) {
            continue;
        }
        const std::string name = s.value("name", code);
        std::string key = text::slugify(name);
        std::replace(key.begin(), key.end(), '-', '_');
        if (key.empty() || std::any_of(out.begin(), out.end(),
                                       [&](const RegionName& r) { return r.key == key; })) {
            key = text::slugify(code);
            std::replace(key.begin(), key.end(), '-', '_');
        }
        out.push_back({key, name});
    }
    std::sort(out.begin(), out.end(),
              [](const RegionName& a, const RegionName& b) { return a.name < b.name; });
    return out;
}

// The first time zone tzdata's zone1970.tab gives for the country (its most populous one).
std::string time_zone_of(const TemplateOptions& o) {
    std::ifstream in(o.zone_table);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') {
            continue;
        }
        std::istringstream fields(line);
        std::string codes;
        std::string coordinates;
        std::string zone;
        std::getline(fields, codes, '\t');
        std::getline(fields, coordinates, '\t');
        std::getline(fields, zone, '\t');
        for (const auto& c : text::split_list(codes, ',')) {
            if (c == o.country) {
                return zone;
            }
        }
    }
    return "UTC";
}

std::string quoted(const std::string& s) {
    return nlohmann::json(s).dump();  // a JSON string is a YAML double-quoted scalar
}

std::string alliance_name(const std::string& language, const std::string& country) {
    if (language == "es") {
        return fmt::format("Alianza Nacional de la Sociedad Civil de {}", country);
    }
    if (language == "fr") {
        return fmt::format("Alliance nationale de la société civile ({})", country);
    }
    return fmt::format("National Civil Society Alliance of {}", country);
}

}  // namespace

std::string starter_configuration(const TemplateOptions& o) {
    const std::string country = country_name(o);
    const auto regions = regions_of(o);
    std::string out = fmt::format(
        "# Starter configuration of a national civil society alliance in {0} for nacsa, made by\n"
        "# `nacsa config template --country {1} --language {2}`. Check every line, change what is\n"
        "# not yours, then: nacsa config check alliance.yaml && nacsa init --config alliance.yaml\n"
        "# The fields are described in nacsa-alliance(5) and schemas/alliance.schema.json.\n"
        "#\n"
        "# Identity: full and short name, ISO 3166-1 alpha-2 country code, interface and report\n"
        "# language (en | es | fr), IANA time zone of meetings and deadlines, founding date.\n"
        "name: {3}\n"
        "short_name: {4}\n"
        "country: {1}\n"
        "language: {2}\n"
        "time_zone: {5}\n"
        "founded: {6}  # the day the alliance was founded: change it\n"
        "\n"
        "# Regions of the country (ISO 3166-2, from Debian's iso-codes): members are placed in "
        "one\n"
        "# region. key: snake_case ASCII identifier; name: how people write it (correct the names\n"
        "# to the ones used in your country; keys are what records store).\n"
        "regions:\n",
        country, o.country, o.language, quoted(alliance_name(o.language, country)),
        quoted(fmt::format("NACSA {}", o.country)), time_zone_of(o), format_date(today("UTC")));
    if (regions.empty()) {
        out += "  - {key: capital, name: Capital}  # iso-codes lists no regions: write yours\n";
    }
    for (const auto& r : regions) {
        out += fmt::format("  - {{key: {}, name: {}}}\n", r.key, quoted(r.name));
    }
    // The vocabularies and rules of the built-in example, as they are; its working groups
    // (named in Spanish for Chile) become a commented example.
    const std::string& example = default_alliance_yaml();
    const auto from = example.find("\n# Thematic areas");
    const auto to = example.find("\n# Working groups created by");
    out += example.substr(from, to - from);
    out +=
        "\n"
        "# Working groups created by `nacsa init` (optional), for example:\n"
        "# working_groups:\n"
        "#   - key: technical_expertise\n"
        "#     name: Technical expertise\n"
        "#     purpose: Policy papers and input to the government's UNTOC review answers.\n"
        "#     thematic_areas: [untoc, trafficking_in_persons]\n";
    return out;
}

}  // namespace nacsa::config
