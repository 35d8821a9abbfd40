// SPDX-License-Identifier: Apache-2.0
// Fuzzes the quick YAML reader of `member import` (lib/members/import_yaml_events.hpp) against
// libyaml: whatever it reads must give libyaml's events (type, text, plain or not, line,
// column), whatever the buffer size; and the YAML reader of member import, which goes on with
// libyaml where the quick reader gives up, must give the same records, problems and places as
// libyaml alone. Any difference aborts.
#include <fmt/format.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fuzz_store.hpp"
#include "members/import.hpp"
#include "members/import_reader.hpp"
#include "members/import_yaml_events.hpp"

namespace {

using namespace nacsa::members;
using namespace nacsa::members::detail;

std::string read_all(RecordReader& reader) {
    std::string out;
    SourceRecord record;
    while (reader.next(record)) {
        out += fmt::format("record at {}: {} {}\n", record.line, record.value.dump(),
                           record.input.has_value());
        for (const auto& p : record.problems) {
            out += p.to_string() + "\n";
        }
        for (const auto& f : record.field_locations) {
            out += fmt::format("{}.{} at {}:{}\n", f.contact, f.field, f.at.line, f.at.column);
        }
        for (const auto& [path, at] : record.locations) {
            out += fmt::format("{} at {}:{}\n", path, at.line, at.column);
        }
        record = SourceRecord{};
    }
    for (const auto& p : reader.problems) {
        out += p.to_string() + "\n";
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    bool failed = false;
    const auto expected = libyaml_events(text, failed);
    for (const std::size_t buffer : {std::size_t{1} << 20, std::size_t{61}}) {
        const auto quick = quick_events(text, buffer);
        if (quick && (failed || *quick != expected)) {
            std::abort();
        }
    }
    const auto path = nacsa::fuzz::input_file(text, "yaml");
    for (const bool keep : {false, true}) {
        ImportOptions options;
        if (keep) {
            options.rejects = (nacsa::fuzz::work_dir() / "rejects.jsonl").string();
        }
        const auto quick = yaml_reader("m.yaml", path, options);
        const auto libyaml = libyaml_reader("m.yaml", path, options);
        if (read_all(*quick) != read_all(*libyaml)) {
            std::abort();
        }
    }
    return 0;
}
