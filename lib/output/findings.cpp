// SPDX-License-Identifier: Apache-2.0
#include "output/findings.hpp"

#include <fmt/args.h>
#include <fmt/format.h>

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

FindingArg arg(std::string name, std::string text) {
    FindingArg a;
    a.name = std::move(name);
    a.text = std::move(text);
    return a;
}

FindingArg arg(std::string name, std::int64_t number) {
    return arg(std::move(name), std::to_string(number));
}

FindingArg arg_labels(std::string name, std::string en, std::string es, std::string fr) {
    FindingArg a = arg(std::move(name), std::move(en));
    a.es = std::move(es);
    a.fr = std::move(fr);
    return a;
}

FindingArg arg_date(std::string name, Date date) {
    FindingArg a = arg(std::move(name), format_date(date));
    a.date = date;
    return a;
}

FindingArg arg_share(std::string name, double share) {
    FindingArg a = arg(std::move(name), fmt::format("{:.0f}%", share * 100.0));
    a.share = share;
    return a;
}

FindingArg arg_phrase(std::string name, const char* msgid, std::string n) {
    FindingArg a = arg(std::move(name), msgid);
    a.phrase = true;
    a.n = std::move(n);
    return a;
}

namespace {

std::string fill(const std::string& pattern, const std::vector<FindingArg>& args,
                 const FindingLanguage* lang) {
    fmt::dynamic_format_arg_store<fmt::format_context> store;
    for (const auto& a : args) {
        std::string value = a.text;
        if (lang != nullptr) {
            if (a.date) {
                value = lang->date(*a.date);
            } else if (a.share) {
                value = lang->share(*a.share);
            } else if (lang->language == "es" && !a.es.empty()) {
                value = a.es;
            } else if (lang->language == "fr" && !a.fr.empty()) {
                value = a.fr;
            }
        }
        if (a.phrase && !a.text.empty()) {
            const std::string phrase = lang != nullptr ? lang->translate(a.text) : a.text;
            value = fmt::format(fmt::runtime(phrase), fmt::arg("n", a.n));
        }
        store.push_back(fmt::arg(a.name.c_str(), value));
    }
    return fmt::vformat(pattern, store);
}

}  // namespace

Finding finding(Severity severity, std::string rule, std::string record, const char* msgid,
                std::vector<FindingArg> args) {
    Finding f{severity, std::move(rule), std::move(record), {}, msgid, std::move(args)};
    f.message = fill(f.msgid, f.args, nullptr);
    return f;
}

std::string localized_message(const Finding& finding, const FindingLanguage& lang) {
    if (finding.msgid.empty()) {
        return finding.message;
    }
    return fill(lang.translate(finding.msgid), finding.args, &lang);
}

bool has_errors(const std::vector<Finding>& findings) {
    return std::any_of(findings.begin(), findings.end(), [](const Finding& f) {
        return f.severity == Severity::error && f.acknowledged.empty();
    });
}

std::string finding_key(const Finding& finding) {
    return finding.record.empty() ? finding.rule : finding.rule + ":" + finding.record;
}

Table findings_table(std::vector<Finding> findings) {
    std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
        return static_cast<int>(a.severity) < static_cast<int>(b.severity);
    });
    const bool acknowledged = std::any_of(findings.begin(), findings.end(),
                                          [](const Finding& f) { return !f.acknowledged.empty(); });
    Table table{{{"severity", N_("SEVERITY")},
                 {"rule", N_("RULE")},
                 {"record", N_("RECORD")},
                 {"message", N_("MESSAGE")}},
                {}};
    if (acknowledged) {
        table.columns.push_back({"acknowledged", N_("ACKNOWLEDGED")});
    }
    for (auto& f : findings) {
        std::vector<Cell> row{severity_name(f.severity), f.rule,
                              f.record.empty() ? Cell{} : Cell{f.record}, f.message};
        if (acknowledged) {
            row.push_back(f.acknowledged.empty() ? Cell{} : Cell{f.acknowledged});
        }
        table.add_row(std::move(row));
    }
    return table;
}

}  // namespace nacsa::output
