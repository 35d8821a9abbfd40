#include <fmt/format.h>

#include "commands.hpp"
#include "config/alliance.hpp"
#include "config/apply.hpp"
#include "core/files.hpp"

namespace nacsa::cli {

void register_config(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("config", "Show, check and apply the alliance configuration");
    cmd->require_subcommand(1);

    auto* show = cmd->add_subcommand("show", "Print the configuration the store holds (YAML)");
    ctx.on_run(show, [&ctx] {
        ctx.print(ctx.store().config_yaml());
        return 0;
    });

    auto file = std::make_shared<std::string>();
    auto* check =
        cmd->add_subcommand("check", "Validate a configuration file without touching the store");
    check->add_option("file", *file, "alliance.yaml to check (- for stdin)")
        ->required()
        ->type_name("FILE");
    ctx.on_run(check, [&ctx, file] {
        const auto alliance = config::parse_alliance(files::read_file(*file), *file);
        ctx.info(fmt::format("{}: valid configuration for {} ({}, {} regions, {} thematic areas)",
                             *file, alliance.name, alliance.country, alliance.regions.size(),
                             alliance.thematic_areas.size()));
        return 0;
    });

    auto apply_file = std::make_shared<std::string>();
    auto* apply = cmd->add_subcommand("apply", "Replace the stored configuration with a file's");
    apply->add_option("file", *apply_file, "The new alliance.yaml (- for stdin)")
        ->required()
        ->type_name("FILE");
    ctx.on_run(apply, [&ctx, apply_file] {
        const std::string yaml = files::read_file(*apply_file);
        auto& store = ctx.store(store::Access::read_write);
        ctx.info(config::apply(store, yaml, *apply_file));
        return 0;
    });
}

}  // namespace nacsa::cli
