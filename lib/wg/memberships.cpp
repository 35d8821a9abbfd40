// SPDX-License-Identifier: Apache-2.0
// Who is in a working group and who leads it: memberships and leads, kept with their history.
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>

#include "core/text.hpp"
#include "members/lookup.hpp"
#include "store/sql.hpp"
#include "wg/detail.hpp"
#include "wg/wg.hpp"

namespace nacsa::wg {

using detail::check_not_before;
using detail::invalid;
using detail::k_group_kind;

namespace {

constexpr const char* k_membership_columns =
    "SELECT id, wg_id, member_id, contact_id, joined, ended, end_reason FROM wg_membership";

Membership read_membership(SQLite::Statement& q) {
    Membership m;
    m.id = q.getColumn(0).getInt64();
    m.wg_id = q.getColumn(1).getString();
    m.member_id = q.getColumn(2).getString();
    m.contact_id = store::optional_int64(q.getColumn(3));
    m.joined = store::date(q.getColumn(4));
    m.ended = store::optional_date(q.getColumn(5));
    m.end_reason = store::text(q.getColumn(6));
    return m;
}

constexpr const char* k_lead_columns =
    "SELECT id, wg_id, member_id, contact_id, started, ended, end_reason FROM wg_lead";

Lead read_lead(SQLite::Statement& q) {
    Lead l;
    l.id = q.getColumn(0).getInt64();
    l.wg_id = q.getColumn(1).getString();
    l.member_id = q.getColumn(2).getString();
    l.contact_id = store::optional_int64(q.getColumn(3));
    l.started = store::date(q.getColumn(4));
    l.ended = store::optional_date(q.getColumn(5));
    l.end_reason = store::text(q.getColumn(6));
    return l;
}

// Fills in the member's name and the contact's name (empty when erased) of each record, as
// lib/members tells them.
template <typename Record>
std::vector<Record> with_names(store::Store& store, std::vector<Record> records) {
    std::vector<std::string> member_ids;
    std::vector<std::int64_t> contact_ids;
    for (const auto& r : records) {
        member_ids.push_back(r.member_id);
        if (r.contact_id) {
            contact_ids.push_back(*r.contact_id);
        }
    }
    const auto refs = members::member_refs(store, member_ids);
    const auto people = members::people(store, contact_ids);
    for (auto& r : records) {
        if (const auto it = refs.find(r.member_id); it != refs.end()) {
            r.member_name = it->second.name;
        }
        if (const auto it = r.contact_id ? people.find(*r.contact_id) : people.end();
            it != people.end()) {
            r.contact_name = it->second.name;
        }
    }
    return records;
}

template <typename Record, typename Read>
std::vector<Record> read_all(store::Store& store, SQLite::Statement& q, Read read) {
    std::vector<Record> out;
    while (q.executeStep()) {
        out.push_back(read(q));
    }
    return with_names(store, std::move(out));
}

std::string contact_note(const std::optional<std::int64_t>& contact_id) {
    return contact_id ? fmt::format("contact #{}", *contact_id) : std::string("no representative");
}

void insert_membership(store::Store& store, const std::string& wg_id, const std::string& member_id,
                       const std::optional<std::int64_t>& contact_id, Date date) {
    SQLite::Statement q(
        store.db(),
        "INSERT INTO wg_membership (wg_id, member_id, contact_id, joined) VALUES (?, ?, ?, ?)");
    q.bind(1, wg_id);
    q.bind(2, member_id);
    store::bind(q, 3, contact_id);
    store::bind(q, 4, date);
    q.exec();
    store.audit(k_group_kind, wg_id,
                fmt::format("{} joined on {} ({})", member_id, format_date(date),
                            contact_note(contact_id)));
}

// A member rejoins a group no earlier than its previous membership ended.
void check_after_previous_membership(store::Store& store, const std::string& wg_id,
                                     const std::string& member_id, Date date) {
    SQLite::Statement q(store.db(),
                        "SELECT max(ended) FROM wg_membership WHERE wg_id = ? AND member_id = ?");
    q.bind(1, wg_id);
    q.bind(2, member_id);
    if (q.executeStep() && !q.getColumn(0).isNull()) {
        check_not_before(date, store::date(q.getColumn(0)), msg("its previous membership ended"));
    }
}

// `wg join` of a member already in the group: a new representative.
Membership change_representative(store::Store& store, const WorkingGroup& g,
                                 const members::MemberRef& m, const Membership& current,
                                 const std::optional<std::string>& representative) {
    if (!representative) {
        invalid("member", msg("{} is already a member of {} (since {})", m.id, g.id,
                              format_date(current.joined)));
    }
    const auto c = members::resolve_contact(store, m.id, *representative, "representative");
    if (current.contact_id == c.id) {
        invalid("representative", msg("{} already represents {} in {}", c.name, m.id, g.id));
    }
    SQLite::Statement q(store.db(), "UPDATE wg_membership SET contact_id = ? WHERE id = ?");
    q.bind(1, static_cast<int64_t>(c.id));
    q.bind(2, static_cast<int64_t>(current.id));
    q.exec();
    detail::touch_group(store, g.id);
    store.audit(k_group_kind, g.id,
                fmt::format("representative of {} changed to contact #{}", m.id, c.id));
    return *detail::current_membership(store, g.id, m.id);
}

void insert_lead(store::Store& store, const std::string& wg_id, const std::string& member_id,
                 std::int64_t contact_id, Date date) {
    SQLite::Statement q(
        store.db(),
        "INSERT INTO wg_lead (wg_id, member_id, contact_id, started) VALUES (?, ?, ?, ?)");
    q.bind(1, wg_id);
    q.bind(2, member_id);
    q.bind(3, static_cast<int64_t>(contact_id));
    store::bind(q, 4, date);
    q.exec();
    store.audit(
        k_group_kind, wg_id,
        fmt::format("{} leads from {} (contact #{})", member_id, format_date(date), contact_id));
}

}  // namespace

namespace detail {

std::optional<Membership> current_membership(store::Store& store, const std::string& wg_id,
                                             const std::string& member_id) {
    SQLite::Statement q(store.db(), std::string(k_membership_columns) +
                                        " WHERE wg_id = ? AND member_id = ? AND ended IS NULL");
    q.bind(1, wg_id);
    q.bind(2, member_id);
    auto found = read_all<Membership>(store, q, read_membership);
    if (found.empty()) {
        return std::nullopt;
    }
    return std::move(found.front());
}

bool end_lead(store::Store& store, const std::string& wg_id, Date date, const std::string& reason) {
    SQLite::Statement q(store.db(),
                        "UPDATE wg_lead SET ended = max(?, started), end_reason = ? "
                        "WHERE wg_id = ? AND ended IS NULL RETURNING member_id");
    store::bind(q, 1, date);
    q.bind(2, reason);
    q.bind(3, wg_id);
    if (!q.executeStep()) {
        return false;
    }
    const std::string member_id = q.getColumn(0).getString();
    while (q.executeStep()) {
    }
    store.audit(k_group_kind, wg_id,
                fmt::format("lead of {} ended on {} ({})", member_id, format_date(date), reason));
    return true;
}

}  // namespace detail

std::vector<Membership> memberships(store::Store& store, const std::string& wg_id,
                                    Include include) {
    SQLite::Statement q(store.db(), std::string(k_membership_columns) + " WHERE wg_id = ?" +
                                        (include == Include::all ? "" : " AND ended IS NULL") +
                                        " ORDER BY ended IS NOT NULL, joined, member_id, id");
    q.bind(1, wg_id);
    return read_all<Membership>(store, q, read_membership);
}

std::vector<std::string> member_ids_on(store::Store& store, const std::string& wg_id, Date date) {
    SQLite::Statement q(store.db(),
                        "SELECT DISTINCT member_id FROM wg_membership WHERE wg_id = :g AND "
                        "joined <= :d AND (ended IS NULL OR ended > :d) ORDER BY member_id");
    q.bind(":g", wg_id);
    store::bind(q, ":d", date);
    std::vector<std::string> out;
    while (q.executeStep()) {
        out.push_back(q.getColumn(0).getString());
    }
    return out;
}

std::optional<Lead> current_lead(store::Store& store, const std::string& wg_id) {
    SQLite::Statement q(store.db(),
                        std::string(k_lead_columns) + " WHERE wg_id = ? AND ended IS NULL");
    q.bind(1, wg_id);
    auto found = read_all<Lead>(store, q, read_lead);
    if (found.empty()) {
        return std::nullopt;
    }
    return std::move(found.front());
}

std::vector<Lead> lead_history(store::Store& store, const std::string& wg_id) {
    SQLite::Statement q(store.db(),
                        std::string(k_lead_columns) + " WHERE wg_id = ? ORDER BY started, id");
    q.bind(1, wg_id);
    return read_all<Lead>(store, q, read_lead);
}

JoinResult join(store::Store& store, const std::string& wg_id, const std::string& member,
                const std::optional<std::string>& representative, std::optional<Date> date) {
    JoinResult result;
    store.transaction([&] {
        const WorkingGroup g = get_group(store, wg_id);
        const auto m = members::resolve_member(store, member);
        detail::require_active_group(g);
        if (const auto current = detail::current_membership(store, g.id, m.id)) {
            result.representative_changed = true;
            result.membership = change_representative(store, g, m, *current, representative);
            return;
        }
        detail::require_active_member(m, msg("join a working group"));
        const Date day = date.value_or(store.today());
        check_not_before(day, g.created, msg("the group was created"));
        check_after_previous_membership(store, g.id, m.id, day);
        std::optional<std::int64_t> contact_id;
        if (representative) {
            contact_id =
                members::resolve_contact(store, m.id, *representative, "representative").id;
        } else if (const auto c = members::default_contact(store, m.id)) {
            contact_id = c->id;
        }
        insert_membership(store, g.id, m.id, contact_id, day);
        detail::touch_group(store, g.id);
        result.membership = *detail::current_membership(store, g.id, m.id);
    });
    return result;
}

LeaveResult leave(store::Store& store, const std::string& wg_id, const std::string& member,
                  std::optional<Date> date) {
    LeaveResult result;
    store.transaction([&] {
        const WorkingGroup g = get_group(store, wg_id);
        const auto m = members::resolve_member(store, member);
        auto current = detail::current_membership(store, g.id, m.id);
        if (!current) {
            invalid("member", msg("{} is not a member of {}", m.id, g.id));
        }
        const Date day = date.value_or(store.today());
        check_not_before(day, current->joined, msg("it joined"));
        SQLite::Statement q(store.db(),
                            "UPDATE wg_membership SET ended = ?, end_reason = 'left' WHERE id = ?");
        store::bind(q, 1, day);
        q.bind(2, static_cast<int64_t>(current->id));
        q.exec();
        store.audit(k_group_kind, g.id, fmt::format("{} left on {}", m.id, format_date(day)));
        const auto lead = current_lead(store, g.id);
        if (lead && lead->member_id == m.id) {
            result.lead_ended = detail::end_lead(store, g.id, day, "left");
        }
        detail::touch_group(store, g.id);
        current->ended = day;
        current->end_reason = "left";
        result.membership = std::move(*current);
    });
    return result;
}

LeadResult set_lead(store::Store& store, const std::string& wg_id, const std::string& member,
                    const std::string& representative, std::optional<Date> date) {
    LeadResult result;
    store.transaction([&] {
        const WorkingGroup g = get_group(store, wg_id);
        const auto m = members::resolve_member(store, member);
        detail::require_active_group(g);
        detail::require_active_member(m, msg("lead a working group"));
        const auto c = members::resolve_contact(store, m.id, representative, "representative");
        const Date day = date.value_or(store.today());
        check_not_before(day, g.created, msg("the group was created"));
        result.previous = current_lead(store, g.id);
        if (result.previous) {
            if (result.previous->member_id == m.id && result.previous->contact_id == c.id) {
                invalid("member", msg("{} already leads {} (since {}), represented by {}", m.id,
                                      g.id, format_date(result.previous->started), c.name));
            }
            check_not_before(day, result.previous->started, msg("the current lead started"));
        }
        result.joined = !detail::current_membership(store, g.id, m.id);
        if (result.joined) {
            check_after_previous_membership(store, g.id, m.id, day);
        }
        if (result.previous) {
            detail::end_lead(store, g.id, day, "replaced");
        }
        if (result.joined) {
            insert_membership(store, g.id, m.id, c.id, day);
        }
        insert_lead(store, g.id, m.id, c.id, day);
        detail::touch_group(store, g.id);
        result.lead = *current_lead(store, g.id);
    });
    return result;
}

std::vector<EndedRole> end_memberships_of(store::Store& store, const std::string& member_id,
                                          Date date) {
    std::vector<EndedRole> ended;
    store.transaction([&] {
        SQLite::Statement leads(
            store.db(),
            "SELECT wg_id FROM wg_lead WHERE member_id = ? AND ended IS NULL ORDER BY wg_id");
        leads.bind(1, member_id);
        std::vector<std::string> led;
        while (leads.executeStep()) {
            led.push_back(leads.getColumn(0).getString());
        }
        for (const auto& g : led) {
            detail::end_lead(store, g, date, "withdrawn");
            ended.push_back(EndedRole{g, EndedRole::Kind::lead});
        }
        SQLite::Statement q(store.db(),
                            "UPDATE wg_membership SET ended = max(?, joined), "
                            "end_reason = 'withdrawn' "
                            "WHERE member_id = ? AND ended IS NULL RETURNING wg_id");
        store::bind(q, 1, date);
        q.bind(2, member_id);
        std::vector<std::string> groups;
        while (q.executeStep()) {
            groups.push_back(q.getColumn(0).getString());
        }
        std::sort(groups.begin(), groups.end());
        for (const auto& g : groups) {
            store.audit(k_group_kind, g,
                        fmt::format("membership of {} ended on {} (member withdrawn)", member_id,
                                    format_date(date)));
            detail::touch_group(store, g);
            ended.push_back(EndedRole{g, EndedRole::Kind::membership});
        }
    });
    return ended;
}

std::vector<EndedRole> restore_ended_of(store::Store& store, const std::string& member_id,
                                        Date date) {
    std::vector<EndedRole> restored;
    store.transaction([&] {
        const auto reopen = [&](const char* sql, EndedRole::Kind kind, const char* what) {
            SQLite::Statement q(store.db(), sql);
            q.bind(1, member_id);
            store::bind(q, 2, date);
            std::vector<std::string> groups;
            while (q.executeStep()) {
                groups.push_back(q.getColumn(0).getString());
            }
            std::sort(groups.begin(), groups.end());
            for (const auto& g : groups) {
                store.audit(k_group_kind, g,
                            fmt::format("{} of {} ended on {} restored (the withdrawal was "
                                        "voided as entered by mistake)",
                                        what, member_id, format_date(date)));
                detail::touch_group(store, g);
                restored.push_back(EndedRole{g, kind});
            }
        };
        reopen(
            "UPDATE wg_membership SET ended = NULL, end_reason = NULL "
            "WHERE member_id = ?1 AND end_reason = 'withdrawn' AND ended = max(?2, joined) "
            "AND wg_id IN (SELECT id FROM working_group WHERE status = 'active') "
            "AND NOT EXISTS (SELECT 1 FROM wg_membership o WHERE o.wg_id = wg_membership.wg_id "
            "AND o.member_id = wg_membership.member_id AND o.id > wg_membership.id) "
            "RETURNING wg_id",
            EndedRole::Kind::membership, "membership");
        reopen(
            "UPDATE wg_lead SET ended = NULL, end_reason = NULL "
            "WHERE member_id = ?1 AND end_reason = 'withdrawn' AND ended = max(?2, started) "
            "AND wg_id IN (SELECT id FROM working_group WHERE status = 'active') "
            "AND NOT EXISTS (SELECT 1 FROM wg_lead o WHERE o.wg_id = wg_lead.wg_id "
            "AND o.id > wg_lead.id) RETURNING wg_id",
            EndedRole::Kind::lead, "lead");
    });
    return restored;
}

std::string describe_ended(const std::vector<EndedRole>& ended, Date date) {
    std::vector<std::string> leads;
    std::vector<std::string> groups;
    for (const auto& e : ended) {
        (e.kind == EndedRole::Kind::lead ? leads : groups).push_back(e.wg_id);
    }
    std::vector<std::string> parts;
    if (!groups.empty()) {
        parts.push_back(fmt::format("working-group membership{} of {}",
                                    groups.size() == 1 ? "" : "s", text::join(groups, ", ")));
    }
    if (!leads.empty()) {
        parts.push_back(fmt::format("lead of {}", text::join(leads, ", ")));
    }
    if (parts.empty()) {
        return {};
    }
    return fmt::format("ended on {}: {}", format_date(date), text::join(parts, "; "));
}

}  // namespace nacsa::wg
