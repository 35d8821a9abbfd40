// SPDX-License-Identifier: Apache-2.0
#include "core/yaml_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "core/text.hpp"

namespace nacsa::yaml {

namespace {

// "5" or '5' is text, not a number or a boolean (as in JSON and the schemas).
bool is_quoted(const YAML::Node& node) {
    return node.Tag() == "!";
}

// The node under `key` of a mapping; an invalid node when `parent` is not a mapping.
YAML::Node child(const YAML::Node& parent, const std::string& key) {
    if (!parent.IsMap()) {
        return YAML::Node(YAML::NodeType::Undefined);
    }
    return parent[key];
}

}  // namespace

std::optional<Message> text_problem(std::string_view value, std::size_t max_bytes) {
    if (value.size() > max_bytes) {
        return msg("is {} bytes long (at most {})", value.size(), max_bytes);
    }
    if (!text::is_valid_utf8(value)) {
        return msg("is not valid UTF-8");
    }
    // A folded or literal block may hold line breaks and tabs.
    const auto bad = std::find_if(value.begin(), value.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return (u < 0x20 && c != '\n' && c != '\t') || u == 0x7f;
    });
    if (bad != value.end()) {
        return msg(
            "contains the control character {}",
            fmt::format("U+{:04X}", static_cast<unsigned>(static_cast<unsigned char>(*bad))));
    }
    return std::nullopt;
}

Reader::Reader(std::string file, Diagnostics& diagnostics)
    : m_file(std::move(file)), m_diagnostics(diagnostics) {}

void Reader::problem(const YAML::Node& node, const std::string& field, const Message& message) {
    const auto mark = node.Mark();
    Diagnostic d{m_file, mark.line >= 0 ? mark.line + 1 : 0, mark.column >= 0 ? mark.column + 1 : 0,
                 field, message};
    m_fields.insert(field);
    if (m_recorded.insert(d.to_string()).second) {
        m_diagnostics.add(std::move(d));
    }
}

bool Reader::has_problem(const std::string& field) const {
    return m_fields.count(field) > 0;
}

std::string Reader::field(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
}

bool Reader::expect_map(const YAML::Node& node, const std::string& path, const Keys& required,
                        const Keys& optional) {
    if (!node.IsMap()) {
        problem(node, path, msg("expected a mapping of keys to values"));
        return false;
    }
    std::map<std::string, int> seen;  // key -> line of its first occurrence
    for (const auto& item : node) {
        const auto key = item.first.Scalar();
        const int line = item.first.Mark().line + 1;
        if (const auto [first, inserted] = seen.emplace(key, line); !inserted) {
            // yaml-cpp keeps the first value silently; a repeated key is a typo to report.
            problem(item.first, field(path, key),
                    msg("duplicate key (first given on line {})", first->second));
            continue;
        }
        const bool known = std::find(required.begin(), required.end(), key) != required.end() ||
                           std::find(optional.begin(), optional.end(), key) != optional.end();
        if (!known) {
            std::vector<std::string> names(required.begin(), required.end());
            names.insert(names.end(), optional.begin(), optional.end());
            problem(item.first, field(path, key),
                    msg("unknown key (expected one of: {})", text::join(names, ", ")));
        }
    }
    for (const auto& key : required) {
        if (!node[std::string(key)]) {
            problem(node, field(path, std::string(key)), msg("required key is missing"));
        }
    }
    return true;
}

std::string Reader::text(const YAML::Node& parent, const std::string& key, const std::string& path,
                         const TextRule& rule) {
    const YAML::Node node = child(parent, key);
    if (!node || (node.IsNull() && rule.required == Required::no)) {
        return {};
    }
    const auto name = field(path, key);
    if (!node.IsScalar()) {
        problem(node, name, msg("expected a text value"));
        return {};
    }
    std::string value = node.Scalar();
    if (const auto wrong = text_problem(value, rule.max_bytes)) {
        problem(node, name, *wrong);
        return {};
    }
    if (rule.trim == Trim::yes) {
        value = std::string(text::trim(value));
    }
    if (rule.required == Required::yes && text::trim(value).empty()) {
        problem(node, name, msg("must not be empty"));
    }
    return value;
}

std::optional<bool> Reader::boolean(const YAML::Node& parent, const std::string& key,
                                    const std::string& path) {
    const YAML::Node node = child(parent, key);
    if (!node) {
        return std::nullopt;
    }
    bool value = false;
    if (!node.IsScalar() || is_quoted(node) || !YAML::convert<bool>::decode(node, value)) {
        problem(node, field(path, key), msg("expected true or false"));
        return std::nullopt;
    }
    return value;
}

std::optional<int> Reader::integer(const YAML::Node& parent, const std::string& key,
                                   const std::string& path, int min, int max) {
    const YAML::Node node = child(parent, key);
    if (!node) {
        return std::nullopt;
    }
    int value = 0;
    if (!node.IsScalar() || is_quoted(node) || !YAML::convert<int>::decode(node, value)) {
        problem(node, field(path, key), msg("expected a whole number"));
        return std::nullopt;
    }
    if (value < min || value > max) {
        problem(node, field(path, key),
                msg("{} is out of range (expected {} to {})", value, min, max));
    }
    return value;
}

std::optional<double> Reader::fraction(const YAML::Node& parent, const std::string& key,
                                       const std::string& path) {
    const YAML::Node node = child(parent, key);
    if (!node) {
        return std::nullopt;
    }
    double value = 0;
    if (!node.IsScalar() || is_quoted(node) || !YAML::convert<double>::decode(node, value)) {
        problem(node, field(path, key), msg("expected a number between 0 and 1"));
        return std::nullopt;
    }
    if (!(value >= 0.0 && value <= 1.0)) {
        problem(node, field(path, key),
                msg("{} is out of range (expected a number between 0 and 1)", node.Scalar()));
    }
    return value;
}

std::optional<double> Reader::number(const YAML::Node& parent, const std::string& key,
                                     const std::string& path) {
    const YAML::Node node = child(parent, key);
    if (!node) {
        return std::nullopt;
    }
    if (node.IsScalar() && is_quoted(node)) {
        problem(
            node, field(path, key),
            msg("\"{}\" is quoted text, not a number (write it without quotes)", node.Scalar()));
        return std::nullopt;
    }
    double value = 0;
    if (!node.IsScalar() || !YAML::convert<double>::decode(node, value) || !std::isfinite(value)) {
        problem(
            node, field(path, key),
            msg("\"{}\" is not a number", node.IsScalar() ? node.Scalar() : std::string("(list)")));
        return std::nullopt;
    }
    return value;
}

std::optional<Date> Reader::date(const YAML::Node& parent, const std::string& key,
                                 const std::string& path) {
    const YAML::Node node = child(parent, key);
    if (!node) {
        return std::nullopt;
    }
    if (!node.IsScalar()) {
        problem(node, field(path, key), msg("expected a date (YYYY-MM-DD)"));
        return std::nullopt;
    }
    const auto d = parse_date(node.Scalar());
    if (!d) {
        problem(node, field(path, key),
                msg("\"{}\" is not a date (expected YYYY-MM-DD)", node.Scalar()));
    }
    return d;
}

std::vector<std::string> Reader::keys(const YAML::Node& parent, const std::string& key,
                                      const std::string& path) {
    std::vector<std::string> out;
    const YAML::Node node = child(parent, key);
    if (!node) {
        return out;
    }
    const auto name = field(path, key);
    if (!node.IsSequence()) {
        problem(node, name, msg("expected a list, e.g. [a, b]"));
        return out;
    }
    for (std::size_t i = 0; i < node.size(); ++i) {
        if (!node[i].IsScalar()) {
            problem(node[i], fmt::format("{}[{}]", name, i), msg("expected a key"));
            continue;
        }
        out.push_back(node[i].Scalar());
    }
    return out;
}

std::vector<YAML::Node> Reader::list(const YAML::Node& parent, const std::string& key,
                                     const std::string& path) {
    std::vector<YAML::Node> out;
    const YAML::Node node = child(parent, key);
    if (!node || node.IsNull()) {
        return out;
    }
    if (!node.IsSequence()) {
        problem(node, field(path, key), msg("expected a list"));
        return out;
    }
    for (std::size_t i = 0; i < node.size(); ++i) {
        out.push_back(node[i]);
    }
    return out;
}

}  // namespace nacsa::yaml
