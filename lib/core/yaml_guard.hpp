// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace YAML {
class Node;
}

namespace nacsa {

// Deepest nesting nacsa accepts in a YAML document; yaml-cpp's recursive parser would exhaust
// the stack on a maliciously deep document long before a real file gets near this.
inline constexpr int k_max_yaml_depth = 64;

// Most nodes a YAML document may expand to once its aliases are followed: a "billion laughs"
// document of a few hundred bytes expands to billions, a real file to a few thousand.
inline constexpr std::size_t k_max_yaml_nodes = 200000;

// Rejects, before parsing, YAML text that is not UTF-8, holds NUL bytes, or nests deeper than
// k_max_yaml_depth (flow brackets, indentation or "- - -" chains). Throws a DiagnosticError
// with `code` naming file and line.
void guard_yaml_input(std::string_view text, const std::string& file, ExitCode code);

}  // namespace nacsa

namespace nacsa {

// Guards the text (guard_yaml_input), parses one YAML document and checks that it does not
// expand, through aliases, to more than k_max_yaml_nodes nodes. Broken YAML, several documents
// or an alias bomb: a DiagnosticError with `code` naming file, line and column. An empty
// document gives a null node.
[[nodiscard]] YAML::Node load_yaml(std::string_view text, const std::string& file, ExitCode code);

}  // namespace nacsa
