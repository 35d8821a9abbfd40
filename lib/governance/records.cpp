// SPDX-License-Identifier: Apache-2.0
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
                {Diagnostic{.field = "reason", .message = msg("a reason is required")}});
        }
        const Date day = on.value_or(store.today());
        const auto target = seat_to_end(store, member.id, day);
        if (!target) {
            throw NotFoundError(msg("{} holds no seat on {}", member.id, format_date(day)));
        }
        if (day < target->term_start) {
            throw ValidationError(
                {Diagnostic{.field = "on",
                            .message = msg("the seat starts on {}; it cannot end before",
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

namespace {

// What a correction changes in a seat, for the audit log ("from 2026-01-06 (was 2026-01-05)").
std::vector<std::string> seat_changes(const Seat& was, const detail::NewSeat& seat) {
    std::vector<std::string> out;
    if (seat.from != was.term_start) {
        out.push_back(
            fmt::format("from {} (was {})", format_date(seat.from), format_date(was.term_start)));
    }
    if (seat.to != was.term_end) {
        out.push_back(
            fmt::format("to {} (was {})", format_date(seat.to), format_date(was.term_end)));
    }
    if (seat.role != was.role) {
        out.push_back(fmt::format("role {} (was {})", seat.role, was.role));
    }
    if (seat.contact_id != was.contact_id) {
        out.emplace_back("representative");
    }
    return out;
}

void check_seat_edit(const config::Alliance& alliance, const Seat& was, const detail::NewSeat& seat,
                     const std::vector<std::string>& changed) {
    if (changed.empty()) {
        throw ValidationError(
            {Diagnostic{.field = "seat", .message = msg("nothing to change in seat {}", was.id)}});
    }
    const auto leading = [&](const std::string& key) {
        const auto* role = alliance.find_role(key);
        return role != nullptr && role->leading;
    };
    Diagnostics problems;
    if (seat.role != was.role && (leading(seat.role) || leading(was.role))) {
        problems.add({.field = "role",
                      .message = msg("the leading role is not given or taken by a correction "
                                     "(unseat and seat instead)")});
    }
    if (seat.to < seat.from) {
        problems.add({.field = "to",
                      .message = msg("the term ends ({}) before it starts ({})",
                                     format_date(seat.to), format_date(seat.from))});
    }
    if (was.ended_on && *was.ended_on < seat.from) {
        problems.add({.field = "from",
                      .message = msg("seat {} ended on {}; its term cannot start after", was.id,
                                     format_date(*was.ended_on))});
    }
    problems.throw_if_any();
}

}  // namespace

SeatEdited edit_seat(store::Store& store, std::int64_t id, const SeatChanges& changes,
                     const std::string& reason) {
    SeatEdited out;
    store.transaction([&] {
        const auto rows = detail::seat_rows(store, "s.id = ?", {std::to_string(id)});
        if (rows.empty()) {
            throw NotFoundError(msg("no seat {} (see 'nacsa committee history')", id));
        }
        const auto& was = rows.front();
        const std::string why(text::trim(reason));
        if (why.empty()) {
            throw ValidationError(
                {Diagnostic{.field = "reason", .message = msg("a reason is required")}});
        }
        detail::NewSeat seat{was.member_id,
                             was.contact_id,
                             changes.role.value_or(was.role),
                             changes.from.value_or(was.term_start),
                             changes.to.value_or(was.term_end),
                             was.election_id,
                             id};
        if (changes.representative) {
            seat.contact_id = members::resolve_contact(store, was.member_id,
                                                       *changes.representative, "representative")
                                  .id;
        }
        const auto changed = seat_changes(was, seat);
        check_seat_edit(store.alliance(), was, seat, changed);
        auto held = seat;  // checked for the days it is held: up to its early end
        if (was.ended_on) {
            held.to = std::max(seat.from, std::min(seat.to, add_days(*was.ended_on, -1)));
        }
        detail::check_seat(store, held);
        auto& db = store.db();
        SQLite::Statement u(db,
                            "UPDATE seat SET contact_id = ?, role = ?, term_start = ?, "
                            "term_end = ? WHERE id = ?");
        u.bind(1, static_cast<int64_t>(seat.contact_id));
        u.bind(2, seat.role);
        store::bind(u, 3, seat.from);
        store::bind(u, 4, seat.to);
        u.bind(5, static_cast<int64_t>(id));
        u.exec();
        SQLite::Statement s(db,
                            "UPDATE secretariat SET from_date = ?1 WHERE seat_id = ?2 AND "
                            "from_date = ?3 AND (until_date IS NULL OR until_date >= ?1)");
        store::bind(s, 1, seat.from);
        s.bind(2, static_cast<int64_t>(id));
        store::bind(s, 3, was.term_start);
        s.exec();
        store.audit("seat", std::to_string(id),
                    fmt::format("edited seat {} of {}: {}; reason: {}", id, was.member_id,
                                text::join(changed, ", "), why));
        out = {id, was.member_id};
    });
    return out;
}

// ---- Observers ---------------------------------------------------------------------------------

namespace {

// The fields of an observer's record.
void check_observer_fields(const ObserverRequest& request) {
    Diagnostics problems;
    if (text::trim(request.name).empty()) {
        problems.add({.field = "name", .message = msg("a name is required")});
    }
    if (text::trim(request.institution).empty()) {
        problems.add(
            {.field = "institution", .message = msg("the ministry or agency is required")});
    }
    if (!request.email.empty() && request.email.find('@') == std::string::npos) {
        problems.add({.field = "email",
                      .message = msg("\"{}\" is not an e-mail address",
                                     text::escape_control(request.email))});
    }
    problems.throw_if_any();
    const auto& genders = members::k_genders;
    if (std::find(genders.begin(), genders.end(), request.gender) == genders.end()) {
        throw ValidationError({Diagnostic{
            .field = "gender",
            .message = msg("\"{}\" is not a gender nacsa records (known: {})",
                           text::escape_control(request.gender), text::join(genders, ", "))}});
    }
}

void check_observer(const config::Alliance& alliance, const ObserverRequest& request) {
    check_observer_fields(request);
    if (!alliance.steering_committee.observer_seat) {
        throw ValidationError(
            {Diagnostic{.field = "observer",
                        .message = msg("this alliance's configuration has no observer seat "
                                       "(steering_committee.observer_seat is false)")}});
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
            throw NotFoundError(msg("no observer {} (see 'nacsa committee show')", id));
        }
        const auto observer = observer_from(q);
        const Date day = on.value_or(store.today());
        if (observer.until) {
            throw ValidationError({Diagnostic{.field = "observer",
                                              .message = msg("observer {} already ended on {}", id,
                                                             format_date(*observer.until))}});
        }
        if (day < observer.from) {
            throw ValidationError(
                {Diagnostic{.field = "on",
                            .message = msg("observer {} starts on {}; cannot end before", id,
                                           format_date(observer.from))}});
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

namespace {

Observer load_observer(store::Store& store, std::int64_t id) {
    SQLite::Statement q(store.db(), std::string(k_observer_columns) + "WHERE id = ?");
    q.bind(1, static_cast<int64_t>(id));
    if (!q.executeStep()) {
        throw NotFoundError(msg("no observer {} (see 'nacsa committee observer list')", id));
    }
    return observer_from(q);
}

// The observer as corrected, and the names of the fields that change.
std::pair<Observer, std::vector<std::string>> corrected(const Observer& was,
                                                        const ObserverChanges& changes) {
    Observer o = was;
    std::vector<std::string> fields;
    auto take = [&](const auto& given, auto& field, const char* name) {
        if (given && *given != field) {
            field = *given;
            fields.emplace_back(name);
        }
    };
    take(changes.name, o.name, "name");
    take(changes.institution, o.institution, "institution");
    take(changes.email, o.email, "email");
    take(changes.gender, o.gender, "gender");
    take(changes.from, o.from, "from");
    if (changes.until && o.until != changes.until) {
        o.until = changes.until;
        fields.emplace_back("until");
    }
    return {o, fields};
}

void check_corrected(const Observer& was, const Observer& o, const ObserverChanges& changes,
                     const std::vector<std::string>& fields) {
    if (fields.empty()) {
        throw ValidationError({Diagnostic{
            .field = "observer", .message = msg("nothing to change in observer {}", o.id)}});
    }
    Diagnostics problems;
    if (changes.until && !was.until) {
        problems.add({.field = "until",
                      .message = msg("observer {} has not ended (see 'nacsa committee "
                                     "observer end')",
                                     o.id)});
    }
    if (o.until && *o.until < o.from) {
        problems.add({.field = "from",
                      .message = msg("observer {} would start on {} after ending on {}", o.id,
                                     format_date(o.from), format_date(*o.until))});
    }
    problems.throw_if_any();
}

}  // namespace

void edit_observer(store::Store& store, std::int64_t id, const ObserverChanges& changes,
                   const std::optional<std::string>& reason) {
    store.transaction([&] {
        const auto was = load_observer(store, id);
        const auto [o, fields] = corrected(was, changes);
        check_corrected(was, o, changes, fields);
        check_observer_fields({o.name, o.institution, o.email, o.gender, o.from});
        SQLite::Statement u(store.db(),
                            "UPDATE observer SET name = ?, institution = ?, email = ?, gender = ?, "
                            "from_date = ?, until_date = ? WHERE id = ?");
        u.bind(1, std::string(text::trim(o.name)));
        u.bind(2, std::string(text::trim(o.institution)));
        store::bind_nonempty(u, 3, o.email);
        u.bind(4, o.gender);
        store::bind(u, 5, o.from);
        store::bind(u, 6, o.until);
        u.bind(7, static_cast<int64_t>(id));
        u.exec();
        const auto why = reason ? text::trim(*reason) : std::string_view{};
        store.audit("observer", std::to_string(id),
                    fmt::format("edited observer {}: {}{}", id, text::join(fields, ", "),
                                why.empty() ? "" : fmt::format("; reason: {}", why)));
    });
}

void delete_observer(store::Store& store, std::int64_t id, const std::string& reason) {
    store.transaction([&] {
        const auto o = load_observer(store, id);
        const std::string why(text::trim(reason));
        if (why.empty()) {
            throw ValidationError(
                {Diagnostic{.field = "reason", .message = msg("a reason is required")}});
        }
        SQLite::Statement d(store.db(), "DELETE FROM observer WHERE id = ?");
        d.bind(1, static_cast<int64_t>(id));
        d.exec();
        store.audit("observer", std::to_string(id),
                    fmt::format("deleted observer {} from {}; reason: {}", id, o.institution, why));
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
