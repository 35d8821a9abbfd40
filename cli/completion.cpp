#include "completion/completion.hpp"

#include <fmt/format.h>

#include "commands.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "members/lookup.hpp"

namespace nacsa::cli {

namespace {

// A positional whose name says "member" (`member show MEMBER`, `wg join GROUP MEMBER`) completes
// member ids.
completion::CommandSpec describe(const CLI::App& app) {
    completion::CommandSpec spec;
    spec.name = app.get_name();
    for (const CLI::Option* option : app.get_options()) {
        if (option->get_group().empty()) {
            continue;  // hidden
        }
        if (option->get_positional()) {
            const auto name = text::fold(option->get_name());
            if (name.find("member") != std::string::npos) {
                spec.takes_member = true;
            }
            continue;
        }
        completion::OptionSpec o;
        for (const auto& name : option->get_lnames()) {
            o.names.push_back("--" + name);
        }
        for (const auto& name : option->get_snames()) {
            o.names.push_back("-" + name);
        }
        o.takes_value = option->get_type_size_max() > 0;
        if (o.takes_value && !option->get_lnames().empty()) {
            o.values = completion::known_values("--" + option->get_lnames().front());
        }
        spec.options.push_back(std::move(o));
    }
    for (const CLI::App* sub :
         app.get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); })) {
        spec.subcommands.push_back(describe(*sub));
    }
    return spec;
}

struct CompletionOptions {
    std::optional<std::string> shell;
    bool member_ids = false;
};

int run_completion(Context& ctx, const CLI::App& app, const CompletionOptions& opts) {
    if (opts.member_ids) {
        for (const auto& id : members::member_ids(ctx.store())) {
            ctx.print(id + "\n");
        }
        return 0;
    }
    if (!opts.shell) {
        throw UsageError("which shell? nacsa completion bash|zsh|fish");
    }
    const auto kind = *opts.shell == "zsh"    ? completion::Shell::zsh
                      : *opts.shell == "fish" ? completion::Shell::fish
                                              : completion::Shell::bash;
    ctx.print(completion::script(describe(app), kind));
    return 0;
}

}  // namespace

void register_completion(CLI::App& app, Context& ctx) {
    auto opts = std::make_shared<CompletionOptions>();
    auto* cmd =
        app.add_subcommand("completion", "Print a shell completion script: bash, zsh or fish");
    cmd->add_option("shell", opts->shell, "The shell: bash, zsh or fish")
        ->check(CLI::IsMember({"bash", "zsh", "fish"}));
    cmd->add_flag("--member-ids", opts->member_ids, "List member ids (used by the scripts)")
        ->group("");
    ctx.on_run(cmd, [&app, &ctx, opts] { return run_completion(ctx, app, *opts); });
}

}  // namespace nacsa::cli
