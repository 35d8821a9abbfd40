// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "members/import_reader.hpp"

// Internal to lib/members: the rejects file of `member import --skip-invalid`, which receives
// the invalid records with why, so that they can be fixed and imported again.
namespace nacsa::members::detail {

class Rejects {
  public:
    // `as_csv`: every input is CSV, and so is the rejects file; else it is JSON Lines.
    explicit Rejects(bool as_csv) : m_as_csv(as_csv) {}

    // A record of `file` that `reader` read, rejected for the reasons `why`.
    void add(const RecordReader& reader, const SourceRecord& record,
             const std::vector<Diagnostic>& why, const std::string& file);
    // Writes the file (mode 0600), replacing it atomically.
    void write(const std::string& path) const;

  private:
    void add_csv(const CsvLayout& csv, const SourceRecord& record, const std::string& errors);

    bool m_as_csv;
    // CSV: the rows go under one header for all files, a column per field, named as the first
    // file that has it names it, so that the fixed file reads back with the same --map.
    std::vector<std::string> m_headers;
    std::map<std::string, std::size_t> m_column_of;                        // "slot/field" -> column
    std::vector<std::pair<std::vector<std::string>, std::string>> m_rows;  // cells, errors
    char m_delimiter = ',';
    std::string m_jsonl;
};

}  // namespace nacsa::members::detail
