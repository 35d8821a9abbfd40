// SPDX-License-Identifier: Apache-2.0
// The quick YAML reader of `member import` (lib/members/import_yaml_events.hpp) against
// libyaml: on every input it reads, the same events (type, text, plain or not, line, column) as
// libyaml; on everything else it gives up, and libyaml reads the file.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cstdint>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "core/yaml_writer.hpp"
#include "members/import.hpp"
#include "members/import_reader.hpp"
#include "members/import_yaml_events.hpp"
#include "temp_dir.hpp"
#include "tricky_texts.hpp"

using namespace nacsa;
using namespace nacsa::members;
using namespace nacsa::members::detail;

namespace {

std::string dump(const std::vector<OwnedYamlEvent>& events) {
    std::string out;
    for (const auto& e : events) {
        out += to_string(e);
        out += '\n';
    }
    return out;
}

// Reads `text` with both readers (the quick one with several buffer sizes, so that lines
// cross the buffer's end); checks that whatever the quick reader reads, libyaml reads the same
// way. True when the quick reader read it.
bool same_events(const std::string& text) {
    bool failed = false;
    const auto expected = libyaml_events(text, failed);
    const auto quick = quick_events(text);
    if (quick) {
        CHECK_FALSE(failed);
        CHECK(dump(*quick) == dump(expected));
    }
    for (const std::size_t size : {1, 7, 64, 300}) {
        const auto small = quick_events(text, size);
        if (small) {
            CHECK(quick);  // a smaller buffer gives up on more, never on less
            CHECK_FALSE(failed);
            CHECK(dump(*small) == dump(expected));
        }
    }
    return quick.has_value();
}

// Texts that are hard to write (tricky_texts.hpp), and more of what members' records hold:
// other scripts, YAML words that read as booleans or null, leading indicators, addresses, long
// lines.
const std::vector<std::string> k_tricky = [] {
    auto texts = k_tricky_texts;
    texts.insert(texts.end(), {"Ñandú", "日本語のテキスト", "emoji 😀 here", "x#y", "-dash", "yes",
                               "no", "null", "007", "https://www.example.org/a?b=c#d",
                               "+56 2 2000 0000", "contacto@org.example", std::string(3000, 'x'),
                               std::string(1500, 'y') + " " + std::string(1500, 'z')});
    return texts;
}();

// A member as `member export --format yaml` writes it (lib/members/export.cpp), with `s` in
// its texts and lists.
std::string exported(const std::string& s, int n) {
    yaml::Writer w;
    w.text(2, "id", "org-" + std::to_string(n), yaml::Dash::yes);
    w.optional_text(2, "name", s);
    w.optional_text(2, "acronym", s.empty() ? "" : "A" + s);
    w.optional_text(2, "city", "Copiapó");
    w.list(2, "thematic_areas", {s, "untoc"});
    if (!s.empty()) {
        w.list(2, "services", {"x", s});
    }
    w.raw(2, "joined", "2020-01-01");
    w.boolean(2, "net4u", n % 2 == 0);
    w.optional_text(2, "notes", s);
    w.open(2, "contacts");
    w.text(6, "name", s.empty() ? "Ana" : s, yaml::Dash::yes);
    w.optional_text(6, "position", s);
    w.boolean(6, "primary", true);
    w.text(6, "name", "Bea", yaml::Dash::yes);
    w.optional_text(6, "email", s);
    return w.take();
}

// What a reader gives of a file: each record (its value, line, problems and where its fields
// are), then the problems of the file.
std::string read_all(RecordReader& reader) {
    std::string out;
    SourceRecord record;
    while (reader.next(record)) {
        out += fmt::format("record at {}: {}\n", record.line, record.value.dump());
        out += fmt::format("  input: {}\n", record.input.has_value());
        for (const auto& p : record.problems) {
            out += "  " + p.to_string() + "\n";
        }
        for (const auto& f : record.field_locations) {
            out +=
                fmt::format("  field {}.{} at {}:{}\n", f.contact, f.field, f.at.line, f.at.column);
        }
        for (const auto& [path, at] : record.locations) {
            out += fmt::format("  {} at {}:{}\n", path, at.line, at.column);
        }
        record = SourceRecord{};
    }
    for (const auto& p : reader.problems) {
        out += p.to_string() + "\n";
    }
    return out;
}

// Reads `text` as a file with the YAML reader of member import, and with libyaml alone: the
// same records, problems and places, with the records kept whole (--skip-invalid) or not.
void same_records(const std::string& text) {
    nacsa::testing::TempDir dir;
    const auto path = (dir / "m.yaml").string();
    std::ofstream(path, std::ios::binary) << text;
    for (const bool keep : {false, true}) {
        ImportOptions options;
        if (keep) {
            options.rejects = (dir / "rejects.jsonl").string();
        }
        const auto quick = yaml_reader("m.yaml", path, options);
        const auto libyaml = libyaml_reader("m.yaml", path, options);
        CHECK(read_all(*quick) == read_all(*libyaml));
    }
}

std::string crlf(const std::string& text) {
    std::string out;
    for (const char c : text) {
        if (c == '\n') {
            out += '\r';
        }
        out += c;
    }
    return out;
}

}  // namespace

TEST_CASE("quick YAML reader: nacsa's own exports, with every kind of text") {
    std::string all;
    int n = 0;
    for (const auto& s : k_tricky) {
        CAPTURE(s);
        const std::string doc = exported(s, n++);
        // Texts of several lines too: written as literal blocks ("|-") or double-quoted.
        CHECK(same_events(doc));
        CHECK(same_events(crlf(doc)));
        CHECK(same_events("---\n" + doc));
        CHECK(same_events("# exported\n\n" + doc + "\n# end\n"));
        all += doc;
    }
    CHECK(same_events(all));
    CHECK(same_events(crlf(all)));
}

TEST_CASE("quick YAML reader: YAML written by hand in the same shape") {
    const std::vector<std::string> quick = {
        "- name: Uno\n",
        "- name: Uno",  // no line break at the end
        "- name: Uno\n   ",
        "- name: Uno\n# last",
        "- name: Uno\n\n\n",
        "---\n- name: Uno\n",
        "--- # members\n- name: Uno\n",
        "# members\n\n---\n\n- name: Uno\n",
        "- name: Uno   \n  type: ngo # a comment\n  # a comment\n      # deeper\n  city: x\n",
        "- name: 'it''s'\n  city: ''\n  notes: \"\"\n",
        // NOLINTNEXTLINE(bugprone-suspicious-missing-comma): one text, split over two lines
        "- name: \"tab\there\\t\\x41\\u00e9\\U0001F600\\N\\_\\L\\P\\0\\a\\b\\v\\f\\r\\e\\ "
        "\\/\\\\\"\n",
        "- name: \"\\\"quoted\\\" \\\\ back\"\n",
        "- name:\n  city:\n- name: ~\n  city: null\n  type: Null\n  region: NULL\n",
        "- name:   # nothing\n  type: ngo\n",
        "- name: Uno\n  contacts:\n  - name: A\n    email: a\n  - name: B\n  type: ngo\n",
        "- name: Uno\n  contacts:\n  - name: A\n- name: Dos\n",
        "- name: Uno\n  contacts:\n      - name: A\n        email: a\n      -   name: B\n",
        "- name: Uno\n  thematic_areas:\n    - untoc\n    - 'drugs'\n    - \"x\"\n    -\n",
        "- name: Uno\n  thematic_areas:\n  - untoc\n  -\n  - x\n",
        "- name: Uno\n  thematic_areas: []\n  services: [ ]\n  interest: [ a , 'b' ,\"c\" ]\n",
        "- name: Ñandú\n  thematic_areas: [ñandú, 'pingüino', \"x\", y z]  # list\n",
        "- nombre: Ñandú\n  año: 2020\n  ñ: [á, é]\n",
        "- 'quoted key': 1\n  \"double key\": 2\n  key with spaces: 3\n  key : 4\n",
        "- a  : 1\n  b  :c: 2\n  d: e  f  \n  g: h  :i\n  j: [k  l , m  ]\n",
        "-   name: Uno\n    city: x\n-  name: Dos\n   city: y\n",
        "- name: Uno\n  name: Dos\n",
        "-\n- name: x\n-\n",
        "-\n-\n",
        "- a:\n    - b\n    - c: d\n      #\n      # x",
        "- a:\n    - b\n    - c: d\n      ",
        "- a:\n  - b\n  - c: d\n #",
        "- name: a:b\n  url: http://x.org/a#b\n  x: a #b\n  y: -1\n  z: ?q\n  w: :c\n",
        "- name: Uno\n  notes:\n    a: 1\n    b:\n      c: [d]\n  city: x\n",
        "- name: 1e3\n  net4u: yes\n  primary: no\n  id: 007\n  x: true\n",
        "- name: \"a\"   # c\n  b: 'c'  # d\n",
        "- name: " + std::string(5000, 'x') + "\n",
        "- notes: |-\n    one\n\n      two  \n    \n   \n        \n    # not a comment\n  city: "
        "x\n",
        "- notes: |\n    one\n    two\n\n\n- notes: |-\n    a\n",
        "- notes: |-  # comment\n    one\n    \ttab\n  contacts:\n    - notes: |\n        x\n"
        "      y: z\n",
        "- a: |-\n    x\n# comment\n- b: |\n   y\n  # comment\n  c: d\n",
        "- a:\n    b: |-\n      x\n      ñ y\n",
        "- " + std::string(950, 'k') + "x: y\n",
        "- " + std::string(990, 'k') + ": y\n",
    };
    for (const auto& text : quick) {
        CAPTURE(text);
        CHECK(same_events(text));
        CHECK(same_events(crlf(text)));
    }
}

TEST_CASE("quick YAML reader: gives up on everything else, and libyaml reads it") {
    const std::vector<std::string> others = {
        "",
        "\n\n",
        "# only a comment\n",
        "---\n",
        "---\n...\n",
        "- a\n...\n",
        "- a\n---\n- b\n",
        "%YAML 1.1\n---\n- a\n",
        "\xEF\xBB\xBF- name: Uno\n",
        "- name: \xEF\xBB\xBFUno\n",
        "- name: Uno\r  city: x\r",
        "- name: Uno\r",
        "- name: Uno\xC2\x85  city: x\n",
        "- name: Uno\xE2\x80\xA8  city: x\n",
        "- name: \xC3\n",
        "- name: \xC0\x80\n",
        "- name: \xED\xA0\x80\n",
        "- name: \xF4\x90\x80\x80\n",
        "- name: a\x01\n",
        "- name: a\x7F\n",
        std::string("- name: a\0b\n", 12),  // a NUL inside the text
        "- name: \xEF\xBF\xBE\n",
        "- name: \xC2\x80\n",
        "name: Uno\n",
        "  - name: Uno\n",
        "- &a name: Uno\n",
        "- name: &a Uno\n- name: *a\n",
        "- name: !!str Uno\n",
        "- !!map\n  name: Uno\n",
        "- {name: Uno}\n",
        "- name: {a: 1}\n",
        "- name: [a, [b]]\n",
        "- name: [a, {b: c}]\n",
        "- name: [a, b: c]\n",
        "- name: [a, ]\n",
        "- name: [a,\n  b]\n",
        "- name: [a #c\n  ]\n",
        "- name: [a:b]\n",
        "- name: >-\n    text\n",
        "- name: |+\n    text\n",
        "- name: |2\n    text\n",
        "- name: |-\n\n    text\n",
        "- name: |-\n  city: x\n",
        "- name: |-\n    text\n   \tx\n",
        "- name: |-\n    text",
        "- name: |-\n    text\n  ",
        "- name: |-x\n    text\n",
        "- |-\n  text\n",
        "- name: Uno\n  notes:\n    - |\n      text\n",
        "- name: Uno\n    Dos\n",
        "- name: Uno\n\n    Dos\n",
        "- name: 'Uno\n    Dos'\n",
        "- name: \"Uno\n    Dos\"\n",
        "- name: \"Uno\\\n    Dos\"\n",
        "- name: \"\\q\"\n",
        "- name: \"\\xZZ\"\n",
        "- name: \"\\uD800\"\n",
        "- name: \"\\U00110000\"\n",
        "- name: \"a\" b\n",
        "- name: 'a'b\n",
        "- name: 'a'#b\n",
        "- name: a: b\n",
        "- name: a:\n",
        "- name: - a\n",
        "- name: -\n",
        "- name:\tUno\n",
        "- name: Uno\t\n",
        "- name: a\tb\n",
        "\t- name: Uno\n",
        "- name: Uno\n\tcity: x\n",
        "-\tname: Uno\n",
        "- ? name\n  : Uno\n",
        "- name: Uno\n  ? city\n  : x\n",
        "- [a]: b\n",
        "- name: Uno\n city: x\n",
        "- name: Uno\n   city: x\n",
        "- name: Uno\n  - a\n",
        "- name: Uno\n  contacts:\n    - name: A\n   - name: B\n",
        "-\n  name: Uno\n",
        "- - a\n",
        "- name\n",  // records that are not mappings
        "- 'quoted'\n- name: x\n",
        "- name: x\n- [a, b]\n",
        "- \"12\"\n",
        "- just text\n- 12\n- ~\n",
        "- name: Uno\n  contacts:\n    - - a\n",
        "- name: Uno\n  city\n",
        "- name: Uno\n  #x: y\n  city x\n",
        "- name: Uno\n  @x: y\n",
        "- name: Uno\n---\n",
        "- name: Uno\n--- \n- a\n",
        "- " + std::string(1100, 'k') + ": y\n",
        "- a\n" + std::string(1, '\0'),
    };
    for (const auto& text : others) {
        CAPTURE(text);
        CHECK_FALSE(same_events(text));
    }
}

TEST_CASE("quick YAML reader: random changes to members keep both readers in step") {
    const std::vector<std::string> bases = {
        exported("Trata de personas, niñas", 1) + exported("x", 2),
        "---\n- name: Uno\n  contacts:\n  - name: A\n    email: a\n  -\n  thematic_areas: [a, "
        "'b']\n- 'x': \"y\\n\"\n  k:\n    a: 1\n",
        "- a: b\n  c: [d, e]\n  f:\n    - g\n    - h: i\n      j: k\n",
        "- a: |-\n    b c\n\n     d\n  e: |\n    f\n  g: h\n",
    };
    const std::string alphabet = " \t\r\n-:#'\"[]{},?&*!|>%@`~\\abcxyz019.\xC3\xA9\xC2";
    std::mt19937 random(20261205);
    int quick = 0;
    for (int round = 0; round < 20000; ++round) {
        std::string text = bases[random() % bases.size()];
        const int changes = 1 + static_cast<int>(random() % 3);
        for (int c = 0; c < changes; ++c) {
            const std::size_t at = random() % (text.size() + 1);
            const char ch = alphabet[random() % alphabet.size()];
            switch (random() % 3) {
                case 0:
                    text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), ch);
                    break;
                case 1:
                    if (at < text.size()) {
                        text.erase(at, 1);
                    }
                    break;
                default:
                    if (at < text.size()) {
                        text[at] = ch;
                    }
                    break;
            }
        }
        CAPTURE(text);
        bool failed = false;
        const auto expected = libyaml_events(text, failed);
        const auto events = quick_events(text);
        if (events) {
            ++quick;
            REQUIRE_FALSE(failed);
            REQUIRE(dump(*events) == dump(expected));
        }
    }
    // Most changes leave a file the quick reader reads, or one it must give up on.
    CHECK(quick > 4000);
}

TEST_CASE("quick YAML reader: where it gives up, libyaml goes on with the same records") {
    // The quick reader gives up in the middle of the file: the records before come from it,
    // the others from libyaml, which reads the file again and passes over them.
    const std::string members =
        exported("Trata de personas, niñas", 1) + exported("x", 2) + exported("Ñandú", 3);
    const std::vector<std::string> tails = {
        "",
        "- name: &a Uno\n- name: *a\n",
        "- name: Uno\n  notes: |\n    several\n    lines\n",
        "- name: Uno\n    continued\n",
        "- just text\n  continued\n- name: Dos\n",
        "- 'quoted'\n  bad\n",
        "- name: Uno\n  city: \"unclosed\n",
        "- name: Uno\n---\n- name: Dos\n",
        "- name: Uno\n...\n",
        "- name: Uno\n  notes: {a: {b: {c: {d: {e: {f: 1}}}}}}\n",
        "- name: Uno\n  x:\n    a:\n      b:\n        c:\n          d:\n            e: 1\n",
        "- name: Uno\n  city: x\n city: y\n",
        "- name: bad\xC3(\n- name: Dos\n",
        "- name: ctl\x01\n",
        "- name: tab\there\n",
        "- name: nel\xC2\x85here\n",
        "\t- name: Uno\n",
        "- name: Uno\n  contacts:\n  - name: A\n  - [x]\n  - {y: z}\n",
        "- a:\n   b:\n    c:\n     d:\n      e:\n       f:\n        g: [x]\n- bad: [\n",
        "- a:\n  - b:\n    - c:\n      - d\n- x: 'y\n",
        "- [x, y]\n--\n\n",  // found by fuzz_members_yaml_quick
        "- 'x'\n-- \n",
    };
    for (const auto& tail : tails) {
        CAPTURE(tail);
        same_records(members + tail);
        same_records(tail + members);
        std::string around = members;
        around += tail;
        around += members;
        same_records(around);
    }
}

TEST_CASE("quick YAML reader: random changes give the same records as libyaml alone") {
    const std::string base = exported("Trata de personas, niñas", 1) + exported("x", 2) +
                             "- name: Uno\n  contacts:\n  - name: A\n    email: a\n  "
                             "thematic_areas: [a, 'b']\n  notes: \"x\\ty\"\n" +
                             "- name: Dos\n  notes: |-\n    a\n\n     b\n  city: c\n" +
                             exported("Ñandú", 3);
    const std::string alphabet = " \t\r\n-:#'\"[]{},?&*!|>%@`~\\abcxyz019.\xC3\xA9\xC2";
    std::mt19937 random(51220262);
    for (int round = 0; round < 1500; ++round) {
        std::string text = base;
        const int changes = 1 + static_cast<int>(random() % 2);
        for (int c = 0; c < changes; ++c) {
            const std::size_t at = random() % (text.size() + 1);
            const char ch = alphabet[random() % alphabet.size()];
            if (random() % 2 == 0) {
                text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), ch);
            } else if (at < text.size()) {
                text[at] = ch;
            }
        }
        CAPTURE(text);
        same_records(text);
    }
}
