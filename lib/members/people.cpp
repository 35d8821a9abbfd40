// SPDX-License-Identifier: Apache-2.0
#include "members/people.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <set>

#include "core/text.hpp"
#include "members/writer.hpp"
#include "store/sql.hpp"

namespace nacsa::members {

namespace detail {

std::string contact_search_text(std::string_view name, std::string_view email) {
    return text::fold(name) + "\n" + text::fold(email);
}

std::string phone_digits(std::string_view phone) {
    std::string out;
    for (const char c : phone) {
        if (c >= '0' && c <= '9') {
            out += c;
        }
    }
    return out;
}

SearchTerms search_terms(std::string_view search) {
    SearchTerms terms;
    const auto trimmed = text::trim(search);
    terms.folded = text::fold(trimmed);
    const bool phone_like =
        trimmed.find_first_not_of("0123456789 +()-./") == std::string_view::npos;
    if (phone_like && phone_digits(trimmed).size() >= 3) {
        terms.digits = phone_digits(trimmed);
    }
    return terms;
}

std::string search_candidates(store::Store& store, const SearchTerms& terms,
                              std::vector<std::string>& binds) {
    // A scan of 100,000 narrow rows: through a memory map, not a read() per page.
    store.map_for_scan();
    binds.push_back(terms.folded);
    if (terms.digits.empty()) {
        return " AND m.id IN (SELECT member_id FROM member_search WHERE contains(text, ?))";
    }
    binds.push_back(terms.digits);
    return " AND m.id IN (SELECT member_id FROM member_search WHERE contains(text, ?) OR "
           "contains(text, ?))";
}

}  // namespace detail

std::vector<output::Finding> check_search(store::Store& store) {
    using output::N_;
    SQLite::Statement q(
        store.db(),
        fmt::format("SELECT m.id FROM member m LEFT JOIN member_search s ON s.member_id = m.id "
                    "WHERE s.text IS NOT {} UNION ALL SELECT s.member_id FROM member_search s "
                    "WHERE NOT EXISTS (SELECT 1 FROM member m WHERE m.id = s.member_id) "
                    "ORDER BY 1",
                    detail::k_search_text_of_m));
    std::vector<output::Finding> out;
    int count = 0;
    while (q.executeStep()) {
        if (++count <= 20) {
            out.push_back(output::finding(
                output::Severity::error, "member-search", store.path().string(),
                N_("member {member}: what --search reads of it (table member_search) "
                   "differs from its record and contacts: a search may miss it, or find "
                   "it by data no longer on record"),
                {output::arg("member", q.getColumn(0).getString())}));
        }
    }
    if (count > 20) {
        out.push_back(output::finding(output::Severity::error, "member-search",
                                      store.path().string(),
                                      N_("... and {count} more members whose "
                                         "member_search row differs from their record"),
                                      {output::arg("count", count - 20)}));
    }
    return out;
}

std::vector<ContactRow> list_contacts(store::Store& store, const MemberFilter& filter) {
    check_filter(filter, store.alliance());
    const auto terms = detail::search_terms(filter.search);
    const auto conditions = detail::member_conditions(filter);
    std::vector<std::string> binds = conditions.binds;
    std::string sql = fmt::format(
        "SELECT c.id, c.member_id, c.name, c.position, c.email, c.phone, c.gender, c.is_primary, "
        "c.consent_date, c.erased_at, m.name, m.acronym FROM contact c JOIN member m ON m.id = "
        "c.member_id WHERE c.erased_at IS NULL{}",
        conditions.sql);
    if (!terms.folded.empty()) {
        sql += detail::search_candidates(store, terms, binds);
        sql += " AND (instr(m.search_text, ?) > 0 OR instr(c.search_text, ?) > 0";
        binds.push_back(terms.folded);
        binds.push_back(terms.folded);
        if (!terms.digits.empty()) {
            sql += " OR instr(c.phone_digits, ?) > 0";
            binds.push_back(terms.digits);
        }
        sql += ")";
    }
    sql += " ORDER BY +m.sort_key, m.id, c.id";
    SQLite::Statement q(store.db(), sql);
    for (std::size_t i = 0; i < binds.size(); ++i) {
        q.bind(static_cast<int>(i + 1), binds[i]);
    }
    std::vector<ContactRow> out;
    while (q.executeStep()) {
        ContactRow row;
        row.contact = detail::read_contact(q);
        row.member_name = store::text(q.getColumn(10));
        row.member_acronym = store::text(q.getColumn(11));
        out.push_back(std::move(row));
    }
    return out;
}

namespace {

// The contacts of a member (not erased), in number order, with the member's name.
struct MemberPeople {
    std::string name;
    std::vector<Contact> contacts;
};

class PeopleReader {
  public:
    explicit PeopleReader(store::Store& store)
        : m_member(store.db(), "SELECT name FROM member WHERE id = ?"),
          m_contacts(store.db(),
                     fmt::format("SELECT {} FROM contact WHERE member_id = ? ORDER BY id",
                                 detail::k_contact_columns)) {}

    std::optional<MemberPeople> read(const std::string& member_id) {
        m_member.reset();
        m_member.bind(1, member_id);
        if (!m_member.executeStep()) {
            return std::nullopt;
        }
        MemberPeople people{m_member.getColumn(0).getString(), {}};
        m_member.reset();
        m_contacts.reset();
        m_contacts.bind(1, member_id);
        while (m_contacts.executeStep()) {
            people.contacts.push_back(detail::read_contact(m_contacts));
        }
        m_contacts.reset();
        return people;
    }

  private:
    SQLite::Statement m_member;
    SQLite::Statement m_contacts;
};

// The contacts a source stands for.
std::vector<const Contact*> chosen(const MemberPeople& people, const RecipientSource& source,
                                   WhichContacts which, std::vector<Message>& left_out) {
    std::vector<const Contact*> out;
    for (const auto& c : people.contacts) {
        const bool wanted = which == WhichContacts::all ? true
                            : source.contact_id         ? c.id == *source.contact_id
                                                        : c.primary;
        if (wanted && (c.erased_at.empty() || source.contact_id)) {
            out.push_back(&c);
        }
    }
    if (out.empty()) {
        left_out.push_back(source.contact_id && which == WhichContacts::primary
                               ? msg("member {}: its representative (contact {}) is no "
                                     "longer on record",
                                     source.member_id, *source.contact_id)
                           : which == WhichContacts::primary
                               ? msg("member {}: no primary contact", source.member_id)
                               : msg("member {}: no contact", source.member_id));
    }
    return out;
}

}  // namespace

DistributionList distribution_list(store::Store& store, const std::vector<RecipientSource>& sources,
                                   WhichContacts which) {
    DistributionList list;
    PeopleReader reader(store);
    std::set<std::int64_t> seen_ids;
    std::set<std::string> seen_emails;
    for (const auto& source : sources) {
        const auto people = reader.read(source.member_id);
        if (!people) {
            list.left_out.push_back(msg("member {}: not in the register", source.member_id));
            continue;
        }
        for (const Contact* c : chosen(*people, source, which, list.left_out)) {
            if (!seen_ids.insert(c->id).second) {
                continue;
            }
            if (!c->erased_at.empty()) {
                list.left_out.push_back(
                    msg("member {}: contact {} was erased", source.member_id, c->id));
                continue;
            }
            if (c->email.empty()) {
                list.left_out.push_back(msg("member {}: contact {} ({}) has no e-mail address",
                                            source.member_id, c->id,
                                            text::escape_control(c->name)));
                continue;
            }
            if (!seen_emails.insert(text::fold(c->email)).second) {
                continue;
            }
            list.recipients.push_back({c->id, source.member_id, people->name, c->name, c->position,
                                       c->email, c->phone, c->primary});
        }
    }
    return list;
}

namespace {

// Control characters and line breaks as spaces: a header and a vCard line stay one line.
std::string one_line(std::string_view s) {
    std::string out;
    for (const char c : s) {
        const auto b = static_cast<unsigned char>(c);
        out += b < 0x20 || b == 0x7f ? ' ' : c;
    }
    return out;
}

}  // namespace

std::string to_header(const std::vector<Recipient>& recipients) {
    std::string out;
    for (const auto& r : recipients) {
        if (!out.empty()) {
            out += ", ";
        }
        const std::string name = std::string(text::trim(one_line(r.name)));
        if (name.empty()) {
            out += "<" + one_line(r.email) + ">";
            continue;
        }
        out += '"';
        for (const char c : name) {
            if (c == '"' || c == '\\') {
                out += '\\';
            }
            out += c;
        }
        out += "\" <" + one_line(r.email) + ">";
    }
    return out;
}

std::string vcard_escape(std::string_view value) {
    std::string out;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        if (c == '\\' || c == ',' || c == ';') {
            out += '\\';
            out += c;
        } else if (c == '\r') {
            out += "\\n";
            if (i + 1 < value.size() && value[i + 1] == '\n') {
                ++i;
            }
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
        }
    }
    return out;
}

std::string vcard_line(std::string_view name, std::string_view value) {
    const std::string line = std::string(name) + ":" + std::string(value);
    std::string out;
    std::size_t start = 0;
    std::size_t limit = 75;  // octets on the first line; a continuation's space counts
    while (line.size() - start > limit) {
        std::size_t end = start + limit;
        // Never split a UTF-8 character: back up to the start of the one at `end`.
        while (end > start && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) {
            --end;
        }
        out += line.substr(start, end - start) + "\r\n ";
        start = end;
        limit = 74;
    }
    out += line.substr(start) + "\r\n";
    return out;
}

std::string to_vcard(const std::vector<Recipient>& recipients) {
    std::string out;
    for (const auto& r : recipients) {
        out += "BEGIN:VCARD\r\n";
        out += "VERSION:4.0\r\n";
        out += "KIND:individual\r\n";
        out += vcard_line("FN", vcard_escape(r.name));
        out += vcard_line("EMAIL", vcard_escape(r.email));
        if (!r.phone.empty()) {
            out += vcard_line("TEL;TYPE=work", vcard_escape(r.phone));
        }
        out += vcard_line("ORG", vcard_escape(r.organisation));
        if (!r.position.empty()) {
            out += vcard_line("TITLE", vcard_escape(r.position));
        }
        out += "END:VCARD\r\n";
    }
    return out;
}

}  // namespace nacsa::members
