// SPDX-License-Identifier: Apache-2.0
#include "checks.hpp"

#include <fmt/format.h>

#include <memory>

#include "options.hpp"
#include "store/acknowledgements.hpp"

namespace nacsa::cli {

namespace {

struct AckOptions {
    std::string key;
    std::string reason;
    std::optional<std::string> until;
};

int run_ack(Context& ctx, const std::string& area, const AckOptions& opts,
            const CurrentFindings& current) {
    auto& store = ctx.store(store::Access::read_write);
    const auto until = date_option(opts.until, "--until");
    store::acknowledge(store, area, opts.key, opts.reason, until, current(store));
    ctx.info(until ? msg("acknowledged {} until {}", opts.key, format_date(*until))
                   : msg("acknowledged {}", opts.key));
    return 0;
}

int run_unack(Context& ctx, const std::string& area, const std::string& key) {
    store::withdraw_acknowledgement(ctx.store(store::Access::read_write), area, key);
    ctx.info(msg("{} counts again", key));
    return 0;
}

}  // namespace

void add_acknowledgements(CLI::App* check, Context& ctx, const std::string& area, bool& all,
                          CurrentFindings current) {
    check->add_flag("--all", all,
                    "Show acknowledged findings too (they do not set the exit status)");
    auto opts = std::make_shared<AckOptions>();
    auto* ack = check->add_subcommand(
        "ack", "Acknowledge a finding: leave it out of this check until a date or for good");
    ack->add_option("key", opts->key, "The finding: RULE:RECORD (or RULE), as the check shows it")
        ->required()
        ->type_name("KEY");
    ack->add_option("--reason", opts->reason, "Why it may be left as it is (kept in the log)")
        ->required();
    ack->add_option("--until", opts->until, "Last day it is left out (default: for good)")
        ->type_name("DATE");
    ctx.on_run(ack, [&ctx, area, opts, current = std::move(current)] {
        return run_ack(ctx, area, *opts, current);
    });
    auto key = std::make_shared<std::string>();
    auto* unack = check->add_subcommand("unack", "Make an acknowledged finding count again");
    unack->add_option("key", *key, "The finding: RULE:RECORD (or RULE)")
        ->required()
        ->type_name("KEY");
    ctx.on_run(unack, [&ctx, area, key] { return run_unack(ctx, area, *key); });
}

int print_check(Context& ctx, const std::string& area, std::vector<output::Finding> findings,
                bool all) {
    auto& store = ctx.store();
    const auto result =
        store::apply_acknowledgements(store, area, std::move(findings), store.today(), all);
    const int status = ctx.print_findings(result.shown);
    if (result.silenced > 0 && !all) {
        ctx.info(result.silenced == 1 ? msg("1 acknowledged finding left out (--all shows it)")
                                      : msg("{} acknowledged findings left out (--all shows them)",
                                            result.silenced));
    }
    return status;
}

void warn_committee_findings(const Context& ctx, const std::vector<output::Finding>& created) {
    for (const auto& f : created) {
        ctx.warn(msg("committee: {} ({}{}; see nacsa committee check)", ctx.finding_message(f),
                     f.rule, f.record.empty() ? "" : ":" + f.record));
    }
}

}  // namespace nacsa::cli
