// The plan file: parsing with every problem located, deterministic export, and import.
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/error.hpp"
#include "core/text.hpp"
#include "core/yaml_guard.hpp"
#include "plan/plan.hpp"
#include "plan/plan_internal.hpp"

namespace nacsa::plan {

namespace {

using Keys = std::vector<std::string_view>;

// Reads the plan file against its shape, collecting every problem with its place.
class Reader {
  public:
    Reader(std::string file, Diagnostics& diagnostics)
        : m_file(std::move(file)), m_diagnostics(diagnostics) {}

    void problem(const YAML::Node& node, const std::string& field, const std::string& message) {
        const auto mark = node.Mark();
        Diagnostic d{m_file, mark.line >= 0 ? mark.line + 1 : 0,
                     mark.column >= 0 ? mark.column + 1 : 0, field, message};
        if (m_seen.insert(d.to_string()).second) {
            m_diagnostics.add(std::move(d));
        }
    }

    bool expect_map(const YAML::Node& node, const std::string& path, const Keys& required,
                    const Keys& optional) {
        if (!node.IsMap()) {
            problem(node, path, "expected a mapping of keys to values");
            return false;
        }
        std::set<std::string> seen;
        for (const auto& item : node) {
            const auto key = item.first.Scalar();
            if (!seen.insert(key).second) {
                // yaml-cpp keeps the first value silently: a repeated key is a mistake to report.
                problem(item.first, field(path, key), "duplicate key (each key may appear once)");
                continue;
            }
            if (std::find(required.begin(), required.end(), key) == required.end() &&
                std::find(optional.begin(), optional.end(), key) == optional.end()) {
                std::vector<std::string> names(required.begin(), required.end());
                names.insert(names.end(), optional.begin(), optional.end());
                problem(item.first, field(path, key),
                        fmt::format("unknown key (expected one of: {})", text::join(names, ", ")));
            }
        }
        for (const auto& key : required) {
            if (!node[std::string(key)]) {
                problem(node, field(path, std::string(key)), "required key is missing");
            }
        }
        return true;
    }

    static std::string field(const std::string& path, const std::string& key) {
        return path.empty() ? key : path + "." + key;
    }

    // A text value, trimmed; empty when absent.
    std::string text(const YAML::Node& parent, const std::string& key, const std::string& path,
                     bool required) {
        const YAML::Node node = parent[key];
        if (!node) {
            return {};
        }
        if (node.IsNull() && !required) {
            return {};
        }
        if (!node.IsScalar()) {
            problem(node, field(path, key), "expected a text value");
            return {};
        }
        std::string value(text::trim(node.Scalar()));
        if (required && value.empty()) {
            problem(node, field(path, key), "must not be empty");
        }
        return value;
    }

    std::optional<Date> date(const YAML::Node& parent, const std::string& key,
                             const std::string& path) {
        const YAML::Node node = parent[key];
        if (!node) {
            return std::nullopt;
        }
        if (!node.IsScalar()) {
            problem(node, field(path, key), "expected a date (YYYY-MM-DD)");
            return std::nullopt;
        }
        const auto d = parse_date(node.Scalar());
        if (!d) {
            problem(node, field(path, key),
                    fmt::format("\"{}\" is not a date (expected YYYY-MM-DD)", node.Scalar()));
        }
        return d;
    }

    std::optional<double> number(const YAML::Node& parent, const std::string& key,
                                 const std::string& path) {
        const YAML::Node node = parent[key];
        if (!node) {
            return std::nullopt;
        }
        double value = 0;
        if (!node.IsScalar() || !YAML::convert<double>::decode(node, value) ||
            !std::isfinite(value)) {
            problem(node, field(path, key),
                    fmt::format("\"{}\" is not a number",
                                node.IsScalar() ? node.Scalar() : std::string("(list)")));
            return std::nullopt;
        }
        return value;
    }

    std::vector<std::string> keys(const YAML::Node& parent, const std::string& key,
                                  const std::string& path) {
        std::vector<std::string> out;
        const YAML::Node node = parent[key];
        if (!node) {
            return out;
        }
        if (!node.IsSequence()) {
            problem(node, field(path, key), "expected a list, e.g. [a, b]");
            return out;
        }
        for (std::size_t i = 0; i < node.size(); ++i) {
            if (!node[i].IsScalar()) {
                problem(node[i], fmt::format("{}[{}]", field(path, key), i), "expected a key");
                continue;
            }
            out.emplace_back(node[i].Scalar());
        }
        return out;
    }

    // The list under `key` (absent: empty).
    std::vector<YAML::Node> list(const YAML::Node& parent, const std::string& key,
                                 const std::string& path) {
        std::vector<YAML::Node> out;
        const YAML::Node node = parent[key];
        if (!node || node.IsNull()) {
            return out;
        }
        if (!node.IsSequence()) {
            problem(node, field(path, key), "expected a list");
            return out;
        }
        for (std::size_t i = 0; i < node.size(); ++i) {
            out.push_back(node[i]);
        }
        return out;
    }

    // Forwards a record check's problems to the node of the field concerned.
    Report reporter(const YAML::Node& record, const std::string& path) {
        return [this, record, path](const std::string& key, int index, const std::string& message) {
            YAML::Node node = record[key];
            std::string name = field(path, key);
            if (!node) {
                return;  // a missing key was reported as such
            }
            if (index >= 0 && node.IsSequence() && static_cast<std::size_t>(index) < node.size()) {
                node = node[static_cast<std::size_t>(index)];
                name = fmt::format("{}[{}]", name, index);
            }
            problem(node, name, message);
        };
    }

  private:
    std::string m_file;
    Diagnostics& m_diagnostics;
    std::set<std::string> m_seen;
};

const Keys k_measurement_keys = {"note"};

Indicator read_indicator(Reader& r, const YAML::Node& node, const std::string& path) {
    Indicator i;
    if (!r.expect_map(node, path, {"id", "name", "unit", "baseline", "target", "target_date"},
                      {"baseline_date", "measurements"})) {
        return i;
    }
    i.id = r.text(node, "id", path, true);
    i.name = r.text(node, "name", path, true);
    i.unit = r.text(node, "unit", path, true);
    i.baseline = r.number(node, "baseline", path).value_or(0);
    i.target = r.number(node, "target", path).value_or(i.baseline + 1);
    i.baseline_date = r.date(node, "baseline_date", path);
    i.target_date =
        r.date(node, "target_date", path)
            .value_or(Date{std::chrono::year{9999}, std::chrono::month{12}, std::chrono::day{31}});
    const auto items = r.list(node, "measurements", path);
    for (std::size_t k = 0; k < items.size(); ++k) {
        const auto mpath = fmt::format("{}.measurements[{}]", path, k);
        if (!r.expect_map(items[k], mpath, {"date", "value"}, k_measurement_keys)) {
            continue;
        }
        Measurement m;
        const auto d = r.date(items[k], "date", mpath);
        const auto v = r.number(items[k], "value", mpath);
        m.date = d.value_or(Date{});
        m.value = v.value_or(0);
        m.note = r.text(items[k], "note", mpath, false);
        if (d && v) {
            i.measurements.push_back(m);
        }
    }
    check_indicator(i, r.reporter(node, path));
    normalise(i);
    return i;
}

std::vector<Indicator> read_indicators(Reader& r, const YAML::Node& parent, const std::string& path,
                                       const std::string& activity_id,
                                       const std::string& priority_code) {
    std::vector<Indicator> out;
    const auto items = r.list(parent, "indicators", path);
    for (std::size_t k = 0; k < items.size(); ++k) {
        auto i = read_indicator(r, items[k], fmt::format("{}.indicators[{}]", path, k));
        i.activity_id = activity_id;
        i.priority_code = priority_code;
        if (i.baseline_date.has_value() || !activity_id.empty()) {
            out.push_back(std::move(i));
        } else {
            r.problem(items[k], fmt::format("{}.indicators[{}].baseline_date", path, k),
                      "required for an indicator of a priority");
        }
    }
    return out;
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
    const Plan stored = load_plan(store);
    std::set<std::string> codes;
    for (const auto& p : stored.priorities) {
        codes.insert(p.code);
    }
    std::map<std::string, YAML::Node> seen_priorities;
    std::map<std::string, YAML::Node> seen_indicators;
    auto note_indicators = [&](const std::vector<Indicator>& list, const YAML::Node& parent) {
        const YAML::Node nodes = parent["indicators"];
        for (std::size_t k = 0; k < list.size(); ++k) {
            const auto& i = list[k];
            if (i.id.empty()) {
                continue;
            }
            if (!seen_indicators.emplace(i.id, nodes).second) {
                r.problem(nodes, "indicators",
                          fmt::format("indicator \"{}\" is defined twice", i.id));
            }
        }
    };

    const auto priorities = r.list(root, "priorities", "");
    for (std::size_t k = 0; k < priorities.size(); ++k) {
        const auto& node = priorities[k];
        const auto path = fmt::format("priorities[{}]", k);
        if (!r.expect_map(node, path, {"code", "title", "source"},
                          {"description", "thematic_areas", "source_reference", "source_date",
                           "indicators"})) {
            continue;
        }
        Priority p;
        p.code = r.text(node, "code", path, true);
        p.title = r.text(node, "title", path, true);
        p.description = r.text(node, "description", path, false);
        p.thematic_areas = r.keys(node, "thematic_areas", path);
        const auto source = r.text(node, "source", path, true);
        if (!source.empty()) {
            if (const auto s = parse_source(source)) {
                p.source = *s;
            } else {
                r.problem(node["source"], path + ".source",
                          fmt::format("\"{}\" is not a source (expected one of: {})", source,
                                      known_sources()));
            }
        }
        p.source_reference = r.text(node, "source_reference", path, false);
        p.source_date = r.date(node, "source_date", path);
        check_priority(refs, p, r.reporter(node, path));
        if (!p.code.empty() && !seen_priorities.emplace(p.code, node).second) {
            r.problem(node["code"], path + ".code",
                      fmt::format("priority \"{}\" is defined twice", p.code));
        }
        codes.insert(p.code);
        auto indicators = read_indicators(r, node, path, "", p.code);
        note_indicators(indicators, node);
        plan.indicators.insert(plan.indicators.end(), indicators.begin(), indicators.end());
        normalise(p);
        plan.priorities.push_back(std::move(p));
    }

    std::set<std::string> seen_activities;
    const auto activities = r.list(root, "activities", "");
    for (std::size_t k = 0; k < activities.size(); ++k) {
        const auto& node = activities[k];
        const auto path = fmt::format("activities[{}]", k);
        if (!r.expect_map(node, path, {"id", "title", "kind", "start", "end", "status"},
                          {"description", "priorities", "working_group", "member", "status_history",
                           "progress", "indicators"})) {
            continue;
        }
        Activity a;
        a.id = r.text(node, "id", path, true);
        a.title = r.text(node, "title", path, true);
        a.description = r.text(node, "description", path, false);
        const auto kind = r.text(node, "kind", path, true);
        if (!kind.empty()) {
            if (const auto kd = parse_kind(kind)) {
                a.kind = *kd;
            } else {
                r.problem(node["kind"], path + ".kind",
                          fmt::format("\"{}\" is not a kind of activity (expected one of: {})",
                                      kind, known_kinds()));
            }
        }
        a.priorities = r.keys(node, "priorities", path);
        a.serves_no_priority =
            node["priorities"] && node["priorities"].IsSequence() && node["priorities"].size() == 0;
        a.working_group = r.text(node, "working_group", path, false);
        a.member = r.text(node, "member", path, false);
        const auto start = r.date(node, "start", path);
        const auto end = r.date(node, "end", path);
        a.start = start.value_or(Date{});
        a.end = end.value_or(a.start);
        auto read_status = [&](const YAML::Node& parent,
                               const std::string& p) -> std::optional<ActivityStatus> {
            const auto name = r.text(parent, "status", p, true);
            if (name.empty()) {
                return std::nullopt;
            }
            const auto st = parse_status(name);
            if (!st) {
                r.problem(parent["status"], p + ".status",
                          fmt::format("\"{}\" is not a status (expected one of: {})", name,
                                      known_statuses()));
            }
            return st;
        };
        a.status = read_status(node, path).value_or(ActivityStatus::planned);
        const auto history = r.list(node, "status_history", path);
        for (std::size_t h = 0; h < history.size(); ++h) {
            const auto hpath = fmt::format("{}.status_history[{}]", path, h);
            if (!r.expect_map(history[h], hpath, {"date", "status"}, {"note"})) {
                continue;
            }
            const auto d = r.date(history[h], "date", hpath);
            const auto st = read_status(history[h], hpath);
            const auto note = r.text(history[h], "note", hpath, false);
            if (d && st) {
                a.history.push_back(StatusChange{*d, *st, note});
            }
        }
        const auto progress = r.list(node, "progress", path);
        for (std::size_t h = 0; h < progress.size(); ++h) {
            const auto ppath = fmt::format("{}.progress[{}]", path, h);
            if (!r.expect_map(progress[h], ppath, {"date", "note"}, {})) {
                continue;
            }
            const auto d = r.date(progress[h], "date", ppath);
            const auto note = r.text(progress[h], "note", ppath, true);
            if (d && !note.empty()) {
                a.progress.push_back(ProgressNote{*d, note});
            }
        }
        Activity probe = a;
        if (!start || !end) {
            probe.start = probe.end = Date{};
        }
        check_activity(refs, codes, probe, r.reporter(node, path));
        if (!a.id.empty() && !seen_activities.insert(a.id).second) {
            r.problem(node["id"], path + ".id",
                      fmt::format("activity \"{}\" is defined twice", a.id));
        }
        auto indicators = read_indicators(r, node, path, a.id, "");
        const YAML::Node listed = node["indicators"];
        for (std::size_t n = 0; n < indicators.size() && start; ++n) {
            const auto& i = indicators[n];
            // The indicators read may not line up with a well-formed list (read_indicators has
            // reported why): look only into a list of mappings.
            if (!listed.IsSequence() || n >= listed.size() || !listed[n].IsMap()) {
                break;
            }
            if (!i.baseline_date && !(*start < i.target_date) && listed[n]["target_date"]) {
                r.problem(
                    listed[n]["target_date"], fmt::format("{}.indicators[{}].target_date", path, n),
                    fmt::format("must be after the activity's start {}", format_date(*start)));
            }
        }
        note_indicators(indicators, node);
        plan.indicators.insert(plan.indicators.end(), indicators.begin(), indicators.end());
        normalise(a);
        plan.activities.push_back(std::move(a));
    }

    std::set<std::string> seen_contributions;
    const auto contributions = r.list(root, "contributions", "");
    for (std::size_t k = 0; k < contributions.size(); ++k) {
        const auto& node = contributions[k];
        const auto path = fmt::format("contributions[{}]", k);
        if (!r.expect_map(node, path,
                          {"id", "questionnaire", "submitted", "submitted_to", "summary"},
                          {"file_reference"})) {
            continue;
        }
        Contribution c;
        c.id = r.text(node, "id", path, true);
        c.questionnaire = r.text(node, "questionnaire", path, true);
        c.submitted = r.date(node, "submitted", path).value_or(Date{});
        c.submitted_to = r.text(node, "submitted_to", path, true);
        c.summary = r.text(node, "summary", path, true);
        c.file_reference = r.text(node, "file_reference", path, false);
        check_contribution(c, r.reporter(node, path));
        if (!c.id.empty() && !seen_contributions.insert(c.id).second) {
            r.problem(node["id"], path + ".id",
                      fmt::format("contribution \"{}\" is defined twice", c.id));
        }
        plan.contributions.push_back(std::move(c));
    }
    diagnostics.throw_if_any();
    sort_plan(plan);
    return plan;
}

// ---- Export ----

namespace {

bool is_reserved_word(const std::string& s) {
    const auto f = text::fold(s);
    return f == "null" || f == "~" || f == "true" || f == "false" || f == "yes" || f == "no" ||
           f == "on" || f == "off" || f == "y" || f == "n";
}

// Whether a one-line text can be written as a plain YAML scalar and read back unchanged.
bool plain_safe(const std::string& s) {
    if (s.empty() || is_reserved_word(s)) {
        return false;
    }
    const auto first = static_cast<unsigned char>(s.front());
    const bool first_ok = (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') ||
                          (first >= '0' && first <= '9') || first >= 0x80;
    if (!first_ok || s.back() == ' ') {
        return false;
    }
    if (s.find("\xC2\x85") != std::string::npos || s.find("\xE2\x80\xA8") != std::string::npos ||
        s.find("\xE2\x80\xA9") != std::string::npos ||
        s.find("\xEF\xBB\xBF") != std::string::npos) {
        return false;
    }
    // In block context only ": ", " #" and a leading indicator change a plain scalar's meaning;
    // ':' and '#' are refused anywhere to stay on the safe side.
    return std::none_of(s.begin(), s.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return c < 0x20 || c == 0x7f || ch == '#' || ch == ':';
    });
}

// Whether a multi-line text can be written as a literal block ("|-") and read back unchanged.
bool literal_safe(const std::string& s) {
    if (s.empty() || s.front() == ' ' || s.front() == '\n' || s.back() == '\n' || s.back() == ' ') {
        return false;
    }
    if (s.find("\xC2\x85") != std::string::npos || s.find("\xE2\x80\xA8") != std::string::npos ||
        s.find("\xE2\x80\xA9") != std::string::npos ||
        s.find("\xEF\xBB\xBF") != std::string::npos) {
        return false;
    }
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if ((c < 0x20 && c != '\n') || c == 0x7f) {
            return false;
        }
        if (c == '\n' && i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t')) {
            return false;
        }
    }
    return true;
}

std::string double_quoted(const std::string& s) {
    std::string out = "\"";
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                if (c < 0x20 || c == 0x7f) {
                    out += fmt::format("\\x{:02x}", c);
                } else if (s.compare(i, 2, "\xC2\x85") == 0) {
                    out += "\\N";
                    ++i;
                } else if (s.compare(i, 3, "\xE2\x80\xA8") == 0) {
                    out += "\\L";
                    i += 2;
                } else if (s.compare(i, 3, "\xE2\x80\xA9") == 0) {
                    out += "\\P";
                    i += 2;
                } else if (s.compare(i, 3, "\xEF\xBB\xBF") == 0) {
                    out += "\\ufeff";
                    i += 2;
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    return out + "\"";
}

// Deterministic YAML writer: block mappings and lists, fixed key order, stable quoting.
class Writer {
  public:
    // "key: value" at an indent; `item` starts a list entry ("- key: value").
    void text(int indent, bool item, std::string_view key, const std::string& value) {
        start(indent, item, key);
        if (value.find('\n') != std::string::npos && literal_safe(value)) {
            m_out += " |-\n";
            const std::string pad(static_cast<std::size_t>(indent + 2), ' ');
            std::size_t pos = 0;
            while (pos <= value.size()) {
                const auto end = value.find('\n', pos);
                const auto line =
                    value.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
                m_out += line.empty() ? "\n" : pad + line + "\n";
                if (end == std::string::npos) {
                    break;
                }
                pos = end + 1;
            }
            return;
        }
        m_out += ' ';
        m_out += plain_safe(value) ? value : double_quoted(value);
        m_out += '\n';
    }
    void optional_text(int indent, std::string_view key, const std::string& value) {
        if (!value.empty()) {
            text(indent, false, key, value);
        }
    }
    void raw(int indent, bool item, std::string_view key, const std::string& value) {
        start(indent, item, key);
        m_out += ' ' + value + '\n';
    }
    void date(int indent, bool item, std::string_view key, Date d) {
        raw(indent, item, key, format_date(d));
    }
    void number(int indent, bool item, std::string_view key, double v) {
        raw(indent, item, key, fmt::format("{}", v));
    }
    void keys(int indent, std::string_view key, const std::vector<std::string>& values) {
        raw(indent, false, key, "[" + text::join(values, ", ") + "]");
    }
    void open(int indent, std::string_view key) {
        start(indent, false, key);
        m_out += '\n';
    }
    void comment(const std::string& line) { m_out += "# " + line + "\n"; }
    [[nodiscard]] std::string take() { return std::move(m_out); }

  private:
    void start(int indent, bool item, std::string_view key) {
        if (item) {
            m_out.append(static_cast<std::size_t>(indent - 2), ' ');
            m_out += "- ";
        } else {
            m_out.append(static_cast<std::size_t>(indent), ' ');
        }
        m_out += key;
        m_out += ':';
    }
    std::string m_out;
};

void write_indicators(Writer& w, int indent, const std::vector<const Indicator*>& indicators) {
    if (indicators.empty()) {
        return;
    }
    w.open(indent, "indicators");
    const int in = indent + 4;
    for (const auto* i : indicators) {
        w.text(in, true, "id", i->id);
        w.text(in, false, "name", i->name);
        w.text(in, false, "unit", i->unit);
        w.number(in, false, "baseline", i->baseline);
        if (i->baseline_date) {
            w.date(in, false, "baseline_date", *i->baseline_date);
        }
        w.number(in, false, "target", i->target);
        w.date(in, false, "target_date", i->target_date);
        if (!i->measurements.empty()) {
            w.open(in, "measurements");
            for (const auto& m : i->measurements) {
                w.date(in + 4, true, "date", m.date);
                w.number(in + 4, false, "value", m.value);
                w.optional_text(in + 4, "note", m.note);
            }
        }
    }
}

std::vector<const Indicator*> indicators_of(const Plan& plan, const std::string& activity_id,
                                            const std::string& priority_code) {
    std::vector<const Indicator*> out;
    for (const auto& i : plan.indicators) {
        if ((!activity_id.empty() && i.activity_id == activity_id) ||
            (!priority_code.empty() && i.priority_code == priority_code)) {
            out.push_back(&i);
        }
    }
    return out;
}

}  // namespace

std::string export_plan(const Plan& plan) {
    Writer w;
    w.comment("nacsa activity plan: edit, then `nacsa plan import FILE` (see nacsa-plan(1)).");
    if (plan.priorities.empty()) {
        w.raw(0, false, "priorities", "[]");
    } else {
        w.open(0, "priorities");
    }
    for (const auto& p : plan.priorities) {
        w.text(4, true, "code", p.code);
        w.text(4, false, "title", p.title);
        w.optional_text(4, "description", p.description);
        if (!p.thematic_areas.empty()) {
            w.keys(4, "thematic_areas", p.thematic_areas);
        }
        w.raw(4, false, "source", source_name(p.source));
        w.optional_text(4, "source_reference", p.source_reference);
        if (p.source_date) {
            w.date(4, false, "source_date", *p.source_date);
        }
        write_indicators(w, 4, indicators_of(plan, "", p.code));
    }
    if (plan.activities.empty()) {
        w.raw(0, false, "activities", "[]");
    } else {
        w.open(0, "activities");
    }
    for (const auto& a : plan.activities) {
        w.text(4, true, "id", a.id);
        w.text(4, false, "title", a.title);
        w.optional_text(4, "description", a.description);
        w.raw(4, false, "kind", kind_name(a.kind));
        if (!a.priorities.empty() || a.serves_no_priority) {
            w.keys(4, "priorities", a.priorities);
        }
        w.optional_text(4, "working_group", a.working_group);
        w.optional_text(4, "member", a.member);
        w.date(4, false, "start", a.start);
        w.date(4, false, "end", a.end);
        w.raw(4, false, "status", status_name(a.status));
        if (!a.history.empty()) {
            w.open(4, "status_history");
            for (const auto& h : a.history) {
                w.date(8, true, "date", h.date);
                w.raw(8, false, "status", status_name(h.status));
                w.optional_text(8, "note", h.note);
            }
        }
        if (!a.progress.empty()) {
            w.open(4, "progress");
            for (const auto& n : a.progress) {
                w.date(8, true, "date", n.date);
                w.text(8, false, "note", n.note);
            }
        }
        write_indicators(w, 4, indicators_of(plan, a.id, ""));
    }
    if (plan.contributions.empty()) {
        w.raw(0, false, "contributions", "[]");
    } else {
        w.open(0, "contributions");
    }
    for (const auto& c : plan.contributions) {
        w.text(4, true, "id", c.id);
        w.text(4, false, "questionnaire", c.questionnaire);
        w.date(4, false, "submitted", c.submitted);
        w.text(4, false, "submitted_to", c.submitted_to);
        w.text(4, false, "summary", c.summary);
        w.optional_text(4, "file_reference", c.file_reference);
    }
    return w.take();
}

// ---- Import ----

namespace {

template <typename T>
void compare_field(std::vector<std::string>& out, const char* name, const T& before,
                   const T& after) {
    if (!(before == after)) {
        out.emplace_back(name);
    }
}

std::string describe(const Priority& before, const Priority& after) {
    std::vector<std::string> f;
    compare_field(f, "title", before.title, after.title);
    compare_field(f, "description", before.description, after.description);
    compare_field(f, "thematic_areas", before.thematic_areas, after.thematic_areas);
    compare_field(f, "source", before.source, after.source);
    compare_field(f, "source_reference", before.source_reference, after.source_reference);
    compare_field(f, "source_date", before.source_date, after.source_date);
    return text::join(f, ", ");
}

std::string describe(const Activity& before, const Activity& after) {
    std::vector<std::string> f;
    compare_field(f, "title", before.title, after.title);
    compare_field(f, "description", before.description, after.description);
    compare_field(f, "kind", before.kind, after.kind);
    if (before.priorities != after.priorities ||
        before.serves_no_priority != after.serves_no_priority) {
        f.emplace_back("priorities");
    }
    compare_field(f, "working_group", before.working_group, after.working_group);
    compare_field(f, "member", before.member, after.member);
    compare_field(f, "start", before.start, after.start);
    compare_field(f, "end", before.end, after.end);
    if (before.status != after.status) {
        f.push_back(
            fmt::format("status {} -> {}", status_name(before.status), status_name(after.status)));
    } else {
        compare_field(f, "status_history", before.history, after.history);
    }
    if (before.progress != after.progress) {
        f.push_back(after.progress.size() > before.progress.size()
                        ? fmt::format("{} progress note(s) added",
                                      after.progress.size() - before.progress.size())
                        : std::string("progress"));
    }
    return text::join(f, ", ");
}

std::string describe(const Indicator& before, const Indicator& after) {
    std::vector<std::string> f;
    if (before.activity_id != after.activity_id || before.priority_code != after.priority_code) {
        f.emplace_back("measures");
    }
    compare_field(f, "name", before.name, after.name);
    compare_field(f, "unit", before.unit, after.unit);
    compare_field(f, "baseline", before.baseline, after.baseline);
    compare_field(f, "baseline_date", before.baseline_date, after.baseline_date);
    compare_field(f, "target", before.target, after.target);
    compare_field(f, "target_date", before.target_date, after.target_date);
    if (before.measurements != after.measurements) {
        f.push_back(after.measurements.size() > before.measurements.size()
                        ? fmt::format("{} measurement(s) added",
                                      after.measurements.size() - before.measurements.size())
                        : std::string("measurements"));
    }
    return text::join(f, ", ");
}

std::string describe(const Contribution& before, const Contribution& after) {
    std::vector<std::string> f;
    compare_field(f, "questionnaire", before.questionnaire, after.questionnaire);
    compare_field(f, "submitted", before.submitted, after.submitted);
    compare_field(f, "submitted_to", before.submitted_to, after.submitted_to);
    compare_field(f, "summary", before.summary, after.summary);
    compare_field(f, "file_reference", before.file_reference, after.file_reference);
    return text::join(f, ", ");
}

// The file's status history merged into the stored one; a change dated `today` when the
// file's status is not the latest.
void merge_history(const Activity* stored, Activity& incoming, Date today) {
    std::vector<StatusChange> merged =
        stored != nullptr ? stored->history : std::vector<StatusChange>{};
    for (const auto& change : incoming.history) {
        auto it = std::find_if(merged.begin(), merged.end(), [&](const StatusChange& m) {
            return m.date == change.date && m.status == change.status;
        });
        if (it == merged.end()) {
            merged.push_back(change);
        } else if (!change.note.empty()) {
            it->note = change.note;
        }
    }
    std::stable_sort(merged.begin(), merged.end(),
                     [](const StatusChange& x, const StatusChange& y) { return x.date < y.date; });
    if (merged.empty() || merged.back().status != incoming.status) {
        merged.push_back(StatusChange{
            std::max(today, merged.empty() ? today : merged.back().date), incoming.status, {}});
    }
    incoming.history = std::move(merged);
}

}  // namespace

ImportResult import_plan(store::Store& store, const std::string& yaml_text,
                         const std::string& file_name, DryRun dry_run, Date today) {
    Plan incoming = parse_plan_file(store, yaml_text, file_name);
    const Plan stored = load_plan(store);
    ImportResult result;
    struct Pending {
        std::string kind;
        std::string id;
        std::string summary;
        std::function<void(SQLite::Database&)> write;
    };
    std::vector<Pending> pending;

    for (const auto& p : incoming.priorities) {
        const auto* before = stored.find_priority(p.code);
        if (before == nullptr) {
            ++result.added;
            result.changes.push_back(fmt::format("priority {}: added", p.code));
            pending.push_back({"plan_priority", p.code, "import: added",
                               [p](auto& db) { write_priority(db, p); }});
        } else if (!(*before == p)) {
            ++result.updated;
            const auto what = describe(*before, p);
            result.changes.push_back(fmt::format("priority {}: {}", p.code, what));
            pending.push_back({"plan_priority", p.code, "import: " + what,
                               [p](auto& db) { write_priority(db, p); }});
        } else {
            ++result.unchanged;
        }
    }
    for (auto a : incoming.activities) {
        const auto* before = stored.find_activity(a.id);
        merge_history(before, a, today);
        if (before == nullptr) {
            ++result.added;
            result.changes.push_back(fmt::format("activity {}: added", a.id));
            pending.push_back(
                {"plan_activity", a.id, "import: added", [a](auto& db) { write_activity(db, a); }});
        } else if (!(*before == a)) {
            ++result.updated;
            const auto what = describe(*before, a);
            result.changes.push_back(fmt::format("activity {}: {}", a.id, what));
            pending.push_back({"plan_activity", a.id, "import: " + what,
                               [a](auto& db) { write_activity(db, a); }});
        } else {
            ++result.unchanged;
        }
    }
    for (const auto& i : incoming.indicators) {
        const auto* before = stored.find_indicator(i.id);
        if (before == nullptr) {
            ++result.added;
            result.changes.push_back(fmt::format("indicator {}: added", i.id));
            pending.push_back({"plan_indicator", i.id, "import: added",
                               [i](auto& db) { write_indicator(db, i); }});
        } else if (!(*before == i)) {
            ++result.updated;
            const auto what = describe(*before, i);
            result.changes.push_back(fmt::format("indicator {}: {}", i.id, what));
            pending.push_back({"plan_indicator", i.id, "import: " + what,
                               [i](auto& db) { write_indicator(db, i); }});
        } else {
            ++result.unchanged;
        }
    }
    for (const auto& c : incoming.contributions) {
        const auto* before = stored.find_contribution(c.id);
        if (before == nullptr) {
            ++result.added;
            result.changes.push_back(fmt::format("contribution {}: added", c.id));
            pending.push_back({"plan_contribution", c.id, "import: added",
                               [c](auto& db) { write_contribution(db, c); }});
        } else if (!(*before == c)) {
            ++result.updated;
            const auto what = describe(*before, c);
            result.changes.push_back(fmt::format("contribution {}: {}", c.id, what));
            pending.push_back({"plan_contribution", c.id, "import: " + what,
                               [c](auto& db) { write_contribution(db, c); }});
        } else {
            ++result.unchanged;
        }
    }
    if (dry_run == DryRun::no && !pending.empty()) {
        store.transaction([&] {
            for (const auto& item : pending) {
                item.write(store.db());
                store.audit(item.kind, item.id, item.summary);
            }
        });
    }
    return result;
}

}  // namespace nacsa::plan
