// SPDX-License-Identifier: Apache-2.0
// A store for fuzz targets that validate against one: created once per process in a temporary
// folder with the built-in example configuration (set up as `nacsa init` does).
#pragma once

#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "config/alliance.hpp"
#include "store/store.hpp"
#include "workflows/workflows.hpp"

namespace nacsa::fuzz {

inline std::filesystem::path work_dir() {
    static const std::filesystem::path dir = [] {
        std::string tmpl = (std::filesystem::temp_directory_path() / "nacsa-fuzz-XXXXXX").string();
        if (::mkdtemp(tmpl.data()) == nullptr) {
            std::abort();
        }
        return std::filesystem::path(tmpl);
    }();
    return dir;
}

inline store::Store& fuzz_store() {
    static store::Store store = [] {
        const store::Actor actor{"fuzz", "fuzz"};
        return workflows::create_store(work_dir() / "store.db", config::default_alliance_yaml(),
                                       "(built-in)", actor)
            .store;
    }();
    return store;
}

// Writes the input to a file with the given extension (the importers read files).
inline std::string input_file(const std::string& data, const std::string& extension) {
    const auto path = (work_dir() / ("input." + extension)).string();
    std::ofstream(path, std::ios::binary | std::ios::trunc) << data;
    return path;
}

}  // namespace nacsa::fuzz
