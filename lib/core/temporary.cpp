// SPDX-License-Identifier: Apache-2.0
#include "core/temporary.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <mutex>

#include "core/error.hpp"

namespace nacsa::files {

namespace fs = std::filesystem;

namespace {

// The registry the signal handler reads: fixed slots, no allocation, written before a slot is
// marked used and read only when it is.
constexpr std::size_t k_slots = 8;
constexpr std::size_t k_path_max = 4096;
std::array<std::array<char, k_path_max>, k_slots> g_paths{};
std::array<std::atomic<bool>, k_slots> g_used{};
std::mutex g_mutex;
constexpr std::array<const char*, 4> k_suffixes = {"", "-journal", "-wal", "-shm"};
constexpr std::array<int, 3> k_signals = {SIGINT, SIGTERM, SIGHUP};

// What each of k_signals did before on_signal was installed, to do after it.
std::array<struct sigaction, k_signals.size()> g_previous{};

// Async-signal-safe: unlink and memcpy only; then what the signal did before (for nacsa, its
// default action: the process ends with the signal).
void on_signal(int sig) {
    for (std::size_t i = 0; i < k_slots; ++i) {
        if (!g_used[i].load()) {
            continue;
        }
        const char* base = g_paths[i].data();
        const std::size_t n = std::strlen(base);
        for (const char* suffix : k_suffixes) {
            std::array<char, k_path_max + 16> name{};
            const std::size_t m = std::strlen(suffix);
            if (n + m >= name.size()) {
                continue;
            }
            std::memcpy(name.data(), base, n);
            std::memcpy(name.data() + n, suffix, m + 1);
            ::unlink(name.data());
        }
    }
    for (std::size_t i = 0; i < k_signals.size(); ++i) {
        if (k_signals[i] == sig) {
            ::sigaction(sig, &g_previous[i], nullptr);
        }
    }
    ::raise(sig);
}

// Puts on_signal in place for each signal unless it is there or the signal is ignored (nohup):
// checked at each temporary file, as a test framework may have replaced it meanwhile.
void install_handlers() {
    for (std::size_t i = 0; i < k_signals.size(); ++i) {
        struct sigaction current {};
        if (::sigaction(k_signals[i], nullptr, &current) != 0 || current.sa_handler == SIG_IGN ||
            current.sa_handler == on_signal) {
            continue;
        }
        g_previous[i] = current;
        struct sigaction action {};
        action.sa_handler = on_signal;
        sigemptyset(&action.sa_mask);
        ::sigaction(k_signals[i], &action, nullptr);
    }
}

int register_path(const std::string& path) {
    if (path.size() >= k_path_max) {
        return -1;
    }
    const std::lock_guard lock(g_mutex);
    for (std::size_t i = 0; i < k_slots; ++i) {
        if (!g_used[i].load()) {
            std::memcpy(g_paths[i].data(), path.c_str(), path.size() + 1);
            g_used[i].store(true);
            return static_cast<int>(i);
        }
    }
    return -1;
}

void unregister(int slot) {
    if (slot >= 0) {
        g_used[static_cast<std::size_t>(slot)].store(false);
    }
}

// The process id in a name `.NAME.nacsa-PID-XXXXXX`, or 0 when the name is not one.
pid_t owner_of(const std::string& name) {
    if (name.size() < 16 || name[0] != '.') {
        return 0;
    }
    const auto mark = name.rfind(".nacsa-");
    if (mark == std::string::npos) {
        return 0;
    }
    const auto dash = name.find('-', mark + 7);
    if (dash == std::string::npos || dash == mark + 7 || name.size() - dash - 1 != 6) {
        return 0;
    }
    pid_t pid = 0;
    for (std::size_t i = mark + 7; i < dash; ++i) {
        if (name[i] < '0' || name[i] > '9' || pid > 100000000) {
            return 0;
        }
        pid = pid * 10 + (name[i] - '0');
    }
    return pid;
}

void remove_with_companions(const std::string& path) {
    for (const char* suffix : k_suffixes) {
        ::unlink((path + suffix).c_str());
    }
}

}  // namespace

std::vector<fs::path> stale_temporaries(const fs::path& dir) {
    std::vector<fs::path> out;
    std::error_code ec;
    for (fs::directory_iterator it(dir.empty() ? fs::path(".") : dir, ec), end; !ec && it != end;
         it.increment(ec)) {
        const std::string name = it->path().filename().string();
        const pid_t pid = owner_of(name);
        struct stat st {};
        if (pid <= 0 || ::lstat(it->path().c_str(), &st) != 0 || !S_ISREG(st.st_mode) ||
            st.st_uid != ::getuid()) {
            continue;
        }
        if (pid != ::getpid() && ::kill(pid, 0) != 0 && errno == ESRCH) {
            out.push_back(it->path());
        }
    }
    return out;
}

Temporary::Temporary(const fs::path& destination) {
    const fs::path dir = destination.has_parent_path() ? destination.parent_path() : fs::path(".");
    for (const auto& stale : stale_temporaries(dir)) {
        remove_with_companions(stale.string());
    }
    install_handlers();
    std::string tmpl =
        (dir / fmt::format(".{}.nacsa-{}-XXXXXX", destination.filename().string(), ::getpid()))
            .string();
    // The file is created and registered with the signals blocked, so that no interruption can
    // come between the two and leave it behind.
    sigset_t block{};
    sigset_t previous{};
    sigemptyset(&block);
    for (const int sig : k_signals) {
        sigaddset(&block, sig);
    }
    ::pthread_sigmask(SIG_BLOCK, &block, &previous);
    m_fd = ::mkostemp(tmpl.data(), O_CLOEXEC);
    const int err = errno;
    if (m_fd >= 0) {
        m_slot = register_path(tmpl);
    }
    ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    if (m_fd < 0) {
        throw CantCreateError(
            msg("{}: cannot create: {}", destination.string(), std::strerror(err)));
    }
    m_path = std::move(tmpl);
}

Temporary::~Temporary() {
    close();
    if (!m_kept) {
        remove_with_companions(m_path);
    }
    unregister(m_slot);
}

bool Temporary::close() {
    if (m_fd < 0) {
        return true;
    }
    const int fd = m_fd;
    m_fd = -1;
    return ::close(fd) == 0;
}

void Temporary::keep() {
    m_kept = true;
    unregister(m_slot);
    m_slot = -1;
}

void place_new(Temporary& temporary, const fs::path& destination, std::string_view command) {
    const std::string& from = temporary.path();
    const auto exists = [&] {
        return CantCreateError(msg("{}: already exists; nacsa {} never overwrites a file",
                                   destination.string(), command));
    };
    // link() fails when the destination appeared meanwhile, where rename() would replace it.
    if (::link(from.c_str(), destination.c_str()) == 0) {
        return;  // the temporary name goes with `temporary`
    }
    int err = errno;
    if (err == EEXIST) {
        throw exists();
    }
    if (err == EPERM || err == ENOTSUP || err == EXDEV) {
        std::error_code ec;
        if (fs::exists(fs::symlink_status(destination, ec))) {
            throw exists();
        }
        if (::rename(from.c_str(), destination.c_str()) == 0) {
            temporary.keep();
            return;
        }
        err = errno;
    }
    throw CantCreateError(msg("{}: cannot create: {}", destination.string(), std::strerror(err)));
}

}  // namespace nacsa::files
