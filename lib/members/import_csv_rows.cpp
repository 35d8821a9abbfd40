// SPDX-License-Identifier: Apache-2.0
#include "members/import_csv_rows.hpp"

#include <fmt/format.h>

#include "core/encoding.hpp"
#include "core/text.hpp"

namespace nacsa::members::detail {

CsvRows::CsvRows(const std::string& name, const std::string& path, std::optional<char> delimiter,
                 std::vector<Diagnostic>& problems)
    : m_name(name), m_input(path), m_given_delimiter(delimiter), m_problems(problems) {
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
    if (self->m_row_blank && !text::trim({static_cast<const char*>(data), length}).empty()) {
        self->m_row_blank = false;
    }
    if (self->m_cells < self->m_current.size()) {
        self->m_current[self->m_cells].assign(static_cast<const char*>(data), length);
    } else {
        self->m_current.emplace_back(static_cast<const char*>(data), length);
    }
    ++self->m_cells;
}

void CsvRows::on_row(int /*terminator*/, void* self_ptr) {
    auto* self = static_cast<CsvRows*>(self_ptr);
    self->m_current.resize(self->m_cells);
    self->m_rows.push_back(CsvRow{std::move(self->m_current), self->m_row_line, self->m_row_blank});
    self->m_cells = 0;
    self->m_row_blank = true;
    if (self->m_spare.empty()) {
        self->m_current = {};
        self->m_current.reserve(self->m_width);
    } else {
        self->m_current = std::move(self->m_spare.back());
        self->m_spare.pop_back();
    }
    self->m_last_row_end = self->m_line;
    self->m_record_bytes = 0;
}

void CsvRows::parse(const char* data, std::size_t length) {
    if (m_lib.csv_parse(&m_parser, data, length, on_field, on_row, this) != length) {
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
            parse(m_pending.data(), m_pending.size());
            m_pending.clear();
        } else {
            parse(line.data(), line.size());
        }
    }
}

// The end of the input: its last line, when it has no line break, and the last row.
void CsvRows::finish() {
    if (!m_pending.empty()) {
        ++m_line;
        parse(m_pending.data(), m_pending.size());
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
