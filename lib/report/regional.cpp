// SPDX-License-Identifier: Apache-2.0
#include "report/regional.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "core/error.hpp"
#include "core/files.hpp"
#include "core/text.hpp"
#include "i18n/i18n.hpp"
#include "report/render_common.hpp"
#include "report/sections.hpp"

namespace nacsa::report {

namespace {

using Json = nlohmann::json;

// ---- reading a national report ----------------------------------------------------------

[[noreturn]] void invalid(const std::string& file, const std::string& field, Message message) {
    throw ValidationError(
        {Diagnostic{.file = file, .field = field, .message = std::move(message)}});
}

// The fields of one report, each read with its path for the messages ("alliance.country").
class Fields {
  public:
    explicit Fields(std::string file) : m_file(std::move(file)) {}

    [[nodiscard]] const Json& member(const Json& object, const std::string& key,
                                     const std::string& path) const {
        if (!object.is_object() || !object.contains(key)) {
            invalid(m_file, path, msg("missing: a report of nacsa report --format json has it"));
        }
        return object.at(key);
    }
    [[nodiscard]] std::string text(const Json& object, const std::string& key,
                                   const std::string& path) const {
        const auto& value = member(object, key, path);
        if (!value.is_string()) {
            invalid(m_file, path, msg("should be text"));
        }
        return value.get<std::string>();
    }
    [[nodiscard]] Date date(const Json& object, const std::string& key,
                            const std::string& path) const {
        const auto value = parse_date(text(object, key, path));
        if (!value) {
            invalid(m_file, path, msg("should be a date (YYYY-MM-DD)"));
        }
        return *value;
    }
    [[nodiscard]] std::int64_t count(const Json& object, const std::string& key,
                                     const std::string& path) const {
        const auto& value = member(object, key, path);
        if (!value.is_number_integer() || value.get<std::int64_t>() < 0) {
            invalid(m_file, path, msg("should be a whole number, 0 or more"));
        }
        return value.get<std::int64_t>();
    }
    [[nodiscard]] Value number(const Json& object, const std::string& key,
                               const std::string& path) const {
        const auto& value = member(object, key, path);
        if (value.is_null()) {
            return {};
        }
        if (!value.is_number()) {
            invalid(m_file, path, msg("should be a number or null"));
        }
        return value.get<double>();
    }
    [[nodiscard]] const Json& array(const Json& object, const std::string& key,
                                    const std::string& path) const {
        const auto& value = member(object, key, path);
        if (!value.is_array()) {
            invalid(m_file, path, msg("should be a list"));
        }
        return value;
    }

    [[nodiscard]] const std::string& file() const { return m_file; }

  private:
    std::string m_file;
};

Json parse(const std::string& file, const std::string& text) {
    try {
        return Json::parse(text);
    } catch (const Json::parse_error& e) {
        // The line and column of the byte where the parser stopped.
        const auto end = std::min<std::size_t>(e.byte > 0 ? e.byte - 1 : 0, text.size());
        const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(end), '\n');
        const auto start = text.rfind('\n', end == 0 ? 0 : end - 1);
        const auto column = start == std::string::npos ? end + 1 : end - start;
        throw ValidationError(
            {Diagnostic{.file = file,
                        .line = static_cast<int>(line),
                        .column = static_cast<int>(column),
                        .message = msg("not JSON: give a report of nacsa report quarterly or "
                                       "annual --format json")}});
    }
}

std::vector<NationalReport::Count> counts(const Fields& f, const Json& table,
                                          const std::string& key_column, const std::string& path) {
    std::vector<NationalReport::Count> out;
    const auto& rows = f.array(table, "rows", path + ".rows");
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto row_path = fmt::format("{}.rows[{}]", path, i);
        out.push_back({f.text(rows[i], key_column, fmt::format("{}.{}", row_path, key_column)),
                       f.text(rows[i], "label", row_path + ".label"),
                       f.count(rows[i], "count", row_path + ".count")});
    }
    return out;
}

std::vector<NationalReport::Indicator> indicators(const Fields& f, const Json& table,
                                                  const std::string& path) {
    std::vector<NationalReport::Indicator> out;
    const auto& rows = f.array(table, "rows", path + ".rows");
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto row_path = fmt::format("{}.rows[{}]", path, i);
        out.push_back({f.text(rows[i], "indicator", row_path + ".indicator"),
                       f.text(rows[i], "name", row_path + ".name"),
                       f.number(rows[i], "latest", row_path + ".latest"),
                       f.number(rows[i], "target", row_path + ".target"),
                       f.text(rows[i], "standing", row_path + ".standing")});
    }
    return out;
}

// The sections' whole-number figures, and the tables the regional report adds up.
void read_sections(const Fields& f, const Json& root, NationalReport& out) {
    const auto& sections = f.array(root, "sections", "sections");
    std::set<std::string> seen;
    for (std::size_t s = 0; s < sections.size(); ++s) {
        const auto path = fmt::format("sections[{}]", s);
        const auto key = f.text(sections[s], "key", path + ".key");
        seen.insert(key);
        const auto& figures = f.array(sections[s], "figures", path + ".figures");
        for (std::size_t i = 0; i < figures.size(); ++i) {
            const auto figure_path = fmt::format("{}.figures[{}]", path, i);
            const auto& value = f.member(figures[i], "value", figure_path + ".value");
            if (value.is_number_integer()) {
                out.figures[f.text(figures[i], "key", figure_path + ".key")] =
                    f.count(figures[i], "value", figure_path + ".value");
            }
        }
        const auto& tables = f.array(sections[s], "tables", path + ".tables");
        for (std::size_t i = 0; i < tables.size(); ++i) {
            const auto table_path = fmt::format("{}.tables[{}]", path, i);
            const auto table = f.text(tables[i], "key", table_path + ".key");
            if (table == "members_by_type") {
                out.by_type = counts(f, tables[i], "type", table_path);
            } else if (table == "members_by_theme") {
                out.by_theme = counts(f, tables[i], "theme", table_path);
            } else if (table == "committee_by_gender") {
                out.committee_by_gender = counts(f, tables[i], "gender", table_path);
            } else if (table == "indicators") {
                out.indicators = indicators(f, tables[i], table_path);
            }
        }
    }
    for (const char* key : {"membership", "governance", "meetings", "plan"}) {
        if (!seen.contains(key)) {
            invalid(f.file(), "sections",
                    msg("no {} section: give the whole quarterly or annual report, not one "
                        "section of it",
                        key));
        }
    }
}

}  // namespace

NationalReport read_national_report(const std::string& path) {
    const Json root = parse(path, files::read_text_file(path));
    const Fields f(path);
    if (!root.is_object() || !root.contains("report") || !root.contains("sections")) {
        invalid(path, "", msg("not a report of nacsa report quarterly or annual --format json"));
    }
    NationalReport out;
    out.file = path;
    const auto kind = f.text(root, "report", "report");
    if (kind != "quarterly" && kind != "annual") {
        invalid(path, "report",
                msg("\"{}\": the regional report adds up quarterly or annual reports", kind));
    }
    out.kind = kind == "annual" ? Kind::annual : Kind::quarterly;
    if (!root.contains("schema_version")) {
        invalid(path, "schema_version",
                msg("missing: the report was written by an older nacsa; write it again with "
                    "this one"));
    }
    if (const auto& version = root.at("schema_version");
        !version.is_number_integer() || version.get<std::int64_t>() != k_report_schema_version) {
        invalid(path, "schema_version",
                msg("{}: this nacsa reads reports of schema version {}", version.dump(),
                    k_report_schema_version));
    }
    const auto& alliance = f.member(root, "alliance", "alliance");
    out.alliance = f.text(alliance, "name", "alliance.name");
    out.short_name = f.text(alliance, "short_name", "alliance.short_name");
    out.country_code = f.text(alliance, "country", "alliance.country");
    if (out.country_code.size() != 2 ||
        !std::all_of(out.country_code.begin(), out.country_code.end(),
                     [](char c) { return c >= 'A' && c <= 'Z'; })) {
        invalid(path, "alliance.country", msg("should be an ISO 3166 country code, e.g. CL"));
    }
    out.language = f.text(root, "language", "language");
    const auto& period = f.member(root, "period", "period");
    out.period.label = f.text(period, "label", "period.label");
    out.period.from = f.date(period, "from", "period.from");
    out.period.to = f.date(period, "to", "period.to");
    read_sections(f, root, out);
    return out;
}

std::vector<std::string> national_report_files(const std::vector<std::string>& paths) {
    std::vector<std::string> out;
    for (const auto& path : paths) {
        std::error_code error;
        if (!std::filesystem::is_directory(path, error)) {
            out.push_back(path);
            continue;
        }
        std::vector<std::string> found;
        for (const auto& entry : std::filesystem::directory_iterator(path, error)) {
            if (entry.path().extension() == ".json" && !entry.is_directory()) {
                found.push_back(entry.path().string());
            }
        }
        if (error) {
            throw InputError(msg("cannot read the folder {}: {}", path, error.message()));
        }
        if (found.empty()) {
            throw InputError(msg("the folder {} has no .json report", path));
        }
        std::sort(found.begin(), found.end());
        out.insert(out.end(), found.begin(), found.end());
    }
    return out;
}

// ---- the regional report ------------------------------------------------------------------

namespace {

// The national reports in the order the regional report lists them, with the names it gives
// their countries.
struct Country {
    const NationalReport* report;
    std::string name;    // in the regional report's language
    std::string column;  // its key as a column: the code in lower case
};

void check_alike(const std::vector<NationalReport>& reports) {
    const auto& first = reports.front();
    std::map<std::string, const NationalReport*> countries;
    for (const auto& r : reports) {
        if (r.kind != first.kind) {
            invalid(r.file, "report",
                    msg("\"{}\", where {} has \"{}\": give reports of one kind", kind_name(r.kind),
                        first.file, kind_name(first.kind)));
        }
        if (r.period.from != first.period.from || r.period.to != first.period.to) {
            invalid(r.file, "period",
                    msg("period {} ({} to {}), where {} covers {} ({} to {}): give reports of one "
                        "period",
                        r.period.label, format_date(r.period.from), format_date(r.period.to),
                        first.file, first.period.label, format_date(first.period.from),
                        format_date(first.period.to)));
        }
        if (const auto [it, added] = countries.try_emplace(r.country_code, &r); !added) {
            invalid(r.file, "alliance.country",
                    msg("a second report for {}, after {}", r.country_code, it->second->file));
        }
    }
}

std::int64_t figure(const NationalReport& r, const std::string& key) {
    const auto it = r.figures.find(key);
    return it == r.figures.end() ? 0 : it->second;
}

// Rows by key across the countries: per country its count, and the total; the label from a
// report in the regional report's language when one has the key, else from the first that has
// it. Keys in the order the reports list them.
Table counts_by_country(const std::vector<Country>& countries, const std::string& language,
                        const Translator& tr, const std::string& key, const std::string& title,
                        const std::string& key_column, const std::string& label_header,
                        std::vector<NationalReport::Count> NationalReport::*list) {
    Table table{key, title, {}, {}, tr("Nothing to report.")};
    table.columns.push_back(
        {key_column, tr("Key"), ValueKind::text, Personal::no, Shown::data_only});
    table.columns.push_back({"label", label_header});
    for (const auto& c : countries) {
        table.columns.push_back({c.column, c.name, ValueKind::integer});
    }
    table.columns.push_back({"total", tr("Total"), ValueKind::integer});
    std::vector<std::string> keys;
    std::map<std::string, std::pair<std::string, bool>> labels;  // label, in the language
    for (const auto& c : countries) {
        for (const auto& count : (*c.report).*list) {
            const bool native = c.report->language == language;
            auto [it, added] = labels.try_emplace(count.key, count.label, native);
            if (added) {
                keys.push_back(count.key);
            } else if (native && !it->second.second) {
                it->second = {count.label, true};
            }
        }
    }
    for (const auto& k : keys) {
        std::vector<Value> row{k, labels[k].first};
        std::int64_t total = 0;
        for (const auto& c : countries) {
            std::int64_t n = 0;
            for (const auto& count : (*c.report).*list) {
                n += count.key == k ? count.count : 0;
            }
            row.emplace_back(n);
            total += n;
        }
        row.emplace_back(total);
        table.rows.push_back(std::move(row));
    }
    return table;
}

// A table with a row per country: its name and (for JSON and CSV) its code, then `columns`.
Table country_table(std::string key, std::string title, const Translator& tr,
                    std::vector<Column> columns, std::string empty_text = {}) {
    columns.insert(columns.begin(),
                   {{"country", tr("Country")},
                    {"country_code", tr("Key"), ValueKind::text, Personal::no, Shown::data_only}});
    return Table{std::move(key), std::move(title), std::move(columns), {}, std::move(empty_text)};
}

Section regional_alliances(const std::vector<Country>& countries, const Translator& tr) {
    Section section{.key = "alliances", .title = tr("Alliances")};
    Table table = country_table(
        "alliances", tr("Alliances and their key figures"), tr,
        {{"alliance", tr("Alliance")},
         {"language", tr("Language"), ValueKind::text, Personal::no, Shown::data_only},
         {"active_members", tr("Active members"), ValueKind::integer},
         {"net4u_members", tr("In NET4U"), ValueKind::integer},
         {"seats_held", tr("Committee seats held"), ValueKind::integer},
         {"meetings_held", tr("Meetings held"), ValueKind::integer},
         {"government_consultations", tr("Government consultations held"), ValueKind::integer}});
    Chart chart{"active_members_by_country", tr("Active members by country"), {}};
    std::map<std::string, std::int64_t> totals;
    const char* summed[] = {"active_members",
                            "net4u_members",
                            "seats_held",
                            "meetings_held",
                            "government_consultations",
                            "activities_completed",
                            "activities_delayed",
                            "review_contributions"};
    for (const auto& c : countries) {
        const auto& r = *c.report;
        table.rows.push_back(
            {c.name, r.country_code, r.short_name.empty() ? r.alliance : r.short_name, r.language,
             figure(r, "active_members"), figure(r, "net4u_members"), figure(r, "seats_held"),
             figure(r, "meetings_held"), figure(r, "government_consultations")});
        chart.bars.push_back({c.name, static_cast<double>(figure(r, "active_members"))});
        for (const char* key : summed) {
            totals[key] += figure(r, key);
        }
    }
    section.figures = {
        {"alliances", tr("Alliances reporting"), static_cast<std::int64_t>(countries.size())},
        {"active_members", tr("Active members at the end of the period"), totals["active_members"]},
        {"net4u_members", tr("Active members in a regional civil society network (NET4U)"),
         totals["net4u_members"]},
        {"seats_held", tr("Seats held at the end of the period"), totals["seats_held"]},
        {"government_consultations", tr("Government consultations held"),
         totals["government_consultations"]},
        {"activities_completed", tr("Activities completed in the period"),
         totals["activities_completed"]},
        {"activities_delayed", tr("Activities delayed"), totals["activities_delayed"]},
        {"review_contributions", tr("Contributions to the UNTOC review"),
         totals["review_contributions"]},
    };
    section.tables.push_back(std::move(table));
    section.charts.push_back(std::move(chart));
    return section;
}

Section regional_members(const std::vector<Country>& countries, const std::string& language,
                         const Translator& tr) {
    Section section{.key = "members", .title = tr("Members")};
    section.notes.push_back(
        tr("Types and thematic areas are each alliance's own; their names come from the "
           "alliances' reports."));
    section.tables.push_back(counts_by_country(countries, language, tr, "members_by_type",
                                               tr("Active members by type of organisation"), "type",
                                               tr("Type"), &NationalReport::by_type));
    section.tables.push_back(counts_by_country(countries, language, tr, "members_by_theme",
                                               tr("Active members by thematic area"), "theme",
                                               tr("Thematic area"), &NationalReport::by_theme));
    return section;
}

Section regional_committees(const std::vector<Country>& countries, const Translator& tr) {
    Section section{.key = "governance", .title = tr("Steering Committees")};
    auto by_country =
        counts_by_country(countries, tr.language(), tr, "committee_by_gender_by_country",
                          tr("Representatives on the committees by gender and country"), "gender",
                          tr("Gender"), &NationalReport::committee_by_gender);
    std::map<std::string, std::int64_t> totals;
    for (auto& row : by_country.rows) {
        const auto& key = std::get<std::string>(row[0]);
        row[1] = gender_label(key, tr);  // the regional report's words, not the reports'
        totals[key] = std::get<std::int64_t>(row.back());
    }
    detail::add_gender(section, "committee_by_gender",
                       tr("Representatives on the committees by gender"), totals, tr);
    section.tables.push_back(std::move(by_country));
    return section;
}

Section regional_consultations(const std::vector<Country>& countries, const Translator& tr) {
    Section section{.key = "consultations", .title = tr("Government consultations")};
    Table table = country_table(
        "government_consultations", tr("Government consultations by country"), tr,
        {{"government_consultations", tr("Government consultations held"), ValueKind::integer},
         {"meetings_held", tr("Meetings held"), ValueKind::integer}});
    for (const auto& c : countries) {
        const auto held = figure(*c.report, "government_consultations");
        table.rows.push_back(
            {c.name, c.report->country_code, held, figure(*c.report, "meetings_held")});
        if (held == 0) {
            section.findings.push_back(
                {output::Severity::warning, "no-government-consultation", c.report->country_code,
                 fmt::format(fmt::runtime(tr("No government consultation was held in {country} "
                                             "in this period.")),
                             fmt::arg("country", c.name))});
        }
    }
    if (section.findings.empty()) {
        section.notes.push_back(
            tr("Every alliance held a government consultation in this period."));
    }
    section.tables.push_back(std::move(table));
    return section;
}

std::string standing_label(const std::string& key, const Translator& tr) {
    static const std::map<std::string, const char*> labels = {
        {"on_track", N_("On track")},      {"at_risk", N_("At risk")},
        {"off_track", N_("Off track")},    {"achieved", N_("Achieved")},
        {"missed", N_("Missed")},          {"no_data", N_("No data")},
        {"not_started", N_("Not started")}};
    const auto it = labels.find(key);
    return it == labels.end() ? key : tr(it->second);
}

Section regional_plans(const std::vector<Country>& countries, const Translator& tr) {
    Section section{.key = "plan", .title = tr("Activity plans")};
    Table activities = country_table(
        "activities", tr("Activities and contributions to the UNTOC review"), tr,
        {{"activities_completed", tr("Activities completed in the period"), ValueKind::integer},
         {"activities_delayed", tr("Activities delayed"), ValueKind::integer},
         {"review_contributions", tr("Contributions to the UNTOC review"), ValueKind::integer}});
    Table indicators =
        country_table("indicators", tr("Indicators against targets"), tr,
                      detail::indicator_columns(tr), tr("No alliance reported an indicator."));
    for (const auto& c : countries) {
        const auto& r = *c.report;
        activities.rows.push_back({c.name, r.country_code, figure(r, "activities_completed"),
                                   figure(r, "activities_delayed"),
                                   figure(r, "review_contributions")});
        for (const auto& i : r.indicators) {
            indicators.rows.push_back({c.name, r.country_code, i.id, i.name, i.latest, i.target,
                                       i.standing, standing_label(i.standing, tr)});
        }
    }
    section.tables.push_back(std::move(activities));
    section.tables.push_back(std::move(indicators));
    return section;
}

}  // namespace

Report regional_report(const std::vector<NationalReport>& reports, const RegionalOptions& options) {
    if (reports.empty()) {
        throw UsageError(msg("report regional needs at least one report"));
    }
    check_alike(reports);
    const Translator tr(options.language);
    std::vector<Country> countries;
    for (const auto& r : reports) {
        std::string column = r.country_code;
        std::transform(column.begin(), column.end(), column.begin(),
                       [](char c) { return static_cast<char>(c - 'A' + 'a'); });
        countries.push_back({&r, tr.country(r.country_code), column});
    }
    std::sort(countries.begin(), countries.end(), [&](const Country& a, const Country& b) {
        return text::collation_key(a.name, tr.language()) <
               text::collation_key(b.name, tr.language());
    });
    Report report;
    report.kind = Kind::regional;
    report.title = reports.front().kind == Kind::annual ? tr("Regional annual report")
                                                        : tr("Regional quarterly report");
    report.alliance_name = options.network;
    report.language = tr.language();
    report.period = reports.front().period;
    report.generated = options.today;
    report.as_of = report.period.to;
    std::vector<std::string> names;
    names.reserve(countries.size());
    for (const auto& c : countries) {
        names.push_back(c.name);
    }
    report.meta = {{tr("Countries"), text::join(names, ", ")},
                   {tr("Period"), fmt::format("{} ({})", detail::period_text(report.period, tr),
                                              report.period.label)},
                   {tr("Generated on"), tr.date(options.today)}};
    report.sections.push_back(regional_alliances(countries, tr));
    report.sections.push_back(regional_members(countries, options.language, tr));
    report.sections.push_back(regional_committees(countries, tr));
    report.sections.push_back(regional_consultations(countries, tr));
    report.sections.push_back(regional_plans(countries, tr));
    return report;
}

}  // namespace nacsa::report
