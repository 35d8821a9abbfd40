// SPDX-License-Identifier: Apache-2.0
#include "governance/governance.hpp"

#include <fmt/format.h>

#include <map>

#include "core/text.hpp"
#include "report/sections.hpp"

namespace nacsa::report::detail {

namespace {

std::string result_label(governance::ElectionResult result, const Translator& tr) {
    switch (result) {
        case governance::ElectionResult::pending:
            return tr("Open");
        case governance::ElectionResult::elected:
            return tr("Elected");
        case governance::ElectionResult::tie:
            return tr("Tie");
        case governance::ElectionResult::quorum_not_reached:
            return tr("Quorum not reached");
        case governance::ElectionResult::no_majority:
            return tr("No majority");
        case governance::ElectionResult::no_votes:
            return tr("No votes");
    }
    return tr("Open");
}

std::string role_label(const config::Alliance& alliance, const std::string& role,
                       const std::string& lang) {
    const auto* r = alliance.find_role(role);
    return r != nullptr ? r->labels.in(lang) : role;
}

Table observers_table(const Inputs& in) {
    const auto& tr = in.tr;
    Table table{"observer",
                tr("Government observer"),
                {{"name", tr("Name"), ValueKind::text, Personal::yes},
                 {"institution", tr("Institution")},
                 {"since", tr("Since"), ValueKind::date}},
                {},
                tr("No government observer at the end of the period.")};
    for (const auto& o : governance::observers_as_of(in.store, in.period.to)) {
        table.rows.push_back(
            {o.name.empty() ? Value{} : Value{o.name}, o.institution, format_date(o.from)});
    }
    return table;
}

Table elections_table(const Inputs& in) {
    const auto& tr = in.tr;
    Table table{"elections",
                tr("Elections closed in the period"),
                {{"election", tr("Election"), ValueKind::integer},
                 {"role", tr("Key"), ValueKind::text, Personal::no, Shown::data_only},
                 {"role_label", tr("Role")},
                 {"closed_on", tr("Closed on"), ValueKind::date},
                 {"result", tr("Key"), ValueKind::text, Personal::no, Shown::data_only},
                 {"result_label", tr("Result")},
                 {"elected", tr("Elected")}},
                {},
                tr("No election was closed in this period.")};
    for (const auto& e : governance::list_elections(in.store, in.period.from, in.period.to)) {
        if (!e.closed_on || *e.closed_on < in.period.from || *e.closed_on > in.period.to) {
            continue;
        }
        std::string elected;
        for (const auto& c : e.candidates) {
            if (c.elected) {
                elected += (elected.empty() ? "" : ", ") + c.member_name;
            }
        }
        table.rows.push_back({e.id, e.role, role_label(in.alliance, e.role, tr.language()),
                              format_date(*e.closed_on), governance::result_name(e.result),
                              result_label(e.result, tr),
                              elected.empty() ? Value{} : Value{elected}});
    }
    return table;
}

// The committee check of lib/governance as of the last day of the period, its messages in the
// report's language.
std::vector<output::Finding> committee_check(const Inputs& in) {
    const auto& tr = in.tr;
    auto findings = governance::check_committee(in.store, in.period.to);
    const output::FindingLanguage language{
        tr.language(), [&](const std::string& msgid) { return tr(msgid); },
        [&](Date date) { return tr.date(date); }, [&](double share) { return tr.percent(share); }};
    for (auto& finding : findings) {
        finding.message = text::as_sentence(output::localized_message(finding, language));
    }
    return findings;
}

}  // namespace

Section governance_section(const Inputs& in) {
    const auto& tr = in.tr;
    const auto& lang = tr.language();
    Section section{.key = "governance", .title = tr("Governance")};
    const auto seats = governance::committee_as_of(in.store, in.period.to);
    Table committee{"committee",
                    tr("Steering Committee at the end of the period"),
                    {{"role", tr("Key"), ValueKind::text, Personal::no, Shown::data_only},
                     {"role_label", tr("Role")},
                     {"member", tr("Member")},
                     {"representative", tr("Representative"), ValueKind::text, Personal::yes},
                     {"term_end", tr("Term ends"), ValueKind::date}},
                    {},
                    tr("No seat of the Steering Committee was held at the end of the period.")};
    std::map<std::string, std::int64_t> genders;
    for (const auto& seat : seats) {
        committee.rows.push_back(
            {seat.role, role_label(in.alliance, seat.role, lang), seat.member_name,
             seat.representative.empty() ? Value{} : Value{seat.representative},
             format_date(seat.last_day())});
        ++genders[seat.gender.empty() ? "undisclosed" : seat.gender];
    }
    section.figures.push_back({"seats_held", tr("Seats held at the end of the period"),
                               static_cast<std::int64_t>(seats.size())});

    auto observers = observers_table(in);
    auto elections = elections_table(in);
    section.figures.push_back({"elections_closed", tr("Elections closed in the period"),
                               static_cast<std::int64_t>(elections.rows.size())});

    section.findings = committee_check(in);
    std::int64_t errors = 0;
    for (const auto& f : section.findings) {
        errors += f.severity == output::Severity::error ? 1 : 0;
    }
    section.figures.push_back({"committee_check_errors", tr("Committee check errors"), errors});
    section.notes.push_back(section.findings.empty()
                                ? tr("The committee check found no problem.")
                                : tr("The committee check found the problems listed below."));
    section.tables.push_back(std::move(committee));
    if (!seats.empty()) {
        add_gender(section, "committee_by_gender", tr("Committee representatives by gender"),
                   genders, tr);
    }
    section.tables.push_back(std::move(observers));
    section.tables.push_back(std::move(elections));
    return section;
}

}  // namespace nacsa::report::detail
