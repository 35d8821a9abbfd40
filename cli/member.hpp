// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "context.hpp"

namespace nacsa::cli {

// `member import|export|forget|stats` (cli/member_transfer.cpp), added to the member command.
void register_member_transfer(CLI::App& member, Context& ctx);

}  // namespace nacsa::cli
