// SPDX-License-Identifier: Apache-2.0
#include "core/encoding.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace nacsa::text {

namespace {

constexpr std::string_view k_bom = "\xEF\xBB\xBF";

// Whether the bytes from `i` start a well-formed UTF-8 sequence of two to four bytes; `cut` is
// set when the sequence runs past the end of `s`.
bool utf8_sequence_at(std::string_view s, std::size_t i, bool& cut) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    if (b >= 0xC2 && b <= 0xDF) {
        n = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
        n = 3;
    } else if (b >= 0xF0 && b <= 0xF4) {
        n = 4;
    } else {
        return false;
    }
    for (std::size_t k = 1; k < n; ++k) {
        if (i + k >= s.size()) {
            cut = true;
            return true;
        }
        if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) {
            return false;
        }
    }
    return true;
}

// UTF-16 or UTF-32 without a byte-order mark: text in a Latin script has a NUL byte in (nearly)
// every other position, or in three positions of every four.
std::string wide_without_bom(std::string_view s) {
    const std::size_t n = s.size() & ~std::size_t{3};
    if (n < 8) {
        return "";
    }
    std::array<std::size_t, 4> nul{};  // NUL bytes at each position modulo 4
    for (std::size_t i = 0; i < n; ++i) {
        nul[i % 4] += s[i] == '\0' ? 1 : 0;
    }
    const std::size_t quarter = n / 4;
    const auto mostly = [&](std::size_t p) { return nul[p] * 10 >= quarter * 9; };
    const auto rarely = [&](std::size_t p) { return nul[p] * 10 <= quarter; };
    if (rarely(0) && mostly(1) && mostly(2) && mostly(3)) {
        return "UTF-32 (little-endian) text";
    }
    if (mostly(0) && mostly(1) && mostly(2) && rarely(3)) {
        return "UTF-32 (big-endian) text";
    }
    if (rarely(0) && mostly(1) && rarely(2) && mostly(3)) {
        return "UTF-16 (little-endian) text";
    }
    if (mostly(0) && rarely(1) && mostly(2) && rarely(3)) {
        return "UTF-16 (big-endian) text";
    }
    return "";
}

}  // namespace

std::optional<EncodingProblem> encoding_problem(std::string_view head) {
    const auto foreign = [](std::string encoding, const char* iconv_name, std::size_t offset) {
        encoding.resize(encoding.size() - std::string_view(" text").size());  // said by msgid
        return EncodingProblem{
            msg("is {} text; nacsa reads UTF-8: save it as UTF-8 (in a spreadsheet: Save As, "
                "\"CSV UTF-8\"; or: iconv -f {} -t UTF-8)",
                encoding, iconv_name),
            offset, false};
    };
    if (head.starts_with(std::string_view("\xFF\xFE\x00\x00", 4))) {
        return foreign("UTF-32 (little-endian) text", "UTF-32LE", 0);
    }
    if (head.starts_with(std::string_view("\x00\x00\xFE\xFF", 4))) {
        return foreign("UTF-32 (big-endian) text", "UTF-32BE", 0);
    }
    if (head.starts_with("\xFF\xFE")) {
        return foreign("UTF-16 (little-endian) text", "UTF-16LE", 0);
    }
    if (head.starts_with("\xFE\xFF")) {
        return foreign("UTF-16 (big-endian) text", "UTF-16BE", 0);
    }
    const std::size_t skipped = head.starts_with(k_bom) ? k_bom.size() : 0;
    head.remove_prefix(skipped);
    if (const auto wide = wide_without_bom(head); !wide.empty()) {
        return foreign(wide,
                       wide.starts_with("UTF-16 (l")   ? "UTF-16LE"
                       : wide.starts_with("UTF-16 (b") ? "UTF-16BE"
                       : wide.starts_with("UTF-32 (l") ? "UTF-32LE"
                                                       : "UTF-32BE",
                       0);
    }
    if (const auto nul = head.find('\0'); nul != std::string_view::npos) {
        return EncodingProblem{
            msg("holds NUL bytes, so it is not a text file: is it the right file?"), skipped + nul,
            true};
    }
    bool utf8 = false;
    std::optional<std::size_t> first_other;
    for (std::size_t i = 0; i < head.size(); ++i) {
        if (static_cast<unsigned char>(head[i]) < 0x80) {
            continue;
        }
        bool cut = false;
        if (utf8_sequence_at(head, i, cut)) {
            if (cut) {
                break;
            }
            utf8 = true;
            while (i + 1 < head.size() &&
                   (static_cast<unsigned char>(head[i + 1]) & 0xC0) == 0x80) {
                ++i;
            }
        } else if (!first_other) {
            first_other = i;
        }
    }
    if (first_other && !utf8) {
        // Latin-1 text has no control characters besides line breaks and tabs; bytes that have
        // them are not text in any encoding.
        const bool controls = std::any_of(head.begin(), head.end(), [](char c) {
            const auto b = static_cast<unsigned char>(c);
            return (b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F;
        });
        if (controls) {
            return EncodingProblem{
                msg("holds bytes that are not text in any encoding: is it the right file?"),
                skipped + *first_other, true};
        }
        return foreign("Latin-1 or Windows-1252 text", "WINDOWS-1252", skipped + *first_other);
    }
    return std::nullopt;
}

Message inner_bom_message() {
    return msg(
        "holds a byte-order mark (U+FEFF, invisible in most editors) inside the text: were two "
        "files joined together? Remove it");
}

std::pair<int, int> line_column(std::string_view text, std::size_t offset) {
    const auto before = text.substr(0, offset);
    const auto line_start = before.rfind('\n');
    return {
        1 + static_cast<int>(std::count(before.begin(), before.end(), '\n')),
        static_cast<int>(offset - (line_start == std::string_view::npos ? 0 : line_start + 1)) + 1};
}

std::size_t inner_bom_offset(std::string_view text, std::size_t from) {
    if (from >= text.size()) {
        return std::string_view::npos;
    }
    return text.find(k_bom, from);
}

}  // namespace nacsa::text
