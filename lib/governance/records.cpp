#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>

#include "core/error.hpp"
#include "core/text.hpp"
#include "governance/detail.hpp"
#include "governance/governance.hpp"
#include "members/census.hpp"
#include "members/lookup.hpp"
#include "store/sql.hpp"

namespace nacsa::governance {

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

// ---- Seats -------------------------------------------------------------------------------------

SeatOutcome seat(store::Store& store, const SeatRequest& request) {
    SeatOutcome outcome;
    store.transaction([&] {
        const auto member = members::resolve_member(store, request.member);
        const auto contact =
            members::resolve_contact(store, member.id, request.representative, "representative");
        const auto& rules = store.alliance().steering_committee;
        const Date from = request.from.value_or(store.today());
        const Date to = request.to.value_or(detail::term_end(from, rules.term_months));
        outcome.member_id = member.id;
        outcome.term_end = to;
        outcome.seat_id = detail::insert_seat(
            store, {member.id, contact.id, request.role, from, to, std::nullopt});
        const auto* role = store.alliance().find_role(request.role);
        if (role->leading && rules.coordinator_org_is_secretariat) {
            outcome.secretariat_recorded =
                detail::record_secretariat(store, member.id, from, std::nullopt, outcome.seat_id);
        }
    });
    return outcome;
}

namespace {

// The member's seat held on `day`, or else the first one still to come.
std::optional<Seat> seat_to_end(store::Store& store, const std::string& member_id, Date day) {
    std::optional<Seat> target;
    for (auto& s : detail::seat_rows(store, "s.member_id = ?", {member_id})) {
        if (s.held_on(day) || (!target && s.term_start > day && !s.ended_on)) {
            target = std::move(s);
        }
    }
    return target;
}

}  // namespace

Unseated unseat(store::Store& store, const std::string& member_ref, const std::string& reason,
                std::optional<Date> on) {
    Unseated out;
    store.transaction([&] {
        const auto member = members::resolve_member(store, member_ref);
        if (text::trim(reason).empty()) {
            throw ValidationError(
                {Diagnostic{.field = "reason", .message = "a reason is required"}});
        }
        const Date day = on.value_or(store.today());
        const auto target = seat_to_end(store, member.id, day);
        if (!target) {
            throw NotFoundError(fmt::format("{} holds no seat on {}", member.id, format_date(day)));
        }
        if (day < target->term_start) {
            throw ValidationError(
                {Diagnostic{.field = "on",
                            .message = fmt::format("the seat starts on {}; it cannot end before",
                                                   format_date(target->term_start))}});
        }
        detail::end_seat(
            store, *target, day, std::string(text::trim(reason)),
            fmt::format("unseated {} ({}) from {}", member.id, target->role, format_date(day)));
        const auto* role = store.alliance().find_role(target->role);
        if (role != nullptr && role->leading) {
            detail::end_secretariat(store, member.id, day);
        }
        out = {target->id, member.id};
    });
    return out;
}

// ---- Observers ---------------------------------------------------------------------------------

namespace {

void check_observer(const config::Alliance& alliance, const ObserverRequest& request) {
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
    const auto& genders = members::k_genders;
    if (std::find(genders.begin(), genders.end(), request.gender) == genders.end()) {
        throw ValidationError(
            {Diagnostic{.field = "gender",
                        .message = fmt::format("\"{}\" is not a gender nacsa records (known: {})",
                                               text::escape_control(request.gender),
                                               text::join(genders, ", "))}});
    }
    if (!alliance.steering_committee.observer_seat) {
        throw ValidationError(
            {Diagnostic{.field = "observer",
                        .message = "this alliance's configuration has no observer seat "
                                   "(steering_committee.observer_seat is false)"}});
    }
}

Observer observer_from(SQLite::Statement& q) {
    Observer o;
    o.id = q.getColumn(0).getInt64();
    o.name = q.getColumn(1).getString();
    o.institution = q.getColumn(2).getString();
    o.email = store::text(q.getColumn(3));
    o.gender = q.getColumn(4).getString();
    o.from = store::date(q.getColumn(5));
    o.until = store::optional_date(q.getColumn(6));
    o.end_reason = store::text(q.getColumn(7));
    o.erased = q.getColumn(8).getInt() != 0;
    return o;
}

const char* const k_observer_columns =
    "SELECT id, name, institution, email, gender, from_date, until_date, end_reason, "
    "erased_at IS NOT NULL FROM observer ";

}  // namespace

std::int64_t add_observer(store::Store& store, const ObserverRequest& request) {
    std::int64_t id = 0;
    store.transaction([&] {
        check_observer(store.alliance(), request);
        const Date from = request.from.value_or(store.today());
        SQLite::Statement ins(
            store.db(),
            "INSERT INTO observer (name, institution, email, gender, from_date, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)");
        ins.bind(1, std::string(text::trim(request.name)));
        ins.bind(2, std::string(text::trim(request.institution)));
        store::bind_nonempty(ins, 3, request.email);
        ins.bind(4, request.gender);
        store::bind(ins, 5, from);
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
    store.transaction([&] {
        auto& db = store.db();
        SQLite::Statement q(db, std::string(k_observer_columns) + "WHERE id = ?");
        q.bind(1, static_cast<int64_t>(id));
        if (!q.executeStep()) {
            throw NotFoundError(fmt::format("no observer {} (see 'nacsa committee show')", id));
        }
        const auto observer = observer_from(q);
        const Date day = on.value_or(store.today());
        if (observer.until) {
            throw ValidationError(
                {Diagnostic{.field = "observer",
                            .message = fmt::format("observer {} already ended on {}", id,
                                                   format_date(*observer.until))}});
        }
        if (day < observer.from) {
            throw ValidationError(
                {Diagnostic{.field = "on",
                            .message = fmt::format("observer {} starts on {}; cannot end before",
                                                   id, format_date(observer.from))}});
        }
        SQLite::Statement u(db, "UPDATE observer SET until_date = ?, end_reason = ? WHERE id = ?");
        store::bind(u, 1, day);
        store::bind_nonempty(u, 2, std::string(text::trim(reason)));
        u.bind(3, static_cast<int64_t>(id));
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

// ---- The committee -----------------------------------------------------------------------------

namespace {

// Leading role first, then the configuration's order; roles it no longer has last.
int role_rank(const config::Alliance& alliance, const std::string& key) {
    const auto& roles = alliance.roles;
    for (std::size_t i = 0; i < roles.size(); ++i) {
        if (roles[i].key == key) {
            return roles[i].leading ? -1 : static_cast<int>(i);
        }
    }
    return static_cast<int>(roles.size());
}

std::vector<SecretariatTerm> secretariat_history(store::Store& store) {
    SQLite::Statement q(store.db(),
                        "SELECT id, member_id, from_date, until_date, election_id "
                        "FROM secretariat ORDER BY from_date, id");
    std::vector<SecretariatTerm> out;
    std::vector<std::string> ids;
    while (q.executeStep()) {
        SecretariatTerm t;
        t.id = q.getColumn(0).getInt64();
        t.member_id = q.getColumn(1).getString();
        t.from = store::date(q.getColumn(2));
        t.until = store::optional_date(q.getColumn(3));
        t.election_id = store::optional_int64(q.getColumn(4));
        ids.push_back(t.member_id);
        out.push_back(std::move(t));
    }
    const auto refs = members::member_refs(store, ids);
    for (auto& t : out) {
        if (const auto m = refs.find(t.member_id); m != refs.end()) {
            t.member_name = m->second.name;
        }
    }
    return out;
}

}  // namespace

std::vector<Seat> committee_as_of(store::Store& store, Date date) {
    const std::string day = format_date(date);
    auto seats = detail::load_seats(store, detail::k_held_on, {day, day, day});
    for (auto& s : seats) {
        s.member_status = members::status_on(store, s.member_id, date);
    }
    const auto& alliance = store.alliance();
    std::stable_sort(seats.begin(), seats.end(), [&](const Seat& a, const Seat& b) {
        const int ra = role_rank(alliance, a.role);
        const int rb = role_rank(alliance, b.role);
        if (ra != rb) {
            return ra < rb;
        }
        return text::fold(a.member_name) < text::fold(b.member_name);
    });
    return seats;
}

std::vector<Seat> seat_history(store::Store& store, const std::optional<std::string>& member) {
    if (member) {
        const auto ref = members::resolve_member(store, *member);
        return detail::load_seats(store, "s.member_id = ?", {ref.id});
    }
    return detail::load_seats(store, "1", {});
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

Committee committee_on(store::Store& store, std::optional<Date> date) {
    Committee out;
    out.as_of = date.value_or(store.today());
    out.seats = committee_as_of(store, out.as_of);
    out.observers = observers_as_of(store, out.as_of);
    out.secretariat = secretariat_as_of(store, out.as_of);
    return out;
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
    store::bind(q, ":day", store.today());
    std::vector<std::string> out;
    while (q.executeStep()) {
        out.push_back(q.getColumn(0).getString());
    }
    return out;
}

}  // namespace nacsa::governance
