#include "meetings/meetings.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/text.hpp"
#include "plan/plan.hpp"
#include "workflows/workflows.hpp"

namespace nacsa::workflows {

int add_agenda_item(store::Store& store, const std::string& meeting, const std::string& title,
                    const std::optional<std::string>& presenter,
                    const std::optional<std::string>& link, std::optional<int> position) {
    int at = 0;
    store.transaction([&] {
        std::optional<std::string> linked;
        if (link && !text::trim(*link).empty()) {
            const std::string wanted(text::trim(*link));
            const auto plan = plan::load_plan(store);
            if (const auto* activity = plan.find_activity(wanted)) {
                linked = activity->id;
            } else if (const auto* priority = plan.find_priority(wanted)) {
                linked = priority->code;
            } else {
                throw NotFoundError(fmt::format(
                    "--link {}: no activity or priority of that id in the plan (see `nacsa plan "
                    "activity list` and `nacsa plan priority list`)",
                    text::escape_control(wanted)));
            }
        }
        at = meetings::agenda_add(store, meeting, title, presenter, linked, position);
    });
    return at;
}

}  // namespace nacsa::workflows
