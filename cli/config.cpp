// SPDX-License-Identifier: Apache-2.0
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "commands.hpp"
#include "config/alliance.hpp"
#include "config/template.hpp"
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
    ctx.info(msg("{}: valid configuration for {} ({}, {} regions, {} thematic areas)", file,
                 alliance.name, alliance.country, alliance.regions.size(),
                 alliance.thematic_areas.size()));
    return 0;
}

struct ApplyOptions {
    std::string file;
    bool dry_run = false;
};

int run_apply(Context& ctx, const ApplyOptions& o) {
    const std::string yaml = files::read_file(o.file);
    if (o.dry_run) {
        const auto summary = workflows::apply_config(ctx.store(), yaml, o.file, true);
        ctx.info(summary.msgid() == "the configuration is unchanged"
                     ? msg("dry run: the configuration is unchanged")
                     : msg("dry run: would apply {}: {}", o.file, summary));
        return 0;
    }
    ctx.info(workflows::apply_config(ctx.store(store::Access::read_write), yaml, o.file));
    return 0;
}

struct TemplateOptions {
    std::string country;
    std::string language = "en";
};

int run_template(Context& ctx, const TemplateOptions& o) {
    config::TemplateOptions t;
    t.country = o.country;
    std::transform(t.country.begin(), t.country.end(), t.country.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    t.language = o.language;
    ctx.print(config::starter_configuration(t));
    return 0;
}

}  // namespace

void register_config(CLI::App* cmd, Context& ctx) {
    cmd->require_subcommand(1);

    auto* show = cmd->add_subcommand("show", "Print the configuration the store holds (YAML)");
    ctx.on_document_run(show, "the configuration as YAML", [&ctx] { return run_show(ctx); });

    auto file = std::make_shared<std::string>();
    auto* check =
        cmd->add_subcommand("check", "Validate a configuration file without touching the store");
    check->add_option("file", *file, "alliance.yaml to check (- for stdin)")
        ->required()
        ->type_name("FILE");
    ctx.on_run(check, [&ctx, file] { return run_check(ctx, *file); });

    auto apply_opts = std::make_shared<ApplyOptions>();
    auto* apply = cmd->add_subcommand("apply", "Replace the stored configuration with a file's");
    apply->add_option("file", apply_opts->file, "The new alliance.yaml (- for stdin)")
        ->required()
        ->type_name("FILE");
    apply->add_flag("--dry-run", apply_opts->dry_run,
                    "Check the file against the store and say what would change; change nothing");
    ctx.on_run(apply, [&ctx, apply_opts] { return run_apply(ctx, *apply_opts); });

    auto template_opts = std::make_shared<TemplateOptions>();
    auto* tmpl = cmd->add_subcommand(
        "template", "Print a commented starter configuration for a country (no store needed)");
    tmpl->add_option("--country", template_opts->country,
                     "ISO 3166-1 alpha-2 code of the country (its regions and time zone)")
        ->required()
        ->type_name("CC");
    tmpl->add_option("--language", template_opts->language,
                     "The alliance's language: en, es or fr (default en)")
        ->check(CLI::IsMember({"en", "es", "fr"}))
        ->type_name("LANG");
    ctx.on_run(tmpl, [&ctx, template_opts] { return run_template(ctx, *template_opts); });
}

}  // namespace nacsa::cli
