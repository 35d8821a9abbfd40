// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "members/import.hpp"
#include "members/members.hpp"

// Internal to lib/members: what the readers of `member import` (YAML, JSON Lines, CSV) share,
// and what the import and the rejects file learn from them. See nacsa-import(5).
namespace nacsa::members::detail {

using Json = nlohmann::ordered_json;

// The fields of a member record and of a contact, in the order of the import format.
extern const std::vector<std::string> k_member_fields;
extern const std::vector<std::string> k_contact_fields;

// Trimmed and with ASCII letters in lower case (column names, booleans, domains).
[[nodiscard]] std::string lower(std::string_view s);

// What a CSV column name (lower case) holds: (contact slot, field), the slot -1 for a member
// field, 0 for contact_<field>, N for contactN_<field>; nothing for an unknown name.
[[nodiscard]] std::optional<std::pair<int, std::string>> csv_field(const std::string& name);
// The column names a CSV file may use, for messages.
[[nodiscard]] Message known_csv_columns();

// The longest line of a JSON Lines file and the longest record of a CSV file (its lines
// together): far above a real member (a few kilobytes), low enough that /dev/zero, or a file
// that is not what its name says, stops at once.
inline constexpr std::size_t k_max_record_bytes = std::size_t{1} << 20;
// The most one file of an import may hold: 1 GiB, some 15 times 100,000 members as JSON Lines.
inline constexpr std::size_t k_max_import_bytes = std::size_t{1} << 30;
// How much of the start of a file is looked at to recognise its encoding (core/encoding.hpp).
inline constexpr std::size_t k_encoding_head_bytes = std::size_t{64} * 1024;

// The message for a byte-order mark inside a file (core/encoding.hpp's inner_bom_offset).
[[nodiscard]] Message inner_bom_message();
// The message for a line or record (`what`) longer than k_max_record_bytes.
[[nodiscard]] Message too_long_message(const char* what);
// The problem of a file whose start (`head`) is not UTF-8 text (core/encoding.hpp), located;
// nothing when it is UTF-8.
[[nodiscard]] std::optional<Diagnostic> encoding_diagnostic(const std::string& name,
                                                            std::string_view head);
// "{name}:{line}: {what}" for the readers' own problems (encoding, size).
[[nodiscard]] Diagnostic file_problem(const std::string& name, int line, Message what);

// An open input file (or standard input), read in large chunks.
class InputFile {
  public:
    explicit InputFile(const std::string& path);
    InputFile(const InputFile&) = delete;
    InputFile& operator=(const InputFile&) = delete;
    ~InputFile();
    [[nodiscard]] FILE* get() const { return m_file; }
    // Reads up to `size` bytes; 0 at the end. InputError (exit 66) past k_max_import_bytes.
    std::size_t read(char* buffer, std::size_t size);
    [[nodiscard]] std::size_t bytes() const { return m_bytes; }
    [[nodiscard]] const std::string& path() const { return m_path; }
    // Whether it can be read again from its start: a regular file (standard input too, when
    // it is one), not a pipe.
    [[nodiscard]] bool can_rewind() const { return m_start >= 0; }
    // Goes back to where reading started, and counts the bytes read again from 0; false when
    // it cannot.
    bool rewind();

  private:
    std::string m_path;
    FILE* m_file = nullptr;
    std::size_t m_bytes = 0;
    long m_start = -1;  // where reading started, when the file can be read again
};

struct Location {
    int line = 0;
    int column = 0;
};

// Where a field of a YAML record is, without its path: `field` is an index in the member
// fields (k_member_fields, then contacts) or, for contacts[`contact`], in the contact fields
// (k_whole_contact: the contact itself).
struct FieldLocation {
    std::uint16_t contact = 0;  // 0: a member field
    std::uint16_t field = 0;
    Location at;
};
inline constexpr std::uint16_t k_whole_contact = 0xFFFF;

// One record as read from a file, before it is checked.
struct SourceRecord {
    // YAML and JSON Lines: a record that is not an object, as parsed; an object only for a
    // rejects file (--skip-invalid).
    Json value;
    std::optional<MemberInput> input;  // its fields, converted while reading (an object)
    int line = 0;
    std::vector<FieldLocation> field_locations;               // YAML: where each field is
    std::vector<std::pair<std::string, Location>> locations;  // YAML: where unknown fields are
    std::vector<std::vector<std::string>> rows;               // CSV: the rows as read
    std::vector<int> row_lines;                               // CSV: line of each row
    std::vector<std::pair<int, int>> contact_origins;  // CSV: (row index, slot; 0 = contact_*)
    std::vector<Diagnostic> problems;                  // found while reading
    std::optional<std::string> text;  // JSON Lines: a line that is not valid JSON, as read
};

// What a CSV column holds.
struct CsvColumn {
    std::string header;     // as written in the file
    std::string field;      // member field, or contact field
    int contact_slot = -1;  // -1: member field; 0: contact_*; N: contactN_*
    // Not read: a column without a header (spreadsheets save empty trailing columns), or the
    // "errors" column of a rejects file (--skip-invalid), so that a fixed one reads back.
    bool skip = false;
    // What the column holds, as one text: two columns with the same key hold the same thing.
    [[nodiscard]] std::string key() const;
};

// How a CSV file is laid out, for the rejects file, which writes its rows back.
struct CsvLayout {
    std::vector<std::string> header_cells;  // as read
    std::vector<CsvColumn> columns;
    char delimiter = ',';
};

class RecordReader {
  public:
    virtual ~RecordReader() = default;
    // Reads the next record; false at the end of the input.
    virtual bool next(SourceRecord& record) = 0;
    // Where a field of the record is, for a diagnostic.
    [[nodiscard]] virtual Diagnostic locate(const SourceRecord& record,
                                            const std::string& path) const = 0;
    [[nodiscard]] virtual std::size_t bytes_read() const = 0;
    // A CSV file's layout; nullptr for the other formats.
    [[nodiscard]] virtual const CsvLayout* csv_layout() const { return nullptr; }
    // Problems of the input as a whole (syntax errors that stop reading).
    std::vector<Diagnostic> problems;
};

// A reader of `path` (or standard input, "-"), named `name` in messages.
// `options.rejects`: the YAML and JSON Lines readers keep each record as a JSON value too.
[[nodiscard]] std::unique_ptr<RecordReader> yaml_reader(const std::string& name,
                                                        const std::string& path,
                                                        const ImportOptions& options);
// For tests: the YAML reader with libyaml alone (yaml_reader uses a quicker one where it can).
[[nodiscard]] std::unique_ptr<RecordReader> libyaml_reader(const std::string& name,
                                                           const std::string& path,
                                                           const ImportOptions& options);
[[nodiscard]] std::unique_ptr<RecordReader> json_lines_reader(const std::string& name,
                                                              const std::string& path,
                                                              const ImportOptions& options);
[[nodiscard]] std::unique_ptr<RecordReader> csv_reader(const std::string& name,
                                                       const std::string& path,
                                                       const ImportOptions& options);

}  // namespace nacsa::members::detail
