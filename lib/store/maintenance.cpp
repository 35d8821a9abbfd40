#include "store/maintenance.hpp"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

#include "core/error.hpp"
#include "core/files.hpp"

namespace nacsa::store {

namespace fs = std::filesystem;
using output::Finding;
using output::Severity;

std::vector<Finding> check_store(const fs::path& path, const Actor& actor) {
    std::vector<Finding> findings;
    auto error = [&](std::string rule, std::string message) {
        findings.push_back(Finding{Severity::error, std::move(rule), path.string(), std::move(message)});
    };
    for (const auto* suffix : {"", "-wal", "-shm"}) {
        const fs::path file = path.string() + suffix;
        const int mode = files::file_mode(file);
        if (mode >= 0 && (mode & 077) != 0) {
            error("file-mode", fmt::format("{} has mode {:04o}; it holds personal data and must be 0600 "
                                           "(chmod 600 {})",
                                           file.string(), mode, file.string()));
        }
    }
    try {
        Store store = Store::open_any_version(path, Access::read_only, actor);
        auto& db = store.db();
        {
            SQLite::Statement q(db, "PRAGMA integrity_check");
            while (q.executeStep()) {
                const auto line = q.getColumn(0).getString();
                if (line != "ok") {
                    error("integrity", fmt::format("integrity check: {}", line));
                }
            }
        }
        {
            SQLite::Statement q(db, "PRAGMA foreign_key_check");
            int count = 0;
            while (q.executeStep()) {
                if (++count <= 20) {
                    error("foreign-key", fmt::format("row {} of table {} refers to a missing row of {}",
                                                     q.getColumn(1).getInt64(), q.getColumn(0).getString(),
                                                     q.getColumn(2).getString()));
                }
            }
            if (count > 20) {
                error("foreign-key", fmt::format("... and {} more rows with broken references", count - 20));
            }
        }
        const int version = store.schema_version();
        const int latest = latest_schema_version();
        if (version > latest) {
            error("schema-version", fmt::format("schema version {} is newer than this nacsa knows ({})", version, latest));
        } else if (version < latest) {
            error("schema-version",
                  fmt::format("schema version {} is older than this nacsa's ({}); run `nacsa db migrate`", version, latest));
        }
        try {
            (void)store.alliance();
        } catch (const DiagnosticError& e) {
            error("config", fmt::format("the stored configuration is invalid: {}", e.what()));
        } catch (const Error& e) {
            error("config", e.what());
        }
    } catch (const Error& e) {
        error("open", e.what());
    } catch (const std::exception& e) {
        error("open", fmt::format("cannot read the store: {}", e.what()));
    }
    return findings;
}

void backup_store(Store& store, const fs::path& destination) {
    if (fs::exists(destination)) {
        throw CantCreateError(fmt::format("{}: already exists; nacsa db backup never overwrites a file", destination.string()));
    }
    const fs::path dir = destination.has_parent_path() ? destination.parent_path() : fs::path(".");
    if (!fs::is_directory(dir)) {
        throw CantCreateError(fmt::format("{}: the folder {} does not exist", destination.string(), dir.string()));
    }
    std::string tmpl = (dir / fmt::format(".{}.XXXXXX", destination.filename().string())).string();
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0) {
        throw CantCreateError(fmt::format("{}: cannot create: {}", destination.string(), std::strerror(errno)));
    }
    ::fchmod(fd, 0600);
    ::close(fd);
    try {
        {
            SQLite::Database target(tmpl, SQLite::OPEN_READWRITE);
            SQLite::Backup backup(target, store.db());
            // Copy in steps; if another process writes meanwhile, SQLite restarts the copy so the
            // result is a consistent snapshot.
            int rc = SQLITE_OK;
            do {
                rc = backup.executeStep(256);
                if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
                    ::usleep(20000);
                }
            } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
            target.exec("PRAGMA journal_mode = DELETE");
        }
        files::make_owner_only(tmpl);
        fs::rename(tmpl, destination);
    } catch (const SQLite::Exception& e) {
        std::error_code ec;
        fs::remove(tmpl, ec);
        rethrow_sqlite(e, destination);
    } catch (...) {
        std::error_code ec;
        fs::remove(tmpl, ec);
        throw;
    }
}

std::vector<AuditEntry> list_audit(Store& store, const AuditQuery& query) {
    std::string sql = "SELECT id, at, os_user, command, record_kind, record_id, summary FROM audit WHERE 1";
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
        out.push_back(AuditEntry{q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                                 q.getColumn(3).getString(), q.getColumn(4).getString(), q.getColumn(5).getString(),
                                 q.getColumn(6).getString()});
    }
    return out;
}

}  // namespace nacsa::store
