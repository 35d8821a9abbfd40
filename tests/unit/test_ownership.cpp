// SPDX-License-Identifier: Apache-2.0
// Each module owns its tables (lib/store/ownership.hpp): only lib/<module>/ runs SQL on them,
// cli/ runs none, and a module includes only the modules below it. These tests read the
// sources and the schema; a failure names the file and what it must stop doing.
#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "config/alliance.hpp"
#include "store/ownership.hpp"
#include "store/store.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;

namespace {

// The string literals of C++ source text, adjacent ones joined ("SELECT a " "FROM t" is one),
// raw strings included; comments and character literals skipped.
std::vector<std::string> string_literals(const std::string& src) {
    std::vector<std::string> out;
    bool joining = false;  // only white space or comments since the last literal
    std::size_t i = 0;
    auto add = [&](std::string literal) {
        if (joining && !out.empty()) {
            out.back() += literal;
        } else {
            out.push_back(std::move(literal));
        }
        joining = true;
    };
    while (i < src.size()) {
        const char c = src[i];
        if (src.compare(i, 2, "//") == 0) {
            i = src.find('\n', i);
            i = i == std::string::npos ? src.size() : i;
        } else if (src.compare(i, 2, "/*") == 0) {
            i = src.find("*/", i + 2);
            i = i == std::string::npos ? src.size() : i + 2;
        } else if (c == 'R' && i + 1 < src.size() && src[i + 1] == '"' &&
                   (i == 0 || !(std::isalnum(static_cast<unsigned char>(src[i - 1])) != 0 ||
                                src[i - 1] == '_'))) {
            const std::size_t open = src.find('(', i + 2);
            const std::string end = ")" + src.substr(i + 2, open - i - 2) + "\"";
            const std::size_t close = src.find(end, open);
            add(src.substr(open + 1, close - open - 1));
            i = close + end.size();
        } else if (c == '"') {
            std::string literal;
            for (++i; i < src.size() && src[i] != '"'; ++i) {
                if (src[i] == '\\' && i + 1 < src.size()) {
                    ++i;
                    literal += src[i] == 'n' ? ' ' : src[i];
                } else {
                    literal += src[i];
                }
            }
            ++i;
            add(std::move(literal));
        } else if (c == '\'') {
            i = src.find('\'', src[i + 1] == '\\' ? i + 3 : i + 2) + 1;
            joining = false;
        } else {
            if (std::isspace(static_cast<unsigned char>(c)) == 0) {
                joining = false;
            }
            ++i;
        }
    }
    return out;
}

// The tables an SQL text names: after FROM, JOIN, INTO, UPDATE, TABLE and REFERENCES, and each
// of a comma-separated FROM list. SQL keywords are written in capitals in lib/ (store/sql.hpp),
// so prose such as "removed from member" is not SQL.
std::set<std::string> sql_tables(const std::string& sql) {
    static const std::regex keyword(
        R"(\b(FROM|JOIN|INTO|UPDATE|TABLE|REFERENCES)\s+([a-z_][a-z0-9_]*)((?:\s+[a-z_][a-z0-9_]*)?(?:\s*,\s*[a-z_][a-z0-9_]*(?:\s+[a-z_][a-z0-9_]*)?)*))");
    static const std::regex more(R"(,\s*([a-z_][a-z0-9_]*))");
    std::set<std::string> out;
    for (auto it = std::sregex_iterator(sql.begin(), sql.end(), keyword);
         it != std::sregex_iterator(); ++it) {
        out.insert((*it)[2].str());
        if ((*it)[1].str() == "FROM") {
            const std::string rest = (*it)[3].str();
            for (auto m = std::sregex_iterator(rest.begin(), rest.end(), more);
                 m != std::sregex_iterator(); ++m) {
                out.insert((*m)[1].str());
            }
        }
    }
    return out;
}

std::map<std::string, std::string> owner_of_table() {
    std::map<std::string, std::string> out;
    for (const auto& [table, module] : nacsa::store::k_table_owners) {
        out.emplace(std::string(table), std::string(module));
    }
    return out;
}

int layer_of(const std::string& module) {
    const auto& layers = nacsa::store::k_module_layers;
    const auto it = std::find(layers.begin(), layers.end(), module);
    return it == layers.end() ? -1 : static_cast<int>(it - layers.begin());
}

// The C++ sources under a folder of the repository, as paths relative to it.
std::vector<fs::path> sources_under(const std::string& folder) {
    std::vector<fs::path> out;
    const fs::path root = fs::path(NACSA_SOURCE_DIR);
    for (const auto& entry : fs::recursive_directory_iterator(root / folder)) {
        const auto ext = entry.path().extension();
        if (entry.is_regular_file() && (ext == ".cpp" || ext == ".hpp")) {
            out.push_back(fs::relative(entry.path(), root));
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("ownership: the SQL scanner finds tables in literals, and only there") {
    const auto lits = string_literals(
        "// FROM seat in a comment\n"
        "q(\"SELECT a FROM member m \"\n  \"JOIN contact c ON c.id = m.id\");\n"
        "auto r = R\"x(UPDATE seat SET a = \")\" FROM vote)x\"; char c = '\"';\n"
        "msg(\"removed from member\"); INSERT(\"INSERT INTO audit (a) VALUES (1)\");\n"
        "s(\"SELECT 1 FROM a x, b y,c\");");
    REQUIRE(lits.size() == 5);
    CHECK(sql_tables(lits[0]) == std::set<std::string>{"member", "contact"});
    CHECK(sql_tables(lits[1]) == std::set<std::string>{"seat", "vote"});
    CHECK(sql_tables(lits[2]).empty());
    CHECK(sql_tables(lits[3]) == std::set<std::string>{"audit"});
    CHECK(sql_tables(lits[4]) == std::set<std::string>{"a", "b", "c"});
}

TEST_CASE("ownership: every table of the schema has one owner, and every owner is a module") {
    nacsa::testing::TempDir dir;
    auto store = nacsa::store::Store::create(dir / "s.db", nacsa::config::default_alliance_yaml(),
                                             "alliance.yaml", {"tester", "test"});
    SQLite::Statement q(store.db(),
                        "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
    std::set<std::string> schema;
    while (q.executeStep()) {
        schema.insert(q.getColumn(0).getString());
    }
    std::set<std::string> owned;
    for (const auto& [table, module] : owner_of_table()) {
        owned.insert(table);
        CHECK_MESSAGE(layer_of(module) >= 0,
                      table << " is owned by " << module << ", which is not in k_module_layers");
    }
    CHECK(schema == owned);
}

TEST_CASE("ownership: a module runs SQL on its own tables only, and cli/ on none") {
    const auto owners = owner_of_table();
    std::vector<std::string> violations;
    for (const std::string folder : {"lib", "cli"}) {
        for (const auto& file : sources_under(folder)) {
            const std::string module = folder == "cli" ? "cli" : std::next(file.begin())->string();
            for (const auto& literal :
                 string_literals(nacsa::testing::source_file(file.string()))) {
                for (const auto& table : sql_tables(literal)) {
                    const auto it = owners.find(table);
                    if (it != owners.end() && it->second != module) {
                        violations.push_back(file.string() + ": " + table + " (owned by " +
                                             it->second + ")");
                    }
                }
            }
        }
    }
    std::sort(violations.begin(), violations.end());
    violations.erase(std::unique(violations.begin(), violations.end()), violations.end());
    std::string listed;
    for (const auto& v : violations) {
        listed += "\n  " + v;
    }
    CHECK_MESSAGE(violations.empty(), "SQL on another module's tables:" << listed);
}

TEST_CASE("ownership: a module includes only itself and the modules below it") {
    static const std::regex include(R"re(#include "([a-z_0-9]+)/)re");
    std::vector<std::string> violations;
    for (const auto& file : sources_under("lib")) {
        const std::string module = std::next(file.begin())->string();
        const int layer = layer_of(module);
        if (layer < 0) {
            violations.push_back(file.string() + ": module " + module +
                                 " is not in k_module_layers");
            continue;
        }
        const std::string src = nacsa::testing::source_file(file.string());
        for (auto it = std::sregex_iterator(src.begin(), src.end(), include);
             it != std::sregex_iterator(); ++it) {
            const std::string used = (*it)[1].str();
            if (used != module && layer_of(used) >= layer) {
                violations.push_back(file.string() + " includes " + used);
            }
        }
    }
    std::string listed;
    for (const auto& v : violations) {
        listed += "\n  " + v;
    }
    CHECK_MESSAGE(violations.empty(), "includes against the layers:" << listed);
}
