#include "config/alliance.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <set>
#include <string_view>

#include "core/error.hpp"
#include "core/text.hpp"
#include "core/yaml_guard.hpp"

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

// Largest alliance.yaml nacsa reads: the example is 10 KiB; a larger file is a mistake.
constexpr std::size_t k_max_config_bytes = 1024 * 1024;
constexpr std::size_t k_max_key_length = 64;

bool is_key(const std::string& key) {
    if (key.empty() || key.size() > k_max_key_length || key.front() < 'a' || key.front() > 'z') {
        return false;
    }
    return std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

// Longest text value (name, label, purpose) a configuration may hold.
constexpr std::size_t k_max_text_bytes = 4000;

// Reads a YAML document against the expected shape, collecting every problem with its place.
class Reader {
  public:
    explicit Reader(std::string file) : m_file(std::move(file)) {}

    void problem(const YAML::Node& node, const std::string& field, const std::string& message) {
        const auto mark = node.Mark();
        m_diagnostics.add(m_file, mark.line >= 0 ? mark.line + 1 : 0,
                          mark.column >= 0 ? mark.column + 1 : 0, field, message);
    }

    // Checks that a mapping has only known keys and every required one.
    bool expect_map(const YAML::Node& node, const std::string& path,
                    const std::vector<std::string_view>& required,
                    const std::vector<std::string_view>& optional = {}) {
        if (!node.IsMap()) {
            problem(node, path, "expected a mapping of keys to values");
            return false;
        }
        std::map<std::string, int> seen;  // key -> line of its first occurrence
        for (const auto& item : node) {
            const auto key = item.first.Scalar();
            const int line = item.first.Mark().line + 1;
            if (const auto [first, inserted] = seen.emplace(key, line); !inserted) {
                // yaml-cpp keeps the first value silently; a repeated key is a typo to report.
                problem(item.first, join_path(path, key),
                        fmt::format("duplicate key (first given on line {})", first->second));
                continue;
            }
            const bool known =
                std::find(required.begin(), required.end(), key) != required.end() ||
                std::find(optional.begin(), optional.end(), key) != optional.end();
            if (!known) {
                std::vector<std::string> names(required.begin(), required.end());
                names.insert(names.end(), optional.begin(), optional.end());
                problem(item.first, join_path(path, key),
                        fmt::format("unknown key (expected one of: {})", text::join(names, ", ")));
            }
        }
        for (const auto& key : required) {
            if (!node[std::string(key)]) {
                problem(node, join_path(path, std::string(key)), "required key is missing");
            }
        }
        return true;
    }

    std::string string(const YAML::Node& parent, const std::string& key, const std::string& path,
                       bool allow_empty = false) {
        const YAML::Node node = parent[key];
        if (!node) {
            return {};
        }
        if (!node.IsScalar()) {
            problem(node, path, "expected a text value");
            return {};
        }
        std::string value = node.Scalar();
        if (value.size() > k_max_text_bytes) {
            problem(node, path,
                    fmt::format("is {} bytes long (at most {})", value.size(), k_max_text_bytes));
            return {};
        }
        if (!text::is_valid_utf8(value)) {
            problem(node, path, "is not valid UTF-8");
            return {};
        }
        // Names and labels end up on terminals, in CSV and in reports: no control characters
        // (a folded or literal block may hold line breaks and tabs).
        if (const auto bad = std::find_if(value.begin(), value.end(),
                                          [](char c) {
                                              const auto u = static_cast<unsigned char>(c);
                                              return (u < 0x20 && c != '\n' && c != '\t') ||
                                                     u == 0x7f;
                                          });
            bad != value.end()) {
            problem(node, path,
                    fmt::format("contains the control character U+{:04X}",
                                static_cast<unsigned>(static_cast<unsigned char>(*bad))));
            return {};
        }
        if (!allow_empty && text::trim(value).empty()) {
            problem(node, path, "must not be empty");
        }
        return value;
    }

    bool boolean(const YAML::Node& parent, const std::string& key, const std::string& path,
                 bool fallback) {
        const YAML::Node node = parent[key];
        if (!node) {
            return fallback;
        }
        bool value = fallback;
        if (!node.IsScalar() || is_quoted(node) || !YAML::convert<bool>::decode(node, value)) {
            problem(node, path, "expected true or false");
        }
        return value;
    }

    int integer(const YAML::Node& parent, const std::string& key, const std::string& path,
                int fallback, int min, int max) {
        const YAML::Node node = parent[key];
        if (!node) {
            return fallback;
        }
        int value = fallback;
        if (!node.IsScalar() || is_quoted(node) || !YAML::convert<int>::decode(node, value)) {
            problem(node, path, "expected a whole number");
            return fallback;
        }
        if (value < min || value > max) {
            problem(node, path,
                    fmt::format("{} is out of range (expected {} to {})", value, min, max));
        }
        return value;
    }

    double fraction(const YAML::Node& parent, const std::string& key, const std::string& path,
                    double fallback) {
        const YAML::Node node = parent[key];
        if (!node) {
            return fallback;
        }
        double value = fallback;
        if (!node.IsScalar() || is_quoted(node) || !YAML::convert<double>::decode(node, value)) {
            problem(node, path, "expected a number between 0 and 1");
            return fallback;
        }
        if (!(value >= 0.0 && value <= 1.0)) {
            problem(node, path,
                    fmt::format("{} is out of range (expected a number between 0 and 1)",
                                node.Scalar()));
        }
        return value;
    }

    Labels labels(const YAML::Node& node, const std::string& path) {
        Labels out;
        if (!expect_map(node, path, {"en", "es", "fr"})) {
            return out;
        }
        out.en = string(node, "en", path + ".en");
        out.es = string(node, "es", path + ".es");
        out.fr = string(node, "fr", path + ".fr");
        return out;
    }

    std::vector<std::string> key_list(const YAML::Node& node, const std::string& path) {
        std::vector<std::string> out;
        if (!node) {
            return out;
        }
        if (!node.IsSequence()) {
            problem(node, path, "expected a list");
            return out;
        }
        for (std::size_t i = 0; i < node.size(); ++i) {
            const auto& item = node[i];
            if (!item.IsScalar()) {
                problem(item, fmt::format("{}[{}]", path, i), "expected a key");
                continue;
            }
            out.push_back(item.Scalar());
        }
        return out;
    }

    // A key of a list entry: snake_case ASCII, unique within the list.
    std::string entry_key(const YAML::Node& entry, const std::string& path,
                          std::set<std::string>& seen) {
        std::string key = string(entry, "key", path + ".key");
        if (key.empty()) {
            return key;
        }
        if (!is_key(key)) {
            problem(
                entry["key"], path + ".key",
                fmt::format("\"{}\" is not a valid key (expected lower-case letters, digits and _, "
                            "starting with a letter, at most {} characters)",
                            key, k_max_key_length));
        } else if (!seen.insert(key).second) {
            problem(entry["key"], path + ".key", fmt::format("duplicate key \"{}\"", key));
        }
        return key;
    }

    std::vector<Term> terms(const YAML::Node& parent, const std::string& name) {
        std::vector<Term> out;
        const YAML::Node node = parent[name];
        if (!node) {
            return out;
        }
        if (!node.IsSequence() || node.size() == 0) {
            problem(node, name, "expected a non-empty list of {key, labels} entries");
            return out;
        }
        std::set<std::string> seen;
        for (std::size_t i = 0; i < node.size(); ++i) {
            const auto path = fmt::format("{}[{}]", name, i);
            const auto& entry = node[i];
            if (!expect_map(entry, path, {"key", "labels"})) {
                continue;
            }
            Term term;
            term.key = entry_key(entry, path, seen);
            if (entry["labels"]) {
                term.labels = labels(entry["labels"], path + ".labels");
            }
            out.push_back(std::move(term));
        }
        return out;
    }

    Diagnostics& diagnostics() { return m_diagnostics; }

  private:
    // "5" or '5' is text, not a number (as in JSON and the schema).
    static bool is_quoted(const YAML::Node& node) { return node.Tag() == "!"; }

    static std::string join_path(const std::string& path, const std::string& key) {
        return path.empty() ? key : path + "." + key;
    }

    std::string m_file;
    Diagnostics m_diagnostics;
};

void read_committee(Reader& r, const YAML::Node& node, SteeringCommitteeRules& out) {
    const std::string p = "steering_committee";
    if (!r.expect_map(node, p,
                      {"seats", "term_months", "gender_balance", "quorum", "observer_seat",
                       "coordinator_org_is_secretariat", "term_warning_days"})) {
        return;
    }
    if (const auto seats = node["seats"];
        seats && r.expect_map(seats, p + ".seats", {"min", "max"})) {
        out.seats_min = r.integer(seats, "min", p + ".seats.min", out.seats_min, 1, 1000);
        out.seats_max = r.integer(seats, "max", p + ".seats.max", out.seats_max, 1, 1000);
        if (out.seats_min > out.seats_max) {
            r.problem(
                seats, p + ".seats",
                fmt::format("min ({}) is greater than max ({})", out.seats_min, out.seats_max));
        }
    }
    out.term_months = r.integer(node, "term_months", p + ".term_months", out.term_months, 1, 240);
    if (const auto gb = node["gender_balance"];
        gb && r.expect_map(gb, p + ".gender_balance", {"min_share"})) {
        out.gender_min_share =
            r.fraction(gb, "min_share", p + ".gender_balance.min_share", out.gender_min_share);
        if (out.gender_min_share > 0.5) {
            r.problem(gb["min_share"], p + ".gender_balance.min_share",
                      "cannot be more than 0.5 (both genders must be able to reach it)");
        }
    }
    out.quorum = r.fraction(node, "quorum", p + ".quorum", out.quorum);
    out.observer_seat = r.boolean(node, "observer_seat", p + ".observer_seat", out.observer_seat);
    out.coordinator_org_is_secretariat =
        r.boolean(node, "coordinator_org_is_secretariat", p + ".coordinator_org_is_secretariat",
                  out.coordinator_org_is_secretariat);
    out.term_warning_days = r.integer(node, "term_warning_days", p + ".term_warning_days",
                                      out.term_warning_days, 0, 3650);
}

std::vector<Role> read_roles(Reader& r, const YAML::Node& node) {
    std::vector<Role> out;
    if (!node.IsSequence() || node.size() == 0) {
        r.problem(node, "roles", "expected a non-empty list of roles");
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
        role.key = r.entry_key(entry, path, seen);
        if (entry["labels"]) {
            role.labels = r.labels(entry["labels"], path + ".labels");
        }
        role.votes = r.boolean(entry, "votes", path + ".votes", true);
        role.leading = r.boolean(entry, "leading", path + ".leading", false);
        if (const auto mh = entry["max_holders"]; mh && !mh.IsNull()) {
            role.max_holders = r.integer(entry, "max_holders", path + ".max_holders", 1, 1, 1000);
        }
        if (role.leading) {
            ++leading;
            if (role.max_holders != 1) {
                r.problem(entry, path + ".max_holders",
                          "the leading role must have max_holders: 1");
            }
        }
        out.push_back(std::move(role));
    }
    if (leading != 1) {
        r.problem(
            node, "roles",
            fmt::format("{} roles are marked leading: true (expected exactly one, the coordinator)",
                        leading));
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
    Reader r(file_name);
    if (yaml_text.size() > k_max_config_bytes) {
        throw ConfigError({Diagnostic{
            file_name, 1, 1, "",
            fmt::format("the file is {} bytes; an alliance configuration is at most {} bytes",
                        yaml_text.size(), k_max_config_bytes)}});
    }
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
        r.diagnostics().throw_if_any(ExitCode::config_invalid);
    }

    a.name = r.string(root, "name", "name");
    a.short_name = r.string(root, "short_name", "short_name");
    a.country = r.string(root, "country", "country");
    if (!a.country.empty() && !is_country(a.country)) {
        r.problem(root["country"], "country",
                  fmt::format("\"{}\" is not an ISO 3166-1 alpha-2 country code (e.g. CL, MX, FR)",
                              a.country));
    }
    a.language = r.string(root, "language", "language");
    if (!a.language.empty() &&
        std::find(k_languages.begin(), k_languages.end(), a.language) == k_languages.end()) {
        r.problem(root["language"], "language",
                  fmt::format("\"{}\" is not supported (expected en, es or fr)", a.language));
    }
    a.time_zone = r.string(root, "time_zone", "time_zone");
    if (!a.time_zone.empty() && !is_known_time_zone(a.time_zone)) {
        r.problem(
            root["time_zone"], "time_zone",
            fmt::format("\"{}\" is not an IANA time zone (e.g. America/Santiago)", a.time_zone));
    }
    if (root["founded"]) {
        const auto founded = r.string(root, "founded", "founded");
        if (const auto d = parse_date(founded)) {
            a.founded = *d;
        } else if (!founded.empty()) {
            r.problem(root["founded"], "founded",
                      fmt::format("\"{}\" is not a date (expected YYYY-MM-DD)", founded));
        }
    }

    if (const auto regions = root["regions"]) {
        if (!regions.IsSequence() || regions.size() == 0) {
            r.problem(regions, "regions", "expected a non-empty list of {key, name} entries");
        } else {
            std::set<std::string> seen;
            for (std::size_t i = 0; i < regions.size(); ++i) {
                const auto path = fmt::format("regions[{}]", i);
                if (!r.expect_map(regions[i], path, {"key", "name"})) {
                    continue;
                }
                Region region;
                region.key = r.entry_key(regions[i], path, seen);
                region.name = r.string(regions[i], "name", path + ".name");
                a.regions.push_back(std::move(region));
            }
        }
    }
    a.thematic_areas = r.terms(root, "thematic_areas");
    a.services = r.terms(root, "services");
    a.organisation_types = r.terms(root, "organisation_types");
    if (root["roles"]) {
        a.roles = read_roles(r, root["roles"]);
    }
    if (root["steering_committee"]) {
        read_committee(r, root["steering_committee"], a.steering_committee);
    }
    if (const auto el = root["elections"];
        el && r.expect_map(el, "elections", {"quorum", "threshold"})) {
        a.elections.quorum = r.fraction(el, "quorum", "elections.quorum", a.elections.quorum);
        const auto name = r.string(el, "threshold", "elections.threshold");
        if (const auto t = parse_threshold(name)) {
            a.elections.threshold = *t;
        } else if (!name.empty()) {
            r.problem(el["threshold"], "elections.threshold",
                      fmt::format("\"{}\" is not a threshold (expected simple_majority, "
                                  "absolute_majority or two_thirds)",
                                  name));
        }
    }
    if (const auto m = root["meetings"];
        m && r.expect_map(m, "meetings",
                          {"government_consultations_per_quarter",
                           "steering_committee_max_weeks_between", "records_due_days", "quorum"})) {
        auto& mr = a.meetings;
        mr.government_consultations_per_quarter =
            r.integer(m, "government_consultations_per_quarter",
                      "meetings.government_consultations_per_quarter",
                      mr.government_consultations_per_quarter, 0, 90);
        mr.steering_committee_max_weeks_between =
            r.integer(m, "steering_committee_max_weeks_between",
                      "meetings.steering_committee_max_weeks_between",
                      mr.steering_committee_max_weeks_between, 1, 520);
        mr.records_due_days = r.integer(m, "records_due_days", "meetings.records_due_days",
                                        mr.records_due_days, 0, 365);
        mr.quorum = r.fraction(m, "quorum", "meetings.quorum", mr.quorum);
    }
    if (const auto wgs = root["working_groups"]; wgs && !wgs.IsNull()) {
        if (!wgs.IsSequence()) {
            r.problem(wgs, "working_groups", "expected a list of working groups");
        } else {
            std::set<std::string> seen;
            for (std::size_t i = 0; i < wgs.size(); ++i) {
                const auto path = fmt::format("working_groups[{}]", i);
                const auto& entry = wgs[i];
                if (!r.expect_map(entry, path, {"key", "name", "purpose", "thematic_areas"})) {
                    continue;
                }
                WorkingGroupSeed wg;
                wg.key = r.entry_key(entry, path, seen);
                wg.name = r.string(entry, "name", path + ".name");
                wg.purpose = r.string(entry, "purpose", path + ".purpose");
                wg.thematic_areas = r.key_list(entry["thematic_areas"], path + ".thematic_areas");
                std::set<std::string> listed;
                for (std::size_t t = 0; t < wg.thematic_areas.size(); ++t) {
                    if (!listed.insert(wg.thematic_areas[t]).second) {
                        r.problem(entry["thematic_areas"][t],
                                  fmt::format("{}.thematic_areas[{}]", path, t),
                                  fmt::format("\"{}\" is listed twice", wg.thematic_areas[t]));
                    } else if (!a.thematic_areas.empty() &&
                               a.find_theme(wg.thematic_areas[t]) == nullptr) {
                        r.problem(entry["thematic_areas"][t],
                                  fmt::format("{}.thematic_areas[{}]", path, t),
                                  fmt::format(
                                      "\"{}\" is not a thematic area of this alliance (known: {})",
                                      wg.thematic_areas[t], known_keys(a.thematic_areas)));
                    }
                }
                a.working_groups.push_back(std::move(wg));
            }
        }
    }
    r.diagnostics().throw_if_any(ExitCode::config_invalid);
    return a;
}

}  // namespace nacsa::config
