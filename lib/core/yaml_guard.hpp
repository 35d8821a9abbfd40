#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace nacsa {

// Deepest nesting nacsa accepts in a YAML document; yaml-cpp's recursive parser would exhaust
// the stack on a maliciously deep document long before a real file gets near this.
inline constexpr int k_max_yaml_depth = 64;

// Rejects, before parsing, YAML text that is not UTF-8, holds NUL bytes, or nests deeper than
// k_max_yaml_depth (flow brackets, indentation or "- - -" chains). Throws a DiagnosticError
// with `code` naming file and line.
void guard_yaml_input(std::string_view text, const std::string& file, ExitCode code);

}  // namespace nacsa
