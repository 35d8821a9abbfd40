// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ondemand/api.hpp"

namespace nacsa::parsers {
struct Api;  // parsers/api.hpp
}

namespace nacsa {

// The on-demand module (lib/ondemand/api.hpp), loaded on the first call: from the program
// when it is linked in (the tests, the fuzz targets), else libnacsa-ondemand.so from the
// folder of the nacsa executable, else from NACSA_ONDEMAND_RELATIVE_DIR beside it (where the
// package installs it). Throws StoreError (exit 74) naming the file when it cannot be loaded.
[[nodiscard]] const ondemand::Api& ondemand_module();

// The parsers' module (lib/parsers/api.hpp: libyaml and libcsv), libnacsa-parsers.so, found and
// loaded the same way on the first call.
[[nodiscard]] const parsers::Api& parsers_module();

}  // namespace nacsa
