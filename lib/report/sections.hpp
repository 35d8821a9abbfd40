// SPDX-License-Identifier: Apache-2.0
#pragma once

// Internal to lib/report: what each section builder gets, and the builders.

#include <cstdint>
#include <map>
#include <string>

#include "config/alliance.hpp"
#include "i18n/i18n.hpp"
#include "meetings/meetings.hpp"
#include "members/census.hpp"
#include "report/model.hpp"
#include "store/store.hpp"

namespace nacsa::report::detail {

struct Inputs {
    store::Store& store;
    const config::Alliance& alliance;
    const Translator& tr;
    Period period;  // up to `end` (the whole period unless the report is as of an earlier day)
    Period next;    // the period after this one (for "next quarter")
    Date as_of;     // records dated after this day are not read
};

// The section said plainly when there is nothing to report.
void nothing_to_report(Section& section, const Translator& tr);

// The label of a meeting kind ("Government consultation"), in the report's language.
[[nodiscard]] std::string meeting_kind_label(const std::string& kind, const Translator& tr);

// A decision's outcome ("adopted", "rejected", "deferred") in the report's language.
[[nodiscard]] std::string outcome_label(const Translator& tr, meetings::DecisionOutcome outcome);

// Counts by gender as a table (count and share) and a chart of shares.
void add_gender(Section& section, const std::string& key, const std::string& title,
                const std::map<std::string, std::int64_t>& counts, const Translator& tr);

[[nodiscard]] Section membership_section(const Inputs& in);
// The same, from the census of in.period already taken (members::census).
[[nodiscard]] Section membership_section(const Inputs& in, const members::Census& census);
[[nodiscard]] Section governance_section(const Inputs& in);
[[nodiscard]] Section working_groups_section(const Inputs& in);
[[nodiscard]] Section meetings_section(const Inputs& in);
[[nodiscard]] Section plan_section(const Inputs& in);
// The columns of an indicators table: id, name, latest value, target, standing (key, label).
[[nodiscard]] std::vector<Column> indicator_columns(const Translator& tr);
[[nodiscard]] Section next_period_section(const Inputs& in);

// The period before `period`: the previous quarter, year, or a range of the same length.
[[nodiscard]] Period previous_period(const Period& period);
// The first page: the key figures of `sections` beside those of the previous period (its
// sections built as its own report read them; its membership totals `previous_members`, those
// of members::census over previous_period(in.period)), and the errors found, in plain words.
[[nodiscard]] Section summary_section(const Inputs& in, const std::vector<Section>& sections,
                                      const members::CensusCounts& previous_members);

}  // namespace nacsa::report::detail
