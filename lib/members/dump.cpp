// SPDX-License-Identifier: Apache-2.0
#include "members/dump.hpp"

#include "core/text.hpp"
#include "members/erased.hpp"
#include "members/people.hpp"
#include "members/writer.hpp"

namespace nacsa::members {

namespace {

using store::dump::Column;
using store::dump::Configured;
using store::dump::Kind;
using store::dump::Personal;
using store::dump::required;
using store::dump::Row;
using store::dump::Value;

Value text_value(std::string text) {
    return Value{.type = Value::Type::text, .text = std::move(text)};
}

Column status() {
    return {.name = "status", .required = true, .values = status_names()};
}

store::dump::Table member_table(store::Store& store) {
    return {
        .name = "member",
        .order_by = "id",
        .columns = {required("id"),
                    required("name"),
                    {.name = "acronym"},
                    store::dump::configured("type", Configured::organisation_type, store),
                    store::dump::configured("region", Configured::region, store, false),
                    {.name = "city"},
                    {.name = "website"},
                    // A small organisation's e-mail and phone are often a person's.
                    {.name = "email", .personal = Personal::omit},
                    {.name = "phone", .personal = Personal::omit},
                    {.name = "joined", .kind = Kind::date},
                    status(),
                    {.name = "ecosoc_status", .values = k_ecosoc_statuses},
                    {.name = "net4u", .kind = Kind::boolean, .required = true},
                    {.name = "notes", .personal = Personal::omit},
                    required("created_at", Kind::timestamp),
                    required("updated_at", Kind::timestamp)},
        .derived = {"name_key", "search_text", "sort_key"},
        .derive =
            [&store](const Row& row) {
                const std::string& name = row[1].text;
                const auto forms = detail::name_forms(name);
                std::string search = detail::member_search_text(forms, row[2].text, row[5].text);
                const std::string sort_key = text::collation_key(name, store.alliance().language);
                return Row{text_value(forms.key), text_value(std::move(search)),
                           Value{.type = Value::Type::blob, .text = sort_key}};
            },
    };
}

store::dump::Table contact_table() {
    // An erased contact keeps its row without anything personal in it.
    const auto not_erased = [](const Row& row) { return row[9].type == Value::Type::null; };
    return {
        .name = "contact",
        .order_by = "id",
        .columns = {required("id", Kind::integer),
                    required("member_id"),
                    {.name = "name",
                     .required = true,
                     .personal = Personal::pseudonym,
                     .personal_if = not_erased},
                    {.name = "position", .personal = Personal::omit},
                    {.name = "email", .personal = Personal::omit},
                    {.name = "phone", .personal = Personal::omit},
                    {.name = "gender", .required = true, .values = k_genders},
                    required("is_primary", Kind::boolean),
                    {.name = "consent_date", .kind = Kind::date},
                    {.name = "erased_at", .kind = Kind::timestamp}},
        .derived = {"search_text", "phone_digits"},
        .derive =
            [](const Row& row) {
                if (row[9].type != Value::Type::null) {  // erased: as member forget leaves it
                    return Row{text_value(""), text_value("")};
                }
                return Row{text_value(detail::contact_search_text(row[2].text, row[4].text)),
                           text_value(detail::phone_digits(row[5].text))};
            },
    };
}

}  // namespace

store::dump::File dump_file(store::Store& store) {
    return {
        .name = "members.yaml",
        .title = "members, their contacts, status history and expressions of interest",
        .tables =
            {
                member_table(store),
                {.name = "member_theme",
                 .order_by = "member_id, theme",
                 .columns = {required("member_id"),
                             store::dump::configured("theme", Configured::thematic_area, store)}},
                {.name = "member_service",
                 .order_by = "member_id, service",
                 .columns = {required("member_id"),
                             store::dump::configured("service", Configured::service, store)}},
                {.name = "member_status_history",
                 .order_by = "id",
                 .columns = {required("id", Kind::integer),
                             required("member_id"),
                             status(),
                             required("date", Kind::date),
                             {.name = "reason"},
                             required("recorded_at", Kind::timestamp),
                             {.name = "voided_at", .kind = Kind::date},
                             {.name = "void_reason"}}},
                contact_table(),
                {.name = "interest",
                 .order_by = "id",
                 .columns = {required("id", Kind::integer),
                             required("member_id"),
                             {.name = "kind",
                              .required = true,
                              .values = {"steering_committee", "secretariat", "coordinator",
                                         "working_group_lead"}},
                             required("date", Kind::date),
                             {.name = "statement", .personal = Personal::omit},
                             {.name = "status",
                              .required = true,
                              .values = {"open", "withdrawn", "fulfilled"}},
                             {.name = "working_group"}}},
                {.name = "erasure_key",
                 .order_by = "id",
                 .columns = {required("id", Kind::integer), required("key", Kind::blob)},
                 .personal = true,
                 .replace = true},
                {.name = "erased_person",
                 .order_by = "id",
                 .columns = {required("id", Kind::integer),
                             required("member_id"),
                             {.name = "kind", .required = true, .values = {"name", "email"}},
                             required("digest", Kind::blob),
                             required("erased_on", Kind::date)},
                 .personal = true},
            },
        .after_load = [](store::Store& s,
                         const std::string& /*file*/) { detail::refresh_all_search(s); },
    };
}

std::vector<unsigned char> redaction_key(store::Store& store) {
    return detail::erasure_key(store);
}

}  // namespace nacsa::members
