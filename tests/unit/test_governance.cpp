// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "fixture.hpp"
#include "governance/governance.hpp"
#include "i18n/i18n.hpp"
#include "members/interest.hpp"
#include "members/members.hpp"
#include "store/maintenance.hpp"

namespace gov = nacsa::governance;
using nacsa::testing::d;
using nacsa::testing::MemberSpec;
using nacsa::testing::StoreFixture;

namespace {

using Contacts = std::vector<std::pair<std::string, std::string>>;

// A member (StoreFixture::member) with one contact per (name, gender) pair, each with the
// e-mail "<first name>@<id>.example"; the first is primary.
void add_member(StoreFixture& f, const std::string& id, const std::string& region,
                const std::vector<std::string>& themes, const Contacts& contacts,
                const std::string& status = "active") {
    f.member(id, MemberSpec{.region = region, .themes = themes, .status = status});
    f.store().transaction([&] {
        bool first = true;
        for (const auto& [name, gender] : contacts) {
            nacsa::members::ContactInput c;
            c.name = name;
            c.email = name.substr(0, name.find(' ')) + "@" + id + ".example";
            c.gender = gender;
            c.primary = first;
            first = false;
            (void)nacsa::members::add_contact(f.store(), id, c,
                                              nacsa::members::command_line_locator());
        }
    });
}

// Records an open interest of the member, dated 2026-01-01; returns its id.
std::int64_t add_interest(StoreFixture& f, const std::string& member, const std::string& kind) {
    return nacsa::members::add_interest(
        f.store(), {member, *nacsa::members::parse_interest_kind(kind), d("2026-01-01"), "", ""});
}

// How many audit entries of a kind have a summary that starts with `prefix`.
std::size_t audited(StoreFixture& f, const std::string& kind, const std::string& prefix) {
    const auto entries = nacsa::store::list_audit(f.store(), {.record_kind = kind});
    return static_cast<std::size_t>(
        std::count_if(entries.begin(), entries.end(),
                      [&](const auto& e) { return e.summary.starts_with(prefix); }));
}

// How many audit entries of a kind mention `part`.
std::size_t audited_mentions(StoreFixture& f, const std::string& kind, const std::string& part) {
    const auto entries = nacsa::store::list_audit(f.store(), {.record_kind = kind});
    return static_cast<std::size_t>(
        std::count_if(entries.begin(), entries.end(),
                      [&](const auto& e) { return e.summary.find(part) != std::string::npos; }));
}

bool has_rule(const std::vector<nacsa::output::Finding>& findings, const std::string& rule) {
    return std::any_of(findings.begin(), findings.end(),
                       [&](const auto& f) { return f.rule == rule; });
}

const nacsa::output::Finding* rule(const std::vector<nacsa::output::Finding>& findings,
                                   const std::string& id) {
    for (const auto& f : findings) {
        if (f.rule == id) {
            return &f;
        }
    }
    return nullptr;
}

}  // namespace

TEST_CASE("governance: a seat needs a known member, a contact as representative and a free role") {
    StoreFixture f;
    add_member(f, "alfa", "tarapaca", {"firearms"},
               {{"Ana Pérez", "female"}, {"Bruno Díaz", "male"}});
    add_member(f, "beta", "tarapaca", {"firearms"}, {{"Carla Soto", "female"}});
    auto& store = f.store();

    SUBCASE("unknown member is not found (exit 3)") {
        try {
            (void)gov::seat(store,
                            {"nobody", "member", "Ana Pérez", d("2026-01-01"), std::nullopt});
            FAIL("expected NotFoundError");
        } catch (const nacsa::NotFoundError& e) {
            CHECK(std::string(e.what()) ==
                  "no member \"nobody\" (an id, name or acronym; see 'nacsa member list')");
        }
    }
    SUBCASE("a representative who is not a contact of the member is invalid (exit 65)") {
        CHECK_THROWS_AS(
            (void)gov::seat(store, {"alfa", "member", "Carla Soto", d("2026-01-01"), std::nullopt}),
            nacsa::ValidationError);
        CHECK(gov::seat_history(store, std::nullopt).empty());
    }
    SUBCASE("representative matched by name without accents, or by e-mail") {
        const auto out =
            gov::seat(store, {"alfa", "member", "ana perez", d("2026-01-01"), std::nullopt});
        CHECK(out.term_end == d("2027-12-31"));
        CHECK(out.member_id == "alfa");
        const auto seats = gov::committee_as_of(store, d("2026-06-01"));
        REQUIRE(seats.size() == 1);
        CHECK(seats[0].representative == "Ana Pérez");
        CHECK(seats[0].gender == "female");
        CHECK(seats[0].thematic_areas == std::vector<std::string>{"firearms"});
        CHECK(seats[0].member_name == "Org alfa");
        CHECK(seats[0].region == "tarapaca");
        CHECK(seats[0].member_status == nacsa::members::MemberStatus::active);
        (void)gov::seat(store,
                        {"beta", "member", "Carla@beta.example", d("2026-01-01"), std::nullopt});
        CHECK(gov::committee_as_of(store, d("2026-06-01")).size() == 2);
    }
    SUBCASE("the member by name, the representative by a run of words of the name") {
        const auto out =
            gov::seat(store, {"org ALFA", "member", "Pérez", d("2026-01-01"), std::nullopt});
        CHECK(out.member_id == "alfa");
        const auto seats = gov::seat_history(store, std::string("Org alfa"));
        REQUIRE(seats.size() == 1);
        CHECK(seats[0].representative == "Ana Pérez");
        CHECK(gov::unseat(store, "Org Alfa", "resigned", d("2026-02-01")).member_id == "alfa");
    }
    SUBCASE("a member cannot hold two seats at once") {
        (void)gov::seat(store, {"alfa", "member", "Ana Pérez", d("2026-01-01"), std::nullopt});
        CHECK_THROWS_AS((void)gov::seat(store, {"alfa", "administrative_coordinator", "Bruno Díaz",
                                                d("2026-03-01"), std::nullopt}),
                        nacsa::ValidationError);
        // After unseating, the member can take another seat.
        (void)gov::unseat(store, "alfa", "moved to another role", d("2026-03-01"));
        (void)gov::seat(store, {"alfa", "administrative_coordinator", "Bruno Díaz", d("2026-03-01"),
                                std::nullopt});
        const auto history = gov::seat_history(store, std::string("alfa"));
        REQUIRE(history.size() == 2);
        CHECK(history[0].ended_on == d("2026-03-01"));
        CHECK(history[0].end_reason == "moved to another role");
        CHECK(history[0].last_day() == d("2026-02-28"));
        CHECK(history[1].role == "administrative_coordinator");
    }
    SUBCASE("one holder of the leading role at a time, and the secretariat follows") {
        (void)add_interest(f, "alfa", "secretariat");
        const auto out =
            gov::seat(store, {"alfa", "coordinator", "Ana Pérez", d("2026-01-01"), std::nullopt});
        CHECK(out.secretariat_recorded);
        CHECK_THROWS_AS((void)gov::seat(store, {"beta", "coordinator", "Carla Soto",
                                                d("2026-02-01"), std::nullopt}),
                        nacsa::ValidationError);
        const auto sec = gov::secretariat_as_of(store, d("2026-02-01"));
        REQUIRE(sec.has_value());
        CHECK(sec->member_id == "alfa");
        CHECK(sec->member_name == "Org alfa");
        CHECK(nacsa::members::list_interest(store, {std::string("alfa"), std::nullopt,
                                                    nacsa::members::InterestStatus::fulfilled})
                  .size() == 1);
        (void)gov::unseat(store, "alfa", "resigned", d("2026-05-01"));
        CHECK_FALSE(gov::secretariat_as_of(store, d("2026-05-01")).has_value());
        (void)gov::seat(store,
                        {"beta", "coordinator", "Carla Soto", d("2026-05-01"), std::nullopt});
    }
    SUBCASE("max_holders of a role from the configuration") {
        (void)gov::seat(store, {"alfa", "administrative_focal_point", "Ana Pérez", d("2026-01-01"),
                                std::nullopt});
        CHECK_THROWS_AS((void)gov::seat(store, {"beta", "administrative_focal_point", "Carla Soto",
                                                d("2026-01-01"), std::nullopt}),
                        nacsa::ValidationError);
        // A later term that starts after the first one ended is fine.
        (void)gov::seat(store, {"beta", "administrative_focal_point", "Carla Soto", d("2028-01-01"),
                                std::nullopt});
    }
    SUBCASE("unknown role") {
        CHECK_THROWS_AS((void)gov::seat(store, {"alfa", "president", "Ana Pérez", d("2026-01-01"),
                                                std::nullopt}),
                        nacsa::ValidationError);
    }
    SUBCASE("unseat needs a seat") {
        CHECK_THROWS_AS((void)gov::unseat(store, "alfa", "x", d("2026-01-01")),
                        nacsa::NotFoundError);
    }
    SUBCASE("every change is audited") {
        (void)gov::seat(store, {"alfa", "member", "Ana Pérez", d("2026-01-01"), std::nullopt});
        CHECK(audited(f, "seat", "seated alfa as member") == 1);
        // The representative's name is personal data: not in the seat's log entries.
        CHECK(audited_mentions(f, "seat", "Ana") == 0);
        CHECK(audited_mentions(f, "seat", "Pérez") == 0);
    }
}

TEST_CASE("governance: a seat is corrected by the rules of seating, not against itself") {
    StoreFixture f;
    add_member(f, "alfa", "tarapaca", {"firearms"},
               {{"Ana Pérez", "female"}, {"Bruno Díaz", "male"}});
    add_member(f, "beta", "tarapaca", {"firearms"}, {{"Carla Soto", "female"}});
    auto& store = f.store();
    const auto a = gov::seat(store, {"alfa", "member", "Ana Pérez", d("2026-01-01"), std::nullopt});
    const auto b = gov::seat(
        store, {"beta", "administrative_coordinator", "Carla Soto", d("2026-01-01"), std::nullopt});
    gov::SeatChanges changes;
    changes.from = d("2026-01-02");
    changes.representative = "Bruno Díaz";
    CHECK(gov::edit_seat(store, a.seat_id, changes, "wrong day").member_id == "alfa");
    const auto seats = gov::seat_history(store, std::string("alfa"));
    REQUIRE(seats.size() == 1);
    CHECK(seats[0].term_start == d("2026-01-02"));
    CHECK(seats[0].representative == "Bruno Díaz");
    CHECK(audited_mentions(f, "seat", "Bruno") == 0);
    gov::SeatChanges role;
    role.role = "administrative_coordinator";  // held by beta: at most one holder
    CHECK_THROWS_AS(gov::edit_seat(store, a.seat_id, role, "x"), nacsa::ValidationError);
    role.role = "coordinator";  // the leading role
    CHECK_THROWS_AS(gov::edit_seat(store, a.seat_id, role, "x"), nacsa::ValidationError);
    CHECK_THROWS_AS(gov::edit_seat(store, b.seat_id, changes, ""), nacsa::ValidationError);
    CHECK_THROWS_AS(gov::edit_seat(store, b.seat_id + 1, changes, "x"), nacsa::NotFoundError);
}

TEST_CASE("governance: an observer's time ends once") {
    StoreFixture f;
    auto& store = f.store();
    const auto id = gov::add_observer(
        store, {"Paula Herrera", "Ministerio de Justicia", "", "female", d("2026-02-01")});
    CHECK_THROWS_AS(gov::end_observer(store, id, "", d("2026-01-31")), nacsa::ValidationError);
    gov::end_observer(store, id, "new minister", d("2026-10-01"));
    CHECK_THROWS_AS(gov::end_observer(store, id, "", d("2026-11-01")), nacsa::ValidationError);
    CHECK_THROWS_AS(gov::end_observer(store, id + 1, "", std::nullopt), nacsa::NotFoundError);
    const auto all = gov::list_observers(store);
    REQUIRE(all.size() == 1);
    CHECK(all[0].until == d("2026-10-01"));
    CHECK(all[0].end_reason == "new minister");
    CHECK(gov::observers_as_of(store, d("2026-09-30")).size() == 1);
    CHECK(gov::observers_as_of(store, d("2026-10-01")).empty());
}

TEST_CASE("governance: elections count ballots, report ties and seat the winner") {
    StoreFixture f;
    add_member(f, "alfa", "tarapaca", {"firearms"}, {{"Ana Pérez", "female"}});
    add_member(f, "beta", "tarapaca", {"firearms"}, {{"Bruno Díaz", "male"}});
    add_member(f, "gama", "tarapaca", {"firearms"}, {{"Carla Soto", "female"}});
    add_member(f, "delta", "tarapaca", {"firearms"}, {{"Diego Lara", "male"}});
    add_member(f, "omega", "tarapaca", {"firearms"}, {{"Olga Ruiz", "female"}}, "suspended");
    (void)add_interest(f, "alfa", "secretariat");
    auto& store = f.store();

    const auto id = gov::open_election(
        store, {"coordinator", 1, std::nullopt, std::nullopt, d("2026-11-01"), ""});
    CHECK(gov::add_candidate(store, id, "alfa", "").interested);
    CHECK_FALSE(gov::add_candidate(store, id, "beta", "").interested);
    CHECK_THROWS_AS(gov::add_candidate(store, id, "omega", ""), nacsa::ValidationError);
    CHECK_THROWS_AS(gov::add_candidate(store, id, "alfa", ""), nacsa::ValidationError);
    CHECK_THROWS_AS(gov::add_candidate(store, id, "Org alfa", ""), nacsa::ValidationError);

    SUBCASE("quorum not reached") {
        CHECK(gov::cast_vote(store, id, "alfa", {"alfa"}) == "alfa");
        const auto out = gov::close_election(store, id, d("2026-11-29"));
        CHECK(out.count.result == gov::ElectionResult::quorum_not_reached);
        CHECK(out.count.electorate == 4);
        CHECK(out.count.explanation ==
              "quorum not reached: 1 of 4 voting members voted, 2 needed (50%)");
        CHECK(out.seats.empty());
        CHECK(gov::committee_as_of(store, d("2026-11-29")).empty());
    }
    SUBCASE("a tie is reported, never broken") {
        gov::cast_vote(store, id, "alfa", {"alfa"});
        gov::cast_vote(store, id, "beta", {"beta"});
        gov::cast_vote(store, id, "gama", {});
        const auto out = gov::close_election(store, id, d("2026-11-29"));
        CHECK(out.count.result == gov::ElectionResult::tie);
        CHECK(out.count.tied == std::vector<std::string>{"alfa", "beta"});
        CHECK(out.seats.empty());
        CHECK(gov::get_election(store, id).result == gov::ElectionResult::tie);
    }
    SUBCASE("a clean win seats the coordinator and records the secretariat") {
        gov::cast_vote(store, id, "alfa", {"alfa"});
        gov::cast_vote(store, id, "Org beta", {"Org alfa"});
        gov::cast_vote(store, id, "gama", {"beta"});
        const auto open = gov::get_election(store, id);
        CHECK(open.mode == gov::VoteMode::ballots);
        CHECK(open.ballots == 3);
        CHECK(open.explanation == "elected: alfa (2 of 3 votes)");
        // Said in the message language, each part translated.
        CHECK(nacsa::i18n::Translator("es").text(open.explanation) ==
              "elegido: alfa (2 de 3 votos)");
        CHECK(nacsa::i18n::Translator("fr").text(open.explanation) ==
              "élu\u00a0: alfa (2 voix sur 3)");
        const auto out = gov::close_election(store, id, d("2026-11-29"));
        CHECK(out.count.result == gov::ElectionResult::elected);
        CHECK(out.count.elected == std::vector<std::string>{"alfa"});
        CHECK(out.secretariat_recorded);
        const auto seats = gov::committee_as_of(store, d("2026-11-29"));
        REQUIRE(seats.size() == 1);
        CHECK(seats[0].role == "coordinator");
        CHECK(seats[0].election_id == id);
        CHECK(seats[0].representative == "Ana Pérez");
        CHECK(gov::secretariat_as_of(store, d("2026-11-29"))->member_id == "alfa");
        // Closed elections take no more votes, and do not close twice.
        CHECK_THROWS_AS(gov::cast_vote(store, id, "delta", {"alfa"}), nacsa::ValidationError);
        CHECK_THROWS_AS(gov::close_election(store, id, d("2026-11-30")), nacsa::ValidationError);
    }
    SUBCASE("one vote per organisation, only from active members, for candidates") {
        gov::cast_vote(store, id, "alfa", {"alfa"});
        CHECK_THROWS_AS(gov::cast_vote(store, id, "alfa", {"beta"}), nacsa::ValidationError);
        CHECK_THROWS_AS(gov::cast_vote(store, id, "omega", {"alfa"}), nacsa::ValidationError);
        CHECK_THROWS_AS(gov::cast_vote(store, id, "gama", {"delta"}), nacsa::ValidationError);
        CHECK_THROWS_AS(gov::cast_vote(store, id, "gama", {"alfa", "beta"}),
                        nacsa::ValidationError);
        CHECK_THROWS_AS(gov::cast_vote(store, id, "nobody", {"alfa"}), nacsa::NotFoundError);
        CHECK_THROWS_AS(gov::record_tally(store, id, {3, 0, {{"alfa", 3}}}),
                        nacsa::ValidationError);
        CHECK(gov::get_election(store, id).ballots == 1);
    }
    SUBCASE("tallies and absolute majority") {
        const auto abs = gov::open_election(
            store, {"coordinator", 1, 0.75, nacsa::config::Threshold::absolute_majority,
                    d("2026-11-01"), ""});
        (void)gov::add_candidate(store, abs, "alfa", "");
        (void)gov::add_candidate(store, abs, "beta", "");
        CHECK(gov::get_election(store, abs).threshold ==
              nacsa::config::Threshold::absolute_majority);
        CHECK_THROWS_AS(gov::record_tally(store, abs, {5, 0, {{"alfa", 3}, {"beta", 2}}}),
                        nacsa::ValidationError);
        CHECK_THROWS_AS(gov::record_tally(store, abs, {4, 0, {{"alfa", 3}}}),
                        nacsa::ValidationError);
        gov::record_tally(store, abs, {4, 1, {{"alfa", 2}, {"Org beta", 1}}});
        CHECK(gov::get_election(store, abs).candidates.at(1).votes == 1);
        gov::record_tally(store, abs, {4, 1, {{"alfa", 2}, {"beta", 1}}});
        CHECK(gov::get_election(store, abs).mode == gov::VoteMode::tally);
        CHECK_THROWS_AS(gov::cast_vote(store, abs, "gama", {"alfa"}), nacsa::ValidationError);
        const auto out = gov::close_election(store, abs, d("2026-11-29"));
        CHECK(out.count.result == gov::ElectionResult::elected);  // 2 of 3 votes cast
        CHECK(out.count.elected == std::vector<std::string>{"alfa"});
    }
    SUBCASE("a voided ballot is kept and no longer counts; the voter votes again") {
        gov::cast_vote(store, id, "alfa", {"alfa"});
        gov::cast_vote(store, id, "beta", {"alfa"});
        CHECK_THROWS_AS(gov::void_ballot(store, id, "beta", " "), nacsa::ValidationError);
        CHECK_THROWS_AS(gov::void_ballot(store, id, "gama", "x"), nacsa::NotFoundError);
        CHECK(gov::void_ballot(store, id, "Org beta", "wrong choice recorded") == "beta");
        CHECK_THROWS_AS(gov::void_ballot(store, id, "beta", "again"), nacsa::NotFoundError);
        auto e = gov::get_election(store, id);
        CHECK(e.ballots == 1);
        REQUIRE(e.voided.size() == 1);
        CHECK(e.voided[0].voter_id == "beta");
        CHECK(e.voided[0].reason == "wrong choice recorded");
        gov::cast_vote(store, id, "beta", {"alfa"});  // the same choice again: allowed once void
        gov::cast_vote(store, id, "gama", {"beta"});
        e = gov::get_election(store, id);
        CHECK(e.ballots == 3);
        CHECK(e.explanation == "elected: alfa (2 of 3 votes)");
        CHECK(audited(f, "election", "voided the ballot of beta in election ") == 1);
        (void)gov::close_election(store, id, d("2026-11-29"));
        CHECK_THROWS_AS(gov::void_ballot(store, id, "gama", "x"), nacsa::ValidationError);
    }
    SUBCASE("a withdrawn candidate is kept, not electable, and its ballots count as blank") {
        gov::cast_vote(store, id, "alfa", {"alfa"});
        gov::cast_vote(store, id, "beta", {"beta"});
        gov::cast_vote(store, id, "gama", {"beta"});
        CHECK_THROWS_AS(gov::withdraw_candidate(store, id, "gama", "x"), nacsa::NotFoundError);
        CHECK_THROWS_AS(gov::withdraw_candidate(store, id, "beta", ""), nacsa::ValidationError);
        CHECK(gov::withdraw_candidate(store, id, "Org beta", "joined the secretariat") == "beta");
        CHECK_THROWS_AS(gov::withdraw_candidate(store, id, "beta", "x"), nacsa::ValidationError);
        CHECK_THROWS_AS(gov::cast_vote(store, id, "delta", {"beta"}), nacsa::ValidationError);
        const auto e = gov::get_election(store, id);
        CHECK(e.ballots == 3);
        CHECK(e.blank == 2);
        REQUIRE(e.candidates.size() == 2);
        CHECK(e.candidates[1].member_id == "beta");
        CHECK(e.candidates[1].withdrawn());
        CHECK(e.candidates[1].votes == 0);
        CHECK(e.explanation == "elected: alfa (1 of 1 votes)");
        const auto out = gov::close_election(store, id, d("2026-11-29"));
        CHECK(out.count.elected == std::vector<std::string>{"alfa"});
        CHECK(out.count.candidates.size() == 1);
        CHECK(audited(f, "election", "beta withdrew from election ") == 1);
        CHECK_THROWS_AS(gov::withdraw_candidate(store, id, "alfa", "x"), nacsa::ValidationError);
    }
}

TEST_CASE("governance: an observer is corrected or deleted, audited without personal data") {
    StoreFixture f;
    auto& store = f.store();
    const auto id = gov::add_observer(
        store, {"Paula Herera", "Ministerio de Justicia", "", "female", d("2026-02-01")});
    gov::ObserverChanges changes;
    changes.name = "Paula Herrera";
    changes.from = d("2026-02-02");
    gov::edit_observer(store, id, changes, "typo");
    auto all = gov::list_observers(store);
    REQUIRE(all.size() == 1);
    CHECK(all[0].name == "Paula Herrera");
    CHECK(all[0].from == d("2026-02-02"));
    CHECK_THROWS_AS(gov::edit_observer(store, id, changes, std::nullopt), nacsa::ValidationError);
    CHECK_THROWS_AS(gov::edit_observer(store, id + 1, changes, std::nullopt), nacsa::NotFoundError);
    gov::ObserverChanges until;
    until.until = d("2026-05-01");
    CHECK_THROWS_AS(gov::edit_observer(store, id, until, std::nullopt), nacsa::ValidationError);
    CHECK(audited(f, "observer", "edited observer ") == 1);
    CHECK(audited_mentions(f, "observer", "Paula") == 0);
    CHECK_THROWS_AS(gov::delete_observer(store, id, " "), nacsa::ValidationError);
    CHECK_THROWS_AS(gov::delete_observer(store, id + 1, "x"), nacsa::NotFoundError);
    gov::delete_observer(store, id, "entered by mistake");
    CHECK(gov::list_observers(store).empty());
    CHECK(audited(f, "observer", "deleted observer ") == 1);
}

TEST_CASE("governance: results and vote modes have names") {
    for (const auto r : {gov::ElectionResult::pending, gov::ElectionResult::elected,
                         gov::ElectionResult::tie, gov::ElectionResult::quorum_not_reached,
                         gov::ElectionResult::no_majority, gov::ElectionResult::no_votes}) {
        CHECK(gov::parse_result(gov::result_name(r)) == r);
    }
    CHECK(gov::result_name(gov::ElectionResult::quorum_not_reached) == "quorum_not_reached");
    CHECK_FALSE(gov::parse_result("won").has_value());
    CHECK(gov::mode_name(gov::VoteMode::tally) == "tally");
    CHECK(gov::parse_mode("ballots") == gov::VoteMode::ballots);
    CHECK_FALSE(gov::parse_mode("").has_value());
}

TEST_CASE("governance: committee check reports each rule") {
    StoreFixture f;
    // Six members across two regions; a third region has a member without a seat.
    add_member(f, "m1", "tarapaca", {"untoc", "trafficking_in_persons"}, {{"Ana", "female"}});
    add_member(f, "m2", "tarapaca", {"smuggling_of_migrants"}, {{"Bea", "female"}});
    add_member(f, "m3", "tarapaca", {"firearms"}, {{"Carlos", "male"}});
    add_member(f, "m4", "tarapaca", {"drugs_corruption"}, {{"Dario", "male"}});
    add_member(f, "m5", "tarapaca", {"emerging_crimes"}, {{"Elena", "female"}});
    add_member(f, "m6", "antofagasta", {"firearms"}, {{"Fabio", "male"}});
    (void)add_interest(f, "m1", "secretariat");
    auto& store = f.store();
    const auto start = d("2026-01-01");
    (void)gov::seat(store, {"m1", "coordinator", "Ana", start, std::nullopt});
    for (const auto& [m, rep] : std::vector<std::pair<std::string, std::string>>{
             {"m2", "Bea"}, {"m3", "Carlos"}, {"m4", "Dario"}, {"m5", "Elena"}}) {
        (void)gov::seat(store, {m, "member", rep, start, std::nullopt});
    }
    const auto as_of = d("2026-11-29");

    SUBCASE("a compliant committee only warns about the region without a seat") {
        const auto findings = gov::check_committee(store, as_of);
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].rule == "region-without-seat");
        CHECK(findings[0].record == "antofagasta");
        CHECK_FALSE(nacsa::output::has_errors(findings));
    }
    SUBCASE("seat count below the minimum") {
        (void)gov::unseat(store, "m5", "resigned", d("2026-06-01"));
        const auto findings = gov::check_committee(store, as_of);
        REQUIRE(rule(findings, "seat-count") != nullptr);
        CHECK(rule(findings, "seat-count")->message ==
              "the committee has 4 seats; the configuration asks for 5 to 11");
        CHECK(has_rule(findings, "theme-without-seat"));
        CHECK(rule(findings, "theme-without-seat")->record == "emerging_crimes");
        // As of a date before the change, the committee was complete.
        CHECK_FALSE(has_rule(gov::check_committee(store, d("2026-05-31")), "seat-count"));
    }
    SUBCASE("no coordinator") {
        (void)gov::unseat(store, "m1", "resigned", d("2026-06-01"));
        (void)gov::seat(store, {"m6", "member", "Fabio", d("2026-06-01"), std::nullopt});
        const auto findings = gov::check_committee(store, as_of);
        CHECK(has_rule(findings, "no-coordinator"));
        CHECK_FALSE(has_rule(findings, "coordinator-not-secretariat"));
    }
    SUBCASE("coordinator's organisation did not offer to be secretariat") {
        (void)gov::unseat(store, "m1", "resigned", d("2026-06-01"));
        (void)gov::seat(store, {"m6", "coordinator", "Fabio", d("2026-06-01"), std::nullopt});
        const auto findings = gov::check_committee(store, as_of);
        REQUIRE(rule(findings, "coordinator-not-secretariat") != nullptr);
        CHECK(rule(findings, "coordinator-not-secretariat")->record == "m6");
        // Once it offers, dated on or before the day checked, the finding goes.
        (void)nacsa::members::add_interest(
            store, {"m6", nacsa::members::InterestKind::secretariat, d("2026-11-01"), "", ""});
        CHECK(
            has_rule(gov::check_committee(store, d("2026-10-31")), "coordinator-not-secretariat"));
        CHECK_FALSE(has_rule(gov::check_committee(store, as_of), "coordinator-not-secretariat"));
    }
    SUBCASE("gender balance with shares in the message") {
        (void)gov::unseat(store, "m2", "resigned", d("2026-06-01"));
        (void)gov::seat(store, {"m6", "member", "Fabio", d("2026-06-01"), std::nullopt});
        store.transaction([&] {
            nacsa::members::ContactInput change;
            change.gender = "undisclosed";
            (void)nacsa::members::edit_contact(store, "m5", "Elena", change,
                                               nacsa::members::command_line_locator());
        });
        const auto findings = gov::check_committee(store, as_of);
        REQUIRE(rule(findings, "gender-balance") != nullptr);
        CHECK(rule(findings, "gender-balance")->message ==
              "gender balance: of 4 representatives with a disclosed gender, female 1 (25%), male "
              "3 (75%); each "
              "must be at least 40% (1 undisclosed not counted)");
    }
    SUBCASE("inactive member, term ending, observer counted as member") {
        f.status("m3", "suspended", "2026-06-01");
        (void)gov::add_observer(
            store, {"Ana", "Ministerio del Interior", "ana@m1.example", "female", start});
        (void)gov::add_observer(store, {"Gina", "Org m6", "", "female", start});
        const auto findings = gov::check_committee(store, d("2027-11-15"));
        REQUIRE(rule(findings, "inactive-member-seat") != nullptr);
        CHECK(rule(findings, "inactive-member-seat")->record == "m3");
        CHECK(rule(findings, "inactive-member-seat")->message ==
              "m3 holds a seat (member) but is suspended, not active");
        CHECK(rule(findings, "term-ending")->message ==
              "the coordinator term of m1 ends on 2027-12-31 (in 46 days)");
        int counted = 0;
        for (const auto& x : findings) {
            counted += x.rule == "observer-counted-as-member" ? 1 : 0;
        }
        CHECK(counted == 2);
        // Before the suspension the member was active.
        CHECK_FALSE(has_rule(gov::check_committee(store, d("2026-05-31")), "inactive-member-seat"));
    }
    SUBCASE("a seat held before its member joined is held by no active member") {
        f.member("late", MemberSpec{.region = "antofagasta",
                                    .themes = {"firearms"},
                                    .contacts = {{"Lia", "female"}},
                                    .joined = "2026-09-01"});
        (void)gov::seat(store, {"late", "member", "Lia", d("2026-08-01"), std::nullopt});
        const auto early = gov::committee_as_of(store, d("2026-08-15"));
        const auto seat = std::find_if(early.begin(), early.end(),
                                       [](const gov::Seat& s) { return s.member_id == "late"; });
        REQUIRE(seat != early.end());
        CHECK_FALSE(seat->member_status.has_value());
        REQUIRE(rule(gov::check_committee(store, d("2026-08-15")), "inactive-member-seat") !=
                nullptr);
        CHECK(rule(gov::check_committee(store, d("2026-08-15")), "inactive-member-seat")->message ==
              "late holds a seat (member) but is unknown, not active");
        CHECK_FALSE(has_rule(gov::check_committee(store, as_of), "inactive-member-seat"));
    }
}

TEST_CASE("governance: the rules of committee check are documented") {
    const auto page = nacsa::testing::source_file("man/nacsa-committee.1");
    for (const auto& id : gov::k_check_rules) {
        CHECK_MESSAGE(page.find(".It Li " + id + "\n") != std::string::npos,
                      id << " is not in man/nacsa-committee.1");
    }
}
