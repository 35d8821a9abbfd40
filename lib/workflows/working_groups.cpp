// SPDX-License-Identifier: Apache-2.0
#include <fmt/format.h>

#include "core/error.hpp"
#include "core/text.hpp"
#include "plan/plan.hpp"
#include "wg/wg.hpp"
#include "workflows/workflows.hpp"

namespace nacsa::workflows {

wg::Task add_working_group_task(store::Store& store, const wg::NewTask& task) {
    wg::Task added;
    store.transaction([&] {
        if (task.activity_id &&
            plan::load_plan(store).find_activity(*task.activity_id) == nullptr) {
            throw NotFoundError(
                msg("no activity \"{}\" in the plan (see `nacsa plan activity list`)",
                    text::escape_control(*task.activity_id)));
        }
        added = wg::add_task(store, task);
    });
    return added;
}

}  // namespace nacsa::workflows
