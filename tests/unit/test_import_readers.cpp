// SPDX-License-Identifier: Apache-2.0
// The JSON Lines and YAML readers of `member import`: records built from the parsers' events
// (lib/members/import_events.hpp), with the problems a parsed record would have, where it
// would have them. The rows of a CSV file, split without libcsv where a line is plain.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "members/import.hpp"
#include "members/import_csv_rows.hpp"
#include "members/import_reader.hpp"
#include "temp_dir.hpp"

using namespace nacsa;
using namespace nacsa::members;
using namespace nacsa::members::detail;

namespace {

struct Read {
    std::vector<SourceRecord> records;
    std::vector<Diagnostic> problems;  // of the file
};

Read read(const std::string& name, const std::string& content, bool keep_records = false) {
    nacsa::testing::TempDir dir;
    const auto path = (dir / name).string();
    std::ofstream(path, std::ios::binary) << content;
    ImportOptions options;
    if (keep_records) {
        options.rejects = (dir / "rejects.jsonl").string();
    }
    const auto reader = name.ends_with(".yaml") ? yaml_reader(name, path, options)
                                                : json_lines_reader(name, path, options);
    Read out;
    SourceRecord record;
    while (reader->next(record)) {
        out.records.push_back(std::move(record));
        record = SourceRecord{};
    }
    out.problems = reader->problems;
    return out;
}

const std::string k_known_member_fields =
    "(known: id, name, acronym, type, region, city, website, email, phone, thematic_areas, "
    "services, joined, status, interest, ecosoc_status, net4u, notes, contacts)";
const std::string k_known_contact_fields =
    "(known: name, position, email, phone, gender, primary, consent)";

std::vector<std::string> texts(const SourceRecord& record) {
    std::vector<std::string> out;
    for (const auto& p : record.problems) {
        out.push_back(p.to_string());
    }
    return out;
}

}  // namespace

TEST_CASE("a JSON Lines record goes straight into the member's fields, contacts included") {
    const auto r =
        read("m.jsonl", R"({"id": "uno", "name": "Caf\u00e9 Uno", "type": "ngo", "net4u": true, )"
                        R"("thematic_areas": ["drugs", " firearms "], "services": "a | b", )"
                        R"("contacts": [{"name": "Ana", "primary": "sí"}, {"email": "b@c.cl"}]})"
                        "\n");
    REQUIRE(r.records.size() == 1);
    const auto& rec = r.records[0];
    CHECK(rec.problems.empty());
    CHECK(rec.value.is_null());  // no tree without a rejects file
    REQUIRE(rec.input);
    CHECK(rec.input->name == "Café Uno");
    CHECK(rec.input->net4u == true);
    CHECK(rec.input->thematic_areas == std::vector<std::string>{"drugs", "firearms"});
    CHECK(rec.input->services == std::vector<std::string>{"a", "b"});
    REQUIRE(rec.input->contacts);
    REQUIRE(rec.input->contacts->size() == 2);
    CHECK((*rec.input->contacts)[0].primary == true);
    CHECK((*rec.input->contacts)[1].email == "b@c.cl");
}

TEST_CASE("a JSON Lines record is kept whole for a rejects file, and when it is not an object") {
    const auto r =
        read("m.jsonl", "{\"name\": \"X\", \"b\": [1, {\"c\": null}]}\n[1, \"a\"]\n", true);
    REQUIRE(r.records.size() == 2);
    CHECK(r.records[0].value.dump() == R"({"name":"X","b":[1,{"c":null}]})");
    CHECK(r.records[1].value.dump() == R"([1,"a"])");
    CHECK_FALSE(r.records[1].input);
    const auto plain = read("m.jsonl", "\"text\"\n");
    CHECK(plain.records[0].value == "text");
}

TEST_CASE("JSON Lines: long strings are read 16 bytes at a time up to each quote or escape") {
    // Escapes and the closing quote before, at and after the 16th byte of a run, and UTF-8
    // (bytes from 0x80 on are plain text, not control characters).
    for (const std::size_t at : {0, 1, 14, 15, 16, 17, 31, 32, 33}) {
        const std::string head(at, 'x');
        const auto r =
            read("m.jsonl", fmt::format(R"({{"name": "{0}\"Ñandú\" Café de Valparaíso y )"
                                        R"(Más Allá", "notes": "{0}\\", "type": "ngo"}})"
                                        "\n",
                                        head));
        REQUIRE(r.records.size() == 1);
        CAPTURE(at);
        REQUIRE(r.records[0].input);
        CHECK(r.records[0].input->name == head + "\"Ñandú\" Café de Valparaíso y Más Allá");
        CHECK(r.records[0].input->notes == head + "\\");
        CHECK(r.records[0].input->type == "ngo");
        // A tab or another control character as such inside a string is not JSON, wherever
        // it is.
        for (const char control : {'\t', '\x01', '\x1f'}) {
            const auto bad =
                read("m.jsonl", fmt::format(R"({{"name": "{}Red{}Paz de Valparaíso y Más Allá"}})"
                                            "\n",
                                            head, control));
            REQUIRE(bad.records.size() == 1);
            CHECK_FALSE(bad.records[0].input);
            REQUIRE_FALSE(texts(bad.records[0]).empty());
            CHECK(texts(bad.records[0])[0].find("invalid JSON") != std::string::npos);
        }
    }
}

TEST_CASE("JSON Lines: unknown fields, wrong types and repeated keys, in the order of the record") {
    const auto r =
        read("m.jsonl", R"({"name": "X", "region": 5, "colour": "red", "net4u": [1, {"a": 2}], )"
                        R"("thematic_areas": ["a", 3], "contacts": [7, {"name": "A", "foo": 1, )"
                        R"("primary": 2.5}], "region": "maule"})"
                        "\n");
    REQUIRE(r.records.size() == 1);
    const auto& rec = r.records[0];
    // The region's later value replaces the earlier one, and what was wrong with it.
    CHECK(rec.input->region == "maule");
    CHECK(texts(rec) ==
          std::vector<std::string>{
              "m.jsonl:1: field \"region\": is given twice",
              "m.jsonl:1: field \"colour\": unknown field " + k_known_member_fields,
              R"(m.jsonl:1: field "net4u": [1,{"a":2}] is not yes or no (true or false))",
              "m.jsonl:1: field \"thematic_areas\": expected a list of keys",
              "m.jsonl:1: field \"contacts[1]\": expected a contact (name: ...)",
              "m.jsonl:1: field \"contacts[2].foo\": unknown field " + k_known_contact_fields,
              R"(m.jsonl:1: field "contacts[2].primary": 2.5 is not yes or no (true or false))"});
    CHECK_FALSE(rec.input->thematic_areas);
    REQUIRE(rec.input->contacts->size() == 1);  // the 7 is not a contact
}

TEST_CASE("JSON Lines: a repeated key deep inside a value, nesting and syntax errors") {
    auto r = read("m.jsonl", R"({"name": "X", "notes": {"a": [{"b": 1, "b": 2}]}})"
                             "\n");
    CHECK(texts(r.records[0])[0] == "m.jsonl:1: field \"b\": is given twice");
    r = read("m.jsonl", "{\"name\": \"X\", \"notes\": " + std::string(70, '[') + "\n");
    CHECK(texts(r.records[0]) ==
          std::vector<std::string>{"m.jsonl:1:87: nests deeper than 64 levels; a member "
                                   "record needs 3"});
    r = read("m.jsonl", "{\"name\": \"X\", \"region\": 5, \"type\": }\n");
    CHECK(texts(r.records[0]) ==
          std::vector<std::string>{"m.jsonl:1:36: invalid JSON: syntax error while parsing value - "
                                   "unexpected '}'; expected '[', '{', or a literal"});
    CHECK_FALSE(r.records[0].input);  // nothing of a line that does not parse
    CHECK(r.records[0].text == "{\"name\": \"X\", \"region\": 5, \"type\": }");
    // Escapes the quick reader leaves to nlohmann's: the same result.
    r = read("m.jsonl", R"({"name": "\ud83d\ude00 \u0041\/", "notes": "\ud800"})"
                        "\n");
    CHECK(texts(r.records[0])[0].starts_with("m.jsonl:1:"));
    CHECK(texts(r.records[0])[0].find("invalid JSON") != std::string::npos);
}

TEST_CASE("a YAML record locates each field, also in contacts and when a field is missing") {
    const auto r = read("m.yaml",
                        "- name: Uno\n"
                        "  type: ngo\n"
                        "  colour: red\n"
                        "  contacts:\n"
                        "    - name: Ana\n"
                        "      email: x\n"
                        "      foo: 1\n"
                        "    - email: y\n");
    REQUIRE(r.records.size() == 1);
    const auto& rec = r.records[0];
    CHECK(texts(rec) ==
          std::vector<std::string>{
              "m.yaml:3:11: field \"colour\": unknown field " + k_known_member_fields,
              "m.yaml:7:12: field \"contacts[1].foo\": unknown field " + k_known_contact_fields});
    const auto reader_name = std::string("m.yaml");
    nacsa::testing::TempDir dir;
    const auto path = (dir / "m.yaml").string();
    std::ofstream(path) << "- name: Uno\n  contacts:\n    - name: Ana\n      email: x\n    - {}\n";
    const auto reader = yaml_reader(reader_name, path, ImportOptions{});
    SourceRecord record;
    REQUIRE(reader->next(record));
    const auto at = [&](const std::string& field) {
        const auto d = reader->locate(record, field);
        return std::pair{d.line, d.column};
    };
    CHECK(at("name") == std::pair{1, 9});
    CHECK(at("contacts[1].email") == std::pair{4, 14});
    // Missing: the contact, or the record.
    CHECK(at("contacts[2].name") == std::pair{5, 7});
    CHECK(at("type") == std::pair{1, 0});
}

TEST_CASE("YAML: repeated keys, aliases, wrong types and nesting") {
    auto r = read("m.yaml",
                  "- name: Uno\n"
                  "  region: [a]\n"
                  "  type: ngo\n"
                  "  region: maule\n"
                  "  net4u: {a: 1}\n"
                  "  acronym: *x\n");
    REQUIRE(r.records.size() == 1);
    CHECK(texts(r.records[0]) ==
          std::vector<std::string>{
              "m.yaml:4:3: field \"region\": is given twice",
              "m.yaml:6:12: field \"acronym\": aliases (*name) are not supported in member files",
              "m.yaml:5:10: field \"net4u\": {\"a\":\"1\"} is not yes or no (true or false)"});
    CHECK_FALSE(r.records[0].input->acronym);
    r = read("m.yaml",
             "- &r\n"
             "  name: Uno\n"
             "  region: [a]\n"
             "  type: ngo\n"
             "  region: maule\n"
             "  net4u: {a: [1, ~]}\n"
             "  contacts:\n"
             "    - name: A\n"
             "      name: B\n"
             "- *r\n"
             "- just text\n");
    REQUIRE(r.records.size() == 3);
    CHECK(r.records[0].input->region == "maule");
    CHECK((*r.records[0].input->contacts)[0].name == "B");
    CHECK(
        texts(r.records[0]) ==
        std::vector<std::string>{
            "m.yaml:5:3: field \"region\": is given twice",
            "m.yaml:9:7: field \"contacts[1].name\": is given twice",
            "m.yaml:6:10: field \"net4u\": {\"a\":[\"1\",null]} is not yes or no (true or false)"});
    CHECK(texts(r.records[1]) ==
          std::vector<std::string>{
              "m.yaml:10:3: expected a member record (a mapping of field: value)",
              "m.yaml:10:3: aliases (*name) are not supported in member files"});
    CHECK_FALSE(r.records[1].input);
    CHECK(r.records[2].value.is_null());  // read for its problems only
    r = read("m.yaml", "- name: Uno\n  notes: {a: {b: {c: {d: {e: {f: 1}}}}}}\n");
    CHECK(r.records.empty());
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].to_string() == "m.yaml:2:34: the record is nested too deeply");
}

TEST_CASE("YAML records keep their value for a rejects file only") {
    const std::string text = "- name: Uno\n  thematic_areas: [a, b]\n  net4u: ~\n";
    CHECK(read("m.yaml", text).records[0].value.is_null());
    CHECK(read("m.yaml", text, true).records[0].value.dump() ==
          R"({"name":"Uno","thematic_areas":["a","b"],"net4u":null})");
}

namespace {

// Each row of a CSV file as "line|blank|cell|cell...", and the problems, read as CsvRows reads.
std::vector<std::string> csv_rows(const std::string& content, CsvReading reading,
                                  std::optional<char> delimiter = {}) {
    nacsa::testing::TempDir dir;
    const auto path = (dir / "m.csv").string();
    std::ofstream(path, std::ios::binary) << content;
    std::vector<Diagnostic> problems;
    CsvRows rows("m.csv", path, delimiter, problems, reading);
    std::vector<std::string> out;
    CsvRow row;
    while (rows.pull(row)) {
        std::string text = std::to_string(row.line) + (row.blank ? "|blank" : "|");
        for (const auto& cell : row.cells) {
            text += "|" + cell;
        }
        out.push_back(text);
    }
    for (const auto& p : problems) {
        out.push_back(p.to_string());
    }
    return out;
}

}  // namespace

TEST_CASE("CSV rows: plain lines split without libcsv give libcsv's cells, lines and problems") {
    struct Case {
        std::string content;
        std::vector<std::string> rows;
        std::optional<char> delimiter;
    };
    const std::vector<Case> cases{
        // Spaces and tabs around cells go, blank lines and lines of spaces make no row.
        {"id,name\n  a ,\t B c\t\n\n   \n,\n", {"1||id|name", "2||a|B c", "5|blank||"}},
        // CRLF, and a CR alone inside a line: libcsv ends a row there.
        {"a,b\r\nc,d\re\r\n", {"1||a|b", "2||c|d", "2||e"}},
        // CR line ends throughout.
        {"a;b\rc;d\r", {"1||a|b", "2||c|d"}},
        // Tab as the delimiter: a tab at the start of a line is an empty cell, not a space.
        {"a\tb\n\t x \t\n", {"1||a|b", "2|||x|"}, '\t'},
        // Quoted cells over lines, then plain lines again, then a quote in the wrong place.
        {"a,\"x\ny\"\nb,c\nd,e\"f\n",
         {"1||a|x\ny", "3||b|c",
          "m.csv:4: invalid CSV: a quote in the wrong place: a field that holds quotes must be "
          "quoted whole, with each quote inside doubled (\"Fundación \"\"Dos\"\"\")"}},
        // A last line with no line break.
        {"a,b\nc, d", {"1||a|b", "2||c|d"}},
    };
    for (const auto& c : cases) {
        CAPTURE(c.content);
        for (const std::size_t buffer : {std::size_t{1} << 20, std::size_t{3}}) {
            const auto quick =
                csv_rows(c.content, {.quick = true, .buffer_bytes = buffer}, c.delimiter);
            CHECK(quick ==
                  csv_rows(c.content, {.quick = false, .buffer_bytes = buffer}, c.delimiter));
            if (buffer > c.content.size()) {
                CHECK(quick == c.rows);
            }
        }
    }
}
