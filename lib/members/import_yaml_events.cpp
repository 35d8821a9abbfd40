// SPDX-License-Identifier: Apache-2.0
// The events of a YAML file of members: libyaml's, and those of a quick reader for the YAML
// nacsa writes (import_yaml_events.hpp). The quick reader follows libyaml 0.2.5 (scanner.c,
// parser.c) where it places each event: a block collection starts at its first key or '-', and
// ends (with any indentless sequence inside it) at the first token after it; an empty value is
// a plain scalar right after its ':' or '-'; the document and the stream end after the last
// line, at column 0 of the line after it.
#include "members/import_yaml_events.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/ondemand.hpp"
#include "parsers/api.hpp"

namespace nacsa::members::detail {

namespace {

// The longest key libyaml reads as a simple key is 1024 characters up to its ':'; a key of
// more bytes than this is left to libyaml.
constexpr std::size_t k_max_key_bytes = 1000;
// Block collections open at once, the top sequence included: a member record needs 4. The
// import stops at a value nested 7 deep in a record (its message comes at the value's first
// event, which libyaml gives only after reading the next token, where it may stop first):
// such a record is left to libyaml.
constexpr std::size_t k_max_frames = 6;

bool is_blank(char c) {
    return c == ' ' || c == '\t';
}

// What ends a run of ordinary characters: in a plain scalar (and in one in a flow sequence),
// in a double-quoted scalar.
constexpr std::uint8_t k_ends_plain = 1;
constexpr std::uint8_t k_ends_flow_plain = 2;
constexpr std::uint8_t k_ends_double = 4;

constexpr std::array<std::uint8_t, 256> k_classes = [] {
    std::array<std::uint8_t, 256> t{};
    for (const char c : {' ', '\t', ':'}) {
        t[static_cast<unsigned char>(c)] |= k_ends_plain | k_ends_flow_plain;
    }
    for (const char c : {',', '[', ']', '{', '}'}) {
        t[static_cast<unsigned char>(c)] |= k_ends_flow_plain;
    }
    t['"'] |= k_ends_double;
    t['\\'] |= k_ends_double;
    return t;
}();

[[maybe_unused]] std::uint8_t class_of(char c) {
    return k_classes[static_cast<unsigned char>(c)];
}

// The first byte from `i` on that is not printable ASCII (space to '~'), or `n`; eight bytes
// at a time. Of the bytes a word flags, the lowest is one: a borrow or carry into a byte
// comes from a flagged byte below it.
std::size_t printable_ascii_end(const unsigned char* p, std::size_t i, std::size_t n) {
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t highs = 0x8080808080808080ULL;
    while (i + 8 <= n) {
        std::uint64_t x = 0;
        std::memcpy(&x, p + i, 8);
        const std::uint64_t below_space = (x - ones * 0x20) & ~x & highs;
        const std::uint64_t del_or_more = ((x + ones) | x) & highs;
        const std::uint64_t flagged = below_space | del_or_more;
        if (flagged != 0) {
            static_assert(std::endian::native == std::endian::little);
            return i + static_cast<std::size_t>(std::countr_zero(flagged) >> 3);
        }
        i += 8;
    }
    while (i < n && p[i] >= 0x20 && p[i] < 0x7F) {
        ++i;
    }
    return i;
}

#if defined(__SSE2__)
// The bytes of the 16 at `p` that are not printable ASCII (space to '~') nor a tab, and with
// `line_breaks` nor LF or CR, as bits.
template <bool line_breaks>
unsigned unusual_bytes(const unsigned char* p) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    // Signed: bytes from 0x80 on are below the space too.
    const __m128i odd = _mm_or_si128(_mm_cmplt_epi8(x, _mm_set1_epi8(0x20)),
                                     _mm_cmpeq_epi8(x, _mm_set1_epi8(0x7F)));
    __m128i usual = _mm_cmpeq_epi8(x, _mm_set1_epi8('\t'));
    if constexpr (line_breaks) {
        usual = _mm_or_si128(usual, _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\n')),
                                                 _mm_cmpeq_epi8(x, _mm_set1_epi8('\r'))));
    }
    return static_cast<unsigned>(_mm_movemask_epi8(_mm_andnot_si128(usual, odd)));
}

// The bytes of the 16 at `p` that equal one of `a`, `b` or `c`, as bits.
unsigned bytes_equal(const unsigned char* p, char a, char b, char c) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i found = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(a)), _mm_cmpeq_epi8(x, _mm_set1_epi8(b))),
        _mm_cmpeq_epi8(x, _mm_set1_epi8(c)));
    return static_cast<unsigned>(_mm_movemask_epi8(found));
}
#endif

// The first byte from `i` on that is not printable ASCII nor a tab (with `line_breaks`, nor
// LF or CR), or `n`; 16 bytes at a time with SSE2.
template <bool line_breaks>
std::size_t usual_end(const unsigned char* p, std::size_t i, std::size_t n) {
#if defined(__SSE2__)
    while (i + 16 <= n) {
        if (const unsigned mask = unusual_bytes<line_breaks>(p + i); mask != 0) {
            return i + static_cast<std::size_t>(std::countr_zero(mask));
        }
        i += 16;
    }
#endif
    while (true) {
        i = printable_ascii_end(p, i, n);
        if (i < n && (p[i] == '\t' || (line_breaks && (p[i] == '\n' || p[i] == '\r')))) {
            ++i;
            continue;
        }
        return i;
    }
}

// The first '"' or '\\' in `s` from `p` on, or its size; 16 bytes at a time with SSE2, which
// reads up to 15 bytes past the end of `s` (the quick reader's buffer has room for them), else
// eight bytes at a time (of the bytes a word flags, the lowest is one).
std::size_t quote_or_backslash(std::string_view s, std::size_t p) {
#if defined(__SSE2__)
    const auto* u = reinterpret_cast<const unsigned char*>(s.data());
    while (p < s.size()) {
        if (const unsigned mask = bytes_equal(u + p, '"', '\\', '"'); mask != 0) {
            return std::min(s.size(), p + static_cast<std::size_t>(std::countr_zero(mask)));
        }
        p += 16;
    }
    return s.size();
#else
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t highs = 0x8080808080808080ULL;
    const std::size_t n = s.size();
    while (p + 8 <= n) {
        std::uint64_t x = 0;
        std::memcpy(&x, s.data() + p, 8);
        const std::uint64_t q = x ^ (ones * '"');
        const std::uint64_t b = x ^ (ones * '\\');
        const std::uint64_t flagged = ((q - ones) & ~q & highs) | ((b - ones) & ~b & highs);
        if (flagged != 0) {
            return p + static_cast<std::size_t>(std::countr_zero(flagged) >> 3);
        }
        p += 8;
    }
    while (p < n && s[p] != '"' && s[p] != '\\') {
        ++p;
    }
    return p;
#endif
}

// The length of the UTF-8 character at `p` (a byte 0x80 or more) when it is one the quick
// reader takes: U+00A0 on, without U+2028 and U+2029 (line breaks to libyaml), U+FEFF (skipped
// at a line's start), U+FFFE and U+FFFF; 0 when `n` bytes cut it off; -1 when it is not.
int char_length(const unsigned char* p, std::size_t n) {
    const unsigned c = p[0];
    if (c < 0xC2 || c > 0xF4) {
        return -1;
    }
    const std::size_t length = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (length > n) {
        return 0;
    }
    std::uint32_t cp = c & (length == 2 ? 0x1FU : length == 3 ? 0x0FU : 0x07U);
    for (std::size_t k = 1; k < length; ++k) {
        const unsigned b = p[k];
        if ((b & 0xC0U) != 0x80U) {
            return -1;
        }
        cp = (cp << 6) | (b & 0x3FU);
    }
    if ((length == 3 && cp < 0x800) || (length == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        cp < 0xA0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0x2028 || cp == 0x2029 ||
        cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF) {
        return -1;
    }
    return static_cast<int>(length);
}

// Appends code point `value` as libyaml writes an escape (\x, \u, \U) into a scalar.
void put_code_point(std::string& out, std::uint32_t value) {
    const auto put = [&](std::uint32_t byte) { out += static_cast<char>(byte); };
    if (value <= 0x7F) {
        put(value);
    } else if (value <= 0x7FF) {
        put(0xC0 + (value >> 6));
        put(0x80 + (value & 0x3F));
    } else if (value <= 0xFFFF) {
        put(0xE0 + (value >> 12));
        put(0x80 + ((value >> 6) & 0x3F));
        put(0x80 + (value & 0x3F));
    } else {
        put(0xF0 + (value >> 18));
        put(0x80 + ((value >> 12) & 0x3F));
        put(0x80 + ((value >> 6) & 0x3F));
        put(0x80 + (value & 0x3F));
    }
}

}  // namespace

YamlEvent libyaml_event(const yaml_event_s& event) {
    YamlEvent out;
    out.line = static_cast<int>(event.start_mark.line);
    out.column = static_cast<int>(event.start_mark.column);
    switch (event.type) {
        case YAML_STREAM_START_EVENT:
            out.type = YamlEventType::stream_start;
            break;
        case YAML_STREAM_END_EVENT:
            out.type = YamlEventType::stream_end;
            break;
        case YAML_DOCUMENT_START_EVENT:
            out.type = YamlEventType::document_start;
            break;
        case YAML_DOCUMENT_END_EVENT:
            out.type = YamlEventType::document_end;
            break;
        case YAML_SEQUENCE_START_EVENT:
            out.type = YamlEventType::sequence_start;
            break;
        case YAML_SEQUENCE_END_EVENT:
            out.type = YamlEventType::sequence_end;
            break;
        case YAML_MAPPING_START_EVENT:
            out.type = YamlEventType::mapping_start;
            break;
        case YAML_MAPPING_END_EVENT:
            out.type = YamlEventType::mapping_end;
            break;
        case YAML_SCALAR_EVENT: {
            const auto& s = event.data.scalar;
            out.type = YamlEventType::scalar;
            out.text = std::string_view(reinterpret_cast<const char*>(s.value), s.length);
            out.plain = s.plain_implicit != 0 && s.style == YAML_PLAIN_SCALAR_STYLE;
            break;
        }
        case YAML_ALIAS_EVENT:
            out.type = YamlEventType::alias;
            out.text = reinterpret_cast<const char*>(event.data.alias.anchor);
            break;
        default:
            out.type = YamlEventType::other;
            break;
    }
    return out;
}

QuickYaml::QuickYaml(Read read, std::size_t buffer_bytes)
    : m_read(std::move(read)),
      m_buffer(std::max<std::size_t>(buffer_bytes, 1) + k_readable_past_end),
      m_capacity(m_buffer.size() - k_readable_past_end) {}

namespace {

// How many bytes from the start of `p` hold characters libyaml's reader takes (as
// libyaml_takes_characters): up to the first it refuses (then `refused`), or up to a character
// cut off at the end.
std::size_t taken(const unsigned char* p, std::size_t n, bool& refused) {
    std::size_t i = 0;
    while (i < n) {
        i = usual_end<true>(p, i, n);
        if (i == n) {
            break;
        }
        const unsigned c = p[i];
        if ((c >= 0x20 && c < 0x7F) || c == '\t' || c == '\n' || c == '\r') {
            ++i;
            continue;
        }
        if (c < 0xC2 || c > 0xF4) {
            refused = true;
            return i;
        }
        const std::size_t length = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (i + length > n) {
            return i;
        }
        std::uint32_t cp = c & (length == 2 ? 0x1FU : length == 3 ? 0x0FU : 0x07U);
        for (std::size_t k = 1; k < length; ++k) {
            const unsigned b = p[i + k];
            if ((b & 0xC0U) != 0x80U) {
                refused = true;
                return i;
            }
            cp = (cp << 6) | (b & 0x3FU);
        }
        if ((length == 3 && cp < 0x800) || (length == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp < 0xA0 && cp != 0x85) || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE ||
            cp == 0xFFFF) {
            refused = true;
            return i;
        }
        i += length;
    }
    return i;
}

}  // namespace

[[gnu::flatten]] bool libyaml_takes_characters(const QuickYaml::Read& read) {
    std::vector<unsigned char> buffer(std::size_t{1} << 20);
    std::size_t kept = 0;  // the start of a character cut off by the previous read
    while (true) {
        const std::ptrdiff_t n =
            read(reinterpret_cast<char*>(buffer.data() + kept), buffer.size() - kept);
        if (n < 0) {
            return false;
        }
        if (n == 0) {
            return kept == 0;
        }
        const std::size_t size = kept + static_cast<std::size_t>(n);
        bool refused = false;
        const std::size_t good = taken(buffer.data(), size, refused);
        if (refused) {
            return false;
        }
        kept = size - good;
        std::memmove(buffer.data(), buffer.data() + good, kept);
    }
}

// Reads lines up to the next of their events ([[gnu::flatten]]: the reading and parsing of a
// line in one function, a tenth fewer instructions).
[[gnu::flatten]] bool QuickYaml::next_line(YamlEvent& event) {
    while (m_next == m_queue.size()) {
        if (m_failed || m_ended) {
            return false;
        }
        m_queue.clear();
        m_next = 0;
        m_decoded.clear();
        if (!m_started) {
            m_started = true;
            push(YamlEventType::stream_start, 0, 0);
            continue;
        }
        std::string_view line;
        bool last = false;
        if (!read_line(line, last)) {
            m_failed = true;
            return false;
        }
        if (last) {
            if (m_literal.active) {
                if (m_literal.indent == 0) {
                    m_failed = true;  // no text at all: left to libyaml
                    return false;
                }
                literal_end();
            }
            if (!finish()) {
                m_failed = true;
                return false;
            }
            m_ended = true;
            break;
        }
        if (m_literal.active) {
            const LiteralLine l = literal_line(line);
            if (l == LiteralLine::failed) {
                m_failed = true;
                return false;
            }
            if (l == LiteralLine::text) {
                ++m_line;
                continue;
            }
            literal_end();
        }
        if (!content_line(line)) {
            m_failed = true;
            return false;
        }
        ++m_line;
    }
    give(event);
    return true;
}

// The next line into `line`, without its LF or CR LF, its characters checked on the way
// (char_length); `last` at the end of the input, where a last line without a line break is a
// line too. False when the input cannot be read, a line does not fit in the buffer or holds a
// character this reader does not take.
bool QuickYaml::read_line(std::string_view& line, bool& last) {
    m_ascii = true;
    std::size_t checked = 0;  // bytes of the line from m_begin on
    while (true) {
        const auto* start = reinterpret_cast<const unsigned char*>(m_buffer.data()) + m_begin;
        const std::size_t available = m_end - m_begin;
        std::size_t i = checked;
        while (true) {
            i = usual_end<false>(start, i, available);
            if (i == available) {
                break;
            }
            const unsigned c = start[i];
            if (c == '\n') {
                std::size_t length = i;
                if (length > 0 && start[length - 1] == '\r') {
                    --length;
                }
                line = std::string_view(m_buffer.data() + m_begin, length);
                m_begin += i + 1;
                m_bytes_done += i + 1;
                return true;
            }
            if (c == '\t') {
                ++i;
                continue;
            }
            if (c == '\r') {
                if (i + 1 == available) {
                    break;  // a line feed may follow
                }
                if (start[i + 1] != '\n') {
                    return false;  // a line break to libyaml
                }
                ++i;
                continue;
            }
            const int length = char_length(start + i, available - i);
            if (length < 0) {
                return false;
            }
            if (length == 0) {
                break;  // cut off by the end of what was read
            }
            m_ascii = false;
            i += static_cast<std::size_t>(length);
        }
        checked = i;
        if (m_input_done) {
            if (available == 0) {
                last = true;
                return true;
            }
            if (checked != available) {
                return false;  // a character cut off, or a CR, at the end of the input
            }
            line = std::string_view(m_buffer.data() + m_begin, available);
            m_unterminated = true;
            m_begin = m_end;
            m_bytes_done += available;
            return true;
        }
        if (m_begin > 0) {
            std::memmove(m_buffer.data(), start, available);
            m_begin = 0;
            m_end = available;
        }
        if (m_end == m_capacity) {
            return false;
        }
        const std::ptrdiff_t n = m_read(m_buffer.data() + m_end, m_capacity - m_end);
        if (n < 0) {
            return false;
        }
        if (n == 0) {
            m_input_done = true;
        }
        m_end += static_cast<std::size_t>(n);
    }
}

int QuickYaml::column_of(std::size_t byte) {
    if (m_ascii) {
        return static_cast<int>(byte);
    }
    // Counted on from the last place asked for, which is mostly before it.
    if (byte < m_counted_bytes) {
        m_counted_bytes = 0;
        m_counted_columns = 0;
    }
#if defined(__SSE2__)
    // 16 bytes at a time, reading past the line into the buffer's room for that.
    for (std::size_t i = m_counted_bytes; i < byte; i += 16) {
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(m_text.data() + i));
        // Signed: a byte that does not continue a character is above 0xBF (-65).
        auto starts = static_cast<unsigned>(
            _mm_movemask_epi8(_mm_cmpgt_epi8(x, _mm_set1_epi8(static_cast<char>(-65)))));
        if (byte - i < 16) {
            starts &= (1U << (byte - i)) - 1;
        }
        m_counted_columns += std::popcount(starts);
    }
#else
    for (std::size_t i = m_counted_bytes; i < byte; ++i) {
        m_counted_columns += (static_cast<unsigned char>(m_text[i]) & 0xC0U) != 0x80U ? 1 : 0;
    }
#endif
    m_counted_bytes = byte;
    return m_counted_columns;
}

// The first byte from `k` that is not a space; npos at a tab.
std::size_t QuickYaml::skip_spaces(std::size_t k) const {
    while (k < m_text.size() && m_text[k] == ' ') {
        ++k;
    }
    return k < m_text.size() && m_text[k] == '\t' ? std::string_view::npos : k;
}

// Whether nothing but spaces and a comment follow `k`.
bool QuickYaml::line_end(std::size_t k) const {
    const std::size_t e = skip_spaces(k);
    return e != std::string_view::npos && (e == m_text.size() || (m_text[e] == '#' && e > k));
}

void QuickYaml::push(YamlEventType type, int line, int column) {
    m_queue.push_back(Queued{type, line, column, false, false, 0, 0});
}

void QuickYaml::push_scalar(const Scalar& s) {
    m_queue.push_back(Queued{YamlEventType::scalar, m_line, column_of(s.start), s.plain, s.decoded,
                             s.offset, s.length});
}

void QuickYaml::push_null(int line, int column) {
    m_queue.push_back(Queued{YamlEventType::scalar, line, column, true, false, 0, 0});
}

bool QuickYaml::content_line(std::string_view s) {
    m_text = s;
    m_counted_bytes = 0;
    m_counted_columns = 0;
    const std::size_t n = s.size();
    std::size_t i = 0;
    while (i < n && s[i] == ' ') {
        ++i;
    }
    if (i == n || s[i] == '#') {
        m_tail_column = column_of(n);  // where libyaml is after it
        return true;                   // blank or a comment
    }
    m_tail_column = -1;
    if (s[i] == '\t') {
        return false;
    }
    const int column = static_cast<int>(i);
    if (s[i] == '-' && i + 1 < n && s[i + 1] == '\t') {
        return false;
    }
    const bool dash = s[i] == '-' && (i + 1 == n || s[i + 1] == ' ');
    const bool marker = column == 0 && n >= 3 &&
                        ((s[0] == '-' && s[1] == '-' && s[2] == '-') ||
                         (s[0] == '.' && s[1] == '.' && s[2] == '.')) &&
                        (n == 3 || is_blank(s[3]));
    if (!m_sequence) {
        if (marker && s[0] == '-' && !m_document) {
            if (!line_end(3)) {
                return false;
            }
            m_document = true;
            push(YamlEventType::document_start, m_line, 0);
            return true;
        }
        if (column != 0 || !dash) {
            return false;
        }
        if (!m_document) {
            m_document = true;
            push(YamlEventType::document_start, m_line, 0);
        }
        m_sequence = true;
        push(YamlEventType::sequence_start, m_line, 0);
        m_frames.push_back(Frame{Kind::sequence, 0});
        return item(i);
    }
    if (marker) {
        return false;
    }
    if (m_pending == Pending::value) {
        m_pending = Pending::none;
        if (column > m_pending_indent) {
            if (m_frames.size() >= k_max_frames) {
                return false;
            }
            if (dash) {
                m_frames.push_back(Frame{Kind::sequence, column});
                push(YamlEventType::sequence_start, m_line, column);
                return item(i);
            }
            return key_line(i, true);
        }
        if (column == m_pending_indent && dash) {
            if (m_frames.size() >= k_max_frames) {
                return false;
            }
            m_frames.push_back(Frame{Kind::indentless, column});
            push(YamlEventType::sequence_start, m_line, column);
            return item(i);
        }
        push_null(m_pending_line, m_pending_column);
    } else if (m_pending == Pending::item) {
        m_pending = Pending::none;
        if (column > m_pending_indent) {
            return false;
        }
        push_null(m_pending_line, m_pending_column);
    }
    close(column, dash);
    if (m_frames.empty() || m_frames.back().column != column) {
        return false;
    }
    if (m_frames.back().kind == Kind::mapping) {
        return !dash && key_line(i, false);
    }
    return dash && item(i);
}

// Ends the collections a line starting at `column` (with '-' or not) closes.
void QuickYaml::close(int column, bool dash) {
    while (!m_frames.empty()) {
        const Frame f = m_frames.back();
        if (f.column < column || (f.column == column && (f.kind != Kind::indentless || dash))) {
            return;
        }
        push(f.kind == Kind::mapping ? YamlEventType::mapping_end : YamlEventType::sequence_end,
             m_line, column);
        m_frames.pop_back();
    }
}

// After the last line.
bool QuickYaml::finish() {
    if (!m_sequence) {
        return false;  // no records: libyaml says what there is
    }
    if (m_pending != Pending::none) {
        push_null(m_pending_line, m_pending_column);
        m_pending = Pending::none;
    }
    // libyaml ends the collections indented deeper than where it is after the last line
    // there: after the comment or blanks of a last line without a line break; the others (all
    // of them, after a line break) at the start of the line after it.
    while (!m_frames.empty()) {
        const bool there =
            m_unterminated && m_tail_column >= 0 && m_frames.back().column > m_tail_column;
        push(m_frames.back().kind == Kind::mapping ? YamlEventType::mapping_end
                                                   : YamlEventType::sequence_end,
             there ? m_line - 1 : m_line, there ? m_tail_column : 0);
        m_frames.pop_back();
    }
    push(YamlEventType::document_end, m_line, 0);
    push(YamlEventType::stream_end, m_line, 0);
    return true;
}

// An entry of a block sequence: the '-' at `i`, then nothing (null), a scalar, a flow
// sequence, or the first key of a mapping.
bool QuickYaml::item(std::size_t i) {
    const std::string_view s = m_text;
    const std::size_t n = s.size();
    const int dash_column = column_of(i);
    const std::size_t k = skip_spaces(i + 1);
    if (k == std::string_view::npos) {
        return false;
    }
    if (k == n || s[k] == '#') {
        m_pending = Pending::item;
        m_pending_line = m_line;
        m_pending_column = dash_column + 1;
        m_pending_indent = dash_column;
        return true;
    }
    // A record of the top sequence that is not a mapping is whole for the import as soon as
    // its line is read; libyaml reads on to the next line's first token first (a scalar or a
    // flow sequence may be a key), and may stop there, before the record.
    const bool record = m_frames.size() == 1;
    if (s[k] == '[') {
        std::size_t end = k;
        return !record && flow_sequence(end) && line_end(end);
    }
    Scalar sc;
    if (!scalar(k, false, sc)) {
        return false;
    }
    const std::size_t e = skip_spaces(sc.end);
    if (e == std::string_view::npos) {
        return false;
    }
    if (e < n && s[e] == ':' && (e + 1 == n || s[e + 1] == ' ')) {
        if (e - k > k_max_key_bytes || m_frames.size() >= k_max_frames) {
            return false;
        }
        const int key_column = column_of(k);
        m_frames.push_back(Frame{Kind::mapping, key_column});
        push(YamlEventType::mapping_start, m_line, key_column);
        push_scalar(sc);
        return after_colon(e, key_column);
    }
    if (record) {
        return false;
    }
    push_scalar(sc);
    return line_end(sc.end);
}

// A key of the mapping at `i`'s column (its first one: `open_mapping`), then its value.
bool QuickYaml::key_line(std::size_t i, bool open_mapping) {
    const std::string_view s = m_text;
    const std::size_t n = s.size();
    const int key_column = column_of(i);
    if (open_mapping) {
        m_frames.push_back(Frame{Kind::mapping, key_column});
        push(YamlEventType::mapping_start, m_line, key_column);
    }
    Scalar sc;
    if (!scalar(i, false, sc)) {
        return false;
    }
    const std::size_t e = skip_spaces(sc.end);
    if (e == std::string_view::npos || e >= n || s[e] != ':' || (e + 1 < n && s[e + 1] != ' ') ||
        e - i > k_max_key_bytes) {
        return false;
    }
    push_scalar(sc);
    return after_colon(e, key_column);
}

// The value after the ':' at `k` of a key at `key_column`: a scalar or a flow sequence on this
// line, or else what the next lines hold.
bool QuickYaml::after_colon(std::size_t k, int key_column) {
    const std::string_view s = m_text;
    const std::size_t n = s.size();
    const int colon_column = column_of(k);
    const std::size_t v = skip_spaces(k + 1);
    if (v == std::string_view::npos) {
        return false;
    }
    if (v == n || s[v] == '#') {
        m_pending = Pending::value;
        m_pending_line = m_line;
        m_pending_column = colon_column + 1;
        m_pending_indent = key_column;
        return true;
    }
    if (s[v] == '[') {
        std::size_t end = v;
        return flow_sequence(end) && line_end(end);
    }
    if (s[v] == '|') {
        return literal_start(v);
    }
    Scalar sc;
    if (!scalar(v, false, sc)) {
        return false;
    }
    push_scalar(sc);
    return line_end(sc.end);
}

// A literal block scalar that starts with the "|" or "|-" at `k`, a mapping's value: its lines
// follow (literal_line).
bool QuickYaml::literal_start(std::size_t k) {
    const std::string_view s = m_text;
    std::size_t p = k + 1;
    bool strip = false;
    if (p < s.size() && s[p] == '-') {
        strip = true;
        ++p;
    }
    if (!line_end(p)) {
        return false;  // "|+", an indentation indicator, or more
    }
    m_literal = Literal{true, strip, m_line, column_of(k), m_frames.back().column + 1, 0, 0};
    m_literal_text.clear();
    return true;
}

// A line after a literal block scalar's start, as libyaml's scan_block_scalar reads it: its
// indentation is that of its first line (there must be one, with no blank line before it);
// a line indented as much or more is text, the indentation taken off; a blank line is a line
// break; a line indented less, or the end of the input, ends it (literal_end).
QuickYaml::LiteralLine QuickYaml::literal_line(std::string_view s) {
    std::size_t spaces = 0;
    while (spaces < s.size() && s[spaces] == ' ') {
        ++spaces;
    }
    const bool blank = spaces == s.size();
    auto& l = m_literal;
    if (m_unterminated) {
        return LiteralLine::failed;  // libyaml ends it where the input ends, left to it
    }
    if (l.indent == 0) {
        if (blank || s[spaces] == '\t' || static_cast<int>(spaces) < l.min_indent) {
            return LiteralLine::failed;
        }
        l.indent = static_cast<int>(spaces);
        m_literal_text.append(s.substr(spaces));
        return LiteralLine::text;
    }
    const auto indent = static_cast<std::size_t>(l.indent);
    if (blank && spaces <= indent) {
        ++l.breaks;
        return LiteralLine::text;
    }
    if (spaces < indent) {
        return s[spaces] == '\t' ? LiteralLine::failed : LiteralLine::ended;
    }
    m_literal_text.append(1 + static_cast<std::size_t>(l.breaks), '\n');
    l.breaks = 0;
    m_literal_text.append(s.substr(indent));
    return LiteralLine::text;
}

// The literal block scalar read, as an event: with "|" its last line break kept.
void QuickYaml::literal_end() {
    m_literal.active = false;
    if (!m_literal.strip) {
        m_literal_text += '\n';
    }
    const auto offset = static_cast<std::uint32_t>(m_decoded.size());
    m_decoded += m_literal_text;
    m_queue.push_back(Queued{YamlEventType::scalar, m_literal.line, m_literal.column, false, true,
                             offset, static_cast<std::uint32_t>(m_literal_text.size())});
}

// A flow sequence of scalars on this line, from the '[' at `k`; `k` ends after its ']'.
bool QuickYaml::flow_sequence(std::size_t& k) {
    const std::string_view s = m_text;
    const std::size_t n = s.size();
    push(YamlEventType::sequence_start, m_line, column_of(k));
    std::size_t p = skip_spaces(k + 1);
    if (p == std::string_view::npos) {
        return false;
    }
    if (p < n && s[p] == ']') {
        push(YamlEventType::sequence_end, m_line, column_of(p));
        k = p + 1;
        return true;
    }
    while (true) {
        Scalar sc;
        if (p >= n || !scalar(p, true, sc)) {
            return false;
        }
        push_scalar(sc);
        p = skip_spaces(sc.end);
        if (p == std::string_view::npos || p >= n) {
            return false;
        }
        if (s[p] == ']') {
            push(YamlEventType::sequence_end, m_line, column_of(p));
            k = p + 1;
            return true;
        }
        if (s[p] != ',') {
            return false;
        }
        p = skip_spaces(p + 1);
        if (p == std::string_view::npos || (p < n && s[p] == ']')) {
            return false;  // a tab, or a comma before the ']'
        }
    }
}

// The scalar that starts at `k`, in a flow sequence or not.
bool QuickYaml::scalar(std::size_t k, bool flow, Scalar& out) {
    switch (m_text[k]) {
        case '\'':
            return single_quoted(k, out);
        case '"':
            return double_quoted(k, out);
        default:
            return plain(k, flow, out);
    }
}

// The first byte from `p` on that may end a plain scalar (class_of), or the line's end; 16
// bytes at a time with SSE2, reading past the line into the buffer's room for that.
std::size_t QuickYaml::plain_run_end(std::size_t p, bool flow) const {
    const std::size_t n = m_text.size();
#if defined(__SSE2__)
    const auto* u = reinterpret_cast<const unsigned char*>(m_text.data());
    for (; p < n; p += 16) {
        unsigned mask = bytes_equal(u + p, ' ', '\t', ':');
        if (flow) {
            mask |= bytes_equal(u + p, ',', '[', ']') | bytes_equal(u + p, '{', '}', '}');
        }
        if (mask != 0) {
            return std::min(n, p + static_cast<std::size_t>(std::countr_zero(mask)));
        }
    }
    return n;
#else
    const std::uint8_t ends = flow ? k_ends_flow_plain : k_ends_plain;
    while (p < n && (class_of(m_text[p]) & ends) == 0) {
        ++p;
    }
    return p;
#endif
}

// A plain scalar on one line: up to ": " (a key's end), " #" (a comment) or the line's end,
// and in a flow sequence up to ',', '[', ']', '{' or '}'; without its trailing spaces.
bool QuickYaml::plain(std::size_t k, bool flow, Scalar& out) {
    const std::string_view s = m_text;
    const std::size_t n = s.size();
    const char first = s[k];
    switch (first) {
        case ' ':
        case '\t':
        case ',':
        case '[':
        case ']':
        case '{':
        case '}':
        case '#':
        case '&':
        case '*':
        case '!':
        case '|':
        case '>':
        case '%':
        case '@':
        case '`':
            return false;
        case '-':
        case '?':
        case ':':
            // Indicators when a blank follows; in a flow sequence, left to libyaml.
            if (k + 1 == n || is_blank(s[k + 1]) || (flow && first != '-')) {
                return false;
            }
            if (flow && std::strchr(",[]{}:#", s[k + 1]) != nullptr) {
                return false;
            }
            break;
        default:
            break;
    }
    std::size_t p = k;
    std::size_t end = k;
    while (p < n) {
        const std::size_t run = p;
        p = plain_run_end(p, flow);
        if (p > run) {
            end = p;
        }
        if (p == n) {
            break;
        }
        const char c = s[p];
        if (c == ' ') {
            std::size_t q = p;
            while (q < n && s[q] == ' ') {
                ++q;
            }
            if (q == n || s[q] == '#') {
                break;
            }
            if (s[q] == '\t') {
                return false;
            }
            p = q;
            continue;
        }
        if (c == '\t') {
            return false;
        }
        if (c == ':') {
            if (flow) {
                return false;
            }
            if (p + 1 == n || is_blank(s[p + 1])) {
                break;
            }
        } else if (flow && (c == ',' || c == '[' || c == ']' || c == '{' || c == '}')) {
            break;
        }
        ++p;
        end = p;
    }
    out = Scalar{
        k, end, true, false, static_cast<std::uint32_t>(k), static_cast<std::uint32_t>(end - k)};
    return true;
}

// A single-quoted scalar closed on the same line ('' for a quote).
bool QuickYaml::single_quoted(std::size_t k, Scalar& out) {
    const std::string_view s = m_text;
    const std::size_t n = s.size();
    std::size_t p = k + 1;
    bool doubled = false;
    std::size_t close = 0;
    while (true) {
        const void* q = std::memchr(s.data() + p, '\'', n - p);
        if (q == nullptr) {
            return false;
        }
        close = static_cast<std::size_t>(static_cast<const char*>(q) - s.data());
        if (close + 1 < n && s[close + 1] == '\'') {
            doubled = true;
            p = close + 2;
            continue;
        }
        break;
    }
    out = Scalar{k,
                 close + 1,
                 false,
                 false,
                 static_cast<std::uint32_t>(k + 1),
                 static_cast<std::uint32_t>(close - k - 1)};
    if (doubled) {
        out.decoded = true;
        out.offset = static_cast<std::uint32_t>(m_decoded.size());
        for (std::size_t i = k + 1; i < close; ++i) {
            m_decoded += s[i];
            if (s[i] == '\'') {
                ++i;  // the second quote of ''
            }
        }
        out.length = static_cast<std::uint32_t>(m_decoded.size() - out.offset);
    }
    return true;
}

namespace {

// The escape \\c of a double-quoted scalar: what it stands for appended to `out` (0), the number
// of hexadecimal digits that follow (\\x, \\u, \\U), or -1 for one the quick reader leaves to
// libyaml.
int escape(char c, std::string& out) {
    switch (c) {
        case '0':
            out += '\0';
            return 0;
        case 'a':
            out += '\x07';
            return 0;
        case 'b':
            out += '\x08';
            return 0;
        case 't':
        case '\t':
            out += '\x09';
            return 0;
        case 'n':
            out += '\x0A';
            return 0;
        case 'v':
            out += '\x0B';
            return 0;
        case 'f':
            out += '\x0C';
            return 0;
        case 'r':
            out += '\x0D';
            return 0;
        case 'e':
            out += '\x1B';
            return 0;
        case ' ':
            out += ' ';
            return 0;
        case '"':
            out += '"';
            return 0;
        case '/':
            out += '/';
            return 0;
        case '\\':
            out += '\\';
            return 0;
        case 'N':
            out += "\xC2\x85";
            return 0;
        case '_':
            out += "\xC2\xA0";
            return 0;
        case 'L':
            out += "\xE2\x80\xA8";
            return 0;
        case 'P':
            out += "\xE2\x80\xA9";
            return 0;
        case 'x':
            return 2;
        case 'u':
            return 4;
        case 'U':
            return 8;
        default:
            return -1;
    }
}

// The code point of the `digits` hexadecimal digits at s[p]; nullopt for a bad digit, a
// surrogate or a value past U+10FFFF, which libyaml refuses.
std::optional<std::uint32_t> hex_code_point(std::string_view s, std::size_t p, std::size_t digits) {
    if (p + digits > s.size()) {
        return std::nullopt;
    }
    std::uint32_t value = 0;
    for (std::size_t d = 0; d < digits; ++d) {
        const char c = s[p + d];
        std::uint32_t v = 0;
        if (c >= '0' && c <= '9') {
            v = static_cast<std::uint32_t>(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            v = static_cast<std::uint32_t>(c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            v = static_cast<std::uint32_t>(c - 'A' + 10);
        } else {
            return std::nullopt;
        }
        value = (value << 4) + v;
    }
    if ((value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF) {
        return std::nullopt;
    }
    return value;
}

}  // namespace

// A double-quoted scalar closed on the same line, with libyaml's escapes.
bool QuickYaml::double_quoted(std::size_t k, Scalar& out) {
    const std::string_view s = m_text;
    const std::size_t n = s.size();
    std::size_t p = k + 1;
    std::size_t run = p;  // the start of text not yet copied (once decoding)
    bool decoding = false;
    std::size_t offset = 0;
    while (true) {
        p = quote_or_backslash(s, p);
        if (p == n) {
            return false;
        }
        if (s[p] == '"') {
            break;
        }
        if (!decoding) {
            decoding = true;
            offset = m_decoded.size();
        }
        m_decoded.append(s.data() + run, p - run);
        if (p + 1 == n) {
            return false;  // an escaped line break: the scalar goes on
        }
        const int digits = escape(s[p + 1], m_decoded);
        if (digits < 0) {
            return false;
        }
        p += 2;
        if (digits > 0) {
            const auto value = hex_code_point(s, p, static_cast<std::size_t>(digits));
            if (!value) {
                return false;
            }
            put_code_point(m_decoded, *value);
            p += static_cast<std::size_t>(digits);
        }
        run = p;
    }
    if (decoding) {
        m_decoded.append(s.data() + run, p - run);
        out = Scalar{k,
                     p + 1,
                     false,
                     true,
                     static_cast<std::uint32_t>(offset),
                     static_cast<std::uint32_t>(m_decoded.size() - offset)};
    } else {
        out = Scalar{k,
                     p + 1,
                     false,
                     false,
                     static_cast<std::uint32_t>(k + 1),
                     static_cast<std::uint32_t>(p - k - 1)};
    }
    return true;
}

namespace {

OwnedYamlEvent owned(const YamlEvent& e) {
    return OwnedYamlEvent{e.type, e.line, e.column, std::string(e.text), e.plain};
}

}  // namespace

std::vector<OwnedYamlEvent> libyaml_events(std::string_view text, bool& failed) {
    const parsers::Api& lib = parsers_module();
    std::vector<OwnedYamlEvent> out;
    yaml_parser_t parser;
    lib.yaml_parser_initialize(&parser);
    lib.yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()),
                                     text.size());
    failed = false;
    while (true) {
        yaml_event_t event;
        if (lib.yaml_parser_parse(&parser, &event) == 0) {
            failed = true;
            break;
        }
        out.push_back(owned(libyaml_event(event)));
        const bool end = event.type == YAML_STREAM_END_EVENT;
        lib.yaml_event_delete(&event);
        if (end) {
            break;
        }
    }
    lib.yaml_parser_delete(&parser);
    return out;
}

namespace {

QuickYaml::Read read_from(std::string_view text) {
    return [text, at = std::size_t{0}](char* buffer, std::size_t size) mutable {
        const std::size_t n = std::min(size, text.size() - at);
        std::memcpy(buffer, text.data() + at, n);
        at += n;
        return static_cast<std::ptrdiff_t>(n);
    };
}

}  // namespace

bool libyaml_takes_characters(std::string_view text) {
    return libyaml_takes_characters(read_from(text));
}

std::optional<std::vector<OwnedYamlEvent>> quick_events(std::string_view text,
                                                        std::size_t buffer_bytes) {
    QuickYaml quick(read_from(text), buffer_bytes);
    std::vector<OwnedYamlEvent> out;
    YamlEvent event;
    while (quick.next(event)) {
        out.push_back(owned(event));
        if (event.type == YamlEventType::stream_end) {
            return out;
        }
    }
    return std::nullopt;
}

std::string to_string(const OwnedYamlEvent& e) {
    static const char* const names[] = {"stream_start",  "stream_end",     "document_start",
                                        "document_end",  "sequence_start", "sequence_end",
                                        "mapping_start", "mapping_end",    "scalar",
                                        "alias",         "other"};
    std::string out = fmt::format("{} {}:{}", names[static_cast<int>(e.type)], e.line, e.column);
    if (e.type == YamlEventType::scalar || e.type == YamlEventType::alias) {
        out += fmt::format(" {}{:?}", e.plain ? "plain " : "", e.text);
    }
    return out;
}

}  // namespace nacsa::members::detail
