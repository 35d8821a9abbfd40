// SPDX-License-Identifier: Apache-2.0
#include "members/dump.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

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
using store::dump::Row;
using store::dump::Value;

Value text_value(std::string text) {
    return Value{.type = Value::Type::text, .text = std::move(text)};
}

const Column k_status{.name = "status",
                      .required = true,
                      .values = {"applicant", "active", "suspended", "withdrawn"}};

store::dump::Table member_table(store::Store& store) {
    return {
        .name = "member",
        .order_by = "id",
        .columns = {{.name = "id", .required = true},
                    {.name = "name", .required = true},
                    {.name = "acronym"},
                    store::dump::configured("type", Configured::organisation_type, store),
                    store::dump::configured("region", Configured::region, store, false),
                    {.name = "city"},
                    {.name = "website"},
                    // A small organisation's e-mail and phone are often a person's.
                    {.name = "email", .personal = Personal::omit},
                    {.name = "phone", .personal = Personal::omit},
                    {.name = "joined", .kind = Kind::date},
                    k_status,
                    {.name = "ecosoc_status", .values = {"none", "general", "special", "roster"}},
                    {.name = "net4u", .kind = Kind::boolean, .required = true},
                    {.name = "notes", .personal = Personal::omit},
                    {.name = "created_at", .kind = Kind::timestamp, .required = true},
                    {.name = "updated_at", .kind = Kind::timestamp, .required = true}},
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
        .columns = {{.name = "id", .kind = Kind::integer, .required = true},
                    {.name = "member_id", .required = true},
                    {.name = "name",
                     .required = true,
                     .personal = Personal::pseudonym,
                     .personal_if = not_erased},
                    {.name = "position", .personal = Personal::omit},
                    {.name = "email", .personal = Personal::omit},
                    {.name = "phone", .personal = Personal::omit},
                    {.name = "gender",
                     .required = true,
                     .values = {"female", "male", "non_binary", "undisclosed"}},
                    {.name = "is_primary", .kind = Kind::boolean, .required = true},
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
                 .columns = {{.name = "member_id", .required = true},
                             store::dump::configured("theme", Configured::thematic_area, store)}},
                {.name = "member_service",
                 .order_by = "member_id, service",
                 .columns = {{.name = "member_id", .required = true},
                             store::dump::configured("service", Configured::service, store)}},
                {.name = "member_status_history",
                 .order_by = "id",
                 .columns = {{.name = "id", .kind = Kind::integer, .required = true},
                             {.name = "member_id", .required = true},
                             k_status,
                             {.name = "date", .kind = Kind::date, .required = true},
                             {.name = "reason"},
                             {.name = "recorded_at", .kind = Kind::timestamp, .required = true},
                             {.name = "voided_at", .kind = Kind::date},
                             {.name = "void_reason"}}},
                contact_table(),
                {.name = "interest",
                 .order_by = "id",
                 .columns = {{.name = "id", .kind = Kind::integer, .required = true},
                             {.name = "member_id", .required = true},
                             {.name = "kind",
                              .required = true,
                              .values = {"steering_committee", "secretariat", "coordinator",
                                         "working_group_lead"}},
                             {.name = "date", .kind = Kind::date, .required = true},
                             {.name = "statement", .personal = Personal::omit},
                             {.name = "status",
                              .required = true,
                              .values = {"open", "withdrawn", "fulfilled"}},
                             {.name = "working_group"}}},
                {.name = "erasure_key",
                 .order_by = "id",
                 .columns = {{.name = "id", .kind = Kind::integer, .required = true},
                             {.name = "key", .kind = Kind::blob, .required = true}},
                 .personal = true,
                 .replace = true},
                {.name = "erased_person",
                 .order_by = "id",
                 .columns = {{.name = "id", .kind = Kind::integer, .required = true},
                             {.name = "member_id", .required = true},
                             {.name = "kind", .required = true, .values = {"name", "email"}},
                             {.name = "digest", .kind = Kind::blob, .required = true},
                             {.name = "erased_on", .kind = Kind::date, .required = true}},
                 .personal = true},
            },
        .after_load =
            [](store::Store& s, const std::string& /*file*/) {
                s.db().exec(
                    fmt::format("INSERT INTO member_search (member_id, text) SELECT m.id, "
                                "{} FROM member m",
                                detail::k_search_text_of_m));
            },
    };
}

std::vector<unsigned char> redaction_key(store::Store& store) {
    return detail::erasure_key(store);
}

}  // namespace nacsa::members
