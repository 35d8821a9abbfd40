// SPDX-License-Identifier: Apache-2.0
#include "report/render_common.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>

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
    // A whole number (an indicator's 90 people) without decimals; others with one.
    return tr.number(number, std::floor(number) == number ? 0 : 1);
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

namespace {

constexpr std::size_t k_group_from = 3;

// What a finding is about, in the report's language: its first argument (a region, a thematic
// area), else its record.
std::string subject(const output::Finding& finding, const std::string& language) {
    if (finding.args.empty() || finding.args.front().phrase || finding.args.front().date ||
        finding.args.front().share) {
        return finding.record;
    }
    const auto& a = finding.args.front();
    if (language == "es" && !a.es.empty()) {
        return a.es;
    }
    if (language == "fr" && !a.fr.empty()) {
        return a.fr;
    }
    return a.text;
}

std::string group_line(const std::vector<const output::Finding*>& group, const Translator& tr) {
    const auto& first = *group.front();
    std::vector<std::string> names;
    names.reserve(group.size());
    if (first.rule == "region-without-seat") {
        for (const auto* f : group) {
            names.push_back(subject(*f, tr.language()));
        }
        return fmt::format(
            fmt::runtime(tr("{n} regions with active members have no seat: {regions}.")),
            fmt::arg("n", tr.integer(static_cast<std::int64_t>(group.size()))),
            fmt::arg("regions", fmt::join(names, ", ")));
    }
    for (std::size_t i = 1; i < group.size(); ++i) {
        names.push_back(subject(*group[i], tr.language()));
    }
    auto message = first.message;
    while (!message.empty() && message.back() == '.') {
        message.pop_back();
    }
    return fmt::format(fmt::runtime(tr("{message} (and {n} more of the same kind: {records}).")),
                       fmt::arg("message", message),
                       fmt::arg("n", tr.integer(static_cast<std::int64_t>(group.size() - 1))),
                       fmt::arg("records", fmt::join(names, ", ")));
}

}  // namespace

std::vector<FindingLine> grouped_findings(const std::vector<output::Finding>& findings,
                                          const Translator& tr) {
    std::vector<std::vector<const output::Finding*>> groups;
    for (const auto& finding : findings) {
        auto group = std::find_if(groups.begin(), groups.end(), [&](const auto& g) {
            return g.front()->rule == finding.rule && g.front()->severity == finding.severity;
        });
        if (finding.rule.empty() || group == groups.end()) {
            groups.push_back({&finding});
        } else {
            group->push_back(&finding);
        }
    }
    std::vector<FindingLine> out;
    for (const auto& group : groups) {
        if (group.size() >= k_group_from) {
            out.push_back({group.front()->severity, group_line(group, tr)});
        } else {
            for (const auto* f : group) {
                out.push_back({f->severity, f->message});
            }
        }
    }
    return out;
}

Layout reading_order(const Report& report) {
    Layout layout;
    const bool first_page = report.find_section("summary") != nullptr;
    for (const auto& section : report.sections) {
        const bool front = first_page && (section.key == "summary" || section.key == "next_period");
        (front ? layout.first_page : layout.numbered).push_back(&section);
    }
    return layout;
}

std::string period_text(const Period& period, const Translator& tr) {
    return fmt::format("{} – {}", tr.date(period.from), tr.date(period.to));
}

}  // namespace detail
}  // namespace nacsa::report
