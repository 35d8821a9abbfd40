#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

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
    std::string message;

    // "FILE:LINE:COL: field "F": MESSAGE", leaving out the parts that are unknown.
    [[nodiscard]] std::string to_string() const;
};

// Base of every error nacsa reports; carries the exit code main() returns.
class Error : public std::runtime_error {
  public:
    Error(ExitCode code, const std::string& message) : std::runtime_error(message), m_code(code) {}
    [[nodiscard]] ExitCode code() const { return m_code; }

  private:
    ExitCode m_code;
};

class UsageError : public Error {
  public:
    explicit UsageError(const std::string& message) : Error(ExitCode::usage, message) {}
};

class NotFoundError : public Error {
  public:
    explicit NotFoundError(const std::string& message) : Error(ExitCode::not_found, message) {}
};

class InputError : public Error {
  public:
    explicit InputError(const std::string& message) : Error(ExitCode::no_input, message) {}
};

class CantCreateError : public Error {
  public:
    explicit CantCreateError(const std::string& message) : Error(ExitCode::cant_create, message) {}
};

class StoreError : public Error {
  public:
    explicit StoreError(const std::string& message) : Error(ExitCode::io_error, message) {}
};

class LockedError : public Error {
  public:
    explicit LockedError(const std::string& message) : Error(ExitCode::locked, message) {}
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
    explicit ValidationError(const std::string& message)
        : DiagnosticError(ExitCode::data_invalid, {Diagnostic{.message = message}}) {}
};

// The alliance configuration is invalid: exit 78.
class ConfigError : public DiagnosticError {
  public:
    explicit ConfigError(std::vector<Diagnostic> problems)
        : DiagnosticError(ExitCode::config_invalid, std::move(problems)) {}
    explicit ConfigError(const std::string& message)
        : DiagnosticError(ExitCode::config_invalid, {Diagnostic{.message = message}}) {}
};

// Collects diagnostics while validating, then throws them all at once.
class Diagnostics {
  public:
    void add(Diagnostic d) { m_items.push_back(std::move(d)); }
    void add(std::string file, int line, int column, std::string field, std::string message);
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
