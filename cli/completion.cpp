// SPDX-License-Identifier: Apache-2.0
#include "completion/completion.hpp"

#include <fmt/format.h>

#include "commands.hpp"
#include "core/error.hpp"
#include "help_text.hpp"

// The texts the build made from this command tree (cli/completion-scripts.cmake), linked into
// nacsa itself; absent (null) from nacsa-unscripted, which makes them, and from the unit tests.
extern "C" const char* nacsa_built_in_text(const char* kind, const char* language,
                                           std::size_t* size) __attribute__((weak));

namespace nacsa::cli {

bool completion_scripts_built_in() {
    return nacsa_built_in_text != nullptr;
}

std::optional<std::string_view> built_in_text(const std::string& kind,
                                              const std::string& language) {
    std::size_t size = 0;
    const char* text = nacsa_built_in_text != nullptr
                           ? nacsa_built_in_text(kind.c_str(), language.c_str(), &size)
                           : nullptr;
    return text != nullptr ? std::optional(std::string_view(text, size)) : std::nullopt;
}

namespace {

// The values a CLI11 validator accepts, from its description "{a,b,c}" in the type name
// ("FORMAT:{table,json}"); empty when it has none.
std::vector<std::string> choices(const CLI::Option& option) {
    const auto type = option.get_type_name();
    const auto open = type.find(":{");
    const auto close = type.find('}', open);
    if (open == std::string::npos || close == std::string::npos) {
        return {};
    }
    std::vector<std::string> out;
    std::string current;
    for (const char c : type.substr(open + 2, close - open - 2)) {
        if (c == ',') {
            out.push_back(current);
            current.clear();
        } else {
            current += c;
        }
    }
    out.push_back(current);
    return out;
}

std::string base_type(const CLI::Option& option) {
    const auto type = option.get_type_name();
    return type.substr(0, type.find(':'));
}

completion::ValueSource value_of(const std::string& path, const std::string& name,
                                 const CLI::Option& option) {
    return completion::value_source(path, name, base_type(option), choices(option));
}

// The command tree as the scripts need it: CLI11 knows which options take a value and the order
// of the positionals; completion::value_source says what their values name.
completion::CommandSpec describe(const CLI::App& app, const std::string& path) {
    completion::CommandSpec spec;
    spec.name = app.get_name();
    spec.description = app.get_description();
    for (const CLI::Option* option : app.get_options()) {
        if (option->get_group().empty()) {
            continue;  // hidden
        }
        if (option->get_positional()) {
            completion::PositionalSpec p;
            p.name = option->get_name();
            p.description = option->get_description();
            p.repeats = option->get_items_expected_max() > 1;
            p.value = value_of(path, p.name, *option);
            spec.positionals.push_back(std::move(p));
            continue;
        }
        completion::OptionSpec o;
        for (const auto& name : option->get_lnames()) {
            o.names.push_back("--" + name);
        }
        for (const auto& name : option->get_snames()) {
            o.names.push_back("-" + name);
        }
        o.description = option->get_description();
        o.takes_value = option->get_items_expected_max() > 0;  // 0 for a flag
        o.repeats = option->get_items_expected_max() > 1;
        if (o.takes_value) {
            o.value = value_of(path, o.names.front(), *option);
        }
        spec.options.push_back(std::move(o));
    }
    for (const CLI::App* sub :
         app.get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); })) {
        spec.subcommands.push_back(
            describe(*sub, path.empty() ? sub->get_name() : path + " " + sub->get_name()));
    }
    return spec;
}

struct CompletionOptions {
    std::optional<std::string> shell;
    std::optional<std::string> values;
    bool member_ids = false;
};

// What the scripts ask while completing: fast, and silent (nothing) when there is no store.
int run_values(Context& ctx, const std::string& source) {
    try {
        for (const auto& value : completion::store_values(ctx.store(), source)) {
            ctx.print(value + "\n");
        }
    } catch (const std::exception&) {
        // no store, an older one, a broken configuration: nothing to offer
    }
    return 0;
}

int run_completion(Context& ctx, const CLI::App& app, const CompletionOptions& opts) {
    if (opts.member_ids || opts.values) {
        return run_values(ctx, opts.values.value_or("member-id"));
    }
    if (!opts.shell) {
        throw UsageError(msg("which shell? nacsa completion bash|zsh|fish"));
    }
    if (completion_scripts_built_in()) {
        // The script of the whole tree, made at build time; only `completion` was built now.
        const auto& lang = ctx.options().lang;
        const auto language = help_language(known_language(lang) ? lang : "");
        const auto script = built_in_text(*opts.shell, language);
        if (!script) {
            throw std::logic_error("no built-in completion script for " + *opts.shell + " in " +
                                   language);
        }
        ctx.print(*script);  // from the program's own text: no copy of 50 KB
        return 0;
    }
    const auto kind = *opts.shell == "zsh"    ? completion::Shell::zsh
                      : *opts.shell == "fish" ? completion::Shell::fish
                                              : completion::Shell::bash;
    ctx.print(completion::script(describe(app, ""), kind));
    return 0;
}

}  // namespace

void register_completion(CLI::App* cmd, Context& ctx) {
    auto opts = std::make_shared<CompletionOptions>();
    cmd->add_option("shell", opts->shell, "The shell: bash, zsh or fish")
        ->check(CLI::IsMember({"bash", "zsh", "fish"}));
    cmd->add_option("--values", opts->values, "List the values of a source (used by the scripts)")
        ->check(CLI::IsMember(completion::store_sources()))
        ->group("");
    cmd->add_flag("--member-ids", opts->member_ids, "List member ids (same as --values member-id)")
        ->group("");
    ctx.on_document_run(cmd, "a shell script", [cmd, &ctx, opts] {
        return run_completion(ctx, *cmd->get_parent(), *opts);
    });
}

}  // namespace nacsa::cli
