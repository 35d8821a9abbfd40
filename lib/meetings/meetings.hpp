// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"
#include "store/store.hpp"

namespace nacsa::i18n {
class Translator;
}  // namespace nacsa::i18n

namespace nacsa::meetings {

// Kinds of meeting: the concept note's, plus the UNODC process's own events.
inline const std::vector<std::string> k_kinds = {"steering_committee",
                                                 "general_assembly",
                                                 "working_group",
                                                 "government_consultation",
                                                 "capacity_building",
                                                 "constructive_dialogue",
                                                 "multistakeholder_preparation_day",
                                                 "cop_side_event",
                                                 "regional_network_meeting",
                                                 "other"};

// The label of a kind of meeting as a message id ("Government consultation"), to translate;
// nullptr for a kind nacsa does not know.
[[nodiscard]] const char* kind_msgid(const std::string& kind);

// The statuses of a meeting, of attendance, of an action item; an invitee's role and where it
// came from; a meeting's format. Each list holds the names of its enum, in the enum's order
// (the store and --format json/csv write these names).
enum class MeetingStatus { scheduled, held, cancelled, postponed };
inline const std::vector<std::string> k_meeting_statuses = {"scheduled", "held", "cancelled",
                                                            "postponed"};
enum class MeetingFormat { in_person, online, hybrid };
inline const std::vector<std::string> k_formats = {"in_person", "online", "hybrid"};
enum class Attendance { present, excused, absent, represented };
inline const std::vector<std::string> k_attendance = {"present", "excused", "absent",
                                                      "represented"};
enum class InviteeRole { voting, observer, guest };
inline const std::vector<std::string> k_invitee_roles = {"voting", "observer", "guest"};
enum class InviteeSource { derived, added };
inline const std::vector<std::string> k_invitee_sources = {"derived", "added"};
enum class ActionStatus { open, done, dropped };
inline const std::vector<std::string> k_action_statuses = {"open", "done", "dropped"};
enum class DecisionOutcome { adopted, rejected, deferred };
inline const std::vector<std::string> k_decision_outcomes = {"adopted", "rejected", "deferred"};

[[nodiscard]] const std::string& status_name(MeetingStatus status);
[[nodiscard]] std::optional<MeetingStatus> parse_meeting_status(std::string_view name);
[[nodiscard]] const std::string& format_name(MeetingFormat format);
[[nodiscard]] std::optional<MeetingFormat> parse_format(std::string_view name);
[[nodiscard]] const std::string& attendance_name(Attendance attendance);
[[nodiscard]] std::optional<Attendance> parse_attendance(std::string_view name);
[[nodiscard]] const std::string& role_name(InviteeRole role);
[[nodiscard]] const std::string& source_name(InviteeSource source);

// Who a meeting is for, in a language: "The Steering Committee", "All members", or the working
// group's name (its key when there is none).
[[nodiscard]] std::string body_label(store::Store& store, const std::string& body,
                                     const i18n::Translator& tr);
// "In person", "Online", "Hybrid" in a language.
[[nodiscard]] std::string format_label(MeetingFormat format, const i18n::Translator& tr);
[[nodiscard]] const std::string& status_name(ActionStatus status);
[[nodiscard]] std::optional<ActionStatus> parse_action_status(std::string_view name);
[[nodiscard]] const std::string& outcome_name(DecisionOutcome outcome);
[[nodiscard]] std::optional<DecisionOutcome> parse_outcome(std::string_view name);

// Who a meeting is for. Written "committee", "all_members" or "working_group:<key>".
struct Body {
    enum class Kind { committee, working_group, all_members };
    Kind kind = Kind::all_members;
    std::string working_group;  // the group's key, for Kind::working_group

    [[nodiscard]] static std::optional<Body> parse(const std::string& text);
    [[nodiscard]] std::string to_string() const;
    bool operator==(const Body&) const = default;
};

// The body a kind of meeting is for unless told otherwise (nullopt: must be given).
[[nodiscard]] std::optional<Body> default_body(const std::string& kind);

// A local date-time in a zone, as typed: "2026-04-04 10:00" or "2026-04-04T10:00".
struct LocalDateTime {
    Date date{};
    int hour = 0;
    int minute = 0;
};
[[nodiscard]] std::optional<LocalDateTime> parse_local_date_time(const std::string& text);
// The UTC instant of a local date-time in a zone; throws ValidationError when the time does not
// exist there (skipped by a daylight-saving change). An ambiguous time takes the earlier one.
[[nodiscard]] Seconds to_utc(const LocalDateTime& local, const std::string& time_zone);
[[nodiscard]] LocalDateTime to_local(Seconds utc, const std::string& time_zone);
// "2026-04-04 10:00 -03" (local time and UTC offset abbreviation of the zone).
[[nodiscard]] std::string format_local(Seconds utc, const std::string& time_zone);

enum class Repeat { none, weekly, monthly, quarterly };
[[nodiscard]] std::optional<Repeat> parse_repeat(const std::string& text);
// The n-th weekday of a month, as RFC 5545's BYDAY in a monthly rule: "2tue" (or "2TU") the
// second Tuesday, "-1fri" the last Friday; n from 1 to 5 or -1 to -5.
struct MonthlyWeekday {
    int n = 1;
    std::chrono::weekday weekday{};
    bool operator==(const MonthlyWeekday&) const = default;
};
[[nodiscard]] std::optional<MonthlyWeekday> parse_monthly_weekday(const std::string& text);
// "2nd Tuesday", "last Friday".
[[nodiscard]] std::string describe(const MonthlyWeekday& w);
// That day in a month, if the month has it (a fifth Monday is not in every month).
[[nodiscard]] std::optional<Date> nth_weekday(std::chrono::year_month month,
                                              const MonthlyWeekday& w);

// The local start of each occurrence of a series: the same wall-clock time each time, whatever
// the daylight-saving offset. Stops after `count` occurrences or after `until` (inclusive).
// With `weekday` (monthly or quarterly only), each occurrence is that weekday of its month, and
// months without it (a fifth Tuesday) are skipped, as RFC 5545 does; the first start must be one.
[[nodiscard]] std::vector<LocalDateTime> occurrences(
    const LocalDateTime& first, Repeat repeat, std::optional<int> count, std::optional<Date> until,
    std::optional<MonthlyWeekday> weekday = std::nullopt);

struct Quorum {
    double fraction = 0.5;
    int voting_invited = 0;
    int voting_present = 0;  // present or represented
    int required = 0;
    bool met = false;
};
// The number of voting members needed: the fraction of those invited, rounded up (at least 1).
[[nodiscard]] Quorum compute_quorum(double fraction, int voting_invited, int voting_present);

struct StatusChange {
    MeetingStatus status = MeetingStatus::scheduled;
    std::string at;
    std::string starts_at;
    std::optional<std::string> reason;
};

struct Meeting {
    std::string id;
    std::string uid;
    std::string title;
    std::string kind;
    std::string body;
    Seconds starts_at{};
    std::string time_zone;
    int duration_minutes = 0;
    std::optional<std::string> place;
    std::optional<std::string> online_link;
    MeetingFormat format = MeetingFormat::in_person;
    std::optional<std::string> language;
    MeetingStatus status = MeetingStatus::scheduled;
    std::optional<std::string> series_id;
    int sequence = 0;
    std::optional<std::string> minutes;
    std::optional<std::string> minutes_file;
    std::optional<std::string> minutes_at;
    std::optional<std::string> attendance_at;
    std::optional<std::string> held_at;
    std::string created_at;
    std::string updated_at;

    // The meeting's date in its own time zone.
    [[nodiscard]] Date local_date() const;
};

struct AgendaItem {
    std::int64_t id = 0;
    int position = 0;
    std::string title;
    std::optional<std::string> presenter;
    std::optional<std::string> link;
};

// An invitee of a meeting, as read: the body's members on the meeting's date (derived, never
// stored) plus the explicit additions, minus the explicit removals. `id` is the stored row that
// holds an explicit change or the attendance, 0 for a derived invitee with neither.
struct Invitee {
    std::int64_t id = 0;
    std::optional<std::string> member_id;
    std::optional<std::string> person;
    InviteeRole role = InviteeRole::voting;
    InviteeSource source = InviteeSource::derived;
    bool removed = false;
    std::optional<Attendance> attendance;
    std::optional<std::string> represented_by;

    [[nodiscard]] std::string name() const { return member_id ? *member_id : person.value_or(""); }
};

struct Tally {
    std::optional<int> votes_for;
    std::optional<int> votes_against;
    std::optional<int> votes_abstain;

    [[nodiscard]] bool any() const { return votes_for || votes_against || votes_abstain; }
};

// The outcome of a decision from its votes. The alliance configuration sets no threshold for
// meeting decisions, so it is a simple majority of the votes cast (abstentions are not cast):
// adopted when more votes are for than against, rejected otherwise (a tie too); a decision
// recorded without a vote (by consensus) is adopted. "deferred" is only ever set explicitly.
[[nodiscard]] DecisionOutcome outcome_from_votes(const Tally& tally);

struct Decision {
    std::string meeting_id;
    int number = 0;
    std::string text;
    Tally tally;
    std::optional<DecisionOutcome> outcome_set;          // set explicitly (--outcome)
    DecisionOutcome outcome = DecisionOutcome::adopted;  // outcome_set, else from the votes
    std::optional<std::string> activity;                 // the plan activity it gave rise to
    std::vector<std::string> action_items;               // the action items it gave rise to, by id
    Quorum quorum;  // the meeting's, from its invitees and attendance as they are now
    std::string recorded_at;

    // "M-2026-001#2", as `meeting decide` prints it and `meeting decision` takes it.
    [[nodiscard]] std::string ref() const;
};
// A decision reference "MEETING#N"; nullopt when it is not one.
struct DecisionRef {
    std::string meeting_id;
    int number = 0;
};
[[nodiscard]] std::optional<DecisionRef> parse_decision_ref(const std::string& text);

struct ActionItem {
    std::string id;
    std::optional<std::string> meeting_id;
    std::optional<std::string> body;
    std::string title;
    std::optional<std::string> owner_member;
    std::optional<std::string> owner_person;
    std::optional<Date> due;
    ActionStatus status = ActionStatus::open;
    Date opened_on{};
    std::optional<Date> closed_on;
    std::optional<std::string> note;
    std::optional<int> decision;  // the decision of meeting_id it comes from, by number

    [[nodiscard]] std::string owner() const {
        return owner_member ? *owner_member : owner_person.value_or("");
    }
    [[nodiscard]] bool overdue(Date as_of) const {
        return status == ActionStatus::open && due && *due < as_of;
    }
};

// ---- Invitees derived from the body ----

// A voting member organisation or a person (observer) the body counts at a date.
struct DerivedInvitee {
    std::optional<std::string> member_id;
    std::optional<std::string> person;
    InviteeRole role = InviteeRole::voting;
};
// Who the body is at the date, asking the module that keeps it: the steering committee (the
// members holding a seat, voting as their role says, and the observer's institution, counted
// apart), a working group (its members) or all members (those active on the date). A member
// suspended or withdrawn on the date (members::status_on) is not part of any body that day.
[[nodiscard]] std::vector<DerivedInvitee> derive_invitees(store::Store& store, const Body& body,
                                                          Date date);
// The quorum fraction the configuration sets for a body.
[[nodiscard]] double quorum_fraction(store::Store& store, const Body& body);

// ---- Reading ----

[[nodiscard]] std::optional<Meeting> find_meeting(store::Store& store, const std::string& id);
// The meeting, or NotFoundError (exit 3).
[[nodiscard]] Meeting get_meeting(store::Store& store, const std::string& id);

struct MeetingFilter {
    std::optional<std::string> kind;
    std::optional<std::string> body;
    std::optional<MeetingStatus> status;
    std::optional<Seconds> from;   // starts at or after
    std::optional<Seconds> until;  // starts before
    bool newest_first = false;
};
// Meetings in start order.
[[nodiscard]] std::vector<Meeting> list_meetings(store::Store& store, const MeetingFilter& filter);
[[nodiscard]] std::vector<StatusChange> status_history(store::Store& store, const std::string& id);
[[nodiscard]] std::vector<AgendaItem> agenda(store::Store& store, const std::string& id);
// The invitees of a meeting, computed when read (nacsa-meeting(1), INVITEES): the body's
// members on the meeting's date (derive_invitees), plus the members and people added by hand,
// plus anyone whose attendance is recorded, minus those removed by hand; a member suspended or
// withdrawn on the date is never one. In order: voting, observers, guests (removed ones only
// when asked).
enum class WithRemoved { no, yes };
[[nodiscard]] std::vector<Invitee> invitees(store::Store& store, const Meeting& meeting,
                                            WithRemoved with_removed = WithRemoved::no);
[[nodiscard]] std::vector<Invitee> invitees(store::Store& store, const std::string& id,
                                            WithRemoved with_removed = WithRemoved::no);
// The quorum of a meeting from its invitees and attendance as they are now.
[[nodiscard]] Quorum quorum_of(store::Store& store, const Meeting& meeting,
                               const std::vector<Invitee>& invitees);
[[nodiscard]] Quorum quorum_of(store::Store& store, const Meeting& meeting);
// The decisions of a meeting, each with the meeting's quorum as it is now.
[[nodiscard]] std::vector<Decision> decisions(store::Store& store, const std::string& meeting_id);
// One decision, or NotFoundError (exit 3).
[[nodiscard]] Decision get_decision(store::Store& store, const DecisionRef& ref);
// Open action items carried into a meeting: those of earlier meetings of the same body (and
// standalone ones given that body) that are still open.
[[nodiscard]] std::vector<ActionItem> carried_action_items(store::Store& store,
                                                           const Meeting& meeting);

// Everything `meeting show` prints about a meeting (NotFoundError when there is none).
struct MeetingRecord {
    Meeting meeting;
    Quorum quorum;
    std::vector<AgendaItem> agenda;
    std::vector<ActionItem> carried;  // open action items carried in
    std::vector<Invitee> invitees;
    std::vector<Decision> decisions;
    std::vector<StatusChange> history;
};
[[nodiscard]] MeetingRecord meeting_record(store::Store& store, const std::string& id);

struct ActionFilter {
    std::optional<ActionStatus> status;  // empty: all
    // A member (members::find_member_ref: id, name or acronym), else a person's name, compared
    // ignoring case and accents.
    std::optional<std::string> owner;
    std::optional<std::string> meeting_id;
    std::optional<Date> overdue_as_of;  // only open items due before this date
};
[[nodiscard]] std::vector<ActionItem> list_action_items(store::Store& store,
                                                        const ActionFilter& filter);
[[nodiscard]] std::optional<ActionItem> find_action_item(store::Store& store,
                                                         const std::string& id);

// ---- Changing: each function is one use case (store.hpp), audited ----

struct MeetingFields {
    std::optional<std::string> title;
    std::optional<std::string> kind;
    std::optional<std::string> body;
    std::optional<std::string> start;  // local date-time, in time_zone
    std::optional<std::string> time_zone;
    std::optional<int> duration_minutes;
    std::optional<std::string> place;
    std::optional<std::string> online_link;
    std::optional<std::string> format;
    std::optional<std::string> language;
};

struct SeriesRequest {
    Repeat repeat = Repeat::none;
    std::optional<int> count;
    std::optional<Date> until;
    std::optional<MonthlyWeekday> weekday;  // monthly or quarterly: "the 2nd Tuesday"
};

// Schedules one meeting, or a series; returns the meetings created, in order.
[[nodiscard]] std::vector<Meeting> schedule(store::Store& store, const MeetingFields& fields,
                                            const SeriesRequest& series);
// Changes fields of a meeting (its invitees follow the new date and body: they are derived
// when read) and reschedules a postponed one. Returns the names of the fields that changed (empty:
// nothing to change, nothing written).
std::vector<std::string> edit(store::Store& store, const std::string& id,
                              const MeetingFields& fields);
void cancel(store::Store& store, const std::string& id, const std::string& reason);
// Postpones to an unknown date, or (with `to`) moves the start; returns the meeting after.
Meeting postpone(store::Store& store, const std::string& id, const std::string& reason,
                 const std::optional<std::string>& to);

// Adds an agenda item; at `position` (1-based) or at the end. Returns its position.
int agenda_add(store::Store& store, const std::string& id, const std::string& title,
               const std::optional<std::string>& presenter, const std::optional<std::string>& link,
               std::optional<int> position);
void agenda_move(store::Store& store, const std::string& id, int from, int to);
void agenda_remove(store::Store& store, const std::string& id, int position);

// Changes to a meeting's invitees, applied in this order, all or none. Only the explicit
// changes are stored: the body's part is derived whenever the invitees are read.
struct InviteeChanges {
    bool refresh = false;                // nothing to do any more: kept for scripts
    std::vector<std::string> add;        // members (members::resolve_member), voting
    std::vector<std::string> guests;     // people, by name
    std::vector<std::string> observers;  // people, by name
    std::vector<std::string> remove;     // members (as for add), else invited people by name
};
// Returns the quorum after the changes.
Quorum change_invitees(store::Store& store, const std::string& id, const InviteeChanges& changes);

// Records attendance of invitees, each a member (members::find_member_ref) or an invited
// person's name; `represented_by` (with Attendance::represented) is a member, a contact of the
// represented member (members::resolve_contact's rule), or else a name kept as typed. Returns
// the new quorum.
Quorum attend(store::Store& store, const std::string& id, const std::vector<std::string>& who,
              Attendance attendance, const std::optional<std::string>& represented_by);

enum class Force { no, yes };
// Marks a past meeting held; refuses when no attendance is recorded unless forced.
Quorum mark_held(store::Store& store, const std::string& id, Force force);
void record_minutes(store::Store& store, const std::string& id, const std::string& text,
                    const std::optional<std::string>& file_name);

// What a decision records besides its text and votes.
struct DecisionLinks {
    std::optional<DecisionOutcome> outcome;  // explicit; nullopt: from the votes
    std::optional<std::string> activity;     // a plan activity id, checked by the caller
};
// Records a decision, numbered within the meeting (its quorum is the meeting's, when read).
[[nodiscard]] Decision decide(store::Store& store, const std::string& id, const std::string& text,
                              const Tally& tally, const DecisionLinks& links = {});

// ---- Corrections: edit (only the fields given) and delete, audited with the reason ----

// The fields of a decision to change. `outcome` holds nullopt inside to go back to the votes;
// `activity` blank to unlink it (a plan activity id is checked by the caller:
// workflows::edit_decision).
struct DecisionChanges {
    std::optional<std::string> text;
    Tally tally;  // each count given replaces that count
    std::optional<std::optional<DecisionOutcome>> outcome;
    std::optional<std::string> activity;
};
// Returns the names of the fields that changed (empty: nothing written).
std::vector<std::string> decision_edit(store::Store& store, const DecisionRef& ref,
                                       const DecisionChanges& changes,
                                       const std::optional<std::string>& reason);
// Deletes a decision; the action items it gave rise to stay, unlinked. The numbers of the
// other decisions do not change, and its number is not given again.
void decision_delete(store::Store& store, const DecisionRef& ref, const std::string& reason);

struct AgendaChanges {
    std::optional<std::string> title;
    std::optional<std::string> presenter;  // blank: none
    std::optional<std::string> link;       // blank: none; checked by workflows::edit_agenda_item
};
std::vector<std::string> agenda_edit(store::Store& store, const std::string& id, int position,
                                     const AgendaChanges& changes,
                                     const std::optional<std::string>& reason);
// Deletes an agenda item (the ones after it move up), recording why.
void agenda_delete(store::Store& store, const std::string& id, int position,
                   const std::string& reason);

// Corrects the attendance recorded for an invitee (NotFoundError when none is recorded).
std::vector<std::string> attendance_edit(store::Store& store, const std::string& id,
                                         const std::string& who,
                                         std::optional<Attendance> attendance,
                                         const std::optional<std::string>& represented_by,
                                         const std::optional<std::string>& reason);
// Deletes the attendance recorded for an invitee: back to "not recorded".
void attendance_delete(store::Store& store, const std::string& id, const std::string& who,
                       const std::string& reason);

struct NewActionItem {
    std::string title;
    std::optional<std::string> meeting_id;
    std::optional<std::string> body;
    // A member (members::find_member_ref: id, name or acronym), else a person's name as typed.
    std::optional<std::string> owner;
    std::optional<Date> due;
    // The decision it comes from: "N" (of meeting_id) or "MEETING#N" (then meeting_id may be
    // left out).
    std::optional<std::string> decision;
};
[[nodiscard]] std::string action_add(store::Store& store, const NewActionItem& item);

struct ActionChanges {
    std::optional<std::string> title;
    std::optional<std::string> owner;  // blank: none
    std::optional<Date> due;
    bool clear_due = false;
    std::optional<std::string> body;      // blank: none
    std::optional<std::string> decision;  // as NewActionItem::decision; blank: none
    std::optional<ActionStatus> status;   // open again, done or dropped
    std::optional<std::string> note;      // blank: none
};
std::vector<std::string> action_edit(store::Store& store, const std::string& id,
                                     const ActionChanges& changes,
                                     const std::optional<std::string>& reason);
void action_delete(store::Store& store, const std::string& id, const std::string& reason);
// Closes an open action item as done or dropped.
void action_close(store::Store& store, const std::string& id, ActionStatus status,
                  const std::optional<std::string>& note);

// ---- Participants: who took part, for participation by sex ----

// A person who took part in a meeting: for a member organisation (one of its contacts) or as a
// guest. Name and gender as recorded for the meeting.
struct Participant {
    std::int64_t id = 0;
    std::string meeting_id;
    std::optional<std::string> member_id;  // empty: a guest
    std::string name;
    std::string gender;  // members::k_genders
};

struct NewParticipant {
    // A contact of a member (members::resolve_member, then members::resolve_contact's rule):
    // its name and gender are taken from the contact record. The member must be recorded as
    // present or represented at the meeting.
    std::optional<std::string> member;
    std::optional<std::string> contact;
    // Or a guest: a name and a gender (members::k_genders).
    std::optional<std::string> guest;
    std::optional<std::string> gender;
};

// Adds a participant to a held or past meeting; ValidationError (exit 65) for a member not
// recorded present or represented, a person already listed (name compared as
// members::name_key does), a guest without a gender or a gender nacsa does not know. Audited
// without the person's name. Returns the participant.
Participant add_participant(store::Store& store, const std::string& meeting_id,
                            const NewParticipant& participant);
// Removes one, by its number in the meeting (participants()), with a reason (audited).
void remove_participant(store::Store& store, const std::string& meeting_id, std::int64_t id,
                        const std::string& reason);
[[nodiscard]] std::vector<Participant> participants(store::Store& store,
                                                    const std::string& meeting_id);

// Erasure of a person (`member forget`, `contact remove`): meeting records may name them as
// whoever represented their organisation (`meeting attend --status represented --by NAME`), as
// a guest invited by name, as the person owning an action item, or as a participant (whose
// gender stays, for the counts by sex). Replaces each such mention
// of one of `names` (compared as members::name_key does: case, accents and spacing aside) by
// "personal data erased" (representatives in the attendance of `member_id`; guests and owners
// in every meeting, since they are not linked to a member); joins the caller's use case.
// Returns how many mentions were erased.
int erase_representative_mentions(store::Store& store, const std::string& member_id,
                                  const std::vector<std::string>& names);

}  // namespace nacsa::meetings
