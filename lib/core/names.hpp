// SPDX-License-Identifier: Apache-2.0
#pragma once
// The names of an enum's values, kept as a list in the enum's order (the first name is the first
// value): what the store and the command line write. Each module keeps its lists; these read them.
#include <algorithm>
#include <cstddef>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.hpp"

namespace nacsa {

// The value whose name is `name`, or nullopt when the list has not got it.
template <typename Enum, typename Names>
[[nodiscard]] std::optional<Enum> enum_named(const Names& names, std::string_view name) {
    const auto it = std::find_if(std::begin(names), std::end(names),
                                 [&](const auto& n) { return std::string_view(n) == name; });
    if (it == std::end(names)) {
        return std::nullopt;
    }
    return static_cast<Enum>(std::distance(std::begin(names), it));
}

// The names, comma-separated, for messages that list what is accepted.
template <typename Names>
[[nodiscard]] std::string join_names(const Names& names) {
    return text::join(std::vector<std::string>(std::begin(names), std::end(names)), ", ");
}

}  // namespace nacsa
