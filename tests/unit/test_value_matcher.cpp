// SPDX-License-Identifier: Apache-2.0
// config::ValueMatcher: keyed values as people write them (member import, member options).
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "config/alliance.hpp"
#include "config/value_matcher.hpp"
#include "core/error.hpp"
#include "members/import_values.hpp"

using nacsa::config::edit_distance;
using nacsa::config::ValueMatcher;

namespace {

// Regions as a Peruvian configuration names them.
ValueMatcher regions() {
    ValueMatcher m;
    m.add_field("region", "a region of this alliance");
    m.add_value("region", "huanuco", {"Huánuco"});
    m.add_value("region", "la_libertad", {"La Libertad"});
    m.add_value("region", "lima", {"Lima"});
    m.add_value("region", "san_martin", {"San Martín"});
    return m;
}

}  // namespace

TEST_CASE("normalise folds case and accents and treats spaces, underscores and hyphens alike") {
    CHECK(ValueMatcher::normalise("Huánuco") == "huanuco");
    CHECK(ValueMatcher::normalise("  SAN   MARTÍN ") == "san martin");
    CHECK(ValueMatcher::normalise("la_libertad") == "la libertad");
    CHECK(ValueMatcher::normalise("La-Libertad") == "la libertad");
    CHECK(ValueMatcher::normalise("Ñuble") == "nuble");
    CHECK(ValueMatcher::normalise("   ").empty());
}

TEST_CASE("a key or a label matches whatever the case, accents and spacing") {
    const auto m = regions();
    for (const char* text : {"la_libertad", "La Libertad", "LA LIBERTAD", "la libertad",
                             "la-libertad", "La  Libertad"}) {
        CAPTURE(text);
        CHECK(m.key("region", text) == "la_libertad");
    }
    for (const char* text : {"Huánuco", "huanuco", "HUANUCO", "Huanuco"}) {
        CAPTURE(text);
        CHECK(m.key("region", text) == "huanuco");
    }
    CHECK(m.key("region", "Lima") == "lima");
    CHECK(m.key("region", "LIMA") == "lima");
    CHECK(m.key("region", "San Martin") == "san_martin");
    CHECK_FALSE(m.key("region", "Lima Metropolitana"));
    CHECK_FALSE(m.key("type", "lima"));  // an unknown field matches nothing
}

TEST_CASE("an unknown text names the nearest label when it is close, and lists once on demand") {
    const auto m = regions();
    auto match = m.match("region", "Huanuko");
    CHECK_FALSE(match.key);
    REQUIRE(match.near);
    CHECK(*match.near == "Huánuco");
    CHECK(m.problem("region", "Huanuko", match, false) ==
          "\"Huanuko\" is not a region of this alliance (did you mean \"Huánuco\"?)");
    CHECK(m.problem("region", "Huanuko", match, true) ==
          "\"Huanuko\" is not a region of this alliance (did you mean \"Huánuco\"?) (known: "
          "huanuco, la_libertad, lima, san_martin)");
    match = m.match("region", "Atlantis");
    CHECK_FALSE(match.near);  // nothing close: no guess
    CHECK(m.problem("region", "Atlantis", match, false) ==
          "\"Atlantis\" is not a region of this alliance");
    CHECK_FALSE(m.match("region", "Li").near);  // too short to guess
}

TEST_CASE("a text naming two keys is ambiguous, and an alias settles it") {
    ValueMatcher m;
    m.add_field("type", "an organisation type of this alliance");
    m.add_value("type", "ngo", {"Organización no gubernamental", "ONG"});
    m.add_value("type", "community_based", {"Organización comunitaria", "ONG"});
    auto match = m.match("type", "ong");
    CHECK_FALSE(match.key);
    CHECK(match.keys == std::vector<std::string>{"ngo", "community_based"});
    CHECK(m.problem("type", "ong", match, true) ==
          "\"ong\" could be ngo or community_based: write the key, or map the text with "
          "--map-value");
    // A key as stored is itself even when another key's label reads the same.
    m.add_value("type", "red", {});
    m.add_value("type", "network", {"Red"});
    CHECK(m.key("type", "red") == "red");
    CHECK_FALSE(m.key("type", "RED"));
    m.add_alias("type", "Ong", "ngo");
    CHECK(m.key("type", "ONG") == "ngo");
    CHECK_THROWS_AS(m.add_alias("type", "x", "club"), std::invalid_argument);
    CHECK_THROWS_AS(m.add_alias("colour", "x", "ngo"), std::invalid_argument);
}

TEST_CASE("edit distance") {
    CHECK(edit_distance("", "") == 0);
    CHECK(edit_distance("huanuko", "huanuco") == 1);
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(edit_distance("abc", "") == 3);
}

TEST_CASE(
    "the alliance matcher reads labels in every language, and in one when only one is given") {
    nacsa::config::Alliance a;
    a.language = "es";
    a.regions = {{"nuble", "Ñuble"}};
    a.thematic_areas = {{"illegal_mining", {.en = "", .es = "Minería ilegal", .fr = ""}},
                        {"untoc", {.en = "UNTOC", .es = "La UNTOC", .fr = "La CTO"}}};
    a.organisation_types = {{"ngo", {.en = "NGO", .es = "ONG", .fr = "ONG"}}};
    const auto m = nacsa::config::alliance_matcher(a);
    CHECK(m.key("region", "nuble") == "nuble");
    CHECK(m.key("region", "ÑUBLE") == "nuble");
    CHECK(m.key("thematic_areas", "mineria ilegal") == "illegal_mining");
    CHECK(m.key("thematic_areas", "la cto") == "untoc");
    CHECK(m.key("thematic_areas", "Untoc") == "untoc");
    CHECK(m.key("type", "ong") == "ngo");
    CHECK(m.has_field("services"));
}

TEST_CASE("the import matcher knows the fixed lists in en, es and fr, and checks --map-value") {
    const nacsa::config::Alliance a;
    const auto m = nacsa::members::detail::import_matcher(a, {});
    CHECK(m.key("status", "Activo") == "active");
    CHECK(m.key("status", "ACTIVOS") == "active");
    CHECK(m.key("status", "retirée") == "withdrawn");
    CHECK(m.key("status", "Solicitante") == "applicant");
    CHECK(m.key("gender", "Mujer") == "female");
    CHECK(m.key("gender", "F") == "female");
    CHECK(m.key("gender", "Hommes") == "male");
    CHECK(m.key("gender", "no binario") == "non_binary");
    CHECK(m.key("ecosoc_status", "Especial") == "special");
    CHECK(m.key("interest", "Steering Committee") == "steering_committee");
    const auto mapped =
        nacsa::members::detail::import_matcher(a, {{"status", "Socio pleno", "active"}});
    CHECK(mapped.key("status", "socio  PLENO") == "active");
    CHECK_THROWS_AS((void)nacsa::members::detail::import_matcher(a, {{"colour", "x", "blue"}}),
                    nacsa::UsageError);
    CHECK_THROWS_AS((void)nacsa::members::detail::import_matcher(a, {{"status", "x", "dormant"}}),
                    nacsa::UsageError);
}

TEST_CASE("to_keys reads a label with commas that a comma-separated option split into pieces") {
    ValueMatcher m;
    m.add_field("thematic_areas", "a thematic area of this alliance");
    m.add_value("thematic_areas", "trafficking_in_persons",
                {"Trata de personas, especialmente mujeres y niños"});
    m.add_value("thematic_areas", "untoc", {"La UNTOC y su implementación"});
    std::optional<std::vector<std::string>> values = std::vector<std::string>{
        "untoc", "trata de personas", "Especialmente mujeres y niños", "nada"};
    m.to_keys("thematic_areas", values);
    CHECK(*values == std::vector<std::string>{"untoc", "trafficking_in_persons", "nada"});

    std::optional<std::vector<std::string>> none;
    m.to_keys("thematic_areas", none);
    CHECK_FALSE(none.has_value());
}
