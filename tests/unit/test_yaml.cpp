// SPDX-License-Identifier: Apache-2.0
// The one YAML reader and the one YAML writer (lib/core/yaml_reader.hpp, yaml_writer.hpp): what
// the writer writes, the reader reads back unchanged.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/yaml_guard.hpp"
#include "core/yaml_reader.hpp"
#include "core/yaml_writer.hpp"
#include "tricky_texts.hpp"

using namespace nacsa;

namespace {

YAML::Node load(const std::string& text) {
    return load_yaml(text, "t.yaml", ExitCode::data_invalid);
}

}  // namespace

TEST_CASE("yaml writer: every text reads back unchanged, as a value or a list item") {
    for (const auto& s : k_tricky_texts) {
        CAPTURE(s);
        CHECK(load("value: " + yaml::scalar(s) + "\n")["value"].Scalar() == s);
        yaml::Writer w;
        w.text(2, "value", s, yaml::Dash::yes);
        const auto document = w.take();
        CHECK(load(document)[0]["value"].Scalar() == s);
        CHECK(load("value: " + yaml::flow_list({s, "x"}) + "\n")["value"][0].Scalar() == s);
        // Deterministic: the same text, the same bytes.
        yaml::Writer again;
        again.text(2, "value", s, yaml::Dash::yes);
        CHECK(again.take() == document);
    }
}

TEST_CASE("yaml writer: texts the reader accepts come back through it unchanged") {
    for (const auto& s : k_tricky_texts) {
        if (yaml::text_problem(s)) {
            continue;  // control characters: the reader refuses them, with their place
        }
        CAPTURE(s);
        yaml::Writer w;
        w.text(0, "value", s);
        Diagnostics problems;
        yaml::Reader r("t.yaml", problems);
        const auto read = r.text(load(w.take()), "value", "",
                                 {yaml::Required::no, yaml::Trim::no, yaml::k_max_text_bytes});
        CHECK(problems.empty());
        CHECK(read == s);
    }
}

TEST_CASE("yaml writer: plain when it can be, quoted and escaped when it must") {
    CHECK(yaml::scalar("Fundación Rutas Seguras") == "Fundación Rutas Seguras");
    CHECK(yaml::scalar("Tres talleres, 96 participantes (61% mujeres)") ==
          "Tres talleres, 96 participantes (61% mujeres)");
    CHECK(yaml::scalar("5 talleres") == "5 talleres");
    CHECK(yaml::scalar("info@etica.example") == "info@etica.example");
    CHECK(yaml::scalar("true") == "\"true\"");
    CHECK(yaml::scalar("2026") == "\"2026\"");
    CHECK(yaml::scalar("2026-01-01") == "\"2026-01-01\"");
    CHECK(yaml::scalar("+56 9 1111 2222") == "\"+56 9 1111 2222\"");
    CHECK(yaml::scalar("a: b") == "\"a: b\"");
    CHECK(yaml::scalar("x \"y\" \\ z") == "x \"y\" \\ z");
    CHECK(yaml::scalar("\"y\"") == "\"\\\"y\\\"\"");
    CHECK(yaml::scalar("a\tb\r\n\x01\x7f") == "\"a\\tb\\r\\n\\x01\\x7f\"");
    CHECK(yaml::scalar("C1\xC2\x80\xC2\x85\xC2\x9F") == "\"C1\\x80\\x85\\x9f\"");
    CHECK(yaml::scalar("\xE2\x80\xA8\xE2\x80\xA9\xEF\xBB\xBF\xEF\xBF\xBE") ==
          "\"\\L\\P\\ufeff\\ufffe\"");
    CHECK(yaml::flow_list({}) == "[]");
    CHECK(yaml::flow_list({"untoc", "a, b", "[c]", "no"}) == "[untoc, \"a, b\", \"[c]\", \"no\"]");

    yaml::Writer w;
    w.comment("a file");
    w.open(0, "items");
    w.text(4, "title", "Uno: dos.\n\nTres — ñ", yaml::Dash::yes);
    w.text(4, "note", "trailing space \nx");
    w.optional_text(4, "empty", "");
    w.date(4, "date", Date{std::chrono::year{2026}, std::chrono::month{1}, std::chrono::day{2}});
    w.number(4, "value", 0.1);
    w.boolean(4, "primary", false);
    w.list(4, "themes", {"untoc", "firearms"});
    CHECK(w.take() ==
          "# a file\n"
          "items:\n"
          "  - title: |-\n"
          "      Uno: dos.\n"
          "\n"
          "      Tres — ñ\n"
          "    note: \"trailing space \\nx\"\n"
          "    date: 2026-01-02\n"
          "    value: 0.1\n"
          "    primary: false\n"
          "    themes: [untoc, firearms]\n");
}

namespace {

// The problems a reader records for `key` of a one-key document, as "LINE:COL: message".
template <typename Read>
std::vector<std::string> problems_reading(const std::string& document, Read read) {
    Diagnostics problems;
    yaml::Reader r("t.yaml", problems);
    read(r, load(document));
    std::vector<std::string> out;
    for (const auto& p : problems.items()) {
        out.push_back(std::to_string(p.line) + ":" + std::to_string(p.column) + ": " +
                      p.message.english());
    }
    return out;
}

}  // namespace

TEST_CASE("yaml reader: each kind of value, and what is wrong with it, with its place") {
    const auto text = [](yaml::Reader& r, const YAML::Node& n) { (void)r.text(n, "k", ""); };
    CHECK(problems_reading("k: ok\n", text).empty());
    CHECK(problems_reading("k: ~\n", text) ==
          std::vector<std::string>{"1:4: expected a text value"});
    CHECK(problems_reading("k: [a]\n", text) ==
          std::vector<std::string>{"1:4: expected a text value"});
    CHECK(problems_reading("k: \"  \"\n", text) ==
          std::vector<std::string>{"1:4: must not be empty"});
    CHECK(problems_reading("k: \"a\\x01\"\n", text) ==
          std::vector<std::string>{"1:4: contains the control character U+0001"});
    CHECK(problems_reading("k: " + std::string(4001, 'x') + "\n", text) ==
          std::vector<std::string>{"1:4: is 4001 bytes long (at most 4000)"});

    const auto number = [](yaml::Reader& r, const YAML::Node& n) { (void)r.number(n, "k", ""); };
    CHECK(problems_reading("k: -1.5e3\n", number).empty());
    CHECK(problems_reading("k: \"5\"\n", number) ==
          std::vector<std::string>{
              "1:4: \"5\" is quoted text, not a number (write it without quotes)"});
    CHECK(problems_reading("k: .nan\n", number) ==
          std::vector<std::string>{"1:4: \".nan\" is not a number"});
    const auto whole = [](yaml::Reader& r, const YAML::Node& n) {
        (void)r.integer(n, "k", "", 0, 10);
    };
    CHECK(problems_reading("k: 11\n", whole) ==
          std::vector<std::string>{"1:4: 11 is out of range (expected 0 to 10)"});
    CHECK(problems_reading("k: '3'\n", whole) ==
          std::vector<std::string>{"1:4: expected a whole number"});
    const auto fraction = [](yaml::Reader& r, const YAML::Node& n) {
        (void)r.fraction(n, "k", "");
    };
    CHECK(problems_reading("k: 1.5\n", fraction) ==
          std::vector<std::string>{"1:4: 1.5 is out of range (expected a number between 0 and 1)"});
    const auto boolean = [](yaml::Reader& r, const YAML::Node& n) { (void)r.boolean(n, "k", ""); };
    CHECK(problems_reading("k: \"true\"\n", boolean) ==
          std::vector<std::string>{"1:4: expected true or false"});
    const auto date = [](yaml::Reader& r, const YAML::Node& n) { (void)r.date(n, "k", ""); };
    CHECK(problems_reading("k: 2026-02-30\n", date) ==
          std::vector<std::string>{"1:4: \"2026-02-30\" is not a date (expected YYYY-MM-DD)"});
    const auto keys = [](yaml::Reader& r, const YAML::Node& n) { (void)r.keys(n, "k", ""); };
    CHECK(problems_reading("k: [a, [b]]\n", keys) ==
          std::vector<std::string>{"1:8: expected a key"});
    CHECK(problems_reading("k: a\n", keys) ==
          std::vector<std::string>{"1:4: expected a list, e.g. [a, b]"});
    const auto map = [](yaml::Reader& r, const YAML::Node& n) {
        (void)r.expect_map(n, "", {"k"}, {"o"});
    };
    CHECK(problems_reading("k: 1\nx: 2\nk: 3\n", map) ==
          std::vector<std::string>{"2:1: unknown key (expected one of: k, o)",
                                   "3:1: duplicate key (first given on line 1)"});
    CHECK(problems_reading("o: 1\n", map) ==
          std::vector<std::string>{"1:1: required key is missing"});
}
