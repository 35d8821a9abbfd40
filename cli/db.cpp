// SPDX-License-Identifier: Apache-2.0
#include <fmt/format.h>
#include <unistd.h>

#include "commands.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "members/people.hpp"
#include "store/maintenance.hpp"
#include "workflows/dump.hpp"

namespace nacsa::cli {

namespace {

int run_check(Context& ctx) {
    const auto findings = store::check_store(
        ctx.db_path(), ctx.actor(), [](store::Store& s) { return members::check_search(s); });
    if (!findings.empty()) {
        return ctx.print_findings(findings);
    }
    ctx.info(msg("{}: ok", ctx.db_path()));
    if (ctx.format() != output::Format::table) {
        ctx.print_table(output::findings_table(findings));
    }
    return 0;
}

int run_migrate(Context& ctx) {
    auto store =
        store::Store::open_any_version(ctx.db_path(), store::Access::read_write, ctx.actor());
    const int before = store.schema_version();
    const auto applied = store.migrate();
    if (applied.empty()) {
        ctx.info(msg("{}: already at schema version {}", ctx.db_path(), before));
    } else {
        ctx.info(msg("{}: migrated from schema version {} to {}", ctx.db_path(), before,
                     applied.back()));
    }
    return 0;
}

int run_backup(Context& ctx, const std::string& destination) {
    // Any schema version: backing up is what one does before `db migrate`.
    if (destination == "-" && ::isatty(STDOUT_FILENO) == 1) {
        throw UsageError(
            msg("db backup -: standard output is a terminal; redirect it to a file or a "
                "program (nacsa db backup - | gpg -e ...)"));
    }
    auto store =
        store::Store::open_any_version(ctx.db_path(), store::Access::read_only, ctx.actor());
    if (destination == "-") {
        store::backup_store_to(store, STDOUT_FILENO);
        ctx.info(msg("backed up {} to standard output", ctx.db_path()));
        return 0;
    }
    store::backup_store(store, destination);
    ctx.info(msg("backed up {} to {}", ctx.db_path(), destination));
    return 0;
}

int run_dump(Context& ctx, const std::string& dir, bool redact) {
    auto& store = ctx.store(store::Access::read_only);
    const auto count = workflows::dump_store(store, dir, redact);
    if (redact) {
        ctx.info(msg("dumped {} to {} without personal data ({} records)", ctx.db_path(), dir,
                     count.records));
    } else {
        ctx.info(msg("dumped {} to {} ({} records)", ctx.db_path(), dir, count.records));
    }
    return 0;
}

int run_load(Context& ctx, const std::string& dir) {
    const auto count = workflows::load_store(dir, ctx.db_path(), ctx.actor());
    ctx.info(msg("built {} from the dump in {} ({} records)", ctx.db_path(), dir, count.records));
    return 0;
}

}  // namespace

void register_db(CLI::App* cmd, Context& ctx) {
    cmd->require_subcommand(1);

    auto* check = cmd->add_subcommand(
        "check", "Check the store: integrity, references, schema, configuration, file mode");
    ctx.on_run(check, [&ctx] { return run_check(ctx); });

    auto* migrate = cmd->add_subcommand(
        "migrate", "Upgrade a store made by an older nacsa to this schema version");
    ctx.on_run(migrate, [&ctx] { return run_migrate(ctx); });

    auto destination = std::make_shared<std::string>();
    auto* backup = cmd->add_subcommand(
        "backup", "Copy the store consistently, even while it is in use (mode 0600)");
    backup
        ->add_option("file", *destination,
                     "Where to write the copy (must not exist); - for standard output")
        ->required()
        ->type_name("FILE");
    ctx.on_run(backup, [&ctx, destination] { return run_backup(ctx, *destination); });

    struct DumpOptions {
        std::string dir;
        bool redact = false;
    };
    auto dump_options = std::make_shared<DumpOptions>();
    auto* dump = cmd->add_subcommand(
        "dump", "Write the whole store as a folder of sorted YAML files (man 5 nacsa-dump)");
    dump->add_option("dir", dump_options->dir,
                     "The folder: new, empty, or holding an earlier dump, which is replaced")
        ->required()
        ->type_name("DIR");
    dump->add_flag("--redact", dump_options->redact,
                   "Leave out personal data: people's names become pseudonyms; their e-mail "
                   "addresses, phone numbers and notes are left out");
    ctx.on_run(dump, [&ctx, dump_options] {
        return run_dump(ctx, dump_options->dir, dump_options->redact);
    });

    auto load_dir = std::make_shared<std::string>();
    auto* load = cmd->add_subcommand(
        "load", "Build a new store (--db) from a dump, checked as strictly as an import");
    load->add_option("dir", *load_dir, "The folder nacsa db dump wrote")
        ->required()
        ->type_name("DIR");
    ctx.on_run(load, [&ctx, load_dir] { return run_load(ctx, *load_dir); });
}

}  // namespace nacsa::cli
