// SPDX-License-Identifier: Apache-2.0
// Corrections of what a meeting records: decisions and action items edited (only the fields
// given) or deleted, each audited with the reason. (Agenda items: records.cpp; attendance:
// attendance.cpp.)
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

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

void update_decision(SQLite::Database& db, const Decision& d) {
    Statement q(db,
                "UPDATE decision SET text = :t, votes_for = :f, votes_against = :a, "
                "votes_abstain = :ab, outcome = :o, activity = :act WHERE meeting_id = :m AND "
                "number = :n");
    detail::bind_decision(q, d);
    q.exec();
}

// Replaces a value when the change holds one that differs; notes the field's name.
template <typename T>
void apply(const std::optional<T>& given, T& value, const char* name,
           std::vector<std::string>& changed) {
    if (given && *given != value) {
        value = *given;
        changed.emplace_back(name);
    }
}

// The decision's fields with the changes applied; the names of those that changed.
std::vector<std::string> apply_decision_changes(Decision& d, const DecisionChanges& c) {
    std::vector<std::string> changed;
    if (c.text) {
        const std::string text(text::trim(*c.text));
        if (text.empty()) {
            throw ValidationError(msg("field \"text\": the decision must not be empty"));
        }
        apply(std::optional(text), d.text, "text", changed);
    }
    for (const auto& [given, value, name] :
         {std::tuple{c.tally.votes_for, &d.tally.votes_for, "votes_for"},
          std::tuple{c.tally.votes_against, &d.tally.votes_against, "votes_against"},
          std::tuple{c.tally.votes_abstain, &d.tally.votes_abstain, "votes_abstain"}}) {
        if (given && *given < 0) {
            throw ValidationError(msg("field \"{}\": must not be negative", name));
        }
        if (given && given != *value) {
            *value = given;
            changed.emplace_back(name);
        }
    }
    if (c.outcome && *c.outcome != d.outcome_set) {
        d.outcome_set = *c.outcome;
        changed.emplace_back("outcome");
    }
    if (c.activity && non_empty(c.activity) != d.activity) {
        d.activity = non_empty(c.activity);
        changed.emplace_back("activity");
    }
    return changed;
}

std::string owner_text(const ActionItem& a) {
    return a.owner().empty() ? "none" : a.owner();
}

// The action item's fields with the changes applied; the names of those that changed.
std::vector<std::string> apply_action_changes(store::Store& store, ActionItem& a,
                                              const ActionChanges& c) {
    std::vector<std::string> changed;
    if (c.title) {
        const std::string title(text::trim(*c.title));
        if (title.empty()) {
            throw ValidationError(msg("field \"title\": must not be empty"));
        }
        apply(std::optional(title), a.title, "title", changed);
    }
    if (c.owner) {
        const auto before = owner_text(a);
        a.owner_member.reset();
        a.owner_person.reset();
        if (const auto owner = non_empty(c.owner)) {
            if (const auto member = members::find_member_ref(store, *owner)) {
                a.owner_member = member->id;
            } else {
                a.owner_person = owner;
            }
        }
        if (owner_text(a) != before) {
            changed.emplace_back("owner");
        }
    }
    if (c.clear_due && a.due) {
        a.due.reset();
        changed.emplace_back("due");
    }
    if (c.due && c.due != a.due) {
        a.due = c.due;
        changed.emplace_back("due");
    }
    if (c.body) {
        std::optional<std::string> body;
        if (const auto typed = non_empty(c.body)) {
            const auto parsed = Body::parse(*typed);
            if (!parsed) {
                throw ValidationError(
                    msg("field \"body\": \"{}\" is not a body (expected committee, all_members or "
                        "working_group:KEY)",
                        text::escape_control(*typed)));
            }
            body = parsed->to_string();
        }
        apply(std::optional<std::optional<std::string>>(body), a.body, "body", changed);
    }
    if (c.decision) {
        std::optional<int> number;
        if (const auto typed = non_empty(c.decision)) {
            const auto ref = detail::decision_of_action(store, *typed, a.meeting_id);
            if (!a.meeting_id) {
                throw ValidationError(
                    msg("field \"decision\": {} comes from no meeting; a decision links only the "
                        "action items of its meeting",
                        a.id));
            }
            number = ref.number;
        }
        apply(std::optional<std::optional<int>>(number), a.decision, "decision", changed);
    }
    if (c.note) {
        apply(std::optional<std::optional<std::string>>(non_empty(c.note)), a.note, "note",
              changed);
    }
    return changed;
}

// A status corrected by edit: closing sets the closing date, reopening clears it.
void apply_status(store::Store& store, ActionItem& a, const ActionChanges& c,
                  std::vector<std::string>& changed) {
    if (!c.status || *c.status == a.status) {
        return;
    }
    a.status = *c.status;
    a.closed_on =
        a.status == ActionStatus::open ? std::nullopt : std::optional<Date>(store.today());
    changed.emplace_back("status");
}

void update_action(SQLite::Database& db, const ActionItem& a) {
    Statement q(db,
                "UPDATE action_item SET title = :t, owner_member = :om, owner_person = :op, "
                "due = :due, body = :b, decision = :dec, status = :s, closed_on = :closed, "
                "note = :note, updated_at = :now WHERE id = :id");
    q.bind(":t", a.title);
    store::bind(q, ":om", a.owner_member);
    store::bind(q, ":op", a.owner_person);
    store::bind(q, ":due", a.due);
    store::bind(q, ":b", a.body);
    store::bind(q, ":dec", a.decision);
    q.bind(":s", status_name(a.status));
    store::bind(q, ":closed", a.closed_on);
    store::bind(q, ":note", a.note);
    q.bind(":now", now_text());
    q.bind(":id", a.id);
    q.exec();
}

ActionItem get_action_item(store::Store& store, const std::string& id) {
    if (auto item = find_action_item(store, id)) {
        return *item;
    }
    throw NotFoundError(
        msg("no action item {} (see `nacsa meeting action list`)", text::escape_control(id)));
}

}  // namespace

std::vector<std::string> decision_edit(store::Store& store, const DecisionRef& ref,
                                       const DecisionChanges& changes,
                                       const std::optional<std::string>& reason) {
    std::vector<std::string> changed;
    store.transaction([&] {
        auto d = get_decision(store, ref);
        changed = apply_decision_changes(d, changes);
        if (changed.empty()) {
            return;
        }
        const int votes = d.tally.votes_for.value_or(0) + d.tally.votes_against.value_or(0) +
                          d.tally.votes_abstain.value_or(0);
        if (votes > d.quorum.voting_present) {
            throw ValidationError(
                d.quorum.voting_present == 1
                    ? msg("field \"tally\": {} votes but only 1 voting member is present", votes)
                    : msg("field \"tally\": {} votes but only {} voting members are present", votes,
                          d.quorum.voting_present));
        }
        update_decision(store.db(), d);
        store.audit("decision", d.ref(),
                    detail::with_reason(
                        fmt::format("decision edited: {}", text::join(changed, ", ")), reason));
    });
    return changed;
}

void decision_delete(store::Store& store, const DecisionRef& ref, const std::string& reason) {
    store.transaction([&] {
        const auto d = get_decision(store, ref);
        const auto why = detail::required_reason(reason);
        auto& db = store.db();
        Statement unlink(db,
                         "UPDATE action_item SET decision = NULL, updated_at = ? WHERE "
                         "meeting_id = ? AND decision = ?");
        unlink.bind(1, now_text());
        unlink.bind(2, d.meeting_id);
        unlink.bind(3, d.number);
        unlink.exec();
        Statement q(db, "DELETE FROM decision WHERE meeting_id = ? AND number = ?");
        q.bind(1, d.meeting_id);
        q.bind(2, d.number);
        q.exec();
        store.audit("decision", d.ref(),
                    detail::with_reason(fmt::format("decision deleted (was: {})", d.text), why));
    });
}

std::vector<std::string> action_edit(store::Store& store, const std::string& id,
                                     const ActionChanges& changes,
                                     const std::optional<std::string>& reason) {
    std::vector<std::string> changed;
    store.transaction([&] {
        auto item = get_action_item(store, id);
        changed = apply_action_changes(store, item, changes);
        apply_status(store, item, changes, changed);
        if (changed.empty()) {
            return;
        }
        update_action(store.db(), item);
        store.audit(
            "action_item", id,
            detail::with_reason(fmt::format("edited: {}", text::join(changed, ", ")), reason));
    });
    return changed;
}

void action_delete(store::Store& store, const std::string& id, const std::string& reason) {
    store.transaction([&] {
        const auto item = get_action_item(store, id);
        const auto why = detail::required_reason(reason);
        Statement q(store.db(), "DELETE FROM action_item WHERE id = ?");
        q.bind(1, id);
        q.exec();
        store.audit("action_item", id,
                    detail::with_reason(fmt::format("deleted (was: {})", item.title), why));
    });
}

}  // namespace nacsa::meetings
