// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <doctest/doctest.h>
#include <stdlib.h>

#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace nacsa::testing {

// A fresh folder under $TMPDIR for one test, removed afterwards; kept (and its path printed)
// when a REQUIRE failed or NACSA_KEEP_TEST_DIRS is set, so the files can be looked at.
class TempDir {
  public:
    TempDir() {
        const auto base = std::filesystem::temp_directory_path() / "nacsa-unit-XXXXXX";
        std::string tmpl = base.string();
        REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
        m_path = tmpl;
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir() {
        if (std::uncaught_exceptions() > 0 || std::getenv("NACSA_KEEP_TEST_DIRS") != nullptr) {
            MESSAGE("kept " << m_path.string());
            return;
        }
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    [[nodiscard]] const std::filesystem::path& path() const { return m_path; }
    [[nodiscard]] std::filesystem::path operator/(const std::string& name) const {
        return m_path / name;
    }

  private:
    std::filesystem::path m_path;
};

inline std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline std::string source_file(const std::string& relative) {
    return read_text(std::filesystem::path(NACSA_SOURCE_DIR) / relative);
}

}  // namespace nacsa::testing
