// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "store/dump.hpp"

// The working-group module's tables in a dump (man 5 nacsa-dump): working-groups.yaml.
namespace nacsa::wg {

[[nodiscard]] store::dump::File dump_file(store::Store& store);

}  // namespace nacsa::wg
