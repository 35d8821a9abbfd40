// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "output/findings.hpp"
#include "store/store.hpp"

namespace nacsa::store {

// A later module's checks of a store at the current schema version (derived tables that must
// agree with the records they come from: members::check_search).
using StoreCheck = std::function<std::vector<output::Finding>(Store&)>;

// `nacsa db check`: integrity, foreign keys, schema version, configuration, file modes, then
// `more` when the store is at the current schema version. Never throws for a damaged store:
// the damage is a finding.
[[nodiscard]] std::vector<output::Finding> check_store(const std::filesystem::path& path,
                                                       const Actor& actor,
                                                       const StoreCheck& more = {});

// `nacsa db backup`: a consistent copy through SQLite's online backup API, even while another
// process writes; written to a temporary file, made 0600, then renamed into place.
void backup_store(Store& store, const std::filesystem::path& destination);
// The same copy written to a file descriptor (`nacsa db backup -`: standard output, for a pipe
// into gpg or ssh); made in a private temporary file first, so a failed copy writes nothing.
void backup_store_to(Store& store, int fd);

struct AuditEntry {
    std::int64_t id = 0;
    std::string at;
    std::string os_user;
    std::string command;
    std::string record_kind;
    std::string record_id;
    std::string summary;
};

struct AuditQuery {
    std::optional<Date> since;
    std::optional<Date> until;
    std::optional<std::string> record_kind;
    std::optional<std::string> record_id;
    std::optional<int> limit;
};

// Audit entries, oldest first.
[[nodiscard]] std::vector<AuditEntry> list_audit(Store& store, const AuditQuery& query);
// The kinds of record the audit log names ("member", "meeting"...), sorted.
[[nodiscard]] std::vector<std::string> audit_record_kinds(Store& store);

}  // namespace nacsa::store
