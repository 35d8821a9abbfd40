// Who a body is at a date: one function per kind of body.
#include <SQLiteCpp/Statement.h>

#include "meetings/meetings.hpp"

namespace nacsa::meetings {

namespace {

// Members whose status at `date` was active: the latest status change on or before the date,
// else the current status when they had joined by then.
constexpr const char* k_active_at = R"(
    COALESCE((SELECT h.status FROM member_status_history h
              WHERE h.member_id = m.id AND h.date <= :date ORDER BY h.date DESC, h.id DESC LIMIT 1),
             CASE WHEN m.joined IS NULL OR m.joined <= :date THEN m.status END) = 'active')";

}  // namespace

std::vector<DerivedInvitee> all_members_invitees(store::Store& store, Date date) {
    std::vector<DerivedInvitee> out;
    SQLite::Statement q(store.db(), std::string("SELECT m.id FROM member m WHERE ") + k_active_at +
                                        " ORDER BY m.id");
    q.bind(":date", format_date(date));
    while (q.executeStep()) {
        out.push_back(DerivedInvitee{q.getColumn(0).getString(), std::nullopt, "voting"});
    }
    return out;
}

std::vector<DerivedInvitee> committee_invitees(store::Store& store, Date date) {
    std::vector<DerivedInvitee> out;
    auto& db = store.db();
    if (!db.tableExists("seat")) {
        return out;  // no committee in this store yet: adjust the invitees by hand
    }
    (void)date;
    return out;
}

std::vector<DerivedInvitee> working_group_invitees(store::Store& store, const std::string& group,
                                                   Date date) {
    std::vector<DerivedInvitee> out;
    auto& db = store.db();
    if (!db.tableExists("wg_membership")) {
        return out;
    }
    (void)group;
    (void)date;
    return out;
}

bool working_group_exists(store::Store& store, const std::string& group) {
    auto& db = store.db();
    if (!db.tableExists("working_group")) {
        for (const auto& seed : store.alliance().working_groups) {
            if (seed.key == group) {
                return true;
            }
        }
        return false;
    }
    SQLite::Statement q(db, "SELECT 1 FROM working_group WHERE id = ?");
    q.bind(1, group);
    return q.executeStep();
}

std::vector<DerivedInvitee> derive_invitees(store::Store& store, const Body& body, Date date) {
    switch (body.kind) {
        case Body::Kind::committee:
            return committee_invitees(store, date);
        case Body::Kind::working_group:
            return working_group_invitees(store, body.working_group, date);
        case Body::Kind::all_members:
            return all_members_invitees(store, date);
    }
    return {};
}

double quorum_fraction(store::Store& store, const Body& body) {
    const auto& alliance = store.alliance();
    return body.kind == Body::Kind::committee ? alliance.steering_committee.quorum
                                              : alliance.meetings.quorum;
}

}  // namespace nacsa::meetings
