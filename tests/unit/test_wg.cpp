#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <random>

#include "config/alliance.hpp"
#include "core/error.hpp"
#include "wg/check.hpp"
#include "wg/summary.hpp"
#include "wg/wg.hpp"

namespace fs = std::filesystem;
using namespace nacsa;

namespace {

Date d(const char* text) {
    return *parse_date(text);
}

// A fresh store with the example alliance (and its three configured groups), in a temp dir.
struct Fixture {
    fs::path dir;
    std::optional<store::Store> store;

    Fixture() {
        std::random_device rd;
        dir = fs::temp_directory_path() / ("nacsa-wg-test-" + std::to_string(rd()));
        fs::create_directories(dir);
        store.emplace(store::Store::create(dir / "store.db", config::default_alliance_yaml(),
                                           "alliance.yaml", store::Actor{"tester", "test"}));
    }
    ~Fixture() {
        store.reset();
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    Fixture(const Fixture&) = delete;
    Fixture& operator=(const Fixture&) = delete;

    store::Store& s() { return *store; }

    void member(const std::string& id, const std::string& status = "active") {
        SQLite::Statement q(s().db(),
                            "INSERT INTO member (id, name, name_key, search_text, sort_key, type, "
                            "status, created_at, "
                            "updated_at) VALUES (?, ?, ?, ?, x'00', 'ngo', ?, 't', 't')");
        q.bind(1, id);
        q.bind(2, "Org " + id);
        q.bind(3, id);
        q.bind(4, id);
        q.bind(5, status);
        q.exec();
    }
    std::int64_t contact(const std::string& member_id, const std::string& name,
                         bool primary = false) {
        SQLite::Statement q(s().db(),
                            "INSERT INTO contact (member_id, name, is_primary) VALUES (?, ?, ?)");
        q.bind(1, member_id);
        q.bind(2, name);
        q.bind(3, primary ? 1 : 0);
        q.exec();
        return s().db().getLastInsertRowid();
    }
    int count(const std::string& sql) { return s().db().execAndGet(sql).getInt(); }
};

bool has_rule(const std::vector<output::Finding>& findings, const std::string& rule,
              const std::string& record) {
    return std::any_of(findings.begin(), findings.end(), [&](const output::Finding& f) {
        return f.rule == rule && f.record == record;
    });
}

}  // namespace

TEST_CASE("wg: the configured working groups exist after bootstrap, once") {
    Fixture f;
    CHECK(wg::create_configured_groups(f.s()) == 3);
    CHECK(wg::create_configured_groups(f.s()) == 0);
    const auto groups = wg::list_groups(f.s());
    REQUIRE(groups.size() == 3);
    CHECK(groups[0].id == "comunicacion_estrategica");
    CHECK(groups[1].id == "experticia_tecnica");
    CHECK(groups[1].themes.size() == 6);
    CHECK(groups[2].themes == std::vector<std::string>{"untoc", "firearms", "drugs_corruption"});
    CHECK(f.count("SELECT count(*) FROM audit WHERE record_kind = 'working_group'") == 3);
    // '-' and '_' are interchangeable in lookups.
    CHECK(wg::find_group(f.s(), "experticia-tecnica")->id == "experticia_tecnica");
    CHECK_THROWS_AS((void)wg::get_group(f.s(), "nope"), NotFoundError);
}

TEST_CASE("wg: create validates name, id and themes") {
    Fixture f;
    const auto g = wg::create_group(
        f.s(), {.name = "Género y Derechos", .themes = {"emerging_crimes", "untoc"}});
    CHECK(g.id == "genero-y-derechos");
    CHECK(g.themes == std::vector<std::string>{"untoc", "emerging_crimes"});
    CHECK(g.created == today(f.s().alliance().time_zone));
    CHECK_THROWS_AS(wg::create_group(f.s(), {.name = "género y derechos"}), ValidationError);
    try {
        (void)wg::create_group(f.s(), {.id = "Bad Id", .name = "  ", .themes = {"nope"}});
        FAIL("expected a ValidationError");
    } catch (const ValidationError& e) {
        REQUIRE(e.problems().size() == 3);
        CHECK(e.problems()[0].field == "name");
        CHECK(e.problems()[1].field == "themes");
        CHECK(e.problems()[2].field == "id");
    }
}

TEST_CASE("wg: join, representative, lead and leave keep history") {
    Fixture f;
    (void)wg::create_configured_groups(f.s());
    f.member("alfa");
    const auto ana = f.contact("alfa", "Ana Pérez", true);
    const auto bruno = f.contact("alfa", "Bruno Soto");
    f.member("beta");
    f.member("gone", "withdrawn");
    f.contact("gone", "Carla Ríos", true);

    auto joined = wg::join(f.s(), "experticia_tecnica", "alfa", std::nullopt, d("2026-12-01"));
    CHECK_FALSE(joined.representative_changed);
    CHECK(joined.membership.contact_id == ana);  // the primary contact by default
    CHECK_THROWS_AS(wg::join(f.s(), "experticia_tecnica", "alfa", std::nullopt, d("2026-12-02")),
                    ValidationError);
    auto changed =
        wg::join(f.s(), "experticia_tecnica", "alfa", std::string("bruno"), d("2026-12-02"));
    CHECK(changed.representative_changed);
    CHECK(changed.membership.contact_id == bruno);
    CHECK(changed.membership.contact_name == "Bruno Soto");

    CHECK_THROWS_AS(wg::join(f.s(), "experticia_tecnica", "gone", std::nullopt, d("2026-12-01")),
                    ValidationError);
    CHECK_THROWS_AS(wg::join(f.s(), "experticia_tecnica", "nobody", std::nullopt, d("2026-12-01")),
                    NotFoundError);
    CHECK_THROWS_AS(
        wg::join(f.s(), "experticia_tecnica", "beta", std::string("Ana"), d("2026-12-01")),
        ValidationError);  // beta has no contacts
    CHECK_THROWS_AS(wg::set_lead(f.s(), "experticia_tecnica", "alfa", "Carla", d("2026-12-01")),
                    ValidationError);

    auto lead = wg::set_lead(f.s(), "incidencia_y_accion", "alfa", "ANA PEREZ", d("2026-12-03"));
    CHECK(lead.joined);
    CHECK_FALSE(lead.previous);
    CHECK(lead.lead.contact_id == ana);
    CHECK(wg::memberships(f.s(), "incidencia_y_accion").size() == 1);
    auto replaced =
        wg::set_lead(f.s(), "incidencia_y_accion", "alfa", std::to_string(bruno), d("2026-12-10"));
    REQUIRE(replaced.previous);
    CHECK(replaced.previous->contact_id == ana);
    CHECK_FALSE(replaced.joined);
    CHECK(wg::lead_history(f.s(), "incidencia_y_accion").size() == 2);

    CHECK_THROWS_AS(wg::leave(f.s(), "incidencia_y_accion", "alfa", d("2026-11-01")),
                    ValidationError);
    auto left = wg::leave(f.s(), "incidencia_y_accion", "alfa", d("2026-12-20"));
    CHECK(left.lead_ended);
    CHECK_FALSE(wg::current_lead(f.s(), "incidencia_y_accion"));
    CHECK(wg::memberships(f.s(), "incidencia_y_accion").empty());
    CHECK(wg::memberships(f.s(), "incidencia_y_accion", wg::Include::all).size() == 1);
    CHECK_THROWS_AS(wg::leave(f.s(), "incidencia_y_accion", "alfa", d("2026-12-21")),
                    ValidationError);
    // Rejoining before the previous membership ended is refused; after is fine.
    CHECK_THROWS_AS(wg::join(f.s(), "incidencia_y_accion", "alfa", std::nullopt, d("2026-12-19")),
                    ValidationError);
    CHECK_NOTHROW(wg::join(f.s(), "incidencia_y_accion", "alfa", std::nullopt, d("2026-12-21")));
    CHECK(wg::memberships(f.s(), "incidencia_y_accion", wg::Include::all).size() == 2);
}

TEST_CASE("wg: tasks are added, closed once, and listed") {
    Fixture f;
    (void)wg::create_configured_groups(f.s());
    f.member("alfa");
    f.member("beta");
    (void)wg::join(f.s(), "experticia_tecnica", "alfa", std::nullopt, d("2026-11-01"));
    // The plan's tables exist (schema 6) and hold no activity A7: the link is refused.
    CHECK_THROWS_AS(wg::add_task(f.s(), {.wg_id = "experticia_tecnica",
                                         .title = "Draft policy brief",
                                         .owner = "alfa",
                                         .due = d("2026-12-15"),
                                         .activity_id = "A7"}),
                    NotFoundError);
    const auto t = wg::add_task(f.s(), {.wg_id = "experticia_tecnica",
                                        .title = "Draft policy brief",
                                        .owner = "alfa",
                                        .due = d("2026-12-15")});
    CHECK(t.id > 0);
    CHECK_THROWS_AS(
        wg::add_task(f.s(), {.wg_id = "experticia_tecnica", .title = "x", .owner = "beta"}),
        ValidationError);
    CHECK_THROWS_AS(wg::add_task(f.s(), {.wg_id = "experticia_tecnica", .title = " "}),
                    ValidationError);
    CHECK_THROWS_AS(wg::add_task(f.s(), {.wg_id = "nope", .title = "x"}), NotFoundError);
    CHECK(wg::list_tasks(f.s(), {.overdue_as_of = d("2026-12-16")}).size() == 1);
    CHECK(wg::list_tasks(f.s(), {.overdue_as_of = d("2026-12-15")}).empty());
    const auto closed = wg::close_task(f.s(), t.id, wg::TaskStatus::done,
                                       today(f.s().alliance().time_zone), "sent");
    CHECK(closed.status == wg::TaskStatus::done);
    CHECK_THROWS_AS(wg::close_task(f.s(), t.id, wg::TaskStatus::dropped, d("2026-12-01"), ""),
                    ValidationError);
    CHECK_THROWS_AS(wg::close_task(f.s(), 999, wg::TaskStatus::done, d("2026-12-01"), ""),
                    NotFoundError);
    CHECK(wg::list_tasks(f.s(), {.status = wg::TaskStatus::done}).size() == 1);
}

TEST_CASE("wg: ending the memberships and leads of a withdrawn member") {
    Fixture f;
    (void)wg::create_configured_groups(f.s());
    f.member("alfa");
    f.contact("alfa", "Ana", true);
    (void)wg::join(f.s(), "experticia_tecnica", "alfa", std::nullopt, d("2026-10-01"));
    (void)wg::set_lead(f.s(), "comunicacion_estrategica", "alfa", "Ana", d("2026-10-01"));
    std::vector<wg::EndedRole> ended;
    f.s().transaction([&] { ended = wg::end_memberships_of(f.s(), "alfa", d("2026-12-01")); });
    REQUIRE(ended.size() == 3);
    CHECK(ended[0].wg_id == "comunicacion_estrategica");
    CHECK(ended[0].kind == wg::EndedRole::Kind::lead);
    CHECK(ended[1].wg_id == "comunicacion_estrategica");
    CHECK(ended[2].wg_id == "experticia_tecnica");
    CHECK(f.count("SELECT count(*) FROM wg_membership WHERE ended = '2026-12-01' AND end_reason = "
                  "'withdrawn'") == 2);
    CHECK(f.count("SELECT count(*) FROM wg_lead WHERE ended = '2026-12-01' AND end_reason = "
                  "'withdrawn'") == 1);
    f.s().transaction([&] { ended = wg::end_memberships_of(f.s(), "alfa", d("2026-12-02")); });
    CHECK(ended.empty());
}

TEST_CASE("wg: check finds each problem and passes a healthy group") {
    Fixture f;
    (void)wg::create_configured_groups(f.s());
    f.member("alfa");
    f.contact("alfa", "Ana", true);
    f.member("beta");
    const wg::CheckOptions opts{.as_of = d("2027-01-10")};
    auto findings = wg::check_groups(f.s(), opts);
    CHECK(has_rule(findings, wg::k_rule_no_lead, "experticia_tecnica"));
    CHECK(has_rule(findings, wg::k_rule_no_members, "experticia_tecnica"));
    CHECK_FALSE(has_rule(findings, wg::k_rule_theme_uncovered, "untoc"));

    (void)wg::set_lead(f.s(), "experticia_tecnica", "alfa", "Ana", d("2026-12-01"));
    (void)wg::join(f.s(), "experticia_tecnica", "beta", std::nullopt, d("2026-12-01"));
    (void)wg::add_task(f.s(),
                       {.wg_id = "experticia_tecnica", .title = "Brief", .due = d("2027-01-05")});
    f.s().db().exec("UPDATE member SET status = 'suspended' WHERE id = 'beta'");
    findings = wg::check_groups(f.s(), opts);
    CHECK_FALSE(has_rule(findings, wg::k_rule_no_lead, "experticia_tecnica"));
    CHECK_FALSE(has_rule(findings, wg::k_rule_no_members, "experticia_tecnica"));
    CHECK(has_rule(findings, wg::k_rule_inactive_member, "experticia_tecnica"));
    CHECK(has_rule(findings, wg::k_rule_overdue_task, "experticia_tecnica"));
    CHECK_FALSE(has_rule(wg::check_groups(f.s(), {.as_of = d("2027-01-05")}),
                         wg::k_rule_overdue_task, "experticia_tecnica"));

    // Archived groups are not checked; the other two still cover every thematic area together.
    (void)wg::archive_group(f.s(), "experticia_tecnica", d("2027-01-10"), wg::DropOpenTasks::yes);
    findings = wg::check_groups(f.s(), opts);
    CHECK_FALSE(has_rule(findings, wg::k_rule_inactive_member, "experticia_tecnica"));
    CHECK_FALSE(has_rule(findings, wg::k_rule_theme_uncovered, "untoc"));
    CHECK_FALSE(has_rule(findings, wg::k_rule_theme_uncovered, "emerging_crimes"));
    (void)wg::edit_group(f.s(), "comunicacion_estrategica", {.remove_themes = {"emerging_crimes"}});
    CHECK(has_rule(wg::check_groups(f.s(), opts), wg::k_rule_theme_uncovered, "emerging_crimes"));
}

TEST_CASE("wg: archive refuses open tasks unless dropped, then ends everything") {
    Fixture f;
    (void)wg::create_configured_groups(f.s());
    f.member("alfa");
    f.contact("alfa", "Ana", true);
    (void)wg::set_lead(f.s(), "experticia_tecnica", "alfa", "Ana", d("2026-12-01"));
    (void)wg::add_task(f.s(), {.wg_id = "experticia_tecnica", .title = "Brief"});
    CHECK_THROWS_AS(
        wg::archive_group(f.s(), "experticia_tecnica", d("2026-12-31"), wg::DropOpenTasks::no),
        ValidationError);
    const auto r =
        wg::archive_group(f.s(), "experticia_tecnica", d("2026-12-31"), wg::DropOpenTasks::yes);
    CHECK(r.lead_ended);
    CHECK(r.memberships_ended == 1);
    CHECK(r.tasks_dropped == 1);
    CHECK(wg::get_group(f.s(), "experticia_tecnica").status == wg::GroupStatus::archived);
    CHECK(wg::list_groups(f.s()).size() == 2);
    CHECK(wg::list_groups(f.s(), wg::Include::all).size() == 3);
    CHECK_THROWS_AS(wg::join(f.s(), "experticia_tecnica", "alfa", std::nullopt, d("2027-01-01")),
                    ValidationError);
}

TEST_CASE("wg: summaries of a period count members and tasks") {
    Fixture f;
    (void)wg::create_configured_groups(f.s());
    f.member("alfa");
    f.contact("alfa", "Ana", true);
    f.member("beta");
    (void)wg::set_lead(f.s(), "experticia_tecnica", "alfa", "Ana", d("2026-10-01"));
    (void)wg::join(f.s(), "experticia_tecnica", "beta", std::nullopt, d("2026-10-15"));
    (void)wg::leave(f.s(), "experticia_tecnica", "beta", d("2026-12-15"));
    f.s().db().exec(
        "INSERT INTO wg_task (wg_id, title, due, status, created, closed) VALUES "
        "('experticia_tecnica', 'a', '2026-11-01', 'done', '2026-10-02', '2026-10-30'),"
        "('experticia_tecnica', 'b', '2026-11-15', 'open', '2026-10-03', NULL),"
        "('experticia_tecnica', 'c', '2027-02-01', 'dropped', '2026-11-03', '2027-01-05')");
    const auto all = wg::summarise_groups(f.s(), d("2026-10-01"), d("2026-12-31"));
    const auto it = std::find_if(all.begin(), all.end(),
                                 [](const auto& s) { return s.id == "experticia_tecnica"; });
    REQUIRE(it != all.end());
    CHECK(it->lead_member_id == "alfa");
    CHECK(it->member_ids == std::vector<std::string>{"alfa", "beta"});
    CHECK(it->members_at_end == 1);
    CHECK(it->members_joined == 2);
    CHECK(it->members_left == 1);
    CHECK(it->tasks_opened == 3);
    CHECK(it->tasks_done == 1);
    CHECK(it->tasks_dropped == 0);
    CHECK(it->tasks_open_at_end == 2);
    CHECK(it->tasks_overdue_at_end == 1);
}
