#include "config/apply.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <set>

#include "core/text.hpp"

namespace nacsa::config {

namespace {

template <typename T>
std::set<std::string> keys_of(const std::vector<T>& items) {
    std::set<std::string> out;
    for (const auto& item : items) {
        out.insert(item.key);
    }
    return out;
}

// Finds rows whose `column` holds a key that the new configuration no longer has.
void find_dropped(SQLite::Database& db, const std::string& what, const std::string& sql,
                  const std::set<std::string>& old_keys, const std::set<std::string>& new_keys,
                  const std::string& file_name, std::vector<Diagnostic>& out) {
    for (const auto& key : old_keys) {
        if (new_keys.count(key) != 0) {
            continue;
        }
        if (!db.tableExists("member")) {
            continue;
        }
        SQLite::Statement q(db, sql);
        q.bind(1, key);
        std::vector<std::string> users;
        int count = 0;
        while (q.executeStep()) {
            if (++count <= 5) {
                users.push_back(q.getColumn(0).getString());
            }
        }
        if (count > 0) {
            out.push_back(
                Diagnostic{file_name, 0, 0, what,
                           fmt::format("\"{}\" is dropped but still used by {} record{}: {}{}", key,
                                       count, count == 1 ? "" : "s", text::join(users, ", "),
                                       count > 5 ? ", ..." : "")});
        }
    }
}

}  // namespace

std::vector<Diagnostic> conflicts_with_store(store::Store& store, const Alliance& next,
                                             const std::string& file_name) {
    const Alliance& current = store.alliance();
    auto& db = store.db();
    std::vector<Diagnostic> out;
    find_dropped(db, "regions", "SELECT id FROM member WHERE region = ? ORDER BY id",
                 keys_of(current.regions), keys_of(next.regions), file_name, out);
    find_dropped(db, "organisation_types", "SELECT id FROM member WHERE type = ? ORDER BY id",
                 keys_of(current.organisation_types), keys_of(next.organisation_types), file_name,
                 out);
    find_dropped(db, "thematic_areas",
                 "SELECT member_id FROM member_theme WHERE theme = ? ORDER BY member_id",
                 keys_of(current.thematic_areas), keys_of(next.thematic_areas), file_name, out);
    if (db.tableExists("wg_theme")) {
        find_dropped(db, "thematic_areas",
                     "SELECT wg_id FROM wg_theme WHERE theme = ? ORDER BY wg_id",
                     keys_of(current.thematic_areas), keys_of(next.thematic_areas), file_name, out);
    }
    if (db.tableExists("plan_priority_theme")) {
        find_dropped(
            db, "thematic_areas",
            "SELECT priority_code FROM plan_priority_theme WHERE theme = ? ORDER BY priority_code",
            keys_of(current.thematic_areas), keys_of(next.thematic_areas), file_name, out);
    }
    find_dropped(db, "services",
                 "SELECT member_id FROM member_service WHERE service = ? ORDER BY member_id",
                 keys_of(current.services), keys_of(next.services), file_name, out);
    if (db.tableExists("seat")) {
        // Roles held by a seat today or later, and roles of elections still open.
        const std::string day = format_date(today(current.time_zone));
        find_dropped(db, "roles",
                     "SELECT 'seat of ' || member_id FROM seat WHERE role = ?1 AND term_end >= '" +
                         day + "' AND (ended_on IS NULL OR ended_on > '" + day +
                         "') UNION ALL SELECT 'election ' || id FROM election WHERE role = ?1 AND "
                         "closed_on IS NULL",
                     keys_of(current.roles), keys_of(next.roles), file_name, out);
    }
    return out;
}

std::string apply(store::Store& store, const std::string& yaml_text, const std::string& file_name) {
    const Alliance next = parse_alliance(yaml_text, file_name);
    if (store.config_yaml() == yaml_text) {
        return "the configuration is unchanged";
    }
    const Alliance current = store.alliance();
    std::vector<std::string> changes;
    auto count_change = [&](const std::string& what, std::size_t before, std::size_t after) {
        if (before != after) {
            changes.push_back(fmt::format("{}: {} -> {}", what, before, after));
        }
    };
    count_change("regions", current.regions.size(), next.regions.size());
    count_change("thematic areas", current.thematic_areas.size(), next.thematic_areas.size());
    count_change("services", current.services.size(), next.services.size());
    count_change("organisation types", current.organisation_types.size(),
                 next.organisation_types.size());
    count_change("roles", current.roles.size(), next.roles.size());
    const std::string summary = changes.empty()
                                    ? "configuration updated"
                                    : "configuration updated (" + text::join(changes, "; ") + ")";
    store.transaction([&] {
        // Checked inside the transaction, so no record can start using a dropped key meanwhile.
        auto conflicts = conflicts_with_store(store, next, file_name);
        if (!conflicts.empty()) {
            throw ValidationError(std::move(conflicts));
        }
        store.replace_config(yaml_text, file_name);
        store.audit("config", next.short_name, summary);
    });
    return summary;
}

}  // namespace nacsa::config
