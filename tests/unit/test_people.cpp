// SPDX-License-Identifier: Apache-2.0
// People in reach: the To: header and vCard formatting of distribution lists, the search terms,
// the contacts' search columns (written by the members module, filled by migration 0014 for
// contacts already in a store) and the distribution list of a store's members.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

#include <string>

#include "core/embedded.hpp"
#include "core/text.hpp"
#include "fixture.hpp"
#include "members/members.hpp"
#include "members/people.hpp"

using namespace nacsa;
using nacsa::testing::MemberSpec;
using nacsa::testing::StoreFixture;

namespace {

members::Recipient person(std::string name, std::string email) {
    members::Recipient r;
    r.name = std::move(name);
    r.email = std::move(email);
    r.organisation = "Org";
    return r;
}

}  // namespace

TEST_CASE("people: a To: header quotes every name as an RFC 5322 quoted-string") {
    CHECK(members::to_header({}) == "");
    CHECK(members::to_header({person("Ana Pérez", "ana@x.example")}) ==
          "\"Ana Pérez\" <ana@x.example>");
    CHECK(members::to_header({person("Soto, Luis \"Lucho\" \\ jr", "l@x.example"),
                              person("", "bare@x.example")}) ==
          "\"Soto, Luis \\\"Lucho\\\" \\\\ jr\" <l@x.example>, <bare@x.example>");
    // A line break in a name cannot start a new header line.
    CHECK(members::to_header({person("Ana\r\nBcc: x@evil.example", "a@x.example")}) ==
          "\"Ana  Bcc: x@evil.example\" <a@x.example>");
}

TEST_CASE("people: vCard values are escaped and lines folded at 75 octets") {
    CHECK(members::vcard_escape("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf");
    CHECK(members::vcard_line("FN", "Ana") == "FN:Ana\r\n");
    const std::string exact(72, 'x');  // "FN:" + 72 = 75 octets: not folded
    CHECK(members::vcard_line("FN", exact) == "FN:" + exact + "\r\n");
    const std::string longer(73, 'x');
    CHECK(members::vcard_line("FN", longer) == "FN:" + std::string(72, 'x') + "\r\n x\r\n");
    // Two-octet letters: a fold never splits one, and no physical line passes 75 octets.
    std::string accents;
    for (int i = 0; i < 100; ++i) {
        accents += "é";
    }
    const std::string folded = members::vcard_line("FN", accents);
    std::string unfolded;
    std::size_t start = 0;
    while (start < folded.size()) {
        const auto end = folded.find("\r\n", start);
        REQUIRE(end != std::string::npos);
        const std::string line = folded.substr(start, end - start);
        CHECK(line.size() <= 75);
        CHECK(text::is_valid_utf8(line));
        unfolded += start == 0 ? line : line.substr(1);
        start = end + 2;
    }
    CHECK(unfolded == "FN:" + accents);
}

TEST_CASE("people: a vCard 4.0 per person with the fields known") {
    auto r = person("Ana Pérez", "ana@x.example");
    r.phone = "+56 2 1234 5678";
    r.position = "Directora; área legal";
    r.organisation = "Fundación A, B";
    CHECK(members::to_vcard({r, person("Luis", "l@x.example")}) ==
          "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:individual\r\nFN:Ana Pérez\r\n"
          "EMAIL:ana@x.example\r\nTEL;TYPE=work:+56 2 1234 5678\r\nORG:Fundación A\\, B\r\n"
          "TITLE:Directora\\; área legal\r\nEND:VCARD\r\n"
          "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:individual\r\nFN:Luis\r\nEMAIL:l@x.example\r\n"
          "ORG:Org\r\nEND:VCARD\r\n");
}

TEST_CASE("people: search terms fold the text and read phone numbers on digits") {
    auto t = members::detail::search_terms("  WANJIRÚ ");
    CHECK(t.folded == "wanjiru");
    CHECK(t.digits.empty());
    t = members::detail::search_terms("+56 (2) 1234-5678");
    CHECK(t.digits == "56212345678");
    CHECK(members::detail::search_terms("12").digits.empty());       // too short for a phone
    CHECK(members::detail::search_terms("ong 123").digits.empty());  // not a phone number
    CHECK(members::detail::contact_search_text("Ñandú Pérez", "A@B.example") ==
          "nandu perez\na@b.example");
}

TEST_CASE("people: migration 0014 folds existing contacts as text::fold does") {
    // Every Latin letter text::fold folds by table (U+0080 to U+024F) in one name.
    std::string name;
    for (unsigned c = 0xC0; c < 0x250; ++c) {  // two octets each in UTF-8
        name += static_cast<char>(0xC0 | (c >> 6));
        name += static_cast<char>(0x80 | (c & 0x3F));
    }
    name += " ABC Ñandú";
    const auto migrations = embedded::migrations();
    REQUIRE(migrations.size() >= 14);
    std::string sql(migrations[13].content);
    REQUIRE(sql.find("ALTER TABLE contact ADD COLUMN search_text") != std::string::npos);
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("CREATE TABLE contact (name TEXT, email TEXT, phone TEXT, erased_at TEXT)");
    SQLite::Statement insert(db, "INSERT INTO contact VALUES (?, 'X@Ý.example', '+56 (2) 1-2', ?)");
    insert.bind(1, name);
    insert.bind(2);
    insert.exec();
    insert.reset();
    insert.bind(1, std::string("Erased"));
    insert.bind(2, std::string("2026-01-01T00:00:00Z"));
    insert.exec();
    db.exec(sql);
    SQLite::Statement q(db, "SELECT search_text, phone_digits FROM contact ORDER BY rowid");
    REQUIRE(q.executeStep());
    CHECK(q.getColumn(0).getString() == members::detail::contact_search_text(name, "X@Ý.example"));
    CHECK(q.getColumn(1).getString() == "56212");
    REQUIRE(q.executeStep());
    CHECK(q.getColumn(0).getString() == "");
}

TEST_CASE("people: a distribution list takes primary contacts, leaves out and says who") {
    StoreFixture f;
    f.member("a", MemberSpec{.contacts = {{"Ana", "female"}, {"Bea", "female"}}});
    f.member("b", MemberSpec{.contacts = {{"Carlos", "male"}}});
    f.member("c");
    auto& store = f.store();
    members::ContactInput email;
    email.email = "ana@a.example";
    (void)members::edit_contact(store, "a", "Ana", email, members::command_line_locator());
    email.email = "bea@a.example";
    (void)members::edit_contact(store, "a", "Bea", email, members::command_line_locator());
    const std::vector<members::RecipientSource> sources = {
        {"a", std::nullopt}, {"b", std::nullopt}, {"c", std::nullopt}, {"a", std::nullopt}};
    auto list = members::distribution_list(store, sources, members::WhichContacts::primary);
    REQUIRE(list.recipients.size() == 1);  // Ana once, though a is named twice
    CHECK(list.recipients[0].email == "ana@a.example");
    CHECK(list.recipients[0].organisation == "Org a");
    REQUIRE(list.left_out.size() == 2);
    CHECK(list.left_out[0].english() == "member b: contact 3 (Carlos) has no e-mail address");
    CHECK(list.left_out[1].english() == "member c: no primary contact");
    list = members::distribution_list(store, {{"a", std::nullopt}}, members::WhichContacts::all);
    CHECK(members::to_header(list.recipients) ==
          "\"Ana\" <ana@a.example>, \"Bea\" <bea@a.example>");
    // A seated representative: that person, not the primary contact.
    list = members::distribution_list(store, {{"a", 2}}, members::WhichContacts::primary);
    REQUIRE(list.recipients.size() == 1);
    CHECK(list.recipients[0].name == "Bea");
}
