// SPDX-License-Identifier: Apache-2.0
// Where the plan stands on a date: indicator standing, activity completion, checks, timeline.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/text.hpp"
#include "output/table.hpp"
#include "plan/plan.hpp"

namespace nacsa::plan {

namespace {
constexpr double k_on_track = 0.9;
constexpr double k_at_risk = 0.6;

bool finished(ActivityStatus s) {
    return s == ActivityStatus::done || s == ActivityStatus::cancelled;
}

std::string number_text(double v) {
    if (std::fabs(v - std::round(v)) < 1e-9) {
        return fmt::format("{}", static_cast<long long>(std::llround(v)));
    }
    return fmt::format("{:.1f}", v);
}

// A text in a number of terminal columns: cut with "…" as table cells are
// (output::truncate_display), padded with spaces.
std::string fit(const std::string& raw, std::size_t width) {
    const std::string s = output::truncate_display(text::escape_control(raw), width);
    const auto used = text::display_width(s);
    return s + std::string(width > used ? width - used : 0, ' ');
}
}  // namespace

bool is_overdue(const Activity& a, Date as_of) {
    return a.end < as_of && !finished(a.status);
}

std::string standing_name(Standing s) {
    switch (s) {
        case Standing::on_track:
            return "on_track";
        case Standing::at_risk:
            return "at_risk";
        case Standing::off_track:
            return "off_track";
        case Standing::achieved:
            return "achieved";
        case Standing::missed:
            return "missed";
        case Standing::no_data:
            return "no_data";
        case Standing::not_started:
            return "not_started";
    }
    return "no_data";
}

Date effective_baseline_date(const Plan& plan, const Indicator& indicator) {
    if (indicator.baseline_date) {
        return *indicator.baseline_date;
    }
    if (const auto* a = plan.find_activity(indicator.activity_id)) {
        return a->start;
    }
    return add_months(indicator.target_date, -12);
}

IndicatorStatus indicator_status(const Plan& plan, const Indicator& indicator, Date as_of) {
    IndicatorStatus st;
    st.indicator = &indicator;
    st.baseline_date = effective_baseline_date(plan, indicator);
    for (const auto& m : indicator.measurements) {
        if (!(as_of < m.date)) {
            st.latest = m;
        }
    }
    const double span = indicator.target - indicator.baseline;
    auto expected_share = [&](Date d) {
        const int total = days_between(st.baseline_date, indicator.target_date);
        if (total <= 0) {
            return 1.0;
        }
        return std::clamp(static_cast<double>(days_between(st.baseline_date, d)) / total, 0.0, 1.0);
    };
    st.expected = indicator.baseline + span * expected_share(as_of);
    if (as_of < st.baseline_date) {
        st.standing = Standing::not_started;
        return st;
    }
    if (!st.latest) {
        st.standing = Standing::no_data;
        return st;
    }
    const double achieved = span == 0 ? 1.0 : (st.latest->value - indicator.baseline) / span;
    st.achieved = achieved;
    if (achieved >= 1.0) {
        st.standing = Standing::achieved;
        return st;
    }
    if (indicator.target_date < as_of) {
        st.standing = Standing::missed;  // the day has passed: no longer at risk, missed
        return st;
    }
    const double expected = expected_share(st.latest->date);
    if (expected <= 0) {
        st.standing = Standing::on_track;
        return st;
    }
    const double ratio = achieved / expected;
    st.standing = ratio >= k_on_track  ? Standing::on_track
                  : ratio >= k_at_risk ? Standing::at_risk
                                       : Standing::off_track;
    return st;
}

std::vector<PriorityProgress> plan_status(const Plan& plan, Date as_of) {
    auto progress_of = [&](const Activity& a) {
        ActivityProgress p;
        p.activity = &a;
        p.overdue = is_overdue(a, as_of);
        double sum = 0;
        int counted = 0;
        for (const auto& i : plan.indicators) {
            if (i.activity_id == a.id) {
                p.indicators.push_back(indicator_status(plan, i, as_of));
                if (p.indicators.back().achieved) {
                    sum += std::clamp(*p.indicators.back().achieved, 0.0, 1.0);
                    ++counted;
                }
            }
        }
        if (a.status == ActivityStatus::done) {
            p.completion = 1.0;
        } else if (a.status != ActivityStatus::cancelled && counted > 0) {
            p.completion = sum / counted;
        }
        return p;
    };
    auto order = [](std::vector<ActivityProgress>& list) {
        std::stable_sort(list.begin(), list.end(),
                         [](const ActivityProgress& x, const ActivityProgress& y) {
                             if (x.overdue != y.overdue) {
                                 return x.overdue;
                             }
                             if (x.activity->end != y.activity->end) {
                                 return x.activity->end < y.activity->end;
                             }
                             return natural_less(x.activity->id, y.activity->id);
                         });
    };
    std::vector<PriorityProgress> out;
    for (const auto& p : plan.priorities) {
        PriorityProgress pp;
        pp.priority = &p;
        for (const auto& a : plan.activities) {
            if (std::find(a.priorities.begin(), a.priorities.end(), p.code) != a.priorities.end()) {
                pp.activities.push_back(progress_of(a));
            }
        }
        order(pp.activities);
        for (const auto& i : plan.indicators) {
            if (i.priority_code == p.code) {
                pp.indicators.push_back(indicator_status(plan, i, as_of));
            }
        }
        out.push_back(std::move(pp));
    }
    PriorityProgress none;
    for (const auto& a : plan.activities) {
        if (a.priorities.empty()) {
            none.activities.push_back(progress_of(a));
        }
    }
    if (!none.activities.empty()) {
        order(none.activities);
        out.push_back(std::move(none));
    }
    return out;
}

namespace {

// An unfinished activity's status in a finding's sentence, as an adjective.
output::FindingArg status_arg(ActivityStatus status) {
    switch (status) {
        case ActivityStatus::planned:
            return output::arg_labels("status", "planned", "planificada", "planifiée");
        case ActivityStatus::in_progress:
            return output::arg_labels("status", "in_progress", "en curso", "en cours");
        case ActivityStatus::delayed:
            return output::arg_labels("status", "delayed", "retrasada", "en retard");
        default:
            return output::arg("status", status_name(status));
    }
}

}  // namespace

std::vector<output::Finding> check_plan(const Plan& plan, Date as_of) {
    using output::arg;
    using output::arg_date;
    using output::finding;
    using output::N_;
    using output::Severity;
    std::vector<output::Finding> out;
    for (const auto& p : plan.priorities) {
        const bool served =
            std::any_of(plan.activities.begin(), plan.activities.end(), [&](const Activity& a) {
                return std::find(a.priorities.begin(), a.priorities.end(), p.code) !=
                       a.priorities.end();
            });
        if (!served) {
            out.push_back(finding(Severity::error, "priority-without-activity", p.code,
                                  N_("priority \"{title}\" has no activity"),
                                  {arg("title", p.title)}));
        }
    }
    for (const auto& a : plan.activities) {
        if (a.priorities.empty() && !a.serves_no_priority) {
            out.push_back(finding(Severity::error, "activity-without-priority", a.id,
                                  N_("serves no priority and does not say so (give priorities, or "
                                     "none explicitly)"),
                                  {}));
        }
        if (is_overdue(a, as_of)) {
            out.push_back(finding(Severity::error, "activity-overdue", a.id,
                                  N_("ended {end} but is {status}"),
                                  {arg_date("end", a.end), status_arg(a.status)}));
        }
    }
    const Date window = Quarter::containing(as_of).previous().first_day();
    for (const auto& i : plan.indicators) {
        if (const auto* a = plan.find_activity(i.activity_id);
            a != nullptr && finished(a->status)) {
            continue;
        }
        if (as_of < effective_baseline_date(plan, i) || i.target_date < window) {
            continue;
        }
        const bool measured = std::any_of(
            i.measurements.begin(), i.measurements.end(),
            [&](const Measurement& m) { return !(m.date < window) && !(as_of < m.date); });
        if (!measured) {
            out.push_back(finding(Severity::warning, "indicator-not-measured", i.id,
                                  N_("no measurement since {since}"), {arg_date("since", window)}));
        }
    }
    return out;
}

// ---- Rendering status ----

namespace {

std::string indicator_line(const IndicatorStatus& st) {
    const auto& i = *st.indicator;
    std::string actual = st.latest ? number_text(st.latest->value) : std::string("-");
    return fmt::format("{:<11} {} of {} {} by {} (expected {}): {}", standing_name(st.standing),
                       actual, number_text(i.target), text::escape_control(i.unit),
                       format_date(i.target_date), number_text(st.expected),
                       text::escape_control(i.name));
}

nlohmann::json indicator_json(const IndicatorStatus& st) {
    const auto& i = *st.indicator;
    nlohmann::json j;
    j["id"] = i.id;
    j["name"] = i.name;
    j["unit"] = i.unit;
    j["baseline"] = i.baseline;
    j["baseline_date"] = format_date(st.baseline_date);
    j["target"] = i.target;
    j["target_date"] = format_date(i.target_date);
    j["latest_value"] = st.latest ? nlohmann::json(st.latest->value) : nlohmann::json(nullptr);
    j["latest_date"] =
        st.latest ? nlohmann::json(format_date(st.latest->date)) : nlohmann::json(nullptr);
    j["expected"] = st.expected;
    j["achieved"] = st.achieved ? nlohmann::json(*st.achieved) : nlohmann::json(nullptr);
    j["standing"] = standing_name(st.standing);
    return j;
}

std::string percent(const std::optional<double>& share) {
    return share ? fmt::format("{}%", static_cast<int>(std::lround(*share * 100)))
                 : std::string("-");
}

}  // namespace

std::string render_status_text(const std::vector<PriorityProgress>& status, Date as_of) {
    std::string out = fmt::format("Plan status as of {}\n", format_date(as_of));
    for (const auto& pp : status) {
        out += '\n';
        if (pp.priority != nullptr) {
            out += fmt::format("{}  {}\n", pp.priority->code,
                               text::escape_control(pp.priority->title));
        } else {
            out += "No priority\n";
        }
        for (const auto& st : pp.indicators) {
            out += fmt::format("  indicator {:<6} {}\n", st.indicator->id, indicator_line(st));
        }
        if (pp.activities.empty()) {
            out += "  (no activity)\n";
        }
        for (const auto& ap : pp.activities) {
            const auto& a = *ap.activity;
            out += fmt::format("  {:<6} {:<11} {:>4}  ends {}{}  {}\n", a.id, status_name(a.status),
                               percent(ap.completion), format_date(a.end),
                               ap.overdue ? " OVERDUE" : "", text::escape_control(a.title));
            for (const auto& st : ap.indicators) {
                out += fmt::format("         {:<6} {}\n", st.indicator->id, indicator_line(st));
            }
        }
    }
    return out;
}

std::string render_status_json(const std::vector<PriorityProgress>& status, Date as_of) {
    nlohmann::json root;
    root["as_of"] = format_date(as_of);
    root["priorities"] = nlohmann::json::array();
    for (const auto& pp : status) {
        nlohmann::json p;
        p["code"] =
            pp.priority != nullptr ? nlohmann::json(pp.priority->code) : nlohmann::json(nullptr);
        p["title"] =
            pp.priority != nullptr ? nlohmann::json(pp.priority->title) : nlohmann::json(nullptr);
        p["indicators"] = nlohmann::json::array();
        for (const auto& st : pp.indicators) {
            p["indicators"].push_back(indicator_json(st));
        }
        p["activities"] = nlohmann::json::array();
        for (const auto& ap : pp.activities) {
            const auto& a = *ap.activity;
            nlohmann::json j;
            j["id"] = a.id;
            j["title"] = a.title;
            j["kind"] = kind_name(a.kind);
            j["status"] = status_name(a.status);
            j["start"] = format_date(a.start);
            j["end"] = format_date(a.end);
            j["overdue"] = ap.overdue;
            j["completion"] =
                ap.completion ? nlohmann::json(*ap.completion) : nlohmann::json(nullptr);
            j["working_group"] =
                a.working_group.empty() ? nlohmann::json(nullptr) : nlohmann::json(a.working_group);
            j["member"] = a.member.empty() ? nlohmann::json(nullptr) : nlohmann::json(a.member);
            j["indicators"] = nlohmann::json::array();
            for (const auto& st : ap.indicators) {
                j["indicators"].push_back(indicator_json(st));
            }
            p["activities"].push_back(std::move(j));
        }
        root["priorities"].push_back(std::move(p));
    }
    return output::json_text(root) + "\n";
}

// ---- Timeline ----

namespace {
constexpr std::array<const char*, 12> k_months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

struct Period {
    Date first{};
    Date last{};
    std::string label;
    int year = 0;
};

char fill_of(ActivityStatus s) {
    switch (s) {
        case ActivityStatus::planned:
            return '-';
        case ActivityStatus::in_progress:
            return '=';
        case ActivityStatus::done:
            return '#';
        case ActivityStatus::delayed:
            return '!';
        case ActivityStatus::cancelled:
            return 'x';
    }
    return '-';
}
}  // namespace

TimelineOptions timeline_options(const Plan& plan, std::optional<Date> from, std::optional<Date> to,
                                 std::optional<Granularity> by, Date today) {
    Date earliest = today;
    Date latest = today;
    if (!plan.activities.empty()) {
        earliest = plan.activities.front().start;
        latest = plan.activities.front().end;
        for (const auto& a : plan.activities) {
            earliest = std::min(earliest, a.start);
            latest = std::max(latest, a.end);
        }
    }
    TimelineOptions o;
    o.from = from.value_or(earliest);
    o.to = to.value_or(latest);
    if (o.to < o.from) {
        throw UsageError(
            msg("--to {} is before --from {}", format_date(o.to), format_date(o.from)));
    }
    const int months = (static_cast<int>(o.to.year()) - static_cast<int>(o.from.year())) * 12 +
                       static_cast<int>(static_cast<unsigned>(o.to.month())) -
                       static_cast<int>(static_cast<unsigned>(o.from.month())) + 1;
    o.by = by.value_or(months <= 12 ? Granularity::month : Granularity::quarter);
    return o;
}

std::string render_timeline(const Plan& plan, const TimelineOptions& options, Date today) {
    using namespace std::chrono;
    std::vector<Period> periods;
    if (options.by == Granularity::month) {
        Date d{options.from.year(), options.from.month(), day{1}};
        while (!(options.to < d)) {
            const auto month_index = static_cast<unsigned>(d.month()) - 1;
            periods.push_back(Period{d, add_days(add_months(d, 1), -1), k_months.at(month_index),
                                     static_cast<int>(d.year())});
            d = add_months(d, 1);
        }
    } else {
        for (auto q = Quarter::containing(options.from); !(options.to < q.first_day());
             q = q.next()) {
            periods.push_back(
                Period{q.first_day(), q.last_day(), fmt::format("Q{}", q.number), q.year});
        }
    }
    std::vector<const Activity*> rows;
    std::size_t id_width = 2;
    for (const auto& a : plan.activities) {
        if (!(a.end < options.from) && !(options.to < a.start)) {
            rows.push_back(&a);
            id_width = std::max(id_width, a.id.size());
        }
    }
    id_width = std::min<std::size_t>(id_width, 8);
    constexpr std::size_t status_width = 11;
    constexpr std::size_t min_title = 12;
    const std::size_t fixed = id_width + 1 + 1 + status_width + 1 + 2;  // spaces and the two '|'
    const auto width = static_cast<std::size_t>(std::max(options.width, 40));
    const std::size_t budget = width > fixed + min_title ? width - fixed - min_title : 0;
    if (periods.empty() || periods.size() > budget) {
        throw UsageError(
            options.by == Granularity::month
                ? msg("{} months do not fit in {} columns: narrow --from/--to or use --by quarter",
                      periods.size(), width)
                : msg("{} quarters do not fit in {} columns: narrow --from/--to", periods.size(),
                      width));
    }
    const std::size_t cell = std::min<std::size_t>(3, budget / periods.size());
    const std::size_t bar = cell * periods.size();
    const std::size_t title_width = width - fixed - bar;
    const std::string lead(id_width + 1 + title_width + 1 + status_width + 1, ' ');

    std::string out;
    // The year above the first period of each year, then the month or quarter names.
    std::string years(bar, ' ');
    std::string names;
    int last_year = 0;
    for (std::size_t k = 0; k < periods.size(); ++k) {
        if (periods[k].year != last_year) {
            auto y = std::to_string(periods[k].year);
            if (k * cell + y.size() > bar) {
                y = "'" + y.substr(y.size() - 2);
            }
            for (std::size_t c = 0; c < y.size() && k * cell + c < bar; ++c) {
                years[k * cell + c] = y[c];
            }
            last_year = periods[k].year;
        }
        names +=
            periods[k].label.substr(0, cell) +
            std::string(cell > periods[k].label.size() ? cell - periods[k].label.size() : 0, ' ');
    }
    auto rstrip = [](std::string s) {
        while (!s.empty() && s.back() == ' ') {
            s.pop_back();
        }
        return s;
    };
    out += rstrip(lead + ' ' + years) + "\n";
    out += rstrip(fit("ID", id_width) + ' ' + fit("ACTIVITY", title_width) + ' ' +
                  fit("STATUS", status_width) + " |" + names + "|") +
           "\n";
    for (const auto* a : rows) {
        std::string cells;
        for (const auto& p : periods) {
            const bool active = !(a->end < p.first) && !(p.last < a->start);
            cells += std::string(cell, active ? fill_of(a->status) : ' ');
        }
        out += fit(a->id, id_width) + ' ' + fit(a->title, title_width) + ' ' +
               fit(status_name(a->status), status_width) + " |" + cells + "|\n";
    }
    if (rows.empty()) {
        out += "(no activity in this period)\n";
    }
    std::string marker(bar, ' ');
    for (std::size_t k = 0; k < periods.size(); ++k) {
        if (!(today < periods[k].first) && !(periods[k].last < today)) {
            marker[k * cell] = '^';
        }
    }
    if (marker.find('^') != std::string::npos) {
        auto line = rstrip(lead + ' ' + marker);
        out += (line.size() + 6 <= width ? line + " today" : line) + "\n";
    }
    out += "- planned  = in progress  # done  ! delayed  x cancelled\n";
    return out;
}

}  // namespace nacsa::plan
