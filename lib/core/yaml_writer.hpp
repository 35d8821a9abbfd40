// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"

// Writing YAML that reads back as what was written: the one writer of nacsa's YAML exports
// (`member export`, `plan export`). Deterministic: the same values give the same bytes, so
// export -> import -> export is byte-identical.
//
// Quoting: a text is written plain when YAML reads a plain scalar back as the same text (it
// starts with a letter, a digit or a printable non-ASCII character; holds no ':' or '#', no
// control character and no line break; does not end in a space; is not a word YAML reads as
// null or a boolean such as "no" or "null", nor something it reads as a number or a date such
// as "12" or "2026-01-01"); in a flow list ([a, b]) neither ',' nor '?' nor brackets or
// braces. Else it
// is double-quoted, with escapes for '"', '\', control characters (C0, DEL and C1), the line
// and paragraph separators, the byte-order mark and U+FFFE/U+FFFF. A text of several lines is
// a literal block ("|-") when that reads back unchanged, else double-quoted. Text must be UTF-8.
namespace nacsa::yaml {

// A one-line scalar for a block mapping's value: plain when safe, else double-quoted.
[[nodiscard]] std::string scalar(std::string_view text);
// A double-quoted scalar.
[[nodiscard]] std::string double_quoted(std::string_view text);
// A flow list, "[a, b]" ("[]" when empty), each item quoted when it must be.
[[nodiscard]] std::string flow_list(const std::vector<std::string>& items);

// Whether a key starts a new entry of a list ("- key: value") or continues the mapping.
enum class Dash { no, yes };

// A document of block mappings and lists, written line by line in the order given. `indent`
// is the column of the keys of the mapping; with Dash::yes, "- " is written just before it.
class Writer {
  public:
    // "key: value": a scalar, or a literal block for text of several lines.
    void text(int indent, std::string_view key, std::string_view value, Dash dash = Dash::no);
    // The same, nothing when the text is empty.
    void optional_text(int indent, std::string_view key, std::string_view value);
    // "key: value" with the value written as given: a key, a number, true or false.
    void raw(int indent, std::string_view key, std::string_view value, Dash dash = Dash::no);
    void date(int indent, std::string_view key, Date value, Dash dash = Dash::no);
    // A number as the shortest text that reads back as the same double.
    void number(int indent, std::string_view key, double value, Dash dash = Dash::no);
    void boolean(int indent, std::string_view key, bool value);
    // "key: [a, b]".
    void list(int indent, std::string_view key, const std::vector<std::string>& items);
    // "key:" alone: its value (a mapping or a list) follows on the next lines.
    void open(int indent, std::string_view key);
    // "# line".
    void comment(std::string_view line);

    [[nodiscard]] std::string take();

  private:
    void start(int indent, std::string_view key, Dash dash);
    std::string m_out;
};

}  // namespace nacsa::yaml
