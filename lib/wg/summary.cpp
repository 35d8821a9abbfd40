#include "wg/summary.hpp"

#include <SQLiteCpp/Statement.h>

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
        {
            SQLite::Statement q(
                store.db(),
                "SELECT l.member_id, m.name FROM wg_lead l JOIN member m ON m.id = l.member_id "
                "WHERE l.wg_id = ? AND l.started <= ? AND (l.ended IS NULL OR l.ended > ?) "
                "ORDER BY l.started DESC, l.id DESC LIMIT 1");
            q.bind(1, g.id);
            q.bind(2, t);
            q.bind(3, t);
            if (q.executeStep()) {
                s.lead_member_id = q.getColumn(0).getString();
                s.lead_member_name = q.getColumn(1).getString();
            }
        }
        {
            SQLite::Statement q(
                store.db(),
                "SELECT DISTINCT member_id FROM wg_membership WHERE wg_id = ? AND joined <= ? "
                "AND (ended IS NULL OR ended >= ?) ORDER BY member_id");
            q.bind(1, g.id);
            q.bind(2, t);
            q.bind(3, f);
            while (q.executeStep()) {
                s.member_ids.push_back(q.getColumn(0).getString());
            }
        }
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
