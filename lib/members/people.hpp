// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/message.hpp"
#include "members/members.hpp"
#include "output/findings.hpp"

// People in reach: contacts found and listed across members (`member contact list`), and
// distribution lists of their e-mail addresses (`member emails`) as a To: header line, CSV or
// vCard 4.0. Personal data: these functions only read and format; nothing of it is logged.
namespace nacsa::members {

// A contact with its organisation, as `member contact list` shows it.
struct ContactRow {
    Contact contact;
    std::string member_name;
    std::string member_acronym;
};
// The contacts (not erased) of the members matching the filter (check_filter first), by their
// organisation's name then contact number. filter.search keeps the contacts whose name, e-mail
// or phone (on digits) matches, or whose organisation matches as in list_members.
[[nodiscard]] std::vector<ContactRow> list_contacts(store::Store& store,
                                                    const MemberFilter& filter);

// Who a distribution list is for: a member, or one person of it (a seated representative).
struct RecipientSource {
    std::string member_id;
    std::optional<std::int64_t> contact_id;
};
enum class WhichContacts { primary, all };

// One line of a distribution list.
struct Recipient {
    std::int64_t contact_id = 0;
    std::string member_id;
    std::string organisation;  // the member's name
    std::string name;
    std::string position;
    std::string email;
    std::string phone;
    bool primary = false;
};
struct DistributionList {
    std::vector<Recipient> recipients;  // in the order of the sources, each person once
    // Whom the list leaves out and why (no primary contact, no e-mail address, erased): for a
    // warning, never for a log.
    std::vector<Message> left_out;
};
// The people of the sources: WhichContacts::primary takes a source's own contact when it names
// one, else the member's primary contacts; WhichContacts::all every contact of the member.
// People without an e-mail address, and a second occurrence of an address, are left out.
[[nodiscard]] DistributionList distribution_list(store::Store& store,
                                                 const std::vector<RecipientSource>& sources,
                                                 WhichContacts which);

// The recipients as the value of a To: header (RFC 5322), on one line: `"Name" <email>, ...`.
// Names are quoted-strings (\ and " escaped, line breaks and controls made spaces); UTF-8 kept
// as RFC 6532 allows. Empty for no recipient.
[[nodiscard]] std::string to_header(const std::vector<Recipient>& recipients);

// The recipients as vCard 4.0 (RFC 6350): one BEGIN:VCARD ... END:VCARD per person with
// VERSION, KIND:individual, FN, EMAIL, TEL, ORG and TITLE when known (no N: nacsa keeps a
// person's name as one text), values escaped (\ , ; and line breaks), lines folded at 75
// octets without splitting a UTF-8 character, CRLF line ends.
[[nodiscard]] std::string to_vcard(const std::vector<Recipient>& recipients);

// A vCard content line `NAME:value` folded at 75 octets (continuations start with a space).
[[nodiscard]] std::string vcard_line(std::string_view name, std::string_view value);
// A vCard text value escaped: \ -> \\, , -> \,, ; -> \;, a line break -> \n.
[[nodiscard]] std::string vcard_escape(std::string_view value);

// `db check`, rule member-search: members whose row of member_search (what --search reads)
// differs from their record and contacts (missing, out of date, or left without a member): a
// search could miss them, or find them by data no longer on record, such as an erased
// person's name. A store only nacsa wrote has none.
[[nodiscard]] std::vector<output::Finding> check_search(store::Store& store);

namespace detail {

// What contact.search_text holds for a contact: its name and e-mail folded, one per line.
[[nodiscard]] std::string contact_search_text(std::string_view name, std::string_view email);
// The digits of a phone number ("+56 (9) 1234-567" -> "5691234567").
[[nodiscard]] std::string phone_digits(std::string_view phone);

// The search of a filter as the contact columns compare it: the folded text, and the digits
// when the text reads as a phone number (only digits, spaces and +()-./, three digits or
// more), else empty.
struct SearchTerms {
    std::string folded;
    std::string digits;
};
[[nodiscard]] SearchTerms search_terms(std::string_view search);

// The members a search can find, as a condition over `member m` (" AND m.id IN ..."), its
// values appended to `binds`: those whose member_search row holds the folded text or the
// digits. Every member the search finds is among them (the row holds the member's and its
// contacts' search columns as stored); the query keeps those its own conditions find.
// Reading the store through a memory map from now on (store.map_for_scan).
[[nodiscard]] std::string search_candidates(store::Store& store, const SearchTerms& terms,
                                            std::vector<std::string>& binds);

// The WHERE conditions of a member filter over `member m` (" AND ..." each) and their values.
struct Conditions {
    std::string sql;
    std::vector<std::string> binds;
};
[[nodiscard]] Conditions member_conditions(const MemberFilter& filter);

}  // namespace detail

}  // namespace nacsa::members
