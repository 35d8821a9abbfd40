// SPDX-License-Identifier: Apache-2.0
// The nacsa command line: the command tree, parsing, and errors mapped to exit codes.
#include "app.hpp"

#include <SQLiteCpp/Exception.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <initializer_list>
#include <iostream>
#include <optional>
#include <string_view>
#include <vector>

#include "commands.hpp"
#include "context.hpp"
#include "core/error.hpp"
#include "core/files.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "help_text.hpp"
#include "i18n/i18n.hpp"
#include "nacsa_version.hpp"
#include "store/store.hpp"

namespace nacsa::cli {

namespace {

constexpr std::size_t k_max_problems_shown = 50;

std::string version_text() {
    return fmt::format(
        "nacsa {}\nschema version {} (the store version this nacsa writes)\n"
        "SQLite {} (built with {}), fmt {}.{}.{}, CLI11 {},\n{}",
        nacsa::k_version, nacsa::store::latest_schema_version(), sqlite3_libversion(),
        SQLITE_VERSION, FMT_VERSION / 10000, FMT_VERSION / 100 % 100, FMT_VERSION % 100,
        CLI11_VERSION, nacsa::k_built_with);
}

// The deepest subcommand that was parsed, and its path, e.g. "member contact add".
const CLI::App* selected_command(const CLI::App& app, std::string& path) {
    const CLI::App* current = &app;
    while (true) {
        const auto subs = current->get_subcommands();
        if (subs.empty()) {
            return current;
        }
        current = subs.front();
        path += path.empty() ? current->get_name() : " " + current->get_name();
    }
}

// The names of an app's subcommands, for "(known: ...)" in messages.
std::string command_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
        names.push_back(sub->get_name());
    }
    return nacsa::text::join(names, ", ");
}

// A usage error that names what was not understood. CLI11 checks "a subcommand is required"
// before it complains about unknown arguments, so `nacsa --bogus` would otherwise only say that
// a command is missing.
Message usage_message(const CLI::App& app, const CLI::ParseError& e) {
    std::string path;
    const CLI::App* command = selected_command(app, path);
    const auto extras = app.remaining(true);
    const std::string where = path.empty() ? "nacsa" : "nacsa " + path;
    if (!extras.empty()) {
        const auto& first = extras.front();
        if (first.size() > 1 && first.front() == '-') {
            return msg("unknown option \"{}\" for '{}'", first, where);
        }
        if (!command->get_subcommands([](const CLI::App*) { return true; }).empty()) {
            return msg("unknown command \"{}\" for '{}' (known: {})", first, where,
                       command_names(*command));
        }
        return msg("unexpected argument \"{}\" for '{}'", first, where);
    }
    if (dynamic_cast<const CLI::RequiredError*>(&e) != nullptr &&
        std::string_view(e.what()).find("subcommand") != std::string_view::npos) {
        return msg("'{}' needs a command (one of: {})", where, command_names(*command));
    }
    return parse_error_message(e.what());
}

// `nacsa help COMMAND [SUBCOMMAND]`: the help of that command, as `--help` prints it.
int run_help(CLI::App& app, const std::vector<std::string>& topic) {
    CLI::App* target = &app;
    for (const auto& name : topic) {
        try {
            target = target->get_subcommand(name);
        } catch (const CLI::OptionNotFound&) {
            throw UsageError(msg("no such command: {}", name));
        }
    }
    // help(prefix) prints "Usage: nacsa db backup ...", the way the user types it.
    std::string prefix = "nacsa";
    for (std::size_t i = 0; i + 1 < topic.size(); ++i) {
        prefix += " " + topic[i];
    }
    // (app.help() would show the help of `help` itself, the subcommand being run.)
    std::cout << (target == &app
                      ? app.get_formatter()->make_help(&app, "nacsa", CLI::AppFormatMode::Normal)
                      : target->help(prefix));
    return 0;
}

}  // namespace

void build(CLI::App& app, Context& ctx, GlobalOptions& options,
           const std::optional<std::string>& only, const std::string& only_subcommand) {
    app.fallthrough();
    app.require_subcommand(0, 1);
    app.set_version_flag("--version", version_text(),
                         "Print the version, the schema version and libraries");
    app.add_option("--db", options.db,
                   "The store (else $NACSA_DB, else $XDG_DATA_HOME/nacsa/nacsa.db)")
        ->type_name("PATH");
    app.add_option("--format", options.format,
                   "Output format: table, json or csv (reports add md, html and pdf)")
        ->check(CLI::IsMember({"table", "json", "csv", "md", "html", "pdf"}))
        ->type_name("FORMAT");
    app.add_flag("--excel", options.excel, "CSV for spreadsheets: a BOM and ';' between fields");
    app.add_option("--lang", options.lang,
                   "Language of text and reports: en, es or fr (else $NACSA_LANG)")
        ->check(CLI::IsMember({"en", "es", "fr"}))
        ->type_name("LANG");
    app.add_flag("-q,--quiet", options.quiet, "Print only errors on stderr");
    app.add_flag("--no-color", options.no_color, "Never colour output");
    app.add_flag("--wide", options.wide,
                 "Tables: every column, nothing cut, whatever the terminal's width");
    app.add_flag("--no-pager", options.no_pager,
                 "Never page output (else long output on a terminal goes through $NACSA_PAGER, "
                 "$PAGER or less -FRX)");

    for (const auto& command : k_commands) {
        // A command line that names its command needs no other: a mistake in it is said again
        // with the whole tree (run). Without one (nacsa --help), each is listed by its name and
        // description.
        if (only && !only->empty() && *only != command.name) {
            continue;
        }
        auto* cmd = app.add_subcommand(command.name, command.description);
        if (!only || *only == command.name) {
            ctx.set_subcommand_to_build(only ? only_subcommand : std::string());
            command.fill(cmd, ctx);
            ctx.set_subcommand_to_build({});
        }
    }

    auto* help =
        app.add_subcommand("help", "Show help for a command: nacsa help <command> [<subcommand>]");
    auto topic = std::make_shared<std::vector<std::string>>();
    help->add_option("command", *topic, "The command");
    ctx.on_run(help, [&app, topic] { return run_help(app, *topic); });
}

namespace {

// Where the command word of a command line is (0: none), and whether `help` came before it.
struct CommandWord {
    int position = 0;
    bool after_help = false;
};

CommandWord command_word(int argc, const char* const* argv) {
    bool help = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--") {
            break;
        }
        if (arg == "--db" || arg == "--format" || arg == "--lang") {
            ++i;  // the global option's value
            continue;
        }
        if (arg.starts_with('-')) {
            continue;
        }
        if (arg == "help" && !help) {
            help = true;
            continue;
        }
        return {i, help};
    }
    return {};
}

}  // namespace

std::optional<std::string> command_to_build(int argc, const char* const* argv) {
    const auto [i, after_help] = command_word(argc, argv);
    if (i == 0) {
        return std::string();
    }
    const std::string_view arg = argv[i];
    if (arg == "completion" && !after_help) {
        // The scripts ask for values (completion --values member-id) at every TAB: that needs
        // completion alone, and so does a script that the build made.
        if (completion_scripts_built_in()) {
            return std::string(arg);
        }
        for (int j = i + 1; j < argc; ++j) {
            const std::string_view rest = argv[j];
            if (rest == "--values" || rest.starts_with("--values=") || rest == "--member-ids") {
                return std::string(arg);
            }
        }
        return std::nullopt;
    }
    return std::string(arg);
}

std::string subcommand_to_build(int argc, const char* const* argv) {
    const int i = command_word(argc, argv).position;
    if (i == 0 || i + 1 >= argc) {
        return {};
    }
    const std::string_view next = argv[i + 1];
    return next.empty() || next.starts_with('-') ? std::string() : std::string(next);
}

namespace {

// run() with the commands `only` names built (build()); nullopt when the command line did not
// parse or chose a command that was not built, which only the whole tree can say for certain.
std::optional<int> run_with(int argc, const char* const* argv,
                            const std::optional<std::string>& only) {
    GlobalOptions options;
    Context ctx(options);
    CLI::App app{
        N_("nacsa: keep a National Civil Society Alliance's members, committee, working groups, "
           "meetings, plan and reports in one store."),
        "nacsa"};
    build(app, ctx, options, only, subcommand_to_build(argc, argv));
    options.lang = argument_language(argc, argv);  // for the errors met while parsing
    if (const auto lang = help_language(argc, argv); lang != "en") {
        translate_help(app, i18n::Translator(lang));
    }
    try {
        app.parse(argc, argv);
        std::string path;
        const CLI::App* command = selected_command(app, path);
        const auto* action = ctx.action_for(command);
        if (action == nullptr && only) {
            return std::nullopt;
        }
        if (action == nullptr) {
            const std::string where = path.empty() ? "nacsa" : "nacsa " + path;
            throw nacsa::UsageError(msg("'{}' needs a command (one of: {}); run '{} --help'", where,
                                        command_names(*command), where));
        }
        ctx.set_command_path(path);
        if (const auto problem = source_date_epoch_problem(); !problem.empty()) {
            throw nacsa::UsageError(problem);
        }
        // No output of this run may replace the store it names, open or not (core/files.hpp).
        std::optional<files::StoreGuard> guard;
        try {
            guard.emplace(ctx.db_path());
        } catch (const nacsa::UsageError&) {
            // No store can be named (no HOME): a command that needs one says so itself.
        }
        // What the command printed is shown (maybe through the pager) when it returns or
        // throws, before any error message.
        struct FinishOutput {
            Context& ctx;
            ~FinishOutput() { ctx.finish_output(); }
        } finish{ctx};
        return (*action)();
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        if (only) {
            return std::nullopt;  // said with the whole tree, which knows every command's options
        }
        ctx.error(usage_message(app, e));
        std::cerr << ctx.say(msg("Run 'nacsa --help' or 'nacsa help <command>' for usage."))
                  << '\n';
        return static_cast<int>(nacsa::ExitCode::usage);
    } catch (const nacsa::DiagnosticError& e) {
        const auto& problems = e.problems();
        const i18n::Translator tr(ctx.message_language());
        const auto translate = [&tr](std::string_view msgid) { return tr(msgid); };
        for (std::size_t i = 0; i < problems.size() && i < k_max_problems_shown; ++i) {
            ctx.error(problems[i].to_string(translate));
        }
        if (problems.size() > k_max_problems_shown) {
            ctx.error(msg("... and {} more problems", problems.size() - k_max_problems_shown));
        }
        return static_cast<int>(e.code());
    } catch (const nacsa::Error& e) {
        ctx.error(e.message());
        return static_cast<int>(e.code());
    } catch (const SQLite::Exception& e) {
        try {
            nacsa::store::rethrow_sqlite(e, ctx.options().db);
        } catch (const nacsa::Error& mapped) {
            ctx.error(mapped.message());
            return static_cast<int>(mapped.code());
        }
    } catch (const std::bad_alloc&) {
        ctx.error(msg("out of memory"));
        return static_cast<int>(nacsa::ExitCode::io_error);
    } catch (const std::exception& e) {
        ctx.error(msg("unexpected failure: {}", e.what()));
        return static_cast<int>(nacsa::ExitCode::io_error);
    }
    return static_cast<int>(nacsa::ExitCode::io_error);
}

}  // namespace

namespace {

// Whether the command line only asks for one of `flags` (--help, or --version), with --lang or
// not: what the whole tree would answer without reading anything else.
// The arguments of a command line but a known --lang and its value.
std::vector<std::string_view> besides_language(int argc, const char* const* argv) {
    std::vector<std::string_view> words;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--lang" && i + 1 < argc && known_language(argv[i + 1])) {
            ++i;
        } else if (!(arg.starts_with("--lang=") && known_language(arg.substr(7)))) {
            words.push_back(arg);
        }
    }
    return words;
}

bool asks_only(int argc, const char* const* argv, std::initializer_list<std::string_view> flags) {
    const auto words = besides_language(argc, argv);
    return !words.empty() && std::all_of(words.begin(), words.end(), [&](std::string_view word) {
        return std::find(flags.begin(), flags.end(), word) != flags.end();
    });
}

// The shell of `nacsa completion SHELL`, with --lang or not, when that is all the command line
// asks: a script the build made, printed without building a tree.
std::optional<std::string> asks_only_script(int argc, const char* const* argv) {
    const auto words = besides_language(argc, argv);
    if (words.size() == 2 && words[0] == "completion" &&
        (words[1] == "bash" || words[1] == "zsh" || words[1] == "fish")) {
        return std::string(words[1]);
    }
    return std::nullopt;
}

}  // namespace

int run(int argc, const char* const* argv) {
    // nacsa --help: the text the build made from the whole tree (cli/completion-scripts.cmake);
    // nacsa --version: as CLI11 prints it, without building a tree to parse one flag.
    if (asks_only(argc, argv, {"--help", "-h"})) {
        if (const auto help = built_in_text("help", help_language(argc, argv))) {
            std::cout << *help << std::flush;
            return 0;
        }
    }
    if (asks_only(argc, argv, {"--version"})) {
        std::cout << version_text() << std::endl;
        return 0;
    }
    // nacsa completion SHELL into a file or a shell (a terminal gets it through the pager, as
    // any long output, from the command itself).
    if (const auto shell = asks_only_script(argc, argv); shell && ::isatty(STDOUT_FILENO) == 0) {
        if (const auto script = built_in_text(*shell, help_language(argc, argv))) {
            std::cout << *script << std::flush;
            return 0;
        }
    }
    if (const auto code = run_with(argc, argv, command_to_build(argc, argv))) {
        return *code;
    }
    return run_with(argc, argv, std::nullopt).value_or(static_cast<int>(nacsa::ExitCode::usage));
}

}  // namespace nacsa::cli
