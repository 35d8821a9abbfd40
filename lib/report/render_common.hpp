// SPDX-License-Identifier: Apache-2.0
#pragma once

// Internal to lib/report: what the renderers share.

#include <string>
#include <vector>

#include "core/message.hpp"
#include "i18n/i18n.hpp"
#include "report/model.hpp"

namespace nacsa::report::detail {

// The columns of a table shown to people (no data-only keys, no personal data when redacted).
[[nodiscard]] std::vector<std::size_t> shown_columns(const Table& table, bool redacted);

// "Error", "Warning", "Note" in the report's language.
[[nodiscard]] std::string severity_label(output::Severity severity, const Translator& tr);

// A finding as a report says it: its severity and one sentence.
struct FindingLine {
    output::Severity severity = output::Severity::warning;
    std::string text;
};

// The findings said once per rule: three or more of one rule and severity become one line
// ("11 regions with active members have no seat: ..."), in the order the rules first appear.
[[nodiscard]] std::vector<FindingLine> grouped_findings(
    const std::vector<output::Finding>& findings, const Translator& tr);

// The sentence of the first page when no check found an error (a msgid).
inline constexpr const char* k_no_problem =
    N_("No problem needs attention: the checks found no error.");

// How a document lays out the report's sections: the summary and the next period on the first
// page (quarterly and annual reports), then the others, numbered, each on a page of its own.
struct Layout {
    std::vector<const Section*> first_page;
    std::vector<const Section*> numbered;
};
[[nodiscard]] Layout reading_order(const Report& report);

// "1 July 2026 – 30 September 2026".
[[nodiscard]] std::string period_text(const Period& period, const Translator& tr);

}  // namespace nacsa::report::detail
