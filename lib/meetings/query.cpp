// SPDX-License-Identifier: Apache-2.0
#include "meetings/query.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <utility>

#include "meetings/detail.hpp"
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

// What summarise() reads once for all the meetings it summarises: the bodies' members per body
// and day (a committee meeting's from the committee's seats that day), and the statement that
// counts a meeting's decisions.
class Summariser {
  public:
    explicit Summariser(store::Store& store)
        : store_(store),
          decisions_(store.db(), "SELECT count(*) FROM decision WHERE meeting_id = ?"),
          stored_(detail::stored_invitees_statement(store.db())) {}

    MeetingSummary operator()(Meeting m);

  private:
    const std::vector<DerivedInvitee>& derived(const Meeting& m, Date date) {
        auto key = std::pair(m.body, chr::sys_days{date});
        auto it = derived_.find(key);
        if (it == derived_.end()) {
            it = derived_
                     .emplace(std::move(key),
                              derive_invitees(store_, Body::parse(m.body).value_or(Body{}), date))
                     .first;
        }
        return it->second;
    }
    int decisions(const std::string& meeting_id) {
        decisions_.reset();
        decisions_.bind(1, meeting_id);
        return decisions_.executeStep() ? decisions_.getColumn(0).getInt() : 0;
    }

    store::Store& store_;
    SQLite::Statement decisions_;
    SQLite::Statement stored_;
    std::map<std::pair<std::string, chr::sys_days>, std::vector<DerivedInvitee>> derived_;
};

MeetingSummary Summariser::operator()(Meeting m) {
    auto& store = store_;
    MeetingSummary s;
    s.date = m.local_date();
    bool any = false;
    const auto list =
        detail::invitees_from(store, m, derived(m, s.date), WithRemoved::no, &stored_);
    for (const auto& i : list) {
        any = any || i.attendance.has_value();
        const bool came =
            i.attendance == Attendance::present || i.attendance == Attendance::represented;
        switch (i.role) {
            case InviteeRole::voting:
                ++s.voting_invited;
                s.present += i.attendance == Attendance::present ? 1 : 0;
                s.represented += i.attendance == Attendance::represented ? 1 : 0;
                s.excused += i.attendance == Attendance::excused ? 1 : 0;
                s.absent += i.attendance == Attendance::absent ? 1 : 0;
                break;
            case InviteeRole::observer:
                s.observers_present += came ? 1 : 0;
                break;
            case InviteeRole::guest:
                s.guests_present += came ? 1 : 0;
                break;
        }
    }
    if (any && s.voting_invited > 0) {
        s.attendance_rate = static_cast<double>(s.present + s.represented) / s.voting_invited;
    }
    s.quorum = quorum_of(store, m, list);
    s.decisions = decisions(m.id);
    s.meeting = std::move(m);
    return s;
}

}  // namespace

std::vector<MeetingSummary> meetings_in_period(store::Store& store, const Period& period,
                                               const std::optional<std::string>& kind,
                                               std::optional<MeetingStatus> status) {
    MeetingFilter filter;
    filter.kind = kind;
    filter.status = status;
    std::vector<MeetingSummary> out;
    Summariser summarise(store);
    for (auto& m : meetings_between(store, period, filter)) {
        out.push_back(summarise(std::move(m)));
    }
    return out;
}

std::vector<MeetingSummary> government_consultations(store::Store& store, const Quarter& quarter) {
    return meetings_in_period(store, Period{quarter.first_day(), quarter.last_day()},
                              std::string("government_consultation"), MeetingStatus::held);
}

std::map<std::string, std::int64_t> held_by_kind(store::Store& store, const Period& period) {
    MeetingFilter filter;
    filter.status = MeetingStatus::held;
    std::map<std::string, std::int64_t> out;
    for (const auto& m : meetings_between(store, period, filter)) {
        ++out[m.kind];
    }
    return out;
}

std::map<std::string, std::int64_t> participants_by_gender(store::Store& store,
                                                           const Period& period,
                                                           const std::optional<std::string>& kind) {
    MeetingFilter filter;
    filter.kind = kind;
    filter.status = MeetingStatus::held;
    // The participants() of each meeting, counted in SQL.
    SQLite::Statement q(store.db(),
                        "SELECT gender, count(*) FROM meeting_participant WHERE meeting_id = ? "
                        "GROUP BY gender");
    std::map<std::string, std::int64_t> out;
    for (const auto& m : meetings_between(store, period, filter)) {
        q.reset();
        q.bind(1, m.id);
        while (q.executeStep()) {
            out[q.getColumn(0).getString()] += q.getColumn(1).getInt64();
        }
    }
    return out;
}

std::vector<Decision> decisions_in_period(store::Store& store, const Period& period) {
    std::vector<Decision> out;
    // Most meetings record no decision: those are passed over with one statement reused.
    SQLite::Statement any(store.db(), "SELECT 1 FROM decision WHERE meeting_id = ? LIMIT 1");
    for (const auto& m : meetings_between(store, period, MeetingFilter{})) {
        any.reset();
        any.bind(1, m.id);
        if (!any.executeStep()) {
            continue;
        }
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
            (a.status == ActionStatus::open || (a.closed_on && chr::sys_days{*a.closed_on} > end));
        if (open_at_end && a.due && chr::sys_days{*a.due} < end) {
            out.overdue.push_back(a);
        }
    }
    return out;
}

std::vector<Meeting> scheduled_in_period(store::Store& store, const Period& period) {
    std::vector<Meeting> out;
    for (auto& m : meetings_between(store, period, MeetingFilter{})) {
        if (m.status == MeetingStatus::scheduled || m.status == MeetingStatus::postponed) {
            out.push_back(std::move(m));
        }
    }
    return out;
}

namespace {

using output::arg;
using output::arg_date;
using output::Finding;
using output::N_;
using output::Severity;

// government-consultation-missing: every quarter that started on or after the founding date and
// ended before as_of.
// Whether `date` is before the check's --since (an unset `since` limits nothing).
bool before_since(Date date, Date since) {
    return since.ok() && chr::sys_days{date} < chr::sys_days{since};
}

void check_consultations(store::Store& store, Date as_of, Date since, std::vector<Finding>& out) {
    const auto& alliance = store.alliance();
    const int per_quarter = alliance.meetings.government_consultations_per_quarter;
    if (per_quarter <= 0 || !alliance.founded.ok()) {
        return;
    }
    Quarter q = Quarter::containing(alliance.founded);
    if (q.first_day() != alliance.founded) {
        q = q.next();
    }
    const auto wanted = static_cast<std::size_t>(per_quarter);
    for (; chr::sys_days{q.last_day()} < chr::sys_days{as_of}; q = q.next()) {
        if (before_since(q.last_day(), since)) {
            continue;
        }
        const auto held = government_consultations(store, q).size();
        if (held < wanted) {
            out.push_back(
                held == 0
                    ? output::finding(Severity::error, "government-consultation-missing",
                                      q.to_string(),
                                      N_("no government consultation was held in {quarter}"),
                                      {arg("quarter", q.to_string())})
                    : output::finding(
                          Severity::error, "government-consultation-missing", q.to_string(),
                          N_("{held} of {wanted} government consultations were held in {quarter}"),
                          {arg("held", static_cast<std::int64_t>(held)),
                           arg("wanted", static_cast<std::int64_t>(wanted)),
                           arg("quarter", q.to_string())}));
        }
    }
}

// committee-meeting-gap: the held steering committee meetings, from the founding date to as_of.
// A span of days in weeks and days: "8 weeks and 4 days", "9 weeks", "1 week and 1 day"; in
// Spanish ("8 semanas y 4 días") and French ("8 semaines et 4 jours") for the finding's message.
struct SpanWords {
    const char* week;
    const char* weeks;
    const char* day;
    const char* days;
    const char* and_;
};

std::string span_text(int days, const SpanWords& words) {
    const int weeks = days / 7;
    const int rest = days % 7;
    const auto unit = [](int n, const char* one, const char* many) {
        return fmt::format("{} {}", n, n == 1 ? one : many);
    };
    if (rest == 0) {
        return unit(weeks, words.week, words.weeks);
    }
    if (weeks == 0) {
        return unit(rest, words.day, words.days);
    }
    return fmt::format("{} {} {}", unit(weeks, words.week, words.weeks), words.and_,
                       unit(rest, words.day, words.days));
}

output::FindingArg span_arg(int days) {
    return output::arg_labels("span", span_text(days, {"week", "weeks", "day", "days", "and"}),
                              span_text(days, {"semana", "semanas", "día", "días", "y"}),
                              span_text(days, {"semaine", "semaines", "jour", "jours", "et"}));
}

void check_committee_cadence(store::Store& store, Date as_of, Date since,
                             std::vector<Finding>& out) {
    const auto& alliance = store.alliance();
    const int max_weeks = alliance.meetings.steering_committee_max_weeks_between;
    const int max_days = max_weeks * 7;
    const auto held =
        meetings_in_period(store, Period{alliance.founded.ok() ? alliance.founded : Date{}, as_of},
                           std::string("steering_committee"), MeetingStatus::held);
    Date previous = alliance.founded;
    std::string previous_id;
    for (const auto& s : held) {
        const int gap = days_between(previous, s.date);
        if (previous.ok() && gap > max_days && !before_since(s.date, since)) {
            out.push_back(
                previous_id.empty()
                    ? output::finding(
                          Severity::error, "committee-meeting-gap", s.meeting.id,
                          N_("the first steering committee meeting was held {span} "
                             "after the alliance was founded ({founded}); at most "
                             "{max} weeks are allowed"),
                          {span_arg(gap), arg_date("founded", previous), arg("max", max_weeks)})
                    : output::finding(Severity::error, "committee-meeting-gap", s.meeting.id,
                                      N_("{span} passed between the steering committee meetings "
                                         "of {previous} ({previous_id}) and {date}; at most {max} "
                                         "weeks are allowed"),
                                      {span_arg(gap), arg_date("previous", previous),
                                       arg("previous_id", previous_id), arg_date("date", s.date),
                                       arg("max", max_weeks)}));
        }
        previous = s.date;
        previous_id = s.meeting.id;
    }
    if (previous.ok() && days_between(previous, as_of) > max_days) {
        out.push_back(
            previous_id.empty()
                ? output::finding(Severity::error, "committee-meeting-gap", previous_id,
                                  N_("no steering committee meeting has been held since the "
                                     "alliance was founded ({founded}); one is due every {max} "
                                     "weeks"),
                                  {arg_date("founded", previous), arg("max", max_weeks)})
                : output::finding(
                      Severity::error, "committee-meeting-gap", previous_id,
                      N_("no steering committee meeting has been held since {date} "
                         "({span}); one is due every {max} weeks"),
                      {arg_date("date", previous), span_arg(days_between(previous, as_of)),
                       arg("max", max_weeks)}));
    }
}

// meeting-not-closed, attendance-missing, minutes-missing: a past meeting's records, once they
// are due.
void check_records(const Meeting& m, Date date, Date as_of, int due_days,
                   std::vector<Finding>& out) {
    if (days_between(date, as_of) <= due_days) {
        return;
    }
    if (m.status == MeetingStatus::scheduled) {
        out.push_back(output::finding(
            Severity::warning, "meeting-not-closed", m.id,
            N_("the meeting of {date} is still scheduled: mark it held, or cancel it"),
            {arg_date("date", date)}));
    }
    if (m.status != MeetingStatus::held) {
        return;
    }
    if (!m.attendance_at) {
        out.push_back(output::finding(
            Severity::error, "attendance-missing", m.id,
            N_("no attendance recorded for the meeting of {date} ({days} days allowed)"),
            {arg_date("date", date), arg("days", due_days)}));
    }
    if (!m.minutes) {
        out.push_back(output::finding(
            Severity::error, "minutes-missing", m.id,
            N_("no minutes recorded for the meeting of {date} ({days} days allowed)"),
            {arg_date("date", date), arg("days", due_days)}));
    }
}

// decision-without-quorum.
void check_decisions(store::Store& store, const Meeting& m, Date date, std::vector<Finding>& out) {
    for (const auto& d : decisions(store, m.id)) {
        if (!d.quorum.met) {
            out.push_back(output::finding(
                Severity::error, "decision-without-quorum", fmt::format("{}#{}", m.id, d.number),
                N_("decision {number} of {date} was taken with {present} of {invited} voting "
                   "members present ({required} needed for quorum)"),
                {arg("number", d.number), arg_date("date", date),
                 arg("present", d.quorum.voting_present), arg("invited", d.quorum.voting_invited),
                 arg("required", d.quorum.required)}));
        }
    }
}

// The records and decisions of the meetings on or before as_of.
void check_past_meetings(store::Store& store, Date as_of, Date since, std::vector<Finding>& out) {
    const int due_days = store.alliance().meetings.records_due_days;
    MeetingFilter past;
    past.until = Seconds{chr::sys_days{as_of} + chr::days{1}};
    for (const auto& m : list_meetings(store, past)) {
        const Date date = m.local_date();
        if (chr::sys_days{date} > chr::sys_days{as_of} || before_since(date, since)) {
            continue;
        }
        check_records(m, date, as_of, due_days, out);
        check_decisions(store, m, date, out);
    }
}

// action-item-overdue.
void check_action_items(store::Store& store, Date as_of, Date since, std::vector<Finding>& out) {
    const Period all{Date{chr::year{1970}, chr::January, chr::day{1}}, as_of};
    for (const auto& a : action_items_in_period(store, all).overdue) {
        if (a.due && before_since(*a.due, since)) {
            continue;
        }
        out.push_back(a.owner().empty()
                          ? output::finding(Severity::warning, "action-item-overdue", a.id,
                                            N_("due {due}: {title}"),
                                            {arg_date("due", *a.due), arg("title", a.title)})
                          : output::finding(Severity::warning, "action-item-overdue", a.id,
                                            N_("due {due} (owner: {owner}): {title}"),
                                            {arg_date("due", *a.due), arg("owner", a.owner()),
                                             arg("title", a.title)}));
    }
}

}  // namespace

std::vector<output::Finding> check(store::Store& store, Date as_of, Date since) {
    std::vector<Finding> out;
    check_consultations(store, as_of, since, out);
    check_committee_cadence(store, as_of, since, out);
    check_past_meetings(store, as_of, since, out);
    check_action_items(store, as_of, since, out);
    return out;
}

std::optional<std::map<std::string, Date>> working_group_meeting_dates(store::Store& store,
                                                                       Date as_of) {
    auto& db = store.db();
    if (db.execAndGet("SELECT EXISTS (SELECT 1 FROM meeting)").getInt() == 0) {
        return std::nullopt;
    }
    SQLite::Statement q(
        db,
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

std::vector<Meeting> scheduled_as_known_on(store::Store& store, const Period& period,
                                           Date known_on) {
    const auto& zone = store.alliance().time_zone;
    const auto by_then = [&](const std::string& timestamp) {
        const auto t = parse_timestamp(timestamp);
        return t && chr::sys_days{to_local(*t, zone).date} <= chr::sys_days{known_on};
    };
    struct Known {
        std::string status;
        std::string starts_at;
        bool latest = true;  // no status change recorded after the day
    };
    SQLite::Statement q(store.db(),
                        "SELECT meeting_id, status, at, starts_at FROM meeting_status_history "
                        "ORDER BY meeting_id, id");
    std::map<std::string, Known> known;
    while (q.executeStep()) {
        const auto id = q.getColumn(0).getString();
        if (by_then(q.getColumn(2).getString())) {
            known[id] = Known{q.getColumn(1).getString(), q.getColumn(3).getString()};
        } else if (const auto it = known.find(id); it != known.end()) {
            it->second.latest = false;
        }
    }
    // Only the meetings still to come as known then are read.
    std::vector<std::string> to_come;
    for (const auto& [id, k] : known) {
        const auto status = parse_meeting_status(k.status);
        if (status &&
            (*status == MeetingStatus::scheduled || *status == MeetingStatus::postponed)) {
            to_come.push_back(id);
        }
    }
    std::vector<Meeting> out;
    for (auto& m : detail::meetings_by_id(store, to_come)) {
        const auto it = known.find(m.id);
        if (it == known.end()) {
            continue;  // not yet scheduled that day
        }
        const auto status = parse_meeting_status(it->second.status);
        if (!status ||
            (*status != MeetingStatus::scheduled && *status != MeetingStatus::postponed)) {
            continue;
        }
        // An edit of the start is in the history (as "moved") since this round; an older one is
        // not: the meeting as it stands holds when nothing was changed after the day, else the
        // start of its last recorded change then.
        if (!it->second.latest || !by_then(m.updated_at)) {
            const auto start = parse_timestamp(it->second.starts_at);
            if (!start) {
                continue;
            }
            m.starts_at = *start;
        }
        m.status = *status;
        if (in_period(m.local_date(), period)) {
            out.push_back(std::move(m));
        }
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Meeting& a, const Meeting& b) { return a.starts_at < b.starts_at; });
    return out;
}

}  // namespace nacsa::meetings
