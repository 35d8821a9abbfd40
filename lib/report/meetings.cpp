// SPDX-License-Identifier: Apache-2.0
#include <fmt/format.h>

#include <map>

#include "meetings/query.hpp"
#include "members/lookup.hpp"
#include "report/sections.hpp"

namespace nacsa::report::detail {

std::string meeting_kind_label(const std::string& kind, const Translator& tr) {
    const char* msgid = meetings::kind_msgid(kind);
    return msgid == nullptr ? kind : tr(msgid);
}

// A decision's outcome in the report's language.
std::string outcome_label(const Translator& tr, meetings::DecisionOutcome outcome) {
    switch (outcome) {
        case meetings::DecisionOutcome::adopted:
            return tr("adopted");
        case meetings::DecisionOutcome::rejected:
            return tr("rejected");
        case meetings::DecisionOutcome::deferred:
            return tr("deferred");
    }
    return meetings::outcome_name(outcome);
}

namespace {

std::vector<Quarter> quarters_within(const Period& period) {
    std::vector<Quarter> out;
    for (auto q = Quarter::containing(period.from); q.first_day() <= period.to; q = q.next()) {
        if (q.first_day() >= period.from && q.last_day() <= period.to) {
            out.push_back(q);
        }
    }
    return out;
}

// The government consultation of each quarter of the period: a note for each one held, and a
// note and an error finding for each quarter with fewer than the configuration asks. Returns
// how many were held. `held`: the meetings held in the period, in date order.
std::int64_t add_government_consultations(Section& section, const Inputs& in,
                                          const std::vector<meetings::MeetingSummary>& held) {
    const auto& tr = in.tr;
    const int required = in.alliance.meetings.government_consultations_per_quarter;
    std::int64_t consultations = 0;
    for (const auto& quarter : quarters_within(in.period)) {
        // As meetings::government_consultations(quarter) gives them, from the meetings already
        // summarised (each quarter lies within the period).
        std::vector<const meetings::MeetingSummary*> held_in_quarter;
        for (const auto& m : held) {
            if (m.meeting.kind == "government_consultation" && m.date >= quarter.first_day() &&
                m.date <= quarter.last_day()) {
                held_in_quarter.push_back(&m);
            }
        }
        consultations += static_cast<std::int64_t>(held_in_quarter.size());
        for (const auto* c : held_in_quarter) {
            section.notes.push_back(fmt::format(
                fmt::runtime(tr("The government consultation of {quarter} was held "
                                "on {date} ({meeting}).")),
                fmt::arg("quarter", quarter.to_string()), fmt::arg("date", tr.date(c->date)),
                fmt::arg("meeting", c->meeting.id)));
        }
        if (required > 0 && static_cast<int>(held_in_quarter.size()) < required) {
            const auto message = fmt::format(
                fmt::runtime(
                    tr("No government consultation was held in {quarter}: {held} held, {required} "
                       "required per quarter.")),
                fmt::arg("quarter", quarter.to_string()), fmt::arg("held", held_in_quarter.size()),
                fmt::arg("required", required));
            section.notes.push_back(message);
            section.findings.push_back({output::Severity::error, "missing-government-consultation",
                                        quarter.to_string(), message});
        }
    }
    return consultations;
}

// Meetings held per month of the period, every month shown.
Chart meetings_per_month(const Inputs& in, const std::vector<meetings::MeetingSummary>& held) {
    Chart chart{"meetings_per_month", in.tr("Meetings held per month"), {}, ValueKind::integer};
    std::map<std::pair<int, unsigned>, std::int64_t> months;
    for (auto d = Date{in.period.from.year(), in.period.from.month(), std::chrono::day{1}};
         d <= in.period.to; d = add_months(d, 1)) {
        months[{static_cast<int>(d.year()), static_cast<unsigned>(d.month())}] = 0;
    }
    for (const auto& m : held) {
        ++months[{static_cast<int>(m.date.year()), static_cast<unsigned>(m.date.month())}];
    }
    for (const auto& [month, n] : months) {
        chart.bars.push_back({in.tr.month_year(month.first, static_cast<int>(month.second)),
                              static_cast<double>(n)});
    }
    return chart;
}

Table meetings_by_kind(const Translator& tr, const std::vector<meetings::MeetingSummary>& held) {
    std::map<std::string, std::int64_t> by_kind;
    for (const auto& m : held) {
        ++by_kind[m.meeting.kind];
    }
    Table table{"meetings_by_kind",
                tr("Meetings held by kind"),
                {{"kind", tr("Key"), ValueKind::text, Personal::no, Shown::data_only},
                 {"label", tr("Kind")},
                 {"count", tr("Number"), ValueKind::integer}},
                {},
                tr("No meeting was held in this period.")};
    for (const auto& [kind, n] : by_kind) {
        table.rows.push_back({kind, meeting_kind_label(kind, tr), n});
    }
    return table;
}

Table meetings_held(const Translator& tr, const std::vector<meetings::MeetingSummary>& held) {
    Table table{"meetings_held",
                tr("Meetings held"),
                {{"date", tr("Date"), ValueKind::date},
                 {"meeting", tr("Meeting")},
                 {"title", tr("Title")},
                 {"kind", tr("Key"), ValueKind::text, Personal::no, Shown::data_only},
                 {"kind_label", tr("Kind")},
                 {"attendance_rate", tr("Attendance"), ValueKind::percent},
                 {"quorum_met", tr("Quorum")}},
                {},
                tr("No meeting was held in this period.")};
    for (const auto& m : held) {
        table.rows.push_back(
            {format_date(m.date), m.meeting.id, m.meeting.title, m.meeting.kind,
             meeting_kind_label(m.meeting.kind, tr),
             m.attendance_rate ? Value{*m.attendance_rate} : Value{},
             m.attendance_rate ? Value{m.quorum.met ? tr("Yes") : tr("No")} : Value{}});
    }
    return table;
}

Table decisions_taken(const Translator& tr, const std::vector<meetings::Decision>& decisions) {
    Table table{"decisions",
                tr("Decisions taken"),
                {{"meeting", tr("Meeting")},
                 {"number", tr("Number"), ValueKind::integer},
                 {"text", tr("Decision")},
                 {"outcome", tr("Outcome")},
                 {"votes_for", tr("For"), ValueKind::integer},
                 {"votes_against", tr("Against"), ValueKind::integer},
                 {"votes_abstain", tr("Abstentions"), ValueKind::integer}},
                {},
                tr("No decision was recorded in this period.")};
    const auto votes = [](const std::optional<int>& n) {
        return n ? Value{static_cast<std::int64_t>(*n)} : Value{};
    };
    for (const auto& d : decisions) {
        table.rows.push_back({d.meeting_id, static_cast<std::int64_t>(d.number), d.text,
                              outcome_label(tr, d.outcome), votes(d.tally.votes_for),
                              votes(d.tally.votes_against), votes(d.tally.votes_abstain)});
    }
    return table;
}

// Action items with their owners by name, as the committee tables show members.
Table action_items(const Inputs& in, const std::string& key, const std::string& title,
                   const std::vector<meetings::ActionItem>& items, const std::string& empty) {
    const auto& tr = in.tr;
    std::vector<std::string> ids;
    for (const auto& a : items) {
        if (a.owner_member) {
            ids.push_back(*a.owner_member);
        }
    }
    const auto names = members::member_refs(in.store, ids);
    Table table{key,
                title,
                {{"action_item", tr("Action item")},
                 {"title", tr("Title")},
                 {"owner_member", tr("Member")},
                 {"owner_person", tr("Person"), ValueKind::text, Personal::yes},
                 {"due", tr("Due"), ValueKind::date}},
                {},
                empty};
    for (const auto& a : items) {
        const auto name = a.owner_member ? names.find(*a.owner_member) : names.end();
        table.rows.push_back({a.id, a.title,
                              name != names.end() ? Value{name->second.name}
                              : a.owner_member    ? Value{*a.owner_member}
                                                  : Value{},
                              a.owner_person ? Value{*a.owner_person} : Value{},
                              a.due ? Value{format_date(*a.due)} : Value{}});
    }
    return table;
}

// Participants by sex (meeting participant add): in the meetings held, and in the
// capacity-building sessions among them, as UNODC and donors ask for it. Said once, in a note,
// when nobody's participation was recorded.
void add_participation(Section& section, const Inputs& in, const meetings::Period& period) {
    const auto& tr = in.tr;
    const auto all = meetings::participants_by_gender(in.store, period, std::nullopt);
    if (all.empty()) {
        section.notes.push_back(
            tr("No participant of the meetings held was recorded by name, so "
               "participation by sex cannot be given."));
        return;
    }
    add_gender(section, "participants_by_gender", tr("Participants of the meetings held by sex"),
               all, tr);
    const auto training =
        meetings::participants_by_gender(in.store, period, std::string("capacity_building"));
    if (!training.empty()) {
        add_gender(section, "capacity_building_participants_by_gender",
                   tr("Participants of capacity-building sessions by sex"), training, tr);
    }
}

}  // namespace

Section meetings_section(const Inputs& in) {
    const auto& tr = in.tr;
    Section section{.key = "meetings", .title = tr("Meetings")};
    const meetings::Period period{in.period.from, in.period.to};
    const auto held =
        meetings::meetings_in_period(in.store, period, std::nullopt, meetings::MeetingStatus::held);
    const auto decisions = meetings::decisions_in_period(in.store, period);
    const auto actions = meetings::action_items_in_period(in.store, period);
    const std::int64_t consultations = add_government_consultations(section, in, held);

    section.figures.push_back(
        {"meetings_held", tr("Meetings held"), static_cast<std::int64_t>(held.size())});
    section.figures.push_back(
        {"government_consultations", tr("Government consultations held"), consultations});
    section.figures.push_back(
        {"decisions", tr("Decisions taken"), static_cast<std::int64_t>(decisions.size())});
    section.figures.push_back({"action_items_opened", tr("Action items opened"),
                               static_cast<std::int64_t>(actions.opened.size())});
    section.figures.push_back({"action_items_closed", tr("Action items closed"),
                               static_cast<std::int64_t>(actions.closed.size())});
    section.figures.push_back({"action_items_overdue",
                               tr("Action items overdue at the end of the period"),
                               static_cast<std::int64_t>(actions.overdue.size())});
    section.charts.push_back(meetings_per_month(in, held));
    section.tables.push_back(meetings_by_kind(tr, held));
    section.tables.push_back(meetings_held(tr, held));
    section.tables.push_back(decisions_taken(tr, decisions));
    add_participation(section, in, period);
    section.tables.push_back(action_items(in, "action_items_opened", tr("Action items opened"),
                                          actions.opened,
                                          tr("No action item was opened in this period.")));
    section.tables.push_back(action_items(in, "action_items_closed", tr("Action items closed"),
                                          actions.closed,
                                          tr("No action item was closed in this period.")));
    section.tables.push_back(action_items(in, "action_items_overdue",
                                          tr("Action items overdue at the end of the period"),
                                          actions.overdue, tr("No action item is overdue.")));
    return section;
}

}  // namespace nacsa::report::detail
