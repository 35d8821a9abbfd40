// SPDX-License-Identifier: Apache-2.0
#include "members/lookup.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "core/error.hpp"
#include "core/text.hpp"
#include "members/writer.hpp"
#include "store/sql.hpp"

namespace nacsa::members {

namespace {

constexpr const char* k_ref_columns =
    "SELECT m.id, m.name, m.acronym, m.type, m.region, m.status, "
    "(SELECT group_concat(theme, '|') FROM (SELECT theme FROM member_theme t "
    "WHERE t.member_id = m.id ORDER BY theme)) FROM member m ";

MemberRef read_ref(SQLite::Statement& q) {
    MemberRef r;
    r.id = q.getColumn(0).getString();
    r.name = q.getColumn(1).getString();
    r.acronym = store::text(q.getColumn(2));
    r.type = q.getColumn(3).getString();
    r.region = store::text(q.getColumn(4));
    r.status = parse_status(q.getColumn(5).getString()).value_or(MemberStatus::active);
    r.thematic_areas = text::split_list(store::text(q.getColumn(6)), '|');
    return r;
}

std::vector<MemberRef> refs_where(store::Store& store, const std::string& where,
                                  const std::string& value) {
    SQLite::Statement q(store.db(), std::string(k_ref_columns) + where + " ORDER BY m.id");
    q.bind(1, value);
    std::vector<MemberRef> out;
    while (q.executeStep()) {
        out.push_back(read_ref(q));
    }
    return out;
}

std::string names_of(const std::vector<MemberRef>& refs) {
    std::vector<std::string> out;
    out.reserve(refs.size());
    for (const auto& r : refs) {
        out.push_back(fmt::format("{} ({})", r.id, r.name));
    }
    return text::join(out, ", ");
}

}  // namespace

std::optional<MemberRef> find_member_ref(store::Store& store, std::string_view reference) {
    const std::string wanted(text::trim(reference));
    if (wanted.empty()) {
        return std::nullopt;
    }
    if (auto by_id = refs_where(store, "WHERE m.id = ?", wanted); !by_id.empty()) {
        return std::move(by_id.front());
    }
    const std::string key = name_key(wanted);
    if (key.empty()) {
        return std::nullopt;
    }
    if (auto by_name = refs_where(store, "WHERE m.name_key = ?", key); !by_name.empty()) {
        return std::move(by_name.front());
    }
    // Acronyms are few per store and not indexed: compare them folded, in C++.
    SQLite::Statement q(store.db(),
                        "SELECT id, acronym FROM member WHERE acronym IS NOT NULL ORDER BY id");
    std::vector<MemberRef> by_acronym;
    while (q.executeStep()) {
        if (name_key(q.getColumn(1).getString()) == key) {
            by_acronym.push_back(
                refs_where(store, "WHERE m.id = ?", q.getColumn(0).getString()).front());
        }
    }
    if (by_acronym.size() > 1) {
        throw UsageError(msg("\"{}\" is the acronym of {} members: {}; give the id",
                             text::escape_control(wanted), by_acronym.size(),
                             names_of(by_acronym)));
    }
    if (by_acronym.size() == 1) {
        return std::move(by_acronym.front());
    }
    return std::nullopt;
}

MemberRef resolve_member(store::Store& store, std::string_view reference) {
    if (auto found = find_member_ref(store, reference)) {
        return std::move(*found);
    }
    const std::string wanted(text::trim(reference));
    const std::string key = name_key(wanted);
    std::vector<MemberRef> close;
    if (!key.empty()) {
        close = refs_where(store, "WHERE instr(m.name_key, ?) > 0", key);
    }
    Message hint = msg("see 'nacsa member list'");
    if (!close.empty() && close.size() <= 5) {
        hint = msg("did you mean: {}?", names_of(close));
    } else if (!close.empty()) {
        hint = msg("{} members' names contain it: see 'nacsa member list --search {}'",
                   close.size(), text::escape_control(wanted));
    }
    throw NotFoundError(
        msg("no member \"{}\" (an id, name or acronym; {})", text::escape_control(wanted), hint));
}

std::map<std::string, MemberRef> member_refs(store::Store& store,
                                             const std::vector<std::string>& ids) {
    std::map<std::string, MemberRef> out;
    SQLite::Statement q(store.db(), std::string(k_ref_columns) + "WHERE m.id = ?");
    for (const auto& id : ids) {
        if (out.count(id) != 0) {
            continue;
        }
        q.reset();
        q.bind(1, id);
        if (q.executeStep()) {
            out.emplace(id, read_ref(q));
        }
    }
    return out;
}

std::vector<std::string> member_ids(store::Store& store) {
    SQLite::Statement q(store.db(), "SELECT id FROM member ORDER BY id");
    std::vector<std::string> out;
    while (q.executeStep()) {
        out.push_back(q.getColumn(0).getString());
    }
    return out;
}

bool member_exists(store::Store& store, const std::string& id) {
    SQLite::Statement q(store.db(), "SELECT 1 FROM member WHERE id = ?");
    q.bind(1, id);
    return q.executeStep();
}

namespace {

constexpr const char* k_person_columns =
    "SELECT id, member_id, name, IFNULL(email, ''), gender, is_primary, erased_at IS NOT NULL "
    "FROM contact ";

Person read_person(SQLite::Statement& q) {
    Person p;
    p.id = q.getColumn(0).getInt64();
    p.member_id = q.getColumn(1).getString();
    p.erased = q.getColumn(6).getInt() != 0;
    p.name = p.erased ? std::string() : q.getColumn(2).getString();
    p.email = p.erased ? std::string() : q.getColumn(3).getString();
    p.gender = p.erased ? "undisclosed" : q.getColumn(4).getString();
    p.primary = q.getColumn(5).getInt() != 0;
    return p;
}

// Whether `words` (name_key form) is a run of whole words of `name` (name_key form).
bool has_words(const std::string& name, const std::string& words) {
    if (words.empty() || words.size() > name.size()) {
        return false;
    }
    for (std::size_t at = name.find(words); at != std::string::npos;
         at = name.find(words, at + 1)) {
        const bool starts = at == 0 || name[at - 1] == ' ';
        const bool ends = at + words.size() == name.size() || name[at + words.size()] == ' ';
        if (starts && ends) {
            return true;
        }
    }
    return false;
}

std::string listing(const std::vector<Person>& people) {
    std::vector<std::string> out;
    out.reserve(people.size());
    for (const auto& p : people) {
        out.push_back(fmt::format("#{} {}", p.id, p.name));
    }
    return text::join(out, ", ");
}

[[noreturn]] void contact_problem(const std::string& field, Message message) {
    throw ValidationError({Diagnostic{.field = field, .message = std::move(message)}});
}

}  // namespace

std::vector<Person> people_of(store::Store& store, const std::string& member_id) {
    SQLite::Statement q(store.db(), std::string(k_person_columns) +
                                        "WHERE member_id = ? AND erased_at IS NULL "
                                        "ORDER BY is_primary DESC, id");
    q.bind(1, member_id);
    std::vector<Person> out;
    while (q.executeStep()) {
        out.push_back(read_person(q));
    }
    return out;
}

namespace {

// What a contact reference matches among a member's contacts.
struct ContactMatch {
    std::optional<Person> found;   // the contact it names
    std::optional<Person> erased;  // an erased contact it names by number
    std::vector<Person> several;   // the contacts it could name, when more than one
    std::vector<Person> contacts;  // the member's contacts, not erased (for messages)
};

// The number a reference gives ("12" or "#12"), if it is one.
std::optional<std::int64_t> contact_number(const std::string& wanted) {
    const std::string_view digits =
        std::string_view(wanted).substr(wanted.starts_with('#') ? 1 : 0);
    std::int64_t number = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
    if (digits.empty() || error != std::errc{} || end != digits.data() + digits.size() ||
        digits.front() == '-' || digits.front() == '+') {
        return std::nullopt;
    }
    return number;
}

std::optional<Person> person_by_number(store::Store& store, const std::string& member_id,
                                       std::int64_t number) {
    SQLite::Statement q(store.db(),
                        std::string(k_person_columns) + "WHERE id = ? AND member_id = ?");
    q.bind(1, static_cast<int64_t>(number));
    q.bind(2, member_id);
    if (q.executeStep()) {
        return read_person(q);
    }
    return std::nullopt;
}

// The one rule for naming a contact (lookup.hpp, resolve_contact), before deciding what a
// failure is. `wanted` is trimmed.
ContactMatch match_contact(store::Store& store, const std::string& member_id,
                           const std::string& wanted) {
    ContactMatch match;
    if (const auto number = contact_number(wanted)) {
        if (auto p = person_by_number(store, member_id, *number)) {
            (p->erased ? match.erased : match.found) = std::move(p);
            return match;
        }
    }
    match.contacts = people_of(store, member_id);
    const std::string key = name_key(wanted);
    const std::string email = text::fold(wanted);
    std::vector<Person> exact;
    std::vector<Person> partial;
    for (const auto& c : match.contacts) {
        const std::string name = name_key(c.name);
        if ((!key.empty() && name == key) || (!c.email.empty() && text::fold(c.email) == email)) {
            exact.push_back(c);
        } else if (has_words(name, key)) {
            partial.push_back(c);
        }
    }
    auto& matches = exact.empty() ? partial : exact;
    if (matches.size() == 1) {
        match.found = std::move(matches.front());
    } else if (matches.size() > 1) {
        match.several = std::move(matches);
    }
    return match;
}

Message several_contacts(const std::string& shown, const std::string& member_id,
                         const std::vector<Person>& several) {
    return msg("\"{}\" matches {} contacts of {}: {}; give the contact's number or e-mail", shown,
               several.size(), member_id, listing(several));
}

}  // namespace

Person resolve_contact(store::Store& store, const std::string& member_id,
                       std::string_view reference, const std::string& field) {
    const std::string wanted(text::trim(reference));
    const std::string shown = text::escape_control(wanted);
    auto match = match_contact(store, member_id, wanted);
    if (match.found) {
        return std::move(*match.found);
    }
    if (match.erased) {
        contact_problem(field, msg("contact #{} of {} was erased", match.erased->id, member_id));
    }
    if (match.contacts.empty()) {
        contact_problem(
            field, msg("{} has no contacts on record (add one with 'nacsa member contact add {}')",
                       member_id, member_id));
    }
    if (!match.several.empty()) {
        contact_problem(field, several_contacts(shown, member_id, match.several));
    }
    contact_problem(field, msg("\"{}\" is not a contact of {} (contacts: {})", shown, member_id,
                               listing(match.contacts)));
}

Person resolve_contact_argument(store::Store& store, const std::string& member_id,
                                std::string_view reference) {
    const std::string wanted(text::trim(reference));
    const std::string shown = text::escape_control(wanted);
    auto match = match_contact(store, member_id, wanted);
    if (match.found) {
        return std::move(*match.found);
    }
    if (match.erased) {
        throw NotFoundError(
            msg("contact #{} of member \"{}\" was erased", match.erased->id, member_id));
    }
    if (!match.several.empty()) {
        throw UsageError(several_contacts(shown, member_id, match.several));
    }
    throw NotFoundError(msg("member \"{}\" has no contact named \"{}\"", member_id, shown));
}

std::optional<Person> default_contact(store::Store& store, const std::string& member_id) {
    const auto contacts = people_of(store, member_id);
    if (contacts.size() == 1 || (!contacts.empty() && contacts.front().primary)) {
        return contacts.front();
    }
    return std::nullopt;
}

std::map<std::int64_t, Person> people(store::Store& store, const std::vector<std::int64_t>& ids) {
    std::map<std::int64_t, Person> out;
    SQLite::Statement q(store.db(), std::string(k_person_columns) + "WHERE id = ?");
    for (const auto id : ids) {
        if (out.count(id) != 0) {
            continue;
        }
        q.reset();
        q.bind(1, static_cast<int64_t>(id));
        if (q.executeStep()) {
            out.emplace(id, read_person(q));
        }
    }
    return out;
}

std::vector<std::string> key_users(store::Store& store, config::KeyKind kind,
                                   const std::string& key) {
    const char* sql = nullptr;
    switch (kind) {
        case config::KeyKind::region:
            sql = "SELECT id FROM member WHERE region = ? ORDER BY id";
            break;
        case config::KeyKind::organisation_type:
            sql = "SELECT id FROM member WHERE type = ? ORDER BY id";
            break;
        case config::KeyKind::thematic_area:
            sql = "SELECT member_id FROM member_theme WHERE theme = ? ORDER BY member_id";
            break;
        case config::KeyKind::service:
            sql = "SELECT member_id FROM member_service WHERE service = ? ORDER BY member_id";
            break;
        case config::KeyKind::role:
            return {};
    }
    SQLite::Statement q(store.db(), sql);
    q.bind(1, key);
    std::vector<std::string> out;
    while (q.executeStep()) {
        out.push_back(q.getColumn(0).getString());
    }
    return out;
}

}  // namespace nacsa::members
