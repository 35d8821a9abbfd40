// SPDX-License-Identifier: Apache-2.0
#include "wg/summary.hpp"

#include <SQLiteCpp/Statement.h>

#include "members/lookup.hpp"
#include "wg/wg.hpp"

namespace nacsa::wg {

namespace {

int count(store::Store& store, const std::string& sql, const std::string& wg_id,
          const std::string& from, const std::string& to) {
    SQLite::Statement q(store.db(), sql);
    q.bind(":wg", wg_id);
    if (q.getBindParameterCount() == 3) {
        q.bind(":from", from);
    }
    q.bind(":to", to);
    q.executeStep();
    return q.getColumn(0).getInt();
}

// The member that led the group on the day (ISO), if any.
std::optional<std::string> lead_on(store::Store& store, const std::string& wg_id,
                                   const std::string& day) {
    SQLite::Statement q(
        store.db(),
        "SELECT member_id FROM wg_lead WHERE wg_id = :wg AND started <= :day "
        "AND (ended IS NULL OR ended > :day) ORDER BY started DESC, id DESC LIMIT 1");
    q.bind(":wg", wg_id);
    q.bind(":day", day);
    if (q.executeStep()) {
        return q.getColumn(0).getString();
    }
    return std::nullopt;
}

// The members that were in the group at some time in [from, to] (ISO days), by id.
std::vector<std::string> member_ids_between(store::Store& store, const std::string& wg_id,
                                            const std::string& from, const std::string& to) {
    SQLite::Statement q(
        store.db(),
        "SELECT DISTINCT member_id FROM wg_membership WHERE wg_id = ? AND joined <= ? "
        "AND (ended IS NULL OR ended >= ?) ORDER BY member_id");
    q.bind(1, wg_id);
    q.bind(2, to);
    q.bind(3, from);
    std::vector<std::string> out;
    while (q.executeStep()) {
        out.push_back(q.getColumn(0).getString());
    }
    return out;
}

}  // namespace

std::vector<GroupSummary> summarise_groups(store::Store& store, Date from, Date to) {
    const std::string f = format_date(from);
    const std::string t = format_date(to);
    std::vector<GroupSummary> out;
    for (const auto& g : list_groups(store, Include::all)) {
        if (g.created > to || (g.archived && *g.archived < from)) {
            continue;
        }
        GroupSummary s;
        s.id = g.id;
        s.name = g.name;
        s.status = status_name(g.status);
        s.themes = g.themes;
        s.lead_member_id = lead_on(store, g.id, t);
        if (s.lead_member_id) {
            const auto refs = members::member_refs(store, {*s.lead_member_id});
            if (const auto it = refs.find(*s.lead_member_id); it != refs.end()) {
                s.lead_member_name = it->second.name;
            }
        }
        s.member_ids = member_ids_between(store, g.id, f, t);
        s.members_at_end =
            count(store,
                  "SELECT count(DISTINCT member_id) FROM wg_membership WHERE wg_id = :wg "
                  "AND joined <= :to AND (ended IS NULL OR ended > :to)",
                  g.id, f, t);
        s.members_joined = count(
            store,
            "SELECT count(*) FROM wg_membership WHERE wg_id = :wg AND joined BETWEEN :from AND :to",
            g.id, f, t);
        s.members_left = count(
            store,
            "SELECT count(*) FROM wg_membership WHERE wg_id = :wg AND ended BETWEEN :from AND :to",
            g.id, f, t);
        s.tasks_opened = count(
            store,
            "SELECT count(*) FROM wg_task WHERE wg_id = :wg AND created BETWEEN :from AND :to",
            g.id, f, t);
        s.tasks_done = count(store,
                             "SELECT count(*) FROM wg_task WHERE wg_id = :wg AND status = 'done' "
                             "AND closed BETWEEN :from AND :to",
                             g.id, f, t);
        s.tasks_dropped =
            count(store,
                  "SELECT count(*) FROM wg_task WHERE wg_id = :wg AND status = 'dropped' "
                  "AND closed BETWEEN :from AND :to",
                  g.id, f, t);
        s.tasks_open_at_end =
            count(store,
                  "SELECT count(*) FROM wg_task WHERE wg_id = :wg AND created <= :to "
                  "AND (closed IS NULL OR closed > :to)",
                  g.id, f, t);
        s.tasks_overdue_at_end =
            count(store,
                  "SELECT count(*) FROM wg_task WHERE wg_id = :wg AND created <= :to "
                  "AND (closed IS NULL OR closed > :to) AND due < :to",
                  g.id, f, t);
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace nacsa::wg
