#pragma once

#include <string>
#include <vector>

#include "config/alliance.hpp"
#include "core/error.hpp"
#include "store/store.hpp"

namespace nacsa::config {

// Records that would be left pointing at a region, thematic area, service, organisation type
// or role that a new configuration drops (each domain that stores such keys adds its query here).
// Empty when the new configuration can be applied.
[[nodiscard]] std::vector<Diagnostic> conflicts_with_store(store::Store& store,
                                                           const Alliance& next,
                                                           const std::string& file_name);

// `nacsa config apply`: validates the file, refuses to drop keys still in use (naming the
// records; ValidationError, exit 65), then stores it and records the change in the audit log.
// Returns a one-line summary of what changed.
std::string apply(store::Store& store, const std::string& yaml_text, const std::string& file_name);

}  // namespace nacsa::config
