// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "report/model.hpp"

// The regional report: what the alliances of several countries report for one period, added up
// per country and in total, from the JSON form of their quarterly or annual reports (files sent
// by e-mail; no store is read).
namespace nacsa::report {

// A national report, reduced to what the regional report adds up.
struct NationalReport {
    // A count by key, with the label the national report gave it (in its language).
    struct Count {
        std::string key;
        std::string label;
        std::int64_t count = 0;
    };
    struct Indicator {
        std::string id;
        std::string name;
        Value latest;
        Value target;
        std::string standing;  // key: achieved, on_track, at_risk...
    };

    std::string file;
    Kind kind = Kind::quarterly;  // quarterly or annual
    std::string alliance;
    std::string short_name;
    std::string country_code;  // ISO 3166
    std::string language;
    Period period;
    // The whole-number figures of its sections, by key (active_members, net4u_members,
    // seats_held, meetings_held, government_consultations, activities_completed,
    // activities_delayed, review_contributions...).
    std::map<std::string, std::int64_t> figures;
    std::vector<Count> by_type;
    std::vector<Count> by_theme;
    std::vector<Count> committee_by_gender;
    std::vector<Indicator> indicators;
};

// Reads the JSON form of a quarterly or annual report (`nacsa report quarterly --format json`).
// A file that cannot be read is an InputError (exit 66); one that is not such a report, or of
// another schema_version than k_report_schema_version, a ValidationError (exit 65) naming the
// file, and the line or the field.
[[nodiscard]] NationalReport read_national_report(const std::string& path);

// The files that paths name: a file as it is, a folder as its *.json files sorted by name. A
// folder with none is an InputError.
[[nodiscard]] std::vector<std::string> national_report_files(const std::vector<std::string>& paths);

struct RegionalOptions {
    std::string network;  // the network's name, shown above the title
    std::string language = "en";
    Date today{};
};

// The regional report of the national reports: the alliances and their key figures, members by
// type and thematic area, steering committees by gender, government consultations, activities
// and indicators, per country and in total. Reports of another period or kind than the first
// one, or a second report of one country, are a ValidationError naming the file.
[[nodiscard]] Report regional_report(const std::vector<NationalReport>& reports,
                                     const RegionalOptions& options);

}  // namespace nacsa::report
