// SPDX-License-Identifier: Apache-2.0
// Fuzzes `member import` of jsonl files: parsing and validation against a store (dry run).
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.hpp"
#include "fuzz_store.hpp"
#include "members/import.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto& store = nacsa::fuzz::fuzz_store();
    const auto file =
        nacsa::fuzz::input_file(std::string(reinterpret_cast<const char*>(data), size), "jsonl");
    nacsa::members::ImportOptions options;
    options.dry_run = nacsa::members::DryRun::yes;
    try {
        (void)nacsa::members::import_members(store, {file}, options);
    } catch (const nacsa::Error&) {
        // Rejected input: the expected outcome for most inputs.
    }
    return 0;
}
