// SPDX-License-Identifier: Apache-2.0
// Writing the plan file: deterministic, so export -> import -> export is byte-identical.
#include "core/yaml_writer.hpp"
#include "plan/plan.hpp"

namespace nacsa::plan {

namespace {

void write_indicators(yaml::Writer& w, int indent,
                      const std::vector<const Indicator*>& indicators) {
    if (indicators.empty()) {
        return;
    }
    w.open(indent, "indicators");
    const int in = indent + 4;
    for (const auto* i : indicators) {
        w.text(in, "id", i->id, yaml::Dash::yes);
        w.text(in, "name", i->name);
        w.text(in, "unit", i->unit);
        w.number(in, "baseline", i->baseline);
        if (i->baseline_date) {
            w.date(in, "baseline_date", *i->baseline_date);
        }
        w.number(in, "target", i->target);
        w.date(in, "target_date", i->target_date);
        if (!i->measurements.empty()) {
            w.open(in, "measurements");
            for (const auto& m : i->measurements) {
                w.date(in + 4, "date", m.date, yaml::Dash::yes);
                w.number(in + 4, "value", m.value);
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
    yaml::Writer w;
    w.comment("nacsa activity plan: edit, then `nacsa plan import FILE` (see nacsa-plan(1)).");
    if (plan.priorities.empty()) {
        w.raw(0, "priorities", "[]");
    } else {
        w.open(0, "priorities");
    }
    for (const auto& p : plan.priorities) {
        w.text(4, "code", p.code, yaml::Dash::yes);
        w.text(4, "title", p.title);
        w.optional_text(4, "description", p.description);
        if (!p.thematic_areas.empty()) {
            w.list(4, "thematic_areas", p.thematic_areas);
        }
        w.raw(4, "source", source_name(p.source));
        w.optional_text(4, "source_reference", p.source_reference);
        if (p.source_date) {
            w.date(4, "source_date", *p.source_date);
        }
        write_indicators(w, 4, indicators_of(plan, "", p.code));
    }
    if (plan.activities.empty()) {
        w.raw(0, "activities", "[]");
    } else {
        w.open(0, "activities");
    }
    for (const auto& a : plan.activities) {
        w.text(4, "id", a.id, yaml::Dash::yes);
        w.text(4, "title", a.title);
        w.optional_text(4, "description", a.description);
        w.raw(4, "kind", kind_name(a.kind));
        if (!a.priorities.empty() || a.serves_no_priority) {
            w.list(4, "priorities", a.priorities);
        }
        w.optional_text(4, "working_group", a.working_group);
        w.optional_text(4, "member", a.member);
        w.date(4, "start", a.start);
        w.date(4, "end", a.end);
        w.raw(4, "status", status_name(a.status));
        if (!a.history.empty()) {
            w.open(4, "status_history");
            for (const auto& h : a.history) {
                w.date(8, "date", h.date, yaml::Dash::yes);
                w.raw(8, "status", status_name(h.status));
                w.optional_text(8, "note", h.note);
            }
        }
        if (!a.progress.empty()) {
            w.open(4, "progress");
            for (const auto& n : a.progress) {
                w.date(8, "date", n.date, yaml::Dash::yes);
                w.text(8, "note", n.note);
            }
        }
        write_indicators(w, 4, indicators_of(plan, a.id, ""));
    }
    if (plan.contributions.empty()) {
        w.raw(0, "contributions", "[]");
    } else {
        w.open(0, "contributions");
    }
    for (const auto& c : plan.contributions) {
        w.text(4, "id", c.id, yaml::Dash::yes);
        w.text(4, "questionnaire", c.questionnaire);
        w.date(4, "submitted", c.submitted);
        w.text(4, "submitted_to", c.submitted_to);
        w.text(4, "summary", c.summary);
        w.optional_text(4, "file_reference", c.file_reference);
    }
    return w.take();
}

}  // namespace nacsa::plan
