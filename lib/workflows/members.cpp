// SPDX-License-Identifier: Apache-2.0
#include <fmt/format.h>

#include "core/text.hpp"
#include "meetings/meetings.hpp"
#include "meetings/query.hpp"
#include "members/interest.hpp"
#include "members/lookup.hpp"
#include "wg/check.hpp"
#include "workflows/workflows.hpp"

namespace nacsa::workflows {

StatusChange change_member_status(store::Store& store, const std::string& member,
                                  members::MemberStatus new_status, const std::string& reason,
                                  std::optional<Date> date) {
    StatusChange change;
    store.transaction([&] {
        const auto update = members::change_status(store, member, new_status, reason, date);
        change.member_id = update.member_id;
        change.before = update.before;
        change.after = update.after;
        change.date = update.date;
        if (new_status == members::MemberStatus::withdrawn) {
            change.ended = wg::end_memberships_of(store, update.member_id, update.date);
        }
    });
    return change;
}

StatusChange change_member_status(store::Store& store, const std::string& member,
                                  const std::string& new_status, const std::string& reason,
                                  std::optional<Date> date) {
    const auto status = members::parse_status(new_status);
    if (!status) {
        throw ValidationError(
            {Diagnostic{.field = "status",
                        .message = msg("\"{}\" is not a membership status (known: {})",
                                       text::escape_control(new_status),
                                       text::join(members::status_names(), ", "))}});
    }
    return change_member_status(store, member, *status, reason, date);
}

StatusCorrection correct_member_status(store::Store& store, const std::string& member,
                                       const std::string& reason) {
    StatusCorrection result;
    store.transaction([&] {
        result.correction = members::correct_status(store, member, reason);
        if (result.correction.voided.status == members::MemberStatus::withdrawn) {
            result.restored = wg::restore_ended_of(store, result.correction.member_id,
                                                   result.correction.voided.date);
        }
    });
    return result;
}

Erasure forget(store::Store& store, const std::string& member,
               const std::optional<std::string>& contact) {
    Erasure erasure;
    store.erasure([&] {
        const std::string id = members::resolve_member(store, member).id;
        erasure.member_id = id;
        const auto names = members::forget_contacts(store, id, contact);
        erasure.contacts = static_cast<int>(names.size());
        erasure.mentions = meetings::erase_representative_mentions(store, id, names) +
                           members::erase_name_in_statements(store, id, names);
        if (erasure.contacts > 0) {
            store.audit(
                "member", id,
                fmt::format("erased the personal data of {} contact{} on request{}",
                            erasure.contacts, erasure.contacts == 1 ? "" : "s",
                            erasure.mentions == 0
                                ? ""
                                : fmt::format(", and {} mention{} in meeting records and "
                                              "statements of interest",
                                              erasure.mentions, erasure.mentions == 1 ? "" : "s")));
        }
    });
    return erasure;
}

ContactRemoval remove_contact(store::Store& store, const std::string& member,
                              const std::string& contact) {
    ContactRemoval removal;
    store.erasure([&] {
        const auto removed = members::remove_contact(store, member, contact);
        removal.member_id = removed.contact.member_id;
        removal.kept_erased = removed.kept_erased;
        const std::vector<std::string> names{removed.contact.name};
        removal.mentions =
            meetings::erase_representative_mentions(store, removal.member_id, names) +
            members::erase_name_in_statements(store, removal.member_id, names);
    });
    return removal;
}

std::vector<output::Finding> check_working_groups(store::Store& store, Date as_of,
                                                  int meeting_months) {
    wg::CheckOptions options;
    options.as_of = as_of;
    options.meeting_months = meeting_months;
    options.last_meetings = meetings::working_group_meeting_dates(store, as_of);
    return wg::check_groups(store, options);
}

}  // namespace nacsa::workflows
