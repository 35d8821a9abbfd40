#include <fmt/format.h>

#include "report/render_common.hpp"
#include "report/sections.hpp"

#if __has_include("meetings/query.hpp")
#include "meetings/query.hpp"
#define NACSA_REPORT_MEETINGS 1
#endif

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
    section.notes.push_back(fmt::format(fmt::runtime(tr("From {from} to {to}.")),
                                        fmt::arg("from", tr.date(in.next.from)),
                                        fmt::arg("to", tr.date(in.next.to))));
#ifdef NACSA_REPORT_MEETINGS
    if (has_table(in.store.db(), "meeting")) {
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
#endif
    if (section.tables.empty()) {
        section.notes.push_back(tr("Nothing to report."));
    }
    return section;
}

}  // namespace nacsa::report::detail
