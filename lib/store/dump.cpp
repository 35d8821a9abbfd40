// SPDX-License-Identifier: Apache-2.0
#include "store/dump.hpp"

#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>

#include "core/files.hpp"
#include "core/ondemand.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "core/yaml_reader.hpp"
#include "core/yaml_writer.hpp"
#include "parsers/api.hpp"

namespace nacsa::store::dump {

namespace {

// What a redacted dump writes for a withheld text.
constexpr std::string_view k_withheld = "(left out of a redacted dump)";

std::string column_list(const Table& table, bool with_derived) {
    std::vector<std::string> names;
    names.reserve(table.columns.size() + table.derived.size());
    for (const auto& c : table.columns) {
        names.emplace_back(c.name);
    }
    if (with_derived) {
        for (const auto& d : table.derived) {
            names.emplace_back(d);
        }
    }
    return text::join(names, ", ");
}

Value read_value(const SQLite::Column& column, Kind kind) {
    Value v;
    if (column.isNull()) {
        return v;
    }
    switch (kind) {
        case Kind::integer:
        case Kind::boolean:
            v.type = Value::Type::integer;
            v.integer = column.getInt64();
            break;
        case Kind::real:
            v.type = Value::Type::real;
            v.real = column.getDouble();
            break;
        case Kind::blob:
            v.type = Value::Type::blob;
            v.text.assign(static_cast<const char*>(column.getBlob()),
                          static_cast<std::size_t>(column.getBytes()));
            break;
        default:
            v.type = Value::Type::text;
            v.text = column.getString();
            break;
    }
    return v;
}

void write_value(yaml::Writer& out, const Column& column, const Value& v, yaml::Dash dash) {
    switch (v.type) {
        case Value::Type::integer:
            if (column.kind == Kind::boolean && (v.integer == 0 || v.integer == 1)) {
                out.raw(2, column.name, v.integer == 1 ? "true" : "false", dash);
            } else {
                out.raw(2, column.name, std::to_string(v.integer), dash);
            }
            break;
        case Value::Type::real:
            out.number(2, column.name, v.real, dash);
            break;
        case Value::Type::blob:
            out.text(2, column.name, hex(v.text), dash);
            break;
        default:
            out.text(2, column.name, v.text, dash);
            break;
    }
}

// The row as a redacted dump writes it: personal columns left out, pseudonymised or withheld.
void redact(const Table& table, const Redaction& redaction, Row& row) {
    if (!redaction.active()) {
        return;
    }
    // Decided on the row as read, before any column of it changes.
    std::vector<bool> applies(table.columns.size());
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
        const auto& when = table.columns[i].personal_if;
        applies[i] = !when || when(row);
    }
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
        Value& v = row[i];
        if (v.type == Value::Type::null || !applies[i]) {
            continue;
        }
        switch (table.columns[i].personal) {
            case Personal::omit:
                v = Value{};
                break;
            case Personal::pseudonym:
                v.text = redaction.pseudonym(v.text);
                break;
            case Personal::withhold:
                v.text = std::string(k_withheld);
                break;
            case Personal::no:
                break;
        }
    }
}

void write_table(Store& store, const Table& table, const Redaction& redaction, yaml::Writer& out,
                 std::size_t& rows) {
    if (table.personal && redaction.active()) {
        out.raw(0, table.name, "[]");
        return;
    }
    SQLite::Statement q(store.db(),
                        fmt::format("SELECT {} FROM {} ORDER BY {}", column_list(table, false),
                                    table.name, table.order_by));
    bool any = false;
    Row row(table.columns.size());
    while (q.executeStep()) {
        if (!any) {
            out.open(0, table.name);
            any = true;
        }
        for (std::size_t i = 0; i < table.columns.size(); ++i) {
            row[i] = read_value(q.getColumn(static_cast<int>(i)), table.columns[i].kind);
        }
        redact(table, redaction, row);
        auto dash = yaml::Dash::yes;
        for (std::size_t i = 0; i < table.columns.size(); ++i) {
            if (row[i].type != Value::Type::null) {
                write_value(out, table.columns[i], row[i], dash);
                dash = yaml::Dash::no;
            }
        }
        ++rows;
    }
    if (!any) {
        out.raw(0, table.name, "[]");
    }
}

// One scalar of a row as read, before it is checked against its column.
struct Cell {
    bool present = false;
    std::string text;
    bool plain = false;  // plain and untagged: may read as null, a number or a boolean
    int line = 0;        // 1-based
    int column = 0;
};

// The events of one file, from libyaml, read as the file streams in (a dump of 100,000 members
// is a file of 100 MB: no tree of it is built).
class Events {
  public:
    Events(std::FILE* file, std::string shown) : m_shown(std::move(shown)) {
        m_lib.yaml_parser_initialize(&m_parser);
        m_lib.yaml_parser_set_input_file(&m_parser, file);
        m_lib.yaml_parser_set_encoding(&m_parser, YAML_UTF8_ENCODING);
    }
    ~Events() {
        if (m_have) {
            m_lib.yaml_event_delete(&m_event);
        }
        m_lib.yaml_parser_delete(&m_parser);
    }
    Events(const Events&) = delete;
    Events& operator=(const Events&) = delete;

    // The next event; what the file holds that is not YAML ends the reading (ValidationError).
    const yaml_event_t& next() {
        if (m_have) {
            m_lib.yaml_event_delete(&m_event);
            m_have = false;
        }
        if (m_lib.yaml_parser_parse(&m_parser, &m_event) == 0) {
            const yaml_mark_t& mark =
                m_parser.error == YAML_READER_ERROR ? m_parser.mark : m_parser.problem_mark;
            Message message =
                m_parser.problem != nullptr ? Message(m_parser.problem) : msg("cannot be parsed");
            throw ValidationError({Diagnostic{.file = m_shown,
                                              .line = static_cast<int>(mark.line) + 1,
                                              .column = static_cast<int>(mark.column) + 1,
                                              .message = msg("not valid YAML: {}", message)}});
        }
        m_have = true;
        return m_event;
    }

    // Passes over the rest of a value whose first event was `first`'s type.
    void skip(yaml_event_type_t first) {
        if (first != YAML_SEQUENCE_START_EVENT && first != YAML_MAPPING_START_EVENT) {
            return;
        }
        for (int depth = 1; depth > 0;) {
            const auto type = next().type;
            if (type == YAML_SEQUENCE_START_EVENT || type == YAML_MAPPING_START_EVENT) {
                ++depth;
            } else if (type == YAML_SEQUENCE_END_EVENT || type == YAML_MAPPING_END_EVENT) {
                --depth;
            }
        }
    }

  private:
    std::string m_shown;
    const parsers::Api& m_lib = parsers_module();
    yaml_parser_t m_parser{};
    yaml_event_t m_event{};
    bool m_have = false;
};

int line_of(const yaml_event_t& e) {
    return static_cast<int>(e.start_mark.line) + 1;
}
int column_of(const yaml_event_t& e) {
    return static_cast<int>(e.start_mark.column) + 1;
}
std::string scalar_text(const yaml_event_t& e) {
    return {reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length};
}

// Reading one file's rows.
class FileReader {
  public:
    FileReader(Store& store, std::FILE* file, std::string shown, Diagnostics& diagnostics)
        : m_store(store),
          m_events(file, shown),
          m_shown(std::move(shown)),
          m_diagnostics(diagnostics) {}

    std::size_t read(const File& file) {
        m_events.next();  // stream start
        if (m_events.next().type != YAML_DOCUMENT_START_EVENT) {
            problem(1, 1, "", msg("expected a mapping of keys to values"));
            return 0;
        }
        const auto& root = m_events.next();
        const int root_line = line_of(root);
        const int root_column = column_of(root);
        if (root.type != YAML_MAPPING_START_EVENT) {
            problem(root_line, root_column, "", msg("expected a mapping of keys to values"));
            return 0;
        }
        std::vector<std::string> names;
        for (const auto& t : file.tables) {
            names.emplace_back(t.name);
        }
        std::vector<int> seen(file.tables.size(), 0);  // the line of each table's key
        std::size_t rows = 0;
        for (;;) {
            const auto& key = m_events.next();
            if (key.type == YAML_MAPPING_END_EVENT) {
                break;
            }
            const int line = line_of(key);
            const int column = column_of(key);
            if (key.type != YAML_SCALAR_EVENT) {
                problem(line, column, "", msg("expected a key"));
                m_events.skip(key.type);
                m_events.skip(m_events.next().type);
                continue;
            }
            const std::string name = scalar_text(key);
            const auto at = std::find(names.begin(), names.end(), name);
            if (at == names.end() || seen[at - names.begin()] != 0) {
                problem(
                    line, column, name,
                    at == names.end()
                        ? msg("unknown key (expected one of: {})", text::join(names, ", "))
                        : msg("duplicate key (first given on line {})", seen[at - names.begin()]));
                m_events.skip(m_events.next().type);
                continue;
            }
            seen[at - names.begin()] = line;
            rows += read_table(file.tables[at - names.begin()]);
        }
        for (std::size_t i = 0; i < names.size(); ++i) {
            if (seen[i] == 0) {
                problem(root_line, root_column, names[i], msg("required key is missing"));
            }
        }
        if (m_events.next().type != YAML_DOCUMENT_END_EVENT ||
            m_events.next().type != YAML_STREAM_END_EVENT) {
            problem(root_line, root_column, "",
                    msg("a second YAML document (after ---): the file must be a single document"));
        }
        return rows;
    }

  private:
    void problem(int line, int column, const std::string& field, Message message) {
        m_diagnostics.add(m_shown, line, column, field, std::move(message));
    }

    std::size_t read_table(const Table& table) {
        const std::string name(table.name);
        const auto& list = m_events.next();
        if (list.type != YAML_SEQUENCE_START_EVENT) {
            problem(line_of(list), column_of(list), name, msg("expected a list"));
            m_events.skip(list.type);
            return 0;
        }
        SQLite::Statement insert(
            m_store.db(),
            fmt::format("INSERT {}INTO {} ({}) VALUES ({})", table.replace ? "OR REPLACE " : "",
                        table.name, column_list(table, true),
                        text::join(std::vector<std::string>(
                                       table.columns.size() + table.derived.size(), "?"),
                                   ", ")));
        std::size_t rows = 0;
        for (std::size_t i = 0;; ++i) {
            const auto& entry = m_events.next();
            if (entry.type == YAML_SEQUENCE_END_EVENT) {
                break;
            }
            const std::string path = fmt::format("{}[{}]", name, i);
            const int line = line_of(entry);
            const int column = column_of(entry);
            if (entry.type != YAML_MAPPING_START_EVENT) {
                problem(line, column, path, msg("expected a mapping of keys to values"));
                m_events.skip(entry.type);
                continue;
            }
            Row row;
            if (!read_row(table, path, line, column, row)) {
                continue;
            }
            if (table.derive) {
                Row more = table.derive(row);
                std::move(more.begin(), more.end(), std::back_inserter(row));
            }
            if (insert_row(insert, row, line, column, path)) {
                ++rows;
            }
        }
        return rows;
    }

    // The cells of one mapping of the list, by column; false when a key is wrong.
    bool read_cells(const Table& table, const std::string& path, std::vector<Cell>& cells) {
        bool ok = true;
        for (;;) {
            const auto& key = m_events.next();
            if (key.type == YAML_MAPPING_END_EVENT) {
                return ok;
            }
            const int line = line_of(key);
            const int column = column_of(key);
            if (key.type != YAML_SCALAR_EVENT) {
                problem(line, column, path, msg("expected a key"));
                m_events.skip(key.type);
                m_events.skip(m_events.next().type);
                ok = false;
                continue;
            }
            const std::string name = scalar_text(key);
            const auto at = std::find_if(table.columns.begin(), table.columns.end(),
                                         [&](const Column& c) { return c.name == name; });
            const std::string field = yaml::Reader::field(path, name);
            if (at == table.columns.end() || cells[at - table.columns.begin()].present) {
                std::vector<std::string> names;
                for (const auto& c : table.columns) {
                    names.emplace_back(c.name);
                }
                problem(line, column, field,
                        at == table.columns.end()
                            ? msg("unknown key (expected one of: {})", text::join(names, ", "))
                            : msg("duplicate key (first given on line {})",
                                  cells[at - table.columns.begin()].line));
                m_events.skip(m_events.next().type);
                ok = false;
                continue;
            }
            const auto& value = m_events.next();
            Cell& cell = cells[at - table.columns.begin()];
            cell.present = true;
            cell.line = line_of(value);
            cell.column = column_of(value);
            if (value.type != YAML_SCALAR_EVENT) {
                problem(cell.line, cell.column, field,
                        msg("expected a single value, not a list or mapping"));
                m_events.skip(value.type);
                ok = false;
                continue;
            }
            cell.text = scalar_text(value);
            cell.plain = value.data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
                         value.data.scalar.plain_implicit != 0;
        }
    }

    bool read_row(const Table& table, const std::string& path, int line, int column, Row& row) {
        std::vector<Cell> cells(table.columns.size());
        bool ok = read_cells(table, path, cells);
        row.assign(table.columns.size(), Value{});
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            const Column& col = table.columns[c];
            const std::string field = yaml::Reader::field(path, std::string(col.name));
            const Cell& cell = cells[c];
            if (!cell.present) {
                if (col.required) {
                    problem(line, column, field, msg("required key is missing"));
                    ok = false;
                }
                continue;
            }
            if (cell.plain && (cell.text.empty() || cell.text == "~" || cell.text == "null" ||
                               cell.text == "Null" || cell.text == "NULL")) {
                if (col.required) {
                    problem(cell.line, cell.column, field, msg("must not be empty"));
                    ok = false;
                }
                continue;
            }
            if (auto wrong = read_value(cell, col, row[c])) {
                problem(cell.line, cell.column, field, std::move(*wrong));
                ok = false;
            }
        }
        return ok;
    }

    // What is wrong with a cell as a value of its column, or nothing (the value is in `v`).
    static std::optional<Message> read_value(const Cell& cell, const Column& column, Value& v) {
        const std::string& s = cell.text;
        const bool quoted = !cell.plain;
        switch (column.kind) {
            case Kind::boolean:
                if (quoted || (s != "true" && s != "false")) {
                    return msg("expected true or false");
                }
                v.type = Value::Type::integer;
                v.integer = s == "true" ? 1 : 0;
                return std::nullopt;
            case Kind::integer: {
                const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v.integer);
                if (quoted || ec != std::errc() || end != s.data() + s.size()) {
                    return msg("expected a whole number");
                }
                v.type = Value::Type::integer;
                return std::nullopt;
            }
            case Kind::real: {
                const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v.real);
                if (quoted || ec != std::errc() || end != s.data() + s.size() ||
                    !std::isfinite(v.real)) {
                    return msg("\"{}\" is not a number", s);
                }
                v.type = Value::Type::real;
                return std::nullopt;
            }
            case Kind::blob: {
                auto bytes = from_hex(s);
                if (!bytes) {
                    return msg("\"{}\" is not hexadecimal (two digits 0-9, a-f per byte)", s);
                }
                v.type = Value::Type::blob;
                v.text = std::move(*bytes);
                return std::nullopt;
            }
            default:
                return read_text(column, s, v);
        }
    }

    static std::optional<Message> read_text(const Column& column, const std::string& s, Value& v) {
        if (auto problem = yaml::text_problem(s, column.max_bytes)) {
            return problem;
        }
        if (column.kind == Kind::date && !parse_date(s)) {
            return msg("\"{}\" is not a date (expected YYYY-MM-DD)", s);
        }
        if (column.kind == Kind::timestamp) {
            const auto t = parse_timestamp(s);
            if (!t || format_timestamp(*t) != s) {
                return msg("\"{}\" is not a time in UTC (expected YYYY-MM-DDTHH:MM:SSZ)", s);
            }
        }
        if (!column.values.empty() &&
            std::find(column.values.begin(), column.values.end(), s) == column.values.end()) {
            return msg("\"{}\" is not one of: {}", s, text::join(column.values, ", "));
        }
        if (column.check) {
            if (auto wrong = column.check(s)) {
                return wrong;
            }
        }
        v.type = Value::Type::text;
        v.text = s;
        return std::nullopt;
    }

    static std::optional<std::string> from_hex(std::string_view s) {
        if (s.size() % 2 != 0) {
            return std::nullopt;
        }
        std::string out;
        out.reserve(s.size() / 2);
        const auto digit = [](char c) -> int {
            if (c >= '0' && c <= '9') {
                return c - '0';
            }
            if (c >= 'a' && c <= 'f') {
                return c - 'a' + 10;
            }
            return -1;
        };
        for (std::size_t i = 0; i < s.size(); i += 2) {
            const int hi = digit(s[i]);
            const int lo = digit(s[i + 1]);
            if (hi < 0 || lo < 0) {
                return std::nullopt;
            }
            out += static_cast<char>((hi << 4) | lo);
        }
        return out;
    }

    bool insert_row(SQLite::Statement& insert, const Row& row, int line, int column,
                    const std::string& path) {
        // tryReset: reset() would throw again the failure of the previous row's step.
        (void)insert.tryReset();
        insert.clearBindings();
        for (std::size_t i = 0; i < row.size(); ++i) {
            const int index = static_cast<int>(i) + 1;
            const Value& v = row[i];
            switch (v.type) {
                case Value::Type::null:
                    insert.bind(index);
                    break;
                case Value::Type::integer:
                    insert.bind(index, static_cast<int64_t>(v.integer));
                    break;
                case Value::Type::real:
                    insert.bind(index, v.real);
                    break;
                case Value::Type::blob:
                    insert.bind(index, v.text.data(), static_cast<int>(v.text.size()));
                    break;
                case Value::Type::text:
                    insert.bind(index, v.text);
                    break;
            }
        }
        try {
            insert.exec();
            return true;
        } catch (const SQLite::Exception& e) {
            // A record the store's own rules refuse is a problem at the record; a failure
            // that is not about the record (I/O, a full disk) goes on.
            switch (e.getExtendedErrorCode()) {
                case SQLITE_CONSTRAINT_FOREIGNKEY:
                    problem(line, column, path,
                            msg("refers to a record that is missing from the dump, comes later "
                                "in it, or was refused above"));
                    return false;
                case SQLITE_CONSTRAINT_PRIMARYKEY:
                case SQLITE_CONSTRAINT_UNIQUE:
                    problem(line, column, path,
                            msg("has the same key as an earlier record ({})", e.what()));
                    return false;
                case SQLITE_CONSTRAINT_CHECK:
                case SQLITE_CONSTRAINT_NOTNULL:
                    problem(line, column, path, msg("breaks a rule of the store: {}", e.what()));
                    return false;
                default:
                    throw;
            }
        }
    }

    Store& m_store;
    Events m_events;
    std::string m_shown;
    Diagnostics& m_diagnostics;
};

}  // namespace

Column required(std::string_view name, Kind kind) {
    return {.name = name, .kind = kind, .required = true};
}

Column configured(std::string_view name, Configured list, Store& store, bool is_required) {
    return {.name = name,
            .required = is_required,
            .check = [list, &store](const std::string& key) -> std::optional<Message> {
                const auto& a = store.alliance();
                switch (list) {
                    case Configured::region:
                        if (a.find_region(key) != nullptr) {
                            return std::nullopt;
                        }
                        return msg("\"{}\" is not a region of the configuration (known: {})", key,
                                   config::known_keys(a.regions));
                    case Configured::thematic_area:
                        if (a.find_theme(key) != nullptr) {
                            return std::nullopt;
                        }
                        return msg("\"{}\" is not a thematic area of the configuration (known: {})",
                                   key, config::known_keys(a.thematic_areas));
                    case Configured::service:
                        if (a.find_service(key) != nullptr) {
                            return std::nullopt;
                        }
                        return msg("\"{}\" is not a service of the configuration (known: {})", key,
                                   config::known_keys(a.services));
                    case Configured::organisation_type:
                        if (a.find_type(key) != nullptr) {
                            return std::nullopt;
                        }
                        return msg(
                            "\"{}\" is not an organisation type of the configuration (known: {})",
                            key, config::known_keys(a.organisation_types));
                    case Configured::role: {
                        if (a.find_role(key) != nullptr) {
                            return std::nullopt;
                        }
                        std::vector<std::string> keys;
                        for (const auto& r : a.roles) {
                            keys.push_back(r.key);
                        }
                        return msg("\"{}\" is not a role of the configuration (known: {})", key,
                                   text::join(keys, ", "));
                    }
                }
                return std::nullopt;
            }};
}

Redaction::Redaction(std::vector<unsigned char> key) : m_active(true), m_key(std::move(key)) {}

std::string Redaction::pseudonym(std::string_view value) const {
    std::array<unsigned char, 32> digest{};
    const std::string keyed = fmt::format("nacsa redaction\x1f{}", value);
    ondemand_module().hmac_sha256(m_key.data(), m_key.size(), keyed, digest.data());
    const std::string_view bytes(reinterpret_cast<const char*>(digest.data()), 6);
    return "person-" + hex(bytes);
}

std::string hex(std::string_view bytes) {
    static constexpr std::string_view digits = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (const char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        out += digits[b >> 4];
        out += digits[b & 0x0f];
    }
    return out;
}

std::string write_file(Store& store, const File& file, const Redaction& redaction,
                       std::size_t& rows) {
    yaml::Writer out;
    out.comment(fmt::format("nacsa dump, format {}: {} (man 5 nacsa-dump)", k_format, file.title));
    for (const auto& table : file.tables) {
        write_table(store, table, redaction, out, rows);
    }
    return out.take();
}

std::size_t read_file(Store& store, const std::filesystem::path& dir, const File& file,
                      Diagnostics& diagnostics) {
    const std::string shown = (dir / file.name).string();
    files::check_input_file(shown);
    // A regular file only: a FIFO or a device would stream for ever (or, for a FIFO, block
    // the open), so the file is opened without blocking and looked at before it is read.
    const int fd = ::open(shown.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st {};
    if (fd < 0 || ::fstat(fd, &st) != 0) {
        const int err = errno;
        if (fd >= 0) {
            ::close(fd);
        }
        throw InputError(msg("{}: cannot be read: {}", shown, std::strerror(err)));
    }
    if (!S_ISREG(st.st_mode)) {
        ::close(fd);
        throw InputError(
            msg("{}: cannot be read as a file of a dump: {}", shown, msg("not a regular file")));
    }
    const std::unique_ptr<std::FILE, int (*)(std::FILE*)> in(::fdopen(fd, "rb"), &std::fclose);
    if (!in) {
        ::close(fd);
        throw InputError(msg("{}: cannot be read: {}", shown, std::strerror(errno)));
    }
    FileReader reader(store, in.get(), shown, diagnostics);
    const std::size_t rows = reader.read(file);
    if (std::ferror(in.get()) != 0) {
        throw InputError(msg("{}: cannot be read: {}", shown, std::strerror(errno)));
    }
    if (file.after_load && diagnostics.empty()) {
        file.after_load(store, shown);
    }
    return rows;
}

}  // namespace nacsa::store::dump
