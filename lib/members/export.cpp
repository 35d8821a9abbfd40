// SPDX-License-Identifier: Apache-2.0
#include "members/export.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <unordered_map>

#include "core/text.hpp"
#include "core/yaml_writer.hpp"
#include "members/writer.hpp"
#include "output/table.hpp"

namespace nacsa::members {

namespace {

bool is_date_like(std::string_view s) {
    return s.size() == 10 && s[4] == '-' && s[7] == '-' && parse_date(s).has_value();
}

void yaml_member(std::string& out, const Member& m, Redact redact) {
    yaml::Writer w;
    // Dates as dates; anything else in a date field is text.
    const auto date_or_text = [&w](int indent, const char* key, const std::string& value) {
        if (is_date_like(value)) {
            w.raw(indent, key, value);
        } else {
            w.optional_text(indent, key, value);
        }
    };
    const auto list = [&w](const char* key, const std::vector<std::string>& values) {
        if (!values.empty()) {
            w.list(2, key, values);
        }
    };
    w.text(2, "id", m.id, yaml::Dash::yes);
    w.optional_text(2, "name", m.name);
    w.optional_text(2, "acronym", m.acronym);
    w.optional_text(2, "type", m.type);
    w.optional_text(2, "region", m.region);
    w.optional_text(2, "city", m.city);
    w.optional_text(2, "website", m.website);
    w.optional_text(2, "email", m.email);
    w.optional_text(2, "phone", m.phone);
    list("thematic_areas", m.thematic_areas);
    list("services", m.services);
    date_or_text(2, "joined", m.joined);
    w.optional_text(2, "status", std::string(status_name(m.status)));
    list("interest", m.interest);
    w.optional_text(2, "ecosoc_status", m.ecosoc_status);
    w.boolean(2, "net4u", m.net4u);
    w.optional_text(2, "notes", m.notes);
    if (redact == Redact::no && !m.contacts.empty()) {
        w.open(2, "contacts");
        for (const auto& c : m.contacts) {
            w.text(6, "name", c.name, yaml::Dash::yes);
            w.optional_text(6, "position", c.position);
            w.optional_text(6, "email", c.email);
            w.optional_text(6, "phone", c.phone);
            w.optional_text(6, "gender", c.gender);
            w.boolean(6, "primary", c.primary);
            date_or_text(6, "consent", c.consent);
        }
    }
    out += w.take();
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
                out += output::json_text(to_json(m, redact), -1);
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
