// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ondemand/api.hpp"

namespace nacsa {

// The on-demand module (lib/ondemand/api.hpp), loaded on the first call: from the program
// when it is linked in (the tests, the fuzz targets), else libnacsa-ondemand.so from the
// folder of the nacsa executable, else from NACSA_ONDEMAND_RELATIVE_DIR beside it (where the
// package installs it). Throws StoreError (exit 74) naming the file when it cannot be loaded.
[[nodiscard]] const ondemand::Api& ondemand_module();

}  // namespace nacsa
