// SPDX-License-Identifier: Apache-2.0
#include "core/ondemand.hpp"

#include <dlfcn.h>
#include <unistd.h>

#include <climits>
#include <filesystem>
#include <string>

#include "core/error.hpp"
#include "parsers/api.hpp"

#ifndef NACSA_ONDEMAND_RELATIVE_DIR
#define NACSA_ONDEMAND_RELATIVE_DIR "../lib/nacsa"
#endif

// Defined when the modules' objects are linked into the program (the tests, the fuzz targets).
extern "C" const nacsa::ondemand::Api* nacsa_ondemand_api_v1() __attribute__((weak));
extern "C" const nacsa::parsers::Api* nacsa_parsers_api_v1() __attribute__((weak));

namespace nacsa {

namespace {

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

// The table of a module: its entry function's, from the file `file` in the first place it is.
void* load(const char* file, const char* entry_name) {
    const std::string folder = executable_folder();
    const std::filesystem::path candidates[] = {
        folder + file,
        std::filesystem::path(folder + NACSA_ONDEMAND_RELATIVE_DIR + "/" + file).lexically_normal(),
    };
    for (const auto& candidate : candidates) {
        if (::access(candidate.c_str(), F_OK) != 0) {
            continue;
        }
        // The first module there is the one: a module that does not load (a library of its
        // own missing) is said as such, not hidden behind the next place looked in.
        void* handle = dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL);
        void* entry = handle != nullptr ? dlsym(handle, entry_name) : nullptr;
        if (entry != nullptr) {
            return entry;
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
    static const ondemand::Api* const api =
        nacsa_ondemand_api_v1 != nullptr ? nacsa_ondemand_api_v1()
                                         : reinterpret_cast<ondemand::Entry>(load(
                                               "libnacsa-ondemand.so", NACSA_ONDEMAND_ENTRY))();
    return *api;
}

const parsers::Api& parsers_module() {
    static const parsers::Api* const api =
        nacsa_parsers_api_v1 != nullptr
            ? nacsa_parsers_api_v1()
            : reinterpret_cast<parsers::Entry>(load("libnacsa-parsers.so", NACSA_PARSERS_ENTRY))();
    return *api;
}

}  // namespace nacsa
