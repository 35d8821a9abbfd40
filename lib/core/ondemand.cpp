// SPDX-License-Identifier: Apache-2.0
#include "core/ondemand.hpp"

#include <dlfcn.h>
#include <unistd.h>

#include <climits>
#include <filesystem>
#include <string>

#include "core/error.hpp"

#ifndef NACSA_ONDEMAND_RELATIVE_DIR
#define NACSA_ONDEMAND_RELATIVE_DIR "../lib/nacsa"
#endif

// Defined when the module's objects are linked into the program (the tests, the fuzz targets).
extern "C" const nacsa::ondemand::Api* nacsa_ondemand_api_v1() __attribute__((weak));

namespace nacsa {

namespace {

constexpr const char* k_file = "libnacsa-ondemand.so";

// The folder of the running executable, with a final '/'.
std::string executable_folder() {
    char path[PATH_MAX];
    const ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
    if (n <= 0) {
        return {};
    }
    std::string out(path, static_cast<std::size_t>(n));
    return out.substr(0, out.rfind('/') + 1);
}

const ondemand::Api* load() {
    if (nacsa_ondemand_api_v1 != nullptr) {
        return nacsa_ondemand_api_v1();
    }
    const std::string folder = executable_folder();
    const std::filesystem::path candidates[] = {
        folder + k_file,
        std::filesystem::path(folder + NACSA_ONDEMAND_RELATIVE_DIR + "/" + k_file)
            .lexically_normal(),
    };
    for (const auto& candidate : candidates) {
        if (::access(candidate.c_str(), F_OK) != 0) {
            continue;
        }
        // The first module there is the one: a module that does not load (a library of its
        // own missing) is said as such, not hidden behind the next place looked in.
        void* handle = dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL);
        void* entry = handle != nullptr ? dlsym(handle, NACSA_ONDEMAND_ENTRY) : nullptr;
        if (entry != nullptr) {
            return reinterpret_cast<ondemand::Entry>(entry)();
        }
        const char* error = dlerror();
        throw StoreError(msg("nacsa cannot load its module {} ({}): reinstall nacsa",
                             candidate.string(), error != nullptr ? error : ""));
    }
    throw StoreError(
        msg("nacsa cannot find its module {}: reinstall nacsa", candidates[1].string()));
}

}  // namespace

const ondemand::Api& ondemand_module() {
    static const ondemand::Api* const api = load();
    return *api;
}

}  // namespace nacsa
