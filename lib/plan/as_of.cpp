// The plan as its records stood on a date (reports, `plan status --as-of`, `plan check --as-of`).
#include <algorithm>

#include "plan/plan.hpp"

namespace nacsa::plan {

namespace {

template <typename T>
void drop_after(std::vector<T>& dated, Date as_of) {
    std::erase_if(dated, [&](const T& record) { return as_of < record.date; });
}

}  // namespace

Plan plan_as_of(const Plan& plan, Date as_of) {
    Plan out;
    out.priorities = plan.priorities;
    for (auto a : plan.activities) {
        drop_after(a.history, as_of);
        drop_after(a.progress, as_of);
        if (a.history.empty()) {
            continue;  // its first status is recorded later: not yet in the plan that day
        }
        a.status = a.history.back().status;
        out.activities.push_back(std::move(a));
    }
    for (auto i : plan.indicators) {
        if (!i.activity_id.empty() && out.find_activity(i.activity_id) == nullptr) {
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
