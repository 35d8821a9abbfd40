// SPDX-License-Identifier: Apache-2.0
// Fuzzes the plan file loader (`plan import`): parsing and validation against a store.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.hpp"
#include "fuzz_store.hpp"
#include "plan/plan.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto& store = nacsa::fuzz::fuzz_store();
    try {
        (void)nacsa::plan::parse_plan_file(
            store, std::string(reinterpret_cast<const char*>(data), size), "fuzz.yaml");
    } catch (const nacsa::Error&) {
        // Rejected input: the expected outcome for most inputs.
    }
    return 0;
}
