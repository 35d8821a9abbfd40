// SPDX-License-Identifier: Apache-2.0
#include "governance/detail.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include "core/message_list.hpp"
#include "core/text.hpp"
#include "i18n/i18n.hpp"
#include "members/interest.hpp"
#include "members/lookup.hpp"
#include "store/sql.hpp"

namespace nacsa::governance::detail {

std::vector<Seat> seat_rows(store::Store& store, const std::string& where,
                            const std::vector<std::string>& params) {
    SQLite::Statement q(store.db(),
                        "SELECT s.id, s.member_id, s.contact_id, s.role, s.term_start, "
                        "s.term_end, s.ended_on, s.end_reason, s.election_id FROM seat s WHERE " +
                            where + " ORDER BY s.term_start, s.id");
    for (std::size_t i = 0; i < params.size(); ++i) {
        q.bind(static_cast<int>(i + 1), params[i]);
    }
    std::vector<Seat> seats;
    while (q.executeStep()) {
        Seat s;
        s.id = q.getColumn(0).getInt64();
        s.member_id = q.getColumn(1).getString();
        s.contact_id = q.getColumn(2).getInt64();
        s.role = q.getColumn(3).getString();
        s.term_start = store::date(q.getColumn(4));
        s.term_end = store::date(q.getColumn(5));
        s.ended_on = store::optional_date(q.getColumn(6));
        s.end_reason = store::text(q.getColumn(7));
        s.election_id = store::optional_int64(q.getColumn(8));
        seats.push_back(std::move(s));
    }
    return seats;
}

void with_people(store::Store& store, std::vector<Seat>& seats) {
    std::vector<std::string> member_ids;
    std::vector<std::int64_t> contact_ids;
    for (const auto& s : seats) {
        member_ids.push_back(s.member_id);
        contact_ids.push_back(s.contact_id);
    }
    const auto refs = members::member_refs(store, member_ids);
    const auto people = members::people(store, contact_ids);
    for (auto& s : seats) {
        if (const auto m = refs.find(s.member_id); m != refs.end()) {
            s.member_name = m->second.name;
            s.region = m->second.region;
            s.thematic_areas = m->second.thematic_areas;
        }
        if (const auto p = people.find(s.contact_id); p != people.end()) {
            s.representative = p->second.name;
            s.gender = p->second.gender;
        }
    }
}

std::vector<Seat> load_seats(store::Store& store, const std::string& where,
                             const std::vector<std::string>& params) {
    auto seats = seat_rows(store, where, params);
    with_people(store, seats);
    return seats;
}

Date term_end(Date from, int months) {
    return add_days(add_months(from, months), -1);
}

Diagnostic unknown_role(const config::Alliance& alliance, const std::string& key,
                        const std::string& field) {
    std::vector<std::string> keys;
    for (const auto& r : alliance.roles) {
        keys.push_back(r.key);
    }
    return Diagnostic{.field = field,
                      .message = msg("\"{}\" is not a role of this alliance (known: {})",
                                     text::escape_control(key), text::join(keys, ", "))};
}

std::optional<int> holder_limit(const config::Role& role) {
    return role.leading ? std::optional<int>(1) : role.max_holders;
}

std::string member_id_or_text(store::Store& store, const std::string& reference) {
    const auto member = members::find_member_ref(store, reference);
    return member ? member->id : reference;
}

Message status_text(const std::optional<members::MemberStatus>& status) {
    return status ? i18n::status_word(members::status_name(*status))
                  : msg("not yet in the register");
}

bool record_secretariat(store::Store& store, const std::string& member_id, Date from,
                        std::optional<std::int64_t> election_id,
                        std::optional<std::int64_t> seat_id) {
    auto& db = store.db();
    const std::string day = format_date(from);
    SQLite::Statement cur(
        db,
        "SELECT id, member_id FROM secretariat WHERE from_date <= ? AND "
        "(until_date IS NULL OR until_date > ?) ORDER BY from_date DESC, id DESC");
    cur.bind(1, day);
    cur.bind(2, day);
    std::vector<std::pair<std::int64_t, std::string>> current;
    while (cur.executeStep()) {
        current.emplace_back(cur.getColumn(0).getInt64(), cur.getColumn(1).getString());
    }
    if (current.size() == 1 && current.front().second == member_id) {
        return false;
    }
    SQLite::Statement end(db, "UPDATE secretariat SET until_date = ? WHERE id = ?");
    for (const auto& [id, previous] : current) {
        end.reset();
        end.bind(1, day);
        end.bind(2, static_cast<int64_t>(id));
        end.exec();
        store.audit("secretariat", std::to_string(id),
                    fmt::format("{} no longer secretariat from {}", previous, day));
    }
    SQLite::Statement ins(
        db,
        "INSERT INTO secretariat (member_id, from_date, election_id, seat_id) VALUES (?, ?, ?, ?)");
    ins.bind(1, member_id);
    ins.bind(2, day);
    store::bind(ins, 3, election_id);
    store::bind(ins, 4, seat_id);
    ins.exec();
    const auto id = db.getLastInsertRowid();
    store.audit("secretariat", std::to_string(id),
                fmt::format("{} serves as secretariat from {}", member_id, day));
    members::fulfil_interest(store, member_id, members::InterestKind::secretariat);
    return true;
}

void end_secretariat(store::Store& store, const std::string& member_id, Date day) {
    SQLite::Statement end(store.db(),
                          "UPDATE secretariat SET until_date = ? WHERE member_id = ? AND "
                          "from_date <= ? AND until_date IS NULL");
    store::bind(end, 1, day);
    end.bind(2, member_id);
    store::bind(end, 3, day);
    if (end.exec() > 0) {
        store.audit("secretariat", member_id,
                    fmt::format("{} no longer secretariat from {}", member_id, format_date(day)));
    }
}

namespace {

// The seats of a role held at once at the busiest moment of [from, to].
std::vector<Seat> busiest_holders(const std::vector<Seat>& seats, Date from, Date to) {
    std::vector<Date> points{from};
    for (const auto& s : seats) {
        if (s.term_start > from && s.term_start <= to) {
            points.push_back(s.term_start);
        }
    }
    std::vector<Seat> busiest;
    for (const auto p : points) {
        std::vector<Seat> held;
        for (const auto& s : seats) {
            if (s.held_on(p)) {
                held.push_back(s);
            }
        }
        if (held.size() > busiest.size()) {
            busiest = std::move(held);
        }
    }
    return busiest;
}

// A member holds one seat at a time.
void check_one_seat(store::Store& store, const NewSeat& seat, Diagnostics& problems) {
    for (const auto& other : seat_rows(store, "s.member_id = ?", {seat.member_id})) {
        if (other.id == seat.replacing) {
            continue;
        }
        if (other.term_start <= seat.to && seat.from <= other.last_day()) {
            problems.add(
                {.field = "member",
                 .message = msg("{} already holds a seat ({}, {} to {}); a member holds one seat "
                                "at a time (unseat it first)",
                                seat.member_id, other.role, format_date(other.term_start),
                                format_date(other.last_day()))});
            return;
        }
    }
}

// A role has at most its limit of holders at any time of the new term.
void check_role_free(store::Store& store, const config::Role& role, const NewSeat& seat,
                     Diagnostics& problems) {
    const auto limit = holder_limit(role);
    if (!limit) {
        return;
    }
    auto seats = seat_rows(store, "s.role = ?", {seat.role});
    std::erase_if(seats, [&](const Seat& s) { return s.id == seat.replacing; });
    const auto holders = busiest_holders(seats, seat.from, seat.to);
    if (static_cast<int>(holders.size()) < *limit) {
        return;
    }
    std::vector<Message> names;
    names.reserve(holders.size());
    for (const auto& h : holders) {
        names.push_back(msg("{} until {}", h.member_id, format_date(h.last_day())));
    }
    problems.add({.field = "role",
                  .message = role.leading
                                 ? msg("the leading role \"{}\" is already held by {} (at most {} "
                                       "at a time; unseat the current holder first)",
                                       seat.role, join_messages(names, ", "), *limit)
                                 : msg("role \"{}\" is already held by {} (at most {} at a time)",
                                       seat.role, join_messages(names, ", "), *limit)});
}

}  // namespace

void check_seat(store::Store& store, const NewSeat& seat) {
    const auto* role = store.alliance().find_role(seat.role);
    if (role == nullptr) {
        throw ValidationError({unknown_role(store.alliance(), seat.role, "role")});
    }
    if (seat.to < seat.from) {
        throw ValidationError(
            {Diagnostic{.field = "to",
                        .message = msg("the term ends ({}) before it starts ({})",
                                       format_date(seat.to), format_date(seat.from))}});
    }
    Diagnostics problems;
    check_one_seat(store, seat, problems);
    check_role_free(store, *role, seat, problems);
    problems.throw_if_any();
}

std::int64_t insert_seat(store::Store& store, const NewSeat& seat) {
    check_seat(store, seat);
    const auto* role = store.alliance().find_role(seat.role);
    SQLite::Statement ins(
        store.db(),
        "INSERT INTO seat (member_id, contact_id, role, term_start, term_end, election_id, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, seat.member_id);
    ins.bind(2, static_cast<int64_t>(seat.contact_id));
    ins.bind(3, seat.role);
    store::bind(ins, 4, seat.from);
    store::bind(ins, 5, seat.to);
    store::bind(ins, 6, seat.election_id);
    ins.bind(7, format_timestamp(now()));
    ins.exec();
    const auto id = store.db().getLastInsertRowid();
    store.audit("seat", std::to_string(id),
                fmt::format("seated {} as {} from {} to {}{}", seat.member_id, seat.role,
                            format_date(seat.from), format_date(seat.to),
                            seat.election_id ? fmt::format(" (election {})", *seat.election_id)
                                             : std::string{}));
    members::fulfil_interest(store, seat.member_id, members::InterestKind::steering_committee);
    if (role->leading) {
        members::fulfil_interest(store, seat.member_id, members::InterestKind::coordinator);
    }
    return id;
}

void end_seat(store::Store& store, const Seat& seat, Date day, const std::string& reason,
              const std::string& summary) {
    SQLite::Statement end(store.db(), "UPDATE seat SET ended_on = ?, end_reason = ? WHERE id = ?");
    store::bind(end, 1, day);
    end.bind(2, reason);
    end.bind(3, static_cast<int64_t>(seat.id));
    end.exec();
    store.audit("seat", std::to_string(seat.id), summary);
}

}  // namespace nacsa::governance::detail
