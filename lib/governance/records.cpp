#include <fmt/format.h>

#include <algorithm>

#include "core/error.hpp"
#include "core/text.hpp"
#include "governance/detail.hpp"
#include "governance/governance.hpp"

namespace nacsa::governance {

using detail::date_column;
using detail::text_column;

Date Seat::last_day() const {
    if (ended_on && add_days(*ended_on, -1) < term_end) {
        return add_days(*ended_on, -1);
    }
    return term_end;
}

bool Seat::held_on(Date date) const {
    return term_start <= date && date <= last_day();
}

bool Observer::active_on(Date date) const {
    return from <= date && (!until || date < *until);
}

SeatOutcome seat(store::Store& store, const SeatRequest& request) {
    auto& db = store.db();
    const auto member = detail::require_member(db, request.member);
    const auto contact =
        detail::find_representative(db, member, request.representative, "representative");
    const auto& rules = store.alliance().steering_committee;
    const Date from = request.from.value_or(detail::today_in(store));
    const Date to = request.to.value_or(add_days(add_months(from, rules.term_months), -1));
    SeatOutcome outcome;
    outcome.term_end = to;
    store.transaction([&] {
        outcome.seat_id =
            detail::insert_seat(store, {member.id, contact, request.role, from, to, std::nullopt});
        const auto* role = store.alliance().find_role(request.role);
        if (role != nullptr && role->leading && rules.coordinator_org_is_secretariat) {
            outcome.secretariat_recorded =
                detail::record_secretariat(store, member.id, from, std::nullopt, outcome.seat_id);
        }
    });
    return outcome;
}

std::int64_t unseat(store::Store& store, const std::string& member_id, const std::string& reason,
                    std::optional<Date> on) {
    auto& db = store.db();
    const auto member = detail::require_member(db, member_id);
    if (text::trim(reason).empty()) {
        throw ValidationError({Diagnostic{.field = "reason", .message = "a reason is required"}});
    }
    const Date day = on.value_or(detail::today_in(store));
    // The seat held on that day, or else one still to come.
    std::optional<Seat> target;
    for (const auto& s : detail::load_seats(db, "s.member_id = ?", {member.id})) {
        if (s.held_on(day) || (!target && s.term_start > day && !s.ended_on)) {
            target = s;
        }
    }
    if (!target) {
        throw NotFoundError(fmt::format("{} holds no seat on {}", member.id, format_date(day)));
    }
    if (day < target->term_start) {
        throw ValidationError(
            {Diagnostic{.field = "on",
                        .message = fmt::format("the seat starts on {}; it cannot end before",
                                               format_date(target->term_start))}});
    }
    store.transaction([&] {
        SQLite::Statement u(db, "UPDATE seat SET ended_on = ?, end_reason = ? WHERE id = ?");
        u.bind(1, format_date(day));
        u.bind(2, std::string(text::trim(reason)));
        u.bind(3, target->id);
        u.exec();
        store.audit(
            "seat", std::to_string(target->id),
            fmt::format("unseated {} ({}) from {}", member.id, target->role, format_date(day)));
        const auto* role = store.alliance().find_role(target->role);
        if (role != nullptr && role->leading) {
            SQLite::Statement end(
                db,
                "UPDATE secretariat SET until_date = ? WHERE member_id = ? AND from_date <= ? "
                "AND until_date IS NULL");
            end.bind(1, format_date(day));
            end.bind(2, member.id);
            end.bind(3, format_date(day));
            if (end.exec() > 0) {
                store.audit(
                    "secretariat", member.id,
                    fmt::format("{} no longer secretariat from {}", member.id, format_date(day)));
            }
        }
    });
    return target->id;
}

namespace {

void check_gender(const std::string& gender) {
    static const std::vector<std::string> k_genders = {"female", "male", "non_binary",
                                                       "undisclosed"};
    if (std::find(k_genders.begin(), k_genders.end(), gender) == k_genders.end()) {
        throw ValidationError({Diagnostic{
            .field = "gender",
            .message = fmt::format("\"{}\" is not a gender nacsa records (known: {})",
                                   text::escape_control(gender), text::join(k_genders, ", "))}});
    }
}

Observer observer_from(SQLite::Statement& q) {
    Observer o;
    o.id = q.getColumn(0).getInt64();
    o.name = q.getColumn(1).getString();
    o.institution = q.getColumn(2).getString();
    o.email = text_column(q.getColumn(3));
    o.gender = q.getColumn(4).getString();
    o.from = date_column(q.getColumn(5)).value_or(Date{});
    o.until = date_column(q.getColumn(6));
    o.end_reason = text_column(q.getColumn(7));
    o.erased = q.getColumn(8).getInt() != 0;
    return o;
}

const char* const k_observer_columns =
    "SELECT id, name, institution, email, gender, from_date, until_date, end_reason, "
    "erased_at IS NOT NULL FROM observer ";

}  // namespace

std::int64_t add_observer(store::Store& store, const ObserverRequest& request) {
    Diagnostics problems;
    if (text::trim(request.name).empty()) {
        problems.add({.field = "name", .message = "a name is required"});
    }
    if (text::trim(request.institution).empty()) {
        problems.add({.field = "institution", .message = "the ministry or agency is required"});
    }
    if (!request.email.empty() && request.email.find('@') == std::string::npos) {
        problems.add({.field = "email",
                      .message = fmt::format("\"{}\" is not an e-mail address",
                                             text::escape_control(request.email))});
    }
    problems.throw_if_any();
    check_gender(request.gender);
    if (!store.alliance().steering_committee.observer_seat) {
        throw ValidationError(
            {Diagnostic{.field = "observer",
                        .message = "this alliance's configuration has no observer seat "
                                   "(steering_committee.observer_seat is false)"}});
    }
    const Date from = request.from.value_or(detail::today_in(store));
    std::int64_t id = 0;
    store.transaction([&] {
        SQLite::Statement ins(
            store.db(),
            "INSERT INTO observer (name, institution, email, gender, from_date, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)");
        ins.bind(1, std::string(text::trim(request.name)));
        ins.bind(2, std::string(text::trim(request.institution)));
        if (!request.email.empty()) {
            ins.bind(3, request.email);
        }
        ins.bind(4, request.gender);
        ins.bind(5, format_date(from));
        ins.bind(6, format_timestamp(now()));
        ins.exec();
        id = store.db().getLastInsertRowid();
        store.audit("observer", std::to_string(id),
                    fmt::format("observer from {} added from {}", text::trim(request.institution),
                                format_date(from)));
    });
    return id;
}

void end_observer(store::Store& store, std::int64_t id, const std::string& reason,
                  std::optional<Date> on) {
    auto& db = store.db();
    SQLite::Statement q(db, std::string(k_observer_columns) + "WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep()) {
        throw NotFoundError(fmt::format("no observer {} (see 'nacsa committee show')", id));
    }
    const auto observer = observer_from(q);
    const Date day = on.value_or(detail::today_in(store));
    if (observer.until) {
        throw ValidationError(
            {Diagnostic{.field = "observer",
                        .message = fmt::format("observer {} already ended on {}", id,
                                               format_date(*observer.until))}});
    }
    if (day < observer.from) {
        throw ValidationError(
            {Diagnostic{.field = "on",
                        .message = fmt::format("observer {} starts on {}; cannot end before", id,
                                               format_date(observer.from))}});
    }
    store.transaction([&] {
        SQLite::Statement u(db, "UPDATE observer SET until_date = ?, end_reason = ? WHERE id = ?");
        u.bind(1, format_date(day));
        if (!text::trim(reason).empty()) {
            u.bind(2, std::string(text::trim(reason)));
        }
        u.bind(3, id);
        u.exec();
        store.audit("observer", std::to_string(id),
                    fmt::format("observer ended from {}", format_date(day)));
    });
}

std::vector<Observer> list_observers(store::Store& store) {
    SQLite::Statement q(store.db(), std::string(k_observer_columns) + "ORDER BY from_date, id");
    std::vector<Observer> out;
    while (q.executeStep()) {
        out.push_back(observer_from(q));
    }
    return out;
}

std::vector<Observer> observers_as_of(store::Store& store, Date date) {
    auto all = list_observers(store);
    std::erase_if(all, [&](const Observer& o) { return !o.active_on(date); });
    return all;
}

std::vector<Seat> committee_as_of(store::Store& store, Date date) {
    auto& db = store.db();
    const std::string day = format_date(date);
    auto seats = detail::load_seats(
        db, "s.term_start <= ? AND s.term_end >= ? AND (s.ended_on IS NULL OR s.ended_on > ?)",
        {day, day, day});
    const auto& roles = store.alliance().roles;
    auto role_rank = [&](const std::string& key) {
        for (std::size_t i = 0; i < roles.size(); ++i) {
            if (roles[i].key == key) {
                return roles[i].leading ? -1 : static_cast<int>(i);
            }
        }
        return static_cast<int>(roles.size());
    };
    for (auto& s : seats) {
        s.member_status = detail::member_status_on(db, s.member_id, date);
    }
    std::stable_sort(seats.begin(), seats.end(), [&](const Seat& a, const Seat& b) {
        const int ra = role_rank(a.role);
        const int rb = role_rank(b.role);
        if (ra != rb) {
            return ra < rb;
        }
        return text::fold(a.member_name) < text::fold(b.member_name);
    });
    return seats;
}

std::vector<Seat> seat_history(store::Store& store, const std::optional<std::string>& member) {
    auto& db = store.db();
    if (member) {
        (void)detail::require_member(db, *member);
        return detail::load_seats(db, "s.member_id = ?", {*member});
    }
    return detail::load_seats(db, "1", {});
}

std::vector<SecretariatTerm> secretariat_history(store::Store& store) {
    SQLite::Statement q(
        store.db(),
        "SELECT s.id, s.member_id, m.name, s.from_date, s.until_date, s.election_id "
        "FROM secretariat s JOIN member m ON m.id = s.member_id ORDER BY s.from_date, s.id");
    std::vector<SecretariatTerm> out;
    while (q.executeStep()) {
        SecretariatTerm t;
        t.id = q.getColumn(0).getInt64();
        t.member_id = q.getColumn(1).getString();
        t.member_name = q.getColumn(2).getString();
        t.from = date_column(q.getColumn(3)).value_or(Date{});
        t.until = date_column(q.getColumn(4));
        if (!q.getColumn(5).isNull()) {
            t.election_id = q.getColumn(5).getInt64();
        }
        out.push_back(std::move(t));
    }
    return out;
}

std::optional<SecretariatTerm> secretariat_as_of(store::Store& store, Date date) {
    std::optional<SecretariatTerm> found;
    for (auto& t : secretariat_history(store)) {
        if (t.from <= date && (!t.until || date < *t.until)) {
            found = std::move(t);
        }
    }
    return found;
}

std::vector<std::string> key_users(store::Store& store, config::KeyKind kind,
                                   const std::string& key) {
    if (kind != config::KeyKind::role) {
        return {};
    }
    SQLite::Statement q(store.db(),
                        "SELECT 'seat of ' || member_id FROM seat WHERE role = :role AND "
                        "term_end >= :day AND (ended_on IS NULL OR ended_on > :day) "
                        "UNION ALL SELECT 'election ' || id FROM election WHERE role = :role AND "
                        "closed_on IS NULL");
    q.bind(":role", key);
    q.bind(":day", format_date(store.today()));
    std::vector<std::string> out;
    while (q.executeStep()) {
        out.push_back(q.getColumn(0).getString());
    }
    return out;
}

}  // namespace nacsa::governance
