// SPDX-License-Identifier: Apache-2.0
#include "core/yaml_writer.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace nacsa::yaml {

namespace {

enum class Context { block, flow };

// The length of a character YAML does not allow unescaped (C1 controls, which include NEL; the
// line and paragraph separators; the byte-order mark; U+FFFE and U+FFFF) at s[i], else 0.
// ASCII control characters are checked apart.
std::size_t unprintable_at(std::string_view s, std::size_t i) {
    const auto byte = [&](std::size_t k) {
        return k < s.size() ? static_cast<unsigned char>(s[k]) : 0U;
    };
    if (byte(i) == 0xC2 && byte(i + 1) >= 0x80 && byte(i + 1) <= 0x9F) {
        return 2;
    }
    if (byte(i) == 0xE2 && byte(i + 1) == 0x80 && (byte(i + 2) == 0xA8 || byte(i + 2) == 0xA9)) {
        return 3;
    }
    if (byte(i) == 0xEF &&
        ((byte(i + 1) == 0xBB && byte(i + 2) == 0xBF) ||
         (byte(i + 1) == 0xBF && (byte(i + 2) == 0xBE || byte(i + 2) == 0xBF)))) {
        return 3;
    }
    return 0;
}

bool is_ascii_control(unsigned char c) {
    return c < 0x20 || c == 0x7f;
}

bool has_unprintable(std::string_view s, bool allow_line_breaks) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if ((is_ascii_control(c) && !(allow_line_breaks && c == '\n')) ||
            unprintable_at(s, i) > 0) {
            return true;
        }
    }
    return false;
}

// Words YAML 1.1 or 1.2 reads as null or a boolean when plain, in any case.
bool is_reserved_word(std::string_view s) {
    std::string lower(s);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    return lower == "null" || lower == "~" || lower == "true" || lower == "false" ||
           lower == "yes" || lower == "no" || lower == "on" || lower == "off" || lower == "y" ||
           lower == "n";
}

// Whether a text starting with a digit may read as a number or a date (12, 1.5, 1e3, 0x1f,
// 1_000, 2026-01-01): then it is quoted, so that every reader takes it as text.
bool may_read_as_number_or_date(std::string_view s) {
    return s.front() >= '0' && s.front() <= '9' &&
           s.find_first_not_of("0123456789_.+-eExXoObBabcdefABCDEF") == std::string_view::npos;
}

bool plain_safe(std::string_view s, Context context) {
    if (s.empty() || is_reserved_word(s) || has_unprintable(s, false)) {
        return false;
    }
    const auto first = static_cast<unsigned char>(s.front());
    const bool first_ok = (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') ||
                          (first >= '0' && first <= '9') || first >= 0x80;
    if (!first_ok || s.back() == ' ' || may_read_as_number_or_date(s)) {
        return false;
    }
    // In block context only ": ", " #" and a leading indicator change a plain scalar's meaning;
    // ':' and '#' are refused anywhere to stay on the safe side. In a flow list, so are its
    // indicators, and "? " (libyaml reads a key there).
    const std::string_view refused = context == Context::flow ? ":#,[]{}?" : ":#";
    return s.find_first_of(refused) == std::string_view::npos;
}

// Whether a text of several lines can be written as a literal block ("|-") and read back
// unchanged: no white space at its start or end or before a line break, nothing unprintable.
bool literal_safe(std::string_view s) {
    if (s.empty() || s.front() == ' ' || s.front() == '\t' || s.front() == '\n' ||
        s.back() == '\n' || s.back() == ' ' || s.back() == '\t' || has_unprintable(s, true)) {
        return false;
    }
    for (std::size_t i = 1; i < s.size(); ++i) {
        if (s[i] == '\n' && (s[i - 1] == ' ' || s[i - 1] == '\t')) {
            return false;
        }
    }
    return true;
}

std::string scalar_in(std::string_view text, Context context) {
    return plain_safe(text, context) ? std::string(text) : double_quoted(text);
}

}  // namespace

std::string double_quoted(std::string_view s) {
    std::string out = "\"";
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == '"') {
            out += "\\\"";
        } else if (c == '\\') {
            out += "\\\\";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\r') {
            out += "\\r";
        } else if (is_ascii_control(c)) {
            out += fmt::format("\\x{:02x}", c);
        } else if (const auto n = unprintable_at(s, i); n == 2) {
            // NEL too: yaml-cpp reads "\N" as the byte 0x85, not as the character.
            out += fmt::format("\\x{:02x}", static_cast<unsigned char>(s[i + 1]));
            i += 1;
        } else if (n == 3) {
            const auto tail = s.substr(i, 3);
            out += tail == "\xE2\x80\xA8"   ? "\\L"
                   : tail == "\xE2\x80\xA9" ? "\\P"
                   : tail == "\xEF\xBB\xBF" ? "\\ufeff"
                   : tail == "\xEF\xBF\xBE" ? "\\ufffe"
                                            : "\\uffff";
            i += 2;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out + "\"";
}

std::string scalar(std::string_view text) {
    return scalar_in(text, Context::block);
}

std::string flow_list(const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += i > 0 ? ", " : "";
        out += scalar_in(items[i], Context::flow);
    }
    return out + "]";
}

void Writer::start(int indent, std::string_view key, Dash dash) {
    if (dash == Dash::yes) {
        m_out.append(static_cast<std::size_t>(std::max(indent - 2, 0)), ' ');
        m_out += "- ";
    } else {
        m_out.append(static_cast<std::size_t>(indent), ' ');
    }
    m_out += key;
    m_out += ':';
}

void Writer::text(int indent, std::string_view key, std::string_view value, Dash dash) {
    start(indent, key, dash);
    if (value.find('\n') == std::string_view::npos || !literal_safe(value)) {
        m_out += ' ';
        m_out += scalar(value);
        m_out += '\n';
        return;
    }
    m_out += " |-\n";
    const std::string pad(static_cast<std::size_t>(indent + 2), ' ');
    std::size_t pos = 0;
    while (pos <= value.size()) {
        const auto end = value.find('\n', pos);
        const auto line = value.substr(pos, end == std::string_view::npos ? end : end - pos);
        if (!line.empty()) {
            m_out += pad;
            m_out += line;
        }
        m_out += '\n';
        if (end == std::string_view::npos) {
            break;
        }
        pos = end + 1;
    }
}

void Writer::optional_text(int indent, std::string_view key, std::string_view value) {
    if (!value.empty()) {
        text(indent, key, value);
    }
}

void Writer::raw(int indent, std::string_view key, std::string_view value, Dash dash) {
    start(indent, key, dash);
    m_out += ' ';
    m_out += value;
    m_out += '\n';
}

void Writer::date(int indent, std::string_view key, Date value, Dash dash) {
    raw(indent, key, format_date(value), dash);
}

void Writer::number(int indent, std::string_view key, double value, Dash dash) {
    raw(indent, key, fmt::format("{}", value), dash);
}

void Writer::boolean(int indent, std::string_view key, bool value) {
    raw(indent, key, value ? "true" : "false");
}

void Writer::list(int indent, std::string_view key, const std::vector<std::string>& items) {
    raw(indent, key, flow_list(items));
}

void Writer::open(int indent, std::string_view key) {
    start(indent, key, Dash::no);
    m_out += '\n';
}

void Writer::comment(std::string_view line) {
    m_out += "# ";
    m_out += line;
    m_out += '\n';
}

std::string Writer::take() {
    return std::move(m_out);
}

}  // namespace nacsa::yaml
