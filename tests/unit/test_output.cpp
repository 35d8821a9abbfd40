// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "core/error.hpp"
#include "core/message.hpp"
#include "core/text.hpp"
#include "i18n/i18n.hpp"
#include "output/findings.hpp"
#include "output/table.hpp"

using namespace nacsa::output;

namespace {

Table sample() {
    Table t{{{"id", "ID"},
             {"name", "NAME"},
             {"members", "MEMBERS", Align::right},
             {"themes", "THEMES"}},
            {}};
    t.add_row({std::string("ñuble"), std::string("Fundación Ñandú"), std::int64_t{7},
               std::vector<std::string>{"untoc", "firearms"}});
    t.add_row({std::string("tokyo"), std::string("東京の会"), std::int64_t{12},
               std::vector<std::string>{}});
    t.add_row({std::string("x"), Cell{}, std::int64_t{0}, std::vector<std::string>{"drugs"}});
    return t;
}

RenderOptions as(Format f, bool excel = false) {
    RenderOptions o;
    o.format = f;
    o.excel = excel;
    return o;
}

}  // namespace

TEST_CASE("table: columns aligned by display width, accents one column, CJK two") {
    CHECK(render(sample(), as(Format::table)) ==
          "ID     NAME             MEMBERS  THEMES\n"
          "ñuble  Fundación Ñandú        7  untoc, firearms\n"
          "tokyo  東京の会              12\n"
          "x                             0  drugs\n");
}

TEST_CASE("table: control characters in values are shown escaped, never sent to the terminal") {
    Table t{{{"name", "NAME"}, {"note", "NOTE"}}, {}};
    t.add_row({std::string("evil\x1b[31mred"), std::string("line1\nline2")});
    CHECK(render(t, as(Format::table)) ==
          "NAME             NOTE\nevil\\x1b[31mred  line1\\x0aline2\n");
}

TEST_CASE("table: bold header only when colour is on") {
    Table t{{{"a", "A"}}, {}};
    t.add_row({std::string("x")});
    RenderOptions o = as(Format::table);
    o.color = true;
    CHECK(render(t, o) == "\x1b[1mA\x1b[0m\nx\n");
}

TEST_CASE("json: an array of objects; null for empty cells, arrays for lists, numbers as numbers") {
    const auto j = nlohmann::json::parse(render(sample(), as(Format::json)));
    REQUIRE(j.is_array());
    REQUIRE(j.size() == 3);
    CHECK(j[0]["name"] == "Fundación Ñandú");
    CHECK(j[0]["members"] == 7);
    CHECK(j[0]["themes"] == nlohmann::json::array({"untoc", "firearms"}));
    CHECK(j[1]["themes"] == nlohmann::json::array());
    CHECK(j[2]["name"].is_null());
    CHECK(j[2].contains("name"));
    Table empty{{{"a", "A"}}, {}};
    CHECK(render(empty, as(Format::json)) == "[]\n");
    Table typed{{{"ok", "OK"}, {"share", "SHARE"}}, {}};
    typed.add_row({true, 0.25});
    const auto k = nlohmann::json::parse(render(typed, as(Format::json)));
    CHECK(k[0]["ok"] == true);
    CHECK(k[0]["share"] == 0.25);
}

TEST_CASE("text_cell and date_cell: null when there is nothing, so JSON says null") {
    CHECK(std::holds_alternative<std::monostate>(text_cell("")));
    CHECK(std::get<std::string>(text_cell("Lima")) == "Lima");
    CHECK(std::get<std::string>(text_cell(" ")) == " ");
    CHECK(std::holds_alternative<std::monostate>(date_cell(std::nullopt)));
    const nacsa::Date date{std::chrono::year{2026}, std::chrono::month{3}, std::chrono::day{5}};
    CHECK(std::get<std::string>(date_cell(date)) == "2026-03-05");
}

TEST_CASE("json_text: C1 controls escaped as \\u, other text left as it is") {
    using nacsa::output::json_text;
    CHECK(json_text(nlohmann::json("a\xc2\x85z"), -1) == "\"a\\u0085z\"");
    CHECK(json_text(nlohmann::json("\xc2\x9b"
                                   "31m\xc2\x80"),
                    -1) == "\"\\u009b31m\\u0080\"");
    // Characters that start with the same byte (no-break space, inverted question mark) stay.
    CHECK(json_text(nlohmann::json("\xc2\xa0\xc2\x9f\xc2\xbf"), -1) ==
          "\"\xc2\xa0\\u009f\xc2\xbf\"");
    CHECK(json_text(nlohmann::json("Fundación Ñandú"), -1) == "\"Fundación Ñandú\"");
}

TEST_CASE("csv: RFC 4180 quoting, CRLF, keys as header, lists joined with |") {
    Table t{{{"name", "NAME"}, {"note", "NOTE"}, {"themes", "THEMES"}}, {}};
    t.add_row({std::string("Paz, Ciudadana"), std::string("say \"hi\"\nbye"),
               std::vector<std::string>{"a", "b"}});
    t.add_row({std::string("plain"), Cell{}, std::vector<std::string>{}});
    CHECK(render(t, as(Format::csv)) ==
          "name,note,themes\r\n\"Paz, Ciudadana\",\"say \"\"hi\"\"\nbye\",a|b\r\nplain,,\r\n");
}

TEST_CASE("csv --excel: BOM and ';' between fields; ',' no longer needs quotes") {
    Table t{{{"name", "NAME"}, {"n", "N"}}, {}};
    t.add_row({std::string("Paz, Ciudadana"), std::string("a;b")});
    CHECK(render(t, as(Format::csv, true)) == "\xEF\xBB\xBFname;n\r\nPaz, Ciudadana;\"a;b\"\r\n");
}

TEST_CASE("csv: cells that a spreadsheet would run as formulas are neutralised") {
    CHECK(csv_field("=1+1", ',') == "'=1+1");
    CHECK(csv_field("+56 9 1234", ',') == "'+56 9 1234");
    CHECK(csv_field("-2", ',') == "'-2");
    CHECK(csv_field("@SUM(A1)", ',') == "'@SUM(A1)");
    CHECK(csv_field("\tx", ',') == "'\tx");
    CHECK(csv_field("\rx", ',') == "\"'\rx\"");
    CHECK(csv_field("=HYPERLINK(\"x\")", ',') == "\"'=HYPERLINK(\"\"x\"\")\"");
    CHECK(csv_field("a=b", ',') == "a=b");
    CHECK(csv_field("", ',') == "");
    // Text that already starts with ' before a formula character keeps it: one more ' goes in
    // front, and the importer takes exactly one away.
    CHECK(csv_field("'=1", ',') == "''=1");
    CHECK(csv_field("''+x", ',') == "'''+x");
    CHECK(csv_field("'hello", ',') == "'hello");
    CHECK(csv_field("'", ',') == "'");
    CHECK(formula_like("''-1"));
    CHECK_FALSE(formula_like("'a-1"));
    CHECK_FALSE(formula_like("''"));
}

TEST_CASE("render_record: one record as label: value lines, a JSON object, or one CSV row") {
    Table t{{{"id", "ID"}, {"name", "NAME"}, {"acronym", "ACRONYM"}}, {}};
    t.add_row({std::string("fpc"), std::string("Fundación Paz Ciudadana"), Cell{}});
    CHECK(render_record(t, as(Format::table)) ==
          "ID:      fpc\nNAME:    Fundación Paz Ciudadana\nACRONYM:\n");
    const auto j = nlohmann::json::parse(render_record(t, as(Format::json)));
    CHECK(j.is_object());
    CHECK(j["acronym"].is_null());
    CHECK(render_record(t, as(Format::csv)) ==
          "id,name,acronym\r\nfpc,Fundación Paz Ciudadana,\r\n");
    Table none{t.columns, {}};
    CHECK(render_record(none, as(Format::json)) == "null\n");
}

TEST_CASE("render_record: text on several lines and long lists take a line each") {
    Table t{{{"notes", "Notes"}, {"themes", "Themes"}, {"contacts", "Contacts"}}, {}};
    const std::vector<std::string> contacts = {
        "Carolina Fuentes Araya, Directora Ejecutiva <cfuentes@rutasseguras.cl.example>",
        "Matías Rojas Lillo <mrojas@rutasseguras.cl.example>"};
    t.add_row(
        {std::string("Uno\r\n\ndos\x1b[2J"), std::vector<std::string>{"drugs", "untoc"}, contacts});
    CHECK(
        render_record(t, as(Format::table)) ==
        "Notes:    Uno\n"
        "\n"                       // the blank line is kept; trailing spaces are not
        "          dos\\x1b[2J\n"  // each line still escaped
        "Themes:   drugs, untoc\n"
        "Contacts: Carolina Fuentes Araya, Directora Ejecutiva <cfuentes@rutasseguras.cl.example>\n"
        "          Matías Rojas Lillo <mrojas@rutasseguras.cl.example>\n");
    // CSV and JSON keep the value as it is.
    CHECK(render_record(t, as(Format::csv)).find("\"Uno\r\n\ndos") != std::string::npos);
}

TEST_CASE("cell_text: what people read") {
    CHECK(cell_text(Cell{}) == "");
    CHECK(cell_text(Cell{true}) == "yes");
    CHECK(cell_text(Cell{false}) == "no");
    CHECK(cell_text(Cell{0.5}) == "0.5");
    CHECK(cell_text(Cell{2.0}) == "2");
    CHECK(cell_text(Cell{std::int64_t{-3}}) == "-3");
    CHECK(cell_text(Cell{std::vector<std::string>{"a", "b"}}) == "a, b");
}

TEST_CASE("findings: errors first, then warnings, then notes; exit 1 only for errors") {
    std::vector<Finding> findings{{Severity::info, "note", "", "fyi"},
                                  {Severity::warning, "term-ending", "m1", "soon"},
                                  {Severity::error, "no-coordinator", "", "none"}};
    CHECK(has_errors(findings));
    CHECK_FALSE(has_errors({findings[0], findings[1]}));
    const auto table = findings_table(findings);
    REQUIRE(table.rows.size() == 3);
    CHECK(std::get<std::string>(table.rows[0][0]) == "error");
    CHECK(std::get<std::string>(table.rows[1][0]) == "warning");
    CHECK(std::get<std::string>(table.rows[2][0]) == "info");
    CHECK(std::holds_alternative<std::monostate>(table.rows[0][2]));
}

TEST_CASE("a finding's message is English, and another language fills its msgid") {
    using namespace nacsa::output;
    const Finding f =
        finding(Severity::warning, "term-ending", "m1",
                N_("the {role} term of {member} ends on {date}{note}"),
                {arg_labels("role", "coordinator", "coordinadora", "coordinatrice"),
                 arg("member", "m1"), arg_date("date", *nacsa::parse_date("2027-03-09")),
                 arg_phrase("note", N_(" ({n} days)"), "60")});
    CHECK(f.message == "the coordinator term of m1 ends on 2027-03-09 (60 days)");
    const FindingLanguage es{"es",
                             [](const std::string& msgid) {
                                 return msgid == " ({n} days)"
                                            ? std::string(" ({n} días)")
                                            : std::string(
                                                  "el mandato de {member} como {role} "
                                                  "termina el {date}{note}");
                             },
                             [](nacsa::Date) { return std::string("9 de marzo de 2027"); },
                             [](double) { return std::string("?"); }};
    CHECK(localized_message(f, es) ==
          "el mandato de m1 como coordinadora termina el 9 de marzo de 2027 (60 días)");

    const Finding shares =
        finding(Severity::error, "gender-balance", "", N_("female {share}{extra}"),
                {arg_share("share", 0.25), arg_phrase("extra", "")});
    CHECK(shares.message == "female 25%");
    const FindingLanguage fr{"fr", [](const std::string& msgid) { return msgid; },
                             [](nacsa::Date) { return std::string(); },
                             [](double share) { return std::to_string(share); }};
    CHECK(localized_message(shares, fr) == "female 0.250000");

    Finding plain{Severity::info, "rule", "", "written in its language", {}, {}};
    CHECK(localized_message(plain, fr) == "written in its language");
}

namespace {

// Widest line of a rendered table, in display columns.
std::size_t widest_line(const std::string& rendered) {
    std::size_t widest = 0;
    std::size_t start = 0;
    while (start < rendered.size()) {
        const auto end = rendered.find('\n', start);
        widest = std::max(widest, nacsa::text::display_width(rendered.substr(start, end - start)));
        start = end + 1;
    }
    return widest;
}

// ID always, NAME cut down to 10, REGION (a key, labelled) left out after PHONE.
Table fitting_sample() {
    Table t{{{"id", "ID"},
             {.key = "name", .header = "NAME", .min_width = 10},
             {.key = "region", .header = "REGION", .priority = 40, .label = Label::region},
             {.key = "phone", .header = "PHONE", .priority = 20},
             {.key = "n", .header = "N", .align = Align::right}},
            {}};
    t.add_row({std::string("a"), std::string("Fundación Ñandú del Norte Grande"),
               std::string("tarapaca"), std::string("+56 57 242 1180"), std::int64_t{7}});
    t.add_row({std::string("tokyo"), std::string("東京の会東京の会東京の会"), std::string("lima"),
               Cell{}, std::int64_t{12}});
    return t;
}

RenderOptions fit(std::size_t width) {
    RenderOptions o;
    o.width = width;
    o.label = [](Label kind, const std::string& key) {
        return kind == Label::region && key == "tarapaca" ? std::string("Tarapacá") : std::string();
    };
    return o;
}

}  // namespace

TEST_CASE("table fitting: no width, or --wide, shows every column whole") {
    const auto whole = render(fitting_sample(), fit(0));
    CHECK(whole.find("Fundación Ñandú del Norte Grande") != std::string::npos);
    CHECK(whole.find("+56 57 242 1180") != std::string::npos);
    auto wide = fit(20);
    wide.wide = true;
    CHECK(render(fitting_sample(), wide) == whole);
}

TEST_CASE("table fitting: labels shown for keys; an unknown key is shown as itself") {
    const auto shown = render(fitting_sample(), fit(0));
    CHECK(shown.find("Tarapacá") != std::string::npos);
    CHECK(shown.find("tarapaca") == std::string::npos);
    CHECK(shown.find("lima") != std::string::npos);
    // JSON and CSV keep the keys.
    auto json = fit(10);
    json.format = Format::json;
    CHECK(render(fitting_sample(), json).find("\"tarapaca\"") != std::string::npos);
    auto csv = fit(10);
    csv.format = Format::csv;
    const auto csv_text = render(fitting_sample(), csv);
    CHECK(csv_text.find("tarapaca") != std::string::npos);
    CHECK(csv_text.find("Fundación Ñandú del Norte Grande") != std::string::npos);
}

TEST_CASE(
    "table fitting: text is cut with … first, by display width, then columns leave by priority") {
    const auto whole_width = widest_line(render(fitting_sample(), fit(0)));
    // A little narrower: only NAME is cut, every column stays.
    const auto cut = render(fitting_sample(), fit(whole_width - 5));
    CHECK(widest_line(cut) <= whole_width - 5);
    CHECK(cut.find("PHONE") != std::string::npos);
    CHECK(cut.find("…") != std::string::npos);
    CHECK(cut.find("Fundación Ñandú del Norte… ") != std::string::npos);  // no space before …
    // Narrower than NAME at its minimum allows: PHONE (priority 20) goes before REGION (40).
    const auto narrow = render(fitting_sample(), fit(40));
    CHECK(widest_line(narrow) <= 40);
    CHECK(narrow.find("PHONE") == std::string::npos);
    CHECK(narrow.find("REGION") != std::string::npos);
    // Narrower still: REGION goes too; ID, NAME and N (k_always) stay, NAME cut to its minimum.
    const auto narrowest = render(fitting_sample(), fit(21));
    CHECK(narrowest ==
          "ID     NAME        N\n"
          "a      Fundación…   7\n"
          "tokyo  東京の会…   12\n");
    // Too narrow for what is always shown: the table overflows rather than lose more.
    CHECK(widest_line(render(fitting_sample(), fit(5))) == 21);
}

TEST_CASE("truncate_display: cuts by display width, never inside a character") {
    CHECK(truncate_display("Ñandú", 5) == "Ñandú");
    CHECK(truncate_display("Ñandúes", 5) == "Ñand…");
    CHECK(truncate_display("東京の会", 4) == "東…");
    CHECK(truncate_display("東京の会", 5) == "東京…");
    CHECK(truncate_display("abc", 0).empty());
}

TEST_CASE("a message is English as written and translated with its arguments") {
    using nacsa::Message;
    using nacsa::msg;
    const auto hint = msg("did you mean: {}?", "red-norte (Red Norte)");
    const auto m = msg("no member \"{}\" (an id, name or acronym; {})", "rn", hint);
    CHECK(m == "no member \"rn\" (an id, name or acronym; did you mean: red-norte (Red Norte)?)");
    CHECK(m.msgid() == "no member \"{}\" (an id, name or acronym; {})");
    // A translation may reorder the arguments; a nested message is translated too, a plain
    // text is not.
    const Message::Translate swapped = [](std::string_view id) {
        if (id == "no member \"{}\" (an id, name or acronym; {})") {
            return std::string("{1} / {0}");
        }
        return id == "did you mean: {}?" ? std::string("¿{}?") : std::string(id);
    };
    CHECK(m.text(swapped) == "¿red-norte (Red Norte)? / rn");
    CHECK(Message("50% {plain}").text(swapped) == "50% {plain}");
    // A translation whose placeholders do not fit gives the English text.
    CHECK(msg("{} of {}", 1, 2).text([](std::string_view) { return std::string("{5}"); }) ==
          "1 of 2");
    // Through the catalogs, and in an error that keeps what() in English.
    const nacsa::NotFoundError e(msg("out of memory"));
    CHECK(std::string(e.what()) == "out of memory");
    CHECK(nacsa::i18n::Translator("es").text(e.message()) == "memoria agotada");
    CHECK(nacsa::i18n::Translator("en").text(e.message()) == "out of memory");
}

TEST_CASE("table headers are translated in table format only") {
    Table t{{{"id", "ID"}, {"name", "NAME"}}, {{std::string("a"), std::string("b")}}};
    RenderOptions o;
    o.translate = [](const std::string& h) { return h == "NAME" ? std::string("NOMBRE") : h; };
    CHECK(render(t, o) == "ID  NOMBRE\na   b\n");
    CHECK(render_record(t, o) == "ID:     a\nNOMBRE: b\n");
    o.format = Format::csv;
    CHECK(render(t, o) == "id,name\r\na,b\r\n");
}
