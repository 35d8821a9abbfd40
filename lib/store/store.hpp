// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "config/alliance.hpp"
#include "core/time.hpp"

namespace nacsa::store {

// The schema version this nacsa writes: the number of migrations in lib/store/migrations/.
[[nodiscard]] int latest_schema_version();

enum class Access { read_only, read_write };

// Who is changing the store and with which command, for the audit log.
struct Actor {
    std::string user;     // the OS user
    std::string command;  // the command path, e.g. "member add" (never its arguments)
};

// An open alliance store: one SQLite file holding the configuration and every record.
class Store {
  public:
    // Creates a new store (mode 0600, WAL, foreign keys) holding the given configuration, and
    // runs `set_up` (the records the configuration implies: lib/workflows) in the transaction
    // that stores it: a failure leaves no file behind. Refuses an existing file:
    // CantCreateError (exit 73).
    static Store create(const std::filesystem::path& path, const std::string& config_yaml,
                        const std::string& config_file_name, const Actor& actor,
                        const std::function<void(Store&)>& set_up = {});

    // Builds a store in `path`, an empty file the caller made (db load's temporary): the
    // schema at this version, then `fill` in one transaction, which writes every row (meta,
    // configuration and audit log included: nothing is added of its own).
    static Store build(const std::filesystem::path& path, const Actor& actor,
                       const std::function<void(Store&)>& fill);
    // Opens an existing store. A missing file is InputError (66) and is never created; a file
    // that is not a store, or a store of another schema version, is StoreError (74).
    static Store open(const std::filesystem::path& path, Access access, const Actor& actor);

    // Opens a store whatever its schema version (for `db migrate` and `db check`).
    static Store open_any_version(const std::filesystem::path& path, Access access,
                                  const Actor& actor);

    Store(Store&&) noexcept;
    Store& operator=(Store&&) noexcept;
    ~Store();

    [[nodiscard]] SQLite::Database& db();
    [[nodiscard]] const std::filesystem::path& path() const;
    [[nodiscard]] int schema_version();
    // Reads the file through a memory map from now on (PRAGMA mmap_size, up to 1 GiB) instead
    // of a read() per page, for a command that scans a whole table (--search): on a virtual
    // machine the system calls of 3,500 page reads cost more than the search. The price: an
    // I/O error while reading a mapped page ends the program (SIGBUS) instead of failing it.
    void map_for_scan();

    // The alliance configuration stored in this store (parsed once, on first use).
    [[nodiscard]] const config::Alliance& alliance();
    [[nodiscard]] std::string config_yaml();
    // Replaces the stored configuration (inside the caller's transaction).
    void replace_config(const std::string& yaml_text, const std::string& file_name);

    // How lib/ writes (the one convention; cli/ never opens a transaction):
    // - Every public function of a module that changes the store is one use case: it reads
    //   what it decides on (the record before an edit, whether a seat is free, the next id),
    //   validates, allocates ids, INSERTs (an upsert only where a file's records are merged
    //   into the store on purpose), and audits, all inside one call of transaction(). That is
    //   BEGIN IMMEDIATE: the write lock is taken when the transaction starts, so two nacsa
    //   processes never decide on the same state, and nothing is read before it that the
    //   write depends on.
    // - A use case that spans modules (lib/workflows) opens the transaction and calls the
    //   modules' use cases inside it: their transaction() calls join it as savepoints, and
    //   the outer one commits all of it or none.
    // Commits when `work` returns, rolls back when it throws.
    void transaction(const std::function<void()>& work);
    // transaction(work) for a first load of many records into a store that has none of them
    // (member import): the store keeps a rollback journal instead of its write-ahead log
    // while `work` runs, so that each page written goes into the file once, not into the log
    // and then again into the file (a fifth of a 100,000-member import's time), and commits
    // with synchronous = FULL, as a rollback journal needs to survive a power loss. Only
    // when no other connection has the store open, which is tried without waiting: otherwise
    // it is transaction(work) as it is. Meanwhile other nacsa processes wait for the commit
    // (NACSA_BUSY_TIMEOUT) instead of reading the state before it. The write-ahead log comes
    // back when this returns or throws; when another process keeps it from coming back
    // within the busy timeout, or the import is killed, the next command that opens the
    // store for writing brings it back.
    void bulk_transaction(const std::function<void()>& work);
    // Runs `work` in one read transaction: what it reads is one state of the store, whatever
    // other processes write meanwhile (db dump).
    void snapshot(const std::function<void()>& work);
    // Whether a transaction() is running (audit() and writes must be inside one).
    [[nodiscard]] bool in_transaction() const;

    // Today in the alliance's time zone (or the day of SOURCE_DATE_EPOCH there).
    [[nodiscard]] Date today();

    // An erasure of personal data (member forget, contact remove), all or nothing: runs `work`
    // in a transaction(), then copies the write-ahead log into the store and empties it, so
    // that no older version of the erased pages stays on disk (secure_delete zeroes the freed
    // space). When that cannot complete within the busy timeout because another process is
    // still reading an older state of the store, the erasure is undone (the changes it made
    // are reverted, audit entries included) and LockedError (exit 75) says so: the command
    // exits non-zero and changes nothing, and can be run again once the reader has finished.
    // Must not be called inside a transaction.
    void erasure(const std::function<void()>& work);

    // Records a change in the audit log (call inside the transaction that makes the change).
    // `contact_id` links entries about a person so that `member forget` can erase them.
    void audit(std::string_view record_kind, std::string_view record_id, std::string_view summary,
               std::optional<std::int64_t> contact_id = std::nullopt);
    // Replaces the summaries of the audit entries linked to a contact, which may hold the
    // person's data, by "personal data erased" (erasure on request; inside its transaction).
    // Returns how many entries were scrubbed.
    int erase_audit_of_contact(std::int64_t contact_id);

    [[nodiscard]] const Actor& actor() const;

    // Applies pending migrations, each in its own transaction; returns the versions applied.
    std::vector<int> migrate();

  private:
    struct Impl;
    explicit Store(std::unique_ptr<Impl> impl);
    // The store in the empty file `path` (create's, build's): WAL, the schema at this version.
    static Store with_schema(const std::filesystem::path& path, const Actor& actor);
    std::unique_ptr<Impl> m_impl;
};

// Maps a SQLite failure to nacsa's errors: busy/locked -> LockedError (75), anything else ->
// StoreError (74) with the store's path and a plain explanation.
[[noreturn]] void rethrow_sqlite(const std::exception& e, const std::filesystem::path& path);

// The OS user running nacsa (for the audit log).
[[nodiscard]] std::string current_os_user();

}  // namespace nacsa::store
