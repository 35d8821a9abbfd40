// SPDX-License-Identifier: Apache-2.0
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/error.hpp"
#include "core/text.hpp"
#include "governance/detail.hpp"
#include "governance/governance.hpp"
#include "members/census.hpp"
#include "members/interest.hpp"
#include "members/lookup.hpp"

namespace nacsa::governance {

namespace {

using output::arg;
using output::arg_date;
using output::arg_labels;
using output::arg_phrase;
using output::arg_share;
using output::Finding;
using output::finding;
using output::N_;
using output::Severity;

// The messages below are English msgids: reports translate them (lib/report/po).

output::FindingArg arg_role(const config::Alliance& alliance, const std::string& name,
                            const std::string& key, bool label_in_english) {
    const auto* role = alliance.find_role(key);
    if (role == nullptr) {
        return arg(name, key);
    }
    return arg_labels(name, label_in_english ? role->labels.en : key, role->labels.es,
                      role->labels.fr);
}

void check_seat_count(const config::SteeringCommitteeRules& rules, const std::vector<Seat>& seats,
                      std::vector<Finding>& out) {
    const auto n = static_cast<int>(seats.size());
    if (n < rules.seats_min || n > rules.seats_max) {
        out.push_back(finding(
            Severity::error, "seat-count", "",
            n == 1 ? N_("the committee has {seats} seat; the configuration asks for {min} to {max}")
                   : N_("the committee has {seats} seats; the configuration asks for {min} to "
                        "{max}"),
            {arg("seats", n), arg("min", rules.seats_min), arg("max", rules.seats_max)}));
    }
}

void check_roles(const config::Alliance& alliance, const std::vector<Seat>& seats,
                 std::vector<Finding>& out) {
    std::map<std::string, std::vector<std::string>> holders;
    for (const auto& s : seats) {
        holders[s.role].push_back(s.member_id);
    }
    for (const auto& [role_key, members] : holders) {
        const auto* role = alliance.find_role(role_key);
        if (role == nullptr) {
            out.push_back(
                finding(Severity::error, "role-unknown", text::join(members, ","),
                        N_("role \"{role}\" is held by {members} but is not in the configuration"),
                        {arg("role", role_key), arg("members", text::join(members, ", "))}));
            continue;
        }
        const auto limit = detail::holder_limit(*role);
        if (limit && static_cast<int>(members.size()) > *limit) {
            out.push_back(finding(
                Severity::error, "role-holders", role_key,
                N_("{role} ({key}) is held by {count} members ({members}); at most {limit}"),
                {arg_role(alliance, "role", role_key, true), arg("key", role_key),
                 arg("count", static_cast<std::int64_t>(members.size())),
                 arg("members", text::join(members, ", ")), arg("limit", *limit)}));
        }
    }
    const auto* leading = alliance.leading_role();
    if (leading != nullptr && holders.count(leading->key) == 0) {
        out.push_back(
            finding(Severity::error, "no-coordinator", "",
                    N_("no {role} ({key}): no seat holds the leading role"),
                    {arg_role(alliance, "role", leading->key, true), arg("key", leading->key)}));
    }
}

void check_secretariat_interest(store::Store& store, const std::vector<Seat>& seats, Date as_of,
                                std::vector<Finding>& out) {
    const auto& alliance = store.alliance();
    const auto* leading = alliance.leading_role();
    if (leading == nullptr || !alliance.steering_committee.coordinator_org_is_secretariat) {
        return;
    }
    for (const auto& s : seats) {
        if (s.role == leading->key &&
            !members::expressed_interest(store, s.member_id, members::InterestKind::secretariat,
                                         as_of)) {
            out.push_back(finding(
                Severity::error, "coordinator-not-secretariat", s.member_id,
                N_("the {role} is from {member}, which has not expressed "
                   "interest in serving as secretariat"),
                {arg_role(alliance, "role", leading->key, true), arg("member", s.member_id)}));
        }
    }
}

void check_gender(const config::SteeringCommitteeRules& rules, const std::vector<Seat>& seats,
                  std::vector<Finding>& out) {
    std::map<std::string, int> counts;
    for (const auto& s : seats) {
        ++counts[s.gender];
    }
    const int undisclosed = counts["undisclosed"];
    const int disclosed = static_cast<int>(seats.size()) - undisclosed;
    if (disclosed == 0) {
        out.push_back(finding(Severity::warning, "gender-balance", "",
                              N_("gender balance cannot be checked: none of the {count} "
                                 "representatives disclosed a gender"),
                              {arg("count", static_cast<std::int64_t>(seats.size()))}));
        return;
    }
    const double female = static_cast<double>(counts["female"]) / disclosed;
    const double male = static_cast<double>(counts["male"]) / disclosed;
    const double min = rules.gender_min_share;
    if (female + 1e-9 < min || male + 1e-9 < min) {
        const int non_binary = counts["non_binary"];
        out.push_back(finding(
            Severity::error, "gender-balance", "",
            N_("gender balance: of {disclosed} representatives with a disclosed gender, female "
               "{female} ({female_share}), male {male} ({male_share}){non_binary}; each must be "
               "at least {min}{undisclosed}"),
            {arg("disclosed", disclosed), arg("female", counts["female"]),
             arg_share("female_share", female), arg("male", counts["male"]),
             arg_share("male_share", male),
             arg_phrase("non_binary", non_binary > 0 ? N_(", non-binary {n}") : "",
                        std::to_string(non_binary)),
             arg_share("min", min),
             arg_phrase("undisclosed", undisclosed > 0 ? N_(" ({n} undisclosed not counted)") : "",
                        std::to_string(undisclosed))}));
    }
}

void check_themes(const config::Alliance& alliance, const std::vector<Seat>& seats,
                  std::vector<Finding>& out) {
    std::set<std::string> covered;
    for (const auto& s : seats) {
        covered.insert(s.thematic_areas.begin(), s.thematic_areas.end());
    }
    for (const auto& theme : alliance.thematic_areas) {
        if (covered.count(theme.key) == 0) {
            out.push_back(finding(
                Severity::error, "theme-without-seat", theme.key,
                N_("thematic area \"{theme}\" ({key}) has no seat whose organisation works on it"),
                {arg_labels("theme", theme.labels.en, theme.labels.es, theme.labels.fr),
                 arg("key", theme.key)}));
        }
    }
}

void check_regions(store::Store& store, const std::vector<Seat>& seats, Date as_of,
                   std::vector<Finding>& out) {
    std::set<std::string> seated;
    for (const auto& s : seats) {
        seated.insert(s.region);
    }
    std::map<std::string, int> members_by_region;
    for (const auto& [id, member] : members::member_refs(store, members::active_on(store, as_of))) {
        if (!member.region.empty()) {
            ++members_by_region[member.region];
        }
    }
    for (const auto& region : store.alliance().regions) {
        const int n = members_by_region[region.key];
        if (n > 0 && seated.count(region.key) == 0) {
            out.push_back(finding(Severity::warning, "region-without-seat", region.key,
                                  n == 1 ? N_("region {region} has {count} active member but no "
                                              "seat")
                                         : N_("region {region} has {count} active members but no "
                                              "seat"),
                                  {arg("region", region.name), arg("count", n)}));
        }
    }
}

const char* status_phrase(const std::optional<members::MemberStatus>& status) {
    if (!status) {
        return N_("unknown");
    }
    switch (*status) {
        case members::MemberStatus::applicant:
            return N_("applicant");
        case members::MemberStatus::suspended:
            return N_("suspended");
        case members::MemberStatus::withdrawn:
            return N_("withdrawn");
        case members::MemberStatus::active:
            break;
    }
    return N_("unknown");
}

void check_members_active(const config::Alliance& alliance, const std::vector<Seat>& seats,
                          std::vector<Finding>& out) {
    for (const auto& s : seats) {
        if (s.member_status != members::MemberStatus::active) {
            out.push_back(
                finding(Severity::error, "inactive-member-seat", s.member_id,
                        N_("{member} holds a seat ({role}) but is {status}, not active"),
                        {arg("member", s.member_id), arg_role(alliance, "role", s.role, false),
                         arg_phrase("status", status_phrase(s.member_status))}));
        }
    }
}

void check_terms(const config::Alliance& alliance, const std::vector<Seat>& seats, Date as_of,
                 std::vector<Finding>& out) {
    const auto& rules = alliance.steering_committee;
    for (const auto& s : seats) {
        const int days = days_between(as_of, s.last_day());
        if (days <= rules.term_warning_days) {
            out.push_back(finding(
                Severity::warning, "term-ending", s.member_id,
                days == 1 ? N_("the {role} term of {member} ends on {date} (in {days} day)")
                          : N_("the {role} term of {member} ends on {date} (in {days} days)"),
                {arg_role(alliance, "role", s.role, false), arg("member", s.member_id),
                 arg_date("date", s.last_day()), arg("days", days)}));
        }
    }
}

void check_observer_seat(const config::Alliance& alliance, const std::vector<Observer>& observers,
                         std::vector<Finding>& out) {
    if (!observers.empty() && !alliance.steering_committee.observer_seat) {
        out.push_back(finding(
            Severity::error, "observer-seat-disabled", std::to_string(observers.front().id),
            observers.size() == 1
                ? N_("{count} observer recorded but the configuration has no observer seat")
                : N_("{count} observers recorded but the configuration has no observer seat"),
            {arg("count", static_cast<std::int64_t>(observers.size()))}));
    }
}

// The member organisation an observer's institution names (by id, name or acronym): an acronym
// several members share names one of them all the same.
std::optional<std::string> member_named(store::Store& store, const std::string& institution) {
    try {
        if (const auto member = members::find_member_ref(store, institution)) {
            return member->id;
        }
        return std::nullopt;
    } catch (const UsageError&) {
        return institution;
    }
}

// An observer is not a member: it represents no seat's member, and comes from no member.
void check_observers(store::Store& store, const std::vector<Seat>& seats,
                     const std::vector<Observer>& observers, std::vector<Finding>& out) {
    std::vector<std::int64_t> contact_ids;
    contact_ids.reserve(seats.size());
    for (const auto& s : seats) {
        contact_ids.push_back(s.contact_id);
    }
    const auto representatives = members::people(store, contact_ids);
    for (const auto& o : observers) {
        const std::string name = text::fold(o.name);
        const std::string email = text::fold(o.email);
        for (const auto& s : seats) {
            const auto p = representatives.find(s.contact_id);
            if (p != representatives.end() && !p->second.erased &&
                (text::fold(p->second.name) == name ||
                 (!email.empty() && text::fold(p->second.email) == email))) {
                out.push_back(finding(
                    Severity::error, "observer-counted-as-member", std::to_string(o.id),
                    N_("observer {observer} ({institution}) also represents {member} on the "
                       "committee; an observer is not a member and holds no seat"),
                    {arg("observer", o.id), arg("institution", o.institution),
                     arg("member", s.member_id)}));
            }
        }
        if (const auto member = member_named(store, o.institution)) {
            out.push_back(
                finding(Severity::error, "observer-counted-as-member", std::to_string(o.id),
                        N_("observer {observer} comes from {member}, a member organisation; the "
                           "observer represents the government"),
                        {arg("observer", o.id), arg("member", *member)}));
        }
    }
}

}  // namespace

std::vector<output::Finding> check_committee(store::Store& store, Date as_of) {
    const auto& alliance = store.alliance();
    const auto seats = committee_as_of(store, as_of);
    const auto observers = observers_as_of(store, as_of);
    std::vector<Finding> out;
    check_seat_count(alliance.steering_committee, seats, out);
    check_roles(alliance, seats, out);
    check_secretariat_interest(store, seats, as_of, out);
    if (!seats.empty()) {
        check_gender(alliance.steering_committee, seats, out);
        check_themes(alliance, seats, out);
        check_regions(store, seats, as_of, out);
    }
    check_members_active(alliance, seats, out);
    check_terms(alliance, seats, as_of, out);
    check_observer_seat(alliance, observers, out);
    check_observers(store, seats, observers, out);
    return out;
}

}  // namespace nacsa::governance
