// SPDX-License-Identifier: Apache-2.0
#pragma once
// Recognising text that is not UTF-8 before reading it, so that a UTF-16 spreadsheet export or a
// Latin-1 file is named as such ("save it as UTF-8") instead of failing field by field.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/message.hpp"

namespace nacsa::text {

// Why the start of an input is not UTF-8 text, in words for a message, and where.
struct EncodingProblem {
    Message message;         // "is UTF-16 (little-endian) text; nacsa reads UTF-8: save it as ..."
    std::size_t offset = 0;  // of the first byte that shows it (0 for a byte-order mark)
    bool binary = false;     // NUL bytes that are not UTF-16 or UTF-32: not text at all
};

// What the first bytes of an input say: nothing when they are UTF-8, with or without a byte-order
// mark (a sequence cut at the end of `head` is not an error); UTF-16 or UTF-32 by their
// byte-order mark or by the pattern of their NUL bytes; Latin-1 (or Windows-1252) when bytes from
// 0x80 up appear and none forms a UTF-8 sequence (a file with both is UTF-8 with damage, for
// the readers to locate); other NUL bytes: not text. `head` is the start of the input (a few
// kilobytes suffice).
[[nodiscard]] std::optional<EncodingProblem> encoding_problem(std::string_view head);

// The line and column (both from 1, the column in bytes) of `offset` in `text`.
[[nodiscard]] std::pair<int, int> line_column(std::string_view text, std::size_t offset);

// The offset of a byte-order mark (U+FEFF) inside the text, not at its start, or npos: what
// joining two files together leaves, invisible in an editor.
[[nodiscard]] std::size_t inner_bom_offset(std::string_view text, std::size_t from = 1);
// The message for such a mark, for every reader alike (k_inner_bom_message is its English).
inline constexpr std::string_view k_inner_bom_message =
    "holds a byte-order mark (U+FEFF, invisible in most editors) inside the text: were two files "
    "joined together? Remove it";
[[nodiscard]] Message inner_bom_message();

}  // namespace nacsa::text
