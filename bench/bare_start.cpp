// SPDX-License-Identifier: Apache-2.0
// The floor for nacsa's start-up (bench/startup.sh): a bare C++ program linked to fmt, SQLite
// and yaml-cpp, as the speed issue states it, that prints one line and exits.
#include <fmt/format.h>
#include <sqlite3.h>
#include <yaml-cpp/yaml.h>

#include <cstdio>

int main(int argc, char** argv) {
    if (argc > 1) {  // (uses yaml-cpp, so that it is linked and loaded, without paying for it)
        const YAML::Node node = YAML::Load(argv[1]);
        std::printf("%zu\n", node.size());
    }
    std::fputs(fmt::format("bare {}\n", sqlite3_libversion()).c_str(), stdout);
    return 0;
}
