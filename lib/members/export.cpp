#include "members/export.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <unordered_map>

#include "core/text.hpp"
#include "members/writer.hpp"
#include "output/table.hpp"

namespace nacsa::members {

namespace {

bool is_date_like(std::string_view s) {
    return s.size() == 10 && s[4] == '-' && s[7] == '-' && parse_date(s).has_value();
}

// A YAML scalar: plain when that reads back as the same text, else double-quoted.
std::string yaml_scalar(const std::string& s) {
    static const char* const reserved[] = {"true", "false", "yes", "no", "null",
                                           "on",   "off",   "y",   "n"};
    bool plain = !s.empty() && (is_date_like(s) || static_cast<unsigned char>(s[0]) >= 0x80 ||
                                (s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z'));
    if (plain && !is_date_like(s)) {
        if (s.back() == ' ' || s.find("  ") != std::string::npos) {
            plain = false;
        }
        for (std::size_t i = 0; plain && i < s.size(); ++i) {
            const auto c = static_cast<unsigned char>(s[i]);
            const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                            (c >= '0' && c <= '9') || c == ' ' || c == '.' || c == '-' ||
                            c == '_' || c == '/' || c == '(' || c == ')' || c == '\'' || c == '+' ||
                            c == '@' || c == ',' ||
                            (c >= 0x80 && c != 0xC2 && c != 0xE2 && c != 0xEF);
            plain = ok;
        }
        std::string lower = s;
        for (auto& ch : lower) {
            if (ch >= 'A' && ch <= 'Z') {
                ch = static_cast<char>(ch - 'A' + 'a');
            }
        }
        for (const char* r : reserved) {
            plain = plain && lower != r;
        }
    }
    if (plain) {
        return s;
    }
    std::string out = "\"";
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (c < 0x20 || c == 0x7F) {
                    out += fmt::format("\\x{:02x}", c);
                } else if (c == 0xC2 && i + 1 < s.size() &&
                           static_cast<unsigned char>(s[i + 1]) == 0x85) {
                    out += "\\N";
                    ++i;
                } else if (c == 0xE2 && i + 2 < s.size() &&
                           static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                           (static_cast<unsigned char>(s[i + 2]) == 0xA8 ||
                            static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
                    out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\L" : "\\P";
                    i += 2;
                } else if (c == 0xEF && i + 2 < s.size() &&
                           static_cast<unsigned char>(s[i + 1]) == 0xBB &&
                           static_cast<unsigned char>(s[i + 2]) == 0xBF) {
                    out += "\\uFEFF";
                    i += 2;
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    out += '"';
    return out;
}

void yaml_member(std::string& out, const Member& m, Redact redact) {
    bool first = true;
    auto put = [&](const char* key, const std::string& value) {
        if (value.empty()) {
            return;
        }
        out += first ? "- " : "  ";
        first = false;
        out += key;
        out += ": ";
        out += yaml_scalar(value);
        out += '\n';
    };
    auto put_list = [&](const char* key, const std::vector<std::string>& values) {
        if (values.empty()) {
            return;
        }
        out += fmt::format("  {}: [", key);
        for (std::size_t i = 0; i < values.size(); ++i) {
            out += i > 0 ? ", " : "";
            out += yaml_scalar(values[i]);
        }
        out += "]\n";
    };
    put("id", m.id);
    put("name", m.name);
    put("acronym", m.acronym);
    put("type", m.type);
    put("region", m.region);
    put("city", m.city);
    put("website", m.website);
    put("email", m.email);
    put("phone", m.phone);
    put_list("thematic_areas", m.thematic_areas);
    put_list("services", m.services);
    put("joined", m.joined);
    put("status", std::string(status_name(m.status)));
    put_list("interest", m.interest);
    put("ecosoc_status", m.ecosoc_status);
    out += m.net4u ? "  net4u: true\n" : "  net4u: false\n";
    put("notes", m.notes);
    if (redact == Redact::no && !m.contacts.empty()) {
        out += "  contacts:\n";
        for (const auto& c : m.contacts) {
            out += "    - name: " + yaml_scalar(c.name) + "\n";
            auto cput = [&](const char* key, const std::string& value) {
                if (!value.empty()) {
                    out += fmt::format("      {}: {}\n", key, yaml_scalar(value));
                }
            };
            cput("position", c.position);
            cput("email", c.email);
            cput("phone", c.phone);
            cput("gender", c.gender);
            out += c.primary ? "      primary: true\n" : "      primary: false\n";
            cput("consent", c.consent);
        }
    }
}

const std::vector<std::string> k_csv_member_columns = {
    "id",      "name",     "acronym",       "type",           "region",   "city",
    "website", "email",    "phone",         "thematic_areas", "services", "joined",
    "status",  "interest", "ecosoc_status", "net4u",          "notes"};
const std::vector<std::string> k_csv_contact_columns = {
    "contact_name",   "contact_position", "contact_email",  "contact_phone",
    "contact_gender", "contact_primary",  "contact_consent"};

// Every member with contacts, loaded with a handful of queries.
std::vector<Member> all_members(store::Store& store) {
    auto& db = store.db();
    std::vector<Member> out;
    std::unordered_map<std::string, std::size_t> index;
    SQLite::Statement q(db,
                        fmt::format("SELECT {} FROM member ORDER BY id", detail::k_member_columns));
    while (q.executeStep()) {
        Member m = detail::read_member_row(q);
        index.emplace(m.id, out.size());
        out.push_back(std::move(m));
    }
    auto lists = [&](const char* sql, std::vector<std::string> Member::*field) {
        SQLite::Statement l(db, sql);
        while (l.executeStep()) {
            const auto it = index.find(l.getColumn(0).getString());
            if (it != index.end()) {
                (out[it->second].*field).push_back(l.getColumn(1).getString());
            }
        }
    };
    lists("SELECT member_id, theme FROM member_theme ORDER BY member_id, theme",
          &Member::thematic_areas);
    lists("SELECT member_id, service FROM member_service ORDER BY member_id, service",
          &Member::services);
    lists(
        "SELECT DISTINCT member_id, kind FROM interest WHERE status <> 'withdrawn' AND kind IN "
        "('steering_committee', 'secretariat', 'coordinator') ORDER BY member_id, kind",
        &Member::interest);
    SQLite::Statement c(db,
                        fmt::format("SELECT {} FROM contact WHERE erased_at IS NULL ORDER BY id",
                                    detail::k_contact_columns));
    while (c.executeStep()) {
        Contact k = detail::read_contact(c);
        const auto it = index.find(k.member_id);
        if (it != index.end()) {
            out[it->second].contacts.push_back(std::move(k));
        }
    }
    return out;
}

// CSV: one row per contact, the member's columns repeated (one row when it has none, or
// without contacts when redacted).
std::string csv_export(const std::vector<Member>& members, Redact redact, bool excel) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> header = k_csv_member_columns;
    if (redact == Redact::no) {
        header.insert(header.end(), k_csv_contact_columns.begin(), k_csv_contact_columns.end());
    }
    rows.push_back(header);
    for (const auto& m : members) {
        std::vector<std::string> base = {m.id,
                                         m.name,
                                         m.acronym,
                                         m.type,
                                         m.region,
                                         m.city,
                                         m.website,
                                         m.email,
                                         m.phone,
                                         text::join(m.thematic_areas, "|"),
                                         text::join(m.services, "|"),
                                         m.joined,
                                         std::string(status_name(m.status)),
                                         text::join(m.interest, "|"),
                                         m.ecosoc_status,
                                         m.net4u ? "yes" : "no",
                                         m.notes};
        if (redact == Redact::yes) {
            rows.push_back(std::move(base));
            continue;
        }
        if (m.contacts.empty()) {
            base.resize(base.size() + k_csv_contact_columns.size());
            rows.push_back(std::move(base));
            continue;
        }
        for (const auto& c : m.contacts) {
            std::vector<std::string> row = base;
            row.insert(row.end(), {c.name, c.position, c.email, c.phone, c.gender,
                                   c.primary ? "yes" : "no", c.consent});
            rows.push_back(std::move(row));
        }
    }
    return output::csv_lines(rows, excel ? ';' : ',', excel);
}

}  // namespace

std::string export_members(store::Store& store, FileFormat format, Redact redact, bool excel) {
    const auto members = all_members(store);
    std::string out;
    switch (format) {
        case FileFormat::yaml:
            for (const auto& m : members) {
                yaml_member(out, m, redact);
            }
            if (members.empty()) {
                out = "[]\n";
            }
            break;
        case FileFormat::jsonl:
            for (const auto& m : members) {
                out += to_json(m, redact).dump(-1, ' ', false,
                                               nlohmann::ordered_json::error_handler_t::replace);
                out += '\n';
            }
            break;
        case FileFormat::csv:
            out = csv_export(members, redact, excel);
            break;
    }
    return out;
}

}  // namespace nacsa::members
