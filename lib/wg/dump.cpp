// SPDX-License-Identifier: Apache-2.0
#include "wg/dump.hpp"

namespace nacsa::wg {

namespace {

using store::dump::Column;
using store::dump::Kind;

// A membership's or a lead's columns: who, for whom, from when until when.
std::vector<Column> role_columns(std::string_view from) {
    return {{.name = "id", .kind = Kind::integer, .required = true},
            {.name = "wg_id", .required = true},
            {.name = "member_id", .required = true},
            {.name = "contact_id", .kind = Kind::integer},
            {.name = from, .kind = Kind::date, .required = true},
            {.name = "ended", .kind = Kind::date},
            {.name = "end_reason"}};
}

}  // namespace

store::dump::File dump_file(store::Store& store) {
    return {
        .name = "working-groups.yaml",
        .title = "working groups: themes, members, leads and tasks",
        .tables =
            {
                {.name = "working_group",
                 .order_by = "id",
                 .columns = {{.name = "id", .required = true},
                             {.name = "name", .required = true},
                             {.name = "purpose"},
                             {.name = "status", .required = true, .values = {"active", "archived"}},
                             {.name = "created", .kind = Kind::date, .required = true},
                             {.name = "archived", .kind = Kind::date},
                             {.name = "created_at", .kind = Kind::timestamp, .required = true},
                             {.name = "updated_at", .kind = Kind::timestamp, .required = true}}},
                {.name = "wg_theme",
                 .order_by = "wg_id, theme",
                 .columns = {{.name = "wg_id", .required = true},
                             store::dump::configured(
                                 "theme", store::dump::Configured::thematic_area, store)}},
                {.name = "wg_membership", .order_by = "id", .columns = role_columns("joined")},
                {.name = "wg_lead", .order_by = "id", .columns = role_columns("started")},
                {.name = "wg_task",
                 .order_by = "id",
                 .columns =
                     {{.name = "id", .kind = Kind::integer, .required = true},
                      {.name = "wg_id", .required = true},
                      {.name = "title", .required = true},
                      {.name = "description"},
                      {.name = "owner_id"},
                      {.name = "due", .kind = Kind::date},
                      {.name = "status", .required = true, .values = {"open", "done", "dropped"}},
                      {.name = "activity_id"},
                      {.name = "created", .kind = Kind::date, .required = true},
                      {.name = "closed", .kind = Kind::date},
                      {.name = "close_note"}}},
            },
    };
}

}  // namespace nacsa::wg
