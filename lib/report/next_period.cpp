// SPDX-License-Identifier: Apache-2.0
#include <fmt/format.h>

#include "governance/governance.hpp"
#include "meetings/query.hpp"
#include "plan/plan.hpp"
#include "report/sections.hpp"

namespace nacsa::report::detail {

namespace {

Table scheduled_meetings(const Inputs& in) {
    const auto& tr = in.tr;
    Table table{"scheduled_meetings",
                tr("Scheduled meetings"),
                {{"date", tr("Date"), ValueKind::date},
                 {"meeting", tr("Meeting")},
                 {"title", tr("Title")},
                 {"kind", tr("Key"), ValueKind::text, Personal::no, Shown::data_only},
                 {"kind_label", tr("Kind")}},
                {},
                tr("No meeting is scheduled yet.")};
    // As known on the as-of day: a meeting scheduled later is not listed; one held, cancelled or
    // moved later is, as it then stood.
    for (const auto& m : meetings::scheduled_as_known_on(
             in.store, meetings::Period{in.next.from, in.next.to}, in.as_of)) {
        table.rows.push_back(
            {format_date(m.local_date()), m.id, m.title, m.kind, meeting_kind_label(m.kind, tr)});
    }
    return table;
}

// Activities not done nor cancelled on the as-of day whose end falls in the next period.
Table activities_due(const Inputs& in) {
    const auto& tr = in.tr;
    Table table{
        "activities_due",
        tr("Activities due"),
        {{"activity", tr("Activity")}, {"title", tr("Title")}, {"end", tr("Due"), ValueKind::date}},
        {},
        tr("No activity is due.")};
    for (const auto& a : plan::plan_as_of(plan::load_plan(in.store), in.as_of).activities) {
        const bool open =
            a.status != plan::ActivityStatus::done && a.status != plan::ActivityStatus::cancelled;
        if (open && a.end >= in.next.from && a.end <= in.next.to) {
            table.rows.push_back({a.id, a.title, format_date(a.end)});
        }
    }
    return table;
}

// Seats held at the end of this period whose term ends in the next one.
Table terms_ending(const Inputs& in) {
    const auto& tr = in.tr;
    Table table{"terms_ending",
                tr("Terms ending"),
                {{"role", tr("Key"), ValueKind::text, Personal::no, Shown::data_only},
                 {"role_label", tr("Role")},
                 {"member", tr("Member")},
                 {"representative", tr("Representative"), ValueKind::text, Personal::yes},
                 {"term_end", tr("Term ends"), ValueKind::date}},
                {},
                tr("No term ends.")};
    for (const auto& seat : governance::committee_as_of(in.store, in.period.to)) {
        const auto last = seat.last_day();
        if (last >= in.next.from && last <= in.next.to) {
            const auto* role = in.alliance.find_role(seat.role);
            table.rows.push_back(
                {seat.role, role != nullptr ? role->labels.in(tr.language()) : seat.role,
                 seat.member_name,
                 seat.representative.empty() ? Value{} : Value{seat.representative},
                 format_date(last)});
        }
    }
    return table;
}

}  // namespace

Section next_period_section(const Inputs& in) {
    const auto& tr = in.tr;
    const bool quarter = Quarter::parse(in.period.label).has_value();
    Section section{.key = "next_period",
                    .title = quarter ? tr("Next quarter") : tr("Next period")};
    section.notes.push_back(fmt::format(fmt::runtime(tr("From {from} to {to}.")),
                                        fmt::arg("from", tr.date(in.next.from)),
                                        fmt::arg("to", tr.date(in.next.to))));
    section.tables.push_back(scheduled_meetings(in));
    section.tables.push_back(activities_due(in));
    section.tables.push_back(terms_ending(in));
    return section;
}

}  // namespace nacsa::report::detail
