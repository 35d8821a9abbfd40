// SPDX-License-Identifier: Apache-2.0
// The checks of the plan's records, shared by the commands and the plan file.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/text.hpp"
#include "core/yaml_reader.hpp"
#include "members/lookup.hpp"
#include "plan/plan_internal.hpp"
#include "wg/wg.hpp"

namespace nacsa::plan {

References::References(store::Store& store) : m_store(store) {
    const auto& alliance = store.alliance();
    for (const auto& t : alliance.thematic_areas) {
        m_themes.push_back(t.key);
    }
    for (const auto& g : wg::list_groups(store, wg::Include::all)) {
        m_working_groups.push_back(g.id);
    }
}

bool References::is_theme(const std::string& key) const {
    return std::find(m_themes.begin(), m_themes.end(), key) != m_themes.end();
}

bool References::is_working_group(const std::string& key) const {
    return std::find(m_working_groups.begin(), m_working_groups.end(), key) !=
           m_working_groups.end();
}

bool References::is_member(const std::string& id) const {
    return members::member_exists(m_store, id);
}

std::string References::known_themes() const {
    return text::join(m_themes, ", ");
}
Message References::known_working_groups() const {
    return m_working_groups.empty() ? msg("none") : Message(text::join(m_working_groups, ", "));
}

namespace {
bool has_text(const std::string& s) {
    return !text::trim(s).empty();
}

Message invalid_id(const char* what, const std::string& id) {
    return std::string_view(what) == "code"
               ? msg("\"{}\" is not a valid code (expected a letter, then letters, digits, - _ or "
                     "., at most 32)",
                     id)
               : msg("\"{}\" is not a valid id (expected a letter, then letters, digits, - _ or "
                     "., at most 32)",
                     id);
}
}  // namespace

void check_text(const std::string& value, const std::string& field, std::size_t max_bytes,
                const Report& report) {
    if (const auto wrong = yaml::text_problem(value, max_bytes)) {
        report(field, -1, *wrong);
    }
}

namespace {
// A text that must not be empty.
void check_required_text(const std::string& value, const std::string& field, std::size_t max_bytes,
                         const Report& report) {
    if (!has_text(value)) {
        report(field, -1, msg("must not be empty"));
    } else {
        check_text(value, field, max_bytes, report);
    }
}
}  // namespace

void check_priority(const References& refs, const Priority& p, const Report& report) {
    if (!is_plan_id(p.code)) {
        report("code", -1, invalid_id("code", p.code));
    }
    check_required_text(p.title, "title", yaml::k_max_text_bytes, report);
    check_text(p.description, "description", k_max_long_text_bytes, report);
    for (std::size_t i = 0; i < p.thematic_areas.size(); ++i) {
        if (!refs.is_theme(p.thematic_areas[i])) {
            report("thematic_areas", static_cast<int>(i),
                   msg("\"{}\" is not a thematic area of this alliance (known: {})",
                       p.thematic_areas[i], refs.known_themes()));
        }
    }
    check_text(p.source_reference, "source_reference", yaml::k_max_text_bytes, report);
}

void check_activity(const References& refs, const std::set<std::string>& priority_codes,
                    const Activity& a, const Report& report) {
    if (!is_plan_id(a.id)) {
        report("id", -1, invalid_id("id", a.id));
    }
    check_required_text(a.title, "title", yaml::k_max_text_bytes, report);
    check_text(a.description, "description", k_max_long_text_bytes, report);
    for (std::size_t i = 0; i < a.priorities.size(); ++i) {
        if (priority_codes.count(a.priorities[i]) == 0) {
            report("priorities", static_cast<int>(i),
                   msg("\"{}\" is not a priority of the plan", a.priorities[i]));
        }
    }
    if (a.serves_no_priority && !a.priorities.empty()) {
        report("serves_no_priority", -1,
               msg("an activity that serves priorities cannot also say it serves none"));
    }
    if (!a.working_group.empty() && !refs.is_working_group(a.working_group)) {
        report("working_group", -1,
               msg("\"{}\" is not a working group of this alliance (known: {})", a.working_group,
                   refs.known_working_groups()));
    }
    if (!a.member.empty() && !refs.is_member(a.member)) {
        report("member", -1, msg("\"{}\" is not a member in the register", a.member));
    }
    if (a.end < a.start) {
        report("end", -1,
               msg("ends before it starts ({} is before {})", format_date(a.end),
                   format_date(a.start)));
    }
}

void check_indicator(const Indicator& i, const Report& report) {
    if (!is_plan_id(i.id)) {
        report("id", -1, invalid_id("id", i.id));
    }
    check_required_text(i.name, "name", yaml::k_max_text_bytes, report);
    check_required_text(i.unit, "unit", yaml::k_max_text_bytes, report);
    if (i.target == i.baseline) {
        report("target", -1, msg("equals the baseline: nothing to measure"));
    }
    if (i.baseline_date && !(*i.baseline_date < i.target_date)) {
        report("target_date", -1,
               msg("must be after the baseline date {}", format_date(*i.baseline_date)));
    }
    std::set<Date> dates;
    for (std::size_t k = 0; k < i.measurements.size(); ++k) {
        if (!dates.insert(i.measurements[k].date).second) {
            report("measurements", static_cast<int>(k),
                   msg("a second measurement on {}", format_date(i.measurements[k].date)));
        }
    }
}

void check_contribution(const Contribution& c, const Report& report) {
    if (!is_plan_id(c.id)) {
        report("id", -1, invalid_id("id", c.id));
    }
    check_required_text(c.questionnaire, "questionnaire", yaml::k_max_text_bytes, report);
    check_required_text(c.submitted_to, "submitted_to", yaml::k_max_text_bytes, report);
    check_required_text(c.summary, "summary", k_max_long_text_bytes, report);
    check_text(c.file_reference, "file_reference", yaml::k_max_text_bytes, report);
}

}  // namespace nacsa::plan
