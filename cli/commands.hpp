// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>

#include "context.hpp"
#include "i18n/i18n.hpp"

namespace nacsa::cli {

// One function per command, each in its own file (cli/<command>.cpp).
void register_init(CLI::App& app, Context& ctx);
void register_config(CLI::App& app, Context& ctx);
void register_db(CLI::App& app, Context& ctx);
void register_member(CLI::App& app, Context& ctx);
void register_committee(CLI::App& app, Context& ctx);
void register_wg(CLI::App& app, Context& ctx);
void register_meeting(CLI::App& app, Context& ctx);
void register_plan(CLI::App& app, Context& ctx);
void register_report(CLI::App& app, Context& ctx);
void register_log(CLI::App& app, Context& ctx);
void register_completion(CLI::App& app, Context& ctx);

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
inline constexpr RegisterCommand k_commands[] = {
    register_init,      register_config, register_db,         register_member,
    register_committee, register_wg,     register_meeting,    register_plan,
    register_report,    register_log,    register_completion,
};

}  // namespace nacsa::cli
