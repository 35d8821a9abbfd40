#include "context.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <memory>

#include "core/error.hpp"
#include "core/text.hpp"

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
        throw UsageError("no store given: use --db PATH or set NACSA_DB (HOME is not set)");
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

std::string Context::language() {
    if (!m_options.lang.empty()) {
        return m_options.lang;
    }
    if (const char* env = std::getenv("NACSA_LANG"); env != nullptr && *env != '\0') {
        std::string lang(env);
        for (const auto& known : config::k_languages) {
            if (lang == known) {
                return lang;
            }
        }
        throw UsageError(
            fmt::format("NACSA_LANG=\"{}\" is not a language nacsa speaks (en, es or fr)", lang));
    }
    try {
        return store().alliance().language;
    } catch (const Error&) {
        return "en";
    }
}

output::Format Context::format() const {
    if (m_options.format == "json") {
        return output::Format::json;
    }
    if (m_options.format == "csv") {
        return output::Format::csv;
    }
    return output::Format::table;
}

output::RenderOptions Context::render_options(bool allow_csv) const {
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
    return options;
}

void Context::print(const std::string& text) const {
    std::cout << text;
    std::cout.flush();
}

void Context::print_table(const output::Table& table) const {
    print(output::render(table, render_options()));
}

void Context::print_record(const output::Table& table) const {
    print(output::render_record(table, render_options()));
}

int Context::print_findings(const std::vector<output::Finding>& findings) const {
    if (findings.empty() && format() == output::Format::table) {
        info("no problems found");
        return 0;
    }
    print_table(output::findings_table(findings));
    return output::has_errors(findings) ? 1 : 0;
}

void Context::info(const std::string& message) const {
    if (!m_options.quiet) {
        std::cerr << "nacsa: " << text::escape_control(message, text::KeepNewlines::yes) << '\n';
    }
}

void Context::warn(const std::string& message) const {
    if (!m_options.quiet) {
        std::cerr << "nacsa: warning: " << text::escape_control(message, text::KeepNewlines::yes)
                  << '\n';
    }
}

bool Context::stderr_is_terminal() const {
    return ::isatty(STDERR_FILENO) != 0;
}
bool Context::stdin_is_terminal() const {
    return ::isatty(STDIN_FILENO) != 0;
}

void Context::on_destructive_run(CLI::App* command, Action action) {
    auto yes = std::make_shared<bool>(false);
    command->add_flag("-y,--yes", *yes, "Do not ask for confirmation");
    const std::string what = command->get_parent()->get_name();
    on_run(command, [this, yes, what, action = std::move(action)] {
        if (!*yes && !confirm(fmt::format("Delete this {}?", what))) {
            throw UsageError(fmt::format("deleting this {} needs confirmation: add --yes", what));
        }
        return action();
    });
}

bool Context::confirm(const std::string& question) const {
    if (!stdin_is_terminal() || !stderr_is_terminal()) {
        return false;
    }
    std::cerr << question << " [y/N] " << std::flush;
    std::string answer;
    std::getline(std::cin, answer);
    return answer == "y" || answer == "Y" || answer == "yes";
}

}  // namespace nacsa::cli
