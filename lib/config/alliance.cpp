// SPDX-License-Identifier: Apache-2.0
#include "config/alliance.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>
#include <string_view>

#include "core/error.hpp"
#include "core/text.hpp"
#include "core/yaml_guard.hpp"
#include "core/yaml_reader.hpp"

namespace nacsa::config {

namespace {

// ISO 3166-1 alpha-2 codes officially assigned.
constexpr std::string_view k_countries =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR "
    "BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ "
    "EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW "
    "GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY "
    "KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV "
    "MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY "
    "QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG "
    "TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM "
    "ZW";

bool is_country(const std::string& code) {
    if (code.size() != 2) {
        return false;
    }
    for (std::size_t i = 0; i + 1 < k_countries.size(); i += 3) {
        if (k_countries.substr(i, 2) == code) {
            return true;
        }
    }
    return false;
}

constexpr std::size_t k_max_key_length = 64;

bool is_key(const std::string& key) {
    if (key.empty() || key.size() > k_max_key_length || key.front() < 'a' || key.front() > 'z') {
        return false;
    }
    return std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

using yaml::Reader;

Labels read_labels(Reader& r, const YAML::Node& node, const std::string& path) {
    Labels out;
    if (!r.expect_map(node, path, {"en", "es", "fr"})) {
        return out;
    }
    out.en = r.text(node, "en", path);
    out.es = r.text(node, "es", path);
    out.fr = r.text(node, "fr", path);
    return out;
}

// A key of a list entry: snake_case ASCII, unique within the list.
std::string read_entry_key(Reader& r, const YAML::Node& entry, const std::string& path,
                           std::set<std::string>& seen) {
    std::string key = r.text(entry, "key", path);
    if (key.empty()) {
        return key;
    }
    if (!is_key(key)) {
        r.problem(entry["key"], path + ".key",
                  msg("\"{}\" is not a valid key (expected lower-case letters, digits and "
                      "_, starting with a letter, at most {} characters)",
                      key, k_max_key_length));
    } else if (!seen.insert(key).second) {
        r.problem(entry["key"], path + ".key", msg("duplicate key \"{}\"", key));
    }
    return key;
}

std::vector<Term> read_terms(Reader& r, const YAML::Node& parent, const std::string& name) {
    std::vector<Term> out;
    const YAML::Node node = parent[name];
    if (!node) {
        return out;
    }
    if (!node.IsSequence() || node.size() == 0) {
        r.problem(node, name, msg("expected a non-empty list of {key, labels} entries"));
        return out;
    }
    std::set<std::string> seen;
    for (std::size_t i = 0; i < node.size(); ++i) {
        const auto path = fmt::format("{}[{}]", name, i);
        const auto& entry = node[i];
        if (!r.expect_map(entry, path, {"key", "labels"})) {
            continue;
        }
        Term term;
        term.key = read_entry_key(r, entry, path, seen);
        if (entry["labels"]) {
            term.labels = read_labels(r, entry["labels"], path + ".labels");
        }
        out.push_back(std::move(term));
    }
    return out;
}

void read_committee(Reader& r, const YAML::Node& node, SteeringCommitteeRules& out) {
    const std::string p = "steering_committee";
    if (!r.expect_map(node, p,
                      {"seats", "term_months", "gender_balance", "quorum", "observer_seat",
                       "coordinator_org_is_secretariat", "term_warning_days"})) {
        return;
    }
    if (const auto seats = node["seats"];
        seats && r.expect_map(seats, p + ".seats", {"min", "max"})) {
        out.seats_min = r.integer(seats, "min", p + ".seats", 1, 1000).value_or(out.seats_min);
        out.seats_max = r.integer(seats, "max", p + ".seats", 1, 1000).value_or(out.seats_max);
        if (out.seats_min > out.seats_max) {
            r.problem(seats, p + ".seats",
                      msg("min ({}) is greater than max ({})", out.seats_min, out.seats_max));
        }
    }
    out.term_months = r.integer(node, "term_months", p, 1, 240).value_or(out.term_months);
    if (const auto gb = node["gender_balance"];
        gb && r.expect_map(gb, p + ".gender_balance", {"min_share"})) {
        out.gender_min_share =
            r.fraction(gb, "min_share", p + ".gender_balance").value_or(out.gender_min_share);
        if (out.gender_min_share > 0.5) {
            r.problem(gb["min_share"], p + ".gender_balance.min_share",
                      msg("cannot be more than 0.5 (both genders must be able to reach it)"));
        }
    }
    out.quorum = r.fraction(node, "quorum", p).value_or(out.quorum);
    out.observer_seat = r.boolean(node, "observer_seat", p).value_or(out.observer_seat);
    out.coordinator_org_is_secretariat = r.boolean(node, "coordinator_org_is_secretariat", p)
                                             .value_or(out.coordinator_org_is_secretariat);
    out.term_warning_days =
        r.integer(node, "term_warning_days", p, 0, 3650).value_or(out.term_warning_days);
}

std::vector<Role> read_roles(Reader& r, const YAML::Node& node) {
    std::vector<Role> out;
    if (!node.IsSequence() || node.size() == 0) {
        r.problem(node, "roles", msg("expected a non-empty list of roles"));
        return out;
    }
    std::set<std::string> seen;
    int leading = 0;
    for (std::size_t i = 0; i < node.size(); ++i) {
        const auto path = fmt::format("roles[{}]", i);
        const auto& entry = node[i];
        if (!r.expect_map(entry, path, {"key", "labels", "votes", "max_holders", "leading"})) {
            continue;
        }
        Role role;
        role.key = read_entry_key(r, entry, path, seen);
        if (entry["labels"]) {
            role.labels = read_labels(r, entry["labels"], path + ".labels");
        }
        role.votes = r.boolean(entry, "votes", path).value_or(true);
        role.leading = r.boolean(entry, "leading", path).value_or(false);
        if (const auto mh = entry["max_holders"]; mh && !mh.IsNull()) {
            role.max_holders = r.integer(entry, "max_holders", path, 1, 1000).value_or(1);
        }
        if (role.leading) {
            ++leading;
            if (role.max_holders != 1) {
                r.problem(entry, path + ".max_holders",
                          msg("the leading role must have max_holders: 1"));
            }
        }
        out.push_back(std::move(role));
    }
    if (leading != 1) {
        r.problem(node, "roles",
                  msg("{} roles are marked leading: true (expected exactly one, the coordinator)",
                      leading));
    }
    return out;
}

// name, short_name, country, language, time_zone and founded.
void read_identity(Reader& r, const YAML::Node& root, Alliance& a) {
    a.name = r.text(root, "name", "");
    a.short_name = r.text(root, "short_name", "");
    a.country = r.text(root, "country", "");
    if (!a.country.empty() && !is_country(a.country)) {
        r.problem(
            root["country"], "country",
            msg("\"{}\" is not an ISO 3166-1 alpha-2 country code (e.g. CL, MX, FR)", a.country));
    }
    a.language = r.text(root, "language", "");
    if (!a.language.empty() &&
        std::find(k_languages.begin(), k_languages.end(), a.language) == k_languages.end()) {
        r.problem(root["language"], "language",
                  msg("\"{}\" is not supported (expected en, es or fr)", a.language));
    }
    a.time_zone = r.text(root, "time_zone", "");
    if (!a.time_zone.empty() && !is_known_time_zone(a.time_zone)) {
        r.problem(root["time_zone"], "time_zone",
                  msg("\"{}\" is not an IANA time zone (e.g. America/Santiago)", a.time_zone));
    }
    if (const auto founded = r.date(root, "founded", "")) {
        a.founded = *founded;
    }
}

std::vector<Region> read_regions(Reader& r, const YAML::Node& regions) {
    std::vector<Region> out;
    if (!regions.IsSequence() || regions.size() == 0) {
        r.problem(regions, "regions", msg("expected a non-empty list of {key, name} entries"));
        return out;
    }
    std::set<std::string> seen;
    for (std::size_t i = 0; i < regions.size(); ++i) {
        const auto path = fmt::format("regions[{}]", i);
        if (!r.expect_map(regions[i], path, {"key", "name"})) {
            continue;
        }
        Region region;
        region.key = read_entry_key(r, regions[i], path, seen);
        region.name = r.text(regions[i], "name", path);
        out.push_back(std::move(region));
    }
    return out;
}

void read_elections(Reader& r, const YAML::Node& el, ElectionRules& out) {
    if (!r.expect_map(el, "elections", {"quorum", "threshold"})) {
        return;
    }
    out.quorum = r.fraction(el, "quorum", "elections").value_or(out.quorum);
    const auto name = r.text(el, "threshold", "elections");
    if (const auto t = parse_threshold(name)) {
        out.threshold = *t;
    } else if (!name.empty()) {
        r.problem(el["threshold"], "elections.threshold",
                  msg("\"{}\" is not a threshold (expected simple_majority, "
                      "absolute_majority or two_thirds)",
                      name));
    }
}

void read_meetings(Reader& r, const YAML::Node& m, MeetingRules& out) {
    const std::string p = "meetings";
    if (!r.expect_map(m, p,
                      {"government_consultations_per_quarter",
                       "steering_committee_max_weeks_between", "records_due_days", "quorum"})) {
        return;
    }
    out.government_consultations_per_quarter =
        r.integer(m, "government_consultations_per_quarter", p, 0, 90)
            .value_or(out.government_consultations_per_quarter);
    out.steering_committee_max_weeks_between =
        r.integer(m, "steering_committee_max_weeks_between", p, 1, 520)
            .value_or(out.steering_committee_max_weeks_between);
    out.records_due_days =
        r.integer(m, "records_due_days", p, 0, 365).value_or(out.records_due_days);
    out.quorum = r.fraction(m, "quorum", p).value_or(out.quorum);
}

// A working group's thematic areas: each a configured one, listed once.
void check_group_themes(Reader& r, const Alliance& a, const YAML::Node& entry,
                        const std::string& path, const std::vector<std::string>& themes) {
    std::set<std::string> listed;
    for (std::size_t t = 0; t < themes.size(); ++t) {
        const auto item = fmt::format("{}.thematic_areas[{}]", path, t);
        if (!listed.insert(themes[t]).second) {
            r.problem(entry["thematic_areas"][t], item, msg("\"{}\" is listed twice", themes[t]));
        } else if (!a.thematic_areas.empty() && a.find_theme(themes[t]) == nullptr) {
            r.problem(entry["thematic_areas"][t], item,
                      msg("\"{}\" is not a thematic area of this alliance (known: {})", themes[t],
                          known_keys(a.thematic_areas)));
        }
    }
}

std::vector<WorkingGroupSeed> read_working_groups(Reader& r, const Alliance& a,
                                                  const YAML::Node& wgs) {
    std::vector<WorkingGroupSeed> out;
    if (!wgs.IsSequence()) {
        r.problem(wgs, "working_groups", msg("expected a list of working groups"));
        return out;
    }
    std::set<std::string> seen;
    for (std::size_t i = 0; i < wgs.size(); ++i) {
        const auto path = fmt::format("working_groups[{}]", i);
        const auto& entry = wgs[i];
        if (!r.expect_map(entry, path, {"key", "name", "purpose", "thematic_areas"})) {
            continue;
        }
        WorkingGroupSeed wg;
        wg.key = read_entry_key(r, entry, path, seen);
        wg.name = r.text(entry, "name", path);
        wg.purpose = r.text(entry, "purpose", path);
        wg.thematic_areas = r.keys(entry, "thematic_areas", path);
        check_group_themes(r, a, entry, path, wg.thematic_areas);
        out.push_back(std::move(wg));
    }
    return out;
}

}  // namespace

const std::string& Labels::in(const std::string& language) const {
    if (language == "es") {
        return es.empty() ? en : es;
    }
    if (language == "fr") {
        return fr.empty() ? en : fr;
    }
    return en;
}

namespace {
template <typename T>
const T* find_key(const std::vector<T>& items, const std::string& key) {
    const auto it =
        std::find_if(items.begin(), items.end(), [&](const T& t) { return t.key == key; });
    return it == items.end() ? nullptr : &*it;
}
}  // namespace

const Region* Alliance::find_region(const std::string& key) const {
    return find_key(regions, key);
}
const Term* Alliance::find_theme(const std::string& key) const {
    return find_key(thematic_areas, key);
}
const Term* Alliance::find_service(const std::string& key) const {
    return find_key(services, key);
}
const Term* Alliance::find_type(const std::string& key) const {
    return find_key(organisation_types, key);
}
const Role* Alliance::find_role(const std::string& key) const {
    return find_key(roles, key);
}

const Role* Alliance::leading_role() const {
    const auto it =
        std::find_if(roles.begin(), roles.end(), [](const Role& r) { return r.leading; });
    return it == roles.end() ? nullptr : &*it;
}

std::string threshold_name(Threshold t) {
    switch (t) {
        case Threshold::simple_majority:
            return "simple_majority";
        case Threshold::absolute_majority:
            return "absolute_majority";
        case Threshold::two_thirds:
            return "two_thirds";
    }
    return "simple_majority";
}

std::optional<Threshold> parse_threshold(const std::string& name) {
    for (const auto t :
         {Threshold::simple_majority, Threshold::absolute_majority, Threshold::two_thirds}) {
        if (threshold_name(t) == name) {
            return t;
        }
    }
    return std::nullopt;
}

std::string known_keys(const std::vector<Term>& terms) {
    std::vector<std::string> keys;
    for (const auto& t : terms) {
        keys.push_back(t.key);
    }
    return text::join(keys, ", ");
}

std::string known_keys(const std::vector<Region>& regions) {
    std::vector<std::string> keys;
    for (const auto& r : regions) {
        keys.push_back(r.key);
    }
    return text::join(keys, ", ");
}

Alliance parse_alliance(const std::string& yaml_text, const std::string& file_name) {
    Alliance a;
    Diagnostics diagnostics;
    Reader r(file_name, diagnostics);
    const YAML::Node root = load_yaml(yaml_text, file_name, ExitCode::config_invalid);
    if (!root || root.IsNull()) {
        throw ConfigError({Diagnostic{file_name, 1, 1, "",
                                      "the file is empty (expected the alliance configuration)"}});
    }
    if (!r.expect_map(root, "",
                      {"name", "short_name", "country", "language", "time_zone", "founded",
                       "regions", "thematic_areas", "services", "organisation_types", "roles",
                       "steering_committee", "elections", "meetings"},
                      {"working_groups"})) {
        diagnostics.throw_if_any(ExitCode::config_invalid);
    }
    read_identity(r, root, a);
    if (const auto regions = root["regions"]) {
        a.regions = read_regions(r, regions);
    }
    a.thematic_areas = read_terms(r, root, "thematic_areas");
    a.services = read_terms(r, root, "services");
    a.organisation_types = read_terms(r, root, "organisation_types");
    if (root["roles"]) {
        a.roles = read_roles(r, root["roles"]);
    }
    if (root["steering_committee"]) {
        read_committee(r, root["steering_committee"], a.steering_committee);
    }
    if (const auto el = root["elections"]) {
        read_elections(r, el, a.elections);
    }
    if (const auto m = root["meetings"]) {
        read_meetings(r, m, a.meetings);
    }
    if (const auto wgs = root["working_groups"]; wgs && !wgs.IsNull()) {
        a.working_groups = read_working_groups(r, a, wgs);
    }
    diagnostics.throw_if_any(ExitCode::config_invalid);
    return a;
}

}  // namespace nacsa::config
