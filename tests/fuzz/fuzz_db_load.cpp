// SPDX-License-Identifier: Apache-2.0
// Fuzzes the dump loader (`db load`, store/dump.hpp): the input is read as each file of a dump
// in turn (store.yaml, members.yaml ... audit.yaml) into the fuzz store, inside a transaction
// that is then rolled back, so that every input meets the same store.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>

#include "core/error.hpp"
#include "fuzz_store.hpp"
#include "store/dump.hpp"
#include "workflows/dump.hpp"

namespace {

struct Rollback {};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto& store = nacsa::fuzz::fuzz_store();
    const auto dir = nacsa::fuzz::work_dir() / "dump";
    std::filesystem::create_directories(dir);
    for (const auto& file : nacsa::workflows::dump_layout(store)) {
        std::ofstream(dir / file.name, std::ios::binary | std::ios::trunc)
            .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
        try {
            store.transaction([&] {
                nacsa::Diagnostics diagnostics;
                (void)nacsa::store::dump::read_file(store, dir, file, diagnostics);
                throw Rollback{};
            });
        } catch (const Rollback&) {
            // Read to the end; nothing kept.
        } catch (const nacsa::Error&) {
            // Rejected input: the expected outcome for most inputs.
        }
    }
    return 0;
}
