// SPDX-License-Identifier: Apache-2.0
// The keyed values of imported records turned into keys (lib/members/import_values.hpp): the
// same text gives the same key every time it comes, and a text that names no key a problem
// every time, with the known values in the first only.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "config/alliance.hpp"
#include "members/import_values.hpp"

using namespace nacsa;
using namespace nacsa::members;
using namespace nacsa::members::detail;

namespace {

Locator at_path() {
    return [](const std::string& path) { return Diagnostic{"m.csv", 2, 0, path, {}}; };
}

}  // namespace

TEST_CASE("keyed values: a text read again gives the same key, a wrong one a problem again") {
    const auto alliance = config::parse_alliance(config::default_alliance_yaml(), "alliance.yaml");
    KeyedValues values(alliance, {});
    std::vector<Diagnostic> problems;
    for (int round = 0; round < 3; ++round) {
        MemberInput in;
        in.status = round == 0 ? " Activo " : round == 1 ? "activo" : " Activo ";
        in.region = "Biobío";
        in.thematic_areas = std::vector<std::string>{
            "untoc", " UNTOC", "tráfico de drogas, corrupción y delitos conexos"};
        in.contacts.emplace(2);
        (*in.contacts)[0].gender = "Mujer";
        (*in.contacts)[1].gender = "nadie";
        values.resolve(in, at_path(), problems);
        CHECK(in.status == "active");
        CHECK(in.region == "biobio");
        CHECK(*in.thematic_areas == std::vector<std::string>{"untoc", "untoc", "drugs_corruption"});
        CHECK((*in.contacts)[0].gender == "female");
        CHECK((*in.contacts)[1].gender == "nadie");  // stays as written
    }
    REQUIRE(problems.size() == 3);
    CHECK(problems[0].field == "contacts[2].gender");
    CHECK(problems[0].message.english() ==
          "\"nadie\" is not a gender (known: female, male, non_binary, undisclosed)");
    CHECK(problems[1].message.english() == "\"nadie\" is not a gender");
    CHECK(problems[2].to_string() == problems[1].to_string());
}
