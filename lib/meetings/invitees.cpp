// SPDX-License-Identifier: Apache-2.0
// Who a body is at a date: one function per kind of body, each asking the module that keeps
// the body (members, governance, wg).
#include <map>
#include <set>

#include "governance/governance.hpp"
#include "meetings/detail.hpp"
#include "meetings/meetings.hpp"
#include "members/census.hpp"
#include "wg/wg.hpp"

namespace nacsa::meetings {

namespace {

std::vector<DerivedInvitee> all_members_invitees(store::Store& store, Date date) {
    std::vector<DerivedInvitee> out;
    for (auto& id : members::active_on(store, date)) {
        out.push_back(DerivedInvitee{std::move(id), std::nullopt, InviteeRole::voting});
    }
    return out;
}

std::vector<DerivedInvitee> committee_invitees(store::Store& store, Date date) {
    std::vector<DerivedInvitee> out;
    const auto& alliance = store.alliance();
    // Seats held on the date; a member holding a voting and a non-voting seat votes.
    std::map<std::string, bool> votes;
    for (const auto& seat : governance::committee_as_of(store, date)) {
        if (seat.member_status == members::MemberStatus::suspended ||
            seat.member_status == members::MemberStatus::withdrawn) {
            continue;
        }
        const auto* role = alliance.find_role(seat.role);
        auto& v = votes[seat.member_id];
        v = v || role == nullptr || role->votes;
    }
    out.reserve(out.size() + votes.size());
    for (const auto& [member, voting] : votes) {
        out.push_back(DerivedInvitee{member, std::nullopt,
                                     voting ? InviteeRole::voting : InviteeRole::observer});
    }
    // The government observer, by institution (the person's name stays in the observer record,
    // where erasure reaches it).
    std::set<std::string> institutions;
    for (const auto& o : governance::observers_as_of(store, date)) {
        if (!o.erased) {
            institutions.insert(o.institution);
        }
    }
    for (const auto& institution : institutions) {
        out.push_back(DerivedInvitee{std::nullopt, institution, InviteeRole::observer});
    }
    return out;
}

std::vector<DerivedInvitee> working_group_invitees(store::Store& store, const std::string& group,
                                                   Date date) {
    std::vector<DerivedInvitee> out;
    for (auto& id : wg::member_ids_on(store, group, date)) {
        if (detail::out_of_bodies(store, id, date)) {
            continue;
        }
        out.push_back(DerivedInvitee{std::move(id), std::nullopt, InviteeRole::voting});
    }
    return out;
}

}  // namespace

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
