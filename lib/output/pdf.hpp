// SPDX-License-Identifier: Apache-2.0
#pragma once
// PDF through a PDF engine the user has, as pandoc does with --pdf-engine: nacsa writes HTML
// and an installed program prints it to A4 pages. WeasyPrint (made for printing HTML, CSS
// paged media) is preferred; Chromium headless is the other.

#include <optional>
#include <string>

#include "core/time.hpp"

namespace nacsa::output {

enum class PdfEngineKind { weasyprint, chromium };

struct PdfEngine {
    PdfEngineKind kind = PdfEngineKind::weasyprint;
    std::string program;  // the path run
};

// The engine to use: `requested` (from --pdf-engine or NACSA_PDF_ENGINE) is a name in PATH
// or a path, whose file name says its kind ("weasyprint", "chromium", "chrome"...); without
// it, the first of weasyprint, chromium, chromium-browser, google-chrome found in PATH.
// CantCreateError (exit 73) naming what to install when there is none, or when the one named
// is not there or not an engine nacsa knows.
[[nodiscard]] PdfEngine find_pdf_engine(const std::optional<std::string>& requested);

// The PDF of `html` (a whole document with no external resources), printed by `engine` in a
// private temporary folder (0700, removed afterwards): the HTML names people. Its creation and
// modification dates are `created` (SOURCE_DATE_EPOCH when set: the same HTML gives the same
// bytes). CantCreateError (exit 73) with the engine's last words when it fails or runs for
// more than two minutes.
[[nodiscard]] std::string html_to_pdf(const std::string& html, const PdfEngine& engine,
                                      Seconds created);

}  // namespace nacsa::output
