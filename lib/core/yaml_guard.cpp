// SPDX-License-Identifier: Apache-2.0
#include "core/yaml_guard.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <vector>

#include "core/encoding.hpp"
#include "core/ondemand.hpp"
#include "core/text.hpp"
#include "parsers/api.hpp"

namespace nacsa {

namespace {
[[noreturn]] void reject(const std::string& file, int line, int column, const Message& message,
                         ExitCode code) {
    Diagnostics problems;
    problems.add(file, line, column, "", message);
    problems.throw_if_any(code);
    throw DiagnosticError(code, {});  // not reached: throw_if_any threw
}
}  // namespace

void guard_yaml_input(std::string_view text, const std::string& file, ExitCode code) {
    // A NUL byte and damaged UTF-8 are located below; other encodings are named here.
    if (const auto problem = text::encoding_problem(text.substr(0, std::size_t{64} * 1024));
        problem && !problem->binary) {
        const auto [line, column] = text::line_column(text, problem->offset);
        reject(file, line, column, problem->message, code);
    }
    if (const auto bom = text::inner_bom_offset(text); bom != std::string_view::npos) {
        const auto [line, column] = text::line_column(text, bom);
        reject(file, line, column, text::inner_bom_message(), code);
    }
    if (const auto bad = text::invalid_utf8_offset(text); bad != std::string_view::npos) {
        const auto [line, column] = text::line_column(text, bad);
        reject(file, line, column, msg("is not valid UTF-8 text"), code);
    }
    int line = 1;
    int flow_depth = 0;
    std::size_t line_start = 0;
    bool in_single = false;
    bool in_double = false;
    // Block nesting: indentation plus "- " / "? " indicators at the start of a line.
    const auto check_line_start = [&] {
        int depth = 0;
        std::size_t j = line_start;
        while (j < text.size() && (text[j] == ' ' || ((text[j] == '-' || text[j] == '?') &&
                                                      j + 1 < text.size() && text[j + 1] == ' '))) {
            depth += text[j] == ' ' ? 0 : 1;
            ++j;
        }
        const auto indent = j - line_start;
        if (depth > k_max_yaml_depth || indent > static_cast<std::size_t>(k_max_yaml_depth) * 8) {
            reject(file, line, 1, msg("nests deeper than {} levels", k_max_yaml_depth), code);
        }
    };
    check_line_start();
    int quote_line = 0;
    int quote_column = 0;
    bool quote_opens_value = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\0') {
            reject(file, line, static_cast<int>(i - line_start + 1), msg("contains a NUL byte"),
                   code);
        }
        if (c == '\n') {
            ++line;
            line_start = i + 1;
            check_line_start();
            continue;
        }
        if (in_double) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                in_double = false;
            }
            continue;
        }
        if (in_single) {
            if (c == '\'') {
                in_single = false;
            }
            continue;
        }
        if (c == '#' && (i == line_start || text[i - 1] == ' ' || text[i - 1] == '\t')) {
            while (i + 1 < text.size() && text[i + 1] != '\n') {
                ++i;
            }
        } else if (c == '"') {
            in_double = true;
            quote_line = line;
            quote_column = static_cast<int>(i - line_start + 1);
            // Only a quote that opens a value starts a quoted scalar; elsewhere it is a
            // character of a plain scalar (say: 5" floppy).
            std::size_t k = i;
            while (k > line_start && text[k - 1] == ' ') {
                --k;
            }
            quote_opens_value = k == line_start || std::string_view(":-[{,?").find(text[k - 1]) !=
                                                       std::string_view::npos;
        } else if (c == '\'' && (i == line_start || text[i - 1] == ' ' || text[i - 1] == '[' ||
                                 text[i - 1] == '{' || text[i - 1] == ',' || text[i - 1] == ':')) {
            in_single = true;
        } else if (c == '[' || c == '{') {
            if (++flow_depth > k_max_yaml_depth) {
                reject(file, line, static_cast<int>(i - line_start + 1),
                       fmt::format("nests deeper than {} levels", k_max_yaml_depth), code);
            }
        } else if ((c == ']' || c == '}') && flow_depth > 0) {
            --flow_depth;
        }
    }
    if (in_double && quote_opens_value) {
        reject(file, quote_line, quote_column,
               "the quoted text that starts here is never closed (missing \")", code);
    }
}

}  // namespace nacsa

namespace nacsa {

namespace {
int one_based(int n) {
    return n >= 0 ? n + 1 : 0;
}
}  // namespace

// Runs libyaml's parser over the whole text first: it is linear and strict, while yaml-cpp
// 0.7 can take minutes on some small malformed inputs (found by fuzzing: a stray flow
// indicator before unclosed flow mappings). So yaml-cpp only ever sees well-formed YAML, and
// syntax errors are reported with libyaml's line and column.
namespace {

// Whether the line (0-based) is indented with a tab: libyaml's "cannot start any token" then
// says nothing a person can act on.
bool leading_tab(std::string_view text, std::size_t line) {
    std::size_t start = 0;
    for (std::size_t n = 0; n < line; ++n) {
        start = text.find('\n', start);
        if (start == std::string_view::npos) {
            return false;
        }
        ++start;
    }
    for (std::size_t i = start; i < text.size() && (text[i] == ' ' || text[i] == '\t'); ++i) {
        if (text[i] == '\t') {
            return true;
        }
    }
    return false;
}

// The tag an event carries (!foo, !!str, or ! alone), if any.
const yaml_char_t* event_tag(const yaml_event_t& event) {
    switch (event.type) {
        case YAML_SCALAR_EVENT:
            return event.data.scalar.tag;
        case YAML_SEQUENCE_START_EVENT:
            return event.data.sequence_start.tag;
        case YAML_MAPPING_START_EVENT:
            return event.data.mapping_start.tag;
        default:
            return nullptr;
    }
}

void check_yaml_syntax(std::string_view text, const std::string& file, ExitCode code) {
    const parsers::Api& lib = parsers_module();
    yaml_parser_t parser;
    lib.yaml_parser_initialize(&parser);
    lib.yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()),
                                     text.size());
    yaml_event_t event;
    bool done = false;
    while (!done) {
        if (lib.yaml_parser_parse(&parser, &event) == 0) {
            const int line = static_cast<int>(parser.problem_mark.line) + 1;
            const int column = static_cast<int>(parser.problem_mark.column) + 1;
            Message message =
                parser.problem != nullptr ? Message(parser.problem) : msg("cannot be parsed");
            if (leading_tab(text, parser.problem_mark.line)) {
                message = msg("a tab where YAML expects spaces (indent with spaces only)");
            } else if (parser.context != nullptr) {
                message = msg("{} ({})", message, parser.context);
            }
            lib.yaml_parser_delete(&parser);
            reject(file, line, column, msg("not valid YAML: {}", message), code);
        }
        // yaml-cpp 0.7 loops for ever on a tagged plain scalar continued on a line that starts
        // with a comma ("! a" then ",b": found by fuzzing), and no nacsa file needs a tag.
        if (const auto* tag = event_tag(event); tag != nullptr) {
            const int line = static_cast<int>(event.start_mark.line) + 1;
            const int column = static_cast<int>(event.start_mark.column) + 1;
            const std::string shown = text::escape_control(reinterpret_cast<const char*>(tag));
            lib.yaml_event_delete(&event);
            lib.yaml_parser_delete(&parser);
            reject(file, line, column,
                   fmt::format("a YAML tag ({}) is not supported: write the value without it "
                               "(in quotes to keep it as text)",
                               shown),
                   code);
        }
        done = event.type == YAML_STREAM_END_EVENT;
        lib.yaml_event_delete(&event);
    }
    lib.yaml_parser_delete(&parser);
}

}  // namespace

YAML::Node load_yaml(std::string_view original, const std::string& file, ExitCode code) {
    // Line breaks as LF only: yaml-cpp 0.7 spends minutes on a few hundred bare CRs (found by
    // fuzzing), and libyaml counts a CR, an LF or a CRLF as one break, so lines keep their
    // numbers.
    std::string normalised;
    normalised.reserve(original.size());
    for (std::size_t i = 0; i < original.size(); ++i) {
        if (original[i] != '\r') {
            normalised += original[i];
        } else if (i + 1 >= original.size() || original[i + 1] != '\n') {
            normalised += '\n';
        }
    }
    const std::string_view text = normalised;
    guard_yaml_input(text, file, code);
    check_yaml_syntax(text, file, code);
    std::vector<YAML::Node> documents;
    try {
        documents = YAML::LoadAll(std::string(text));
    } catch (const YAML::Exception& e) {
        reject(file, one_based(e.mark.line), one_based(e.mark.column),
               fmt::format("not valid YAML: {}", e.msg), code);
    }
    if (documents.empty()) {
        return YAML::Node();
    }
    if (documents.size() > 1) {
        const auto mark = documents[1].Mark();
        reject(file, one_based(mark.line), one_based(mark.column),
               "a second YAML document (after ---): the file must be a single document", code);
    }
    // Walk the tree as the reader will, following aliases, without recursion (an alias may
    // even point back to an enclosing node), and stop once it is too big.
    std::size_t visited = 0;
    std::vector<YAML::Node> pending{documents.front()};
    while (!pending.empty()) {
        const YAML::Node node = pending.back();
        pending.pop_back();
        if (++visited > k_max_yaml_nodes) {
            const auto mark = node.Mark();
            reject(
                file, one_based(mark.line), one_based(mark.column),
                fmt::format("expands to more than {} values through its aliases (*name); write the "
                            "values out",
                            k_max_yaml_nodes),
                code);
        }
        if (node.IsSequence()) {
            for (const auto& child : node) {
                pending.push_back(child);
            }
        } else if (node.IsMap()) {
            for (const auto& item : node) {
                pending.push_back(item.first);
                pending.push_back(item.second);
            }
        }
    }
    return documents.front();
}

}  // namespace nacsa
