// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

namespace nacsa::store {
class Store;
}

namespace nacsa::completion {

// What the value of an option or a positional argument completes to.
struct ValueSource {
    enum class Kind {
        nothing,  // free text, a date, a number: nothing is offered (never file names)
        fixed,    // the values below, known when the script is generated
        store,    // asked at completion time: `nacsa completion --values NAME`
        file,     // file names
        directory,
    };
    Kind kind = Kind::nothing;
    std::string name;                 // for Kind::store: "member-id", "region"...
    std::vector<std::string> values;  // for Kind::fixed
};

// An option of a command, as the completion scripts need it.
struct OptionSpec {
    std::vector<std::string> names;  // "--format", "-q"
    std::string description;
    bool takes_value = false;  // false: a flag, which never consumes the next word
    bool repeats = false;      // may be given more than once
    ValueSource value;
};

// A positional argument, in the order the command takes them.
struct PositionalSpec {
    std::string name;
    std::string description;
    bool repeats = false;  // takes every remaining word
    ValueSource value;
};

// A command or subcommand: its options, positionals and subcommands.
struct CommandSpec {
    std::string name;
    std::string description;
    std::vector<OptionSpec> options;
    std::vector<PositionalSpec> positionals;
    std::vector<CommandSpec> subcommands;
};

enum class Shell { bash, zsh, fish };

// The one table of what an option's or positional's value names. `path` is the command path
// ("wg join"), `name` the option's long name ("--status") or the positional's name ("member"),
// `type_name` its CLI11 type ("MEMBER", "FILE"...) and `choices` the values its validator
// accepts, if any.
[[nodiscard]] ValueSource value_source(const std::string& path, const std::string& name,
                                       const std::string& type_name,
                                       const std::vector<std::string>& choices);

// The names `nacsa completion --values NAME` answers.
[[nodiscard]] const std::vector<std::string>& store_sources();

// The values of a store source ("member-id", "meeting-id", "wg-id", "election-id", "region",
// "member-type", "theme", "service", "role"), read from the store and its configuration. An
// unknown name gives nothing.
[[nodiscard]] std::vector<std::string> store_values(store::Store& store, const std::string& name);

// The completion script for a shell, generated from the command tree so it cannot drift.
// Values of store sources come from running `nacsa [--db PATH] completion --values NAME`.
[[nodiscard]] std::string script(const CommandSpec& root, Shell shell);

}  // namespace nacsa::completion
