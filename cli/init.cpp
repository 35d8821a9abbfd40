#include <fmt/format.h>

#include "commands.hpp"
#include "config/alliance.hpp"
#include "core/files.hpp"
#include "workflows/workflows.hpp"

namespace nacsa::cli {

namespace {

int run_init(Context& ctx, const std::optional<std::string>& config_file) {
    const std::string yaml =
        config_file ? files::read_file(*config_file) : config::default_alliance_yaml();
    const std::string name = config_file ? *config_file : "(built-in default configuration)";
    const std::string path = ctx.db_path();
    auto created = workflows::create_store(path, yaml, name, ctx.actor());
    const auto& alliance = created.store.alliance();
    ctx.info(fmt::format("created {} for {} ({}){}", path, alliance.name, alliance.short_name,
                         created.summary.empty() ? "" : "; " + created.summary));
    return 0;
}

}  // namespace

void register_init(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("init", "Create a new alliance store (never overwrites one)");
    auto config_file = std::make_shared<std::optional<std::string>>();
    cmd->add_option("--config", *config_file,
                    "The alliance configuration (default: the built-in example)")
        ->type_name("FILE");
    ctx.on_run(cmd, [&ctx, config_file] { return run_init(ctx, *config_file); });
}

}  // namespace nacsa::cli
