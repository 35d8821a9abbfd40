// SPDX-License-Identifier: Apache-2.0
#include "members/census.hpp"

#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

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

// A parameterless query read row by row through SQLite's own interface: the census reads
// hundreds of thousands of rows, and SQLiteCpp's Column (a shared pointer copied for each value
// read) cost nearly as much as SQLite's step itself.
class Rows {
  public:
    Rows(SQLite::Database& db, const char* sql) : db_(db.getHandle()) {
        if (const int rc = sqlite3_prepare_v2(db_, sql, -1, &stmt_, nullptr); rc != SQLITE_OK) {
            throw SQLite::Exception(db_, rc);
        }
    }
    ~Rows() { sqlite3_finalize(stmt_); }
    Rows(const Rows&) = delete;
    Rows& operator=(const Rows&) = delete;

    // The next row; false at the end.
    bool next() {
        const int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) {
            return true;
        }
        if (rc != SQLITE_DONE) {
            throw SQLite::Exception(db_, rc);
        }
        return false;
    }
    // A column's bytes, valid until the next row ("" for NULL).
    [[nodiscard]] std::string_view text(int column) const {
        const auto* bytes = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
        return bytes == nullptr
                   ? std::string_view()
                   : std::string_view(
                         bytes, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
    }
    [[nodiscard]] std::optional<std::string_view> optional_text(int column) const {
        if (sqlite3_column_type(stmt_, column) == SQLITE_NULL) {
            return std::nullopt;
        }
        return text(column);
    }

  private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

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
        advance();
    }

    // The status on the date of member `id`, whose joined date is `joined` (nullopt: NULL), or
    // nullopt when it was not in the register then. Called in ascending order of id; the text
    // stays valid until the next call.
    std::optional<std::string_view> status(std::string_view id,
                                           std::optional<std::string_view> joined) {
        while (more_ && member_ < id) {
            advance();
        }
        bool any = false;
        bool latest = false;
        // In date order, then in the order recorded: the latest entry on or before the date is
        // the last one seen.
        while (more_ && member_ == id) {
            const auto status = history_.text(2);
            if (!any) {
                first_.assign(status);
                any = true;
            }
            if (history_.text(1) <= date_) {
                latest_.assign(status);
                latest = true;
            }
            advance();
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
    void advance() {
        more_ = history_.next();
        member_ = more_ ? history_.text(0) : std::string_view();
    }

    Rows history_;
    std::string date_;
    bool more_ = false;
    std::string_view member_;  // of the current row
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

// Counts the (member, key) rows of `sql` by key, leaving out those of members in `left_out`.
std::map<std::string, std::int64_t> count_except(SQLite::Database& db, const char* sql,
                                                 const IdSet& left_out) {
    Rows rows(db, sql);
    KeyCounts counts;
    while (rows.next()) {
        if (left_out.find(rows.text(0)) == left_out.end()) {
            counts.add(rows.text(1));
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
    Rows q(store.db(), "SELECT m.id, m.joined FROM member m ORDER BY m.id");
    StatusWalk walk(store.db(), to);
    const auto first = format_date(from);
    const auto last = format_date(to);
    while (q.next()) {
        const auto joined = q.optional_text(1);
        const auto status = walk.status(q.text(0), joined);
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
    Rows members(db,
                 "SELECT m.id, m.type, m.region, m.joined, m.name, m.sort_key FROM member m "
                 "ORDER BY m.id");
    StatusWalk walk(db, to);
    const auto first = format_date(from);
    const auto last = format_date(to);
    KeyCounts by_type;
    KeyCounts by_region;
    IdSet not_active;                    // not in the register on `to`, or not active then
    std::vector<MemberOnDate> joined;    // in id order
    std::vector<std::string> sort_keys;  // theirs
    while (members.next()) {
        const auto id = members.text(0);
        const auto on_date = walk.status(id, members.optional_text(3));
        if (!on_date) {
            not_active.emplace(id);
            continue;
        }
        const auto status = status_of(*on_date);
        ++out.in_register;
        ++out.by_status[status];
        if (status == MemberStatus::active) {
            by_type.add(members.text(1));
            by_region.add(members.text(2));  // NULL: ""
        } else {
            not_active.emplace(id);
        }
        // ISO dates compare as text; an unknown joined date ("") is before every period.
        const auto date = members.text(3);
        if (date >= first && date <= last) {
            sort_keys.emplace_back(members.text(5));
            joined.push_back(MemberOnDate{std::string(id), std::string(members.text(4)),
                                          std::string(members.text(1)),
                                          std::string(members.text(2)), std::string(date), status});
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
    out.active_by_theme = count_except(db, "SELECT member_id, theme FROM member_theme", not_active);
    out.active_by_service =
        count_except(db, "SELECT member_id, service FROM member_service", not_active);
    out.active_contacts_by_gender = count_except(
        db, "SELECT member_id, gender FROM contact WHERE erased_at IS NULL", not_active);
    return out;
}

}  // namespace nacsa::members
