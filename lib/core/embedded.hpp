// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <span>
#include <string_view>

namespace nacsa {

// A file compiled into the binary (migrations, the default configuration, translations).
struct EmbeddedFile {
    std::string_view name;
    std::string_view content;
};

namespace embedded {
// lib/store/migrations/*.sql, sorted by name.
[[nodiscard]] std::span<const EmbeddedFile> migrations();
// examples/alliance.yaml
[[nodiscard]] std::span<const EmbeddedFile> default_config();
// lib/report/po/*.po compiled by msgfmt: "es.mo", "fr.mo".
[[nodiscard]] std::span<const EmbeddedFile> translations();
}  // namespace embedded

}  // namespace nacsa
