// SPDX-License-Identifier: Apache-2.0
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

#include "config/alliance.hpp"
#include "core/embedded.hpp"
#include "core/error.hpp"
#include "core/files.hpp"
#include "fixture.hpp"
#include "store/acknowledgements.hpp"
#include "store/maintenance.hpp"
#include "store/sql.hpp"
#include "store/store.hpp"
#include "temp_dir.hpp"

using nacsa::store::Access;
using nacsa::store::Actor;
using nacsa::store::Store;
using nacsa::testing::TempDir;

namespace {

const Actor k_actor{"tester", "test"};

Store create_store(const std::filesystem::path& path) {
    return Store::create(path, nacsa::config::default_alliance_yaml(), "alliance.yaml", k_actor);
}

// Sets the umask for the lifetime of the object.
class Umask {
  public:
    explicit Umask(mode_t mask) : m_old(::umask(mask)) {}
    ~Umask() { ::umask(m_old); }
    Umask(const Umask&) = delete;
    Umask& operator=(const Umask&) = delete;

  private:
    mode_t m_old;
};

// A store as nacsa 0.1 with only migration 0001 wrote it: schema version 1.
void make_version_1_store(const std::filesystem::path& path) {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA journal_mode = WAL");
    db.exec(std::string(nacsa::embedded::migrations()[0].content));
    SQLite::Statement insert(
        db,
        "INSERT INTO config (yaml, file_name, applied_at) VALUES (?, 'alliance.yaml', "
        "'2025-01-01T00:00:00Z')");
    insert.bind(1, nacsa::config::default_alliance_yaml());
    insert.exec();
    db.exec("INSERT INTO meta (key, value) VALUES ('created_at', '2025-01-01T00:00:00Z')");
    db.exec("PRAGMA user_version = 1");
    ::chmod(path.c_str(), 0600);
}

}  // namespace

TEST_CASE(
    "migrations are numbered 0001..N without gaps, every file of lib/store/migrations is "
    "built in, and a new store is at version N") {
    const auto migrations = nacsa::embedded::migrations();
    REQUIRE(!migrations.empty());
    std::vector<std::string> on_disk;
    for (const auto& entry : std::filesystem::directory_iterator(
             std::filesystem::path(NACSA_SOURCE_DIR) / "lib" / "store" / "migrations")) {
        on_disk.push_back(entry.path().filename().string());
    }
    std::sort(on_disk.begin(), on_disk.end());
    std::vector<std::string> built_in;
    for (const auto& m : migrations) {
        built_in.emplace_back(m.name);
    }
    CHECK(built_in == on_disk);
    TempDir dir;
    CHECK(create_store(dir / "new.db").db().execAndGet("PRAGMA user_version").getInt() ==
          static_cast<int>(on_disk.size()));
    const std::regex name_form(R"(\d{4}_[a-z0-9_]+\.sql)");
    for (std::size_t i = 0; i < migrations.size(); ++i) {
        const std::string name(migrations[i].name);
        CHECK_MESSAGE(std::regex_match(name, name_form), name);
        CHECK_MESSAGE(name.substr(0, 4) == fmt::format("{:04}", i + 1), name);
        CHECK(!migrations[i].content.empty());
    }
    CHECK(std::string(migrations[0].name) == "0001_foundation.sql");
}

TEST_CASE("a new store: mode 0600 whatever the umask, WAL, foreign keys, busy timeout") {
    TempDir dir;
    const auto path = dir / "alliance.db";
    {
        const Umask open_to_all(0);
        Store store = create_store(path);
        CHECK(nacsa::files::file_mode(path) == 0600);
        auto& db = store.db();
        CHECK(db.execAndGet("PRAGMA journal_mode").getString() == "wal");
        CHECK(db.execAndGet("PRAGMA foreign_keys").getInt() == 1);
        CHECK(db.execAndGet("PRAGMA busy_timeout").getInt() == 10000);
        CHECK(store.schema_version() == nacsa::store::latest_schema_version());
        CHECK(store.alliance().short_name == "ANSC Chile");
        CHECK(store.config_yaml() == nacsa::config::default_alliance_yaml());
        // The WAL files SQLite makes beside it take the store's mode.
        db.exec("INSERT INTO meta (key, value) VALUES ('probe', 'x')");
        CHECK(nacsa::files::file_mode(path.string() + "-wal") == 0600);
        CHECK(nacsa::files::file_mode(path.string() + "-shm") == 0600);
    }
    Store reopened = Store::open(path, Access::read_only, k_actor);
    CHECK(reopened.db().execAndGet("SELECT value FROM meta WHERE key = 'created_by'").getString() ==
          "tester");
    CHECK(reopened.db().execAndGet("SELECT count(*) FROM audit").getInt() == 1);
    CHECK(reopened.db().execAndGet("SELECT summary FROM audit").getString() == "created the store");
}

TEST_CASE("NACSA_BUSY_TIMEOUT sets the busy timeout in milliseconds") {
    TempDir dir;
    ::setenv("NACSA_BUSY_TIMEOUT", "250", 1);
    Store store = create_store(dir / "a.db");
    CHECK(store.db().execAndGet("PRAGMA busy_timeout").getInt() == 250);
    ::unsetenv("NACSA_BUSY_TIMEOUT");
}

TEST_CASE("create refuses an existing file and leaves it untouched") {
    TempDir dir;
    const auto path = dir / "existing.db";
    nacsa::files::write_file_atomic(path.string(), "precious", nacsa::files::Privacy::shared);
    CHECK_THROWS_AS((void)create_store(path), nacsa::CantCreateError);
    CHECK(nacsa::testing::read_text(path) == "precious");
    CHECK_FALSE(std::filesystem::exists(path.string() + "-wal"));
}

TEST_CASE("create validates the configuration before touching the disk") {
    TempDir dir;
    const auto path = dir / "sub" / "a.db";
    CHECK_THROWS_AS((void)Store::create(path, "name: x\n", "bad.yaml", k_actor),
                    nacsa::ConfigError);
    CHECK_FALSE(std::filesystem::exists(dir / "sub"));
}

TEST_CASE("create makes missing folders 0700") {
    TempDir dir;
    const Umask open_to_all(0);
    (void)create_store(dir / "a" / "b" / "store.db");
    CHECK(nacsa::files::file_mode(dir / "a") == 0700);
    CHECK(nacsa::files::file_mode(dir / "a" / "b") == 0700);
}

TEST_CASE("open: missing file, not a store, newer and older schema versions") {
    TempDir dir;
    CHECK_THROWS_AS((void)Store::open(dir / "none.db", Access::read_only, k_actor),
                    nacsa::InputError);
    CHECK_FALSE(std::filesystem::exists(dir / "none.db"));
    CHECK_THROWS_AS((void)Store::open(dir.path(), Access::read_only, k_actor), nacsa::InputError);

    nacsa::files::write_file_atomic((dir / "text.db").string(), std::string(5000, 'x'),
                                    nacsa::files::Privacy::owner_only);
    CHECK_THROWS_AS((void)Store::open(dir / "text.db", Access::read_only, k_actor),
                    nacsa::StoreError);

    SQLite::Database((dir / "other.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE)
        .exec("CREATE TABLE t (x)");
    try {
        (void)Store::open(dir / "other.db", Access::read_only, k_actor);
        FAIL("opened a database that is not a nacsa store");
    } catch (const nacsa::StoreError& e) {
        CHECK(std::string(e.what()).find("not a nacsa store") != std::string::npos);
    }

    const auto newer = dir / "newer.db";
    (void)create_store(newer);
    const int latest = nacsa::store::latest_schema_version();
    SQLite::Database(newer.string(), SQLite::OPEN_READWRITE)
        .exec(fmt::format("PRAGMA user_version = {}", latest + 1));
    try {
        (void)Store::open(newer, Access::read_only, k_actor);
        FAIL("opened a store made by a newer nacsa");
    } catch (const nacsa::StoreError& e) {
        CHECK(std::string(e.what()) == fmt::format("{}: the store has schema version {}, made by a "
                                                   "newer nacsa; this nacsa knows up to "
                                                   "version {} (upgrade nacsa)",
                                                   newer.string(), latest + 1, latest));
    }
    Store any = Store::open_any_version(newer, Access::read_write, k_actor);
    CHECK_THROWS_AS((void)any.migrate(), nacsa::StoreError);
}

TEST_CASE("migrate upgrades a store created at schema version 1") {
    TempDir dir;
    const auto path = dir / "v1.db";
    make_version_1_store(path);
    try {
        (void)Store::open(path, Access::read_write, k_actor);
        FAIL("opened a store that needs migrating");
    } catch (const nacsa::StoreError& e) {
        CHECK(std::string(e.what()).find("run `nacsa db migrate`") != std::string::npos);
    }
    Store store = Store::open_any_version(path, Access::read_write, Actor{"tester", "db migrate"});
    CHECK(store.schema_version() == 1);
    const auto applied = store.migrate();
    const int latest = nacsa::store::latest_schema_version();
    REQUIRE(applied.size() == static_cast<std::size_t>(latest - 1));
    CHECK(applied.front() == 2);
    CHECK(applied.back() == latest);
    CHECK(store.schema_version() == latest);
    CHECK(store.db().tableExists("member"));
    CHECK(
        store.db().execAndGet("SELECT count(*) FROM audit WHERE command = 'db migrate'").getInt() ==
        latest - 1);
    CHECK(store.migrate().empty());
    CHECK(nacsa::store::check_store(path, k_actor).empty());
}

namespace {

// The IN lists of three or more values in the CHECK constraints of the store's tables.
std::vector<std::string> long_in_lists(SQLite::Database& db) {
    std::vector<std::string> found;
    SQLite::Statement q(db, "SELECT name, sql FROM sqlite_schema WHERE type = 'table'");
    const std::regex in_list(R"(\b\w+\s+IN\s*\(([^()]*)\))", std::regex::icase);
    while (q.executeStep()) {
        const std::string sql = q.getColumn(1).getString();
        for (std::sregex_iterator it(sql.begin(), sql.end(), in_list), end; it != end; ++it) {
            const std::string values = (*it)[1].str();
            if (std::count(values.begin(), values.end(), ',') >= 2) {
                found.push_back(q.getColumn(0).getString() + ": " + it->str());
            }
        }
    }
    return found;
}

// Whether SQLite builds a temporary B-tree each time it runs this statement.
bool opens_ephemeral_table(SQLite::Database& db, const std::string& sql) {
    SQLite::Statement q(db, "EXPLAIN " + sql);
    while (q.executeStep()) {
        if (q.getColumn(1).getString() == "OpenEphemeral") {
            return true;
        }
    }
    return false;
}

void check_fast_checks(Store& store) {
    auto& db = store.db();
    CHECK(long_in_lists(db).empty());
    for (const char* sql :
         {"INSERT INTO member (id, name, name_key, search_text, sort_key, type, region, status, "
          "ecosoc_status, created_at, updated_at) VALUES ('m', 'M', 'm', 'm', x'00', 'ngo', "
          "'north', 'active', NULL, 't', 't')",
          "INSERT INTO contact (member_id, name, gender) VALUES ('m', 'C', 'female')",
          "INSERT INTO interest (member_id, kind, date) VALUES ('m', 'secretariat', '2026-01-01')",
          "INSERT INTO member_status_history (member_id, status, date, recorded_at) VALUES ('m', "
          "'active', '2026-01-01', 't')"}) {
        CAPTURE(sql);
        CHECK_FALSE(opens_ephemeral_table(db, sql));
    }
    // The constraints accept and refuse what they did as IN lists, NULL included.
    db.exec(
        "INSERT INTO member (id, name, name_key, search_text, sort_key, type, region, status, "
        "ecosoc_status, created_at, updated_at) VALUES ('m', 'M', 'm', 'm', x'00', 'ngo', 'north', "
        "'active', NULL, 't', 't')");
    db.exec("INSERT INTO contact (member_id, name, gender) VALUES ('m', 'C', 'non_binary')");
    CHECK_THROWS_AS(db.exec("INSERT INTO contact (member_id, name, gender) VALUES ('m', 'D', 'x')"),
                    SQLite::Exception);
    CHECK_THROWS_AS(db.exec("UPDATE member SET ecosoc_status = 'consultative' WHERE id = 'm'"),
                    SQLite::Exception);
    CHECK_THROWS_AS(db.exec("UPDATE member SET status = 'Active' WHERE id = 'm'"),
                    SQLite::Exception);
    db.exec("UPDATE member SET ecosoc_status = 'roster', status = 'withdrawn' WHERE id = 'm'");
}

}  // namespace

TEST_CASE("CHECK constraints are written without IN lists, which SQLite tests with a B-tree") {
    TempDir dir;
    SUBCASE("a new store") {
        Store store = create_store(dir / "a.db");
        check_fast_checks(store);
    }
    SUBCASE("a store migrated from schema version 1") {
        make_version_1_store(dir / "v1.db");
        Store store = Store::open_any_version(dir / "v1.db", Access::read_write, k_actor);
        (void)store.migrate();
        check_fast_checks(store);
        // Another connection sees the new schema too.
        SQLite::Database other((dir / "v1.db").string(), SQLite::OPEN_READONLY);
        CHECK(long_in_lists(other).empty());
    }
}

TEST_CASE("a transaction commits its changes and its audit entries together, or neither") {
    TempDir dir;
    Store store = create_store(dir / "a.db");
    const auto audits = [&] {
        return store.db().execAndGet("SELECT count(*) FROM audit").getInt();
    };
    const int before = audits();
    CHECK_THROWS_AS(store.transaction([&] {
        store.db().exec("INSERT INTO meta (key, value) VALUES ('k', 'v')");
        store.audit("meta", "k", "set k");
        throw std::runtime_error("fails half-way");
    }),
                    std::runtime_error);
    CHECK(audits() == before);
    CHECK(store.db().execAndGet("SELECT count(*) FROM meta WHERE key = 'k'").getInt() == 0);

    store.transaction([&] {
        store.db().exec("INSERT INTO meta (key, value) VALUES ('k', 'v')");
        store.audit("meta", "k", "set k", 42);
    });
    CHECK(audits() == before + 1);
    SQLite::Statement q(
        store.db(),
        "SELECT os_user, command, record_kind, record_id, summary, contact_id, at FROM "
        "audit ORDER BY id DESC LIMIT 1");
    REQUIRE(q.executeStep());
    CHECK(q.getColumn(0).getString() == "tester");
    CHECK(q.getColumn(1).getString() == "test");
    CHECK(q.getColumn(2).getString() == "meta");
    CHECK(q.getColumn(3).getString() == "k");
    CHECK(q.getColumn(4).getString() == "set k");
    CHECK(q.getColumn(5).getInt64() == 42);
}

namespace {

std::string journal_mode(SQLite::Database& db) {
    return db.execAndGet("PRAGMA journal_mode").getString();
}

int meta_rows(SQLite::Database& db) {
    return db.execAndGet("SELECT count(*) FROM meta WHERE key LIKE 'bulk%'").getInt();
}

void add_meta_rows(SQLite::Database& db, int n) {
    SQLite::Statement insert(db, "INSERT INTO meta (key, value) VALUES (?, ?)");
    for (int i = 0; i < n; ++i) {
        insert.bind(1, fmt::format("bulk{}", i));
        insert.bind(2, std::string(300, 'x'));
        insert.exec();
        insert.reset();
    }
}

}  // namespace

TEST_CASE("a bulk transaction writes through a rollback journal, then the store is in WAL mode") {
    TempDir dir;
    const auto path = dir / "a.db";
    Store store = create_store(path);
    const auto journal = std::filesystem::path(path.string() + "-journal");

    SUBCASE("alone on the store: a rollback journal and synchronous = FULL while it runs") {
        store.bulk_transaction([&] {
            CHECK(journal_mode(store.db()) == "delete");
            CHECK(store.db().execAndGet("PRAGMA synchronous").getInt() == 2);
            CHECK(store.in_transaction());
            add_meta_rows(store.db(), 2000);
            store.audit("meta", "bulk", "added rows");
        });
        CHECK(meta_rows(store.db()) == 2000);
        CHECK(journal_mode(store.db()) == "wal");
        CHECK(store.db().execAndGet("PRAGMA synchronous").getInt() == 1);
        CHECK_FALSE(std::filesystem::exists(journal));
        // Another connection reads what was committed, in WAL mode.
        SQLite::Database other(path.string(), SQLite::OPEN_READONLY);
        CHECK(meta_rows(other) == 2000);
        CHECK(journal_mode(other) == "wal");
    }
    SUBCASE("a failure rolls everything back, and WAL mode comes back") {
        CHECK_THROWS_AS(store.bulk_transaction([&] {
            add_meta_rows(store.db(), 2000);
            throw std::runtime_error("fails half-way");
        }),
                        std::runtime_error);
        CHECK(meta_rows(store.db()) == 0);
        CHECK(journal_mode(store.db()) == "wal");
        CHECK_FALSE(std::filesystem::exists(journal));
    }
    SUBCASE("another connection open on the store: the write-ahead log, without waiting") {
        SQLite::Database other(path.string(), SQLite::OPEN_READONLY);
        CHECK(other.execAndGet("SELECT count(*) FROM meta").getInt() > 0);
        store.bulk_transaction([&] {
            CHECK(journal_mode(store.db()) == "wal");
            add_meta_rows(store.db(), 10);
        });
        CHECK(meta_rows(other) == 10);
    }
    SUBCASE("inside another transaction: it joins it") {
        store.transaction([&] {
            store.bulk_transaction([&] {
                CHECK(journal_mode(store.db()) == "wal");
                add_meta_rows(store.db(), 10);
            });
        });
        CHECK(meta_rows(store.db()) == 10);
    }
}

TEST_CASE("a store left with a rollback journal is in WAL mode again at the next open") {
    TempDir dir;
    const auto path = dir / "a.db";
    (void)create_store(path);
    const auto journal = std::filesystem::path(path.string() + "-journal");

    SUBCASE("a load that could not get the log back: opening it for writing does") {
        {
            SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
            CHECK(db.execAndGet("PRAGMA journal_mode = DELETE").getString() == "delete");
        }
        Store store = Store::open(path, Access::read_write, k_actor);
        CHECK(journal_mode(store.db()) == "wal");
    }
    SUBCASE("a load killed half-way: a read-only open rolls it back first") {
        const pid_t child = ::fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            // A first load that spills pages into the file, killed before its commit.
            SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
            db.exec("PRAGMA journal_mode = DELETE");
            db.exec("PRAGMA cache_size = 2");
            db.exec("BEGIN IMMEDIATE");
            db.exec("DELETE FROM meta");
            add_meta_rows(db, 2000);
            ::_exit(0);
        }
        int status = 0;
        REQUIRE(::waitpid(child, &status, 0) == child);
        REQUIRE(WIFEXITED(status));
        REQUIRE(WEXITSTATUS(status) == 0);
        REQUIRE(std::filesystem::file_size(journal) > 0);
        Store store = Store::open(path, Access::read_only, k_actor);
        CHECK(meta_rows(store.db()) == 0);
        CHECK(store.db().execAndGet("SELECT count(*) FROM meta").getInt() > 0);
        CHECK(journal_mode(store.db()) == "wal");
        CHECK_FALSE(std::filesystem::exists(journal));
    }
}

TEST_CASE("a use case inside another joins it: a savepoint, committed or rolled back with it") {
    TempDir dir;
    Store store = create_store(dir / "a.db");
    const auto keys = [&] {
        return store.db().execAndGet("SELECT count(*) FROM meta WHERE key LIKE 'k%'").getInt();
    };
    CHECK_FALSE(store.in_transaction());
    store.transaction([&] {
        CHECK(store.in_transaction());
        store.db().exec("INSERT INTO meta (key, value) VALUES ('k1', 'v')");
        // An inner use case that fails, and whose failure the outer one handles: only the inner
        // writes are undone.
        try {
            store.transaction([&] {
                store.db().exec("INSERT INTO meta (key, value) VALUES ('k2', 'v')");
                throw nacsa::ValidationError("refused");
            });
        } catch (const nacsa::ValidationError&) {
        }
        store.transaction(
            [&] { store.db().exec("INSERT INTO meta (key, value) VALUES ('k3', 'v')"); });
        CHECK(store.in_transaction());
    });
    CHECK_FALSE(store.in_transaction());
    CHECK(keys() == 2);
    CHECK(store.db().execAndGet("SELECT count(*) FROM meta WHERE key = 'k2'").getInt() == 0);

    // The outer use case fails after an inner one succeeded: nothing of either is kept.
    CHECK_THROWS_AS(store.transaction([&] {
        store.transaction(
            [&] { store.db().exec("INSERT INTO meta (key, value) VALUES ('k4', 'v')"); });
        throw std::runtime_error("later step fails");
    }),
                    std::runtime_error);
    CHECK(keys() == 2);
    CHECK_FALSE(store.in_transaction());
}

TEST_CASE("the audit log is written only inside the transaction that makes the change") {
    TempDir dir;
    Store store = create_store(dir / "a.db");
    CHECK_THROWS_AS(store.audit("meta", "k", "set k"), std::logic_error);
}

TEST_CASE("SQL helpers: NULL for an empty optional, and a damaged date is a store error") {
    TempDir dir;
    Store store = create_store(dir / "a.db");
    auto& db = store.db();
    db.exec("CREATE TEMP TABLE t (a, b, c, d)");
    SQLite::Statement ins(db, "INSERT INTO t VALUES (?, ?, ?, ?)");
    nacsa::store::bind(ins, 1, std::optional<std::string>());
    nacsa::store::bind(ins, 2, std::optional<nacsa::Date>(nacsa::parse_date("2026-02-28")));
    nacsa::store::bind_nonempty(ins, 3, "");
    nacsa::store::bind(ins, 4, std::optional<std::int64_t>(7));
    ins.exec();
    SQLite::Statement q(db, "SELECT a, b, c, d, 'not a date' FROM t");
    REQUIRE(q.executeStep());
    CHECK(q.getColumn(0).isNull());
    CHECK(nacsa::store::text(q.getColumn(0)).empty());
    CHECK(nacsa::store::optional_text(q.getColumn(0)) == std::nullopt);
    CHECK(nacsa::format_date(nacsa::store::date(q.getColumn(1))) == "2026-02-28");
    CHECK(nacsa::store::optional_date(q.getColumn(0)) == std::nullopt);
    CHECK(q.getColumn(2).isNull());
    CHECK(nacsa::store::optional_int64(q.getColumn(3)) == 7);
    CHECK_THROWS_AS((void)nacsa::store::date(q.getColumn(4)), nacsa::StoreError);
}

TEST_CASE("SQLite errors map to nacsa's exit codes") {
    TempDir dir;
    Store store = create_store(dir / "a.db");
    SQLite::Database other((dir / "a.db").string(), SQLite::OPEN_READWRITE);
    other.setBusyTimeout(0);
    store.db().setBusyTimeout(0);
    other.exec("BEGIN IMMEDIATE");
    CHECK_THROWS_AS(store.transaction([] {}), nacsa::LockedError);
    other.exec("ROLLBACK");
    CHECK_THROWS_AS(store.transaction([&] { store.db().exec("INSERT INTO nowhere VALUES (1)"); }),
                    nacsa::StoreError);
}

TEST_CASE("check_store reports damage as findings, and a missing store as an error") {
    TempDir dir;
    const auto path = dir / "a.db";
    (void)create_store(path);
    CHECK(nacsa::store::check_store(path, k_actor).empty());

    ::chmod(path.c_str(), 0644);
    auto findings = nacsa::store::check_store(path, k_actor);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].rule == "file-mode");
    CHECK(findings[0].message.find("has mode 0644") != std::string::npos);
    ::chmod(path.c_str(), 0600);

    SQLite::Database(path.string(), SQLite::OPEN_READWRITE).exec("DELETE FROM config");
    findings = nacsa::store::check_store(path, k_actor);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].rule == "config");

    CHECK_THROWS_AS((void)nacsa::store::check_store(dir / "missing.db", k_actor),
                    nacsa::InputError);
    CHECK_THROWS_AS((void)nacsa::store::check_store(dir.path(), k_actor), nacsa::InputError);
}

TEST_CASE("backup_store writes a consistent 0600 copy and never overwrites") {
    TempDir dir;
    const Umask open_to_all(0);
    Store store = create_store(dir / "a.db");
    const auto copy = dir / "copy.db";
    nacsa::store::backup_store(store, copy);
    CHECK(nacsa::files::file_mode(copy) == 0600);
    {
        SQLite::Database backup(copy.string(), SQLite::OPEN_READONLY);
        CHECK(backup.execAndGet("PRAGMA integrity_check").getString() == "ok");
        CHECK(backup.execAndGet("PRAGMA journal_mode").getString() == "delete");
        CHECK(backup.execAndGet("SELECT yaml FROM config").getString() ==
              nacsa::config::default_alliance_yaml());
    }
    CHECK_THROWS_AS(nacsa::store::backup_store(store, copy), nacsa::CantCreateError);
    CHECK_THROWS_AS(nacsa::store::backup_store(store, dir / "no" / "such" / "dir.db"),
                    nacsa::CantCreateError);
    // Nothing left behind: only the store, its WAL files and the copy.
    int files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
        CHECK_MESSAGE(entry.path().filename().string().front() != '.', entry.path().string());
        ++files;
    }
    CHECK(files <= 4);
}

TEST_CASE("list_audit filters by date, kind and record, oldest first, and keeps the last N") {
    TempDir dir;
    Store store = create_store(dir / "a.db");
    store.transaction([&] {
        store.db().exec(
            "INSERT INTO audit (at, os_user, command, record_kind, record_id, summary) VALUES "
            "('2026-01-10T09:00:00Z', 'ana', 'member add', 'member', 'm1', 'added'),"
            "('2026-02-01T00:00:00Z', 'ana', 'member edit', 'member', 'm1', 'edited'),"
            "('2026-02-15T23:59:59Z', 'luis', 'config apply', 'config', 'ANSC Chile', 'updated')");
    });
    nacsa::store::AuditQuery q;
    q.since = nacsa::parse_date("2026-02-01");
    q.until = nacsa::parse_date("2026-02-15");
    auto entries = nacsa::store::list_audit(store, q);
    REQUIRE(entries.size() == 2);
    CHECK(entries[0].summary == "edited");
    CHECK(entries[1].os_user == "luis");
    q = {};
    q.record_kind = "member";
    CHECK(nacsa::store::list_audit(store, q).size() == 2);
    q = {};
    q.record_id = "m1";
    q.limit = 1;
    entries = nacsa::store::list_audit(store, q);
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].summary == "edited");
}

TEST_CASE("an acknowledged finding is left out until the end of its last day, then counts again") {
    nacsa::testing::StoreFixture fx;
    auto& store = fx.store();
    using nacsa::output::Finding;
    using nacsa::output::Severity;
    const std::vector<Finding> findings{
        Finding{Severity::error, "seat-count", "", "too few seats", {}, {}, {}},
        Finding{Severity::error, "theme-without-seat", "firearms", "no firearms seat", {}, {}, {}},
    };
    const nacsa::Date today = store.today();
    // A key that is not a finding now is refused: a typo is not kept for ever.
    CHECK_THROWS_AS(nacsa::store::acknowledge(store, "committee", "theme-without-seat:drugs", "x",
                                              std::nullopt, findings),
                    nacsa::NotFoundError);
    CHECK_THROWS_AS(
        nacsa::store::acknowledge(store, "committee", "seat-count", "  ", std::nullopt, findings),
        nacsa::ValidationError);
    nacsa::store::acknowledge(store, "committee", "theme-without-seat:firearms", "no such member",
                              today, findings);
    auto result = nacsa::store::apply_acknowledgements(store, "committee", findings, today, false);
    REQUIRE(result.shown.size() == 1);
    CHECK(result.shown[0].rule == "seat-count");
    CHECK(result.silenced == 1);
    CHECK(nacsa::output::has_errors(result.shown));
    // --all shows it, marked, and it does not count for the exit status.
    result = nacsa::store::apply_acknowledgements(store, "committee", {findings[1]}, today, true);
    REQUIRE(result.shown.size() == 1);
    CHECK(result.shown[0].acknowledged.find("no such member") != std::string::npos);
    CHECK_FALSE(nacsa::output::has_errors(result.shown));
    // Another area's check is not affected; the day after `until` it counts again.
    CHECK(nacsa::store::apply_acknowledgements(store, "wg", findings, today, false).silenced == 0);
    const nacsa::Date tomorrow{std::chrono::sys_days{today} + std::chrono::days{1}};
    CHECK(nacsa::store::apply_acknowledgements(store, "committee", findings, tomorrow, false)
              .silenced == 0);
    nacsa::store::withdraw_acknowledgement(store, "committee", "theme-without-seat:firearms");
    CHECK_THROWS_AS(
        nacsa::store::withdraw_acknowledgement(store, "committee", "theme-without-seat:firearms"),
        nacsa::NotFoundError);
}

TEST_CASE("contains() answers as instr() > 0, for every needle at every place") {
    TempDir dir;
    Store store = create_store(dir / "a.db");
    SQLite::Statement q(store.db(), "SELECT contains(?1, ?2), instr(?1, ?2) > 0");
    // Few letters, so that needles often start or end as they do in the text; a NUL and a unit
    // separator as bytes like the others; haystacks around the 16 bytes compared at a time.
    const std::string letters = std::string("ab\x1f") + '\0';
    std::uint32_t seed = 21;
    const auto random_text = [&](std::size_t size) {
        std::string out;
        for (std::size_t i = 0; i < size; ++i) {
            seed = seed * 1664525U + 1013904223U;
            out += letters[(seed >> 16) % letters.size()];
        }
        return out;
    };
    int found = 0;
    for (std::size_t size = 0; size <= 70; ++size) {
        for (int round = 0; round < 30; ++round) {
            const std::string haystack = random_text(size);
            seed = seed * 1664525U + 1013904223U;
            const std::size_t length = (seed >> 16) % 9;
            // Half of the needles are cut from the haystack, at its start, end or inside.
            std::string needle = random_text(length);
            if (round % 2 == 0 && length <= size) {
                needle = haystack.substr((seed >> 8) % (size - length + 1), length);
            }
            q.reset();
            q.bind(1, haystack);
            q.bind(2, needle);
            REQUIRE(q.executeStep());
            CHECK_MESSAGE(q.getColumn(0).getInt() == q.getColumn(1).getInt(),
                          "size " << size << " needle length " << length);
            found += q.getColumn(0).getInt();
        }
    }
    CHECK(found > 1000);
    q.reset();
    q.bind(1);
    q.bind(2, std::string("a"));
    REQUIRE(q.executeStep());
    CHECK(q.getColumn(0).isNull());
}
