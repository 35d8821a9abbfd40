// SPDX-License-Identifier: Apache-2.0
#include "core/text.hpp"

#include <fmt/format.h>
#include <unicode/utf8.h>  // macros only: ICU itself is in the on-demand module

#include <cstring>
#include <vector>

#include "core/ondemand.hpp"

namespace nacsa::text {

namespace {

bool is_ascii(std::string_view s) {
    for (const char c : s) {
        if (static_cast<unsigned char>(c) >= 0x80) {
            return false;
        }
    }
    return true;
}

}  // namespace

namespace detail {

std::string fold_with_icu(std::string_view utf8) {
    return ondemand_module().fold(utf8);
}

}  // namespace detail

namespace {

// The Latin letters of Western and Central European names (U+0080 to U+024F: Latin-1
// Supplement, Latin Extended-A and B) each fold on their own, whatever surrounds them: none
// is a combining mark, and each decomposes into a letter followed by its marks. So their
// folds are computed once, with ICU, and a text made of them and ASCII is folded by lookup.
constexpr char32_t k_fold_table_end = 0x250;

const std::vector<std::string>& latin_folds() {
    static const std::vector<std::string> folds = [] {
        std::vector<std::string> out(k_fold_table_end);
        for (char32_t c = 0x80; c < k_fold_table_end; ++c) {
            char utf8[4];
            std::size_t n = 0;
            U8_APPEND_UNSAFE(utf8, n, static_cast<UChar32>(c));
            out[c] = detail::fold_with_icu(std::string_view(utf8, n));
        }
        return out;
    }();
    return folds;
}

}  // namespace

std::string fold(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
    const auto length = static_cast<int32_t>(utf8.size());
    for (int32_t i = 0; i < length;) {
        const uint8_t b = s[i];
        if (b < 0x80) {
            out += static_cast<char>(b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b);
            ++i;
            continue;
        }
        UChar32 c = 0;
        U8_NEXT(s, i, length, c);
        if (c < 0 || static_cast<char32_t>(c) >= k_fold_table_end) {
            return detail::fold_with_icu(utf8);  // other scripts, combining marks, bad UTF-8
        }
        out += latin_folds()[static_cast<std::size_t>(c)];
    }
    return out;
}

std::string slugify(std::string_view utf8) {
    std::string folded = fold(utf8);
    if (!is_ascii(folded)) {
        // Letters that do not decompose into ASCII plus accents (œ, ø, ł, đ) and other scripts
        // are spelt out in Latin letters rather than dropped: "Œuvre" -> "oeuvre".
        if (auto ascii = ondemand_module().to_ascii(folded)) {
            folded = std::move(*ascii);
        }
    }
    std::string out;
    bool pending_dash = false;
    for (const char ch : folded) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (pending_dash && !out.empty()) {
                out += '-';
            }
            pending_dash = false;
            out += static_cast<char>(c);
        } else if (c < 0x80 || c >= 0xC0) {
            // ASCII punctuation/space, or the first byte of a non-Latin character: a separator.
            pending_dash = true;
        }
    }
    return out;
}

bool is_slug(std::string_view id) {
    if (id.empty() || id.front() == '-' || id.back() == '-') {
        return false;
    }
    char previous = 0;
    for (const char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok || (c == '-' && previous == '-')) {
            return false;
        }
        previous = c;
    }
    return true;
}

std::size_t invalid_utf8_offset(std::string_view bytes) {
    const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
    const auto length = static_cast<int64_t>(bytes.size());
    for (int64_t i = 0; i < length;) {
        // Eight ASCII bytes at a time: most text is mostly ASCII.
        if (std::uint64_t word = 0; i + 8 <= length) {
            std::memcpy(&word, s + i, 8);
            if ((word & 0x8080808080808080ULL) == 0) {
                i += 8;
                continue;
            }
        }
        if (s[i] < 0x80) {
            ++i;
            continue;
        }
        const int64_t start = i;
        UChar32 c = 0;
        U8_NEXT(s, i, length, c);
        if (c < 0) {
            return static_cast<std::size_t>(start);
        }
    }
    return std::string_view::npos;
}

bool is_valid_utf8(std::string_view bytes) {
    return invalid_utf8_offset(bytes) == std::string_view::npos;
}

std::string escape_control(std::string_view utf8, KeepNewlines keep) {
    std::string out;
    out.reserve(utf8.size());
    const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
    const auto length = static_cast<int32_t>(utf8.size());
    for (int32_t i = 0; i < length;) {
        const int32_t start = i;
        UChar32 c = 0;
        U8_NEXT(s, i, length, c);
        if (c < 0) {
            for (int32_t j = start; j < i; ++j) {
                out += fmt::format("\\x{:02x}", s[j]);
            }
            continue;
        }
        if (c == '\n' && keep == KeepNewlines::yes) {
            out += '\n';
        } else if (c == '\t' && keep == KeepNewlines::yes) {
            out += '\t';
        } else if (c < 0x20 || c == 0x7f) {
            out += fmt::format("\\x{:02x}", c);
        } else if ((c >= 0x80 && c < 0xa0) || (c >= 0x202a && c <= 0x202e) ||
                   (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f || c == 0x061c) {
            out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        } else {
            out.append(
                utf8.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
        }
    }
    return out;
}

std::size_t display_width(std::string_view utf8) {
    // ICU counts one column for every ASCII character; other text asks it for combining marks,
    // format characters and East Asian wide letters.
    return is_ascii(utf8) ? utf8.size() : ondemand_module().display_width(utf8);
}

std::string collation_key(std::string_view utf8, const std::string& language) {
    auto key = ondemand_module().collation_key(utf8, language);
    return key ? std::move(*key) : fold(utf8);
}

std::string_view trim(std::string_view s) {
    const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && is_space(s.front())) {
        s.remove_prefix(1);
    }
    while (!s.empty() && is_space(s.back())) {
        s.remove_suffix(1);
    }
    return s;
}

std::vector<std::string> split_list(std::string_view s, char separator) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= s.size()) {
        const auto end = s.find(separator, start);
        const auto part =
            trim(s.substr(start, end == std::string_view::npos ? s.npos : end - start));
        if (!part.empty()) {
            out.emplace_back(part);
        }
        if (end == std::string_view::npos) {
            break;
        }
        start = end + 1;
    }
    return out;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) {
            out += separator;
        }
        out += parts[i];
    }
    return out;
}

std::string as_sentence(std::string_view utf8) {
    std::string out;
    if (utf8.empty()) {
        return out;
    }
    int32_t offset = 0;
    UChar32 first = 0;
    U8_NEXT(utf8.data(), offset, static_cast<int32_t>(utf8.size()), first);
    if (first < 0) {
        out.assign(utf8);
    } else {
        out = first < 0x80
                  ? std::string(1, static_cast<char>(
                                       first >= 'a' && first <= 'z' ? first - 'a' + 'A' : first))
                  : ondemand_module().upper(first);
        out.append(utf8.substr(static_cast<std::size_t>(offset)));
    }
    if (const char last = out.back(); last != '.' && last != '!' && last != '?') {
        out += '.';
    }
    return out;
}

}  // namespace nacsa::text
