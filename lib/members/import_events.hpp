// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "members/import_convert.hpp"
#include "members/import_reader.hpp"

// Internal to lib/members: a member record built straight from a parser's events (nlohmann's
// SAX interface for JSON Lines, libyaml's events for YAML), as the CSV reader builds one from
// its cells. Each field goes into record.input as it is read, with the problems Converter finds
// in the same value parsed whole ("expected text", "unknown field"...), in the same order and
// at the same places; no tree of the record is built, and a field's path is written out only
// for a message.
namespace nacsa::members::detail {

// A JSON value built from the same events: the record for a rejects file, or a value a message
// quotes.
class JsonRecorder {
  public:
    void begin();
    [[nodiscard]] bool active() const { return m_active; }
    // The value recorded, once its last event came.
    [[nodiscard]] Json take();
    void value(Json v);
    void start(Json container);
    void end();
    void key(std::string_view key);

  private:
    Json m_root;
    std::vector<Json*> m_stack;
    std::string m_key;
    bool m_active = false;
};

class RecordBuilder {
  public:
    // `reader` locates the problems; `locations`: keep where each field is, for its locate()
    // (YAML). `keep_value`: record the whole record as a JSON value too, for a rejects file
    // (--skip-invalid).
    RecordBuilder(const RecordReader& reader, bool locations, bool keep_value)
        : m_reader(reader), m_locations(locations), m_keep_value(keep_value) {}

    // Starts `record`, which the events that follow fill.
    void begin(SourceRecord& record);
    // The events; the first of a value says where the value starts (YAML; JSON: nowhere).
    void start_object(Location at);
    void start_array(Location at);
    void end();  // of an object or an array
    // A key of the current object; true when the object already has it: the later value then
    // replaces the earlier one, which keeps its place, as in a parsed object.
    bool key(std::string_view key);
    void null(Location at);
    void string(std::string& value, Location at);
    void boolean(bool value, Location at);
    void number(const Json& value, Location at);
    // After the record's last event: its conversion problems go after those the reader added,
    // and a record that is not an object becomes record.value.
    void finish();
    // Whether the texts of the events that follow are known to be valid UTF-8 (the reader
    // checked them), so that they are not checked again.
    void set_utf8(Utf8 utf8);
    // Drops what the events gave (a JSON line that turns out not to parse).
    void abandon();
    // The path of the value the next event starts ("contacts[2].email"), for messages.
    [[nodiscard]] std::string value_path() const;
    // The current depth of nesting (0 between records).
    [[nodiscard]] std::size_t depth() const { return m_frames.size(); }

  private:
    // What a container being read is to the record.
    enum class Role : std::uint8_t { skip, member, list, contacts, contact, quoted };
    enum class Type : std::uint8_t { null, text, boolean, number, object, array };
    struct Frame {
        bool object = false;
        Role role = Role::skip;
        std::uint32_t keys = 0;  // object: where its keys start in m_keys
        std::uint32_t key = 0;   // object: its current key (the first occurrence) in m_keys
        int items = 0;           // array: items so far
    };
    // A problem of a value, and the place of the value in the record: a repeated key keeps
    // its first place and its last value.
    struct Converted {
        std::uint64_t order = 0;
        Diagnostic problem;
    };
    struct Value {
        Type type = Type::null;
        std::string* text = nullptr;
        const Json* scalar = nullptr;  // a boolean or a number
        Location at;
    };

    void dispatch(const Value& v);
    void member_value(const Value& v);
    void list_value(const Value& v, std::optional<std::vector<std::string>>& list);
    void boolean_value(const Value& v, std::optional<bool>& out);
    void contacts_value(const Value& v);
    void contact_item(const Value& v);
    void contact_value(const Value& v);
    void list_item(const Value& v);
    void push(bool object, Role role);
    void report(const std::string& path, Message message);
    void take_converted();
    [[nodiscard]] std::uint64_t order() const;
    void locate(std::uint16_t contact, std::uint16_t field, Location at);
    [[nodiscard]] std::string member_path() const;
    [[nodiscard]] std::string contact_path() const;
    [[nodiscard]] MemberInput& input() { return *m_record->input; }
    [[nodiscard]] ContactInput& contact() { return input().contacts->back(); }

    // Room for the places of a member's fields and its contacts' (field_locations), made once.
    static constexpr std::size_t k_located_fields = 32;

    const RecordReader& m_reader;
    bool m_locations;
    bool m_keep_value;
    Utf8 m_utf8 = Utf8::unchecked;
    SourceRecord* m_record = nullptr;
    std::optional<Converter> m_convert;
    std::vector<Diagnostic> m_scratch;  // what m_convert reports
    std::vector<Converted> m_converted;
    bool m_reorder = false;
    std::vector<Frame> m_frames;
    std::vector<std::string> m_keys;
    // Where the key of each known field of the member, and of the contact being read, is in
    // m_keys, plus 1 (0: not given yet).
    std::array<std::uint32_t, 18> m_member_keys{};
    std::array<std::uint32_t, 7> m_contact_keys{};
    JsonRecorder m_tree;      // the record (keep_value, or not an object)
    JsonRecorder m_quoted;    // a value a message quotes
    int m_member_field = -1;  // the member field the next value is for (-1: unknown)
    int m_member_slot = 0;    // its key's place in the record
    int m_contact = 0;        // contacts[N] being read
    int m_contact_field = -1;
    int m_contact_slot = 0;
    std::string m_contact_prefix;  // "contacts[N]"
    bool m_list_failed = false;
};

// Where a field is in a YAML record (reader.locate): the value of `path` ("region",
// "contacts[2].email"), else the record or contact that lacks it.
[[nodiscard]] Diagnostic locate_field(const std::string& name, const SourceRecord& record,
                                      const std::string& path);

}  // namespace nacsa::members::detail
