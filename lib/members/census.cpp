// SPDX-License-Identifier: Apache-2.0
#include "members/census.hpp"

#include <SQLiteCpp/Statement.h>

#include <unordered_set>

#include "store/sql.hpp"

namespace nacsa::members {

namespace {

// The status of member `m` on :d, by the rule of census.hpp.
constexpr const char* k_status_on = R"(
    COALESCE((SELECT h.status FROM member_status_history h
               WHERE h.member_id = m.id AND h.date <= :d AND h.voided_at IS NULL
               ORDER BY h.date DESC, h.id DESC LIMIT 1),
             CASE WHEN m.joined IS NOT NULL AND m.joined <= :d
                  THEN (SELECT h.status FROM member_status_history h
                         WHERE h.member_id = m.id AND h.voided_at IS NULL
                         ORDER BY h.date, h.id LIMIT 1) END))";

MemberStatus status_of(const SQLite::Column& column) {
    return parse_status(column.getString()).value_or(MemberStatus::active);
}

// Adds one to counts[key] for each (member, key) row whose member is in `active`.
void count_active(SQLite::Statement& q, const std::unordered_set<std::string>& active,
                  std::map<std::string, std::int64_t>& counts) {
    while (q.executeStep()) {
        if (active.count(q.getColumn(0).getString()) != 0) {
            ++counts[q.getColumn(1).getString()];
        }
    }
}

}  // namespace

std::optional<MemberStatus> status_on(store::Store& store, const std::string& member_id,
                                      Date date) {
    SQLite::Statement q(store.db(),
                        std::string("SELECT ") + k_status_on + " FROM member m WHERE m.id = :id");
    store::bind(q, ":d", date);
    q.bind(":id", member_id);
    if (!q.executeStep() || q.getColumn(0).isNull()) {
        return std::nullopt;
    }
    return status_of(q.getColumn(0));
}

std::vector<std::string> active_on(store::Store& store, Date date) {
    SQLite::Statement q(store.db(), std::string("SELECT m.id FROM member m WHERE ") + k_status_on +
                                        " = 'active' ORDER BY m.id");
    store::bind(q, ":d", date);
    std::vector<std::string> out;
    while (q.executeStep()) {
        out.push_back(q.getColumn(0).getString());
    }
    return out;
}

CensusCounts census_counts(store::Store& store, Date from, Date to) {
    CensusCounts out;
    SQLite::Statement q(store.db(),
                        std::string("SELECT count(*) FILTER (WHERE s = 'active'), count(*) FILTER "
                                    "(WHERE s IS NOT NULL AND j BETWEEN :from AND :to), count(*) "
                                    "FILTER (WHERE s IS NOT NULL) FROM (SELECT m.joined AS j, ") +
                            k_status_on + " AS s FROM member m)");
    store::bind(q, ":d", to);
    store::bind(q, ":from", from);
    store::bind(q, ":to", to);
    if (q.executeStep()) {
        out.active = q.getColumn(0).getInt64();
        out.joined = q.getColumn(1).getInt64();
        out.in_register = q.getColumn(2).getInt64();
    }
    SQLite::Statement left(store.db(), R"(
        SELECT count(*) FROM member_status_history h JOIN member m ON m.id = h.member_id
         WHERE h.status = 'withdrawn' AND h.voided_at IS NULL AND h.date BETWEEN :from AND :to)");
    store::bind(left, ":from", from);
    store::bind(left, ":to", to);
    if (left.executeStep()) {
        out.withdrawals = left.getColumn(0).getInt64();
    }
    return out;
}

Census census(store::Store& store, Date from, Date to) {
    Census out;
    auto& db = store.db();
    // "+m.sort_key": sorted, not read through the name index (see list_members).
    SQLite::Statement members(db, std::string("SELECT m.id, m.name, m.type, m.region, m.joined, ") +
                                      k_status_on + " FROM member m ORDER BY +m.sort_key, m.id");
    store::bind(members, ":d", to);
    std::unordered_set<std::string> active;
    while (members.executeStep()) {
        if (members.getColumn(5).isNull()) {
            continue;
        }
        MemberOnDate m{members.getColumn(0).getString(),  members.getColumn(1).getString(),
                       members.getColumn(2).getString(),  store::text(members.getColumn(3)),
                       store::text(members.getColumn(4)), status_of(members.getColumn(5))};
        if (m.status == MemberStatus::active) {
            active.insert(m.id);
        }
        out.members.push_back(std::move(m));
    }

    SQLite::Statement left(db, R"(
        SELECT m.id, m.name, h.date FROM member_status_history h JOIN member m ON m.id = h.member_id
         WHERE h.status = 'withdrawn' AND h.voided_at IS NULL AND h.date BETWEEN :from AND :to
         ORDER BY h.date, m.sort_key, h.id)");
    store::bind(left, ":from", from);
    store::bind(left, ":to", to);
    while (left.executeStep()) {
        out.withdrawals.push_back({left.getColumn(0).getString(), left.getColumn(1).getString(),
                                   store::date(left.getColumn(2))});
    }

    SQLite::Statement themes(db, "SELECT member_id, theme FROM member_theme");
    count_active(themes, active, out.active_by_theme);
    SQLite::Statement services(db, "SELECT member_id, service FROM member_service");
    count_active(services, active, out.active_by_service);
    SQLite::Statement genders(db, "SELECT member_id, gender FROM contact WHERE erased_at IS NULL");
    count_active(genders, active, out.active_contacts_by_gender);
    return out;
}

}  // namespace nacsa::members
