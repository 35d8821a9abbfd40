#include "members/import.hpp"

#include <csv.h>
#include <fmt/format.h>
#include <malloc.h>
#include <yaml.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "core/files.hpp"
#include "core/hash_index.hpp"
#include "core/text.hpp"
#include "members/writer.hpp"
#include "output/table.hpp"

namespace nacsa::members {

using Json = nlohmann::ordered_json;

namespace {

const std::vector<std::string> k_member_fields = {
    "id",      "name",     "acronym",       "type",           "region",   "city",
    "website", "email",    "phone",         "thematic_areas", "services", "joined",
    "status",  "interest", "ecosoc_status", "net4u",          "notes"};
const std::vector<std::string> k_contact_fields = {"name",   "position", "email",  "phone",
                                                   "gender", "primary",  "consent"};

bool is_one_of(const std::vector<std::string>& list, const std::string& v) {
    return std::find(list.begin(), list.end(), v) != list.end();
}

// What a CSV column name (lower case) holds: (contact slot, field), the slot -1 for a member
// field, 0 for contact_<field>, N for contactN_<field>; nothing for an unknown name.
std::optional<std::pair<int, std::string>> csv_field(const std::string& name) {
    if (is_one_of(k_member_fields, name)) {
        return std::pair{-1, name};
    }
    if (name.starts_with("contact")) {
        std::size_t p = 7;
        int slot = 0;
        while (p < name.size() && name[p] >= '0' && name[p] <= '9' && slot < 1000) {
            slot = slot * 10 + (name[p] - '0');
            ++p;
        }
        if (p < name.size() && name[p] == '_' && is_one_of(k_contact_fields, name.substr(p + 1)) &&
            (p == 7 || slot > 0)) {
            return std::pair{slot, name.substr(p + 1)};
        }
    }
    return std::nullopt;
}

std::string known_csv_columns() {
    return fmt::format("{}, contact_<field> or contactN_<field> with <field> one of {}",
                       text::join(k_member_fields, ", "), text::join(k_contact_fields, ", "));
}

std::string lower(std::string_view s) {
    std::string out(text::trim(s));
    for (auto& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

// An open input file (or standard input), read in large chunks.
class InputFile {
  public:
    InputFile(const std::string& path) : m_path(path) {
        if (path == "-") {
            m_file = stdin;
            return;
        }
        files::check_input_file(path);
        m_file = std::fopen(path.c_str(), "rb");
        if (m_file == nullptr) {
            throw InputError(fmt::format("{}: cannot read: {}", path, std::strerror(errno)));
        }
    }
    InputFile(const InputFile&) = delete;
    InputFile& operator=(const InputFile&) = delete;
    ~InputFile() {
        if (m_file != nullptr && m_file != stdin) {
            std::fclose(m_file);
        }
    }
    [[nodiscard]] FILE* get() const { return m_file; }
    // Reads up to `size` bytes; 0 at the end.
    std::size_t read(char* buffer, std::size_t size) {
        const std::size_t n = std::fread(buffer, 1, size, m_file);
        m_bytes += n;
        return n;
    }
    [[nodiscard]] std::size_t bytes() const { return m_bytes; }
    [[nodiscard]] const std::string& path() const { return m_path; }

  private:
    std::string m_path;
    FILE* m_file = nullptr;
    std::size_t m_bytes = 0;
};

struct Location {
    int line = 0;
    int column = 0;
};

// One record as read from a file, before it is checked.
struct SourceRecord {
    Json value;                        // YAML and JSON Lines: the record as parsed
    std::optional<MemberInput> input;  // CSV: its fields, converted while reading
    int line = 0;
    std::vector<std::pair<std::string, Location>> locations;  // YAML: where each field path is
    std::vector<std::vector<std::string>> rows;               // CSV: the rows as read
    std::vector<int> row_lines;                               // CSV: line of each row
    std::vector<std::pair<int, int>> contact_origins;  // CSV: (row index, slot; 0 = contact_*)
    std::vector<Diagnostic> problems;                  // found while reading
    std::optional<std::string> text;  // JSON Lines: a line that is not valid JSON, as read
};

class RecordReader {
  public:
    virtual ~RecordReader() = default;
    // Reads the next record; false at the end of the input.
    virtual bool next(SourceRecord& record) = 0;
    // Where a field of the record is, for a diagnostic.
    [[nodiscard]] virtual Diagnostic locate(const SourceRecord& record,
                                            const std::string& path) const = 0;
    // Problems of the input as a whole (syntax errors that stop reading).
    std::vector<Diagnostic> problems;
    [[nodiscard]] virtual std::size_t bytes_read() const = 0;
};

// ---- YAML, streamed through libyaml's event parser ----------------------------------------

class YamlReader final : public RecordReader {
  public:
    YamlReader(const std::string& name, const std::string& path) : m_name(name), m_input(path) {
        yaml_parser_initialize(&m_parser);
        yaml_parser_set_input_file(&m_parser, m_input.get());
    }
    ~YamlReader() override {
        if (m_have_event) {
            yaml_event_delete(&m_event);
        }
        yaml_parser_delete(&m_parser);
    }

    bool next(SourceRecord& record) override {
        if (m_done) {
            return false;
        }
        if (!m_started) {
            m_started = true;
            if (!expect(YAML_STREAM_START_EVENT)) {
                return false;
            }
            if (!advance()) {
                return false;
            }
            if (m_event.type == YAML_STREAM_END_EVENT) {
                m_done = true;
                return false;
            }
            if (m_event.type != YAML_DOCUMENT_START_EVENT) {
                return stop("expected a YAML document");
            }
            if (!advance()) {
                return false;
            }
            if (m_event.type == YAML_SCALAR_EVENT && m_event.data.scalar.length == 0) {
                m_done = true;  // an empty document: no members
                return false;
            }
            if (m_event.type != YAML_SEQUENCE_START_EVENT) {
                return stop("expected a sequence of member records (\"- name: ...\")");
            }
        }
        if (!advance()) {
            return false;
        }
        if (m_event.type == YAML_SEQUENCE_END_EVENT) {
            m_done = true;
            if (advance() && m_event.type == YAML_DOCUMENT_END_EVENT && advance() &&
                m_event.type != YAML_STREAM_END_EVENT) {
                problems.push_back(here("only one YAML document is read; remove the second one"));
            }
            return false;
        }
        record = SourceRecord{};
        record.line = static_cast<int>(m_event.start_mark.line) + 1;
        if (m_event.type != YAML_MAPPING_START_EVENT) {
            record.problems.push_back(here("expected a member record (a mapping of field: value)"));
            Json ignored;
            if (!node(ignored, "", record, 0)) {
                return false;
            }
            return true;
        }
        if (!node(record.value, "", record, 0)) {
            return false;
        }
        return true;
    }

    [[nodiscard]] Diagnostic locate(const SourceRecord& record,
                                    const std::string& path) const override {
        for (const auto& [p, loc] : record.locations) {
            if (p == path) {
                return Diagnostic{m_name, loc.line, loc.column, path, {}};
            }
        }
        // A field that is missing: point at the record (or its contact).
        const auto dot = path.rfind('.');
        if (dot != std::string::npos) {
            const std::string parent = path.substr(0, dot);
            for (const auto& [p, loc] : record.locations) {
                if (p == parent) {
                    return Diagnostic{m_name, loc.line, loc.column, path, {}};
                }
            }
        }
        return Diagnostic{m_name, record.line, 0, path, {}};
    }

    [[nodiscard]] std::size_t bytes_read() const override { return m_parser.offset; }

  private:
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
        if (m_have_event) {
            yaml_event_delete(&m_event);
            m_have_event = false;
        }
        if (yaml_parser_parse(&m_parser, &m_event) == 0) {
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
        return true;
    }

    bool expect(yaml_event_type_t type) {
        if (!advance()) {
            return false;
        }
        if (m_event.type != type) {
            return stop("unexpected YAML content");
        }
        return true;
    }

    Diagnostic here(const std::string& message) const {
        return Diagnostic{m_name, static_cast<int>(m_event.start_mark.line) + 1,
                          static_cast<int>(m_event.start_mark.column) + 1, "", message};
    }

    bool stop(const std::string& message) {
        problems.push_back(here(message));
        m_done = true;
        return false;
    }

    // Reads the node that starts with the current event into `out`.
    bool node(Json& out, const std::string& path, SourceRecord& record, int depth) {
        const Location loc{static_cast<int>(m_event.start_mark.line) + 1,
                           static_cast<int>(m_event.start_mark.column) + 1};
        if (!path.empty()) {
            record.locations.emplace_back(path, loc);
        }
        if (depth > 6) {
            return stop("the record is nested too deeply");
        }
        switch (m_event.type) {
            case YAML_SCALAR_EVENT: {
                const auto& s = m_event.data.scalar;
                std::string value(reinterpret_cast<const char*>(s.value), s.length);
                if (s.plain_implicit != 0 && s.style == YAML_PLAIN_SCALAR_STYLE &&
                    (value.empty() || value == "~" || value == "null" || value == "Null" ||
                     value == "NULL")) {
                    out = nullptr;
                } else {
                    out = std::move(value);
                }
                return true;
            }
            case YAML_SEQUENCE_START_EVENT: {
                out = Json::array();
                for (int i = 1;; ++i) {
                    if (!advance()) {
                        return false;
                    }
                    if (m_event.type == YAML_SEQUENCE_END_EVENT) {
                        return true;
                    }
                    Json item;
                    if (!node(item, fmt::format("{}[{}]", path, i), record, depth + 1)) {
                        return false;
                    }
                    out.push_back(std::move(item));
                }
            }
            case YAML_MAPPING_START_EVENT: {
                out = Json::object();
                while (true) {
                    if (!advance()) {
                        return false;
                    }
                    if (m_event.type == YAML_MAPPING_END_EVENT) {
                        return true;
                    }
                    if (m_event.type != YAML_SCALAR_EVENT) {
                        return stop("a key must be plain text");
                    }
                    std::string key(reinterpret_cast<const char*>(m_event.data.scalar.value),
                                    m_event.data.scalar.length);
                    const Location key_loc{static_cast<int>(m_event.start_mark.line) + 1,
                                           static_cast<int>(m_event.start_mark.column) + 1};
                    const std::string child = path.empty() ? key : path + "." + key;
                    if (out.contains(key)) {
                        record.problems.push_back(Diagnostic{m_name, key_loc.line, key_loc.column,
                                                             child, "is given twice"});
                    }
                    if (!advance()) {
                        return false;
                    }
                    Json value;
                    if (!node(value, child, record, depth + 1)) {
                        return false;
                    }
                    out[key] = std::move(value);
                }
            }
            case YAML_ALIAS_EVENT:
                record.problems.push_back(
                    Diagnostic{m_name, loc.line, loc.column, path,
                               "aliases (*name) are not supported in member files"});
                out = nullptr;
                return true;
            default:
                return stop("unexpected YAML content");
        }
    }

    std::string m_name;
    InputFile m_input;
    yaml_parser_t m_parser{};
    yaml_event_t m_event{};
    bool m_have_event = false;
    bool m_started = false;
    bool m_done = false;
};

// ---- JSON Lines ---------------------------------------------------------------------------

class JsonLinesReader final : public RecordReader {
  public:
    JsonLinesReader(const std::string& name, const std::string& path)
        : m_name(name), m_input(path) {}

    bool next(SourceRecord& record) override {
        std::string line;
        while (read_line(line)) {
            ++m_line;
            if (text::trim(line).empty()) {
                continue;
            }
            record = SourceRecord{};
            record.line = m_line;
            try {
                // nlohmann keeps the last of two equal keys; a repeated field is an error here,
                // as it is in YAML files.
                std::vector<std::set<std::string>> keys;
                std::string repeated;
                record.value =
                    Json::parse(line, [&](int /*depth*/, Json::parse_event_t event, Json& parsed) {
                        if (event == Json::parse_event_t::object_start) {
                            keys.emplace_back();
                        } else if (event == Json::parse_event_t::object_end && !keys.empty()) {
                            keys.pop_back();
                        } else if (event == Json::parse_event_t::key && !keys.empty() &&
                                   !keys.back().insert(parsed.get<std::string>()).second &&
                                   repeated.empty()) {
                            repeated = parsed.get<std::string>();
                        }
                        return true;
                    });
                if (!repeated.empty()) {
                    record.problems.push_back(
                        Diagnostic{m_name, m_line, 0, repeated, "is given twice"});
                }
            } catch (const Json::parse_error& e) {
                record.problems.push_back(
                    Diagnostic{m_name, m_line, static_cast<int>(e.byte), "",
                               fmt::format("invalid JSON: {}", plain_json_error(e.what()))});
                record.value = nullptr;
                record.text = std::move(line);
            }
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
    static std::string plain_json_error(const std::string& what) {
        // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..." ->
        // after ": "
        const auto colon = what.find(": ");
        return colon == std::string::npos ? what : what.substr(colon + 2);
    }

    bool read_line(std::string& line) {
        line.clear();
        while (true) {
            if (m_pos >= m_size) {
                m_size = m_input.read(m_buffer.data(), m_buffer.size());
                m_pos = 0;
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
                return true;
            }
            line.append(start, m_size - m_pos);
            m_pos = m_size;
        }
    }

    std::string m_name;
    InputFile m_input;
    std::vector<char> m_buffer = std::vector<char>(1 << 20);
    std::size_t m_pos = 0;
    std::size_t m_size = 0;
    bool m_eof_seen = false;
    int m_line = 0;
};

// ---- From a record as read to checked field values -----------------------------------------

// The fields of a member and of a contact that hold text or lists, by name (the others are
// net4u, primary and the contacts).
using MemberText = std::optional<std::string> MemberInput::*;
using MemberList = std::optional<std::vector<std::string>> MemberInput::*;
using ContactText = std::optional<std::string> ContactInput::*;

MemberText member_text_field(std::string_view key) {
    static const std::pair<std::string_view, MemberText> fields[] = {
        {"id", &MemberInput::id},           {"name", &MemberInput::name},
        {"acronym", &MemberInput::acronym}, {"type", &MemberInput::type},
        {"region", &MemberInput::region},   {"city", &MemberInput::city},
        {"website", &MemberInput::website}, {"email", &MemberInput::email},
        {"phone", &MemberInput::phone},     {"joined", &MemberInput::joined},
        {"status", &MemberInput::status},   {"ecosoc_status", &MemberInput::ecosoc_status},
        {"notes", &MemberInput::notes}};
    for (const auto& [name, field] : fields) {
        if (name == key) {
            return field;
        }
    }
    return nullptr;
}

MemberList member_list_field(std::string_view key) {
    if (key == "thematic_areas") {
        return &MemberInput::thematic_areas;
    }
    if (key == "services") {
        return &MemberInput::services;
    }
    if (key == "interest") {
        return &MemberInput::interest;
    }
    return nullptr;
}

ContactText contact_text_field(std::string_view key) {
    static const std::pair<std::string_view, ContactText> fields[] = {
        {"name", &ContactInput::name},     {"position", &ContactInput::position},
        {"email", &ContactInput::email},   {"phone", &ContactInput::phone},
        {"gender", &ContactInput::gender}, {"consent", &ContactInput::consent}};
    for (const auto& [name, field] : fields) {
        if (name == key) {
            return field;
        }
    }
    return nullptr;
}

// A field's path in a record ("region", "contacts[2].email"), put together only for a
// diagnostic.
struct FieldPath {
    std::string_view prefix;  // "contacts[2]", or empty for a member field
    std::string_view key;
    [[nodiscard]] std::string str() const {
        return prefix.empty() ? std::string(key) : fmt::format("{}.{}", prefix, key);
    }
};

class Converter {
  public:
    Converter(const RecordReader& reader, const SourceRecord& record,
              std::vector<Diagnostic>& problems)
        : m_reader(reader), m_record(record), m_problems(problems) {}

    void report(const FieldPath& path, const std::string& message) {
        Diagnostic d = m_reader.locate(m_record, path.str());
        d.message = message;
        m_problems.push_back(std::move(d));
    }

    // Text as read: valid UTF-8 without NUL; nothing when blank.
    std::optional<std::string> text(std::string s, const FieldPath& path) {
        if (!text::is_valid_utf8(s)) {
            report(path, "is not valid UTF-8 (save the file as UTF-8)");
            return std::nullopt;
        }
        if (s.find('\0') != std::string::npos) {
            report(path, "holds a NUL byte (is this a text file?)");
            return std::nullopt;
        }
        if (text::trim(s).empty()) {
            return std::nullopt;
        }
        return s;
    }

    std::optional<std::string> text(const Json& v, const FieldPath& path) {
        if (v.is_null()) {
            return std::nullopt;
        }
        if (!v.is_string()) {
            report(path, "expected text");
            return std::nullopt;
        }
        return text(v.get_ref<const std::string&>(), path);
    }

    // yes/no, true/false, sí, 1/0, any case; nothing when blank.
    std::optional<bool> boolean(const std::string& given, const FieldPath& path) {
        const std::string s = lower(given);
        if (s.empty()) {
            return std::nullopt;
        }
        if (s == "true" || s == "yes" || s == "si" || s == "sí" || s == "1") {
            return true;
        }
        if (s == "false" || s == "no" || s == "0") {
            return false;
        }
        report(path, fmt::format("\"{}\" is not yes or no (true or false)", given));
        return std::nullopt;
    }

    std::optional<bool> boolean(const Json& v, const FieldPath& path) {
        if (v.is_null()) {
            return std::nullopt;
        }
        if (v.is_boolean()) {
            return v.get<bool>();
        }
        if (v.is_string()) {
            return boolean(v.get_ref<const std::string&>(), path);
        }
        report(path, fmt::format("{} is not yes or no (true or false)", v.dump()));
        return std::nullopt;
    }

    std::optional<std::vector<std::string>> list(const Json& v, const FieldPath& path) {
        if (v.is_null()) {
            return std::nullopt;
        }
        std::vector<std::string> out;
        if (v.is_string()) {
            out = text::split_list(v.get_ref<const std::string&>(), '|');
            if (out.empty()) {
                return std::nullopt;
            }
            return out;
        }
        if (!v.is_array()) {
            report(path, "expected a list of keys, or keys separated by | in one text");
            return std::nullopt;
        }
        for (const auto& item : v) {
            if (!item.is_string()) {
                report(path, "expected a list of keys");
                return std::nullopt;
            }
            out.push_back(std::string(text::trim(item.get_ref<const std::string&>())));
        }
        return out;
    }

    MemberInput member(const Json& v) {
        MemberInput in;
        if (!v.is_object()) {
            if (!v.is_null()) {
                report({}, "expected a member record (an object of field: value)");
            }
            return in;
        }
        for (const auto& [key, value] : v.items()) {
            const FieldPath path{{}, key};
            if (const auto field = member_text_field(key)) {
                in.*field = text(value, path);
            } else if (const auto list_field = member_list_field(key)) {
                in.*list_field = list(value, path);
            } else if (key == "net4u") {
                in.net4u = boolean(value, path);
            } else if (key == "contacts") {
                contacts(value, in);
            } else {
                report(path, fmt::format("unknown field (known: {}, contacts)",
                                         text::join(k_member_fields, ", ")));
            }
        }
        return in;
    }

    // A non-blank CSV cell of a member column (the column's field is a member field).
    void member_cell(MemberInput& in, const std::string& field, std::string raw) {
        const FieldPath path{{}, field};
        if (const auto text_field = member_text_field(field)) {
            in.*text_field = text(std::move(raw), path);
        } else if (const auto list_field = member_list_field(field)) {
            in.*list_field = text::split_list(raw, '|');
        } else if (field == "net4u") {
            in.net4u = boolean(raw, path);
        }
    }

    // A non-blank CSV cell of a contact column; `prefix` is "contacts[N]".
    void contact_cell(ContactInput& c, const std::string& field, std::string raw,
                      std::string_view prefix) {
        const FieldPath path{prefix, field};
        if (const auto text_field = contact_text_field(field)) {
            c.*text_field = text(std::move(raw), path);
        } else if (field == "primary") {
            c.primary = boolean(raw, path);
        }
    }

  private:
    void contacts(const Json& v, MemberInput& in) {
        if (v.is_null()) {
            return;
        }
        if (!v.is_array()) {
            report({{}, "contacts"}, "expected a list of contacts");
            return;
        }
        in.contacts.emplace();
        int i = 0;
        for (const auto& c : v) {
            ++i;
            const std::string prefix = fmt::format("contacts[{}]", i);
            ContactInput ci;
            if (!c.is_object()) {
                report({{}, prefix}, "expected a contact (name: ...)");
                continue;
            }
            for (const auto& [key, value] : c.items()) {
                const FieldPath path{prefix, key};
                if (const auto field = contact_text_field(key)) {
                    ci.*field = text(value, path);
                } else if (key == "primary") {
                    ci.primary = boolean(value, path);
                } else {
                    report(path, fmt::format("unknown field (known: {})",
                                             text::join(k_contact_fields, ", ")));
                }
            }
            in.contacts->push_back(std::move(ci));
        }
    }

    const RecordReader& m_reader;
    const SourceRecord& m_record;
    std::vector<Diagnostic>& m_problems;
};

// ---- CSV, parsed by libcsv; lines tracked here -------------------------------------------

// What a CSV column holds.
struct CsvColumn {
    std::string header;     // as written in the file
    std::string field;      // member field, or contact field
    int contact_slot = -1;  // -1: member field; 0: contact_*; N: contactN_*
    // Not read: a column without a header (spreadsheets save empty trailing columns), or the
    // "errors" column of a rejects file (--skip-invalid), so that a fixed one reads back.
    bool skip = false;
    // What the column holds, as one text: two columns with the same key hold the same thing.
    [[nodiscard]] std::string key() const { return fmt::format("{}/{}", contact_slot, field); }
};

class CsvReader final : public RecordReader {
  public:
    CsvReader(const std::string& name, const std::string& path, const ImportOptions& options)
        : m_name(name), m_input(path), m_options(options) {
        csv_init(&m_parser, CSV_STRICT | CSV_STRICT_FINI);
        // libcsv grows its field buffer by this much at a time (128 bytes by default): a long
        // field (notes, or a 10 MB cell by mistake) would otherwise be reallocated, and under
        // ASan copied, once per 128 bytes.
        csv_set_blk_size(&m_parser, 64 * 1024);
    }
    ~CsvReader() override { csv_free(&m_parser); }

    bool next(SourceRecord& record) override {
        if (!m_header_done) {
            m_header_done = true;
            if (!read_header()) {
                return false;
            }
        }
        recycle(record);
        // A record: consecutive rows of the same member (one contact per row).
        Row first;
        while (true) {
            if (!pull_row(first)) {
                return false;
            }
            if (!first.blank) {
                break;
            }
        }
        record.line = first.line;
        add_row(record, std::move(first));
        // Later rows of the same member, one contact each: they repeat its id or name, or
        // leave them empty. Without contact_* columns every row is a member of its own.
        while (const Row* next = peek_row()) {
            if (!m_has_row_contacts) {
                break;
            }
            if (!next->blank && !same_member(record.rows.front(), next->cells)) {
                break;
            }
            Row row;
            (void)pull_row(row);
            if (!row.blank) {
                add_row(record, std::move(row));
            }
        }
        build(record);
        return true;
    }

    [[nodiscard]] Diagnostic locate(const SourceRecord& record,
                                    const std::string& path) const override {
        int row = 0;
        int slot = -1;
        std::string field = path;
        if (path.starts_with("contacts[")) {
            const auto close = path.find(']');
            const std::size_t index = std::stoul(path.substr(9, close - 9)) - 1;
            field = close + 2 <= path.size() ? path.substr(close + 2) : "name";
            if (index < record.contact_origins.size()) {
                row = record.contact_origins[index].first;
                slot = record.contact_origins[index].second;
            }
        }
        for (std::size_t i = 0; i < m_columns.size(); ++i) {
            const auto& c = m_columns[i];
            if (c.field == field && c.contact_slot == slot) {
                return Diagnostic{m_name,
                                  record.row_lines[static_cast<std::size_t>(row)],
                                  static_cast<int>(i) + 1,
                                  c.header,
                                  {}};
            }
        }
        return Diagnostic{
            m_name,
            record.row_lines.empty() ? record.line
                                     : record.row_lines[static_cast<std::size_t>(row)],
            0,
            slot >= 0 ? (slot == 0 ? "contact_" + field : fmt::format("contact{}_{}", slot, field))
                      : field,
            {}};
    }

    [[nodiscard]] std::size_t bytes_read() const override { return m_input.bytes(); }
    [[nodiscard]] const std::vector<CsvColumn>& columns() const { return m_columns; }
    [[nodiscard]] char delimiter() const { return m_delimiter; }
    [[nodiscard]] const std::vector<std::string>& header_cells() const { return m_header_cells; }

  private:
    struct Row {
        std::vector<std::string> cells;
        int line = 0;
        bool blank = true;  // every cell empty or spaces
    };

    // Hands the cells of the last record's rows back for the next rows to fill: a large
    // import then allocates next to nothing per row for them.
    void recycle(SourceRecord& record) {
        auto rows = std::move(record.rows);
        for (auto& row : rows) {
            m_spare.push_back(std::move(row));
        }
        rows.clear();
        auto lines = std::move(record.row_lines);
        lines.clear();
        record = SourceRecord{};
        record.rows = std::move(rows);
        record.row_lines = std::move(lines);
    }

    // A row's cell of a column (-1: none), trimmed.
    static std::string_view cell(const std::vector<std::string>& cells, int column) {
        return column >= 0 && static_cast<std::size_t>(column) < cells.size()
                   ? text::trim(cells[static_cast<std::size_t>(column)])
                   : std::string_view{};
    }

    // Whether `next` is another row (another contact) of the member `first` starts: it gives
    // the same id, or no id and the same name (or none).
    bool same_member(const std::vector<std::string>& first,
                     const std::vector<std::string>& next) const {
        const auto id = cell(first, m_id_column);
        const auto name = cell(first, m_name_column);
        const auto next_id = cell(next, m_id_column);
        const auto next_name = cell(next, m_name_column);
        if (!next_id.empty()) {
            return next_id == id;
        }
        if (next_name.empty()) {
            return !id.empty() || !name.empty();
        }
        return next_name == name || name_key(next_name) == name_key(name);
    }

    void add_row(SourceRecord& record, Row row) {
        if (row.cells.size() != m_columns.size()) {
            record.problems.push_back(
                Diagnostic{m_name, row.line, 0, "",
                           fmt::format("the row has {} fields but the header has {}",
                                       row.cells.size(), m_columns.size())});
            row.cells.resize(m_columns.size());
        }
        record.row_lines.push_back(row.line);
        record.rows.push_back(std::move(row.cells));
    }

    // A cell as written before nacsa's CSV writer (or a spreadsheet) put a ' before text that
    // could pass for a formula (output::csv_field).
    static std::string_view unneutralised(std::string_view value) {
        if (value.starts_with('\'') && output::formula_like(value)) {
            value.remove_prefix(1);
        }
        return value;
    }
    static bool blank_cell(std::string_view cell) {
        return text::trim(unneutralised(cell)).empty();
    }

    // The record's fields, straight from its cells: a CSV cell is always text.
    void build(SourceRecord& record) {
        const auto& first = record.rows.front();
        // Later rows repeat the member's columns, or leave them empty.
        for (std::size_t i = 0; i < m_columns.size(); ++i) {
            const auto& col = m_columns[i];
            if (col.contact_slot >= 0 || col.skip || record.rows.size() < 2) {
                continue;
            }
            const std::string_view raw = unneutralised(first[i]);
            for (std::size_t r = 1; r < record.rows.size(); ++r) {
                const std::string_view other = unneutralised(record.rows[r][i]);
                if (!text::trim(other).empty() && other != raw) {
                    record.problems.push_back(Diagnostic{
                        m_name, record.row_lines[r], static_cast<int>(i) + 1, col.header,
                        fmt::format("\"{}\" differs from line {} (\"{}\"): the rows of one "
                                    "member must repeat "
                                    "its columns",
                                    other, record.row_lines[0], raw)});
                }
            }
        }
        Converter convert(*this, record, record.problems);
        MemberInput& in = record.input.emplace();
        std::map<int, std::vector<std::size_t>> slot_columns;  // contactN_*: N -> columns
        for (std::size_t i = 0; i < m_columns.size(); ++i) {
            const auto& col = m_columns[i];
            if (col.skip && col.header.empty()) {
                for (std::size_t r = 0; r < record.rows.size(); ++r) {
                    if (!blank_cell(record.rows[r][i])) {
                        record.problems.push_back(Diagnostic{
                            m_name, record.row_lines[r], static_cast<int>(i) + 1, "",
                            "a value in a column without a header: give the column a header, "
                            "or leave it empty"});
                    }
                }
            }
            if (col.skip || blank_cell(first[i])) {
                continue;
            }
            if (col.contact_slot < 0) {
                convert.member_cell(in, col.field, std::string(unneutralised(first[i])));
            } else if (col.contact_slot > 0) {
                slot_columns[col.contact_slot].push_back(i);
            }
        }
        // Contacts: those of the contactN_* columns in the order of N, then one per row.
        std::vector<ContactInput> contacts;
        const auto add_contact = [&](std::size_t row, int slot,
                                     const std::vector<std::size_t>& columns) {
            record.contact_origins.emplace_back(static_cast<int>(row), slot);
            const std::string prefix = fmt::format("contacts[{}]", contacts.size() + 1);
            ContactInput c;
            for (const auto i : columns) {
                convert.contact_cell(c, m_columns[i].field,
                                     std::string(unneutralised(record.rows[row][i])), prefix);
            }
            contacts.push_back(std::move(c));
        };
        for (const auto& [slot, columns] : slot_columns) {
            add_contact(0, slot, columns);
        }
        if (m_has_row_contacts) {
            std::vector<std::size_t> columns;
            for (std::size_t r = 0; r < record.rows.size(); ++r) {
                columns.clear();
                for (std::size_t i = 0; i < m_columns.size(); ++i) {
                    if (m_columns[i].contact_slot == 0 && !blank_cell(record.rows[r][i])) {
                        columns.push_back(i);
                    }
                }
                if (!columns.empty()) {
                    add_contact(r, 0, columns);
                }
            }
        }
        if (!contacts.empty()) {
            in.contacts = std::move(contacts);
        }
    }

    bool read_header() {
        Row header;
        if (!pull_row(header)) {
            if (problems.empty()) {
                problems.push_back(
                    Diagnostic{m_name, 1, 0, "", "the file is empty: expected a header row"});
            }
            return false;
        }
        m_header_cells = header.cells;
        std::map<std::string, std::string> map;
        for (const auto& [from, to] : m_options.map) {
            map[lower(from)] = lower(to);
        }
        std::set<std::string> seen;
        for (std::size_t i = 0; i < header.cells.size(); ++i) {
            CsvColumn col;
            col.header = std::string(text::trim(header.cells[i]));
            std::string name = lower(col.header);
            const auto mapped = map.find(name);
            if (mapped != map.end()) {
                name = mapped->second;
            }
            const int column = static_cast<int>(i) + 1;
            if (mapped == map.end() && (name.empty() || name == "errors")) {
                col.skip = true;
            } else if (const auto field = csv_field(name)) {
                col.contact_slot = field->first;
                col.field = field->second;
            }
            if (col.skip) {
                // not read (see CsvColumn)
            } else if (col.field.empty()) {
                problems.push_back(Diagnostic{
                    m_name, header.line, column, col.header,
                    fmt::format("unknown column (known: {}; or map it with --map \"{}=FIELD\")",
                                known_csv_columns(), col.header)});
                col.field = "?";
            } else {
                const std::string key = col.key();
                if (!seen.insert(key).second) {
                    problems.push_back(Diagnostic{m_name, header.line, column, col.header,
                                                  "the column is given twice"});
                }
            }
            if (col.contact_slot < 0 && col.field == "id") {
                m_id_column = static_cast<int>(i);
            }
            if (col.contact_slot < 0 && col.field == "name") {
                m_name_column = static_cast<int>(i);
            }
            if (col.contact_slot == 0) {
                m_has_row_contacts = true;
            }
            m_columns.push_back(std::move(col));
        }
        if (m_name_column < 0) {
            problems.push_back(
                Diagnostic{m_name, header.line, 0, "name", "the header has no name column"});
        }
        return problems.empty();
    }

    // The next row, left in place (nullptr at the end); valid until the next pull_row.
    const Row* peek_row() {
        if (!fill()) {
            return nullptr;
        }
        return &m_rows.front();
    }

    bool pull_row(Row& row) {
        if (!fill()) {
            return false;
        }
        row = std::move(m_rows.front());
        m_rows.pop_front();
        return true;
    }

    // Parses input until at least one complete row is waiting (or the input ends).
    bool fill() {
        while (m_rows.empty() && !m_finished) {
            feed_more();
        }
        return !m_rows.empty();
    }

    static void on_field(void* data, std::size_t length, void* self_ptr) {
        auto* self = static_cast<CsvReader*>(self_ptr);
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

    static void on_row(int /*terminator*/, void* self_ptr) {
        auto* self = static_cast<CsvReader*>(self_ptr);
        self->m_current.resize(self->m_cells);
        self->m_rows.push_back(
            Row{std::move(self->m_current), self->m_row_line, self->m_row_blank});
        self->m_cells = 0;
        self->m_row_blank = true;
        if (self->m_spare.empty()) {
            self->m_current = {};
            self->m_current.reserve(self->m_columns.size());
        } else {
            self->m_current = std::move(self->m_spare.back());
            self->m_spare.pop_back();
        }
        self->m_last_row_end = self->m_line;
    }

    void parse(const char* data, std::size_t length) {
        if (csv_parse(&m_parser, data, length, on_field, on_row, this) != length) {
            // In strict mode libcsv stops at a quote inside an unquoted field or at text
            // after a closing quote.
            fail(m_line, csv_error(&m_parser) == CSV_EPARSE
                             ? "a quote in the wrong place: a field that holds quotes must be "
                               "quoted whole, with each quote inside doubled (\"Fundación "
                               "\"\"Dos\"\"\")"
                             : csv_strerror(csv_error(&m_parser)));
        }
    }

    void fail(int line, const std::string& what) {
        problems.push_back(Diagnostic{m_name, line, 0, "", fmt::format("invalid CSV: {}", what)});
        m_finished = true;
        m_rows.clear();
    }

    // Parses the next line of input (more when a row spans lines), reading more when the
    // buffer is used up. A line at a time, not a buffer at a time: the rows are then used
    // while their cells are still in the processor's cache, and only a few wait in m_rows.
    void feed_more() {
        if (m_chunk.empty()) {
            const std::size_t n = m_input.read(m_buffer.data(), m_buffer.size());
            if (n == 0) {
                finish();
                return;
            }
            m_chunk = std::string_view(m_buffer.data(), n);
            if (m_first_chunk) {
                m_first_chunk = false;
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
                break;
            }
            ++m_line;
            const std::string_view line = m_chunk.substr(0, end + 1);
            m_chunk.remove_prefix(end + 1);
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
    void finish() {
        if (!m_pending.empty()) {
            ++m_line;
            parse(m_pending.data(), m_pending.size());
            m_pending.clear();
        }
        if (!m_finished && csv_fini(&m_parser, on_field, on_row, this) != 0) {
            // Only an unterminated quoted field makes csv_fini fail in strict mode.
            fail(m_last_row_end + 1,
                 "a quoted field opened on this line is never closed (the file ends "
                 "inside it: a closing quote is missing)");
            return;
        }
        m_finished = true;
    }

    void detect(std::string_view chunk) {
        m_newline =
            chunk.find('\n') == std::string_view::npos && chunk.find('\r') != std::string_view::npos
                ? '\r'
                : '\n';
        if (m_options.delimiter) {
            m_delimiter = *m_options.delimiter;
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
        csv_set_delim(&m_parser, static_cast<unsigned char>(m_delimiter));
    }

    std::string m_name;
    InputFile m_input;
    const ImportOptions& m_options;
    csv_parser m_parser{};
    std::vector<char> m_buffer = std::vector<char>(1 << 20);
    std::string_view m_chunk;  // what is left of the buffer to parse
    std::string m_pending;
    std::deque<Row> m_rows;
    std::vector<std::string> m_current;  // the row being read: its first m_cells cells
    std::size_t m_cells = 0;
    bool m_row_blank = true;                        // no cell of the row being read has text yet
    std::vector<std::vector<std::string>> m_spare;  // rows' cells to fill again
    std::vector<std::string> m_header_cells;
    std::vector<CsvColumn> m_columns;
    int m_line = 0;
    int m_row_line = 1;
    int m_last_row_end = 0;  // the line the last complete row ended on
    char m_newline = '\n';
    char m_delimiter = ',';
    bool m_first_chunk = true;
    bool m_finished = false;
    bool m_header_done = false;
    bool m_has_row_contacts = false;
    int m_id_column = -1;
    int m_name_column = -1;
};

// ---- Duplicate detection: compact keys of every member seen ------------------------------

// Where a member came from: a line of one of the input files, or the store (line 0). Eight
// bytes instead of a "members.csv:12" string for each of a large import's members.
struct Where {
    std::uint32_t file = 0;  // index into the import's file names
    std::uint32_t line = 0;  // 0: the store
};

// Every member an import has met, numbered: its id and where it came from. The ids share one
// block of text: a large import keeps a hundred thousand of them.
class Origins {
  public:
    std::uint32_t add(std::string_view id, Where where) {
        m_entries.push_back(Entry{static_cast<std::uint32_t>(m_text.size()),
                                  static_cast<std::uint32_t>(id.size()), where});
        m_text.append(id);
        return static_cast<std::uint32_t>(m_entries.size() - 1);
    }
    [[nodiscard]] std::string_view id(std::uint32_t i) const {
        return std::string_view(m_text).substr(m_entries[i].offset, m_entries[i].size);
    }
    [[nodiscard]] Where where(std::uint32_t i) const { return m_entries[i].where; }
    void reserve(std::size_t members) {
        m_entries.reserve(m_entries.size() + members);
        m_text.reserve(m_text.size() + members * 24);
    }

  private:
    struct Entry {
        std::uint32_t offset;
        std::uint32_t size;
        Where where;
    };
    std::string m_text;
    std::vector<Entry> m_entries;
};

// The ids the input gives (or that the import makes), each with the member it first named.
class SeenIds {
  public:
    explicit SeenIds(Origins& origins) : m_origins(origins) {}

    [[nodiscard]] std::optional<std::uint32_t> find(std::string_view id) const {
        std::optional<std::uint32_t> out;
        (void)m_index.for_each(HashIndex<std::uint32_t>::hash(id), [&](std::uint32_t i) {
            if (m_origins.id(i) == id) {
                out = i;
            }
            return out.has_value();
        });
        return out;
    }
    // The member's number and true, or the number of the member that had the id first.
    std::pair<std::uint32_t, bool> add(std::string_view id, Where where) {
        if (const auto i = find(id)) {
            return {*i, false};
        }
        const auto i = m_origins.add(id, where);
        m_index.add(HashIndex<std::uint32_t>::hash(id), i);
        return {i, true};
    }
    void reserve(std::size_t members) { m_index.reserve(m_index.size() + members); }

  private:
    Origins& m_origins;
    HashIndex<std::uint32_t> m_index;
};

class DuplicateIndex {
  public:
    explicit DuplicateIndex(const Origins& origins) : m_origins(origins) {}

    // Keys of a member, as hashes: normalised name without a leading organisation word,
    // acronym, e-mail domain, web site host. A name and an acronym are also looked up as
    // each other (`other`).
    struct Key {
        char kind;  // n(ame), a(cronym), d(omain), w(eb site)
        std::uint64_t hash;
        std::uint64_t other = 0;
    };
    struct Keys {
        std::array<Key, 4> items;
        std::size_t size = 0;
        void add(Key k) { items[size++] = k; }
        [[nodiscard]] const Key* begin() const { return items.data(); }
        [[nodiscard]] const Key* end() const { return items.data() + size; }
    };
    // `key` is name_key(m.name).
    static Keys keys(const Member& m, const std::string& key) {
        Keys out;
        const std::string name = detail::duplicate_key(key);
        out.add(Key{'n', hash('n', name), hash('a', key)});
        if (!m.acronym.empty()) {
            const std::string acronym = name_key(m.acronym);
            out.add(Key{'a', hash('a', acronym), hash('n', acronym)});
        }
        if (const auto at = m.email.find('@'); at != std::string::npos) {
            const std::string domain = lower(m.email.substr(at + 1));
            if (!is_free_mail(domain)) {
                out.add(Key{'d', hash('d', domain)});
            }
        }
        if (!m.website.empty()) {
            std::string host = lower(m.website);
            host = host.substr(host.find("://") + 3);
            host = host.substr(0, host.find_first_of("/?#"));
            if (host.starts_with("www.")) {
                host.erase(0, 4);
            }
            out.add(Key{'w', hash('w', host)});
        }
        return out;
    }

    // Why this member looks like another one already seen: the reason, the field of this
    // member it is about, and the other member (its number in the origins).
    struct Suspicion {
        const char* reason;
        const char* field;
        std::uint32_t other;
    };
    // `keys` are keys(m, key).
    std::vector<Suspicion> check(const Member& m, const Keys& keys) const {
        std::vector<Suspicion> out;
        auto look = [&](std::uint64_t wanted, const char* reason, const char* field) {
            const auto* found = m_keys.find(wanted);
            if (found != nullptr && m_origins.id(*found) != m.id &&
                std::none_of(out.begin(), out.end(),
                             [&](const auto& reported) { return reported.other == *found; })) {
                out.push_back(Suspicion{reason, field, *found});
            }
        };
        for (const auto& k : keys) {
            switch (k.kind) {
                case 'n':
                    look(k.hash, "a similar name", "name");
                    look(k.other, "a name equal to its acronym", "name");
                    break;
                case 'a':
                    look(k.hash, "the same acronym", "acronym");
                    look(k.other, "a name equal to this acronym", "acronym");
                    break;
                case 'd':
                    look(k.hash, "the same e-mail domain", "email");
                    break;
                default:
                    look(k.hash, "the same web site", "website");
                    break;
            }
        }
        return out;
    }

    // Member number `origin` of the origins, with its keys.
    void add(std::uint32_t origin, const Keys& keys) {
        for (const auto& k : keys) {
            m_keys.add(k.hash, origin);
        }
    }
    // Room for about this many more members (at most a million: the table still grows past
    // that), so that it is not rebuilt again and again as it fills.
    void reserve(std::size_t members) {
        m_keys.reserve(m_keys.size() + std::min<std::size_t>(members, 1'000'000) * 3);
    }

  private:
    static bool is_free_mail(const std::string& domain) {
        static const std::set<std::string> free = {
            "gmail.com",   "googlemail.com", "hotmail.com", "hotmail.es",
            "outlook.com", "outlook.es",     "live.com",    "yahoo.com",
            "yahoo.es",    "icloud.com",     "proton.me",   "protonmail.com",
            "gmx.com",     "aol.com",        "msn.com",     "mail.com"};
        return free.count(domain) != 0;
    }
    static std::uint64_t hash(char kind, const std::string& key) {
        return HashIndex<std::uint32_t>::hash(key) * 31 + static_cast<std::uint64_t>(kind);
    }

    const Origins& m_origins;
    HashIndex<std::uint32_t> m_keys;  // first member of each key
};

// ---- Rejected records ----------------------------------------------------------------------

class Rejects {
  public:
    // `as_csv`: every input is CSV, and so is the rejects file; else it is JSON Lines.
    explicit Rejects(bool as_csv) : m_as_csv(as_csv) {}

    void add(const RecordReader& reader, const SourceRecord& record,
             const std::vector<Diagnostic>& why, const std::string& file) {
        std::vector<std::string> reasons;
        for (const auto& d : why) {
            reasons.push_back(d.to_string());
        }
        const auto* csv = dynamic_cast<const CsvReader*>(&reader);
        if (csv != nullptr && m_as_csv) {
            add_csv(*csv, record, text::join(reasons, "; "));
            return;
        }
        Json j;
        j["file"] = file;
        j["line"] = record.line;
        j["errors"] = reasons;
        if (csv != nullptr) {
            // A CSV record among other formats: its rows, as column -> cell.
            Json rows = Json::array();
            for (const auto& row : record.rows) {
                Json cells = Json::object();
                for (std::size_t i = 0; i < row.size() && i < csv->header_cells().size(); ++i) {
                    cells[csv->header_cells()[i]] = row[i];
                }
                rows.push_back(std::move(cells));
            }
            j["rows"] = std::move(rows);
        } else if (record.text) {
            j["text"] = *record.text;  // a line that is not JSON: as it was
        } else {
            j["record"] = record.value;
        }
        m_jsonl += j.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
    }

    void write(const std::string& path) const {
        std::string content = m_jsonl;
        if (!m_rows.empty()) {
            std::vector<std::vector<std::string>> rows;
            std::vector<std::string> header = m_headers;
            header.emplace_back("errors");
            rows.push_back(std::move(header));
            for (const auto& [cells, errors] : m_rows) {
                std::vector<std::string> row = cells;
                row.resize(m_headers.size());
                row.push_back(errors);
                rows.push_back(std::move(row));
            }
            content = output::csv_lines(rows, m_delimiter, false) + content;
        }
        files::write_file_atomic(path, content, files::Privacy::owner_only);
    }

  private:
    // The rows go under one header for all files: a column per field, named as the first
    // file that has it names it, so that the fixed file reads back with the same --map.
    void add_csv(const CsvReader& csv, const SourceRecord& record, const std::string& errors) {
        if (m_headers.empty()) {
            m_delimiter = csv.delimiter();
        }
        const auto& columns = csv.columns();
        std::vector<std::optional<std::size_t>> place(columns.size());
        for (std::size_t i = 0; i < columns.size(); ++i) {
            if (columns[i].skip) {
                continue;
            }
            auto [it, inserted] = m_column_of.emplace(columns[i].key(), m_headers.size());
            if (inserted) {
                m_headers.push_back(columns[i].header);
            }
            place[i] = it->second;
        }
        for (const auto& row : record.rows) {
            std::vector<std::string> cells(m_headers.size());
            for (std::size_t i = 0; i < row.size() && i < place.size(); ++i) {
                if (place[i]) {
                    cells[*place[i]] = row[i];
                }
            }
            m_rows.emplace_back(std::move(cells), errors);
        }
    }

    bool m_as_csv;
    std::vector<std::string> m_headers;
    std::map<std::string, std::size_t> m_column_of;                        // "slot/field" -> column
    std::vector<std::pair<std::vector<std::string>, std::string>> m_rows;  // cells, errors
    char m_delimiter = ',';
    std::string m_jsonl;
};

// Whether two paths name the same existing file.
bool same_file(const std::string& a, const std::string& b) {
    std::error_code ec;
    return std::filesystem::equivalent(a, b, ec) && !ec;
}

// Thrown to roll back a dry run once its summary is known.
struct DryRunDone {};

}  // namespace

std::optional<FileFormat> parse_file_format(const std::string& name) {
    if (name == "yaml" || name == "yml") {
        return FileFormat::yaml;
    }
    if (name == "csv") {
        return FileFormat::csv;
    }
    if (name == "jsonl" || name == "ndjson") {
        return FileFormat::jsonl;
    }
    return std::nullopt;
}

std::optional<FileFormat> format_from_extension(const std::string& path) {
    std::string ext = lower(std::filesystem::path(path).extension().string());
    if (ext.empty()) {
        return std::nullopt;
    }
    return parse_file_format(ext.substr(1));
}

std::string summary_text(const ImportSummary& s) {
    std::string text =
        fmt::format("{} new, {} updated, {} unchanged", s.added, s.updated, s.unchanged);
    if (s.skipped > 0) {
        text += fmt::format(", {} skipped", s.skipped);
    }
    if (s.rejected > 0) {
        text += fmt::format(", {} rejected", s.rejected);
    }
    if (!s.duplicates.empty()) {
        text += fmt::format(", {} suspected duplicate{}", s.duplicates.size(),
                            s.duplicates.size() == 1 ? "" : "s");
    }
    return text;
}

ImportSummary import_members(store::Store& store, const std::vector<std::string>& files,
                             const ImportOptions& options) {
    // Every file must be readable and of a known format before anything starts, and every
    // --map say what it means.
    std::set<std::string> mapped;
    for (const auto& [from, to] : options.map) {
        if (!csv_field(lower(to))) {
            throw UsageError(fmt::format("--map \"{}={}\": \"{}\" is not a field (known: {})", from,
                                         to, to, known_csv_columns()));
        }
        if (!mapped.insert(lower(from)).second) {
            throw UsageError(fmt::format("--map: column \"{}\" is mapped twice", from));
        }
    }
    std::vector<FileFormat> formats;
    std::size_t total_bytes = 0;
    for (const auto& file : files) {
        auto format = options.format ? options.format : format_from_extension(file);
        if (!format) {
            throw UsageError(
                fmt::format("{}: cannot tell the format from the file name: use --input-format "
                            "yaml, csv or jsonl",
                            file));
        }
        formats.push_back(*format);
        if (file != "-") {
            files::check_input_file(file);
            if (!options.rejects.empty() && same_file(options.rejects, file)) {
                throw UsageError(fmt::format(
                    "--skip-invalid {}: that is an input file; name another file for the "
                    "rejected records",
                    options.rejects));
            }
            std::error_code ec;
            total_bytes += std::filesystem::is_regular_file(file, ec)
                               ? std::filesystem::file_size(file, ec)
                               : 0;
        }
    }
    // A large import allocates and frees many small records: keep freed memory instead of
    // returning it to the system after each one (brk churn cost a fifth of the run time), and
    // give SQLite a page cache for the indexes being filled. 8 MB: a first load into an empty
    // store appends to its tables, with no indexes to fill, and a larger cache only adds to the
    // peak memory (the sorts that build the indexes at the end use as much again).
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_TOP_PAD, 8 << 20);
    store.db().exec("PRAGMA cache_size = -8000");
    if (!options.rejects.empty() && same_file(options.rejects, store.path().string())) {
        throw UsageError(fmt::format(
            "--skip-invalid {}: that is the store; name another file for the rejected records",
            options.rejects));
    }
    const bool skip_invalid = !options.rejects.empty();
    const auto& alliance = store.alliance();
    ImportSummary summary;
    std::vector<Diagnostic> problems;
    Rejects rejects(std::all_of(formats.begin(), formats.end(),
                                [](FileFormat f) { return f == FileFormat::csv; }));
    try {
        store.transaction([&] {
            detail::Writer writer(store);
            Origins origins;
            DuplicateIndex duplicates(origins);
            SeenIds seen_ids(origins);
            {
                SQLite::Statement q(store.db(),
                                    "SELECT id, name, acronym, email, website FROM member");
                while (q.executeStep()) {
                    Member m;
                    m.id = q.getColumn(0).getString();
                    m.name = q.getColumn(1).getString();
                    m.acronym = q.getColumn(2).isNull() ? "" : q.getColumn(2).getString();
                    m.email = q.getColumn(3).isNull() ? "" : q.getColumn(3).getString();
                    m.website = q.getColumn(4).isNull() ? "" : q.getColumn(4).getString();
                    duplicates.add(origins.add(m.id, Where{}),
                                   DuplicateIndex::keys(m, name_key(m.name)));
                }
            }
            // A member takes 500 to 700 bytes in a file.
            const std::size_t expected = std::min<std::size_t>(total_bytes / 400, 1'000'000);
            duplicates.reserve(expected);
            seen_ids.reserve(expected);
            origins.reserve(expected);
            const bool bulk = writer.start_bulk_load();
            std::optional<detail::MemberReader> stored_members;  // made when first needed
            std::vector<std::string> names;                      // the files as messages name them
            for (const auto& file : files) {
                names.push_back(file == "-" ? "<stdin>" : file);
            }
            const auto where_text = [&](const Where& w) {
                return w.line == 0 ? std::string("the store")
                                   : fmt::format("{}:{}", names[w.file], w.line);
            };
            const Date today_date = nacsa::today(alliance.time_zone);
            const std::string today = format_date(today_date);
            std::size_t bytes_done = 0;
            for (std::size_t f = 0; f < files.size(); ++f) {
                const std::string& file = files[f];
                const std::string& name = names[f];
                std::unique_ptr<RecordReader> reader;
                switch (formats[f]) {
                    case FileFormat::yaml:
                        reader = std::make_unique<YamlReader>(name, file);
                        break;
                    case FileFormat::csv:
                        reader = std::make_unique<CsvReader>(name, file, options);
                        break;
                    case FileFormat::jsonl:
                        reader = std::make_unique<JsonLinesReader>(name, file);
                        break;
                }
                SourceRecord record;
                while (reader->next(record)) {
                    ++summary.records;
                    if (options.progress && summary.records % 1000 == 0) {
                        options.progress(summary.records, bytes_done + reader->bytes_read(),
                                         total_bytes);
                    }
                    std::vector<Diagnostic> record_problems = std::move(record.problems);
                    Converter converter(*reader, record, record_problems);
                    const bool has_fields = record.input.has_value() || record.value.is_object() ||
                                            (record.value.is_null() && record_problems.empty());
                    MemberInput input =
                        record.input ? std::move(*record.input) : converter.member(record.value);
                    Diagnostics checks;
                    const Locator where = [&](const std::string& path) {
                        return reader->locate(record, path);
                    };
                    if (has_fields) {
                        validate(input, alliance, today_date, where, true, checks);
                    }
                    // A field the reader already rejected ("expected text") is not reported
                    // again as missing.
                    std::set<std::string> rejected_fields;
                    for (const auto& d : record_problems) {
                        rejected_fields.insert(d.field);
                    }
                    for (auto& d : checks.take()) {
                        if (rejected_fields.count(d.field) == 0) {
                            record_problems.push_back(std::move(d));
                        }
                    }
                    auto reject = [&] {
                        ++summary.rejected;
                        if (skip_invalid) {
                            rejects.add(*reader, record, record_problems, name);
                        }
                        for (auto& d : record_problems) {
                            problems.push_back(std::move(d));
                        }
                    };
                    if (!record_problems.empty()) {
                        reject();
                        continue;
                    }
                    // Which member is this? By id, else by normalised name, else a new one.
                    // (Validation made sure there is a name; merge trims it, as here.)
                    const auto forms = detail::name_forms(text::trim(*input.name));
                    const std::string& key = forms.key;
                    const Where here{static_cast<std::uint32_t>(f),
                                     static_cast<std::uint32_t>(record.line)};
                    // A first load into an empty store holds only what this import wrote, and
                    // seen_ids has all of it.
                    const auto in_store = [&](const std::string& id) {
                        return !bulk && writer.id_exists(id);
                    };
                    std::string id;
                    bool exists = false;
                    if (input.id) {
                        id = *input.id;
                        exists = in_store(id);
                    } else if (const auto found = writer.id_by_name_key(key)) {
                        id = *found;
                        exists = true;
                    } else {
                        // A new member: its id comes from its name, made unique if another
                        // member already has it (the duplicate check below says so).
                        const std::string base = id_from_name(*input.name);
                        id = base;
                        for (int n = 2; in_store(id) || seen_ids.find(id); ++n) {
                            id = fmt::format("{}-{}", base.substr(0, 60), n);
                        }
                    }
                    const auto [origin, first] = seen_ids.add(id, here);
                    if (!first) {
                        Diagnostic d = where(input.id ? "id" : "name");
                        d.message = fmt::format(
                            "member \"{}\" is already given at {}{}", id,
                            where_text(origins.where(origin)),
                            input.id ? ""
                                     : " (names are the same member when they differ only in "
                                       "case, accents, punctuation or spacing)");
                        record_problems.push_back(std::move(d));
                        reject();
                        continue;
                    }
                    Member before;
                    if (exists) {
                        if (!stored_members) {
                            stored_members.emplace(store);
                        }
                        before = stored_members->find(id).value();  // found above
                        if (options.on_existing == OnExisting::fail) {
                            Diagnostic d = where(input.id ? "id" : "name");
                            d.message = fmt::format(
                                "member \"{}\" already exists (--on-existing fail)", id);
                            record_problems.push_back(std::move(d));
                            reject();
                            continue;
                        }
                    } else {
                        before.id = id;
                    }
                    MemberInput given = std::move(input);  // not used below
                    given.id.reset();
                    Member after = detail::merge(before, std::move(given));
                    // A status the file changes follows the lifecycle, as `member status` does.
                    if (exists && options.on_existing == OnExisting::update &&
                        after.status != before.status) {
                        if (auto why = detail::refused_move(before.status, after.status)) {
                            Diagnostic d = where("status");
                            d.message = std::move(*why);
                            record_problems.push_back(std::move(d));
                            reject();
                            continue;
                        }
                    }
                    // Suspected duplicates: within the input and against the store.
                    const auto duplicate_keys = DuplicateIndex::keys(after, key);
                    for (const auto& [reason, field, other] :
                         duplicates.check(after, duplicate_keys)) {
                        Diagnostic d = where(field);
                        d.message = fmt::format("suspected duplicate of member \"{}\" ({}, {})",
                                                origins.id(other), where_text(origins.where(other)),
                                                reason);
                        if (options.strictness == Strictness::strict) {
                            record_problems.push_back(std::move(d));
                        } else {
                            summary.duplicates.push_back(std::move(d));
                        }
                    }
                    if (!record_problems.empty()) {
                        reject();
                        continue;
                    }
                    duplicates.add(origin, duplicate_keys);
                    if (!problems.empty() && !skip_invalid) {
                        continue;  // invalid input: only keep checking
                    }
                    if (!exists) {
                        writer.insert(after, forms, after.joined.empty() ? today : after.joined,
                                      "imported");
                        ++summary.added;
                        summary.contacts_added += after.contacts.size();
                    } else if (options.on_existing == OnExisting::skip) {
                        ++summary.skipped;
                    } else if (after == before) {
                        ++summary.unchanged;
                    } else {
                        std::size_t new_contacts = 0;
                        for (const auto& c : after.contacts) {
                            new_contacts += c.id == 0 ? 1 : 0;
                        }
                        writer.update(before, after, "imported");
                        ++summary.updated;
                        summary.contacts_added += new_contacts;
                    }
                }
                for (auto& d : reader->problems) {
                    problems.push_back(std::move(d));
                    ++summary.rejected;
                }
                bytes_done += reader->bytes_read();
            }
            if (options.progress) {
                options.progress(summary.records, bytes_done, total_bytes);
            }
            if (!problems.empty() && !skip_invalid) {
                throw ValidationError(std::move(problems));
            }
            if (options.dry_run == DryRun::yes) {
                throw DryRunDone{};  // the rollback restores the indexes of a bulk load too
            }
            if (bulk) {
                writer.finish_bulk_load();
            }
            if (summary.added + summary.updated > 0) {
                store.audit("import", "members",
                            fmt::format("imported members: {}", summary_text(summary)));
            }
            if (skip_invalid) {
                rejects.write(options.rejects);
            }
        });
    } catch (const DryRunDone&) {
    }
    summary.problems = std::move(problems);
    return summary;
}

}  // namespace nacsa::members
