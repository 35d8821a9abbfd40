// SPDX-License-Identifier: Apache-2.0
// The command line as a library: how arguments parse, before any store is opened.
#include <doctest/doctest.h>

#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "app.hpp"
#include "core/error.hpp"
#include "help_text.hpp"
#include "i18n/i18n.hpp"
#include "options.hpp"

namespace cli = nacsa::cli;

namespace {

// Runs nacsa with these arguments (no store is needed for what is tested here), capturing
// stdout and stderr.
struct Ran {
    int code = 0;
    std::string out;
    std::string err;
};

Ran run(std::vector<const char*> args) {
    args.insert(args.begin(), "nacsa");
    std::ostringstream out;
    std::ostringstream err;
    auto* old_out = std::cout.rdbuf(out.rdbuf());
    auto* old_err = std::cerr.rdbuf(err.rdbuf());
    Ran r;
    try {
        r.code = cli::run(static_cast<int>(args.size()), args.data());
    } catch (...) {
        std::cout.rdbuf(old_out);
        std::cerr.rdbuf(old_err);
        throw;
    }
    std::cout.rdbuf(old_out);
    std::cerr.rdbuf(old_err);
    r.out = out.str();
    r.err = err.str();
    return r;
}

// The command tree of nacsa, parsed from an argument list (actions are not run).
struct Parsed {
    cli::GlobalOptions options;
    cli::Context ctx{options};
    CLI::App app{"nacsa", "nacsa"};

    explicit Parsed(std::vector<const char*> args) {
        cli::build(app, ctx, options);
        args.insert(args.begin(), "nacsa");
        app.parse(static_cast<int>(args.size()), args.data());
    }
    [[nodiscard]] CLI::App* command(const std::vector<std::string>& path) {
        CLI::App* at = &app;
        for (const auto& name : path) {
            at = at->get_subcommand(name);
        }
        return at;
    }
};

}  // namespace

TEST_CASE("cli: every command of the tree has an action or subcommands") {
    Parsed p({"member", "list"});
    std::vector<const CLI::App*> pending{&p.app};
    int actions = 0;
    while (!pending.empty()) {
        const CLI::App* at = pending.back();
        pending.pop_back();
        const auto subs = at->get_subcommands([](const CLI::App*) { return true; });
        if (subs.empty()) {
            CHECK_MESSAGE(p.ctx.action_for(at) != nullptr, at->get_name() << " has no action");
            ++actions;
        }
        pending.insert(pending.end(), subs.begin(), subs.end());
    }
    CHECK(actions > 50);
}

TEST_CASE("cli: global options and a command's options parse before anything runs") {
    Parsed p({"--format", "json", "--lang", "es", "-q", "member", "list", "--region", "maule"});
    CHECK(p.options.format == "json");
    CHECK(p.options.lang == "es");
    CHECK(p.options.quiet);
    CHECK(p.command({"member", "list"})->parsed());
    CHECK(p.command({"member", "list"})->get_option("--region")->as<std::string>() == "maule");
}

TEST_CASE("cli: usage errors are exit 2 with the reason, help is 0, before any store opens") {
    const auto bad_format = run({"--format", "xml", "member", "list"});
    CHECK(bad_format.code == 2);
    CHECK(bad_format.err.find("--format") != std::string::npos);
    const auto unknown = run({"member", "--bogus"});
    CHECK(unknown.code == 2);
    CHECK(unknown.err.find("nacsa: error: unknown option \"--bogus\" for 'nacsa member'") == 0);
    const auto command = run({"frobnicate"});
    CHECK(command.code == 2);
    CHECK(command.err.find("unknown command \"frobnicate\"") != std::string::npos);
    const auto help = run({"help", "member", "list"});
    CHECK(help.code == 0);
    CHECK(help.out.find("Usage: nacsa member list") != std::string::npos);
    CHECK(run({"help", "nosuch"}).code == 2);
    CHECK(run({"member"}).code == 2);
}

TEST_CASE("cli: an optional option tells given from absent, and given empty from both") {
    CLI::App app;
    std::optional<std::string> note;
    std::optional<std::vector<std::string>> themes;
    std::vector<std::string> plain;
    app.add_option("--note", note);
    cli::add_list_option(&app, "--theme", themes, "themes");
    cli::add_list_option(&app, "--tag", plain, "tags");
    const char* argv[] = {"t", "--theme", "c", "--theme", "a,b", "--note", ""};
    app.parse(7, argv);
    REQUIRE(note.has_value());
    CHECK(note->empty());
    REQUIRE(themes.has_value());
    CHECK(*themes == std::vector<std::string>{"c", "a", "b"});
    CHECK(plain.empty());

    CLI::App again;
    std::optional<std::string> absent;
    again.add_option("--note", absent);
    again.parse("", false);
    CHECK_FALSE(absent.has_value());
}

TEST_CASE("cli: date options are checked and name the option") {
    CHECK(cli::date_option(std::nullopt, "--date") == std::nullopt);
    CHECK(nacsa::format_date(*cli::date_option(std::string("2026-02-28"), "--date")) ==
          "2026-02-28");
    CHECK_THROWS_WITH_AS((void)cli::date_option(std::string("2026-02-30"), "--from"),
                         "--from: \"2026-02-30\" is not a date (expected YYYY-MM-DD)",
                         nacsa::UsageError);
}

TEST_CASE("cli: every text of --help has its Spanish and French translations") {
    cli::GlobalOptions options;
    cli::Context ctx{options};
    CLI::App app{"", "nacsa"};  // (run() gives the top its description, marked N_)
    cli::build(app, ctx, options);
    const auto texts = cli::help_texts(app);
    CHECK(texts.size() > 400);  // every command's and option's description, and CLI11's labels
    for (const std::string lang : {"es", "fr"}) {
        const auto& catalog = nacsa::i18n::catalog(lang);
        for (const auto& text : texts) {
            const auto found = catalog.find(text);
            CHECK_MESSAGE((found != catalog.end() && !found->second.empty()),
                          lang << " lacks a translation of --help text: " << text);
        }
    }
}

TEST_CASE("cli: --help speaks the language of --lang, wherever --lang is") {
    const nacsa::i18n::Translator es("es");
    for (const auto& args : {std::vector<const char*>{"--lang", "es", "member", "add", "--help"},
                             std::vector<const char*>{"member", "add", "--lang=es", "--help"},
                             std::vector<const char*>{"--lang", "es", "help", "member", "add"}}) {
        const auto help = run(args);
        CHECK(help.code == 0);
        CHECK(help.out.find(es("Usage") + ": nacsa member add") != std::string::npos);
        CHECK(help.out.find(es("Add a member organisation")) != std::string::npos);
        CHECK(help.out.find(es("Options") + ":") != std::string::npos);
        CHECK(help.out.find("Add a member organisation") == std::string::npos);
    }
    const auto english = run({"--lang", "en", "member", "add", "--help"});
    CHECK(english.out.find("Add a member organisation") != std::string::npos);
    CHECK(cli::help_language(3, std::vector<const char*>{"nacsa", "--lang", "fr"}.data()) == "fr");
    // After "--" an argument is a value, not an option; an unknown language is left to the parser.
    CHECK(cli::help_language(4, std::vector<const char*>{"nacsa", "--", "--lang", "fr"}.data()) !=
          "fr");
    CHECK(cli::help_language(3, std::vector<const char*>{"nacsa", "--lang", "de"}.data()) != "de");
}

TEST_CASE("cli: a command line builds the command it runs, and the whole tree says its errors") {
    const auto to_build = [](std::vector<const char*> args) {
        args.insert(args.begin(), "nacsa");
        return cli::command_to_build(static_cast<int>(args.size()), args.data());
    };
    CHECK(to_build({"--db", "x.db", "member", "list"}) == "member");
    CHECK(to_build({"--lang", "es", "-q", "--format=json", "wg", "list"}) == "wg");
    CHECK(to_build({"--version"}) == "");
    CHECK(to_build({"--help"}) == "");
    CHECK(to_build({"help"}) == "");
    CHECK(to_build({"help", "meeting", "schedule"}) == "meeting");
    CHECK(to_build({"help", "completion"}) == "completion");
    CHECK_FALSE(to_build({"completion", "zsh"}).has_value());  // the script describes every command
    CHECK(to_build({"completion", "--values", "member-id"}) == "completion");
    // ...and the subcommand named right after it, when one is.
    const auto sub = [](std::vector<const char*> args) {
        args.insert(args.begin(), "nacsa");
        return cli::subcommand_to_build(static_cast<int>(args.size()), args.data());
    };
    CHECK(sub({"member", "add", "--help"}) == "add");
    CHECK(sub({"--db", "member", "member", "contact", "add"}) == "contact");
    CHECK(sub({"help", "member", "list"}) == "list");
    CHECK(sub({"member", "--help", "add"}) == "");
    CHECK(sub({"member"}) == "");
    CHECK(sub({"--help"}) == "");
    // A command's parts build their subcommands when one of them is the one named.
    cli::GlobalOptions global;
    cli::Context context(global);
    CHECK(context.builds("schedule"));
    context.set_subcommand_to_build("show");
    CHECK(context.builds("list show edit"));
    CHECK(context.builds("show"));
    CHECK_FALSE(context.builds("list"));
    CHECK_FALSE(context.builds("shows sh"));
    CHECK_FALSE(context.builds(""));

    // Only the command run is filled; the others have their name and description.
    cli::GlobalOptions options;
    cli::Context ctx{options};
    CLI::App app{"", "nacsa"};
    cli::build(app, ctx, options, std::string("wg"));
    CHECK_FALSE(app.get_subcommand("wg")->get_subcommands({}).empty());
    CHECK_THROWS(app.get_subcommand("member"));  // not built: the command line names wg
    CLI::App root{"", "nacsa"};
    cli::build(root, ctx, options, std::string());  // nacsa --help: every command, unfilled
    CHECK(root.get_subcommand("member")->get_subcommands({}).empty());
    CHECK(root.get_subcommand("member")->get_description() ==
          "Keep the member register: organisations, contacts, status, import, export");
    auto version = run({"--version"});
    CHECK((version.code == 0 && version.out.starts_with("nacsa ")));

    // A global option's value that names a command, a command without its subcommand, an unknown
    // subcommand: each is said as the whole tree says it.
    auto r = run({"--lang", "en", "--format", "member", "list"});
    CHECK(r.code == 2);
    CHECK(r.err.find("unknown command \"list\" for 'nacsa' (known: init, config,") !=
          std::string::npos);
    r = run({"--lang", "en", "member", "bogus"});
    CHECK(r.code == 2);
    CHECK(r.err.find("unknown command \"bogus\" for 'nacsa member' (known: add, ") !=
          std::string::npos);
    r = run({"--lang", "en", "member"});
    CHECK(r.code == 2);
    CHECK(r.err.find("'nacsa member' needs a command (one of: add, ") != std::string::npos);
    r = run({"--lang", "en", "--help"});
    CHECK(r.code == 0);
    CHECK(r.out.find("  member                      Keep the member register") !=
          std::string::npos);
}
