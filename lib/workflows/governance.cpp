// SPDX-License-Identifier: Apache-2.0
// Use cases that reach the Steering Committee from other modules' changes. A finding is "created"
// when its rule and record were not reported before the change (a count in a message that
// merely changes, as the seat count while seats are filled, is not a new problem).
#include "governance/governance.hpp"

#include <algorithm>

#include "workflows/workflows.hpp"

namespace nacsa::workflows {

std::vector<output::Finding> committee_findings_created(store::Store& store, Date date,
                                                        const std::function<void()>& change) {
    std::vector<output::Finding> created;
    store.transaction([&] {
        // A committee still being formed (fewer seats than the configuration asks, before and
        // after) is not warned about seat by seat: `committee check` says what it lacks.
        const auto forming = [&] {
            return std::ssize(governance::committee_as_of(store, date)) <
                   store.alliance().steering_committee.seats_min;
        };
        const bool forming_before = forming();
        const auto before = governance::check_committee(store, date);
        change();
        if (forming_before && forming()) {
            return;
        }
        auto after = governance::check_committee(store, date);
        for (auto& f : after) {
            const bool known = std::any_of(before.begin(), before.end(), [&](const auto& b) {
                return b.rule == f.rule && b.record == f.record;
            });
            if (!known && f.severity != output::Severity::info) {
                created.push_back(std::move(f));
            }
        }
    });
    return created;
}

}  // namespace nacsa::workflows
