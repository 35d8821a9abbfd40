// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/message.hpp"
#include "core/time.hpp"
#include "output/table.hpp"

namespace nacsa::output {

enum class Severity { error, warning, info };

[[nodiscard]] std::string severity_name(Severity s);

using nacsa::N_;

// A value in a finding's message, kept apart so that a report can say it in its language.
struct FindingArg {
    std::string name;             // the placeholder: {name}
    std::string text;             // the value in English (or in no particular language)
    std::string es;               // the value in Spanish and French when it differs (labels of
    std::string fr;               // configured terms); empty: `text`
    std::optional<Date> date;     // a date: ISO in English messages, spelled out in reports
    std::optional<double> share;  // a share 0..1: "25%", "25,0 %" in a French report
    bool phrase = false;          // `text` is itself a message, translated, with {n} = `n`
    std::string n;
};

[[nodiscard]] FindingArg arg(std::string name, std::string text);
[[nodiscard]] FindingArg arg(std::string name, std::int64_t number);
[[nodiscard]] FindingArg arg_labels(std::string name, std::string en, std::string es,
                                    std::string fr);
[[nodiscard]] FindingArg arg_date(std::string name, Date date);
[[nodiscard]] FindingArg arg_share(std::string name, double share);
// A phrase (a msgid marked with N_, may hold {n}); an empty msgid stands for nothing.
[[nodiscard]] FindingArg arg_phrase(std::string name, const char* msgid, std::string n = {});

// One result of a `check` command: what rule, how serious, about which record.
struct Finding {
    Severity severity = Severity::error;
    std::string rule;     // stable kebab-case id of the rule, e.g. "no-coordinator"
    std::string record;   // the record concerned (member id, meeting id, quarter...), may be empty
    std::string message;  // one sentence for people, in English
    // For translation: the message's template (a msgid with {placeholders}) and its values.
    // Empty when the message was written in its final language.
    std::string msgid;
    std::vector<FindingArg> args;
    // Set when the finding was acknowledged (`check ack`): why, and until when if not for good.
    std::string acknowledged;
};

// The key a finding is acknowledged by: RULE:RECORD, or RULE when it has no record.
[[nodiscard]] std::string finding_key(const Finding& finding);

// A finding whose English message is `msgid` filled with `args`.
[[nodiscard]] Finding finding(Severity severity, std::string rule, std::string record,
                              const char* msgid, std::vector<FindingArg> args);

// The value of an argument as a message in `language` says it. `translate` gives a msgid's
// translation, `date` and `share` format those values (both only called for such arguments).
struct FindingLanguage {
    std::string language;  // "en", "es", "fr"
    std::function<std::string(const std::string&)> translate;
    std::function<std::string(Date)> date;
    std::function<std::string(double)> share;
};

// The finding's message in a language: its msgid translated and filled with the values in
// that language; `message` itself when the finding has no msgid.
[[nodiscard]] std::string localized_message(const Finding& finding, const FindingLanguage& lang);

// Whether any finding is an error not acknowledged (the check then exits 1).
[[nodiscard]] bool has_errors(const std::vector<Finding>& findings);

// severity, rule, record, message: errors first, then warnings, then notes, stable otherwise;
// an "acknowledged" column after them when any finding was acknowledged.
[[nodiscard]] Table findings_table(std::vector<Finding> findings);

}  // namespace nacsa::output
