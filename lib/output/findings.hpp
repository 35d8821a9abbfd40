#pragma once

#include <string>
#include <vector>

#include "output/table.hpp"

namespace nacsa::output {

enum class Severity { error, warning, info };

[[nodiscard]] std::string severity_name(Severity s);

// One result of a `check` command: what rule, how serious, about which record.
struct Finding {
    Severity severity = Severity::error;
    std::string rule;     // stable kebab-case id of the rule, e.g. "no-coordinator"
    std::string record;   // the record concerned (member id, meeting id, quarter...), may be empty
    std::string message;  // one sentence for people
};

// Whether any finding is an error (the check then exits 1).
[[nodiscard]] bool has_errors(const std::vector<Finding>& findings);

// severity, rule, record, message: errors first, then warnings, then notes, stable otherwise.
[[nodiscard]] Table findings_table(std::vector<Finding> findings);

}  // namespace nacsa::output
