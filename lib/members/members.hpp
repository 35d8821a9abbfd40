// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"
#include "store/store.hpp"

namespace nacsa::members {

// The statuses of a membership, in lifecycle order. The store keeps their names.
enum class MemberStatus { applicant, active, suspended, withdrawn };
[[nodiscard]] std::string_view status_name(MemberStatus status);
[[nodiscard]] std::optional<MemberStatus> parse_status(std::string_view name);
// Every status's name, in lifecycle order (for option choices and messages).
[[nodiscard]] const std::vector<std::string>& status_names();
inline const std::vector<std::string> k_genders = {"female", "male", "non_binary", "undisclosed"};
inline const std::vector<std::string> k_interest_kinds = {"steering_committee", "secretariat",
                                                          "coordinator"};
inline const std::vector<std::string> k_ecosoc_statuses = {"none", "general", "special", "roster"};

// A person of a member organisation. Personal data: never in the audit log without its id.
struct Contact {
    std::int64_t id = 0;
    std::string member_id;
    std::string name;
    std::string position;  // empty: not known (likewise below)
    std::string email;
    std::string phone;
    std::string gender = "undisclosed";
    bool primary = false;
    std::string consent;    // ISO date consent to data processing was given
    std::string erased_at;  // set when the person's data was erased

    bool operator==(const Contact&) const = default;
};

// One entry of a member's dated status history.
struct StatusChange {
    MemberStatus status = MemberStatus::active;
    Date date{};
    std::string reason;
    std::optional<Date> voided;  // the day it was voided as entered by mistake (correct_status)
    std::string void_reason;
};

// A member organisation of the alliance.
struct Member {
    std::string id;
    std::string name;
    std::string acronym;
    std::string type;
    std::string region;
    std::string city;
    std::string website;
    std::string email;
    std::string phone;
    std::vector<std::string> thematic_areas;  // sorted keys
    std::vector<std::string> services;        // sorted keys
    std::string joined;                       // ISO date
    MemberStatus status = MemberStatus::active;
    std::vector<std::string> interest;  // open expressions of interest (kinds), sorted
    std::string ecosoc_status;
    bool net4u = false;
    std::string notes;
    std::vector<Contact> contacts;  // in the order they were added

    bool operator==(const Member&) const = default;
};

// Field values given for a member (command-line flags or one record of an import file):
// a field without a value was not given; an empty string clears it.
struct ContactInput {
    std::optional<std::string> name;
    std::optional<std::string> position;
    std::optional<std::string> email;
    std::optional<std::string> phone;
    std::optional<std::string> gender;
    std::optional<bool> primary;
    std::optional<std::string> consent;
};

struct MemberInput {
    std::optional<std::string> id;
    std::optional<std::string> name;
    std::optional<std::string> acronym;
    std::optional<std::string> type;
    std::optional<std::string> region;
    std::optional<std::string> city;
    std::optional<std::string> website;
    std::optional<std::string> email;
    std::optional<std::string> phone;
    std::optional<std::vector<std::string>> thematic_areas;
    std::optional<std::vector<std::string>> services;
    std::optional<std::string> joined;
    std::optional<std::string> status;  // a status's name (status_name)
    std::optional<std::vector<std::string>> interest;
    std::optional<std::string> ecosoc_status;
    std::optional<bool> net4u;
    std::optional<std::string> notes;
    std::optional<std::vector<ContactInput>> contacts;
};

// Where a field of an input came from, for diagnostics: given a field path ("region",
// "contacts[2].email"), fills file, line, column and the field name as the user wrote it.
using Locator = std::function<Diagnostic(const std::string& path)>;

// A locator for command-line input: the field is the option name (--region).
[[nodiscard]] Locator command_line_locator();

// Checks every given field against the rules and the alliance configuration (types, regions,
// themes, services), adding one diagnostic per problem. `is_new`: name and type are required.
// `today` (in the alliance's time zone): the joined date, which starts the status history of a
// new member, may not be after it.
void validate(const MemberInput& input, const config::Alliance& alliance, Date today,
              const Locator& where, bool is_new, Diagnostics& problems);
// The same for one contact; `prefix` ("contacts[2].") comes before the field names located.
void validate_contact(const ContactInput& input, const Locator& where, const std::string& prefix,
                      bool is_new, Diagnostics& problems);

// Normalised name for matching: folded, punctuation dropped, spaces collapsed.
[[nodiscard]] std::string name_key(std::string_view name);
// The id a member gets from its name when none is given (a slug of at most 64 characters).
[[nodiscard]] std::string id_from_name(std::string_view name);

// A member with its contacts and its status history (oldest first), as `member show` shows it.
struct MemberRecord {
    Member member;
    std::vector<StatusChange> history;
};
// The member a reference names (resolve_member: an id, a name or an acronym; NotFoundError,
// exit 3, when none).
[[nodiscard]] MemberRecord member_record(store::Store& store, std::string_view member);

// Filters of `member list`; empty fields do not filter.
struct MemberFilter {
    std::optional<MemberStatus> status;
    std::string type;
    std::string region;
    std::string theme;
    std::string service;
    std::optional<Date> joined_since;
    std::optional<Date> joined_until;
    // Case- and accent-insensitive, over the name, acronym and city, and over the contacts'
    // names, e-mails and phones (phones on digits: "+56 9 1234" finds "+56912345678").
    std::string search;
};

// Checks the type, region, theme and service of a filter against the alliance configuration:
// a key it does not define is a usage error (exit 2) naming the option, every one reported.
void check_filter(const MemberFilter& filter, const config::Alliance& alliance);

// Members matching the filter, sorted by name (accent-correct for the alliance's language).
// Contacts are not loaded (contacts is empty); contact_count says how many there are.
// The filter is checked first (check_filter).
// A contact that a search found: which one, and in which field (name, email, phone).
struct ContactMatch {
    std::int64_t id = 0;
    std::string name;
    std::string field;
};
struct MemberSummary {
    Member member;
    int contact_count = 0;
    // With a search: the member's contacts it found, by number (empty: the member matched by
    // its own name, acronym or city).
    std::vector<ContactMatch> matched_contacts;
};
[[nodiscard]] std::vector<MemberSummary> list_members(store::Store& store,
                                                      const MemberFilter& filter);

// The use cases below each run in one transaction (store.hpp): inside it they resolve the
// member (and contact) named, read what they decide on, validate, write and audit. `member` is
// a reference as resolve_member takes it (an id, a name or an acronym; NotFoundError, exit 3).

// Adds a member (and its contacts and interests); returns it. ValidationError (65) for invalid
// fields, a taken id or a name another member has.
Member add_member(store::Store& store, const MemberInput& input, const Locator& where);

// Changes the given fields of a member (not its status: see change_status). Returns the
// member after the change, and whether anything changed.
struct EditResult {
    Member member;
    bool changed = false;
};
EditResult edit_member(store::Store& store, const std::string& member, const MemberInput& input,
                       const Locator& where);

// What a status change did.
struct StatusUpdate {
    std::string member_id;
    MemberStatus before = MemberStatus::active;
    MemberStatus after = MemberStatus::active;
    Date date{};
};
// Moves a member to a new status (admit, suspend, withdraw, reinstate) on `date` (default:
// today in the alliance's time zone), with a reason. Refuses moves the lifecycle does not
// allow, a member already in that status, and dates after today or before the member's last
// change (ValidationError). What a withdrawal ends elsewhere (working-group roles) is
// workflows::change_member_status.
StatusUpdate change_status(store::Store& store, const std::string& member, MemberStatus status,
                           const std::string& reason, std::optional<Date> date);

// What a status correction did.
struct StatusCorrection {
    std::string member_id;
    StatusChange voided;                         // the entry voided
    MemberStatus status = MemberStatus::active;  // the status the member has again
    Date date{};                                 // the day of the correction (today)
};
// Voids the member's latest status change as entered by mistake, with a reason: the history
// keeps the entry, marked voided on today's date with the reason, and the member has again the
// status before it. Refuses (ValidationError) a member whose only entry is the first one (its
// admission or addition: correct it with `member edit`) and an empty reason. Audited. What the
// voided change ended elsewhere is given back by workflows::correct_member_status.
StatusCorrection correct_status(store::Store& store, const std::string& member,
                                const std::string& reason);

// Contacts of a member. A contact is named as resolve_contact_argument takes it (lookup.hpp:
// its number, e-mail or name; NotFoundError, exit 3, when none matches). Names are unique
// within a member, ignoring case and accents.
Contact add_contact(store::Store& store, const std::string& member, const ContactInput& input,
                    const Locator& where);
EditResult edit_contact(store::Store& store, const std::string& member, const std::string& contact,
                        const ContactInput& input, const Locator& where);
// Removes a contact who left the member, with their personal data in the audit log. A contact
// that a seat or a candidacy refers to is not deleted but kept without any personal data (the
// seat keeps that it had a representative, without the name). A step of
// workflows::remove_contact, which makes it an erasure (Store::erasure). Returns the contact as
// it was.
struct RemovedContact {
    Contact contact;
    bool kept_erased = false;  // kept, without personal data, for what refers to it
};
RemovedContact remove_contact(store::Store& store, const std::string& member,
                              const std::string& contact);

// Erases the personal data of one contact (`contact`, named as above) or of every contact of a
// member (the right to erasure), including the audit-log entries linked to them. A step of
// workflows::forget, inside its transaction (which also reaches meeting attendance and records
// the erasure). Returns the names erased, for finding other mentions of them.
std::vector<std::string> forget_contacts(store::Store& store, const std::string& member_id,
                                         const std::optional<std::string>& contact);

// Counts of `member stats`: (dimension, key, count) rows.
struct StatRow {
    std::string dimension;  // status, type, region, theme, service, gender
    std::string key;        // empty: members without a region
    // In the given language: the configuration's label of a type, region, theme or service, the
    // report's of a status or gender ("Applicants", "Women"); empty when there is none.
    std::string label;
    std::int64_t count = 0;
};
[[nodiscard]] std::vector<StatRow> member_stats(store::Store& store, const std::string& language);

// Whether a text is a valid e-mail, phone number, web site.
[[nodiscard]] bool is_email(std::string_view s);
[[nodiscard]] bool is_phone(std::string_view s);
[[nodiscard]] bool is_website(std::string_view s);

}  // namespace nacsa::members
