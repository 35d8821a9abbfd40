// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/message.hpp"

namespace nacsa {

// Exit status of the nacsa binary, as documented in nacsa(1) and CLI.md.
enum class ExitCode : int {
    ok = 0,
    findings = 1,
    usage = 2,
    not_found = 3,
    data_invalid = 65,
    no_input = 66,
    cant_create = 73,
    io_error = 74,
    locked = 75,
    config_invalid = 78,
};

// Where in an input a problem was found, and what it is.
struct Diagnostic {
    std::string file;   // empty for command-line input
    int line = 0;       // 1-based; 0 when unknown
    int column = 0;     // 1-based; 0 when unknown
    std::string field;  // the field or key concerned, may be empty
    Message message;

    // "FILE:LINE:COL: field "F": MESSAGE", leaving out the parts that are unknown.
    [[nodiscard]] std::string to_string() const;
    // The same in another language (the words "line" and "field" of the prefix too).
    [[nodiscard]] std::string to_string(const Message::Translate& translate) const;
};

// Base of every error nacsa reports; carries the exit code main() returns and its message,
// which what() gives in English and message() in any language.
class Error : public std::runtime_error {
  public:
    Error(ExitCode code, Message message)
        : std::runtime_error(message.english()), m_code(code), m_message(std::move(message)) {}
    [[nodiscard]] ExitCode code() const { return m_code; }
    [[nodiscard]] const Message& message() const { return m_message; }

  private:
    ExitCode m_code;
    Message m_message;
};

class UsageError : public Error {
  public:
    explicit UsageError(Message message) : Error(ExitCode::usage, std::move(message)) {}
};

class NotFoundError : public Error {
  public:
    explicit NotFoundError(Message message) : Error(ExitCode::not_found, std::move(message)) {}
};

class InputError : public Error {
  public:
    explicit InputError(Message message) : Error(ExitCode::no_input, std::move(message)) {}
};

class CantCreateError : public Error {
  public:
    explicit CantCreateError(Message message) : Error(ExitCode::cant_create, std::move(message)) {}
};

class StoreError : public Error {
  public:
    explicit StoreError(Message message) : Error(ExitCode::io_error, std::move(message)) {}
};

class LockedError : public Error {
  public:
    explicit LockedError(Message message) : Error(ExitCode::locked, std::move(message)) {}
};

// An error made of every problem found in an input; the message is the first problem.
class DiagnosticError : public Error {
  public:
    DiagnosticError(ExitCode code, std::vector<Diagnostic> problems);
    [[nodiscard]] const std::vector<Diagnostic>& problems() const { return m_problems; }

  private:
    std::vector<Diagnostic> m_problems;
};

// Input data (import file, record fields) is invalid: exit 65, nothing written.
class ValidationError : public DiagnosticError {
  public:
    explicit ValidationError(std::vector<Diagnostic> problems)
        : DiagnosticError(ExitCode::data_invalid, std::move(problems)) {}
    explicit ValidationError(Message message)
        : DiagnosticError(ExitCode::data_invalid, {Diagnostic{.message = std::move(message)}}) {}
};

// The alliance configuration is invalid: exit 78.
class ConfigError : public DiagnosticError {
  public:
    explicit ConfigError(std::vector<Diagnostic> problems)
        : DiagnosticError(ExitCode::config_invalid, std::move(problems)) {}
    explicit ConfigError(Message message)
        : DiagnosticError(ExitCode::config_invalid, {Diagnostic{.message = std::move(message)}}) {}
};

// Collects diagnostics while validating, then throws them all at once.
class Diagnostics {
  public:
    void add(Diagnostic d) { m_items.push_back(std::move(d)); }
    void add(std::string file, int line, int column, std::string field, Message message);
    [[nodiscard]] bool empty() const { return m_items.empty(); }
    [[nodiscard]] std::size_t size() const { return m_items.size(); }
    [[nodiscard]] const std::vector<Diagnostic>& items() const { return m_items; }
    [[nodiscard]] std::vector<Diagnostic> take() { return std::move(m_items); }
    // Throws ValidationError (or ConfigError) when any problem was collected.
    void throw_if_any(ExitCode code = ExitCode::data_invalid);

  private:
    std::vector<Diagnostic> m_items;
};

}  // namespace nacsa
