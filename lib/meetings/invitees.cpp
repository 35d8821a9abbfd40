// Who a body is at a date: one function per kind of body.
#include <SQLiteCpp/Statement.h>

#include <map>

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
        return out;  // no committee in this store: adjust the invitees by hand
    }
    const auto& alliance = store.alliance();
    const auto day = format_date(date);
    // Seats held on the date; a member holding a voting and a non-voting seat votes.
    std::map<std::string, bool> votes;
    SQLite::Statement seats(
        db,
        "SELECT member_id, role FROM seat WHERE term_start <= :d AND term_end >= :d AND "
        "(ended_on IS NULL OR ended_on > :d) ORDER BY member_id");
    seats.bind(":d", day);
    while (seats.executeStep()) {
        const auto* role = alliance.find_role(seats.getColumn(1).getString());
        auto& v = votes[seats.getColumn(0).getString()];
        v = v || role == nullptr || role->votes;
    }
    for (const auto& [member, voting] : votes) {
        out.push_back(DerivedInvitee{member, std::nullopt, voting ? "voting" : "observer"});
    }
    // The government observer, by institution (the person's name stays in the observer record,
    // where erasure reaches it).
    if (db.tableExists("observer")) {
        SQLite::Statement obs(
            db,
            "SELECT DISTINCT institution FROM observer WHERE from_date <= :d AND "
            "(until_date IS NULL OR until_date > :d) AND erased_at IS NULL ORDER BY institution");
        obs.bind(":d", day);
        while (obs.executeStep()) {
            out.push_back(DerivedInvitee{std::nullopt, obs.getColumn(0).getString(), "observer"});
        }
    }
    return out;
}

std::vector<DerivedInvitee> working_group_invitees(store::Store& store, const std::string& group,
                                                   Date date) {
    std::vector<DerivedInvitee> out;
    auto& db = store.db();
    if (!db.tableExists("wg_membership")) {
        return out;  // no working-group register in this store: adjust the invitees by hand
    }
    SQLite::Statement q(
        db,
        "SELECT DISTINCT member_id FROM wg_membership WHERE wg_id = :g AND joined <= :d AND "
        "(ended IS NULL OR ended > :d) ORDER BY member_id");
    q.bind(":g", group);
    q.bind(":d", format_date(date));
    while (q.executeStep()) {
        out.push_back(DerivedInvitee{q.getColumn(0).getString(), std::nullopt, "voting"});
    }
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
