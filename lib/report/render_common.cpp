// SPDX-License-Identifier: Apache-2.0
#include "report/render_common.hpp"

#include <fmt/format.h>

#include "report/render.hpp"

namespace nacsa::report {

std::string display_value(const Value& value, ValueKind kind, const std::string& language) {
    const Translator tr(language);
    if (std::holds_alternative<std::monostate>(value)) {
        return "";
    }
    if (const auto* text = std::get_if<std::string>(&value)) {
        if (kind == ValueKind::date) {
            if (const auto d = parse_date(*text)) {
                return tr.date(*d);
            }
        }
        return *text;
    }
    if (const auto* whole = std::get_if<std::int64_t>(&value)) {
        return kind == ValueKind::percent ? tr.percent(static_cast<double>(*whole))
                                          : tr.integer(*whole);
    }
    const double number = std::get<double>(value);
    if (kind == ValueKind::percent) {
        return tr.percent(number);
    }
    if (kind == ValueKind::integer) {
        return tr.integer(static_cast<std::int64_t>(number));
    }
    return tr.number(number, 1);
}

namespace detail {

std::vector<std::size_t> shown_columns(const Table& table, bool redacted) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
        const auto& column = table.columns[i];
        if (column.shown == Shown::data_only || (redacted && column.personal == Personal::yes)) {
            continue;
        }
        out.push_back(i);
    }
    return out;
}

std::string severity_label(output::Severity severity, const Translator& tr) {
    switch (severity) {
        case output::Severity::error:
            return tr("Error");
        case output::Severity::warning:
            return tr("Warning");
        case output::Severity::info:
            return tr("Note");
    }
    return tr("Note");
}

std::string period_text(const Period& period, const Translator& tr) {
    return fmt::format("{} – {}", tr.date(period.from), tr.date(period.to));
}

}  // namespace detail
}  // namespace nacsa::report
