// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/hash_index.hpp"
#include "members/members.hpp"

// Internal to lib/members: reading and writing whole members with prepared statements reused
// across calls (an import of 100,000 members prepares each statement once), and the rules the
// use cases and the import share.
namespace nacsa::members::detail {

// The columns of `member` that read_member_row reads, in its order (from column 0).
inline constexpr const char* k_member_columns =
    "id, name, acronym, type, region, city, website, email, phone, joined, status, "
    "ecosoc_status, net4u, notes";

// The member fields of the current row of a query that selects k_member_columns first.
[[nodiscard]] Member read_member_row(SQLite::Statement& q);

// A member's name folded (the start of its search_text) and its name_key, folding once.
struct NameForms {
    std::string folded;
    std::string key;
};
[[nodiscard]] NameForms name_forms(std::string_view name);
// What member.search_text holds: the folded name, acronym and city.
[[nodiscard]] std::string member_search_text(const NameForms& name, std::string_view acronym,
                                             std::string_view city);

// Why the membership lifecycle refuses a move between two statuses (the message names the
// moves it allows), or nothing when it allows it.
[[nodiscard]] std::optional<Message> refused_move(MemberStatus from, MemberStatus to);

// The columns of `contact` that read_contact reads, in its order.
inline constexpr const char* k_contact_columns =
    "id, member_id, name, position, email, phone, gender, is_primary, consent_date, erased_at";
[[nodiscard]] Contact read_contact(SQLite::Statement& q);

// Reads whole members with its statements prepared once: find_member prepares five
// statements per call, which made a re-import of 100,000 unchanged members spend three
// quarters of its time in SQLite's parser.
class MemberReader {
  public:
    explicit MemberReader(store::Store& store);
    [[nodiscard]] std::optional<Member> find(const std::string& id);

  private:
    std::vector<std::string> list(SQLite::Statement& q, const std::string& id);

    SQLite::Statement m_member;
    SQLite::Statement m_themes;
    SQLite::Statement m_services;
    SQLite::Statement m_interest;
    SQLite::Statement m_contacts;
};

class Writer {
  public:
    // How much of a bulk load's member_search rows is kept before they are written (see
    // m_search_buffer).
    static constexpr std::size_t k_search_buffer_bytes = 4 << 20;

    // `search_buffer_bytes`: k_search_buffer_bytes, or less for a test of the batches.
    explicit Writer(store::Store& store, std::size_t search_buffer_bytes = k_search_buffer_bytes);

    // The id of the member with this normalised name, if any.
    [[nodiscard]] std::optional<std::string> id_by_name_key(const std::string& key);
    [[nodiscard]] bool id_exists(const std::string& id);

    // Inserts a new member with its themes, services, interests, first status and contacts
    // (setting the contacts' ids). `name` is name_forms(member.name), which an import has
    // already computed.
    void insert(Member& member, const NameForms& name, const std::string& status_date,
                const std::string& status_reason);
    void insert(Member& member, const std::string& status_date, const std::string& status_reason) {
        insert(member, name_forms(member.name), status_date, status_reason);
    }

    // A first load into an empty store: drops the secondary indexes of the member tables, so
    // that each insert appends to its tables instead of updating seven B-trees in random
    // order, and answers id_by_name_key from memory meanwhile. finish_bulk_load builds the
    // indexes again from their own SQL, once, by sorting. Both run inside the caller's
    // transaction: an error, a kill or a dry run rolls back the load and the dropped indexes
    // with it. Returns false (and changes nothing) when the store already has members.
    bool start_bulk_load();
    void finish_bulk_load();
    // Writes what differs between `before` and `after` (same id); new contacts get their ids.
    void update(const Member& before, Member& after, const std::string& status_reason);

  private:
    // Inserts a contact; with `search`, appends what member_search holds of it to *search.
    void insert_contact(const std::string& member_id, Contact& contact,
                        std::string* search = nullptr);
    void insert_history(const std::string& member_id, MemberStatus status, const std::string& date,
                        const std::string& reason);
    void insert_interest(const std::string& member_id, const std::string& kind,
                         const std::string& date);
    void update_interest(const Member& before, const Member& after);
    void update_contacts(const Member& before, Member& after);
    void insert_lists(const Member& member, bool themes, bool services);
    // One row (member_id, value) per value, by `insert` (INSERT of one row into the list's
    // table). Not one INSERT of several rows: a statement that writes several rows into a
    // table with a foreign key keeps a copy of each page it changes (a statement journal, to
    // undo itself alone), 4 KiB copied and allocated per list and member; one row needs none.
    // 100,000 members: 38 M fewer first-level cache misses, and fewer instructions too.
    static void insert_list(SQLite::Statement& insert, const std::string& member_id,
                            const std::vector<std::string>& values);
    // Rows per statement of member_search in a bulk load (write_search_rows).
    static constexpr std::size_t k_rows_per_insert = 16;
    // Writes the member's row; returns the search_text it wrote.
    std::string write_member_row(const Member& member, const NameForms& name, bool insert);
    void remember_name_key(std::int64_t rowid, const std::string& id, const std::string& key);
    [[nodiscard]] std::optional<std::pair<std::string, std::string>> id_and_key_of_row(
        std::int64_t rowid);

    store::Store& m_store;
    std::string m_language;
    std::string m_now;    // the time of the changes (audit log, recorded_at)
    std::string m_today;  // their date, in the alliance's time zone
    SQLite::Statement m_find_name_key;
    SQLite::Statement m_find_id;
    SQLite::Statement m_insert_member;
    SQLite::Statement m_update_member;
    SQLite::Statement m_insert_theme;
    SQLite::Statement m_insert_service;
    SQLite::Statement m_insert_history;
    SQLite::Statement m_insert_contact;
    SQLite::Statement m_update_contact;
    SQLite::Statement m_insert_interest;
    SQLite::Statement m_delete_themes;
    SQLite::Statement m_delete_services;
    SQLite::Statement m_withdraw_interest;
    SQLite::Statement m_insert_search;
    SQLite::Statement m_refresh_search;
    // Bulk load: the dropped indexes (name, SQL), and for each name_key (by its hash) the rowid
    // of the member with the smallest id that has it.
    bool m_bulk = false;
    std::vector<std::pair<std::string, std::string>> m_dropped_indexes;
    HashIndex<std::int64_t> m_bulk_names;
    bool m_bulk_names_ready = false;
    // A bulk load's member_search rows, kept until the other tables are written so that the
    // table's pages follow each other in the file: a search of a store loaded with the rows
    // in between the members' took twice the CPU time (a memory-mapped page brings its
    // neighbours with it). Each row's id then text one after the other in m_search_buffer,
    // their sizes in m_search_sizes; written, k_rows_per_insert rows per statement (one
    // statement per row was a twentieth of the load), at the end and whenever the buffer
    // passes m_search_buffer_bytes (k_search_buffer_bytes: 4 MB, for runs of a thousand
    // pages in a row, which search as fast as one run: 100,000 members, 47 ms either way;
    // each page of the buffer costs a page fault the first time, and 16 MB were 4,000 of
    // them, 2 % of the load on this machine).
    std::size_t m_search_buffer_bytes;
    std::string m_search_buffer;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> m_search_sizes;
    std::vector<std::unique_ptr<SQLite::Statement>> m_insert_search_rows;
    std::vector<std::string> m_search_batch;  // the ids and texts of the rows being written
    void write_search_rows();
    // Members updated during a bulk load, whose member_search rows are written again from the
    // store once the contacts' index is back (finish_bulk_load).
    std::vector<std::string> m_search_pending;
};

// What member_search holds for `member m`, from its stored columns (migration 0016 says how).
extern const char* const k_search_text_of_m;

// Writes the member's row of member_search again from its stored columns (its search_text and
// its contacts' search_text and phone_digits: migration 0016 says how), after a change that
// the Writer did not make (a contact erased or removed).
void refresh_search(store::Store& store, const std::string& member_id);
// Writes every member's row of member_search from the stored columns (a store loaded from a
// dump).
void refresh_all_search(store::Store& store);

// Applies the given fields of an input to a member (contacts matched by name).
[[nodiscard]] Member merge(const Member& base, MemberInput input);

// Folded contact name for matching.
[[nodiscard]] std::string contact_key(std::string_view name);

// The latest entry of a member's status history (by date, then as recorded), if any.
[[nodiscard]] std::optional<StatusChange> last_status_change(store::Store& store,
                                                             const std::string& member_id);

// What differs between two versions of a member: its fields by name ("status"), then its
// contacts ("contact Ana Pérez: email, phone", "contact Luis Soto added"), as messages (the
// field names are keys in every language).
[[nodiscard]] std::vector<Message> changed_field_list(const Member& before, const Member& after);

// The name without the form words that lead or end many organisation names (en, es, fr:
// "Foundation for X", "Asociación de X", "X Trust"), for finding suspected duplicates.
[[nodiscard]] std::string duplicate_key(const std::string& name_key);

}  // namespace nacsa::members::detail
