// SPDX-License-Identifier: Apache-2.0
// `member import` of JSON Lines files: one member record (a JSON object) per line.
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <optional>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/encoding.hpp"
#include "core/text.hpp"
#include "members/import_events.hpp"
#include "members/import_reader.hpp"

namespace nacsa::members::detail {

namespace {

// "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..." -> what
// follows the first ": ".
// "[json.exception.out_of_range.406] number overflow parsing '1e400'" -> what follows the tag.
std::string plain_json_error(const std::string& what) {
    std::string_view s(what);
    if (s.starts_with("[json.exception.")) {
        const auto close = s.find("] ");
        s.remove_prefix(close == std::string_view::npos ? 0 : close + 2);
    }
    const auto colon = s.find(": ");
    return std::string(colon == std::string_view::npos ? s : s.substr(colon + 2));
}

// The first byte of `s` from `i` on that ends a run of a JSON string's plain text: a quote, a
// backslash or a control character; s.size() when there is none. 16 bytes at a time with SSE2
// (the byte at a time loop was 4 % of a JSON Lines import).
std::size_t plain_run_end(std::string_view s, std::size_t i) {
    const auto plain = [](char c) {
        return c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20;
    };
#if defined(__SSE2__)
    for (; i + 16 <= s.size(); i += 16) {
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
        const __m128i below_space =
            _mm_cmpeq_epi8(_mm_max_epu8(x, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F));
        const __m128i quote_or_backslash = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')),
                                                        _mm_cmpeq_epi8(x, _mm_set1_epi8('\\')));
        const auto bits =
            static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(below_space, quote_or_backslash)));
        if (bits != 0) {
            return i + static_cast<std::size_t>(__builtin_ctz(bits));
        }
    }
#endif
    while (i < s.size() && plain(s[i])) {
        ++i;
    }
    return i;
}

// How deep JSON may nest in a record (a member with its contacts needs 3): far more than a
// record needs, and a line of 100,000 '[' is refused before it is parsed.
constexpr int k_max_json_depth = 64;

// The column (1-based) where `line` nests deeper than k_max_json_depth, or 0: brackets outside
// strings, counted before the parser builds anything.
int too_deep_at(std::string_view line) {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (in_string) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > k_max_json_depth) {
                return static_cast<int>(i) + 1;
            }
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return 0;
}

// nlohmann's SAX events of one line, handed to a RecordBuilder. nlohmann keeps the last of two
// equal keys; a repeated field is an error here, as it is in YAML files: the first is kept.
class LineEvents {
  public:
    explicit LineEvents(RecordBuilder& builder) : m_builder(builder) {}

    bool null() {
        m_builder.null({});
        return true;
    }
    bool boolean(bool value) {
        m_builder.boolean(value, {});
        return true;
    }
    bool number_integer(Json::number_integer_t value) {
        m_builder.number(Json(value), {});
        return true;
    }
    bool number_unsigned(Json::number_unsigned_t value) {
        m_builder.number(Json(value), {});
        return true;
    }
    bool number_float(Json::number_float_t value, const std::string& /*text*/) {
        m_builder.number(Json(value), {});
        return true;
    }
    bool string(std::string& value) {
        m_builder.string(value, {});
        return true;
    }
    bool binary(Json::binary_t& /*value*/) { return true; }  // not in JSON text
    bool start_object(std::size_t /*size*/) {
        m_builder.start_object({});
        return true;
    }
    bool key(std::string& key) {
        if (m_builder.key(key) && !m_repeated) {
            m_repeated = key;
        }
        return true;
    }
    bool end_object() {
        m_builder.end();
        return true;
    }
    bool start_array(std::size_t /*size*/) {
        m_builder.start_array({});
        return true;
    }
    bool end_array() {
        m_builder.end();
        return true;
    }
    bool parse_error(std::size_t /*position*/, const std::string& /*token*/,
                     const Json::exception& e) {
        // A number beyond a double ("1e400": out_of_range.406) is found while parsing too,
        // and has no column.
        const auto* syntax = dynamic_cast<const Json::parse_error*>(&e);
        m_error_column = syntax != nullptr ? static_cast<int>(syntax->byte) : 0;
        m_error = fmt::format("invalid JSON: {}", plain_json_error(e.what()));
        return false;
    }

    [[nodiscard]] const std::optional<std::string>& repeated() const { return m_repeated; }
    [[nodiscard]] const std::string& error() const { return m_error; }
    [[nodiscard]] int error_column() const { return m_error_column; }

  private:
    RecordBuilder& m_builder;
    std::optional<std::string> m_repeated;
    std::string m_error;
    int m_error_column = 0;
};

// A line read without nlohmann's lexer, which handles one character at a time and keeps each
// token's text for its messages (a third of a JSON Lines import): the same events for JSON
// text made of objects, arrays, strings, true, false and null, no deeper than k_max_json_depth.
// Anything else (a number, a syntax error, invalid UTF-8, a byte-order mark) makes it give up
// (false), and nlohmann's parser reads the line again and says what is wrong, as before.
class QuickLine {
  public:
    QuickLine(std::string_view line, LineEvents& events) : m_line(line), m_events(events) {}

    bool parse() {
        if (std::memchr(m_line.data(), 0xEF, m_line.size()) != nullptr ||
            !text::is_valid_utf8(m_line)) {
            return false;
        }
        skip_space();
        if (!value(1)) {
            return false;
        }
        skip_space();
        return m_pos == m_line.size();
    }

  private:
    void skip_space() {
        while (m_pos < m_line.size() && (m_line[m_pos] == ' ' || m_line[m_pos] == '\t' ||
                                         m_line[m_pos] == '\r' || m_line[m_pos] == '\n')) {
            ++m_pos;
        }
    }

    bool literal(std::string_view word) {
        if (m_line.substr(m_pos, word.size()) != word) {
            return false;
        }
        m_pos += word.size();
        return true;
    }

    bool value(int depth) {
        if (m_pos >= m_line.size()) {
            return false;
        }
        switch (m_line[m_pos]) {
            case '{':
                return depth <= k_max_json_depth && object(depth);
            case '[':
                return depth <= k_max_json_depth && array(depth);
            case '"': {
                std::string text;
                return string(text) && m_events.string(text);
            }
            case 't':
                return literal("true") && m_events.boolean(true);
            case 'f':
                return literal("false") && m_events.boolean(false);
            case 'n':
                return literal("null") && m_events.null();
            default:
                return false;  // a number, or not JSON
        }
    }

    bool object(int depth) {
        ++m_pos;
        m_events.start_object(0);
        skip_space();
        if (m_pos < m_line.size() && m_line[m_pos] == '}') {
            ++m_pos;
            return m_events.end_object();
        }
        while (true) {
            if (m_pos >= m_line.size() || m_line[m_pos] != '"' || !string(m_key)) {
                return false;
            }
            m_events.key(m_key);
            skip_space();
            if (m_pos >= m_line.size() || m_line[m_pos] != ':') {
                return false;
            }
            ++m_pos;
            skip_space();
            if (!value(depth + 1)) {
                return false;
            }
            skip_space();
            if (m_pos >= m_line.size()) {
                return false;
            }
            if (m_line[m_pos] == '}') {
                ++m_pos;
                return m_events.end_object();
            }
            if (m_line[m_pos] != ',') {
                return false;
            }
            ++m_pos;
            skip_space();
        }
    }

    bool array(int depth) {
        ++m_pos;
        m_events.start_array(0);
        skip_space();
        if (m_pos < m_line.size() && m_line[m_pos] == ']') {
            ++m_pos;
            return m_events.end_array();
        }
        while (true) {
            if (!value(depth + 1)) {
                return false;
            }
            skip_space();
            if (m_pos >= m_line.size()) {
                return false;
            }
            if (m_line[m_pos] == ']') {
                ++m_pos;
                return m_events.end_array();
            }
            if (m_line[m_pos] != ',') {
                return false;
            }
            ++m_pos;
            skip_space();
        }
    }

    // The string that starts at m_pos (a '"'), unescaped, into `out`.
    bool string(std::string& out) {
        out.clear();
        ++m_pos;
        while (true) {
            const std::size_t start = m_pos;
            m_pos = plain_run_end(m_line, m_pos);
            out.append(m_line.data() + start, m_pos - start);
            if (m_pos >= m_line.size() || static_cast<unsigned char>(m_line[m_pos]) < 0x20) {
                return false;
            }
            if (m_line[m_pos++] == '"') {
                return true;
            }
            if (!escape(out)) {
                return false;
            }
        }
    }

    // The escape after a backslash.
    bool escape(std::string& out) {
        if (m_pos >= m_line.size()) {
            return false;
        }
        const char c = m_line[m_pos++];
        switch (c) {
            case '"':
            case '\\':
            case '/':
                out += c;
                return true;
            case 'b':
                out += '\b';
                return true;
            case 'f':
                out += '\f';
                return true;
            case 'n':
                out += '\n';
                return true;
            case 'r':
                out += '\r';
                return true;
            case 't':
                out += '\t';
                return true;
            case 'u':
                return unicode(out);
            default:
                return false;
        }
    }

    [[nodiscard]] int hex4() {
        if (m_pos + 4 > m_line.size()) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = m_line[m_pos++];
            v <<= 4;
            if (c >= '0' && c <= '9') {
                v |= c - '0';
            } else if (c >= 'a' && c <= 'f') {
                v |= c - 'a' + 10;
            } else if (c >= 'A' && c <= 'F') {
                v |= c - 'A' + 10;
            } else {
                return -1;
            }
        }
        return v;
    }

    // \uXXXX (a surrogate pair as two), as UTF-8.
    bool unicode(std::string& out) {
        int cp = hex4();
        if (cp < 0 || (cp >= 0xDC00 && cp <= 0xDFFF)) {
            return false;
        }
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (!literal("\\u")) {
                return false;
            }
            const int low = hex4();
            if (low < 0xDC00 || low > 0xDFFF) {
                return false;
            }
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        const auto put = [&](int byte) { out += static_cast<char>(byte); };
        if (cp < 0x80) {
            put(cp);
        } else if (cp < 0x800) {
            put(0xC0 | (cp >> 6));
            put(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            put(0xE0 | (cp >> 12));
            put(0x80 | ((cp >> 6) & 0x3F));
            put(0x80 | (cp & 0x3F));
        } else {
            put(0xF0 | (cp >> 18));
            put(0x80 | ((cp >> 12) & 0x3F));
            put(0x80 | ((cp >> 6) & 0x3F));
            put(0x80 | (cp & 0x3F));
        }
        return true;
    }

    std::string_view m_line;
    LineEvents& m_events;
    std::size_t m_pos = 0;
    std::string m_key;
};

// Parses one line into `record`: its fields, or the problem and the line as it was.
void parse_line(std::string line, const std::string& name, int line_number, SourceRecord& record,
                RecordBuilder& builder) {
    // The quick reader checks the whole line is valid UTF-8 before its first event.
    builder.set_utf8(Utf8::checked);
    builder.begin(record);
    {
        LineEvents events(builder);
        if (QuickLine(line, events).parse()) {
            if (events.repeated()) {
                record.problems.push_back(
                    Diagnostic{name, line_number, 0, *events.repeated(), "is given twice"});
            }
            builder.finish();
            return;
        }
        builder.abandon();
    }
    builder.set_utf8(Utf8::unchecked);
    if (const int column = too_deep_at(line); column > 0) {
        record.problems.push_back(Diagnostic{
            name, line_number, column, "",
            fmt::format("nests deeper than {} levels; a member record needs 3", k_max_json_depth)});
        record.text = std::move(line);
        return;
    }
    if (const auto bom = text::inner_bom_offset(line, 0); bom != std::string_view::npos) {
        record.problems.push_back(
            Diagnostic{name, line_number, static_cast<int>(bom) + 1, "", inner_bom_message()});
        record.text = std::move(line);
        return;
    }
    builder.begin(record);
    LineEvents events(builder);
    if (!Json::sax_parse(line.begin(), line.end(), &events)) {
        builder.abandon();
        record.problems.push_back(
            Diagnostic{name, line_number, events.error_column(), "", events.error()});
        record.text = std::move(line);
        return;
    }
    if (events.repeated()) {
        record.problems.push_back(
            Diagnostic{name, line_number, 0, *events.repeated(), "is given twice"});
    }
    builder.finish();
}

class JsonLinesReader final : public RecordReader {
  public:
    JsonLinesReader(const std::string& name, const std::string& path, bool keep_records)
        : m_name(name), m_input(path), m_builder(*this, false, keep_records) {}

    bool next(SourceRecord& record) override {
        std::string line;
        while (!m_stopped && read_line(line)) {
            ++m_line;
            if (text::trim(line).empty()) {
                continue;
            }
            record = SourceRecord{};
            record.line = m_line;
            parse_line(std::move(line), m_name, m_line, record, m_builder);
            return true;
        }
        return false;
    }

    [[nodiscard]] Diagnostic locate(const SourceRecord& record,
                                    const std::string& path) const override {
        return Diagnostic{m_name, record.line, 0, path, {}};
    }
    [[nodiscard]] std::size_t bytes_read() const override { return m_input.bytes(); }

  private:
    // The next line into `line`; false at the end, or when reading stops on a problem of the
    // file itself (its encoding, a line too long), which goes into `problems`.
    bool read_line(std::string& line) {
        line.clear();
        while (true) {
            if (m_pos >= m_size) {
                m_size = m_input.read(m_buffer.data(), m_buffer.size());
                m_pos = 0;
                if (m_first_chunk) {
                    m_first_chunk = false;
                    const std::string_view head(m_buffer.data(),
                                                std::min(m_size, k_encoding_head_bytes));
                    if (auto problem = encoding_diagnostic(m_name, head)) {
                        problems.push_back(std::move(*problem));
                        m_stopped = true;
                        return false;
                    }
                    if (head.starts_with("\xEF\xBB\xBF")) {
                        m_pos = 3;
                    }
                }
                if (m_size == 0) {
                    if (line.empty() && m_eof_seen) {
                        return false;
                    }
                    m_eof_seen = true;
                    return !line.empty();
                }
            }
            const char* start = m_buffer.data() + m_pos;
            const void* nl = std::memchr(start, '\n', m_size - m_pos);
            if (nl != nullptr) {
                const auto len = static_cast<std::size_t>(static_cast<const char*>(nl) - start);
                line.append(start, len);
                m_pos += len + 1;
                if (!line.empty() && line.back() == '\r') {
                    line.pop_back();
                }
                if (line.size() > k_max_record_bytes) {
                    return stop(m_line + 1, too_long_message("line"));
                }
                return true;
            }
            line.append(start, m_size - m_pos);
            m_pos = m_size;
            if (line.size() > k_max_record_bytes) {
                return stop(m_line + 1, too_long_message("line"));
            }
        }
    }

    bool stop(int line, Message what) {
        problems.push_back(file_problem(m_name, line, std::move(what)));
        m_stopped = true;
        return false;
    }

    std::string m_name;
    InputFile m_input;
    std::vector<char> m_buffer = std::vector<char>(1 << 20);
    std::size_t m_pos = 0;
    std::size_t m_size = 0;
    bool m_eof_seen = false;
    bool m_first_chunk = true;
    bool m_stopped = false;
    int m_line = 0;
    RecordBuilder m_builder;
};

}  // namespace

std::unique_ptr<RecordReader> json_lines_reader(const std::string& name, const std::string& path,
                                                const ImportOptions& options) {
    return std::make_unique<JsonLinesReader>(name, path, !options.rejects.empty());
}

}  // namespace nacsa::members::detail
