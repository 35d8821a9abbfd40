// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ondemand.hpp"
#include "members/import_reader.hpp"
#include "parsers/api.hpp"

// Internal to lib/members: the rows of a CSV file, parsed by libcsv, each with the line it
// starts on. Accepts a BOM, LF, CRLF or CR line ends, and `,`, `;` or tab (detected from the
// first line unless given).
//
// A line that holds one whole row and no quote is split here, without libcsv, into the same
// cells: libcsv takes a call and a switch per byte (40 instructions a byte, a tenth of a large
// import), the split here a memchr per cell. Quoted cells, rows over several lines and whatever
// else go to libcsv; tests/fuzz/fuzz_csv_rows checks both give the same rows.
namespace nacsa::members::detail {

// How CsvRows reads: the defaults, or (for the fuzz target) libcsv alone and a small buffer.
struct CsvReading {
    bool quick = true;                   // split plain lines without libcsv
    std::size_t buffer_bytes = 1 << 20;  // read at a time
};

struct CsvRow {
    std::vector<std::string> cells;
    int line = 0;
    bool blank = true;  // every cell empty or spaces
};

class CsvRows {
  public:
    // Syntax errors (which end the rows) go to `problems`, naming the file `name`.
    CsvRows(const std::string& name, const std::string& path, std::optional<char> delimiter,
            std::vector<Diagnostic>& problems, CsvReading reading = {});
    CsvRows(const CsvRows&) = delete;
    CsvRows& operator=(const CsvRows&) = delete;
    ~CsvRows();

    // The next row, left in place (nullptr at the end); valid until the next pull.
    [[nodiscard]] const CsvRow* peek();
    // Takes the next row; false at the end.
    bool pull(CsvRow& row);
    // Hands a row's cells back for a later row to fill: a large import then allocates next to
    // nothing per row for them.
    void give_back(std::vector<std::string> cells) { m_spare.push_back(std::move(cells)); }
    // How many cells a row is expected to have (room is made for them).
    void expect_cells(std::size_t count) { m_width = count; }

    // The delimiter, once the first line has been read.
    [[nodiscard]] char delimiter() const { return m_delimiter; }
    [[nodiscard]] std::size_t bytes_read() const { return m_input.bytes(); }

  private:
    bool fill();
    void feed_more();
    void finish();
    void detect(std::string_view chunk);
    void parse(std::string_view line);
    bool split_plain(std::string_view line);
    void add_cell(const char* data, std::size_t length);
    void end_row();
    void fail(int line, const std::string& what);  // invalid CSV: stops reading
    void stop(int line, Message what);             // any other problem that stops reading
    void stop(Diagnostic problem);
    static void on_field(void* data, std::size_t length, void* self_ptr);
    static void on_row(int terminator, void* self_ptr);

    std::string m_name;
    InputFile m_input;
    std::optional<char> m_given_delimiter;
    std::vector<Diagnostic>& m_problems;
    const parsers::Api& m_lib = parsers_module();
    csv_parser m_parser{};
    bool m_quick;
    std::vector<char> m_buffer;
    std::string_view m_chunk;  // what is left of the buffer to parse
    std::string m_pending;
    std::deque<CsvRow> m_rows;
    std::vector<std::string> m_current;  // the row being read: its first m_cells cells
    std::size_t m_cells = 0;
    bool m_row_blank = true;                        // no cell of the row being read has text yet
    std::vector<std::vector<std::string>> m_spare;  // rows' cells to fill again
    std::size_t m_width = 0;
    int m_line = 0;
    int m_row_line = 1;
    int m_last_row_end = 0;          // the line the last complete row ended on
    std::size_t m_record_bytes = 0;  // of the row being read, up to the line being parsed
    char m_newline = '\n';
    char m_delimiter = ',';
    bool m_first_chunk = true;
    bool m_finished = false;
};

}  // namespace nacsa::members::detail
