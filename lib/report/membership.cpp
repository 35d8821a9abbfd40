#include <fmt/format.h>

#include <map>
#include <set>
#include <unordered_map>

#include "report/sections.hpp"

namespace nacsa::report::detail {

namespace {

constexpr const char* k_statuses[] = {"applicant", "active", "suspended", "withdrawn"};
constexpr const char* k_genders[] = {"female", "male", "non_binary", "undisclosed"};

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
            const auto it = counts.find(g);
            const std::int64_t n = it == counts.end() ? 0 : it->second;
            const double share = static_cast<double>(n) / static_cast<double>(total);
            table.rows.push_back({std::string(g), gender_label(g, tr), n, share});
            chart.bars.push_back({gender_label(g, tr), share});
        }
        section.charts.push_back(std::move(chart));
    }
    section.tables.push_back(std::move(table));
}

Section membership_section(const Inputs& in) {
    const auto& tr = in.tr;
    Section section{"membership", tr("Membership"), true, {}, {}, {}, {}, {}};
    auto& db = in.store.db();
    if (!has_table(db, "member")) {
        section.available = false;
        return section;
    }
    const auto from = format_date(in.period.from);
    const auto to = format_date(in.period.to);

    // Each member's status at the end of the period: the last status that took effect on or
    // before that day; members who joined later are left out, and so are those who never
    // joined and were not in the register yet (an applicant recorded after the period is not
    // a member at its end). "+m.sort_key": sorted, not read through the name index (see
    // list_members).
    SQLite::Statement members(db, R"(
        SELECT m.id, m.name, m.type, m.region, m.joined,
               COALESCE((SELECT h.status FROM member_status_history h
                          WHERE h.member_id = m.id AND h.date <= :to
                          ORDER BY h.date DESC, h.id DESC LIMIT 1),
                        CASE WHEN m.joined IS NOT NULL AND m.joined > :to THEN NULL
                             WHEN m.joined IS NULL
                                  THEN CASE WHEN substr(m.created_at, 1, 10) <= :to
                                            THEN 'applicant' END
                             WHEN EXISTS (SELECT 1 FROM member_status_history h
                                           WHERE h.member_id = m.id AND h.date > :to) THEN 'active'
                             ELSE m.status END)
          FROM member m ORDER BY +m.sort_key, m.id)");
    members.bind(":to", to);
    std::unordered_map<std::string, std::string> status_of;
    std::map<std::string, std::int64_t> by_status;
    std::map<std::string, std::int64_t> by_type;
    std::map<std::string, std::int64_t> by_region;
    std::int64_t active = 0;
    Table joined{"new_members",
                 tr("New members"),
                 {{"member", tr("Member")},
                  {"type", tr("Type")},
                  {"region", tr("Region")},
                  {"joined", tr("Joined"), ValueKind::date}},
                 {},
                 tr("No member joined in this period.")};
    while (members.executeStep()) {
        if (members.getColumn(5).isNull()) {
            continue;
        }
        const std::string id = members.getColumn(0).getString();
        const std::string status = members.getColumn(5).getString();
        status_of.emplace(id, status);
        ++by_status[status];
        const std::string type = members.getColumn(2).getString();
        const std::string region = members.getColumn(3).getString();
        if (status == "active") {
            ++active;
            ++by_type[type];
            ++by_region[region];
        }
        const std::string joined_on = members.getColumn(4).getString();
        if (!joined_on.empty() && joined_on >= from && joined_on <= to) {
            const auto* t = in.alliance.find_type(type);
            const auto* r = in.alliance.find_region(region);
            joined.rows.push_back({members.getColumn(1).getString(),
                                   t != nullptr ? t->labels.in(tr.language()) : type,
                                   r != nullptr ? Value{r->name} : Value{}, joined_on});
        }
    }

    Table withdrawn{"withdrawals",
                    tr("Withdrawals"),
                    {{"member", tr("Member")}, {"date", tr("Date"), ValueKind::date}},
                    {},
                    tr("No member withdrew in this period.")};
    SQLite::Statement left(db, R"(
        SELECT m.name, h.date FROM member_status_history h JOIN member m ON m.id = h.member_id
         WHERE h.status = 'withdrawn' AND h.date BETWEEN :from AND :to
         ORDER BY h.date, m.sort_key, h.id)");
    left.bind(":from", from);
    left.bind(":to", to);
    while (left.executeStep()) {
        withdrawn.rows.push_back({left.getColumn(0).getString(), left.getColumn(1).getString()});
    }

    std::map<std::string, std::int64_t> by_theme;
    SQLite::Statement themes(db, "SELECT member_id, theme FROM member_theme");
    while (themes.executeStep()) {
        const auto it = status_of.find(themes.getColumn(0).getString());
        if (it != status_of.end() && it->second == "active") {
            ++by_theme[themes.getColumn(1).getString()];
        }
    }
    std::map<std::string, std::int64_t> by_service;
    SQLite::Statement services(db, "SELECT member_id, service FROM member_service");
    while (services.executeStep()) {
        const auto it = status_of.find(services.getColumn(0).getString());
        if (it != status_of.end() && it->second == "active") {
            ++by_service[services.getColumn(1).getString()];
        }
    }
    std::map<std::string, std::int64_t> by_gender;
    SQLite::Statement contacts(db, "SELECT member_id, gender FROM contact WHERE erased_at IS NULL");
    while (contacts.executeStep()) {
        const auto it = status_of.find(contacts.getColumn(0).getString());
        if (it != status_of.end() && it->second == "active") {
            ++by_gender[contacts.getColumn(1).getString()];
        }
    }

    if (status_of.empty()) {
        section.notes.push_back(tr("The alliance had no members at the end of the period."));
        return section;
    }

    section.figures.push_back(
        {"active_members", tr("Active members at the end of the period"), active});
    section.figures.push_back({"new_members", tr("New members in the period"),
                               static_cast<std::int64_t>(joined.rows.size())});
    section.figures.push_back({"withdrawals", tr("Withdrawals in the period"),
                               static_cast<std::int64_t>(withdrawn.rows.size())});

    Table statuses{"members_by_status",
                   tr("Members by status at the end of the period"),
                   {{"status", tr("Key"), ValueKind::text, Personal::no, Shown::data_only},
                    {"label", tr("Status")},
                    {"count", tr("Number"), ValueKind::integer}},
                   {},
                   ""};
    for (const char* s : k_statuses) {
        const auto it = by_status.find(s);
        statuses.rows.push_back(
            {std::string(s), status_label(s, tr), it == by_status.end() ? 0 : it->second});
    }
    section.tables.push_back(std::move(statuses));
    section.tables.push_back(std::move(joined));
    section.tables.push_back(std::move(withdrawn));

    const auto& lang = tr.language();
    auto term_table = [&](const std::string& key, const std::string& title,
                          const std::string& column, const std::string& label_header,
                          const std::vector<config::Term>& terms,
                          const std::map<std::string, std::int64_t>& counts, bool chart) {
        Table table{key,
                    title,
                    {{column, tr("Key"), ValueKind::text, Personal::no, Shown::data_only},
                     {"label", label_header},
                     {"count", tr("Active members"), ValueKind::integer}},
                    {},
                    ""};
        Chart bars{key, title, {}, ValueKind::integer};
        for (const auto& term : terms) {
            const auto it = counts.find(term.key);
            const std::int64_t n = it == counts.end() ? 0 : it->second;
            table.rows.push_back({term.key, term.labels.in(lang), n});
            bars.bars.push_back({term.labels.in(lang), static_cast<double>(n)});
        }
        if (chart) {
            section.charts.push_back(std::move(bars));
        }
        section.tables.push_back(std::move(table));
    };
    term_table("members_by_type", tr("Active members by type of organisation"), "type", tr("Type"),
               in.alliance.organisation_types, by_type, false);

    Table regions{"members_by_region",
                  tr("Active members by region"),
                  {{"region", tr("Key"), ValueKind::text, Personal::no, Shown::data_only},
                   {"label", tr("Region")},
                   {"count", tr("Active members"), ValueKind::integer}},
                  {},
                  ""};
    Chart region_chart{"members_by_region", tr("Active members by region"), {}, ValueKind::integer};
    std::vector<std::string> empty_regions;
    for (const auto& region : in.alliance.regions) {
        const auto it = by_region.find(region.key);
        const std::int64_t n = it == by_region.end() ? 0 : it->second;
        regions.rows.push_back({region.key, region.name, n});
        region_chart.bars.push_back({region.name, static_cast<double>(n)});
        if (n == 0) {
            empty_regions.push_back(region.name);
        }
    }
    section.charts.push_back(std::move(region_chart));
    section.tables.push_back(std::move(regions));
    section.figures.push_back({"regions_without_members", tr("Regions with no active member"),
                               static_cast<std::int64_t>(empty_regions.size())});
    if (empty_regions.empty()) {
        section.notes.push_back(tr("Every region has at least one active member."));
    } else {
        std::string list;
        for (std::size_t i = 0; i < empty_regions.size(); ++i) {
            list += (i == 0 ? "" : ", ") + empty_regions[i];
        }
        section.notes.push_back(
            fmt::format(fmt::runtime(tr("Regions with no active member: {regions}.")),
                        fmt::arg("regions", list)));
    }

    term_table("members_by_theme", tr("Active members by thematic area"), "theme",
               tr("Thematic area"), in.alliance.thematic_areas, by_theme, true);
    term_table("members_by_service", tr("Active members by service"), "service", tr("Service"),
               in.alliance.services, by_service, false);
    add_gender(section, "contacts_by_gender", tr("Contacts of active members by gender"), by_gender,
               tr);
    return section;
}

}  // namespace nacsa::report::detail
