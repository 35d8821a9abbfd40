// SPDX-License-Identifier: Apache-2.0
#pragma once

// What the use cases of lib/meetings share: writing the parts of a meeting that several of them
// change (its status history, iCalendar sequence, invitees and quorum), ids, and the checks of
// what a meeting's status allows. Every function here runs inside the caller's transaction.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "core/message.hpp"
#include "meetings/meetings.hpp"

namespace nacsa::meetings::detail {

// The time of a change, as stored ("2026-11-29T12:00:00Z").
[[nodiscard]] std::string now_text();

// The text trimmed; nullopt when absent or blank.
[[nodiscard]] std::optional<std::string> non_empty(const std::optional<std::string>& text);

// The next id of the form PREFIX-YYYY-NNN in a table (`meeting` or `action_item`).
[[nodiscard]] std::string next_id(SQLite::Database& db, const std::string& table,
                                  const std::string& prefix, int year);

// Bumps the iCalendar SEQUENCE and the modification time: the event as calendars see it changed.
void touch(SQLite::Database& db, const std::string& id);

void set_status(SQLite::Database& db, const std::string& id, MeetingStatus status);
void add_history(SQLite::Database& db, const std::string& id, MeetingStatus status,
                 Seconds starts_at, const std::optional<std::string>& reason);

// Whether a member belongs to no body on the date: suspended or withdrawn then
// (members::status_on). Such a member is not invited, nor counted for quorum.
[[nodiscard]] bool out_of_bodies(store::Store& store, const std::string& member_id, Date date);

// invitees() of a meeting from its body's members on its date as derive_invitees() gave them:
// a report summarising many meetings derives them once per body and day, and reads the stored
// rows with one statement (stored_invitees_statement(), else one is prepared for the call).
[[nodiscard]] SQLite::Statement stored_invitees_statement(SQLite::Database& db);
[[nodiscard]] std::vector<Invitee> invitees_from(store::Store& store, const Meeting& meeting,
                                                 std::vector<DerivedInvitee> body_members,
                                                 WithRemoved with_removed = WithRemoved::no,
                                                 SQLite::Statement* stored = nullptr);

// The meetings of these ids that exist, in list_meetings()'s order (start, then id).
[[nodiscard]] std::vector<Meeting> meetings_by_id(store::Store& store,
                                                  const std::vector<std::string>& ids);

// "summary; reason: TEXT" for the audit log (the summary alone without a reason).
[[nodiscard]] std::string with_reason(const std::string& summary,
                                      const std::optional<std::string>& reason);
// The reason trimmed; ValidationError when it is blank.
[[nodiscard]] std::string required_reason(const std::string& reason);

// The decision an action item names ("N" of its meeting, or "MEETING#N"): its meeting and
// number, after checking that it exists (NotFoundError) and agrees with the meeting given.
[[nodiscard]] DecisionRef decision_of_action(store::Store& store, const std::string& typed,
                                             const std::optional<std::string>& meeting_id);

// Binds a decision's fields to the named parameters :m, :n, :t, :f, :a, :ab, :o and :act that
// the INSERT and the UPDATE of a decision share.
void bind_decision(SQLite::Statement& q, const Decision& d);

// ValidationError "M is <status>: cannot <what>" unless the meeting's status is one of these.
void require_status(const Meeting& meeting, std::initializer_list<MeetingStatus> allowed,
                    const Message& what);
// ValidationError unless the meeting has started.
void require_started(const Meeting& meeting, const Message& what);

}  // namespace nacsa::meetings::detail
