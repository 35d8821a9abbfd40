#pragma once

#include <filesystem>
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

// Reads a whole file ("-" reads standard input). Missing, unreadable, a directory or larger
// than k_max_input_bytes: InputError (exit 66) naming the file.
[[nodiscard]] std::string read_file(const std::string& path);

// Writes a file atomically: a temporary file in the same folder, fsync, then rename, so a
// reader never sees half a file and a failure leaves the old one untouched. "-" writes stdout.
// Failure: CantCreateError (exit 73) naming the file.
void write_file_atomic(const std::string& path, std::string_view content, Privacy privacy);

// Creates a folder and its parents with mode 0700 (for the default store location).
void create_private_directories(const std::filesystem::path& dir);

// Sets a file's mode to 0600.
void make_owner_only(const std::filesystem::path& path);

// The file's permission bits (e.g. 0600), or -1 when it cannot be read.
[[nodiscard]] int file_mode(const std::filesystem::path& path);

}  // namespace nacsa::files
