// SPDX-License-Identifier: Apache-2.0
#include "governance/dump.hpp"

namespace nacsa::governance {

namespace {

using store::dump::Column;
using store::dump::Configured;
using store::dump::Kind;
using store::dump::Personal;
using store::dump::Row;
using store::dump::Value;

Column id() {
    return {.name = "id", .kind = Kind::integer, .required = true};
}

store::dump::Table election_table(store::Store& store) {
    return {
        .name = "election",
        .order_by = "id",
        .columns = {id(),
                    store::dump::configured("role", Configured::role, store),
                    {.name = "seats", .kind = Kind::integer, .required = true},
                    {.name = "quorum", .kind = Kind::real, .required = true},
                    {.name = "threshold",
                     .required = true,
                     .values = {"simple_majority", "absolute_majority", "two_thirds"}},
                    {.name = "opened_on", .kind = Kind::date, .required = true},
                    {.name = "closed_on", .kind = Kind::date},
                    {.name = "title"},
                    {.name = "mode", .values = {"ballots", "tally"}},
                    {.name = "ballots", .kind = Kind::integer},
                    {.name = "blank", .kind = Kind::integer},
                    {.name = "electorate", .kind = Kind::integer},
                    {.name = "result",
                     .values = {"elected", "tie", "quorum_not_reached", "no_majority", "no_votes"}},
                    {.name = "created_at", .kind = Kind::timestamp, .required = true}}};
}

store::dump::Table observer_table() {
    const auto not_erased = [](const Row& row) { return row[8].type == Value::Type::null; };
    return {.name = "observer",
            .order_by = "id",
            .columns = {id(),
                        {.name = "name",
                         .required = true,
                         .personal = Personal::pseudonym,
                         .personal_if = not_erased},
                        {.name = "institution", .required = true},
                        {.name = "email", .personal = Personal::omit},
                        {.name = "gender",
                         .required = true,
                         .values = {"female", "male", "non_binary", "undisclosed"}},
                        {.name = "from_date", .kind = Kind::date, .required = true},
                        {.name = "until_date", .kind = Kind::date},
                        {.name = "end_reason"},
                        {.name = "erased_at", .kind = Kind::timestamp},
                        {.name = "created_at", .kind = Kind::timestamp, .required = true}}};
}

}  // namespace

store::dump::File dump_file(store::Store& store) {
    return {
        .name = "committee.yaml",
        .title =
            "the steering committee: elections, candidates, votes, seats, secretariat, "
            "observers",
        .tables =
            {
                election_table(store),
                {.name = "candidate",
                 .order_by = "election_id, member_id",
                 .columns = {{.name = "election_id", .kind = Kind::integer, .required = true},
                             {.name = "member_id", .required = true},
                             {.name = "contact_id", .kind = Kind::integer},
                             {.name = "added_on", .kind = Kind::date, .required = true},
                             {.name = "votes", .kind = Kind::integer},
                             {.name = "elected", .kind = Kind::boolean, .required = true},
                             {.name = "withdrawn_on", .kind = Kind::date},
                             {.name = "withdraw_reason"}}},
                {.name = "vote",
                 .order_by = "id",
                 .columns = {id(),
                             {.name = "election_id", .kind = Kind::integer, .required = true},
                             {.name = "voter_id", .required = true},
                             {.name = "candidate_id"},
                             {.name = "cast_on", .kind = Kind::date, .required = true},
                             {.name = "voided_on", .kind = Kind::date},
                             {.name = "void_reason"}}},
                {.name = "seat",
                 .order_by = "id",
                 .columns = {id(),
                             {.name = "member_id", .required = true},
                             {.name = "contact_id", .kind = Kind::integer, .required = true},
                             store::dump::configured("role", Configured::role, store),
                             {.name = "term_start", .kind = Kind::date, .required = true},
                             {.name = "term_end", .kind = Kind::date, .required = true},
                             {.name = "ended_on", .kind = Kind::date},
                             {.name = "end_reason"},
                             {.name = "election_id", .kind = Kind::integer},
                             {.name = "created_at", .kind = Kind::timestamp, .required = true}}},
                {.name = "secretariat",
                 .order_by = "id",
                 .columns = {id(),
                             {.name = "member_id", .required = true},
                             {.name = "from_date", .kind = Kind::date, .required = true},
                             {.name = "until_date", .kind = Kind::date},
                             {.name = "election_id", .kind = Kind::integer},
                             {.name = "seat_id", .kind = Kind::integer}}},
                observer_table(),
            },
    };
}

}  // namespace nacsa::governance
