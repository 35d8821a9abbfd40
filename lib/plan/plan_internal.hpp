#pragma once

#include <SQLiteCpp/Database.h>

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "plan/plan.hpp"

// Shared between the plan's source files; not for other modules.
namespace nacsa::plan {

// What a record may refer to outside the plan: thematic areas, working groups, members.
class References {
  public:
    explicit References(store::Store& store);
    [[nodiscard]] bool is_theme(const std::string& key) const;
    [[nodiscard]] bool is_working_group(const std::string& key) const;
    [[nodiscard]] bool is_member(const std::string& id) const;
    [[nodiscard]] std::string known_themes() const;
    [[nodiscard]] std::string known_working_groups() const;

  private:
    store::Store& m_store;
    std::vector<std::string> m_themes;
    std::vector<std::string> m_working_groups;
};

// Receives a problem with a record's field (index >= 0: the index-th item of a list field).
using Report = std::function<void(const std::string& field, int index, const std::string& message)>;

void check_priority(const References& refs, const Priority& p, const Report& report);
void check_activity(const References& refs, const std::set<std::string>& priority_codes,
                    const Activity& a, const Report& report);
void check_indicator(const Indicator& i, const Report& report);
void check_contribution(const Contribution& c, const Report& report);

void normalise(Priority& p);
void normalise(Activity& a);
void normalise(Indicator& i);
void sort_plan(Plan& plan);

// Upserts one record and its child rows (no transaction, no audit).
void write_priority(SQLite::Database& db, const Priority& p);
void write_activity(SQLite::Database& db, const Activity& a);
void write_indicator(SQLite::Database& db, const Indicator& i);
void write_contribution(SQLite::Database& db, const Contribution& c);

}  // namespace nacsa::plan
