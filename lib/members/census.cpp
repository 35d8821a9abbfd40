// SPDX-License-Identifier: Apache-2.0
#include "members/census.hpp"

#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_set>

#include "core/error.hpp"
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
    [[nodiscard]] std::int64_t integer(int column) const {
        return sqlite3_column_int64(stmt_, column);
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

// The rule of k_status_on for every member, on one date or two at once, read in id order beside
// the status history in the same order: two scans merged, instead of two look-ups in the history
// for each member and date (a register may hold 100,000 members). Ids compare byte by byte, as
// SQLite's BINARY collation.
class StatusWalk {
  public:
    StatusWalk(SQLite::Database& db, Date date, std::optional<Date> second = std::nullopt)
        : history_(db,
                   "SELECT member_id, date, status, id FROM member_status_history "
                   "WHERE voided_at IS NULL ORDER BY member_id, date, id"),
          dates_{format_date(date), second ? format_date(*second) : std::string()},
          count_(second ? 2 : 1) {
        advance();
    }

    // A withdrawal in the history: its date and its entry's id.
    struct Withdrawn {
        std::string date;
        std::int64_t entry = 0;
    };

    // Lists, for each member found, its withdrawals dated in `period` (withdrawn()).
    void list_withdrawals(const Period& period) {
        listed_ = {format_date(period.from), format_date(period.to)};
    }
    // Counts, as the walk goes, the withdrawals of the members found that are dated in
    // `period` (withdrawals()).
    void count_withdrawals(const Period& period) {
        counted_ = {format_date(period.from), format_date(period.to)};
    }
    // The withdrawals counted so far: those of the members found, when all have been, those of
    // all the members.
    [[nodiscard]] std::int64_t withdrawals() const { return withdrawals_; }
    // The withdrawals listed of the member found last, in date order, then in the order recorded.
    [[nodiscard]] const std::vector<Withdrawn>& withdrawn() const { return withdrawn_; }

    // Moves to member `id`, whose joined date is `joined` (nullopt: NULL); status() then gives
    // its status on each date. Called in ascending order of id; `joined` must stay valid until
    // the next call.
    void find(std::string_view id, std::optional<std::string_view> joined) {
        while (more_ && member_ < id) {
            advance();
        }
        joined_ = joined;
        withdrawn_.clear();
        any_ = false;
        latest_[0] = latest_[1] = false;
        // In date order, then in the order recorded: the latest entry on or before a date is
        // the last one seen.
        while (more_ && member_ == id) {
            const auto status = history_.text(2);
            if (!any_) {
                first_.assign(status);
                any_ = true;
            }
            const auto date = history_.text(1);
            if (status == "withdrawn") {
                if (listed_.holds(date)) {
                    withdrawn_.push_back({std::string(date), history_.integer(3)});
                }
                if (counted_.holds(date)) {
                    ++withdrawals_;
                }
            }
            for (std::size_t i = 0; i < count_; ++i) {
                if (date <= dates_[i]) {
                    status_[i].assign(status);
                    latest_[i] = true;
                }
            }
            advance();
        }
    }

    // The status of the member found last on the first date (0) or the second (1), or nullopt
    // when it was not in the register then. The text stays valid until the next find().
    [[nodiscard]] std::optional<std::string_view> status(std::size_t date = 0) const {
        if (latest_[date]) {
            return status_[date];
        }
        // None on or before the date, but joined on or before it: its first entry's status.
        if (any_ && joined_ && *joined_ <= dates_[date]) {
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
    std::array<std::string, 2> dates_;
    std::size_t count_;
    bool more_ = false;
    std::string_view member_;  // of the current row
    // The member found last.
    std::optional<std::string_view> joined_;
    bool any_ = false;
    std::array<bool, 2> latest_{};
    std::string first_;
    std::array<std::string, 2> status_;
    // A period as ISO dates; empty: none.
    struct Days {
        std::string from;
        std::string to;
        [[nodiscard]] bool holds(std::string_view date) const {
            return !from.empty() && date >= from && date <= to;
        }
    };
    Days listed_;
    Days counted_;
    std::vector<Withdrawn> withdrawn_;
    std::int64_t withdrawals_ = 0;
};

// Adds a member in the register on the last day of a period (with its status `status` then and
// its joined date `joined`, "" when not known) to the period's totals.
void count_in(CensusCounts& counts, std::string_view status, std::string_view joined,
              const std::string& first, const std::string& last) {
    ++counts.in_register;
    counts.active += status == "active" ? 1 : 0;
    // ISO dates compare as text; an unknown joined date ("") is before every period.
    counts.joined += joined >= first && joined <= last ? 1 : 0;
}

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

Census census(store::Store& store, Date from, Date to, std::optional<Period> previous) {
    Census out;
    auto& db = store.db();
    // One pass over the members, in id order; only the members who joined in the period
    // are kept (and sorted by name below), the others are counted.
    Rows members(
        db,
        "SELECT m.id, m.type, m.region, m.joined, m.name, m.sort_key, m.net4u FROM member m "
        "ORDER BY m.id");
    StatusWalk walk(db, to, previous ? std::optional<Date>(previous->to) : std::nullopt);
    walk.list_withdrawals({from, to});
    if (previous) {
        walk.count_withdrawals(*previous);
    }
    const auto first = format_date(from);
    const auto last = format_date(to);
    CensusCounts before;
    const auto before_first = previous ? format_date(previous->from) : std::string();
    const auto before_last = previous ? format_date(previous->to) : std::string();
    KeyCounts by_type;
    KeyCounts by_region;
    IdSet not_active;                    // not in the register on `to`, or not active then
    std::vector<MemberOnDate> joined;    // in id order
    std::vector<std::string> sort_keys;  // theirs
    // The withdrawals dated in the period, with what orders them (date, the member's sort key,
    // the entry's id).
    struct Listed {
        Withdrawal withdrawal;
        std::string date;
        std::string sort_key;
        std::int64_t entry = 0;
    };
    std::vector<Listed> left;
    while (members.next()) {
        const auto id = members.text(0);
        walk.find(id, members.optional_text(3));
        for (const auto& w : walk.withdrawn()) {
            left.push_back(
                {{std::string(id), std::string(members.text(4)), store::date(w.date, "date")},
                 w.date,
                 std::string(members.text(5)),
                 w.entry});
        }
        if (previous) {
            if (const auto then = walk.status(1)) {
                count_in(before, *then, members.text(3), before_first, before_last);
            }
        }
        const auto on_date = walk.status(0);
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
            out.active_net4u += members.integer(6) != 0 ? 1 : 0;
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

    // As SQLite orders "ORDER BY h.date, m.sort_key, h.id".
    std::sort(left.begin(), left.end(), [](const Listed& a, const Listed& b) {
        return std::tie(a.date, a.sort_key, a.entry) < std::tie(b.date, b.sort_key, b.entry);
    });
    out.withdrawals.reserve(left.size());
    for (auto& w : left) {
        out.withdrawals.push_back(std::move(w.withdrawal));
    }

    if (previous) {
        before.withdrawals = walk.withdrawals();
        out.previous = before;
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
