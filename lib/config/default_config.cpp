// SPDX-License-Identifier: Apache-2.0
#include "config/alliance.hpp"
#include "core/embedded.hpp"

namespace nacsa::config {

const std::string& default_alliance_yaml() {
    static const std::string text(embedded::default_config().front().content);
    return text;
}

}  // namespace nacsa::config
