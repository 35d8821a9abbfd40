// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "core/message.hpp"
#include "i18n/i18n.hpp"

// CLI11's words in the language asked for: `--help` (every description, group name and label
// of the command tree replaced by its translation before the command line parses), and the
// usage errors CLI11 words itself.
namespace nacsa::cli {

// The language --lang names among the arguments, before they parse (CLI11 sets the option's
// value only once the whole line has parsed, after some of its errors); empty when none does.
[[nodiscard]] std::string argument_language(int argc, const char* const* argv);

// The language of --help: --lang (read from the arguments before they parse), $NACSA_LANG,
// then LC_ALL, LC_MESSAGES or LANG; English otherwise. The alliance's language is not read:
// help opens no store.
[[nodiscard]] std::string help_language(int argc, const char* const* argv);
// The same with --lang already read: `asked` is its language, or empty.
[[nodiscard]] std::string help_language(const std::string& asked);

// Replaces the descriptions, footers, group names and labels of `app` and everything under it
// with their translations.
void translate_help(CLI::App& app, const i18n::Translator& tr);

// Every text of the tree that translate_help translates (descriptions, footers, group names
// and labels), once each, for the catalog test. (The tree is walked as translate_help walks
// it, which is why it is not const; nothing is changed.)
[[nodiscard]] std::vector<std::string> help_texts(CLI::App& app);

// A usage error as CLI11 words it ("--name is required", "--quarter excludes --year",
// "--status: bogus not in {a,b}"...) as a message that can be translated; any other text as it
// is.
[[nodiscard]] Message parse_error_message(const std::string& what);

}  // namespace nacsa::cli
