// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <CLI/CLI.hpp>

#include "context.hpp"

// The nacsa command line as a library (nacsa_cli): main() only calls run(), and the unit tests
// build the same command tree to check how arguments parse.
namespace nacsa::cli {

// Wires the global options and every command of k_commands (commands.hpp) onto `app`; the
// actions run later, through ctx, once the whole command line has parsed.
void build(CLI::App& app, Context& ctx, GlobalOptions& options);

// What `nacsa ARGS...` does: parses, runs the selected action, and maps every error to its
// exit code (nacsa(1)), printing it on stderr. Returns the exit code.
int run(int argc, const char* const* argv);

}  // namespace nacsa::cli
