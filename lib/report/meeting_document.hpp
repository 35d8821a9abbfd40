// SPDX-License-Identifier: Apache-2.0
#pragma once
// The documents of a meeting: its agenda (with the action items carried over), its minutes
// (attendance and quorum, agenda, decisions with their votes, action items with owners and due
// dates, the minutes' text) and an attendance sheet to print and sign.

#include <optional>
#include <string>

#include "report/model.hpp"
#include "report/report.hpp"
#include "store/store.hpp"

namespace nacsa::report {

enum class MeetingDocumentKind { agenda, minutes, attendance };
[[nodiscard]] std::optional<MeetingDocumentKind> parse_meeting_document_kind(
    const std::string& name);

struct MeetingDocumentRequest {
    std::string meeting_id;
    MeetingDocumentKind kind = MeetingDocumentKind::agenda;
    // The language asked for (--lang, NACSA_LANG); empty: the meeting's, else the alliance's.
    std::string language;
    Format format = Format::md;  // md, html or pdf
    std::optional<std::string> pdf_engine;
};

// The document as a report model (sections, tables), in the meeting's language.
// NotFoundError (exit 3) when there is no such meeting.
[[nodiscard]] Report build_meeting_document(store::Store& store,
                                            const MeetingDocumentRequest& request);

// Built and rendered (md, html or pdf; UsageError for another format).
[[nodiscard]] Document produce_meeting_document(store::Store& store,
                                                const MeetingDocumentRequest& request);

}  // namespace nacsa::report
