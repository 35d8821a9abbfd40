// SPDX-License-Identifier: Apache-2.0
// The session extension (sqlite3session_*, sqlite3changeset_*), which Debian's libsqlite3 is
// built with: Store::erasure reverts an erasure whose old pages cannot leave the disk.
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1

#include "store/store.hpp"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <pwd.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>

#include "core/embedded.hpp"
#include "core/error.hpp"
#include "core/files.hpp"
#include "core/time.hpp"
#include "store/sql.hpp"

namespace nacsa::store {

namespace fs = std::filesystem;

namespace {

constexpr int k_default_busy_timeout_ms = 10000;

int busy_timeout_ms() {
    if (const char* value = std::getenv("NACSA_BUSY_TIMEOUT"); value != nullptr && *value != '\0') {
        char* end = nullptr;
        const long ms = std::strtol(value, &end, 10);
        if (end != nullptr && *end == '\0' && ms >= 0) {
            return static_cast<int>(ms);
        }
    }
    return k_default_busy_timeout_ms;
}

// Whether `needle` (two bytes or more) occurs in `haystack`. With SSE2 (every x86-64), 16
// positions at a time are tested on the needle's first and last bytes, and only where both
// agree on the bytes between (W. Mula's "SIMD-friendly algorithms for substring searching"):
// in a search's rows most positions fail on both, and glibc's memmem spent 2.3 instructions a
// byte on them.
bool occurs(const char* haystack, std::size_t size, const char* needle, std::size_t length) {
    std::size_t i = 0;
#if defined(__SSE2__)
    const __m128i first = _mm_set1_epi8(needle[0]);
    const __m128i last = _mm_set1_epi8(needle[length - 1]);
    // The positions from `at` to at + 15 whose first and last bytes match, as bits.
    const auto candidates = [&](std::size_t at) {
        const __m128i at_first = _mm_loadu_si128(reinterpret_cast<const __m128i*>(haystack + at));
        const __m128i at_last =
            _mm_loadu_si128(reinterpret_cast<const __m128i*>(haystack + at + length - 1));
        return static_cast<unsigned>(_mm_movemask_epi8(
            _mm_and_si128(_mm_cmpeq_epi8(at_first, first), _mm_cmpeq_epi8(at_last, last))));
    };
    const auto verified = [&](std::size_t at, unsigned mask) {
        while (mask != 0) {
            const auto bit = static_cast<std::size_t>(__builtin_ctz(mask));
            if (std::memcmp(haystack + at + bit + 1, needle + 1, length - 2) == 0) {
                return true;
            }
            mask &= mask - 1;
        }
        return false;
    };
    const std::size_t positions = size - length + 1;
    if (positions >= 16) {
        for (; i + 16 <= positions; i += 16) {
            if (verified(i, candidates(i))) {
                return true;
            }
        }
        // The last positions: the last 16, less those already tested.
        if (i < positions) {
            const std::size_t at = positions - 16;
            return verified(at, candidates(at) & (~0U << (i - at)));
        }
        return false;
    }
#endif
    for (; i + length <= size; ++i) {  // fewer than 16 positions
        if (haystack[i] == needle[0] &&
            std::memcmp(haystack + i + 1, needle + 1, length - 1) == 0) {
            return true;
        }
    }
    return false;
}

// contains(haystack, needle): 1 when needle occurs in haystack, byte for byte, else 0 (NULL when
// either is NULL); what instr(haystack, needle) > 0 answers, without its work: instr compares
// the whole needle at every position, and was most of a --search's time.
void contains(sqlite3_context* context, int /*argc*/, sqlite3_value** argv) {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
        sqlite3_result_null(context);
        return;
    }
    // Text as stored (no conversion): nacsa's stores are UTF-8.
    const auto* haystack = static_cast<const char*>(sqlite3_value_blob(argv[0]));
    const auto size = static_cast<std::size_t>(sqlite3_value_bytes(argv[0]));
    const auto* needle = static_cast<const char*>(sqlite3_value_blob(argv[1]));
    const auto length = static_cast<std::size_t>(sqlite3_value_bytes(argv[1]));
    bool found = length == 0;
    if (length == 1) {
        found = size > 0 && std::memchr(haystack, needle[0], size) != nullptr;
    } else if (length > 1 && length <= size) {
        found = occurs(haystack, size, needle, length);
    }
    sqlite3_result_int(context, found ? 1 : 0);
}

void configure(SQLite::Database& db, Access access) {
    db.setBusyTimeout(busy_timeout_ms());
    db.createFunction("contains", 2, true, nullptr, contains);
    db.exec("PRAGMA foreign_keys = ON");
    if (access == Access::read_write) {
        db.exec("PRAGMA synchronous = NORMAL");
        // Deleted and overwritten content is zeroed on disk, so that personal data erased on
        // request (member forget, contact remove) does not linger in free pages of the file.
        db.exec("PRAGMA secure_delete = ON");
    }
}

}  // namespace

int latest_schema_version() {
    return static_cast<int>(embedded::migrations().size());
}

std::string current_os_user() {
    if (const passwd* pw = ::getpwuid(::geteuid()); pw != nullptr && pw->pw_name != nullptr) {
        return pw->pw_name;
    }
    return fmt::format("uid:{}", ::geteuid());
}

void rethrow_sqlite(const std::exception& e, const fs::path& path) {
    if (const auto* error = dynamic_cast<const Error*>(&e)) {
        throw *error;
    }
    int code = SQLITE_ERROR;
    if (const auto* se = dynamic_cast<const SQLite::Exception*>(&e)) {
        code = se->getErrorCode();
    }
    const std::string where = path.empty() ? std::string("the store") : path.string();
    switch (code & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            throw LockedError(
                msg("{}: the store is locked by another nacsa process; try again later", where));
        case SQLITE_FULL:
            throw StoreError(msg("{}: the disk is full; nothing was written", where));
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            throw StoreError(
                msg("{}: the file is not a nacsa store or is damaged ({})", where, e.what()));
        case SQLITE_CANTOPEN:
            throw StoreError(msg("{}: cannot open the store ({})", where, e.what()));
        case SQLITE_READONLY:
            throw StoreError(msg("{}: the store is read-only ({})", where, e.what()));
        case SQLITE_IOERR:
            // Also what a write past the file size limit (ulimit -f) gives.
            throw StoreError(
                msg("{}: I/O error ({}); nothing was changed: check the disk, its free space "
                    "and the file size limit",
                    where, e.what()));
        default:
            throw StoreError(msg("{}: database error: {}", where, e.what()));
    }
}

namespace {

// Set before SQLite starts (it refuses afterwards): nacsa reads no memory statistics, and
// keeping them takes a global mutex on every allocation SQLite makes.
int sqlite_flags(int flags) {
    static const bool configured = [] {
        (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        return true;
    }();
    (void)configured;
    // Each connection is used by one thread only: no per-call mutex either.
    return flags | SQLite::OPEN_NOMUTEX;
}

// Switches the journal mode to `mode` ("wal", "delete") without waiting for other
// connections; whether it now is that.
bool switch_journal(SQLite::Database& db, const char* mode) {
    sqlite3_busy_timeout(db.getHandle(), 0);
    bool switched = false;
    try {
        switched = db.execAndGet(fmt::format("PRAGMA journal_mode = {}", mode)).getString() == mode;
    } catch (const SQLite::Exception&) {
        // SQLITE_BUSY: another connection has the store open.
    }
    db.setBusyTimeout(busy_timeout_ms());
    return switched;
}

// A store is in WAL mode. bulk_transaction() leaves it while it runs, and may not get it back
// (another process in the way, or killed): a store opened for writing gets it back, if no
// other process is in the way (the next command that opens it tries again).
void keep_wal(SQLite::Database& db) {
    if (db.execAndGet("PRAGMA journal_mode").getString() != "wal") {
        (void)switch_journal(db, "wal");
    }
}

// A first load that was killed or lost power leaves its rollback journal beside the store
// (bulk_transaction), which a read-only connection cannot roll back ("attempt to write a
// readonly database"): a read-write one does it first, when this user may write the store.
// Without waiting: a journal that needs rolling back has no process holding the store, and
// one that is in use belongs to a load still running, which the read-only open then waits
// for as for any writer.
void roll_back_interrupted_load(const fs::path& path) {
    std::error_code ec;
    const auto size = fs::file_size(path.string() + "-journal", ec);
    if (ec || size == 0) {
        return;
    }
    try {
        SQLite::Database db(path.string(), sqlite_flags(SQLite::OPEN_READWRITE));
        (void)db.execAndGet("SELECT count(*) FROM sqlite_schema");
        keep_wal(db);
    } catch (const SQLite::Exception&) {
        // Not writable by this user, or a load still running: the read-only open says so.
    }
}

}  // namespace

struct Store::Impl {
    Impl(const fs::path& p, int flags, Actor a)
        : guard(p), path(p), db(p.string(), sqlite_flags(flags)), actor(std::move(a)) {}
    files::StoreGuard guard;  // no output replaces the store while it is open
    fs::path path;
    SQLite::Database db;
    Actor actor;
    std::optional<config::Alliance> alliance;
    int depth = 0;  // transaction() calls running (nested ones are savepoints)
};

Store::Store(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

SQLite::Database& Store::db() {
    return m_impl->db;
}
const fs::path& Store::path() const {
    return m_impl->path;
}
const Actor& Store::actor() const {
    return m_impl->actor;
}

int Store::schema_version() {
    return m_impl->db.execAndGet("PRAGMA user_version").getInt();
}

void Store::map_for_scan() {
    m_impl->db.exec("PRAGMA mmap_size = 1073741824");
}

Store Store::with_schema(const fs::path& path, const Actor& actor) {
    Store store(std::make_unique<Impl>(path, SQLite::OPEN_READWRITE, actor));
    configure(store.db(), Access::read_write);
    store.db().exec("PRAGMA journal_mode = WAL");
    store.migrate();
    return store;
}

Store Store::create(const fs::path& path, const std::string& config_yaml,
                    const std::string& config_file_name, const Actor& actor,
                    const std::function<void(Store&)>& set_up) {
    // Validate before anything touches the disk.
    (void)config::parse_alliance(config_yaml, config_file_name);
    if (path.has_parent_path() && !fs::exists(path.parent_path())) {
        files::create_private_directories(path.parent_path());
    }
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST) {
            std::error_code ec;
            if (fs::is_symlink(fs::symlink_status(path, ec))) {
                const auto target = fs::read_symlink(path, ec);
                throw CantCreateError(
                    msg("{}: is a symbolic link (to {}{}); nacsa init creates a store only where "
                        "nothing is: give the real path with --db, or another one",
                        path.string(), target.string(),
                        fs::exists(path, ec) ? "" : ", which does not exist"));
            }
            throw CantCreateError(
                msg("{}: a store already exists here; nacsa init never overwrites one (use "
                    "another --db path)",
                    path.string()));
        }
        throw CantCreateError(
            msg("{}: cannot create the store: {}", path.string(), std::strerror(errno)));
    }
    ::fchmod(fd, 0600);
    ::close(fd);
    try {
        Store store = with_schema(path, actor);
        store.transaction([&] {
            SQLite::Statement meta(store.db(), "INSERT INTO meta (key, value) VALUES (?, ?)");
            for (const auto& [key, value] :
                 {std::pair<std::string, std::string>{"created_at", format_timestamp(now())},
                  {"created_by", actor.user}}) {
                meta.bind(1, key);
                meta.bind(2, value);
                meta.exec();
                meta.reset();
            }
            store.replace_config(config_yaml, config_file_name);
            store.audit("store", path.filename().string(), "created the store");
            if (set_up) {
                set_up(store);
            }
        });
        return store;
    } catch (...) {
        std::error_code ec;
        for (const auto* suffix : {"", "-wal", "-shm", "-journal"}) {
            fs::remove(path.string() + suffix, ec);
        }
        try {
            throw;
        } catch (const SQLite::Exception& e) {
            rethrow_sqlite(e, path);
        }
    }
}

Store Store::build(const fs::path& path, const Actor& actor,
                   const std::function<void(Store&)>& fill) {
    try {
        Store store = with_schema(path, actor);
        // Every table is filled in one go, its indexes with it: a page cache that holds them
        // (64 MB at most) instead of reading each page back from the system (db load of
        // 100,000 members: 6.8 s and 90 MB at its peak, 12.7 s and 16 MB with the default 2 MB).
        store.db().exec("PRAGMA cache_size = -65536");
        store.transaction([&] { fill(store); });
        return store;
    } catch (const SQLite::Exception& e) {
        rethrow_sqlite(e, path);
    }
}

Store Store::open_any_version(const fs::path& path, Access access, const Actor& actor) {
    std::error_code ec;
    // SQLite refuses a -wal, -shm or -journal that is a link or not a file ("unable to open
    // database file"): say which, and why it matters (it would redirect the store's writes).
    for (const auto* suffix : {"-wal", "-shm", "-journal"}) {
        const fs::path companion = path.string() + suffix;
        const auto companion_status = fs::symlink_status(companion, ec);
        if (!ec && fs::exists(companion_status) && !fs::is_regular_file(companion_status)) {
            throw StoreError(msg(
                "{}: is {} beside the store, where SQLite keeps its own file; it will not open the "
                "store so (someone may have put it there to redirect the store's writes): remove "
                "it (rm {}) when no nacsa is running",
                companion.string(),
                fs::is_symlink(companion_status) ? msg("a symbolic link")
                                                 : msg("not a regular file"),
                companion.string()));
        }
    }
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
        throw InputError(
            msg("{}: no store here (create one with `nacsa init`, or give --db)", path.string()));
    }
    if (fs::is_directory(status)) {
        throw InputError(msg("{}: is a directory, not a store", path.string()));
    }
    try {
        const int flags =
            access == Access::read_only ? SQLite::OPEN_READONLY : SQLite::OPEN_READWRITE;
        if (access == Access::read_only) {
            roll_back_interrupted_load(path);
        }
        Store store(std::make_unique<Impl>(path, flags, actor));
        configure(store.db(), access);
        // Reading the schema catches files that are not SQLite databases at all.
        const int tables = store.db().execAndGet("SELECT count(*) FROM sqlite_schema").getInt();
        if (tables == 0 || !store.db().tableExists("meta")) {
            throw StoreError(msg("{}: not a nacsa store (no nacsa tables in it)", path.string()));
        }
        if (access == Access::read_write) {
            keep_wal(store.db());
        }
        return store;
    } catch (const SQLite::Exception& e) {
        rethrow_sqlite(e, path);
    }
}

Store Store::open(const fs::path& path, Access access, const Actor& actor) {
    Store store = open_any_version(path, access, actor);
    const int version = store.schema_version();
    const int latest = latest_schema_version();
    if (version > latest) {
        throw StoreError(
            msg("{}: the store has schema version {}, made by a newer nacsa; this nacsa "
                "knows up to version {} "
                "(upgrade nacsa)",
                path.string(), version, latest));
    }
    if (version < latest) {
        throw StoreError(
            msg("{}: the store has schema version {}, this nacsa needs version {}; back it up with "
                "`nacsa db backup FILE`, then run `nacsa db migrate`",
                path.string(), version, latest));
    }
    return store;
}

std::vector<int> Store::migrate() {
    std::vector<int> applied;
    const auto migrations = embedded::migrations();
    const int current = schema_version();
    if (current > static_cast<int>(migrations.size())) {
        throw StoreError(msg("{}: the store has schema version {}, made by a newer nacsa",
                             path().string(), current));
    }
    for (int version = current + 1; version <= static_cast<int>(migrations.size()); ++version) {
        transaction([&] {
            db().exec(std::string(migrations[static_cast<std::size_t>(version - 1)].content));
            db().exec(fmt::format("PRAGMA user_version = {}", version));
            if (current > 0) {
                audit("store", path().filename().string(),
                      fmt::format("migrated to schema version {}", version));
            }
        });
        applied.push_back(version);
    }
    return applied;
}

void Store::transaction(const std::function<void()>& work) {
    struct Depth {
        int& depth;
        explicit Depth(int& d) : depth(++d) {}
        ~Depth() { --depth; }
        Depth(const Depth&) = delete;
        Depth& operator=(const Depth&) = delete;
    };
    try {
        if (m_impl->depth > 0) {
            // Inside another use case: a savepoint, committed or rolled back with it.
            const std::string name = fmt::format("nacsa_{}", m_impl->depth);
            db().exec("SAVEPOINT " + name);
            try {
                const Depth depth(m_impl->depth);
                work();
            } catch (...) {
                try {
                    db().exec("ROLLBACK TO " + name);
                    db().exec("RELEASE " + name);
                } catch (const SQLite::Exception&) {
                    // SQLite already rolled the whole transaction back (disk full, I/O error).
                }
                throw;
            }
            db().exec("RELEASE " + name);
            return;
        }
        SQLite::Transaction tx(db(), SQLite::TransactionBehavior::IMMEDIATE);
        {
            const Depth depth(m_impl->depth);
            work();
        }
        tx.commit();
    } catch (const SQLite::Exception& e) {
        rethrow_sqlite(e, path());
    }
}

void Store::bulk_transaction(const std::function<void()>& work) {
    if (in_transaction()) {
        transaction(work);
        return;
    }
    try {
        if (!switch_journal(db(), "delete")) {
            transaction(work);
            return;
        }
        db().exec("PRAGMA synchronous = FULL");
    } catch (const SQLite::Exception& e) {
        rethrow_sqlite(e, path());
    }
    // However `work` ends: the write-ahead log back, waiting for other processes as long as
    // the busy timeout says (the next open tries again otherwise).
    class BackToWal {
      public:
        explicit BackToWal(SQLite::Database& db) : m_db(db) {}
        BackToWal(const BackToWal&) = delete;
        BackToWal& operator=(const BackToWal&) = delete;
        ~BackToWal() {
            try {
                m_db.exec("PRAGMA synchronous = NORMAL");
                m_db.exec("PRAGMA journal_mode = WAL");
            } catch (const SQLite::Exception&) {
                // Busy: keep_wal() at the next open.
            }
        }

      private:
        SQLite::Database& m_db;
    } back(db());
    transaction(work);
}

void Store::snapshot(const std::function<void()>& work) {
    try {
        SQLite::Transaction tx(db(), SQLite::TransactionBehavior::DEFERRED);
        work();
        tx.commit();
    } catch (const SQLite::Exception& e) {
        rethrow_sqlite(e, path());
    }
}

bool Store::in_transaction() const {
    return m_impl->depth > 0;
}

Date Store::today() {
    return nacsa::today(alliance().time_zone);
}

const config::Alliance& Store::alliance() {
    if (!m_impl->alliance) {
        SQLite::Statement q(db(), "SELECT yaml, file_name FROM config ORDER BY id DESC LIMIT 1");
        if (!q.executeStep()) {
            throw StoreError(msg("{}: the store holds no alliance configuration", path().string()));
        }
        m_impl->alliance =
            config::parse_alliance(q.getColumn(0).getString(), "(stored configuration)");
    }
    return *m_impl->alliance;
}

std::string Store::config_yaml() {
    SQLite::Statement q(db(), "SELECT yaml FROM config ORDER BY id DESC LIMIT 1");
    if (!q.executeStep()) {
        throw StoreError(msg("{}: the store holds no alliance configuration", path().string()));
    }
    return q.getColumn(0).getString();
}

void Store::replace_config(const std::string& yaml_text, const std::string& file_name) {
    auto parsed = config::parse_alliance(yaml_text, file_name);
    SQLite::Statement insert(db(),
                             "INSERT INTO config (yaml, file_name, applied_at) VALUES (?, ?, ?)");
    insert.bind(1, yaml_text);
    insert.bind(2, fs::path(file_name).filename().string());
    insert.bind(3, format_timestamp(now()));
    insert.exec();
    m_impl->alliance = std::move(parsed);
}

namespace {

// The changes made to every table of a connection while it lives (SQLite's session extension),
// so that they can be reverted after they were committed.
class ChangeRecorder {
  public:
    explicit ChangeRecorder(sqlite3* db) : m_db(db) {
        check(sqlite3session_create(db, "main", &m_session));
        check(sqlite3session_attach(m_session, nullptr));  // every table (all have a key)
    }
    ~ChangeRecorder() {
        if (m_session != nullptr) {  // sqlite3session_delete does not take a null pointer
            sqlite3session_delete(m_session);
        }
    }
    ChangeRecorder(const ChangeRecorder&) = delete;
    ChangeRecorder& operator=(const ChangeRecorder&) = delete;
    ChangeRecorder(ChangeRecorder&&) = delete;
    ChangeRecorder& operator=(ChangeRecorder&&) = delete;

    // Stops recording and reverts what was recorded (inside the caller's transaction). A row
    // another process changed in between aborts the revert (SQLite::Exception).
    void revert() {
        int size = 0;
        void* changes = nullptr;
        check(sqlite3session_changeset(m_session, &size, &changes));
        sqlite3session_delete(m_session);
        m_session = nullptr;
        int inverse_size = 0;
        void* inverse = nullptr;
        const int inverted = sqlite3changeset_invert(size, changes, &inverse_size, &inverse);
        sqlite3_free(changes);
        check(inverted);
        const int applied = sqlite3changeset_apply(
            m_db, inverse_size, inverse, nullptr,
            [](void*, int, sqlite3_changeset_iter*) { return SQLITE_CHANGESET_ABORT; }, nullptr);
        sqlite3_free(inverse);
        check(applied);
    }

  private:
    void check(int rc) const {
        if (rc != SQLITE_OK) {
            throw SQLite::Exception(m_db, rc);
        }
    }
    sqlite3* m_db;
    sqlite3_session* m_session = nullptr;
};

// Copies the write-ahead log into the store and truncates it; false when a reader of an older
// state kept it from finishing within the busy timeout.
bool checkpoint_all(sqlite3* db) {
    const int rc =
        sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
        return false;
    }
    if (rc != SQLITE_OK) {
        throw SQLite::Exception(db, rc);
    }
    return true;
}

}  // namespace

void Store::erasure(const std::function<void()>& work) {
    if (in_transaction()) {
        throw std::logic_error("Store::erasure called inside a transaction");
    }
    sqlite3* handle = db().getHandle();
    std::optional<ChangeRecorder> recorder;
    try {
        recorder.emplace(handle);
    } catch (const SQLite::Exception& e) {
        rethrow_sqlite(e, path());
    }
    transaction(work);
    try {
        if (checkpoint_all(handle)) {
            return;
        }
    } catch (const SQLite::Exception& e) {
        rethrow_sqlite(e, path());
    }
    const std::string why = fmt::format(
        "{}: another process is reading the store, so the old copies of the erased personal data "
        "could not be removed from the file within the busy timeout ({} ms, NACSA_BUSY_TIMEOUT)",
        path().string(), busy_timeout_ms());
    try {
        transaction([&] { recorder->revert(); });
    } catch (const Error&) {
        throw LockedError(why +
                          "; undoing the erasure failed too, so it is recorded but not yet "
                          "complete: run the same command again when that process has "
                          "finished");
    }
    throw LockedError(why +
                      "; the erasure was undone and nothing changed: run the same command "
                      "again when that process has finished");
}

void Store::audit(std::string_view record_kind, std::string_view record_id,
                  std::string_view summary, std::optional<std::int64_t> contact_id) {
    if (!in_transaction()) {
        // A change recorded apart from the transaction that makes it could be kept without it.
        throw std::logic_error("Store::audit called outside Store::transaction");
    }
    SQLite::Statement insert(
        db(),
        "INSERT INTO audit (at, os_user, command, record_kind, record_id, summary, contact_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, format_timestamp(now()));
    insert.bind(2, m_impl->actor.user);
    insert.bind(3, m_impl->actor.command);
    insert.bind(4, std::string(record_kind));
    insert.bind(5, std::string(record_id));
    insert.bind(6, std::string(summary));
    store::bind(insert, 7, contact_id);
    insert.exec();
}

int Store::erase_audit_of_contact(std::int64_t contact_id) {
    SQLite::Statement scrub(
        db(), "UPDATE audit SET summary = 'personal data erased' WHERE contact_id = ?");
    scrub.bind(1, static_cast<int64_t>(contact_id));
    return scrub.exec();
}

}  // namespace nacsa::store
