#pragma once

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "governance/governance.hpp"
#include "store/store.hpp"

// Shared by the governance sources; not part of the library's interface.
namespace nacsa::governance::detail {

struct MemberRef {
    std::string id;
    std::string name;
    std::string status;
};

// The member with this id, or NotFoundError (exit 3).
[[nodiscard]] MemberRef require_member(SQLite::Database& db, const std::string& id);

// The contact of `member_id` that `text` names (numeric id, e-mail or name, accent- and
// case-insensitive); ValidationError (65) when none or several match, or the contact was erased.
[[nodiscard]] std::int64_t find_representative(SQLite::Database& db, const MemberRef& member,
                                               const std::string& text, const std::string& field);

// The member's primary contact (or its only one), if any.
[[nodiscard]] std::optional<std::int64_t> default_representative(SQLite::Database& db,
                                                                 const std::string& member_id);

// The member's status on a date, from its status history (falls back to its current status).
[[nodiscard]] std::string member_status_on(SQLite::Database& db, const std::string& member_id,
                                           Date date);

// Members whose status on `date` is active: the electorate (one vote per organisation).
[[nodiscard]] std::vector<std::string> active_members(SQLite::Database& db, Date date);

// Seats matching an SQL condition on `s` (seat) with text parameters, oldest first.
[[nodiscard]] std::vector<Seat> load_seats(SQLite::Database& db, const std::string& where,
                                           const std::vector<std::string>& params);

[[nodiscard]] Date today_in(store::Store& store);
[[nodiscard]] std::optional<Date> date_column(const SQLite::Column& column);
[[nodiscard]] std::string text_column(const SQLite::Column& column);


// Records `member_id` as secretariat from `from`, ending the current secretariat; returns
// false when that member already is the secretariat.
bool record_secretariat(store::Store& store, const std::string& member_id, Date from,
                        std::optional<std::int64_t> election_id,
                        std::optional<std::int64_t> seat_id);

struct NewSeat {
    std::string member_id;
    std::int64_t contact_id = 0;
    std::string role;
    Date from{};
    Date to{};
    std::optional<std::int64_t> election_id;
};
// Validates the rules of a new seat (role exists, member has no seat during the term, role
// below its max_holders) and inserts it; audited. Throws ValidationError (65).
std::int64_t insert_seat(store::Store& store, const NewSeat& seat);

}  // namespace nacsa::governance::detail
