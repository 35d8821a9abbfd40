#include <fmt/format.h>

#include "meetings/meetings.hpp"
#include "meetings/query.hpp"
#include "members/lookup.hpp"
#include "wg/check.hpp"
#include "workflows/workflows.hpp"

namespace nacsa::workflows {

StatusChange change_member_status(store::Store& store, const std::string& member,
                                  const std::string& new_status, const std::string& reason,
                                  std::optional<Date> date) {
    StatusChange change;
    store.transaction([&] {
        const std::string id = members::resolve_member(store, member).id;
        const Date day = date.value_or(store.today());
        change.before = members::change_status(store, id, new_status, reason, day);
        if (new_status == "withdrawn") {
            change.ended = wg::end_memberships_of(store, id, day);
        }
    });
    return change;
}

Erasure forget(store::Store& store, const std::string& member,
               const std::optional<std::string>& contact) {
    Erasure erasure;
    store.transaction([&] {
        const std::string id = members::resolve_member(store, member).id;
        const auto names = members::forget_contacts(store, id, contact);
        erasure.contacts = static_cast<int>(names.size());
        erasure.mentions = meetings::erase_representative_mentions(store, id, names);
        if (erasure.contacts > 0) {
            store.audit(
                "member", id,
                fmt::format("erased the personal data of {} contact{} on request{}",
                            erasure.contacts, erasure.contacts == 1 ? "" : "s",
                            erasure.mentions == 0
                                ? ""
                                : fmt::format(", and {} mention{} in meeting attendance",
                                              erasure.mentions, erasure.mentions == 1 ? "" : "s")));
        }
    });
    store.erase_old_pages();
    return erasure;
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
