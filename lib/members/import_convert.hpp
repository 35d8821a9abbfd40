// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "members/import_reader.hpp"

// Internal to lib/members: from a record as read (a parsed YAML or JSON value, or the cells of
// CSV rows) to the field values of a MemberInput, reporting what cannot be a field value
// (text that is not UTF-8, a list where text is expected, an unknown field) where the reader
// locates it. The rules of the fields themselves are members::validate's.
namespace nacsa::members::detail {

// A field's path in a record ("region", "contacts[2].email"), put together only for a
// diagnostic.
struct FieldPath {
    std::string_view prefix;  // "contacts[2]", or empty for a member field
    std::string_view key;
    [[nodiscard]] std::string str() const;
};

// Whether the texts a reader gives are known to be valid UTF-8 (its own reading checked them).
enum class Utf8 : std::uint8_t { unchecked, checked };

class Converter {
  public:
    // Problems go to `problems`, located by `reader` in `record`.
    Converter(const RecordReader& reader, const SourceRecord& record,
              std::vector<Diagnostic>& problems, Utf8 utf8 = Utf8::unchecked)
        : m_reader(reader), m_record(record), m_problems(problems), m_utf8(utf8) {}

    // The fields of a YAML or JSON record (an object; null gives no fields).
    [[nodiscard]] MemberInput member(const Json& v);
    // A non-blank CSV cell of a member column (the column's field is a member field).
    void member_cell(MemberInput& in, const std::string& field, std::string raw);
    // A non-blank CSV cell of a contact column; `prefix` is "contacts[N]".
    void contact_cell(ContactInput& c, const std::string& field, std::string raw,
                      std::string_view prefix);
    // A text field of a member or a contact, the field already found (`out`; `path` for
    // messages): what member_cell and contact_cell do with a text field's value.
    void text_field(std::optional<std::string>& out, const FieldPath& path, std::string raw) {
        out = text(std::move(raw), path);
    }
    // Whether the texts that follow are known to be valid UTF-8.
    void set_utf8(Utf8 utf8) { m_utf8 = utf8; }

  private:
    void report(const FieldPath& path, Message message);
    // Text as read: valid UTF-8 without NUL; nothing when blank.
    std::optional<std::string> text(std::string s, const FieldPath& path);
    std::optional<std::string> text(const Json& v, const FieldPath& path);
    // yes/no, true/false, sí, 1/0, any case; nothing when blank.
    std::optional<bool> boolean(const std::string& given, const FieldPath& path);
    std::optional<bool> boolean(const Json& v, const FieldPath& path);
    std::optional<std::vector<std::string>> list(const Json& v, const FieldPath& path);
    void contacts(const Json& v, MemberInput& in);
    ContactInput contact(const Json& c, const std::string& prefix);

    const RecordReader& m_reader;
    const SourceRecord& m_record;
    std::vector<Diagnostic>& m_problems;
    Utf8 m_utf8;
};

}  // namespace nacsa::members::detail
