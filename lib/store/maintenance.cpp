// SPDX-License-Identifier: Apache-2.0
#include "store/maintenance.hpp"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cstring>
#include <fstream>

#include "core/error.hpp"
#include "core/files.hpp"
#include "core/temporary.hpp"

namespace nacsa::store {

namespace fs = std::filesystem;
using output::Finding;
using output::Severity;

std::vector<Finding> check_store(const fs::path& path, const Actor& actor, const StoreCheck& more) {
    // Nothing to check is not a finding: the store is missing (66), as for every other command.
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
        throw InputError(
            msg("{}: no store here (create one with `nacsa init`, or give --db)", path.string()));
    }
    if (!fs::is_regular_file(status)) {
        throw InputError(
            msg("{}: is {}, not a store", path.string(),
                fs::is_directory(status) ? msg("a directory") : msg("not a regular file")));
    }
    std::vector<Finding> findings;
    // Each finding with its msgid and values, for the message language (output::finding).
    auto error = [&](std::string rule, const char* msgid, std::vector<output::FindingArg> args) {
        findings.push_back(output::finding(Severity::error, std::move(rule), path.string(), msgid,
                                           std::move(args)));
    };
    using output::arg;
    using output::N_;
    for (const auto* suffix : {"", "-wal", "-shm"}) {
        const fs::path file = path.string() + suffix;
        const int mode = files::file_mode(file);
        if (mode >= 0 && fs::is_regular_file(file, ec) && (mode & 077) != 0) {
            error("file-mode",
                  N_("{file} has mode {mode}; it holds personal data and must be 0600 (chmod 600 "
                     "{file})"),
                  {arg("file", file.string()), arg("mode", fmt::format("{:04o}", mode))});
        }
    }
    for (const auto& left : files::stale_temporaries(path.parent_path())) {
        error("leftover-temporary",
              N_("{file} is a temporary file a killed nacsa left behind (a backup, export or "
                 "report being written); it may hold personal data: remove it (rm {file})"),
              {arg("file", left.string())});
    }
    try {
        Store store = Store::open_any_version(path, Access::read_only, actor);
        auto& db = store.db();
        {
            SQLite::Statement q(db, "PRAGMA integrity_check");
            while (q.executeStep()) {
                const auto line = q.getColumn(0).getString();
                if (line != "ok") {
                    error("integrity", N_("integrity check: {detail}"), {arg("detail", line)});
                }
            }
        }
        {
            SQLite::Statement q(db, "PRAGMA foreign_key_check");
            int count = 0;
            while (q.executeStep()) {
                if (++count <= 20) {
                    error("foreign-key",
                          N_("row {row} of table {table} refers to a missing row of {parent}"),
                          {arg("row", q.getColumn(1).getInt64()),
                           arg("table", q.getColumn(0).getString()),
                           arg("parent", q.getColumn(2).getString())});
                }
            }
            if (count > 20) {
                error("foreign-key", N_("... and {count} more rows with broken references"),
                      {arg("count", count - 20)});
            }
        }
        const int version = store.schema_version();
        const int latest = latest_schema_version();
        if (version > latest) {
            error("schema-version",
                  N_("schema version {version} is newer than this nacsa knows ({latest})"),
                  {arg("version", version), arg("latest", latest)});
        } else if (version < latest) {
            error("schema-version",
                  N_("schema version {version} is older than this nacsa's ({latest}); run `nacsa "
                     "db migrate`"),
                  {arg("version", version), arg("latest", latest)});
        }
        try {
            (void)store.alliance();
        } catch (const DiagnosticError& e) {
            error("config", N_("the stored configuration is invalid: {detail}"),
                  {arg("detail", e.what())});
        } catch (const Error& e) {
            findings.push_back(Finding{Severity::error, "config", path.string(), e.what()});
        }
        if (more && version == latest) {
            for (auto& f : more(store)) {
                findings.push_back(std::move(f));
            }
        }
    } catch (const Error& e) {
        findings.push_back(Finding{Severity::error, "open", path.string(), e.what()});
    } catch (const std::exception& e) {
        error("open", N_("cannot read the store: {detail}"), {arg("detail", e.what())});
    }
    return findings;
}

namespace {

// Copies the store into the empty file `tmpl` (created by a files::Temporary) through SQLite's
// online backup API and checks the copy; `shown` names the destination in errors.
void copy_store_into(Store& store, const std::string& tmpl, const std::string& shown) {
    SQLite::Database target(tmpl, SQLite::OPEN_READWRITE);
    target.setBusyTimeout(5000);
    SQLite::Backup backup(target, store.db());
    // One step copies every page inside a single read transaction on the store: in WAL mode
    // writers go on meanwhile and the copy is the snapshot at the start. (Copying in several
    // steps would restart each time another process writes, possibly forever.)
    int rc = SQLITE_OK;
    for (int attempt = 0; attempt < 200; ++attempt) {
        rc = backup.executeStep(-1);
        if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) {
            break;
        }
        ::usleep(50000);
    }
    if (rc != SQLITE_DONE) {
        throw LockedError(
            msg("{}: the store stayed locked; try the backup again later", store.path().string()));
    }
    // A standalone file: no -wal beside it to lose when it is copied elsewhere.
    target.exec("PRAGMA journal_mode = DELETE");
    const auto check = target.execAndGet("PRAGMA quick_check").getString();
    if (check != "ok") {
        throw StoreError(msg("{}: the copy failed its check ({})", shown, check));
    }
}

}  // namespace

void backup_store(Store& store, const fs::path& destination) {
    files::check_output(destination.string());
    std::error_code ec;
    if (fs::exists(fs::symlink_status(destination, ec))) {
        throw CantCreateError(msg("{}: already exists; nacsa {} never overwrites a file",
                                  destination.string(), "db backup"));
    }
    const fs::path dir = destination.has_parent_path() ? destination.parent_path() : fs::path(".");
    if (!fs::is_directory(dir, ec)) {
        throw CantCreateError(
            msg("{}: the folder {} does not exist", destination.string(), dir.string()));
    }
    // Mode 0600 whatever the umask; removed with SQLite's files beside it on any failure or
    // interruption (core/temporary.hpp).
    files::Temporary temporary(destination);
    temporary.close();
    const std::string& tmpl = temporary.path();
    try {
        copy_store_into(store, tmpl, destination.string());
        files::make_owner_only(tmpl);
        files::place_new(temporary, destination, "db backup");
    } catch (const SQLite::Exception& e) {
        rethrow_sqlite(e, destination);
    }
}

void backup_store_to(Store& store, int fd) {
    const std::string shown = "standard output";
    // The copy is made in a private temporary file (mode 0600, in $TMPDIR or /tmp, removed on
    // any exit or interruption), checked, then streamed.
    std::error_code ec;
    fs::path dir = fs::temp_directory_path(ec);
    if (ec) {
        dir = "/tmp";
    }
    files::Temporary temporary(dir / "nacsa-backup.db");
    temporary.close();
    try {
        copy_store_into(store, temporary.path(), shown);
    } catch (const SQLite::Exception& e) {
        rethrow_sqlite(e, temporary.path());
    }
    std::ifstream in(temporary.path(), std::ios::binary);
    std::array<char, 1 << 16> buffer{};
    while (in) {
        in.read(buffer.data(), buffer.size());
        std::size_t left = static_cast<std::size_t>(in.gcount());
        const char* at = buffer.data();
        while (left > 0) {
            const ssize_t n = ::write(fd, at, left);
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n < 0) {
                throw StoreError(
                    msg("{}: cannot write the backup: {}", shown, std::strerror(errno)));
            }
            at += n;
            left -= static_cast<std::size_t>(n);
        }
    }
    if (in.bad()) {
        throw StoreError(msg("{}: cannot read the copy back", temporary.path()));
    }
}

std::vector<std::string> audit_record_kinds(Store& store) {
    SQLite::Statement q(store.db(), "SELECT DISTINCT record_kind FROM audit ORDER BY record_kind");
    std::vector<std::string> out;
    while (q.executeStep()) {
        out.push_back(q.getColumn(0).getString());
    }
    return out;
}

std::vector<AuditEntry> list_audit(Store& store, const AuditQuery& query) {
    std::string sql =
        "SELECT id, at, os_user, command, record_kind, record_id, summary FROM audit WHERE 1";
    if (query.since) {
        sql += " AND at >= :since";
    }
    if (query.until) {
        sql += " AND at < :until";
    }
    if (query.record_kind) {
        sql += " AND record_kind = :kind";
    }
    if (query.record_id) {
        sql += " AND record_id = :rid";
    }
    sql += " ORDER BY id";
    if (query.limit) {
        sql = fmt::format("SELECT * FROM ({} DESC LIMIT {}) ORDER BY id", sql, *query.limit);
    }
    SQLite::Statement q(store.db(), sql);
    if (query.since) {
        q.bind(":since", format_date(*query.since));
    }
    if (query.until) {
        q.bind(":until", format_date(add_days(*query.until, 1)));
    }
    if (query.record_kind) {
        q.bind(":kind", *query.record_kind);
    }
    if (query.record_id) {
        q.bind(":rid", *query.record_id);
    }
    std::vector<AuditEntry> out;
    while (q.executeStep()) {
        out.push_back(AuditEntry{q.getColumn(0).getInt64(), q.getColumn(1).getString(),
                                 q.getColumn(2).getString(), q.getColumn(3).getString(),
                                 q.getColumn(4).getString(), q.getColumn(5).getString(),
                                 q.getColumn(6).getString()});
    }
    return out;
}

}  // namespace nacsa::store
