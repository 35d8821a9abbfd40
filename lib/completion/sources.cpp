// SPDX-License-Identifier: Apache-2.0
// What each option's or positional's value completes to: one table, and the store's answers.
#include <algorithm>
#include <map>

#include "completion/completion.hpp"
#include "config/alliance.hpp"
#include "governance/governance.hpp"
#include "meetings/meetings.hpp"
#include "members/interest.hpp"
#include "members/lookup.hpp"
#include "members/members.hpp"
#include "members/people.hpp"
#include "plan/plan.hpp"
#include "store/maintenance.hpp"
#include "store/store.hpp"
#include "wg/wg.hpp"

namespace nacsa::completion {

namespace {

using Kind = ValueSource::Kind;

ValueSource fixed(std::vector<std::string> values) {
    return {Kind::fixed, {}, std::move(values)};
}

ValueSource from_store(std::string name) {
    return {Kind::store, std::move(name), {}};
}

// The names of an enum's values, first to last.
template <typename Enum, typename Name>
std::vector<std::string> enum_names(Enum last, Name name) {
    std::vector<std::string> out;
    for (int i = 0; i <= static_cast<int>(last); ++i) {
        out.emplace_back(name(static_cast<Enum>(i)));
    }
    return out;
}

// A rule of the table: an option or positional `name` of the commands under `prefix`.
struct Rule {
    const char* prefix;  // "" for every command
    const char* name;
    ValueSource (*source)();
};

ValueSource member_id() {
    return from_store("member-id");
}
ValueSource meeting_id() {
    return from_store("meeting-id");
}
ValueSource wg_id() {
    return from_store("wg-id");
}
ValueSource election_id() {
    return from_store("election-id");
}
ValueSource region() {
    return from_store("region");
}
ValueSource member_type() {
    return from_store("member-type");
}
ValueSource theme() {
    return from_store("theme");
}
ValueSource service() {
    return from_store("service");
}
ValueSource role() {
    return from_store("role");
}
ValueSource contact() {
    return from_store("contact");
}
ValueSource plan_priority() {
    return from_store("plan-priority");
}
ValueSource plan_activity() {
    return from_store("plan-activity");
}
ValueSource plan_indicator() {
    return from_store("plan-indicator");
}
ValueSource record_kind() {
    return from_store("record-kind");
}
ValueSource file() {
    return {Kind::file, {}, {}};
}
ValueSource member_status() {
    return fixed(members::status_names());
}
ValueSource meeting_status() {
    return fixed(meetings::k_meeting_statuses);
}
ValueSource meeting_kind() {
    return fixed(meetings::k_kinds);
}
ValueSource meeting_mode() {
    return fixed(meetings::k_formats);
}
ValueSource attendance() {
    return fixed(meetings::k_attendance);
}
ValueSource language() {
    return fixed(config::k_languages);
}
ValueSource gender() {
    return fixed(members::k_genders);
}
ValueSource ecosoc() {
    return fixed({"none", "general", "special", "roster"});
}
ValueSource plan_status() {
    return fixed(enum_names(plan::ActivityStatus::cancelled,
                            [](plan::ActivityStatus s) { return plan::status_name(s); }));
}
ValueSource plan_kind() {
    return fixed(enum_names(plan::ActivityKind::other,
                            [](plan::ActivityKind k) { return plan::kind_name(k); }));
}
ValueSource interest_status() {
    return fixed(enum_names(members::InterestStatus::fulfilled, [](members::InterestStatus s) {
        return std::string(members::status_name(s));
    }));
}
ValueSource interest_kind() {
    return fixed(enum_names(members::InterestKind::working_group_lead, [](members::InterestKind k) {
        return std::string(members::kind_name(k));
    }));
}

// First match wins; a longer prefix comes before a shorter one.
constexpr Rule k_rules[] = {
    {"member", "--status", member_status},
    {"member status", "status", member_status},
    {"meeting attendance", "--status", attendance},
    {"meeting attend", "--status", attendance},
    {"meeting action", "--meeting", meeting_id},
    {"meeting action", "--owner", member_id},
    {"meeting action", "id", nullptr},
    {"meeting decision", "decision", nullptr},
    {"meeting", "--status", meeting_status},
    {"meeting", "--kind", meeting_kind},
    {"meeting", "--mode", meeting_mode},
    {"meeting", "--language", language},
    {"meeting", "--meeting", meeting_id},
    {"meeting", "meeting", meeting_id},
    {"meeting", "id", meeting_id},
    {"meeting", "who", member_id},
    {"plan priority add", "code", nullptr},
    {"plan priority", "code", plan_priority},
    {"plan activity", "id", plan_activity},
    {"plan indicator", "id", plan_indicator},
    {"plan", "--priority", plan_priority},
    {"plan", "--status", plan_status},
    {"plan activity status", "status", plan_status},
    {"plan", "--kind", plan_kind},
    {"plan", "--working-group", wg_id},
    {"committee interest", "--status", interest_status},
    {"committee interest", "--for", interest_kind},
    {"committee", "election", election_id},
    {"committee", "--working-group", wg_id},
    {"committee", "--voter", member_id},
    {"wg", "group", wg_id},
    {"log", "--kind", record_kind},
    {"", "--activity", plan_activity},
    {"", "--representative", contact},
    {"", "--by", contact},
    {"member forget", "--contact", contact},
    {"", "--member", member_id},
    {"", "--owner", member_id},
    {"", "member", member_id},
    {"", "--region", region},
    {"", "--type", member_type},
    {"", "--theme", theme},
    {"", "--service", service},
    {"", "--role", role},
    {"", "--gender", gender},
    {"", "--ecosoc", ecosoc},
    {"", "--lang", language},
    {"", "--db", file},
};

// The codes of the plan's priorities, activities or indicators.
void plan_values(store::Store& store, const std::string& name, std::vector<std::string>& out) {
    if (!name.starts_with("plan-")) {
        return;
    }
    const auto plan = plan::load_plan(store);
    if (name == "plan-priority") {
        for (const auto& p : plan.priorities) {
            out.push_back(p.code);
        }
    } else if (name == "plan-activity") {
        for (const auto& a : plan.activities) {
            out.push_back(a.id);
        }
    } else if (name == "plan-indicator") {
        for (const auto& i : plan.indicators) {
            out.push_back(i.id);
        }
    }
}

bool under(const std::string& path, const std::string& prefix) {
    return prefix.empty() || path == prefix ||
           (path.size() > prefix.size() && path.compare(0, prefix.size(), prefix) == 0 &&
            path[prefix.size()] == ' ');
}

}  // namespace

ValueSource value_source(const std::string& path, const std::string& name,
                         const std::string& type_name, const std::vector<std::string>& choices) {
    if (!choices.empty()) {
        return fixed(choices);  // the validator's own list
    }
    for (const auto& rule : k_rules) {
        if (name == rule.name && under(path, rule.prefix)) {
            return rule.source == nullptr ? ValueSource{} : rule.source();
        }
    }
    if (type_name == "MEMBER" || type_name == "WHO") {
        return member_id();
    }
    if (type_name == "WG") {
        return wg_id();
    }
    if (type_name == "FILE" || type_name == "PATH") {
        return file();
    }
    if (type_name == "DIR") {
        return {Kind::directory, {}, {}};
    }
    return {};
}

const std::vector<std::string>& store_sources() {
    static const std::vector<std::string> names = {
        "member-id",     "meeting-id",    "wg-id",          "election-id", "region",
        "member-type",   "theme",         "service",        "role",        "contact",
        "plan-priority", "plan-activity", "plan-indicator", "record-kind"};
    return names;
}

std::vector<std::string> store_values(store::Store& store, const std::string& name) {
    std::vector<std::string> out;
    auto keys = [&out](const auto& terms) {
        for (const auto& term : terms) {
            out.push_back(term.key);
        }
    };
    if (name == "member-id") {
        out = members::member_ids(store);
    } else if (name == "meeting-id") {
        for (const auto& meeting : meetings::list_meetings(store, {})) {
            out.push_back(meeting.id);
        }
    } else if (name == "wg-id") {
        for (const auto& group : wg::list_groups(store)) {
            out.push_back(group.id);
        }
    } else if (name == "election-id") {
        for (const auto& election : governance::list_elections(store)) {
            out.push_back(std::to_string(election.id));
        }
    } else if (name == "region") {
        keys(store.alliance().regions);
    } else if (name == "member-type") {
        keys(store.alliance().organisation_types);
    } else if (name == "theme") {
        keys(store.alliance().thematic_areas);
    } else if (name == "service") {
        keys(store.alliance().services);
    } else if (name == "role") {
        keys(store.alliance().roles);
    } else if (name == "contact") {  // by e-mail: one word, and what --representative takes
        for (const auto& row : members::list_contacts(store, {})) {
            if (!row.contact.email.empty()) {
                out.push_back(row.contact.email);
            }
        }
    } else if (name == "record-kind") {
        out = store::audit_record_kinds(store);
    } else {
        plan_values(store, name, out);
    }
    return out;
}

}  // namespace nacsa::completion
