// SPDX-License-Identifier: Apache-2.0
// Who took part in a meeting, for participation by sex: contacts of the member organisations
// present, and guests.
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>

#include "core/error.hpp"
#include "core/text.hpp"
#include "meetings/detail.hpp"
#include "meetings/meetings.hpp"
#include "members/lookup.hpp"
#include "members/members.hpp"
#include "store/sql.hpp"

namespace nacsa::meetings {

using SQLite::Statement;

namespace {

// The person a new participant is: a member's contact, or a guest with a gender.
Participant who(store::Store& store, const Meeting& m, const NewParticipant& p) {
    Participant out;
    out.meeting_id = m.id;
    if (p.member) {
        if (p.guest || p.gender) {
            throw UsageError(
                msg("a participant is a member's contact (--member, --contact) or a "
                    "guest (--guest, --gender), not both"));
        }
        if (!p.contact) {
            throw UsageError(msg("--member needs --contact: which of its people took part"));
        }
        const auto member = members::resolve_member(store, *p.member);
        const auto all = invitees(store, m);
        const auto invitee = std::find_if(
            all.begin(), all.end(), [&](const Invitee& i) { return i.member_id == member.id; });
        if (invitee == all.end() || !invitee->attendance ||
            (*invitee->attendance != Attendance::present &&
             *invitee->attendance != Attendance::represented)) {
            throw ValidationError(
                msg("{} is not recorded as present or represented at {}: record "
                    "its attendance first (nacsa meeting attend)",
                    member.id, m.id));
        }
        const auto person = members::resolve_contact(store, member.id, *p.contact, "contact");
        out.member_id = member.id;
        out.name = person.name;
        out.gender = person.gender.empty() ? "undisclosed" : person.gender;
        return out;
    }
    if (!p.guest) {
        throw UsageError(msg("name the participant: --member and --contact, or --guest"));
    }
    out.name = std::string(text::trim(*p.guest));
    if (out.name.empty()) {
        throw ValidationError(msg("field \"guest\": the guest's name must not be empty"));
    }
    if (!p.gender) {
        throw UsageError(msg("--guest needs --gender (female, male, non_binary or undisclosed)"));
    }
    if (std::find(members::k_genders.begin(), members::k_genders.end(), *p.gender) ==
        members::k_genders.end()) {
        throw ValidationError(
            msg("field \"gender\": \"{}\" is not female, male, non_binary or "
                "undisclosed",
                *p.gender));
    }
    out.gender = *p.gender;
    return out;
}

}  // namespace

std::vector<Participant> participants(store::Store& store, const std::string& meeting_id) {
    Statement q(store.db(),
                "SELECT id, member_id, name, gender FROM meeting_participant WHERE meeting_id = ? "
                "ORDER BY id");
    q.bind(1, meeting_id);
    std::vector<Participant> out;
    while (q.executeStep()) {
        Participant p;
        p.id = q.getColumn(0).getInt64();
        p.meeting_id = meeting_id;
        if (!q.getColumn(1).isNull()) {
            p.member_id = q.getColumn(1).getString();
        }
        p.name = q.getColumn(2).getString();
        p.gender = q.getColumn(3).getString();
        out.push_back(std::move(p));
    }
    return out;
}

Participant add_participant(store::Store& store, const std::string& meeting_id,
                            const NewParticipant& participant) {
    Participant out;
    store.transaction([&] {
        const auto m = get_meeting(store, meeting_id);
        detail::require_status(m, {MeetingStatus::scheduled, MeetingStatus::held},
                               msg("record who took part"));
        detail::require_started(m, msg("record who took part"));
        out = who(store, m, participant);
        const auto key = members::name_key(out.name);
        for (const auto& p : participants(store, m.id)) {
            if (members::name_key(p.name) == key) {
                throw ValidationError(
                    msg("this person is already a participant of {} (number {})", m.id, p.id));
            }
        }
        Statement q(store.db(),
                    "INSERT INTO meeting_participant (meeting_id, member_id, name, gender, "
                    "created_at) VALUES (?, ?, ?, ?, ?)");
        q.bind(1, m.id);
        store::bind(q, 2, out.member_id);
        q.bind(3, out.name);
        q.bind(4, out.gender);
        q.bind(5, format_timestamp(now()));
        q.exec();
        out.id = store.db().getLastInsertRowid();
        // The log names no one: the participant's number, and whom they came for.
        store.audit("meeting", m.id,
                    out.member_id
                        ? fmt::format("participant {} added for {}", out.id, *out.member_id)
                        : fmt::format("participant {} added (a guest)", out.id));
    });
    return out;
}

void remove_participant(store::Store& store, const std::string& meeting_id, std::int64_t id,
                        const std::string& reason) {
    const auto why = detail::required_reason(reason);
    store.transaction([&] {
        const auto m = get_meeting(store, meeting_id);
        Statement q(store.db(), "DELETE FROM meeting_participant WHERE meeting_id = ? AND id = ?");
        q.bind(1, m.id);
        q.bind(2, static_cast<int64_t>(id));
        if (q.exec() == 0) {
            throw NotFoundError(
                msg("{} has no participant {} (see 'nacsa meeting participant "
                    "list {}')",
                    m.id, id, m.id));
        }
        store.audit("meeting", m.id,
                    detail::with_reason(fmt::format("participant {} removed", id), why));
    });
}

}  // namespace nacsa::meetings
