// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "store/store.hpp"

// The store as text (`nacsa db dump`, `nacsa db load`, man 5 nacsa-dump): each module declares
// the layout of its own tables (lib/<module>/dump.cpp: which columns, in which order, of which
// kind, which hold personal data) and writes and reads them through this one engine, so that
// every table is dumped the same way: one YAML list per table, one mapping per row, rows in
// the order of the table's key, columns in the order declared, NULL left out. Two dumps of the
// same store are byte-identical, and a load checks every value as strictly as an import does.
namespace nacsa::store::dump {

// The layout's version, in nacsa-dump.yaml. It changes only when the layout does, and a newer
// nacsa reads every older format (the upgrade path across schema versions).
inline constexpr int k_format = 1;

// Longest text a column of a dump holds, unless the column says otherwise: a load refuses what
// no command of nacsa would have stored, not what an alliance wrote at length.
inline constexpr std::size_t k_max_text_bytes = std::size_t{1} << 20;
// Texts that are whole files (the configuration, a meeting's minutes).
inline constexpr std::size_t k_max_file_bytes = std::size_t{16} << 20;

enum class Kind {
    text,
    date,       // YYYY-MM-DD
    timestamp,  // YYYY-MM-DDTHH:MM:SSZ (UTC)
    integer,
    real,
    boolean,  // 0 or 1 in the store, false or true in the dump
    blob,     // lower-case hexadecimal in the dump
};

// What a redacted dump (`--redact`) does with a column that may hold personal data.
enum class Personal {
    no,
    omit,       // left out (the column may be NULL)
    pseudonym,  // "person-" and 12 hexadecimal digits of a keyed digest of the value: the same
                // person has the same pseudonym in every table, and no one without the store's
                // erasure key can tell who it is
    withhold,   // replaced by a fixed text (the column may not be NULL)
};

// A value of a row: NULL, or what the column's kind says.
struct Value {
    enum class Type { null, integer, real, text, blob } type = Type::null;
    std::int64_t integer = 0;
    double real = 0;
    std::string text;  // text and blob (the bytes)
};
using Row = std::vector<Value>;

struct Column {
    std::string_view name;
    Kind kind = Kind::text;
    bool required = false;  // NOT NULL in the store
    Personal personal = Personal::no;
    std::size_t max_bytes = k_max_text_bytes;  // text
    // The texts it may hold, when listed: the owning module's list of its enum's names.
    std::vector<std::string> values = {};
    // Which rows `personal` applies to (the audit entries about a person); all when not given.
    std::function<bool(const Row&)> personal_if = {};
    // What is wrong with a text of it beyond its kind (a key the configuration does not have),
    // or nothing.
    std::function<std::optional<Message>(const std::string&)> check = {};
};

// A column that may not be empty (NOT NULL in the store, or part of the table's key).
[[nodiscard]] Column required(std::string_view name, Kind kind = Kind::text);

// The lists of the alliance configuration whose keys records hold.
enum class Configured { region, thematic_area, service, organisation_type, role };

// A text column holding a key of one of the configuration's lists: a load refuses another key
// (the configuration is loaded first, and read from `store`).
[[nodiscard]] Column configured(std::string_view name, Configured list, Store& store,
                                bool is_required = true);

struct Table {
    std::string_view name;      // the table, and its list's key in the file
    std::string_view order_by;  // the table's key, the rows' order
    std::vector<Column> columns;
    // Columns the store computes from the others (a member's search text), left out of the
    // dump and computed again on load: their names, and how from a row of `columns`.
    std::vector<std::string_view> derived = {};
    std::function<Row(const Row&)> derive = {};
    // A redacted dump leaves the whole table out (keyed digests of erased people).
    bool personal = false;
    // The migrations already write a row of it (the erasure key): a row of the dump replaces
    // it.
    bool replace = false;
};

// A file of the dump: its name in the folder and its tables, in the order a load inserts them
// (a table after those it refers to).
struct File {
    std::string_view name;
    std::string_view title;  // its first comment line
    std::vector<Table> tables;
    // What a load does once the file's rows are in (a table derived from several others, a
    // check of the whole file), given the file's path as the problems name it.
    std::function<void(Store&, const std::string&)> after_load = {};
};

// How personal data is written: as it is, or redacted.
class Redaction {
  public:
    Redaction() = default;
    // A redacting dump, pseudonyms keyed with `key` (the store's erasure key).
    explicit Redaction(std::vector<unsigned char> key);
    [[nodiscard]] bool active() const { return m_active; }
    // "person-" and 12 hexadecimal digits of HMAC-SHA256(key, value).
    [[nodiscard]] std::string pseudonym(std::string_view value) const;

  private:
    bool m_active = false;
    std::vector<unsigned char> m_key;
};

// Writes a file's tables (read inside the caller's transaction) as its YAML text. `rows`
// counts the rows written.
[[nodiscard]] std::string write_file(Store& store, const File& file, const Redaction& redaction,
                                     std::size_t& rows);

// Reads `dir`/file.name and inserts its rows (inside the caller's transaction), checking each
// value against its column; every problem goes to `diagnostics` with the file, line and field.
// Returns the rows inserted.
std::size_t read_file(Store& store, const std::filesystem::path& dir, const File& file,
                      Diagnostics& diagnostics);

// The text of a blob as a dump writes it.
[[nodiscard]] std::string hex(std::string_view bytes);

}  // namespace nacsa::store::dump

namespace nacsa::store {

// The store module's own tables as dump files: store.yaml (meta, config, finding_ack) and
// audit.yaml (the audit log, loaded last).
[[nodiscard]] dump::File store_dump_file();
[[nodiscard]] dump::File audit_dump_file();

}  // namespace nacsa::store
