// SPDX-License-Identifier: Apache-2.0
// `member import`: every record of every file read (import_yaml.cpp, import_jsonl.cpp,
// import_csv.cpp), converted (import_convert.cpp) and checked, matched with the members of the
// store, checked for duplicates (import_duplicates.cpp), and written, all in one transaction;
// with --skip-invalid the invalid records go to a file (import_rejects.cpp).
#include "members/import.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <malloc.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>

#include "core/files.hpp"
#include "core/text.hpp"
#include "members/erased.hpp"
#include "members/import_convert.hpp"
#include "members/import_duplicates.hpp"
#include "members/import_reader.hpp"
#include "members/import_rejects.hpp"
#include "members/import_values.hpp"
#include "members/writer.hpp"
#include "store/sql.hpp"

namespace nacsa::members {

namespace {

using detail::DuplicateIndex;
using detail::Origins;
using detail::RecordReader;
using detail::SeenIds;
using detail::SourceRecord;
using detail::Where;

// Thrown to roll back a dry run once its summary is known.
struct DryRunDone {};

// Whether two paths name the same existing file.
bool same_file(const std::string& a, const std::string& b) {
    std::error_code ec;
    return std::filesystem::equivalent(a, b, ec) && !ec;
}

// Every --map says what it means, and maps a column once.
void check_maps(const ImportOptions& options) {
    std::set<std::string> mapped;
    for (const auto& [from, to] : options.map) {
        if (!detail::csv_field(detail::lower(to))) {
            throw UsageError(msg("--map \"{}={}\": \"{}\" is not a field (known: {})", from, to, to,
                                 detail::known_csv_columns()));
        }
        if (!mapped.insert(detail::lower(from)).second) {
            throw UsageError(msg("--map: column \"{}\" is mapped twice", from));
        }
    }
}

// The files of an import: the format of each, and their size (for progress and for sizing
// the indexes of the import).
struct Inputs {
    std::vector<FileFormat> formats;
    std::size_t total_bytes = 0;
};

// Every file must be readable and of a known format before anything starts; the rejects file
// is none of them.
Inputs check_files(const std::vector<std::string>& files, const ImportOptions& options) {
    Inputs inputs;
    for (const auto& file : files) {
        auto format = options.format ? options.format : format_from_extension(file);
        if (!format) {
            throw UsageError(
                msg("{}: cannot tell the format from the file name: use --input-format "
                    "yaml, csv or jsonl",
                    file));
        }
        inputs.formats.push_back(*format);
        if (file == "-") {
            continue;
        }
        files::check_input_file(file);
        if (!options.rejects.empty() && same_file(options.rejects, file)) {
            throw UsageError(
                msg("--skip-invalid {}: that is an input file; name another file for the "
                    "rejected records",
                    options.rejects));
        }
        std::error_code ec;
        inputs.total_bytes +=
            std::filesystem::is_regular_file(file, ec) ? std::filesystem::file_size(file, ec) : 0;
    }
    return inputs;
}

// A large import allocates and frees many small records: keep freed memory instead of
// returning it to the system after each one (brk churn cost a fifth of the run time), and give
// SQLite a page cache for the indexes being filled. 8 MB: a first load into an empty store
// appends to its tables, with no indexes to fill, and a larger cache only adds to the peak
// memory (the sorts that build the indexes at the end use as much again).
void tune_for_import(store::Store& store) {
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_TOP_PAD, 8 << 20);
    store.db().exec("PRAGMA cache_size = -8000");
    store.db().exec("PRAGMA temp_store = MEMORY");
}

// Whether an import is a first load that writes enough to be worth a rollback journal instead
// of the write-ahead log (Store::bulk_transaction): a store with no members yet, and files of
// at least 1 MB (some 2,000 members). Smaller ones, standard input, and a dry run (which
// leaves the store as it was, its journal mode too) keep the log.
bool first_load(store::Store& store, const Inputs& inputs, const ImportOptions& options) {
    constexpr std::size_t k_first_load_bytes = std::size_t{1} << 20;
    try {
        return options.dry_run == DryRun::no && inputs.total_bytes >= k_first_load_bytes &&
               store.db().execAndGet("SELECT EXISTS (SELECT 1 FROM member)").getInt() == 0;
    } catch (const SQLite::Exception& e) {
        store::rethrow_sqlite(e, store.path());
    }
}

std::unique_ptr<RecordReader> reader_of(FileFormat format, const std::string& name,
                                        const std::string& file, const ImportOptions& options) {
    switch (format) {
        case FileFormat::yaml:
            return detail::yaml_reader(name, file, options);
        case FileFormat::csv:
            return detail::csv_reader(name, file, options);
        case FileFormat::jsonl:
            return detail::json_lines_reader(name, file, options);
    }
    return nullptr;
}

// Which member a record is: its id, and whether the store has it.
struct Identity {
    std::string id;
    bool exists = false;
};

// One import, inside its transaction: reads every file, checks every record and writes the
// valid ones (none when any is invalid, unless invalid records are skipped).
class Importer {
  public:
    Importer(store::Store& store, const std::vector<std::string>& files, const Inputs& inputs,
             const ImportOptions& options, detail::KeyedValues& values, detail::Rejects& rejects,
             ImportSummary& summary, std::vector<Diagnostic>& problems)
        : m_store(store),
          m_files(files),
          m_inputs(inputs),
          m_options(options),
          m_values(values),
          m_rejects(rejects),
          m_summary(summary),
          m_problems(problems),
          m_alliance(store.alliance()),
          m_writer(store),
          m_duplicates(m_origins),
          m_seen_ids(m_origins),
          m_today_date(nacsa::today(m_alliance.time_zone)),
          m_today(format_date(m_today_date)) {
        for (const auto& file : files) {
            m_names.push_back(file == "-" ? "<stdin>" : file);
        }
    }

    // Imports every file; then throws ValidationError when a record was invalid (unless they
    // are skipped), and DryRunDone for a dry run, to roll the transaction back.
    void run();

  private:
    void remember_stored_members();
    void read_file(std::size_t file);
    void take(RecordReader& reader, SourceRecord& record, std::uint32_t file);
    MemberInput checked_fields(RecordReader& reader, SourceRecord& record,
                               std::vector<Diagnostic>& problems, const Locator& where);
    Identity identify(const MemberInput& input, const std::string& key);
    Member stored(const std::string& id);
    void check_duplicates(const Member& after, const DuplicateIndex::Keys& keys,
                          const Locator& where, std::vector<Diagnostic>& problems);
    void write(const Member& before, Member& after, bool exists, const detail::NameForms& name);
    void refuse_erased(const Member& before, const std::vector<ContactInput>& contacts,
                       const Locator& where, std::vector<Diagnostic>& problems);
    void keep_later_status(const Member& before, Member& after, const Locator& where);
    void reject(const RecordReader& reader, const SourceRecord& record,
                std::vector<Diagnostic>& why, std::uint32_t file);
    [[nodiscard]] std::string where_text(Where where) const {
        return where.line == 0 ? std::string("the store")
                               : fmt::format("{}:{}", m_names[where.file], where.line);
    }

    store::Store& m_store;
    const std::vector<std::string>& m_files;
    const Inputs& m_inputs;
    const ImportOptions& m_options;
    detail::KeyedValues& m_values;
    detail::Rejects& m_rejects;
    ImportSummary& m_summary;
    std::vector<Diagnostic>& m_problems;
    const config::Alliance& m_alliance;
    detail::Writer m_writer;
    Origins m_origins;
    DuplicateIndex m_duplicates;
    SeenIds m_seen_ids;
    std::optional<detail::MemberReader> m_stored_members;  // made when first needed
    std::vector<std::string> m_names;                      // the files as messages name them
    Date m_today_date;
    std::string m_today;
    bool m_bulk = false;
    std::size_t m_bytes_done = 0;
};

void Importer::run() {
    remember_stored_members();
    // A member takes 500 to 700 bytes in a file.
    const std::size_t expected = std::min<std::size_t>(m_inputs.total_bytes / 400, 1'000'000);
    m_duplicates.reserve(expected);
    m_seen_ids.reserve(expected);
    m_origins.reserve(expected);
    m_bulk = m_writer.start_bulk_load();
    for (std::size_t f = 0; f < m_files.size(); ++f) {
        read_file(f);
    }
    if (m_options.progress) {
        m_options.progress(m_summary.records, m_bytes_done, m_inputs.total_bytes);
    }
    if (!m_problems.empty() && m_options.rejects.empty()) {
        throw ValidationError(std::move(m_problems));
    }
    if (m_options.dry_run == DryRun::yes) {
        throw DryRunDone{};  // the rollback restores the indexes of a bulk load too
    }
    if (m_bulk) {
        m_writer.finish_bulk_load();
    }
    if (m_summary.added + m_summary.updated > 0) {
        m_store.audit("import", "members",
                      fmt::format("imported members: {}", summary_text(m_summary)));
    }
}

// The members already in the store, for duplicate detection.
void Importer::remember_stored_members() {
    SQLite::Statement q(m_store.db(), "SELECT id, name, acronym, email, website FROM member");
    while (q.executeStep()) {
        Member m;
        m.id = q.getColumn(0).getString();
        m.name = q.getColumn(1).getString();
        m.acronym = store::text(q.getColumn(2));
        m.email = store::text(q.getColumn(3));
        m.website = store::text(q.getColumn(4));
        m_duplicates.add(m_origins.add(m.id, Where{}), DuplicateIndex::keys(m, name_key(m.name)));
    }
}

void Importer::read_file(std::size_t f) {
    const auto reader = reader_of(m_inputs.formats[f], m_names[f], m_files[f], m_options);
    SourceRecord record;
    while (reader->next(record)) {
        ++m_summary.records;
        if (m_options.progress && m_summary.records % 1000 == 0) {
            m_options.progress(m_summary.records, m_bytes_done + reader->bytes_read(),
                               m_inputs.total_bytes);
        }
        take(*reader, record, static_cast<std::uint32_t>(f));
    }
    for (auto& d : reader->problems) {
        m_problems.push_back(std::move(d));
        ++m_summary.rejected;
    }
    m_bytes_done += reader->bytes_read();
}

// One record: checked, matched with a member of the store or of the input, checked against the
// lifecycle and for duplicates, and written (or rejected).
void Importer::take(RecordReader& reader, SourceRecord& record, std::uint32_t file) {
    std::vector<Diagnostic> problems = std::move(record.problems);
    const Locator where = [&](const std::string& path) { return reader.locate(record, path); };
    MemberInput input = checked_fields(reader, record, problems, where);
    if (!problems.empty()) {
        reject(reader, record, problems, file);
        return;
    }
    // Validation made sure there is a name; merge trims it, as here.
    const auto forms = detail::name_forms(text::trim(*input.name));
    const bool by_id = input.id.has_value();
    const auto [id, exists] = identify(input, forms.key);
    const auto [origin, first] =
        m_seen_ids.add(id, Where{file, static_cast<std::uint32_t>(record.line)});
    if (!first) {
        Diagnostic d = where(by_id ? "id" : "name");
        d.message =
            by_id ? msg("member \"{}\" is already given at {}", id,
                        where_text(m_origins.where(origin)))
                  : msg("member \"{}\" is already given at {} (names are the same member when "
                        "they differ only in case, accents, punctuation or spacing)",
                        id, where_text(m_origins.where(origin)));
        problems.push_back(std::move(d));
        reject(reader, record, problems, file);
        return;
    }
    Member before;
    if (exists) {
        before = stored(id);
        if (m_options.on_existing == OnExisting::fail) {
            Diagnostic d = where(by_id ? "id" : "name");
            d.message = msg("member \"{}\" already exists (--on-existing fail)", id);
            problems.push_back(std::move(d));
            reject(reader, record, problems, file);
            return;
        }
    } else {
        before.id = id;
    }
    input.id.reset();
    if (exists && !m_options.allow_erased && input.contacts) {
        refuse_erased(before, *input.contacts, where, problems);
        if (!problems.empty()) {
            reject(reader, record, problems, file);
            return;
        }
    }
    Member after = detail::merge(before, std::move(input));
    if (exists && m_options.on_existing == OnExisting::update && after.status != before.status &&
        !m_options.status_from_file) {
        keep_later_status(before, after, where);
    }
    // A status the file changes follows the lifecycle, as `member status` does.
    if (exists && m_options.on_existing == OnExisting::update && after.status != before.status) {
        if (auto why = detail::refused_move(before.status, after.status)) {
            Diagnostic d = where("status");
            d.message = std::move(*why);
            problems.push_back(std::move(d));
            reject(reader, record, problems, file);
            return;
        }
    }
    const auto keys = DuplicateIndex::keys(after, forms.key);
    check_duplicates(after, keys, where, problems);
    if (!problems.empty()) {
        reject(reader, record, problems, file);
        return;
    }
    m_duplicates.add(origin, keys);
    if (!m_problems.empty() && m_options.rejects.empty()) {
        return;  // invalid input: only keep checking
    }
    write(before, after, exists, forms);
}

// The record's fields, converted and validated; what is wrong with them goes to `problems`.
MemberInput Importer::checked_fields(RecordReader& reader, SourceRecord& record,
                                     std::vector<Diagnostic>& problems, const Locator& where) {
    detail::Converter converter(reader, record, problems);
    const bool has_fields = record.input.has_value() || record.value.is_object() ||
                            (record.value.is_null() && problems.empty());
    MemberInput input = record.input ? std::move(*record.input) : converter.member(record.value);
    if (!has_fields) {
        return input;
    }
    m_values.resolve(input, where, problems);
    Diagnostics checks;
    validate(input, m_alliance, m_today_date, where, true, checks);
    // A field the reader already rejected ("expected text") is not reported again as missing.
    std::set<std::string> rejected_fields;
    for (const auto& d : problems) {
        rejected_fields.insert(d.field);
    }
    for (auto& d : checks.take()) {
        if (rejected_fields.count(d.field) == 0) {
            problems.push_back(std::move(d));
        }
    }
    return input;
}

// Which member this is: by id, else by normalised name (`key`), else a new one, whose id comes
// from its name, made unique if another member already has it (the duplicate check says so).
Identity Importer::identify(const MemberInput& input, const std::string& key) {
    // A first load into an empty store holds only what this import wrote, and the ids seen
    // have all of it.
    const auto in_store = [&](const std::string& id) { return !m_bulk && m_writer.id_exists(id); };
    if (input.id) {
        return {*input.id, in_store(*input.id)};
    }
    if (auto found = m_writer.id_by_name_key(key)) {
        return {std::move(*found), true};
    }
    const std::string base = id_from_name(*input.name);
    std::string id = base;
    for (int n = 2; in_store(id) || m_seen_ids.find(id); ++n) {
        id = fmt::format("{}-{}", base.substr(0, 60), n);
    }
    return {std::move(id), false};
}

// A member of the store as it is, with its contacts.
Member Importer::stored(const std::string& id) {
    if (!m_stored_members) {
        m_stored_members.emplace(m_store);
    }
    return m_stored_members->find(id).value();  // identify found it
}

// Suspected duplicates: within the input and against the store; errors when strict.
void Importer::check_duplicates(const Member& after, const DuplicateIndex::Keys& keys,
                                const Locator& where, std::vector<Diagnostic>& problems) {
    for (const auto& [reason, field, other] : m_duplicates.check(after, keys)) {
        Diagnostic d = where(field);
        d.message = msg("suspected duplicate of member \"{}\" ({}, {})", m_origins.id(other),
                        where_text(m_origins.where(other)), Message::translatable(reason, {}));
        if (m_options.strictness == Strictness::strict) {
            problems.push_back(std::move(d));
        } else {
            m_summary.duplicates.push_back(std::move(d));
        }
    }
}

// A person whose data was erased from the member (member forget, contact remove) is not added
// again from a file, unless --allow-erased: an old spreadsheet would bring them back unnoticed.
void Importer::refuse_erased(const Member& before, const std::vector<ContactInput>& contacts,
                             const Locator& where, std::vector<Diagnostic>& problems) {
    for (std::size_t i = 0; i < contacts.size(); ++i) {
        const auto key = detail::contact_key(contacts[i].name.value_or(""));
        const bool known =
            std::any_of(before.contacts.begin(), before.contacts.end(),
                        [&](const Contact& c) { return detail::contact_key(c.name) == key; });
        if (known) {
            continue;
        }
        if (const auto what = detail::erased_match(m_store, before.id, contacts[i])) {
            Diagnostic d = where(fmt::format("contacts[{}].{}", i + 1, *what));
            d.message =
                msg("this person's personal data was erased from member \"{}\" (member forget or "
                    "contact remove): remove them from the file, or add --allow-erased to add them "
                    "again",
                    before.id);
            problems.push_back(std::move(d));
        }
    }
}

// A status a command recorded (`member status`, with its reason) after the file's value was
// is kept: the file's different status is a warning, unless --status-from-file. A status that
// came with the member (`member add`: reason "added") or from an import ("imported") is replaced
// by the file's.
void Importer::keep_later_status(const Member& before, Member& after, const Locator& where) {
    const auto last = detail::last_status_change(m_store, before.id);
    if (!last || last->reason == "imported" || last->reason == "added") {
        return;
    }
    Diagnostic d = where("status");
    d.message =
        msg("member \"{}\" is {} since {} (member status: \"{}\"); the file's \"{}\" is left "
            "out (--status-from-file applies it)",
            before.id, status_name(before.status), format_date(last->date),
            text::escape_control(last->reason), status_name(after.status));
    m_summary.warnings.push_back(std::move(d));
    after.status = before.status;
}

void Importer::write(const Member& before, Member& after, bool exists,
                     const detail::NameForms& name) {
    if (m_options.dry_run == DryRun::yes &&
        (!exists || (m_options.on_existing == OnExisting::update && !(after == before)))) {
        m_summary.changes.push_back(RecordChange{
            .id = after.id.empty() ? before.id : after.id,
            .added = !exists,
            .fields = exists ? detail::changed_field_list(before, after) : std::vector<Message>{}});
    }
    if (!exists) {
        m_writer.insert(after, name, after.joined.empty() ? m_today : after.joined, "imported");
        ++m_summary.added;
        m_summary.contacts_added += after.contacts.size();
    } else if (m_options.on_existing == OnExisting::skip) {
        ++m_summary.skipped;
    } else if (after == before) {
        ++m_summary.unchanged;
    } else {
        const auto new_contacts = std::count_if(after.contacts.begin(), after.contacts.end(),
                                                [](const Contact& c) { return c.id == 0; });
        m_writer.update(before, after, "imported");
        ++m_summary.updated;
        m_summary.contacts_added += static_cast<std::size_t>(new_contacts);
    }
}

void Importer::reject(const RecordReader& reader, const SourceRecord& record,
                      std::vector<Diagnostic>& why, std::uint32_t file) {
    ++m_summary.rejected;
    if (!m_options.rejects.empty()) {
        m_rejects.add(reader, record, why, m_names[file]);
    }
    for (auto& d : why) {
        m_problems.push_back(std::move(d));
    }
}

}  // namespace

ValueMapping parse_value_mapping(const std::string& given) {
    const auto colon = given.find(':');
    const auto equals = given.rfind('=');
    if (colon == std::string::npos || equals == std::string::npos || equals < colon ||
        text::trim(given.substr(0, colon)).empty() ||
        text::trim(given.substr(colon + 1, equals - colon - 1)).empty() ||
        text::trim(given.substr(equals + 1)).empty()) {
        throw UsageError(msg(
            "--map-value \"{}\": expected FIELD:TEXT=KEY (region:Lima Metropolitana=lima)", given));
    }
    return ValueMapping{std::string(text::trim(given.substr(0, colon))),
                        std::string(text::trim(given.substr(colon + 1, equals - colon - 1))),
                        std::string(text::trim(given.substr(equals + 1)))};
}

std::optional<FileFormat> parse_file_format(const std::string& name) {
    if (name == "yaml" || name == "yml") {
        return FileFormat::yaml;
    }
    if (name == "csv") {
        return FileFormat::csv;
    }
    if (name == "jsonl" || name == "ndjson") {
        return FileFormat::jsonl;
    }
    return std::nullopt;
}

std::optional<FileFormat> format_from_extension(const std::string& path) {
    std::string ext = detail::lower(std::filesystem::path(path).extension().string());
    if (ext.empty()) {
        return std::nullopt;
    }
    return parse_file_format(ext.substr(1));
}

std::string summary_text(const ImportSummary& s) {
    std::string text =
        fmt::format("{} new, {} updated, {} unchanged", s.added, s.updated, s.unchanged);
    if (s.skipped > 0) {
        text += fmt::format(", {} skipped", s.skipped);
    }
    if (s.rejected > 0) {
        text += fmt::format(", {} rejected", s.rejected);
    }
    if (!s.duplicates.empty()) {
        text += fmt::format(", {} suspected duplicate{}", s.duplicates.size(),
                            s.duplicates.size() == 1 ? "" : "s");
    }
    return text;
}

ImportSummary import_members(store::Store& store, const std::vector<std::string>& files,
                             const ImportOptions& options) {
    check_maps(options);
    const Inputs inputs = check_files(files, options);
    tune_for_import(store);
    if (!options.rejects.empty()) {
        files::check_output(options.rejects);  // not the store or its companions (exit 73)
    }
    detail::KeyedValues values(store.alliance(), options.map_values);
    ImportSummary summary;
    std::vector<Diagnostic> problems;
    detail::Rejects rejects(std::all_of(inputs.formats.begin(), inputs.formats.end(),
                                        [](FileFormat f) { return f == FileFormat::csv; }));
    const auto import = [&] {
        Importer(store, files, inputs, options, values, rejects, summary, problems).run();
        if (!options.rejects.empty()) {
            rejects.write(options.rejects);
        }
    };
    try {
        if (first_load(store, inputs, options)) {
            store.bulk_transaction(import);
        } else {
            store.transaction(import);
        }
    } catch (const DryRunDone&) {
    }
    summary.problems = std::move(problems);
    return summary;
}

}  // namespace nacsa::members
