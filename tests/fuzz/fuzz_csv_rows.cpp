// SPDX-License-Identifier: Apache-2.0
// Fuzzes the rows of a CSV file (lib/members/import_csv_rows.hpp) read the quick way (plain
// lines split without libcsv) against libcsv alone: the same rows (cells, line, blank or not),
// the same delimiter and the same problems, with the delimiter found or given and a large or a
// tiny buffer (a large one: the whole of any input the fuzzer makes, 64 KiB at most). Any
// difference aborts.
#include <fmt/format.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "fuzz_store.hpp"
#include "members/import_csv_rows.hpp"

namespace {

using namespace nacsa::members::detail;

std::string read_all(const std::string& path, std::optional<char> delimiter, CsvReading reading) {
    std::vector<nacsa::Diagnostic> problems;
    CsvRows rows("m.csv", path, delimiter, problems, reading);
    std::string out;
    CsvRow row;
    while (rows.pull(row)) {
        out += fmt::format("row at {} {}:", row.line, row.blank);
        for (const auto& cell : row.cells) {
            out += fmt::format(" [{}]", cell);
        }
        out += '\n';
        rows.give_back(std::move(row.cells));
        row = CsvRow{};
    }
    out += fmt::format("delimiter {:d}, {} bytes\n", rows.delimiter(), rows.bytes_read());
    for (const auto& p : problems) {
        out += p.to_string() + "\n";
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto path =
        nacsa::fuzz::input_file(std::string(reinterpret_cast<const char*>(data), size), "csv");
    for (const std::optional<char> delimiter : {std::optional<char>{}, std::optional<char>{'\t'}}) {
        for (const std::size_t buffer : {std::size_t{65537}, std::size_t{61}}) {
            if (read_all(path, delimiter, {.quick = true, .buffer_bytes = buffer}) !=
                read_all(path, delimiter, {.quick = false, .buffer_bytes = buffer})) {
                std::abort();
            }
        }
    }
    return 0;
}
