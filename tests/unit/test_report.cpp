// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "core/embedded.hpp"
#include "core/error.hpp"
#include "fixture.hpp"
#include "i18n/i18n.hpp"
#include "report/render.hpp"
#include "report/report.hpp"

using namespace nacsa;
using namespace std::chrono;

namespace {

report::Report sample_report(const std::string& language) {
    report::Report r;
    r.kind = report::Kind::quarterly;
    r.title = "Quarterly report";
    r.alliance_name = "Alianza <Test> & Co";
    r.alliance_short_name = "AT";
    r.country_code = "CL";
    r.country = "Chile";
    r.language = language;
    r.period = report::quarter_period(Quarter{2026, 3});
    r.generated = Date{year{2026}, November, day{29}};
    r.as_of = r.period.to;
    report::Section s{
        .key = "membership", .title = "Membership", .notes = {"A note | with *stars*."}};
    s.figures.push_back({"active_members", "Active members", std::int64_t{1234}});
    s.charts.push_back({"members_by_region",
                        "By region",
                        {{"North", 3}, {"South", 0}},
                        report::ValueKind::integer});
    s.tables.push_back(
        {"people",
         "People",
         {{"member", "Member"},
          {"representative", "Representative", report::ValueKind::text, report::Personal::yes},
          {"share", "Share", report::ValueKind::percent},
          {"since", "Since", report::ValueKind::date}},
         {{std::string("=Org"), std::string("Ana Pérez"), 0.5, std::string("2026-12-03")}},
         ""});
    s.findings.push_back(
        {output::Severity::error, "no-government-consultation", "2026Q3", "No consultation."});
    r.sections.push_back(s);
    return r;
}

std::int64_t figure(const report::Section& section, const std::string& key) {
    for (const auto& f : section.figures) {
        if (f.key == key) {
            return std::get<std::int64_t>(f.value);
        }
    }
    FAIL("no figure " << key);
    return 0;
}

// A table's rows as (key column, count column) pairs.
std::map<std::string, std::int64_t> counts(const report::Section& section, const std::string& key,
                                           std::size_t count_column) {
    std::map<std::string, std::int64_t> out;
    for (const auto& table : section.tables) {
        if (table.key == key) {
            for (const auto& row : table.rows) {
                out[std::get<std::string>(row[0])] = std::get<std::int64_t>(row[count_column]);
            }
        }
    }
    return out;
}

}  // namespace

TEST_CASE("report membership: each member counts with its status on the period's last day") {
    testing::StoreFixture f;
    const std::vector<std::string> firearms{"firearms"};
    f.member("a", {.themes = {"untoc"}, .contacts = {{"Ana", "female"}, {"Luis", "male"}}});
    f.member("b", {.region = "valparaiso", .themes = {"untoc"}, .joined = "2026-08-01"});
    f.member("c", {.themes = firearms, .contacts = {{"Carla", "female"}}});
    f.status("c", "suspended", "2026-10-15");  // after the period: still active on its last day
    f.member("d", {.themes = firearms, .contacts = {{"Pedro", "male"}}});
    f.status("d", "withdrawn", "2026-09-15");
    f.member("e", {.themes = firearms, .joined = "2026-10-01"});  // joined after the period
    // Recorded today, after the period, and never joined.
    f.member("g", {.themes = firearms, .joined = "", .status = "applicant"});

    report::Options options;
    options.kind = report::Kind::membership;
    options.period = report::quarter_period(Quarter{2026, 3});
    options.today = testing::d("2026-12-04");
    const auto built = report::build(f.store(), options);
    REQUIRE(built.sections.size() == 1);
    const auto& section = built.sections[0];
    CHECK(figure(section, "active_members") == 3);
    CHECK(figure(section, "new_members") == 1);
    CHECK(figure(section, "withdrawals") == 1);
    CHECK(counts(section, "members_by_status", 2) ==
          std::map<std::string, std::int64_t>{
              {"applicant", 0}, {"active", 3}, {"suspended", 0}, {"withdrawn", 1}});
    CHECK(counts(section, "members_by_theme", 2).at("untoc") == 2);
    CHECK(counts(section, "members_by_theme", 2).at("firearms") == 1);
    CHECK(counts(section, "members_by_region", 2).at("valparaiso") == 1);
    const auto genders = counts(section, "contacts_by_gender", 2);
    CHECK(genders.at("female") == 2);
    CHECK(genders.at("male") == 1);  // Pedro's member had withdrawn

    // As known on 10 September: d had not withdrawn yet.
    options.as_of = testing::d("2026-09-10");
    const auto early = report::build(f.store(), options);
    CHECK(early.as_of == testing::d("2026-09-10"));
    CHECK(figure(early.sections[0], "active_members") == 4);
    CHECK(figure(early.sections[0], "withdrawals") == 0);
    options.as_of = testing::d("2026-06-30");
    CHECK_THROWS_AS((void)report::build(f.store(), options), UsageError);
    options.as_of.reset();

    // In 2026Q4 the suspension and the late joiner count, the applicant too (recorded today).
    options.period = report::quarter_period(Quarter{2026, 4});
    const auto later = report::build(f.store(), options).sections[0];
    CHECK(counts(later, "members_by_status", 2) ==
          std::map<std::string, std::int64_t>{
              {"applicant", 1}, {"active", 3}, {"suspended", 1}, {"withdrawn", 1}});
}

TEST_CASE("report catalogs are embedded and parsed") {
    CHECK(embedded::translations().size() == 2);
    CHECK(i18n::catalog("es").at("Membership") == "Membresía");
    CHECK(i18n::catalog("fr").at("Nothing to report.") == "Rien à signaler.");
    CHECK(i18n::catalog("de").empty());
    CHECK_THROWS(i18n::parse_mo("not a catalog"));
}

TEST_CASE("statuses and genders have labels in the report's language") {
    const i18n::Translator en("en");
    const i18n::Translator es("es");
    CHECK(i18n::status_label("applicant", en) == "Applicants");
    CHECK(i18n::status_label("withdrawn", es) == "Retirados");
    CHECK(i18n::status_label("unheard_of", en) == "unheard_of");
    CHECK(i18n::gender_label("female", es) == "Mujeres");
    CHECK(i18n::gender_label("non_binary", en) == "Non-binary");
    CHECK(i18n::gender_label("undisclosed", en) == "Not stated");
}

TEST_CASE("report dates are written in the report's language") {
    const Date d{year{2026}, December, day{3}};
    CHECK(i18n::Translator("en").date(d) == "3 December 2026");
    CHECK(i18n::Translator("es").date(d) == "3 de diciembre de 2026");
    CHECK(i18n::Translator("fr").date(d) == "3 décembre 2026");
    CHECK(i18n::Translator("fr").date(Date{year{2026}, July, day{1}}) == "1er juillet 2026");
    CHECK(i18n::Translator("es").month_year(2026, 8) == "agosto de 2026");
    CHECK(i18n::Translator("xx").language() == "en");
}

TEST_CASE(
    "report numbers: 1,234.5 in English, 1 234,5 with a narrow no-break space in Spanish and "
    "French") {
    const i18n::Translator en("en");
    const i18n::Translator es("es");
    const i18n::Translator fr("fr");
    CHECK(en.number(1234.5, 1) == "1,234.5");
    CHECK(es.number(1234.5, 1) == "1\u202f234,5");
    CHECK(fr.number(1234.5, 1) == "1\u202f234,5");
    CHECK(en.integer(1234567) == "1,234,567");
    CHECK(es.integer(999) == "999");
    CHECK(en.integer(-1234) == "-1,234");
    CHECK(en.number(-0.01, 1) == "0.0");
    CHECK(en.percent(0.455) == "45.5%");
    CHECK(fr.percent(0.455) == "45,5\u202f%");
    CHECK(es.country("CL") == "Chile");
    CHECK(fr.country("MX") == "Mexique");
}

TEST_CASE("report periods: quarters, years and the last completed quarter") {
    const auto q =
        report::default_period(report::Kind::quarterly, Date{year{2026}, November, day{29}});
    CHECK(q.label == "2026Q3");
    CHECK(format_date(q.from) == "2026-07-01");
    CHECK(format_date(q.to) == "2026-09-30");
    CHECK(
        report::default_period(report::Kind::quarterly, Date{year{2027}, January, day{1}}).label ==
        "2026Q4");
    CHECK(report::default_period(report::Kind::annual, Date{year{2027}, January, day{1}}).label ==
          "2026");
    CHECK(
        report::range_period(Date{year{2026}, January, day{1}}, Date{year{2026}, February, day{1}})
            .label == "2026-01-01/2026-02-01");
}

TEST_CASE("report Markdown escapes store text and formats values") {
    const auto md = report::render_markdown(sample_report("es"));
    CHECK(md.find("# Quarterly report\n") == 0);
    CHECK(md.find("**Alianza \\<Test\\> & Co** (AT)") != std::string::npos);
    CHECK(md.find("A note \\| with \\*stars\\*.") != std::string::npos);
    CHECK(md.find("- Active members: **1\u202f234**") != std::string::npos);
    CHECK(md.find("| =Org | Ana Pérez | 50,0\u202f% | 3 de diciembre de 2026 |") !=
          std::string::npos);
    CHECK(md.find("- **Error**: No consultation.") != std::string::npos);
    CHECK(md.find("- Registros al: 30 de septiembre de 2026\n- Generado el: 29 de noviembre de "
                  "2026\n") != std::string::npos);
    CHECK(md.back() == '\n');
}

TEST_CASE("report HTML is self-contained, escaped, with bar charts") {
    const auto html = report::render_html(sample_report("en"));
    CHECK(html.find("<!DOCTYPE html>\n<html lang=\"en\">") == 0);
    CHECK(html.find("Alianza &lt;Test&gt; &amp; Co") != std::string::npos);
    CHECK(html.find("<table class=\"bars\">") != std::string::npos);
    CHECK(html.find("<tr><th scope=\"row\">North</th><td class=\"bar\"><div class=\"bar\" "
                    "style=\"width: ") != std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("http://") == std::string::npos);
    CHECK(html.find("https://") == std::string::npos);
    CHECK(html.find("@page { size: A4;") != std::string::npos);
    CHECK(html.find("<td class=\"num\">50.0%</td>") != std::string::npos);
}

TEST_CASE("report redaction leaves personal columns out of every format") {
    auto r = sample_report("en");
    r.redacted = true;
    r.sections[0].tables[0].rows[0][1] = std::monostate{};
    CHECK_FALSE(r.names_people());
    CHECK(report::render_markdown(r).find("Representative") == std::string::npos);
    CHECK(report::render_html(r).find("Representative") == std::string::npos);
    CHECK(report::render_csv(r, "people", false) ==
          "member,share,since\r\n'=Org,0.5,2026-12-03\r\n");
    CHECK(sample_report("en").names_people());
}

TEST_CASE("report CSV picks one table and refuses unknown ones") {
    const auto r = sample_report("en");
    CHECK(report::render_csv(r, "people", false) ==
          "member,representative,share,since\r\n'=Org,Ana Pérez,0.5,2026-12-03\r\n");
    CHECK_THROWS_WITH(report::render_csv(r, "nope", false),
                      "--section: \"nope\" is not a table of this report (known: people)");
    CHECK(r.has_errors());
}
