// SPDX-License-Identifier: Apache-2.0
// People in reach: the To: header and vCard formatting of distribution lists, the search terms,
// the contacts' search columns (written by the members module, filled by migration 0014 for
// contacts already in a store) and the distribution list of a store's members.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "core/embedded.hpp"
#include "core/text.hpp"
#include "fixture.hpp"
#include "members/import.hpp"
#include "members/members.hpp"
#include "members/people.hpp"
#include "members/writer.hpp"
#include "store/maintenance.hpp"
#include "workflows/workflows.hpp"

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

namespace {

// member_search as stored, and as migration 0016 computes it from the columns of member and
// contact: after every write they are equal (a search finds in it every member it finds in
// those columns).
std::map<std::string, std::string> search_rows(store::Store& store) {
    std::map<std::string, std::string> out;
    SQLite::Statement q(store.db(), "SELECT member_id, text FROM member_search");
    while (q.executeStep()) {
        out.emplace(q.getColumn(0).getString(), q.getColumn(1).getString());
    }
    return out;
}
std::map<std::string, std::string> computed_search_rows(store::Store& store) {
    std::map<std::string, std::string> out;
    SQLite::Statement q(
        store.db(),
        "SELECT m.id, m.search_text || ifnull((SELECT group_concat(char(31) || c.search_text || "
        "char(31) || c.phone_digits, '') FROM (SELECT search_text, phone_digits FROM contact c "
        "WHERE c.member_id = m.id AND c.erased_at IS NULL ORDER BY c.id) c), '') FROM member m");
    while (q.executeStep()) {
        out.emplace(q.getColumn(0).getString(), q.getColumn(1).getString());
    }
    return out;
}
void check_search_rows(store::Store& store) {
    const auto stored = search_rows(store);
    CHECK(stored == computed_search_rows(store));
    CHECK(stored.size() ==
          static_cast<std::size_t>(store.db().execAndGet("SELECT count(*) FROM member").getInt()));
}

std::vector<std::string> found(store::Store& store, const std::string& search) {
    members::MemberFilter filter;
    filter.search = search;
    std::vector<std::string> out;
    for (const auto& s : members::list_members(store, filter)) {
        out.push_back(s.member.id);
    }
    for (const auto& c : members::list_contacts(store, filter)) {
        out.push_back(c.contact.member_id + "/" + c.contact.name);
    }
    return out;
}

members::ContactInput contact_input(std::string name, std::string email, std::string phone) {
    members::ContactInput c;
    c.name = std::move(name);
    c.email = std::move(email);
    c.phone = std::move(phone);
    return c;
}

// Whether any row of member_search holds the text.
bool search_holds(store::Store& store, const std::string& text) {
    SQLite::Statement q(store.db(), "SELECT count(*) FROM member_search WHERE instr(text, ?) > 0");
    q.bind(1, text);
    q.executeStep();
    return q.getColumn(0).getInt() > 0;
}

}  // namespace

TEST_CASE("people: member_search follows every change of a member's name and contacts") {
    StoreFixture f;
    f.member("rutas",
             MemberSpec{
                 .name = "Rutas Seguras", .contacts = {{"Ana Pérez", "female"}}, .acronym = "RS"});
    f.member("otra", MemberSpec{.name = "Otra Red"});
    auto& store = f.store();
    check_search_rows(store);
    CHECK(search_rows(store).at("rutas") ==
          "rutas seguras rs\x1f"
          "ana perez\n\x1f");

    // Edits of the member: its name, acronym and city are searched.
    members::MemberInput edit;
    edit.name = "Rutas Más Seguras";
    edit.city = "Valparaíso";
    (void)members::edit_member(store, "rutas", edit, members::command_line_locator());
    check_search_rows(store);
    CHECK(found(store, "valparaiso") == std::vector<std::string>{"rutas", "rutas/Ana Pérez"});

    // A contact added, edited (e-mail, phone), then another one.
    (void)members::add_contact(
        store, "rutas", contact_input("Wanjirú Kamau", "W.Kamau@Rutas.example", "+56 9 8765 4321"),
        members::command_line_locator());
    check_search_rows(store);
    CHECK(found(store, "98765") == std::vector<std::string>{"rutas", "rutas/Wanjirú Kamau"});
    members::ContactInput mail;
    mail.email = "wanjiru@rutas.example";
    mail.phone = "+56 2 1111 2222";
    (void)members::edit_contact(store, "rutas", "Wanjirú Kamau", mail,
                                members::command_line_locator());
    check_search_rows(store);
    CHECK(found(store, "98765").empty());
    CHECK(found(store, "kamau@").empty());
    CHECK(found(store, "wanjiru@") == std::vector<std::string>{"rutas", "rutas/Wanjirú Kamau"});
    (void)members::add_contact(store, "otra", contact_input("Luis Soto", "", "+56 2 1111 2222"),
                               members::command_line_locator());
    check_search_rows(store);
    CHECK(found(store, "+56 2 1111 2222") ==
          std::vector<std::string>{"otra", "rutas", "otra/Luis Soto", "rutas/Wanjirú Kamau"});
    // A status change leaves the searched text as it was.
    f.status("otra", "suspended", "2025-01-01");
    check_search_rows(store);
}

TEST_CASE("people: after forget or contact remove nothing of the person is in member_search") {
    StoreFixture f;
    f.member("rutas", MemberSpec{.name = "Rutas Seguras",
                                 .contacts = {{"Ana Pérez", "female"}, {"Luis Soto", "male"}}});
    auto& store = f.store();
    (void)members::add_contact(
        store, "rutas",
        contact_input("Zoraida Quintanilla", "zoraida@proteccion.example", "+56 9 8765 4321"),
        members::command_line_locator());
    (void)members::add_contact(store, "rutas",
                               contact_input("Eva Ruiz", "eva@rutas.example", "+56 2 5555 6666"),
                               members::command_line_locator());
    check_search_rows(store);
    REQUIRE(search_holds(store, "zoraida quintanilla"));
    REQUIRE(search_holds(store, "56987654321"));

    (void)workflows::forget(store, "rutas", std::string("Zoraida Quintanilla"));
    check_search_rows(store);
    for (const char* gone : {"zoraida", "quintanilla", "proteccion", "56987654321"}) {
        CHECK_MESSAGE(!search_holds(store, gone), gone);
    }
    CHECK(found(store, "zoraida").empty());
    CHECK(found(store, "+56 9 8765 4321").empty());

    // Removed with nothing referring to it: the row goes; its text with it.
    (void)workflows::remove_contact(store, "rutas", "Eva Ruiz");
    check_search_rows(store);
    for (const char* gone : {"eva ruiz", "eva@rutas", "56255556666"}) {
        CHECK_MESSAGE(!search_holds(store, gone), gone);
    }
    // Every contact forgotten: the member's own name stays.
    (void)workflows::forget(store, "rutas", std::nullopt);
    check_search_rows(store);
    CHECK(search_rows(store).at("rutas") == "rutas seguras");
    CHECK(found(store, "perez").empty());
    CHECK(found(store, "rutas") == std::vector<std::string>{"rutas"});
}

TEST_CASE("people: an import writes member_search, into an empty store and into one with members") {
    StoreFixture f;
    auto& store = f.store();
    const auto csv = f.dir() / "members.csv";
    const auto write = [&](const std::string& text) {
        std::ofstream out(csv);
        out << "id,name,type,region,thematic_areas,city,contact_name,contact_email,contact_phone\n"
            << text;
    };
    // A bulk load (the store has no members), the same member twice in the file.
    write(
        "a,Fundación Ñandú,ngo,metropolitana,untoc,Concepción,Ana Pérez,ana@a.example,+56 2 1\n"
        "a,Fundación Ñandú,ngo,metropolitana,untoc,Concepción,Luis Soto,,+56 2 2222\n"
        "b,Red Paz,ngo,metropolitana,untoc,,,,\n");
    (void)members::import_members(store, {csv.string()}, {});
    check_search_rows(store);
    CHECK(found(store, "2222") == std::vector<std::string>{"a", "a/Luis Soto"});
    CHECK(found(store, "concepcion") ==
          std::vector<std::string>{"a", "a/Ana Pérez", "a/Luis Soto"});
    // Into a store with members: an update, a new member; then the same file, unchanged.
    write(
        "a,Fundación Ñandú,ngo,metropolitana,untoc,Temuco,Ana Pérez,ana@b.example,\n"
        "c,Centro Ceibo,ngo,metropolitana,untoc,,Eva Ruiz,eva@c.example,+56 3 3333\n");
    (void)members::import_members(store, {csv.string()}, {});
    check_search_rows(store);
    CHECK(found(store, "concepcion").empty());
    CHECK(found(store, "ana@b") == std::vector<std::string>{"a", "a/Ana Pérez"});
    CHECK(found(store, "3333") == std::vector<std::string>{"c", "c/Eva Ruiz"});
    const auto before = search_rows(store);
    (void)members::import_members(store, {csv.string()}, {});
    CHECK(search_rows(store) == before);
}

TEST_CASE("people: a bulk load writes member_search in batches, every row whole and in place") {
    StoreFixture f;
    auto& store = f.store();
    store.transaction([&] {
        // A batch of about three members' rows: twenty members make seven batches, the last
        // written by finish_bulk_load.
        members::detail::Writer writer(store, 150);
        REQUIRE(writer.start_bulk_load());
        for (int i = 0; i < 20; ++i) {
            members::Member m;
            m.id = fmt::format("org-{:02}", i);
            m.name = fmt::format("Fundación Número {}", i);
            m.type = "ngo";
            m.city = i % 2 == 0 ? "Concepción" : "Temuco";
            m.thematic_areas = {"untoc"};
            members::Contact c;
            c.name = fmt::format("Persona {}", i);
            c.email = fmt::format("p{}@org{}.example", i, i);
            c.primary = true;
            m.contacts.push_back(c);
            writer.insert(m, "2024-01-01", "");
        }
        writer.finish_bulk_load();
    });
    check_search_rows(store);
    CHECK(members::check_search(store).empty());
    // A member found by its name lists its contacts too.
    CHECK(found(store, "numero 13") == std::vector<std::string>{"org-13", "org-13/Persona 13"});
    CHECK(found(store, "p19@org19") == std::vector<std::string>{"org-19", "org-19/Persona 19"});
    CHECK(found(store, "concepcion").size() == 20);  // ten members and their contacts
}

TEST_CASE("people: migration 0016 fills member_search as nacsa writes it") {
    StoreFixture f;
    f.member("rutas", MemberSpec{.name = "Rutas Seguras",
                                 .contacts = {{"Ana Pérez", "female"}, {"Luis Soto", "male"}},
                                 .acronym = "RS"});
    f.member("otra", MemberSpec{.name = "Otra Red"});
    auto& store = f.store();
    (void)members::add_contact(store, "otra", contact_input("Eva", "eva@o.example", "+56 2 12"),
                               members::command_line_locator());
    (void)workflows::forget(store, "rutas", std::string("Luis Soto"));
    const auto written = search_rows(store);
    REQUIRE(written.size() == 2);
    // The store as schema version 15 had it: the members and contacts, no member_search.
    store.db().exec("DROP TABLE member_search");
    store.db().exec("PRAGMA user_version = 15");
    const auto migrations = embedded::migrations();
    REQUIRE(migrations.size() >= 16);
    REQUIRE(std::string(migrations[15].name) == "0016_member_search.sql");
    CHECK(store.migrate().front() == 16);
    CHECK(search_rows(store) == written);
    CHECK(found(store, "eva@o") == std::vector<std::string>{"otra", "otra/Eva"});
}

TEST_CASE("people: db check finds a member_search row that differs from its member's record") {
    StoreFixture f;
    f.member("a", MemberSpec{.contacts = {{"Ana Pérez", "female"}}});
    f.member("b");
    f.member("c");
    auto& store = f.store();
    const auto rules = [&] {
        std::vector<std::string> out;
        for (const auto& finding :
             store::check_store(f.dir() / "store.db", {"tester", "db check"},
                                [](store::Store& s) { return members::check_search(s); })) {
            out.push_back(finding.rule + " " + finding.message);
        }
        return out;
    };
    CHECK(rules().empty());
    // Changed outside nacsa: a row with an erased person's name, a row gone, a row left over.
    store.db().exec(
        "UPDATE member_search SET text = text || char(31) || 'luis soto' "
        "WHERE member_id = 'a'");
    store.db().exec("DELETE FROM member_search WHERE member_id = 'b'");
    store.db().exec("INSERT INTO member_search (member_id, text) VALUES ('gone', 'x')");
    const std::string what =
        ": what --search reads of it (table member_search) differs from its "
        "record and contacts: a search may miss it, or find it by data no "
        "longer on record";
    CHECK(rules() == std::vector<std::string>{"member-search member a" + what,
                                              "member-search member b" + what,
                                              "member-search member gone" + what});
}
