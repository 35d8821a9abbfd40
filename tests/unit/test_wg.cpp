// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <algorithm>
#include <map>

#include "core/error.hpp"
#include "fixture.hpp"
#include "members/lookup.hpp"
#include "plan/plan.hpp"
#include "store/maintenance.hpp"
#include "wg/check.hpp"
#include "wg/summary.hpp"
#include "wg/wg.hpp"
#include "workflows/workflows.hpp"

using namespace nacsa;
using nacsa::testing::d;
using nacsa::testing::MemberSpec;
using nacsa::testing::StoreFixture;

namespace {

constexpr const char* k_et = "experticia_tecnica";
constexpr const char* k_ce = "comunicacion_estrategica";
constexpr const char* k_ia = "incidencia_y_accion";

bool has_rule(const std::vector<output::Finding>& findings, const std::string& rule,
              const std::string& record) {
    return std::any_of(findings.begin(), findings.end(), [&](const output::Finding& f) {
        return f.rule == rule && f.record == record;
    });
}

const output::Finding* finding(const std::vector<output::Finding>& findings,
                               const std::string& rule, const std::string& record) {
    const auto it = std::find_if(findings.begin(), findings.end(), [&](const output::Finding& f) {
        return f.rule == rule && f.record == record;
    });
    return it == findings.end() ? nullptr : &*it;
}

// The fixture's member, with the thematic area every member of the example alliance needs.
MemberSpec spec(MemberSpec s = {}) {
    if (s.themes.empty()) {
        s.themes = {"untoc"};
    }
    return s;
}

// A member with one contact (primary), for tests that need a representative.
std::string member_with(StoreFixture& f, const std::string& id, const std::string& contact) {
    return f.member(id, spec({.contacts = {{contact, "female"}}}));
}

std::int64_t contact_id(StoreFixture& f, const std::string& member, const std::string& name) {
    for (const auto& p : members::people_of(f.store(), member)) {
        if (p.name == name) {
            return p.id;
        }
    }
    FAIL("no contact " << name << " of " << member);
    return 0;
}

std::size_t audited(StoreFixture& f, const std::string& kind) {
    return store::list_audit(f.store(), {.record_kind = kind}).size();
}

}  // namespace

TEST_CASE("wg: the configured working groups are created once") {
    StoreFixture f(testing::ConfiguredGroups::skip);
    CHECK(wg::create_configured_groups(f.store()) == 3);
    CHECK(wg::create_configured_groups(f.store()) == 0);
    const auto groups = wg::list_groups(f.store());
    REQUIRE(groups.size() == 3);
    CHECK(groups[0].id == k_ce);
    CHECK(groups[1].id == k_et);
    CHECK(groups[1].themes.size() == 6);
    CHECK(groups[2].themes == std::vector<std::string>{"untoc", "firearms", "drugs_corruption"});
    CHECK(audited(f, "working_group") == 3);
    // '-' and '_' are interchangeable in lookups.
    CHECK(wg::find_group(f.store(), "experticia-tecnica")->id == k_et);
    CHECK_THROWS_AS((void)wg::get_group(f.store(), "nope"), NotFoundError);
}

TEST_CASE("wg: create validates name, id and themes") {
    StoreFixture f;
    const auto g = wg::create_group(
        f.store(), {.name = "Género y Derechos", .themes = {"emerging_crimes", " untoc", ""}});
    CHECK(g.id == "genero-y-derechos");
    CHECK(g.themes == std::vector<std::string>{"untoc", "emerging_crimes"});
    CHECK(g.created == f.store().today());
    CHECK(wg::get_group(f.store(), g.id).themes == g.themes);
    CHECK_THROWS_AS(wg::create_group(f.store(), {.name = "género y derechos"}), ValidationError);
    try {
        (void)wg::create_group(f.store(), {.id = "Bad Id", .name = "  ", .themes = {"nope"}});
        FAIL("expected a ValidationError");
    } catch (const ValidationError& e) {
        REQUIRE(e.problems().size() == 3);
        CHECK(e.problems()[0].field == "name");
        CHECK(e.problems()[1].field == "themes");
        CHECK(e.problems()[2].field == "id");
    }
    CHECK(wg::list_groups(f.store()).size() == 4);
}

TEST_CASE("wg: edit changes name, purpose and themes, and says what changed") {
    StoreFixture f;
    const auto edit = wg::edit_group(f.store(), "incidencia-y-accion",
                                     {.name = "Incidencia",
                                      .add_themes = {"trafficking_in_persons"},
                                      .remove_themes = {"firearms"}});
    CHECK(edit.wg_id == k_ia);
    CHECK(edit.changed == std::vector<std::string>{
                              "name", "themes: untoc, trafficking_in_persons, drugs_corruption"});
    const auto g = wg::get_group(f.store(), k_ia);
    CHECK(g.name == "Incidencia");
    CHECK(g.themes ==
          std::vector<std::string>{"untoc", "trafficking_in_persons", "drugs_corruption"});
    CHECK(wg::edit_group(f.store(), k_ia, {.name = "Incidencia"}).changed.empty());
    CHECK(wg::edit_group(f.store(), k_ia, {.themes = std::vector<std::string>{}}).changed ==
          std::vector<std::string>{"themes: none"});
    CHECK(wg::get_group(f.store(), k_ia).themes.empty());
    CHECK_THROWS_AS(wg::edit_group(f.store(), k_ia, {.name = "Experticia técnica"}),
                    ValidationError);
    CHECK_THROWS_AS(wg::edit_group(f.store(), k_ia, {.remove_themes = {"untoc"}}), ValidationError);
    CHECK_THROWS_AS(wg::edit_group(f.store(), "nope", {.name = "x"}), NotFoundError);
}

TEST_CASE("wg: join, representative, lead and leave keep history") {
    StoreFixture f;
    f.member("alfa", spec({.contacts = {{"Ana Pérez", "female"}, {"Bruno Soto", "male"}}}));
    const auto ana = contact_id(f, "alfa", "Ana Pérez");
    const auto bruno = contact_id(f, "alfa", "Bruno Soto");
    f.member("beta", spec());
    member_with(f, "gone", "Carla Ríos");
    f.status("gone", "withdrawn", "2025-01-01");

    auto joined = wg::join(f.store(), k_et, "alfa", std::nullopt, d("2026-12-01"));
    CHECK_FALSE(joined.representative_changed);
    CHECK(joined.membership.contact_id == ana);  // the primary contact by default
    CHECK(joined.membership.member_name == "Org alfa");
    CHECK(joined.membership.contact_name == "Ana Pérez");
    CHECK_THROWS_AS(wg::join(f.store(), k_et, "alfa", std::nullopt, d("2026-12-02")),
                    ValidationError);
    auto changed = wg::join(f.store(), k_et, "alfa", std::string("bruno"), d("2026-12-02"));
    CHECK(changed.representative_changed);
    CHECK(changed.membership.contact_id == bruno);
    CHECK(changed.membership.contact_name == "Bruno Soto");

    CHECK_THROWS_AS(wg::join(f.store(), k_et, "gone", std::nullopt, d("2026-12-01")),
                    ValidationError);
    CHECK_THROWS_AS(wg::join(f.store(), k_et, "nobody", std::nullopt, d("2026-12-01")),
                    NotFoundError);
    CHECK_THROWS_AS(wg::join(f.store(), k_et, "beta", std::string("Ana"), d("2026-12-01")),
                    ValidationError);  // beta has no contacts
    CHECK_THROWS_AS(wg::set_lead(f.store(), k_et, "alfa", "Carla", d("2026-12-01")),
                    ValidationError);

    auto lead = wg::set_lead(f.store(), k_ia, "alfa", "ANA PEREZ", d("2026-11-03"));
    CHECK(lead.joined);
    CHECK_FALSE(lead.previous);
    CHECK(lead.lead.contact_id == ana);
    CHECK(lead.lead.member_name == "Org alfa");
    CHECK(wg::memberships(f.store(), k_ia).size() == 1);
    auto replaced =
        wg::set_lead(f.store(), k_ia, "alfa", "#" + std::to_string(bruno), d("2026-11-10"));
    REQUIRE(replaced.previous);
    CHECK(replaced.previous->contact_id == ana);
    CHECK_FALSE(replaced.joined);
    const auto history = wg::lead_history(f.store(), k_ia);
    REQUIRE(history.size() == 2);
    CHECK(history[0].ended == d("2026-11-10"));
    CHECK(history[0].end_reason == "replaced");
    CHECK_FALSE(history[1].ended);

    CHECK_THROWS_AS(wg::leave(f.store(), k_ia, "alfa", d("2026-11-01")), ValidationError);
    auto left = wg::leave(f.store(), k_ia, "alfa", d("2026-11-20"));
    CHECK(left.lead_ended);
    CHECK(left.membership.ended == d("2026-11-20"));
    CHECK_FALSE(wg::current_lead(f.store(), k_ia));
    CHECK(wg::lead_history(f.store(), k_ia).back().end_reason == "left");
    CHECK(wg::memberships(f.store(), k_ia).empty());
    CHECK(wg::memberships(f.store(), k_ia, wg::Include::all).size() == 1);
    CHECK_THROWS_AS(wg::leave(f.store(), k_ia, "alfa", d("2026-11-21")), ValidationError);
    // Rejoining before the previous membership ended is refused; after is fine.
    CHECK_THROWS_AS(wg::join(f.store(), k_ia, "alfa", std::nullopt, d("2026-11-19")),
                    ValidationError);
    CHECK_NOTHROW(wg::join(f.store(), k_ia, "alfa", std::nullopt, d("2026-11-21")));
    CHECK(wg::memberships(f.store(), k_ia, wg::Include::all).size() == 2);
    CHECK(wg::member_ids_on(f.store(), k_ia, d("2026-11-20")).empty());
    CHECK(wg::member_ids_on(f.store(), k_ia, d("2026-11-21")) == std::vector<std::string>{"alfa"});
}

TEST_CASE("wg: members and contacts are named by the one rule of members::lookup") {
    StoreFixture f;
    f.member("paz", spec({.name = "Fundación Paz Ciudadana",
                          .contacts = {{"Paula Henríquez Soto", "female"}},
                          .acronym = "FPC"}));
    f.member("solo", spec({.name = "Red Sola"}));
    // By name (ignoring case and accents) and by acronym.
    CHECK(wg::join(f.store(), k_et, "fundacion paz ciudadana", std::nullopt, std::nullopt)
              .membership.member_id == "paz");
    CHECK(wg::set_lead(f.store(), k_ia, "fpc", "Henriquez Soto", std::nullopt).lead.member_id ==
          "paz");
    try {
        (void)wg::join(f.store(), k_ce, "Ciudadana", std::nullopt, std::nullopt);
        FAIL("expected a NotFoundError");
    } catch (const NotFoundError& e) {
        CHECK(std::string(e.what()).find("did you mean: paz (Fundación Paz Ciudadana)?") !=
              std::string::npos);
    }
    try {
        (void)wg::set_lead(f.store(), k_ce, "paz", "Paula Soto", std::nullopt);
        FAIL("expected a ValidationError");
    } catch (const ValidationError& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].field == "representative");
    }
    // A member without contacts joins without a representative; the day defaults to today.
    const auto solo = wg::join(f.store(), k_ce, "Red Sola", std::nullopt, std::nullopt).membership;
    CHECK_FALSE(solo.contact_id);
    CHECK(solo.joined == f.store().today());
    // A contact whose data is erased stays the representative, without a name.
    (void)workflows::forget(f.store(), "paz", std::nullopt);
    const auto lead = wg::current_lead(f.store(), k_ia);
    REQUIRE(lead);
    CHECK(lead->contact_id);
    CHECK(lead->contact_name.empty());
    CHECK(wg::memberships(f.store(), k_et).front().contact_name.empty());
}

TEST_CASE("wg: tasks are added, closed once, and listed") {
    StoreFixture f;
    f.member("alfa", spec());
    f.member("beta", spec({.name = "Red Beta", .acronym = "RB"}));
    (void)wg::join(f.store(), k_et, "alfa", std::nullopt, d("2026-11-01"));
    const auto t = wg::add_task(f.store(), {.wg_id = "experticia-tecnica",
                                            .title = "  Draft policy brief ",
                                            .owner = "Org alfa",
                                            .due = d("2026-12-15")});
    CHECK(t.id > 0);
    CHECK(t.wg_id == k_et);
    CHECK(t.title == "Draft policy brief");
    CHECK(t.owner_id == "alfa");
    CHECK(t.created == f.store().today());
    CHECK(wg::find_task(f.store(), t.id)->title == "Draft policy brief");
    CHECK_THROWS_AS(wg::add_task(f.store(), {.wg_id = k_et, .title = "x", .owner = "RB"}),
                    ValidationError);  // beta is not a member of the group
    CHECK_THROWS_AS(wg::add_task(f.store(), {.wg_id = k_et, .title = "x", .owner = "nobody"}),
                    NotFoundError);
    CHECK_THROWS_AS(wg::add_task(f.store(), {.wg_id = k_et, .title = " "}), ValidationError);
    CHECK_THROWS_AS(wg::add_task(f.store(), {.wg_id = "nope", .title = "x"}), NotFoundError);
    CHECK(wg::list_tasks(f.store(), {.overdue_as_of = d("2026-12-16")}).size() == 1);
    CHECK(wg::list_tasks(f.store(), {.overdue_as_of = d("2026-12-15")}).empty());
    const auto listed = wg::filter_tasks(
        f.store(), {.owner = "Org alfa", .overdue_only = true, .as_of = d("2026-12-16")});
    CHECK(listed.as_of == d("2026-12-16"));
    REQUIRE(listed.tasks.size() == 1);
    CHECK(listed.tasks[0].overdue(listed.as_of));
    CHECK_THROWS_AS((void)wg::filter_tasks(f.store(), {.owner = "nobody"}), NotFoundError);
    CHECK_THROWS_AS((void)wg::filter_tasks(f.store(), {.group = "nope"}), NotFoundError);
    CHECK(wg::filter_tasks(f.store(), {.group = k_ia}).tasks.empty());

    const auto closed = wg::close_task(f.store(), t.id, wg::TaskStatus::done, std::nullopt, "sent");
    CHECK(closed.status == wg::TaskStatus::done);
    CHECK(closed.closed == f.store().today());
    CHECK(wg::find_task(f.store(), t.id)->close_note == "sent");
    CHECK_THROWS_AS(wg::close_task(f.store(), t.id, wg::TaskStatus::dropped, d("2026-12-01"), ""),
                    ValidationError);
    CHECK_THROWS_AS(wg::close_task(f.store(), 999, wg::TaskStatus::done, d("2026-12-01"), ""),
                    NotFoundError);
    CHECK(wg::list_tasks(f.store(), {.status = wg::TaskStatus::done}).size() == 1);
    CHECK(audited(f, "wg_task") == 2);
}

TEST_CASE("wg: a task's activity is checked against the plan, in the same transaction") {
    StoreFixture f;
    const wg::NewTask task{.wg_id = k_et, .title = "Minuta", .activity_id = "A7"};
    try {
        (void)workflows::add_working_group_task(f.store(), task);
        FAIL("expected a NotFoundError");
    } catch (const NotFoundError& e) {
        CHECK(std::string(e.what()) ==
              "no activity \"A7\" in the plan (see `nacsa plan activity list`)");
    }
    CHECK(wg::list_tasks(f.store(), {}).empty());
    (void)plan::import_plan(f.store(),
                            "activities:\n  - id: A7\n    title: Minuta de política\n"
                            "    kind: policy_brief\n    start: 2026-10-01\n    end: 2026-12-31\n"
                            "    status: in_progress\n",
                            "plan.yaml", plan::DryRun::no, f.store().today());
    const auto added = workflows::add_working_group_task(f.store(), task);
    CHECK(added.activity_id == "A7");
    // Within a caller's transaction, a refused task leaves nothing behind either.
    CHECK_THROWS_AS(f.store().transaction([&] {
        (void)workflows::add_working_group_task(f.store(), {.wg_id = k_et, .title = "Otra"});
        (void)workflows::add_working_group_task(
            f.store(), {.wg_id = k_et, .title = "Otra", .activity_id = "A8"});
    }),
                    NotFoundError);
    CHECK(wg::list_tasks(f.store(), {}).size() == 1);
}

TEST_CASE("wg: ending the memberships and leads of a withdrawn member") {
    StoreFixture f;
    member_with(f, "alfa", "Ana");
    (void)wg::join(f.store(), k_et, "alfa", std::nullopt, d("2026-10-01"));
    (void)wg::set_lead(f.store(), k_ce, "alfa", "Ana", d("2026-10-01"));
    const auto ended = wg::end_memberships_of(f.store(), "alfa", d("2026-12-01"));
    REQUIRE(ended.size() == 3);
    CHECK(ended[0].wg_id == k_ce);
    CHECK(ended[0].kind == wg::EndedRole::Kind::lead);
    CHECK(ended[1].wg_id == k_ce);
    CHECK(ended[1].kind == wg::EndedRole::Kind::membership);
    CHECK(ended[2].wg_id == k_et);
    CHECK(wg::describe_ended(ended, d("2026-12-01")) ==
          "ended on 2026-12-01: working-group memberships of comunicacion_estrategica, "
          "experticia_tecnica; lead of comunicacion_estrategica");
    for (const auto* group : {k_ce, k_et}) {
        const auto all = wg::memberships(f.store(), group, wg::Include::all);
        REQUIRE(all.size() == 1);
        CHECK(all[0].ended == d("2026-12-01"));
        CHECK(all[0].end_reason == "withdrawn");
    }
    CHECK(wg::lead_history(f.store(), k_ce).front().end_reason == "withdrawn");
    CHECK(wg::end_memberships_of(f.store(), "alfa", d("2026-12-02")).empty());
    CHECK(wg::describe_ended({}, d("2026-12-02")).empty());
}

TEST_CASE("wg: a withdrawal through the member status change ends the roles too") {
    StoreFixture f;
    member_with(f, "alfa", "Ana");
    (void)wg::set_lead(f.store(), k_et, "alfa", "Ana", d("2026-10-01"));
    const auto change =
        workflows::change_member_status(f.store(), "alfa", "withdrawn", "test", d("2026-11-01"));
    CHECK(change.ended.size() == 2);
    CHECK(wg::memberships(f.store(), k_et).empty());
    CHECK_FALSE(wg::current_lead(f.store(), k_et));
}

TEST_CASE("wg: restoring what a voided withdrawal ended skips groups that moved on") {
    StoreFixture f;
    member_with(f, "alfa", "Ana");
    member_with(f, "beta", "Berta");
    (void)wg::set_lead(f.store(), k_et, "alfa", "Ana", d("2026-10-01"));
    (void)wg::set_lead(f.store(), k_ce, "alfa", "Ana", d("2026-10-01"));
    (void)wg::end_memberships_of(f.store(), "alfa", d("2026-11-01"));
    // Since then comunicacion_estrategica got another lead: that lead is not taken back.
    (void)wg::set_lead(f.store(), k_ce, "beta", "Berta", d("2026-11-02"));
    const auto restored = wg::restore_ended_of(f.store(), "alfa", d("2026-11-01"));
    REQUIRE(restored.size() == 3);
    CHECK(wg::current_lead(f.store(), k_et)->member_id == "alfa");
    CHECK(wg::current_lead(f.store(), k_ce)->member_id == "beta");
    CHECK(wg::memberships(f.store(), k_ce).size() == 2);
    CHECK(wg::restore_ended_of(f.store(), "alfa", d("2026-11-01")).empty());
}

TEST_CASE("wg: check finds each problem and passes a healthy group") {
    StoreFixture f;
    member_with(f, "alfa", "Ana");
    f.member("beta", spec());
    const wg::CheckOptions opts{.as_of = d("2027-01-10")};
    auto findings = wg::check_groups(f.store(), opts);
    CHECK(has_rule(findings, wg::k_rule_no_lead, k_et));
    CHECK(has_rule(findings, wg::k_rule_no_members, k_et));
    CHECK_FALSE(has_rule(findings, wg::k_rule_theme_uncovered, "untoc"));

    (void)wg::set_lead(f.store(), k_et, "alfa", "Ana", d("2026-11-01"));
    (void)wg::join(f.store(), k_et, "beta", std::nullopt, d("2026-11-01"));
    (void)wg::add_task(f.store(), {.wg_id = k_et, .title = "Brief", .due = d("2027-01-05")});
    f.status("beta", "suspended", "2026-11-15");
    findings = wg::check_groups(f.store(), opts);
    CHECK_FALSE(has_rule(findings, wg::k_rule_no_lead, k_et));
    CHECK_FALSE(has_rule(findings, wg::k_rule_no_members, k_et));
    const auto* inactive = finding(findings, wg::k_rule_inactive_member, k_et);
    REQUIRE(inactive != nullptr);
    CHECK(inactive->message ==
          "beta is suspended but still a member of experticia_tecnica (end it with `nacsa wg "
          "leave experticia_tecnica beta`)");
    CHECK(has_rule(findings, wg::k_rule_overdue_task, k_et));
    // Before the suspension, and before the due date, neither is a problem.
    findings = wg::check_groups(f.store(), {.as_of = d("2026-11-14")});
    CHECK_FALSE(has_rule(findings, wg::k_rule_inactive_member, k_et));
    CHECK_FALSE(has_rule(findings, wg::k_rule_overdue_task, k_et));

    // Archived groups are not checked; the other two still cover every thematic area together.
    (void)wg::archive_group(f.store(), k_et, d("2027-01-10"), wg::DropOpenTasks::yes);
    findings = wg::check_groups(f.store(), opts);
    CHECK_FALSE(has_rule(findings, wg::k_rule_inactive_member, k_et));
    CHECK_FALSE(has_rule(findings, wg::k_rule_theme_uncovered, "untoc"));
    CHECK_FALSE(has_rule(findings, wg::k_rule_theme_uncovered, "emerging_crimes"));
    (void)wg::edit_group(f.store(), k_ce, {.remove_themes = {"emerging_crimes"}});
    CHECK(
        has_rule(wg::check_groups(f.store(), opts), wg::k_rule_theme_uncovered, "emerging_crimes"));
}

TEST_CASE("wg: check reports groups that have not met, only when meetings are kept") {
    StoreFixture f;
    const Date as_of = d("2027-01-10");
    (void)wg::create_group(f.store(), {.name = "Nuevo", .created = d("2026-12-01")});
    auto no_meeting = [&](const std::optional<std::map<std::string, Date>>& last) {
        std::vector<std::string> out;
        for (const auto& x : wg::check_groups(
                 f.store(), {.as_of = as_of, .meeting_months = 3, .last_meetings = last})) {
            if (x.rule == wg::k_rule_no_meeting) {
                out.push_back(x.record + ": " + x.message);
            }
        }
        return out;
    };
    // No meetings kept in nacsa: the rule does not run.
    CHECK(no_meeting(std::nullopt).empty());
    // Meetings kept, none of a group: every group older than the window is reported.
    CHECK(no_meeting(std::map<std::string, Date>{}) ==
          std::vector<std::string>{
              "comunicacion_estrategica: comunicacion_estrategica has not met in the last 3 "
              "months (no meeting recorded)",
              "experticia_tecnica: experticia_tecnica has not met in the last 3 months (no "
              "meeting recorded)",
              "incidencia_y_accion: incidencia_y_accion has not met in the last 3 months (no "
              "meeting recorded)"});
    // A meeting within the window clears a group; one before it is named.
    CHECK(no_meeting(std::map<std::string, Date>{
              {k_ce, d("2026-10-10")}, {k_et, d("2026-10-09")}, {k_ia, d("2026-12-20")}}) ==
          std::vector<std::string>{"experticia_tecnica: experticia_tecnica has not met in the "
                                   "last 3 months (last meeting 2026-10-09)"});
}

TEST_CASE("wg: archive refuses open tasks unless dropped, then ends everything") {
    StoreFixture f;
    member_with(f, "alfa", "Ana");
    (void)wg::set_lead(f.store(), k_et, "alfa", "Ana", d("2026-11-01"));
    (void)wg::add_task(f.store(), {.wg_id = k_et, .title = "Brief"});
    CHECK_THROWS_AS(wg::archive_group(f.store(), k_et, d("2026-12-31"), wg::DropOpenTasks::no),
                    ValidationError);
    CHECK(wg::get_group(f.store(), k_et).status == wg::GroupStatus::active);
    const auto r =
        wg::archive_group(f.store(), "experticia-tecnica", d("2026-12-31"), wg::DropOpenTasks::yes);
    CHECK(r.wg_id == k_et);
    CHECK(r.date == d("2026-12-31"));
    CHECK(r.lead_ended);
    CHECK(r.memberships_ended == 1);
    CHECK(r.tasks_dropped == 1);
    const auto g = wg::get_group(f.store(), k_et);
    CHECK(g.status == wg::GroupStatus::archived);
    CHECK(g.archived == d("2026-12-31"));
    const auto tasks = wg::list_tasks(f.store(), {.wg_id = std::string(k_et)});
    REQUIRE(tasks.size() == 1);
    CHECK(tasks[0].status == wg::TaskStatus::dropped);
    CHECK(tasks[0].close_note == "working group archived");
    CHECK(wg::memberships(f.store(), k_et, wg::Include::all).front().end_reason == "archived");
    CHECK(wg::list_groups(f.store()).size() == 2);
    CHECK(wg::list_groups(f.store(), wg::Include::all).size() == 3);
    CHECK_THROWS_AS(wg::join(f.store(), k_et, "alfa", std::nullopt, d("2027-01-01")),
                    ValidationError);
    CHECK_THROWS_AS(wg::archive_group(f.store(), k_et, std::nullopt, wg::DropOpenTasks::yes),
                    ValidationError);
}

TEST_CASE("wg: group details count current members and open and overdue tasks") {
    StoreFixture f;
    member_with(f, "alfa", "Ana");
    f.member("beta", spec());
    (void)wg::set_lead(f.store(), k_et, "alfa", "Ana", d("2026-06-01"));
    (void)wg::join(f.store(), k_et, "beta", std::nullopt, d("2026-06-01"));
    (void)wg::leave(f.store(), k_et, "beta", d("2026-07-01"));
    const Date today = f.store().today();
    (void)wg::add_task(f.store(), {.wg_id = k_et, .title = "a", .due = add_days(today, -1)});
    (void)wg::add_task(f.store(), {.wg_id = k_et, .title = "b", .due = add_days(today, 1)});
    const auto detail = wg::group_detail(f.store(), "experticia-tecnica");
    CHECK(detail.group.id == k_et);
    REQUIRE(detail.lead);
    CHECK(detail.lead->member_id == "alfa");
    CHECK(detail.memberships.size() == 2);
    CHECK(detail.members == 1);
    CHECK(detail.open_tasks == 2);
    CHECK(detail.overdue_tasks == 1);
    const auto all = wg::group_details(f.store());
    CHECK(all.size() == 3);
    CHECK_THROWS_AS((void)wg::group_detail(f.store(), "nope"), NotFoundError);
}

TEST_CASE("wg: summaries of a period count members and tasks") {
    StoreFixture f;
    member_with(f, "alfa", "Ana");
    f.member("beta", spec());
    // A period around today: tasks are always created today.
    const Date today = f.store().today();
    const Date from = add_days(today, -60);
    const Date to = add_days(today, 30);
    (void)wg::set_lead(f.store(), k_et, "alfa", "Ana", from);
    (void)wg::join(f.store(), k_et, "beta", std::nullopt, add_days(today, -50));
    (void)wg::leave(f.store(), k_et, "beta", add_days(today, 10));
    const auto a = wg::add_task(f.store(), {.wg_id = k_et, .title = "a", .due = today});
    (void)wg::close_task(f.store(), a.id, wg::TaskStatus::done, today, "");
    (void)wg::add_task(f.store(), {.wg_id = k_et, .title = "b", .due = add_days(today, 15)});
    const auto c = wg::add_task(f.store(), {.wg_id = k_et, .title = "c", .due = add_days(to, 30)});
    (void)wg::close_task(f.store(), c.id, wg::TaskStatus::dropped, add_days(to, 10), "");
    const auto all = wg::summarise_groups(f.store(), from, to);
    const auto it =
        std::find_if(all.begin(), all.end(), [](const auto& s) { return s.id == k_et; });
    REQUIRE(it != all.end());
    CHECK(it->lead_member_id == "alfa");
    CHECK(it->lead_member_name == "Org alfa");
    CHECK(it->member_ids == std::vector<std::string>{"alfa", "beta"});
    CHECK(it->members_at_end == 1);
    CHECK(it->members_joined == 2);
    CHECK(it->members_left == 1);
    CHECK(it->tasks_opened == 3);
    CHECK(it->tasks_done == 1);
    CHECK(it->tasks_dropped == 0);
    CHECK(it->tasks_open_at_end == 2);
    CHECK(it->tasks_overdue_at_end == 1);
    // Before the lead started, the group had none.
    const auto before = wg::summarise_groups(f.store(), add_days(from, -10), add_days(from, -1));
    const auto et =
        std::find_if(before.begin(), before.end(), [](const auto& s) { return s.id == k_et; });
    REQUIRE(et != before.end());
    CHECK_FALSE(et->lead_member_id);
    CHECK_FALSE(et->lead_member_name);
}
