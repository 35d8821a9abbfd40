// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace nacsa::files {

// Who may read a file nacsa writes.
enum class Privacy {
    owner_only,  // 0600 whatever the umask: stores, backups, exports and reports with personal data
    shared,      // 0644 less the umask
};

// Largest input file nacsa reads (configuration, imports): far above any real alliance's data,
// low enough that /dev/zero or a runaway pipe cannot exhaust memory.
inline constexpr std::size_t k_max_input_bytes = std::size_t{64} << 20;

// Checks that an input file exists and is not a directory: InputError (exit 66) otherwise,
// with the same wording as read_file. "-" (standard input) always passes.
void check_input_file(const std::string& path);

// A program as the shell finds it: `name` itself when it holds a '/', else the first executable
// regular file of that name in a directory of PATH (empty entries skipped; no PATH:
// /usr/bin:/bin). nullopt when there is none.
[[nodiscard]] std::optional<std::string> find_program(const std::string& name);

// Reads a whole file ("-" reads standard input). Missing, unreadable, a directory or larger
// than k_max_input_bytes: InputError (exit 66) naming the file.
[[nodiscard]] std::string read_file(const std::string& path);

// Reads a whole text file as read_file does, and refuses (ValidationError, exit 65, naming the
// file, line and column) one that is not UTF-8 text: another encoding named, NUL bytes, damaged
// UTF-8, a byte-order mark inside it. A byte-order mark at its start is dropped.
[[nodiscard]] std::string read_text_file(const std::string& path);

// Writes an output file (every `-o`, the rejects file, db backup's destination):
// - "-" is standard output;
// - a FIFO or a character device (/dev/null, /dev/stdout, a terminal) is written through:
//   opened and written, never replaced;
// - a symbolic link is followed and its target written atomically (the link stays);
// - a regular file or a new path is written atomically: a temporary file in the same folder
//   (core/temporary.hpp), fsync, then rename, so a reader never sees half a file and a failure
//   leaves the old one untouched.
// Refuses (CantCreateError, exit 73, naming the file) the store and its companions
// (protect_store), a directory, a socket and a block device.
void write_file_atomic(const std::string& path, std::string_view content, Privacy privacy);

// Makes `store` and its companions (-wal, -shm, -journal) files no output may be: while the
// guard lives, write_file_atomic and check_output refuse them however the path is spelled (the
// same file by device and inode where it exists, the same resolved path where it does not).
// The command line guards the store it names for the whole run; an open Store guards its file.
class StoreGuard {
  public:
    explicit StoreGuard(const std::filesystem::path& store);
    ~StoreGuard();
    StoreGuard(const StoreGuard&) = delete;
    StoreGuard& operator=(const StoreGuard&) = delete;
    StoreGuard(StoreGuard&&) = delete;
    StoreGuard& operator=(StoreGuard&&) = delete;

  private:
    std::filesystem::path m_store;
};

// CantCreateError (exit 73) when `path` is a guarded store or one of its companions, saying
// which; a path that is not (or "-") passes.
void check_output(const std::string& path);

// Creates a folder and its parents with mode 0700 (for the default store location).
void create_private_directories(const std::filesystem::path& dir);

// Sets a file's mode to 0600.
void make_owner_only(const std::filesystem::path& path);

// The file's permission bits (e.g. 0600), or -1 when it cannot be read.
[[nodiscard]] int file_mode(const std::filesystem::path& path);

}  // namespace nacsa::files
