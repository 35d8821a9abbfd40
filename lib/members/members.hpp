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

// The statuses of a membership, in lifecycle order.
enum class MemberStatus { applicant, active, suspended, withdrawn };
[[nodiscard]] std::string_view status_name(MemberStatus status);
[[nodiscard]] std::optional<MemberStatus> parse_status(std::string_view name);
inline const std::vector<std::string> k_statuses = {"applicant", "active", "suspended",
                                                    "withdrawn"};
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
    std::string status;
    std::string date;
    std::string reason;
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
    std::string status = "active";
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
    std::optional<std::string> status;
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
void validate_contact(const ContactInput& input, const Locator& where, const std::string& prefix,
                      bool is_new, Diagnostics& problems);

// Normalised name for matching: folded, punctuation dropped, spaces collapsed.
[[nodiscard]] std::string name_key(std::string_view name);
// The id a member gets from its name when none is given (a slug of at most 64 characters).
[[nodiscard]] std::string id_from_name(std::string_view name);

// Lookups.
[[nodiscard]] std::optional<Member> find_member(store::Store& store, const std::string& id);
[[nodiscard]] std::optional<Member> find_member_by_name(store::Store& store, std::string_view name);
[[nodiscard]] std::optional<Contact> find_contact(store::Store& store, const std::string& member_id,
                                                  std::string_view name);
[[nodiscard]] std::optional<Contact> find_contact_by_id(store::Store& store,
                                                        std::int64_t contact_id);
[[nodiscard]] std::vector<Contact> contacts_of(store::Store& store, const std::string& member_id);
[[nodiscard]] std::vector<StatusChange> status_history(store::Store& store,
                                                       const std::string& member_id);
// Like find_member, but a missing member is NotFoundError (exit 3).
[[nodiscard]] Member get_member(store::Store& store, const std::string& id);

// Filters of `member list`; empty fields do not filter.
struct MemberFilter {
    std::string status;
    std::string type;
    std::string region;
    std::string theme;
    std::string service;
    std::optional<Date> joined_since;
    std::optional<Date> joined_until;
    std::string search;  // case- and accent-insensitive, over name, acronym and city
};

// Checks the type, region, theme and service of a filter against the alliance configuration:
// a key it does not define is a usage error (exit 2) naming the option, every one reported.
void check_filter(const MemberFilter& filter, const config::Alliance& alliance);

// Members matching the filter, sorted by name (accent-correct for the alliance's language).
// Contacts are not loaded (contacts is empty); contact_count says how many there are.
// The filter is checked first (check_filter).
struct MemberSummary {
    Member member;
    int contact_count = 0;
};
[[nodiscard]] std::vector<MemberSummary> list_members(store::Store& store,
                                                      const MemberFilter& filter);

// Adds a member (and its contacts and interests) inside the caller's transaction; returns it.
// ValidationError (65) for invalid fields or a taken id.
Member add_member(store::Store& store, const MemberInput& input, const Locator& where);

// Changes the given fields of a member (not its status: see change_status). Returns the
// member after the change, and whether anything changed.
struct EditResult {
    Member member;
    bool changed = false;
};
EditResult edit_member(store::Store& store, const std::string& id, const MemberInput& input,
                       const Locator& where);

// Moves a member to a new status (admit, suspend, withdraw, reinstate), dated, with a reason.
// Refuses moves the lifecycle does not allow, and dates after today in the alliance's time zone
// or before the member's last change (ValidationError). Returns the status it had. What a
// withdrawal ends elsewhere (working-group roles) is workflows::change_member_status.
std::string change_status(store::Store& store, const std::string& id,
                          const std::string& new_status, const std::string& reason, Date date);

// Contacts of a member. `name` identifies the contact (case- and accent-insensitive).
Contact add_contact(store::Store& store, const std::string& member_id, const ContactInput& input,
                    const Locator& where);
EditResult edit_contact(store::Store& store, const std::string& member_id, const std::string& name,
                        const ContactInput& input, const Locator& where);
void remove_contact(store::Store& store, const std::string& member_id, const std::string& name);

// Erases the personal data of one contact (by name) or of every contact of a member (the
// right to erasure), including the audit-log entries linked to them; inside the caller's use
// case (workflows::forget, which also reaches meeting attendance and records the erasure).
// Returns the names erased, for finding other mentions of them.
std::vector<std::string> forget_contacts(store::Store& store, const std::string& member_id,
                                         const std::optional<std::string>& name);

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
