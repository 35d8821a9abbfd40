#include "plan/plan.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>

#include "core/error.hpp"
#include "core/text.hpp"
#include "members/lookup.hpp"
#include "plan/plan_internal.hpp"
#include "wg/wg.hpp"

namespace nacsa::plan {

namespace {

constexpr std::array k_sources = {"vpi_report", "government", "alliance"};
constexpr std::array k_kinds = {
    "meeting_series", "capacity_building", "engagement",         "policy_brief",
    "publication",    "research",          "awareness_campaign", "questionnaire_contribution",
    "other"};
constexpr std::array k_statuses = {"planned", "in_progress", "done", "delayed", "cancelled"};

template <typename E, std::size_t N>
std::optional<E> parse_enum(const std::array<const char*, N>& names, std::string_view name) {
    for (std::size_t i = 0; i < N; ++i) {
        if (name == names[i]) {
            return static_cast<E>(i);
        }
    }
    return std::nullopt;
}

template <std::size_t N>
std::string join_names(const std::array<const char*, N>& names) {
    std::vector<std::string> out(names.begin(), names.end());
    return text::join(out, ", ");
}

template <typename T>
void bind_text(SQLite::Statement& q, int index, const T& value) {
    if (value.empty()) {
        q.bind(index);
    } else {
        q.bind(index, value);
    }
}

void bind_date(SQLite::Statement& q, int index, const std::optional<Date>& d) {
    if (d) {
        q.bind(index, format_date(*d));
    } else {
        q.bind(index);
    }
}

std::string column_text(SQLite::Statement& q, int index) {
    const auto c = q.getColumn(index);
    return c.isNull() ? std::string() : c.getString();
}

Date column_date(SQLite::Statement& q, int index) {
    const auto d = parse_date(column_text(q, index));
    if (!d) {
        throw StoreError(fmt::format("the store holds an invalid date \"{}\" in the plan",
                                     column_text(q, index)));
    }
    return *d;
}

std::optional<Date> column_optional_date(SQLite::Statement& q, int index) {
    if (q.getColumn(index).isNull()) {
        return std::nullopt;
    }
    return column_date(q, index);
}

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
    return parse_enum<Source>(k_sources, name);
}
std::string kind_name(ActivityKind k) {
    return k_kinds.at(static_cast<std::size_t>(k));
}
std::optional<ActivityKind> parse_kind(std::string_view name) {
    return parse_enum<ActivityKind>(k_kinds, name);
}
std::string status_name(ActivityStatus s) {
    return k_statuses.at(static_cast<std::size_t>(s));
}
std::optional<ActivityStatus> parse_status(std::string_view name) {
    return parse_enum<ActivityStatus>(k_statuses, name);
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

void normalise(Activity& a) {
    std::sort(a.priorities.begin(), a.priorities.end(), natural_less);
    a.priorities.erase(std::unique(a.priorities.begin(), a.priorities.end()), a.priorities.end());
    std::stable_sort(a.history.begin(), a.history.end(),
                     [](const StatusChange& x, const StatusChange& y) { return x.date < y.date; });
    std::stable_sort(a.progress.begin(), a.progress.end(),
                     [](const ProgressNote& x, const ProgressNote& y) { return x.date < y.date; });
}

void normalise(Priority& p) {
    std::sort(p.thematic_areas.begin(), p.thematic_areas.end());
    p.thematic_areas.erase(std::unique(p.thematic_areas.begin(), p.thematic_areas.end()),
                           p.thematic_areas.end());
}

void normalise(Indicator& i) {
    std::stable_sort(i.measurements.begin(), i.measurements.end(),
                     [](const Measurement& x, const Measurement& y) { return x.date < y.date; });
}

Plan load_plan(store::Store& store) {
    auto& db = store.db();
    Plan plan;
    {
        SQLite::Statement q(db,
                            "SELECT code, title, description, source, source_reference, "
                            "source_date FROM plan_priority");
        while (q.executeStep()) {
            Priority p;
            p.code = column_text(q, 0);
            p.title = column_text(q, 1);
            p.description = column_text(q, 2);
            p.source = parse_source(column_text(q, 3)).value_or(Source::alliance);
            p.source_reference = column_text(q, 4);
            p.source_date = column_optional_date(q, 5);
            plan.priorities.push_back(std::move(p));
        }
        SQLite::Statement t(db,
                            "SELECT priority_code, theme FROM plan_priority_theme ORDER BY theme");
        while (t.executeStep()) {
            for (auto& p : plan.priorities) {
                if (p.code == column_text(t, 0)) {
                    p.thematic_areas.push_back(column_text(t, 1));
                }
            }
        }
    }
    {
        SQLite::Statement q(
            db,
            "SELECT id, title, description, kind, serves_no_priority, working_group, member_id, "
            "start_date, end_date, status FROM plan_activity");
        while (q.executeStep()) {
            Activity a;
            a.id = column_text(q, 0);
            a.title = column_text(q, 1);
            a.description = column_text(q, 2);
            a.kind = parse_kind(column_text(q, 3)).value_or(ActivityKind::other);
            a.serves_no_priority = q.getColumn(4).getInt() != 0;
            a.working_group = column_text(q, 5);
            a.member = column_text(q, 6);
            a.start = column_date(q, 7);
            a.end = column_date(q, 8);
            a.status = parse_status(column_text(q, 9)).value_or(ActivityStatus::planned);
            plan.activities.push_back(std::move(a));
        }
        auto activity = [&](const std::string& id) -> Activity* {
            for (auto& a : plan.activities) {
                if (a.id == id) {
                    return &a;
                }
            }
            return nullptr;
        };
        SQLite::Statement links(db,
                                "SELECT activity_id, priority_code FROM plan_activity_priority");
        while (links.executeStep()) {
            if (auto* a = activity(column_text(links, 0))) {
                a->priorities.push_back(column_text(links, 1));
            }
        }
        SQLite::Statement history(
            db, "SELECT activity_id, date, status, note FROM plan_activity_status ORDER BY id");
        while (history.executeStep()) {
            if (auto* a = activity(column_text(history, 0))) {
                a->history.push_back(StatusChange{
                    column_date(history, 1),
                    parse_status(column_text(history, 2)).value_or(ActivityStatus::planned),
                    column_text(history, 3)});
            }
        }
        SQLite::Statement notes(
            db, "SELECT activity_id, date, note FROM plan_progress_note ORDER BY id");
        while (notes.executeStep()) {
            if (auto* a = activity(column_text(notes, 0))) {
                a->progress.push_back(ProgressNote{column_date(notes, 1), column_text(notes, 2)});
            }
        }
        for (auto& a : plan.activities) {
            normalise(a);
        }
    }
    {
        SQLite::Statement q(
            db,
            "SELECT id, activity_id, priority_code, name, unit, baseline, baseline_date, target, "
            "target_date FROM plan_indicator");
        while (q.executeStep()) {
            Indicator i;
            i.id = column_text(q, 0);
            i.activity_id = column_text(q, 1);
            i.priority_code = column_text(q, 2);
            i.name = column_text(q, 3);
            i.unit = column_text(q, 4);
            i.baseline = q.getColumn(5).getDouble();
            i.baseline_date = column_optional_date(q, 6);
            i.target = q.getColumn(7).getDouble();
            i.target_date = column_date(q, 8);
            plan.indicators.push_back(std::move(i));
        }
        SQLite::Statement m(
            db, "SELECT indicator_id, date, value, note FROM plan_measurement ORDER BY date");
        while (m.executeStep()) {
            for (auto& i : plan.indicators) {
                if (i.id == column_text(m, 0)) {
                    i.measurements.push_back(Measurement{
                        column_date(m, 1), m.getColumn(2).getDouble(), column_text(m, 3)});
                }
            }
        }
    }
    {
        SQLite::Statement q(
            db,
            "SELECT id, questionnaire, submitted, submitted_to, summary, file_reference "
            "FROM plan_contribution");
        while (q.executeStep()) {
            plan.contributions.push_back(Contribution{column_text(q, 0), column_text(q, 1),
                                                      column_date(q, 2), column_text(q, 3),
                                                      column_text(q, 4), column_text(q, 5)});
        }
    }
    for (auto& p : plan.priorities) {
        normalise(p);
    }
    sort_plan(plan);
    return plan;
}

// ---- References to the configuration and the register ----

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
std::string References::known_working_groups() const {
    return m_working_groups.empty() ? std::string("none") : text::join(m_working_groups, ", ");
}

namespace {
bool has_text(const std::string& s) {
    return !text::trim(s).empty();
}
}  // namespace

void check_priority(const References& refs, const Priority& p, const Report& report) {
    if (!is_plan_id(p.code)) {
        report("code", -1,
               fmt::format("\"{}\" is not a valid code (expected a letter, then letters, digits, - "
                           "_ or ., at most 32)",
                           p.code));
    }
    if (!has_text(p.title)) {
        report("title", -1, "must not be empty");
    }
    for (std::size_t i = 0; i < p.thematic_areas.size(); ++i) {
        if (!refs.is_theme(p.thematic_areas[i])) {
            report("thematic_areas", static_cast<int>(i),
                   fmt::format("\"{}\" is not a thematic area of this alliance (known: {})",
                               p.thematic_areas[i], refs.known_themes()));
        }
    }
}

void check_activity(const References& refs, const std::set<std::string>& priority_codes,
                    const Activity& a, const Report& report) {
    if (!is_plan_id(a.id)) {
        report("id", -1,
               fmt::format("\"{}\" is not a valid id (expected a letter, then letters, digits, - _ "
                           "or ., at most 32)",
                           a.id));
    }
    if (!has_text(a.title)) {
        report("title", -1, "must not be empty");
    }
    for (std::size_t i = 0; i < a.priorities.size(); ++i) {
        if (priority_codes.count(a.priorities[i]) == 0) {
            report("priorities", static_cast<int>(i),
                   fmt::format("\"{}\" is not a priority of the plan", a.priorities[i]));
        }
    }
    if (a.serves_no_priority && !a.priorities.empty()) {
        report("serves_no_priority", -1,
               "an activity that serves priorities cannot also say it serves none");
    }
    if (!a.working_group.empty() && !refs.is_working_group(a.working_group)) {
        report("working_group", -1,
               fmt::format("\"{}\" is not a working group of this alliance (known: {})",
                           a.working_group, refs.known_working_groups()));
    }
    if (!a.member.empty() && !refs.is_member(a.member)) {
        report("member", -1, fmt::format("\"{}\" is not a member in the register", a.member));
    }
    if (a.end < a.start) {
        report("end", -1,
               fmt::format("ends before it starts ({} is before {})", format_date(a.end),
                           format_date(a.start)));
    }
}

void check_indicator(const Indicator& i, const Report& report) {
    if (!is_plan_id(i.id)) {
        report("id", -1,
               fmt::format("\"{}\" is not a valid id (expected a letter, then letters, digits, - _ "
                           "or ., at most 32)",
                           i.id));
    }
    if (!has_text(i.name)) {
        report("name", -1, "must not be empty");
    }
    if (!has_text(i.unit)) {
        report("unit", -1, "must not be empty");
    }
    if (i.target == i.baseline) {
        report("target", -1, "equals the baseline: nothing to measure");
    }
    if (i.baseline_date && !(*i.baseline_date < i.target_date)) {
        report("target_date", -1,
               fmt::format("must be after the baseline date {}", format_date(*i.baseline_date)));
    }
    std::set<Date> dates;
    for (std::size_t k = 0; k < i.measurements.size(); ++k) {
        if (!dates.insert(i.measurements[k].date).second) {
            report("measurements", static_cast<int>(k),
                   fmt::format("a second measurement on {}", format_date(i.measurements[k].date)));
        }
    }
}

void check_contribution(const Contribution& c, const Report& report) {
    if (!is_plan_id(c.id)) {
        report("id", -1,
               fmt::format("\"{}\" is not a valid id (expected a letter, then letters, digits, - _ "
                           "or ., at most 32)",
                           c.id));
    }
    if (!has_text(c.questionnaire)) {
        report("questionnaire", -1, "must not be empty");
    }
    if (!has_text(c.submitted_to)) {
        report("submitted_to", -1, "must not be empty");
    }
    if (!has_text(c.summary)) {
        report("summary", -1, "must not be empty");
    }
}

namespace {
Report collect(Diagnostics& diagnostics) {
    return [&diagnostics](const std::string& field, int index, const std::string& message) {
        diagnostics.add(Diagnostic{
            "", 0, 0, index >= 0 ? fmt::format("{}[{}]", field, index) : field, message});
    };
}
}  // namespace

void validate_priority(store::Store& store, const Priority& p) {
    Diagnostics d;
    check_priority(References(store), p, collect(d));
    d.throw_if_any();
}

void validate_activity(store::Store& store, const Plan& plan, const Activity& a) {
    std::set<std::string> codes;
    for (const auto& p : plan.priorities) {
        codes.insert(p.code);
    }
    Diagnostics d;
    check_activity(References(store), codes, a, collect(d));
    d.throw_if_any();
}

void validate_indicator(const Plan& plan, const Indicator& i) {
    Diagnostics d;
    check_indicator(i, collect(d));
    if (!i.activity_id.empty() && plan.find_activity(i.activity_id) == nullptr) {
        d.add(Diagnostic{"", 0, 0, "activity",
                         fmt::format("\"{}\" is not an activity of the plan", i.activity_id)});
    }
    if (!i.priority_code.empty() && plan.find_priority(i.priority_code) == nullptr) {
        d.add(Diagnostic{"", 0, 0, "priority",
                         fmt::format("\"{}\" is not a priority of the plan", i.priority_code)});
    }
    d.throw_if_any();
}

void validate_contribution(const Contribution& c) {
    Diagnostics d;
    check_contribution(c, collect(d));
    d.throw_if_any();
}

// ---- Writing ----

void write_priority(SQLite::Database& db, const Priority& p) {
    SQLite::Statement q(
        db,
        "INSERT INTO plan_priority (code, title, description, source, source_reference, "
        "source_date, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET "
        "title = excluded.title, description = excluded.description, source = excluded.source, "
        "source_reference = excluded.source_reference, source_date = excluded.source_date, "
        "updated_at = excluded.updated_at");
    q.bind(1, p.code);
    q.bind(2, p.title);
    bind_text(q, 3, p.description);
    q.bind(4, source_name(p.source));
    bind_text(q, 5, p.source_reference);
    bind_date(q, 6, p.source_date);
    q.bind(7, format_timestamp(now()));
    q.exec();
    SQLite::Statement del(db, "DELETE FROM plan_priority_theme WHERE priority_code = ?");
    del.bind(1, p.code);
    del.exec();
    for (const auto& theme : p.thematic_areas) {
        SQLite::Statement ins(
            db, "INSERT INTO plan_priority_theme (priority_code, theme) VALUES (?, ?)");
        ins.bind(1, p.code);
        ins.bind(2, theme);
        ins.exec();
    }
}

void write_activity(SQLite::Database& db, const Activity& a) {
    const auto stamp = format_timestamp(now());
    SQLite::Statement q(
        db,
        "INSERT INTO plan_activity (id, title, description, kind, serves_no_priority, "
        "working_group, "
        "member_id, start_date, end_date, status, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?) "
        "ON CONFLICT (id) DO UPDATE SET title = excluded.title, description = "
        "excluded.description, "
        "kind = excluded.kind, serves_no_priority = excluded.serves_no_priority, "
        "working_group = excluded.working_group, member_id = excluded.member_id, "
        "start_date = excluded.start_date, end_date = excluded.end_date, status = excluded.status, "
        "updated_at = excluded.updated_at");
    q.bind(1, a.id);
    q.bind(2, a.title);
    bind_text(q, 3, a.description);
    q.bind(4, kind_name(a.kind));
    q.bind(5, a.serves_no_priority ? 1 : 0);
    bind_text(q, 6, a.working_group);
    bind_text(q, 7, a.member);
    q.bind(8, format_date(a.start));
    q.bind(9, format_date(a.end));
    q.bind(10, status_name(a.status));
    q.bind(11, stamp);
    q.exec();

    SQLite::Statement del_links(db, "DELETE FROM plan_activity_priority WHERE activity_id = ?");
    del_links.bind(1, a.id);
    del_links.exec();
    for (const auto& code : a.priorities) {
        SQLite::Statement ins(
            db, "INSERT INTO plan_activity_priority (activity_id, priority_code) VALUES (?, ?)");
        ins.bind(1, a.id);
        ins.bind(2, code);
        ins.exec();
    }

    // History keeps the rows (and when they were recorded) that are still there.
    struct Row {
        std::int64_t id;
        StatusChange change;
    };
    std::vector<Row> existing;
    {
        SQLite::Statement sel(db,
                              "SELECT id, date, status, note FROM plan_activity_status WHERE "
                              "activity_id = ? ORDER BY id");
        sel.bind(1, a.id);
        while (sel.executeStep()) {
            existing.push_back(Row{
                sel.getColumn(0).getInt64(),
                StatusChange{column_date(sel, 1),
                             parse_status(column_text(sel, 2)).value_or(ActivityStatus::planned),
                             column_text(sel, 3)}});
        }
    }
    std::vector<bool> kept(existing.size(), false);
    std::vector<StatusChange> to_insert;
    for (const auto& change : a.history) {
        bool found = false;
        for (std::size_t k = 0; k < existing.size(); ++k) {
            if (!kept[k] && existing[k].change == change) {
                kept[k] = true;
                found = true;
                break;
            }
        }
        if (!found) {
            to_insert.push_back(change);
        }
    }
    for (std::size_t k = 0; k < existing.size(); ++k) {
        if (!kept[k]) {
            SQLite::Statement del(db, "DELETE FROM plan_activity_status WHERE id = ?");
            del.bind(1, existing[k].id);
            del.exec();
        }
    }
    for (const auto& change : to_insert) {
        SQLite::Statement ins(
            db,
            "INSERT INTO plan_activity_status (activity_id, status, date, note, recorded_at) "
            "VALUES (?, ?, ?, ?, ?)");
        ins.bind(1, a.id);
        ins.bind(2, status_name(change.status));
        ins.bind(3, format_date(change.date));
        bind_text(ins, 4, change.note);
        ins.bind(5, stamp);
        ins.exec();
    }

    SQLite::Statement del_notes(db, "DELETE FROM plan_progress_note WHERE activity_id = ?");
    del_notes.bind(1, a.id);
    del_notes.exec();
    for (const auto& note : a.progress) {
        SQLite::Statement ins(
            db, "INSERT INTO plan_progress_note (activity_id, date, note) VALUES (?, ?, ?)");
        ins.bind(1, a.id);
        ins.bind(2, format_date(note.date));
        ins.bind(3, note.note);
        ins.exec();
    }
}

void write_indicator(SQLite::Database& db, const Indicator& i) {
    SQLite::Statement q(
        db,
        "INSERT INTO plan_indicator (id, activity_id, priority_code, name, unit, baseline, "
        "baseline_date, target, target_date, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET activity_id = excluded.activity_id, "
        "priority_code = excluded.priority_code, name = excluded.name, unit = excluded.unit, "
        "baseline = excluded.baseline, baseline_date = excluded.baseline_date, "
        "target = excluded.target, target_date = excluded.target_date, "
        "updated_at = excluded.updated_at");
    q.bind(1, i.id);
    bind_text(q, 2, i.activity_id);
    bind_text(q, 3, i.priority_code);
    q.bind(4, i.name);
    q.bind(5, i.unit);
    q.bind(6, i.baseline);
    bind_date(q, 7, i.baseline_date);
    q.bind(8, i.target);
    q.bind(9, format_date(i.target_date));
    q.bind(10, format_timestamp(now()));
    q.exec();
    SQLite::Statement del(db, "DELETE FROM plan_measurement WHERE indicator_id = ?");
    del.bind(1, i.id);
    del.exec();
    for (const auto& m : i.measurements) {
        SQLite::Statement ins(
            db,
            "INSERT INTO plan_measurement (indicator_id, date, value, note) VALUES (?, ?, ?, ?)");
        ins.bind(1, i.id);
        ins.bind(2, format_date(m.date));
        ins.bind(3, m.value);
        bind_text(ins, 4, m.note);
        ins.exec();
    }
}

void write_contribution(SQLite::Database& db, const Contribution& c) {
    SQLite::Statement q(
        db,
        "INSERT INTO plan_contribution (id, questionnaire, submitted, submitted_to, summary, "
        "file_reference, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
        "questionnaire = excluded.questionnaire, submitted = excluded.submitted, "
        "submitted_to = excluded.submitted_to, summary = excluded.summary, "
        "file_reference = excluded.file_reference, updated_at = excluded.updated_at");
    q.bind(1, c.id);
    q.bind(2, c.questionnaire);
    q.bind(3, format_date(c.submitted));
    q.bind(4, c.submitted_to);
    q.bind(5, c.summary);
    bind_text(q, 6, c.file_reference);
    q.bind(7, format_timestamp(now()));
    q.exec();
}

void save_priority(store::Store& store, const Priority& p, const std::string& summary) {
    Priority copy = p;
    normalise(copy);
    store.transaction([&] {
        write_priority(store.db(), copy);
        store.audit("plan_priority", copy.code, summary);
    });
}

void save_activity(store::Store& store, const Activity& a, const std::string& summary) {
    Activity copy = a;
    normalise(copy);
    store.transaction([&] {
        write_activity(store.db(), copy);
        store.audit("plan_activity", copy.id, summary);
    });
}

void save_indicator(store::Store& store, const Indicator& i, const std::string& summary) {
    Indicator copy = i;
    normalise(copy);
    store.transaction([&] {
        write_indicator(store.db(), copy);
        store.audit("plan_indicator", copy.id, summary);
    });
}

void save_contribution(store::Store& store, const Contribution& c, const std::string& summary) {
    store.transaction([&] {
        write_contribution(store.db(), c);
        store.audit("plan_contribution", c.id, summary);
    });
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
