// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct yaml_event_s;  // libyaml's yaml_event_t

// Internal to lib/members: the events a YAML file of members gives `member import`
// (import_yaml.cpp), from libyaml or from a quick reader of nacsa's own for the YAML nacsa
// writes itself (`member export --format yaml`) and that people write in the same shape.
namespace nacsa::members::detail {

enum class YamlEventType : std::uint8_t {
    stream_start,
    stream_end,
    document_start,
    document_end,
    sequence_start,
    sequence_end,
    mapping_start,
    mapping_end,
    scalar,
    alias,
    other,  // none of these (libyaml's YAML_NO_EVENT)
};

// One event: what the import reads of libyaml's yaml_event_t.
struct YamlEvent {
    YamlEventType type = YamlEventType::other;
    // Where it starts, as libyaml's start_mark: 0-based, the column in characters.
    int line = 0;
    int column = 0;
    // A scalar's text (an alias's name); valid until the next event is read.
    std::string_view text;
    // A plain scalar without a tag, which reads as null when empty, "~" or "null".
    bool plain = false;
};

// The event libyaml gave.
[[nodiscard]] YamlEvent libyaml_event(const yaml_event_s& event);

// Reads the YAML that nacsa writes (`member export --format yaml`) and that people write in the
// same shape, giving the same events as libyaml, each at the same line and column, without
// libyaml's decoding of one character at a time and its allocations:
// - one document, "---" at its start or not, holding a block sequence at column 0;
// - block sequences and mappings (a sequence may sit at its key's column), keys that are plain or
//   quoted scalars, values that are scalars, nested blocks or one-line flow sequences of
//   scalars ("[a, 'b', "c"]"), or nothing (null);
// - scalars on one line: plain, single-quoted, double-quoted with any of YAML's escapes; and
//   literal block scalars ("|", "|-") as a mapping's values, as nacsa writes text of several
//   lines;
// - comments, blank lines, Windows line ends (CR LF), UTF-8 text.
// On anything else it gives up (next() is false): anchors, aliases, tags, flow mappings, other
// block scalars ("|+", ">", an indentation indicator, a blank line first), a scalar over several
// lines, tabs outside quotes and comments, a byte-order mark, a line break other than LF and CR LF,
// a character YAML does not allow or invalid UTF-8, directives, a second document or "...", a line
// longer than its buffer, a syntax error, and a record of the top sequence that is not a mapping
// (nor empty): libyaml reads on to the next line's first token before it gives such a record (it
// may be a key), and may stop there. It gives a line's events once the whole line is read, so what
// it gave before it gave up is what libyaml gives for those lines, save the last scalar, which may
// go on on the line where it gave up, and the ends of collections that line would give.
class QuickYaml {
  public:
    // Fills `buffer` with up to `size` bytes of the input: their count, 0 at its end, -1 when it
    // cannot be read.
    using Read = std::function<std::ptrdiff_t(char* buffer, std::size_t size)>;
    explicit QuickYaml(Read read, std::size_t buffer_bytes = std::size_t{1} << 20);

    // The next event; false when the input is not in the subset this reader knows (or already
    // gave its stream end). `event.text` holds until the next call.
    bool next(YamlEvent& event) {
        if (m_next < m_queue.size()) {
            give(event);
            return true;
        }
        return next_line(event);
    }
    // The bytes of the input gone through so far.
    [[nodiscard]] std::size_t bytes() const { return m_bytes_done; }

  private:
    enum class Kind : std::uint8_t { mapping, sequence, indentless };
    struct Frame {
        Kind kind;
        int column;
    };
    struct Queued {
        YamlEventType type;
        int line;
        int column;
        bool plain;
        bool decoded;  // text in m_decoded, else in the current line
        std::uint32_t offset;
        std::uint32_t length;
    };
    // A scalar found on a line, before it is queued.
    struct Scalar {
        std::size_t start = 0;  // byte in the line
        std::size_t end = 0;    // after it
        bool plain = false;
        bool decoded = false;
        std::uint32_t offset = 0;
        std::uint32_t length = 0;
    };
    enum class Pending : std::uint8_t { none, value, item };
    // A literal block scalar being read.
    struct Literal {
        bool active = false;
        bool strip = false;  // "|-": without its last line break
        int line = 0;        // of its "|"
        int column = 0;
        int min_indent = 0;  // its lines are indented more than its mapping
        int indent = 0;      // of its first line; 0 before it
        int breaks = 0;      // blank lines not yet in the text
    };
    enum class LiteralLine : std::uint8_t { text, ended, failed };

    bool next_line(YamlEvent& event);
    void give(YamlEvent& event) {
        const Queued& q = m_queue[m_next++];
        event.type = q.type;
        event.line = q.line;
        event.column = q.column;
        event.plain = q.plain;
        event.text = q.length == 0 ? std::string_view()
                     : q.decoded   ? std::string_view(m_decoded).substr(q.offset, q.length)
                                   : m_text.substr(q.offset, q.length);
    }
    bool read_line(std::string_view& line, bool& last);
    bool content_line(std::string_view s);
    bool finish();
    void close(int column, bool dash);
    bool item(std::size_t i);
    bool key_line(std::size_t i, bool open_mapping);
    bool after_colon(std::size_t k, int key_column);
    bool flow_sequence(std::size_t& k);
    bool literal_start(std::size_t k);
    LiteralLine literal_line(std::string_view s);
    void literal_end();
    bool scalar(std::size_t k, bool flow, Scalar& out);
    bool plain(std::size_t k, bool flow, Scalar& out);
    [[nodiscard]] std::size_t plain_run_end(std::size_t p, bool flow) const;
    bool single_quoted(std::size_t k, Scalar& out);
    bool double_quoted(std::size_t k, Scalar& out);
    bool line_end(std::size_t k) const;
    [[nodiscard]] std::size_t skip_spaces(std::size_t k) const;
    [[nodiscard]] int column_of(std::size_t byte);
    void push(YamlEventType type, int line, int column);
    void push_scalar(const Scalar& s);
    void push_null(int line, int column);

    // Bytes of m_buffer past the input read into it, which the scans of 16 bytes at a time
    // may read.
    static constexpr std::size_t k_readable_past_end = 16;

    Read m_read;
    std::vector<char> m_buffer;
    std::size_t m_capacity;   // for the input: m_buffer but k_readable_past_end
    std::size_t m_begin = 0;  // the next line starts here
    std::size_t m_end = 0;    // bytes read into the buffer
    bool m_input_done = false;
    bool m_unterminated = false;  // the last line has no line break
    int m_tail_column = -1;       // after the last line when blank or a comment, else -1
    std::size_t m_bytes_done = 0;
    int m_line = 0;                   // of the line being read
    std::string_view m_text;          // the line being read, without its line break
    bool m_ascii = true;              // m_text holds only ASCII
    std::size_t m_counted_bytes = 0;  // column_of: the characters of m_text before this byte
    int m_counted_columns = 0;
    bool m_started = false;
    bool m_document = false;  // a document started ("---" or the sequence)
    bool m_sequence = false;  // its sequence started
    bool m_ended = false;
    bool m_failed = false;
    std::vector<Frame> m_frames;
    Pending m_pending = Pending::none;
    int m_pending_line = 0;
    int m_pending_column = 0;  // where its null goes
    int m_pending_indent = 0;  // of its key or '-'
    std::vector<Queued> m_queue;
    std::size_t m_next = 0;
    std::string m_decoded;  // the texts of the current line's escaped scalars
    Literal m_literal;
    std::string m_literal_text;
};

// Whether libyaml's reader takes every character of the input (UTF-8 of tab, line feed,
// carriage return, space to '~', U+0085 and U+00A0 on without surrogates, U+FFFE and U+FFFF),
// read through: then libyaml gives up, if at all, where it reads what it does not take, not up
// to 16 KiB before (it decodes that much ahead).
[[nodiscard]] bool libyaml_takes_characters(const QuickYaml::Read& read);

// For tests: the events of `text` read by libyaml, up to its end or up to its first error (then
// `failed`); and by the quick reader with a buffer of `buffer_bytes`, or nothing when it gives up.
struct OwnedYamlEvent {
    YamlEventType type = YamlEventType::other;
    int line = 0;
    int column = 0;
    std::string text;
    bool plain = false;
    friend bool operator==(const OwnedYamlEvent&, const OwnedYamlEvent&) = default;
};
[[nodiscard]] std::vector<OwnedYamlEvent> libyaml_events(std::string_view text, bool& failed);
[[nodiscard]] std::optional<std::vector<OwnedYamlEvent>> quick_events(
    std::string_view text, std::size_t buffer_bytes = std::size_t{1} << 20);
[[nodiscard]] bool libyaml_takes_characters(std::string_view text);
[[nodiscard]] std::string to_string(const OwnedYamlEvent& event);

}  // namespace nacsa::members::detail
