// SPDX-License-Identifier: Apache-2.0
// Reading the plan file (nacsa-plan(1), THE PLAN FILE): every problem with its line and column.
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <set>

#include "core/error.hpp"
#include "core/yaml_guard.hpp"
#include "core/yaml_reader.hpp"
#include "plan/plan.hpp"
#include "plan/plan_internal.hpp"

namespace nacsa::plan {

namespace {

using yaml::Reader;
using yaml::Required;
using yaml::TextRule;
using yaml::Trim;

const TextRule k_required{Required::yes, Trim::yes, yaml::k_max_text_bytes};
const TextRule k_optional{Required::no, Trim::yes, yaml::k_max_text_bytes};
const TextRule k_long_required{Required::yes, Trim::yes, k_max_long_text_bytes};
const TextRule k_long_optional{Required::no, Trim::yes, k_max_long_text_bytes};

// Forwards a record check's problems to the node of the field concerned, unless the reader
// has already said what is wrong with that field.
Report reporter(Reader& r, const YAML::Node& record, const std::string& path) {
    return [&r, record, path](const std::string& key, int index, const Message& message) {
        YAML::Node node = record[key];
        std::string name = Reader::field(path, key);
        if (!node) {
            return;  // a missing key was reported as such
        }
        if (index >= 0 && node.IsSequence() && static_cast<std::size_t>(index) < node.size()) {
            node = node[static_cast<std::size_t>(index)];
            name = fmt::format("{}[{}]", name, index);
        }
        if (!r.has_problem(name)) {
            r.problem(node, name, message);
        }
    };
}

// The enumeration value a required field names, reported when it names none.
template <typename E>
std::optional<E> read_name(Reader& r, const YAML::Node& parent, const std::string& key,
                           const std::string& path, std::optional<E> (*parse)(std::string_view),
                           const char* what, const std::string& known) {
    const auto name = r.text(parent, key, path, k_required);
    if (name.empty()) {
        return std::nullopt;
    }
    const auto value = parse(name);
    if (!value) {
        r.problem(parent[key], Reader::field(path, key),
                  Message::translatable(what, {name, known}));
    }
    return value;
}

std::optional<ActivityStatus> read_status(Reader& r, const YAML::Node& parent,
                                          const std::string& path) {
    return read_name<ActivityStatus>(r, parent, "status", path, parse_status,
                                     N_("\"{}\" is not a status (expected one of: {})"),
                                     known_statuses());
}

std::vector<Measurement> read_measurements(Reader& r, const YAML::Node& node,
                                           const std::string& path) {
    std::vector<Measurement> out;
    const auto items = r.list(node, "measurements", path);
    for (std::size_t k = 0; k < items.size(); ++k) {
        const auto mpath = fmt::format("{}.measurements[{}]", path, k);
        if (!r.expect_map(items[k], mpath, {"date", "value"}, {"note"})) {
            continue;
        }
        const auto d = r.date(items[k], "date", mpath);
        const auto v = r.number(items[k], "value", mpath);
        const auto note = r.text(items[k], "note", mpath, k_long_optional);
        if (d && v) {
            out.push_back(Measurement{*d, *v, note});
        }
    }
    return out;
}

Indicator read_indicator(Reader& r, const YAML::Node& node, const std::string& path) {
    Indicator i;
    if (!r.expect_map(node, path, {"id", "name", "unit", "baseline", "target", "target_date"},
                      {"baseline_date", "measurements"})) {
        return i;
    }
    i.id = r.text(node, "id", path, k_required);
    i.name = r.text(node, "name", path, k_required);
    i.unit = r.text(node, "unit", path, k_required);
    i.baseline = r.number(node, "baseline", path).value_or(0);
    i.target = r.number(node, "target", path).value_or(i.baseline + 1);
    i.baseline_date = r.date(node, "baseline_date", path);
    i.target_date =
        r.date(node, "target_date", path)
            .value_or(Date{std::chrono::year{9999}, std::chrono::month{12}, std::chrono::day{31}});
    i.measurements = read_measurements(r, node, path);
    check_indicator(i, reporter(r, node, path));
    normalise(i);
    return i;
}

// What the whole file has read so far, for the checks across records.
struct FileState {
    std::set<std::string> priority_codes;  // stored and read
    std::set<std::string> priorities;
    std::set<std::string> activities;
    std::set<std::string> indicators;
    std::set<std::string> contributions;
};

std::vector<Indicator> read_indicators(Reader& r, FileState& state, const YAML::Node& parent,
                                       const std::string& path, const std::string& activity_id,
                                       const std::string& priority_code) {
    std::vector<Indicator> out;
    const auto items = r.list(parent, "indicators", path);
    for (std::size_t k = 0; k < items.size(); ++k) {
        auto i = read_indicator(r, items[k], fmt::format("{}.indicators[{}]", path, k));
        i.activity_id = activity_id;
        i.priority_code = priority_code;
        if (!i.baseline_date.has_value() && activity_id.empty()) {
            r.problem(items[k], fmt::format("{}.indicators[{}].baseline_date", path, k),
                      msg("required for an indicator of a priority"));
            continue;
        }
        if (!i.id.empty() && !state.indicators.insert(i.id).second) {
            r.problem(parent["indicators"], "indicators",
                      msg("indicator \"{}\" is defined twice", i.id));
        }
        out.push_back(std::move(i));
    }
    return out;
}

void read_priority(Reader& r, const References& refs, FileState& state, const YAML::Node& node,
                   const std::string& path, Plan& plan) {
    if (!r.expect_map(
            node, path, {"code", "title", "source"},
            {"description", "thematic_areas", "source_reference", "source_date", "indicators"})) {
        return;
    }
    Priority p;
    p.code = r.text(node, "code", path, k_required);
    p.title = r.text(node, "title", path, k_required);
    p.description = r.text(node, "description", path, k_long_optional);
    p.thematic_areas = r.keys(node, "thematic_areas", path);
    p.source =
        read_name<Source>(r, node, "source", path, parse_source,
                          N_("\"{}\" is not a source (expected one of: {})"), known_sources())
            .value_or(Source::vpi_report);
    p.source_reference = r.text(node, "source_reference", path, k_optional);
    p.source_date = r.date(node, "source_date", path);
    check_priority(refs, p, reporter(r, node, path));
    if (!p.code.empty() && !state.priorities.insert(p.code).second) {
        r.problem(node["code"], path + ".code", msg("priority \"{}\" is defined twice", p.code));
    }
    state.priority_codes.insert(p.code);
    auto indicators = read_indicators(r, state, node, path, "", p.code);
    plan.indicators.insert(plan.indicators.end(), indicators.begin(), indicators.end());
    normalise(p);
    plan.priorities.push_back(std::move(p));
}

void read_history(Reader& r, const YAML::Node& node, const std::string& path, Activity& a) {
    const auto history = r.list(node, "status_history", path);
    for (std::size_t h = 0; h < history.size(); ++h) {
        const auto hpath = fmt::format("{}.status_history[{}]", path, h);
        if (!r.expect_map(history[h], hpath, {"date", "status"}, {"note"})) {
            continue;
        }
        const auto d = r.date(history[h], "date", hpath);
        const auto st = read_status(r, history[h], hpath);
        const auto note = r.text(history[h], "note", hpath, k_long_optional);
        if (d && st) {
            a.history.push_back(StatusChange{*d, *st, note});
        }
    }
}

void read_progress(Reader& r, const YAML::Node& node, const std::string& path, Activity& a) {
    const auto progress = r.list(node, "progress", path);
    for (std::size_t h = 0; h < progress.size(); ++h) {
        const auto ppath = fmt::format("{}.progress[{}]", path, h);
        if (!r.expect_map(progress[h], ppath, {"date", "note"}, {})) {
            continue;
        }
        const auto d = r.date(progress[h], "date", ppath);
        const auto note = r.text(progress[h], "note", ppath, k_long_required);
        if (d && !note.empty()) {
            a.progress.push_back(ProgressNote{*d, note});
        }
    }
}

// An activity's indicators without a baseline date start with it: their target date must be
// after its start.
void check_indicator_dates(Reader& r, const YAML::Node& node, const std::string& path, Date start,
                           const std::vector<Indicator>& indicators) {
    const YAML::Node listed = node["indicators"];
    for (std::size_t n = 0; n < indicators.size(); ++n) {
        const auto& i = indicators[n];
        // The indicators read may not line up with a well-formed list (read_indicators has
        // reported why): look only into a list of mappings.
        if (!listed.IsSequence() || n >= listed.size() || !listed[n].IsMap()) {
            break;
        }
        if (!i.baseline_date && !(start < i.target_date) && listed[n]["target_date"]) {
            r.problem(listed[n]["target_date"],
                      fmt::format("{}.indicators[{}].target_date", path, n),
                      msg("must be after the activity's start {}", format_date(start)));
        }
    }
}

void read_activity(Reader& r, const References& refs, FileState& state, const YAML::Node& node,
                   const std::string& path, Plan& plan) {
    if (!r.expect_map(node, path, {"id", "title", "kind", "start", "end", "status"},
                      {"description", "priorities", "working_group", "member", "status_history",
                       "progress", "indicators"})) {
        return;
    }
    Activity a;
    a.id = r.text(node, "id", path, k_required);
    a.title = r.text(node, "title", path, k_required);
    a.description = r.text(node, "description", path, k_long_optional);
    a.kind = read_name<ActivityKind>(r, node, "kind", path, parse_kind,
                                     N_("\"{}\" is not a kind of activity (expected one of: {})"),
                                     known_kinds())
                 .value_or(ActivityKind::other);
    a.priorities = r.keys(node, "priorities", path);
    a.serves_no_priority =
        node["priorities"] && node["priorities"].IsSequence() && node["priorities"].size() == 0;
    a.working_group = r.text(node, "working_group", path, k_optional);
    a.member = r.text(node, "member", path, k_optional);
    const auto start = r.date(node, "start", path);
    const auto end = r.date(node, "end", path);
    a.start = start.value_or(Date{});
    a.end = end.value_or(a.start);
    a.status = read_status(r, node, path).value_or(ActivityStatus::planned);
    read_history(r, node, path, a);
    read_progress(r, node, path, a);
    Activity probe = a;
    if (!start || !end) {
        probe.start = probe.end = Date{};
    }
    check_activity(refs, state.priority_codes, probe, reporter(r, node, path));
    if (!a.id.empty() && !state.activities.insert(a.id).second) {
        r.problem(node["id"], path + ".id", msg("activity \"{}\" is defined twice", a.id));
    }
    auto indicators = read_indicators(r, state, node, path, a.id, "");
    if (start) {
        check_indicator_dates(r, node, path, *start, indicators);
    }
    plan.indicators.insert(plan.indicators.end(), indicators.begin(), indicators.end());
    normalise(a);
    plan.activities.push_back(std::move(a));
}

void read_contribution(Reader& r, FileState& state, const YAML::Node& node, const std::string& path,
                       Plan& plan) {
    if (!r.expect_map(node, path, {"id", "questionnaire", "submitted", "submitted_to", "summary"},
                      {"file_reference"})) {
        return;
    }
    Contribution c;
    c.id = r.text(node, "id", path, k_required);
    c.questionnaire = r.text(node, "questionnaire", path, k_required);
    c.submitted = r.date(node, "submitted", path).value_or(Date{});
    c.submitted_to = r.text(node, "submitted_to", path, k_required);
    c.summary = r.text(node, "summary", path, k_long_required);
    c.file_reference = r.text(node, "file_reference", path, k_optional);
    check_contribution(c, reporter(r, node, path));
    if (!c.id.empty() && !state.contributions.insert(c.id).second) {
        r.problem(node["id"], path + ".id", msg("contribution \"{}\" is defined twice", c.id));
    }
    plan.contributions.push_back(std::move(c));
}

}  // namespace

Plan parse_plan_file(store::Store& store, const std::string& yaml_text,
                     const std::string& file_name) {
    // The same guarded loader as the configuration: libyaml checks the syntax first, and
    // aliases may not expand without bound.
    const YAML::Node root = load_yaml(yaml_text, file_name, ExitCode::data_invalid);
    Diagnostics diagnostics;
    Reader r(file_name, diagnostics);
    Plan plan;
    if (!root || root.IsNull()) {
        return plan;
    }
    if (!r.expect_map(root, "", {}, {"priorities", "activities", "contributions"})) {
        diagnostics.throw_if_any();
    }
    const References refs(store);
    FileState state;
    for (const auto& p : load_plan(store).priorities) {
        state.priority_codes.insert(p.code);
    }
    const auto priorities = r.list(root, "priorities", "");
    for (std::size_t k = 0; k < priorities.size(); ++k) {
        read_priority(r, refs, state, priorities[k], fmt::format("priorities[{}]", k), plan);
    }
    const auto activities = r.list(root, "activities", "");
    for (std::size_t k = 0; k < activities.size(); ++k) {
        read_activity(r, refs, state, activities[k], fmt::format("activities[{}]", k), plan);
    }
    const auto contributions = r.list(root, "contributions", "");
    for (std::size_t k = 0; k < contributions.size(); ++k) {
        read_contribution(r, state, contributions[k], fmt::format("contributions[{}]", k), plan);
    }
    diagnostics.throw_if_any();
    sort_plan(plan);
    return plan;
}

}  // namespace nacsa::plan
