// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "store/dump.hpp"

// The plan module's tables in a dump (man 5 nacsa-dump): plan.yaml.
namespace nacsa::plan {

[[nodiscard]] store::dump::File dump_file(store::Store& store);

}  // namespace nacsa::plan
