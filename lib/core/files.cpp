#include "core/files.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>

#include "core/error.hpp"

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
            throw InputError(fmt::format("{}: is larger than {} MiB, the most nacsa reads", path,
                                         k_max_input_bytes >> 20));
        }
        content.append(chunk.data(), got);
    }
    if (in.bad()) {
        throw InputError(fmt::format("{}: read error", path));
    }
    return content;
}
}  // namespace

void check_input_file(const std::string& path) {
    if (path == "-") {
        return;
    }
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
        throw InputError(fmt::format("{}: no such file", path));
    }
    if (fs::is_directory(status)) {
        throw InputError(fmt::format("{}: is a directory, not a file", path));
    }
}

std::string read_file(const std::string& path) {
    if (path == "-") {
        return read_bounded(std::cin, "(standard input)");
    }
    check_input_file(path);
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw InputError(fmt::format("{}: cannot read: {}", path, std::strerror(errno)));
    }
    return read_bounded(in, path);
}

void write_file_atomic(const std::string& path, std::string_view content, Privacy privacy) {
    if (path == "-") {
        std::cout.write(content.data(), static_cast<std::streamsize>(content.size()));
        std::cout.flush();
        return;
    }
    const fs::path target(path);
    if (fs::is_directory(target)) {
        throw CantCreateError(fmt::format("{}: is a directory", path));
    }
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::string tmpl = (dir / fmt::format(".{}.XXXXXX", target.filename().string())).string();
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0) {
        throw CantCreateError(fmt::format("{}: cannot create: {}", path, std::strerror(errno)));
    }
    const mode_t mode = privacy == Privacy::owner_only ? 0600 : [] {
        const mode_t mask = ::umask(0);
        ::umask(mask);
        return static_cast<mode_t>(0644 & ~mask);
    }();
    bool ok = ::fchmod(fd, mode) == 0;
    std::size_t written = 0;
    while (ok && written < content.size()) {
        const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            ok = false;
            break;
        }
        written += static_cast<std::size_t>(n);
    }
    const int saved = errno;
    ok = ok && ::fsync(fd) == 0;
    ok = (::close(fd) == 0) && ok;
    if (!ok || ::rename(tmpl.c_str(), path.c_str()) != 0) {
        const int err = ok ? errno : saved;
        ::unlink(tmpl.c_str());
        throw CantCreateError(fmt::format("{}: cannot write: {}", path, std::strerror(err)));
    }
}

void create_private_directories(const fs::path& dir) {
    if (dir.empty() || fs::exists(dir)) {
        return;
    }
    create_private_directories(dir.parent_path());
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
        throw CantCreateError(
            fmt::format("{}: cannot create folder: {}", dir.string(), std::strerror(errno)));
    }
}

void make_owner_only(const fs::path& path) {
    if (::chmod(path.c_str(), 0600) != 0) {
        throw StoreError(
            fmt::format("{}: cannot set mode 0600: {}", path.string(), std::strerror(errno)));
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
