// SPDX-License-Identifier: Apache-2.0
// `member import` of YAML files: one sequence of member records, streamed through libyaml's
// event parser into the record (import_events.hpp), with the line and column of every field
// kept for messages. A file in the shape nacsa writes is read by a quick reader of nacsa's own
// instead (import_yaml_events.hpp), which gives the same events at the same places. Where it
// gives up, libyaml reads the file again from its start, and the records the quick reader gave
// are passed over: libyaml gives the same events for them. That holds because libyaml only
// stops where it reads what it cannot take, and a record is given only once it is whole; it
// also takes every character, which the file is read through for first: libyaml decodes 16 KiB
// ahead and would stop up to that much before an invalid byte, so such a file is read by
// libyaml alone. So is standard input when it is a pipe, which cannot be read again.
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string_view>
#include <tuple>

#include "core/ondemand.hpp"
#include "members/import_events.hpp"
#include "members/import_reader.hpp"
#include "members/import_yaml_events.hpp"
#include "parsers/api.hpp"

namespace nacsa::members::detail {

namespace {

class YamlReader final : public RecordReader {
  public:
    YamlReader(const std::string& name, const std::string& path, bool keep_records, bool quick)
        : m_name(name),
          m_input(path),
          m_quick_allowed(quick),
          m_builder(*this, true, keep_records) {
        m_lib.yaml_parser_initialize(&m_parser);
        // The start of the file is read first, to name an encoding that is not UTF-8 (libyaml
        // would read UTF-16 with a byte-order mark, and fail on it without one), then handed to
        // libyaml before the rest.
        m_head.resize(k_encoding_head_bytes);
        m_head.resize(m_input.read(m_head.data(), m_head.size()));
        if (auto problem = encoding_diagnostic(m_name, m_head)) {
            problems.push_back(std::move(*problem));
            m_done = true;
        }
        m_lib.yaml_parser_set_input(&m_parser, &YamlReader::read_input, this);
    }
    YamlReader(const YamlReader&) = delete;
    YamlReader& operator=(const YamlReader&) = delete;
    ~YamlReader() override {
        if (m_have_event) {
            m_lib.yaml_event_delete(&m_libyaml_event);
        }
        m_lib.yaml_parser_delete(&m_parser);
    }

    bool next(SourceRecord& record) override {
        if (!m_started) {
            m_started = true;
            if (m_done) {
                return false;
            }
            choose_reader();
        }
        if (!m_quick) {
            return next_record(record);
        }
        try {
            const bool more = next_record(record);
            m_records_given += more ? 1 : 0;
            return more;
        } catch (const QuickGaveUp&) {
            to_libyaml();
            return next_record(record);
        }
    }

    [[nodiscard]] Diagnostic locate(const SourceRecord& record,
                                    const std::string& path) const override {
        return locate_field(m_name, record, path);
    }

    [[nodiscard]] std::size_t bytes_read() const override {
        return m_quick ? m_quick->bytes() : m_parser.offset;
    }

  private:
    // The quick reader gave up (in advance()).
    struct QuickGaveUp {};

    bool next_record(SourceRecord& record) {
        if (m_done) {
            return false;
        }
        if (!m_in_sequence) {
            if (!start()) {
                return false;
            }
            m_in_sequence = true;
        }
        if (!advance()) {
            return false;
        }
        if (m_event.type == YamlEventType::sequence_end) {
            m_done = true;
            if (advance() && m_event.type == YamlEventType::document_end && advance() &&
                m_event.type != YamlEventType::stream_end) {
                problems.push_back(here("only one YAML document is read; remove the second one"));
            }
            return false;
        }
        record = SourceRecord{};
        record.line = m_event.line + 1;
        m_builder.begin(record);
        const bool mapping = m_event.type == YamlEventType::mapping_start;
        if (!mapping) {
            record.problems.push_back(here("expected a member record (a mapping of field: value)"));
        }
        if (!node(record, 0)) {
            return false;
        }
        m_builder.finish();
        if (!mapping) {
            record.value = nullptr;  // read for its problems only
        }
        return true;
    }

    // libyaml's read handler: the head read in the constructor, then the rest of the file.
    static int read_input(void* data, unsigned char* buffer, std::size_t size,
                          std::size_t* size_read) {
        auto* self = static_cast<YamlReader*>(data);
        if (self->m_head_used < self->m_head.size()) {
            const std::size_t n = std::min(size, self->m_head.size() - self->m_head_used);
            std::copy_n(self->m_head.data() + self->m_head_used, n, buffer);
            self->m_head_used += n;
            *size_read = n;
            return 1;
        }
        try {
            *size_read = self->m_input.read(reinterpret_cast<char*>(buffer), size);
        } catch (const InputError& e) {  // larger than an import reads
            self->m_read_error = e.what();
            *size_read = 0;
            return 0;
        }
        return std::ferror(self->m_input.get()) != 0 ? 0 : 1;
    }

    // The quick reader for a file that can be read again and whose every character libyaml
    // takes, read through for that; else libyaml. Either way the file is then read again
    // from its start.
    void choose_reader() {
        if (!m_quick_allowed || !m_input.can_rewind()) {
            return;  // libyaml, from the head read in the constructor on
        }
        rewind();  // past the head
        const bool quick = libyaml_takes_characters(quick_input());
        rewind();
        if (quick) {
            m_quick.emplace(quick_input());
            m_builder.set_utf8(Utf8::checked);  // the quick reader takes valid UTF-8 only
        }
    }

    // Reads the file from its start again, with libyaml.
    void rewind() {
        if (!m_input.rewind()) {
            throw InputError(msg("{}: cannot be read again: {}", m_name, std::strerror(errno)));
        }
        m_head_used = m_head.size();  // libyaml reads the file, not the head
    }

    // After the quick reader gave up: libyaml reads the file from its start again, passing over
    // the records the quick reader gave (the one it was reading comes again, whole).
    void to_libyaml() {
        m_quick.reset();
        m_builder.set_utf8(Utf8::unchecked);
        rewind();
        m_in_sequence = false;
        if (m_records_given == 0 || !start()) {
            return;
        }
        m_in_sequence = true;
        for (std::size_t i = 0; i < m_records_given; ++i) {
            if (!advance() || !skip_node()) {
                return;
            }
        }
    }

    // Passes over the node that starts with the current event.
    bool skip_node() {
        int depth = 0;
        while (true) {
            switch (m_event.type) {
                case YamlEventType::sequence_start:
                case YamlEventType::mapping_start:
                    ++depth;
                    break;
                case YamlEventType::sequence_end:
                case YamlEventType::mapping_end:
                    --depth;
                    break;
                default:
                    break;
            }
            if (depth == 0) {
                return true;
            }
            if (!advance()) {
                return false;
            }
        }
    }

    [[nodiscard]] QuickYaml::Read quick_input() {
        return [this](char* buffer, std::size_t size) -> std::ptrdiff_t {
            const std::size_t n = m_input.read(buffer, size);
            return n == 0 && std::ferror(m_input.get()) != 0 ? -1 : static_cast<std::ptrdiff_t>(n);
        };
    }

    // Reads up to the start of the sequence of records; false (and done) when there is none
    // (an empty document) or the file does not start as one.
    bool start() {
        if (!expect(YamlEventType::stream_start) || !advance()) {
            return false;
        }
        if (m_event.type == YamlEventType::stream_end) {
            m_done = true;
            return false;
        }
        if (m_event.type != YamlEventType::document_start) {
            return stop("expected a YAML document");
        }
        if (!advance()) {
            return false;
        }
        if (m_event.type == YamlEventType::scalar && m_event.text.empty()) {
            m_done = true;  // an empty document: no members
            return false;
        }
        if (m_event.type != YamlEventType::sequence_start) {
            return stop("expected a sequence of member records (\"- name: ...\")");
        }
        return true;
    }

    // Line and column (1-based, in bytes) of a byte offset, read again from the file; 0, 0 for
    // standard input, which cannot be read twice.
    [[nodiscard]] std::pair<int, int> position_of(std::size_t offset) const {
        if (m_input.path() == "-") {
            return {0, 0};
        }
        std::FILE* f = std::fopen(m_input.path().c_str(), "rb");
        if (f == nullptr) {
            return {0, 0};
        }
        int line = 1;
        int column = 1;
        for (std::size_t i = 0; i < offset; ++i) {
            const int c = std::fgetc(f);
            if (c == EOF) {
                break;
            }
            if (c == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        std::fclose(f);
        return {line, column};
    }

    bool advance() {
        if (m_quick) {
            if (!m_quick->next(m_event)) {
                throw QuickGaveUp{};  // it gives no event past the stream's end
            }
            return true;
        }
        if (m_have_event) {
            m_lib.yaml_event_delete(&m_libyaml_event);
            m_have_event = false;
        }
        if (m_lib.yaml_parser_parse(&m_parser, &m_libyaml_event) == 0) {
            if (!m_read_error.empty()) {
                throw InputError(m_read_error);
            }
            auto [line, column] = std::pair{static_cast<int>(m_parser.problem_mark.line) + 1,
                                            static_cast<int>(m_parser.problem_mark.column) + 1};
            if (m_parser.error == YAML_READER_ERROR) {
                // Encoding errors carry a byte offset, not a mark.
                std::tie(line, column) = position_of(m_parser.problem_offset);
            }
            problems.push_back(Diagnostic{
                m_name, line, column, "",
                fmt::format("invalid YAML: {}",
                            m_parser.problem != nullptr ? m_parser.problem : "cannot be parsed")});
            m_done = true;
            return false;
        }
        m_have_event = true;
        m_event = libyaml_event(m_libyaml_event);
        return true;
    }

    bool expect(YamlEventType type) {
        if (!advance()) {
            return false;
        }
        if (m_event.type != type) {
            return stop("unexpected YAML content");
        }
        return true;
    }

    [[nodiscard]] Location mark() const { return Location{m_event.line + 1, m_event.column + 1}; }

    [[nodiscard]] Diagnostic here(const std::string& message) const {
        const Location at = mark();
        return Diagnostic{m_name, at.line, at.column, "", message};
    }

    bool stop(const std::string& message) {
        problems.push_back(here(message));
        m_done = true;
        return false;
    }

    // Reads the node that starts with the current event into the record.
    bool node(SourceRecord& record, int depth) {
        const Location loc = mark();
        if (depth > 6) {
            return stop("the record is nested too deeply");
        }
        switch (m_event.type) {
            case YamlEventType::scalar:
                scalar(loc);
                return true;
            case YamlEventType::sequence_start:
                m_builder.start_array(loc);
                return sequence(record, depth);
            case YamlEventType::mapping_start:
                m_builder.start_object(loc);
                return mapping(record, depth);
            case YamlEventType::alias:
                record.problems.push_back(
                    Diagnostic{m_name, loc.line, loc.column, m_builder.value_path(),
                               "aliases (*name) are not supported in member files"});
                m_builder.null(loc);
                return true;
            default:
                return stop("unexpected YAML content");
        }
    }

    // The current scalar: null when written as nothing, ~ or null (unquoted), else its text.
    void scalar(Location loc) {
        const std::string_view value = m_event.text;
        if (m_event.plain && (value.empty() || value == "~" || value == "null" || value == "Null" ||
                              value == "NULL")) {
            m_builder.null(loc);
            return;
        }
        std::string text(value);
        m_builder.string(text, loc);
    }

    bool sequence(SourceRecord& record, int depth) {
        while (true) {
            if (!advance()) {
                return false;
            }
            if (m_event.type == YamlEventType::sequence_end) {
                m_builder.end();
                return true;
            }
            if (!node(record, depth + 1)) {
                return false;
            }
        }
    }

    bool mapping(SourceRecord& record, int depth) {
        while (true) {
            if (!advance()) {
                return false;
            }
            if (m_event.type == YamlEventType::mapping_end) {
                m_builder.end();
                return true;
            }
            if (m_event.type != YamlEventType::scalar) {
                return stop("a key must be plain text");
            }
            const Location key_loc = mark();
            if (m_builder.key(m_event.text)) {
                record.problems.push_back(Diagnostic{m_name, key_loc.line, key_loc.column,
                                                     m_builder.value_path(), "is given twice"});
            }
            if (!advance()) {
                return false;
            }
            if (!node(record, depth + 1)) {
                return false;
            }
        }
    }

    std::string m_name;
    InputFile m_input;
    bool m_quick_allowed;  // else libyaml reads every file
    std::string m_head;    // the start of the file, read first
    std::size_t m_head_used = 0;
    std::string m_read_error;
    const parsers::Api& m_lib = parsers_module();
    yaml_parser_t m_parser{};
    yaml_event_t m_libyaml_event{};
    bool m_have_event = false;
    std::optional<QuickYaml> m_quick;  // reads the file instead of libyaml
    std::size_t m_records_given = 0;   // by the quick reader
    YamlEvent m_event;                 // the current event, from either
    bool m_started = false;
    bool m_in_sequence = false;  // read up to the start of the records
    bool m_done = false;
    RecordBuilder m_builder;
};

}  // namespace

std::unique_ptr<RecordReader> yaml_reader(const std::string& name, const std::string& path,
                                          const ImportOptions& options) {
    return std::make_unique<YamlReader>(name, path, !options.rejects.empty(), true);
}

std::unique_ptr<RecordReader> libyaml_reader(const std::string& name, const std::string& path,
                                             const ImportOptions& options) {
    return std::make_unique<YamlReader>(name, path, !options.rejects.empty(), false);
}

}  // namespace nacsa::members::detail
