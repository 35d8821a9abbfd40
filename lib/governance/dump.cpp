// SPDX-License-Identifier: Apache-2.0
#include "governance/dump.hpp"

#include "members/members.hpp"

namespace nacsa::governance {

namespace {

using store::dump::Column;
using store::dump::Configured;
using store::dump::Kind;
using store::dump::Personal;
using store::dump::required;
using store::dump::Row;
using store::dump::Value;

store::dump::Table election_table(store::Store& store) {
    return {
        .name = "election",
        .order_by = "id",
        .columns = {required("id", Kind::integer),
                    store::dump::configured("role", Configured::role, store),
                    required("seats", Kind::integer),
                    required("quorum", Kind::real),
                    {.name = "threshold",
                     .required = true,
                     .values = {"simple_majority", "absolute_majority", "two_thirds"}},
                    required("opened_on", Kind::date),
                    {.name = "closed_on", .kind = Kind::date},
                    {.name = "title"},
                    {.name = "mode", .values = {"ballots", "tally"}},
                    {.name = "ballots", .kind = Kind::integer},
                    {.name = "blank", .kind = Kind::integer},
                    {.name = "electorate", .kind = Kind::integer},
                    {.name = "result",
                     .values = {"elected", "tie", "quorum_not_reached", "no_majority", "no_votes"}},
                    required("created_at", Kind::timestamp)}};
}

store::dump::Table observer_table() {
    const auto not_erased = [](const Row& row) { return row[8].type == Value::Type::null; };
    return {.name = "observer",
            .order_by = "id",
            .columns = {required("id", Kind::integer),
                        {.name = "name",
                         .required = true,
                         .personal = Personal::pseudonym,
                         .personal_if = not_erased},
                        required("institution"),
                        {.name = "email", .personal = Personal::omit},
                        {.name = "gender", .required = true, .values = members::k_genders},
                        required("from_date", Kind::date),
                        {.name = "until_date", .kind = Kind::date},
                        {.name = "end_reason"},
                        {.name = "erased_at", .kind = Kind::timestamp},
                        required("created_at", Kind::timestamp)}};
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
                 .columns = {required("election_id", Kind::integer),
                             required("member_id"),
                             {.name = "contact_id", .kind = Kind::integer},
                             required("added_on", Kind::date),
                             {.name = "votes", .kind = Kind::integer},
                             required("elected", Kind::boolean),
                             {.name = "withdrawn_on", .kind = Kind::date},
                             {.name = "withdraw_reason"}}},
                {.name = "vote",
                 .order_by = "id",
                 .columns = {required("id", Kind::integer),
                             required("election_id", Kind::integer),
                             required("voter_id"),
                             {.name = "candidate_id"},
                             required("cast_on", Kind::date),
                             {.name = "voided_on", .kind = Kind::date},
                             {.name = "void_reason"}}},
                {.name = "seat",
                 .order_by = "id",
                 .columns = {required("id", Kind::integer),
                             required("member_id"),
                             required("contact_id", Kind::integer),
                             store::dump::configured("role", Configured::role, store),
                             required("term_start", Kind::date),
                             required("term_end", Kind::date),
                             {.name = "ended_on", .kind = Kind::date},
                             {.name = "end_reason"},
                             {.name = "election_id", .kind = Kind::integer},
                             required("created_at", Kind::timestamp)}},
                {.name = "secretariat",
                 .order_by = "id",
                 .columns = {required("id", Kind::integer),
                             required("member_id"),
                             required("from_date", Kind::date),
                             {.name = "until_date", .kind = Kind::date},
                             {.name = "election_id", .kind = Kind::integer},
                             {.name = "seat_id", .kind = Kind::integer}}},
                observer_table(),
            },
    };
}

}  // namespace nacsa::governance
