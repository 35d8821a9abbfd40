// SPDX-License-Identifier: Apache-2.0
#pragma once
// Temporary files nacsa writes beside a destination before renaming them into place (atomic
// writes, db backup). Each is named `.NAME.nacsa-PID-XXXXXX`, so that what a killed run leaves
// behind is recognisable: it is removed when the process is interrupted (SIGINT, SIGTERM, SIGHUP)
// while the file is registered, and a later write into the same folder removes those whose
// process is gone (kill -9 cannot be caught). `nacsa db check` reports any beside the store.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace nacsa::files {

class Temporary {
  public:
    // Creates `.NAME.nacsa-PID-XXXXXX` beside `destination` (mode 0600, open for writing) and
    // registers it for removal on interruption; first removes the leftovers of dead processes
    // in that folder. CantCreateError (exit 73) naming the destination when it cannot.
    explicit Temporary(const std::filesystem::path& destination);
    // Removes the file (and SQLite's -journal, -wal and -shm beside it) unless kept.
    ~Temporary();
    Temporary(const Temporary&) = delete;
    Temporary& operator=(const Temporary&) = delete;
    Temporary(Temporary&&) = delete;
    Temporary& operator=(Temporary&&) = delete;

    [[nodiscard]] const std::string& path() const { return m_path; }
    // The descriptor open for writing, or -1 once closed.
    [[nodiscard]] int fd() const { return m_fd; }
    // Closes the descriptor; false (errno set) when the close failed.
    bool close();
    // The file has been renamed or linked into place: nothing to remove any more.
    void keep();

  private:
    std::string m_path;
    int m_fd = -1;
    int m_slot = -1;  // in the registry the signal handler reads; -1 when not there
    bool m_kept = false;
};

// Puts a finished temporary file (closed) in place as `destination`, never replacing a file
// that is there, even one that appeared meanwhile: CantCreateError (exit 73) saying that
// `nacsa COMMAND` never overwrites a file. Folders without hard links (some network or FAT
// mounts) fall back to a rename.
void place_new(Temporary& temporary, const std::filesystem::path& destination,
               std::string_view command);

// The temporary files in `dir` that nacsa processes no longer running left behind.
[[nodiscard]] std::vector<std::filesystem::path> stale_temporaries(
    const std::filesystem::path& dir);

}  // namespace nacsa::files
