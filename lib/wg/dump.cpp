// SPDX-License-Identifier: Apache-2.0
#include "wg/dump.hpp"

namespace nacsa::wg {

namespace {

using store::dump::Column;
using store::dump::Kind;
using store::dump::required;

// A membership's or a lead's columns: who, for whom, from when until when.
std::vector<Column> role_columns(std::string_view from) {
    return {required("id", Kind::integer), required("wg_id"),
            required("member_id"),         {.name = "contact_id", .kind = Kind::integer},
            required(from, Kind::date),    {.name = "ended", .kind = Kind::date},
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
                 .columns = {required("id"),
                             required("name"),
                             {.name = "purpose"},
                             {.name = "status", .required = true, .values = {"active", "archived"}},
                             required("created", Kind::date),
                             {.name = "archived", .kind = Kind::date},
                             required("created_at", Kind::timestamp),
                             required("updated_at", Kind::timestamp)}},
                {.name = "wg_theme",
                 .order_by = "wg_id, theme",
                 .columns = {required("wg_id"),
                             store::dump::configured(
                                 "theme", store::dump::Configured::thematic_area, store)}},
                {.name = "wg_membership", .order_by = "id", .columns = role_columns("joined")},
                {.name = "wg_lead", .order_by = "id", .columns = role_columns("started")},
                {.name = "wg_task",
                 .order_by = "id",
                 .columns =
                     {required("id", Kind::integer),
                      required("wg_id"),
                      required("title"),
                      {.name = "description"},
                      {.name = "owner_id"},
                      {.name = "due", .kind = Kind::date},
                      {.name = "status", .required = true, .values = {"open", "done", "dropped"}},
                      {.name = "activity_id"},
                      required("created", Kind::date),
                      {.name = "closed", .kind = Kind::date},
                      {.name = "close_note"}}},
            },
    };
}

}  // namespace nacsa::wg
