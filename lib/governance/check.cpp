#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/text.hpp"
#include "governance/detail.hpp"
#include "governance/governance.hpp"

namespace nacsa::governance {

namespace {

using output::Finding;
using output::Severity;

std::string percent(double share) {
    return fmt::format("{:.0f}%", share * 100.0);
}

void check_seat_count(const config::SteeringCommitteeRules& rules, const std::vector<Seat>& seats,
                      std::vector<Finding>& out) {
    const auto n = static_cast<int>(seats.size());
    if (n < rules.seats_min || n > rules.seats_max) {
        out.push_back(
            {Severity::error, "seat-count", "",
             fmt::format("the committee has {} seat{}; the configuration asks for {} to {}", n,
                         n == 1 ? "" : "s", rules.seats_min, rules.seats_max)});
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
            out.push_back({Severity::error, "role-unknown", text::join(members, ","),
                           fmt::format("role \"{}\" is held by {} but is not in the configuration",
                                       role_key, text::join(members, ", "))});
            continue;
        }
        const std::optional<int> limit = role->leading ? std::optional<int>(1) : role->max_holders;
        if (limit && static_cast<int>(members.size()) > *limit) {
            out.push_back(
                {Severity::error, "role-holders", role_key,
                 fmt::format("{} ({}) is held by {} members ({}); at most {}", role->labels.en,
                             role_key, members.size(), text::join(members, ", "), *limit)});
        }
    }
    const auto* leading = alliance.leading_role();
    if (leading != nullptr && holders.count(leading->key) == 0) {
        out.push_back({Severity::error, "no-coordinator", "",
                       fmt::format("no {} ({}): no seat holds the leading role", leading->labels.en,
                                   leading->key)});
    }
}

void check_secretariat_interest(SQLite::Database& db, const config::Alliance& alliance,
                                const std::vector<Seat>& seats, Date as_of,
                                std::vector<Finding>& out) {
    const auto* leading = alliance.leading_role();
    if (leading == nullptr || !alliance.steering_committee.coordinator_org_is_secretariat) {
        return;
    }
    for (const auto& s : seats) {
        if (s.role != leading->key) {
            continue;
        }
        SQLite::Statement q(db,
                            "SELECT 1 FROM interest WHERE member_id = ? AND kind = 'secretariat' "
                            "AND status != 'withdrawn' AND date <= ?");
        q.bind(1, s.member_id);
        q.bind(2, format_date(as_of));
        if (!q.executeStep()) {
            out.push_back({Severity::error, "coordinator-not-secretariat", s.member_id,
                           fmt::format("the {} is from {}, which has not expressed interest in "
                                       "serving as secretariat",
                                       leading->labels.en, s.member_id)});
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
        out.push_back({Severity::warning, "gender-balance", "",
                       fmt::format("gender balance cannot be checked: none of the {} "
                                   "representatives disclosed a gender",
                                   seats.size())});
        return;
    }
    const double female = static_cast<double>(counts["female"]) / disclosed;
    const double male = static_cast<double>(counts["male"]) / disclosed;
    std::string shares =
        fmt::format("of {} representatives with a disclosed gender, female {} ({}), male {} ({})",
                    disclosed, counts["female"], percent(female), counts["male"], percent(male));
    if (counts["non_binary"] > 0) {
        shares += fmt::format(", non-binary {}", counts["non_binary"]);
    }
    std::string note;
    if (undisclosed > 0) {
        note = fmt::format(" ({} undisclosed not counted)", undisclosed);
    }
    const double min = rules.gender_min_share;
    if (female + 1e-9 < min || male + 1e-9 < min) {
        out.push_back({Severity::error, "gender-balance", "",
                       fmt::format("gender balance: {}; each must be at least {}{}", shares,
                                   percent(min), note)});
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
            out.push_back(
                {Severity::error, "theme-without-seat", theme.key,
                 fmt::format("thematic area \"{}\" ({}) has no seat whose organisation works on it",
                             theme.labels.en, theme.key)});
        }
    }
}

void check_regions(SQLite::Database& db, const config::Alliance& alliance,
                   const std::vector<Seat>& seats, Date as_of, std::vector<Finding>& out) {
    std::set<std::string> seated;
    for (const auto& s : seats) {
        seated.insert(s.region);
    }
    std::map<std::string, int> members_by_region;
    for (const auto& id : detail::active_members(db, as_of)) {
        SQLite::Statement q(db, "SELECT region FROM member WHERE id = ? AND region IS NOT NULL");
        q.bind(1, id);
        if (q.executeStep()) {
            ++members_by_region[q.getColumn(0).getString()];
        }
    }
    for (const auto& region : alliance.regions) {
        const int n = members_by_region[region.key];
        if (n > 0 && seated.count(region.key) == 0) {
            out.push_back({Severity::warning, "region-without-seat", region.key,
                           fmt::format("region {} has {} active member{} but no seat", region.name,
                                       n, n == 1 ? "" : "s")});
        }
    }
}

void check_members_active(const std::vector<Seat>& seats, std::vector<Finding>& out) {
    for (const auto& s : seats) {
        if (s.member_status != "active") {
            out.push_back(
                {Severity::error, "inactive-member-seat", s.member_id,
                 fmt::format("{} holds a seat ({}) but is {}, not active", s.member_id, s.role,
                             s.member_status.empty() ? "unknown" : s.member_status)});
        }
    }
}

void check_terms(const config::SteeringCommitteeRules& rules, const std::vector<Seat>& seats,
                 Date as_of, std::vector<Finding>& out) {
    for (const auto& s : seats) {
        const int days = days_between(as_of, s.last_day());
        if (days <= rules.term_warning_days) {
            out.push_back(
                {Severity::warning, "term-ending", s.member_id,
                 fmt::format("the {} term of {} ends on {} (in {} day{})", s.role, s.member_id,
                             format_date(s.last_day()), days, days == 1 ? "" : "s")});
        }
    }
}

void check_observers(SQLite::Database& db, const config::Alliance& alliance,
                     const std::vector<Seat>& seats, const std::vector<Observer>& observers,
                     std::vector<Finding>& out) {
    if (!observers.empty() && !alliance.steering_committee.observer_seat) {
        out.push_back(
            {Severity::error, "observer-seat-disabled", std::to_string(observers.front().id),
             fmt::format("{} observer{} recorded but the configuration has no observer seat",
                         observers.size(), observers.size() == 1 ? "" : "s")});
    }
    for (const auto& o : observers) {
        const std::string name = text::fold(o.name);
        const std::string email = text::fold(o.email);
        const std::string institution = text::fold(o.institution);
        for (const auto& s : seats) {
            SQLite::Statement c(
                db,
                "SELECT name, IFNULL(email, '') FROM contact WHERE id = ? AND erased_at IS NULL");
            c.bind(1, s.contact_id);
            if (c.executeStep() &&
                (text::fold(c.getColumn(0).getString()) == name ||
                 (!email.empty() && text::fold(c.getColumn(1).getString()) == email))) {
                out.push_back(
                    {Severity::error, "observer-counted-as-member", std::to_string(o.id),
                     fmt::format(
                         "observer {} ({}) also represents {} on the committee; an observer is "
                         "not a member and holds no seat",
                         o.id, o.institution, s.member_id)});
            }
        }
        SQLite::Statement m(db, "SELECT id, name, IFNULL(acronym, '') FROM member ORDER BY id");
        while (m.executeStep()) {
            if (text::fold(m.getColumn(1).getString()) == institution ||
                (!m.getColumn(2).getString().empty() &&
                 text::fold(m.getColumn(2).getString()) == institution)) {
                out.push_back(
                    {Severity::error, "observer-counted-as-member", std::to_string(o.id),
                     fmt::format("observer {} comes from {}, a member organisation; the observer "
                                 "represents the government",
                                 o.id, m.getColumn(0).getString())});
            }
        }
    }
}

}  // namespace

std::vector<output::Finding> check_committee(store::Store& store, Date as_of) {
    auto& db = store.db();
    const auto& alliance = store.alliance();
    const auto seats = committee_as_of(store, as_of);
    const auto observers = observers_as_of(store, as_of);
    std::vector<Finding> out;
    check_seat_count(alliance.steering_committee, seats, out);
    check_roles(alliance, seats, out);
    check_secretariat_interest(db, alliance, seats, as_of, out);
    if (!seats.empty()) {
        check_gender(alliance.steering_committee, seats, out);
        check_themes(alliance, seats, out);
        check_regions(db, alliance, seats, as_of, out);
    }
    check_members_active(seats, out);
    check_terms(alliance.steering_committee, seats, as_of, out);
    check_observers(db, alliance, seats, observers, out);
    return out;
}

}  // namespace nacsa::governance
