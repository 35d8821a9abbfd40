// SPDX-License-Identifier: Apache-2.0
// The use cases that change members: each one transaction (store.hpp), which reads what it
// decides on, validates, writes and audits.
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>

#include "core/text.hpp"
#include "i18n/i18n.hpp"
#include "members/erased.hpp"
#include "members/lookup.hpp"
#include "members/members.hpp"
#include "members/writer.hpp"
#include "store/sql.hpp"

namespace nacsa::members {

namespace {

// A value shown in a message: control characters and line breaks made visible.
std::string q(const std::string& value) {
    return text::escape_control(value);
}

[[noreturn]] void refuse(Diagnostic where, Message message) {
    where.message = std::move(message);
    throw ValidationError({std::move(where)});
}

[[noreturn]] void refuse(const std::string& field, Message message) {
    refuse(Diagnostic{.field = field}, std::move(message));
}

// The member a reference names, as the store holds it now, with its contacts.
Member member_now(store::Store& store, std::string_view reference) {
    const auto ref = resolve_member(store, reference);
    return detail::MemberReader(store).find(ref.id).value();
}

// The names of the member's own fields that changed ("city", "region").
std::vector<std::string> member_field_list(const Member& a, const Member& b) {
    std::vector<std::string> out;
    auto check = [&](const char* name, bool differs) {
        if (differs) {
            out.emplace_back(name);
        }
    };
    check("name", a.name != b.name);
    check("acronym", a.acronym != b.acronym);
    check("type", a.type != b.type);
    check("region", a.region != b.region);
    check("city", a.city != b.city);
    check("website", a.website != b.website);
    check("email", a.email != b.email);
    check("phone", a.phone != b.phone);
    check("thematic_areas", a.thematic_areas != b.thematic_areas);
    check("services", a.services != b.services);
    check("joined", a.joined != b.joined);
    check("status", a.status != b.status);
    check("interest", a.interest != b.interest);
    check("ecosoc_status", a.ecosoc_status != b.ecosoc_status);
    check("net4u", a.net4u != b.net4u);
    check("notes", a.notes != b.notes);
    return out;
}

// "city, region" for the audit log: the names of the member's fields that changed.
std::string changed_fields(const Member& a, const Member& b) {
    return text::join(member_field_list(a, b), ", ");
}

std::string changed_contact_fields(const Contact& a, const Contact& b) {
    std::vector<std::string> out;
    auto check = [&](const char* name, bool differs) {
        if (differs) {
            out.emplace_back(name);
        }
    };
    check("name", a.name != b.name);
    check("position", a.position != b.position);
    check("email", a.email != b.email);
    check("phone", a.phone != b.phone);
    check("gender", a.gender != b.gender);
    check("primary", a.primary != b.primary);
    check("consent", a.consent != b.consent);
    return text::join(out, ", ");
}

// A new member's id is free and no other member has its name.
void check_new_member(detail::Writer& writer, const Member& member, const MemberInput& input,
                      const Locator& where) {
    if (writer.id_exists(member.id)) {
        if (input.id) {
            refuse(where("id"), msg("a member with id \"{}\" already exists", member.id));
        }
        refuse(where("name"),
               msg("a member with id \"{}\" already exists: give another id with --id", member.id));
    }
    if (const auto other = writer.id_by_name_key(name_key(member.name))) {
        refuse(where("name"), msg("member \"{}\" already has this name", *other));
    }
}

// The last entry of a member's status history.
std::optional<StatusChange> last_status_change(store::Store& store, const std::string& member_id) {
    SQLite::Statement last(store.db(),
                           "SELECT status, date FROM member_status_history WHERE member_id = ? "
                           "AND voided_at IS NULL ORDER BY date DESC, id DESC LIMIT 1");
    last.bind(1, member_id);
    if (!last.executeStep()) {
        return std::nullopt;
    }
    return StatusChange{parse_status(last.getColumn(0).getString()).value_or(MemberStatus::active),
                        store::date(last.getColumn(1)),
                        {}};
}

// Whether a member may move to `status` on `date`, for `reason`.
void check_status_move(store::Store& store, const Member& before, MemberStatus status,
                       const std::string& reason, Date date) {
    if (text::trim(reason).empty()) {
        refuse("--reason", msg("a status change needs a reason"));
    }
    if (before.status == status) {
        refuse("status", msg("member \"{}\" is already {}", before.id, status_name(status)));
    }
    if (auto why = detail::refused_move(before.status, status)) {
        refuse("status", std::move(*why));
    }
    if (const Date today = store.today(); date > today) {
        refuse("--date", msg("{} is in the future (today is {} in {})", format_date(date),
                             format_date(today), store.alliance().time_zone));
    }
    if (const auto last = last_status_change(store, before.id); last && last->date > date) {
        refuse("--date",
               msg("{} is before the member's last status change ({} on {})", format_date(date),
                   i18n::status_word(status_name(last->status)), format_date(last->date)));
    }
}

// A contact's name is not the name of another contact of the member (`except`: the contact
// being renamed).
void check_contact_name(const Member& member, const std::string& name, std::int64_t except,
                        const Locator& where) {
    const std::string key = detail::contact_key(name);
    for (const auto& c : member.contacts) {
        if (c.id != except && detail::contact_key(c.name) == key) {
            refuse(where("name"),
                   msg("member \"{}\" already has a contact named \"{}\"", member.id, q(name)));
        }
    }
}

// The contact a reference names among the member's (resolve_contact_argument).
const Contact& contact_of(store::Store& store, const Member& member, std::string_view reference) {
    const auto person = resolve_contact_argument(store, member.id, reference);
    const auto it = std::find_if(member.contacts.begin(), member.contacts.end(),
                                 [&](const Contact& c) { return c.id == person.id; });
    if (it == member.contacts.end()) {
        throw std::logic_error("a contact resolved is not among the member's contacts");
    }
    return *it;
}

}  // namespace

Member add_member(store::Store& store, const MemberInput& input, const Locator& where) {
    Member member;
    store.transaction([&] {
        Diagnostics problems;
        validate(input, store.alliance(), store.today(), where, true, problems);
        problems.throw_if_any();
        detail::Writer writer(store);
        member = detail::merge(Member{}, input);
        member.id = input.id && !input.id->empty() ? *input.id : id_from_name(member.name);
        check_new_member(writer, member, input, where);
        writer.insert(member, member.joined.empty() ? format_date(store.today()) : member.joined,
                      "added");
        store.audit("member", member.id,
                    fmt::format("added member ({}, {}{})", member.type, status_name(member.status),
                                member.region.empty() ? "" : ", region " + member.region));
        for (const auto& c : member.contacts) {
            store.audit("contact", member.id, fmt::format("added contact {}", c.name), c.id);
        }
    });
    return member;
}

EditResult edit_member(store::Store& store, const std::string& member, const MemberInput& input,
                       const Locator& where) {
    EditResult result;
    store.transaction([&] {
        const Member before = member_now(store, member);
        Diagnostics problems;
        validate(input, store.alliance(), store.today(), where, false, problems);
        problems.throw_if_any();
        MemberInput given = input;
        given.contacts.reset();
        given.status.reset();
        given.id.reset();
        Member after = detail::merge(before, std::move(given));
        detail::Writer writer(store);
        if (after.name != before.name) {
            if (const auto other = writer.id_by_name_key(name_key(after.name));
                other && *other != before.id) {
                refuse(where("name"), msg("member \"{}\" already has this name", *other));
            }
        }
        if (after == before) {
            result = {before, false};
            return;
        }
        writer.update(before, after, "");
        store.audit("member", before.id, fmt::format("changed {}", changed_fields(before, after)));
        result = {std::move(after), true};
    });
    return result;
}

StatusUpdate change_status(store::Store& store, const std::string& member, MemberStatus status,
                           const std::string& reason, std::optional<Date> date) {
    StatusUpdate update;
    store.transaction([&] {
        const Member before = member_now(store, member);
        const Date day = date.value_or(store.today());
        check_status_move(store, before, status, reason, day);
        const std::string day_text = format_date(day);
        const bool admitted = status == MemberStatus::active && before.joined.empty();
        const std::string now_text = format_timestamp(now());
        SQLite::Statement set_status(
            store.db(), "UPDATE member SET status = ?, joined = ?, updated_at = ? WHERE id = ?");
        set_status.bind(1, std::string(status_name(status)));
        store::bind_nonempty(set_status, 2, admitted ? day_text : before.joined);
        set_status.bind(3, now_text);
        set_status.bind(4, before.id);
        set_status.exec();
        SQLite::Statement history(
            store.db(),
            "INSERT INTO member_status_history (member_id, status, date, reason, recorded_at) "
            "VALUES (?, ?, ?, ?, ?)");
        history.bind(1, before.id);
        history.bind(2, std::string(status_name(status)));
        history.bind(3, day_text);
        history.bind(4, std::string(text::trim(reason)));
        history.bind(5, now_text);
        history.exec();
        store.audit("member", before.id,
                    fmt::format("status {} -> {} on {}", status_name(before.status),
                                status_name(status), day_text));
        update = {before.id, before.status, status, day};
    });
    return update;
}

namespace {

// The member's latest status entries that are not voided, newest first: (row id, entry).
std::vector<std::pair<std::int64_t, StatusChange>> latest_entries(store::Store& store,
                                                                  const std::string& member_id) {
    SQLite::Statement q(store.db(),
                        "SELECT id, status, date, IFNULL(reason, '') FROM member_status_history "
                        "WHERE member_id = ? AND voided_at IS NULL ORDER BY date DESC, id DESC "
                        "LIMIT 2");
    q.bind(1, member_id);
    std::vector<std::pair<std::int64_t, StatusChange>> out;
    while (q.executeStep()) {
        StatusChange c;
        c.status = parse_status(q.getColumn(1).getString()).value_or(MemberStatus::active);
        c.date = store::date(q.getColumn(2));
        c.reason = q.getColumn(3).getString();
        out.emplace_back(q.getColumn(0).getInt64(), std::move(c));
    }
    return out;
}

}  // namespace

StatusCorrection correct_status(store::Store& store, const std::string& member,
                                const std::string& reason) {
    StatusCorrection result;
    store.transaction([&] {
        const Member before = member_now(store, member);
        if (text::trim(reason).empty()) {
            refuse("--reason", msg("a status correction needs a reason"));
        }
        const auto entries = latest_entries(store, before.id);
        if (entries.size() < 2) {
            refuse("status", msg("member \"{}\" has no status change to correct (only its "
                                 "first status)",
                                 before.id));
        }
        const auto& [row, voided] = entries[0];
        const auto& previous = entries[1].second;
        const Date today = store.today();
        const std::string why(text::trim(reason));
        SQLite::Statement v(store.db(),
                            "UPDATE member_status_history SET voided_at = ?, void_reason = ? "
                            "WHERE id = ?");
        store::bind(v, 1, today);
        v.bind(2, why);
        v.bind(3, static_cast<int64_t>(row));
        v.exec();
        // Voiding the admission takes back the joined date it set.
        const bool unadmitted = voided.status == MemberStatus::active &&
                                previous.status == MemberStatus::applicant &&
                                before.joined == format_date(voided.date);
        SQLite::Statement set_status(
            store.db(), "UPDATE member SET status = ?, joined = ?, updated_at = ? WHERE id = ?");
        set_status.bind(1, std::string(status_name(previous.status)));
        store::bind_nonempty(set_status, 2, unadmitted ? std::string() : before.joined);
        set_status.bind(3, format_timestamp(now()));
        set_status.bind(4, before.id);
        set_status.exec();
        store.audit("member", before.id,
                    fmt::format("status {} of {} voided as entered by mistake: status {} -> {}; "
                                "reason: {}",
                                status_name(voided.status), format_date(voided.date),
                                status_name(before.status), status_name(previous.status), why));
        result = {before.id, voided, previous.status, today};
        result.voided.voided = today;
        result.voided.void_reason = why;
    });
    return result;
}

Contact add_contact(store::Store& store, const std::string& member, const ContactInput& input,
                    const Locator& where) {
    Contact added;
    store.transaction([&] {
        const Member before = member_now(store, member);
        Diagnostics problems;
        validate_contact(input, where, "", true, problems);
        problems.throw_if_any();
        check_contact_name(before, *input.name, 0, where);
        MemberInput change;
        change.contacts = std::vector<ContactInput>{input};
        Member after = detail::merge(before, std::move(change));
        detail::Writer(store).update(before, after, "");
        added = after.contacts.back();
        store.audit("contact", before.id, fmt::format("added contact {}", added.name), added.id);
    });
    return added;
}

EditResult edit_contact(store::Store& store, const std::string& member, const std::string& contact,
                        const ContactInput& input, const Locator& where) {
    EditResult result;
    store.transaction([&] {
        const Member before = member_now(store, member);
        Diagnostics problems;
        validate_contact(input, where, "", false, problems);
        problems.throw_if_any();
        const Contact existing = contact_of(store, before, contact);
        if (input.name) {
            check_contact_name(before, *input.name, existing.id, where);
        }
        // Merge by the contact's current name, then apply the new name.
        ContactInput keyed = input;
        keyed.name = existing.name;
        MemberInput change;
        change.contacts = std::vector<ContactInput>{std::move(keyed)};
        Member after = detail::merge(before, std::move(change));
        const auto target = std::find_if(after.contacts.begin(), after.contacts.end(),
                                         [&](const Contact& c) { return c.id == existing.id; });
        if (input.name) {
            target->name = std::string(text::trim(*input.name));
        }
        const Contact edited = *target;
        if (after == before) {
            result = {before, false};
            return;
        }
        detail::Writer(store).update(before, after, "");
        store.audit("contact", before.id,
                    fmt::format("changed {} of contact {}",
                                changed_contact_fields(existing, edited), edited.name),
                    edited.id);
        result = {std::move(after), true};
    });
    return result;
}

namespace {

// Whether a row of another table refers to the contact in a way that forbids deleting it (a
// seat, a candidacy: their history keeps that someone represented the member). Asked of the
// schema's foreign keys, so that the members module need not know who refers to its contacts.
bool contact_is_referenced(store::Store& store, std::int64_t contact_id) {
    SQLite::Statement keys(
        store.db(),
        "SELECT m.name, k.\"from\" FROM sqlite_schema m, "
        "pragma_foreign_key_list(m.name) k WHERE m.type = 'table' "
        "AND k.\"table\" = 'contact' AND k.on_delete IN ('NO ACTION', 'RESTRICT')");
    while (keys.executeStep()) {
        SQLite::Statement uses(
            store.db(), fmt::format("SELECT 1 FROM \"{}\" WHERE \"{}\" = ? LIMIT 1",
                                    keys.getColumn(0).getString(), keys.getColumn(1).getString()));
        uses.bind(1, static_cast<int64_t>(contact_id));
        if (uses.executeStep()) {
            return true;
        }
    }
    return false;
}

// Blanks a contact's personal data and marks it erased (the row stays for what refers to it).
void erase_contact_row(store::Store& store, const Contact& contact) {
    detail::remember_erased(store, contact);
    const auto contact_id = contact.id;
    SQLite::Statement erase(
        store.db(),
        "UPDATE contact SET name = '', position = NULL, email = NULL, phone = NULL, "
        "gender = 'undisclosed', is_primary = 0, consent_date = NULL, search_text = '', "
        "phone_digits = '', erased_at = ? WHERE id = ?");
    erase.bind(1, format_timestamp(now()));
    erase.bind(2, static_cast<int64_t>(contact_id));
    erase.exec();
    detail::refresh_search(store, contact.member_id);
    store.erase_audit_of_contact(contact_id);
}

}  // namespace

namespace detail {

std::vector<Message> changed_field_list(const Member& before, const Member& after) {
    std::vector<Message> out;
    for (auto& name : member_field_list(before, after)) {
        out.emplace_back(std::move(name));
    }
    for (const auto& c : after.contacts) {
        const auto was = std::find_if(before.contacts.begin(), before.contacts.end(),
                                      [&](const Contact& b) { return c.id != 0 && b.id == c.id; });
        if (was == before.contacts.end()) {
            out.push_back(msg("contact {} added", c.name));
        } else if (!(*was == c)) {
            out.push_back(msg("contact {}: {}", was->name, changed_contact_fields(*was, c)));
        }
    }
    return out;
}

std::optional<StatusChange> last_status_change(store::Store& store, const std::string& member_id) {
    SQLite::Statement q(
        store.db(),
        "SELECT status, date, IFNULL(reason, '') FROM member_status_history "
        "WHERE member_id = ? AND voided_at IS NULL ORDER BY date DESC, id DESC LIMIT 1");
    q.bind(1, member_id);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    StatusChange change;
    change.status = parse_status(q.getColumn(0).getString()).value_or(MemberStatus::active);
    change.date = parse_date(q.getColumn(1).getString()).value_or(Date{});
    change.reason = q.getColumn(2).getString();
    return change;
}

}  // namespace detail

RemovedContact remove_contact(store::Store& store, const std::string& member,
                              const std::string& contact) {
    RemovedContact result;
    store.transaction([&] {
        const Member before = member_now(store, member);
        result.contact = contact_of(store, before, contact);
        const auto id = result.contact.id;
        result.kept_erased = contact_is_referenced(store, id);
        if (result.kept_erased) {
            erase_contact_row(store, result.contact);
        } else {
            detail::remember_erased(store, result.contact);
            SQLite::Statement del(store.db(), "DELETE FROM contact WHERE id = ?");
            del.bind(1, static_cast<int64_t>(id));
            del.exec();
            detail::refresh_search(store, before.id);
            // Once the row is gone, `member forget` could no longer find the person's entries
            // in the audit log: their personal data goes now, and the removal is logged without.
            store.erase_audit_of_contact(id);
        }
        store.audit("contact", before.id,
                    result.kept_erased
                        ? fmt::format("removed contact #{} (personal data erased; the record "
                                      "stays, without it, for the seats or candidacies it held)",
                                      id)
                        : fmt::format("removed contact #{} (personal data erased)", id),
                    id);
    });
    return result;
}

std::vector<std::string> forget_contacts(store::Store& store, const std::string& member_id,
                                         const std::optional<std::string>& contact) {
    const Member member = member_now(store, member_id);
    std::vector<Contact> targets = member.contacts;
    if (contact) {
        targets = {contact_of(store, member, *contact)};
    }
    std::vector<std::string> names;
    for (const auto& c : targets) {
        erase_contact_row(store, c);
        names.push_back(c.name);
    }
    return names;
}

}  // namespace nacsa::members
