// SPDX-License-Identifier: Apache-2.0
// Who comes to a meeting: the invitees changed by hand, attendance, marking a meeting held, and
// the erasure of a representative's name.
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/error.hpp"
#include "core/text.hpp"
#include "meetings/detail.hpp"
#include "meetings/meetings.hpp"
#include "members/lookup.hpp"
#include "store/sql.hpp"

namespace nacsa::meetings {

namespace {

using detail::non_empty;
using detail::now_text;
using Statement = SQLite::Statement;

// The invited person (observer or guest) of this name: the one written exactly so, else the
// only one whose name matches ignoring case and accents.
std::optional<Invitee> find_person(const std::vector<Invitee>& invitees, const std::string& name) {
    std::optional<Invitee> folded;
    int folded_matches = 0;
    const std::string key = members::name_key(name);
    for (const auto& i : invitees) {
        if (!i.person) {
            continue;
        }
        if (*i.person == name) {
            return i;
        }
        if (!key.empty() && members::name_key(*i.person) == key) {
            folded = i;
            ++folded_matches;
        }
    }
    return folded_matches == 1 ? folded : std::nullopt;
}

std::optional<Invitee> find_member(const std::vector<Invitee>& invitees,
                                   const std::string& member_id) {
    for (const auto& i : invitees) {
        if (i.member_id == member_id) {
            return i;
        }
    }
    return std::nullopt;
}

// How the audit log names an invitee: a member by its id, a person by their role only (their
// name stays out of the log).
std::string audit_name(const std::optional<std::string>& member_id, InviteeRole role) {
    if (member_id) {
        return *member_id;
    }
    return role == InviteeRole::observer ? "an observer" : "a guest";
}

std::string trimmed_name(const std::string& who) {
    std::string name(text::trim(who));
    if (name.empty()) {
        throw ValidationError(msg("the invitee's name must not be empty"));
    }
    return name;
}

// Invites a member (voting), or a person (observer or guest), again when they were removed.
void invite(store::Store& store, const Meeting& m, const std::optional<std::string>& member_id,
            const std::optional<std::string>& person, InviteeRole role) {
    auto& db = store.db();
    const auto all = invitees(store, m, WithRemoved::yes);
    const auto existing = member_id ? find_member(all, *member_id) : find_person(all, *person);
    if (existing && !existing->removed) {
        throw ValidationError(member_id ? msg("{} is already invited to {}", *member_id, m.id)
                                        : msg("this person is already invited to {}", m.id));
    }
    if (member_id && detail::out_of_bodies(store, *member_id, m.local_date())) {
        throw ValidationError(msg("{} is suspended or withdrawn on {}: it cannot be invited to {}",
                                  *member_id, format_date(m.local_date()), m.id));
    }
    if (existing && existing->source == InviteeSource::derived) {
        // A removal by hand of one of the body's members: undone, it is derived again.
        Statement q(db, "DELETE FROM meeting_invitee WHERE id = ?");
        q.bind(1, existing->id);
        q.exec();
    } else if (existing) {
        Statement q(db, "UPDATE meeting_invitee SET removed = 0, role = ? WHERE id = ?");
        q.bind(1, role_name(role));
        q.bind(2, existing->id);
        q.exec();
    } else {
        Statement q(db,
                    "INSERT INTO meeting_invitee (meeting_id, member_id, person, role, source) "
                    "VALUES (?, ?, ?, ?, ?)");
        q.bind(1, m.id);
        store::bind(q, 2, member_id);
        store::bind(q, 3, person);
        q.bind(4, role_name(role));
        q.bind(5, source_name(InviteeSource::added));
        q.exec();
    }
    store.audit("meeting", m.id, fmt::format("invited {}", audit_name(member_id, role)));
}

// Uninvites a member (a reference, members::find_member_ref) or an invited person: a row added
// by hand without attendance goes; a derived invitee gets a removal row, kept so that the body
// does not bring it back; any other row is kept as removed.
void uninvite(store::Store& store, const Meeting& m, const std::string& who) {
    auto& db = store.db();
    const auto all = invitees(store, m);
    const auto member = members::find_member_ref(store, who);
    auto existing = member ? find_member(all, member->id) : std::nullopt;
    if (!existing) {
        existing = find_person(all, who);
    }
    if (!existing) {
        throw NotFoundError(member ? msg("{} is not invited to {}", member->id, m.id)
                                   : msg("this person is not invited to {}", m.id));
    }
    if (existing->id == 0) {
        Statement q(db,
                    "INSERT INTO meeting_invitee (meeting_id, member_id, person, role, source, "
                    "removed) VALUES (?, ?, ?, ?, ?, 1)");
        q.bind(1, m.id);
        store::bind(q, 2, existing->member_id);
        store::bind(q, 3, existing->person);
        q.bind(4, role_name(existing->role));
        q.bind(5, source_name(InviteeSource::derived));
        q.exec();
    } else if (existing->source == InviteeSource::added && !existing->attendance) {
        Statement q(db, "DELETE FROM meeting_invitee WHERE id = ?");
        q.bind(1, existing->id);
        q.exec();
    } else {
        Statement q(db,
                    "UPDATE meeting_invitee SET removed = 1, attendance = NULL, "
                    "represented_by = NULL WHERE id = ?");
        q.bind(1, existing->id);
        q.exec();
    }
    store.audit("meeting", m.id,
                fmt::format("uninvited {}", audit_name(existing->member_id, existing->role)));
}

// The invitee a name on the command line means: a member (id, name or acronym) that is invited,
// else an invited person of that name. NotFoundError otherwise.
Invitee find_invitee(store::Store& store, const Meeting& m, const std::vector<Invitee>& all,
                     const std::string& name) {
    const std::string wanted(text::trim(name));
    if (const auto member = members::find_member_ref(store, wanted)) {
        if (auto invited = find_member(all, member->id)) {
            return *invited;
        }
    }
    if (auto person = find_person(all, wanted)) {
        return *person;
    }
    throw NotFoundError(msg(
        "{} is not invited to {} (invite them with `nacsa meeting invitees {} --add` or --guest)",
        name, m.id, m.id));
}

// What is recorded as who represented an invitee (nacsa-meeting(1), attend --by): a contact of
// the represented member, by members::resolve_contact's rule (their name); else a member (its
// id); else the text as typed.
std::string representative(store::Store& store, const Invitee& invitee, const std::string& by) {
    std::string typed(text::trim(by));
    if (invitee.member_id) {
        try {
            return members::resolve_contact(store, *invitee.member_id, typed, "by").name;
        } catch (const ValidationError&) {
            // Not one of its contacts (or several, or erased): someone else.
        }
    }
    if (const auto member = members::find_member_ref(store, typed)) {
        return member->id;
    }
    return typed;
}

// Writes an invitee's attendance: on its row, or on a new row for a derived invitee.
void write_attendance(store::Store& store, const Meeting& m, const Invitee& invitee,
                      std::optional<Attendance> attendance,
                      const std::optional<std::string>& represented_by) {
    auto& db = store.db();
    if (invitee.id == 0) {
        Statement q(db,
                    "INSERT INTO meeting_invitee (meeting_id, member_id, person, role, source, "
                    "attendance, represented_by) VALUES (?, ?, ?, ?, ?, ?, ?)");
        q.bind(1, m.id);
        store::bind(q, 2, invitee.member_id);
        store::bind(q, 3, invitee.person);
        q.bind(4, role_name(invitee.role));
        q.bind(5, source_name(InviteeSource::derived));
        store::bind(q, 6, attendance ? std::optional(attendance_name(*attendance)) : std::nullopt);
        store::bind(q, 7, represented_by);
        q.exec();
    } else if (!attendance && invitee.source == InviteeSource::derived && !invitee.removed) {
        Statement q(db, "DELETE FROM meeting_invitee WHERE id = ?");  // back to derived only
        q.bind(1, invitee.id);
        q.exec();
    } else {
        Statement q(db,
                    "UPDATE meeting_invitee SET attendance = ?, represented_by = ? WHERE id = ?");
        store::bind(q, 1, attendance ? std::optional(attendance_name(*attendance)) : std::nullopt);
        store::bind(q, 2, represented_by);
        q.bind(3, invitee.id);
        q.exec();
    }
}

void record_attendance(store::Store& store, const Meeting& m, const Invitee& invitee,
                       Attendance attendance, const std::optional<std::string>& by) {
    write_attendance(store, m, invitee, attendance,
                     attendance == Attendance::represented
                         ? std::optional<std::string>(representative(store, invitee, *by))
                         : std::nullopt);
    store.audit("meeting", m.id,
                fmt::format("attendance of {}: {}", audit_name(invitee.member_id, invitee.role),
                            attendance_name(attendance)));
}

// The meeting, when its status lets attendance be recorded or corrected.
Meeting meeting_for_attendance(store::Store& store, const std::string& id, const Message& what) {
    auto m = get_meeting(store, id);
    detail::require_status(m, {MeetingStatus::scheduled, MeetingStatus::held}, what);
    detail::require_started(m, what);
    return m;
}

// The invitee a name means, when attendance is recorded for them (NotFoundError otherwise).
Invitee invitee_with_attendance(store::Store& store, const Meeting& m, const std::string& who) {
    auto invitee = find_invitee(store, m, invitees(store, m), who);
    if (!invitee.attendance) {
        throw NotFoundError(
            msg("no attendance is recorded for {} at {} (record it with `nacsa meeting attend`)",
                text::escape_control(std::string(text::trim(who))), m.id));
    }
    return invitee;
}

}  // namespace

Quorum change_invitees(store::Store& store, const std::string& id, const InviteeChanges& changes) {
    Quorum quorum;
    store.transaction([&] {
        const auto m = get_meeting(store, id);
        if (changes.refresh) {
            // Nothing to write: the body's members on the meeting's date are read each time.
            detail::require_status(m, {MeetingStatus::scheduled, MeetingStatus::postponed},
                                   msg("re-derive its invitees"));
        }
        detail::require_status(
            m, {MeetingStatus::scheduled, MeetingStatus::postponed, MeetingStatus::held},
            msg("change its invitees"));
        for (const auto& member : changes.add) {
            const auto ref = members::resolve_member(store, trimmed_name(member));
            invite(store, m, ref.id, std::nullopt, InviteeRole::voting);
        }
        for (const auto& guest : changes.guests) {
            invite(store, m, std::nullopt, trimmed_name(guest), InviteeRole::guest);
        }
        for (const auto& observer : changes.observers) {
            invite(store, m, std::nullopt, trimmed_name(observer), InviteeRole::observer);
        }
        for (const auto& who : changes.remove) {
            uninvite(store, m, trimmed_name(who));
        }
        quorum = quorum_of(store, m);
    });
    return quorum;
}

Quorum attend(store::Store& store, const std::string& id, const std::vector<std::string>& who,
              Attendance attendance, const std::optional<std::string>& represented_by) {
    Quorum quorum;
    store.transaction([&] {
        const auto m = meeting_for_attendance(store, id, msg("record attendance"));
        const auto by = non_empty(represented_by);
        if (attendance == Attendance::represented && !by) {
            throw ValidationError(
                msg("field \"by\": who represented them is required with --status represented"));
        }
        if (attendance != Attendance::represented && represented_by) {
            throw ValidationError(msg("field \"by\": only with --status represented"));
        }
        const auto all = invitees(store, m);
        std::vector<Invitee> found;
        for (const auto& name : who) {
            auto invitee = find_invitee(store, m, all, name);
            // One invitee named twice (by id and by acronym): recorded once.
            if (std::none_of(found.begin(), found.end(), [&](const Invitee& i) {
                    return i.member_id == invitee.member_id && i.person == invitee.person;
                })) {
                found.push_back(std::move(invitee));
            }
        }
        for (const auto& invitee : found) {
            record_attendance(store, m, invitee, attendance, by);
        }
        Statement a(store.db(),
                    "UPDATE meeting SET attendance_at = coalesce(attendance_at, ?) WHERE id = ?");
        a.bind(1, now_text());
        a.bind(2, id);
        a.exec();
        quorum = quorum_of(store, m);
    });
    return quorum;
}

Quorum mark_held(store::Store& store, const std::string& id, Force force) {
    Quorum quorum;
    store.transaction([&] {
        const auto m = get_meeting(store, id);
        detail::require_status(m, {MeetingStatus::scheduled}, msg("mark it held"));
        detail::require_started(m, msg("mark it held"));
        bool any = false;
        for (const auto& i : invitees(store, m)) {
            any = any || i.attendance.has_value();
        }
        if (!any && force == Force::no) {
            throw ValidationError(
                msg("no attendance is recorded for {}: record it with `nacsa meeting attend` "
                    "(or use --force)",
                    id));
        }
        auto& db = store.db();
        Statement q(db, "UPDATE meeting SET status = ?, held_at = ? WHERE id = ?");
        q.bind(1, status_name(MeetingStatus::held));
        q.bind(2, now_text());
        q.bind(3, id);
        q.exec();
        detail::add_history(
            db, id, MeetingStatus::held, m.starts_at,
            any ? std::nullopt : std::optional<std::string>("forced without attendance"));
        detail::touch(db, id);
        quorum = quorum_of(store, m);
        store.audit("meeting", id, any ? "marked held" : "marked held without attendance (forced)");
    });
    return quorum;
}

std::vector<std::string> attendance_edit(store::Store& store, const std::string& id,
                                         const std::string& who,
                                         std::optional<Attendance> attendance,
                                         const std::optional<std::string>& represented_by,
                                         const std::optional<std::string>& reason) {
    std::vector<std::string> changed;
    store.transaction([&] {
        const auto m = meeting_for_attendance(store, id, msg("correct attendance"));
        const auto invitee = invitee_with_attendance(store, m, who);
        const Attendance after = attendance.value_or(*invitee.attendance);
        const auto by_typed = non_empty(represented_by);
        if (after != Attendance::represented && by_typed) {
            throw ValidationError(msg("field \"by\": only with --status represented"));
        }
        std::optional<std::string> by;
        if (after == Attendance::represented) {
            if (by_typed) {
                by = representative(store, invitee, *by_typed);
            } else if (invitee.represented_by) {
                by = invitee.represented_by;
            } else {
                throw ValidationError(msg(
                    "field \"by\": who represented them is required with --status represented"));
            }
        }
        if (after != *invitee.attendance) {
            changed.emplace_back("status");
        }
        if (by != invitee.represented_by) {
            changed.emplace_back("by");
        }
        if (changed.empty()) {
            return;
        }
        write_attendance(store, m, invitee, after, by);
        store.audit("meeting", m.id,
                    detail::with_reason(
                        fmt::format("attendance of {} corrected: {} (was {})",
                                    audit_name(invitee.member_id, invitee.role),
                                    attendance_name(after), attendance_name(*invitee.attendance)),
                        reason));
    });
    return changed;
}

void attendance_delete(store::Store& store, const std::string& id, const std::string& who,
                       const std::string& reason) {
    store.transaction([&] {
        const auto m = meeting_for_attendance(store, id, msg("correct attendance"));
        const auto why = detail::required_reason(reason);
        const auto invitee = invitee_with_attendance(store, m, who);
        write_attendance(store, m, invitee, std::nullopt, std::nullopt);
        Statement none(store.db(),
                       "UPDATE meeting SET attendance_at = NULL WHERE id = ? AND NOT EXISTS "
                       "(SELECT 1 FROM meeting_invitee WHERE meeting_id = ? AND attendance IS "
                       "NOT NULL)");
        none.bind(1, id);
        none.bind(2, id);
        none.exec();
        store.audit("meeting", m.id,
                    detail::with_reason(fmt::format("attendance of {} deleted (was {})",
                                                    audit_name(invitee.member_id, invitee.role),
                                                    attendance_name(*invitee.attendance)),
                                        why));
    });
}

namespace {

// Guests invited by name and action items owned by a person, named by one of `keys`
// (members::name_key): replaced by "personal data erased". Returns how many.
int erase_named_people(store::Store& store, const std::set<std::string>& keys) {
    int erased = 0;
    const auto scrub = [&](const char* select, const char* update) {
        std::vector<std::string> ids;
        Statement q(store.db(), select);
        while (q.executeStep()) {
            if (keys.count(members::name_key(q.getColumn(1).getString())) != 0) {
                ids.push_back(q.getColumn(0).getString());
            }
        }
        Statement u(store.db(), update);
        for (const auto& id : ids) {
            u.bind(1, id);
            u.exec();
            u.reset();
        }
        erased += static_cast<int>(ids.size());
    };
    scrub("SELECT id, person FROM meeting_invitee WHERE member_id IS NULL AND person IS NOT NULL",
          "UPDATE meeting_invitee SET person = 'personal data erased' WHERE id = ?");
    scrub("SELECT id, owner_person FROM action_item WHERE owner_person IS NOT NULL",
          "UPDATE action_item SET owner_person = 'personal data erased' WHERE id = ?");
    // Participants keep their gender (the counts by sex of past meetings), not their name.
    scrub("SELECT id, name FROM meeting_participant WHERE name <> 'personal data erased'",
          "UPDATE meeting_participant SET name = 'personal data erased' WHERE id = ?");
    return erased;
}

}  // namespace

int erase_representative_mentions(store::Store& store, const std::string& member_id,
                                  const std::vector<std::string>& names) {
    std::set<std::string> keys;
    for (const auto& name : names) {
        if (auto key = members::name_key(name); !key.empty()) {
            keys.insert(std::move(key));
        }
    }
    std::vector<std::int64_t> mentioned;
    int others = 0;
    store.transaction([&] {
        Statement mentions(store.db(),
                           "SELECT id, represented_by FROM meeting_invitee WHERE member_id = ? "
                           "AND represented_by IS NOT NULL");
        mentions.bind(1, member_id);
        while (mentions.executeStep()) {
            if (keys.count(members::name_key(mentions.getColumn(1).getString())) != 0) {
                mentioned.push_back(mentions.getColumn(0).getInt64());
            }
        }
        Statement scrub(store.db(),
                        "UPDATE meeting_invitee SET represented_by = 'personal data erased' "
                        "WHERE id = ?");
        for (const auto invitee : mentioned) {
            scrub.bind(1, static_cast<int64_t>(invitee));
            scrub.exec();
            scrub.reset();
        }
        others = erase_named_people(store, keys);
    });
    return static_cast<int>(mentioned.size()) + others;
}

}  // namespace nacsa::meetings
