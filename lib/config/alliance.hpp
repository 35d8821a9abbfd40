// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"

namespace nacsa::config {

// Languages nacsa speaks: human-readable output and reports.
inline const std::vector<std::string> k_languages = {"en", "es", "fr"};

// A text in each of nacsa's languages.
struct Labels {
    std::string en;
    std::string es;
    std::string fr;
    [[nodiscard]] const std::string& in(const std::string& language) const;
};

// An entry of a configured list (thematic area, service, organisation type) with its labels.
struct Term {
    std::string key;
    Labels labels;
};

struct Region {
    std::string key;
    std::string name;
};

struct Role {
    std::string key;
    Labels labels;
    bool votes = true;
    std::optional<int> max_holders;  // empty: no limit
    bool leading = false;            // the coordinator: one holder, leads the committee
};

struct SteeringCommitteeRules {
    int seats_min = 5;
    int seats_max = 11;
    int term_months = 24;
    double gender_min_share = 0.4;
    double quorum = 0.5;
    bool observer_seat = true;
    bool coordinator_org_is_secretariat = true;
    int term_warning_days = 60;
};

enum class Threshold { simple_majority, absolute_majority, two_thirds };

struct ElectionRules {
    double quorum = 0.5;
    Threshold threshold = Threshold::simple_majority;
};

struct MeetingRules {
    int government_consultations_per_quarter = 1;
    int steering_committee_max_weeks_between = 6;
    int records_due_days = 14;
    double quorum = 0.5;
};

// A working group the configuration creates at init.
struct WorkingGroupSeed {
    std::string key;
    std::string name;
    std::string purpose;
    std::vector<std::string> thematic_areas;
};

// The alliance's identity and rules (alliance.yaml; see nacsa-alliance(5)).
struct Alliance {
    std::string name;
    std::string short_name;
    std::string country;
    std::string language;
    std::string time_zone;
    Date founded{};
    std::vector<Region> regions;
    std::vector<Term> thematic_areas;
    std::vector<Term> services;
    std::vector<Term> organisation_types;
    std::vector<Role> roles;
    SteeringCommitteeRules steering_committee;
    ElectionRules elections;
    MeetingRules meetings;
    std::vector<WorkingGroupSeed> working_groups;

    [[nodiscard]] const Region* find_region(const std::string& key) const;
    [[nodiscard]] const Term* find_theme(const std::string& key) const;
    [[nodiscard]] const Term* find_service(const std::string& key) const;
    [[nodiscard]] const Term* find_type(const std::string& key) const;
    [[nodiscard]] const Role* find_role(const std::string& key) const;
    // The role marked leading (the coordinator), if any.
    [[nodiscard]] const Role* leading_role() const;
};

[[nodiscard]] std::string threshold_name(Threshold t);
[[nodiscard]] std::optional<Threshold> parse_threshold(const std::string& name);

// The comma-separated keys of a list, for "(known: ...)" in error messages.
// The kinds of configured key that records store: `config apply` refuses a configuration that
// drops a key some record still uses (each module answers for its own records).
enum class KeyKind { region, organisation_type, thematic_area, service, role };

[[nodiscard]] std::string known_keys(const std::vector<Term>& terms);
[[nodiscard]] std::string known_keys(const std::vector<Region>& regions);

// Parses and validates alliance.yaml text. Every problem is collected with file:line:column;
// unknown keys are errors. Throws ConfigError (exit 78).
[[nodiscard]] Alliance parse_alliance(const std::string& yaml_text, const std::string& file_name);

// The built-in configuration used by `nacsa init` without --config (examples/alliance.yaml).
[[nodiscard]] const std::string& default_alliance_yaml();

}  // namespace nacsa::config
