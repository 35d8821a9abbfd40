#include <fmt/format.h>

#include "commands.hpp"
#include "config/alliance.hpp"
#include "core/files.hpp"
#include "store/bootstrap.hpp"

namespace nacsa::cli {

void register_init(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("init", "Create a new alliance store (never overwrites one)");
    auto config_file = std::make_shared<std::string>();
    cmd->add_option("--config", *config_file,
                    "The alliance configuration (default: the built-in example)")
        ->type_name("FILE");
    ctx.on_run(cmd, [&ctx, config_file] {
        const std::string yaml =
            config_file->empty() ? config::default_alliance_yaml() : files::read_file(*config_file);
        const std::string name =
            config_file->empty() ? "(built-in default configuration)" : *config_file;
        const std::string path = ctx.db_path();
        auto store = store::Store::create(path, yaml, name, ctx.actor());
        const auto summary = store::bootstrap(store);
        ctx.info(fmt::format("created {} for {} ({}){}", path, store.alliance().name,
                             store.alliance().short_name, summary.empty() ? "" : "; " + summary));
        return 0;
    });
}

}  // namespace nacsa::cli
