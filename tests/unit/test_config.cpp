// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "config/alliance.hpp"
#include "core/error.hpp"
#include "temp_dir.hpp"

using nacsa::ConfigError;
using nacsa::Diagnostic;
using nacsa::DiagnosticError;
using nacsa::config::parse_alliance;
using nacsa::testing::source_file;

namespace {

// Every problem parse_alliance reports for a text, as "LINE:COL: field "F": message".
std::vector<std::string> problems_of(const std::string& yaml) {
    try {
        (void)parse_alliance(yaml, "a.yaml");
    } catch (const DiagnosticError& e) {
        CHECK(e.code() == nacsa::ExitCode::config_invalid);
        std::vector<std::string> out;
        for (const auto& d : e.problems()) {
            CHECK(d.file == "a.yaml");
            out.push_back(d.to_string().substr(std::string("a.yaml:").size()));
        }
        return out;
    }
    return {};
}

// The example with one line replaced (the line must be there exactly once).
std::string example_with(const std::string& line, const std::string& replacement) {
    std::string text = source_file("examples/alliance.yaml");
    const auto at = text.find(line);
    REQUIRE(at != std::string::npos);
    REQUIRE(text.find(line, at + 1) == std::string::npos);
    text.replace(at, line.size(), replacement);
    return text;
}

// 1-based line of the first occurrence of `needle` in the example.
int example_line(const std::string& needle) {
    const std::string text = source_file("examples/alliance.yaml");
    const auto at = text.find(needle);
    REQUIRE(at != std::string::npos);
    return 1 + static_cast<int>(
                   std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

}  // namespace

TEST_CASE("the example configurations are valid") {
    const auto chile = parse_alliance(source_file("examples/alliance.yaml"), "alliance.yaml");
    CHECK(chile.short_name == "ANSC Chile");
    CHECK(chile.country == "CL");
    CHECK(chile.language == "es");
    CHECK(chile.time_zone == "America/Santiago");
    CHECK(chile.founded ==
          nacsa::Date{std::chrono::year{2024}, std::chrono::month{3}, std::chrono::day{15}});
    CHECK(chile.regions.size() == 16);
    CHECK(chile.thematic_areas.size() == 6);
    CHECK(chile.services.size() == 5);
    CHECK(chile.organisation_types.size() == 9);
    CHECK(chile.roles.size() == 4);
    CHECK(chile.working_groups.size() == 3);
    REQUIRE(chile.leading_role() != nullptr);
    CHECK(chile.leading_role()->key == "coordinator");
    CHECK(chile.find_role("member")->max_holders == std::nullopt);
    CHECK_FALSE(chile.find_role("administrative_focal_point")->votes);
    CHECK(chile.find_region("nuble")->name == "Ñuble");
    CHECK(chile.find_theme("firearms")->labels.in("fr") ==
          "Fabrication et trafic illicites d'armes à feu");
    CHECK(chile.steering_committee.seats_min == 5);
    CHECK(chile.steering_committee.seats_max == 11);
    CHECK(chile.steering_committee.gender_min_share == doctest::Approx(0.4));
    CHECK(chile.elections.threshold == nacsa::config::Threshold::simple_majority);
    CHECK(chile.meetings.steering_committee_max_weeks_between == 6);
    CHECK(chile.find_region("norte") == nullptr);

    const auto france =
        parse_alliance(source_file("examples/alliance-minimal.yaml"), "alliance-minimal.yaml");
    CHECK(france.country == "FR");
    CHECK(france.working_groups.empty());
    CHECK(france.elections.threshold == nacsa::config::Threshold::absolute_majority);
}

TEST_CASE("the built-in default configuration is examples/alliance.yaml, byte for byte") {
    CHECK(nacsa::config::default_alliance_yaml() == source_file("examples/alliance.yaml"));
}

TEST_CASE("working_groups may be left out") {
    std::string text = source_file("examples/alliance.yaml");
    text.erase(text.find("# Working groups created by"));
    const auto a = parse_alliance(text, "a.yaml");
    CHECK(a.working_groups.empty());
}

TEST_CASE("each kind of mistake is reported with line and column") {
    const int country = example_line("country: CL");
    CHECK(problems_of(example_with("country: CL", "country: XX")) ==
          std::vector<std::string>{
              std::to_string(country) +
              ":10: field \"country\": \"XX\" is not an ISO 3166-1 alpha-2 country code "
              "(e.g. CL, MX, FR)"});
    CHECK(problems_of(example_with("language: es", "language: de")) ==
          std::vector<std::string>{
              std::to_string(example_line("language: es")) +
              ":11: field \"language\": \"de\" is not supported (expected en, es or fr)"});
    CHECK(problems_of(example_with("time_zone: America/Santiago", "time_zone: America/Valdivia")) ==
          std::vector<std::string>{
              std::to_string(example_line("time_zone:")) +
              ":12: field \"time_zone\": \"America/Valdivia\" is not an IANA time zone (e.g. "
              "America/Santiago)"});
    CHECK(problems_of(example_with("founded: 2024-03-15", "founded: 2024-02-30")) ==
          std::vector<std::string>{
              std::to_string(example_line("founded:")) +
              ":10: field \"founded\": \"2024-02-30\" is not a date (expected YYYY-MM-DD)"});
    const int term = example_line("  term_months: 24");
    CHECK(problems_of(example_with("  term_months: 24", "  term_months: twelve")) ==
          std::vector<std::string>{
              std::to_string(term) +
              ":16: field \"steering_committee.term_months\": expected a whole number"});
    CHECK(problems_of(example_with("  term_months: 24", "  term_months: \"24\"")) ==
          std::vector<std::string>{
              std::to_string(term) +
              ":16: field \"steering_committee.term_months\": expected a whole number"});
    CHECK(problems_of(example_with("  term_months: 24", "  term_months: 0")) ==
          std::vector<std::string>{
              std::to_string(term) +
              ":16: field \"steering_committee.term_months\": 0 is out of range (expected 1 "
              "to 240)"});
    const int quorum = example_line("  quorum: 0.5\n  observer_seat");
    CHECK(problems_of(
              example_with("  quorum: 0.5\n  observer_seat", "  quorum: 1.5\n  observer_seat")) ==
          std::vector<std::string>{
              std::to_string(quorum) +
              ":11: field \"steering_committee.quorum\": 1.5 is out of range (expected a "
              "number between 0 and 1)"});
    CHECK(problems_of(example_with("  observer_seat: true", "  observer_seat: maybe")) ==
          std::vector<std::string>{
              std::to_string(example_line("  observer_seat:")) +
              ":18: field \"steering_committee.observer_seat\": expected true or false"});
    const int seats = example_line("  seats: {min: 5, max: 11}");
    CHECK(problems_of(example_with("  seats: {min: 5, max: 11}", "  seats: {min: 12, max: 11}")) ==
          std::vector<std::string>{
              std::to_string(seats) +
              ":10: field \"steering_committee.seats\": min (12) is greater than max (11)"});
    CHECK(problems_of(example_with("  threshold: simple_majority", "  threshold: unanimity")) ==
          std::vector<std::string>{
              std::to_string(example_line("  threshold:")) +
              ":14: field \"elections.threshold\": \"unanimity\" is not a threshold (expected "
              "simple_majority, absolute_majority or two_thirds)"});
}

TEST_CASE("unknown keys are errors, with the expected keys named") {
    const int line = example_line("short_name:");
    CHECK(problems_of(
              example_with("short_name: ANSC Chile", "short_name: ANSC Chile\nshortname: typo")) ==
          std::vector<std::string>{
              std::to_string(line + 1) +
              ":1: field \"shortname\": unknown key (expected one of: name, short_name, country, "
              "language, "
              "time_zone, founded, regions, thematic_areas, services, organisation_types, roles, "
              "steering_committee, elections, meetings, working_groups)"});
    const int wg = example_line("  term_warning_days: 60");
    CHECK(problems_of(example_with("  term_warning_days: 60",
                                   "  term_warning_days: 60\n  term_warnings: 3")) ==
          std::vector<std::string>{
              std::to_string(wg + 1) +
              ":3: field \"steering_committee.term_warnings\": unknown key (expected one of: "
              "seats, term_months, gender_balance, quorum, observer_seat, "
              "coordinator_org_is_secretariat, term_warning_days)"});
}

TEST_CASE("a repeated key is an error, not silently dropped") {
    const int line = example_line("country: CL");
    CHECK(problems_of(example_with("country: CL", "country: CL\ncountry: AR")) ==
          std::vector<std::string>{std::to_string(line + 1) +
                                   ":1: field \"country\": duplicate key (first given on line " +
                                   std::to_string(line) + ")"});
}

TEST_CASE("every problem is collected, in reading order") {
    std::string text = example_with("country: CL", "country: Chile");
    const auto replace = [&](const std::string& from, const std::string& to) {
        const auto at = text.find(from);
        REQUIRE(at != std::string::npos);
        text.replace(at, from.size(), to);
    };
    replace("  - {key: nuble, name: Ñuble}", "  - {key: nuble}");
    replace("      es: Fundación\n", "");
    replace("  records_due_days: 14", "  records_due_days: -1");
    const auto problems = problems_of(text);
    REQUIRE(problems.size() == 4);
    CHECK(problems[0].find("field \"country\": \"Chile\" is not an ISO 3166-1") !=
          std::string::npos);
    CHECK(problems[1].find("field \"regions[9].name\": required key is missing") !=
          std::string::npos);
    CHECK(problems[2].find("field \"organisation_types[5].labels.es\": required key is missing") !=
          std::string::npos);
    CHECK(problems[3].find(
              "field \"meetings.records_due_days\": -1 is out of range (expected 0 to 365)") !=
          std::string::npos);
}

TEST_CASE("roles: exactly one leading role, holding one seat") {
    std::string none = example_with("    max_holders: 1\n    leading: true",
                                    "    max_holders: 1\n    leading: false");
    const auto problems = problems_of(none);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0] ==
          std::to_string(example_line("roles:") + 1) +
              ":3: field \"roles\": 0 roles are marked leading: true (expected exactly one, the "
              "coordinator)");
    const auto two = problems_of(example_with("    max_holders: null\n    leading: false",
                                              "    max_holders: 1\n    leading: true"));
    REQUIRE(two.size() == 1);
    CHECK(two[0].find("2 roles are marked leading: true") != std::string::npos);
}

TEST_CASE("keys of lists are checked: form and uniqueness") {
    const auto bad =
        problems_of(example_with("{key: maule, name: Maule}", "{key: Maule, name: Maule}"));
    REQUIRE(bad.size() == 1);
    CHECK(bad[0].find("field \"regions[8].key\": \"Maule\" is not a valid key") !=
          std::string::npos);
    const auto dup =
        problems_of(example_with("{key: maule, name: Maule}", "{key: biobio, name: Maule}"));
    REQUIRE(dup.size() == 1);
    CHECK(dup[0].find("field \"regions[10].key\": duplicate key \"biobio\"") != std::string::npos);
    const auto theme =
        problems_of(example_with("thematic_areas: [untoc, drugs_corruption, firearms]",
                                 "thematic_areas: [untoc, drugs, untoc]"));
    REQUIRE(theme.size() == 2);
    CHECK(theme[0].find(
              "working_groups[2].thematic_areas[1]\": \"drugs\" is not a thematic area of this "
              "alliance (known: untoc,") != std::string::npos);
    CHECK(theme[1].find("working_groups[2].thematic_areas[2]\": \"untoc\" is listed twice") !=
          std::string::npos);
}

TEST_CASE("broken and empty files") {
    CHECK(problems_of("") ==
          std::vector<std::string>{"1:1: the file is empty (expected the alliance configuration)"});
    CHECK(problems_of("# only a comment\n") ==
          std::vector<std::string>{"1:1: the file is empty (expected the alliance configuration)"});
    const auto broken = problems_of("name: [unclosed\nshort_name: x\n");
    REQUIRE(broken.size() == 1);
    CHECK(broken[0].rfind("not valid YAML: ", broken[0].find(' ') + 1) != std::string::npos);
    CHECK(problems_of("- a\n- b\n") ==
          std::vector<std::string>{"1:1: expected a mapping of keys to values"});
    const auto two_docs = problems_of(source_file("examples/alliance.yaml") + "---\nname: x\n");
    REQUIRE(two_docs.size() == 1);
    CHECK(two_docs[0].find("a second YAML document (after ---)") != std::string::npos);
}

TEST_CASE("hostile input fails cleanly and fast") {
    SUBCASE("deep nesting") {
        const std::string deep =
            "name: " + std::string(100000, '[') + std::string(100000, ']') + "\n";
        CHECK(problems_of(deep) == std::vector<std::string>{"1:71: nests deeper than 64 levels"});
        std::string indented = "a:\n";
        for (int i = 1; i < 1000; ++i) {
            indented += std::string(static_cast<std::size_t>(i), ' ') + "b:\n";
        }
        CHECK(problems_of(indented) ==
              std::vector<std::string>{"514:1: nests deeper than 64 levels"});
        std::string dashes;
        for (int i = 0; i < 200; ++i) {
            dashes += "- ";
        }
        CHECK(problems_of(dashes + "x\n") ==
              std::vector<std::string>{"1:1: nests deeper than 64 levels"});
    }
    SUBCASE("billion laughs") {
        std::string bomb =
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
        for (char c = 'b'; c <= 'j'; ++c) {
            const char prev = static_cast<char>(c - 1);
            bomb += fmt::format("{}: &{} [", c, c);
            for (int i = 0; i < 9; ++i) {
                bomb += fmt::format("{}*{}", i == 0 ? "" : ",", prev);
            }
            bomb += "]\n";
        }
        bomb += "regions: *j\n";
        // Refused before anything expands it (a hang would stop the suite at ctest's limit; speed
        // is the benchmarks' business, not a unit test's).
        const auto problems = problems_of(bomb);
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].find("expands to more than 200000 values through its aliases") !=
              std::string::npos);
    }
    SUBCASE("an alias that contains itself") {
        const auto problems = problems_of("name: &a [*a]\n");
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].find("expands to more than") != std::string::npos);
    }
    SUBCASE("invalid UTF-8") {
        CHECK(problems_of("name: ok\nshort_name: caf\xe9\n") ==
              std::vector<std::string>{
                  "2:16: is Latin-1 or Windows-1252 text; nacsa reads UTF-8: save it as UTF-8 (in "
                  "a spreadsheet: Save As, \"CSV UTF-8\"; or: iconv -f WINDOWS-1252 -t UTF-8)"});
    }
    SUBCASE("damaged UTF-8 in UTF-8 text is located") {
        CHECK(problems_of("name: café\nshort_name: caf\xe9\n") ==
              std::vector<std::string>{"2:16: is not valid UTF-8 text"});
    }
    SUBCASE("UTF-16 and a byte-order mark inside the text are named") {
        std::string utf16 = "\xFF\xFE";
        for (const char c : std::string("name: x\n")) {
            utf16 += c;
            utf16 += '\0';
        }
        REQUIRE(problems_of(utf16).size() == 1);
        CHECK(
            problems_of(utf16)[0].starts_with("1:1: is UTF-16 (little-endian) text; nacsa reads "
                                              "UTF-8: save it as UTF-8"));
        CHECK(problems_of("name: x\n\xEF\xBB\xBFshort_name: y\n") ==
              std::vector<std::string>{
                  "2:1: holds a byte-order mark (U+FEFF, invisible in most editors) inside the "
                  "text: were two files joined together? Remove it"});
    }
    SUBCASE("NUL byte") {
        CHECK(problems_of(std::string("name: a\0b\n", 10)) ==
              std::vector<std::string>{"1:8: contains a NUL byte"});
    }
    SUBCASE("10 MB value") {
        const std::string big = "name: " + std::string(std::size_t{10} * 1024 * 1024, 'x') + "\n";
        const auto problems = problems_of(big);
        REQUIRE(!problems.empty());
        CHECK(std::find(problems.begin(), problems.end(),
                        "1:7: field \"name\": is 10485760 bytes long (at most 4000)") !=
              problems.end());
    }
}

TEST_CASE("Diagnostic::to_string leaves out what is unknown") {
    CHECK(Diagnostic{"f.yaml", 3, 7, "name", "bad"}.to_string() ==
          "f.yaml:3:7: field \"name\": bad");
    CHECK(Diagnostic{"f.yaml", 3, 0, "", "bad"}.to_string() == "f.yaml:3: bad");
    CHECK(Diagnostic{"f.yaml", 0, 0, "x", "bad"}.to_string() == "f.yaml: field \"x\": bad");
    CHECK(Diagnostic{"", 4, 0, "", "bad"}.to_string() == "line 4: bad");
    CHECK(Diagnostic{"", 0, 0, "", "bad"}.to_string() == "bad");
}

TEST_CASE("Diagnostics throws every problem at once, sorted, with the exit code asked for") {
    nacsa::Diagnostics d;
    d.add("b.csv", 2, 1, "", "second");
    d.add("b.csv", 1, 5, "", "first");
    CHECK_THROWS_AS(
        [&] {
            nacsa::Diagnostics copy = d;
            copy.throw_if_any(nacsa::ExitCode::config_invalid);
        }(),
        ConfigError);
    try {
        d.throw_if_any();
        FAIL("throw_if_any did not throw");
    } catch (const nacsa::ValidationError& e) {
        CHECK(e.code() == nacsa::ExitCode::data_invalid);
        REQUIRE(e.problems().size() == 2);
        CHECK(e.problems()[0].message == "first");
        CHECK(std::string(e.what()) == "b.csv:1:5: first");
    }
    nacsa::Diagnostics empty;
    CHECK_NOTHROW(empty.throw_if_any());
}
