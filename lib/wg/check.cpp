// SPDX-License-Identifier: Apache-2.0
#include "wg/check.hpp"

#include <fmt/format.h>

#include <set>

#include "config/alliance.hpp"
#include "members/census.hpp"
#include "wg/wg.hpp"

namespace nacsa::wg {

namespace {

using output::arg;
using output::arg_date;
using output::arg_labels;
using output::arg_phrase;
using output::finding;
using output::N_;
using output::Severity;

// A member's status in a finding's sentence, as an adjective.
output::FindingArg status_arg(members::MemberStatus status) {
    if (status == members::MemberStatus::withdrawn) {
        return arg_labels("status", "withdrawn", "retirado", "retiré");
    }
    return arg_labels("status", "suspended", "suspendido", "suspendu");
}

output::Finding overdue_task(const std::string& wg_id, const Task& t, Date as_of) {
    const int days = days_between(*t.due, as_of);
    auto overdue = days == 1 ? arg_phrase("overdue", N_("1 day overdue"))
                             : arg_phrase("overdue", N_("{n} days overdue"), std::to_string(days));
    std::vector<output::FindingArg> args{arg("id", t.id), arg("title", t.title),
                                         arg_date("due", *t.due), std::move(overdue)};
    if (!t.owner_id) {
        return finding(Severity::error, k_rule_overdue_task, wg_id,
                       N_("task {id} \"{title}\" was due on {due} ({overdue})"), std::move(args));
    }
    args.push_back(arg("owner", *t.owner_id));
    return finding(Severity::error, k_rule_overdue_task, wg_id,
                   N_("task {id} \"{title}\" was due on {due} ({overdue}, owner {owner})"),
                   std::move(args));
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
            out.push_back(finding(Severity::error, k_rule_no_lead, g.id,
                                  N_("{group} has no lead (set one with `nacsa wg lead {group} "
                                     "MEMBER --representative NAME`)"),
                                  {arg("group", g.id)}));
        }
        if (current.empty()) {
            out.push_back(finding(Severity::warning, k_rule_no_members, g.id,
                                  N_("{group} has no members"), {arg("group", g.id)}));
        }
        for (const auto& m : current) {
            const auto status = members::status_on(store, m.member_id, options.as_of);
            if (status == members::MemberStatus::withdrawn ||
                status == members::MemberStatus::suspended) {
                out.push_back(finding(
                    Severity::error, k_rule_inactive_member, g.id,
                    N_("{member} is {status} but still a member of {group} (end it with `nacsa wg "
                       "leave {group} {member}`)"),
                    {arg("member", m.member_id), status_arg(*status), arg("group", g.id)}));
            }
        }
        for (const auto& t :
             list_tasks(store, TaskQuery{.wg_id = g.id, .overdue_as_of = options.as_of})) {
            out.push_back(overdue_task(g.id, t, options.as_of));
        }
        if (options.last_meetings && g.created <= window_start) {
            const auto it = options.last_meetings->find(g.id);
            const auto last = it == options.last_meetings->end() ? std::optional<Date>()
                                                                 : std::optional<Date>(it->second);
            if (!last || *last < window_start) {
                std::vector<output::FindingArg> args{arg("group", g.id),
                                                     arg("months", options.meeting_months)};
                if (last) {
                    args.push_back(arg_date("last", *last));
                }
                out.push_back(
                    finding(Severity::error, k_rule_no_meeting, g.id,
                            last ? N_("{group} has not met in the last {months} months (last "
                                      "meeting {last})")
                                 : N_("{group} has not met in the last {months} months (no meeting "
                                      "recorded)"),
                            std::move(args)));
            }
        }
    }
    for (const auto& theme : store.alliance().thematic_areas) {
        if (covered.count(theme.key) == 0) {
            out.push_back(finding(Severity::warning, k_rule_theme_uncovered, theme.key,
                                  N_("no active working group covers the thematic area {theme}"),
                                  {arg("theme", theme.key)}));
        }
    }
    return out;
}

}  // namespace nacsa::wg
