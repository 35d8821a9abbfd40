// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/message.hpp"
#include "options.hpp"
#include "output/findings.hpp"
#include "output/table.hpp"
#include "store/store.hpp"

namespace nacsa::cli {

// The global options of CLI.md, as parsed.
struct GlobalOptions {
    std::string db;
    std::string format = "table";
    std::string lang;
    bool quiet = false;
    bool no_color = false;
    bool excel = false;
    bool wide = false;      // tables: every column, whole, whatever the terminal's width
    bool no_pager = false;  // never page output on a terminal
};

// What a command needs from the outside world: options, the store (opened on first use),
// and the streams. Passed to each command's action; never global.
class Context {
  public:
    explicit Context(GlobalOptions& options) : m_options(options) {}

    [[nodiscard]] GlobalOptions& options() { return m_options; }

    // What a (sub)command does once the whole command line has parsed: returns the exit code.
    // Parse first, act later: nothing opens the store before every argument checked out.
    using Action = std::function<int()>;
    void on_run(CLI::App* command, Action action) { m_actions[command] = std::move(action); }
    // The same for a destructive command (a `delete`): adds -y/--yes, and before acting asks
    // for confirmation on a terminal; without a terminal and without --yes it is a UsageError
    // (exit 2), as CLI.md asks of destructive commands.
    void on_destructive_run(CLI::App* command, Action action);
    // The same for a command that prints a document of its own format (YAML, iCalendar, a text
    // chart, a shell script): --format other than the default table is refused with exit 2,
    // naming what it prints, instead of being silently ignored.
    void on_document_run(CLI::App* command, std::string prints, Action action);
    [[nodiscard]] const Action* action_for(const CLI::App* command) const {
        const auto it = m_actions.find(command);
        return it == m_actions.end() ? nullptr : &it->second;
    }

    // The store path: --db, else $NACSA_DB, else $XDG_DATA_HOME/nacsa/nacsa.db.
    [[nodiscard]] std::string db_path() const;

    // Opens the store on first use (read-only or read-write); later calls reuse it.
    store::Store& store(store::Access access = store::Access::read_only);

    // The actor recorded in the audit log: OS user and the command path being run.
    [[nodiscard]] store::Actor actor() const;
    void set_command_path(std::string path) { m_command_path = std::move(path); }

    // While a command is being built (app.cpp build()): whether to build the part of it that
    // adds the subcommands `names` (separated by spaces), which is every part unless the command
    // line names a subcommand.
    void set_subcommand_to_build(std::string name) { m_subcommand_to_build = std::move(name); }
    [[nodiscard]] bool builds(std::string_view names) const;
    // Adds to `parent` each part of a command ({subcommands it adds, its register function}, in
    // the order of the help) that builds() allows.
    template <typename Parent>
    void build_parts(
        Parent parent,
        std::initializer_list<std::pair<std::string_view, void (*)(Parent, Context&)>> parts) {
        for (const auto& [names, add] : parts) {
            if (builds(names)) {
                add(parent, *this);
            }
        }
    }

    // Language for human-readable text: --lang, $NACSA_LANG, the alliance's default, the
    // locale's (message_locale_language), "en".
    [[nodiscard]] std::string language();
    // The language asked for on the command line (--lang) or by $NACSA_LANG; empty when
    // neither: a document then takes its own (a meeting's language), else the alliance's.
    [[nodiscard]] std::string asked_language() const;
    // The language of what nacsa says to the person at the terminal (errors, warnings, notes,
    // check findings, table headers), in the order of language(): --lang, else $NACSA_LANG,
    // else the alliance's language once the store is open (an error before that, such as a bad
    // option, is in the locale's), else the locale's (message_locale_language), else "en".
    // Never fails: an unknown NACSA_LANG counts as unset here.
    [[nodiscard]] std::string message_language() const noexcept;
    // A message in message_language().
    [[nodiscard]] std::string say(const Message& message) const;

    // How to render: the format, and for tables the width to fit (terminal_width, unless
    // --wide) and the labels of configured keys in the output language.
    [[nodiscard]] output::RenderOptions render_options(bool allow_csv = true);
    [[nodiscard]] output::Format format() const;

    // The label of a key in the output language (a region's name, a type's, theme's, service's
    // or role's label, a status); empty when the store is not open or the key is unknown.
    [[nodiscard]] std::string label(output::Label kind, const std::string& key);

    // Data to stdout. On a terminal with paging on (page_command), it is kept until
    // finish_output, which shows it through the pager when it is longer than the screen.
    void print(std::string_view text);
    void print_table(const output::Table& table);
    void print_record(const output::Table& table);
    // A finding's message in message_language().
    [[nodiscard]] std::string finding_message(const output::Finding& finding) const;
    // Prints findings, their messages in the output language in table format (English in JSON
    // and CSV); returns the exit code (1 when any is an error).
    [[nodiscard]] int print_findings(const std::vector<output::Finding>& findings);
    // Writes what print kept: through the pager when it has more lines than the terminal,
    // else to stdout. The pager's exit status and a pager quit early (EPIPE) are not errors.
    void finish_output() noexcept;

    // Messages to stderr ("nacsa: ..."), in message_language(); suppressed by --quiet.
    void info(const Message& message) const;
    void warn(const Message& message) const;
    // "nacsa: error: ..." on stderr, whatever --quiet says.
    void error(const Message& message) const;

    [[nodiscard]] bool stderr_is_terminal() const;
    [[nodiscard]] bool stdin_is_terminal() const;
    // Asks "question [y/N]" on a terminal; false when not a terminal.
    [[nodiscard]] bool confirm(const Message& question) const;

  private:
    GlobalOptions& m_options;
    std::string m_kept;  // output kept for the pager
    bool m_pager_checked = false;
    std::optional<std::string> m_pager;  // the pager for this run's output, when paging
    std::unique_ptr<store::Store> m_store;
    std::optional<store::Access> m_access;
    std::string m_command_path;
    std::string m_subcommand_to_build;
    std::map<const CLI::App*, Action> m_actions;
};

// The width tables fit: $COLUMNS when a positive number, else the terminal's when stdout is
// one, else 0 (no limit: pipes and files get whole lines).
[[nodiscard]] std::size_t terminal_width();

// The language the locale names for messages (LC_ALL, else LC_MESSAGES, else LANG, the first
// that is set and not empty) when it is one nacsa speaks other than English ("es_CL.UTF-8"
// gives "es"); empty otherwise ("C", "en_US.UTF-8", "de_DE", unset).
[[nodiscard]] std::string message_locale_language();
// Whether nacsa speaks a language: en, es or fr (config::k_languages).
[[nodiscard]] bool known_language(std::string_view lang);

// The pager to run on a terminal, as a shell command: $NACSA_PAGER, else $PAGER, else
// "less -FRX" when less is installed; nullopt for none (an empty value or "cat" is none).
[[nodiscard]] std::optional<std::string> pager_command();

// A command of the nacsa binary: its name, its description (a msgid), and the function that
// fills it with its options and subcommands.
struct Command {
    const char* name;
    const char* description;
    void (*fill)(CLI::App* cmd, Context& ctx);
};

}  // namespace nacsa::cli
