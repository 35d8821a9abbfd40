// SPDX-License-Identifier: Apache-2.0
// The floor for bench/run.sh: the least work that turns the benchmark's CSV into the same
// normalised tables of a nacsa store. libcsv parses the file; each member's rows (one
// contact per row) become a member row, its themes, services, interests, first status and
// contacts, with prepared statements in one transaction, foreign keys on, and the secondary
// indexes dropped first and built again at the end, as nacsa's first load does. No
// validation, folding, collation keys, duplicate detection or error reporting: what nacsa
// spends beyond this is what those cost.
//
// --rollback-journal: the transaction runs with a rollback journal instead of the store's
// write-ahead log, and synchronous = FULL, then the store goes back to WAL, as nacsa's first
// load does (Store::bulk_transaction): the floor for comparing like with like.
//
// Usage: bare_import STORE FILE.csv [--rollback-journal]   (STORE made by `nacsa init`, with
// no members)

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <csv.h>

#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace {

using Row = std::vector<std::string>;

struct Reader {
    std::vector<Row> rows;  // complete rows not yet taken
    Row current;

    static void on_field(void* data, std::size_t length, void* self) {
        static_cast<Reader*>(self)->current.emplace_back(static_cast<const char*>(data), length);
    }
    static void on_row(int /*terminator*/, void* self) {
        auto* r = static_cast<Reader*>(self);
        r->rows.push_back(std::move(r->current));
        r->current.clear();
    }
};

std::vector<std::string> split(const std::string& cell) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < cell.size()) {
        const auto end = cell.find('|', start);
        out.push_back(cell.substr(start, end == std::string::npos ? end : end - start));
        if (end == std::string::npos) {
            break;
        }
        start = end + 1;
    }
    return out;
}

void bind_or_null(SQLite::Statement& s, int index, const std::string& value) {
    if (value.empty()) {
        s.bind(index);
    } else {
        s.bind(index, value);
    }
}

class Loader {
  public:
    explicit Loader(SQLite::Database& db)
        : m_db(db),
          m_member(db,
                   "INSERT INTO member (id, name, name_key, search_text, sort_key, acronym, type, "
                   "region, city, website, email, phone, joined, status, ecosoc_status, net4u, "
                   "notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                   "?, ?, ?, ?, '2026-11-29T00:00:00Z', '2026-11-29T00:00:00Z')"),
          m_theme(db, "INSERT INTO member_theme (member_id, theme) VALUES (?, ?)"),
          m_service(db, "INSERT INTO member_service (member_id, service) VALUES (?, ?)"),
          m_interest(db,
                     "INSERT INTO interest (member_id, kind, date, status) VALUES (?, ?, ?, "
                     "'open')"),
          m_history(db,
                    "INSERT INTO member_status_history (member_id, status, date, reason, "
                    "recorded_at) VALUES (?, ?, ?, 'imported', '2026-11-29T00:00:00Z')"),
          m_contact(db,
                    "INSERT INTO contact (member_id, name, position, email, phone, gender, "
                    "is_primary, consent_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)") {}

    [[nodiscard]] const std::string& id(const Row& r) const { return cell(r, "id"); }

    void header(const Row& cells) {
        for (std::size_t i = 0; i < cells.size(); ++i) {
            m_column[cells[i]] = i;
        }
    }

    // One member: its first row, and one contact per row.
    void member(const std::vector<Row>& rows) {
        const Row& r = rows.front();
        const std::string& id = cell(r, "id");
        const std::string& status = cell(r, "status").empty() ? k_active : cell(r, "status");
        const std::string& joined = cell(r, "joined");
        m_member.reset();
        m_member.bind(1, id);
        m_member.bind(2, cell(r, "name"));
        m_member.bind(3, cell(r, "name"));
        m_member.bind(4, cell(r, "name"));
        m_member.bind(5, cell(r, "name"));
        int index = 6;
        for (const char* field :
             {"acronym", "type", "region", "city", "website", "email", "phone", "joined"}) {
            bind_or_null(m_member, index++, cell(r, field));
        }
        m_member.bind(index++, status);
        bind_or_null(m_member, index++, cell(r, "ecosoc_status"));
        m_member.bind(index++, cell(r, "net4u") == "yes" ? 1 : 0);
        bind_or_null(m_member, index, cell(r, "notes"));
        m_member.exec();
        pairs(m_theme, id, split(cell(r, "thematic_areas")));
        pairs(m_service, id, split(cell(r, "services")));
        for (const auto& kind : split(cell(r, "interest"))) {
            m_interest.reset();
            m_interest.bind(1, id);
            m_interest.bind(2, kind);
            m_interest.bind(3, joined);
            m_interest.exec();
        }
        m_history.reset();
        m_history.bind(1, id);
        m_history.bind(2, status);
        m_history.bind(3, joined);
        m_history.exec();
        for (const Row& c : rows) {
            if (cell(c, "contact_name").empty()) {
                continue;
            }
            m_contact.reset();
            m_contact.bind(1, id);
            m_contact.bind(2, cell(c, "contact_name"));
            bind_or_null(m_contact, 3, cell(c, "contact_position"));
            bind_or_null(m_contact, 4, cell(c, "contact_email"));
            bind_or_null(m_contact, 5, cell(c, "contact_phone"));
            m_contact.bind(
                6, cell(c, "contact_gender").empty() ? k_undisclosed : cell(c, "contact_gender"));
            m_contact.bind(7, cell(c, "contact_primary") == "yes" ? 1 : 0);
            bind_or_null(m_contact, 8, cell(c, "contact_consent"));
            m_contact.exec();
        }
    }

  private:
    const std::string& cell(const Row& r, const std::string& column) const {
        const auto it = m_column.find(column);
        return it == m_column.end() || it->second >= r.size() ? k_empty : r[it->second];
    }

    static void pairs(SQLite::Statement& s, const std::string& id,
                      const std::vector<std::string>& values) {
        for (const auto& v : values) {
            s.reset();
            s.bind(1, id);
            s.bind(2, v);
            s.exec();
        }
    }

    inline static const std::string k_empty;
    inline static const std::string k_active = "active";
    inline static const std::string k_undisclosed = "undisclosed";
    SQLite::Database& m_db;
    std::map<std::string, std::size_t> m_column;
    SQLite::Statement m_member, m_theme, m_service, m_interest, m_history, m_contact;
};

}  // namespace

int main(int argc, char** argv) {
    const bool rollback_journal = argc == 4 && std::string(argv[3]) == "--rollback-journal";
    if (argc != 3 && !rollback_journal) {
        std::fprintf(stderr, "usage: bare_import STORE FILE.csv [--rollback-journal]\n");
        return 64;
    }
    try {
        SQLite::Database db(argv[1], SQLite::OPEN_READWRITE);
        db.exec("PRAGMA foreign_keys = ON");
        db.exec("PRAGMA synchronous = NORMAL");
        db.exec("PRAGMA cache_size = -8000");
        if (rollback_journal) {
            db.exec("PRAGMA journal_mode = DELETE");
            db.exec("PRAGMA synchronous = FULL");
        }
        std::unique_ptr<FILE, int (*)(FILE*)> in(std::fopen(argv[2], "rb"), &std::fclose);
        if (!in) {
            std::perror(argv[2]);
            return 66;
        }
        SQLite::Transaction tx(db);
        std::vector<std::pair<std::string, std::string>> indexes;
        {
            SQLite::Statement q(db,
                                "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND "
                                "sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name "
                                "IN ('member', 'member_theme', 'member_service', "
                                "'member_status_history', 'contact', 'interest')");
            while (q.executeStep()) {
                indexes.emplace_back(q.getColumn(0).getString(), q.getColumn(1).getString());
            }
        }
        for (const auto& [name, sql] : indexes) {
            db.exec("DROP INDEX \"" + name + "\"");
        }
        Loader loader(db);
        Reader reader;
        csv_parser parser;
        csv_init(&parser, CSV_STRICT);
        std::vector<char> buffer(1 << 16);
        bool header_done = false;
        std::vector<Row> member;  // the rows of the member being read (same id)
        std::size_t members = 0;
        const auto flush = [&] {
            if (!member.empty()) {
                loader.member(member);
                member.clear();
                ++members;
            }
        };
        const auto take_rows = [&] {
            for (auto& row : reader.rows) {
                if (!header_done) {
                    loader.header(row);
                    header_done = true;
                } else {
                    if (!member.empty() && loader.id(row) != loader.id(member.front())) {
                        flush();
                    }
                    member.push_back(std::move(row));
                }
            }
            reader.rows.clear();
        };
        std::size_t n = 0;
        while ((n = std::fread(buffer.data(), 1, buffer.size(), in.get())) > 0) {
            if (csv_parse(&parser, buffer.data(), n, Reader::on_field, Reader::on_row, &reader) !=
                n) {
                std::fprintf(stderr, "%s: %s\n", argv[2], csv_strerror(csv_error(&parser)));
                return 65;
            }
            take_rows();
        }
        csv_fini(&parser, Reader::on_field, Reader::on_row, &reader);
        csv_free(&parser);
        take_rows();
        flush();
        for (const auto& [name, sql] : indexes) {
            db.exec(sql);
        }
        tx.commit();
        if (rollback_journal) {
            db.exec("PRAGMA synchronous = NORMAL");
            db.exec("PRAGMA journal_mode = WAL");
        }
        std::printf("bare import: %zu members\n", members);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bare_import: %s\n", e.what());
        return 70;
    }
    return 0;
}
