// SPDX-License-Identifier: Apache-2.0
#include <fmt/format.h>

#include <algorithm>

#include "core/error.hpp"
#include "members/census.hpp"
#include "report/report.hpp"
#include "report/sections.hpp"

namespace nacsa::report {

Period quarter_period(Quarter quarter) {
    return Period{quarter.first_day(), quarter.last_day(), quarter.to_string()};
}

Period year_period(int year) {
    using namespace std::chrono;
    return Period{Date{std::chrono::year{year}, January, day{1}},
                  Date{std::chrono::year{year}, December, day{31}}, std::to_string(year)};
}

Period range_period(Date from, Date to) {
    return Period{from, to, format_date(from) + "/" + format_date(to)};
}

Period default_period(Kind kind, Date today) {
    if (kind == Kind::annual) {
        return year_period(static_cast<int>(today.year()) - 1);
    }
    return quarter_period(Quarter::containing(today).previous());
}

namespace detail {

void nothing_to_report(Section& section, const Translator& tr) {
    if (section.empty()) {
        section.notes.push_back(tr("Nothing to report."));
    }
}

}  // namespace detail

namespace {

std::string title_of(Kind kind, const Translator& tr) {
    switch (kind) {
        case Kind::quarterly:
            return tr("Quarterly report");
        case Kind::annual:
            return tr("Annual report");
        case Kind::membership:
            return tr("Membership report");
        case Kind::committee:
            return tr("Steering Committee report");
        case Kind::meetings:
            return tr("Meetings report");
        case Kind::plan:
            return tr("Activity plan report");
        case Kind::regional:
            return tr("Regional quarterly report");
    }
    return tr("Quarterly report");
}

// The period that follows: the next quarter, the next year, or a range of the same length.
Period next_period(const Period& period) {
    if (const auto q = Quarter::parse(period.label)) {
        return quarter_period(q->next());
    }
    if (period.label.size() == 4) {
        return year_period(std::stoi(period.label) + 1);
    }
    const auto from = add_days(period.to, 1);
    return range_period(from, add_days(from, days_between(period.from, period.to)));
}

}  // namespace

Report build(store::Store& store, const Options& options) {
    const Translator tr(options.language);
    const auto& alliance = store.alliance();
    Report report;
    report.kind = options.kind;
    report.title = title_of(options.kind, tr);
    report.alliance_name = alliance.name;
    report.alliance_short_name = alliance.short_name;
    report.country_code = alliance.country;
    report.country = tr.country(alliance.country);
    report.language = tr.language();
    report.period = options.period;
    report.generated = options.today;
    report.redacted = options.redact;
    report.as_of = options.as_of.value_or(options.period.to);
    if (report.as_of < options.period.from) {
        throw UsageError(msg("--as-of: {} is before the period {} begins ({})",
                             format_date(report.as_of), options.period.label,
                             format_date(options.period.from)));
    }
    // The period as known on the as-of day: the sections read the records up to its last day.
    auto known = options.period;
    known.to = std::min(known.to, report.as_of);

    const detail::Inputs in{store, alliance, tr, known, next_period(options.period), report.as_of};
    switch (options.kind) {
        case Kind::quarterly:
        case Kind::annual: {
            // The census of the period with the previous period's totals for the first page,
            // in one pass over the members and their status history.
            const auto previous = detail::previous_period(known);
            const auto census = members::census(store, known.from, known.to,
                                                members::Period{previous.from, previous.to});
            report.sections.push_back(detail::membership_section(in, census));
            report.sections.push_back(detail::governance_section(in));
            report.sections.push_back(detail::working_groups_section(in));
            report.sections.push_back(detail::meetings_section(in));
            report.sections.push_back(detail::plan_section(in));
            report.sections.push_back(detail::next_period_section(in));
            report.sections.insert(report.sections.begin(),
                                   detail::summary_section(in, report.sections, *census.previous));
            break;
        }
        case Kind::membership:
            report.sections.push_back(detail::membership_section(in));
            break;
        case Kind::committee:
            report.sections.push_back(detail::governance_section(in));
            break;
        case Kind::meetings:
            report.sections.push_back(detail::meetings_section(in));
            break;
        case Kind::plan:
            report.sections.push_back(detail::plan_section(in));
            break;
        case Kind::regional:
            throw std::logic_error("a regional report is built from reports (regional_report)");
    }
    for (auto& section : report.sections) {
        detail::nothing_to_report(section, tr);
        if (options.redact) {
            for (auto& table : section.tables) {
                for (std::size_t c = 0; c < table.columns.size(); ++c) {
                    if (table.columns[c].personal == Personal::yes) {
                        for (auto& row : table.rows) {
                            row[c] = std::monostate{};
                        }
                    }
                }
            }
        }
    }
    return report;
}

}  // namespace nacsa::report
