// SPDX-License-Identifier: Apache-2.0
#include "members/import_events.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "core/text.hpp"

namespace nacsa::members::detail {

namespace {

using MemberText = std::optional<std::string> MemberInput::*;
using MemberList = std::optional<std::vector<std::string>> MemberInput::*;
using ContactText = std::optional<std::string> ContactInput::*;

// The member fields, in the order of k_member_fields; a field is text unless it is a list or
// net4u. Then contacts.
struct MemberField {
    std::string_view name;
    MemberText text;
    MemberList list;
};
constexpr MemberField k_fields[] = {{"id", &MemberInput::id, nullptr},
                                    {"name", &MemberInput::name, nullptr},
                                    {"acronym", &MemberInput::acronym, nullptr},
                                    {"type", &MemberInput::type, nullptr},
                                    {"region", &MemberInput::region, nullptr},
                                    {"city", &MemberInput::city, nullptr},
                                    {"website", &MemberInput::website, nullptr},
                                    {"email", &MemberInput::email, nullptr},
                                    {"phone", &MemberInput::phone, nullptr},
                                    {"thematic_areas", nullptr, &MemberInput::thematic_areas},
                                    {"services", nullptr, &MemberInput::services},
                                    {"joined", &MemberInput::joined, nullptr},
                                    {"status", &MemberInput::status, nullptr},
                                    {"interest", nullptr, &MemberInput::interest},
                                    {"ecosoc_status", &MemberInput::ecosoc_status, nullptr},
                                    {"net4u", nullptr, nullptr},
                                    {"notes", &MemberInput::notes, nullptr}};
constexpr int k_field_count = static_cast<int>(std::size(k_fields));
constexpr int k_contacts_field = k_field_count;

// The contact fields, in the order of k_contact_fields; text unless it is primary.
struct ContactField {
    std::string_view name;
    ContactText text;
};
constexpr ContactField k_contact_field_list[] = {
    {"name", &ContactInput::name},      {"position", &ContactInput::position},
    {"email", &ContactInput::email},    {"phone", &ContactInput::phone},
    {"gender", &ContactInput::gender},  {"primary", nullptr},
    {"consent", &ContactInput::consent}};
constexpr int k_contact_field_count = static_cast<int>(std::size(k_contact_field_list));

// Names found by a hash of their length and first and last bytes, in a table of 64 slots
// (open addressing), then compared whole: a key is found with one comparison.
constexpr std::size_t k_name_slots = 64;

constexpr std::size_t name_hash(std::string_view s) {
    return (s.size() * 7 + std::size_t{static_cast<unsigned char>(s.front())} * 3 +
            static_cast<unsigned char>(s.back())) %
           k_name_slots;
}

template <std::size_t N>
struct NameTable {
    std::array<std::string_view, N> names;
    std::array<std::int8_t, k_name_slots> slots;

    constexpr explicit NameTable(const std::array<std::string_view, N>& n) : names(n), slots() {
        static_assert(N < k_name_slots / 2);
        slots.fill(-1);
        for (std::size_t i = 0; i < N; ++i) {
            std::size_t h = name_hash(names[i]);
            while (slots[h] >= 0) {
                h = (h + 1) % k_name_slots;
            }
            slots[h] = static_cast<std::int8_t>(i);
        }
    }

    // The index of `key` in `names`, or -1.
    [[nodiscard]] constexpr int find(std::string_view key) const {
        if (key.empty()) {
            return -1;
        }
        for (std::size_t h = name_hash(key);; h = (h + 1) % k_name_slots) {
            const int i = int{slots[h]};
            if (i < 0 || names[static_cast<std::size_t>(i)] == key) {
                return i;
            }
        }
    }
};

constexpr NameTable k_member_names{[] {
    std::array<std::string_view, k_field_count + 1> names{};
    for (int i = 0; i < k_field_count; ++i) {
        names[static_cast<std::size_t>(i)] = k_fields[i].name;
    }
    names[k_contacts_field] = "contacts";
    return names;
}()};

constexpr NameTable k_contact_names{[] {
    std::array<std::string_view, k_contact_field_count> names{};
    for (int i = 0; i < k_contact_field_count; ++i) {
        names[static_cast<std::size_t>(i)] = k_contact_field_list[i].name;
    }
    return names;
}()};

// The member field named `key` (k_contacts_field for contacts); -1 for an unknown one.
int member_field(std::string_view key) {
    return k_member_names.find(key);
}

int contact_field(std::string_view key) {
    return k_contact_names.find(key);
}

// The messages of Converter (import_convert.cpp) for a value of the wrong kind.
constexpr const char* k_expected_text = "expected text";
constexpr const char* k_expected_list =
    "expected a list of keys, or keys separated by | in one text";
constexpr const char* k_expected_keys = "expected a list of keys";

Message not_yes_or_no(const Json& value) {
    return msg("{} is not yes or no (true or false)", value.dump());
}

// Where a path of a member record is, without its text: (contact, field) as in FieldLocation.
std::optional<std::pair<std::uint16_t, std::uint16_t>> field_key(std::string_view path) {
    if (!path.starts_with("contacts[")) {
        const int field = member_field(path);
        if (field < 0) {
            return std::nullopt;
        }
        return std::pair{std::uint16_t{0}, static_cast<std::uint16_t>(field)};
    }
    std::size_t p = 9;
    unsigned contact = 0;
    while (p < path.size() && path[p] >= '0' && path[p] <= '9' && contact < 0xFFFF) {
        contact = contact * 10 + static_cast<unsigned>(path[p] - '0');
        ++p;
    }
    if (p == 9 || contact == 0 || contact >= 0xFFFF || p >= path.size() || path[p] != ']') {
        return std::nullopt;
    }
    ++p;
    if (p == path.size()) {
        return std::pair{static_cast<std::uint16_t>(contact), k_whole_contact};
    }
    const int field = path[p] == '.' ? contact_field(path.substr(p + 1)) : -1;
    if (field < 0) {
        return std::nullopt;
    }
    return std::pair{static_cast<std::uint16_t>(contact), static_cast<std::uint16_t>(field)};
}

std::optional<Location> find_location(const SourceRecord& record, std::string_view path) {
    if (const auto key = field_key(path)) {
        for (const auto& l : record.field_locations) {
            if (l.contact == key->first && l.field == key->second) {
                return l.at;
            }
        }
        return std::nullopt;
    }
    for (const auto& [p, at] : record.locations) {
        if (p == path) {
            return at;
        }
    }
    return std::nullopt;
}

}  // namespace

Diagnostic locate_field(const std::string& name, const SourceRecord& record,
                        const std::string& path) {
    auto at = find_location(record, path);
    // A field that is missing: point at the record (or its contact).
    if (const auto dot = path.rfind('.'); !at && dot != std::string::npos) {
        at = find_location(record, std::string_view(path).substr(0, dot));
    }
    if (at) {
        return Diagnostic{name, at->line, at->column, path, {}};
    }
    return Diagnostic{name, record.line, 0, path, {}};
}

void JsonRecorder::begin() {
    m_root = nullptr;
    m_stack.clear();
    m_active = true;
}

Json JsonRecorder::take() {
    m_active = false;
    return std::move(m_root);
}

void JsonRecorder::value(Json v) {
    if (!m_active) {
        return;
    }
    if (m_stack.empty()) {
        m_root = std::move(v);
    } else if (m_stack.back()->is_array()) {
        m_stack.back()->push_back(std::move(v));
    } else {
        (*m_stack.back())[m_key] = std::move(v);
    }
}

void JsonRecorder::start(Json container) {
    if (!m_active) {
        return;
    }
    Json* slot = &m_root;
    if (m_stack.empty()) {
        m_root = std::move(container);
    } else if (m_stack.back()->is_array()) {
        m_stack.back()->push_back(std::move(container));
        slot = &m_stack.back()->back();
    } else {
        slot = &(*m_stack.back())[m_key];
        *slot = std::move(container);
    }
    m_stack.push_back(slot);
}

void JsonRecorder::end() {
    if (m_active && !m_stack.empty()) {
        m_stack.pop_back();
    }
}

void JsonRecorder::key(std::string_view key) {
    if (m_active) {
        m_key.assign(key);
    }
}

void RecordBuilder::set_utf8(Utf8 utf8) {
    m_utf8 = utf8;
    if (m_convert) {
        m_convert->set_utf8(utf8);
    }
}

void RecordBuilder::begin(SourceRecord& record) {
    m_record = &record;
    m_convert.emplace(m_reader, record, m_scratch, m_utf8);
    if (m_locations) {
        record.field_locations.reserve(k_located_fields);
    }
    m_converted.clear();
    m_reorder = false;
    m_frames.clear();
    m_keys.clear();
    m_quoted = JsonRecorder{};
    m_tree = JsonRecorder{};
    if (m_keep_value) {
        m_tree.begin();
    }
}

void RecordBuilder::abandon() {
    m_converted.clear();
    m_frames.clear();
    m_keys.clear();
    m_tree = JsonRecorder{};
    m_quoted = JsonRecorder{};
    m_record->input.reset();
    m_record->value = nullptr;
}

void RecordBuilder::finish() {
    if (m_tree.active()) {
        m_record->value = m_tree.take();
    }
    if (m_reorder) {
        std::stable_sort(m_converted.begin(), m_converted.end(),
                         [](const Converted& a, const Converted& b) { return a.order < b.order; });
    }
    for (auto& c : m_converted) {
        m_record->problems.push_back(std::move(c.problem));
    }
    m_converted.clear();
}

void RecordBuilder::start_object(Location at) {
    dispatch(Value{Type::object, nullptr, nullptr, at});
    // An empty object or array allocates: made only for a recorder that keeps it.
    if (m_tree.active()) {
        m_tree.start(Json::object());
    }
    if (m_quoted.active()) {
        m_quoted.start(Json::object());
    }
}

void RecordBuilder::start_array(Location at) {
    if (m_frames.empty() && !m_tree.active()) {
        m_tree.begin();  // a record that is not an object
    }
    dispatch(Value{Type::array, nullptr, nullptr, at});
    if (m_tree.active()) {
        m_tree.start(Json::array());
    }
    if (m_quoted.active()) {
        m_quoted.start(Json::array());
    }
}

void RecordBuilder::null(Location at) {
    if (m_frames.empty() && !m_tree.active()) {
        m_tree.begin();
    }
    m_tree.value(nullptr);
    m_quoted.value(nullptr);
    dispatch(Value{Type::null, nullptr, nullptr, at});
}

void RecordBuilder::string(std::string& value, Location at) {
    if (m_frames.empty() && !m_tree.active()) {
        m_tree.begin();
    }
    if (m_tree.active()) {
        m_tree.value(value);
    }
    if (m_quoted.active()) {
        m_quoted.value(value);
    }
    dispatch(Value{Type::text, &value, nullptr, at});
}

void RecordBuilder::boolean(bool value, Location at) {
    const Json v = value;
    if (m_frames.empty() && !m_tree.active()) {
        m_tree.begin();
    }
    m_tree.value(v);
    m_quoted.value(v);
    dispatch(Value{Type::boolean, nullptr, &v, at});
}

void RecordBuilder::number(const Json& value, Location at) {
    if (m_frames.empty() && !m_tree.active()) {
        m_tree.begin();
    }
    m_tree.value(value);
    m_quoted.value(value);
    dispatch(Value{Type::number, nullptr, &value, at});
}

bool RecordBuilder::key(std::string_view key) {
    m_tree.key(key);
    m_quoted.key(key);
    Frame& f = m_frames.back();
    // A known field of a member or a contact: where its key is in m_keys (plus 1) is kept by
    // field; another key is looked for among the object's keys.
    int field = -1;
    std::uint32_t* known = nullptr;
    if (f.role == Role::member) {
        field = member_field(key);
        known = field >= 0 ? &m_member_keys[static_cast<std::size_t>(field)] : nullptr;
    } else if (f.role == Role::contact) {
        field = contact_field(key);
        known = field >= 0 ? &m_contact_keys[static_cast<std::size_t>(field)] : nullptr;
    }
    bool repeated = false;
    if (known != nullptr) {
        repeated = *known != 0;
        f.key = repeated ? *known - 1 : static_cast<std::uint32_t>(m_keys.size());
    } else {
        const auto found = std::find(m_keys.begin() + f.keys, m_keys.end(), key);
        repeated = found != m_keys.end();
        f.key = static_cast<std::uint32_t>(found - m_keys.begin());
    }
    if (!repeated) {
        m_keys.emplace_back(key);
        if (known != nullptr) {
            *known = f.key + 1;
        }
    }
    const int slot = static_cast<int>(f.key - f.keys);
    if (f.role == Role::member) {
        m_member_field = field;
        m_member_slot = slot;
        if (repeated) {
            // The earlier value is gone, and what was wrong with it.
            const auto gone = [&](const Converted& c) {
                return (c.order >> 40) == static_cast<std::uint64_t>(slot) + 1;
            };
            m_converted.erase(std::remove_if(m_converted.begin(), m_converted.end(), gone),
                              m_converted.end());
            m_reorder = true;
            if (m_member_field == k_contacts_field) {
                input().contacts.reset();
            }
        }
    } else if (f.role == Role::contact) {
        m_contact_field = field;
        m_contact_slot = slot;
        if (repeated) {
            const auto place = order();
            m_converted.erase(std::remove_if(m_converted.begin(), m_converted.end(),
                                             [&](const Converted& c) { return c.order == place; }),
                              m_converted.end());
            m_reorder = true;
        }
    }
    return repeated;
}

void RecordBuilder::end() {
    m_tree.end();
    m_quoted.end();
    const Frame f = m_frames.back();
    m_frames.pop_back();
    if (f.object) {
        m_keys.resize(f.keys);
    }
    if (f.role == Role::list) {
        auto& list = input().*k_fields[m_member_field].list;
        if (m_list_failed) {
            list.reset();
        }
    } else if (f.role == Role::quoted) {
        const Json quoted = m_quoted.take();
        report(m_frames.back().role == Role::member ? member_path() : contact_path(),
               not_yes_or_no(quoted));
    }
}

void RecordBuilder::push(bool object, Role role) {
    static_assert(std::tuple_size_v<decltype(m_member_keys)> == k_field_count + 1);
    static_assert(std::tuple_size_v<decltype(m_contact_keys)> == k_contact_field_count);
    if (role == Role::member) {
        m_member_keys.fill(0);
    } else if (role == Role::contact) {
        m_contact_keys.fill(0);
    }
    Frame f;
    f.object = object;
    f.role = role;
    f.keys = static_cast<std::uint32_t>(m_keys.size());
    m_frames.push_back(f);
}

// Where the current value belongs in the order of a parsed record: its member key, then its
// contact and the contact's key.
std::uint64_t RecordBuilder::order() const {
    std::uint64_t contact = 0;
    std::uint64_t contact_slot = 0;
    for (const auto& f : m_frames) {
        if (f.role == Role::contacts) {
            contact = static_cast<std::uint64_t>(m_contact);
        } else if (f.role == Role::contact) {
            contact_slot = static_cast<std::uint64_t>(m_contact_slot) + 1;
        }
    }
    return ((static_cast<std::uint64_t>(m_member_slot) + 1) << 40) | (contact << 20) | contact_slot;
}

void RecordBuilder::report(const std::string& path, Message message) {
    Diagnostic d = m_reader.locate(*m_record, path);
    d.message = std::move(message);
    m_converted.push_back(Converted{order(), std::move(d)});
}

void RecordBuilder::take_converted() {
    if (m_scratch.empty()) {
        return;
    }
    for (auto& d : m_scratch) {
        m_converted.push_back(Converted{order(), std::move(d)});
    }
    m_scratch.clear();
}

void RecordBuilder::locate(std::uint16_t contact, std::uint16_t field, Location at) {
    if (m_locations) {
        m_record->field_locations.push_back(FieldLocation{contact, field, at});
    }
}

std::string RecordBuilder::member_path() const {
    return m_keys[m_frames.front().key];
}

std::string RecordBuilder::contact_path() const {
    return fmt::format("{}.{}", m_contact_prefix, m_keys[m_frames.back().key]);
}

std::string RecordBuilder::value_path() const {
    std::string path;
    for (std::size_t i = 0; i < m_frames.size(); ++i) {
        const auto& f = m_frames[i];
        if (f.object) {
            if (!path.empty()) {
                path += '.';
            }
            path += m_keys[f.key];
        } else {
            fmt::format_to(std::back_inserter(path), "[{}]",
                           f.items + (i + 1 == m_frames.size() ? 1 : 0));
        }
    }
    return path;
}

// A value (or the start of one): what it is to the record depends on where it is.
void RecordBuilder::dispatch(const Value& v) {
    const bool container = v.type == Type::object || v.type == Type::array;
    if (m_frames.empty()) {
        if (v.type == Type::object) {
            m_record->input.emplace();
            push(true, Role::member);
        } else if (container) {
            push(false, Role::skip);  // not a member record: Converter says so
        }
        return;
    }
    Frame& top = m_frames.back();
    if (!top.object) {
        ++top.items;
    }
    switch (top.role) {
        case Role::member:
            member_value(v);
            return;
        case Role::list:
            list_item(v);
            return;
        case Role::contacts:
            contact_item(v);
            return;
        case Role::contact:
            contact_value(v);
            return;
        case Role::skip:
        case Role::quoted:
            break;
    }
    if (container) {
        push(v.type == Type::object, Role::skip);
    }
}

// The value of a member field (Converter::member).
void RecordBuilder::member_value(const Value& v) {
    const bool container = v.type == Type::object || v.type == Type::array;
    const int field = m_member_field;
    if (field < 0) {
        const std::string& key = m_keys[m_frames.back().key];
        if (m_locations) {
            m_record->locations.emplace_back(key, v.at);
        }
        report(key, msg("unknown field (known: {}, contacts)", text::join(k_member_fields, ", ")));
        if (container) {
            push(v.type == Type::object, Role::skip);
        }
        return;
    }
    locate(0, static_cast<std::uint16_t>(field), v.at);
    if (field == k_contacts_field) {
        contacts_value(v);
        return;
    }
    const auto& f = k_fields[field];
    if (f.list != nullptr) {
        list_value(v, input().*f.list);
    } else if (f.text == nullptr) {
        boolean_value(v, input().net4u);
    } else if (v.type == Type::text) {
        m_convert->text_field(input().*f.text, FieldPath{{}, f.name}, std::move(*v.text));
        take_converted();
    } else {
        input().*f.text = std::nullopt;
        if (v.type != Type::null) {
            report(member_path(), k_expected_text);
        }
        if (container) {
            push(v.type == Type::object, Role::skip);
        }
    }
}

// A list field: a list of keys, or keys separated by | in one text (Converter::list).
void RecordBuilder::list_value(const Value& v, std::optional<std::vector<std::string>>& list) {
    list.reset();
    if (v.type == Type::null) {
        return;
    }
    if (v.type == Type::text) {
        auto items = text::split_list(*v.text, '|');
        if (!items.empty()) {
            list = std::move(items);
        }
        return;
    }
    if (v.type == Type::array) {
        list.emplace();
        m_list_failed = false;
        push(false, Role::list);
        return;
    }
    report(member_path(), k_expected_list);
    if (v.type == Type::object) {
        push(true, Role::skip);
    }
}

void RecordBuilder::list_item(const Value& v) {
    if (!m_list_failed && v.type == Type::text) {
        (input().*k_fields[m_member_field].list)->emplace_back(text::trim(*v.text));
    } else if (!m_list_failed) {
        m_list_failed = true;
        report(member_path(), k_expected_keys);
    }
    if (v.type == Type::object || v.type == Type::array) {
        push(v.type == Type::object, Role::skip);
    }
}

// net4u, or a contact's primary (Converter::boolean).
void RecordBuilder::boolean_value(const Value& v, std::optional<bool>& out) {
    const bool in_contact = m_frames.back().role == Role::contact;
    out.reset();
    switch (v.type) {
        case Type::null:
            return;
        case Type::boolean:
            out = v.scalar->get<bool>();
            return;
        case Type::text:
            if (in_contact) {
                m_convert->contact_cell(contact(), "primary", std::move(*v.text), m_contact_prefix);
            } else {
                m_convert->member_cell(input(), "net4u", std::move(*v.text));
            }
            take_converted();
            return;
        case Type::number:
            report(in_contact ? contact_path() : member_path(), not_yes_or_no(*v.scalar));
            return;
        case Type::object:
        case Type::array:
            // The message quotes the value: recorded until it ends.
            m_quoted.begin();
            push(v.type == Type::object, Role::quoted);
            return;
    }
}

// The contacts of a member (Converter::contacts).
void RecordBuilder::contacts_value(const Value& v) {
    if (v.type == Type::null) {
        return;
    }
    if (v.type != Type::array) {
        report("contacts", "expected a list of contacts");
        if (v.type == Type::object) {
            push(true, Role::skip);
        }
        return;
    }
    input().contacts.emplace();
    m_contact = 0;
    push(false, Role::contacts);
}

void RecordBuilder::contact_item(const Value& v) {
    m_contact = m_frames.back().items;
    m_contact_prefix.assign("contacts[");
    m_contact_prefix += std::to_string(m_contact);
    m_contact_prefix += ']';
    locate(static_cast<std::uint16_t>(std::min(m_contact, 0xFFFE)), k_whole_contact, v.at);
    if (v.type == Type::object) {
        input().contacts->emplace_back();
        push(true, Role::contact);
        return;
    }
    report(m_contact_prefix, "expected a contact (name: ...)");
    if (v.type == Type::array) {
        push(false, Role::skip);
    }
}

// The value of a contact's field (Converter::contact).
void RecordBuilder::contact_value(const Value& v) {
    const bool container = v.type == Type::object || v.type == Type::array;
    const int field = m_contact_field;
    if (field < 0) {
        const std::string path = contact_path();
        if (m_locations) {
            m_record->locations.emplace_back(path, v.at);
        }
        report(path, msg("unknown field (known: {})", text::join(k_contact_fields, ", ")));
    } else {
        locate(static_cast<std::uint16_t>(std::min(m_contact, 0xFFFE)),
               static_cast<std::uint16_t>(field), v.at);
        const auto text_field = k_contact_field_list[field].text;
        if (text_field == nullptr) {
            boolean_value(v, contact().primary);
            return;
        }
        if (v.type == Type::text) {
            m_convert->text_field(contact().*text_field,
                                  FieldPath{m_contact_prefix, k_contact_field_list[field].name},
                                  std::move(*v.text));
            take_converted();
            return;
        }
        contact().*text_field = std::nullopt;
        if (v.type != Type::null) {
            report(contact_path(), k_expected_text);
        }
    }
    if (container) {
        push(v.type == Type::object, Role::skip);
    }
}

}  // namespace nacsa::members::detail
