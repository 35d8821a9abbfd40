// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "members/format.hpp"
#include "members/import.hpp"

namespace nacsa::members {

// Every member (sorted by id) with its contacts, in the format `member import` reads: export,
// import into an empty store and export again gives the same bytes. CSV uses ',' and CRLF, or
// with `excel` a BOM and ';'. Redact::yes leaves contacts out.
[[nodiscard]] std::string export_members(store::Store& store, FileFormat format, Redact redact,
                                         bool excel);

}  // namespace nacsa::members
