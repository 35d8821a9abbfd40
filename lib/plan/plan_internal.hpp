// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <SQLiteCpp/Database.h>

#include <array>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "core/message.hpp"
#include "plan/plan.hpp"

// Shared between the plan's source files; not for other modules.
namespace nacsa::plan {

// The names of the plan's enums (Source, ActivityKind, ActivityStatus), in their order: the
// store and the plan file write these.
inline constexpr std::array k_sources = {"vpi_report", "government", "alliance"};
inline constexpr std::array k_kinds = {
    "meeting_series", "capacity_building", "engagement",         "policy_brief",
    "publication",    "research",          "awareness_campaign", "questionnaire_contribution",
    "other"};
inline constexpr std::array k_statuses = {"planned", "in_progress", "done", "delayed", "cancelled"};

// What a record may refer to outside the plan: thematic areas, working groups, members.
class References {
  public:
    explicit References(store::Store& store);
    [[nodiscard]] bool is_theme(const std::string& key) const;
    [[nodiscard]] bool is_working_group(const std::string& key) const;
    [[nodiscard]] bool is_member(const std::string& id) const;
    [[nodiscard]] std::string known_themes() const;
    [[nodiscard]] Message known_working_groups() const;

  private:
    store::Store& m_store;
    std::vector<std::string> m_themes;
    std::vector<std::string> m_working_groups;
};

// Receives a problem with a record's field (index >= 0: the index-th item of a list field).
using Report = std::function<void(const std::string& field, int index, const Message& message)>;

// The checks of each record, shared by the commands and the plan file. Texts are checked as
// the plan file's reader checks them (yaml::text_problem), so that a record the commands
// store can be exported and imported again.
void check_priority(const References& refs, const Priority& p, const Report& report);
void check_activity(const References& refs, const std::set<std::string>& priority_codes,
                    const Activity& a, const Report& report);
void check_indicator(const Indicator& i, const Report& report);
void check_contribution(const Contribution& c, const Report& report);
// A text field's problem (length, UTF-8, control characters), reported as `field`.
void check_text(const std::string& value, const std::string& field, std::size_t max_bytes,
                const Report& report);

// Sorted lists, trimmed texts.
void normalise(Priority& p);
void normalise(Activity& a);
void normalise(Indicator& i);
void normalise(Contribution& c);
void sort_plan(Plan& plan);

// The next free id with a prefix: "A" -> "A13" after A12.
[[nodiscard]] std::string next_id(const std::vector<std::string>& existing,
                                  const std::string& prefix);

// Writing records (inside the caller's transaction; no audit). insert_* add a new record with
// its child rows (a plain INSERT: a record that exists is a constraint failure); update_*
// change an existing record's own fields and the lists that belong to it (themes, priorities
// served), leaving history, progress and measurements alone.
void insert_priority(SQLite::Database& db, const Priority& p);
void update_priority(SQLite::Database& db, const Priority& p);
void insert_activity(SQLite::Database& db, const Activity& a);
void update_activity(SQLite::Database& db, const Activity& a);
void insert_status_change(SQLite::Database& db, const std::string& activity_id,
                          const StatusChange& change);
// Marks the latest status change of an activity not yet voided as voided today, with why.
void void_latest_status(SQLite::Database& db, const std::string& activity_id, Date today,
                        const std::string& reason);
void insert_progress_note(SQLite::Database& db, const std::string& activity_id,
                          const ProgressNote& note);
void insert_indicator(SQLite::Database& db, const Indicator& i);
void update_indicator(SQLite::Database& db, const Indicator& i);
void insert_measurement(SQLite::Database& db, const std::string& indicator_id,
                        const Measurement& m);
void update_measurement(SQLite::Database& db, const std::string& indicator_id,
                        const Measurement& m);
void delete_measurement_row(SQLite::Database& db, const std::string& indicator_id, Date date);
// An indicator with its measurements.
void delete_indicator_rows(SQLite::Database& db, const std::string& id);
void delete_contribution_row(SQLite::Database& db, const std::string& id);
void insert_contribution(SQLite::Database& db, const Contribution& c);
void update_contribution(SQLite::Database& db, const Contribution& c);

// For the plan file, which merges records on purpose: makes the stored history, progress
// notes and measurements those of the record (history rows still there keep when they were
// recorded).
void replace_history(SQLite::Database& db, const Activity& a);
void replace_progress(SQLite::Database& db, const Activity& a);
void replace_measurements(SQLite::Database& db, const Indicator& i);

}  // namespace nacsa::plan
