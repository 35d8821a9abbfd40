// SPDX-License-Identifier: Apache-2.0
#include "members/import_csv_rows.hpp"

#include <fmt/format.h>

#include <cstring>

#include "core/encoding.hpp"
#include "core/text.hpp"

namespace nacsa::members::detail {

CsvRows::CsvRows(const std::string& name, const std::string& path, std::optional<char> delimiter,
                 std::vector<Diagnostic>& problems, CsvReading reading)
    : m_name(name),
      m_input(path),
      m_given_delimiter(delimiter),
      m_problems(problems),
      m_quick(reading.quick),
      m_buffer(reading.buffer_bytes) {
    m_lib.csv_init(&m_parser, CSV_STRICT | CSV_STRICT_FINI);
    // libcsv grows its field buffer by this much at a time (128 bytes by default): a long
    // field (notes, or a 10 MB cell by mistake) would otherwise be reallocated, and under
    // ASan copied, once per 128 bytes.
    m_lib.csv_set_blk_size(&m_parser, std::size_t{64} * 1024);
}

CsvRows::~CsvRows() {
    m_lib.csv_free(&m_parser);
}

const CsvRow* CsvRows::peek() {
    if (!fill()) {
        return nullptr;
    }
    return &m_rows.front();
}

bool CsvRows::pull(CsvRow& row) {
    if (!fill()) {
        return false;
    }
    row = std::move(m_rows.front());
    m_rows.pop_front();
    return true;
}

// Parses input until at least one complete row is waiting (or the input ends).
bool CsvRows::fill() {
    while (m_rows.empty() && !m_finished) {
        feed_more();
    }
    return !m_rows.empty();
}

void CsvRows::on_field(void* data, std::size_t length, void* self_ptr) {
    auto* self = static_cast<CsvRows*>(self_ptr);
    if (self->m_cells == 0) {
        // The row began on the line this field ends on, less the line breaks inside it.
        int breaks = 0;
        const char* p = static_cast<const char*>(data);
        for (std::size_t i = 0; i < length; ++i) {
            if (p[i] == self->m_newline) {
                ++breaks;
            }
        }
        self->m_row_line = self->m_line - breaks;
    }
    self->add_cell(static_cast<const char*>(data), length);
}

void CsvRows::on_row(int /*terminator*/, void* self_ptr) {
    static_cast<CsvRows*>(self_ptr)->end_row();
}

void CsvRows::add_cell(const char* data, std::size_t length) {
    if (m_row_blank && !text::trim({data, length}).empty()) {
        m_row_blank = false;
    }
    if (m_cells < m_current.size()) {
        m_current[m_cells].assign(data, length);
    } else {
        m_current.emplace_back(data, length);
    }
    ++m_cells;
}

void CsvRows::end_row() {
    m_current.resize(m_cells);
    m_rows.push_back(CsvRow{std::move(m_current), m_row_line, m_row_blank});
    m_cells = 0;
    m_row_blank = true;
    if (m_spare.empty()) {
        m_current = {};
        m_current.reserve(m_width);
    } else {
        m_current = std::move(m_spare.back());
        m_spare.pop_back();
    }
    m_last_row_end = m_line;
    m_record_bytes = 0;
}

// A whole line (up to and with its line break) read as libcsv reads it when it is outside any
// row and holds no quote and no other line break: cells split at the delimiter, spaces and tabs
// taken off both ends of each, and no row at all for a line of nothing but spaces. False, and
// nothing done, for any other line.
bool CsvRows::split_plain(std::string_view line) {
    constexpr int row_not_begun = 0;  // libcsv's state between rows (libcsv.c)
    if (!m_quick || m_parser.pstate != row_not_begun || line.empty() || line.back() != m_newline) {
        return false;
    }
    std::string_view body = line.substr(0, line.size() - 1);
    if (m_newline == '\n' && body.ends_with('\r')) {
        body.remove_suffix(1);
    }
    const char other_break = m_newline == '\n' ? '\r' : '\n';
    if (std::memchr(body.data(), '"', body.size()) != nullptr ||
        std::memchr(body.data(), other_break, body.size()) != nullptr) {
        return false;
    }
    const auto is_space = [](char c) { return c == ' ' || c == '\t'; };
    std::size_t start = 0;
    while (start < body.size() && is_space(body[start]) && body[start] != m_delimiter) {
        ++start;
    }
    if (start == body.size()) {
        return true;  // libcsv makes no row of it
    }
    m_row_line = m_line;
    for (;;) {
        const auto* found = static_cast<const char*>(
            std::memchr(body.data() + start, m_delimiter, body.size() - start));
        const std::size_t end = found == nullptr ? body.size() : found - body.data();
        std::size_t first = start;
        std::size_t last = end;
        while (first < last && is_space(body[first])) {
            ++first;
        }
        while (last > first && is_space(body[last - 1])) {
            --last;
        }
        add_cell(body.data() + first, last - first);
        if (found == nullptr) {
            break;
        }
        start = end + 1;
    }
    end_row();
    return true;
}

void CsvRows::parse(std::string_view line) {
    if (split_plain(line)) {
        return;
    }
    if (m_lib.csv_parse(&m_parser, line.data(), line.size(), on_field, on_row, this) !=
        line.size()) {
        // In strict mode libcsv stops at a quote inside an unquoted field or at text after a
        // closing quote.
        fail(m_line, m_lib.csv_error(&m_parser) == CSV_EPARSE
                         ? "a quote in the wrong place: a field that holds quotes must be "
                           "quoted whole, with each quote inside doubled (\"Fundación "
                           "\"\"Dos\"\"\")"
                         : m_lib.csv_strerror(m_lib.csv_error(&m_parser)));
    }
}

void CsvRows::fail(int line, const std::string& what) {
    stop(line, fmt::format("invalid CSV: {}", what));
}

void CsvRows::stop(int line, Message what) {
    stop(file_problem(m_name, line, std::move(what)));
}

void CsvRows::stop(Diagnostic problem) {
    m_problems.push_back(std::move(problem));
    m_finished = true;
    m_rows.clear();
    m_chunk = {};
    m_pending.clear();
}

// Parses the next line of input (more when a row spans lines), reading more when the buffer is
// used up. A line at a time, not a buffer at a time: the rows are then used while their cells
// are still in the processor's cache, and only a few wait in m_rows.
void CsvRows::feed_more() {
    if (m_chunk.empty()) {
        const std::size_t n = m_input.read(m_buffer.data(), m_buffer.size());
        if (n == 0) {
            finish();
            return;
        }
        m_chunk = std::string_view(m_buffer.data(), n);
        if (m_first_chunk) {
            m_first_chunk = false;
            if (auto problem =
                    encoding_diagnostic(m_name, m_chunk.substr(0, k_encoding_head_bytes))) {
                stop(std::move(*problem));
                return;
            }
            if (m_chunk.starts_with("\xEF\xBB\xBF")) {
                m_chunk.remove_prefix(3);
            }
            detect(m_chunk);
        }
    }
    // Whole lines, so that each row knows its line number.
    while (!m_chunk.empty() && !m_finished && m_rows.empty()) {
        const auto end = m_chunk.find(m_newline);
        if (end == std::string_view::npos) {
            m_pending.append(m_chunk);
            m_chunk = {};
            if (m_pending.size() > k_max_record_bytes) {
                stop(m_line + 1, too_long_message("line"));
            }
            break;
        }
        ++m_line;
        const std::string_view line = m_chunk.substr(0, end + 1);
        m_chunk.remove_prefix(end + 1);
        m_record_bytes += m_pending.size() + line.size();
        if (m_record_bytes > k_max_record_bytes) {
            stop(m_last_row_end + 1, too_long_message("record"));
            break;
        }
        if (text::inner_bom_offset(line, 0) != std::string_view::npos ||
            text::inner_bom_offset(m_pending, 0) != std::string_view::npos) {
            stop(m_line, inner_bom_message());
            break;
        }
        if (!m_pending.empty()) {
            m_pending.append(line);
            parse(m_pending);
            m_pending.clear();
        } else {
            parse(line);
        }
    }
}

// The end of the input: its last line, when it has no line break, and the last row.
void CsvRows::finish() {
    if (!m_pending.empty()) {
        ++m_line;
        parse(m_pending);
        m_pending.clear();
    }
    if (!m_finished && m_lib.csv_fini(&m_parser, on_field, on_row, this) != 0) {
        // Only an unterminated quoted field makes csv_fini fail in strict mode.
        fail(m_last_row_end + 1,
             "a quoted field opened on this line is never closed (the file ends inside it: a "
             "closing quote is missing)");
        return;
    }
    m_finished = true;
}

// The line ends and the delimiter, from the first chunk of the file.
void CsvRows::detect(std::string_view chunk) {
    m_newline =
        chunk.find('\n') == std::string_view::npos && chunk.find('\r') != std::string_view::npos
            ? '\r'
            : '\n';
    if (m_given_delimiter) {
        m_delimiter = *m_given_delimiter;
    } else {
        const auto first_line = chunk.substr(0, chunk.find(m_newline));
        std::size_t semicolons = 0;
        std::size_t commas = 0;
        std::size_t tabs = 0;
        bool quoted = false;
        for (const char c : first_line) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                semicolons += c == ';' ? 1 : 0;
                commas += c == ',' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
            }
        }
        m_delimiter =
            semicolons > commas && semicolons >= tabs ? ';' : (tabs > commas ? '\t' : ',');
    }
    m_lib.csv_set_delim(&m_parser, static_cast<unsigned char>(m_delimiter));
}

}  // namespace nacsa::members::detail
