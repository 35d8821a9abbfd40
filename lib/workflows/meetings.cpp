// SPDX-License-Identifier: Apache-2.0
#include "meetings/meetings.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/text.hpp"
#include "plan/plan.hpp"
#include "workflows/workflows.hpp"

namespace nacsa::workflows {

namespace {

// The plan activity or priority an agenda item's --link names, as the plan writes it; nullopt
// for a blank link. NotFoundError when the plan has neither.
std::optional<std::string> agenda_link(store::Store& store,
                                       const std::optional<std::string>& link) {
    if (!link || text::trim(*link).empty()) {
        return std::nullopt;
    }
    const std::string wanted(text::trim(*link));
    const auto plan = plan::load_plan(store);
    if (const auto* activity = plan.find_activity(wanted)) {
        return activity->id;
    }
    if (const auto* priority = plan.find_priority(wanted)) {
        return priority->code;
    }
    throw NotFoundError(
        msg("--link {}: no activity or priority of that id in the plan (see `nacsa plan "
            "activity list` and `nacsa plan priority list`)",
            text::escape_control(wanted)));
}

// The plan activity a decision's --activity names, as the plan writes it; nullopt for a blank
// one. NotFoundError when the plan has none of that id.
std::optional<std::string> decision_activity(store::Store& store,
                                             const std::optional<std::string>& activity) {
    if (!activity || text::trim(*activity).empty()) {
        return std::nullopt;
    }
    const std::string wanted(text::trim(*activity));
    const auto plan = plan::load_plan(store);
    if (const auto* found = plan.find_activity(wanted)) {
        return found->id;
    }
    throw NotFoundError(
        msg("--activity {}: no activity of that id in the plan (see `nacsa plan activity list`)",
            text::escape_control(wanted)));
}

}  // namespace

int add_agenda_item(store::Store& store, const std::string& meeting, const std::string& title,
                    const std::optional<std::string>& presenter,
                    const std::optional<std::string>& link, std::optional<int> position) {
    int at = 0;
    store.transaction([&] {
        const auto linked = agenda_link(store, link);
        at = meetings::agenda_add(store, meeting, title, presenter, linked, position);
    });
    return at;
}

std::vector<std::string> edit_agenda_item(store::Store& store, const std::string& meeting,
                                          int position, meetings::AgendaChanges changes,
                                          const std::optional<std::string>& reason) {
    std::vector<std::string> changed;
    store.transaction([&] {
        if (changes.link) {
            changes.link = agenda_link(store, changes.link).value_or("");
        }
        changed = meetings::agenda_edit(store, meeting, position, changes, reason);
    });
    return changed;
}

meetings::Decision record_decision(store::Store& store, const std::string& meeting,
                                   const std::string& text, const meetings::Tally& tally,
                                   meetings::DecisionLinks links) {
    meetings::Decision d;
    store.transaction([&] {
        links.activity = decision_activity(store, links.activity);
        d = meetings::decide(store, meeting, text, tally, links);
    });
    return d;
}

std::vector<std::string> edit_decision(store::Store& store, const meetings::DecisionRef& ref,
                                       meetings::DecisionChanges changes,
                                       const std::optional<std::string>& reason) {
    std::vector<std::string> changed;
    store.transaction([&] {
        if (changes.activity) {
            changes.activity = decision_activity(store, changes.activity).value_or("");
        }
        changed = meetings::decision_edit(store, ref, changes, reason);
    });
    return changed;
}

}  // namespace nacsa::workflows
