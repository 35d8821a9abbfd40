// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <vector>

#include "store/dump.hpp"

// The members module's tables in a dump (man 5 nacsa-dump): members.yaml.
namespace nacsa::members {

// The layout of members.yaml. A load computes what the store derives from the records (names
// folded for matching and search, the collation keys in the alliance's language, member_search)
// from the configuration already loaded into `store`.
[[nodiscard]] store::dump::File dump_file(store::Store& store);

// The key of a redacted dump's pseudonyms: the store's erasure key, which the dump leaves out.
[[nodiscard]] std::vector<unsigned char> redaction_key(store::Store& store);

}  // namespace nacsa::members
