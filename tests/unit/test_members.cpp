#include <doctest/doctest.h>

#include "members/members.hpp"
#include "members/writer.hpp"

using namespace nacsa;

TEST_CASE("member name keys ignore case, accents, punctuation and spacing") {
    CHECK(members::name_key("Fundación  Paz-Ciudadana.") == "fundacion paz ciudadana");
    CHECK(members::name_key("  FUNDACION paz ciudadana ") == "fundacion paz ciudadana");
    CHECK(members::id_from_name("Fundación Paz Ciudadana") == "fundacion-paz-ciudadana");
    CHECK(members::id_from_name(std::string(80, 'a')).size() == 64);
}

TEST_CASE("member duplicate keys drop a leading organisation word") {
    CHECK(members::detail::duplicate_key("asociacion civil rutas seguras") == "rutas seguras");
    CHECK(members::detail::duplicate_key("fundacion rutas seguras") == "rutas seguras");
    CHECK(members::detail::duplicate_key("centro") == "centro");
}

TEST_CASE("member contact details are checked") {
    CHECK(members::is_email("a@b.cl"));
    CHECK_FALSE(members::is_email("a@b"));
    CHECK_FALSE(members::is_email("a b@c.cl"));
    CHECK(members::is_phone("+56 9 8123 4410"));
    CHECK(members::is_phone("(2) 2345-6789") == false);
    CHECK_FALSE(members::is_phone("abc"));
    CHECK(members::is_website("https://x.cl"));
    CHECK_FALSE(members::is_website("www.x.cl"));
}

TEST_CASE("member merge applies given fields and keeps one primary contact") {
    members::Member base;
    base.name = "A";
    base.type = "ngo";
    base.contacts.push_back(members::Contact{.id = 1, .name = "Ana", .primary = true});
    members::MemberInput in;
    in.city = "Arica";
    in.contacts = std::vector<members::ContactInput>{{.name = "Luis", .primary = true}};
    const auto m = members::detail::merge(base, in);
    CHECK(m.city == "Arica");
    REQUIRE(m.contacts.size() == 2);
    CHECK_FALSE(m.contacts[0].primary);
    CHECK(m.contacts[1].primary);
    CHECK(m.contacts[1].id == 0);
}

TEST_CASE("member list filters are checked against the alliance configuration") {
    const auto alliance = config::parse_alliance(config::default_alliance_yaml(), "alliance.yaml");
    members::MemberFilter filter{
        .type = "ngo", .region = "biobio", .theme = "untoc", .service = "crime_prevention"};
    CHECK_NOTHROW(members::check_filter(filter, alliance));
    CHECK_NOTHROW(members::check_filter(members::MemberFilter{}, alliance));
    filter.region = "Norte";
    filter.service = "nope";
    try {
        members::check_filter(filter, alliance);
        FAIL("no error");
    } catch (const DiagnosticError& e) {
        CHECK(e.code() == ExitCode::usage);
        REQUIRE(e.problems().size() == 2);
        CHECK(e.problems()[0].message.starts_with(
            "--region: \"Norte\" is not a region of this alliance (known: arica_parinacota, "));
        CHECK(e.problems()[1].message.starts_with(
            "--service: \"nope\" is not a service of this alliance (known: crime_prevention, "));
    }
}

TEST_CASE("a member's joined date is a date, not after today") {
    const auto alliance = config::parse_alliance(config::default_alliance_yaml(), "alliance.yaml");
    const Date today = *parse_date("2026-11-29");
    auto problems_with = [&](const std::string& joined) {
        members::MemberInput in;
        in.joined = joined;
        Diagnostics problems;
        members::validate(in, alliance, today, members::command_line_locator(), false, problems);
        std::vector<std::string> out;
        for (const auto& d : problems.items()) {
            out.push_back(d.to_string());
        }
        return out;
    };
    CHECK(problems_with("2026-11-29").empty());
    CHECK(problems_with("").empty());
    CHECK(problems_with("2026-11-30") ==
          std::vector<std::string>{"field \"--joined\": \"2026-11-30\" is in the future (today is "
                                   "2026-11-29 in America/Santiago)"});
    CHECK(problems_with("2026-02-30") ==
          std::vector<std::string>{
              "field \"--joined\": \"2026-02-30\" is not a date (expected YYYY-MM-DD)"});
}
