// SPDX-License-Identifier: Apache-2.0
#include "meetings/dump.hpp"

#include "meetings/meetings.hpp"
#include "members/members.hpp"

namespace nacsa::meetings {

namespace {

using store::dump::Column;
using store::dump::Kind;
using store::dump::Personal;
using store::dump::required;

// A column of the time of something, in UTC.
Column timestamp(std::string_view name) {
    return {.name = name, .kind = Kind::timestamp};
}

store::dump::Table meeting_table() {
    return {.name = "meeting",
            .order_by = "id",
            .columns = {required("id"),
                        required("uid"),
                        required("title"),
                        {.name = "kind", .required = true, .values = k_kinds},
                        required("body"),
                        required("starts_at", Kind::timestamp),
                        required("time_zone"),
                        required("duration_minutes", Kind::integer),
                        {.name = "place"},
                        {.name = "online_link"},
                        {.name = "format", .required = true, .values = k_formats},
                        {.name = "language"},
                        {.name = "status", .required = true, .values = k_meeting_statuses},
                        {.name = "series_id"},
                        required("sequence", Kind::integer),
                        {.name = "minutes",
                         .personal = Personal::omit,
                         .max_bytes = store::dump::k_max_file_bytes},
                        {.name = "minutes_file"},
                        timestamp("minutes_at"),
                        timestamp("attendance_at"),
                        timestamp("held_at"),
                        required("created_at", Kind::timestamp),
                        required("updated_at", Kind::timestamp),
                        required("last_decision", Kind::integer)}};
}

store::dump::Table invitee_table() {
    return {.name = "meeting_invitee",
            .order_by = "id",
            .columns = {required("id", Kind::integer),
                        required("meeting_id"),
                        {.name = "member_id"},
                        {.name = "person", .personal = Personal::pseudonym},
                        {.name = "role", .required = true, .values = k_invitee_roles},
                        {.name = "source", .required = true, .values = k_invitee_sources},
                        required("removed", Kind::boolean),
                        {.name = "attendance", .values = k_attendance},
                        {.name = "represented_by", .personal = Personal::pseudonym}}};
}

store::dump::Table action_table() {
    return {.name = "action_item",
            .order_by = "id",
            .columns = {required("id"),
                        {.name = "meeting_id"},
                        {.name = "body"},
                        required("title"),
                        {.name = "owner_member"},
                        {.name = "owner_person", .personal = Personal::pseudonym},
                        {.name = "due", .kind = Kind::date},
                        {.name = "status", .required = true, .values = k_action_statuses},
                        required("opened_on", Kind::date),
                        {.name = "closed_on", .kind = Kind::date},
                        {.name = "note", .personal = Personal::omit},
                        required("created_at", Kind::timestamp),
                        required("updated_at", Kind::timestamp),
                        {.name = "decision", .kind = Kind::integer}}};
}

}  // namespace

store::dump::File dump_file() {
    return {
        .name = "meetings.yaml",
        .title =
            "meetings: status history, agendas, invitees and attendance, decisions, action "
            "items, participants",
        .tables =
            {
                meeting_table(),
                {.name = "meeting_status_history",
                 .order_by = "id",
                 .columns = {required("id", Kind::integer),
                             required("meeting_id"),
                             {.name = "status", .required = true, .values = k_meeting_statuses},
                             required("at", Kind::timestamp),
                             required("starts_at", Kind::timestamp),
                             {.name = "reason"}}},
                {.name = "agenda_item",
                 .order_by = "id",
                 .columns = {required("id", Kind::integer),
                             required("meeting_id"),
                             required("position", Kind::integer),
                             required("title"),
                             {.name = "presenter", .personal = Personal::pseudonym},
                             {.name = "link"}}},
                invitee_table(),
                {.name = "decision",
                 .order_by = "meeting_id, number",
                 .columns = {required("meeting_id"),
                             required("number", Kind::integer),
                             required("text"),
                             {.name = "votes_for", .kind = Kind::integer},
                             {.name = "votes_against", .kind = Kind::integer},
                             {.name = "votes_abstain", .kind = Kind::integer},
                             required("recorded_at", Kind::timestamp),
                             {.name = "outcome", .values = k_decision_outcomes},
                             {.name = "activity"}}},
                action_table(),
                {.name = "meeting_participant",
                 .order_by = "id",
                 .columns = {required("id", Kind::integer),
                             required("meeting_id"),
                             {.name = "member_id"},
                             {.name = "name", .required = true, .personal = Personal::pseudonym},
                             {.name = "gender", .required = true, .values = members::k_genders},
                             required("created_at", Kind::timestamp)}},
            },
    };
}

}  // namespace nacsa::meetings
