// SPDX-License-Identifier: Apache-2.0
// The plan's use cases: each reads the plan, validates, allocates the id, writes and audits
// inside one store transaction (store/store.hpp).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>

#include "core/error.hpp"
#include "core/text.hpp"
#include "i18n/i18n.hpp"
#include "members/lookup.hpp"
#include "plan/plan_internal.hpp"

namespace nacsa::plan {

namespace {

Report collect(Diagnostics& diagnostics) {
    return [&diagnostics](const std::string& field, int index, const Message& message) {
        diagnostics.add(Diagnostic{
            "", 0, 0, index >= 0 ? fmt::format("{}[{}]", field, index) : field, message});
    };
}

[[noreturn]] void invalid(const std::string& field, const Message& message) {
    throw ValidationError(std::vector<Diagnostic>{{"", 0, 0, field, message}});
}

template <typename T>
std::string next_id_of(const std::vector<T>& records, std::string T::*id,
                       const std::string& prefix) {
    std::vector<std::string> ids;
    ids.reserve(records.size());
    for (const auto& r : records) {
        ids.push_back(r.*id);
    }
    return next_id(ids, prefix);
}

// A text the user adds to a record (a note): trimmed and checked as the plan file's are.
std::string checked_note(const std::string& note, const std::string& field) {
    std::string trimmed(text::trim(note));
    Diagnostics d;
    check_text(trimmed, field, k_max_long_text_bytes, collect(d));
    d.throw_if_any();
    return trimmed;
}

void validate_priority(store::Store& store, const Priority& p) {
    Diagnostics d;
    check_priority(References(store), p, collect(d));
    d.throw_if_any();
}

void validate_activity(store::Store& store, const Plan& plan, const Activity& a) {
    std::set<std::string> codes;
    for (const auto& p : plan.priorities) {
        codes.insert(p.code);
    }
    Diagnostics d;
    check_activity(References(store), codes, a, collect(d));
    d.throw_if_any();
}

// An indicator's checks, what it measures (NotFoundError when the plan has not got it) and its
// dates against it.
void validate_indicator(const Plan& plan, const Indicator& i) {
    if (i.activity_id.empty() == i.priority_code.empty()) {
        invalid("activity", msg("an indicator measures one activity or one priority"));
    }
    if (!i.activity_id.empty()) {
        const Date start = plan.activity(i.activity_id).start;
        if (!i.baseline_date && !(start < i.target_date)) {
            invalid("target_date",
                    msg("must be after the activity's start {}", format_date(start)));
        }
    } else {
        (void)plan.priority(i.priority_code);
        if (!i.baseline_date) {
            invalid("baseline_date", msg("required for an indicator of a priority"));
        }
    }
    Diagnostics d;
    check_indicator(i, collect(d));
    d.throw_if_any();
}

void validate_contribution(const Contribution& c) {
    Diagnostics d;
    check_contribution(c, collect(d));
    d.throw_if_any();
}

// The member an activity names (id, name or acronym) as its id; one that names no member
// stays as given, for the activity's check to report.
void resolve_member(store::Store& store, Activity& a) {
    if (a.member.empty()) {
        return;
    }
    if (const auto ref = members::find_member_ref(store, a.member)) {
        a.member = ref->id;
    }
}

// What the audit log says of a change: what was done, then why when there is a reason.
std::string with_reason(const std::string& what, const std::string& reason) {
    return reason.empty() ? what : fmt::format("{}: {}", what, reason);
}

// The reason a correction requires (trimmed and checked as a note).
std::string required_reason(const std::string& reason) {
    auto trimmed = checked_note(reason, "reason");
    if (trimmed.empty()) {
        invalid("reason", msg("a correction needs a reason (--reason TEXT)"));
    }
    return trimmed;
}

template <typename T>
void apply(const std::optional<T>& given, T& field) {
    if (given) {
        field = *given;
    }
}

// One edit of a priority, indicator or contribution: finds the record in the plan (NotFoundError
// when it has not got it), changes a copy, and when the copy differs validates and writes it
// (`write`) and audits it, all in one transaction.
template <typename T>
Changed edit_record(store::Store& store, const T& (Plan::*find)(const std::string&) const,
                    const std::string& key, std::string T::*id, const char* table,
                    const std::function<void(T&)>& change,
                    const std::function<void(const Plan&, const T&)>& write,
                    const std::string& reason = {}) {
    const auto why = checked_note(reason, "reason");
    Changed changed = Changed::no;
    store.transaction([&] {
        const auto plan = load_plan(store);
        const T& before = (plan.*find)(key);
        T record = before;
        change(record);
        normalise(record);
        if (record == before) {
            return;
        }
        write(plan, record);
        store.audit(table, record.*id, with_reason("edited", why));
        changed = Changed::yes;
    });
    return changed;
}

}  // namespace

// ---- Priorities ----

void add_priority(store::Store& store, Priority priority) {
    normalise(priority);
    priority.recorded_on = store.today();
    store.transaction([&] {
        if (load_plan(store).find_priority(priority.code) != nullptr) {
            invalid("code", msg("priority \"{}\" already exists", priority.code));
        }
        validate_priority(store, priority);
        insert_priority(store.db(), priority);
        store.audit("plan_priority", priority.code, "added");
    });
}

Changed edit_priority(store::Store& store, const std::string& code, const PriorityEdit& edit) {
    return edit_record<Priority>(
        store, &Plan::priority, code, &Priority::code, "plan_priority",
        [&](Priority& p) {
            apply(edit.title, p.title);
            apply(edit.description, p.description);
            apply(edit.thematic_areas, p.thematic_areas);
            apply(edit.source, p.source);
            apply(edit.source_reference, p.source_reference);
            apply(edit.source_date, p.source_date);
        },
        [&](const Plan&, const Priority& p) {
            validate_priority(store, p);
            update_priority(store.db(), p);
        });
}

// ---- Activities ----

std::string add_activity(store::Store& store, Activity activity) {
    activity.history.clear();
    activity.progress.clear();
    normalise(activity);
    store.transaction([&] {
        const auto plan = load_plan(store);
        activity.id = next_id_of(plan.activities, &Activity::id, "A");
        resolve_member(store, activity);
        activity.history.push_back(StatusChange{store.today(), activity.status, {}});
        validate_activity(store, plan, activity);
        insert_activity(store.db(), activity);
        store.audit("plan_activity", activity.id, "added");
    });
    return activity.id;
}

namespace {

void apply(const ActivityEdit& edit, Activity& a) {
    apply(edit.title, a.title);
    apply(edit.description, a.description);
    apply(edit.kind, a.kind);
    if (edit.priorities) {
        a.priorities = *edit.priorities;
        a.serves_no_priority = edit.priorities->empty();
    }
    apply(edit.working_group, a.working_group);
    apply(edit.member, a.member);
    apply(edit.start, a.start);
    apply(edit.end, a.end);
}

}  // namespace

Changed edit_activity(store::Store& store, const std::string& id, const ActivityEdit& edit) {
    Changed changed = Changed::no;
    store.transaction([&] {
        const auto plan = load_plan(store);
        const Activity& before = plan.activity(id);
        Activity a = before;
        apply(edit, a);
        normalise(a);
        if (edit.member) {
            resolve_member(store, a);
        }
        const bool fields_changed = !(a == before);
        std::optional<ProgressNote> note;
        if (edit.progress_note) {
            note = ProgressNote{edit.progress_date.value_or(store.today()),
                                checked_note(*edit.progress_note, "progress")};
            if (note->note.empty()) {
                invalid("progress", msg("must not be empty"));
            }
        }
        if (!fields_changed && !note) {
            return;
        }
        if (fields_changed) {
            validate_activity(store, plan, a);
            update_activity(store.db(), a);
        }
        if (note) {
            insert_progress_note(store.db(), a.id, *note);
        }
        store.audit("plan_activity", a.id,
                    !note
                        ? "edited"
                        : (fields_changed ? "edited; progress note added" : "progress note added"));
        changed = Changed::yes;
    });
    return changed;
}

StatusUpdate change_activity_status(store::Store& store, const std::string& id,
                                    ActivityStatus status, std::optional<Date> date,
                                    const std::string& note) {
    StatusUpdate update;
    store.transaction([&] {
        const auto plan = load_plan(store);
        Activity a = plan.activity(id);
        if (a.status == status) {
            invalid("status",
                    msg("activity {} is already {}", a.id, i18n::status_word(status_name(status))));
        }
        const Date when = date.value_or(store.today());
        if (!a.history.empty() && when < a.history.back().date) {
            invalid("date", msg("{} is before the latest status change ({})", format_date(when),
                                format_date(a.history.back().date)));
        }
        update = StatusUpdate{a.status, status, when};
        insert_status_change(store.db(), a.id,
                             StatusChange{when, status, checked_note(note, "note")});
        a.status = status;
        update_activity(store.db(), a);
        store.audit("plan_activity", a.id,
                    fmt::format("status {} -> {} on {}", status_name(update.before),
                                status_name(update.after), format_date(when)));
    });
    return update;
}

StatusCorrection correct_activity_status(store::Store& store, const std::string& id,
                                         const std::string& reason) {
    const auto why = required_reason(reason);
    StatusCorrection result;
    store.transaction([&] {
        const auto plan = load_plan(store);
        Activity a = plan.activity(id);
        if (a.history.size() < 2) {
            invalid("status", msg("activity {} has no status change to correct (only its "
                                  "first status, its entry into the plan)",
                                  a.id));
        }
        const Date today = store.today();
        const StatusChange wrong = a.history.back();
        void_latest_status(store.db(), a.id, today, why);
        a.history.pop_back();
        const ActivityStatus before = a.status;
        a.status = a.history.back().status;
        update_activity(store.db(), a);
        store.audit("plan_activity", a.id,
                    fmt::format("status {} of {} voided as entered by mistake: status {} -> {}; "
                                "reason: {}",
                                status_name(wrong.status), format_date(wrong.date),
                                status_name(before), status_name(a.status), why));
        result = {VoidedStatus{wrong, today, why}, a.status};
    });
    return result;
}

// ---- Indicators ----

std::string add_indicator(store::Store& store, Indicator indicator) {
    indicator.measurements.clear();
    normalise(indicator);
    indicator.recorded_on = store.today();
    store.transaction([&] {
        const auto plan = load_plan(store);
        indicator.id = next_id_of(plan.indicators, &Indicator::id, "I");
        validate_indicator(plan, indicator);
        insert_indicator(store.db(), indicator);
        store.audit("plan_indicator", indicator.id, "added");
    });
    return indicator.id;
}

Changed edit_indicator(store::Store& store, const std::string& id, const IndicatorEdit& edit) {
    return edit_record<Indicator>(
        store, &Plan::indicator, id, &Indicator::id, "plan_indicator",
        [&](Indicator& i) {
            apply(edit.name, i.name);
            apply(edit.unit, i.unit);
            apply(edit.baseline, i.baseline);
            apply(edit.baseline_date, i.baseline_date);
            apply(edit.target, i.target);
            apply(edit.target_date, i.target_date);
        },
        [&](const Plan& plan, const Indicator& i) {
            validate_indicator(plan, i);
            update_indicator(store.db(), i);
        },
        edit.reason);
}

void delete_indicator(store::Store& store, const std::string& id, const std::string& reason) {
    const auto why = required_reason(reason);
    store.transaction([&] {
        const auto plan = load_plan(store);
        const Indicator& i = plan.indicator(id);
        delete_indicator_rows(store.db(), i.id);
        store.audit("plan_indicator", i.id,
                    with_reason(fmt::format("deleted with {} measurement{}", i.measurements.size(),
                                            i.measurements.size() == 1 ? "" : "s"),
                                why));
    });
}

namespace {

// The measurement of an indicator on a day; NotFoundError when it has none.
const Measurement& measurement_of(const Indicator& i, Date date) {
    const auto it = std::find_if(i.measurements.begin(), i.measurements.end(),
                                 [&](const Measurement& m) { return m.date == date; });
    if (it == i.measurements.end()) {
        throw NotFoundError(msg("indicator {} has no measurement on {}", i.id, format_date(date)));
    }
    return *it;
}

}  // namespace

Changed edit_measurement(store::Store& store, const std::string& indicator_id, Date date,
                         const MeasurementEdit& edit) {
    const auto why = required_reason(edit.reason);
    if (edit.value && !std::isfinite(*edit.value)) {
        invalid("value", msg("{} is not a finite number", *edit.value));
    }
    const auto note = edit.note ? std::optional(checked_note(*edit.note, "note")) : std::nullopt;
    Changed changed = Changed::no;
    store.transaction([&] {
        const auto plan = load_plan(store);
        const Indicator& i = plan.indicator(indicator_id);
        const Measurement& before = measurement_of(i, date);
        Measurement after = before;
        apply(edit.value, after.value);
        apply(note, after.note);
        if (after == before) {
            return;
        }
        update_measurement(store.db(), i.id, after);
        store.audit(
            "plan_indicator", i.id,
            with_reason(fmt::format("measurement of {} corrected", format_date(date)), why));
        changed = Changed::yes;
    });
    return changed;
}

void delete_measurement(store::Store& store, const std::string& indicator_id, Date date,
                        const std::string& reason) {
    const auto why = required_reason(reason);
    store.transaction([&] {
        const auto plan = load_plan(store);
        const Indicator& i = plan.indicator(indicator_id);
        (void)measurement_of(i, date);
        delete_measurement_row(store.db(), i.id, date);
        store.audit("plan_indicator", i.id,
                    with_reason(fmt::format("measurement of {} deleted", format_date(date)), why));
    });
}

MeasurementResult record_measurement(store::Store& store, const std::string& indicator_id,
                                     double value, std::optional<Date> date,
                                     const std::string& note) {
    if (!std::isfinite(value)) {
        invalid("value", msg("{} is not a finite number", value));
    }
    MeasurementResult result;
    store.transaction([&] {
        const auto plan = load_plan(store);
        const Indicator& i = plan.indicator(indicator_id);
        const Measurement m{date.value_or(store.today()), value, checked_note(note, "note")};
        result.measurement = m;
        result.unit = i.unit;
        const auto same_day = std::find_if(i.measurements.begin(), i.measurements.end(),
                                           [&](const Measurement& x) { return x.date == m.date; });
        if (same_day == i.measurements.end()) {
            insert_measurement(store.db(), i.id, m);
            store.audit("plan_indicator", i.id, fmt::format("measured on {}", format_date(m.date)));
            result.recorded = Recorded::added;
        } else if (!(*same_day == m)) {
            update_measurement(store.db(), i.id, m);
            store.audit("plan_indicator", i.id,
                        fmt::format("measurement of {} replaced", format_date(m.date)));
            result.recorded = Recorded::replaced;
        } else {
            result.recorded = Recorded::unchanged;
        }
    });
    return result;
}

// ---- Contributions ----

std::string add_contribution(store::Store& store, Contribution contribution) {
    normalise(contribution);
    store.transaction([&] {
        const auto plan = load_plan(store);
        contribution.id = next_id_of(plan.contributions, &Contribution::id, "C");
        validate_contribution(contribution);
        insert_contribution(store.db(), contribution);
        store.audit("plan_contribution", contribution.id, "added");
    });
    return contribution.id;
}

Changed edit_contribution(store::Store& store, const std::string& id,
                          const ContributionEdit& edit) {
    return edit_record<Contribution>(
        store, &Plan::contribution, id, &Contribution::id, "plan_contribution",
        [&](Contribution& c) {
            apply(edit.questionnaire, c.questionnaire);
            apply(edit.submitted, c.submitted);
            apply(edit.submitted_to, c.submitted_to);
            apply(edit.summary, c.summary);
            apply(edit.file_reference, c.file_reference);
        },
        [&](const Plan&, const Contribution& c) {
            validate_contribution(c);
            update_contribution(store.db(), c);
        },
        edit.reason);
}

void delete_contribution(store::Store& store, const std::string& id, const std::string& reason) {
    const auto why = required_reason(reason);
    store.transaction([&] {
        const auto plan = load_plan(store);
        const Contribution& c = plan.contribution(id);
        delete_contribution_row(store.db(), c.id);
        store.audit("plan_contribution", c.id, with_reason("deleted", why));
    });
}

}  // namespace nacsa::plan
