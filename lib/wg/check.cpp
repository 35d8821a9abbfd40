// SPDX-License-Identifier: Apache-2.0
#include "wg/check.hpp"

#include <fmt/format.h>

#include <set>

#include "config/alliance.hpp"
#include "members/census.hpp"
#include "wg/wg.hpp"

namespace nacsa::wg {

namespace {

output::Finding error(std::string rule, std::string record, std::string message) {
    return output::Finding{output::Severity::error, std::move(rule), std::move(record),
                           std::move(message)};
}

output::Finding warning(std::string rule, std::string record, std::string message) {
    return output::Finding{output::Severity::warning, std::move(rule), std::move(record),
                           std::move(message)};
}

}  // namespace

std::vector<output::Finding> check_groups(store::Store& store, const CheckOptions& options) {
    std::vector<output::Finding> out;
    const Date window_start = add_months(options.as_of, -options.meeting_months);
    std::set<std::string> covered;
    for (const auto& g : list_groups(store, Include::current)) {
        if (g.created > options.as_of) {
            continue;
        }
        covered.insert(g.themes.begin(), g.themes.end());
        const auto current = memberships(store, g.id, Include::current);
        if (!current_lead(store, g.id)) {
            out.push_back(error(
                k_rule_no_lead, g.id,
                fmt::format(
                    "{} has no lead (set one with `nacsa wg lead {} MEMBER --representative NAME`)",
                    g.id, g.id)));
        }
        if (current.empty()) {
            out.push_back(warning(k_rule_no_members, g.id, fmt::format("{} has no members", g.id)));
        }
        for (const auto& m : current) {
            const auto status = members::status_on(store, m.member_id, options.as_of);
            if (status == members::MemberStatus::withdrawn ||
                status == members::MemberStatus::suspended) {
                out.push_back(error(
                    k_rule_inactive_member, g.id,
                    fmt::format(
                        "{} is {} but still a member of {} (end it with `nacsa wg leave {} {}`)",
                        m.member_id, members::status_name(*status), g.id, g.id, m.member_id)));
            }
        }
        for (const auto& t :
             list_tasks(store, TaskQuery{.wg_id = g.id, .overdue_as_of = options.as_of})) {
            const int days = days_between(*t.due, options.as_of);
            out.push_back(
                error(k_rule_overdue_task, g.id,
                      fmt::format("task {} \"{}\" was due on {} ({} day{} overdue{})", t.id,
                                  t.title, format_date(*t.due), days, days == 1 ? "" : "s",
                                  t.owner_id ? ", owner " + *t.owner_id : std::string())));
        }
        if (options.last_meetings && g.created <= window_start) {
            const auto it = options.last_meetings->find(g.id);
            const auto last = it == options.last_meetings->end() ? std::optional<Date>()
                                                                 : std::optional<Date>(it->second);
            if (!last || *last < window_start) {
                out.push_back(error(
                    k_rule_no_meeting, g.id,
                    last ? fmt::format("{} has not met in the last {} months (last meeting {})",
                                       g.id, options.meeting_months, format_date(*last))
                         : fmt::format("{} has not met in the last {} months (no meeting recorded)",
                                       g.id, options.meeting_months)));
            }
        }
    }
    for (const auto& theme : store.alliance().thematic_areas) {
        if (covered.count(theme.key) == 0) {
            out.push_back(warning(
                k_rule_theme_uncovered, theme.key,
                fmt::format("no active working group covers the thematic area {}", theme.key)));
        }
    }
    return out;
}

}  // namespace nacsa::wg
