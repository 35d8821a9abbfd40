// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "members/members.hpp"
#include "store/store.hpp"

// Who is who: the one rule every command uses for a member or a contact named on the command
// line (member arguments, --member, --owner, --representative, --by), and the lookups other
// modules make instead of reading the member tables.
namespace nacsa::members {

// A member as other modules see it: what names it, places it and says whether it is active.
struct MemberRef {
    std::string id;
    std::string name;
    std::string acronym;
    std::string type;
    std::string region;                          // empty: none
    MemberStatus status = MemberStatus::active;  // its status now
    std::vector<std::string> thematic_areas;     // sorted keys
};

// The member a reference names: its id; else its name, compared as name_key does (ignoring
// case, accents and punctuation); else its acronym, compared the same way. A reference that
// names no member is NotFoundError (exit 3), suggesting the members whose names contain it; an
// acronym that several members share is a UsageError (exit 2) listing them.
[[nodiscard]] MemberRef resolve_member(store::Store& store, std::string_view reference);
// The same, nullopt when nothing matches (an ambiguous acronym still throws).
[[nodiscard]] std::optional<MemberRef> find_member_ref(store::Store& store,
                                                       std::string_view reference);
// The members with these ids (unknown ids are left out), for showing names beside ids.
[[nodiscard]] std::map<std::string, MemberRef> member_refs(store::Store& store,
                                                           const std::vector<std::string>& ids);
// Every member id, sorted (completion, scripts).
[[nodiscard]] std::vector<std::string> member_ids(store::Store& store);
// Whether a member with exactly this id exists.
[[nodiscard]] bool member_exists(store::Store& store, const std::string& id);

// A person of a member as other modules see them. Erased: name is empty and gender undisclosed.
struct Person {
    std::int64_t id = 0;
    std::string member_id;
    std::string name;
    std::string email;
    std::string gender = "undisclosed";
    bool primary = false;
    bool erased = false;
};

// The contact of a member that a reference names: its number ("12" or "#12"), its e-mail, or
// its name, compared ignoring case and accents; a reference that is a unique run of whole words
// of one contact's name ("Paula" for "Paula Henríquez Soto") names that contact too. No match,
// several matches, or an erased contact: ValidationError (exit 65) on `field`, listing the
// member's contacts.
[[nodiscard]] Person resolve_contact(store::Store& store, const std::string& member_id,
                                     std::string_view reference, const std::string& field);
// A contact named as an argument of a command about it (`member contact edit`, `member forget
// --contact`): the same rule, but a reference that names none of the member's contacts, or an
// erased one, is NotFoundError (exit 3), and one that names several a UsageError (exit 2)
// listing them.
[[nodiscard]] Person resolve_contact_argument(store::Store& store, const std::string& member_id,
                                              std::string_view reference);
// Whom a member sends when no one is named: its primary contact, else its only contact.
[[nodiscard]] std::optional<Person> default_contact(store::Store& store,
                                                    const std::string& member_id);
// The contacts with these ids, erased ones included (name empty), for showing who holds a seat.
[[nodiscard]] std::map<std::int64_t, Person> people(store::Store& store,
                                                    const std::vector<std::int64_t>& ids);
// The member's contacts, not erased, primary first, then in the order they were added.
[[nodiscard]] std::vector<Person> people_of(store::Store& store, const std::string& member_id);

// The members whose records use a configured key (region, organisation type, thematic area or
// service), by id; empty for the kinds of key members do not store.
[[nodiscard]] std::vector<std::string> key_users(store::Store& store, config::KeyKind kind,
                                                 const std::string& key);

}  // namespace nacsa::members
