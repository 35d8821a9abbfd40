#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

#include "config/alliance.hpp"
#include "core/error.hpp"
#include "meetings/meetings.hpp"
#include "meetings/query.hpp"

namespace mt = nacsa::meetings;
using nacsa::Date;
using nacsa::format_date;
using nacsa::format_timestamp;
using nacsa::parse_date;

namespace {

mt::LocalDateTime at(const char* date, int hour, int minute = 0) {
    return {*parse_date(date), hour, minute};
}

struct TempStore {
    std::filesystem::path dir;
    nacsa::store::Store store;

    TempStore()
        : dir(make_dir()),
          store(nacsa::store::Store::create(dir / "store.db",
                                            nacsa::config::default_alliance_yaml(), "alliance.yaml",
                                            {"test", "test"})) {}
    ~TempStore() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
    static std::filesystem::path make_dir() {
        auto d = std::filesystem::temp_directory_path() /
                 ("nacsa-meetings-" + std::to_string(std::rand()));
        std::filesystem::create_directories(d);
        return d;
    }
};

}  // namespace

TEST_CASE("meeting: local date-times parse strictly") {
    CHECK(mt::parse_local_date_time("2026-04-04 10:30").has_value());
    CHECK(mt::parse_local_date_time("2026-04-04T10:30").has_value());
    CHECK_FALSE(mt::parse_local_date_time("2026-04-04 24:00"));
    CHECK_FALSE(mt::parse_local_date_time("2026-02-30 10:00"));
    CHECK_FALSE(mt::parse_local_date_time("2026-04-04 10:3"));
    CHECK_FALSE(mt::parse_local_date_time("2026-04-04"));
}

TEST_CASE("meeting: UTC across Santiago's daylight-saving changes") {
    const std::string tz = "America/Santiago";
    CHECK(format_timestamp(mt::to_utc(at("2026-04-04", 10), tz)) == "2026-04-04T13:00:00Z");
    CHECK(format_timestamp(mt::to_utc(at("2026-04-05", 10), tz)) == "2026-04-05T14:00:00Z");
    CHECK(format_timestamp(mt::to_utc(at("2026-09-05", 10), tz)) == "2026-09-05T14:00:00Z");
    CHECK(format_timestamp(mt::to_utc(at("2026-09-06", 10), tz)) == "2026-09-06T13:00:00Z");
    CHECK_THROWS_AS((void)mt::to_utc(at("2026-09-06", 0, 30), tz), nacsa::ValidationError);
    // Twice 23:30 on 2026-04-04: the earlier one.
    CHECK(format_timestamp(mt::to_utc(at("2026-04-04", 23, 30), tz)) == "2026-04-05T02:30:00Z");
    const auto back = mt::to_local(mt::to_utc(at("2026-09-12", 10), tz), tz);
    CHECK(format_date(back.date) == "2026-09-12");
    CHECK(back.hour == 10);
    CHECK(mt::format_local(mt::to_utc(at("2026-07-01", 9), tz), tz) == "2026-07-01 09:00 -04");
    CHECK(mt::format_local(mt::to_utc(at("2026-07-01", 9), "Europe/Paris"), "Europe/Paris") ==
          "2026-07-01 09:00 CEST");
}

TEST_CASE("meeting: series occurrences") {
    const auto weekly = mt::occurrences(at("2026-12-24", 18), mt::Repeat::weekly, 3, std::nullopt);
    REQUIRE(weekly.size() == 3);
    CHECK(format_date(weekly[2].date) == "2027-01-07");
    const auto monthly = mt::occurrences(at("2026-10-31", 18), mt::Repeat::monthly, std::nullopt,
                                         parse_date("2027-03-01"));
    REQUIRE(monthly.size() == 5);
    CHECK(format_date(monthly[1].date) == "2026-11-30");
    CHECK(format_date(monthly[4].date) == "2027-02-28");
    const auto quarterly =
        mt::occurrences(at("2026-11-15", 10), mt::Repeat::quarterly, 4, std::nullopt);
    CHECK(format_date(quarterly[3].date) == "2027-08-15");
    CHECK(mt::occurrences(at("2026-11-15", 10), mt::Repeat::none, 5, std::nullopt).size() == 1);
    CHECK(mt::occurrences(at("2026-11-15", 10), mt::Repeat::weekly, std::nullopt,
                          parse_date("2026-11-01"))
              .empty());
}

TEST_CASE("meeting: quorum is the fraction of voting invitees, rounded up") {
    CHECK(mt::compute_quorum(0.5, 4, 2).met);
    CHECK(mt::compute_quorum(0.5, 4, 2).required == 2);
    CHECK_FALSE(mt::compute_quorum(0.5, 5, 2).met);
    CHECK(mt::compute_quorum(0.5, 5, 3).required == 3);
    CHECK(mt::compute_quorum(2.0 / 3.0, 9, 6).met);
    CHECK(mt::compute_quorum(0.6, 10, 6).required == 6);
    CHECK_FALSE(mt::compute_quorum(0.5, 0, 0).met);
    CHECK(mt::compute_quorum(0.0, 3, 1).required == 1);
}

TEST_CASE("meeting: bodies") {
    CHECK(mt::Body::parse("committee")->to_string() == "committee");
    CHECK(mt::Body::parse("all-members")->to_string() == "all_members");
    CHECK(mt::Body::parse("wg:incidencia_y_accion")->to_string() ==
          "working_group:incidencia_y_accion");
    CHECK_FALSE(mt::Body::parse("working_group:"));
    CHECK_FALSE(mt::Body::parse("board"));
    CHECK(mt::default_body("government_consultation")->kind == mt::Body::Kind::committee);
    CHECK_FALSE(mt::default_body("working_group"));
    CHECK(mt::default_body("cop_side_event")->kind == mt::Body::Kind::all_members);
}

TEST_CASE("meeting: query API summarises a period") {
    TempStore t;
    auto& store = t.store;
    store.db().exec(
        "INSERT INTO member (id, name, name_key, search_text, sort_key, type, status, created_at, "
        "updated_at) VALUES "
        "('a', 'a', 'a', 'a', x'61', 'ngo', 'active', '', ''), ('b', 'b', 'b', 'b', x'62', 'ngo', "
        "'active', '', ''), "
        "('c', 'c', 'c', 'c', x'63', 'ngo', 'active', '', '')");
    mt::MeetingFields f;
    f.title = "Consulta";
    f.kind = "government_consultation";
    f.body = "all_members";
    f.start = "2026-08-10 10:00";
    const auto ids =
        mt::schedule(store, f, mt::SeriesRequest{mt::Repeat::quarterly, 2, std::nullopt});
    REQUIRE(ids.size() == 2);
    (void)mt::attend(store, ids[0], {"a", "b"}, "present", std::nullopt);
    (void)mt::mark_held(store, ids[0], mt::Force::no);
    const auto d = mt::decide(store, ids[0], "Aprobado", mt::Tally{2, 0, 0});
    CHECK(d.quorum.met);
    const auto q3 = mt::government_consultations(store, *nacsa::Quarter::parse("2026Q3"));
    REQUIRE(q3.size() == 1);
    CHECK(q3[0].voting_invited == 3);
    CHECK(q3[0].present == 2);
    REQUIRE(q3[0].attendance_rate);
    CHECK(*q3[0].attendance_rate == doctest::Approx(2.0 / 3.0));
    CHECK(q3[0].decisions == 1);
    CHECK(mt::government_consultations(store, *nacsa::Quarter::parse("2026Q4")).empty());
    const mt::Period year{*parse_date("2026-01-01"), *parse_date("2026-12-31")};
    CHECK(mt::meetings_in_period(store, year).size() == 2);
    CHECK(mt::meetings_in_period(store, year, "government_consultation", "held").size() == 1);
    CHECK(mt::decisions_in_period(store, year).size() == 1);
    CHECK(mt::scheduled_in_period(store, year).size() == 1);
    mt::NewActionItem item;
    item.title = "Carta";
    item.meeting_id = ids[0];
    item.due = parse_date("2026-09-01");
    const auto action = mt::action_add(store, item);
    const auto activity = mt::action_items_in_period(store, year);
    CHECK(activity.opened.size() == 1);
    CHECK(activity.closed.empty());
    REQUIRE(activity.overdue.size() == 1);
    CHECK(activity.overdue[0].id == action);
}

TEST_CASE("meeting: committee and working-group invitees at the meeting date") {
    TempStore t;
    auto& db = t.store.db();
    // The governance and working-group tables (0003, 0004) with the columns used here, unless the
    // store already has them.
    db.exec(R"(
        CREATE TABLE IF NOT EXISTS seat (id INTEGER PRIMARY KEY, member_id TEXT NOT NULL, contact_id INTEGER NOT NULL,
            role TEXT NOT NULL, term_start TEXT NOT NULL, term_end TEXT NOT NULL, ended_on TEXT, end_reason TEXT,
            election_id INTEGER, created_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS observer (id INTEGER PRIMARY KEY, name TEXT NOT NULL, institution TEXT NOT NULL,
            email TEXT, gender TEXT NOT NULL DEFAULT 'undisclosed', from_date TEXT NOT NULL, until_date TEXT,
            end_reason TEXT, erased_at TEXT, created_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS working_group (id TEXT PRIMARY KEY, name TEXT NOT NULL, purpose TEXT,
            status TEXT NOT NULL DEFAULT 'active', created TEXT NOT NULL, archived TEXT, created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS wg_membership (id INTEGER PRIMARY KEY, wg_id TEXT NOT NULL, member_id TEXT NOT NULL,
            contact_id INTEGER, joined TEXT NOT NULL, ended TEXT, end_reason TEXT);
        INSERT INTO member (id, name, name_key, search_text, sort_key, type, status, created_at, updated_at) VALUES
            ('a', 'a', 'a', 'a', x'61', 'ngo', 'active', '', ''), ('b', 'b', 'b', 'b', x'62', 'ngo', 'active', '', ''),
            ('c', 'c', 'c', 'c', x'63', 'ngo', 'active', '', ''), ('d', 'd', 'd', 'd', x'64', 'ngo', 'active', '', '');
        INSERT INTO contact (id, member_id, name) VALUES (1, 'a', 'A'), (2, 'b', 'B'), (3, 'c', 'C'), (4, 'd', 'D');
        INSERT INTO seat (member_id, contact_id, role, term_start, term_end, ended_on, created_at) VALUES
            ('a', 1, 'coordinator', '2026-01-01', '2027-12-31', NULL, ''),
            ('b', 2, 'member', '2026-01-01', '2027-12-31', '2026-06-30', ''),
            ('c', 3, 'administrative_focal_point', '2026-01-01', '2027-12-31', NULL, ''),
            ('d', 4, 'member', '2026-07-01', '2028-06-30', NULL, '');
        INSERT INTO observer (name, institution, from_date, until_date, created_at) VALUES
            ('Persona', 'Ministerio de Justicia', '2026-01-01', NULL, ''),
            ('Otra', 'Ministerio del Interior', '2025-01-01', '2026-01-01', '');
        INSERT OR IGNORE INTO working_group (id, name, created, created_at, updated_at) VALUES
            ('incidencia_y_accion', 'Incidencia', '2026-01-01', '', '');
        INSERT INTO wg_membership (wg_id, member_id, joined, ended) VALUES
            ('incidencia_y_accion', 'a', '2026-01-01', NULL), ('incidencia_y_accion', 'b', '2026-01-01', '2026-05-01'),
            ('incidencia_y_accion', 'c', '2026-09-01', NULL);
    )");
    auto names = [](const std::vector<mt::DerivedInvitee>& list) {
        std::vector<std::string> out;
        for (const auto& i : list) {
            out.push_back(i.member_id.value_or(i.person.value_or("")) + ":" + i.role);
        }
        return out;
    };
    CHECK(names(mt::committee_invitees(t.store, *parse_date("2026-03-01"))) ==
          std::vector<std::string>{"a:voting", "b:voting", "c:observer",
                                   "Ministerio de Justicia:observer"});
    CHECK(names(mt::committee_invitees(t.store, *parse_date("2026-08-01"))) ==
          std::vector<std::string>{"a:voting", "c:observer", "d:voting",
                                   "Ministerio de Justicia:observer"});
    CHECK(names(mt::working_group_invitees(t.store, "incidencia_y_accion",
                                           *parse_date("2026-03-01"))) ==
          std::vector<std::string>{"a:voting", "b:voting"});
    CHECK(names(mt::working_group_invitees(t.store, "incidencia_y_accion",
                                           *parse_date("2026-10-01"))) ==
          std::vector<std::string>{"a:voting", "c:voting"});
    CHECK(mt::working_group_exists(t.store, "incidencia_y_accion"));
    CHECK_FALSE(mt::working_group_exists(t.store, "nope"));

    // A committee meeting counts the voting seats for quorum, the others apart.
    mt::MeetingFields f;
    f.title = "Comité";
    f.kind = "steering_committee";
    f.start = "2026-08-05 18:00";
    const auto ids = mt::schedule(t.store, f, mt::SeriesRequest{});
    const auto m = mt::get_meeting(t.store, ids.front());
    CHECK(m.quorum.voting_invited == 2);
    CHECK(m.quorum.required == 1);
    CHECK(mt::invitees(t.store, m.id).size() == 4);
}
