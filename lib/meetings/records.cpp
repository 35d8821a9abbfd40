// SPDX-License-Identifier: Apache-2.0
// What a meeting records: its agenda, minutes, decisions and action items.
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>

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

// The meeting, when its status lets its agenda change.
Meeting meeting_for_agenda(store::Store& store, const std::string& id) {
    auto m = get_meeting(store, id);
    detail::require_status(
        m, {MeetingStatus::scheduled, MeetingStatus::postponed, MeetingStatus::held},
        msg("change its agenda"));
    return m;
}

// Moves the items at or after `from` by `delta` positions, in two steps so that the
// UNIQUE (meeting_id, position) never collides.
void shift_agenda(SQLite::Database& db, const std::string& id, int from, int delta) {
    Statement away(db,
                   "UPDATE agenda_item SET position = -(position + ?) WHERE meeting_id = ? AND "
                   "position >= ?");
    away.bind(1, delta);
    away.bind(2, id);
    away.bind(3, from);
    away.exec();
    Statement back(
        db, "UPDATE agenda_item SET position = -position WHERE meeting_id = ? AND position < 0");
    back.bind(1, id);
    back.exec();
}

// The tally's problems: negative votes, or more votes than voting members present.
void check_tally(const Tally& tally, const Quorum& quorum, Diagnostics& problems) {
    int votes = 0;
    for (const auto& [name, value] :
         {std::pair{"for", tally.votes_for}, std::pair{"against", tally.votes_against},
          std::pair{"abstain", tally.votes_abstain}}) {
        if (value && *value < 0) {
            problems.add("", 0, 0, name, msg("must not be negative"));
        }
        votes += value.value_or(0);
    }
    if (votes > quorum.voting_present) {
        problems.add(
            "", 0, 0, "tally",
            quorum.voting_present == 1
                ? msg("{} votes but only 1 voting member is present (record attendance first)",
                      votes)
                : msg("{} votes but only {} voting members are present (record attendance first)",
                      votes, quorum.voting_present));
    }
}

void insert_decision(SQLite::Database& db, const Decision& d) {
    Statement q(db,
                "INSERT INTO decision (meeting_id, number, text, votes_for, votes_against, "
                "votes_abstain, outcome, activity, recorded_at) VALUES (:m, :n, :t, :f, :a, :ab, "
                ":o, :act, :at)");
    detail::bind_decision(q, d);
    q.bind(":at", d.recorded_at);
    q.exec();
}

// The body an action item is carried to: the one given, else its meeting's.
std::optional<std::string> action_body(const NewActionItem& item,
                                       const std::optional<Meeting>& meeting,
                                       Diagnostics& problems) {
    if (item.body) {
        if (const auto b = Body::parse(*item.body)) {
            return b->to_string();
        }
        problems.add(
            "", 0, 0, "body",
            msg("\"{}\" is not a body (expected committee, all_members or working_group:KEY)",
                *item.body));
        return std::nullopt;
    }
    return meeting ? std::optional<std::string>(meeting->body) : std::nullopt;
}

struct ActionRow {
    std::string id;
    std::optional<std::string> meeting_id;
    std::optional<std::string> body;
    std::string title;
    std::optional<std::string> owner_member;
    std::optional<std::string> owner_person;
    std::optional<Date> due;
    Date opened{};
    std::optional<int> decision;
};

void insert_action(SQLite::Database& db, const ActionRow& a) {
    Statement q(db,
                "INSERT INTO action_item (id, meeting_id, body, title, owner_member, "
                "owner_person, due, opened_on, decision, created_at, updated_at) VALUES (:id, :m, "
                ":b, :t, :om, :op, :due, :opened, :dec, :now, :now)");
    q.bind(":id", a.id);
    store::bind(q, ":m", a.meeting_id);
    store::bind(q, ":b", a.body);
    q.bind(":t", a.title);
    store::bind(q, ":om", a.owner_member);
    store::bind(q, ":op", a.owner_person);
    store::bind(q, ":due", a.due);
    store::bind(q, ":opened", a.opened);
    store::bind(q, ":dec", a.decision);
    q.bind(":now", now_text());
    q.exec();
}

}  // namespace

int agenda_add(store::Store& store, const std::string& id, const std::string& title,
               const std::optional<std::string>& presenter, const std::optional<std::string>& link,
               std::optional<int> position) {
    int at = 0;
    store.transaction([&] {
        (void)meeting_for_agenda(store, id);
        if (text::trim(title).empty()) {
            throw ValidationError(msg("field \"title\": must not be empty"));
        }
        const int count = static_cast<int>(agenda(store, id).size());
        at = position ? *position : count + 1;
        if (at < 1 || at > count + 1) {
            throw ValidationError(
                msg("position {} is outside the agenda of {} (1 to {})", at, id, count + 1));
        }
        auto& db = store.db();
        shift_agenda(db, id, at, 1);
        Statement ins(db,
                      "INSERT INTO agenda_item (meeting_id, position, title, presenter, link) "
                      "VALUES (?, ?, ?, ?, ?)");
        ins.bind(1, id);
        ins.bind(2, at);
        ins.bind(3, std::string(text::trim(title)));
        store::bind(ins, 4, non_empty(presenter));
        store::bind(ins, 5, non_empty(link));
        ins.exec();
        detail::touch(db, id);
        store.audit("meeting", id, fmt::format("agenda item {} added", at));
    });
    return at;
}

void agenda_move(store::Store& store, const std::string& id, int from, int to) {
    store.transaction([&] {
        (void)meeting_for_agenda(store, id);
        auto items = agenda(store, id);
        const int count = static_cast<int>(items.size());
        for (const int p : {from, to}) {
            if (p < 1 || p > count) {
                throw ValidationError(
                    msg("position {} is outside the agenda of {} (1 to {})", p, id, count));
            }
        }
        if (from == to) {
            return;
        }
        auto moved = items[static_cast<std::size_t>(from - 1)];
        items.erase(items.begin() + (from - 1));
        items.insert(items.begin() + (to - 1), moved);
        auto& db = store.db();
        Statement q(db, "UPDATE agenda_item SET position = ? WHERE id = ?");
        for (std::size_t i = 0; i < items.size(); ++i) {
            q.bind(1, -static_cast<int>(i + 1));
            q.bind(2, items[i].id);
            q.exec();
            q.reset();
        }
        Statement flip(db, "UPDATE agenda_item SET position = -position WHERE meeting_id = ?");
        flip.bind(1, id);
        flip.exec();
        detail::touch(db, id);
        store.audit("meeting", id, fmt::format("agenda item {} moved to {}", from, to));
    });
}

namespace {

// Removes the item at a position (the ones after it move up), with the audit summary given.
void remove_agenda_item(store::Store& store, const std::string& id, int position,
                        const std::string& summary) {
    (void)meeting_for_agenda(store, id);
    const auto items = agenda(store, id);
    if (position < 1 || position > static_cast<int>(items.size())) {
        throw NotFoundError(msg("{} has no agenda item {}", id, position));
    }
    auto& db = store.db();
    Statement d(db, "DELETE FROM agenda_item WHERE id = ?");
    d.bind(1, items[static_cast<std::size_t>(position - 1)].id);
    d.exec();
    shift_agenda(db, id, position + 1, -1);
    detail::touch(db, id);
    store.audit("meeting", id, summary);
}

}  // namespace

void agenda_delete(store::Store& store, const std::string& id, int position,
                   const std::string& reason) {
    store.transaction([&] {
        const auto why = detail::required_reason(reason);
        remove_agenda_item(
            store, id, position,
            detail::with_reason(fmt::format("agenda item {} deleted", position), why));
    });
}

std::vector<std::string> agenda_edit(store::Store& store, const std::string& id, int position,
                                     const AgendaChanges& changes,
                                     const std::optional<std::string>& reason) {
    std::vector<std::string> changed;
    store.transaction([&] {
        (void)meeting_for_agenda(store, id);
        const auto items = agenda(store, id);
        if (position < 1 || position > static_cast<int>(items.size())) {
            throw NotFoundError(msg("{} has no agenda item {}", id, position));
        }
        auto item = items[static_cast<std::size_t>(position - 1)];
        if (changes.title) {
            const std::string title(text::trim(*changes.title));
            if (title.empty()) {
                throw ValidationError(msg("field \"title\": must not be empty"));
            }
            if (title != item.title) {
                changed.emplace_back("title");
                item.title = title;
            }
        }
        if (changes.presenter && non_empty(changes.presenter) != item.presenter) {
            changed.emplace_back("presenter");
            item.presenter = non_empty(changes.presenter);
        }
        if (changes.link && non_empty(changes.link) != item.link) {
            changed.emplace_back("link");
            item.link = non_empty(changes.link);
        }
        if (changed.empty()) {
            return;
        }
        auto& db = store.db();
        Statement q(db, "UPDATE agenda_item SET title = ?, presenter = ?, link = ? WHERE id = ?");
        q.bind(1, item.title);
        store::bind(q, 2, item.presenter);
        store::bind(q, 3, item.link);
        q.bind(4, item.id);
        q.exec();
        detail::touch(db, id);
        store.audit("meeting", id,
                    detail::with_reason(fmt::format("agenda item {} edited: {}", position,
                                                    text::join(changed, ", ")),
                                        reason));
    });
    return changed;
}

void agenda_remove(store::Store& store, const std::string& id, int position) {
    store.transaction([&] {
        remove_agenda_item(store, id, position, fmt::format("agenda item {} removed", position));
    });
}

void record_minutes(store::Store& store, const std::string& id, const std::string& minutes,
                    const std::optional<std::string>& file_name) {
    store.transaction([&] {
        const auto m = get_meeting(store, id);
        detail::require_status(m, {MeetingStatus::scheduled, MeetingStatus::held},
                               msg("record minutes"));
        detail::require_started(m, msg("record minutes"));
        if (text::trim(minutes).empty()) {
            throw ValidationError(msg("the minutes are empty"));
        }
        if (!text::is_valid_utf8(minutes)) {
            throw ValidationError(msg("the minutes are not valid UTF-8 (byte {})",
                                      text::invalid_utf8_offset(minutes) + 1));
        }
        Statement q(
            store.db(),
            "UPDATE meeting SET minutes = ?, minutes_file = ?, minutes_at = ? WHERE id = ?");
        q.bind(1, minutes);
        store::bind(q, 2, file_name);
        q.bind(3, now_text());
        q.bind(4, id);
        q.exec();
        store.audit("meeting", id, m.minutes ? "minutes replaced" : "minutes recorded");
    });
}

Decision decide(store::Store& store, const std::string& id, const std::string& text_in,
                const Tally& tally, const DecisionLinks& links) {
    Decision d;
    store.transaction([&] {
        const auto m = get_meeting(store, id);
        detail::require_status(m, {MeetingStatus::scheduled, MeetingStatus::held},
                               msg("record a decision"));
        detail::require_started(m, msg("record a decision"));
        d.text = std::string(text::trim(text_in));
        if (d.text.empty()) {
            throw ValidationError(msg("field \"text\": the decision must not be empty"));
        }
        Diagnostics problems;
        d.quorum = quorum_of(store, m);
        check_tally(tally, d.quorum, problems);
        problems.throw_if_any();
        auto& db = store.db();
        // Never a number given before, even to a decision since deleted.
        Statement n(db,
                    "SELECT max(last_decision, (SELECT coalesce(max(number), 0) FROM decision "
                    "WHERE meeting_id = :id)) + 1 FROM meeting WHERE id = :id");
        n.bind(":id", id);
        n.executeStep();
        d.meeting_id = id;
        d.number = n.getColumn(0).getInt();
        d.tally = tally;
        d.outcome_set = links.outcome;
        d.outcome = links.outcome.value_or(outcome_from_votes(tally));
        d.activity = non_empty(links.activity);
        d.recorded_at = now_text();
        insert_decision(db, d);
        Statement last(db, "UPDATE meeting SET last_decision = ? WHERE id = ?");
        last.bind(1, d.number);
        last.bind(2, id);
        last.exec();
        store.audit("meeting", id,
                    fmt::format("decision {} recorded ({}, {})", d.number, outcome_name(d.outcome),
                                d.quorum.met ? "quorum met" : "without quorum"));
    });
    return d;
}

std::string action_add(store::Store& store, const NewActionItem& item) {
    ActionRow row;
    store.transaction([&] {
        Diagnostics problems;
        row.title = std::string(text::trim(item.title));
        if (row.title.empty()) {
            problems.add("", 0, 0, "title", msg("must not be empty"));
        }
        std::optional<Meeting> meeting;
        row.meeting_id = item.meeting_id;
        if (const auto typed = non_empty(item.decision)) {
            const auto ref = detail::decision_of_action(store, *typed, row.meeting_id);
            row.meeting_id = ref.meeting_id;
            row.decision = ref.number;
        }
        if (row.meeting_id) {
            meeting = find_meeting(store, *row.meeting_id);
            if (!meeting) {
                throw NotFoundError(
                    msg("no meeting {} (see `nacsa meeting list`)", *row.meeting_id));
            }
        }
        row.body = action_body(item, meeting, problems);
        if (const auto owner = non_empty(item.owner)) {
            if (const auto member = members::find_member_ref(store, *owner)) {
                row.owner_member = member->id;
            } else {
                row.owner_person = owner;
            }
        }
        problems.throw_if_any();
        const Date today = store.today();
        row.id = detail::next_id(store.db(), "action_item", "A", static_cast<int>(today.year()));
        row.due = item.due;
        row.opened = meeting ? std::min(meeting->local_date(), today) : today;
        insert_action(store.db(), row);
        store.audit("action_item", row.id,
                    row.decision
                        ? fmt::format("opened from decision {}#{}", meeting->id, *row.decision)
                    : meeting ? fmt::format("opened at meeting {}", meeting->id)
                              : std::string("opened"));
    });
    return row.id;
}

void action_close(store::Store& store, const std::string& id, ActionStatus status,
                  const std::optional<std::string>& note) {
    if (status == ActionStatus::open) {
        throw std::invalid_argument("action_close: an item is closed as done or dropped");
    }
    store.transaction([&] {
        const auto item = find_action_item(store, id);
        if (!item) {
            throw NotFoundError(msg("no action item {} (see `nacsa meeting action list`)", id));
        }
        if (item->status != ActionStatus::open) {
            throw ValidationError(msg("{} is already {}", id, status_name(item->status)));
        }
        Statement q(store.db(),
                    "UPDATE action_item SET status = ?, closed_on = ?, note = coalesce(?, note), "
                    "updated_at = ? WHERE id = ?");
        q.bind(1, status_name(status));
        store::bind(q, 2, store.today());
        store::bind(q, 3, non_empty(note));
        q.bind(4, now_text());
        q.bind(5, id);
        q.exec();
        store.audit("action_item", id, status_name(status));
    });
}

}  // namespace nacsa::meetings
