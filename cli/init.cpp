// SPDX-License-Identifier: Apache-2.0
#include <fmt/format.h>

#include "commands.hpp"
#include "config/alliance.hpp"
#include "core/error.hpp"
#include "core/files.hpp"
#include "workflows/workflows.hpp"

namespace nacsa::cli {

namespace {

struct InitOptions {
    std::optional<std::string> config_file;
    bool example = false;
};

int run_init(Context& ctx, const InitOptions& o) {
    if (!o.config_file && !o.example) {
        throw UsageError(msg(
            "init: give the alliance's configuration with --config FILE (`nacsa config template "
            "--country CC > alliance.yaml` writes a starter to edit), or --example to try nacsa "
            "with the example alliance"));
    }
    const auto& config_file = o.config_file;
    const std::string yaml =
        config_file ? files::read_file(*config_file) : config::default_alliance_yaml();
    const std::string name = config_file ? *config_file : "(built-in example configuration)";
    const std::string path = ctx.db_path();
    auto created = workflows::create_store(path, yaml, name, ctx.actor());
    const auto& alliance = created.store.alliance();
    ctx.info(created.summary.empty()
                 ? msg("created {} for {} ({})", path, alliance.name, alliance.short_name)
                 : msg("created {} for {} ({}); {}", path, alliance.name, alliance.short_name,
                       created.summary));
    return 0;
}

}  // namespace

void register_init(CLI::App* cmd, Context& ctx) {
    auto opts = std::make_shared<InitOptions>();
    auto* config = cmd->add_option("--config", opts->config_file,
                                   "The alliance configuration (see `nacsa config template`)")
                       ->type_name("FILE");
    cmd->add_flag("--example", opts->example,
                  "Use the built-in example alliance (fictional, in Chile), to try nacsa")
        ->excludes(config);
    ctx.on_run(cmd, [&ctx, opts] { return run_init(ctx, *opts); });
}

}  // namespace nacsa::cli
