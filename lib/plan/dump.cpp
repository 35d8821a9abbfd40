// SPDX-License-Identifier: Apache-2.0
#include "plan/dump.hpp"

#include "plan/plan_internal.hpp"

namespace nacsa::plan {

namespace {

using store::dump::Column;
using store::dump::Kind;
using store::dump::required;

// The names of one of the plan's enums, as a column's values.
template <std::size_t N>
std::vector<std::string> names(const std::array<const char*, N>& list) {
    return {list.begin(), list.end()};
}

Column updated_at() {
    return required("updated_at", Kind::timestamp);
}

store::dump::Table activity_table() {
    return {.name = "plan_activity",
            .order_by = "id",
            .columns = {required("id"),
                        required("title"),
                        {.name = "description"},
                        {.name = "kind", .required = true, .values = names(k_kinds)},
                        required("serves_no_priority", Kind::boolean),
                        {.name = "working_group"},
                        {.name = "member_id"},
                        required("start_date", Kind::date),
                        required("end_date", Kind::date),
                        {.name = "status", .required = true, .values = names(k_statuses)},
                        updated_at()}};
}

store::dump::Table indicator_table() {
    return {.name = "plan_indicator",
            .order_by = "id",
            .columns = {required("id"),
                        {.name = "activity_id"},
                        {.name = "priority_code"},
                        required("name"),
                        required("unit"),
                        required("baseline", Kind::real),
                        {.name = "baseline_date", .kind = Kind::date},
                        required("target", Kind::real),
                        required("target_date", Kind::date),
                        updated_at(),
                        {.name = "recorded_on", .kind = Kind::date}}};
}

}  // namespace

store::dump::File dump_file(store::Store& store) {
    return {
        .name = "plan.yaml",
        .title =
            "the activity plan: priorities, activities and their status history, progress "
            "notes, indicators and measurements, review contributions",
        .tables =
            {
                {.name = "plan_priority",
                 .order_by = "code",
                 .columns = {required("code"),
                             required("title"),
                             {.name = "description"},
                             {.name = "source", .required = true, .values = names(k_sources)},
                             {.name = "source_reference"},
                             {.name = "source_date", .kind = Kind::date},
                             updated_at(),
                             {.name = "recorded_on", .kind = Kind::date}}},
                {.name = "plan_priority_theme",
                 .order_by = "priority_code, theme",
                 .columns = {required("priority_code"),
                             store::dump::configured(
                                 "theme", store::dump::Configured::thematic_area, store)}},
                activity_table(),
                {.name = "plan_activity_priority",
                 .order_by = "activity_id, priority_code",
                 .columns = {required("activity_id"), required("priority_code")}},
                {.name = "plan_activity_status",
                 .order_by = "id",
                 .columns = {required("id", Kind::integer),
                             required("activity_id"),
                             {.name = "status", .required = true, .values = names(k_statuses)},
                             required("date", Kind::date),
                             {.name = "note"},
                             required("recorded_at", Kind::timestamp),
                             {.name = "voided_at", .kind = Kind::date},
                             {.name = "void_reason"}}},
                {.name = "plan_progress_note",
                 .order_by = "id",
                 .columns = {required("id", Kind::integer), required("activity_id"),
                             required("date", Kind::date), required("note")}},
                indicator_table(),
                {.name = "plan_measurement",
                 .order_by = "indicator_id, date",
                 .columns = {required("indicator_id"),
                             required("date", Kind::date),
                             required("value", Kind::real),
                             {.name = "note"}}},
                {.name = "plan_contribution",
                 .order_by = "id",
                 .columns = {required("id"),
                             required("questionnaire"),
                             required("submitted", Kind::date),
                             required("submitted_to"),
                             required("summary"),
                             {.name = "file_reference"},
                             updated_at()}},
            },
    };
}

}  // namespace nacsa::plan
