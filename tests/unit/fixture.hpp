// SPDX-License-Identifier: Apache-2.0
#pragma once

// The one fixture of the unit tests: a real store with the example configuration in a
// temporary folder, and data built through the modules' own use cases, never raw INSERTs (a
// fixture that writes rows by hand tests a store nacsa would never make).

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "config/alliance.hpp"
#include "core/time.hpp"
#include "members/members.hpp"
#include "store/store.hpp"
#include "temp_dir.hpp"
#include "workflows/workflows.hpp"

namespace nacsa::testing {

inline Date d(const char* iso) {
    const auto date = parse_date(iso);
    REQUIRE(date.has_value());
    return *date;
}

// What a test member is made of; the defaults make an active NGO that joined in 2024.
struct MemberSpec {
    std::string name;  // default: "Org <id>"
    std::string type = "ngo";
    std::string region;
    std::vector<std::string> themes = {"untoc"};  // a member works on at least one area
    // (name, gender) of each contact; the first is the primary contact.
    std::vector<std::pair<std::string, std::string>> contacts;
    std::string joined = "2024-01-01";
    std::string status = "active";  // the status it joins with
    std::string acronym;
};

enum class ConfiguredGroups { create, skip };

class StoreFixture {
  public:
    // A new store (as `nacsa init` makes it, with the configuration's working groups unless
    // skipped) holding `config_yaml` (default: the example alliance).
    explicit StoreFixture(ConfiguredGroups groups = ConfiguredGroups::create,
                          const std::string& config_yaml = config::default_alliance_yaml()) {
        const store::Actor actor{"tester", "test"};
        if (groups == ConfiguredGroups::create) {
            m_store.emplace(
                workflows::create_store(m_dir / "store.db", config_yaml, "alliance.yaml", actor)
                    .store);
        } else {
            m_store.emplace(
                store::Store::create(m_dir / "store.db", config_yaml, "alliance.yaml", actor));
        }
    }

    [[nodiscard]] store::Store& store() { return *m_store; }
    [[nodiscard]] const TempDir& dir() const { return m_dir; }

    // Adds a member through members::add_member; returns its id.
    std::string member(const std::string& id, const MemberSpec& spec = {}) {
        members::MemberInput in;
        in.id = id;
        in.name = spec.name.empty() ? "Org " + id : spec.name;
        in.type = spec.type;
        if (!spec.region.empty()) {
            in.region = spec.region;
        }
        in.thematic_areas = spec.themes;
        in.joined = spec.joined;
        in.status = spec.status;
        if (!spec.acronym.empty()) {
            in.acronym = spec.acronym;
        }
        std::vector<members::ContactInput> contacts;
        bool first = true;
        for (const auto& [name, gender] : spec.contacts) {
            members::ContactInput c;
            c.name = name;
            c.gender = gender;
            c.primary = first;
            first = false;
            contacts.push_back(std::move(c));
        }
        in.contacts = std::move(contacts);
        store().transaction(
            [&] { (void)members::add_member(store(), in, members::command_line_locator()); });
        return id;
    }

    // Moves a member to a new status on a date (members::change_status and what it ends).
    void status(const std::string& id, const std::string& status, const char* date) {
        (void)workflows::change_member_status(store(), id, status, "test", d(date));
    }

  private:
    TempDir m_dir;
    std::optional<store::Store> m_store;
};

}  // namespace nacsa::testing
