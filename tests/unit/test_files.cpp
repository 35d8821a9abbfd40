// SPDX-License-Identifier: Apache-2.0
// Output files: the guard on the store, what each kind of path gets, and temporary files.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <vector>

#include "core/error.hpp"
#include "core/files.hpp"
#include "core/temporary.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;
namespace files = nacsa::files;
using nacsa::testing::read_text;
using nacsa::testing::TempDir;

namespace {

std::vector<std::string> names_in(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) {
        out.push_back(e.path().filename().string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::string refusal(const std::string& path) {
    try {
        files::write_file_atomic(path, "x", files::Privacy::shared);
    } catch (const nacsa::CantCreateError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("files: a guarded store and its companions are refused however they are spelled") {
    TempDir dir;
    const auto store = dir / "s.db";
    files::write_file_atomic(store.string(), "store", files::Privacy::owner_only);
    fs::create_directory(dir / "sub");
    fs::create_symlink(store, dir / "link");
    {
        const files::StoreGuard guard(store);
        for (const auto& path :
             {store.string(), (dir / "sub" / ".." / "s.db").string(), (dir / "link").string(),
              store.string() + "-wal", (dir / "sub" / ".." / "s.db-shm").string()}) {
            CAPTURE(path);
            CHECK(refusal(path).find("nacsa never writes an output there") != std::string::npos);
        }
        CHECK(refusal(store.string() + "-wal").find("the store's write-ahead log") !=
              std::string::npos);
        CHECK_NOTHROW(files::check_output("-"));
        CHECK_NOTHROW(files::check_output((dir / "other.db").string()));
        { const files::StoreGuard twice(store); }
        CHECK_FALSE(refusal(store.string()).empty());  // the first guard still holds
    }
    CHECK(read_text(store) == "store");
    CHECK_NOTHROW(files::check_output(store.string()));  // no guard any more
}

TEST_CASE("files: a symbolic link's target is written and the link stays") {
    TempDir dir;
    fs::create_symlink("target.txt", dir / "link.txt");
    files::write_file_atomic((dir / "link.txt").string(), "one", files::Privacy::owner_only);
    CHECK(fs::is_symlink(dir / "link.txt"));
    CHECK(read_text(dir / "target.txt") == "one");
    CHECK(files::file_mode(dir / "target.txt") == 0600);
    files::write_file_atomic((dir / "link.txt").string(), "two", files::Privacy::owner_only);
    CHECK(read_text(dir / "target.txt") == "two");
    CHECK(names_in(dir.path()) == std::vector<std::string>{"link.txt", "target.txt"});
}

TEST_CASE("files: a FIFO is written through") {
    TempDir dir;
    const auto fifo = dir / "fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        files::write_file_atomic(fifo.string(), "through", files::Privacy::shared);
        ::_exit(0);
    }
    CHECK(read_text(fifo) == "through");
    int status = 0;
    ::waitpid(child, &status, 0);
    CHECK(WIFEXITED(status));
    struct stat st {};
    REQUIRE(::lstat(fifo.c_str(), &st) == 0);
    CHECK(S_ISFIFO(st.st_mode));
}

TEST_CASE("files: a temporary file goes unless kept, and when the process is interrupted") {
    TempDir dir;
    std::string name;
    {
        files::Temporary t(dir / "out.db");
        name = t.path();
        CHECK(fs::path(name).filename().string().rfind(
                  ".out.db.nacsa-" + std::to_string(::getpid()) + "-", 0) == 0);
        CHECK(files::file_mode(name) == 0600);
        std::ofstream(name + "-journal") << "j";
    }
    CHECK(names_in(dir.path()).empty());
    {
        files::Temporary t(dir / "kept");
        name = t.path();
        t.keep();
    }
    CHECK(fs::exists(name));
    fs::remove(name);

    for (const int sig : {SIGTERM, SIGINT, SIGHUP}) {
        CAPTURE(sig);
        const pid_t child = ::fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            // As in nacsa: the signal's default action (doctest has its own handlers).
            for (const int s : {SIGTERM, SIGINT, SIGHUP}) {
                std::signal(s, SIG_DFL);
            }
            files::Temporary t(dir / "backup.db");
            std::ofstream(dir / "name") << t.path();
            std::ofstream(t.path() + "-journal") << "j";
            ::raise(sig);
            ::_exit(0);  // not reached: the default action of the signal ends the process
        }
        int status = 0;
        ::waitpid(child, &status, 0);
        CHECK(WIFSIGNALED(status));
        CHECK(WTERMSIG(status) == sig);
        CHECK(names_in(dir.path()) == std::vector<std::string>{"name"});
    }
}

TEST_CASE("files: leftovers of dead processes are found and removed by the next temporary") {
    TempDir dir;
    pid_t dead = 4194303;
    while (::kill(dead, 0) == 0 || errno != ESRCH) {
        --dead;
    }
    const auto left = dir / (".r.md.nacsa-" + std::to_string(dead) + "-abcdef");
    const auto alive = dir / (".r.md.nacsa-" + std::to_string(::getppid()) + "-abcdef");
    for (const auto& p : {left, alive, dir / ".r.md.nacsa-x-abcdef", dir / ".r.md.XXXXXX"}) {
        std::ofstream(p) << "x";
    }
    CHECK(files::stale_temporaries(dir.path()) == std::vector<fs::path>{left});
    files::write_file_atomic((dir / "r.md").string(), "report", files::Privacy::shared);
    CHECK_FALSE(fs::exists(left));
    CHECK(fs::exists(alive));
    CHECK(files::stale_temporaries(dir.path()).empty());
}
