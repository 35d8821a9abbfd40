// SPDX-License-Identifier: Apache-2.0
#include "core/files.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <vector>

#include "core/encoding.hpp"
#include "core/error.hpp"
#include "core/temporary.hpp"
#include "core/text.hpp"

namespace nacsa::files {

namespace fs = std::filesystem;

namespace {
// Reads a stream to its end, refusing more than k_max_input_bytes.
std::string read_bounded(std::istream& in, const std::string& path) {
    std::string content;
    std::array<char, 65536> chunk{};
    while (in) {
        in.read(chunk.data(), chunk.size());
        const auto got = static_cast<std::size_t>(in.gcount());
        if (content.size() + got > k_max_input_bytes) {
            throw InputError(msg("{}: is larger than {} MiB, the most nacsa reads", path,
                                 k_max_input_bytes >> 20));
        }
        content.append(chunk.data(), got);
    }
    if (in.bad()) {
        throw InputError(msg("{}: read error", path));
    }
    return content;
}
}  // namespace

std::optional<std::string> find_program(const std::string& name) {
    if (name.find('/') != std::string::npos) {
        return ::access(name.c_str(), X_OK) == 0 ? std::optional(name) : std::nullopt;
    }
    const char* path = std::getenv("PATH");
    std::string_view rest = path == nullptr ? "/usr/bin:/bin" : path;
    while (!rest.empty()) {
        const auto colon = rest.find(':');
        const auto dir = rest.substr(0, colon);
        if (!dir.empty()) {
            auto candidate = std::string(dir) + "/" + name;
            struct stat st {};
            if (::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
                ::access(candidate.c_str(), X_OK) == 0) {
                return candidate;
            }
        }
        rest.remove_prefix(colon == std::string_view::npos ? rest.size() : colon + 1);
    }
    return std::nullopt;
}

void check_input_file(const std::string& path) {
    if (path == "-") {
        return;
    }
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
        throw InputError(msg("{}: no such file", path));
    }
    if (fs::is_directory(status)) {
        throw InputError(msg("{}: is a directory, not a file", path));
    }
}

std::string read_file(const std::string& path) {
    if (path == "-") {
        return read_bounded(std::cin, "(standard input)");
    }
    check_input_file(path);
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw InputError(msg("{}: cannot read: {}", path, std::strerror(errno)));
    }
    return read_bounded(in, path);
}

namespace {

// The guarded stores, one entry per guard (a store may be guarded twice).
std::vector<fs::path>& guarded_stores() {
    static std::vector<fs::path> stores;
    return stores;
}

constexpr std::array<std::string_view, 4> k_store_files = {"", "-wal", "-shm", "-journal"};

Message store_file_name(std::string_view suffix) {
    if (suffix == "-wal") {
        return msg("the store's write-ahead log");
    }
    if (suffix == "-shm") {
        return msg("the store's shared-memory index");
    }
    if (suffix == "-journal") {
        return msg("the store's rollback journal");
    }
    return msg("the store");
}

// The path with every symbolic link and ".." resolved as far as it exists, or the path as given
// when it cannot be.
fs::path resolved(const fs::path& path) {
    std::error_code ec;
    auto out = fs::weakly_canonical(fs::absolute(path, ec), ec);
    return ec ? path : out;
}

bool same_file(const fs::path& a, const fs::path& b) {
    struct stat sa {};
    struct stat sb {};
    if (::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0) {
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    }
    return resolved(a) == resolved(b);
}

// The final target of a chain of symbolic links (at most 40, as the kernel allows).
fs::path link_target(const std::string& path) {
    fs::path at(path);
    for (int hops = 0; hops < 40; ++hops) {
        struct stat st {};
        if (::lstat(at.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) {
            return at;
        }
        std::error_code ec;
        const fs::path next = fs::read_symlink(at, ec);
        if (ec) {
            throw CantCreateError(msg("{}: cannot read the link: {}", path, ec.message()));
        }
        at = next.is_absolute() ? next : at.parent_path() / next;
    }
    throw CantCreateError(msg("{}: too many levels of symbolic links", path));
}

void write_all(int fd, std::string_view content, const std::string& path) {
    std::size_t written = 0;
    while (written < content.size()) {
        const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw CantCreateError(msg("{}: cannot write: {}", path, std::strerror(errno)));
        }
        written += static_cast<std::size_t>(n);
    }
}

// A FIFO or a character device: opened and written, never replaced or synced.
void write_through(const std::string& path, std::string_view content) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        throw CantCreateError(msg("{}: cannot open: {}", path, std::strerror(errno)));
    }
    try {
        write_all(fd, content, path);
    } catch (...) {
        ::close(fd);
        throw;
    }
    if (::close(fd) != 0) {
        throw CantCreateError(msg("{}: cannot write: {}", path, std::strerror(errno)));
    }
}

mode_t mode_for(Privacy privacy) {
    if (privacy == Privacy::owner_only) {
        return 0600;
    }
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return static_cast<mode_t>(0644 & ~mask);
}

// `shown` is the path the user gave (a link's target is written under its own name).
void replace_atomically(const fs::path& target, const std::string& shown, std::string_view content,
                        Privacy privacy) {
    Temporary temporary(target);
    if (::fchmod(temporary.fd(), mode_for(privacy)) != 0) {
        throw CantCreateError(msg("{}: cannot write: {}", shown, std::strerror(errno)));
    }
    write_all(temporary.fd(), content, shown);
    if (::fsync(temporary.fd()) != 0 || !temporary.close()) {
        throw CantCreateError(msg("{}: cannot write: {}", shown, std::strerror(errno)));
    }
    if (::rename(temporary.path().c_str(), target.c_str()) != 0) {
        throw CantCreateError(msg("{}: cannot write: {}", shown, std::strerror(errno)));
    }
    temporary.keep();
}

}  // namespace

StoreGuard::StoreGuard(const fs::path& store) : m_store(store) {
    guarded_stores().push_back(m_store);
}

StoreGuard::~StoreGuard() {
    auto& stores = guarded_stores();
    const auto it = std::find(stores.begin(), stores.end(), m_store);
    if (it != stores.end()) {
        stores.erase(it);
    }
}

void check_output(const std::string& path) {
    if (path == "-") {
        return;
    }
    const fs::path target = link_target(path);
    for (const auto& store : guarded_stores()) {
        for (const auto suffix : k_store_files) {
            const fs::path file = store.string() + std::string(suffix);
            if (same_file(path, file) || same_file(target, file)) {
                throw CantCreateError(
                    msg("{}: is {} ({}); nacsa never writes an output there: name another file",
                        path, store_file_name(suffix), file.string()));
            }
        }
    }
}

std::string read_text_file(const std::string& path) {
    std::string content = read_file(path);
    const std::string shown = path == "-" ? "(standard input)" : path;
    const auto refuse = [&](std::size_t offset, const Message& message) {
        const auto [line, column] = text::line_column(content, offset);
        throw ValidationError(std::vector<Diagnostic>{{shown, line, column, "", message}});
    };
    if (const auto problem = text::encoding_problem(std::string_view(content).substr(0, 65536))) {
        refuse(problem->offset, problem->message);
    }
    if (const auto bad = text::invalid_utf8_offset(content); bad != std::string::npos) {
        refuse(bad, msg("is not valid UTF-8 text"));
    }
    if (const auto nul = content.find('\0'); nul != std::string::npos) {
        refuse(nul, msg("holds a NUL byte, which no text has"));
    }
    if (const auto bom = text::inner_bom_offset(content); bom != std::string::npos) {
        refuse(bom, text::inner_bom_message());
    }
    if (content.starts_with("\xEF\xBB\xBF")) {
        content.erase(0, 3);
    }
    return content;
}

void write_file_atomic(const std::string& path, std::string_view content, Privacy privacy) {
    if (path == "-") {
        std::cout.write(content.data(), static_cast<std::streamsize>(content.size()));
        std::cout.flush();
        return;
    }
    check_output(path);
    const fs::path target = link_target(path);
    struct stat st {};
    if (::stat(target.c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            throw CantCreateError(msg("{}: is a directory", path));
        }
        if (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode)) {
            write_through(path, content);
            return;
        }
        if (!S_ISREG(st.st_mode)) {
            throw CantCreateError(
                msg("{}: is {}; nacsa writes to files, FIFOs and character devices", path,
                    S_ISSOCK(st.st_mode) ? msg("a socket") : msg("a block device")));
        }
    }
    replace_atomically(target, path, content, privacy);
}

void create_private_directories(const fs::path& dir) {
    if (dir.empty() || fs::exists(dir)) {
        return;
    }
    create_private_directories(dir.parent_path());
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
        throw CantCreateError(
            msg("{}: cannot create folder: {}", dir.string(), std::strerror(errno)));
    }
}

void make_owner_only(const fs::path& path) {
    if (::chmod(path.c_str(), 0600) != 0) {
        throw StoreError(msg("{}: cannot set mode 0600: {}", path.string(), std::strerror(errno)));
    }
}

int file_mode(const fs::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        return -1;
    }
    return static_cast<int>(st.st_mode & 07777);
}

}  // namespace nacsa::files
