#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "config/alliance.hpp"
#include "core/error.hpp"
#include "governance/governance.hpp"
#include "members/interest.hpp"
#include "store/store.hpp"

namespace gov = nacsa::governance;
using nacsa::Date;
using nacsa::parse_date;

namespace {

Date d(const char* text) {
    return *parse_date(text);
}

// A store with the example configuration in a temporary folder, removed afterwards.
struct Fixture {
    std::filesystem::path dir;
    nacsa::store::Store store;

    static std::filesystem::path make_dir() {
        static int counter = 0;
        auto base = std::filesystem::temp_directory_path() /
                    ("nacsa-gov-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
        std::filesystem::remove_all(base);
        std::filesystem::create_directories(base);
        return base;
    }

    Fixture()
        : dir(make_dir()),
          store(nacsa::store::Store::create(dir / "s.db", nacsa::config::default_alliance_yaml(),
                                            "alliance.yaml", {"tester", "test"})) {}
    ~Fixture() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
    Fixture(const Fixture&) = delete;
    Fixture& operator=(const Fixture&) = delete;

    void exec(const std::string& sql) { store.db().exec(sql); }

    // A member with one contact per (name, gender) pair; the first is primary.
    void member(const std::string& id, const std::string& region,
                const std::vector<std::string>& themes,
                const std::vector<std::pair<std::string, std::string>>& contacts,
                const std::string& status = "active") {
        SQLite::Statement m(
            store.db(),
            "INSERT INTO member (id, name, name_key, search_text, sort_key, type, region, "
            "status, joined, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'ngo', ?, ?, "
            "'2024-01-01', 'x', 'x')");
        m.bind(1, id);
        m.bind(2, "Org " + id);
        m.bind(3, id);
        m.bind(4, id);
        m.bind(5, id);
        m.bind(6, region);
        m.bind(7, status);
        m.exec();
        for (const auto& t : themes) {
            SQLite::Statement q(store.db(),
                                "INSERT INTO member_theme (member_id, theme) VALUES (?, ?)");
            q.bind(1, id);
            q.bind(2, t);
            q.exec();
        }
        bool first = true;
        for (const auto& [name, gender] : contacts) {
            SQLite::Statement q(store.db(),
                                "INSERT INTO contact (member_id, name, email, gender, is_primary) "
                                "VALUES (?, ?, ?, ?, ?)");
            q.bind(1, id);
            q.bind(2, name);
            q.bind(3, name.substr(0, name.find(' ')) + "@" + id + ".example");
            q.bind(4, gender);
            q.bind(5, first ? 1 : 0);
            q.exec();
            first = false;
        }
    }

    void interest(const std::string& member, const std::string& kind) {
        (void)nacsa::members::add_interest(
            store, {member, *nacsa::members::parse_interest_kind(kind), d("2026-01-01"), "", ""});
    }

    int count(const std::string& sql) {
        SQLite::Statement q(store.db(), sql);
        q.executeStep();
        return q.getColumn(0).getInt();
    }
};

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
    Fixture f;
    f.member("alfa", "tarapaca", {"firearms"}, {{"Ana Pérez", "female"}, {"Bruno Díaz", "male"}});
    f.member("beta", "tarapaca", {"firearms"}, {{"Carla Soto", "female"}});

    SUBCASE("unknown member is not found (exit 3)") {
        try {
            (void)gov::seat(f.store,
                            {"nobody", "member", "Ana Pérez", d("2026-01-01"), std::nullopt});
            FAIL("expected NotFoundError");
        } catch (const nacsa::NotFoundError& e) {
            CHECK(std::string(e.what()) ==
                  "no member with id \"nobody\" (see 'nacsa member list')");
        }
    }
    SUBCASE("a representative who is not a contact of the member is invalid (exit 65)") {
        CHECK_THROWS_AS((void)gov::seat(f.store, {"alfa", "member", "Carla Soto", d("2026-01-01"),
                                                  std::nullopt}),
                        nacsa::ValidationError);
        CHECK(f.count("SELECT COUNT(*) FROM seat") == 0);
    }
    SUBCASE("representative matched by name without accents, or by e-mail") {
        const auto out =
            gov::seat(f.store, {"alfa", "member", "ana perez", d("2026-01-01"), std::nullopt});
        CHECK(out.term_end == d("2027-12-31"));
        const auto seats = gov::committee_as_of(f.store, d("2026-06-01"));
        REQUIRE(seats.size() == 1);
        CHECK(seats[0].representative == "Ana Pérez");
        CHECK(seats[0].gender == "female");
        CHECK(seats[0].thematic_areas == std::vector<std::string>{"firearms"});
        (void)gov::seat(f.store,
                        {"beta", "member", "Carla@beta.example", d("2026-01-01"), std::nullopt});
        CHECK(gov::committee_as_of(f.store, d("2026-06-01")).size() == 2);
    }
    SUBCASE("a member cannot hold two seats at once") {
        (void)gov::seat(f.store, {"alfa", "member", "Ana Pérez", d("2026-01-01"), std::nullopt});
        CHECK_THROWS_AS((void)gov::seat(f.store, {"alfa", "administrative_coordinator",
                                                  "Bruno Díaz", d("2026-03-01"), std::nullopt}),
                        nacsa::ValidationError);
        // After unseating, the member can take another seat.
        (void)gov::unseat(f.store, "alfa", "moved to another role", d("2026-03-01"));
        (void)gov::seat(f.store, {"alfa", "administrative_coordinator", "Bruno Díaz",
                                  d("2026-03-01"), std::nullopt});
        const auto history = gov::seat_history(f.store, std::string("alfa"));
        REQUIRE(history.size() == 2);
        CHECK(history[0].ended_on == d("2026-03-01"));
        CHECK(history[0].end_reason == "moved to another role");
        CHECK(history[0].last_day() == d("2026-02-28"));
        CHECK(history[1].role == "administrative_coordinator");
    }
    SUBCASE("one holder of the leading role at a time, and the secretariat follows") {
        f.interest("alfa", "secretariat");
        const auto out =
            gov::seat(f.store, {"alfa", "coordinator", "Ana Pérez", d("2026-01-01"), std::nullopt});
        CHECK(out.secretariat_recorded);
        CHECK_THROWS_AS((void)gov::seat(f.store, {"beta", "coordinator", "Carla Soto",
                                                  d("2026-02-01"), std::nullopt}),
                        nacsa::ValidationError);
        const auto sec = gov::secretariat_as_of(f.store, d("2026-02-01"));
        REQUIRE(sec.has_value());
        CHECK(sec->member_id == "alfa");
        CHECK(f.count("SELECT COUNT(*) FROM interest WHERE member_id = 'alfa' AND status = "
                      "'fulfilled'") == 1);
        (void)gov::unseat(f.store, "alfa", "resigned", d("2026-05-01"));
        CHECK_FALSE(gov::secretariat_as_of(f.store, d("2026-05-01")).has_value());
        (void)gov::seat(f.store,
                        {"beta", "coordinator", "Carla Soto", d("2026-05-01"), std::nullopt});
    }
    SUBCASE("max_holders of a role from the configuration") {
        (void)gov::seat(f.store, {"alfa", "administrative_focal_point", "Ana Pérez",
                                  d("2026-01-01"), std::nullopt});
        CHECK_THROWS_AS((void)gov::seat(f.store, {"beta", "administrative_focal_point",
                                                  "Carla Soto", d("2026-01-01"), std::nullopt}),
                        nacsa::ValidationError);
        // A later term that starts after the first one ended is fine.
        (void)gov::seat(f.store, {"beta", "administrative_focal_point", "Carla Soto",
                                  d("2028-01-01"), std::nullopt});
    }
    SUBCASE("unknown role") {
        CHECK_THROWS_AS((void)gov::seat(f.store, {"alfa", "president", "Ana Pérez", d("2026-01-01"),
                                                  std::nullopt}),
                        nacsa::ValidationError);
    }
    SUBCASE("unseat needs a seat") {
        CHECK_THROWS_AS((void)gov::unseat(f.store, "alfa", "x", d("2026-01-01")),
                        nacsa::NotFoundError);
    }
    SUBCASE("every change is audited") {
        (void)gov::seat(f.store, {"alfa", "member", "Ana Pérez", d("2026-01-01"), std::nullopt});
        CHECK(f.count("SELECT COUNT(*) FROM audit WHERE record_kind = 'seat' AND summary LIKE "
                      "'seated alfa as member%'") == 1);
        CHECK(f.count("SELECT COUNT(*) FROM audit WHERE summary LIKE '%Ana%'") == 0);
    }
}

TEST_CASE("governance: elections count ballots, report ties and seat the winner") {
    Fixture f;
    f.member("alfa", "tarapaca", {"firearms"}, {{"Ana Pérez", "female"}});
    f.member("beta", "tarapaca", {"firearms"}, {{"Bruno Díaz", "male"}});
    f.member("gama", "tarapaca", {"firearms"}, {{"Carla Soto", "female"}});
    f.member("delta", "tarapaca", {"firearms"}, {{"Diego Lara", "male"}});
    f.member("omega", "tarapaca", {"firearms"}, {{"Olga Ruiz", "female"}}, "suspended");
    f.interest("alfa", "secretariat");

    const auto id = gov::open_election(
        f.store, {"coordinator", 1, std::nullopt, std::nullopt, d("2026-11-01"), ""});
    CHECK(gov::add_candidate(f.store, id, "alfa", ""));
    CHECK_FALSE(gov::add_candidate(f.store, id, "beta", ""));
    CHECK_THROWS_AS(gov::add_candidate(f.store, id, "omega", ""), nacsa::ValidationError);
    CHECK_THROWS_AS(gov::add_candidate(f.store, id, "alfa", ""), nacsa::ValidationError);

    SUBCASE("quorum not reached") {
        gov::cast_vote(f.store, id, "alfa", {"alfa"});
        const auto out = gov::close_election(f.store, id, d("2026-11-29"));
        CHECK(out.count.result == gov::ElectionResult::quorum_not_reached);
        CHECK(out.count.electorate == 4);
        CHECK(out.count.explanation ==
              "quorum not reached: 1 of 4 voting members voted, 2 needed (50%)");
        CHECK(out.seats.empty());
        CHECK(gov::committee_as_of(f.store, d("2026-11-29")).empty());
    }
    SUBCASE("a tie is reported, never broken") {
        gov::cast_vote(f.store, id, "alfa", {"alfa"});
        gov::cast_vote(f.store, id, "beta", {"beta"});
        gov::cast_vote(f.store, id, "gama", {});
        const auto out = gov::close_election(f.store, id, d("2026-11-29"));
        CHECK(out.count.result == gov::ElectionResult::tie);
        CHECK(out.count.tied == std::vector<std::string>{"alfa", "beta"});
        CHECK(out.seats.empty());
        CHECK(gov::get_election(f.store, id).result == gov::ElectionResult::tie);
    }
    SUBCASE("a clean win seats the coordinator and records the secretariat") {
        gov::cast_vote(f.store, id, "alfa", {"alfa"});
        gov::cast_vote(f.store, id, "beta", {"alfa"});
        gov::cast_vote(f.store, id, "gama", {"beta"});
        const auto out = gov::close_election(f.store, id, d("2026-11-29"));
        CHECK(out.count.result == gov::ElectionResult::elected);
        CHECK(out.count.elected == std::vector<std::string>{"alfa"});
        CHECK(out.secretariat_recorded);
        const auto seats = gov::committee_as_of(f.store, d("2026-11-29"));
        REQUIRE(seats.size() == 1);
        CHECK(seats[0].role == "coordinator");
        CHECK(seats[0].election_id == id);
        CHECK(gov::secretariat_as_of(f.store, d("2026-11-29"))->member_id == "alfa");
        // Closed elections take no more votes.
        CHECK_THROWS_AS(gov::cast_vote(f.store, id, "delta", {"alfa"}), nacsa::ValidationError);
    }
    SUBCASE("one vote per organisation, only from active members, for candidates") {
        gov::cast_vote(f.store, id, "alfa", {"alfa"});
        CHECK_THROWS_AS(gov::cast_vote(f.store, id, "alfa", {"beta"}), nacsa::ValidationError);
        CHECK_THROWS_AS(gov::cast_vote(f.store, id, "omega", {"alfa"}), nacsa::ValidationError);
        CHECK_THROWS_AS(gov::cast_vote(f.store, id, "gama", {"delta"}), nacsa::ValidationError);
        CHECK_THROWS_AS(gov::cast_vote(f.store, id, "gama", {"alfa", "beta"}),
                        nacsa::ValidationError);
        CHECK_THROWS_AS(gov::record_tally(f.store, id, {3, 0, {{"alfa", 3}}}),
                        nacsa::ValidationError);
    }
    SUBCASE("tallies and absolute majority") {
        const auto abs = gov::open_election(
            f.store,
            {"coordinator", 1, 0.75, std::string("absolute_majority"), d("2026-11-01"), ""});
        (void)gov::add_candidate(f.store, abs, "alfa", "");
        (void)gov::add_candidate(f.store, abs, "beta", "");
        CHECK_THROWS_AS(gov::record_tally(f.store, abs, {5, 0, {{"alfa", 3}, {"beta", 2}}}),
                        nacsa::ValidationError);
        CHECK_THROWS_AS(gov::record_tally(f.store, abs, {4, 0, {{"alfa", 3}}}),
                        nacsa::ValidationError);
        gov::record_tally(f.store, abs, {4, 1, {{"alfa", 2}, {"beta", 1}}});
        auto count = gov::count_votes(f.store, abs, d("2026-11-29"));
        CHECK(count.result == gov::ElectionResult::elected);  // 2 of 3 votes cast
        gov::record_tally(f.store, abs, {4, 1, {{"alfa", 2}, {"beta", 1}}});
        CHECK_THROWS_AS(gov::cast_vote(f.store, abs, "gama", {"alfa"}), nacsa::ValidationError);
    }
}

TEST_CASE("governance: committee check reports each rule") {
    Fixture f;
    // Six members across two regions; a third region has a member without a seat.
    f.member("m1", "tarapaca", {"untoc", "trafficking_in_persons"}, {{"Ana", "female"}});
    f.member("m2", "tarapaca", {"smuggling_of_migrants"}, {{"Bea", "female"}});
    f.member("m3", "tarapaca", {"firearms"}, {{"Carlos", "male"}});
    f.member("m4", "tarapaca", {"drugs_corruption"}, {{"Dario", "male"}});
    f.member("m5", "tarapaca", {"emerging_crimes"}, {{"Elena", "female"}});
    f.member("m6", "antofagasta", {"firearms"}, {{"Fabio", "male"}});
    f.interest("m1", "secretariat");
    const Date start = d("2026-01-01");
    (void)gov::seat(f.store, {"m1", "coordinator", "Ana", start, std::nullopt});
    for (const auto& [m, rep] : std::vector<std::pair<std::string, std::string>>{
             {"m2", "Bea"}, {"m3", "Carlos"}, {"m4", "Dario"}, {"m5", "Elena"}}) {
        (void)gov::seat(f.store, {m, "member", rep, start, std::nullopt});
    }
    const Date as_of = d("2026-11-29");

    SUBCASE("a compliant committee only warns about the region without a seat") {
        const auto findings = gov::check_committee(f.store, as_of);
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].rule == "region-without-seat");
        CHECK(findings[0].record == "antofagasta");
        CHECK_FALSE(nacsa::output::has_errors(findings));
    }
    SUBCASE("seat count below the minimum") {
        (void)gov::unseat(f.store, "m5", "resigned", d("2026-06-01"));
        const auto findings = gov::check_committee(f.store, as_of);
        REQUIRE(rule(findings, "seat-count") != nullptr);
        CHECK(rule(findings, "seat-count")->message ==
              "the committee has 4 seats; the configuration asks for 5 to 11");
        CHECK(has_rule(findings, "theme-without-seat"));
        CHECK(rule(findings, "theme-without-seat")->record == "emerging_crimes");
        // As of a date before the change, the committee was complete.
        CHECK_FALSE(has_rule(gov::check_committee(f.store, d("2026-05-31")), "seat-count"));
    }
    SUBCASE("no coordinator") {
        (void)gov::unseat(f.store, "m1", "resigned", d("2026-06-01"));
        (void)gov::seat(f.store, {"m6", "member", "Fabio", d("2026-06-01"), std::nullopt});
        const auto findings = gov::check_committee(f.store, as_of);
        CHECK(has_rule(findings, "no-coordinator"));
        CHECK_FALSE(has_rule(findings, "coordinator-not-secretariat"));
    }
    SUBCASE("coordinator's organisation did not offer to be secretariat") {
        f.exec("UPDATE interest SET status = 'withdrawn' WHERE member_id = 'm1'");
        const auto findings = gov::check_committee(f.store, as_of);
        REQUIRE(rule(findings, "coordinator-not-secretariat") != nullptr);
        CHECK(rule(findings, "coordinator-not-secretariat")->record == "m1");
    }
    SUBCASE("gender balance with shares in the message") {
        (void)gov::unseat(f.store, "m2", "resigned", d("2026-06-01"));
        (void)gov::seat(f.store, {"m6", "member", "Fabio", d("2026-06-01"), std::nullopt});
        f.exec("UPDATE contact SET gender = 'undisclosed' WHERE name = 'Elena'");
        const auto findings = gov::check_committee(f.store, as_of);
        REQUIRE(rule(findings, "gender-balance") != nullptr);
        CHECK(rule(findings, "gender-balance")->message ==
              "gender balance: of 4 representatives with a disclosed gender, female 1 (25%), male "
              "3 (75%); each "
              "must be at least 40% (1 undisclosed not counted)");
    }
    SUBCASE("inactive member, term ending, observer counted as member") {
        f.exec("UPDATE member SET status = 'suspended' WHERE id = 'm3'");
        (void)gov::add_observer(
            f.store, {"Ana", "Ministerio del Interior", "ana@m1.example", "female", start});
        (void)gov::add_observer(f.store, {"Gina", "Org m6", "", "female", start});
        const auto findings = gov::check_committee(f.store, d("2027-11-15"));
        CHECK(rule(findings, "inactive-member-seat")->record == "m3");
        CHECK(rule(findings, "term-ending")->message ==
              "the coordinator term of m1 ends on 2027-12-31 (in 46 days)");
        int counted = 0;
        for (const auto& x : findings) {
            counted += x.rule == "observer-counted-as-member" ? 1 : 0;
        }
        CHECK(counted == 2);
    }
}
