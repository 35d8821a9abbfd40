// SPDX-License-Identifier: Apache-2.0
// Importing the plan file: its records merged into the plan, in one transaction.
#include <SQLiteCpp/Database.h>
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>

#include "core/message_list.hpp"
#include "core/text.hpp"
#include "i18n/i18n.hpp"
#include "plan/plan.hpp"
#include "plan/plan_internal.hpp"

namespace nacsa::plan {

namespace {

template <typename T>
void compare_field(std::vector<Message>& out, const char* name, const T& before, const T& after) {
    if (!(before == after)) {
        out.emplace_back(name);
    }
}

Message describe(const Priority& before, const Priority& after) {
    std::vector<Message> f;
    compare_field(f, "title", before.title, after.title);
    compare_field(f, "description", before.description, after.description);
    compare_field(f, "thematic_areas", before.thematic_areas, after.thematic_areas);
    compare_field(f, "source", before.source, after.source);
    compare_field(f, "source_reference", before.source_reference, after.source_reference);
    compare_field(f, "source_date", before.source_date, after.source_date);
    return join_messages(std::move(f), ", ");
}

Message describe(const Activity& before, const Activity& after) {
    std::vector<Message> f;
    compare_field(f, "title", before.title, after.title);
    compare_field(f, "description", before.description, after.description);
    compare_field(f, "kind", before.kind, after.kind);
    if (before.priorities != after.priorities ||
        before.serves_no_priority != after.serves_no_priority) {
        f.emplace_back("priorities");
    }
    compare_field(f, "working_group", before.working_group, after.working_group);
    compare_field(f, "member", before.member, after.member);
    compare_field(f, "start", before.start, after.start);
    compare_field(f, "end", before.end, after.end);
    if (before.status != after.status) {
        f.push_back(msg("status {} -> {}", i18n::status_word(status_name(before.status)),
                        i18n::status_word(status_name(after.status))));
    } else {
        compare_field(f, "status_history", before.history, after.history);
    }
    if (before.progress != after.progress) {
        f.push_back(
            after.progress.size() > before.progress.size()
                ? msg("{} progress note(s) added", after.progress.size() - before.progress.size())
                : Message("progress"));
    }
    return join_messages(std::move(f), ", ");
}

Message describe(const Indicator& before, const Indicator& after) {
    std::vector<Message> f;
    if (before.activity_id != after.activity_id || before.priority_code != after.priority_code) {
        f.emplace_back("measures");
    }
    compare_field(f, "name", before.name, after.name);
    compare_field(f, "unit", before.unit, after.unit);
    compare_field(f, "baseline", before.baseline, after.baseline);
    compare_field(f, "baseline_date", before.baseline_date, after.baseline_date);
    compare_field(f, "target", before.target, after.target);
    compare_field(f, "target_date", before.target_date, after.target_date);
    if (before.measurements != after.measurements) {
        f.push_back(after.measurements.size() > before.measurements.size()
                        ? msg("{} measurement(s) added",
                              after.measurements.size() - before.measurements.size())
                        : Message("measurements"));
    }
    return join_messages(std::move(f), ", ");
}

Message describe(const Contribution& before, const Contribution& after) {
    std::vector<Message> f;
    compare_field(f, "questionnaire", before.questionnaire, after.questionnaire);
    compare_field(f, "submitted", before.submitted, after.submitted);
    compare_field(f, "submitted_to", before.submitted_to, after.submitted_to);
    compare_field(f, "summary", before.summary, after.summary);
    compare_field(f, "file_reference", before.file_reference, after.file_reference);
    return join_messages(std::move(f), ", ");
}

// The file's status history merged into the stored one; a change dated `today` when the
// file's status is not the latest.
void merge_history(const Activity* stored, Activity& incoming, Date today) {
    std::vector<StatusChange> merged =
        stored != nullptr ? stored->history : std::vector<StatusChange>{};
    incoming.voided = stored != nullptr ? stored->voided : std::vector<VoidedStatus>{};
    bool latest_voided = false;
    for (const auto& change : incoming.history) {
        const bool voided =
            std::any_of(incoming.voided.begin(), incoming.voided.end(), [&](const VoidedStatus& v) {
                return v.change.date == change.date && v.change.status == change.status;
            });
        if (voided) {
            // Corrected as entered by mistake: an older file does not bring it back, nor the
            // status it set.
            latest_voided = &change == &incoming.history.back() && incoming.status == change.status;
            continue;
        }
        auto it = std::find_if(merged.begin(), merged.end(), [&](const StatusChange& m) {
            return m.date == change.date && m.status == change.status;
        });
        if (it == merged.end()) {
            merged.push_back(change);
        } else if (!change.note.empty()) {
            it->note = change.note;
        }
    }
    std::stable_sort(merged.begin(), merged.end(),
                     [](const StatusChange& x, const StatusChange& y) { return x.date < y.date; });
    if (latest_voided && !merged.empty()) {
        incoming.status = merged.back().status;
    }
    if (merged.empty() || merged.back().status != incoming.status) {
        merged.push_back(StatusChange{
            std::max(today, merged.empty() ? today : merged.back().date), incoming.status, {}});
    }
    incoming.history = std::move(merged);
}

// One record of the file to write, with what the audit log says of it.
struct Pending {
    std::string kind;
    std::string id;
    std::string summary;
    std::function<void(SQLite::Database&)> write;
};

struct Merge {
    ImportResult result;
    std::vector<Pending> pending;
};

// Counts a record of the file as added, updated or unchanged against the stored one, and
// queues its write.
template <typename T>
void merge_record(Merge& m, const char* noun, const char* kind, const std::string& id,
                  const T* before, const T& after, std::function<void(SQLite::Database&)> insert,
                  std::function<void(SQLite::Database&)> update) {
    if (before == nullptr) {
        ++m.result.added;
        m.result.changes.push_back(msg("{} {}: added", Message::translatable(noun, {}), id));
        m.pending.push_back({kind, id, "import: added", std::move(insert)});
    } else if (!(*before == after)) {
        ++m.result.updated;
        const auto what = describe(*before, after);
        m.result.changes.push_back(msg("{} {}: {}", Message::translatable(noun, {}), id, what));
        m.pending.push_back({kind, id, "import: " + what.english(), std::move(update)});
    } else {
        ++m.result.unchanged;
    }
}

// The file read against the store and compared with the plan it holds.
Merge merge_file(store::Store& store, const std::string& yaml_text, const std::string& file_name,
                 Date today) {
    const Plan incoming = parse_plan_file(store, yaml_text, file_name);
    const Plan stored = load_plan(store);
    Merge m;
    // The day a record was entered is the store's, not the file's.
    auto entered = [&](const auto* before) {
        return before != nullptr ? before->recorded_on : std::optional<Date>(today);
    };
    for (auto p : incoming.priorities) {
        const auto* before = stored.find_priority(p.code);
        p.recorded_on = entered(before);
        merge_record(
            m, N_("priority"), "plan_priority", p.code, before, p,
            [p](auto& db) { insert_priority(db, p); }, [p](auto& db) { update_priority(db, p); });
    }
    // New activities with the day each entered the plan (its first status).
    std::map<std::string, Date> new_activities;
    for (auto a : incoming.activities) {
        const auto* before = stored.find_activity(a.id);
        merge_history(before, a, today);
        if (before == nullptr) {
            new_activities[a.id] = std::min(today, a.history.front().date);
        }
        merge_record(
            m, N_("activity"), "plan_activity", a.id, before, a,
            [a](auto& db) { insert_activity(db, a); },
            [a](auto& db) {
                update_activity(db, a);
                replace_history(db, a);
                replace_progress(db, a);
            });
    }
    for (auto i : incoming.indicators) {
        const auto* before = stored.find_indicator(i.id);
        i.recorded_on = entered(before);
        if (const auto it = new_activities.find(i.activity_id);
            before == nullptr && it != new_activities.end()) {
            i.recorded_on = it->second;  // entered with its activity, as the file describes it
        }
        merge_record(
            m, N_("indicator"), "plan_indicator", i.id, before, i,
            [i](auto& db) { insert_indicator(db, i); },
            [i](auto& db) {
                update_indicator(db, i);
                replace_measurements(db, i);
            });
    }
    for (const auto& c : incoming.contributions) {
        merge_record(
            m, N_("contribution"), "plan_contribution", c.id, stored.find_contribution(c.id), c,
            [c](auto& db) { insert_contribution(db, c); },
            [c](auto& db) { update_contribution(db, c); });
    }
    return m;
}

}  // namespace

ImportResult import_plan(store::Store& store, const std::string& yaml_text,
                         const std::string& file_name, DryRun dry_run, Date today) {
    if (dry_run == DryRun::yes) {
        return merge_file(store, yaml_text, file_name, today).result;
    }
    ImportResult result;
    store.transaction([&] {
        auto m = merge_file(store, yaml_text, file_name, today);
        for (const auto& item : m.pending) {
            item.write(store.db());
            store.audit(item.kind, item.id, item.summary);
        }
        result = std::move(m.result);
    });
    return result;
}

}  // namespace nacsa::plan
