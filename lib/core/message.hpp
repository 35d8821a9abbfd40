// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <fmt/format.h>

#include <functional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace nacsa {

// Marks a string literal as a message for the catalogs (lib/i18n/po) without translating it
// where it is written; xgettext extracts it (scripts/update-po.sh).
constexpr const char* N_(const char* msgid) {
    return msgid;
}

// A text for people that can be said in another language: a msgid (English, with fmt
// placeholders {} or {0} {1}...) and its arguments, each itself a Message (a plain text, or a
// phrase that is translated too). A plain text (built from a std::string) is said as it is in
// every language; it is what a message not yet marked for translation becomes.
class Message {
  public:
    Message() = default;
    // A text in its final form, not translated.
    Message(std::string text)
        : m_english(std::move(text)) {}             // NOLINT(google-explicit-constructor)
    Message(const char* text) : m_english(text) {}  // NOLINT(google-explicit-constructor)

    // The message `msgid` (marked with N_ or written in msg()) filled with `args`.
    static Message translatable(const char* msgid, std::vector<Message> args);

    // The English text (the msgid filled with the arguments' English).
    [[nodiscard]] const std::string& english() const { return m_english; }
    // The msgid; empty for a plain text.
    [[nodiscard]] const std::string& msgid() const { return m_msgid; }
    [[nodiscard]] const std::vector<Message>& args() const { return m_args; }
    [[nodiscard]] bool empty() const { return m_english.empty(); }

    // The message in another language: `translate` gives a msgid's translation (or the msgid
    // itself); the translation is filled with the arguments, each said the same way. A
    // translation whose placeholders do not fit the arguments gives the English text.
    using Translate = std::function<std::string(std::string_view msgid)>;
    [[nodiscard]] std::string text(const Translate& translate) const;

    friend bool operator==(const Message& a, std::string_view b) { return a.m_english == b; }

  private:
    std::string m_english;
    std::string m_msgid;
    std::vector<Message> m_args;
};

namespace detail {
template <typename T>
Message message_arg(const T& value) {
    if constexpr (std::is_convertible_v<const T&, Message>) {
        return Message(value);
    } else {
        return Message(fmt::format("{}", value));
    }
}
}  // namespace detail

// A translatable message: `msgid` (extracted for the catalogs by xgettext with the keyword
// msg) with fmt placeholders, filled with `args`. An argument that is a Message made by msg()
// is translated with it; text and numbers are said as they are (numbers as fmt writes them).
//   throw NotFoundError(msg("no member \"{}\"", id));
template <typename... Args>
[[nodiscard]] Message msg(const char* msgid, const Args&... args) {
    return Message::translatable(msgid, {detail::message_arg(args)...});
}

}  // namespace nacsa
