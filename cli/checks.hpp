// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "context.hpp"
#include "output/findings.hpp"

namespace nacsa::cli {

// The findings of an area's check now (what `check ack` accepts).
using CurrentFindings = std::function<std::vector<output::Finding>(store::Store&)>;

// Adds to an area's `check` command: `--all` (into `all`), and the subcommands `ack KEY --reason
// TEXT [--until DATE]` and `unack KEY` (store/acknowledgements.hpp).
void add_acknowledgements(CLI::App* check, Context& ctx, const std::string& area, bool& all,
                          CurrentFindings current);

// Prints a check's findings without those acknowledged (all of them, marked, with --all), says
// how many were left out, and returns the exit status (1 when an error is not acknowledged).
int print_check(Context& ctx, const std::string& area, std::vector<output::Finding> findings,
                bool all);

// Warns about the committee findings a change created (workflows::committee_findings_created):
// "committee: MESSAGE (RULE; see nacsa committee check)".
void warn_committee_findings(const Context& ctx, const std::vector<output::Finding>& created);

}  // namespace nacsa::cli
