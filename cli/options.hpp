// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <CLI/CLI.hpp>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"

// How cli/ tells an option that was given from one that was not: declare it std::optional<T>
// and bind it with CLI11's add_option. Not given: nullopt (keep the record's value); given, even
// as "": the value (an edit sets or clears the field). Flags are bool. There is no other way in
// cli/ (no count() checks, no wrapper structs).
namespace nacsa::cli {

// A list option, repeated or comma-separated: `--theme a,b --theme c` gives {a, b, c}.
CLI::Option* add_list_option(CLI::App* cmd, const std::string& name,
                             std::optional<std::vector<std::string>>& target,
                             const std::string& help);
CLI::Option* add_list_option(CLI::App* cmd, const std::string& name,
                             std::vector<std::string>& target, const std::string& help);
// A list option kept as one comma-separated text, for edits that may empty a list: repeats and
// commas join (`--theme a,b --theme c` gives "a,b,c") and `--service ""` gives "" (CLI11 takes an
// empty value of a vector option for no option at all).
CLI::Option* add_joined_list_option(CLI::App* cmd, const std::string& name,
                                    std::optional<std::string>& target, const std::string& help);

// A whole number from `min` to `max` (checked before CLI11 converts it): a bad one says, with the
// value, "cannot be negative", "must be at least N", "is more than N, the most it can be" or
// "is not a whole number" (CLI11 prefixes the option; help_text.cpp's parse_error_message
// translates these texts, so they change together).
[[nodiscard]] CLI::Validator whole_number(long long min,
                                          long long max = std::numeric_limits<long long>::max());
// A number from 0 to 1, such as a quorum (its text translated as whole_number's).
[[nodiscard]] CLI::Validator fraction();

// Parses a date option ("YYYY-MM-DD"), or throws UsageError naming the option (exit 2).
[[nodiscard]] Date parse_date_option(const std::string& value, const std::string& option);
// The date an optional date option gives ("YYYY-MM-DD"); a bad one is a UsageError naming the
// option (exit 2).
[[nodiscard]] std::optional<Date> date_option(const std::optional<std::string>& value,
                                              const std::string& option);

}  // namespace nacsa::cli
