#include <fmt/format.h>

#include "commands.hpp"
#include "config/alliance.hpp"
#include "core/files.hpp"
#include "workflows/workflows.hpp"

namespace nacsa::cli {

namespace {

int run_show(Context& ctx) {
    ctx.print(ctx.store().config_yaml());
    return 0;
}

int run_check(Context& ctx, const std::string& file) {
    const auto alliance = config::parse_alliance(files::read_file(file), file);
    ctx.info(fmt::format("{}: valid configuration for {} ({}, {} regions, {} thematic areas)", file,
                         alliance.name, alliance.country, alliance.regions.size(),
                         alliance.thematic_areas.size()));
    return 0;
}

int run_apply(Context& ctx, const std::string& file) {
    const std::string yaml = files::read_file(file);
    ctx.info(workflows::apply_config(ctx.store(store::Access::read_write), yaml, file));
    return 0;
}

}  // namespace

void register_config(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("config", "Show, check and apply the alliance configuration");
    cmd->require_subcommand(1);

    auto* show = cmd->add_subcommand("show", "Print the configuration the store holds (YAML)");
    ctx.on_run(show, [&ctx] { return run_show(ctx); });

    auto file = std::make_shared<std::string>();
    auto* check =
        cmd->add_subcommand("check", "Validate a configuration file without touching the store");
    check->add_option("file", *file, "alliance.yaml to check (- for stdin)")
        ->required()
        ->type_name("FILE");
    ctx.on_run(check, [&ctx, file] { return run_check(ctx, *file); });

    auto apply_file = std::make_shared<std::string>();
    auto* apply = cmd->add_subcommand("apply", "Replace the stored configuration with a file's");
    apply->add_option("file", *apply_file, "The new alliance.yaml (- for stdin)")
        ->required()
        ->type_name("FILE");
    ctx.on_run(apply, [&ctx, apply_file] { return run_apply(ctx, *apply_file); });
}

}  // namespace nacsa::cli
