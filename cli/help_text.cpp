// SPDX-License-Identifier: Apache-2.0
// CLI11's words in English, Spanish or French: `--help` and usage errors (help_text.hpp).
#include "help_text.hpp"

#include <array>
#include <cstdlib>
#include <functional>
#include <regex>
#include <set>
#include <string_view>

#include "context.hpp"

namespace nacsa::cli {

namespace {

// CLI11's own words (Formatter labels and default group names), as it prints them in English.
// Type names (DATE, FILE...) stay as they are: the manual pages use the same ones.
constexpr std::array k_labels = {
    N_("Usage"),    N_("OPTIONS"), N_("SUBCOMMAND"), N_("SUBCOMMANDS"), N_("Positionals"),
    N_("REQUIRED"), N_("Needs"),   N_("Excludes"),   N_("Env"),
};
constexpr std::string_view k_options_group = N_("Options");
constexpr std::string_view k_commands_group = N_("Subcommands");
// CLI11's description of -h,--help, for the catalogs (that of --version is app.cpp's).
[[maybe_unused]] constexpr std::string_view k_help_flag = N_("Print this help message and exit");

// Calls `visit` on every text of the tree under `app` that help shows, with a setter.
using Visit = std::function<void(const std::string& text,
                                 const std::function<void(const std::string&)>& set)>;

void walk(CLI::App& app, const Visit& visit) {
    visit(app.get_description(), [&app](const std::string& t) { app.description(t); });
    visit(app.get_footer(), [&app](const std::string& t) { app.footer(t); });
    for (CLI::Option* option : app.get_options()) {
        visit(option->get_description(),
              [option](const std::string& t) { option->description(t); });
        if (option->get_group() == k_options_group) {
            visit(option->get_group(), [option](const std::string& t) { option->group(t); });
        }
    }
    for (CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
        if (sub->get_group() == k_commands_group) {
            visit(sub->get_group(), [sub](const std::string& t) { sub->group(t); });
        }
        walk(*sub, visit);
    }
}

}  // namespace

std::string argument_language(int argc, const char* const* argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--") {
            break;
        }
        if (arg == "--lang" && i + 1 < argc && known_language(argv[i + 1])) {
            return argv[i + 1];
        }
        if (arg.starts_with("--lang=") && known_language(arg.substr(7))) {
            return std::string(arg.substr(7));
        }
    }
    return {};
}

std::string help_language(int argc, const char* const* argv) {
    return help_language(argument_language(argc, argv));
}

std::string help_language(const std::string& asked) {
    if (!asked.empty()) {
        return asked;
    }
    if (const char* env = std::getenv("NACSA_LANG"); env != nullptr && known_language(env)) {
        return env;
    }
    const auto locale = message_locale_language();
    return locale.empty() ? "en" : locale;
}

void translate_help(CLI::App& app, const i18n::Translator& tr) {
    walk(app, [&tr](const std::string& text, const std::function<void(const std::string&)>& set) {
        if (!text.empty()) {
            set(tr(text));
        }
    });
    // Subcommands share their parent's formatter (CLI11 copies the pointer).
    const auto formatter = app.get_formatter();
    for (const char* label : k_labels) {
        formatter->label(label, tr(label));
    }
}

std::vector<std::string> help_texts(CLI::App& app) {
    std::set<std::string> texts(k_labels.begin(), k_labels.end());
    walk(app, [&texts](const std::string& text, const std::function<void(const std::string&)>&) {
        if (!text.empty()) {
            texts.insert(text);
        }
    });
    return {texts.begin(), texts.end()};
}

Message parse_error_message(const std::string& what) {
    // The texts of CLI11 2.1's ParseError classes (CLI/Error.hpp) and validators
    // (CLI/Validators.hpp), the ones a command line of nacsa can meet.
    static const std::regex required(R"re(^(\S+) is required$)re");
    static const std::regex excludes(R"re(^(\S+) excludes (\S+)$)re");
    static const std::regex requires_(R"re(^(\S+) requires (\S+)$)re");
    static const std::regex missing(R"re(^(\S+): \d+ required \S+ missing$)re");
    static const std::regex not_in(R"re(^(\S+): (.*) not in \{(.*)\}$)re");
    static const std::regex range(R"re(^(\S+): Value (.*) not in range (\S+) to (\S+)$)re");
    static const std::regex convert(R"re(^Could not convert: (\S+) = (.*)$)re");
    static const std::regex allowed(R"re(^The value (.*) is not an allowed value for (\S+)$)re");
    // cli/options.cpp's validators.
    static const std::regex not_whole(R"re(^(\S+): "(.*)" is not a whole number$)re");
    static const std::regex negative(R"re(^(\S+): "(.*)" cannot be negative$)re");
    static const std::regex at_least(R"re(^(\S+): "(.*)" must be at least (\S+)$)re");
    static const std::regex at_most(
        R"re(^(\S+): "(.*)" is more than (\S+), the most it can be$)re");
    static const std::regex not_fraction(
        R"re(^(\S+): "(.*)" is not a fraction from 0 to 1 \(such as 0\.5\)$)re");
    std::smatch m;
    if (std::regex_match(what, m, not_whole)) {
        return msg("{}: \"{}\" is not a whole number", m.str(1), m.str(2));
    }
    if (std::regex_match(what, m, negative)) {
        return msg("{}: \"{}\" cannot be negative", m.str(1), m.str(2));
    }
    if (std::regex_match(what, m, at_least)) {
        return msg("{}: \"{}\" must be at least {}", m.str(1), m.str(2), m.str(3));
    }
    if (std::regex_match(what, m, at_most)) {
        return msg("{}: \"{}\" is more than {}, the most it can be", m.str(1), m.str(2), m.str(3));
    }
    if (std::regex_match(what, m, not_fraction)) {
        return msg("{}: \"{}\" is not a fraction from 0 to 1 (such as 0.5)", m.str(1), m.str(2));
    }
    if (std::regex_match(what, m, required)) {
        return msg("{} is required", m.str(1));
    }
    if (std::regex_match(what, m, excludes)) {
        return msg("{} and {} cannot be given together", m.str(1), m.str(2));
    }
    if (std::regex_match(what, m, requires_)) {
        return msg("{} needs {} too", m.str(1), m.str(2));
    }
    if (std::regex_match(what, m, missing)) {
        return msg("{} needs a value", m.str(1));
    }
    if (std::regex_match(what, m, range)) {
        return msg("{}: \"{}\" is not a whole number from {} to {}", m.str(1), m.str(2), m.str(3),
                   m.str(4));
    }
    if (std::regex_match(what, m, not_in)) {
        return msg("{}: \"{}\" is not one of {}", m.str(1), m.str(2),
                   std::regex_replace(m.str(3), std::regex(","), ", "));
    }
    if (std::regex_match(what, m, convert)) {
        return msg("{}: \"{}\" cannot be read as its value", m.str(1), m.str(2));
    }
    if (std::regex_match(what, m, allowed)) {
        return msg("{}: \"{}\" is not allowed", m.str(2), m.str(1));
    }
    return Message(what);
}

}  // namespace nacsa::cli
