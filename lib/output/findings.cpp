#include "output/findings.hpp"

#include <algorithm>

namespace nacsa::output {

std::string severity_name(Severity s) {
    switch (s) {
        case Severity::error:
            return "error";
        case Severity::warning:
            return "warning";
        case Severity::info:
            return "info";
    }
    return "error";
}

bool has_errors(const std::vector<Finding>& findings) {
    return std::any_of(findings.begin(), findings.end(),
                       [](const Finding& f) { return f.severity == Severity::error; });
}

Table findings_table(std::vector<Finding> findings) {
    std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
        return static_cast<int>(a.severity) < static_cast<int>(b.severity);
    });
    Table table{
        {{"severity", "SEVERITY"}, {"rule", "RULE"}, {"record", "RECORD"}, {"message", "MESSAGE"}},
        {}};
    for (auto& f : findings) {
        table.add_row({severity_name(f.severity), f.rule,
                       f.record.empty() ? Cell{} : Cell{f.record}, f.message});
    }
    return table;
}

}  // namespace nacsa::output
