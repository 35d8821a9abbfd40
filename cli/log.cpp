// SPDX-License-Identifier: Apache-2.0
#include <fmt/format.h>

#include "commands.hpp"
#include "store/maintenance.hpp"

namespace nacsa::cli {

namespace {

struct LogOptions {
    std::optional<std::string> since;
    std::optional<std::string> until;
    std::optional<std::string> kind;
    std::optional<std::string> record;
    std::optional<int> limit;
};

int run_log(Context& ctx, const LogOptions& opts) {
    const store::AuditQuery query{.since = date_option(opts.since, "--since"),
                                  .until = date_option(opts.until, "--until"),
                                  .record_kind = opts.kind,
                                  .record_id = opts.record,
                                  .limit = opts.limit};
    output::Table table{
        {{"id", N_("ID"), output::Align::right},
         {"at", N_("AT")},
         {.key = "user", .header = N_("USER"), .priority = 20, .min_width = 8},
         {.key = "command", .header = N_("COMMAND"), .priority = 30, .min_width = 12},
         {.key = "record_kind", .header = N_("KIND"), .priority = 50},
         {.key = "record_id", .header = N_("RECORD"), .priority = 60, .min_width = 12},
         {.key = "summary", .header = N_("SUMMARY"), .min_width = 20}},
        {}};
    for (const auto& e : store::list_audit(ctx.store(), query)) {
        table.add_row({e.id, e.at, e.os_user, e.command, e.record_kind, e.record_id, e.summary});
    }
    ctx.print_table(table);
    return 0;
}

}  // namespace

void register_log(CLI::App* cmd, Context& ctx) {
    auto opts = std::make_shared<LogOptions>();
    cmd->add_option("--since", opts->since, "Only changes on or after this date")
        ->type_name("DATE");
    cmd->add_option("--until", opts->until, "Only changes on or before this date")
        ->type_name("DATE");
    cmd->add_option("--kind", opts->kind,
                    "Only changes to this kind of record (member, contact, config...)");
    cmd->add_option("--record", opts->record, "Only changes to this record id");
    cmd->add_option("-n,--limit", opts->limit, "Only the last N changes")
        ->check(whole_number(1))
        ->type_name("N");
    ctx.on_run(cmd, [&ctx, opts] { return run_log(ctx, *opts); });
}

}  // namespace nacsa::cli
