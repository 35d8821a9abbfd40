// SPDX-License-Identifier: Apache-2.0
#include "members/census.hpp"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>
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

MemberStatus status_of(std::string_view status) {
    return parse_status(status).value_or(MemberStatus::active);
}

std::string_view view(const SQLite::Column& column) {
    return {static_cast<const char*>(column.getBlob()),
            static_cast<std::size_t>(column.getBytes())};
}

std::optional<std::string_view> joined_of(const SQLite::Column& column) {
    if (column.isNull()) {
        return std::nullopt;
    }
    return view(column);
}

// The rule of k_status_on for every member, read in id order beside the status history in the
// same order: two scans merged, instead of two look-ups in the history for each member (a
// register may hold 100,000 members). Ids compare byte by byte, as SQLite's BINARY collation.
class StatusWalk {
  public:
    StatusWalk(SQLite::Database& db, Date date)
        : history_(db,
                   "SELECT member_id, date, status FROM member_status_history "
                   "WHERE voided_at IS NULL ORDER BY member_id, date, id"),
          date_(format_date(date)) {
        more_ = history_.executeStep();
    }

    // The status on the date of member `id`, whose joined date is `joined` (nullopt: NULL), or
    // nullopt when it was not in the register then. Called in ascending order of id; the text
    // stays valid until the next call.
    std::optional<std::string_view> status(std::string_view id,
                                           std::optional<std::string_view> joined) {
        while (more_ && view(history_.getColumn(0)) < id) {
            more_ = history_.executeStep();
        }
        bool any = false;
        bool latest = false;
        // In date order, then in the order recorded: the latest entry on or before the date is
        // the last one seen.
        while (more_ && view(history_.getColumn(0)) == id) {
            const auto status = view(history_.getColumn(2));
            if (!any) {
                first_.assign(status);
                any = true;
            }
            if (view(history_.getColumn(1)) <= date_) {
                latest_.assign(status);
                latest = true;
            }
            more_ = history_.executeStep();
        }
        if (latest) {
            return latest_;
        }
        // None on or before the date, but joined on or before it: its first entry's status.
        if (any && joined && *joined <= date_) {
            return first_;
        }
        return std::nullopt;
    }

  private:
    SQLite::Statement history_;
    std::string date_;
    bool more_ = false;
    std::string first_;
    std::string latest_;
};

// Counts by key while reading a table: a handful of keys (types, regions, themes, genders), so a
// short list searched in turn, without a string made per row.
class KeyCounts {
  public:
    void add(std::string_view key) {
        for (auto& [k, n] : counts_) {
            if (k == key) {
                ++n;
                return;
            }
        }
        counts_.emplace_back(std::string(key), 1);
    }
    [[nodiscard]] std::map<std::string, std::int64_t> sorted() const {
        return {counts_.begin(), counts_.end()};
    }

  private:
    std::vector<std::pair<std::string, std::int64_t>> counts_;
};

// Member ids looked up by their text as SQLite gives it, without a string made per row.
struct IdHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view id) const { return std::hash<std::string_view>{}(id); }
};
using IdSet = std::unordered_set<std::string, IdHash, std::equal_to<>>;

// Counts the (member, key) rows of `q` by key, leaving out those of members in `left_out`.
std::map<std::string, std::int64_t> count_except(SQLite::Statement& q, const IdSet& left_out) {
    KeyCounts counts;
    while (q.executeStep()) {
        if (left_out.find(view(q.getColumn(0))) == left_out.end()) {
            counts.add(view(q.getColumn(1)));
        }
    }
    return counts.sorted();
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
    SQLite::Statement q(store.db(), "SELECT m.id, m.joined FROM member m ORDER BY m.id");
    StatusWalk walk(store.db(), to);
    const auto first = format_date(from);
    const auto last = format_date(to);
    while (q.executeStep()) {
        const auto joined = joined_of(q.getColumn(1));
        const auto status = walk.status(view(q.getColumn(0)), joined);
        if (!status) {
            continue;
        }
        ++out.in_register;
        out.active += *status == "active" ? 1 : 0;
        out.joined += joined && *joined >= first && *joined <= last ? 1 : 0;
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
    // One pass over the members, in id order; only the members who joined in the period
    // are kept (and sorted by name below), the others are counted.
    SQLite::Statement members(
        db,
        "SELECT m.id, m.type, m.region, m.joined, m.name, m.sort_key FROM member m ORDER BY m.id");
    StatusWalk walk(db, to);
    const auto first = format_date(from);
    const auto last = format_date(to);
    KeyCounts by_type;
    KeyCounts by_region;
    IdSet not_active;                    // not in the register on `to`, or not active then
    std::vector<MemberOnDate> joined;    // in id order
    std::vector<std::string> sort_keys;  // theirs
    while (members.executeStep()) {
        const auto on_date =
            walk.status(view(members.getColumn(0)), joined_of(members.getColumn(3)));
        if (!on_date) {
            not_active.emplace(view(members.getColumn(0)));
            continue;
        }
        const auto status = status_of(*on_date);
        ++out.in_register;
        ++out.by_status[status];
        if (status == MemberStatus::active) {
            by_type.add(view(members.getColumn(1)));
            by_region.add(view(members.getColumn(2)));  // NULL: ""
        } else {
            not_active.emplace(view(members.getColumn(0)));
        }
        // ISO dates compare as text; an unknown joined date ("") is before every period.
        const auto date = view(members.getColumn(3));
        if (date >= first && date <= last) {
            sort_keys.emplace_back(view(members.getColumn(5)));
            joined.push_back(
                MemberOnDate{members.getColumn(0).getString(), members.getColumn(4).getString(),
                             members.getColumn(1).getString(), store::text(members.getColumn(2)),
                             std::string(date), status});
        }
    }
    out.active_by_type = by_type.sorted();
    out.active_by_region = by_region.sorted();
    // As SQLite orders "ORDER BY m.sort_key, m.id" (both compared byte by byte): by sort key,
    // and read in id order. Their positions are sorted, not the members.
    std::vector<std::size_t> order(joined.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return sort_keys[a] < sort_keys[b]; });
    out.joined.reserve(joined.size());
    for (const auto i : order) {
        out.joined.push_back(std::move(joined[i]));
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

    // Every member's themes, services and contacts belong to a member of the table (foreign
    // keys), so those of members not left out are those of the members active on `to`.
    SQLite::Statement themes(db, "SELECT member_id, theme FROM member_theme");
    out.active_by_theme = count_except(themes, not_active);
    SQLite::Statement services(db, "SELECT member_id, service FROM member_service");
    out.active_by_service = count_except(services, not_active);
    SQLite::Statement genders(db, "SELECT member_id, gender FROM contact WHERE erased_at IS NULL");
    out.active_contacts_by_gender = count_except(genders, not_active);
    return out;
}

}  // namespace nacsa::members
