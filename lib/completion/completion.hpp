#pragma once

#include <string>
#include <vector>

namespace nacsa::completion {

// An option of a command, as the completion scripts need it.
struct OptionSpec {
    std::vector<std::string> names;  // "--format", "-q"
    bool takes_value = false;
    std::vector<std::string> values;  // known values ("table", "json"...), may be empty
};

// A command or subcommand: its options, its subcommands, and what its positionals are.
struct CommandSpec {
    std::string name;
    std::vector<OptionSpec> options;
    std::vector<CommandSpec> subcommands;
    bool takes_member = false;  // a positional argument is a member id (completed from the store)
};

enum class Shell { bash, zsh, fish };

// Values nacsa knows for an option, by its long name (formats, languages, statuses, kinds...).
[[nodiscard]] std::vector<std::string> known_values(const std::string& long_name);

// The completion script for a shell, generated from the command tree so it cannot drift.
// Member ids are completed by running `nacsa [--db PATH] completion --member-ids`.
[[nodiscard]] std::string script(const CommandSpec& root, Shell shell);

}  // namespace nacsa::completion
