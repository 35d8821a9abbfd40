// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"

// Reading a YAML document against the shape it must have, collecting every problem with its
// line and column: the one reader of the alliance configuration (lib/config) and of the plan
// file (lib/plan). Load the text with load_yaml (core/yaml_guard.hpp) first; what each file
// means stays in its module, built on this.
namespace nacsa::yaml {

// Longest text a field holds unless its reader says otherwise (a name, a label, a title).
inline constexpr std::size_t k_max_text_bytes = 4000;

// What is wrong with a text meant for people (names, titles, notes), nullopt when nothing: more
// than `max_bytes` long, not UTF-8, or holding a control character other than tab and line
// break (text ends up on terminals, in CSV and in reports). The messages follow a field name:
// "is 5000 bytes long (at most 4000)", "is not valid UTF-8", "contains the control character
// U+001B".
[[nodiscard]] std::optional<Message> text_problem(std::string_view value,
                                                  std::size_t max_bytes = k_max_text_bytes);

using Keys = std::vector<std::string_view>;

enum class Required { no, yes };
enum class Trim { no, yes };

// How a text field is read.
struct TextRule {
    // yes: null is not a text, and an empty (or blank) text is a problem. no: both read as "".
    Required required = Required::yes;
    // yes: white space around the text is dropped.
    Trim trim = Trim::no;
    std::size_t max_bytes = k_max_text_bytes;
};

// Reads the nodes of one document, recording each problem in `diagnostics` as
// FILE:LINE:COL: field "PATH": MESSAGE. Each reading function takes the mapping `parent`, the
// `key` to read and the `path` of the parent ("" at the top, "activities[2]" ...); an absent key
// reads as nothing and is no problem (expect_map reports a missing required key).
class Reader {
  public:
    Reader(std::string file, Diagnostics& diagnostics);

    // Records a problem at a node; the same problem at the same place is recorded once.
    void problem(const YAML::Node& node, const std::string& field, const Message& message);
    // Whether a problem was recorded for this field path.
    [[nodiscard]] bool has_problem(const std::string& field) const;

    // Checks that a node is a mapping of the required keys and the optional ones, each given
    // once. false when it is not a mapping at all (nothing in it can be read).
    bool expect_map(const YAML::Node& node, const std::string& path, const Keys& required,
                    const Keys& optional = {});

    // A text, checked by text_problem; "" when absent or wrong.
    std::string text(const YAML::Node& parent, const std::string& key, const std::string& path,
                     const TextRule& rule = {});
    // true or false, unquoted.
    std::optional<bool> boolean(const YAML::Node& parent, const std::string& key,
                                const std::string& path);
    // A whole number, unquoted. One out of [min, max] is a problem, and still returned.
    std::optional<int> integer(const YAML::Node& parent, const std::string& key,
                               const std::string& path, int min, int max);
    // A number from 0 to 1, unquoted. One out of range is a problem, and still returned.
    std::optional<double> fraction(const YAML::Node& parent, const std::string& key,
                                   const std::string& path);
    // A finite number, unquoted ("5" and '5' are texts, as in JSON).
    std::optional<double> number(const YAML::Node& parent, const std::string& key,
                                 const std::string& path);
    // A date, YYYY-MM-DD.
    std::optional<Date> date(const YAML::Node& parent, const std::string& key,
                             const std::string& path);
    // A list of keys ([a, b]); an item that is not a single value is a problem and left out.
    std::vector<std::string> keys(const YAML::Node& parent, const std::string& key,
                                  const std::string& path);
    // The entries of a list (absent or null: none).
    std::vector<YAML::Node> list(const YAML::Node& parent, const std::string& key,
                                 const std::string& path);

    // "path.key", or "key" at the top.
    [[nodiscard]] static std::string field(const std::string& path, const std::string& key);

  private:
    std::string m_file;
    Diagnostics& m_diagnostics;
    std::set<std::string> m_recorded;  // each problem as text, to record it once
    std::set<std::string> m_fields;    // the fields with a problem
};

}  // namespace nacsa::yaml
