#include "governance/detail.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/error.hpp"
#include "core/text.hpp"
#include "members/interest.hpp"

namespace nacsa::governance::detail {

MemberRef require_member(SQLite::Database& db, const std::string& id) {
    SQLite::Statement q(db, "SELECT id, name, status FROM member WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep()) {
        throw NotFoundError(fmt::format("no member with id \"{}\" (see 'nacsa member list')",
                                        text::escape_control(id)));
    }
    return MemberRef{q.getColumn(0).getString(), q.getColumn(1).getString(),
                     q.getColumn(2).getString()};
}

std::int64_t find_representative(SQLite::Database& db, const MemberRef& member,
                                 const std::string& text, const std::string& field) {
    const std::string wanted = text::fold(text::trim(text));
    SQLite::Statement q(db,
                        "SELECT id, name, IFNULL(email, ''), erased_at IS NOT NULL FROM contact "
                        "WHERE member_id = ? ORDER BY id");
    q.bind(1, member.id);
    std::vector<std::int64_t> matches;
    bool erased_match = false;
    while (q.executeStep()) {
        const auto id = q.getColumn(0).getInt64();
        const bool erased = q.getColumn(3).getInt() != 0;
        const bool match = std::to_string(id) == text::trim(text) ||
                           (!wanted.empty() && (text::fold(q.getColumn(1).getString()) == wanted ||
                                                text::fold(q.getColumn(2).getString()) == wanted));
        if (!match) {
            continue;
        }
        if (erased) {
            erased_match = true;
        } else {
            matches.push_back(id);
        }
    }
    if (matches.size() == 1) {
        return matches.front();
    }
    if (matches.size() > 1) {
        throw ValidationError(
            {Diagnostic{.field = field,
                        .message = fmt::format(
                            "\"{}\" matches {} contacts of {}; give the contact's e-mail or id",
                            text::escape_control(text), matches.size(), member.id)}});
    }
    throw ValidationError({Diagnostic{
        .field = field,
        .message = erased_match
                       ? fmt::format("the contact \"{}\" of {} was erased",
                                     text::escape_control(text), member.id)
                       : fmt::format("\"{}\" is not a contact of {} (see 'nacsa member show {}')",
                                     text::escape_control(text), member.id, member.id)}});
}

std::optional<std::int64_t> default_representative(SQLite::Database& db,
                                                   const std::string& member_id) {
    SQLite::Statement q(db,
                        "SELECT id FROM contact WHERE member_id = ? AND erased_at IS NULL "
                        "ORDER BY is_primary DESC, id");
    q.bind(1, member_id);
    std::vector<std::int64_t> ids;
    bool primary_first = false;
    SQLite::Statement p(db,
                        "SELECT COUNT(*) FROM contact WHERE member_id = ? AND erased_at IS NULL "
                        "AND is_primary = 1");
    p.bind(1, member_id);
    p.executeStep();
    primary_first = p.getColumn(0).getInt() > 0;
    while (q.executeStep()) {
        ids.push_back(q.getColumn(0).getInt64());
    }
    if (ids.empty() || (!primary_first && ids.size() > 1)) {
        return std::nullopt;
    }
    return ids.front();
}

std::string member_status_on(SQLite::Database& db, const std::string& member_id, Date date) {
    SQLite::Statement h(
        db,
        "SELECT status FROM member_status_history WHERE member_id = ? AND date <= ? "
        "ORDER BY date DESC, id DESC LIMIT 1");
    h.bind(1, member_id);
    h.bind(2, format_date(date));
    if (h.executeStep()) {
        return h.getColumn(0).getString();
    }
    SQLite::Statement m(db, "SELECT status FROM member WHERE id = ?");
    m.bind(1, member_id);
    return m.executeStep() ? m.getColumn(0).getString() : std::string{};
}

std::vector<std::string> active_members(SQLite::Database& db, Date date) {
    SQLite::Statement q(db,
                        "SELECT id FROM member WHERE joined IS NULL OR joined <= ? ORDER BY id");
    q.bind(1, format_date(date));
    std::vector<std::string> ids;
    while (q.executeStep()) {
        ids.push_back(q.getColumn(0).getString());
    }
    std::erase_if(
        ids, [&](const std::string& id) { return member_status_on(db, id, date) != "active"; });
    return ids;
}

std::optional<Date> date_column(const SQLite::Column& column) {
    if (column.isNull()) {
        return std::nullopt;
    }
    return parse_date(column.getString());
}

std::string text_column(const SQLite::Column& column) {
    return column.isNull() ? std::string{} : column.getString();
}

std::vector<Seat> load_seats(SQLite::Database& db, const std::string& where,
                             const std::vector<std::string>& params) {
    SQLite::Statement q(
        db,
        "SELECT s.id, s.member_id, m.name, s.contact_id, c.name, c.gender, c.erased_at, s.role, "
        "s.term_start, s.term_end, s.ended_on, s.end_reason, s.election_id, m.region "
        "FROM seat s JOIN member m ON m.id = s.member_id JOIN contact c ON c.id = s.contact_id "
        "WHERE " +
            where + " ORDER BY s.term_start, s.id");
    for (std::size_t i = 0; i < params.size(); ++i) {
        q.bind(static_cast<int>(i + 1), params[i]);
    }
    std::vector<Seat> seats;
    while (q.executeStep()) {
        Seat s;
        s.id = q.getColumn(0).getInt64();
        s.member_id = q.getColumn(1).getString();
        s.member_name = q.getColumn(2).getString();
        s.contact_id = q.getColumn(3).getInt64();
        s.representative = q.getColumn(6).isNull() ? q.getColumn(4).getString() : std::string{};
        s.gender = q.getColumn(5).getString();
        s.role = q.getColumn(7).getString();
        s.term_start = date_column(q.getColumn(8)).value_or(Date{});
        s.term_end = date_column(q.getColumn(9)).value_or(Date{});
        s.ended_on = date_column(q.getColumn(10));
        s.end_reason = text_column(q.getColumn(11));
        if (!q.getColumn(12).isNull()) {
            s.election_id = q.getColumn(12).getInt64();
        }
        s.region = text_column(q.getColumn(13));
        seats.push_back(std::move(s));
    }
    SQLite::Statement t(db, "SELECT theme FROM member_theme WHERE member_id = ? ORDER BY theme");
    for (auto& s : seats) {
        t.reset();
        t.bind(1, s.member_id);
        while (t.executeStep()) {
            s.thematic_areas.push_back(t.getColumn(0).getString());
        }
    }
    return seats;
}

Date today_in(store::Store& store) {
    return today(store.alliance().time_zone);
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
    for (const auto& [id, previous] : current) {
        SQLite::Statement end(db, "UPDATE secretariat SET until_date = ? WHERE id = ?");
        end.bind(1, day);
        end.bind(2, id);
        end.exec();
        store.audit("secretariat", std::to_string(id),
                    fmt::format("{} no longer secretariat from {}", previous, day));
    }
    SQLite::Statement ins(
        db,
        "INSERT INTO secretariat (member_id, from_date, election_id, seat_id) VALUES (?, ?, ?, ?)");
    ins.bind(1, member_id);
    ins.bind(2, day);
    if (election_id) {
        ins.bind(3, *election_id);
    }
    if (seat_id) {
        ins.bind(4, *seat_id);
    }
    ins.exec();
    const auto id = db.getLastInsertRowid();
    store.audit("secretariat", std::to_string(id),
                fmt::format("{} serves as secretariat from {}", member_id, day));
    members::fulfil_interest(store, member_id, members::InterestKind::secretariat);
    return true;
}

namespace {

// How many seats of `role` are held at once at the busiest moment of [from, to].
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

}  // namespace

std::int64_t insert_seat(store::Store& store, const NewSeat& seat) {
    auto& db = store.db();
    const auto& alliance = store.alliance();
    const auto* role = alliance.find_role(seat.role);
    if (role == nullptr) {
        std::vector<std::string> keys;
        for (const auto& r : alliance.roles) {
            keys.push_back(r.key);
        }
        throw ValidationError({Diagnostic{
            .field = "role",
            .message = fmt::format("\"{}\" is not a role of this alliance (known: {})",
                                   text::escape_control(seat.role), text::join(keys, ", "))}});
    }
    if (seat.to < seat.from) {
        throw ValidationError(
            {Diagnostic{.field = "to",
                        .message = fmt::format("the term ends ({}) before it starts ({})",
                                               format_date(seat.to), format_date(seat.from))}});
    }
    Diagnostics problems;
    // A member cannot hold two seats at once.
    for (const auto& other : load_seats(db, "s.member_id = ?", {seat.member_id})) {
        if (other.term_start <= seat.to && seat.from <= other.last_day()) {
            problems.add({.field = "member",
                          .message = fmt::format(
                              "{} already holds a seat ({}, {} to {}); a member holds one seat "
                              "at a time (unseat it first)",
                              seat.member_id, other.role, format_date(other.term_start),
                              format_date(other.last_day()))});
            break;
        }
    }
    const std::optional<int> limit = role->leading ? std::optional<int>(1) : role->max_holders;
    if (limit) {
        const auto holders =
            busiest_holders(load_seats(db, "s.role = ?", {seat.role}), seat.from, seat.to);
        if (static_cast<int>(holders.size()) >= *limit) {
            std::vector<std::string> names;
            for (const auto& h : holders) {
                names.push_back(fmt::format("{} until {}", h.member_id, format_date(h.last_day())));
            }
            problems.add(
                {.field = "role",
                 .message = fmt::format("{} \"{}\" is already held by {} (at most {} at a time{})",
                                        role->leading ? "the leading role" : "role", seat.role,
                                        text::join(names, ", "), *limit,
                                        role->leading ? "; unseat the current holder first" : "")});
        }
    }
    problems.throw_if_any();
    SQLite::Statement ins(
        db,
        "INSERT INTO seat (member_id, contact_id, role, term_start, term_end, election_id, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, seat.member_id);
    ins.bind(2, seat.contact_id);
    ins.bind(3, seat.role);
    ins.bind(4, format_date(seat.from));
    ins.bind(5, format_date(seat.to));
    if (seat.election_id) {
        ins.bind(6, *seat.election_id);
    }
    ins.bind(7, format_timestamp(now()));
    ins.exec();
    const auto id = db.getLastInsertRowid();
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

}  // namespace nacsa::governance::detail
