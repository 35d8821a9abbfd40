// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/error.hpp"
#include "fixture.hpp"
#include "plan/plan.hpp"
#include "store/maintenance.hpp"

using namespace nacsa;
using nacsa::testing::d;
using nacsa::testing::StoreFixture;

namespace {

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

plan::Priority priority(const std::string& code, const std::string& title) {
    plan::Priority p;
    p.code = code;
    p.title = title;
    return p;
}

plan::Activity activity(const std::string& title, std::vector<std::string> priorities = {}) {
    plan::Activity a;
    a.title = title;
    a.kind = plan::ActivityKind::research;
    a.priorities = std::move(priorities);
    a.serves_no_priority = a.priorities.empty();
    a.start = d("2026-01-01");
    a.end = d("2026-12-31");
    return a;
}

plan::Contribution contribution(const std::string& summary) {
    plan::Contribution c;
    c.questionnaire = "Grupo 1";
    c.submitted = d("2026-05-29");
    c.submitted_to = "Cancillería";
    c.summary = summary;
    return c;
}

// The problems a call throws as a ValidationError, as text ("field \"f\": message").
template <typename F>
std::vector<std::string> problems_of(F&& call) {
    try {
        call();
    } catch (const ValidationError& e) {
        std::vector<std::string> out;
        for (const auto& p : e.problems()) {
            out.push_back(p.to_string());
        }
        return out;
    }
    FAIL("expected a ValidationError");
    return {};
}

std::vector<std::string> audit_summaries(store::Store& store, const std::string& kind,
                                         const std::string& id) {
    std::vector<std::string> out;
    for (const auto& e : store::list_audit(store, {.record_kind = kind, .record_id = id})) {
        out.push_back(e.summary);
    }
    return out;
}

}  // namespace

TEST_CASE("plan ids sort naturally; only well-formed ids are ids") {
    CHECK(plan::natural_less("A2", "A10"));
    CHECK_FALSE(plan::natural_less("A10", "A2"));
    CHECK(plan::natural_less("A9", "B1"));
    CHECK(plan::natural_less("P1", "P1a"));
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
    // Past the target date without reaching the target: missed, whatever the last ratio was;
    // on the target date itself it still stands by the ratio.
    i.measurements = {{d("2026-12-31"), 95, ""}};
    CHECK(standing(d("2026-12-31")) == plan::Standing::on_track);
    CHECK(standing(d("2027-01-01")) == plan::Standing::missed);
    CHECK(plan::standing_name(plan::Standing::missed) == "missed");
    i.measurements = {{d("2026-12-31"), 100, ""}};
    CHECK(standing(d("2027-01-01")) == plan::Standing::achieved);
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

TEST_CASE("plan as of a day reads only the records dated up to it") {
    auto p = one_indicator(0, 10);
    p.priorities.push_back(priority("P1", "Trata"));
    p.activities[0].history = {{d("2026-01-05"), plan::ActivityStatus::planned, ""},
                               {d("2026-03-01"), plan::ActivityStatus::in_progress, ""},
                               {d("2026-11-15"), plan::ActivityStatus::done, ""}};
    p.activities[0].status = plan::ActivityStatus::done;
    p.activities[0].progress = {{d("2026-02-01"), "empezó"}, {d("2026-11-15"), "terminó"}};
    p.indicators[0].measurements = {{d("2026-06-30"), 4, ""}, {d("2026-11-15"), 10, ""}};
    auto later = activity("Añadida en noviembre", {"P1"});
    later.id = "A2";
    later.history = {{d("2026-11-05"), plan::ActivityStatus::planned, ""}};
    p.activities.push_back(later);
    plan::Indicator of_later = p.indicators[0];
    of_later.id = "I2";
    of_later.activity_id = "A2";
    of_later.measurements.clear();
    p.indicators.push_back(of_later);
    auto sent = contribution("Aportes");
    sent.id = "C1";
    sent.submitted = d("2026-09-12");
    auto late = sent;
    late.id = "C2";
    late.submitted = d("2026-11-16");
    p.contributions = {sent, late};

    const auto q3 = plan::plan_as_of(p, d("2026-09-30"));
    REQUIRE(q3.activities.size() == 1);
    const auto& a1 = q3.activities[0];
    CHECK(a1.status == plan::ActivityStatus::in_progress);
    CHECK(a1.history.size() == 2);
    CHECK(a1.progress.size() == 1);
    REQUIRE(q3.indicators.size() == 1);
    CHECK(q3.indicators[0].measurements.size() == 1);
    REQUIRE(q3.contributions.size() == 1);
    CHECK(q3.contributions[0].id == "C1");
    const auto status = plan::plan_status(q3, d("2026-09-30"));
    REQUIRE(status.size() == 1);
    CHECK(status[0].activities[0].completion == doctest::Approx(0.4));

    // The whole plan is unchanged, and a later day sees everything.
    CHECK(p.activities[0].status == plan::ActivityStatus::done);
    const auto all = plan::plan_as_of(p, d("2026-12-31"));
    CHECK(all.activities == p.activities);
    CHECK(all.indicators == p.indicators);
    CHECK(all.contributions == p.contributions);
    CHECK(plan::plan_as_of(p, d("2026-01-04")).activities.empty());
}

TEST_CASE("priorities and indicators enter the plan on the day they were entered or dated") {
    plan::Plan p;
    p.priorities = {
        plan::Priority{.code = "P1", .title = "Antigua"},
        plan::Priority{.code = "P2", .title = "Nueva", .recorded_on = d("2026-11-17")},
        plan::Priority{.code = "P3",
                       .title = "Acordada antes",
                       .source_date = d("2026-03-01"),
                       .recorded_on = d("2026-11-17")},
        plan::Priority{.code = "P4", .title = "Servida", .recorded_on = d("2026-11-17")}};
    plan::Activity a;
    a.id = "A1";
    a.priorities = {"P4"};
    a.history = {{d("2026-01-10"), plan::ActivityStatus::planned, ""}};
    p.activities.push_back(a);
    auto indicator = [](std::string id, std::optional<Date> baseline_date,
                        std::vector<plan::Measurement> measured) {
        plan::Indicator i;
        i.id = std::move(id);
        i.activity_id = "A1";
        i.baseline_date = baseline_date;
        i.target_date = d("2026-12-31");
        i.measurements = std::move(measured);
        i.recorded_on = d("2026-11-17");
        return i;
    };
    p.indicators = {indicator("I1", std::nullopt, {}), indicator("I2", d("2026-01-01"), {}),
                    indicator("I3", std::nullopt, {{d("2026-08-01"), 1, ""}}),
                    indicator("I4", std::nullopt, {{d("2026-11-20"), 1, ""}})};
    p.indicators.push_back(indicator("I5", std::nullopt, {}));
    p.indicators.back().recorded_on.reset();  // entered before schema version 13

    auto codes = [](const plan::Plan& plan) {
        std::vector<std::string> out;
        for (const auto& x : plan.priorities) {
            out.push_back(x.code);
        }
        for (const auto& x : plan.indicators) {
            out.push_back(x.id);
        }
        return out;
    };
    CHECK(codes(plan::plan_as_of(p, d("2026-09-30"))) ==
          std::vector<std::string>{"P1", "P3", "P4", "I2", "I3", "I5"});
    CHECK(codes(plan::plan_as_of(p, d("2026-11-17"))) ==
          std::vector<std::string>{"P1", "P2", "P3", "P4", "I1", "I2", "I3", "I4", "I5"});
    // Before its activity entered the plan, P4 is not served: out, as P2 and P3 are.
    CHECK(codes(plan::plan_as_of(p, d("2026-01-05"))) == std::vector<std::string>{"P1"});
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

TEST_CASE("plan use cases: a priority is added once, edited, audited") {
    StoreFixture f;
    auto& store = f.store();
    auto p = priority("P1", "  Trata de personas ");
    p.thematic_areas = {"untoc", "trafficking_in_persons", "untoc"};
    plan::add_priority(store, p);
    const auto stored = plan::load_plan(store).priority("P1");
    CHECK(stored.title == "Trata de personas");
    CHECK(stored.thematic_areas == std::vector<std::string>{"trafficking_in_persons", "untoc"});
    CHECK(problems_of([&] { plan::add_priority(store, priority("P1", "Otra")); }) ==
          std::vector<std::string>{"field \"code\": priority \"P1\" already exists"});
    CHECK(problems_of([&] {
              auto bad = priority("P2", " ");
              bad.thematic_areas = {"piracy"};
              plan::add_priority(store, bad);
          }).size() == 2);

    CHECK(plan::edit_priority(store, "P1", {.source = plan::Source::vpi_report}) ==
          plan::Changed::no);
    CHECK(plan::edit_priority(store, "P1",
                              {.source = plan::Source::government,
                               .source_date = std::optional<Date>(d("2026-03-12"))}) ==
          plan::Changed::yes);
    CHECK(plan::load_plan(store).priority("P1").source_date == d("2026-03-12"));
    CHECK(plan::edit_priority(store, "P1", {.source_date = std::optional<Date>{}}) ==
          plan::Changed::yes);
    CHECK_FALSE(plan::load_plan(store).priority("P1").source_date.has_value());
    CHECK_THROWS_AS((void)plan::edit_priority(store, "P9", {.title = "x"}), NotFoundError);
    CHECK(audit_summaries(store, "plan_priority", "P1") ==
          std::vector<std::string>{"added", "edited", "edited"});
}

TEST_CASE("plan use cases: activities get the next id, their status as of today") {
    StoreFixture f;
    auto& store = f.store();
    plan::add_priority(store, priority("P1", "Trata"));
    CHECK(plan::add_activity(store, activity("Uno", {"P1"})) == "A1");
    CHECK(plan::add_activity(store, activity("Dos")) == "A2");
    // An id taken by the plan file counts: the next one follows the highest.
    (void)plan::import_plan(store,
                            "activities:\n  - id: A12\n    title: Doce\n    kind: other\n"
                            "    priorities: []\n    start: 2026-01-01\n    end: 2026-02-01\n"
                            "    status: done\n",
                            "p.yaml", plan::DryRun::no, d("2026-02-01"));
    CHECK(plan::add_activity(store, activity("Trece")) == "A13");
    const auto plan = plan::load_plan(store);
    const auto& a1 = plan.activity("A1");
    REQUIRE(a1.history.size() == 1);
    CHECK(a1.history[0].date == store.today());
    CHECK(a1.history[0].status == plan::ActivityStatus::planned);
    CHECK(plan.activity("A2").serves_no_priority);
    CHECK(audit_summaries(store, "plan_activity", "A1") == std::vector<std::string>{"added"});
}

TEST_CASE("plan use cases: every problem of an activity, and the member by name") {
    StoreFixture f;
    auto& store = f.store();
    f.member("corporacion-humanas",
             {.name = "Corporación Humanas", .themes = {"untoc"}, .acronym = "CH"});
    auto bad = activity("X", {"P7"});
    bad.working_group = "finanzas";
    bad.member = "nadie";
    bad.start = d("2026-05-01");
    bad.end = d("2026-04-01");
    CHECK(problems_of([&] { (void)plan::add_activity(store, bad); }) ==
          std::vector<std::string>{
              "field \"priorities[0]\": \"P7\" is not a priority of the plan",
              "field \"working_group\": \"finanzas\" is not a working group of this alliance "
              "(known: comunicacion_estrategica, experticia_tecnica, incidencia_y_accion)",
              "field \"member\": \"nadie\" is not a member in the register",
              "field \"end\": ends before it starts (2026-04-01 is before 2026-05-01)"});
    auto good = activity("Informe");
    good.member = "corporacion humanas";
    const auto id = plan::add_activity(store, good);
    CHECK(plan::load_plan(store).activity(id).member == "corporacion-humanas");
    CHECK(plan::edit_activity(store, id, {.member = "CH"}) == plan::Changed::no);
    CHECK(plan::edit_activity(store, id, {.member = ""}) == plan::Changed::yes);
    CHECK(plan::load_plan(store).activity(id).member.empty());
}

TEST_CASE("plan use cases: texts the plan file could not read back are refused") {
    StoreFixture f;
    auto& store = f.store();
    CHECK(problems_of([&] { plan::add_priority(store, priority("P1", "Trata\x1b[31m")); }) ==
          std::vector<std::string>{"field \"title\": contains the control character U+001B"});
    CHECK(problems_of([&] { (void)plan::add_activity(store, activity(std::string(4001, 'a'))); }) ==
          std::vector<std::string>{"field \"title\": is 4001 bytes long (at most 4000)"});
    auto long_description = activity("Largo");
    long_description.description = std::string(5000, 'a') + "\n\tb";
    CHECK(plan::add_activity(store, long_description) == "A1");
    CHECK(problems_of([&] {
              (void)plan::edit_activity(store, "A1", {.progress_note = "bien\rmal"});
          }) == std::vector<std::string>{"field \"progress\": contains the control character "
                                         "U+000D"});
    CHECK(problems_of([&] { (void)plan::add_contribution(store, contribution("\xff")); }) ==
          std::vector<std::string>{"field \"summary\": is not valid UTF-8"});
}

TEST_CASE("plan use cases: edits, progress notes and status changes") {
    StoreFixture f;
    auto& store = f.store();
    const auto id = plan::add_activity(store, activity("Taller"));
    CHECK(plan::edit_activity(store, id, {.title = " Taller "}) == plan::Changed::no);
    CHECK(plan::edit_activity(store, id,
                              {.progress_note = " Hecho ", .progress_date = d("2026-03-01")}) ==
          plan::Changed::yes);
    CHECK(plan::edit_activity(
              store, id,
              {.end = d("2027-01-31"), .progress_note = "Más", .progress_date = d("2026-04-01")}) ==
          plan::Changed::yes);
    CHECK(problems_of([&] { (void)plan::edit_activity(store, id, {.progress_note = " "}); }) ==
          std::vector<std::string>{"field \"progress\": must not be empty"});
    auto a = plan::load_plan(store).activity(id);
    CHECK(a.end == d("2027-01-31"));
    CHECK(a.progress ==
          std::vector<plan::ProgressNote>{{d("2026-03-01"), "Hecho"}, {d("2026-04-01"), "Más"}});

    const auto update = plan::change_activity_status(store, id, plan::ActivityStatus::done,
                                                     std::nullopt, " Publicado ");
    CHECK(update.before == plan::ActivityStatus::planned);
    CHECK(update.date == store.today());
    a = plan::load_plan(store).activity(id);
    CHECK(a.status == plan::ActivityStatus::done);
    CHECK(a.history.back().note == "Publicado");
    CHECK(problems_of([&] {
              (void)plan::change_activity_status(store, id, plan::ActivityStatus::done,
                                                 std::nullopt, "");
          }) == std::vector<std::string>{"field \"status\": activity A1 is already done"});
    CHECK(problems_of([&] {
              (void)plan::change_activity_status(store, id, plan::ActivityStatus::delayed,
                                                 d("2020-01-01"), "");
          }).size() == 1);
    CHECK(audit_summaries(store, "plan_activity", id) ==
          std::vector<std::string>{"added", "progress note added", "edited; progress note added",
                                   "status planned -> done on " + format_date(store.today())});
}

TEST_CASE("plan use cases: indicators, measurements and contributions") {
    StoreFixture f;
    auto& store = f.store();
    plan::add_priority(store, priority("P1", "Trata"));
    const auto a = plan::add_activity(store, activity("Taller"));
    plan::Indicator i;
    i.activity_id = a;
    i.name = "Personas";
    i.unit = "personas";
    i.target = 10;
    i.target_date = d("2026-12-31");
    CHECK(plan::add_indicator(store, i) == "I1");
    i.activity_id.clear();
    i.priority_code = "P1";
    CHECK(problems_of([&] { (void)plan::add_indicator(store, i); }) ==
          std::vector<std::string>{"field \"baseline_date\": required for an indicator of a "
                                   "priority"});
    i.priority_code = "P9";
    CHECK_THROWS_AS((void)plan::add_indicator(store, i), NotFoundError);

    auto m = plan::record_measurement(store, "I1", 4, d("2026-06-30"), "");
    CHECK(m.recorded == plan::Recorded::added);
    CHECK(m.unit == "personas");
    m = plan::record_measurement(store, "I1", 4, d("2026-06-30"), "");
    CHECK(m.recorded == plan::Recorded::unchanged);
    m = plan::record_measurement(store, "I1", 5, d("2026-06-30"), "fuente");
    CHECK(m.recorded == plan::Recorded::replaced);
    CHECK(plan::record_measurement(store, "I1", 7, d("2026-09-30"), "").recorded ==
          plan::Recorded::added);
    CHECK(plan::edit_indicator(store, "I1", {.target = 20.0}) == plan::Changed::yes);
    CHECK(problems_of([&] { (void)plan::edit_indicator(store, "I1", {.baseline = 20.0}); }) ==
          std::vector<std::string>{"field \"target\": equals the baseline: nothing to measure"});
    const auto stored = plan::load_plan(store).indicator("I1");
    CHECK(stored.target == 20);
    CHECK(stored.measurements ==
          std::vector<plan::Measurement>{{d("2026-06-30"), 5, "fuente"}, {d("2026-09-30"), 7, ""}});
    CHECK(audit_summaries(store, "plan_indicator", "I1") ==
          std::vector<std::string>{"added", "measured on 2026-06-30",
                                   "measurement of 2026-06-30 replaced", "measured on 2026-09-30",
                                   "edited"});

    CHECK(plan::add_contribution(store, contribution("Insumos")) == "C1");
    CHECK(plan::add_contribution(store, contribution("Más insumos")) == "C2");
    CHECK(plan::edit_contribution(store, "C1", {.file_reference = "aporte.pdf"}) ==
          plan::Changed::yes);
    CHECK(plan::edit_contribution(store, "C1", {.summary = "Insumos "}) == plan::Changed::no);
    CHECK(plan::load_plan(store).contribution("C1").file_reference == "aporte.pdf");
    CHECK_THROWS_AS((void)plan::edit_contribution(store, "C9", {}), NotFoundError);
}

TEST_CASE("plan corrections: edit and delete with a reason, audited") {
    StoreFixture f;
    auto& store = f.store();
    plan::add_priority(store, priority("P1", "Trata"));
    const auto a = plan::add_activity(store, activity("Taller"));
    plan::Indicator i;
    i.activity_id = a;
    i.name = "Personas";
    i.unit = "personas";
    i.target = 10;
    i.target_date = d("2026-12-31");
    CHECK(plan::add_indicator(store, i) == "I1");
    CHECK(plan::add_indicator(store, i) == "I2");
    (void)plan::record_measurement(store, "I1", 4, d("2026-06-30"), "planilla");
    (void)plan::record_measurement(store, "I1", 7, d("2026-09-30"), "");
    (void)plan::record_measurement(store, "I2", 1, d("2026-09-30"), "");

    CHECK(plan::edit_measurement(store, "I1", d("2026-06-30"),
                                 {.value = 3.0, .note = "", .reason = " Error de tipeo "}) ==
          plan::Changed::yes);
    CHECK(plan::edit_measurement(store, "I1", d("2026-06-30"), {.value = 3.0, .reason = "x"}) ==
          plan::Changed::no);
    CHECK_THROWS_AS(plan::edit_measurement(store, "I1", d("2026-07-01"), {.reason = "x"}),
                    NotFoundError);
    CHECK(
        problems_of([&] { (void)plan::edit_measurement(store, "I1", d("2026-06-30"), {}); }) ==
        std::vector<std::string>{"field \"reason\": a correction needs a reason (--reason TEXT)"});
    plan::delete_measurement(store, "I1", d("2026-09-30"), "No verificada");
    CHECK_THROWS_AS(plan::delete_measurement(store, "I1", d("2026-09-30"), "otra vez"),
                    NotFoundError);
    CHECK(plan::load_plan(store).indicator("I1").measurements ==
          std::vector<plan::Measurement>{{d("2026-06-30"), 3, ""}});
    CHECK(plan::edit_indicator(store, "I1", {.target = 12.0, .reason = "Meta revisada"}) ==
          plan::Changed::yes);
    plan::delete_indicator(store, "I2", "Repetido");
    CHECK(plan::load_plan(store).find_indicator("I2") == nullptr);
    CHECK(audit_summaries(store, "plan_indicator", "I1") ==
          std::vector<std::string>{"added", "measured on 2026-06-30", "measured on 2026-09-30",
                                   "measurement of 2026-06-30 corrected: Error de tipeo",
                                   "measurement of 2026-09-30 deleted: No verificada",
                                   "edited: Meta revisada"});
    CHECK(audit_summaries(store, "plan_indicator", "I2").back() ==
          "deleted with 1 measurement: Repetido");

    CHECK(plan::add_contribution(store, contribution("Insumos")) == "C1");
    CHECK(problems_of([&] { plan::delete_contribution(store, "C1", ""); }).size() == 1);
    plan::delete_contribution(store, "C1", "Duplicada");
    CHECK(plan::load_plan(store).contributions.empty());
    CHECK_THROWS_AS(plan::delete_contribution(store, "C1", "Duplicada"), NotFoundError);
    CHECK(audit_summaries(store, "plan_contribution", "C1") ==
          std::vector<std::string>{"added", "deleted: Duplicada"});
}

TEST_CASE("plan export quotes only what needs it and round-trips through import") {
    StoreFixture f;
    plan::Plan p;
    p.priorities.push_back(plan::Priority{.code = "P1",
                                          .title = "Trata: \"explotación\" # no",
                                          .description = "Uno: dos.\n\nTres — ñ",
                                          .thematic_areas = {"trafficking_in_persons"},
                                          .source = plan::Source::alliance,
                                          .source_reference = "null"});
    p.priorities.push_back(
        plan::Priority{.code = "P2", .title = "Armas de fuego, municiones y explosivos"});
    p.priorities.push_back(plan::Priority{.code = "P3",
                                          .title = "2026",
                                          .description = "a\xC2\x85"
                                                         "z"});
    const auto text = plan::export_plan(p);
    CHECK(text.find("    title: \"Trata: \\\"explotación\\\" # no\"\n") != std::string::npos);
    CHECK(text.find("    description: |-\n      Uno: dos.\n\n      Tres — ñ\n") !=
          std::string::npos);
    CHECK(text.find("    source_reference: \"null\"\n") != std::string::npos);
    CHECK(text.find("    title: Armas de fuego, municiones y explosivos\n") != std::string::npos);
    CHECK(text.find("    title: \"2026\"\n") != std::string::npos);
    CHECK(text.find("    description: \"a\\x85z\"\n") != std::string::npos);
    CHECK(text.find("activities: []\n") != std::string::npos);
    const auto parsed = plan::parse_plan_file(f.store(), text, "p.yaml");
    CHECK(parsed.priorities == p.priorities);
    CHECK(plan::export_plan(parsed) == text);
}

TEST_CASE("plan import is idempotent and dry runs write nothing") {
    StoreFixture f;
    auto& store = f.store();
    const std::string text =
        "priorities:\n  - code: P1\n    title: Uno\n    source: vpi_report\n"
        "activities:\n  - id: A1\n    title: Act\n    kind: other\n    priorities: [P1]\n"
        "    start: 2026-01-01\n    end: 2026-03-31\n    status: in_progress\n";
    auto result = plan::import_plan(store, text, "p.yaml", plan::DryRun::yes, d("2026-02-01"));
    CHECK(result.added == 2);
    CHECK(plan::load_plan(store).priorities.empty());
    result = plan::import_plan(store, text, "p.yaml", plan::DryRun::no, d("2026-02-01"));
    CHECK(result.added == 2);
    const auto loaded = plan::load_plan(store);
    REQUIRE(loaded.activities.size() == 1);
    REQUIRE(loaded.activities[0].history.size() == 1);
    CHECK(loaded.activities[0].history[0].date == d("2026-02-01"));
    result = plan::import_plan(store, text, "p.yaml", plan::DryRun::no, d("2026-02-05"));
    CHECK(result.added == 0);
    CHECK(result.updated == 0);
    CHECK(result.unchanged == 2);
    // A record the commands changed is updated by the file, history kept.
    (void)plan::change_activity_status(store, "A1", plan::ActivityStatus::done, d("2026-03-01"),
                                       "");
    result = plan::import_plan(store, text, "p.yaml", plan::DryRun::no, d("2026-03-05"));
    CHECK(result.updated == 1);
    REQUIRE(result.changes.size() == 1);
    CHECK(result.changes[0] == "activity A1: status done -> in_progress");
    CHECK(plan::load_plan(store).activity("A1").history.size() == 3);
}

TEST_CASE("plan file problems are all reported with their place") {
    StoreFixture f;
    const std::string text =
        "priorities:\n  - code: P1\n    title: Uno\n    source: nowhere\n    extra: 1\n"
        "activities:\n  - id: A1\n    title: Act\n    kind: other\n    priorities: [P2]\n"
        "    start: 2026-01-01\n    end: 2025-03-31\n    status: in_progress\n";
    try {
        (void)plan::parse_plan_file(f.store(), text, "p.yaml");
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

TEST_CASE("plan file texts are checked as the configuration's are") {
    StoreFixture f;
    const auto problems = [&](const std::string& text) {
        return problems_of([&] { (void)plan::parse_plan_file(f.store(), text, "p.yaml"); });
    };
    CHECK(problems("priorities:\n  - code: P1\n    title: \"Uno\\e[31m\"\n    source: "
                   "vpi_report\n") ==
          std::vector<std::string>{"p.yaml:3:12: field \"priorities[0].title\": contains the "
                                   "control character U+001B"});
    CHECK(problems("priorities:\n  - code: P1\n    title: " + std::string(4001, 'a') +
                   "\n    source: vpi_report\n") ==
          std::vector<std::string>{"p.yaml:3:12: field \"priorities[0].title\": is 4001 bytes "
                                   "long (at most 4000)"});
    CHECK(problems("priorities:\n  - code: P1\n    title: Uno\n    title: Dos\n    source: "
                   "vpi_report\n") ==
          std::vector<std::string>{"p.yaml:4:5: field \"priorities[0].title\": duplicate key "
                                   "(first given on line 3)"});
    CHECK(problems("activities:\n  - id: A1\n    title: Act\n    kind: other\n    priorities: []\n"
                   "    start: 2026-01-01\n    end: 2026-03-31\n    status: planned\n"
                   "    indicators:\n      - {id: I1, name: N, unit: u, baseline: \"0\", "
                   "target: 3, target_date: 2026-03-01}\n") ==
          std::vector<std::string>{"p.yaml:10:46: field \"activities[0].indicators[0].baseline\": "
                                   "\"0\" is quoted text, not a number (write it without quotes)"});
    // A problem the reader found is not repeated by the record's check.
    CHECK(problems("priorities:\n  - code: \"\"\n    title: Uno\n    source: vpi_report\n") ==
          std::vector<std::string>{"p.yaml:2:11: field \"priorities[0].code\": must not be empty"});
}
