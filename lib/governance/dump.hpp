// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "store/dump.hpp"

// The governance module's tables in a dump (man 5 nacsa-dump): committee.yaml.
namespace nacsa::governance {

[[nodiscard]] store::dump::File dump_file(store::Store& store);

}  // namespace nacsa::governance
