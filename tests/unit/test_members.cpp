// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>

#include "fixture.hpp"
#include "members/census.hpp"
#include "members/erased.hpp"
#include "members/lookup.hpp"
#include "members/members.hpp"
#include "members/writer.hpp"
#include "store/maintenance.hpp"

using namespace nacsa;
using nacsa::testing::d;
using nacsa::testing::MemberSpec;
using nacsa::testing::StoreFixture;

namespace {

// The message of the error `f` throws, which must be of type E.
template <typename E, typename F>
std::string error_of(F&& f) {
    try {
        f();
    } catch (const E& e) {
        return e.what();
    }
    FAIL("no error of the expected type");
    return {};
}

// The messages of the ValidationError `f` throws, one per problem ("field: message").
template <typename F>
std::vector<std::string> problems_of(F&& f) {
    try {
        f();
    } catch (const ValidationError& e) {
        std::vector<std::string> out;
        for (const auto& p : e.problems()) {
            out.push_back(p.field + ": " + p.message.english());
        }
        return out;
    }
    FAIL("no ValidationError");
    return {};
}

members::ContactInput contact(const std::string& name, const std::string& email = {}) {
    members::ContactInput c;
    c.name = name;
    if (!email.empty()) {
        c.email = email;
    }
    return c;
}

// A member of the example alliance working on `themes` (a member needs one).
MemberSpec spec(std::string name, std::vector<std::string> themes = {"untoc"}) {
    MemberSpec s;
    s.name = std::move(name);
    s.themes = std::move(themes);
    return s;
}

std::vector<std::string> audit_summaries(store::Store& store, const std::string& kind) {
    std::vector<std::string> out;
    for (const auto& e : store::list_audit(store, {.record_kind = kind})) {
        out.push_back(e.summary);
    }
    return out;
}

}  // namespace

TEST_CASE("member name keys ignore case, accents, punctuation and spacing") {
    CHECK(members::name_key("Fundación  Paz-Ciudadana.") == "fundacion paz ciudadana");
    CHECK(members::name_key("  FUNDACION paz ciudadana ") == "fundacion paz ciudadana");
    CHECK(members::id_from_name("Fundación Paz Ciudadana") == "fundacion-paz-ciudadana");
    CHECK(members::id_from_name(std::string(80, 'a')).size() == 64);
}

TEST_CASE("member statuses have names, and the lifecycle says which moves it allows") {
    for (const auto s : {members::MemberStatus::applicant, members::MemberStatus::active,
                         members::MemberStatus::suspended, members::MemberStatus::withdrawn}) {
        CHECK(members::parse_status(members::status_name(s)) == s);
    }
    CHECK(members::status_names() ==
          std::vector<std::string>{"applicant", "active", "suspended", "withdrawn"});
    CHECK_FALSE(members::parse_status("Active"));
    using enum members::MemberStatus;
    CHECK_FALSE(members::detail::refused_move(applicant, active));
    CHECK_FALSE(members::detail::refused_move(withdrawn, active));
    CHECK(members::detail::refused_move(suspended, applicant)
              .value()
              .english()
              .starts_with("a member cannot go from suspended to applicant (allowed: "));
}

TEST_CASE("member duplicate keys drop a leading organisation word") {
    CHECK(members::detail::duplicate_key("asociacion civil rutas seguras") == "rutas seguras");
    CHECK(members::detail::duplicate_key("fundacion rutas seguras") == "rutas seguras");
    CHECK(members::detail::duplicate_key("centro") == "centro");
    // English, Spanish and French forms around the same name (#19).
    for (const char* name :
         {"foundation for safe routes", "safe routes trust", "the safe routes trust",
          "association of safe routes", "safe routes inc", "safe routes foundation",
          "fondation pour safe routes", "safe routes"}) {
        CHECK_MESSAGE(members::detail::duplicate_key(name) == "safe routes", name);
    }
    CHECK(members::detail::duplicate_key("fundacion de la paz") == "paz");
    CHECK(members::detail::duplicate_key("trust") == "trust");
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
    in.status = "suspended";
    in.contacts = std::vector<members::ContactInput>{{.name = "Luis", .primary = true}};
    const auto m = members::detail::merge(base, in);
    CHECK(m.city == "Arica");
    CHECK(m.status == members::MemberStatus::suspended);
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
        CHECK(e.problems()[0].message.english().starts_with(
            "--region: \"Norte\" is not a region of this alliance (known: arica_parinacota, "));
        CHECK(e.problems()[1].message.english().starts_with(
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
        for (const auto& p : problems.items()) {
            out.push_back(p.to_string());
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

TEST_CASE("resolve_member takes an id, a name or an acronym") {
    StoreFixture fx;
    auto s = spec("Fundación Paz Ciudadana");
    s.acronym = "FPC";
    fx.member("fundacion-paz", s);
    s = spec("Red Norte");
    s.acronym = "RN";
    fx.member("red-norte", s);
    s = spec("Red Nacional");
    s.acronym = "rn";
    fx.member("red-nacional", s);
    auto& store = fx.store();

    CHECK(members::resolve_member(store, "fundacion-paz").id == "fundacion-paz");
    CHECK(members::resolve_member(store, "  FUNDACION paz-ciudadana. ").id == "fundacion-paz");
    CHECK(members::resolve_member(store, "Fundacion Paz Ciudadana").name ==
          "Fundación Paz Ciudadana");
    const auto by_acronym = members::resolve_member(store, "fpc");
    CHECK(by_acronym.id == "fundacion-paz");
    CHECK(by_acronym.acronym == "FPC");
    CHECK(by_acronym.status == members::MemberStatus::active);
    CHECK(by_acronym.thematic_areas == std::vector<std::string>{"untoc"});
    // An id wins over a name or an acronym.
    CHECK(members::resolve_member(store, "red-norte").id == "red-norte");

    // "RN" and "rn" are one acronym, ignoring case: naming it is ambiguous.
    CHECK(error_of<UsageError>([&] { (void)members::resolve_member(store, "rn"); }) ==
          "\"rn\" is the acronym of 2 members: red-nacional (Red Nacional), red-norte (Red "
          "Norte); give the id");
    CHECK(error_of<NotFoundError>([&] { (void)members::resolve_member(store, "Paz"); }) ==
          "no member \"Paz\" (an id, name or acronym; did you mean: fundacion-paz (Fundación "
          "Paz Ciudadana)?)");
    CHECK(error_of<NotFoundError>([&] { (void)members::resolve_member(store, "Red"); }) ==
          "no member \"Red\" (an id, name or acronym; did you mean: red-nacional (Red "
          "Nacional), red-norte (Red Norte)?)");
    CHECK(error_of<NotFoundError>([&] { (void)members::resolve_member(store, "nadie"); }) ==
          "no member \"nadie\" (an id, name or acronym; see 'nacsa member list')");
    CHECK_FALSE(members::find_member_ref(store, "nadie"));
    CHECK(members::member_exists(store, "red-norte"));
    CHECK_FALSE(members::member_exists(store, "Red Norte"));
}

TEST_CASE("resolve_contact takes a number, an e-mail, a name or a unique run of its words") {
    StoreFixture fx;
    fx.member("rutas", spec("Rutas Seguras"));
    auto& store = fx.store();
    const auto where = members::command_line_locator();
    const auto paula = members::add_contact(
        store, "rutas", contact("Paula Henríquez Soto", "paula@rutas.example"), where);
    const auto pablo = members::add_contact(store, "rutas", contact("Pablo Soto"), where);
    const auto ana = members::add_contact(store, "Rutas Seguras", contact("Ana María Díaz"), where);

    CHECK(members::resolve_contact(store, "rutas", std::to_string(pablo.id), "--by").id ==
          pablo.id);
    CHECK(members::resolve_contact(store, "rutas", "#" + std::to_string(pablo.id), "--by").id ==
          pablo.id);
    CHECK(members::resolve_contact(store, "rutas", " PAULA@rutas.example ", "--by").id == paula.id);
    CHECK(members::resolve_contact(store, "rutas", "paula henriquez soto", "--by").id == paula.id);
    CHECK(members::resolve_contact(store, "rutas", "Henríquez", "--by").id == paula.id);
    CHECK(members::resolve_contact(store, "rutas", "maria diaz", "--by").id == ana.id);
    // "Soto" is a word of two names; "Henr" is no whole word.
    CHECK(problems_of([&] { (void)members::resolve_contact(store, "rutas", "soto", "--by"); }) ==
          std::vector<std::string>{fmt::format(
              "--by: \"soto\" matches 2 contacts of rutas: #{} Paula Henríquez Soto, #{} Pablo "
              "Soto; give the contact's number or e-mail",
              paula.id, pablo.id)});
    CHECK(problems_of([&] { (void)members::resolve_contact(store, "rutas", "Henr", "--by"); }) ==
          std::vector<std::string>{fmt::format(
              "--by: \"Henr\" is not a contact of rutas (contacts: #{} Paula Henríquez Soto, #{} "
              "Pablo Soto, #{} Ana María Díaz)",
              paula.id, pablo.id, ana.id)});

    (void)workflows::forget(store, "rutas", std::to_string(ana.id));
    const auto erased = fmt::format("#{}", ana.id);
    CHECK(problems_of([&] { (void)members::resolve_contact(store, "rutas", erased, "--by"); }) ==
          std::vector<std::string>{fmt::format("--by: contact #{} of rutas was erased", ana.id)});
    CHECK(members::people(store, {ana.id}).at(ana.id).erased);

    // As the argument of a command about the contact: none is "not found", several a usage
    // error.
    CHECK(members::resolve_contact_argument(store, "rutas", "pablo soto").id == pablo.id);
    CHECK(error_of<NotFoundError>([&] {
              (void)members::resolve_contact_argument(store, "rutas", "Nadie");
          }) == "member \"rutas\" has no contact named \"Nadie\"");
    CHECK(error_of<NotFoundError>([&] {
              (void)members::resolve_contact_argument(store, "rutas", erased);
          }) == fmt::format("contact #{} of member \"rutas\" was erased", ana.id));
    CHECK(error_of<UsageError>([&] {
              (void)members::resolve_contact_argument(store, "rutas", "Soto");
          }).starts_with("\"Soto\" matches 2 contacts of rutas: "));
}

TEST_CASE("a member's status on a date follows its dated history") {
    StoreFixture fx;
    auto& store = fx.store();
    auto s = spec("Alfa");
    s.joined = "2026-01-10";
    fx.member("alfa", s);
    // Two changes dated the same day: the one recorded last counts.
    fx.status("alfa", "suspended", "2026-03-01");
    fx.status("alfa", "active", "2026-03-01");
    fx.status("alfa", "suspended", "2026-03-02");
    using enum members::MemberStatus;
    CHECK_FALSE(members::status_on(store, "alfa", d("2026-01-09")));
    CHECK(members::status_on(store, "alfa", d("2026-01-10")) == active);
    CHECK(members::status_on(store, "alfa", d("2026-03-01")) == active);
    CHECK(members::status_on(store, "alfa", d("2026-03-02")) == suspended);
    CHECK(members::status_on(store, "alfa", d("2026-11-30")) == suspended);

    // A joined date corrected to before the first entry: the member was in the register since,
    // with the status of its first entry.
    s = spec("Beta");
    s.joined = "2026-05-01";
    s.status = "applicant";
    fx.member("beta", s);
    members::MemberInput earlier;
    earlier.joined = "2026-02-01";
    (void)members::edit_member(store, "beta", earlier, members::command_line_locator());
    CHECK_FALSE(members::status_on(store, "beta", d("2026-01-31")));
    CHECK(members::status_on(store, "beta", d("2026-02-01")) == applicant);
    CHECK(members::status_on(store, "beta", d("2026-05-01")) == applicant);

    // A member recorded after the date, without a joined date, was not in the register then.
    s = spec("Gama");
    s.joined = "";
    fx.member("gama", s);
    CHECK_FALSE(members::status_on(store, "gama", d("2026-06-01")));
    CHECK(members::status_on(store, "gama", store.today()) == active);
    CHECK_FALSE(members::status_on(store, "nadie", store.today()));

    CHECK(members::active_on(store, d("2026-02-15")) == std::vector<std::string>{"alfa"});
    CHECK(members::active_on(store, d("2026-03-01")) == std::vector<std::string>{"alfa"});
    CHECK(members::active_on(store, d("2026-06-01")).empty());
    CHECK(members::active_on(store, store.today()) == std::vector<std::string>{"gama"});
}

namespace {

// Members whose status histories test the census's status walk: changes dated the same day
// (the one recorded last counts), a change voided as entered by mistake, a joined date corrected
// to before the first entry, a member without a joined date, and members whose ids sort apart
// from their names (a-zorro, beta, gama, z-alfa).
void add_members_with_histories(StoreFixture& fx) {
    auto& store = fx.store();
    auto s = spec("Zorro");
    s.joined = "2026-01-10";
    fx.member("a-zorro", s);
    fx.status("a-zorro", "suspended", "2026-03-01");
    fx.status("a-zorro", "active", "2026-03-01");
    fx.status("a-zorro", "withdrawn", "2026-05-02");
    s = spec("Beta");
    s.joined = "2026-05-01";
    s.status = "applicant";
    fx.member("beta", s);
    members::MemberInput earlier;
    earlier.joined = "2026-02-01";
    (void)members::edit_member(store, "beta", earlier, members::command_line_locator());
    s = spec("Gama");
    s.joined = "";
    fx.member("gama", s);
    s = spec("Alfa");
    s.joined = "2026-02-15";
    fx.member("z-alfa", s);
    fx.status("z-alfa", "suspended", "2026-04-01");
    (void)members::correct_status(store, "z-alfa", "entered by mistake");
    fx.status("z-alfa", "withdrawn", "2026-06-30");
}

}  // namespace

TEST_CASE("the census finds each member's status on a date as status_on does") {
    StoreFixture fx;
    auto& store = fx.store();
    add_members_with_histories(fx);

    const std::vector<std::string> ids{"a-zorro", "beta", "gama", "z-alfa"};
    for (const char* day : {"2026-01-09", "2026-01-10", "2026-02-01", "2026-02-15", "2026-03-01",
                            "2026-04-01", "2026-05-01", "2026-05-02", "2026-06-30", "2026-11-30"}) {
        CAPTURE(day);
        std::map<members::MemberStatus, std::int64_t> by_status;
        std::int64_t in_register = 0;
        for (const auto& id : ids) {
            if (const auto status = members::status_on(store, id, d(day))) {
                ++by_status[*status];
                ++in_register;
            }
        }
        const auto c = members::census(store, d("2026-01-01"), d(day));
        CHECK(c.in_register == in_register);
        CHECK(c.by_status == by_status);
    }
}

namespace {

// A census's totals, as census() gives them for a previous period.
members::CensusCounts counts_of(const members::Census& c) {
    const auto active = c.by_status.find(members::MemberStatus::active);
    return {.in_register = c.in_register,
            .active = active == c.by_status.end() ? 0 : active->second,
            .joined = static_cast<std::int64_t>(c.joined.size()),
            .withdrawals = static_cast<std::int64_t>(c.withdrawals.size())};
}

}  // namespace

TEST_CASE("the census counts the previous period as its own census does, in the same pass") {
    StoreFixture fx;
    auto& store = fx.store();
    // Those of add_members_with_histories, then members joining and leaving in different
    // periods, and two withdrawals on one day of members whose ids sort apart from their names.
    add_members_with_histories(fx);
    fx.status("beta", "active", "2026-07-20");
    auto s = spec("Kappa");
    s.joined = "2026-04-01";
    fx.member("kappa", s);
    fx.status("kappa", "withdrawn", "2026-06-30");
    s = spec("Delta");
    s.joined = "2026-07-15";
    fx.member("delta", s);
    fx.status("delta", "withdrawn", "2026-09-10");
    s = spec("Epsilon");
    s.joined = "2026-10-05";
    fx.member("epsilon", s);
    s = spec("Omega");
    s.joined = "2025-11-20";
    fx.member("omega", s);
    fx.status("omega", "suspended", "2026-01-05");
    fx.status("omega", "active", "2026-04-10");

    // The withdrawals dated in a period, from the members' histories as `member show` gives them.
    const auto withdrawals_in = [&](const members::Period& p) {
        std::int64_t n = 0;
        for (const char* id :
             {"a-zorro", "beta", "gama", "z-alfa", "kappa", "delta", "epsilon", "omega"}) {
            for (const auto& change : members::member_record(store, id).history) {
                n += change.status == members::MemberStatus::withdrawn && !change.voided &&
                             change.date >= p.from && change.date <= p.to
                         ? 1
                         : 0;
            }
        }
        return n;
    };
    const std::vector<Date> days{d("2025-12-31"), d("2026-01-09"), d("2026-01-10"), d("2026-02-01"),
                                 d("2026-03-01"), d("2026-03-31"), d("2026-04-01"), d("2026-05-01"),
                                 d("2026-05-02"), d("2026-06-30"), d("2026-07-15"), d("2026-09-10"),
                                 d("2026-09-30"), d("2026-10-05"), d("2026-11-30")};
    // The previous period's counts differ from this period's in most pairs below: a census that
    // took the previous period's status on this period's last day would not pass.
    int differing = 0;
    int pairs = 0;
    for (std::size_t i = 0; i < days.size(); ++i) {
        for (std::size_t j = i + 1; j < days.size(); ++j) {
            const members::Period previous{add_days(days[i], -45), days[i]};
            const members::Period period{add_days(days[i], 1), days[j]};
            CAPTURE(format_date(previous.to));
            CAPTURE(format_date(period.to));
            const auto c = members::census(store, period.from, period.to, previous);
            REQUIRE(c.previous);
            // The previous period's census, taken on its own, as the reference.
            const auto expected = counts_of(members::census(store, previous.from, previous.to));
            CHECK(c.previous->in_register == expected.in_register);
            CHECK(c.previous->active == expected.active);
            CHECK(c.previous->joined == expected.joined);
            CHECK(c.previous->withdrawals == expected.withdrawals);
            CHECK(expected.withdrawals == withdrawals_in(previous));
            const auto now = counts_of(members::census(store, period.from, period.to));
            differing +=
                now.active != expected.active || now.in_register != expected.in_register ? 1 : 0;
            ++pairs;

            // The period's own counts are those of the census without a previous period.
            const auto alone = members::census(store, period.from, period.to);
            CHECK_FALSE(alone.previous);
            CHECK(c.in_register == alone.in_register);
            CHECK(c.by_status == alone.by_status);
            CHECK(c.active_by_type == alone.active_by_type);
            CHECK(c.active_by_theme == alone.active_by_theme);
            CHECK(c.joined.size() == alone.joined.size());
            CHECK(static_cast<std::int64_t>(c.withdrawals.size()) == now.withdrawals);
            CHECK(now.withdrawals == withdrawals_in(period));
        }
    }
    CHECK(differing > pairs / 2);

    // The withdrawals of a period, by date, then by name (not by id), the voided change left out.
    const auto c = members::census(store, d("2026-04-01"), d("2026-06-30"));
    std::vector<std::string> left;
    for (const auto& w : c.withdrawals) {
        left.push_back(format_date(w.date) + " " + w.member_id + " " + w.name);
    }
    CHECK(left == std::vector<std::string>{"2026-05-02 a-zorro Zorro", "2026-06-30 z-alfa Alfa",
                                           "2026-06-30 kappa Kappa"});
}

TEST_CASE("the census counts the members in the register at the end of a period") {
    StoreFixture fx;
    auto& store = fx.store();
    auto s = spec("Zeta Norte", {"untoc", "firearms"});
    s.region = "biobio";
    s.contacts = {{"Ana Pérez", "female"}, {"Luis Soto", "male"}, {"Eva Ruiz", "female"}};
    fx.member("zeta", s);
    members::MemberInput services;
    services.services = std::vector<std::string>{"crime_prevention", "youth_at_risk"};
    (void)members::edit_member(store, "zeta", services, members::command_line_locator());
    s = spec("Ética Pública");
    s.contacts = {{"Olga Díaz", "female"}};
    fx.member("etica", s);
    fx.status("etica", "withdrawn", "2026-06-15");
    s = spec("Alba", {"firearms"});
    s.contacts = {{"Noa Lira", "non_binary"}};
    fx.member("alba", s);
    fx.status("alba", "suspended", "2026-03-01");
    s = spec("Nueva");
    s.joined = "2026-08-01";
    fx.member("nueva", s);

    const auto c = members::census(store, d("2026-04-01"), d("2026-06-30"));
    using enum members::MemberStatus;
    // In the register on the last day: all but "nueva", each with its status that day.
    CHECK(c.in_register == 3);
    CHECK(c.by_status == std::map<members::MemberStatus, std::int64_t>{
                             {active, 1}, {suspended, 1}, {withdrawn, 1}});
    CHECK(c.active_by_type == std::map<std::string, std::int64_t>{{"ngo", 1}});
    CHECK(c.active_by_region == std::map<std::string, std::int64_t>{{"biobio", 1}});
    CHECK(c.joined.empty());
    REQUIRE(c.withdrawals.size() == 1);
    CHECK(c.withdrawals[0].member_id == "etica");
    CHECK(c.withdrawals[0].date == d("2026-06-15"));
    CHECK(c.active_by_theme == std::map<std::string, std::int64_t>{{"firearms", 1}, {"untoc", 1}});
    CHECK(c.active_by_service ==
          std::map<std::string, std::int64_t>{{"crime_prevention", 1}, {"youth_at_risk", 1}});
    CHECK(c.active_contacts_by_gender ==
          std::map<std::string, std::int64_t>{{"female", 2}, {"male", 1}});
    const auto later = members::census(store, d("2026-07-01"), d("2026-12-01"));
    CHECK(later.withdrawals.empty());
    CHECK(later.in_register == 4);
    REQUIRE(later.joined.size() == 1);
    CHECK(later.joined[0].id == "nueva");
    CHECK(later.joined[0].joined == "2026-08-01");
    CHECK(later.joined[0].status == active);

    // Who joined in the period, sorted by name as the alliance's language sorts it ("Ética"
    // before "Zeta"), with the status each had on the last day.
    const auto since_2024 = members::census(store, d("2024-01-01"), d("2026-06-30"));
    std::vector<std::pair<std::string, members::MemberStatus>> joined;
    for (const auto& m : since_2024.joined) {
        joined.emplace_back(m.id, m.status);
    }
    CHECK(joined == std::vector<std::pair<std::string, members::MemberStatus>>{
                        {"alba", suspended}, {"etica", withdrawn}, {"zeta", active}});
    CHECK(since_2024.joined.back().region == "biobio");
    CHECK(since_2024.joined.back().joined == "2024-01-01");
    CHECK(since_2024.joined.back().type == "ngo");
}

TEST_CASE("adding a member refuses a taken id and a name another member has") {
    StoreFixture fx;
    fx.member("paz", spec("Fundación Paz"));
    auto& store = fx.store();
    const auto where = members::command_line_locator();
    members::MemberInput in;
    in.name = "FUNDACION paz";
    in.type = "ngo";
    in.thematic_areas = std::vector<std::string>{"untoc"};
    CHECK(problems_of([&] { (void)members::add_member(store, in, where); }) ==
          std::vector<std::string>{"--name: member \"paz\" already has this name"});
    in.name = "Paz";
    CHECK(problems_of([&] { (void)members::add_member(store, in, where); }) ==
          std::vector<std::string>{
              "--name: a member with id \"paz\" already exists: give another id with --id"});
    in.id = "paz";
    in.name = "Otra";
    CHECK(problems_of([&] { (void)members::add_member(store, in, where); }) ==
          std::vector<std::string>{"--id: a member with id \"paz\" already exists"});
    in.id = "otra";
    const auto added = members::add_member(store, in, where);
    CHECK(added.id == "otra");
    CHECK(added.status == members::MemberStatus::active);
    CHECK(members::member_record(store, "Otra").history.size() == 1);
    CHECK(audit_summaries(store, "member").back() == "added member (ngo, active)");
}

TEST_CASE("editing a member changes the given fields of the member a reference names") {
    StoreFixture fx;
    auto s = spec("Fundación Paz");
    s.acronym = "FP";
    fx.member("paz", s);
    fx.member("luz", spec("Luz"));
    auto& store = fx.store();
    const auto where = members::command_line_locator();
    members::MemberInput in;
    in.city = "Arica";
    in.region = "arica_parinacota";
    auto result = members::edit_member(store, "fp", in, where);
    CHECK(result.changed);
    CHECK(result.member.id == "paz");
    CHECK(members::member_record(store, "paz").member.city == "Arica");
    CHECK(audit_summaries(store, "member").back() == "changed region, city");
    CHECK_FALSE(members::edit_member(store, "Fundacion Paz", in, where).changed);
    in = {};
    in.name = "luz";
    CHECK(problems_of([&] { (void)members::edit_member(store, "paz", in, where); }) ==
          std::vector<std::string>{"--name: member \"luz\" already has this name"});
    CHECK_THROWS_AS((void)members::edit_member(store, "nadie", in, where), NotFoundError);
}

TEST_CASE("a status change follows the lifecycle, dated between the last change and today") {
    StoreFixture fx;
    auto s = spec("Red Norte");
    s.joined = "2026-01-05";
    s.status = "applicant";
    fx.member("red-norte", s);
    auto& store = fx.store();
    using enum members::MemberStatus;
    auto update = members::change_status(store, "Red Norte", active, "admitted", d("2026-02-01"));
    CHECK(update.member_id == "red-norte");
    CHECK(update.before == applicant);
    CHECK(update.after == active);
    CHECK(update.date == d("2026-02-01"));
    CHECK(problems_of([&] {
              (void)members::change_status(store, "red-norte", active, "again", std::nullopt);
          }) == std::vector<std::string>{"status: member \"red-norte\" is already active"});
    CHECK(problems_of([&] {
              (void)members::change_status(store, "red-norte", applicant, "x", std::nullopt);
          })
              .at(0)
              .starts_with("status: a member cannot go from active to applicant"));
    CHECK(problems_of([&] {
              (void)members::change_status(store, "red-norte", suspended, " ", std::nullopt);
          }) == std::vector<std::string>{"--reason: a status change needs a reason"});
    CHECK(problems_of([&] {
              (void)members::change_status(store, "red-norte", suspended, "x", d("2026-01-31"));
          }) == std::vector<std::string>{"--date: 2026-01-31 is before the member's last status "
                                         "change (active on 2026-02-01)"});
    CHECK(problems_of([&] {
              (void)members::change_status(store, "red-norte", suspended, "x", d("2099-01-01"));
          })
              .at(0)
              .starts_with("--date: 2099-01-01 is in the future (today is "));
    update = members::change_status(store, "red-norte", suspended, "no activity", std::nullopt);
    CHECK(update.date == store.today());
    const auto history = members::member_record(store, "red-norte").history;
    REQUIRE(history.size() == 3);
    CHECK(history[1].status == active);
    CHECK(history[1].reason == "admitted");
    CHECK(history[2].status == suspended);
    CHECK(members::member_record(store, "red-norte").member.status == suspended);
    CHECK(audit_summaries(store, "member").back() ==
          fmt::format("status active -> suspended on {}", format_date(store.today())));
    CHECK(problems_of([&] {
              (void)workflows::change_member_status(store, "red-norte", "dormant", "x",
                                                    std::nullopt);
          }) == std::vector<std::string>{"status: \"dormant\" is not a membership status "
                                         "(known: applicant, active, suspended, withdrawn)"});
}

TEST_CASE("contacts are added, edited and removed by number, e-mail or name") {
    StoreFixture fx;
    fx.member("rutas", spec("Rutas Seguras"));
    auto& store = fx.store();
    const auto where = members::command_line_locator();
    const auto ana =
        members::add_contact(store, "rutas", contact("Ana Pérez", "ana@r.example"), where);
    const auto luis = members::add_contact(store, "Rutas Seguras", contact("Luis Soto"), where);
    CHECK(ana.member_id == "rutas");
    CHECK(problems_of([&] {
              (void)members::add_contact(store, "rutas", contact("ana perez"), where);
          }) == std::vector<std::string>{
                    "--name: member \"rutas\" already has a contact named \"ana perez\""});

    members::ContactInput change;
    change.phone = "+56 2 2345 6789";
    change.primary = true;
    auto result = members::edit_contact(store, "rutas", "ana@r.example", change, where);
    CHECK(result.changed);
    change = {};
    change.name = "Luis Soto Lara";
    CHECK(members::edit_contact(store, "rutas", std::to_string(luis.id), change, where).changed);
    change.name = "Ana Pérez";
    CHECK(problems_of([&] {
              (void)members::edit_contact(store, "rutas", "luis", change, where);
          }) == std::vector<std::string>{
                    "--name: member \"rutas\" already has a contact named \"Ana Pérez\""});
    CHECK_THROWS_AS((void)members::edit_contact(store, "rutas", "Nadie", change, where),
                    NotFoundError);
    const auto people = members::people_of(store, "rutas");
    REQUIRE(people.size() == 2);
    CHECK(people[0].name == "Ana Pérez");
    CHECK(people[0].primary);
    CHECK(people[1].name == "Luis Soto Lara");
    CHECK(audit_summaries(store, "contact") ==
          std::vector<std::string>{"added contact Ana Pérez", "added contact Luis Soto",
                                   "changed phone, primary of contact Ana Pérez",
                                   "changed name of contact Luis Soto Lara"});

    const auto removed = members::remove_contact(store, "rutas", "#" + std::to_string(luis.id));
    CHECK(removed.contact.id == luis.id);
    CHECK_FALSE(removed.kept_erased);
    CHECK(members::people_of(store, "rutas").size() == 1);
    CHECK(audit_summaries(store, "contact").back() ==
          fmt::format("removed contact #{} (personal data erased)", luis.id));
    // The removed person's name left the audit log.
    const auto audit = store::list_audit(store, {});
    CHECK(std::none_of(audit.begin(), audit.end(), [](const store::AuditEntry& e) {
        return e.summary.find("Luis") != std::string::npos;
    }));
}

TEST_CASE("forgetting erases the personal data of one contact or of all of them") {
    StoreFixture fx;
    auto s = spec("Rutas Seguras");
    s.contacts = {{"Ana Pérez", "female"}, {"Luis Soto", "male"}, {"Eva Ruiz", "female"}};
    fx.member("rutas", s);
    auto& store = fx.store();
    auto erasure = workflows::forget(store, "Rutas Seguras", std::string("luis"));
    CHECK(erasure.member_id == "rutas");
    CHECK(erasure.contacts == 1);
    CHECK(members::people_of(store, "rutas").size() == 2);
    CHECK_THROWS_AS((void)workflows::forget(store, "rutas", std::string("Nadie")), NotFoundError);
    erasure = workflows::forget(store, "rutas", std::nullopt);
    CHECK(erasure.contacts == 2);
    CHECK(members::people_of(store, "rutas").empty());
    CHECK(audit_summaries(store, "member").back() ==
          "erased the personal data of 2 contacts on request");
}

TEST_CASE("erased people are recognised by keyed digests of their name and e-mail only") {
    StoreFixture fx;
    auto s = spec("Rutas Seguras");
    s.contacts = {{"Ana Pérez", "female"}};
    fx.member("rutas", s);
    fx.member("otra", spec("Otra Red"));
    auto& store = fx.store();
    members::ContactInput mail;
    mail.name = "Luis Soto";
    mail.email = "luis@rutas.example";
    (void)members::add_contact(store, "rutas", mail, {});
    (void)workflows::forget(store, "rutas", std::nullopt);
    const auto input = [](std::optional<std::string> name, std::optional<std::string> email) {
        members::ContactInput c;
        c.name = std::move(name);
        c.email = std::move(email);
        return c;
    };
    // The name as names are matched (case and accents aside); the e-mail in any case.
    CHECK(members::detail::erased_match(store, "rutas", input("ANA PEREZ", {})) == "name");
    CHECK(members::detail::erased_match(store, "rutas", input("L. Soto", "Luis@Rutas.example")) ==
          "email");
    CHECK_FALSE(members::detail::erased_match(store, "rutas", input("Eva Ruiz", {})));
    // Only from the member it was erased from.
    CHECK_FALSE(members::detail::erased_match(store, "otra", input("Ana Pérez", {})));
    // What is kept cannot be read back: no name or e-mail anywhere in the table.
    SQLite::Statement rows(store.db(),
                           "SELECT count(*), sum(length(digest) = 32) FROM erased_person");
    REQUIRE(rows.executeStep());
    CHECK(rows.getColumn(0).getInt() == 3);
    CHECK(rows.getColumn(1).getInt() == 3);
    SQLite::Statement plain(store.db(),
                            "SELECT count(*) FROM erased_person WHERE instr(digest, 'Ana') > 0 OR "
                            "instr(digest, 'luis@') > 0");
    REQUIRE(plain.executeStep());
    CHECK(plain.getColumn(0).getInt() == 0);
}
