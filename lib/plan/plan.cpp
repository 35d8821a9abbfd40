// SPDX-License-Identifier: Apache-2.0
#include "plan/plan.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>

#include "core/error.hpp"
#include "core/names.hpp"
#include "core/text.hpp"
#include "plan/plan_internal.hpp"
#include "store/sql.hpp"

namespace nacsa::plan {

namespace {

template <typename T>
const T* find_by(const std::vector<T>& items, const std::string& id, std::string T::*member) {
    for (const auto& item : items) {
        if (item.*member == id) {
            return &item;
        }
    }
    return nullptr;
}

}  // namespace

std::string source_name(Source s) {
    return k_sources.at(static_cast<std::size_t>(s));
}
std::optional<Source> parse_source(std::string_view name) {
    return enum_named<Source>(k_sources, name);
}
std::string kind_name(ActivityKind k) {
    return k_kinds.at(static_cast<std::size_t>(k));
}
std::optional<ActivityKind> parse_kind(std::string_view name) {
    return enum_named<ActivityKind>(k_kinds, name);
}
std::string status_name(ActivityStatus s) {
    return k_statuses.at(static_cast<std::size_t>(s));
}
std::optional<ActivityStatus> parse_status(std::string_view name) {
    return enum_named<ActivityStatus>(k_statuses, name);
}
std::string known_sources() {
    return join_names(k_sources);
}
std::string known_kinds() {
    return join_names(k_kinds);
}
std::string known_statuses() {
    return join_names(k_statuses);
}

const Priority* Plan::find_priority(const std::string& code) const {
    return find_by(priorities, code, &Priority::code);
}
const Activity* Plan::find_activity(const std::string& id) const {
    return find_by(activities, id, &Activity::id);
}
const Indicator* Plan::find_indicator(const std::string& id) const {
    return find_by(indicators, id, &Indicator::id);
}
const Contribution* Plan::find_contribution(const std::string& id) const {
    return find_by(contributions, id, &Contribution::id);
}

namespace {
template <typename T>
const T& need(const T* found, const char* noun, const std::string& id) {
    if (found == nullptr) {
        throw NotFoundError(msg("no {} \"{}\" in the plan", Message::translatable(noun, {}), id));
    }
    return *found;
}
}  // namespace

const Priority& Plan::priority(const std::string& code) const {
    return need(find_priority(code), N_("priority"), code);
}
const Activity& Plan::activity(const std::string& id) const {
    return need(find_activity(id), N_("activity"), id);
}
const Indicator& Plan::indicator(const std::string& id) const {
    return need(find_indicator(id), N_("indicator"), id);
}
const Contribution& Plan::contribution(const std::string& id) const {
    return need(find_contribution(id), N_("contribution"), id);
}

bool natural_less(const std::string& a, const std::string& b) {
    std::size_t i = 0;
    std::size_t j = 0;
    auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
    while (i < a.size() && j < b.size()) {
        if (is_digit(a[i]) && is_digit(b[j])) {
            std::size_t ei = i;
            std::size_t ej = j;
            while (ei < a.size() && is_digit(a[ei])) {
                ++ei;
            }
            while (ej < b.size() && is_digit(b[ej])) {
                ++ej;
            }
            auto na = std::string_view(a).substr(i, ei - i);
            auto nb = std::string_view(b).substr(j, ej - j);
            while (na.size() > 1 && na.front() == '0') {
                na.remove_prefix(1);
            }
            while (nb.size() > 1 && nb.front() == '0') {
                nb.remove_prefix(1);
            }
            if (na.size() != nb.size()) {
                return na.size() < nb.size();
            }
            if (na != nb) {
                return na < nb;
            }
            i = ei;
            j = ej;
            continue;
        }
        if (a[i] != b[j]) {
            return a[i] < b[j];
        }
        ++i;
        ++j;
    }
    if ((a.size() - i) != (b.size() - j)) {
        return (a.size() - i) < (b.size() - j);
    }
    return a < b;
}

bool is_plan_id(std::string_view id) {
    if (id.empty() || id.size() > 32) {
        return false;
    }
    auto is_letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    if (!is_letter(id.front())) {
        return false;
    }
    return std::all_of(id.begin(), id.end(), [&](char c) {
        return is_letter(c) || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    });
}

std::string next_id(const std::vector<std::string>& existing, const std::string& prefix) {
    long highest = 0;
    for (const auto& id : existing) {
        if (id.size() <= prefix.size() || id.compare(0, prefix.size(), prefix) != 0) {
            continue;
        }
        const auto rest = id.substr(prefix.size());
        if (rest.size() > 9 ||
            !std::all_of(rest.begin(), rest.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            continue;
        }
        highest = std::max(highest, std::stol(rest));
    }
    return fmt::format("{}{}", prefix, highest + 1);
}

void sort_plan(Plan& plan) {
    auto by = [](auto member) {
        return
            [member](const auto& a, const auto& b) { return natural_less(a.*member, b.*member); };
    };
    std::sort(plan.priorities.begin(), plan.priorities.end(), by(&Priority::code));
    std::sort(plan.activities.begin(), plan.activities.end(), by(&Activity::id));
    std::sort(plan.indicators.begin(), plan.indicators.end(), by(&Indicator::id));
    std::sort(plan.contributions.begin(), plan.contributions.end(), by(&Contribution::id));
}

namespace {
void trim(std::string& s) {
    s = std::string(text::trim(s));
}
}  // namespace

void normalise(Priority& p) {
    trim(p.code);
    trim(p.title);
    trim(p.description);
    trim(p.source_reference);
    std::sort(p.thematic_areas.begin(), p.thematic_areas.end());
    p.thematic_areas.erase(std::unique(p.thematic_areas.begin(), p.thematic_areas.end()),
                           p.thematic_areas.end());
}

void normalise(Activity& a) {
    trim(a.title);
    trim(a.description);
    trim(a.working_group);
    trim(a.member);
    std::sort(a.priorities.begin(), a.priorities.end(), natural_less);
    a.priorities.erase(std::unique(a.priorities.begin(), a.priorities.end()), a.priorities.end());
    std::stable_sort(a.history.begin(), a.history.end(),
                     [](const StatusChange& x, const StatusChange& y) { return x.date < y.date; });
    std::stable_sort(a.progress.begin(), a.progress.end(),
                     [](const ProgressNote& x, const ProgressNote& y) { return x.date < y.date; });
}

void normalise(Indicator& i) {
    trim(i.name);
    trim(i.unit);
    std::stable_sort(i.measurements.begin(), i.measurements.end(),
                     [](const Measurement& x, const Measurement& y) { return x.date < y.date; });
}

void normalise(Contribution& c) {
    trim(c.questionnaire);
    trim(c.submitted_to);
    trim(c.summary);
    trim(c.file_reference);
}

namespace {

void load_priorities(SQLite::Database& db, Plan& plan) {
    SQLite::Statement q(db,
                        "SELECT code, title, description, source, source_reference, "
                        "source_date, recorded_on FROM plan_priority");
    while (q.executeStep()) {
        Priority p;
        p.code = store::text(q.getColumn(0));
        p.title = store::text(q.getColumn(1));
        p.description = store::text(q.getColumn(2));
        p.source = parse_source(store::text(q.getColumn(3))).value_or(Source::alliance);
        p.source_reference = store::text(q.getColumn(4));
        p.source_date = store::optional_date(q.getColumn(5));
        p.recorded_on = store::optional_date(q.getColumn(6));
        plan.priorities.push_back(std::move(p));
    }
    SQLite::Statement t(db, "SELECT priority_code, theme FROM plan_priority_theme ORDER BY theme");
    while (t.executeStep()) {
        for (auto& p : plan.priorities) {
            if (p.code == store::text(t.getColumn(0))) {
                p.thematic_areas.push_back(store::text(t.getColumn(1)));
            }
        }
    }
    for (auto& p : plan.priorities) {
        normalise(p);
    }
}

void load_activity_rows(SQLite::Database& db, Plan& plan) {
    SQLite::Statement q(
        db,
        "SELECT id, title, description, kind, serves_no_priority, working_group, member_id, "
        "start_date, end_date, status FROM plan_activity");
    while (q.executeStep()) {
        Activity a;
        a.id = store::text(q.getColumn(0));
        a.title = store::text(q.getColumn(1));
        a.description = store::text(q.getColumn(2));
        a.kind = parse_kind(store::text(q.getColumn(3))).value_or(ActivityKind::other);
        a.serves_no_priority = q.getColumn(4).getInt() != 0;
        a.working_group = store::text(q.getColumn(5));
        a.member = store::text(q.getColumn(6));
        a.start = store::date(q.getColumn(7));
        a.end = store::date(q.getColumn(8));
        a.status = parse_status(store::text(q.getColumn(9))).value_or(ActivityStatus::planned);
        plan.activities.push_back(std::move(a));
    }
}

void load_activities(SQLite::Database& db, Plan& plan) {
    load_activity_rows(db, plan);
    auto activity = [&](const SQLite::Column& id) -> Activity* {
        const auto key = store::text(id);
        for (auto& a : plan.activities) {
            if (a.id == key) {
                return &a;
            }
        }
        return nullptr;
    };
    SQLite::Statement links(db, "SELECT activity_id, priority_code FROM plan_activity_priority");
    while (links.executeStep()) {
        if (auto* a = activity(links.getColumn(0))) {
            a->priorities.push_back(store::text(links.getColumn(1)));
        }
    }
    SQLite::Statement history(db,
                              "SELECT activity_id, date, status, note, voided_at, void_reason "
                              "FROM plan_activity_status ORDER BY id");
    while (history.executeStep()) {
        if (auto* a = activity(history.getColumn(0))) {
            StatusChange change{
                store::date(history.getColumn(1)),
                parse_status(store::text(history.getColumn(2))).value_or(ActivityStatus::planned),
                store::text(history.getColumn(3))};
            if (const auto voided = store::optional_date(history.getColumn(4))) {
                a->voided.push_back(
                    VoidedStatus{std::move(change), *voided, store::text(history.getColumn(5))});
            } else {
                a->history.push_back(std::move(change));
            }
        }
    }
    SQLite::Statement notes(db,
                            "SELECT activity_id, date, note FROM plan_progress_note ORDER BY id");
    while (notes.executeStep()) {
        if (auto* a = activity(notes.getColumn(0))) {
            a->progress.push_back(
                ProgressNote{store::date(notes.getColumn(1)), store::text(notes.getColumn(2))});
        }
    }
    for (auto& a : plan.activities) {
        normalise(a);
    }
}

void load_indicators(SQLite::Database& db, Plan& plan) {
    SQLite::Statement q(
        db,
        "SELECT id, activity_id, priority_code, name, unit, baseline, baseline_date, target, "
        "target_date, recorded_on FROM plan_indicator");
    while (q.executeStep()) {
        Indicator i;
        i.id = store::text(q.getColumn(0));
        i.activity_id = store::text(q.getColumn(1));
        i.priority_code = store::text(q.getColumn(2));
        i.name = store::text(q.getColumn(3));
        i.unit = store::text(q.getColumn(4));
        i.baseline = q.getColumn(5).getDouble();
        i.baseline_date = store::optional_date(q.getColumn(6));
        i.target = q.getColumn(7).getDouble();
        i.target_date = store::date(q.getColumn(8));
        i.recorded_on = store::optional_date(q.getColumn(9));
        plan.indicators.push_back(std::move(i));
    }
    SQLite::Statement m(
        db, "SELECT indicator_id, date, value, note FROM plan_measurement ORDER BY date");
    while (m.executeStep()) {
        for (auto& i : plan.indicators) {
            if (i.id == store::text(m.getColumn(0))) {
                i.measurements.push_back(Measurement{store::date(m.getColumn(1)),
                                                     m.getColumn(2).getDouble(),
                                                     store::text(m.getColumn(3))});
            }
        }
    }
}

void load_contributions(SQLite::Database& db, Plan& plan) {
    SQLite::Statement q(
        db,
        "SELECT id, questionnaire, submitted, submitted_to, summary, file_reference "
        "FROM plan_contribution");
    while (q.executeStep()) {
        plan.contributions.push_back(Contribution{
            store::text(q.getColumn(0)), store::text(q.getColumn(1)), store::date(q.getColumn(2)),
            store::text(q.getColumn(3)), store::text(q.getColumn(4)), store::text(q.getColumn(5))});
    }
}

}  // namespace

Plan load_plan(store::Store& store) {
    auto& db = store.db();
    Plan plan;
    load_priorities(db, plan);
    load_activities(db, plan);
    load_indicators(db, plan);
    load_contributions(db, plan);
    sort_plan(plan);
    return plan;
}

std::vector<std::string> key_users(store::Store& store, config::KeyKind kind,
                                   const std::string& key) {
    if (kind != config::KeyKind::thematic_area) {
        return {};
    }
    SQLite::Statement q(
        store.db(),
        "SELECT priority_code FROM plan_priority_theme WHERE theme = ? ORDER BY priority_code");
    q.bind(1, key);
    std::vector<std::string> out;
    while (q.executeStep()) {
        out.push_back(q.getColumn(0).getString());
    }
    return out;
}

}  // namespace nacsa::plan
