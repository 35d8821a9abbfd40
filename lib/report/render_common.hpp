// SPDX-License-Identifier: Apache-2.0
#pragma once

// Internal to lib/report: what the renderers share.

#include <string>
#include <vector>

#include "i18n/i18n.hpp"
#include "report/model.hpp"

namespace nacsa::report::detail {

// The columns of a table shown to people (no data-only keys, no personal data when redacted).
[[nodiscard]] std::vector<std::size_t> shown_columns(const Table& table, bool redacted);

// "Error", "Warning", "Note" in the report's language.
[[nodiscard]] std::string severity_label(output::Severity severity, const Translator& tr);

// "1 July 2026 – 30 September 2026".
[[nodiscard]] std::string period_text(const Period& period, const Translator& tr);

}  // namespace nacsa::report::detail
