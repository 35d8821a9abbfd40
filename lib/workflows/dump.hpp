// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <filesystem>
#include <vector>

#include "store/dump.hpp"
#include "store/store.hpp"

// The whole store as a folder of YAML files and back (`nacsa db dump`, `nacsa db load`,
// man 5 nacsa-dump): each module writes and reads its own tables (lib/<module>/dump.cpp); this
// puts them together in the order a load needs (a table after those it refers to).
namespace nacsa::workflows {

// The file that names a folder as a dump: its format, the schema it came from, whether it is
// redacted and its files.
inline constexpr std::string_view k_dump_manifest = "nacsa-dump.yaml";

// The files of a dump, in the order a load reads them. `store` is the store they are read
// from or loaded into (a load derives some columns from the configuration it loaded first).
[[nodiscard]] std::vector<store::dump::File> dump_layout(store::Store& store);

struct DumpCount {
    std::size_t files = 0;
    std::size_t records = 0;
};

// `nacsa db dump DIR`: writes the store, as one state of it (a read transaction), into `dir`:
// a new folder (mode 0700), an empty one, or one holding an earlier dump, whose files are
// replaced each atomically (mode 0600), the manifest last. `redact` leaves personal data out.
DumpCount dump_store(store::Store& store, const std::filesystem::path& dir, bool redact);

// `nacsa db load DIR`: builds a new store at `destination` from a dump, in a temporary file
// beside it, in one transaction; checks every value (ValidationError, exit 65, naming the file,
// line and field, for all the problems of the first file that has any) and then the store as
// `db check` does; and only then puts it in place, never over an existing file
// (CantCreateError, exit 73).
DumpCount load_store(const std::filesystem::path& dir, const std::filesystem::path& destination,
                     const store::Actor& actor);

}  // namespace nacsa::workflows
