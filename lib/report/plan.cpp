// SPDX-License-Identifier: Apache-2.0
#include "plan/plan.hpp"

#include <fmt/format.h>

#include <set>

#include "report/sections.hpp"

namespace nacsa::report::detail {

std::vector<Column> indicator_columns(const Translator& tr) {
    return {{"indicator", tr("Indicator")},
            {"name", tr("Name")},
            {"latest", tr("Latest value"), ValueKind::number},
            {"target", tr("Target"), ValueKind::number},
            {"standing", tr("Key"), ValueKind::text, Personal::no, Shown::data_only},
            {"standing_label", tr("Standing")}};
}

namespace {

std::string standing_label(plan::Standing standing, const Translator& tr) {
    switch (standing) {
        case plan::Standing::on_track:
            return tr("On track");
        case plan::Standing::at_risk:
            return tr("At risk");
        case plan::Standing::off_track:
            return tr("Off track");
        case plan::Standing::achieved:
            return tr("Achieved");
        case plan::Standing::missed:
            return tr("Missed");
        case plan::Standing::no_data:
            return tr("No data");
        case plan::Standing::not_started:
            return tr("Not started");
    }
    return tr("No data");
}

bool in_period(Date d, const Period& p) {
    return d >= p.from && d <= p.to;
}

// What the plan's progress at the end of the period gives: per priority a row and a bar, the
// activities delayed, and every indicator against its target.
struct Progress {
    Table priorities;
    Chart chart;
    Table delayed;
    Table indicators;
    // An activity serving several priorities is counted under each, listed once.
    std::set<std::string> listed_delayed;
    std::set<std::string> listed_indicators;
};

Progress empty_progress(const Translator& tr) {
    return Progress{
        Table{"progress_by_priority",
              tr("Progress per priority"),
              {{"priority", tr("Priority")},
               {"title", tr("Title")},
               {"activities", tr("Activities"), ValueKind::integer},
               {"done", tr("Done"), ValueKind::integer},
               {"delayed", tr("Delayed"), ValueKind::integer},
               {"completion", tr("Progress"), ValueKind::percent}},
              {},
              ""},
        Chart{"progress_by_priority", tr("Progress per priority"), {}, ValueKind::percent},
        Table{"activities_delayed",
              tr("Activities delayed"),
              {{"activity", tr("Activity")},
               {"title", tr("Title")},
               {"end", tr("Due"), ValueKind::date}},
              {},
              tr("No activity is delayed.")},
        Table{"indicators",
              tr("Indicators against targets"),
              indicator_columns(tr),
              {},
              tr("No indicator is defined.")},
        {},
        {}};
}

void add_indicator(Progress& out, const plan::IndicatorStatus& i, const Translator& tr) {
    if (!out.listed_indicators.insert(i.indicator->id).second) {
        return;
    }
    out.indicators.rows.push_back(
        {i.indicator->id, i.indicator->name, i.latest ? Value{i.latest->value} : Value{},
         i.indicator->target, plan::standing_name(i.standing), standing_label(i.standing, tr)});
}

// One priority's row and bar; its late activities and its indicators (its activities' first).
void add_priority(Progress& out, const plan::PriorityProgress& p, const Translator& tr) {
    std::int64_t done = 0;
    std::int64_t late = 0;
    double completion = 0;
    for (const auto& a : p.activities) {
        done += a.activity->status == plan::ActivityStatus::done ? 1 : 0;
        if (a.overdue || a.activity->status == plan::ActivityStatus::delayed) {
            ++late;
            if (out.listed_delayed.insert(a.activity->id).second) {
                out.delayed.rows.push_back(
                    {a.activity->id, a.activity->title, format_date(a.activity->end)});
            }
        }
        completion += a.completion.value_or(0.0);
        for (const auto& i : a.indicators) {
            add_indicator(out, i, tr);
        }
    }
    for (const auto& i : p.indicators) {
        add_indicator(out, i, tr);
    }
    const double share =
        p.activities.empty() ? 0.0 : completion / static_cast<double>(p.activities.size());
    const std::string code = p.priority != nullptr ? p.priority->code : "";
    const std::string title =
        p.priority != nullptr ? p.priority->title : tr("Activities serving no priority");
    out.priorities.rows.push_back({code.empty() ? Value{} : Value{code}, title,
                                   static_cast<std::int64_t>(p.activities.size()), done, late,
                                   share});
    out.chart.bars.push_back({code.empty() ? title : code + " " + title, share});
}

Table activities_completed(const Inputs& in, const plan::Plan& whole) {
    const auto& tr = in.tr;
    Table table{"activities_completed",
                tr("Activities completed in the period"),
                {{"activity", tr("Activity")},
                 {"title", tr("Title")},
                 {"date", tr("Date"), ValueKind::date}},
                {},
                tr("No activity was completed in this period.")};
    for (const auto& a : whole.activities) {
        for (const auto& change : a.history) {
            if (change.status == plan::ActivityStatus::done && in_period(change.date, in.period)) {
                table.rows.push_back({a.id, a.title, format_date(change.date)});
            }
        }
    }
    return table;
}

Table review_contributions(const Inputs& in, const plan::Plan& whole) {
    const auto& tr = in.tr;
    Table table{"review_contributions",
                tr("Contributions to the UNTOC review"),
                {{"contribution", tr("Contribution")},
                 {"questionnaire", tr("Questionnaire")},
                 {"submitted", tr("Submitted on"), ValueKind::date},
                 {"submitted_to", tr("Submitted to")}},
                {},
                tr("No contribution was made in this period.")};
    for (const auto& c : whole.contributions) {
        if (in_period(c.submitted, in.period)) {
            table.rows.push_back({c.id, c.questionnaire, format_date(c.submitted), c.submitted_to});
        }
    }
    return table;
}

}  // namespace

Section plan_section(const Inputs& in) {
    const auto& tr = in.tr;
    Section section{.key = "plan", .title = tr("Activity plan")};
    // The plan as its records stood at the end of the period: a status, measurement or
    // contribution dated later is not read.
    const auto whole = plan::plan_as_of(plan::load_plan(in.store), in.period.to);
    if (whole.priorities.empty() && whole.activities.empty() && whole.contributions.empty()) {
        return section;
    }
    auto progress = empty_progress(tr);
    for (const auto& p : plan::plan_status(whole, in.period.to)) {
        add_priority(progress, p, tr);
    }
    auto completed = activities_completed(in, whole);
    auto contributions = review_contributions(in, whole);
    section.figures.push_back({"activities_completed", tr("Activities completed in the period"),
                               static_cast<std::int64_t>(completed.rows.size())});
    section.figures.push_back({"activities_delayed", tr("Activities delayed"),
                               static_cast<std::int64_t>(progress.delayed.rows.size())});
    section.figures.push_back({"review_contributions", tr("Contributions to the UNTOC review"),
                               static_cast<std::int64_t>(contributions.rows.size())});
    section.charts.push_back(std::move(progress.chart));
    section.tables.push_back(std::move(progress.priorities));
    section.tables.push_back(std::move(completed));
    section.tables.push_back(std::move(progress.delayed));
    section.tables.push_back(std::move(progress.indicators));
    section.tables.push_back(std::move(contributions));
    return section;
}

}  // namespace nacsa::report::detail
