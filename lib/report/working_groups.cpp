// SPDX-License-Identifier: Apache-2.0
#include "report/sections.hpp"
#include "wg/summary.hpp"

namespace nacsa::report::detail {

Section working_groups_section(const Inputs& in) {
    const auto& tr = in.tr;
    Section section{.key = "working_groups", .title = tr("Working groups")};
    const auto groups = wg::summarise_groups(in.store, in.period.from, in.period.to);
    if (groups.empty()) {
        return section;
    }
    Table table{"working_groups",
                tr("Working groups"),
                {{"working_group", tr("Key"), ValueKind::text, Personal::no, Shown::data_only},
                 {"name", tr("Working group")},
                 {"lead", tr("Lead")},
                 {"members", tr("Members"), ValueKind::integer},
                 {"tasks_opened", tr("Tasks opened"), ValueKind::integer},
                 {"tasks_done", tr("Tasks done"), ValueKind::integer},
                 {"tasks_overdue", tr("Tasks overdue"), ValueKind::integer}},
                {},
                ""};
    std::int64_t opened = 0;
    std::int64_t done = 0;
    std::int64_t overdue = 0;
    for (const auto& g : groups) {
        table.rows.push_back({g.id, g.name,
                              g.lead_member_name ? Value{*g.lead_member_name} : Value{},
                              std::int64_t{g.members_at_end}, std::int64_t{g.tasks_opened},
                              std::int64_t{g.tasks_done}, std::int64_t{g.tasks_overdue_at_end}});
        opened += g.tasks_opened;
        done += g.tasks_done;
        overdue += g.tasks_overdue_at_end;
    }
    if (opened == 0 && done == 0 && overdue == 0) {
        section.notes.push_back(
            tr("No working-group task was opened, done or overdue in this period."));
    }
    section.figures.push_back(
        {"working_groups", tr("Working groups"), static_cast<std::int64_t>(groups.size())});
    section.figures.push_back({"tasks_opened", tr("Tasks opened"), opened});
    section.figures.push_back({"tasks_done", tr("Tasks done"), done});
    section.figures.push_back(
        {"tasks_overdue", tr("Tasks overdue at the end of the period"), overdue});
    section.tables.push_back(std::move(table));
    return section;
}

}  // namespace nacsa::report::detail
