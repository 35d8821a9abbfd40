// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>

#include "context.hpp"
#include "i18n/i18n.hpp"

namespace nacsa::cli {

// One function per command, each in its own file (cli/<command>.cpp): each fills the command
// `cmd` (made by build(), with its name and description from k_commands) with its options and
// subcommands.
void register_init(CLI::App* cmd, Context& ctx);
void register_config(CLI::App* cmd, Context& ctx);
void register_db(CLI::App* cmd, Context& ctx);
void register_member(CLI::App* cmd, Context& ctx);
void register_committee(CLI::App* cmd, Context& ctx);
void register_wg(CLI::App* cmd, Context& ctx);
void register_meeting(CLI::App* cmd, Context& ctx);
void register_plan(CLI::App* cmd, Context& ctx);
void register_report(CLI::App* cmd, Context& ctx);
void register_log(CLI::App* cmd, Context& ctx);
void register_completion(CLI::App* cmd, Context& ctx);
// Whether this program carries the completion scripts the build made from its command tree
// (nacsa does; nacsa-unscripted, which makes them, and the unit tests do not).
[[nodiscard]] bool completion_scripts_built_in();
// A text the build made: a shell's completion script ("bash", "zsh", "fish") or the root help
// ("help"), in a language (en, es, fr); nullopt in a program without them.
[[nodiscard]] std::optional<std::string_view> built_in_text(const std::string& kind,
                                                            const std::string& language);

// Parts of commands shared between their files.
// `nacsa meeting document` (cli/meeting_document.cpp), under `meeting`.
void register_meeting_document(CLI::App* meeting, Context& ctx);
// `nacsa meeting participant` (cli/meeting_participants.cpp), under `meeting`.
void register_meeting_participants(CLI::App* meeting, Context& ctx);
// --pdf-engine, else $NACSA_PDF_ENGINE, else nothing (the first engine installed).
[[nodiscard]] std::optional<std::string> pdf_engine_of(const std::optional<std::string>& option);
// Refuses (exit 2) to write a PDF to a terminal.
void refuse_pdf_on_terminal(const std::optional<std::string>& output);

using i18n::status_word;  // status keys as words of the message language (i18n.hpp)

// Every command of the nacsa binary, in the order `nacsa --help` lists them.
inline constexpr Command k_commands[] = {
    {"init", N_("Create a new alliance store (never overwrites one)"), register_init},
    {"config", N_("Show, check and apply the alliance configuration"), register_config},
    {"db", N_("Check, migrate and back up the store"), register_db},
    {"member", N_("Keep the member register: organisations, contacts, status, import, export"),
     register_member},
    {"committee", N_("The Steering Committee: seats, observer, interest, elections, checks"),
     register_committee},
    {"wg", N_("Working groups: members, leads, tasks and checks"), register_wg},
    {"meeting", N_("Meetings: calendar, agenda, attendance, quorum, minutes, decisions"),
     register_meeting},
    {"plan", N_("Keep the activity plan: priorities, activities, indicators, review contributions"),
     register_plan},
    {"report", N_("Write the quarterly report and its siblings (md, html, pdf, json, csv)"),
     register_report},
    {"log", N_("Show the audit log: who changed what, when, with which command"), register_log},
    {"completion", N_("Print a shell completion script: bash, zsh or fish"), register_completion},
};

}  // namespace nacsa::cli
