// SPDX-License-Identifier: Apache-2.0
#include <fmt/format.h>

#include <set>

#include "core/message_list.hpp"
#include "core/text.hpp"
#include "governance/governance.hpp"
#include "members/lookup.hpp"
#include "plan/plan.hpp"
#include "wg/wg.hpp"
#include "workflows/workflows.hpp"

namespace nacsa::workflows {

namespace {

template <typename T>
std::set<std::string> keys_of(const std::vector<T>& items) {
    std::set<std::string> out;
    for (const auto& item : items) {
        out.insert(item.key);
    }
    return out;
}

// The records of each module that use `key`: one list per module that has any.
std::vector<std::vector<std::string>> key_users(store::Store& store, config::KeyKind kind,
                                                const std::string& key) {
    std::vector<std::vector<std::string>> out;
    for (auto&& users :
         {members::key_users(store, kind, key), wg::key_users(store, kind, key),
          plan::key_users(store, kind, key), governance::key_users(store, kind, key)}) {
        if (!users.empty()) {
            out.push_back(users);
        }
    }
    return out;
}

// For each dropped key, one diagnostic per module whose records still use it, naming up to
// five of them.
void find_dropped(store::Store& store, config::KeyKind kind, const std::string& field,
                  const std::set<std::string>& old_keys, const std::set<std::string>& new_keys,
                  const std::string& file_name, std::vector<Diagnostic>& out) {
    for (const auto& key : old_keys) {
        if (new_keys.count(key) != 0) {
            continue;
        }
        for (auto& users : key_users(store, kind, key)) {
            const auto count = users.size();
            if (count > 5) {
                users.resize(5);
            }
            const std::string names = text::join(users, ", ") + (count > 5 ? ", ..." : "");
            out.push_back(Diagnostic{
                file_name, 0, 0, field,
                count == 1 ? msg("\"{}\" is dropped but still used by 1 record: {}", key, names)
                           : msg("\"{}\" is dropped but still used by {} records: {}", key, count,
                                 names)});
        }
    }
}

Message change_summary(const config::Alliance& current, const config::Alliance& next) {
    std::vector<Message> changes;
    auto count_change = [&](const Message& what, std::size_t before, std::size_t after) {
        if (before != after) {
            changes.push_back(msg("{}: {} -> {}", what, before, after));
        }
    };
    count_change(msg("regions"), current.regions.size(), next.regions.size());
    count_change(msg("thematic areas"), current.thematic_areas.size(), next.thematic_areas.size());
    count_change(msg("services"), current.services.size(), next.services.size());
    count_change(msg("organisation types"), current.organisation_types.size(),
                 next.organisation_types.size());
    count_change(msg("roles"), current.roles.size(), next.roles.size());
    return changes.empty() ? msg("configuration updated")
                           : msg("configuration updated ({})", join_messages(changes, "; "));
}

}  // namespace

std::vector<Diagnostic> config_conflicts(store::Store& store, const config::Alliance& next,
                                         const std::string& file_name) {
    const config::Alliance& current = store.alliance();
    std::vector<Diagnostic> out;
    using config::KeyKind;
    find_dropped(store, KeyKind::region, "regions", keys_of(current.regions), keys_of(next.regions),
                 file_name, out);
    find_dropped(store, KeyKind::organisation_type, "organisation_types",
                 keys_of(current.organisation_types), keys_of(next.organisation_types), file_name,
                 out);
    find_dropped(store, KeyKind::thematic_area, "thematic_areas", keys_of(current.thematic_areas),
                 keys_of(next.thematic_areas), file_name, out);
    find_dropped(store, KeyKind::service, "services", keys_of(current.services),
                 keys_of(next.services), file_name, out);
    find_dropped(store, KeyKind::role, "roles", keys_of(current.roles), keys_of(next.roles),
                 file_name, out);
    return out;
}

Message apply_config(store::Store& store, const std::string& yaml_text,
                     const std::string& file_name, bool dry_run) {
    const config::Alliance next = config::parse_alliance(yaml_text, file_name);
    Message summary = msg("the configuration is unchanged");
    store.transaction([&] {
        if (store.config_yaml() == yaml_text) {
            return;
        }
        // Checked inside the transaction, so no record can start using a dropped key meanwhile.
        auto conflicts = config_conflicts(store, next, file_name);
        if (!conflicts.empty()) {
            throw ValidationError(std::move(conflicts));
        }
        summary = change_summary(store.alliance(), next);
        if (dry_run) {
            return;
        }
        store.replace_config(yaml_text, file_name);
        store.audit("config", next.short_name, summary.english());
    });
    return summary;
}

NewStore create_store(const std::filesystem::path& path, const std::string& config_yaml,
                      const std::string& config_file_name, const store::Actor& actor) {
    int groups = 0;
    auto created =
        store::Store::create(path, config_yaml, config_file_name, actor,
                             [&](store::Store& s) { groups = wg::create_configured_groups(s); });
    return NewStore{std::move(created), groups == 0   ? Message()
                                        : groups == 1 ? msg("1 working group created")
                                                      : msg("{} working groups created", groups)};
}

}  // namespace nacsa::workflows
