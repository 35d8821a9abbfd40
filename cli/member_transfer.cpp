// SPDX-License-Identifier: Apache-2.0
#include <fmt/format.h>

#include <chrono>
#include <iostream>

#include "core/files.hpp"
#include "core/text.hpp"
#include "i18n/i18n.hpp"
#include "member.hpp"
#include "members/export.hpp"
#include "members/import.hpp"
#include "members/lookup.hpp"
#include "output/table.hpp"
#include "workflows/workflows.hpp"

namespace nacsa::cli {

namespace {

struct ImportOptions {
    std::vector<std::string> files;
    std::optional<std::string> input_format;
    std::optional<std::string> delimiter;
    std::vector<std::string> maps;
    std::vector<std::string> map_values;
    std::string on_existing = "update";
    std::optional<std::string> rejects;
    bool dry_run = false;
    bool strict = false;
    bool status_from_file = false;
    bool allow_erased = false;
};

struct ExportOptions {
    std::string output = "-";
    std::optional<std::string> format;
    bool redact = false;
};

struct ForgetOptions {
    std::string member;
    std::optional<std::string> contact;
    bool all = false;
    bool yes = false;
};

// Progress on a terminal, once the import has run for about a second.
class Progress {
  public:
    explicit Progress(bool enabled)
        : m_enabled(enabled), m_start(std::chrono::steady_clock::now()) {}
    void update(std::size_t records, std::size_t bytes, std::size_t total) {
        if (!m_enabled) {
            return;
        }
        const auto now = std::chrono::steady_clock::now();
        if (now - m_start < std::chrono::seconds(1) ||
            now - m_last < std::chrono::milliseconds(200)) {
            return;
        }
        m_last = now;
        m_shown = true;
        if (total > 0) {
            std::cerr << fmt::format("\rnacsa: reading members: {} records ({}%)", records,
                                     std::min<std::size_t>(100, bytes * 100 / total))
                      << std::flush;
        } else {
            std::cerr << fmt::format("\rnacsa: reading members: {} records", records) << std::flush;
        }
    }
    void done() {
        if (m_shown) {
            std::cerr << "\r\033[K" << std::flush;
        }
    }

  private:
    bool m_enabled;
    bool m_shown = false;
    std::chrono::steady_clock::time_point m_start;
    std::chrono::steady_clock::time_point m_last;
};

constexpr std::size_t k_max_shown = 50;

// `--delimiter`: one character; "tab" or "\t" for a tab.
char delimiter_option(const std::string& given) {
    const std::string d = given == "\\t" || given == "tab" ? "\t" : given;
    if (d.size() != 1 || d == "\"" || d == "\n" || d == "\r") {
        throw UsageError(msg("--delimiter: \"{}\" is not a single delimiter character", d));
    }
    return d[0];
}

members::ImportOptions import_options(const ImportOptions& opts) {
    members::ImportOptions options;
    if (opts.input_format) {
        options.format = members::parse_file_format(*opts.input_format);
    }
    if (opts.delimiter) {
        options.delimiter = delimiter_option(*opts.delimiter);
    }
    for (const auto& m : opts.maps) {
        const auto eq = m.find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == m.size()) {
            throw UsageError(msg("--map: \"{}\" is not COLUMN=FIELD", m));
        }
        options.map.emplace_back(m.substr(0, eq), m.substr(eq + 1));
    }
    for (const auto& m : opts.map_values) {
        options.map_values.push_back(members::parse_value_mapping(m));
    }
    options.on_existing = opts.on_existing == "skip"   ? members::OnExisting::skip
                          : opts.on_existing == "fail" ? members::OnExisting::fail
                                                       : members::OnExisting::update;
    options.dry_run = opts.dry_run ? members::DryRun::yes : members::DryRun::no;
    options.strictness = opts.strict ? members::Strictness::strict : members::Strictness::warn;
    options.rejects = opts.rejects.value_or("");
    options.status_from_file = opts.status_from_file;
    options.allow_erased = opts.allow_erased;
    return options;
}

// A dry run's changes, member by member: lines on standard output in the message language,
// or with --format json an array of {"id", "action": "add"|"update", "fields": [...]} in
// English.
void report_changes(Context& ctx, const std::vector<members::RecordChange>& changes) {
    if (ctx.format() == output::Format::json) {
        auto out = nlohmann::ordered_json::array();
        for (const auto& c : changes) {
            auto fields = nlohmann::ordered_json::array();
            for (const auto& f : c.fields) {
                fields.push_back(f.english());
            }
            out.push_back(
                {{"id", c.id}, {"action", c.added ? "add" : "update"}, {"fields", fields}});
        }
        ctx.print(output::json_text(out) + "\n");
        return;
    }
    const i18n::Translator tr(ctx.message_language());  // one for every line of a large import
    std::string text;
    for (const auto& c : changes) {
        std::vector<std::string> fields;
        for (const auto& f : c.fields) {
            fields.push_back(tr.text(f));
        }
        text += tr.text(c.added ? msg("add {}", c.id)
                                : msg("update {}: {}", c.id, text::join(fields, "; "))) +
                "\n";
    }
    ctx.print(text);
}

// "48 new, 0 updated, 0 unchanged, 2 skipped" (members::summary_text) in the message language.
Message counts_message(const members::ImportSummary& s) {
    Message text = msg("{} new, {} updated, {} unchanged", s.added, s.updated, s.unchanged);
    const auto add = [&text](const Message& part) {
        text = Message::translatable("{}, {}", {text, part});
    };
    if (s.skipped > 0) {
        add(msg("{} skipped", s.skipped));
    }
    if (s.rejected > 0) {
        add(msg("{} rejected", s.rejected));
    }
    if (s.duplicates.size() == 1) {
        add(msg("1 suspected duplicate"));
    } else if (!s.duplicates.empty()) {
        add(msg("{} suspected duplicates", s.duplicates.size()));
    }
    return text;
}

// "N records" with the right number.
Message records_message(std::size_t n) {
    return n == 1 ? msg("1 record") : msg("{} records", n);
}

// Warnings (at most k_max_shown of each kind), then what the import did.
void report_import(Context& ctx, const ImportOptions& opts, const members::ImportSummary& summary) {
    const i18n::Translator tr(ctx.message_language());
    const auto translate = [&tr](std::string_view msgid) { return tr(msgid); };
    for (std::size_t i = 0; i < summary.duplicates.size() && i < k_max_shown; ++i) {
        ctx.warn(summary.duplicates[i].to_string(translate));
    }
    if (summary.duplicates.size() > k_max_shown) {
        ctx.warn(
            msg("... and {} more suspected duplicates", summary.duplicates.size() - k_max_shown));
    }
    for (std::size_t i = 0; i < summary.problems.size() && i < k_max_shown; ++i) {
        ctx.warn(summary.problems[i].to_string(translate));
    }
    if (summary.problems.size() > k_max_shown) {
        ctx.warn(msg("... and {} more problems", summary.problems.size() - k_max_shown));
    }
    for (std::size_t i = 0; i < summary.warnings.size() && i < k_max_shown; ++i) {
        ctx.warn(summary.warnings[i].to_string(translate));
    }
    if (summary.warnings.size() > k_max_shown) {
        ctx.warn(msg("... and {} more statuses kept", summary.warnings.size() - k_max_shown));
    }
    if (opts.dry_run) {
        report_changes(ctx, summary.changes);
    }
    const Message counts = counts_message(summary);
    const Message records = records_message(summary.records);
    if (opts.dry_run) {
        ctx.info(msg("dry run: {} read; would import {}; nothing written", records, counts));
    } else if (summary.added + summary.updated == 0) {
        ctx.info(msg("nothing changed: {} read; {}", records, counts));
    } else {
        ctx.info(summary.contacts_added == 1
                     ? msg("imported {}: {} (1 contact added)", records, counts)
                     : msg("imported {}: {} ({} contacts added)", records, counts,
                           summary.contacts_added));
    }
    if (opts.rejects && summary.rejected > 0 && !opts.dry_run) {
        ctx.info(summary.rejected == 1
                     ? msg("wrote 1 rejected record to {}", *opts.rejects)
                     : msg("wrote {} rejected records to {}", summary.rejected, *opts.rejects));
    }
}

int run_import(Context& ctx, const ImportOptions& opts) {
    auto options = import_options(opts);
    Progress progress(ctx.stderr_is_terminal() && !ctx.options().quiet);
    options.progress = [&progress](std::size_t records, std::size_t bytes, std::size_t total) {
        progress.update(records, bytes, total);
    };
    auto& store = ctx.store(store::Access::read_write);
    members::ImportSummary summary;
    try {
        summary = members::import_members(store, opts.files, options);
    } catch (...) {
        progress.done();
        throw;
    }
    progress.done();
    report_import(ctx, opts, summary);
    return 0;
}

int run_export(Context& ctx, const ExportOptions& opts) {
    std::optional<members::FileFormat> format;
    if (opts.format) {
        format = members::parse_file_format(*opts.format);
    } else if (ctx.options().format == "csv") {
        format = members::FileFormat::csv;
    } else if (ctx.options().format != "table") {
        throw UsageError(
            msg("member export: --format {} does not apply: it writes yaml, "
                "csv or jsonl (JSON Lines)",
                ctx.options().format));
    } else if (opts.output != "-") {
        format = members::format_from_extension(opts.output);
    }
    const auto text = members::export_members(
        ctx.store(), format.value_or(members::FileFormat::yaml),
        opts.redact ? members::Redact::yes : members::Redact::no, ctx.options().excel);
    files::write_file_atomic(opts.output, text,
                             opts.redact ? files::Privacy::shared : files::Privacy::owner_only);
    if (opts.output != "-") {
        ctx.info(msg("wrote the member register to {}", opts.output));
    }
    return 0;
}

int run_forget(Context& ctx, const ForgetOptions& opts) {
    if (!opts.contact && !opts.all) {
        throw UsageError(msg("say whose data to erase: --contact NAME or --all-contacts"));
    }
    auto& store = ctx.store(store::Access::read_write);
    // Named in the question, so an unknown member is said before confirmation is asked.
    const std::string member_id = members::resolve_member(store, opts.member).id;
    if (!opts.yes &&
        !ctx.confirm(opts.all ? msg("Erase the personal data of every contact of member {}? This "
                                    "cannot be undone.",
                                    member_id)
                              : msg("Erase the personal data of \"{}\" of member {}? This "
                                    "cannot be undone.",
                                    *opts.contact, member_id))) {
        throw UsageError(msg("erasing personal data needs confirmation: add --yes"));
    }
    const auto erasure =
        workflows::forget(store, member_id, opts.all ? std::nullopt : opts.contact);
    ctx.info(erasure.contacts == 1
                 ? msg("erased the personal data of 1 contact of member {}", erasure.member_id)
                 : msg("erased the personal data of {} contacts of member {}", erasure.contacts,
                       erasure.member_id));
    return 0;
}

void register_import(CLI::App& member, Context& ctx) {
    auto opts = std::make_shared<ImportOptions>();
    auto* cmd = member.add_subcommand("import",
                                      "Import members from YAML, CSV or JSON Lines files: all "
                                      "checked first, then one transaction");
    cmd->add_option("files", opts->files, "Files to import (- for standard input)")
        ->required()
        ->type_name("FILE");
    cmd->add_option("--input-format", opts->input_format,
                    "yaml, csv or jsonl (default: from the file extension)")
        ->check(CLI::IsMember({"yaml", "csv", "jsonl"}))
        ->type_name("FORMAT");
    cmd->add_option("--delimiter", opts->delimiter,
                    "CSV field delimiter (default: detected: , ; or tab)")
        ->type_name("CHAR");
    // One COLUMN=FIELD per --map, so that the files after it stay files.
    cmd->add_option("--map", opts->maps, "CSV: read column COLUMN as FIELD (repeatable)")
        ->type_name("COLUMN=FIELD")
        ->allow_extra_args(false);
    cmd->add_option(
           "--map-value", opts->map_values,
           "Read TEXT in FIELD (region, type, thematic_areas, services, status, gender...) "
           "as the key KEY (repeatable)")
        ->type_name("FIELD:TEXT=KEY")
        ->allow_extra_args(false);
    cmd->add_option(
           "--on-existing", opts->on_existing,
           "For members already in the store: update (the fields the file gives), skip or fail")
        ->check(CLI::IsMember({"update", "skip", "fail"}))
        ->type_name("WHAT");
    cmd->add_option("--skip-invalid", opts->rejects,
                    "Import the valid records and write the invalid ones, with why, to FILE")
        ->type_name("FILE");
    cmd->add_flag("-n,--dry-run", opts->dry_run,
                  "Check and count what would change; write nothing");
    cmd->add_flag("--strict", opts->strict, "Treat suspected duplicates as errors");
    cmd->add_flag("--status-from-file", opts->status_from_file,
                  "Apply the file's status even over one 'member status' recorded");
    cmd->add_flag("--allow-erased", opts->allow_erased,
                  "Add again people whose personal data was erased from the member");
    ctx.on_run(cmd, [&ctx, opts] { return run_import(ctx, *opts); });
}

void register_export(CLI::App& member, Context& ctx) {
    auto opts = std::make_shared<ExportOptions>();
    auto* cmd = member.add_subcommand(
        "export", "Write every member in a format 'member import' reads (YAML, CSV or JSON Lines)");
    cmd->add_option("-o,--output", opts->output,
                    "Where to write (default: standard output); mode 0600")
        ->type_name("FILE");
    cmd->add_option("--format", opts->format,
                    "yaml, csv or jsonl (default: from --output's extension, else yaml)")
        ->check(CLI::IsMember({"yaml", "csv", "jsonl"}))
        ->type_name("FORMAT");
    cmd->add_flag("--redact", opts->redact, "Leave out contacts' personal data");
    ctx.on_run(cmd, [&ctx, opts] { return run_export(ctx, *opts); });
}

void register_forget(CLI::App& member, Context& ctx) {
    auto opts = std::make_shared<ForgetOptions>();
    auto* cmd = member.add_subcommand(
        "forget",
        "Erase contacts' personal data on request (right to erasure), also from the audit log");
    cmd->add_option("member", opts->member, "The member: its id, name or acronym")
        ->required()
        ->type_name("MEMBER");
    auto* contact = cmd->add_option("--contact", opts->contact,
                                    "The contact to erase: its number, e-mail or name")
                        ->type_name("CONTACT");
    auto* all = cmd->add_flag("--all-contacts", opts->all, "Erase every contact of the member");
    contact->excludes(all);
    cmd->add_flag("-y,--yes", opts->yes, "Do not ask for confirmation");
    ctx.on_run(cmd, [&ctx, opts] { return run_forget(ctx, *opts); });
}

int run_stats(Context& ctx) {
    const auto rows = members::member_stats(ctx.store(), ctx.language());
    output::Table table{{{"dimension", N_("BY")},
                         {"key", N_("KEY")},
                         {"label", N_("LABEL")},
                         {"count", N_("COUNT"), output::Align::right}},
                        {}};
    // Members without a region: "(none)" for a reader, null (JSON) or empty (CSV) for a program.
    const bool for_reader = ctx.format() == output::Format::table;
    for (const auto& r : rows) {
        output::Cell key = r.key.empty()
                               ? (for_reader ? output::Cell{std::string("(none)")} : output::Cell{})
                               : output::Cell{r.key};
        table.add_row({r.dimension, std::move(key),
                       r.label.empty() ? output::Cell{} : output::Cell{r.label}, r.count});
    }
    ctx.print_table(table);
    return 0;
}

void register_stats(CLI::App& member, Context& ctx) {
    auto* cmd = member.add_subcommand(
        "stats",
        "Count members by status, type, region, theme and service, and contacts by gender");
    ctx.on_run(cmd, [&ctx] { return run_stats(ctx); });
}

}  // namespace

void register_member_transfer(CLI::App& member, Context& ctx) {
    ctx.build_parts<CLI::App&>(member, {{"import", register_import},
                                        {"export", register_export},
                                        {"forget", register_forget},
                                        {"stats", register_stats}});
}

}  // namespace nacsa::cli
