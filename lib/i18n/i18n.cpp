// SPDX-License-Identifier: Apache-2.0
#include "i18n/i18n.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <cstring>
#include <mutex>
#include <stdexcept>

#include "core/embedded.hpp"
#include "core/ondemand.hpp"

namespace nacsa::i18n {

namespace {

// U+202F NARROW NO-BREAK SPACE: the thousands separator of Spanish and French, and the space
// before "%".
constexpr std::string_view k_narrow_space = "\u202f";

constexpr std::array<const char*, 12> k_months = {
    N_("January"), N_("February"), N_("March"),     N_("April"),   N_("May"),      N_("June"),
    N_("July"),    N_("August"),   N_("September"), N_("October"), N_("November"), N_("December")};

std::uint32_t read_u32(std::string_view data, std::size_t offset, bool swap) {
    if (offset + 4 > data.size()) {
        throw std::runtime_error("truncated .mo file");
    }
    std::uint32_t value = 0;
    std::memcpy(&value, data.data() + offset, 4);
    if (swap) {
        value = ((value & 0xffU) << 24) | ((value & 0xff00U) << 8) | ((value >> 8) & 0xff00U) |
                (value >> 24);
    }
    return value;
}

std::string_view read_string(std::string_view data, std::size_t table, std::uint32_t index,
                             bool swap) {
    const std::size_t entry = table + std::size_t{index} * 8;
    const auto length = read_u32(data, entry, swap);
    const auto offset = read_u32(data, entry + 4, swap);
    if (std::size_t{offset} + length > data.size()) {
        throw std::runtime_error("string outside the .mo file");
    }
    return data.substr(offset, length);
}

const std::map<std::string, std::string, std::less<>>& empty_catalog() {
    static const std::map<std::string, std::string, std::less<>> empty;
    return empty;
}

std::string group_digits(std::string digits, std::string_view separator) {
    std::string out;
    const auto n = digits.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0) {
            out += separator;
        }
        out += digits[i];
    }
    return out;
}

}  // namespace

std::map<std::string, std::string, std::less<>> parse_mo(std::string_view data) {
    const auto magic = read_u32(data, 0, false);
    bool swap = false;
    if (magic == 0xde120495U) {
        swap = true;
    } else if (magic != 0x950412deU) {
        throw std::runtime_error("not a .mo file");
    }
    const auto count = read_u32(data, 8, swap);
    const auto originals = read_u32(data, 12, swap);
    const auto translations = read_u32(data, 16, swap);
    std::map<std::string, std::string, std::less<>> out;
    for (std::uint32_t i = 0; i < count; ++i) {
        const auto msgid = read_string(data, originals, i, swap);
        const auto msgstr = read_string(data, translations, i, swap);
        if (!msgid.empty() && !msgstr.empty()) {  // the empty msgid is the catalog's header
            out.emplace(std::string(msgid), std::string(msgstr));
        }
    }
    return out;
}

const std::map<std::string, std::string, std::less<>>& catalog(const std::string& language) {
    static std::once_flag once;
    static std::map<std::string, std::map<std::string, std::string, std::less<>>> catalogs;
    std::call_once(once, [] {
        for (const auto& file : embedded::translations()) {
            auto name = std::string(file.name);
            name = name.substr(0, name.find('.'));
            catalogs.emplace(name, parse_mo(file.content));
        }
    });
    const auto it = catalogs.find(language);
    return it == catalogs.end() ? empty_catalog() : it->second;
}

Translator::Translator(std::string language) : m_language(std::move(language)) {
    if (m_language != "es" && m_language != "fr") {
        m_language = "en";
    }
    m_catalog = &catalog(m_language);
}

std::string Translator::operator()(std::string_view msgid) const {
    if (const auto it = m_catalog->find(msgid); it != m_catalog->end()) {
        return it->second;
    }
    return std::string(msgid);
}

std::string Translator::text(const Message& message) const {
    if (m_language == "en") {
        return message.english();
    }
    return message.text([this](std::string_view msgid) { return (*this)(msgid); });
}

std::string Translator::month(int month) const {
    if (month < 1 || month > 12) {
        return std::to_string(month);
    }
    return (*this)(k_months[static_cast<std::size_t>(month - 1)]);
}

std::string Translator::date(Date date) const {
    const int day = static_cast<int>(static_cast<unsigned>(date.day()));
    const int month_number = static_cast<int>(static_cast<unsigned>(date.month()));
    // French writes the first of the month as an ordinal: "1er décembre 2026".
    const std::string day_text = std::to_string(day) + (m_language == "fr" && day == 1 ? "er" : "");
    // TRANSLATORS: a long date; {day}, {month} (a month name) and {year}.
    return fmt::format(fmt::runtime((*this)(N_("{day} {month} {year}"))), fmt::arg("day", day_text),
                       fmt::arg("month", this->month(month_number)),
                       fmt::arg("year", static_cast<int>(date.year())));
}

std::string Translator::month_year(int year, int month) const {
    // TRANSLATORS: a month of a year; {month} is a month name.
    return fmt::format(fmt::runtime((*this)(N_("{month} {year}"))),
                       fmt::arg("month", this->month(month)), fmt::arg("year", year));
}

std::string Translator::integer(std::int64_t value) const {
    const bool negative = value < 0;
    const auto digits = std::to_string(negative ? -value : value);
    const auto grouped =
        group_digits(digits, m_language == "en" ? std::string_view(",") : k_narrow_space);
    return negative ? "-" + grouped : grouped;
}

std::string Translator::number(double value, int decimals) const {
    if (!std::isfinite(value)) {
        return "-";
    }
    auto text = fmt::format("{:.{}f}", std::fabs(value), decimals);
    std::string whole = text;
    std::string fraction;
    if (const auto dot = text.find('.'); dot != std::string::npos) {
        whole = text.substr(0, dot);
        fraction = text.substr(dot + 1);
    }
    const bool english = m_language == "en";
    std::string out = group_digits(whole, english ? std::string_view(",") : k_narrow_space);
    if (!fraction.empty()) {
        out += english ? "." : ",";
        out += fraction;
    }
    const bool zero = out.find_first_not_of("0.,\u202f") == std::string::npos;
    return value < 0 && !zero ? "-" + out : out;
}

std::string Translator::percent(double share) const {
    const auto value = number(share * 100.0, 1);
    return m_language == "en" ? value + "%" : value + std::string(k_narrow_space) + "%";
}

std::string Translator::country(const std::string& code) const {
    const std::string out = ondemand_module().country(code, m_language);
    return out.empty() || out == code ? code : out;
}

Message status_word(std::string_view key) {
    // Spanish and French agree these with the record they describe: a member (masculine), an
    // activity or a task (feminine); the keys do not overlap between them.
    static const std::map<std::string, const char*> words = {
        {"applicant", N_("applicant")}, {"active", N_("active")},
        {"suspended", N_("suspended")}, {"withdrawn", N_("withdrawn")},
        {"planned", N_("planned")},     {"in_progress", N_("in_progress")},
        {"done", N_("done")},           {"delayed", N_("delayed")},
        {"cancelled", N_("cancelled")}, {"open", N_("open")},
        {"dropped", N_("dropped")},
    };
    const auto it = words.find(std::string(key));
    return it == words.end() ? Message(std::string(key)) : Message::translatable(it->second, {});
}

std::string status_label(const std::string& status, const Translator& tr) {
    if (status == "applicant") {
        return tr("Applicants");
    }
    if (status == "active") {
        return tr("Active");
    }
    if (status == "suspended") {
        return tr("Suspended");
    }
    if (status == "withdrawn") {
        return tr("Withdrawn");
    }
    return status;
}

std::string gender_label(const std::string& gender, const Translator& tr) {
    if (gender == "female") {
        return tr("Women");
    }
    if (gender == "male") {
        return tr("Men");
    }
    if (gender == "non_binary") {
        return tr("Non-binary");
    }
    return tr("Not stated");
}

}  // namespace nacsa::i18n
