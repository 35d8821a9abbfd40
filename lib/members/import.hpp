// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "members/members.hpp"

namespace nacsa::members {

// The formats `member import` reads and `member export` writes (see nacsa-import(5)).
enum class FileFormat { yaml, csv, jsonl };

// The format of a file by its extension (.yaml/.yml, .csv, .jsonl/.ndjson), if known.
[[nodiscard]] std::optional<FileFormat> format_from_extension(const std::string& path);
[[nodiscard]] std::optional<FileFormat> parse_file_format(const std::string& name);

// What to do with a record whose member already exists in the store.
enum class OnExisting { update, skip, fail };

enum class DryRun { no, yes };
// Whether suspected duplicates are errors (--strict) or warnings.
enum class Strictness { warn, strict };

// --map-value FIELD:TEXT=KEY: a spreadsheet's own word for a key of a keyed field.
struct ValueMapping {
    std::string field;  // region, type, thematic_areas, services, status, gender...
    std::string text;
    std::string key;
};
// Parses "FIELD:TEXT=KEY" (the field and the key are checked by import_members). UsageError
// (exit 2) when a part is missing.
[[nodiscard]] ValueMapping parse_value_mapping(const std::string& given);

struct ImportOptions {
    std::optional<FileFormat> format;  // else by each file's extension
    std::optional<char> delimiter;     // CSV: else detected from the header
    // CSV: (column name, field): reads the column of that name (ignoring case) as the field.
    std::vector<std::pair<std::string, std::string>> map;
    // Texts that name keys, field by field (--map-value); they win over the labels.
    std::vector<ValueMapping> map_values;
    OnExisting on_existing = OnExisting::update;
    DryRun dry_run = DryRun::no;
    Strictness strictness = Strictness::warn;
    std::string rejects;  // --skip-invalid: where rejected records go
    // A status `member status` recorded is kept when the file gives another one (a warning),
    // unless this is set (--status-from-file).
    bool status_from_file = false;
    // People erased from a member (forget, contact remove) may be added again (--allow-erased).
    bool allow_erased = false;
    // Called now and then while reading: records read so far, bytes read, bytes in all files.
    std::function<void(std::size_t records, std::size_t bytes, std::size_t total_bytes)> progress;
};

// What a dry run would change in one member: added, or the fields updated ("status",
// "contact Ana Pérez: email", "contact Luis Soto added").
struct RecordChange {
    std::string id;
    bool added = false;
    std::vector<Message> fields;  // detail::changed_field_list
};

struct ImportSummary {
    std::size_t records = 0;
    std::size_t added = 0;
    std::size_t updated = 0;
    std::size_t unchanged = 0;
    std::size_t skipped = 0;
    std::size_t rejected = 0;
    std::size_t contacts_added = 0;
    std::vector<Diagnostic> duplicates;  // suspected duplicates (warnings unless strict)
    std::vector<Diagnostic> problems;    // with --skip-invalid: why records were rejected
    std::vector<Diagnostic> warnings;    // statuses recorded later, kept over the file's
    std::vector<RecordChange> changes;   // a dry run's changes, record by record
};

// Imports member records from files, in one transaction. The whole input is validated: any
// problem throws ValidationError with all of them (exit 65) and nothing is written, unless
// options.rejects names a file, which then receives the invalid records with their reasons
// while the valid ones are imported. DryRun::yes computes the summary and writes nothing.
// Keyed fields (region, type, thematic areas, services, status, ECOSOC status, interest,
// contact gender) take a key or a label (config::ValueMatcher); an unknown FIELD or KEY in
// options.map_values is a UsageError (exit 2).
ImportSummary import_members(store::Store& store, const std::vector<std::string>& files,
                             const ImportOptions& options);

// "48 new, 0 updated, 0 unchanged" for messages and the audit log.
[[nodiscard]] std::string summary_text(const ImportSummary& summary);

}  // namespace nacsa::members
