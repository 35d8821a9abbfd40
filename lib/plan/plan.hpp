// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/alliance.hpp"
#include "core/time.hpp"
#include "output/findings.hpp"
#include "store/store.hpp"

// The activity plan: VPI priorities, the activities that serve them, indicators with dated
// measurements, and contributions to the UNTOC review. See nacsa-plan(1).
namespace nacsa::plan {

// Where a priority was agreed.
enum class Source { vpi_report, government, alliance };

enum class ActivityKind {
    meeting_series,
    capacity_building,
    engagement,
    policy_brief,
    publication,
    research,
    awareness_campaign,
    questionnaire_contribution,
    other,
};

enum class ActivityStatus { planned, in_progress, done, delayed, cancelled };

[[nodiscard]] std::string source_name(Source s);
[[nodiscard]] std::optional<Source> parse_source(std::string_view name);
[[nodiscard]] std::string kind_name(ActivityKind k);
[[nodiscard]] std::optional<ActivityKind> parse_kind(std::string_view name);
[[nodiscard]] std::string status_name(ActivityStatus s);
[[nodiscard]] std::optional<ActivityStatus> parse_status(std::string_view name);
// "planned, in_progress, ..." for error messages.
[[nodiscard]] std::string known_sources();
[[nodiscard]] std::string known_kinds();
[[nodiscard]] std::string known_statuses();

struct Measurement {
    Date date{};
    double value = 0;
    std::string note;
    bool operator==(const Measurement&) const = default;
};

// A measurable result of an activity or of a priority (exactly one of the two).
struct Indicator {
    std::string id;
    std::string activity_id;    // empty for a priority's indicator
    std::string priority_code;  // empty for an activity's indicator
    std::string name;
    std::string unit;
    double baseline = 0;
    std::optional<Date> baseline_date;  // else the activity's start (see effective_baseline_date)
    double target = 0;
    Date target_date{};
    std::vector<Measurement> measurements;  // by date
    // The day it was entered (none: before schema version 13); with its first measurement,
    // when it entered the plan (plan_as_of).
    std::optional<Date> recorded_on;
    bool operator==(const Indicator&) const = default;
};

struct Priority {
    std::string code;
    std::string title;
    std::string description;
    std::vector<std::string> thematic_areas;  // configuration keys, sorted
    Source source = Source::vpi_report;
    std::string source_reference;
    std::optional<Date> source_date;
    // The day it was entered (none: before schema version 13); with its source date, when it
    // entered the plan (plan_as_of).
    std::optional<Date> recorded_on;
    bool operator==(const Priority&) const = default;
};

struct StatusChange {
    Date date{};
    ActivityStatus status = ActivityStatus::planned;
    std::string note;
    bool operator==(const StatusChange&) const = default;
};

// A status change voided as entered by mistake (`plan activity status --correct`): kept, with
// the day it was voided and why, out of the history every reader uses.
struct VoidedStatus {
    StatusChange change;
    Date voided_on{};
    std::string reason;
    bool operator==(const VoidedStatus&) const = default;
};

struct ProgressNote {
    Date date{};
    std::string note;
    bool operator==(const ProgressNote&) const = default;
};

struct Activity {
    std::string id;
    std::string title;
    std::string description;
    ActivityKind kind = ActivityKind::other;
    std::vector<std::string> priorities;  // codes, sorted
    bool serves_no_priority = false;      // said explicitly: serves no priority
    std::string working_group;
    std::string member;
    Date start{};
    Date end{};
    ActivityStatus status = ActivityStatus::planned;  // the latest of history
    std::vector<StatusChange> history;                // by date, without the voided ones
    std::vector<VoidedStatus> voided;                 // in the order they were recorded
    std::vector<ProgressNote> progress;               // by date
    bool operator==(const Activity&) const = default;
};

// What the alliance contributed to the government's answers in the UNTOC review.
struct Contribution {
    std::string id;
    std::string questionnaire;  // article or cluster of the self-assessment questionnaire
    Date submitted{};
    std::string submitted_to;
    std::string summary;
    std::string file_reference;
    bool operator==(const Contribution&) const = default;
};

// The whole plan, each list in natural id order (P2 before P10).
struct Plan {
    std::vector<Priority> priorities;
    std::vector<Activity> activities;
    std::vector<Indicator> indicators;
    std::vector<Contribution> contributions;

    [[nodiscard]] const Priority* find_priority(const std::string& code) const;
    [[nodiscard]] const Activity* find_activity(const std::string& id) const;
    [[nodiscard]] const Indicator* find_indicator(const std::string& id) const;
    [[nodiscard]] const Contribution* find_contribution(const std::string& id) const;
    // The same, NotFoundError (exit 3) when the plan has none: 'no activity "A9" in the plan'.
    [[nodiscard]] const Priority& priority(const std::string& code) const;
    [[nodiscard]] const Activity& activity(const std::string& id) const;
    [[nodiscard]] const Indicator& indicator(const std::string& id) const;
    [[nodiscard]] const Contribution& contribution(const std::string& id) const;
};

// Natural order of ids: "A2" < "A10".
[[nodiscard]] bool natural_less(const std::string& a, const std::string& b);
// Whether an id or code is acceptable: a letter, then letters, digits, '-', '_' or '.'
// (at most 32 characters).
[[nodiscard]] bool is_plan_id(std::string_view id);

// ---- Reading (the read-only API reports use) ----

// The whole plan as stored.
[[nodiscard]] Plan load_plan(store::Store& store);

// The plan as its records stood at the end of a day: each activity's status history and progress
// notes up to that day, its status the latest of them (an activity whose first status is dated
// later was not yet in the plan: left out, with its indicators); each indicator's measurements
// up to that day; the contributions submitted by then. What records carry no date of their own
// (an activity's title and dates, an indicator's definition) is as stored: an edit corrects it
// for every day. A priority is in the plan from the earlier of the day it was entered and its
// source date, an indicator from the earliest of the day it was entered, its baseline date and
// its first measurement (records entered before schema version 13 always; an indicator
// imported with its activity was entered when the activity was); a priority that a kept
// activity serves stays. Reports and `--as-of` read the plan through this.
[[nodiscard]] Plan plan_as_of(const Plan& plan, Date as_of);

// Whether an activity's end date has passed on a date while it is neither done nor cancelled.
[[nodiscard]] bool is_overdue(const Activity& activity, Date as_of);

// How an indicator stands against its target on a date.
enum class Standing { on_track, at_risk, off_track, achieved, missed, no_data, not_started };
[[nodiscard]] std::string standing_name(Standing s);

struct IndicatorStatus {
    const Indicator* indicator = nullptr;
    Date baseline_date{};
    std::optional<Measurement> latest;  // last measurement on or before the date
    double expected = 0;                // by linear interpolation baseline -> target
    std::optional<double> achieved;     // (actual - baseline) / (target - baseline), 0..
    Standing standing = Standing::no_data;
};

// The rule of nacsa-plan(1): expected = baseline + (target - baseline) * elapsed share between
// the baseline date and the target date; progress = (actual - baseline) / (expected - baseline);
// achieved when the actual reaches the target; missed when the target date has passed without
// it (the last measurement below the target); on track when progress >= 0.9, at risk when
// >= 0.6, else off track. No measurement yet: no data; before the baseline date: not started.
[[nodiscard]] IndicatorStatus indicator_status(const Plan& plan, const Indicator& indicator,
                                               Date as_of);
[[nodiscard]] Date effective_baseline_date(const Plan& plan, const Indicator& indicator);

struct ActivityProgress {
    const Activity* activity = nullptr;
    bool overdue = false;              // end date passed, neither done nor cancelled
    std::optional<double> completion;  // 0..1: done = 1; else mean achieved share of indicators
    std::vector<IndicatorStatus> indicators;
};

struct PriorityProgress {
    const Priority* priority = nullptr;        // null: the group of activities serving no priority
    std::vector<ActivityProgress> activities;  // overdue first, then by end date
    std::vector<IndicatorStatus> indicators;   // the priority's own indicators
};

// Per priority, its activities with status, completion and indicators, as of a date; the
// activities serving no priority last (priority = null). Keeps pointers into `plan`.
[[nodiscard]] std::vector<PriorityProgress> plan_status(const Plan& plan, Date as_of);

// `nacsa plan check`: priority-without-activity, activity-without-priority, activity-overdue
// (errors), indicator-not-measured (warning: no measurement since the first day of the previous
// quarter).
[[nodiscard]] std::vector<output::Finding> check_plan(const Plan& plan, Date as_of);

// ---- The plan file ----

// Parses and validates a plan file against the store (configuration thematic areas, members,
// working groups, references between records). Every problem with line:column: ValidationError.
[[nodiscard]] Plan parse_plan_file(store::Store& store, const std::string& yaml_text,
                                   const std::string& file_name);

// The whole plan as YAML: deterministic, so export -> import -> export is byte-identical.
[[nodiscard]] std::string export_plan(const Plan& plan);

enum class DryRun { no, yes };

struct ImportResult {
    int added = 0;
    int updated = 0;
    int unchanged = 0;
    std::vector<Message> changes;  // "activity A3: status in_progress -> done", ...
};

// Adds and updates every record of the file (records absent from the file are kept), in one
// transaction that also reads the plan the file is merged into. Status history is merged: when
// an activity's `status` differs from the latest of its history, a change dated `today` is
// recorded. A dry run reads and compares, and writes nothing.
ImportResult import_plan(store::Store& store, const std::string& yaml_text,
                         const std::string& file_name, DryRun dry_run, Date today);

// ---- Changing the plan ----
//
// Each function below is one use case of nacsa-plan(1), run inside one store transaction: it
// reads the plan as it stands, validates (ValidationError listing every problem, exit 65),
// allocates the id, writes and audits once. A record named that does not exist is
// NotFoundError (exit 3). Texts are trimmed; each must be UTF-8 without control characters
// other than tab and line break, at most yaml::k_max_text_bytes long (descriptions, summaries
// and notes: k_max_long_text_bytes), so that whatever the plan holds exports and imports again.

// Longest description, summary or note.
inline constexpr std::size_t k_max_long_text_bytes = 100'000;

// Whether an edit changed anything (an edit that changes nothing writes nothing).
enum class Changed { no, yes };

// Adds a priority under its code; a code the plan already has is a ValidationError naming it.
void add_priority(store::Store& store, Priority priority);

// What an edit of a priority changes: each field given replaces the stored one.
struct PriorityEdit {
    std::optional<std::string> title;
    std::optional<std::string> description;
    std::optional<std::vector<std::string>> thematic_areas;
    std::optional<Source> source;
    std::optional<std::string> source_reference;
    std::optional<std::optional<Date>> source_date;  // given as nullopt: no date
};
Changed edit_priority(store::Store& store, const std::string& code, const PriorityEdit& edit);

// Adds an activity under the next free id ("A13" after A12), which it returns. Its status is
// recorded as of today (`history` and `progress` given are not read). `member` may name the
// member by id, name or acronym (members::find_member_ref).
[[nodiscard]] std::string add_activity(store::Store& store, Activity activity);

// What an edit of an activity changes: each field given replaces the stored one; a progress
// note is added.
struct ActivityEdit {
    std::optional<std::string> title;
    std::optional<std::string> description;
    std::optional<ActivityKind> kind;
    // The priorities it serves; given empty, it serves none on purpose (serves_no_priority).
    std::optional<std::vector<std::string>> priorities;
    std::optional<std::string> working_group;  // "" for none
    std::optional<std::string> member;         // id, name or acronym; "" for none
    std::optional<Date> start;
    std::optional<Date> end;
    std::optional<std::string> progress_note;  // added to its progress
    std::optional<Date> progress_date;         // of the note; default today
};
Changed edit_activity(store::Store& store, const std::string& id, const ActivityEdit& edit);

// A new status of an activity, dated (default today, not before its latest change).
struct StatusUpdate {
    ActivityStatus before = ActivityStatus::planned;
    ActivityStatus after = ActivityStatus::planned;
    Date date{};
};
StatusUpdate change_activity_status(store::Store& store, const std::string& id,
                                    ActivityStatus status, std::optional<Date> date,
                                    const std::string& note);

// `plan activity status ID --correct --reason TEXT`: voids the activity's latest status change
// as entered by mistake (kept in its history, marked voided today with the reason); the one
// before it is the activity's status again. Refused (exit 65) for an activity's first status,
// which is its entry into the plan, and without a reason.
struct StatusCorrection {
    VoidedStatus voided;
    ActivityStatus status = ActivityStatus::planned;  // the activity's status now
};
StatusCorrection correct_activity_status(store::Store& store, const std::string& id,
                                         const std::string& reason);

// Adds an indicator of an activity or of a priority (exactly one; NotFoundError when it is not
// in the plan) under the next free id, which it returns. Measurements given are not read.
[[nodiscard]] std::string add_indicator(store::Store& store, Indicator indicator);

// What an edit of an indicator changes (not what it measures, nor its measurements).
struct IndicatorEdit {
    std::optional<std::string> name;
    std::optional<std::string> unit;
    std::optional<double> baseline;
    std::optional<std::optional<Date>> baseline_date;  // given as nullopt: the activity's start
    std::optional<double> target;
    std::optional<Date> target_date;
    std::string reason;  // why (a correction), kept in the audit log; may be empty
};
Changed edit_indicator(store::Store& store, const std::string& id, const IndicatorEdit& edit);

// Records an indicator's value on a date (default today), replacing the one of that date.
enum class Recorded { added, replaced, unchanged };
struct MeasurementResult {
    Recorded recorded = Recorded::added;
    Measurement measurement;
    std::string unit;  // the indicator's
};
MeasurementResult record_measurement(store::Store& store, const std::string& indicator_id,
                                     double value, std::optional<Date> date,
                                     const std::string& note);

// Adds a contribution to the review under the next free id, which it returns.
[[nodiscard]] std::string add_contribution(store::Store& store, Contribution contribution);

struct ContributionEdit {
    std::optional<std::string> questionnaire;
    std::optional<Date> submitted;
    std::optional<std::string> submitted_to;
    std::optional<std::string> summary;
    std::optional<std::string> file_reference;  // "" for none
    std::string reason;  // why (a correction), kept in the audit log; may be empty
};
Changed edit_contribution(store::Store& store, const std::string& id, const ContributionEdit& edit);

// ---- Corrections ----
//
// A record entered by mistake is corrected or deleted with a reason (required: a ValidationError
// when empty), which the audit log keeps with what was changed. Reports written afterwards
// follow the correction, also for closed periods.

// Deletes an indicator with its measurements.
void delete_indicator(store::Store& store, const std::string& id, const std::string& reason);

// What a correction of a measurement changes (the measurement of `date`; NotFoundError when the
// indicator has none that day).
struct MeasurementEdit {
    std::optional<double> value;
    std::optional<std::string> note;  // "" for none
    std::string reason;
};
Changed edit_measurement(store::Store& store, const std::string& indicator_id, Date date,
                         const MeasurementEdit& edit);
void delete_measurement(store::Store& store, const std::string& indicator_id, Date date,
                        const std::string& reason);

void delete_contribution(store::Store& store, const std::string& id, const std::string& reason);

// The timeline of `nacsa plan timeline`: one row per activity overlapping [from, to].
enum class Granularity { month, quarter };
struct TimelineOptions {
    Date from{};
    Date to{};
    Granularity by = Granularity::month;
    int width = 80;
};
[[nodiscard]] std::string render_timeline(const Plan& plan, const TimelineOptions& options,
                                          Date today);
// The timeline's range and granularity: from the earliest start (or today) to the latest end
// (or today) unless given, by month when that spans 12 months or fewer, else by quarter.
[[nodiscard]] TimelineOptions timeline_options(const Plan& plan, std::optional<Date> from,
                                               std::optional<Date> to,
                                               std::optional<Granularity> by, Date today);

// Text rendering of plan_status for the terminal, and its JSON.
[[nodiscard]] std::string render_status_text(const std::vector<PriorityProgress>& status,
                                             Date as_of);
[[nodiscard]] std::string render_status_json(const std::vector<PriorityProgress>& status,
                                             Date as_of);

// The priorities that use a configured thematic area, by code (empty for other kinds of key).
[[nodiscard]] std::vector<std::string> key_users(store::Store& store, config::KeyKind kind,
                                                 const std::string& key);

}  // namespace nacsa::plan
