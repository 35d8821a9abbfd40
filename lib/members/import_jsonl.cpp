// SPDX-License-Identifier: Apache-2.0
// `member import` of JSON Lines files: one member record (a JSON object) per line.
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <set>

#include "core/encoding.hpp"
#include "core/text.hpp"
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

// How deep JSON may nest in a record (a member with its contacts needs 3): nlohmann's tree is
// copied and destroyed recursively, so a line of 100,000 '[' would exhaust the stack.
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

// Parses one line into `record`: its value, or the problem and the line as it was. nlohmann
// keeps the last of two equal keys; a repeated field is an error here, as it is in YAML files.
void parse_line(std::string line, const std::string& name, int line_number, SourceRecord& record) {
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
    try {
        std::vector<std::set<std::string>> keys;
        std::string repeated;
        record.value = Json::parse(line, [&](int /*depth*/, Json::parse_event_t event,
                                             Json& parsed) {
            if (event == Json::parse_event_t::object_start) {
                keys.emplace_back();
            } else if (event == Json::parse_event_t::object_end && !keys.empty()) {
                keys.pop_back();
            } else if (event == Json::parse_event_t::key && !keys.empty() &&
                       !keys.back().insert(parsed.get<std::string>()).second && repeated.empty()) {
                repeated = parsed.get<std::string>();
            }
            return true;
        });
        if (!repeated.empty()) {
            record.problems.push_back(Diagnostic{name, line_number, 0, repeated, "is given twice"});
        }
    } catch (const Json::parse_error& e) {
        record.problems.push_back(
            Diagnostic{name, line_number, static_cast<int>(e.byte), "",
                       fmt::format("invalid JSON: {}", plain_json_error(e.what()))});
        record.value = nullptr;
        record.text = std::move(line);
    } catch (const Json::exception& e) {
        // A number beyond a double ("1e400": out_of_range.406) is found while parsing too.
        record.problems.push_back(Diagnostic{
            name, line_number, 0, "", fmt::format("invalid JSON: {}", plain_json_error(e.what()))});
        record.value = nullptr;
        record.text = std::move(line);
    }
}

class JsonLinesReader final : public RecordReader {
  public:
    JsonLinesReader(const std::string& name, const std::string& path)
        : m_name(name), m_input(path) {}

    bool next(SourceRecord& record) override {
        std::string line;
        while (!m_stopped && read_line(line)) {
            ++m_line;
            if (text::trim(line).empty()) {
                continue;
            }
            record = SourceRecord{};
            record.line = m_line;
            parse_line(std::move(line), m_name, m_line, record);
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

    bool stop(int line, std::string what) {
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
};

}  // namespace

std::unique_ptr<RecordReader> json_lines_reader(const std::string& name, const std::string& path) {
    return std::make_unique<JsonLinesReader>(name, path);
}

}  // namespace nacsa::members::detail
