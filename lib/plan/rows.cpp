// SPDX-License-Identifier: Apache-2.0
// Writing the plan's records to their tables (the callers hold the transaction and audit).
#include <SQLiteCpp/Statement.h>

#include "plan/plan_internal.hpp"
#include "store/sql.hpp"

namespace nacsa::plan {

namespace {

std::string stamp() {
    return format_timestamp(now());
}

void insert_themes(SQLite::Database& db, const Priority& p) {
    SQLite::Statement ins(db,
                          "INSERT INTO plan_priority_theme (priority_code, theme) VALUES (?, ?)");
    for (const auto& theme : p.thematic_areas) {
        ins.bind(1, p.code);
        ins.bind(2, theme);
        ins.exec();
        ins.reset();
    }
}

void insert_links(SQLite::Database& db, const Activity& a) {
    SQLite::Statement ins(
        db, "INSERT INTO plan_activity_priority (activity_id, priority_code) VALUES (?, ?)");
    for (const auto& code : a.priorities) {
        ins.bind(1, a.id);
        ins.bind(2, code);
        ins.exec();
        ins.reset();
    }
}

void delete_rows(SQLite::Database& db, const char* sql, const std::string& id) {
    SQLite::Statement del(db, sql);
    del.bind(1, id);
    del.exec();
}

// Each record's columns are bound in one order, its key last, for the INSERT and the UPDATE.
void bind_priority(SQLite::Statement& q, const Priority& p) {
    q.bind(1, p.title);
    store::bind_nonempty(q, 2, p.description);
    q.bind(3, source_name(p.source));
    store::bind_nonempty(q, 4, p.source_reference);
    store::bind(q, 5, p.source_date);
    q.bind(6, stamp());
    q.bind(7, p.code);
}

void bind_activity(SQLite::Statement& q, const Activity& a) {
    q.bind(1, a.title);
    store::bind_nonempty(q, 2, a.description);
    q.bind(3, kind_name(a.kind));
    q.bind(4, a.serves_no_priority ? 1 : 0);
    store::bind_nonempty(q, 5, a.working_group);
    store::bind_nonempty(q, 6, a.member);
    store::bind(q, 7, a.start);
    store::bind(q, 8, a.end);
    q.bind(9, status_name(a.status));
    q.bind(10, stamp());
    q.bind(11, a.id);
}

void bind_indicator(SQLite::Statement& q, const Indicator& i) {
    store::bind_nonempty(q, 1, i.activity_id);
    store::bind_nonempty(q, 2, i.priority_code);
    q.bind(3, i.name);
    q.bind(4, i.unit);
    q.bind(5, i.baseline);
    store::bind(q, 6, i.baseline_date);
    q.bind(7, i.target);
    store::bind(q, 8, i.target_date);
    q.bind(9, stamp());
    q.bind(10, i.id);
}

void bind_contribution(SQLite::Statement& q, const Contribution& c) {
    q.bind(1, c.questionnaire);
    store::bind(q, 2, c.submitted);
    q.bind(3, c.submitted_to);
    q.bind(4, c.summary);
    store::bind_nonempty(q, 5, c.file_reference);
    q.bind(6, stamp());
    q.bind(7, c.id);
}

}  // namespace

void insert_priority(SQLite::Database& db, const Priority& p) {
    SQLite::Statement q(
        db,
        "INSERT INTO plan_priority (title, description, source, source_reference, "
        "source_date, updated_at, code, recorded_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    bind_priority(q, p);
    store::bind(q, 8, p.recorded_on);
    q.exec();
    insert_themes(db, p);
}

void update_priority(SQLite::Database& db, const Priority& p) {
    SQLite::Statement q(db,
                        "UPDATE plan_priority SET title = ?, description = ?, source = ?, "
                        "source_reference = ?, source_date = ?, updated_at = ? WHERE code = ?");
    bind_priority(q, p);
    q.exec();
    delete_rows(db, "DELETE FROM plan_priority_theme WHERE priority_code = ?", p.code);
    insert_themes(db, p);
}

void insert_activity(SQLite::Database& db, const Activity& a) {
    SQLite::Statement q(db,
                        "INSERT INTO plan_activity (title, description, kind, serves_no_priority, "
                        "working_group, member_id, start_date, end_date, status, updated_at, id) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    bind_activity(q, a);
    q.exec();
    insert_links(db, a);
    for (const auto& change : a.history) {
        insert_status_change(db, a.id, change);
    }
    for (const auto& note : a.progress) {
        insert_progress_note(db, a.id, note);
    }
}

void update_activity(SQLite::Database& db, const Activity& a) {
    SQLite::Statement q(db,
                        "UPDATE plan_activity SET title = ?, description = ?, kind = ?, "
                        "serves_no_priority = ?, working_group = ?, member_id = ?, "
                        "start_date = ?, end_date = ?, status = ?, updated_at = ? WHERE id = ?");
    bind_activity(q, a);
    q.exec();
    delete_rows(db, "DELETE FROM plan_activity_priority WHERE activity_id = ?", a.id);
    insert_links(db, a);
}

void insert_status_change(SQLite::Database& db, const std::string& activity_id,
                          const StatusChange& change) {
    SQLite::Statement ins(db,
                          "INSERT INTO plan_activity_status (activity_id, status, date, note, "
                          "recorded_at) VALUES (?, ?, ?, ?, ?)");
    ins.bind(1, activity_id);
    ins.bind(2, status_name(change.status));
    store::bind(ins, 3, change.date);
    store::bind_nonempty(ins, 4, change.note);
    ins.bind(5, stamp());
    ins.exec();
}

void void_latest_status(SQLite::Database& db, const std::string& activity_id, Date today,
                        const std::string& reason) {
    SQLite::Statement v(db,
                        "UPDATE plan_activity_status SET voided_at = ?, void_reason = ? "
                        "WHERE id = (SELECT id FROM plan_activity_status WHERE activity_id = ? "
                        "AND voided_at IS NULL ORDER BY date DESC, id DESC LIMIT 1)");
    store::bind(v, 1, today);
    v.bind(2, reason);
    v.bind(3, activity_id);
    v.exec();
}

void insert_progress_note(SQLite::Database& db, const std::string& activity_id,
                          const ProgressNote& note) {
    SQLite::Statement ins(
        db, "INSERT INTO plan_progress_note (activity_id, date, note) VALUES (?, ?, ?)");
    ins.bind(1, activity_id);
    store::bind(ins, 2, note.date);
    ins.bind(3, note.note);
    ins.exec();
}

void replace_history(SQLite::Database& db, const Activity& a) {
    struct Row {
        std::int64_t id;
        StatusChange change;
    };
    std::vector<Row> stored;
    {
        SQLite::Statement sel(db,
                              "SELECT id, date, status, note FROM plan_activity_status WHERE "
                              "activity_id = ? AND voided_at IS NULL ORDER BY id");
        sel.bind(1, a.id);
        while (sel.executeStep()) {
            stored.push_back(Row{
                sel.getColumn(0).getInt64(),
                StatusChange{
                    store::date(sel.getColumn(1)),
                    parse_status(store::text(sel.getColumn(2))).value_or(ActivityStatus::planned),
                    store::text(sel.getColumn(3))}});
        }
    }
    // Rows still in the history stay (with when they were recorded); the others go. Voided rows
    // are not part of the history and stay as they are.
    std::vector<bool> kept(stored.size(), false);
    std::vector<StatusChange> added;
    for (const auto& change : a.history) {
        bool found = false;
        for (std::size_t k = 0; k < stored.size() && !found; ++k) {
            if (!kept[k] && stored[k].change == change) {
                kept[k] = true;
                found = true;
            }
        }
        if (!found) {
            added.push_back(change);
        }
    }
    SQLite::Statement del(db, "DELETE FROM plan_activity_status WHERE id = ?");
    for (std::size_t k = 0; k < stored.size(); ++k) {
        if (!kept[k]) {
            del.bind(1, stored[k].id);
            del.exec();
            del.reset();
        }
    }
    for (const auto& change : added) {
        insert_status_change(db, a.id, change);
    }
}

void replace_progress(SQLite::Database& db, const Activity& a) {
    delete_rows(db, "DELETE FROM plan_progress_note WHERE activity_id = ?", a.id);
    for (const auto& note : a.progress) {
        insert_progress_note(db, a.id, note);
    }
}

void insert_indicator(SQLite::Database& db, const Indicator& i) {
    SQLite::Statement q(db,
                        "INSERT INTO plan_indicator (activity_id, priority_code, name, unit, "
                        "baseline, baseline_date, target, target_date, updated_at, id, "
                        "recorded_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    bind_indicator(q, i);
    store::bind(q, 11, i.recorded_on);
    q.exec();
    for (const auto& m : i.measurements) {
        insert_measurement(db, i.id, m);
    }
}

void update_indicator(SQLite::Database& db, const Indicator& i) {
    SQLite::Statement q(db,
                        "UPDATE plan_indicator SET activity_id = ?, priority_code = ?, name = ?, "
                        "unit = ?, baseline = ?, baseline_date = ?, target = ?, target_date = ?, "
                        "updated_at = ? WHERE id = ?");
    bind_indicator(q, i);
    q.exec();
}

void insert_measurement(SQLite::Database& db, const std::string& indicator_id,
                        const Measurement& m) {
    SQLite::Statement ins(
        db, "INSERT INTO plan_measurement (indicator_id, date, value, note) VALUES (?, ?, ?, ?)");
    ins.bind(1, indicator_id);
    store::bind(ins, 2, m.date);
    ins.bind(3, m.value);
    store::bind_nonempty(ins, 4, m.note);
    ins.exec();
}

void update_measurement(SQLite::Database& db, const std::string& indicator_id,
                        const Measurement& m) {
    SQLite::Statement q(
        db, "UPDATE plan_measurement SET value = ?, note = ? WHERE indicator_id = ? AND date = ?");
    q.bind(1, m.value);
    store::bind_nonempty(q, 2, m.note);
    q.bind(3, indicator_id);
    store::bind(q, 4, m.date);
    q.exec();
}

void delete_measurement_row(SQLite::Database& db, const std::string& indicator_id, Date date) {
    SQLite::Statement q(db, "DELETE FROM plan_measurement WHERE indicator_id = ? AND date = ?");
    q.bind(1, indicator_id);
    store::bind(q, 2, date);
    q.exec();
}

void delete_indicator_rows(SQLite::Database& db, const std::string& id) {
    delete_rows(db, "DELETE FROM plan_measurement WHERE indicator_id = ?", id);
    delete_rows(db, "DELETE FROM plan_indicator WHERE id = ?", id);
}

void delete_contribution_row(SQLite::Database& db, const std::string& id) {
    delete_rows(db, "DELETE FROM plan_contribution WHERE id = ?", id);
}

void replace_measurements(SQLite::Database& db, const Indicator& i) {
    delete_rows(db, "DELETE FROM plan_measurement WHERE indicator_id = ?", i.id);
    for (const auto& m : i.measurements) {
        insert_measurement(db, i.id, m);
    }
}

void insert_contribution(SQLite::Database& db, const Contribution& c) {
    SQLite::Statement q(db,
                        "INSERT INTO plan_contribution (questionnaire, submitted, submitted_to, "
                        "summary, file_reference, updated_at, id) VALUES (?, ?, ?, ?, ?, ?, ?)");
    bind_contribution(q, c);
    q.exec();
}

void update_contribution(SQLite::Database& db, const Contribution& c) {
    SQLite::Statement q(db,
                        "UPDATE plan_contribution SET questionnaire = ?, submitted = ?, "
                        "submitted_to = ?, summary = ?, file_reference = ?, updated_at = ? "
                        "WHERE id = ?");
    bind_contribution(q, c);
    q.exec();
}

}  // namespace nacsa::plan
