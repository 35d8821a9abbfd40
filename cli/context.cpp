// SPDX-License-Identifier: Apache-2.0
#include "context.hpp"

#include <fmt/format.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>

#include "core/error.hpp"
#include "core/files.hpp"
#include "core/text.hpp"
#include "i18n/i18n.hpp"

namespace nacsa::cli {

std::string Context::db_path() const {
    if (!m_options.db.empty()) {
        return m_options.db;
    }
    if (const char* env = std::getenv("NACSA_DB"); env != nullptr && *env != '\0') {
        return env;
    }
    std::string base;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg != '\0') {
        base = xdg;
    } else if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
        base = std::string(home) + "/.local/share";
    } else {
        throw UsageError(msg("no store given: use --db PATH or set NACSA_DB (HOME is not set)"));
    }
    return base + "/nacsa/nacsa.db";
}

store::Actor Context::actor() const {
    return store::Actor{store::current_os_user(), m_command_path};
}

store::Store& Context::store(store::Access access) {
    if (!m_store || (access == store::Access::read_write && m_access == store::Access::read_only)) {
        m_store = std::make_unique<store::Store>(store::Store::open(db_path(), access, actor()));
        m_access = access;
    }
    return *m_store;
}

bool known_language(std::string_view lang) {
    return std::find(config::k_languages.begin(), config::k_languages.end(), lang) !=
           config::k_languages.end();
}

namespace {

// The language that wins over the alliance's: --lang, else $NACSA_LANG; empty for none.
// An unknown NACSA_LANG is an error when `strict`, else ignored.
std::string chosen_language(const GlobalOptions& options, bool strict) {
    if (!options.lang.empty()) {
        return options.lang;
    }
    if (const char* env = std::getenv("NACSA_LANG"); env != nullptr && *env != '\0') {
        if (known_language(env)) {
            return env;
        }
        if (strict) {
            throw UsageError(
                msg("NACSA_LANG=\"{}\" is not a language nacsa speaks (en, es or fr)", env));
        }
    }
    return {};
}

std::string fallback_language() {
    const auto lang = message_locale_language();
    return lang.empty() ? "en" : lang;
}

}  // namespace

std::string message_locale_language() {
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* value = std::getenv(name);
        if (value == nullptr || *value == '\0') {
            continue;
        }
        const std::string_view locale(value);
        const auto lang = locale.substr(0, locale.find_first_of("_.@"));
        return lang == "es" || lang == "fr" ? std::string(lang) : std::string();
    }
    return {};
}

std::string Context::asked_language() const {
    return chosen_language(m_options, true);
}

std::string Context::language() {
    if (auto lang = chosen_language(m_options, true); !lang.empty()) {
        return lang;
    }
    try {
        return store().alliance().language;
    } catch (const Error&) {
        return fallback_language();
    }
}

std::string Context::message_language() const noexcept {
    try {
        if (auto lang = chosen_language(m_options, false); !lang.empty()) {
            return lang;
        }
        if (m_store) {  // the alliance's language, once the command has opened its store
            return m_store->alliance().language;
        }
        return fallback_language();
    } catch (...) {
        return "en";
    }
}

std::string Context::say(const Message& message) const {
    return i18n::Translator(message_language()).text(message);
}

output::Format Context::format() const {
    if (m_options.format == "json") {
        return output::Format::json;
    }
    if (m_options.format == "csv") {
        return output::Format::csv;
    }
    if (m_options.format != "table") {  // md, html and pdf are the reports' (cli/report.cpp)
        throw UsageError(
            msg("--format {} is for reports (nacsa report); this command prints table, json or csv",
                m_options.format));
    }
    return output::Format::table;
}

output::RenderOptions Context::render_options(bool allow_csv) {
    output::RenderOptions options;
    options.format = format();
    if (!allow_csv && options.format == output::Format::csv) {
        options.format = output::Format::table;
    }
    options.excel = m_options.excel;
    const char* no_color = std::getenv("NO_COLOR");
    const char* term = std::getenv("TERM");
    options.color = !m_options.no_color && (no_color == nullptr || *no_color == '\0') &&
                    !(term != nullptr && std::string(term) == "dumb") &&
                    ::isatty(STDOUT_FILENO) != 0;
    options.terminal = ::isatty(STDOUT_FILENO) != 0;
    options.wide = m_options.wide;
    options.width = m_options.wide ? 0 : terminal_width();
    options.label = [this](output::Label kind, const std::string& key) { return label(kind, key); };
    if (options.format == output::Format::table) {
        options.translate = [tr = i18n::Translator(message_language())](const std::string& header) {
            return tr(header);
        };
    }
    return options;
}

std::string Context::label(output::Label kind, const std::string& key) {
    if (!m_store) {
        return {};  // a table that names no configured key: nothing to look up
    }
    const auto& alliance = m_store->alliance();
    const std::string lang = language();
    const config::Term* term = nullptr;
    switch (kind) {
        case output::Label::none:
            return {};
        case output::Label::region: {
            const auto* region = alliance.find_region(key);
            return region == nullptr ? std::string() : region->name;
        }
        case output::Label::role: {
            const auto* role = alliance.find_role(key);
            return role == nullptr ? std::string() : role->labels.in(lang);
        }
        case output::Label::status:
            // The catalogs have no entry for every status yet, and a column half English,
            // half Spanish reads worse than the keys, which are English words.
            return {};
        case output::Label::organisation_type:
            term = alliance.find_type(key);
            break;
        case output::Label::thematic_area:
            term = alliance.find_theme(key);
            break;
        case output::Label::service:
            term = alliance.find_service(key);
            break;
    }
    return term == nullptr ? std::string() : term->labels.in(lang);
}

namespace {

std::size_t positive_number(const char* text) {
    if (text == nullptr || *text == '\0') {
        return 0;
    }
    char* end = nullptr;
    const long value = std::strtol(text, &end, 10);
    return *end == '\0' && value > 0 ? static_cast<std::size_t>(value) : 0;
}

// The terminal's size (columns, rows) when stdout is one; zeros otherwise.
std::pair<std::size_t, std::size_t> stdout_window() {
    winsize size{};
    if (::isatty(STDOUT_FILENO) == 0 || ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0) {
        return {0, 0};
    }
    return {size.ws_col, size.ws_row};
}

// Writes all of `text` to a file descriptor; false when the reader went away (EPIPE).
bool write_all(int fd, std::string_view text) {
    while (!text.empty()) {
        const auto written = ::write(fd, text.data(), text.size());
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        text.remove_prefix(static_cast<std::size_t>(written));
    }
    return true;
}

// Runs `command` with /bin/sh, `text` on its standard input, and waits for it. A pager that is
// quit before it read everything, fails or cannot start is not an error of nacsa: whatever was
// shown was shown.
void run_pager(const std::string& command, const std::string& text) {
    int fds[2];
    if (::pipe(fds) != 0) {
        std::cout << text << std::flush;
        return;
    }
    std::cout.flush();
    const pid_t child = ::fork();
    if (child < 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        std::cout << text << std::flush;
        return;
    }
    if (child == 0) {
        ::dup2(fds[0], STDIN_FILENO);
        ::close(fds[0]);
        ::close(fds[1]);
        ::setenv("LESS", "FRX", 0);  // as git does, when the user set no LESS
        ::setenv("LV", "-c", 0);
        ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ::close(fds[0]);
    // The user may quit the pager early: the write fails with EPIPE instead of a signal, and
    // an interrupt typed in the pager is the pager's, not a reason to end nacsa before it.
    auto* old_pipe = std::signal(SIGPIPE, SIG_IGN);
    auto* old_int = std::signal(SIGINT, SIG_IGN);
    write_all(fds[1], text);
    ::close(fds[1]);
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    std::signal(SIGPIPE, old_pipe);
    std::signal(SIGINT, old_int);
}

}  // namespace

std::size_t terminal_width() {
    if (const auto columns = positive_number(std::getenv("COLUMNS")); columns > 0) {
        return columns;
    }
    return stdout_window().first;
}

std::optional<std::string> pager_command() {
    std::string command;
    if (const char* nacsa_pager = std::getenv("NACSA_PAGER"); nacsa_pager != nullptr) {
        command = nacsa_pager;
    } else if (const char* pager = std::getenv("PAGER"); pager != nullptr) {
        command = pager;
    } else if (files::find_program("less")) {
        command = "less -FRX";
    }
    const auto trimmed = text::trim(command);
    if (trimmed.empty() || trimmed == "cat") {
        return std::nullopt;
    }
    return std::string(trimmed);
}

bool Context::builds(std::string_view names) const {
    if (m_subcommand_to_build.empty()) {
        return true;
    }
    while (!names.empty()) {
        const auto end = std::min(names.find(' '), names.size());
        if (names.substr(0, end) == m_subcommand_to_build) {
            return true;
        }
        names.remove_prefix(std::min(end + 1, names.size()));
    }
    return false;
}

void Context::print(std::string_view text) {
    if (!m_pager_checked) {
        m_pager_checked = true;
        if (!m_options.no_pager && stdout_window().second > 0) {
            m_pager = pager_command();
        }
    }
    if (m_pager) {
        m_kept += text;
        return;
    }
    std::cout.write(text.data(), static_cast<std::streamsize>(text.size()));
    std::cout.flush();
}

void Context::finish_output() noexcept {
    if (m_kept.empty()) {
        return;
    }
    std::string text;
    text.swap(m_kept);
    try {
        const auto lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
        if (m_pager && lines >= stdout_window().second) {
            run_pager(*m_pager, text);
        } else {
            std::cout << text << std::flush;
        }
    } catch (...) {
        // Nothing better to do with output that cannot be written at exit.
    }
}

namespace {

// How a finding's message is said by `tr` (dates stay ISO, as in the English message).
output::FindingLanguage finding_language(const i18n::Translator& tr) {
    return output::FindingLanguage{tr.language(),
                                   [&tr](const std::string& msgid) { return tr(msgid); },
                                   [](Date date) { return format_date(date); },
                                   [&tr](double share) { return tr.percent(share); }};
}

// Findings with their messages in `lang`.
std::vector<output::Finding> localized(std::vector<output::Finding> findings,
                                       const std::string& lang) {
    const i18n::Translator tr(lang);
    const auto language = finding_language(tr);
    for (auto& f : findings) {
        f.message = output::localized_message(f, language);
    }
    return findings;
}

}  // namespace

std::string Context::finding_message(const output::Finding& finding) const {
    const i18n::Translator tr(message_language());
    if (tr.language() == "en") {
        return finding.message;
    }
    return output::localized_message(finding, finding_language(tr));
}

void Context::print_table(const output::Table& table) {
    print(output::render(table, render_options()));
}

void Context::print_record(const output::Table& table) {
    print(output::render_record(table, render_options()));
}

int Context::print_findings(const std::vector<output::Finding>& findings) {
    if (findings.empty() && format() == output::Format::table) {
        info(msg("no problems found"));
        return 0;
    }
    const std::string lang = message_language();
    if (format() != output::Format::table || lang == "en") {
        print_table(output::findings_table(findings));  // JSON and CSV: the English sentence
    } else {
        auto table = output::findings_table(localized(findings, lang));
        const i18n::Translator tr(lang);
        for (auto& row : table.rows) {  // the severity in words of the message language
            if (!row.empty()) {
                static constexpr std::array<const char*, 3> k_severities{N_("error"), N_("warning"),
                                                                         N_("info")};
                const std::string key = output::cell_text(row.front());
                for (const char* severity : k_severities) {
                    if (key == severity) {
                        row.front() = output::Cell{tr(severity)};
                    }
                }
            }
        }
        print_table(table);
    }
    return output::has_errors(findings) ? 1 : 0;
}

void Context::info(const Message& message) const {
    if (!m_options.quiet) {
        std::cerr << "nacsa: " << text::escape_control(say(message), text::KeepNewlines::yes)
                  << '\n';
    }
}

void Context::warn(const Message& message) const {
    if (!m_options.quiet) {
        std::cerr << "nacsa: warning: "
                  << text::escape_control(say(message), text::KeepNewlines::yes) << '\n';
    }
}

void Context::error(const Message& message) const {
    std::cerr << "nacsa: error: " << text::escape_control(say(message), text::KeepNewlines::yes)
              << '\n';
}

bool Context::stderr_is_terminal() const {
    return ::isatty(STDERR_FILENO) != 0;
}
bool Context::stdin_is_terminal() const {
    return ::isatty(STDIN_FILENO) != 0;
}

namespace {
// The question and the refusal of `delete` under the command `what` (agenda, task...).
std::pair<Message, Message> deletion_messages(const std::string& what) {
    static const std::array<std::array<const char*, 3>, 8> known{{
        {"observer", N_("Delete this observer?"),
         N_("deleting this observer needs confirmation: add --yes")},
        {"agenda", N_("Delete this agenda item?"),
         N_("deleting this agenda item needs confirmation: add --yes")},
        {"attendance", N_("Delete this attendance?"),
         N_("deleting this attendance needs confirmation: add --yes")},
        {"decision", N_("Delete this decision?"),
         N_("deleting this decision needs confirmation: add --yes")},
        {"action", N_("Delete this action item?"),
         N_("deleting this action item needs confirmation: add --yes")},
        {"indicator", N_("Delete this indicator?"),
         N_("deleting this indicator needs confirmation: add --yes")},
        {"measurement", N_("Delete this measurement?"),
         N_("deleting this measurement needs confirmation: add --yes")},
        {"contribution", N_("Delete this contribution?"),
         N_("deleting this contribution needs confirmation: add --yes")},
    }};
    for (const auto& [name, question, refusal] : known) {
        if (what == name) {
            return {Message::translatable(question, {}), Message::translatable(refusal, {})};
        }
    }
    return {msg("Delete this {}?", what),
            msg("deleting this {} needs confirmation: add --yes", what)};
}
}  // namespace

void Context::on_destructive_run(CLI::App* command, Action action) {
    auto yes = std::make_shared<bool>(false);
    command->add_flag("-y,--yes", *yes, "Do not ask for confirmation");
    const std::string what = command->get_parent()->get_name();
    on_run(command, [this, yes, what, action = std::move(action)] {
        auto [question, refusal] = deletion_messages(what);
        if (!*yes && !confirm(question)) {
            throw UsageError(std::move(refusal));
        }
        return action();
    });
}

void Context::on_document_run(CLI::App* command, std::string prints, Action action) {
    std::string path = command->get_name();
    for (const auto* p = command->get_parent(); p != nullptr && p->get_parent() != nullptr;
         p = p->get_parent()) {
        path = fmt::format("{} {}", p->get_name(), path);
    }
    on_run(command, [this, path, prints = std::move(prints), action = std::move(action)] {
        if (m_options.format != "table") {
            throw UsageError(msg("{}: --format {} does not apply: it prints {}", path,
                                 m_options.format, prints));
        }
        return action();
    });
}

bool Context::confirm(const Message& question) const {
    if (!stdin_is_terminal() || !stderr_is_terminal()) {
        return false;
    }
    // The prompt names the answers in the message language ("[s/N]"); y and yes always do.
    std::cerr << say(question) << ' ' << say(msg("[y/N]")) << ' ' << std::flush;
    std::string answer;
    std::getline(std::cin, answer);
    const std::string yes_letter = say(msg("y"));
    const std::string yes_word = say(msg("yes"));
    return answer == "y" || answer == "Y" || answer == "yes" || answer == yes_letter ||
           answer == yes_word;
}

}  // namespace nacsa::cli
