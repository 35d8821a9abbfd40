// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"
#include "meetings/meetings.hpp"
#include "members/members.hpp"
#include "output/findings.hpp"
#include "store/store.hpp"
#include "wg/wg.hpp"

// Use cases that span modules: each is one transaction (store.hpp) that calls the use cases of
// the modules it involves, so that all of it happens or none. A module never calls a module
// above it (lib/store/ownership.hpp); what needs one does so from here.
namespace nacsa::workflows {

// `nacsa init`: a new store holding the configuration, with the working groups it lists.
// Returns the store and a summary of what was set up ("3 working groups created"; empty when
// nothing was).
struct NewStore {
    store::Store store;
    Message summary;
};
[[nodiscard]] NewStore create_store(const std::filesystem::path& path,
                                    const std::string& config_yaml,
                                    const std::string& config_file_name, const store::Actor& actor);

// Records that would be left pointing at a region, thematic area, service, organisation type or
// role that a new configuration drops; each module names its own records. Empty when the new
// configuration can be applied.
[[nodiscard]] std::vector<Diagnostic> config_conflicts(store::Store& store,
                                                       const config::Alliance& next,
                                                       const std::string& file_name);

// `nacsa config apply`: validates the file, refuses to drop keys still in use (naming the
// records; ValidationError, exit 65), then stores it and records the change in the audit log.
// Returns a one-line summary of what changed.
// With dry_run, checks and summarises the same way and changes nothing.
Message apply_config(store::Store& store, const std::string& yaml_text,
                     const std::string& file_name, bool dry_run = false);

// `nacsa member status`: moves a member (an id, name or acronym) to a new status
// (members::change_status); a withdrawal also ends the member's working-group memberships and
// leads on the same date. One transaction.
struct StatusChange {
    std::string member_id;
    members::MemberStatus before = members::MemberStatus::active;  // the status it had
    members::MemberStatus after = members::MemberStatus::active;
    Date date{};                       // the day the change takes effect
    std::vector<wg::EndedRole> ended;  // what the withdrawal ended
};
StatusChange change_member_status(store::Store& store, const std::string& member,
                                  members::MemberStatus new_status, const std::string& reason,
                                  std::optional<Date> date);
// The same with the status by its name; a name that is not a status is a ValidationError
// (exit 65).
StatusChange change_member_status(store::Store& store, const std::string& member,
                                  const std::string& new_status, const std::string& reason,
                                  std::optional<Date> date);

// `nacsa member status MEMBER --correct`: voids the member's latest status change as entered
// by mistake (members::correct_status) and, when it was a withdrawal, gives back the
// working-group memberships and leads that withdrawal ended (wg::restore_ended_of). An ordinary
// later reinstatement (change_member_status to active) gives nothing back.
struct StatusCorrection {
    members::StatusCorrection correction;
    std::vector<wg::EndedRole> restored;
};
StatusCorrection correct_member_status(store::Store& store, const std::string& member,
                                       const std::string& reason);

// `nacsa member forget`: erases the personal data of one contact of a member (`contact`: its
// number, e-mail or name, members::resolve_contact_argument), or of every contact, wherever
// nacsa keeps it: the contact record, the audit log, and attendance records naming them as
// their organisation's representative. All or nothing (Store::erasure): when the old copies
// cannot leave the disk because another process is reading the store, nothing is changed and
// LockedError (exit 75) says so. Returns what it erased.
struct Erasure {
    std::string member_id;
    int contacts = 0;
    int mentions = 0;  // in meeting records and statements of interest
};
Erasure forget(store::Store& store, const std::string& member,
               const std::optional<std::string>& contact);

// `nacsa member contact remove`: removes a contact who left the member (members::remove_contact:
// kept without personal data when a seat or candidacy refers to it) and the attendance records
// naming them as representative, as an erasure, all or nothing like forget().
struct ContactRemoval {
    std::string member_id;
    bool kept_erased = false;
    int mentions = 0;  // in meeting records and statements of interest
};
ContactRemoval remove_contact(store::Store& store, const std::string& member,
                              const std::string& contact);

// `nacsa wg check`: the working groups' rules, with the date each group last met.
[[nodiscard]] std::vector<output::Finding> check_working_groups(store::Store& store, Date as_of,
                                                                int meeting_months);

// ---- Working groups (lib/workflows/working_groups.cpp) --------------------------------------

// `nacsa wg task add`: checks the task's activity against the activity plan (an activity the
// plan lacks: NotFoundError, exit 3), then adds the task (wg::add_task), in one transaction.
wg::Task add_working_group_task(store::Store& store, const wg::NewTask& task);

// ---- Meetings (lib/workflows/meetings.cpp) --------------------------------------------------

// `nacsa meeting agenda add`: an item linked to a plan activity or priority names one the plan
// has (NotFoundError, exit 3, otherwise; its id as the plan writes it), then the item is added
// (meetings::agenda_add), in one transaction. Returns its position.
int add_agenda_item(store::Store& store, const std::string& meeting, const std::string& title,
                    const std::optional<std::string>& presenter,
                    const std::optional<std::string>& link, std::optional<int> position);
// `nacsa meeting agenda ID edit N`: the same check of a new --link, then meetings::agenda_edit.
std::vector<std::string> edit_agenda_item(store::Store& store, const std::string& meeting,
                                          int position, meetings::AgendaChanges changes,
                                          const std::optional<std::string>& reason);

// `nacsa meeting decide`: a decision linked to a plan activity names one the plan has
// (NotFoundError, exit 3, otherwise; its id as the plan writes it), then the decision is
// recorded (meetings::decide), in one transaction.
meetings::Decision record_decision(store::Store& store, const std::string& meeting,
                                   const std::string& text, const meetings::Tally& tally,
                                   meetings::DecisionLinks links);
// `nacsa meeting decision edit`: the same check of a new --activity, then
// meetings::decision_edit.
std::vector<std::string> edit_decision(store::Store& store, const meetings::DecisionRef& ref,
                                       meetings::DecisionChanges changes,
                                       const std::optional<std::string>& reason);

// Runs `change` (a use case: committee seat or unseat, member status) in one transaction, and
// returns the committee findings (governance::check_committee on `date`, the change's day) that
// it creates: those after it that were not there before, so that a seat breaking the gender rule
// is seen when it is made, not in the next quarter's report.
[[nodiscard]] std::vector<output::Finding> committee_findings_created(
    store::Store& store, Date date, const std::function<void()>& change);

}  // namespace nacsa::workflows
