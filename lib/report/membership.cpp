// SPDX-License-Identifier: Apache-2.0
#include <fmt/format.h>

#include <array>
#include <map>
#include <type_traits>

#include "members/census.hpp"
#include "report/sections.hpp"

namespace nacsa::report::detail {

namespace {

constexpr std::array k_statuses = {members::MemberStatus::applicant, members::MemberStatus::active,
                                   members::MemberStatus::suspended,
                                   members::MemberStatus::withdrawn};
constexpr std::array k_genders = {"female", "male", "non_binary", "undisclosed"};

using Counts = std::map<std::string, std::int64_t>;

template <typename Key>
std::int64_t count_of(const std::map<Key, std::int64_t>& counts,
                      const std::type_identity_t<Key>& key) {
    const auto it = counts.find(key);
    return it == counts.end() ? 0 : it->second;
}

Table new_members_table(const Inputs& in, const std::vector<members::MemberOnDate>& joined) {
    const auto& tr = in.tr;
    Table table{"new_members",
                tr("New members"),
                {{"member", tr("Member")},
                 {"type", tr("Type")},
                 {"region", tr("Region")},
                 {"joined", tr("Joined"), ValueKind::date}},
                {},
                tr("No member joined in this period.")};
    for (const auto& m : joined) {
        const auto* type = in.alliance.find_type(m.type);
        const auto* region = in.alliance.find_region(m.region);
        table.rows.push_back({m.name, type != nullptr ? type->labels.in(tr.language()) : m.type,
                              region != nullptr ? Value{region->name} : Value{}, m.joined});
    }
    return table;
}

Table withdrawals_table(const Translator& tr, const std::vector<members::Withdrawal>& withdrawals) {
    Table table{"withdrawals",
                tr("Withdrawals"),
                {{"member", tr("Member")}, {"date", tr("Date"), ValueKind::date}},
                {},
                tr("No member withdrew in this period.")};
    for (const auto& w : withdrawals) {
        table.rows.push_back({w.name, format_date(w.date)});
    }
    return table;
}

Table status_table(const Translator& tr,
                   const std::map<members::MemberStatus, std::int64_t>& counts) {
    Table table{"members_by_status",
                tr("Members by status at the end of the period"),
                {{"status", tr("Key"), ValueKind::text, Personal::no, Shown::data_only},
                 {"label", tr("Status")},
                 {"count", tr("Number"), ValueKind::integer}},
                {},
                ""};
    for (const auto status : k_statuses) {
        const std::string key(members::status_name(status));
        const auto it = counts.find(status);
        table.rows.push_back({key, status_label(key, tr), it == counts.end() ? 0 : it->second});
    }
    return table;
}

enum class WithChart { no, yes };

// Active members per entry of a configured list (type, thematic area, service), as a table and
// maybe a chart.
void add_term_counts(Section& section, const Translator& tr, const std::string& key,
                     const std::string& title, const std::string& column,
                     const std::string& label_header, const std::vector<config::Term>& terms,
                     const Counts& counts, WithChart with_chart) {
    Table table{key,
                title,
                {{column, tr("Key"), ValueKind::text, Personal::no, Shown::data_only},
                 {"label", label_header},
                 {"count", tr("Active members"), ValueKind::integer}},
                {},
                ""};
    Chart chart{key, title, {}, ValueKind::integer};
    for (const auto& term : terms) {
        const std::int64_t n = count_of(counts, term.key);
        table.rows.push_back({term.key, term.labels.in(tr.language()), n});
        chart.bars.push_back({term.labels.in(tr.language()), static_cast<double>(n)});
    }
    if (with_chart == WithChart::yes) {
        section.charts.push_back(std::move(chart));
    }
    section.tables.push_back(std::move(table));
}

// Active members per configured region (table and chart), and the regions that have none.
void add_regions(Section& section, const Inputs& in, const Counts& by_region) {
    const auto& tr = in.tr;
    Table table{"members_by_region",
                tr("Active members by region"),
                {{"region", tr("Key"), ValueKind::text, Personal::no, Shown::data_only},
                 {"label", tr("Region")},
                 {"count", tr("Active members"), ValueKind::integer}},
                {},
                ""};
    Chart chart{"members_by_region", tr("Active members by region"), {}, ValueKind::integer};
    std::vector<std::string> empty_regions;
    for (const auto& region : in.alliance.regions) {
        const std::int64_t n = count_of(by_region, region.key);
        table.rows.push_back({region.key, region.name, n});
        chart.bars.push_back({region.name, static_cast<double>(n)});
        if (n == 0) {
            empty_regions.push_back(region.name);
        }
    }
    section.charts.push_back(std::move(chart));
    section.tables.push_back(std::move(table));
    section.figures.push_back({"regions_without_members", tr("Regions with no active member"),
                               static_cast<std::int64_t>(empty_regions.size())});
    if (empty_regions.empty()) {
        section.notes.push_back(tr("Every region has at least one active member."));
    } else {
        section.notes.push_back(
            fmt::format(fmt::runtime(tr("Regions with no active member: {regions}.")),
                        fmt::arg("regions", fmt::join(empty_regions, ", "))));
    }
}

}  // namespace

// Counts by gender as a table and a chart (shares of the total).
void add_gender(Section& section, const std::string& key, const std::string& title,
                const std::map<std::string, std::int64_t>& counts, const Translator& tr) {
    std::int64_t total = 0;
    for (const auto& [g, n] : counts) {
        total += n;
    }
    Table table{key,
                title,
                {{"gender", tr("Key"), ValueKind::text, Personal::no, Shown::data_only},
                 {"label", tr("Gender")},
                 {"count", tr("Number"), ValueKind::integer},
                 {"share", tr("Share"), ValueKind::percent}},
                {},
                ""};
    Chart chart{key, title, {}, ValueKind::percent};
    if (total > 0) {
        for (const char* g : k_genders) {
            const std::int64_t n = count_of(counts, g);
            const double share = static_cast<double>(n) / static_cast<double>(total);
            table.rows.push_back({std::string(g), gender_label(g, tr), n, share});
            chart.bars.push_back({gender_label(g, tr), share});
        }
        section.charts.push_back(std::move(chart));
    }
    section.tables.push_back(std::move(table));
}

Section membership_section(const Inputs& in) {
    // Who was in the register at the end of the period, with the status they had that day
    // (members::census: the one "status on a date" rule).
    return membership_section(in, members::census(in.store, in.period.from, in.period.to));
}

Section membership_section(const Inputs& in, const members::Census& census) {
    const auto& tr = in.tr;
    Section section{.key = "membership", .title = tr("Membership")};
    if (census.in_register == 0) {
        section.notes.push_back(tr("The alliance had no members at the end of the period."));
        return section;
    }
    auto joined = new_members_table(in, census.joined);
    auto withdrawn = withdrawals_table(tr, census.withdrawals);

    section.figures.push_back({"active_members", tr("Active members at the end of the period"),
                               count_of(census.by_status, members::MemberStatus::active)});
    section.figures.push_back({"net4u_members",
                               tr("Active members in a regional civil society network (NET4U)"),
                               census.active_net4u});
    section.figures.push_back({"new_members", tr("New members in the period"),
                               static_cast<std::int64_t>(joined.rows.size())});
    section.figures.push_back({"withdrawals", tr("Withdrawals in the period"),
                               static_cast<std::int64_t>(withdrawn.rows.size())});
    section.tables.push_back(status_table(tr, census.by_status));
    section.tables.push_back(std::move(joined));
    section.tables.push_back(std::move(withdrawn));

    add_term_counts(section, tr, "members_by_type", tr("Active members by type of organisation"),
                    "type", tr("Type"), in.alliance.organisation_types, census.active_by_type,
                    WithChart::no);
    add_regions(section, in, census.active_by_region);
    add_term_counts(section, tr, "members_by_theme", tr("Active members by thematic area"), "theme",
                    tr("Thematic area"), in.alliance.thematic_areas, census.active_by_theme,
                    WithChart::yes);
    add_term_counts(section, tr, "members_by_service", tr("Active members by service"), "service",
                    tr("Service"), in.alliance.services, census.active_by_service, WithChart::no);
    add_gender(section, "contacts_by_gender", tr("Contacts of active members by gender"),
               census.active_contacts_by_gender, tr);
    return section;
}

}  // namespace nacsa::report::detail
