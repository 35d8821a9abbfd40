// SPDX-License-Identifier: Apache-2.0
// The first page of the quarterly and annual reports: the key figures with the previous
// period's beside them, and what needs attention.
#include <fmt/format.h>

#include <algorithm>

#include "meetings/query.hpp"
#include "members/census.hpp"
#include "report/render_common.hpp"
#include "report/report.hpp"
#include "report/sections.hpp"

namespace nacsa::report::detail {

namespace {

const Figure* find_figure(const std::vector<Section>& sections, const std::string& key) {
    for (const auto& section : sections) {
        for (const auto& figure : section.figures) {
            if (figure.key == key) {
                return &figure;
            }
        }
    }
    return nullptr;
}

std::optional<std::int64_t> whole(const std::vector<Section>& sections, const std::string& key) {
    const auto* figure = find_figure(sections, key);
    if (figure == nullptr) {
        return std::nullopt;
    }
    if (const auto* n = std::get_if<std::int64_t>(&figure->value)) {
        return *n;
    }
    return std::nullopt;
}

// Indicators achieved or on track at the end of the period (the plan's indicator table).
std::optional<std::int64_t> indicators_on_track(const std::vector<Section>& sections) {
    for (const auto& section : sections) {
        for (const auto& table : section.tables) {
            if (table.key != "indicators") {
                continue;
            }
            const auto column = std::find_if(table.columns.begin(), table.columns.end(),
                                             [](const Column& c) { return c.key == "standing"; });
            if (column == table.columns.end()) {
                return std::nullopt;
            }
            const auto c = static_cast<std::size_t>(column - table.columns.begin());
            std::int64_t n = 0;
            for (const auto& row : table.rows) {
                const auto* standing = std::get_if<std::string>(&row[c]);
                n += standing != nullptr && (*standing == "achieved" || *standing == "on_track")
                         ? 1
                         : 0;
            }
            return n;
        }
    }
    return std::nullopt;
}

std::string signed_change(std::int64_t change, const Translator& tr) {
    if (change == 0) {
        return "=";
    }
    // U+2212 MINUS SIGN: a typographic minus, as the reports write numbers.
    return (change > 0 ? "+" : "\u2212") + tr.integer(change > 0 ? change : -change);
}

// The previous period's membership and meeting figures, counted as those sections count them
// but without building them (a register of 100,000 members takes half a second to list).
Section previous_counts(store::Store& store, const Period& previous,
                        const members::CensusCounts& members) {
    Section out;
    if (members.in_register > 0) {  // as membership_section: no figures for an empty register
        out.figures.push_back({"active_members", "", members.active});
        out.figures.push_back({"new_members", "", members.joined});
        out.figures.push_back({"withdrawals", "", members.withdrawals});
    }
    const auto held = meetings::held_by_kind(store, {previous.from, previous.to});
    std::int64_t total = 0;
    for (const auto& [kind, n] : held) {
        total += n;
    }
    const auto consultations = held.find("government_consultation");
    out.figures.push_back({"meetings_held", "", total});
    out.figures.push_back(
        {"government_consultations", "", consultations == held.end() ? 0 : consultations->second});
    return out;
}

}  // namespace

Period previous_period(const Period& period) {
    if (const auto q = Quarter::parse(period.label)) {
        return quarter_period(q->previous());
    }
    if (period.label.size() == 4) {
        return year_period(std::stoi(period.label) - 1);
    }
    const auto to = add_days(period.from, -1);
    return range_period(add_days(to, -days_between(period.from, period.to)), to);
}

Section summary_section(const Inputs& in, const std::vector<Section>& sections,
                        const members::CensusCounts& previous_members) {
    const auto& tr = in.tr;
    // The previous period as its own report read it: records dated up to its last day.
    const auto previous = previous_period(in.period);
    const Inputs before{in.store, in.alliance, tr, previous, in.period, previous.to};
    const std::vector<Section> earlier{previous_counts(in.store, previous, previous_members),
                                       plan_section(before)};

    const bool quarter = Quarter::parse(in.period.label).has_value();
    Section section{.key = "summary", .title = tr("At a glance")};
    Table figures{"key_figures",
                  tr("Key figures"),
                  {{"figure", tr("Key"), ValueKind::text, Personal::no, Shown::data_only},
                   {"label", tr("Figure")},
                   {"value", in.period.label, ValueKind::integer},
                   {"previous", previous.label, ValueKind::integer},
                   {"change", quarter ? tr("Change from the previous quarter")
                                      : tr("Change from the previous period")}},
                  {},
                  ""};
    const auto add = [&](const std::string& key, const std::string& label,
                         std::optional<std::int64_t> now, std::optional<std::int64_t> then) {
        if (!now && !then) {
            return;  // a figure neither period has (no plan yet)
        }
        figures.rows.push_back({key, label, now ? Value{*now} : Value{},
                                then ? Value{*then} : Value{},
                                now && then ? Value{signed_change(*now - *then, tr)} : Value{}});
    };
    for (const auto& [key, label] : std::vector<std::pair<std::string, std::string>>{
             {"active_members", tr("Active members at the end of the period")},
             {"new_members", tr("New members in the period")},
             {"withdrawals", tr("Withdrawals in the period")},
             {"meetings_held", tr("Meetings held")},
             {"government_consultations", tr("Government consultations held")},
             {"activities_completed", tr("Activities completed in the period")},
             {"activities_delayed", tr("Activities delayed")}}) {
        add(key, label, whole(sections, key), whole(earlier, key));
    }
    add("indicators_on_track", tr("Indicators achieved or on track"), indicators_on_track(sections),
        indicators_on_track(earlier));
    section.tables.push_back(std::move(figures));

    // What needs attention: the errors the sections found, said once per rule.
    for (const auto& s : sections) {
        for (const auto& line : grouped_findings(s.findings, tr)) {
            if (line.severity == output::Severity::error) {
                section.notes.push_back(line.text);
            }
        }
    }
    if (section.notes.empty()) {
        section.notes.push_back(tr(k_no_problem));
    }
    return section;
}

}  // namespace nacsa::report::detail
