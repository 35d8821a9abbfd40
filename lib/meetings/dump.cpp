// SPDX-License-Identifier: Apache-2.0
#include "meetings/dump.hpp"

namespace nacsa::meetings {

namespace {

using store::dump::Column;
using store::dump::Kind;
using store::dump::Personal;

const std::vector<std::string_view> k_statuses = {"scheduled", "held", "cancelled", "postponed"};

Column id() {
    return {.name = "id", .kind = Kind::integer, .required = true};
}
Column meeting_id() {
    return {.name = "meeting_id", .required = true};
}
Column timestamp(std::string_view name, bool required = true) {
    return {.name = name, .kind = Kind::timestamp, .required = required};
}

store::dump::Table meeting_table() {
    return {.name = "meeting",
            .order_by = "id",
            .columns = {
                {.name = "id", .required = true},
                {.name = "uid", .required = true},
                {.name = "title", .required = true},
                {.name = "kind",
                 .required = true,
                 .values = {"steering_committee", "general_assembly", "working_group",
                            "government_consultation", "capacity_building", "constructive_dialogue",
                            "multistakeholder_preparation_day", "cop_side_event",
                            "regional_network_meeting", "other"}},
                {.name = "body", .required = true},
                timestamp("starts_at"),
                {.name = "time_zone", .required = true},
                {.name = "duration_minutes", .kind = Kind::integer, .required = true},
                {.name = "place"},
                {.name = "online_link"},
                {.name = "format", .required = true, .values = {"in_person", "online", "hybrid"}},
                {.name = "language"},
                {.name = "status", .required = true, .values = k_statuses},
                {.name = "series_id"},
                {.name = "sequence", .kind = Kind::integer, .required = true},
                {.name = "minutes",
                 .personal = Personal::omit,
                 .max_bytes = store::dump::k_max_file_bytes},
                {.name = "minutes_file"},
                timestamp("minutes_at", false),
                timestamp("attendance_at", false),
                timestamp("held_at", false),
                timestamp("created_at"),
                timestamp("updated_at"),
                {.name = "last_decision", .kind = Kind::integer, .required = true}}};
}

store::dump::Table invitee_table() {
    return {.name = "meeting_invitee",
            .order_by = "id",
            .columns = {
                id(),
                meeting_id(),
                {.name = "member_id"},
                {.name = "person", .personal = Personal::pseudonym},
                {.name = "role", .required = true, .values = {"voting", "observer", "guest"}},
                {.name = "source", .required = true, .values = {"derived", "added"}},
                {.name = "removed", .kind = Kind::boolean, .required = true},
                {.name = "attendance", .values = {"present", "excused", "absent", "represented"}},
                {.name = "represented_by", .personal = Personal::pseudonym}}};
}

store::dump::Table action_table() {
    return {.name = "action_item",
            .order_by = "id",
            .columns = {{.name = "id", .required = true},
                        {.name = "meeting_id"},
                        {.name = "body"},
                        {.name = "title", .required = true},
                        {.name = "owner_member"},
                        {.name = "owner_person", .personal = Personal::pseudonym},
                        {.name = "due", .kind = Kind::date},
                        {.name = "status", .required = true, .values = {"open", "done", "dropped"}},
                        {.name = "opened_on", .kind = Kind::date, .required = true},
                        {.name = "closed_on", .kind = Kind::date},
                        {.name = "note", .personal = Personal::omit},
                        timestamp("created_at"),
                        timestamp("updated_at"),
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
                 .columns = {id(),
                             meeting_id(),
                             {.name = "status", .required = true, .values = k_statuses},
                             timestamp("at"),
                             timestamp("starts_at"),
                             {.name = "reason"}}},
                {.name = "agenda_item",
                 .order_by = "id",
                 .columns = {id(),
                             meeting_id(),
                             {.name = "position", .kind = Kind::integer, .required = true},
                             {.name = "title", .required = true},
                             {.name = "presenter", .personal = Personal::pseudonym},
                             {.name = "link"}}},
                invitee_table(),
                {.name = "decision",
                 .order_by = "meeting_id, number",
                 .columns = {meeting_id(),
                             {.name = "number", .kind = Kind::integer, .required = true},
                             {.name = "text", .required = true},
                             {.name = "votes_for", .kind = Kind::integer},
                             {.name = "votes_against", .kind = Kind::integer},
                             {.name = "votes_abstain", .kind = Kind::integer},
                             timestamp("recorded_at"),
                             {.name = "outcome", .values = {"adopted", "rejected", "deferred"}},
                             {.name = "activity"}}},
                action_table(),
                {.name = "meeting_participant",
                 .order_by = "id",
                 .columns = {id(),
                             meeting_id(),
                             {.name = "member_id"},
                             {.name = "name", .required = true, .personal = Personal::pseudonym},
                             {.name = "gender",
                              .required = true,
                              .values = {"female", "male", "non_binary", "undisclosed"}},
                             timestamp("created_at")}},
            },
    };
}

}  // namespace nacsa::meetings
