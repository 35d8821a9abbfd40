// SPDX-License-Identifier: Apache-2.0
#include "core/message.hpp"

#include <fmt/args.h>

namespace nacsa {

namespace {

// `pattern` filled with `values` into `out`; false when the pattern does not fit them.
bool fill(std::string_view pattern, const std::vector<std::string>& values, std::string& out) {
    fmt::dynamic_format_arg_store<fmt::format_context> store;
    for (const auto& value : values) {
        store.push_back(value);
    }
    try {
        out = fmt::vformat(pattern, store);
        return true;
    } catch (const fmt::format_error&) {
        return false;
    }
}

}  // namespace

Message Message::translatable(const char* msgid, std::vector<Message> args) {
    Message m;
    m.m_msgid = msgid;
    m.m_args = std::move(args);
    std::vector<std::string> values;
    values.reserve(m.m_args.size());
    for (const auto& a : m.m_args) {
        values.push_back(a.m_english);
    }
    if (!fill(m.m_msgid, values, m.m_english)) {
        m.m_english = m.m_msgid;  // a msgid that does not fit its arguments is a bug: say it
    }
    return m;
}

std::string Message::text(const Translate& translate) const {
    if (m_msgid.empty()) {
        return m_english;
    }
    std::vector<std::string> values;
    values.reserve(m_args.size());
    for (const auto& a : m_args) {
        values.push_back(a.text(translate));
    }
    std::string out;
    if (fill(translate(m_msgid), values, out)) {
        return out;
    }
    return m_english;
}

}  // namespace nacsa
