#include "meetings/query.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include "store/sql.hpp"

namespace nacsa::meetings {

namespace chr = std::chrono;

namespace {

bool in_period(Date d, const Period& p) {
    return chr::sys_days{d} >= chr::sys_days{p.from} && chr::sys_days{d} <= chr::sys_days{p.to};
}

// Meetings whose local date is in the period (the UTC window is widened by the largest offsets).
std::vector<Meeting> meetings_between(store::Store& store, const Period& period,
                                      MeetingFilter filter) {
    filter.from = Seconds{chr::sys_days{period.from} - chr::days{1}};
    filter.until = Seconds{chr::sys_days{period.to} + chr::days{2}};
    std::vector<Meeting> out;
    for (auto& m : list_meetings(store, filter)) {
        if (in_period(m.local_date(), period)) {
            out.push_back(std::move(m));
        }
    }
    return out;
}

MeetingSummary summarise(store::Store& store, Meeting m) {
    MeetingSummary s;
    s.date = m.local_date();
    bool any = false;
    for (const auto& i : invitees(store, m.id)) {
        any = any || i.attendance.has_value();
        const auto a = i.attendance.value_or("");
        if (i.role == "voting") {
            ++s.voting_invited;
            s.present += a == "present" ? 1 : 0;
            s.represented += a == "represented" ? 1 : 0;
            s.excused += a == "excused" ? 1 : 0;
            s.absent += a == "absent" ? 1 : 0;
        } else if (i.role == "observer") {
            s.observers_present += a == "present" || a == "represented" ? 1 : 0;
        } else {
            s.guests_present += a == "present" || a == "represented" ? 1 : 0;
        }
    }
    if (any && s.voting_invited > 0) {
        s.attendance_rate = static_cast<double>(s.present + s.represented) / s.voting_invited;
    }
    s.quorum = m.quorum;
    s.decisions = static_cast<int>(decisions(store, m.id).size());
    s.meeting = std::move(m);
    return s;
}

}  // namespace

std::vector<MeetingSummary> meetings_in_period(store::Store& store, const Period& period,
                                               const std::optional<std::string>& kind,
                                               const std::optional<std::string>& status) {
    MeetingFilter filter;
    filter.kind = kind;
    filter.status = status;
    std::vector<MeetingSummary> out;
    for (auto& m : meetings_between(store, period, filter)) {
        out.push_back(summarise(store, std::move(m)));
    }
    return out;
}

std::vector<MeetingSummary> government_consultations(store::Store& store, const Quarter& quarter) {
    return meetings_in_period(store, Period{quarter.first_day(), quarter.last_day()},
                              "government_consultation", "held");
}

std::vector<Decision> decisions_in_period(store::Store& store, const Period& period) {
    std::vector<Decision> out;
    for (const auto& m : meetings_between(store, period, MeetingFilter{})) {
        for (auto& d : decisions(store, m.id)) {
            out.push_back(std::move(d));
        }
    }
    return out;
}

ActionItemActivity action_items_in_period(store::Store& store, const Period& period) {
    ActionItemActivity out;
    const auto end = chr::sys_days{period.to};
    for (auto& a : list_action_items(store, ActionFilter{})) {
        if (in_period(a.opened_on, period)) {
            out.opened.push_back(a);
        }
        if (a.closed_on && in_period(*a.closed_on, period)) {
            out.closed.push_back(a);
        }
        const bool open_at_end =
            chr::sys_days{a.opened_on} <= end &&
            (a.status == "open" || (a.closed_on && chr::sys_days{*a.closed_on} > end));
        if (open_at_end && a.due && chr::sys_days{*a.due} < end) {
            out.overdue.push_back(a);
        }
    }
    return out;
}

std::vector<Meeting> scheduled_in_period(store::Store& store, const Period& period) {
    std::vector<Meeting> out;
    for (auto& m : meetings_between(store, period, MeetingFilter{})) {
        if (m.status == "scheduled" || m.status == "postponed") {
            out.push_back(std::move(m));
        }
    }
    return out;
}

std::vector<output::Finding> check(store::Store& store, Date as_of) {
    using output::Finding;
    using output::Severity;
    const auto& alliance = store.alliance();
    const auto& rules = alliance.meetings;
    std::vector<Finding> out;
    const auto as_of_days = chr::sys_days{as_of};

    // Government consultations: every quarter that started on or after the founding date and
    // ended before as_of.
    if (rules.government_consultations_per_quarter > 0 && alliance.founded.ok()) {
        Quarter q = Quarter::containing(alliance.founded);
        if (q.first_day() != alliance.founded) {
            q = q.next();
        }
        for (; chr::sys_days{q.last_day()} < as_of_days; q = q.next()) {
            const auto held = government_consultations(store, q).size();
            const auto wanted =
                static_cast<std::size_t>(rules.government_consultations_per_quarter);
            if (held < wanted) {
                out.push_back(Finding{
                    Severity::error, "government-consultation-missing", q.to_string(),
                    held == 0
                        ? fmt::format("no government consultation was held in {}", q.to_string())
                        : fmt::format("{} of {} government consultations were held in {}", held,
                                      wanted, q.to_string())});
            }
        }
    }

    // Steering committee cadence, from the founding date to as_of.
    {
        const int max_days = rules.steering_committee_max_weeks_between * 7;
        const auto held = meetings_in_period(
            store, Period{alliance.founded.ok() ? alliance.founded : Date{}, as_of},
            "steering_committee", "held");
        Date previous = alliance.founded;
        std::string previous_id;
        for (const auto& s : held) {
            const int gap = days_between(previous, s.date);
            if (previous.ok() && gap > max_days) {
                out.push_back(Finding{
                    Severity::error, "committee-meeting-gap", s.meeting.id,
                    previous_id.empty() ? fmt::format("the first steering committee meeting was "
                                                      "held {} weeks after the alliance was "
                                                      "founded ({}); at most {} weeks are allowed",
                                                      gap / 7, format_date(previous),
                                                      rules.steering_committee_max_weeks_between)
                                        : fmt::format("{} weeks passed between the steering "
                                                      "committee meetings of {} ({}) and {}; at "
                                                      "most {} weeks are allowed",
                                                      gap / 7, format_date(previous), previous_id,
                                                      format_date(s.date),
                                                      rules.steering_committee_max_weeks_between)});
            }
            previous = s.date;
            previous_id = s.meeting.id;
        }
        if (previous.ok() && days_between(previous, as_of) > max_days) {
            out.push_back(Finding{
                Severity::error, "committee-meeting-gap", previous_id,
                previous_id.empty()
                    ? fmt::format("no steering committee meeting has been held since the alliance "
                                  "was founded ({}); one is due every {} weeks",
                                  format_date(previous), rules.steering_committee_max_weeks_between)
                    : fmt::format(
                          "no steering committee meeting has been held since {} ({} weeks); "
                          "one is due every {} weeks",
                          format_date(previous), days_between(previous, as_of) / 7,
                          rules.steering_committee_max_weeks_between)});
        }
    }

    // Records of past meetings, decisions without quorum.
    MeetingFilter past;
    past.until = Seconds{as_of_days + chr::days{1}};
    for (const auto& m : list_meetings(store, past)) {
        const Date date = m.local_date();
        if (chr::sys_days{date} > as_of_days) {
            continue;
        }
        const bool due = days_between(date, as_of) > rules.records_due_days;
        if (m.status == "scheduled" && due) {
            out.push_back(Finding{
                Severity::warning, "meeting-not-closed", m.id,
                fmt::format("the meeting of {} is still scheduled: mark it held, or cancel it",
                            format_date(date))});
        }
        if (m.status == "held" && due) {
            if (!m.attendance_at) {
                out.push_back(Finding{
                    Severity::error, "attendance-missing", m.id,
                    fmt::format("no attendance recorded for the meeting of {} ({} days allowed)",
                                format_date(date), rules.records_due_days)});
            }
            if (!m.minutes) {
                out.push_back(Finding{
                    Severity::error, "minutes-missing", m.id,
                    fmt::format("no minutes recorded for the meeting of {} ({} days allowed)",
                                format_date(date), rules.records_due_days)});
            }
        }
        for (const auto& d : decisions(store, m.id)) {
            if (!d.quorum.met) {
                out.push_back(Finding{
                    Severity::error, "decision-without-quorum",
                    fmt::format("{}#{}", m.id, d.number),
                    fmt::format("decision {} of {} was taken with {} of {} voting members present "
                                "({} needed for quorum)",
                                d.number, format_date(date), d.quorum.voting_present,
                                d.quorum.voting_invited, d.quorum.required)});
            }
        }
    }

    for (const auto& a : action_items_in_period(
                             store, Period{Date{chr::year{1970}, chr::January, chr::day{1}}, as_of})
                             .overdue) {
        out.push_back(
            Finding{Severity::warning, "action-item-overdue", a.id,
                    fmt::format("due {}{}: {}", format_date(*a.due),
                                a.owner().empty() ? "" : " (owner: " + a.owner() + ")", a.title)});
    }
    return out;
}

std::optional<std::map<std::string, Date>> working_group_meeting_dates(store::Store& store,
                                                                       Date as_of) {
    auto& db = store.db();
    if (db.execAndGet("SELECT EXISTS (SELECT 1 FROM meeting)").getInt() == 0) {
        return std::nullopt;
    }
    SQLite::Statement q(db,
                        "SELECT substr(body, 15), max(substr(starts_at, 1, 10)) FROM meeting "
                        "WHERE substr(body, 1, 14) = 'working_group:' AND status != 'cancelled' "
                        "AND status != 'postponed' AND substr(starts_at, 1, 10) <= ? GROUP BY body");
    store::bind(q, 1, as_of);
    std::map<std::string, Date> out;
    while (q.executeStep()) {
        out.emplace(q.getColumn(0).getString(), store::date(q.getColumn(1)));
    }
    return out;
}

}  // namespace nacsa::meetings
