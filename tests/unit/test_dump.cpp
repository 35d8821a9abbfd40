// SPDX-License-Identifier: Apache-2.0
// The store as text (store/dump.hpp, workflows/dump.hpp): every table of the schema is in the
// layout with every column, values of every kind come back as they were, and a load names
// each problem with its file, line and field.
#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <limits>
#include <map>
#include <set>

#include "core/yaml_reader.hpp"
#include "fixture.hpp"
#include "store/dump.hpp"
#include "store/ownership.hpp"
#include "tricky_texts.hpp"
#include "workflows/dump.hpp"

using namespace nacsa;
using namespace nacsa::testing;
using store::dump::Kind;
using store::dump::Value;

namespace {

// The kinds a column of each declared SQLite type may have in the layout.
bool kind_fits(Kind kind, const std::string& declared) {
    if (declared == "INTEGER") {
        return kind == Kind::integer || kind == Kind::boolean;
    }
    if (declared == "REAL") {
        return kind == Kind::real;
    }
    if (declared == "BLOB") {
        return kind == Kind::blob;
    }
    return declared == "TEXT" &&
           (kind == Kind::text || kind == Kind::date || kind == Kind::timestamp);
}

// A scratch table the engine writes and reads like any module's: one column of each kind.
const store::dump::Table k_scratch{
    .name = "scratch",
    .order_by = "id",
    .columns = {{.name = "id", .kind = Kind::integer, .required = true},
                {.name = "t"},
                {.name = "r", .kind = Kind::real},
                {.name = "b", .kind = Kind::blob},
                {.name = "f", .kind = Kind::boolean}},
};
const store::dump::File k_scratch_file{
    .name = "scratch.yaml", .title = "a test", .tables = {k_scratch}};

void create_scratch(store::Store& s) {
    s.db().exec("CREATE TABLE scratch (id INTEGER PRIMARY KEY, t TEXT, r REAL, b BLOB, f INTEGER)");
}

void write(const std::filesystem::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

// The problems of reading `text` as scratch.yaml into a fresh scratch table.
std::vector<std::string> problems_of(const std::string& text) {
    StoreFixture f;
    create_scratch(f.store());
    write(f.dir() / "scratch.yaml", text);
    Diagnostics diagnostics;
    try {
        f.store().transaction([&] {
            (void)store::dump::read_file(f.store(), f.dir().path(), k_scratch_file, diagnostics);
        });
    } catch (const DiagnosticError& e) {
        for (const auto& p : e.problems()) {
            diagnostics.add(p);
        }
    }
    std::vector<std::string> out;
    for (const auto& p : diagnostics.items()) {
        out.push_back(p.to_string().substr(p.file.size()));
    }
    return out;
}

}  // namespace

TEST_CASE("dump: the layout holds every table of the schema, every column, as declared") {
    StoreFixture f;
    const auto layout = workflows::dump_layout(f.store());
    std::map<std::string, const store::dump::Table*> tables;
    for (const auto& file : layout) {
        for (const auto& t : file.tables) {
            CHECK_MESSAGE(tables.emplace(std::string(t.name), &t).second, t.name);
        }
    }
    for (const auto& owner : store::k_table_owners) {
        const std::string name(owner.table);
        if (name == "member_search") {  // derived from member and contact on load
            CHECK(tables.count(name) == 0);
            continue;
        }
        REQUIRE_MESSAGE(tables.count(name) == 1, name);
        const auto& table = *tables[name];
        // type, NOT NULL (or part of the key)
        std::map<std::string, std::pair<std::string, bool>> columns;
        SQLite::Statement q(f.store().db(),
                            "SELECT name, type, \"notnull\" OR pk > 0 FROM pragma_table_info(?)");
        q.bind(1, name);
        while (q.executeStep()) {
            columns[q.getColumn(0).getString()] = {q.getColumn(1).getString(),
                                                   q.getColumn(2).getInt() != 0};
        }
        std::set<std::string> laid_out;
        for (const auto& c : table.columns) {
            const std::string column(c.name);
            laid_out.insert(column);
            REQUIRE_MESSAGE(columns.count(column) == 1, name << "." << column);
            CHECK_MESSAGE(kind_fits(c.kind, columns[column].first), name << "." << column);
            CHECK_MESSAGE(c.required == columns[column].second, name << "." << column);
        }
        for (const auto& d : table.derived) {
            laid_out.insert(std::string(d));
        }
        for (const auto& entry : columns) {
            const std::string& column = entry.first;
            CHECK_MESSAGE(laid_out.count(column) == 1, name << "." << column << " is not dumped");
        }
        CHECK(laid_out.size() == columns.size());
    }
}

TEST_CASE("dump: values of every kind come back as they were, the dump byte-identical") {
    StoreFixture from;
    create_scratch(from.store());
    SQLite::Statement ins(from.store().db(),
                          "INSERT INTO scratch (id, t, r, b, f) VALUES (?, ?, ?, ?, ?)");
    std::int64_t id = 0;
    const auto add = [&](const std::optional<std::string>& t, std::optional<double> r,
                         const std::optional<std::string>& b, std::optional<int> flag) {
        ins.reset();
        ins.bind(1, ++id);
        t ? ins.bind(2, *t) : ins.bind(2);
        r ? ins.bind(3, *r) : ins.bind(3);
        b ? ins.bind(4, b->data(), static_cast<int>(b->size())) : ins.bind(4);
        flag ? ins.bind(5, *flag) : ins.bind(5);
        ins.exec();
    };
    for (const auto& text : k_tricky_texts) {
        if (!yaml::text_problem(text, store::dump::k_max_text_bytes)) {
            add(text, std::nullopt, std::nullopt, std::nullopt);
        }
    }
    add("", 0.1, std::string("\0\x01\xff", 3), 1);
    add(std::nullopt, -0.0, std::string(), 0);
    add("true", 1e300, std::string(256, '\x80'), std::nullopt);
    add("12", 5e-324, std::nullopt, std::nullopt);
    add("null", std::numeric_limits<double>::max(), std::nullopt, std::nullopt);
    add("~", 2.5, std::nullopt, std::nullopt);
    ins.reset();
    ins.bind(1, std::numeric_limits<std::int64_t>::max());
    ins.bind(2);
    ins.bind(3);
    ins.bind(4);
    ins.bind(5);
    ins.exec();

    std::size_t rows = 0;
    const std::string text = store::dump::write_file(from.store(), k_scratch_file, {}, rows);
    CHECK(rows == static_cast<std::size_t>(id) + 1);

    StoreFixture to;
    create_scratch(to.store());
    write(to.dir() / "scratch.yaml", text);
    Diagnostics diagnostics;
    to.store().transaction([&] {
        CHECK(store::dump::read_file(to.store(), to.dir().path(), k_scratch_file, diagnostics) ==
              rows);
    });
    for (const auto& p : diagnostics.items()) {
        FAIL(p.to_string());
    }
    std::size_t again_rows = 0;
    CHECK(store::dump::write_file(to.store(), k_scratch_file, {}, again_rows) == text);
    // Byte for byte in the store too: types, NULL against "", the sign of zero.
    const char* const every =
        "SELECT id, typeof(t), t, typeof(r), quote(r), typeof(b), hex(b), typeof(f), f FROM "
        "scratch ORDER BY id";
    SQLite::Statement a(from.store().db(), every);
    SQLite::Statement b(to.store().db(), every);
    while (a.executeStep()) {
        REQUIRE(b.executeStep());
        for (int c = 0; c < 9; ++c) {
            CHECK(a.getColumn(c).getString() == b.getColumn(c).getString());
        }
    }
    CHECK_FALSE(b.executeStep());
}

TEST_CASE("dump: a load names each problem with its line, column and field") {
    const auto problems = problems_of(
        "scratch:\n"
        "- id: 1\n"
        "  t: fine\n"
        "- id: \"2\"\n"
        "- id: 3\n"
        "  r: \"1.5\"\n"
        "  f: yes\n"
        "- id: 4\n"
        "  b: 0g\n"
        "  colour: red\n"
        "- t: no id\n"
        "- id: 1\n"
        "- id: 6\n"
        "  t: [a, b]\n"
        "- id: 7\n"
        "  id: 8\n"
        "- just text\n");
    const std::vector<std::string> expected = {
        ":4:7: field \"scratch[1].id\": expected a whole number",
        ":6:6: field \"scratch[2].r\": \"1.5\" is not a number",
        ":7:6: field \"scratch[2].f\": expected true or false",
        ":10:3: field \"scratch[3].colour\": unknown key (expected one of: id, t, r, b, f)",
        ":9:6: field \"scratch[3].b\": \"0g\" is not hexadecimal (two digits 0-9, a-f per byte)",
        ":11:3: field \"scratch[4].id\": required key is missing",
        std::string(":12:3: field \"scratch[5]\": has the same key as an earlier record ") +
            "(UNIQUE constraint failed: scratch.id)",
        ":14:6: field \"scratch[6].t\": expected a single value, not a list or mapping",
        ":16:3: field \"scratch[7].id\": duplicate key (first given on line 15)",
        ":17:3: field \"scratch[8]\": expected a mapping of keys to values",
    };
    CHECK(problems == expected);
}

TEST_CASE("dump: a file of the wrong shape is named, and what is not YAML stops the reading") {
    CHECK(problems_of("- a\n- b\n") ==
          std::vector<std::string>{":1:1: expected a mapping of keys to values"});
    CHECK(problems_of("other: []\n") ==
          std::vector<std::string>{":1:1: field \"other\": unknown key (expected one of: scratch)",
                                   ":1:1: field \"scratch\": required key is missing"});
    CHECK(problems_of("scratch: 5\n") ==
          std::vector<std::string>{":1:10: field \"scratch\": expected a list"});
    const auto broken = problems_of("scratch:\n- id: 1\n  t: \"open\n");
    REQUIRE(broken.size() == 1);
    CHECK(broken[0].find("not valid YAML") != std::string::npos);
    CHECK(broken[0].starts_with(":4:1:"));
    CHECK(problems_of("scratch: []\n---\nscratch: []\n") ==
          std::vector<std::string>{":1:1: a second YAML document (after ---): the file must be "
                                   "a single document"});
}

TEST_CASE("dump: pseudonyms are keyed, stable and the same for the same text only") {
    const store::dump::Redaction one(std::vector<unsigned char>(32, 1));
    const store::dump::Redaction other(std::vector<unsigned char>(32, 2));
    const std::string ana = one.pseudonym("Ana Pérez");
    CHECK(ana.size() == std::string("person-").size() + 12);
    CHECK(ana.starts_with("person-"));
    CHECK(one.pseudonym("Ana Pérez") == ana);
    CHECK(one.pseudonym("Ana Perez") != ana);
    CHECK(other.pseudonym("Ana Pérez") != ana);
    CHECK(store::dump::hex(std::string("\x00\x7f\x80\xff", 4)) == "007f80ff");
}

TEST_CASE("dump: nacsa-dump(5) describes every file, table and column of the layout") {
    StoreFixture f;
    const std::string page = source_file("man/nacsa-dump.5");
    const auto section_of = [&](const std::string& file) {
        const auto start = page.find("\n.Ss " + file + "\n");
        REQUIRE_MESSAGE(start != std::string::npos, file);
        const auto end = page.find("\n.S", start + 1);
        return page.substr(start, end - start);
    };
    for (const auto& file : workflows::dump_layout(f.store())) {
        CHECK_MESSAGE(page.find(".It Pa " + std::string(file.name) + "\n") != std::string::npos,
                      file.name);
        const std::string section = section_of(std::string(file.name));
        for (const auto& table : file.tables) {
            // The item that names the table (alone, or first or second of two).
            const std::string name(table.name);
            auto at = section.find(".It Li " + name + "\n");
            if (at == std::string::npos) {
                at = section.find(".It Li " + name + " ,");
            }
            if (at == std::string::npos) {
                at = section.find(", " + name + "\n");
            }
            REQUIRE_MESSAGE(at != std::string::npos, file.name << ": " << name);
            const auto end = section.find("\n.It ", at + 1);
            const std::string item = section.substr(at, end - at);
            for (const auto& c : table.columns) {
                const std::string mark = c.required ? ".Em " : ".Li ";
                const std::string column(c.name);
                std::string line = "\n";
                line += mark;
                line += column;
                const bool found = item.find(line + " ") != std::string::npos ||
                                   item.find(line + "\n") != std::string::npos;
                CHECK_MESSAGE(found, name << "." << column << " as " << mark);
            }
        }
    }
}
