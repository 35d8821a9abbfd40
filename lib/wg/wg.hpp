// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/alliance.hpp"
#include "core/time.hpp"
#include "store/store.hpp"

// Working groups: the groups, their thematic areas, member organisations, leads and tasks. A
// member or contact is named by the one rule of members/lookup.hpp; every change is one use case
// (store.hpp), audited with the record kinds working_group and wg_task.
namespace nacsa::wg {

enum class GroupStatus { active, archived };
enum class TaskStatus { open, done, dropped };

[[nodiscard]] std::string status_name(GroupStatus s);
[[nodiscard]] std::string status_name(TaskStatus s);
[[nodiscard]] std::optional<GroupStatus> parse_group_status(const std::string& name);
[[nodiscard]] std::optional<TaskStatus> parse_task_status(const std::string& name);

// A working group: what it works on, and since when.
struct WorkingGroup {
    std::string id;
    std::string name;
    std::string purpose;
    GroupStatus status = GroupStatus::active;
    Date created{};
    std::optional<Date> archived;
    std::vector<std::string> themes;  // thematic_areas keys, in configuration order
};

// A member organisation in a group (current or past), with its representative contact.
struct Membership {
    std::int64_t id = 0;
    std::string wg_id;
    std::string member_id;
    std::string member_name;
    std::optional<std::int64_t> contact_id;
    std::string contact_name;  // empty when none or erased
    Date joined{};
    std::optional<Date> ended;
    std::string end_reason;  // left, withdrawn, archived
};

// Who leads (or led) a group: a member organisation and one of its contacts.
struct Lead {
    std::int64_t id = 0;
    std::string wg_id;
    std::string member_id;
    std::string member_name;
    std::optional<std::int64_t> contact_id;
    std::string contact_name;  // empty when none or erased
    Date started{};
    std::optional<Date> ended;
    std::string end_reason;  // replaced, left, withdrawn, archived
};

struct Task {
    std::int64_t id = 0;
    std::string wg_id;
    std::string title;
    std::string description;
    std::optional<std::string> owner_id;
    std::optional<Date> due;
    TaskStatus status = TaskStatus::open;
    std::optional<std::string> activity_id;
    Date created{};
    std::optional<Date> closed;
    std::string close_note;

    // Open with a due date before `as_of`.
    [[nodiscard]] bool overdue(Date as_of) const;
};

// ---- Reading -------------------------------------------------------------------------------

// The group with this id (a '-' and '_' are interchangeable when only one group matches).
[[nodiscard]] std::optional<WorkingGroup> find_group(store::Store& store, const std::string& id);
// The group, or NotFoundError (exit 3) naming the known groups.
[[nodiscard]] WorkingGroup get_group(store::Store& store, const std::string& id);

enum class Include { current, all };

// Groups ordered by id; archived ones only with Include::all.
[[nodiscard]] std::vector<WorkingGroup> list_groups(store::Store& store,
                                                    Include include = Include::current);
[[nodiscard]] std::vector<Membership> memberships(store::Store& store, const std::string& wg_id,
                                                  Include include = Include::current);
// The member organisations in a group on a date (joined on or before it, not ended by then),
// by id: who a working-group meeting of that date invites.
[[nodiscard]] std::vector<std::string> member_ids_on(store::Store& store, const std::string& wg_id,
                                                     Date date);
[[nodiscard]] std::optional<Lead> current_lead(store::Store& store, const std::string& wg_id);
// Every lead the group has had, oldest first.
[[nodiscard]] std::vector<Lead> lead_history(store::Store& store, const std::string& wg_id);

struct TaskQuery {
    std::optional<std::string> wg_id;
    std::optional<TaskStatus> status;
    std::optional<std::string> owner_id;
    std::optional<Date> overdue_as_of;  // only open tasks due before this date
};
[[nodiscard]] std::vector<Task> list_tasks(store::Store& store, const TaskQuery& query);
[[nodiscard]] std::optional<Task> find_task(store::Store& store, std::int64_t id);

// What `nacsa wg task list` asks for, with the group and the owner as the user named them.
struct TaskFilter {
    std::optional<std::string> group;  // a group id (find_group); unknown: NotFoundError
    std::optional<TaskStatus> status;  // nullopt: every status
    std::optional<std::string> owner;  // a member reference (members::resolve_member)
    bool overdue_only = false;         // only open tasks due before as_of
    std::optional<Date> as_of;         // default: today
};
struct TaskList {
    Date as_of{};  // the day "overdue" was judged on
    std::vector<Task> tasks;
};
[[nodiscard]] TaskList filter_tasks(store::Store& store, const TaskFilter& filter);

// A group as `wg list` and `wg show` present it, as of today.
struct GroupDetail {
    WorkingGroup group;
    std::optional<Lead> lead;
    std::vector<Membership> memberships;  // current ones first, then former ones
    std::vector<Lead> former_leads;       // leads that ended, oldest first
    int members = 0;                      // current memberships
    int open_tasks = 0;
    int overdue_tasks = 0;  // open tasks due before today
};
// The group (find_group's rule), or NotFoundError (exit 3) naming the known groups.
[[nodiscard]] GroupDetail group_detail(store::Store& store, const std::string& id);
[[nodiscard]] std::vector<GroupDetail> group_details(store::Store& store,
                                                     Include include = Include::current);

// ---- Changing -------------------------------------------------------------------------------
// Each call is one use case (store.hpp): it reads the group, the member, the current
// membership and lead it decides on inside its own transaction (a savepoint within a caller's),
// validates, writes and audits. A member is named by members::resolve_member (exit 3 when
// unknown), a representative by members::resolve_contact (exit 65 on "representative"). A date
// left out is today in the alliance's time zone.

struct NewGroup {
    std::optional<std::string> id;  // default: a slug of the name
    std::string name;
    std::string purpose;
    std::vector<std::string> themes;
    std::optional<Date> created;  // default: today
};
// Creates an active group. Invalid fields or a taken id or name: ValidationError (65).
WorkingGroup create_group(store::Store& store, const NewGroup& group);

struct GroupChanges {
    std::optional<std::string> name;
    std::optional<std::string> purpose;
    std::optional<std::vector<std::string>> themes;  // replaces the list
    std::vector<std::string> add_themes;
    std::vector<std::string> remove_themes;
};
struct GroupEdit {
    std::string wg_id;
    std::vector<std::string> changed;  // one phrase per change; empty: nothing changed
};
GroupEdit edit_group(store::Store& store, const std::string& wg_id, const GroupChanges& changes);

enum class DropOpenTasks { no, yes };

struct ArchiveResult {
    std::string wg_id;
    Date date{};
    int memberships_ended = 0;
    bool lead_ended = false;
    int tasks_dropped = 0;
};
// Archives a group, ending its memberships and lead. Open tasks must be closed first unless
// DropOpenTasks::yes (ValidationError otherwise).
ArchiveResult archive_group(store::Store& store, const std::string& wg_id, std::optional<Date> date,
                            DropOpenTasks drop);

struct JoinResult {
    bool representative_changed = false;  // the member was already in the group
    Membership membership;
};
// Adds an active member organisation to a group, represented by `representative` (default:
// members::default_contact). Already a member with a representative given: changes the
// representative.
JoinResult join(store::Store& store, const std::string& wg_id, const std::string& member,
                const std::optional<std::string>& representative, std::optional<Date> date);

struct LeaveResult {
    Membership membership;
    bool lead_ended = false;
};
// Ends a membership (and the lead, when the member led the group).
LeaveResult leave(store::Store& store, const std::string& wg_id, const std::string& member,
                  std::optional<Date> date);

struct LeadResult {
    Lead lead;
    std::optional<Lead> previous;  // the lead it replaced
    bool joined = false;           // the member was not in the group and joined it
};
// Makes an active member organisation, represented by one of its contacts, the group's lead;
// the previous lead ends that day.
LeadResult set_lead(store::Store& store, const std::string& wg_id, const std::string& member,
                    const std::string& representative, std::optional<Date> date);

struct NewTask {
    std::string wg_id;
    std::string title;
    std::string description;
    std::optional<std::string> owner;  // a member reference: a current member of the group
    std::optional<Date> due;
    // The activity-plan item it belongs to. wg does not read the plan (a module above it):
    // workflows::add_working_group_task checks it.
    std::optional<std::string> activity_id;
};
// Adds an open task, created today; returns it with its id.
Task add_task(store::Store& store, const NewTask& task);

// Marks an open task done or dropped. Unknown: NotFoundError (3); closed: ValidationError (65).
Task close_task(store::Store& store, std::int64_t id, TaskStatus status, std::optional<Date> date,
                const std::string& note);

// Corrections of a task's fields: only those given change. The owner, when set, must be a
// current member of the group; the due date may not be before the task was added.
struct TaskChanges {
    std::optional<std::string> title;
    std::optional<std::string> description;
    std::optional<std::string> owner;  // a member reference
    bool clear_owner = false;
    std::optional<Date> due;
    bool clear_due = false;
};
struct TaskEdit {
    Task task;                         // after the change
    std::vector<std::string> changed;  // one phrase per change; empty: nothing changed
};
// Corrects a task, audited with the changes and the reason ("...; reason: TEXT") when
// something changed. Unknown: NotFoundError (3); invalid fields: ValidationError (65).
TaskEdit edit_task(store::Store& store, std::int64_t id, const TaskChanges& changes,
                   const std::string& reason);

// Deletes a task entered by mistake (a task that will not be done is dropped instead), audited
// with its title, group and the reason, which is required (ValidationError, 65). Unknown:
// NotFoundError (3). Returns the task as it was.
Task delete_task(store::Store& store, std::int64_t id, const std::string& reason);

// What end_memberships_of ended.
struct EndedRole {
    std::string wg_id;
    enum class Kind { membership, lead } kind = Kind::membership;
};

// Ends every current membership and lead of a member organisation on `date` (reason
// "withdrawn"), audited (the member status change of lib/workflows calls it in its transaction).
std::vector<EndedRole> end_memberships_of(store::Store& store, const std::string& member_id,
                                          Date date);

// Gives back what end_memberships_of(member_id, date) ended, when the withdrawal is voided as
// entered by mistake: reopens the member's memberships and leads ended on that date with reason
// "withdrawn", except in groups archived since, where the member has joined again, or (a lead)
// where the group has had another lead since. Audited; returns what was reopened.
std::vector<EndedRole> restore_ended_of(store::Store& store, const std::string& member_id,
                                        Date date);

// One sentence for the user about what end_memberships_of ended, e.g. "ended on 2026-12-01:
// working-group memberships of a, b; lead of a"; empty when nothing was ended.
[[nodiscard]] std::string describe_ended(const std::vector<EndedRole>& ended, Date date);

// Creates the working groups the configuration lists that the store does not have yet, in
// one transaction; returns how many were created (`nacsa init`).
int create_configured_groups(store::Store& store);

// The working groups that use a configured thematic area, by id (empty for other kinds of key).
[[nodiscard]] std::vector<std::string> key_users(store::Store& store, config::KeyKind kind,
                                                 const std::string& key);

}  // namespace nacsa::wg
