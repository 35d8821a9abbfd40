// SPDX-License-Identifier: Apache-2.0
#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>
#include <fmt/format.h>

#include "config/alliance.hpp"
#include "core/embedded.hpp"
#include "core/error.hpp"
#include "fixture.hpp"
#include "governance/governance.hpp"
#include "meetings/meetings.hpp"
#include "meetings/query.hpp"
#include "temp_dir.hpp"
#include "wg/wg.hpp"

namespace mt = nacsa::meetings;
using nacsa::format_date;
using nacsa::format_timestamp;
using nacsa::parse_date;
using nacsa::testing::d;
using nacsa::testing::MemberSpec;
using nacsa::testing::StoreFixture;

namespace {

mt::LocalDateTime at(const char* date, int hour, int minute = 0) {
    return {*parse_date(date), hour, minute};
}

// A member through the fixture, with a thematic area (members::add_member requires one and
// MemberSpec has none by default).
std::string add_member(StoreFixture& f, const std::string& id, MemberSpec spec = {}) {
    if (spec.themes.empty()) {
        spec.themes = {"untoc"};
    }
    return f.member(id, spec);
}

// A member with one contact, "Contact <id>", so that it can hold a seat or join a group.
std::string member_with_contact(StoreFixture& f, const std::string& id, MemberSpec spec = {}) {
    if (spec.contacts.empty()) {
        spec.contacts = {{"Contact " + id, "female"}};
    }
    return add_member(f, id, spec);
}

// Schedules one meeting of this kind and body at this local start; returns its id.
std::string schedule_one(nacsa::store::Store& store, const char* kind,
                         const std::optional<std::string>& body, const char* start) {
    mt::MeetingFields fields;
    fields.title = "Reunión";
    fields.kind = kind;
    fields.body = body;
    fields.start = start;
    return mt::schedule(store, fields, mt::SeriesRequest{}).front().id;
}

std::vector<std::string> names(const std::vector<mt::DerivedInvitee>& list) {
    std::vector<std::string> out;
    out.reserve(list.size());
    for (const auto& i : list) {
        out.push_back(i.member_id.value_or(i.person.value_or("")) + ":" + mt::role_name(i.role));
    }
    return out;
}

// The invitee rows of a meeting as "who:role:attendance:represented_by".
std::vector<std::string> attendance(nacsa::store::Store& store, const std::string& id) {
    std::vector<std::string> out;
    for (const auto& i : mt::invitees(store, id)) {
        out.push_back(i.name() + ":" + mt::role_name(i.role) + ":" +
                      (i.attendance ? mt::attendance_name(*i.attendance) : "-") + ":" +
                      i.represented_by.value_or("-"));
    }
    return out;
}

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

TEST_CASE("meeting: monthly series on a weekday of the month (RFC 5545 BYDAY)") {
    const auto second_tuesday = mt::parse_monthly_weekday("2tue");
    REQUIRE(second_tuesday);
    CHECK(mt::parse_monthly_weekday("2TU") == second_tuesday);
    CHECK(mt::describe(*second_tuesday) == "2nd Tuesday");
    const auto last_friday = mt::parse_monthly_weekday("-1fri");
    REQUIRE(last_friday);
    CHECK(mt::describe(*last_friday) == "last Friday");
    for (const char* bad : {"", "tue", "0tue", "6tue", "2tues", "-tue", "2"}) {
        CHECK_FALSE(mt::parse_monthly_weekday(bad));
    }
    auto dates = [](const std::vector<mt::LocalDateTime>& series) {
        std::vector<std::string> out;
        for (const auto& o : series) {
            out.push_back(format_date(o.date));
        }
        return out;
    };
    CHECK(dates(mt::occurrences(at("2026-10-13", 18), mt::Repeat::monthly, 4, std::nullopt,
                                second_tuesday)) ==
          std::vector<std::string>{"2026-10-13", "2026-11-10", "2026-12-08", "2027-01-12"});
    CHECK(dates(mt::occurrences(at("2026-10-30", 9), mt::Repeat::quarterly, 3, std::nullopt,
                                last_friday)) ==
          std::vector<std::string>{"2026-10-30", "2027-01-29", "2027-04-30"});
    // A fifth Thursday is not in every month: those months are skipped, not moved.
    const auto fifth_thursday = mt::parse_monthly_weekday("5thu");
    CHECK(dates(mt::occurrences(at("2026-10-29", 18), mt::Repeat::monthly, std::nullopt,
                                parse_date("2027-04-30"), fifth_thursday)) ==
          std::vector<std::string>{"2026-10-29", "2026-12-31", "2027-04-29"});
    // The first start must be such a day, and a weekly series has no weekday of the month.
    CHECK_THROWS_WITH_AS(
        mt::occurrences(at("2026-10-15", 18), mt::Repeat::monthly, 2, std::nullopt, second_tuesday),
        "field \"start\": 2026-10-15 is not the 2nd Tuesday of its month "
        "(2026-10-13 is)",
        nacsa::ValidationError);
    CHECK_THROWS_AS(
        mt::occurrences(at("2026-10-13", 18), mt::Repeat::weekly, 2, std::nullopt, second_tuesday),
        nacsa::ValidationError);
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

TEST_CASE("meeting: every status, role, source and format has a name that parses back") {
    auto round_trips = [](const std::vector<std::string>& known, auto name, auto parse) {
        for (const auto& n : known) {
            const auto value = parse(n);
            REQUIRE(value.has_value());
            CHECK(name(*value) == n);
        }
        CHECK_FALSE(parse("nope").has_value());
        CHECK_FALSE(parse("").has_value());
    };
    round_trips(
        mt::k_meeting_statuses, [](mt::MeetingStatus s) { return mt::status_name(s); },
        mt::parse_meeting_status);
    round_trips(
        mt::k_formats, [](mt::MeetingFormat s) { return mt::format_name(s); }, mt::parse_format);
    round_trips(
        mt::k_attendance, [](mt::Attendance s) { return mt::attendance_name(s); },
        mt::parse_attendance);
    // Roles and sources are only written by nacsa, never parsed from a user.
    CHECK(std::vector<std::string>{mt::role_name(mt::InviteeRole::voting),
                                   mt::role_name(mt::InviteeRole::observer),
                                   mt::role_name(mt::InviteeRole::guest)} == mt::k_invitee_roles);
    CHECK(std::vector<std::string>{mt::source_name(mt::InviteeSource::derived),
                                   mt::source_name(mt::InviteeSource::added)} ==
          mt::k_invitee_sources);
    round_trips(
        mt::k_action_statuses, [](mt::ActionStatus s) { return mt::status_name(s); },
        mt::parse_action_status);
}

TEST_CASE("meeting: query API summarises a period") {
    StoreFixture f;
    auto& store = f.store();
    add_member(f, "a");
    add_member(f, "b");
    add_member(f, "c");
    mt::MeetingFields fields;
    fields.title = "Consulta";
    fields.kind = "government_consultation";
    fields.body = "all_members";
    fields.start = "2026-08-10 10:00";
    const auto meetings =
        mt::schedule(store, fields, mt::SeriesRequest{mt::Repeat::quarterly, 2, std::nullopt});
    REQUIRE(meetings.size() == 2);
    const auto first = meetings[0].id;
    CHECK(meetings[0].series_id == first);
    CHECK(meetings[1].series_id == first);
    (void)mt::attend(store, first, {"a", "b"}, mt::Attendance::present, std::nullopt);
    (void)mt::mark_held(store, first, mt::Force::no);
    const auto decision = mt::decide(store, first, "Aprobado", mt::Tally{2, 0, 0});
    CHECK(decision.quorum.met);
    const auto q3 = mt::government_consultations(store, *nacsa::Quarter::parse("2026Q3"));
    REQUIRE(q3.size() == 1);
    CHECK(q3[0].voting_invited == 3);
    CHECK(q3[0].present == 2);
    REQUIRE(q3[0].attendance_rate);
    CHECK(*q3[0].attendance_rate == doctest::Approx(2.0 / 3.0));
    CHECK(q3[0].decisions == 1);
    CHECK(mt::government_consultations(store, *nacsa::Quarter::parse("2026Q4")).empty());
    const mt::Period year{d("2026-01-01"), d("2026-12-31")};
    CHECK(mt::meetings_in_period(store, year).size() == 2);
    CHECK(mt::meetings_in_period(store, year, std::string("government_consultation"),
                                 mt::MeetingStatus::held)
              .size() == 1);
    CHECK(mt::meetings_in_period(store, year, std::nullopt, mt::MeetingStatus::held).size() == 1);
    CHECK(mt::meetings_in_period(store, year, std::nullopt, mt::MeetingStatus::cancelled).empty());
    CHECK(mt::decisions_in_period(store, year).size() == 1);
    CHECK(mt::scheduled_in_period(store, year).size() == 1);
    mt::NewActionItem item;
    item.title = "Carta";
    item.meeting_id = first;
    item.due = parse_date("2026-09-01");
    const auto action = mt::action_add(store, item);
    const auto activity = mt::action_items_in_period(store, year);
    CHECK(activity.opened.size() == 1);
    CHECK(activity.closed.empty());
    REQUIRE(activity.overdue.size() == 1);
    CHECK(activity.overdue[0].id == action);
}

TEST_CASE("meeting: all members are those active on the meeting date (members::active_on)") {
    StoreFixture f;
    add_member(f, "antigua", {.joined = "2024-01-01"});
    add_member(f, "nueva", {.joined = "2026-11-20"});
    add_member(f, "retirada", {.joined = "2024-01-01"});
    f.status("retirada", "withdrawn", "2026-06-01");
    CHECK(names(mt::derive_invitees(f.store(), mt::Body{}, d("2026-11-10"))) ==
          std::vector<std::string>{"antigua:voting"});
    CHECK(names(mt::derive_invitees(f.store(), mt::Body{}, d("2026-05-01"))) ==
          std::vector<std::string>{"antigua:voting", "retirada:voting"});
    CHECK(names(mt::derive_invitees(f.store(), mt::Body{}, d("2026-12-01"))) ==
          std::vector<std::string>{"antigua:voting", "nueva:voting"});
}

TEST_CASE("meeting: committee and working-group invitees at the meeting date") {
    namespace gov = nacsa::governance;
    StoreFixture f;
    auto& store = f.store();
    for (const char* id : {"a", "b", "c", "d"}) {
        member_with_contact(f, id);
    }
    (void)gov::seat(store, {"a", "coordinator", "Contact a", d("2026-01-01"), d("2027-12-31")});
    (void)gov::seat(store, {"b", "member", "Contact b", d("2026-01-01"), d("2027-12-31")});
    (void)gov::unseat(store, "b", "left", d("2026-06-30"));
    (void)gov::seat(
        store, {"c", "administrative_focal_point", "Contact c", d("2026-01-01"), d("2027-12-31")});
    (void)gov::seat(store, {"d", "member", "Contact d", d("2026-07-01"), d("2028-06-30")});
    (void)gov::add_observer(
        store,
        {.name = "Persona", .institution = "Ministerio de Justicia", .from = d("2026-01-01")});
    const auto earlier = gov::add_observer(
        store, {.name = "Otra", .institution = "Ministerio del Interior", .from = d("2025-01-01")});
    gov::end_observer(store, earlier, "replaced", d("2026-01-01"));
    const std::string group = "incidencia_y_accion";
    (void)nacsa::wg::join(store, group, "a", std::nullopt, d("2026-01-01"));
    (void)nacsa::wg::join(store, group, "b", std::nullopt, d("2026-01-01"));
    (void)nacsa::wg::leave(store, group, "b", d("2026-05-01"));
    (void)nacsa::wg::join(store, group, "c", std::nullopt, d("2026-09-01"));

    const mt::Body committee{mt::Body::Kind::committee, {}};
    CHECK(names(mt::derive_invitees(store, committee, d("2026-03-01"))) ==
          std::vector<std::string>{"a:voting", "b:voting", "c:observer",
                                   "Ministerio de Justicia:observer"});
    CHECK(names(mt::derive_invitees(store, committee, d("2026-08-01"))) ==
          std::vector<std::string>{"a:voting", "c:observer", "d:voting",
                                   "Ministerio de Justicia:observer"});
    const mt::Body wg_body{mt::Body::Kind::working_group, group};
    CHECK(names(mt::derive_invitees(store, wg_body, d("2026-03-01"))) ==
          std::vector<std::string>{"a:voting", "b:voting"});
    CHECK(names(mt::derive_invitees(store, wg_body, d("2026-10-01"))) ==
          std::vector<std::string>{"a:voting", "c:voting"});

    // A committee meeting counts the voting seats for quorum, the others apart.
    const auto m = mt::get_meeting(
        store, schedule_one(store, "steering_committee", std::nullopt, "2026-08-05 18:00"));
    CHECK(mt::quorum_of(store, m).voting_invited == 2);
    CHECK(mt::quorum_of(store, m).required == 1);
    CHECK(mt::invitees(store, m.id).size() == 4);

    // A working group is named by its id, '-' for '_' accepted; the body stored is the id.
    const auto w = mt::get_meeting(
        store, schedule_one(store, "working_group", "working_group:incidencia-y-accion",
                            "2026-10-05 18:00"));
    CHECK(w.body == "working_group:incidencia_y_accion");
    CHECK(mt::quorum_of(store, w).voting_invited == 2);
    CHECK_THROWS_AS(
        (void)schedule_one(store, "working_group", "working_group:nope", "2026-10-05 18:00"),
        nacsa::ValidationError);
}

TEST_CASE("meeting: attendance names members by id, name or acronym, and people by name") {
    StoreFixture f;
    auto& store = f.store();
    member_with_contact(f, "fundacion-a",
                        {.name = "Fundación Alameda",
                         .contacts = {{"Paula Henríquez Soto", "female"}, {"Luis Rojas", "male"}},
                         .acronym = "FA"});
    member_with_contact(f, "ong-b", {.name = "ONG Bosque"});
    member_with_contact(f, "centro-c");
    member_with_contact(f, "red-d");
    const auto id = schedule_one(store, "general_assembly", std::nullopt, "2026-11-10 10:00");
    (void)mt::change_invitees(store, id, mt::InviteeChanges{.guests = {"Ana Gómez"}});

    (void)mt::attend(store, id, {"FA", "ONG Bosque", "ana gomez"}, mt::Attendance::present,
                     std::nullopt);
    // --by: a contact of the represented member (its name), else a member (its id), else the
    // text as typed.
    (void)mt::attend(store, id, {"centro-c"}, mt::Attendance::represented, std::string("fa"));
    CHECK(attendance(store, id) ==
          std::vector<std::string>{"centro-c:voting:represented:fundacion-a",
                                   "fundacion-a:voting:present:-", "ong-b:voting:present:-",
                                   "red-d:voting:-:-", "Ana Gómez:guest:present:-"});
    (void)mt::attend(store, id, {"fundacion-a"}, mt::Attendance::represented, std::string("paula"));
    (void)mt::attend(store, id, {"red-d"}, mt::Attendance::represented,
                     std::string(" María Pérez "));
    const auto rows = attendance(store, id);
    CHECK(rows[1] == "fundacion-a:voting:represented:Paula Henríquez Soto");
    CHECK(rows[3] == "red-d:voting:represented:María Pérez");
    const auto m = mt::get_meeting(store, id);
    CHECK(mt::quorum_of(store, m).voting_invited == 4);
    CHECK(mt::quorum_of(store, m).voting_present == 4);

    CHECK_THROWS_AS((void)mt::attend(store, id, {"nadie"}, mt::Attendance::present, std::nullopt),
                    nacsa::NotFoundError);
    CHECK_THROWS_AS(
        (void)mt::attend(store, id, {"ong-b"}, mt::Attendance::represented, std::nullopt),
        nacsa::ValidationError);
    CHECK_THROWS_AS(
        (void)mt::attend(store, id, {"ong-b"}, mt::Attendance::present, std::string("x")),
        nacsa::ValidationError);

    // Erasure reaches the name at the person's own organisation.
    store.transaction([&] {
        CHECK(mt::erase_representative_mentions(store, "fundacion-a", {"paula henriquez soto"}) ==
              1);
    });
    CHECK(attendance(store, id)[1] == "fundacion-a:voting:represented:personal data erased");
}

TEST_CASE("meeting: invitee changes are applied all or none") {
    StoreFixture f;
    auto& store = f.store();
    add_member(f, "a", {.name = "Asociación Uno"});
    add_member(f, "b");
    const auto id = schedule_one(store, "steering_committee", std::nullopt, "2026-11-10 10:00");
    CHECK(mt::invitees(store, id).empty());

    const auto q = mt::change_invitees(
        store, id,
        mt::InviteeChanges{.add = {"Asociacion uno", "b"}, .observers = {"Subsecretaría"}});
    CHECK(q.voting_invited == 2);
    CHECK(attendance(store, id) ==
          std::vector<std::string>{"a:voting:-:-", "b:voting:-:-", "Subsecretaría:observer:-:-"});
    // Someone not invited among the changes: none of them is made.
    CHECK_THROWS_AS((void)mt::change_invitees(
                        store, id, mt::InviteeChanges{.guests = {"Ana"}, .remove = {"a", "nadie"}}),
                    nacsa::NotFoundError);
    CHECK_THROWS_AS((void)mt::change_invitees(store, id, mt::InviteeChanges{.add = {"nadie"}}),
                    nacsa::NotFoundError);
    CHECK(mt::invitees(store, id).size() == 3);
    (void)mt::change_invitees(store, id,
                              mt::InviteeChanges{.remove = {"Asociación Uno", "subsecretaria"}});
    CHECK(attendance(store, id) == std::vector<std::string>{"b:voting:-:-"});
    CHECK(mt::quorum_of(store, mt::get_meeting(store, id)).voting_invited == 1);
}

TEST_CASE("meeting: an action item's owner is a member by id, name or acronym, else a person") {
    StoreFixture f;
    auto& store = f.store();
    add_member(f, "fundacion-a", {.name = "Fundación Alameda", .acronym = "FA"});
    const auto by_name = mt::action_add(store, {.title = "Carta", .owner = "fundacion alameda"});
    const auto by_acronym = mt::action_add(store, {.title = "Informe", .owner = "fa"});
    const auto person = mt::action_add(store, {.title = "Web", .owner = " Luis Soto "});
    CHECK(mt::find_action_item(store, by_name)->owner_member == "fundacion-a");
    CHECK(mt::find_action_item(store, by_acronym)->owner_member == "fundacion-a");
    CHECK(mt::find_action_item(store, person)->owner_person == "Luis Soto");
    CHECK_FALSE(mt::find_action_item(store, person)->owner_member);

    auto owned = [&](const std::string& owner) {
        std::vector<std::string> out;
        for (const auto& a : mt::list_action_items(store, {.owner = owner})) {
            out.push_back(a.id);
        }
        return out;
    };
    CHECK(owned("FA") == std::vector<std::string>{by_name, by_acronym});
    CHECK(owned("luis soto") == std::vector<std::string>{person});
    CHECK(owned("nadie").empty());

    mt::action_close(store, person, mt::ActionStatus::done, std::string("hecho"));
    CHECK(mt::find_action_item(store, person)->status == mt::ActionStatus::done);
    CHECK_THROWS_AS(mt::action_close(store, person, mt::ActionStatus::dropped, std::nullopt),
                    nacsa::ValidationError);
}

TEST_CASE("meeting: invitees are the body on the meeting's date, read when asked") {
    namespace gov = nacsa::governance;
    StoreFixture f;
    auto& store = f.store();
    for (const char* id : {"a", "b", "c", "d"}) {
        member_with_contact(f, id, {.joined = "2024-01-01"});
    }
    (void)gov::seat(store, {"a", "coordinator", "Contact a", d("2025-01-01"), d("2027-12-31")});
    (void)gov::seat(store, {"b", "member", "Contact b", d("2025-01-01"), d("2027-12-31")});
    const auto id = schedule_one(store, "steering_committee", std::nullopt, "2025-06-10 10:00");
    CHECK(attendance(store, id) == std::vector<std::string>{"a:voting:-:-", "b:voting:-:-"});

    // Seated after the meeting was scheduled, from a date before it: invited and counted.
    (void)gov::seat(store, {"c", "member", "Contact c", d("2025-03-01"), d("2027-02-28")});
    CHECK(attendance(store, id) ==
          std::vector<std::string>{"a:voting:-:-", "b:voting:-:-", "c:voting:-:-"});
    // Explicit changes are kept as such: a guest added, a derived member removed.
    (void)mt::change_invitees(store, id, mt::InviteeChanges{.guests = {"Ana"}, .remove = {"a"}});
    CHECK(attendance(store, id) ==
          std::vector<std::string>{"b:voting:-:-", "c:voting:-:-", "Ana:guest:-:-"});
    (void)mt::change_invitees(store, id, mt::InviteeChanges{.add = {"a"}});

    // A decision before the attendance: its quorum follows the attendance entered afterwards.
    (void)mt::mark_held(store, id, mt::Force::yes);
    const auto decision = mt::decide(store, id, "Aprobado", mt::Tally{});
    CHECK_FALSE(decision.quorum.met);
    CHECK(decision.outcome == mt::DecisionOutcome::adopted);
    (void)mt::attend(store, id, {"a", "b"}, mt::Attendance::present, std::nullopt);
    auto now = mt::decisions(store, id);
    REQUIRE(now.size() == 1);
    CHECK(now[0].quorum.met);
    CHECK(now[0].quorum.voting_invited == 3);
    CHECK(now[0].quorum.voting_present == 2);

    // Withdrawn (recorded later, dated before the meeting): out of the invitees and the quorum,
    // attendance included; a correction of the status brings it back.
    f.status("b", "withdrawn", "2025-05-01");
    CHECK(attendance(store, id) ==
          std::vector<std::string>{"a:voting:present:-", "c:voting:-:-", "Ana:guest:-:-"});
    const auto q = mt::quorum_of(store, mt::get_meeting(store, id));
    CHECK(q.voting_invited == 2);
    CHECK(q.voting_present == 1);
    CHECK(q.met);
    CHECK_THROWS_AS((void)mt::change_invitees(store, id, mt::InviteeChanges{.add = {"b"}}),
                    nacsa::ValidationError);
}

TEST_CASE("meeting: a decision's outcome is a simple majority of the votes cast") {
    using O = mt::DecisionOutcome;
    CHECK(mt::outcome_from_votes(mt::Tally{}) == O::adopted);
    CHECK(mt::outcome_from_votes(mt::Tally{3, 1, 5}) == O::adopted);
    CHECK(mt::outcome_from_votes(mt::Tally{2, 2, 0}) == O::rejected);
    CHECK(mt::outcome_from_votes(mt::Tally{0, 1, std::nullopt}) == O::rejected);
    CHECK(mt::outcome_from_votes(mt::Tally{std::nullopt, std::nullopt, 4}) == O::adopted);
    CHECK(mt::outcome_from_votes(mt::Tally{1, std::nullopt, std::nullopt}) == O::adopted);
    CHECK(mt::parse_decision_ref("M-2026-001#2")->number == 2);
    CHECK(mt::parse_decision_ref("M-2026-001#2")->meeting_id == "M-2026-001");
    CHECK_FALSE(mt::parse_decision_ref("M-2026-001"));
    CHECK_FALSE(mt::parse_decision_ref("M-2026-001#0"));
    CHECK_FALSE(mt::parse_decision_ref("M-2026-001#x"));
    CHECK_FALSE(mt::parse_decision_ref("#3"));
}

TEST_CASE("meeting: migrating a store keeps explicit invitees and attendance, drops copies") {
    nacsa::testing::TempDir dir;
    const auto path = dir.path() / "old.db";
    int version = 0;
    {
        // A store as written before invitees were derived when read.
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        for (const auto& m : nacsa::embedded::migrations()) {
            if (std::string(m.name).find("meetings_derived") != std::string::npos) {
                break;
            }
            db.exec(std::string(m.content));
            ++version;
        }
        SQLite::Statement config(db,
                                 "INSERT INTO config (yaml, file_name, applied_at) VALUES (?, "
                                 "'alliance.yaml', '2025-01-01T00:00:00Z')");
        config.bind(1, nacsa::config::default_alliance_yaml());
        config.exec();
        db.exec("INSERT INTO meta (key, value) VALUES ('created_at', '2025-01-01T00:00:00Z')");
        db.exec(
            "INSERT INTO meeting (id, uid, title, kind, body, starts_at, time_zone, "
            "duration_minutes, status, quorum_fraction, voting_invited, voting_present, "
            "quorum_required, quorum_met, created_at, updated_at) VALUES ('M-2026-001', 'u', 'C', "
            "'steering_committee', 'committee', '2026-06-10T14:00:00Z', 'America/Santiago', 60, "
            "'held', 0.5, 3, 1, 2, 0, 'x', 'x')");
        db.exec(
            "INSERT INTO meeting_invitee (meeting_id, member_id, person, role, source, removed, "
            "attendance) VALUES ('M-2026-001', 'copia', NULL, 'voting', 'derived', 0, NULL), "
            "('M-2026-001', 'vino', NULL, 'voting', 'derived', 0, 'present'), "
            "('M-2026-001', 'quitada', NULL, 'voting', 'derived', 1, NULL), "
            "('M-2026-001', NULL, 'Ana', 'guest', 'added', 0, NULL)");
        db.exec(
            "INSERT INTO decision (meeting_id, number, text, votes_for, votes_against, "
            "votes_abstain, voting_present, voting_invited, quorum_required, quorum_met, "
            "recorded_at) VALUES ('M-2026-001', 1, 'D', 1, 0, NULL, 1, 3, 2, 0, 'x')");
        db.exec(fmt::format("PRAGMA user_version = {}", version));
    }
    auto store = nacsa::store::Store::open_any_version(path, nacsa::store::Access::read_write,
                                                       nacsa::store::Actor{"tester", "db migrate"});
    (void)store.migrate();
    CHECK(attendance(store, "M-2026-001") ==
          std::vector<std::string>{"vino:voting:present:-", "Ana:guest:-:-"});
    const auto removed = mt::invitees(store, "M-2026-001", mt::WithRemoved::yes);
    CHECK(removed.size() == 3);
    const auto decisions = mt::decisions(store, "M-2026-001");
    REQUIRE(decisions.size() == 1);
    CHECK(decisions[0].quorum.met);  // 1 of 1 voting invitee present, now
    CHECK(decisions[0].outcome == mt::DecisionOutcome::adopted);
}
