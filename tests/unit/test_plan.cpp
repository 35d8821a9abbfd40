#include <doctest/doctest.h>

#include <filesystem>

#include "config/alliance.hpp"
#include "core/error.hpp"
#include "plan/plan.hpp"

using namespace nacsa;

namespace {

Date d(const char* text) {
    return *parse_date(text);
}

// A temporary store made from the default (example) configuration.
struct TempStore {
    std::filesystem::path dir;
    std::unique_ptr<store::Store> store;
    TempStore() {
        dir = std::filesystem::temp_directory_path() /
              ("nacsa-plan-test-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)));
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
        store = std::make_unique<store::Store>(
            store::Store::create(dir / "s.db", config::default_alliance_yaml(), "alliance.yaml",
                                 store::Actor{"test", "test"}));
    }
    ~TempStore() {
        store.reset();
        std::filesystem::remove_all(dir);
    }
};

plan::Plan one_indicator(double baseline, double target) {
    plan::Plan p;
    plan::Activity a;
    a.id = "A1";
    a.title = "Taller";
    a.start = d("2026-01-01");
    a.end = d("2026-12-31");
    a.priorities = {"P1"};
    p.activities.push_back(a);
    plan::Indicator i;
    i.id = "I1";
    i.activity_id = "A1";
    i.name = "n";
    i.unit = "u";
    i.baseline = baseline;
    i.target = target;
    i.target_date = d("2026-12-31");
    p.indicators.push_back(i);
    return p;
}

}  // namespace

TEST_CASE("plan ids sort naturally and the next id follows the highest") {
    CHECK(plan::natural_less("A2", "A10"));
    CHECK_FALSE(plan::natural_less("A10", "A2"));
    CHECK(plan::natural_less("A9", "B1"));
    CHECK(plan::natural_less("P1", "P1a"));
    CHECK(plan::next_id({"A1", "A12", "A3", "X99"}, "A") == "A13");
    CHECK(plan::next_id({}, "I") == "I1");
    CHECK(plan::next_id({"Abc"}, "A") == "A1");
    CHECK(plan::is_plan_id("P1"));
    CHECK(plan::is_plan_id("TIP-2.b"));
    CHECK_FALSE(plan::is_plan_id("1P"));
    CHECK_FALSE(plan::is_plan_id("P 1"));
    CHECK_FALSE(plan::is_plan_id(std::string(33, 'a')));
}

TEST_CASE("plan enum names round-trip") {
    CHECK(plan::parse_status("in_progress") == plan::ActivityStatus::in_progress);
    CHECK(plan::status_name(plan::ActivityStatus::cancelled) == "cancelled");
    CHECK(plan::parse_kind("questionnaire_contribution") ==
          plan::ActivityKind::questionnaire_contribution);
    CHECK_FALSE(plan::parse_kind("party").has_value());
    CHECK(plan::parse_source("government") == plan::Source::government);
}

TEST_CASE("plan indicator standing follows the documented rule") {
    // Baseline 0 on 2026-01-01, target 100 on 2026-12-31.
    auto p = one_indicator(0, 100);
    auto& i = p.indicators[0];
    const auto standing = [&](Date as_of) { return plan::indicator_status(p, i, as_of).standing; };
    CHECK(standing(d("2025-12-31")) == plan::Standing::not_started);
    CHECK(standing(d("2026-06-01")) == plan::Standing::no_data);
    // 2026-07-02 is half-way (182 of 364 days): expected 50.
    i.measurements = {{d("2026-07-02"), 45, ""}};
    CHECK(standing(d("2026-07-02")) == plan::Standing::on_track);  // 90% of expected
    i.measurements = {{d("2026-07-02"), 44, ""}};
    CHECK(standing(d("2026-07-02")) == plan::Standing::at_risk);
    i.measurements = {{d("2026-07-02"), 30, ""}};
    CHECK(standing(d("2026-07-02")) == plan::Standing::at_risk);  // 60% exactly
    i.measurements = {{d("2026-07-02"), 29, ""}};
    CHECK(standing(d("2026-07-02")) == plan::Standing::off_track);
    i.measurements = {{d("2026-07-02"), 100, ""}};
    CHECK(standing(d("2026-07-02")) == plan::Standing::achieved);
    // A measurement after the as-of date is not seen.
    i.measurements = {{d("2026-03-01"), 20, ""}, {d("2026-09-01"), 10, ""}};
    const auto st = plan::indicator_status(p, i, d("2026-06-01"));
    REQUIRE(st.latest.has_value());
    CHECK(st.latest->value == 20);
    CHECK(st.baseline_date == d("2026-01-01"));
    CHECK(st.expected == doctest::Approx(41.5).epsilon(0.01));
}

TEST_CASE("plan indicator standing works for a decreasing target") {
    auto p = one_indicator(100, 50);  // e.g. fewer cases
    auto& i = p.indicators[0];
    i.measurements = {{d("2026-07-02"), 76, ""}};  // 24 of the 25 expected: on track
    CHECK(plan::indicator_status(p, i, d("2026-08-01")).standing == plan::Standing::on_track);
    i.measurements = {{d("2026-07-02"), 110, ""}};  // went the wrong way
    CHECK(plan::indicator_status(p, i, d("2026-08-01")).standing == plan::Standing::off_track);
    i.measurements = {{d("2026-07-02"), 40, ""}};
    CHECK(plan::indicator_status(p, i, d("2026-08-01")).standing == plan::Standing::achieved);
}

TEST_CASE("plan status puts overdue activities first and computes completion") {
    auto p = one_indicator(0, 10);
    plan::Priority pr;
    pr.code = "P1";
    pr.title = "Trata";
    p.priorities.push_back(pr);
    plan::Activity late;
    late.id = "A2";
    late.title = "Tarde";
    late.priorities = {"P1"};
    late.start = d("2026-01-01");
    late.end = d("2026-03-31");
    late.status = plan::ActivityStatus::in_progress;
    p.activities.push_back(late);
    p.indicators[0].measurements = {{d("2026-05-01"), 4, ""}};
    const auto status = plan::plan_status(p, d("2026-06-01"));
    REQUIRE(status.size() == 1);
    REQUIRE(status[0].activities.size() == 2);
    CHECK(status[0].activities[0].activity->id == "A2");
    CHECK(status[0].activities[0].overdue);
    CHECK_FALSE(status[0].activities[0].completion.has_value());
    CHECK(status[0].activities[1].completion == doctest::Approx(0.4));
    const auto text = plan::render_status_text(status, d("2026-06-01"));
    CHECK(text.find("A2     in_progress    -  ends 2026-03-31 OVERDUE  Tarde") !=
          std::string::npos);
    const auto json = plan::render_status_json(status, d("2026-06-01"));
    CHECK(json.find("\"overdue\": true") != std::string::npos);
}

TEST_CASE("plan check finds each problem") {
    plan::Plan p;
    p.priorities.push_back(plan::Priority{.code = "P1", .title = "Sola"});
    plan::Activity a;
    a.id = "A1";
    a.title = "x";
    a.start = d("2026-01-01");
    a.end = d("2026-02-01");
    p.activities.push_back(a);
    plan::Indicator i;
    i.id = "I1";
    i.activity_id = "A1";
    i.baseline_date = d("2026-01-01");
    i.target = 1;
    i.target_date = d("2026-12-31");
    i.measurements = {{d("2026-06-30"), 0.5, ""}};
    p.indicators.push_back(i);
    auto findings = plan::check_plan(p, d("2026-11-29"));
    REQUIRE(findings.size() == 4);
    CHECK(findings[0].rule == "priority-without-activity");
    CHECK(findings[1].rule == "activity-without-priority");
    CHECK(findings[2].rule == "activity-overdue");
    CHECK(findings[3].rule == "indicator-not-measured");
    CHECK(findings[3].severity == output::Severity::warning);
    CHECK(findings[3].message == "no measurement since 2026-07-01");
    // Done activities are neither overdue nor asked for measurements; saying "none" is enough.
    p.activities[0].status = plan::ActivityStatus::done;
    p.activities[0].serves_no_priority = true;
    findings = plan::check_plan(p, d("2026-11-29"));
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].rule == "priority-without-activity");
}

TEST_CASE("plan export quotes only what needs it and round-trips through import") {
    TempStore t;
    plan::Plan p;
    p.priorities.push_back(plan::Priority{.code = "P1",
                                          .title = "Trata: \"explotación\" # no",
                                          .description = "Uno: dos.\n\nTres — ñ",
                                          .thematic_areas = {"trafficking_in_persons"},
                                          .source = plan::Source::alliance,
                                          .source_reference = "null"});
    p.priorities.push_back(
        plan::Priority{.code = "P2", .title = "Armas de fuego, municiones y explosivos"});
    const auto text = plan::export_plan(p);
    CHECK(text.find("    title: \"Trata: \\\"explotación\\\" # no\"\n") != std::string::npos);
    CHECK(text.find("    description: |-\n      Uno: dos.\n\n      Tres — ñ\n") !=
          std::string::npos);
    CHECK(text.find("    source_reference: \"null\"\n") != std::string::npos);
    CHECK(text.find("    title: Armas de fuego, municiones y explosivos\n") != std::string::npos);
    CHECK(text.find("activities: []\n") != std::string::npos);
    const auto parsed = plan::parse_plan_file(*t.store, text, "p.yaml");
    CHECK(parsed.priorities == p.priorities);
    CHECK(plan::export_plan(parsed) == text);
}

TEST_CASE("plan import is idempotent and dry runs write nothing") {
    TempStore t;
    const std::string text =
        "priorities:\n  - code: P1\n    title: Uno\n    source: vpi_report\n"
        "activities:\n  - id: A1\n    title: Act\n    kind: other\n    priorities: [P1]\n"
        "    start: 2026-01-01\n    end: 2026-03-31\n    status: in_progress\n";
    auto result = plan::import_plan(*t.store, text, "p.yaml", plan::DryRun::yes, d("2026-02-01"));
    CHECK(result.added == 2);
    CHECK(plan::load_plan(*t.store).priorities.empty());
    result = plan::import_plan(*t.store, text, "p.yaml", plan::DryRun::no, d("2026-02-01"));
    CHECK(result.added == 2);
    const auto loaded = plan::load_plan(*t.store);
    REQUIRE(loaded.activities.size() == 1);
    REQUIRE(loaded.activities[0].history.size() == 1);
    CHECK(loaded.activities[0].history[0].date == d("2026-02-01"));
    result = plan::import_plan(*t.store, text, "p.yaml", plan::DryRun::no, d("2026-02-05"));
    CHECK(result.added == 0);
    CHECK(result.updated == 0);
    CHECK(result.unchanged == 2);
}

TEST_CASE("plan file problems are all reported with their place") {
    TempStore t;
    const std::string text =
        "priorities:\n  - code: P1\n    title: Uno\n    source: nowhere\n    extra: 1\n"
        "activities:\n  - id: A1\n    title: Act\n    kind: other\n    priorities: [P2]\n"
        "    start: 2026-01-01\n    end: 2025-03-31\n    status: in_progress\n";
    try {
        (void)plan::parse_plan_file(*t.store, text, "p.yaml");
        FAIL("expected a ValidationError");
    } catch (const ValidationError& e) {
        const auto& problems = e.problems();
        REQUIRE(problems.size() == 4);
        CHECK(problems[0].line == 4);
        CHECK(problems[0].field == "priorities[0].source");
        CHECK(problems[1].to_string() ==
              "p.yaml:5:5: field \"priorities[0].extra\": unknown key (expected one of: code, "
              "title, source, "
              "description, thematic_areas, source_reference, source_date, indicators)");
        CHECK(problems[2].to_string() ==
              "p.yaml:10:18: field \"activities[0].priorities[0]\": \"P2\" is not a "
              "priority of the plan");
        CHECK(problems[3].field == "activities[0].end");
    }
}
