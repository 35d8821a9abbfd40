// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace nacsa::text {

// Lower-cased, accents and other combining marks removed, case-folded: for accent- and
// case-insensitive search and matching ("Asociación" -> "asociacion").
[[nodiscard]] std::string fold(std::string_view utf8);
namespace detail {
// fold() computed with ICU for the whole text; fold() takes a shortcut for Latin letters.
[[nodiscard]] std::string fold_with_icu(std::string_view utf8);
}  // namespace detail

// A stable ASCII slug of a name: "Fundación Paz Ciudadana" -> "fundacion-paz-ciudadana".
[[nodiscard]] std::string slugify(std::string_view utf8);

// Whether a string is a valid slug id: [a-z0-9]+(-[a-z0-9]+)*.
[[nodiscard]] bool is_slug(std::string_view id);

[[nodiscard]] bool is_valid_utf8(std::string_view bytes);
// Offset of the first byte that is not valid UTF-8, or npos.
[[nodiscard]] std::size_t invalid_utf8_offset(std::string_view bytes);

// Text safe to print on a terminal: control characters, escape sequences and bidirectional
// overrides are shown as visible escapes (\x1b, \u202e); tabs and newlines too unless kept.
enum class KeepNewlines { no, yes };
[[nodiscard]] std::string escape_control(std::string_view utf8,
                                         KeepNewlines keep = KeepNewlines::no);

// Number of terminal columns a UTF-8 string takes (wide East Asian characters count 2,
// combining marks 0).
[[nodiscard]] std::size_t display_width(std::string_view utf8);

// Sort key under the collation rules of a language (en, es, fr): compare keys bytewise to
// sort names as a reader of that language expects (accents do not push names to the end).
[[nodiscard]] std::string collation_key(std::string_view utf8, const std::string& language);

// Trims ASCII white space at both ends.
[[nodiscard]] std::string_view trim(std::string_view s);

// The text as a sentence: its first letter upper-case (any script: "équilibre" -> "Équilibre")
// and a full stop at the end unless it ends with punctuation already.
[[nodiscard]] std::string as_sentence(std::string_view utf8);

// Splits on a separator, trimming each part and dropping empty parts.
[[nodiscard]] std::vector<std::string> split_list(std::string_view s, char separator);

[[nodiscard]] std::string join(const std::vector<std::string>& parts, std::string_view separator);

}  // namespace nacsa::text
