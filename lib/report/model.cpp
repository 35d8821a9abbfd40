// SPDX-License-Identifier: Apache-2.0
#include "report/model.hpp"

#include <array>
#include <utility>

namespace nacsa::report {

namespace {
constexpr std::array<std::pair<Kind, const char*>, 7> k_kinds = {{{Kind::quarterly, "quarterly"},
                                                                  {Kind::annual, "annual"},
                                                                  {Kind::membership, "membership"},
                                                                  {Kind::committee, "committee"},
                                                                  {Kind::meetings, "meetings"},
                                                                  {Kind::plan, "plan"},
                                                                  {Kind::regional, "regional"}}};
}  // namespace

std::string kind_name(Kind kind) {
    for (const auto& [k, name] : k_kinds) {
        if (k == kind) {
            return name;
        }
    }
    return "quarterly";
}

bool Report::has_errors() const {
    for (const auto& section : sections) {
        if (output::has_errors(section.findings)) {
            return true;
        }
    }
    return false;
}

bool Report::names_people() const {
    if (redacted) {
        return false;
    }
    for (const auto& section : sections) {
        for (const auto& table : section.tables) {
            for (std::size_t c = 0; c < table.columns.size(); ++c) {
                if (table.columns[c].personal == Personal::no) {
                    continue;
                }
                for (const auto& row : table.rows) {
                    if (c < row.size() && !std::holds_alternative<std::monostate>(row[c])) {
                        return true;
                    }
                }
            }
        }
    }
    return false;
}

const Section* Report::find_section(const std::string& key) const {
    for (const auto& section : sections) {
        if (section.key == key) {
            return &section;
        }
    }
    return nullptr;
}

const Table* Report::find_table(const std::string& key) const {
    for (const auto& section : sections) {
        for (const auto& table : section.tables) {
            if (table.key == key) {
                return &table;
            }
        }
    }
    return nullptr;
}

std::vector<std::string> Report::table_keys() const {
    std::vector<std::string> keys;
    for (const auto& section : sections) {
        for (const auto& table : section.tables) {
            keys.push_back(table.key);
        }
    }
    return keys;
}

std::vector<std::string> Report::section_keys() const {
    std::vector<std::string> keys;
    for (const auto& section : sections) {
        keys.push_back(section.key);
    }
    return keys;
}

}  // namespace nacsa::report
