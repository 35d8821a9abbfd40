// SPDX-License-Identifier: Apache-2.0
#include "core/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace nacsa {

namespace {

// "FILE:LINE:COL: field "F": ", leaving out the parts that are unknown; the words in the
// language of `translate` (English without one).
std::string where(const Diagnostic& d, const Message::Translate* translate) {
    const auto say = [&](const Message& m) { return translate ? m.text(*translate) : m.english(); };
    const auto& file = d.file;
    const auto line = d.line;
    const auto column = d.column;
    const auto& field = d.field;
    std::string out;
    if (!file.empty()) {
        out += file;
        if (line > 0) {
            out += fmt::format(":{}", line);
            if (column > 0) {
                out += fmt::format(":{}", column);
            }
        }
        out += ": ";
    } else if (line > 0) {
        out += say(msg("line {}: ", line));
    }
    if (!field.empty()) {
        out += say(msg("field \"{}\": ", field));
    }
    return out;
}

}  // namespace

std::string Diagnostic::to_string() const {
    return where(*this, nullptr) + message.english();
}

std::string Diagnostic::to_string(const Message::Translate& translate) const {
    return where(*this, &translate) + message.text(translate);
}

namespace {
std::string first_message(const std::vector<Diagnostic>& problems) {
    return problems.empty() ? std::string("invalid input") : problems.front().to_string();
}
}  // namespace

DiagnosticError::DiagnosticError(ExitCode code, std::vector<Diagnostic> problems)
    : Error(code, first_message(problems)), m_problems(std::move(problems)) {}

void Diagnostics::add(std::string file, int line, int column, std::string field, Message message) {
    m_items.push_back(
        Diagnostic{std::move(file), line, column, std::move(field), std::move(message)});
}

void Diagnostics::throw_if_any(ExitCode code) {
    if (m_items.empty()) {
        return;
    }
    // Report in reading order: by file, then line, then column.
    std::stable_sort(m_items.begin(), m_items.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
    });
    if (code == ExitCode::config_invalid) {
        throw ConfigError(take());
    }
    if (code == ExitCode::data_invalid) {
        throw ValidationError(take());
    }
    throw DiagnosticError(code, take());
}

}  // namespace nacsa
