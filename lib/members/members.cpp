// SPDX-License-Identifier: Apache-2.0
#include "members/members.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/names.hpp"
#include "core/text.hpp"
#include "members/writer.hpp"

namespace nacsa::members {

namespace {

// A value shown in a message: control characters and line breaks made visible.
std::string q(const std::string& value) {
    return text::escape_control(value);
}

bool contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

const std::vector<std::string>& status_names() {
    static const std::vector<std::string> names = {"applicant", "active", "suspended", "withdrawn"};
    return names;
}

std::string_view status_name(MemberStatus status) {
    return status_names().at(static_cast<std::size_t>(status));
}

std::optional<MemberStatus> parse_status(std::string_view name) {
    return enum_named<MemberStatus>(status_names(), name);
}

Locator command_line_locator() {
    return [](const std::string& path) {
        std::string option = path;
        std::replace(option.begin(), option.end(), '_', '-');
        static const std::map<std::string, std::string> names = {
            {"thematic-areas", "theme"}, {"services", "service"}, {"ecosoc-status", "ecosoc"}};
        if (const auto it = names.find(option); it != names.end()) {
            option = it->second;
        }
        return Diagnostic{.field = "--" + option};
    };
}

bool is_email(std::string_view s) {
    const auto at = s.find('@');
    if (at == 0 || at == std::string_view::npos || s.find('@', at + 1) != std::string_view::npos) {
        return false;
    }
    if (std::any_of(s.begin(), s.end(),
                    [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; })) {
        return false;
    }
    const auto domain = s.substr(at + 1);
    const auto dot = domain.rfind('.');
    return dot != std::string_view::npos && dot > 0 && dot + 1 < domain.size();
}

bool is_phone(std::string_view s) {
    // ^\+?[0-9][0-9 ()\-]{4,24}$
    std::size_t i = 0;
    if (i < s.size() && s[i] == '+') {
        ++i;
    }
    if (i >= s.size() || s[i] < '0' || s[i] > '9') {
        return false;
    }
    ++i;
    const std::size_t rest = s.size() - i;
    if (rest < 4 || rest > 24) {
        return false;
    }
    for (; i < s.size(); ++i) {
        const char c = s[i];
        if (!((c >= '0' && c <= '9') || c == ' ' || c == '(' || c == ')' || c == '-')) {
            return false;
        }
    }
    return true;
}

bool is_website(std::string_view s) {
    std::string_view rest;
    if (s.starts_with("https://")) {
        rest = s.substr(8);
    } else if (s.starts_with("http://")) {
        rest = s.substr(7);
    } else {
        return false;
    }
    return !rest.empty() && std::none_of(s.begin(), s.end(), [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    });
}

namespace {

// Longest text accepted in one field: notes may be long, every other field is a short label.
// A spreadsheet cell holding a whole document is a mistake to report, not data to store.
constexpr std::size_t k_max_field_bytes = 1000;
constexpr std::size_t k_max_notes_bytes = 100'000;

// Adds a diagnostic about a field of an input (`prefix` + field, located by `where`).
struct Report {
    const Locator& where;
    Diagnostics& problems;
    std::string prefix;

    void operator()(const std::string& field, Message message) const {
        Diagnostic d = where(prefix + field);
        d.message = std::move(message);
        problems.add(std::move(d));
    }
};

void check_lengths(
    const Report& report,
    std::initializer_list<std::pair<const char*, const std::optional<std::string>*>> fields) {
    for (const auto& [name, value] : fields) {
        const std::size_t limit =
            std::string_view(name) == "notes" ? k_max_notes_bytes : k_max_field_bytes;
        if (*value && (*value)->size() > limit) {
            report(name, msg("is too long ({} bytes; at most {})", (*value)->size(), limit));
        }
    }
}

void check_email_and_phone(const std::optional<std::string>& email,
                           const std::optional<std::string>& phone, const Report& report) {
    if (email && !email->empty() && !is_email(*email)) {
        report("email", msg("\"{}\" is not an e-mail address", q(*email)));
    }
    if (phone && !phone->empty() && !is_phone(*phone)) {
        report("phone", msg("\"{}\" is not a phone number (digits, spaces, ()- and a leading +)",
                            q(*phone)));
    }
}

// The id, name and type of a member.
void check_identity(const MemberInput& input, const config::Alliance& alliance, bool is_new,
                    const Report& report) {
    if (input.id && !input.id->empty() && (!text::is_slug(*input.id) || input.id->size() > 64)) {
        report("id",
               msg("\"{}\" is not a valid id (lower-case letters and digits separated by single "
                   "hyphens, at most 64 characters)",
                   q(*input.id)));
    }
    if (input.name ? text::trim(*input.name).empty() : is_new) {
        report("name", msg("a member needs a name"));
    } else if (input.name && !(input.id && !input.id->empty()) &&
               text::slugify(*input.name).empty()) {
        report("name", msg("\"{}\" gives no id: add an id", q(*input.name)));
    }
    if (input.type ? input.type->empty() : is_new) {
        report("type", msg("a member needs a type (known: {})",
                           config::known_keys(alliance.organisation_types)));
    } else if (input.type && alliance.find_type(*input.type) == nullptr) {
        report("type", msg("\"{}\" is not an organisation type of this alliance (known: {})",
                           q(*input.type), config::known_keys(alliance.organisation_types)));
    }
}

// The region, web site, e-mail and phone of a member.
void check_details(const MemberInput& input, const config::Alliance& alliance,
                   const Report& report) {
    if (input.region && !input.region->empty() && alliance.find_region(*input.region) == nullptr) {
        report("region", msg("\"{}\" is not a region of this alliance (known: {})",
                             q(*input.region), config::known_keys(alliance.regions)));
    }
    if (input.website && !input.website->empty() && !is_website(*input.website)) {
        report("website",
               msg("\"{}\" is not a web address (http:// or https://)", q(*input.website)));
    }
    check_email_and_phone(input.email, input.phone, report);
}

// Each key of a list is known and listed once. Known keys are few (those of the
// configuration): `seen`, room for the keys met, stays short.
template <typename Known, typename What, typename KnownList>
void check_list(const std::optional<std::vector<std::string>>& list, const char* field,
                const Known& known, const What& what, const KnownList& known_list,
                std::vector<std::string_view>& seen, const Report& report) {
    if (!list) {
        return;
    }
    seen.clear();
    for (const auto& key : *list) {
        if (!known(key)) {
            report(field, msg("\"{}\" is not {} (known: {})", q(key), what(), known_list()));
        } else if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
            report(field, msg("\"{}\" is listed twice", q(key)));
        } else {
            seen.emplace_back(key);
        }
    }
}

// The thematic areas, services and interests of a member.
void check_lists(const MemberInput& input, const config::Alliance& alliance, const Report& report) {
    if (input.thematic_areas && input.thematic_areas->empty()) {
        report("thematic_areas", msg("a member needs at least one thematic area"));
    }
    std::vector<std::string_view> seen;
    check_list(
        input.thematic_areas, "thematic_areas",
        [&](const std::string& k) { return alliance.find_theme(k) != nullptr; },
        [] { return msg("a thematic area of this alliance"); },
        [&] { return config::known_keys(alliance.thematic_areas); }, seen, report);
    check_list(
        input.services, "services",
        [&](const std::string& k) { return alliance.find_service(k) != nullptr; },
        [] { return msg("a service of this alliance"); },
        [&] { return config::known_keys(alliance.services); }, seen, report);
    check_list(
        input.interest, "interest",
        [](const std::string& k) { return contains(k_interest_kinds, k); },
        [] { return msg("a role one can express interest in"); },
        [] { return text::join(k_interest_kinds, ", "); }, seen, report);
}

// The joined date, the status and the ECOSOC status of a member.
void check_standing(const MemberInput& input, const config::Alliance& alliance, Date today,
                    const Report& report) {
    if (input.joined && !input.joined->empty()) {
        if (const auto joined = parse_date(*input.joined); !joined) {
            report("joined", msg("\"{}\" is not a date (expected YYYY-MM-DD)", q(*input.joined)));
        } else if (*joined > today) {
            report("joined", msg("\"{}\" is in the future (today is {} in {})", *input.joined,
                                 format_date(today), alliance.time_zone));
        }
    }
    if (input.status && !parse_status(*input.status)) {
        report("status", msg("\"{}\" is not a membership status (known: {})", q(*input.status),
                             text::join(status_names(), ", ")));
    }
    if (input.ecosoc_status && !input.ecosoc_status->empty() &&
        !contains(k_ecosoc_statuses, *input.ecosoc_status)) {
        report("ecosoc_status", msg("\"{}\" is not an ECOSOC status (known: {})",
                                    q(*input.ecosoc_status), text::join(k_ecosoc_statuses, ", ")));
    }
}

// Each contact of a new member's list, names listed once, one primary contact at most.
void check_contacts(const std::vector<ContactInput>& contacts, const Locator& where,
                    Diagnostics& problems, const Report& report) {
    std::vector<std::pair<std::string, std::size_t>> names;  // key -> contact number
    std::size_t primaries = 0;
    for (std::size_t i = 0; i < contacts.size(); ++i) {
        const auto& c = contacts[i];
        const std::string prefix = "contacts[" + std::to_string(i + 1) + "].";
        validate_contact(c, where, prefix, true, problems);
        if (contacts.size() > 1 && c.name && !text::trim(*c.name).empty()) {
            std::string key = detail::contact_key(*c.name);
            const auto it = std::find_if(names.begin(), names.end(),
                                         [&](const auto& named) { return named.first == key; });
            if (it != names.end()) {
                report(prefix + "name",
                       msg("\"{}\" is listed twice (also contact {})", *c.name, it->second));
            } else {
                names.emplace_back(std::move(key), i + 1);
            }
        }
        if (c.primary.value_or(false) && ++primaries == 2) {
            report(prefix + "primary", msg("only one contact can be the primary contact"));
        }
    }
}

}  // namespace

void validate_contact(const ContactInput& input, const Locator& where, const std::string& prefix,
                      bool is_new, Diagnostics& problems) {
    const Report report{where, problems, prefix};
    check_lengths(report, {{"name", &input.name},
                           {"position", &input.position},
                           {"email", &input.email},
                           {"phone", &input.phone}});
    if (input.name ? text::trim(*input.name).empty() : is_new) {
        report("name", msg("a contact needs a name"));
    }
    check_email_and_phone(input.email, input.phone, report);
    if (input.gender && !input.gender->empty() && !contains(k_genders, *input.gender)) {
        report("gender", msg("\"{}\" is not a gender (known: {})", q(*input.gender),
                             text::join(k_genders, ", ")));
    }
    if (input.consent && !input.consent->empty() && !parse_date(*input.consent)) {
        report("consent", msg("\"{}\" is not a date (expected YYYY-MM-DD)", q(*input.consent)));
    }
}

void validate(const MemberInput& input, const config::Alliance& alliance, Date today,
              const Locator& where, bool is_new, Diagnostics& problems) {
    const Report report{where, problems, {}};
    check_lengths(report, {{"name", &input.name},
                           {"acronym", &input.acronym},
                           {"city", &input.city},
                           {"website", &input.website},
                           {"email", &input.email},
                           {"phone", &input.phone},
                           {"ecosoc_status", &input.ecosoc_status},
                           {"notes", &input.notes}});
    check_identity(input, alliance, is_new, report);
    check_details(input, alliance, report);
    check_lists(input, alliance, report);
    check_standing(input, alliance, today, report);
    if (input.contacts) {
        check_contacts(*input.contacts, where, problems, report);
    }
}

namespace {

// name_key of a name already folded.
std::string key_of_folded(std::string_view folded) {
    std::string out;
    out.reserve(folded.size());
    bool space = false;
    for (const char ch : folded) {
        const auto c = static_cast<unsigned char>(ch);
        const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
        if (word) {
            if (space && !out.empty()) {
                out += ' ';
            }
            space = false;
            out += ch;
        } else {
            space = true;
        }
    }
    return out;
}

}  // namespace

std::string name_key(std::string_view name) {
    return key_of_folded(text::fold(name));
}

detail::NameForms detail::name_forms(std::string_view name) {
    NameForms forms{text::fold(name), {}};
    forms.key = key_of_folded(forms.folded);
    return forms;
}

std::string detail::contact_key(std::string_view name) {
    return name_key(name);
}

std::string id_from_name(std::string_view name) {
    std::string id = text::slugify(name);
    if (id.size() > 64) {
        id.resize(64);
        while (!id.empty() && id.back() == '-') {
            id.pop_back();
        }
    }
    return id;
}

}  // namespace nacsa::members
