// SPDX-License-Identifier: Apache-2.0
// `nacsa meeting document ID --kind agenda|minutes|attendance`: a meeting's documents as
// Markdown, HTML or PDF, in the meeting's language.
#include "report/meeting_document.hpp"

#include "commands.hpp"
#include "core/error.hpp"
#include "core/files.hpp"

namespace nacsa::cli {

namespace {

struct DocumentOptions {
    std::string id;
    std::string kind;
    std::optional<std::string> output;
    std::optional<std::string> pdf_engine;
};

report::Format document_format(const std::string& name) {
    if (name == "table" || name == "md") {
        return report::Format::md;
    }
    if (name == "html") {
        return report::Format::html;
    }
    if (name == "pdf") {
        return report::Format::pdf;
    }
    throw UsageError(msg("--format {}: a meeting document is written as md, html or pdf", name));
}

int run_document(Context& ctx, const DocumentOptions& opts) {
    const auto format = document_format(ctx.options().format);
    const auto kind = report::parse_meeting_document_kind(opts.kind);
    if (!kind) {  // CLI11 checks the set; kept for callers of this function
        throw UsageError(msg("--kind: \"{}\" is not agenda, minutes or attendance", opts.kind));
    }
    if (format == report::Format::pdf) {
        refuse_pdf_on_terminal(opts.output);
    }
    const auto document = report::produce_meeting_document(
        ctx.store(), {.meeting_id = opts.id,
                      .kind = *kind,
                      .language = ctx.asked_language(),
                      .format = format,
                      .pdf_engine = pdf_engine_of(opts.pdf_engine)});
    const std::string output = opts.output.value_or("-");
    files::write_file_atomic(output, document.text, files::Privacy::owner_only);
    if (output != "-") {
        ctx.info(*kind == report::MeetingDocumentKind::agenda
                     ? msg("wrote the agenda of {} to {}", opts.id, output)
                 : *kind == report::MeetingDocumentKind::minutes
                     ? msg("wrote the minutes of {} to {}", opts.id, output)
                     : msg("wrote the attendance sheet of {} to {}", opts.id, output));
    }
    return 0;
}

}  // namespace

void register_meeting_document(CLI::App* meeting, Context& ctx) {
    auto opts = std::make_shared<DocumentOptions>();
    auto* cmd = meeting->add_subcommand(
        "document",
        "A meeting's agenda, minutes or attendance sheet (md, html, pdf), in its language");
    cmd->add_option("id", opts->id, "The meeting")->required()->type_name("MEETING");
    cmd->add_option("--kind", opts->kind,
                    "agenda (with carried-over action items), minutes (attendance, quorum, "
                    "decisions, action items) or attendance (a sheet to sign)")
        ->required()
        ->check(CLI::IsMember({"agenda", "minutes", "attendance"}))
        ->type_name("KIND");
    cmd->add_option("-o,--output", opts->output, "Write to FILE atomically (mode 0600)")
        ->type_name("FILE");
    cmd->add_option("--pdf-engine", opts->pdf_engine,
                    "With --format pdf: weasyprint, chromium or a path (default: "
                    "$NACSA_PDF_ENGINE, else the first installed)")
        ->type_name("PROGRAM");
    ctx.on_run(cmd, [&ctx, opts] { return run_document(ctx, *opts); });
}

}  // namespace nacsa::cli
