// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/message.hpp"

namespace nacsa {

// The messages one after the other with `separator` (said as it is) between them, each said in
// the language the whole is said in: a list of translated phrases ("regions: 3 -> 4; roles:
// 5 -> 6"). Empty for no messages.
[[nodiscard]] inline Message join_messages(std::vector<Message> items, std::string_view separator) {
    if (items.empty()) {
        return {};
    }
    std::string pattern;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) {
            for (const char c : separator) {
                pattern += c;
                if (c == '{' || c == '}') {
                    pattern += c;  // a brace in the separator is text, not a placeholder
                }
            }
        }
        pattern += "{}";
    }
    // Not in any catalog: said as it is, with each item translated.
    return Message::translatable(pattern.c_str(), std::move(items));
}

}  // namespace nacsa
