// SPDX-License-Identifier: Apache-2.0
#include "members/writer.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/text.hpp"
#include "members/people.hpp"
#include "store/sql.hpp"

namespace nacsa::members::detail {

const char* const k_search_text_of_m =
    "m.search_text || ifnull((SELECT group_concat(char(31) || c.search_text || char(31) || "
    "c.phone_digits, '') FROM (SELECT search_text, phone_digits FROM contact c WHERE "
    "c.member_id = m.id AND c.erased_at IS NULL ORDER BY c.id) c), '')";

namespace {

// The writer's statements read their text in place instead of copying it (a copy was an
// allocation for each value of each row of an import): `value` must stay unchanged until
// `run` has run the statement, and `run` then drops the bindings, so that no statement keeps
// a pointer to a string that is gone.
void bind_ref(SQLite::Statement& s, int index, const std::string& value) {
    s.bindNoCopy(index, value);
}
void bind_ref_or_null(SQLite::Statement& s, int index, const std::string& value) {
    if (value.empty()) {
        s.bind(index);
    } else {
        s.bindNoCopy(index, value);
    }
}
void run(SQLite::Statement& s) {
    store::run_and_clear(s);
}
// A status as the store writes it (its name, which lives as long as the program).
void bind_status(SQLite::Statement& s, int index, MemberStatus status) {
    bind_ref(s, index, status_names()[static_cast<std::size_t>(status)]);
}

bool contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

std::vector<std::string> sorted_unique(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
}

// The input's text moves into a field (trimmed, when it needs trimming).
void set(std::string& field, std::optional<std::string>& value) {
    if (value) {
        const auto trimmed = text::trim(*value);
        if (trimmed.size() == value->size()) {
            field = std::move(*value);
        } else {
            field = std::string(trimmed);
        }
    }
}

void set_contact(Contact& target, ContactInput& ci, std::vector<Contact>& contacts) {
    set(target.position, ci.position);
    set(target.email, ci.email);
    set(target.phone, ci.phone);
    set(target.consent, ci.consent);
    if (ci.gender) {
        target.gender = ci.gender->empty() ? "undisclosed" : *ci.gender;
    }
    if (ci.primary) {
        target.primary = *ci.primary;
        if (*ci.primary) {
            const auto id = target.id;
            for (auto& other : contacts) {
                if (&other != &target && (id == 0 || other.id != id)) {
                    other.primary = false;
                }
            }
        }
    }
}

// Contacts are matched by name (contact_key): a known one gets the fields given, another one
// is added.
void merge_contacts(Member& m, std::vector<ContactInput>& contacts) {
    // contact_key of each of m.contacts, computed when first compared: a new member's first
    // contact has nothing to be compared with.
    std::vector<std::optional<std::string>> keys(m.contacts.size());
    const auto key_of = [&](std::size_t i) -> const std::string& {
        if (!keys[i]) {
            keys[i] = contact_key(m.contacts[i].name);
        }
        return *keys[i];
    };
    for (auto& ci : contacts) {
        std::optional<std::string> key;
        Contact* target = nullptr;
        for (std::size_t i = 0; i < m.contacts.size(); ++i) {
            if (!key) {
                key = contact_key(ci.name.value_or(""));
            }
            if (key_of(i) == *key) {
                target = &m.contacts[i];
            }
        }
        if (target == nullptr) {
            m.contacts.push_back(Contact{.member_id = m.id});
            keys.push_back(std::move(key));
            target = &m.contacts.back();
            target->name = std::string(text::trim(ci.name.value_or("")));
        }
        set_contact(*target, ci, m.contacts);
    }
}

// Members' rows of member_search from their stored columns, as migration 0016 fills them:
// those `where` selects of member m.
std::string refresh_search_sql(std::string_view where) {
    return fmt::format(
        "INSERT OR REPLACE INTO member_search (member_id, text) SELECT m.id, {} FROM member m{}",
        k_search_text_of_m, where);
}

// What member_search holds of a contact after its member's search_text.
void append_contact_search(std::string& out, std::string_view search_text,
                           std::string_view digits) {
    out += '\x1f';
    out += search_text;
    out += '\x1f';
    out += digits;
}

}  // namespace

std::string member_search_text(const NameForms& name, std::string_view acronym,
                               std::string_view city) {
    std::string search = name.folded;
    if (!acronym.empty()) {
        search += ' ';
        search += text::fold(acronym);
    }
    if (!city.empty()) {
        search += ' ';
        search += text::fold(city);
    }
    return search;
}

void refresh_search(store::Store& store, const std::string& member_id) {
    SQLite::Statement q(store.db(), refresh_search_sql(" WHERE m.id = ?"));
    q.bind(1, member_id);
    q.exec();
}

void refresh_all_search(store::Store& store) {
    store.db().exec(refresh_search_sql(""));
}

std::optional<Message> refused_move(MemberStatus from, MemberStatus to) {
    using enum MemberStatus;
    static const std::map<MemberStatus, std::set<MemberStatus>> allowed = {
        {applicant, {active, withdrawn}},
        {active, {suspended, withdrawn}},
        {suspended, {active, withdrawn}},
        {withdrawn, {active}},
    };
    if (const auto it = allowed.find(from); it != allowed.end() && it->second.count(to) != 0) {
        return std::nullopt;
    }
    return msg(
        "a member cannot go from {} to {} (allowed: applicant -> active or withdrawn; "
        "active -> suspended or withdrawn; suspended -> active or withdrawn; "
        "withdrawn -> active)",
        status_name(from), status_name(to));
}

Member read_member_row(SQLite::Statement& q) {
    Member m;
    m.id = q.getColumn(0).getString();
    m.name = q.getColumn(1).getString();
    m.acronym = store::text(q.getColumn(2));
    m.type = q.getColumn(3).getString();
    m.region = store::text(q.getColumn(4));
    m.city = store::text(q.getColumn(5));
    m.website = store::text(q.getColumn(6));
    m.email = store::text(q.getColumn(7));
    m.phone = store::text(q.getColumn(8));
    m.joined = store::text(q.getColumn(9));
    m.status = parse_status(q.getColumn(10).getString()).value_or(MemberStatus::active);
    m.ecosoc_status = store::text(q.getColumn(11));
    m.net4u = q.getColumn(12).getInt() != 0;
    m.notes = store::text(q.getColumn(13));
    return m;
}

Contact read_contact(SQLite::Statement& q) {
    Contact c;
    c.id = q.getColumn(0).getInt64();
    c.member_id = q.getColumn(1).getString();
    c.name = q.getColumn(2).getString();
    c.position = store::text(q.getColumn(3));
    c.email = store::text(q.getColumn(4));
    c.phone = store::text(q.getColumn(5));
    c.gender = q.getColumn(6).getString();
    c.primary = q.getColumn(7).getInt() != 0;
    c.consent = store::text(q.getColumn(8));
    c.erased_at = store::text(q.getColumn(9));
    return c;
}

std::string duplicate_key(const std::string& key) {
    // Form words that lead or end organisation names in en, es and fr, and the small words that
    // join them to the name ("Foundation for X", "Asociación de X", "X Trust", "X Inc.").
    static const std::vector<std::string> leading = {
        "the ",         "asociacion civil ", "asociacion ", "fundacion ", "centro ",
        "corporacion ", "association ",      "foundation ", "fondation ", "centre ",
        "center ",      "institute ",        "instituto ",  "institut ",  "society ",
        "trust ",       "coalition ",        "coalicion ",  "network ",   "red "};
    static const std::vector<std::string> joining = {"for ",  "of ",   "on ",  "de ",  "del ",
                                                     "para ", "pour ", "du ",  "des ", "la ",
                                                     "el ",   "los ",  "las ", "the "};
    static const std::vector<std::string> trailing = {
        " trust",     " foundation", " association", " society", " inc", " ltd", " limited",
        " fundacion", " asociacion", " ac",          " asbl",    " ong", " ngo"};
    std::string name = key;
    auto strip_front = [&](const std::vector<std::string>& words) {
        for (const auto& w : words) {
            if (name.starts_with(w) && name.size() > w.size()) {
                name.erase(0, w.size());
                return true;
            }
        }
        return false;
    };
    strip_front({"the "});
    if (strip_front(leading)) {
        strip_front(joining);
        strip_front(joining);  // "de la", "of the"
    }
    for (const auto& w : trailing) {
        if (name.ends_with(w) && name.size() > w.size()) {
            name.erase(name.size() - w.size());
            break;
        }
    }
    return name;
}

Member merge(const Member& base, MemberInput in) {
    Member m = base;
    set(m.name, in.name);
    set(m.acronym, in.acronym);
    set(m.type, in.type);
    set(m.region, in.region);
    set(m.city, in.city);
    set(m.website, in.website);
    set(m.email, in.email);
    set(m.phone, in.phone);
    set(m.joined, in.joined);
    if (in.status) {
        m.status = parse_status(text::trim(*in.status)).value_or(m.status);
    }
    set(m.ecosoc_status, in.ecosoc_status);
    set(m.notes, in.notes);
    if (in.thematic_areas) {
        m.thematic_areas = sorted_unique(std::move(*in.thematic_areas));
    }
    if (in.services) {
        m.services = sorted_unique(std::move(*in.services));
    }
    if (in.interest) {
        m.interest = sorted_unique(std::move(*in.interest));
    }
    if (in.net4u) {
        m.net4u = *in.net4u;
    }
    if (in.contacts) {
        merge_contacts(m, *in.contacts);
    }
    return m;
}

Writer::Writer(store::Store& store, std::size_t search_buffer_bytes)
    : m_store(store),
      m_language(store.alliance().language),
      m_now(format_timestamp(now())),
      m_today(format_date(store.today())),
      m_find_name_key(store.db(), "SELECT id FROM member WHERE name_key = ? ORDER BY id LIMIT 1"),
      m_find_id(store.db(), "SELECT 1 FROM member WHERE id = ?"),
      m_insert_member(
          store.db(),
          "INSERT INTO member (name, name_key, search_text, sort_key, acronym, type, region, city, "
          "website, email, phone, joined, status, ecosoc_status, net4u, notes, created_at, "
          "updated_at, "
          "id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
      m_update_member(
          store.db(),
          "UPDATE member SET name = ?, name_key = ?, search_text = ?, sort_key = ?, acronym = ?, "
          "type = ?, region = ?, city = ?, website = ?, email = ?, phone = ?, joined = ?, status = "
          "?, "
          "ecosoc_status = ?, net4u = ?, notes = ?, updated_at = ?18 WHERE id = ?19"),
      m_insert_theme(store.db(), "INSERT INTO member_theme (member_id, theme) VALUES (?, ?)"),
      m_insert_service(store.db(), "INSERT INTO member_service (member_id, service) VALUES (?, ?)"),
      m_insert_history(
          store.db(),
          "INSERT INTO member_status_history (member_id, status, date, reason, recorded_at) "
          "VALUES (?, ?, ?, ?, ?)"),
      m_insert_contact(
          store.db(),
          "INSERT INTO contact (member_id, name, position, email, phone, gender, is_primary, "
          "consent_date, search_text, phone_digits) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
      m_update_contact(store.db(),
                       "UPDATE contact SET name = ?, position = ?, email = ?, phone = ?, gender = "
                       "?, is_primary = ?, "
                       "consent_date = ?, search_text = ?, phone_digits = ? WHERE id = ?"),
      m_insert_interest(
          store.db(),
          "INSERT INTO interest (member_id, kind, date, status) VALUES (?, ?, ?, 'open')"),
      m_delete_themes(store.db(), "DELETE FROM member_theme WHERE member_id = ?"),
      m_delete_services(store.db(), "DELETE FROM member_service WHERE member_id = ?"),
      m_withdraw_interest(store.db(),
                          "UPDATE interest SET status = 'withdrawn' WHERE member_id = ? AND "
                          "kind = ? AND status = 'open'"),
      m_insert_search(store.db(),
                      "INSERT OR REPLACE INTO member_search (member_id, text) VALUES (?, ?)"),
      m_refresh_search(store.db(), refresh_search_sql(" WHERE m.id = ?")),
      m_search_buffer_bytes(search_buffer_bytes) {}

std::optional<std::string> Writer::id_by_name_key(const std::string& key) {
    if (m_bulk) {
        // Without the name_key index the query below scans the table: ask memory first. Only
        // another name with the same 64-bit hash falls through to the scan. The map is made
        // when the first record without an id needs it: files that give ids never pay for it.
        if (!m_bulk_names_ready) {
            SQLite::Statement all(m_store.db(), "SELECT rowid, id, name_key FROM member");
            while (all.executeStep()) {
                remember_name_key(all.getColumn(0).getInt64(), all.getColumn(1).getString(),
                                  all.getColumn(2).getString());
            }
            m_bulk_names_ready = true;
        }
        const auto* rowid = m_bulk_names.find(HashIndex<std::int64_t>::hash(key));
        if (rowid == nullptr) {
            return std::nullopt;
        }
        if (auto row = id_and_key_of_row(*rowid); row && row->second == key) {
            return std::move(row->first);
        }
    }
    m_find_name_key.reset();
    m_find_name_key.bind(1, key);
    if (m_find_name_key.executeStep()) {
        return m_find_name_key.getColumn(0).getString();
    }
    return std::nullopt;
}

bool Writer::id_exists(const std::string& id) {
    m_find_id.reset();
    m_find_id.bind(1, id);
    return m_find_id.executeStep();
}

std::optional<std::pair<std::string, std::string>> Writer::id_and_key_of_row(std::int64_t rowid) {
    SQLite::Statement q(m_store.db(), "SELECT id, name_key FROM member WHERE rowid = ?");
    q.bind(1, static_cast<int64_t>(rowid));
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return std::pair{q.getColumn(0).getString(), q.getColumn(1).getString()};
}

bool Writer::start_bulk_load() {
    auto& db = m_store.db();
    if (db.execAndGet("SELECT EXISTS (SELECT 1 FROM member)").getInt() != 0) {
        return false;
    }
    // Unique indexes stay: they enforce rules while rows go in. Child tables are empty too:
    // their rows need a member (foreign keys).
    SQLite::Statement q(db,
                        "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT "
                        "NULL AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN ('member', "
                        "'member_theme', 'member_service', 'member_status_history', 'contact', "
                        "'interest') ORDER BY name");
    while (q.executeStep()) {
        m_dropped_indexes.emplace_back(q.getColumn(0).getString(), q.getColumn(1).getString());
    }
    q.reset();
    for (const auto& [name, sql] : m_dropped_indexes) {
        db.exec(fmt::format("DROP INDEX \"{}\"", name));
    }
    m_bulk = true;
    m_search_buffer.reserve(m_search_buffer_bytes + std::size_t{64} * 1024);  // no copy as it grows
    return true;
}

void Writer::finish_bulk_load() {
    for (const auto& [name, sql] : m_dropped_indexes) {
        m_store.db().exec(sql);
    }
    m_dropped_indexes.clear();
    write_search_rows();
    for (const auto& id : m_search_pending) {
        m_refresh_search.reset();
        m_refresh_search.bind(1, id);
        m_refresh_search.exec();
    }
    m_search_pending.clear();
    m_bulk_names.clear();
    m_bulk_names_ready = false;
    m_bulk = false;
}

void Writer::remember_name_key(std::int64_t rowid, const std::string& id, const std::string& key) {
    const auto hash = HashIndex<std::int64_t>::hash(key);
    auto* held_rowid = m_bulk_names.find(hash);
    if (held_rowid == nullptr) {
        m_bulk_names.add(hash, rowid);
        return;
    }
    // The lookup answers with the smallest id of that name, as the indexed query does. Another
    // name with the same hash keeps the entry; lookups of this one then scan.
    if (const auto held = id_and_key_of_row(*held_rowid);
        held && held->second == key && id < held->first) {
        *held_rowid = rowid;
    }
}

std::string Writer::write_member_row(const Member& m, const NameForms& name, bool insert) {
    SQLite::Statement& s = insert ? m_insert_member : m_update_member;
    s.reset();
    bind_ref(s, 1, m.name);
    bind_ref(s, 2, name.key);
    std::string search = member_search_text(name, m.acronym, m.city);
    bind_ref(s, 3, search);
    const std::string sort_key = text::collation_key(m.name, m_language);
    s.bindNoCopy(4, sort_key.data(), static_cast<int>(sort_key.size()));
    bind_ref_or_null(s, 5, m.acronym);
    bind_ref(s, 6, m.type);
    bind_ref_or_null(s, 7, m.region);
    bind_ref_or_null(s, 8, m.city);
    bind_ref_or_null(s, 9, m.website);
    bind_ref_or_null(s, 10, m.email);
    bind_ref_or_null(s, 11, m.phone);
    bind_ref_or_null(s, 12, m.joined);
    bind_status(s, 13, m.status);
    bind_ref_or_null(s, 14, m.ecosoc_status);
    s.bind(15, m.net4u ? 1 : 0);
    bind_ref_or_null(s, 16, m.notes);
    if (insert) {
        bind_ref(s, 17, m_now);
    }
    bind_ref(s, 18, m_now);
    bind_ref(s, 19, m.id);
    run(s);
    return search;
}

void Writer::insert_list(SQLite::Statement& insert, const std::string& member_id,
                         const std::vector<std::string>& values) {
    for (const auto& value : values) {
        insert.reset();
        bind_ref(insert, 1, member_id);
        bind_ref(insert, 2, value);
        run(insert);
    }
}

void Writer::insert_lists(const Member& m, bool themes, bool services) {
    if (themes) {
        insert_list(m_insert_theme, m.id, m.thematic_areas);
    }
    if (services) {
        insert_list(m_insert_service, m.id, m.services);
    }
}

void Writer::insert_contact(const std::string& member_id, Contact& c, std::string* search) {
    auto& s = m_insert_contact;
    s.reset();
    bind_ref(s, 1, member_id);
    bind_ref(s, 2, c.name);
    bind_ref_or_null(s, 3, c.position);
    bind_ref_or_null(s, 4, c.email);
    bind_ref_or_null(s, 5, c.phone);
    bind_ref(s, 6, c.gender);
    s.bind(7, c.primary ? 1 : 0);
    bind_ref_or_null(s, 8, c.consent);
    const std::string search_text = contact_search_text(c.name, c.email);
    const std::string digits = phone_digits(c.phone);
    bind_ref(s, 9, search_text);
    bind_ref(s, 10, digits);
    run(s);
    if (search != nullptr) {
        append_contact_search(*search, search_text, digits);
    }
    c.id = m_store.db().getLastInsertRowid();
    c.member_id = member_id;
}

void Writer::insert_history(const std::string& member_id, MemberStatus status,
                            const std::string& date, const std::string& reason) {
    m_insert_history.reset();
    bind_ref(m_insert_history, 1, member_id);
    bind_status(m_insert_history, 2, status);
    bind_ref(m_insert_history, 3, date);
    bind_ref(m_insert_history, 4, reason);
    bind_ref(m_insert_history, 5, m_now);
    run(m_insert_history);
}

void Writer::insert_interest(const std::string& member_id, const std::string& kind,
                             const std::string& date) {
    m_insert_interest.reset();
    bind_ref(m_insert_interest, 1, member_id);
    bind_ref(m_insert_interest, 2, kind);
    bind_ref(m_insert_interest, 3, date);
    run(m_insert_interest);
}

void Writer::insert(Member& m, const NameForms& name, const std::string& status_date,
                    const std::string& status_reason) {
    std::string search = write_member_row(m, name, true);
    if (m_bulk_names_ready) {
        remember_name_key(m_store.db().getLastInsertRowid(), m.id, name.key);
    }
    insert_lists(m, true, true);
    insert_history(m.id, m.status, status_date, status_reason);
    // A new member's expressions of interest date from when its record starts (its joined
    // date, when given): a register imported today keeps the interest its members had.
    const std::string& since = status_date.empty() ? m_today : status_date;
    for (const auto& kind : m.interest) {
        insert_interest(m.id, kind, since);
    }
    // The new contacts' ids follow each other, and member_search lists them in that order: what
    // the row holds is what the columns just written hold (refresh_search would write the same).
    for (auto& c : m.contacts) {
        insert_contact(m.id, c, &search);
    }
    if (m_bulk) {
        m_search_buffer += m.id;
        m_search_buffer += search;
        m_search_sizes.emplace_back(static_cast<std::uint32_t>(m.id.size()),
                                    static_cast<std::uint32_t>(search.size()));
        if (m_search_buffer.size() >= m_search_buffer_bytes) {
            write_search_rows();
        }
        return;
    }
    m_insert_search.reset();
    bind_ref(m_insert_search, 1, m.id);
    bind_ref(m_insert_search, 2, search);
    run(m_insert_search);
}

void Writer::write_search_rows() {
    if (m_insert_search_rows.empty()) {
        m_insert_search_rows.resize(k_rows_per_insert);
        m_search_batch.resize(2 * k_rows_per_insert);
    }
    const char* at = m_search_buffer.data();
    for (std::size_t start = 0; start < m_search_sizes.size(); start += k_rows_per_insert) {
        const std::size_t rows = std::min(k_rows_per_insert, m_search_sizes.size() - start);
        auto& s = m_insert_search_rows[rows - 1];
        if (!s) {
            std::string sql = "INSERT INTO member_search (member_id, text) VALUES ";
            for (std::size_t i = 0; i < rows; ++i) {
                sql += i == 0 ? "(?, ?)" : ", (?, ?)";
            }
            s = std::make_unique<SQLite::Statement>(m_store.db(), sql);
        }
        s->reset();
        for (std::size_t i = 0; i < rows; ++i) {
            const auto [id_size, text_size] = m_search_sizes[start + i];
            // Copied into strings whose memory is reused from batch to batch: in place, a
            // pointer and size bind a blob, not text.
            auto& id = m_search_batch[2 * i];
            auto& text = m_search_batch[2 * i + 1];
            id.assign(at, id_size);
            at += id_size;
            text.assign(at, text_size);
            at += text_size;
            bind_ref(*s, static_cast<int>(2 * i + 1), id);
            bind_ref(*s, static_cast<int>(2 * i + 2), text);
        }
        run(*s);
    }
    m_search_buffer.clear();
    m_search_sizes.clear();
}

void Writer::update(const Member& before, Member& after, const std::string& status_reason) {
    Member b = before;
    b.contacts.clear();
    Member a = after;
    a.contacts.clear();
    if (!(a == b)) {
        write_member_row(after, name_forms(after.name), false);
    }
    if (before.thematic_areas != after.thematic_areas) {
        m_delete_themes.reset();
        bind_ref(m_delete_themes, 1, after.id);
        run(m_delete_themes);
        insert_lists(after, true, false);
    }
    if (before.services != after.services) {
        m_delete_services.reset();
        bind_ref(m_delete_services, 1, after.id);
        run(m_delete_services);
        insert_lists(after, false, true);
    }
    if (before.status != after.status) {
        insert_history(after.id, after.status, m_today, status_reason);
    }
    if (before.interest != after.interest) {
        update_interest(before, after);
    }
    update_contacts(before, after);
    if (m_bulk) {
        m_search_pending.push_back(after.id);  // the contacts' index is back at the end
    } else {
        m_refresh_search.reset();
        m_refresh_search.bind(1, after.id);
        m_refresh_search.exec();
    }
}

// Interests the member gained are open from today; those it dropped are withdrawn.
void Writer::update_interest(const Member& before, const Member& after) {
    for (const auto& kind : after.interest) {
        if (!contains(before.interest, kind)) {
            insert_interest(after.id, kind, m_today);
        }
    }
    for (const auto& kind : before.interest) {
        if (!contains(after.interest, kind)) {
            m_withdraw_interest.reset();
            bind_ref(m_withdraw_interest, 1, after.id);
            bind_ref(m_withdraw_interest, 2, kind);
            run(m_withdraw_interest);
        }
    }
}

void Writer::update_contacts(const Member& before, Member& after) {
    for (auto& c : after.contacts) {
        if (c.id == 0) {
            insert_contact(after.id, c);
            continue;
        }
        const auto old = std::find_if(before.contacts.begin(), before.contacts.end(),
                                      [&](const Contact& o) { return o.id == c.id; });
        if (old != before.contacts.end() && *old == c) {
            continue;
        }
        auto& s = m_update_contact;
        s.reset();
        s.bind(1, c.name);
        store::bind_nonempty(s, 2, c.position);
        store::bind_nonempty(s, 3, c.email);
        store::bind_nonempty(s, 4, c.phone);
        s.bind(5, c.gender);
        s.bind(6, c.primary ? 1 : 0);
        store::bind_nonempty(s, 7, c.consent);
        s.bind(8, contact_search_text(c.name, c.email));
        s.bind(9, phone_digits(c.phone));
        s.bind(10, static_cast<int64_t>(c.id));
        s.exec();
    }
}

}  // namespace nacsa::members::detail
