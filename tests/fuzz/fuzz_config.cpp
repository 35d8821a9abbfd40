// SPDX-License-Identifier: Apache-2.0
// Fuzzes the alliance configuration loader (alliance.yaml): YAML guard, yaml-cpp and validation.
#include <cstddef>
#include <cstdint>
#include <string>

#include "config/alliance.hpp"
#include "core/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const auto alliance = nacsa::config::parse_alliance(text, "fuzz.yaml");
        (void)alliance.leading_role();
    } catch (const nacsa::Error&) {
        // Rejected input: the expected outcome for most inputs.
    }
    return 0;
}
