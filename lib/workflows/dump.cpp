// SPDX-License-Identifier: Apache-2.0
#include "workflows/dump.hpp"

#include <fmt/format.h>

#include <climits>
#include <string>
#include <utility>

#include "core/files.hpp"
#include "core/temporary.hpp"
#include "core/text.hpp"
#include "core/yaml_guard.hpp"
#include "core/yaml_reader.hpp"
#include "core/yaml_writer.hpp"
#include "governance/dump.hpp"
#include "meetings/dump.hpp"
#include "members/dump.hpp"
#include "members/people.hpp"
#include "plan/dump.hpp"
#include "store/maintenance.hpp"
#include "wg/dump.hpp"

namespace nacsa::workflows {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> file_names(const std::vector<store::dump::File>& layout) {
    std::vector<std::string> names;
    names.reserve(layout.size());
    for (const auto& f : layout) {
        names.emplace_back(f.name);
    }
    return names;
}

std::string manifest_text(const std::vector<std::string>& names, int schema_version,
                          bool redacted) {
    yaml::Writer out;
    out.comment(
        fmt::format("A dump of a nacsa store: nacsa db load DIR builds a store from it "
                    "(man 5 nacsa-dump)."));
    out.raw(0, "format", std::to_string(store::dump::k_format));
    out.raw(0, "schema_version", std::to_string(schema_version));
    out.boolean(0, "redacted", redacted);
    out.list(0, "files", names);
    return out.take();
}

// A folder a dump may be written into: a new one (made, mode 0700), an empty one (hidden
// entries such as .git aside), or one holding an earlier dump.
void check_dump_folder(const fs::path& dir) {
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(dir, ec))) {
        files::create_private_directories(dir);
        return;
    }
    if (!fs::is_directory(dir, ec)) {
        throw CantCreateError(
            msg("{}: is not a folder; nacsa db dump writes a folder of files", dir.string()));
    }
    if (fs::exists(dir / k_dump_manifest, ec)) {
        return;
    }
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (!entry.path().filename().string().starts_with('.')) {
            throw CantCreateError(
                msg("{}: holds files and no {}; nacsa db dump writes only into "
                    "a new or empty folder, or over an earlier dump",
                    dir.string(), k_dump_manifest));
        }
    }
}

// Checks the manifest of the dump in `dir` against the files this nacsa reads.
void read_manifest(const fs::path& dir, const std::vector<std::string>& names) {
    const std::string shown = (dir / k_dump_manifest).string();
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        throw InputError(msg("{}: no such folder", dir.string()));
    }
    if (!fs::exists(dir / k_dump_manifest, ec)) {
        throw InputError(msg("{}: not a dump of nacsa: it has no {} (nacsa db dump writes one)",
                             dir.string(), k_dump_manifest));
    }
    const YAML::Node root = load_yaml(files::read_text_file(shown), shown, ExitCode::data_invalid);
    Diagnostics diagnostics;
    yaml::Reader reader(shown, diagnostics);
    if (reader.expect_map(root, "", {"format", "schema_version", "redacted", "files"})) {
        const auto format = reader.integer(root, "format", "", 1, INT_MAX);
        const auto schema = reader.integer(root, "schema_version", "", 1, INT_MAX);
        (void)reader.boolean(root, "redacted", "");
        const auto listed = reader.keys(root, "files", "");
        const auto newer = [&](const char* key, int value, int ours) {
            reader.problem(root[key], key,
                           msg("{} is newer than this nacsa's {}: load the dump with a nacsa as "
                               "recent as the one that wrote it",
                               value, ours));
        };
        if (format && *format > store::dump::k_format) {
            newer("format", *format, store::dump::k_format);
        }
        if (schema && *schema > store::latest_schema_version()) {
            newer("schema_version", *schema, store::latest_schema_version());
        }
        if (!reader.has_problem("files") && listed != names) {
            reader.problem(root["files"], "files", msg("expected [{}]", text::join(names, ", ")));
        }
    }
    diagnostics.throw_if_any();
}

// The problems `db check` finds in a store just built: a load refuses a dump whose records
// reach past what it holds (an invitee's member that is not there) or break a rule.
void check_built_store(const fs::path& path, const store::Actor& actor, const fs::path& dir) {
    std::vector<Diagnostic> problems;
    for (const auto& f : store::check_store(path, actor, members::check_search)) {
        // What db check says of the folder (another process's temporary file beside it, a
        // mode) is not about the dump.
        if (f.severity == output::Severity::error && f.rule != "leftover-temporary" &&
            f.rule != "file-mode") {
            problems.push_back(Diagnostic{
                .file = dir.string(),
                .field = f.record,
                .message = msg("the store it makes fails db check ({}): {}", f.rule, f.message)});
        }
    }
    if (!problems.empty()) {
        throw ValidationError(std::move(problems));
    }
}

}  // namespace

std::vector<store::dump::File> dump_layout(store::Store& store) {
    return {store::store_dump_file(), members::dump_file(store), governance::dump_file(store),
            wg::dump_file(store),     meetings::dump_file(),     plan::dump_file(store),
            store::audit_dump_file()};
}

DumpCount dump_store(store::Store& store, const fs::path& dir, bool redact) {
    check_dump_folder(dir);
    const auto layout = dump_layout(store);
    const store::dump::Redaction redaction =
        redact ? store::dump::Redaction(members::redaction_key(store)) : store::dump::Redaction();
    std::vector<std::pair<fs::path, std::string>> texts;
    DumpCount count;
    int schema = 0;
    store.snapshot([&] {
        schema = store.schema_version();
        for (const auto& f : layout) {
            texts.emplace_back(dir / f.name,
                               store::dump::write_file(store, f, redaction, count.records));
        }
    });
    texts.emplace_back(dir / k_dump_manifest, manifest_text(file_names(layout), schema, redact));
    for (const auto& [path, text] : texts) {
        files::write_file_atomic(path.string(), text, files::Privacy::owner_only);
    }
    count.files = texts.size();
    return count;
}

DumpCount load_store(const fs::path& dir, const fs::path& destination, const store::Actor& actor) {
    std::error_code ec;
    if (fs::exists(fs::symlink_status(destination, ec))) {
        throw CantCreateError(msg("{}: already exists; nacsa {} never overwrites a file",
                                  destination.string(), "db load"));
    }
    if (destination.has_parent_path() && !fs::exists(destination.parent_path(), ec)) {
        files::create_private_directories(destination.parent_path());
    }
    files::Temporary temporary(destination);
    temporary.close();
    DumpCount count;
    {
        const auto built = store::Store::build(temporary.path(), actor, [&](store::Store& s) {
            const auto layout = dump_layout(s);
            read_manifest(dir, file_names(layout));
            for (const auto& f : layout) {
                Diagnostics diagnostics;
                count.records += store::dump::read_file(s, dir, f, diagnostics);
                diagnostics.throw_if_any();
                ++count.files;
            }
        });
    }  // closed: its write-ahead log is in the file
    check_built_store(temporary.path(), actor, dir);
    files::make_owner_only(temporary.path());
    files::place_new(temporary, destination, "db load");
    return count;
}

}  // namespace nacsa::workflows
