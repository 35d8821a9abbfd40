// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "core/message.hpp"
#include "core/time.hpp"
#include "output/findings.hpp"

namespace nacsa::i18n {

using nacsa::N_;  // marks a message for the catalogs without translating it yet

// The messages, dates and numbers of one language. Catalogs are the gettext PO files of
// lib/i18n/po, compiled by msgfmt at build time and embedded: no system locale is used.
//
// Numbers: English groups thousands with "," and uses "." for decimals ("1,234.5"); Spanish and
// French group with a narrow no-break space (U+202F) and use "," for decimals ("1 234,5"), and
// put a narrow no-break space before "%".
class Translator {
  public:
    // language: "en", "es" or "fr" (anything else falls back to English).
    explicit Translator(std::string language);

    [[nodiscard]] const std::string& language() const { return m_language; }

    // The translation of an English message (the message itself when the catalog lacks it).
    [[nodiscard]] std::string operator()(std::string_view msgid) const;
    // A message (core/message.hpp) in the translator's language.
    [[nodiscard]] std::string text(const Message& message) const;

    // "3 December 2026", "3 de diciembre de 2026", "3 décembre 2026".
    [[nodiscard]] std::string date(Date date) const;
    // "December 2026", "diciembre de 2026", "décembre 2026".
    [[nodiscard]] std::string month_year(int year, int month) const;
    // "December", "diciembre"... (month 1..12).
    [[nodiscard]] std::string month(int month) const;
    // "1,234" / "1 234".
    [[nodiscard]] std::string integer(std::int64_t value) const;
    // A number with the given decimals: "1,234.5" / "1 234,5".
    [[nodiscard]] std::string number(double value, int decimals) const;
    // A share (0..1) as a percentage with one decimal: "45.5%" / "45,5 %".
    [[nodiscard]] std::string percent(double share) const;
    // A country's name from its ISO 3166 code ("CL" -> "Chile"), from ICU's data.
    [[nodiscard]] std::string country(const std::string& code) const;

  private:
    std::string m_language;
    const std::map<std::string, std::string, std::less<>>* m_catalog = nullptr;
};

// A status key (a member's, a plan activity's, a working-group task's) as a word of a message,
// translated with it: "active", "activo", "actif"; an unknown key as it is. Spanish and French
// agree the word with the record it describes: a member (masculine), an activity or a task
// (feminine); the keys do not overlap between them. (Notes such as "activity A1: planned ->
// done", and errors; JSON, CSV and the log keep the keys.)
[[nodiscard]] Message status_word(std::string_view key);

// The label of a membership status ("Applicants", "Active", "Suspended", "Withdrawn") and of a
// contact's gender ("Women", "Men", "Non-binary", "Not stated"), in the translator's language,
// as the report and `member stats` show them. An unknown status is its own label.
[[nodiscard]] std::string status_label(const std::string& status, const Translator& tr);
[[nodiscard]] std::string gender_label(const std::string& gender, const Translator& tr);

// The msgids and translations of a compiled catalog (.mo), for tests: empty when missing.
[[nodiscard]] const std::map<std::string, std::string, std::less<>>& catalog(
    const std::string& language);

// Parses a GNU .mo file (either byte order). Throws std::runtime_error on a malformed file.
[[nodiscard]] std::map<std::string, std::string, std::less<>> parse_mo(std::string_view data);

}  // namespace nacsa::i18n

namespace nacsa::report {
// The report speaks through the translator of lib/i18n.
using i18n::gender_label;
using i18n::status_label;
using i18n::Translator;
using output::N_;
}  // namespace nacsa::report
