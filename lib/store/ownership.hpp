// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <string_view>

// Who owns what in lib/: the modules in layer order, and the tables of the schema each one
// owns. Only lib/<module>/ runs SQL on its own tables; another module that needs them calls
// that module's header. A module uses the modules listed before it, never one after it: the
// record modules build on each other in the order an alliance's records refer to each other
// (a seat names a member, an invitee a seat or a working group), and a rule that needs a later
// module (a working group's last meeting, a withdrawal that ends working-group roles) is a
// cross-module use case in lib/workflows.
//
// ondemand and parsers are the shared modules nacsa loads when a command needs them
// (ondemand/api.hpp, parsers/api.hpp): they include nothing of the others and own no table.
//
// tests/unit/test_ownership.cpp holds every source file of lib/ to these lists, and the tables
// the migrations create to k_table_owners: a new table needs an owner here.
namespace nacsa::store {

inline constexpr std::array<std::string_view, 15> k_module_layers = {
    "ondemand",   "parsers", "core",     "config", "output", "i18n",      "store",      "members",
    "governance", "wg",      "meetings", "plan",   "report", "workflows", "completion",
};

struct TableOwner {
    std::string_view table;
    std::string_view module;
};

inline constexpr std::array<TableOwner, 40> k_table_owners = {{
    {"meta", "store"},
    {"config", "store"},
    {"audit", "store"},
    {"finding_ack", "store"},

    {"member", "members"},
    {"member_theme", "members"},
    {"member_service", "members"},
    {"member_status_history", "members"},
    {"contact", "members"},
    {"interest", "members"},
    {"erasure_key", "members"},
    {"erased_person", "members"},
    {"member_search", "members"},

    {"election", "governance"},
    {"candidate", "governance"},
    {"vote", "governance"},
    {"seat", "governance"},
    {"secretariat", "governance"},
    {"observer", "governance"},

    {"working_group", "wg"},
    {"wg_theme", "wg"},
    {"wg_membership", "wg"},
    {"wg_lead", "wg"},
    {"wg_task", "wg"},

    {"meeting", "meetings"},
    {"meeting_status_history", "meetings"},
    {"agenda_item", "meetings"},
    {"meeting_invitee", "meetings"},
    {"decision", "meetings"},
    {"action_item", "meetings"},
    {"meeting_participant", "meetings"},

    {"plan_priority", "plan"},
    {"plan_priority_theme", "plan"},
    {"plan_activity", "plan"},
    {"plan_activity_priority", "plan"},
    {"plan_activity_status", "plan"},
    {"plan_progress_note", "plan"},
    {"plan_indicator", "plan"},
    {"plan_measurement", "plan"},
    {"plan_contribution", "plan"},
}};

}  // namespace nacsa::store
