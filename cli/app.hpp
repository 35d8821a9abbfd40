// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "context.hpp"

// The nacsa command line as a library (nacsa_cli): main() only calls run(), and the unit tests
// build the same command tree to check how arguments parse.
namespace nacsa::cli {

// Wires the global options and every command of k_commands (commands.hpp) onto `app`; the
// actions run later, through ctx, once the whole command line has parsed. With `only` naming a
// command, only that command is built, with its options and subcommands; with `only` empty,
// every command gets its name and description alone, which is all `nacsa --help` shows of them:
// a command line builds what it runs, not the whole tree (command_to_build). A command line
// that does not parse with what was built is parsed again with the whole tree (run), which says
// its mistakes.
//
// With `only_subcommand` naming one of that command's subcommands as well, a command that says
// which of its subcommands each part of it builds (Context::builds) builds only that one.
void build(CLI::App& app, Context& ctx, GlobalOptions& options,
           const std::optional<std::string>& only = std::nullopt,
           const std::string& only_subcommand = {});

// The command a command line runs, found before it parses: the first word that is neither an
// option nor a global option's value ("help member add" gives member; --help and --version
// alone give ""; run answers those two alone before it builds anything). nullopt (every
// command) for `completion SHELL`, whose scripts describe them all, unless the build made the
// scripts (completion_scripts_built_in).
[[nodiscard]] std::optional<std::string> command_to_build(int argc, const char* const* argv);

// The word right after that command, when it is one ("member add --help" gives add; "member
// --help add" and "member" give ""): the subcommand to build with it. A guess, like the command:
// a word that is no subcommand leaves the line to the whole tree.
[[nodiscard]] std::string subcommand_to_build(int argc, const char* const* argv);

// What `nacsa ARGS...` does: parses, runs the selected action, and maps every error to its
// exit code (nacsa(1)), printing it on stderr. Returns the exit code.
int run(int argc, const char* const* argv);

}  // namespace nacsa::cli
