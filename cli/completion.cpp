#include "completion/completion.hpp"

#include <fmt/format.h>

#include "commands.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace nacsa::cli {

namespace {

// `top` is the command the subcommand belongs to ("member" for `member show`).
completion::CommandSpec describe(const CLI::App& app, const std::string& top = "") {
    completion::CommandSpec spec;
    spec.name = app.get_name();
    for (const CLI::Option* option : app.get_options()) {
        if (option->get_group().empty()) {
            continue;  // hidden
        }
        if (option->get_positional()) {
            const auto name = text::fold(option->get_name());
            if (name.find("member") != std::string::npos || (top == "member" && name == "id")) {
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
        spec.subcommands.push_back(describe(*sub, top.empty() ? sub->get_name() : top));
    }
    return spec;
}

}  // namespace

void register_completion(CLI::App& app, Context& ctx) {
    auto shell = std::make_shared<std::string>();
    auto member_ids = std::make_shared<bool>(false);
    auto* cmd =
        app.add_subcommand("completion", "Print a shell completion script: bash, zsh or fish");
    cmd->add_option("shell", *shell, "The shell: bash, zsh or fish")
        ->check(CLI::IsMember({"bash", "zsh", "fish"}));
    cmd->add_flag("--member-ids", *member_ids, "List member ids (used by the scripts)")->group("");
    ctx.on_run(cmd, [&app, &ctx, shell, member_ids] {
        if (*member_ids) {
            for (const auto& id : completion::member_ids(ctx.store())) {
                ctx.print(id + "\n");
            }
            return 0;
        }
        if (shell->empty()) {
            throw UsageError("which shell? nacsa completion bash|zsh|fish");
        }
        const auto kind = *shell == "zsh"    ? completion::Shell::zsh
                          : *shell == "fish" ? completion::Shell::fish
                                             : completion::Shell::bash;
        ctx.print(completion::script(describe(app), kind));
        return 0;
    });
}

}  // namespace nacsa::cli
