// SPDX-License-Identifier: Apache-2.0
#include "members/import_convert.hpp"

#include <fmt/format.h>

#include "core/text.hpp"

namespace nacsa::members::detail {

namespace {

// The fields of a member and of a contact that hold text or lists, by name (the others are
// net4u, primary and the contacts).
using MemberText = std::optional<std::string> MemberInput::*;
using MemberList = std::optional<std::vector<std::string>> MemberInput::*;
using ContactText = std::optional<std::string> ContactInput::*;

MemberText member_text_field(std::string_view key) {
    static const std::pair<std::string_view, MemberText> fields[] = {
        {"id", &MemberInput::id},           {"name", &MemberInput::name},
        {"acronym", &MemberInput::acronym}, {"type", &MemberInput::type},
        {"region", &MemberInput::region},   {"city", &MemberInput::city},
        {"website", &MemberInput::website}, {"email", &MemberInput::email},
        {"phone", &MemberInput::phone},     {"joined", &MemberInput::joined},
        {"status", &MemberInput::status},   {"ecosoc_status", &MemberInput::ecosoc_status},
        {"notes", &MemberInput::notes}};
    for (const auto& [name, field] : fields) {
        if (name == key) {
            return field;
        }
    }
    return nullptr;
}

MemberList member_list_field(std::string_view key) {
    if (key == "thematic_areas") {
        return &MemberInput::thematic_areas;
    }
    if (key == "services") {
        return &MemberInput::services;
    }
    if (key == "interest") {
        return &MemberInput::interest;
    }
    return nullptr;
}

ContactText contact_text_field(std::string_view key) {
    static const std::pair<std::string_view, ContactText> fields[] = {
        {"name", &ContactInput::name},     {"position", &ContactInput::position},
        {"email", &ContactInput::email},   {"phone", &ContactInput::phone},
        {"gender", &ContactInput::gender}, {"consent", &ContactInput::consent}};
    for (const auto& [name, field] : fields) {
        if (name == key) {
            return field;
        }
    }
    return nullptr;
}

}  // namespace

std::string FieldPath::str() const {
    return prefix.empty() ? std::string(key) : fmt::format("{}.{}", prefix, key);
}

void Converter::report(const FieldPath& path, Message message) {
    Diagnostic d = m_reader.locate(m_record, path.str());
    d.message = std::move(message);
    m_problems.push_back(std::move(d));
}

std::optional<std::string> Converter::text(std::string s, const FieldPath& path) {
    if (m_utf8 == Utf8::unchecked && !text::is_valid_utf8(s)) {
        report(path, "is not valid UTF-8 (save the file as UTF-8)");
        return std::nullopt;
    }
    if (s.find('\0') != std::string::npos) {
        report(path, "holds a NUL byte (is this a text file?)");
        return std::nullopt;
    }
    if (text::trim(s).empty()) {
        return std::nullopt;
    }
    return s;
}

std::optional<std::string> Converter::text(const Json& v, const FieldPath& path) {
    if (v.is_null()) {
        return std::nullopt;
    }
    if (!v.is_string()) {
        report(path, "expected text");
        return std::nullopt;
    }
    return text(v.get_ref<const std::string&>(), path);
}

std::optional<bool> Converter::boolean(const std::string& given, const FieldPath& path) {
    const std::string s = lower(given);
    if (s.empty()) {
        return std::nullopt;
    }
    if (s == "true" || s == "yes" || s == "si" || s == "sí" || s == "1") {
        return true;
    }
    if (s == "false" || s == "no" || s == "0") {
        return false;
    }
    report(path, msg("\"{}\" is not yes or no (true or false)", given));
    return std::nullopt;
}

std::optional<bool> Converter::boolean(const Json& v, const FieldPath& path) {
    if (v.is_null()) {
        return std::nullopt;
    }
    if (v.is_boolean()) {
        return v.get<bool>();
    }
    if (v.is_string()) {
        return boolean(v.get_ref<const std::string&>(), path);
    }
    report(path, msg("{} is not yes or no (true or false)", v.dump()));
    return std::nullopt;
}

std::optional<std::vector<std::string>> Converter::list(const Json& v, const FieldPath& path) {
    if (v.is_null()) {
        return std::nullopt;
    }
    std::vector<std::string> out;
    if (v.is_string()) {
        out = text::split_list(v.get_ref<const std::string&>(), '|');
        if (out.empty()) {
            return std::nullopt;
        }
        return out;
    }
    if (!v.is_array()) {
        report(path, "expected a list of keys, or keys separated by | in one text");
        return std::nullopt;
    }
    for (const auto& item : v) {
        if (!item.is_string()) {
            report(path, "expected a list of keys");
            return std::nullopt;
        }
        out.push_back(std::string(text::trim(item.get_ref<const std::string&>())));
    }
    return out;
}

MemberInput Converter::member(const Json& v) {
    MemberInput in;
    if (!v.is_object()) {
        if (!v.is_null()) {
            report({}, "expected a member record (an object of field: value)");
        }
        return in;
    }
    for (const auto& [key, value] : v.items()) {
        const FieldPath path{{}, key};
        if (const auto field = member_text_field(key)) {
            in.*field = text(value, path);
        } else if (const auto list_field = member_list_field(key)) {
            in.*list_field = list(value, path);
        } else if (key == "net4u") {
            in.net4u = boolean(value, path);
        } else if (key == "contacts") {
            contacts(value, in);
        } else {
            report(path,
                   msg("unknown field (known: {}, contacts)", text::join(k_member_fields, ", ")));
        }
    }
    return in;
}

void Converter::contacts(const Json& v, MemberInput& in) {
    if (v.is_null()) {
        return;
    }
    if (!v.is_array()) {
        report({{}, "contacts"}, "expected a list of contacts");
        return;
    }
    in.contacts.emplace();
    int i = 0;
    for (const auto& c : v) {
        ++i;
        const std::string prefix = fmt::format("contacts[{}]", i);
        if (!c.is_object()) {
            report({{}, prefix}, "expected a contact (name: ...)");
            continue;
        }
        in.contacts->push_back(contact(c, prefix));
    }
}

ContactInput Converter::contact(const Json& c, const std::string& prefix) {
    ContactInput ci;
    for (const auto& [key, value] : c.items()) {
        const FieldPath path{prefix, key};
        if (const auto field = contact_text_field(key)) {
            ci.*field = text(value, path);
        } else if (key == "primary") {
            ci.primary = boolean(value, path);
        } else {
            report(path, msg("unknown field (known: {})", text::join(k_contact_fields, ", ")));
        }
    }
    return ci;
}

void Converter::member_cell(MemberInput& in, const std::string& field, std::string raw) {
    const FieldPath path{{}, field};
    if (const auto text_field = member_text_field(field)) {
        in.*text_field = text(std::move(raw), path);
    } else if (const auto list_field = member_list_field(field)) {
        in.*list_field = text::split_list(raw, '|');
    } else if (field == "net4u") {
        in.net4u = boolean(raw, path);
    }
}

void Converter::contact_cell(ContactInput& c, const std::string& field, std::string raw,
                             std::string_view prefix) {
    const FieldPath path{prefix, field};
    if (const auto text_field = contact_text_field(field)) {
        c.*text_field = text(std::move(raw), path);
    } else if (field == "primary") {
        c.primary = boolean(raw, path);
    }
}

}  // namespace nacsa::members::detail
