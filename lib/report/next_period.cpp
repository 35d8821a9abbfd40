#include <fmt/format.h>

#include "governance/governance.hpp"
#include "meetings/query.hpp"
#include "plan/plan.hpp"
#include "report/sections.hpp"

namespace nacsa::report::detail {

Section next_period_section(const Inputs& in) {
    const bool quarter = Quarter::parse(in.period.label).has_value();
    Section section{"next_period",
                    quarter ? in.tr("Next quarter") : in.tr("Next period"),
                    true,
                    {},
                    {},
                    {},
                    {},
                    {}};
    const auto& tr = in.tr;
    const auto& lang = tr.language();
    section.notes.push_back(fmt::format(fmt::runtime(tr("From {from} to {to}.")),
                                        fmt::arg("from", tr.date(in.next.from)),
                                        fmt::arg("to", tr.date(in.next.to))));
    auto& db = in.store.db();
    if (has_table(db, "meeting")) {
        Table scheduled{"scheduled_meetings",
                        tr("Scheduled meetings"),
                        {{"date", tr("Date"), ValueKind::date},
                         {"meeting", tr("Meeting")},
                         {"title", tr("Title")},
                         {"kind", tr("Key"), ValueKind::text, Personal::no, Shown::data_only},
                         {"kind_label", tr("Kind")}},
                        {},
                        tr("No meeting is scheduled yet.")};
        for (const auto& m :
             meetings::scheduled_in_period(in.store, meetings::Period{in.next.from, in.next.to})) {
            scheduled.rows.push_back({format_date(m.local_date()), m.id, m.title, m.kind,
                                      meeting_kind_label(m.kind, tr)});
        }
        section.tables.push_back(std::move(scheduled));
    }
    if (has_table(db, "plan_activity")) {
        Table due{"activities_due",
                  tr("Activities due"),
                  {{"activity", tr("Activity")},
                   {"title", tr("Title")},
                   {"end", tr("Due"), ValueKind::date}},
                  {},
                  tr("No activity is due.")};
        for (const auto& a : plan::load_plan(in.store).activities) {
            const bool open = a.status != plan::ActivityStatus::done &&
                              a.status != plan::ActivityStatus::cancelled;
            if (open && a.end >= in.next.from && a.end <= in.next.to) {
                due.rows.push_back({a.id, a.title, format_date(a.end)});
            }
        }
        section.tables.push_back(std::move(due));
    }
    if (has_table(db, "seat")) {
        Table ending{"terms_ending",
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
                ending.rows.push_back(
                    {seat.role, role != nullptr ? role->labels.in(lang) : seat.role,
                     seat.member_name,
                     seat.representative.empty() ? Value{} : Value{seat.representative},
                     format_date(last)});
            }
        }
        section.tables.push_back(std::move(ending));
    }
    if (section.tables.empty()) {
        section.notes.push_back(tr("Nothing to report."));
    }
    return section;
}

}  // namespace nacsa::report::detail
