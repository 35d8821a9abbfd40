// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "store/dump.hpp"

// The meetings module's tables in a dump (man 5 nacsa-dump): meetings.yaml.
namespace nacsa::meetings {

[[nodiscard]] store::dump::File dump_file();

}  // namespace nacsa::meetings
