// SPDX-License-Identifier: Apache-2.0
// The plan as its records stood on a date (reports, `plan status --as-of`, `plan check --as-of`).
#include <algorithm>
#include <initializer_list>

#include "plan/plan.hpp"

namespace nacsa::plan {

namespace {

template <typename T>
void drop_after(std::vector<T>& dated, Date as_of) {
    std::erase_if(dated, [&](const T& record) { return as_of < record.date; });
}

// Whether a record entered on `recorded_on` (none: before schema version 13, always) with
// dated facts of its own was in the plan on `as_of`.
bool entered_by(std::optional<Date> recorded_on, std::initializer_list<std::optional<Date>> dated,
                Date as_of) {
    if (!recorded_on || !(as_of < *recorded_on)) {
        return true;
    }
    return std::any_of(dated.begin(), dated.end(),
                       [&](const std::optional<Date>& d) { return d && !(as_of < *d); });
}

}  // namespace

Plan plan_as_of(const Plan& plan, Date as_of) {
    Plan out;
    for (auto a : plan.activities) {
        drop_after(a.history, as_of);
        drop_after(a.progress, as_of);
        if (a.history.empty()) {
            continue;  // its first status is recorded later: not yet in the plan that day
        }
        a.status = a.history.back().status;
        out.activities.push_back(std::move(a));
    }
    for (const auto& p : plan.priorities) {
        const bool served =
            std::any_of(out.activities.begin(), out.activities.end(), [&](const Activity& a) {
                return std::find(a.priorities.begin(), a.priorities.end(), p.code) !=
                       a.priorities.end();
            });
        if (served || entered_by(p.recorded_on, {p.source_date}, as_of)) {
            out.priorities.push_back(p);
        }
    }
    for (auto i : plan.indicators) {
        if (!i.activity_id.empty() && out.find_activity(i.activity_id) == nullptr) {
            continue;
        }
        if (!i.priority_code.empty() && out.find_priority(i.priority_code) == nullptr) {
            continue;
        }
        const std::optional<Date> first = i.measurements.empty()
                                              ? std::nullopt
                                              : std::optional<Date>(i.measurements.front().date);
        if (!entered_by(i.recorded_on, {i.baseline_date, first}, as_of)) {
            continue;
        }
        drop_after(i.measurements, as_of);
        out.indicators.push_back(std::move(i));
    }
    for (const auto& c : plan.contributions) {
        if (!(as_of < c.submitted)) {
            out.contributions.push_back(c);
        }
    }
    return out;
}

}  // namespace nacsa::plan
