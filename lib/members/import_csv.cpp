// SPDX-License-Identifier: Apache-2.0
// `member import` of CSV files: a header row naming the fields (nacsa-import(5)), then one
// member per row, or several rows for one member with one contact each.
#include <fmt/format.h>

#include <map>
#include <set>

#include "core/text.hpp"
#include "members/import_convert.hpp"
#include "members/import_csv_rows.hpp"
#include "members/import_reader.hpp"
#include "output/table.hpp"

namespace nacsa::members::detail {

namespace {

// A row's cell of a column (-1: none), trimmed.
std::string_view cell(const std::vector<std::string>& cells, int column) {
    return column >= 0 && static_cast<std::size_t>(column) < cells.size()
               ? text::trim(cells[static_cast<std::size_t>(column)])
               : std::string_view{};
}

// A cell as written before nacsa's CSV writer (or a spreadsheet) put a ' before text that could
// pass for a formula (output::csv_field).
std::string_view unneutralised(std::string_view value) {
    if (value.starts_with('\'') && output::formula_like(value)) {
        value.remove_prefix(1);
    }
    return value;
}

bool blank_cell(std::string_view cell) {
    return text::trim(unneutralised(cell)).empty();
}

class CsvReader final : public RecordReader {
  public:
    CsvReader(const std::string& name, const std::string& path, const ImportOptions& options)
        : m_name(name), m_rows(name, path, options.delimiter, problems), m_options(options) {}

    bool next(SourceRecord& record) override {
        if (!m_header_done) {
            m_header_done = true;
            if (!read_header()) {
                return false;
            }
        }
        recycle(record);
        // A record: consecutive rows of the same member (one contact per row).
        CsvRow first;
        while (true) {
            if (!m_rows.pull(first)) {
                return false;
            }
            if (!first.blank) {
                break;
            }
        }
        record.line = first.line;
        add_row(record, std::move(first));
        // Later rows of the same member, one contact each: they repeat its id or name, or
        // leave them empty. Without contact_* columns every row is a member of its own.
        while (const CsvRow* next = m_rows.peek()) {
            if (!m_has_row_contacts) {
                break;
            }
            if (!next->blank && !same_member(record.rows.front(), next->cells)) {
                break;
            }
            CsvRow row;
            (void)m_rows.pull(row);
            if (!row.blank) {
                add_row(record, std::move(row));
            }
        }
        build(record);
        return true;
    }

    [[nodiscard]] Diagnostic locate(const SourceRecord& record,
                                    const std::string& path) const override;

    [[nodiscard]] std::size_t bytes_read() const override { return m_rows.bytes_read(); }
    [[nodiscard]] const CsvLayout* csv_layout() const override { return &m_layout; }

  private:
    // Hands the cells of the last record's rows back for the next rows to fill.
    void recycle(SourceRecord& record) {
        auto rows = std::move(record.rows);
        for (auto& row : rows) {
            m_rows.give_back(std::move(row));
        }
        rows.clear();
        auto lines = std::move(record.row_lines);
        lines.clear();
        record = SourceRecord{};
        record.rows = std::move(rows);
        record.row_lines = std::move(lines);
    }

    // Whether `next` is another row (another contact) of the member `first` starts: it gives
    // the same id, or no id and the same name (or none).
    [[nodiscard]] bool same_member(const std::vector<std::string>& first,
                                   const std::vector<std::string>& next) const {
        const auto id = cell(first, m_id_column);
        const auto name = cell(first, m_name_column);
        const auto next_id = cell(next, m_id_column);
        const auto next_name = cell(next, m_name_column);
        if (!next_id.empty()) {
            return next_id == id;
        }
        if (next_name.empty()) {
            return !id.empty() || !name.empty();
        }
        return next_name == name || name_key(next_name) == name_key(name);
    }

    void add_row(SourceRecord& record, CsvRow row) {
        const auto& columns = m_layout.columns;
        if (row.cells.size() != columns.size()) {
            record.problems.push_back(Diagnostic{m_name, row.line, 0, "",
                                                 msg("the row has {} fields but the header has {}",
                                                     row.cells.size(), columns.size())});
            row.cells.resize(columns.size());
        }
        record.row_lines.push_back(row.line);
        record.rows.push_back(std::move(row.cells));
    }

    void build(SourceRecord& record);
    void check_repeated_columns(SourceRecord& record);
    void check_headerless_column(SourceRecord& record, std::size_t column);
    void add_contacts(SourceRecord& record, Converter& convert,
                      const std::map<int, std::vector<std::size_t>>& slot_columns);
    bool read_header();
    void read_column(const CsvRow& header, std::size_t i,
                     const std::map<std::string, std::string>& map, std::set<std::string>& seen);

    std::string m_name;
    CsvRows m_rows;
    const ImportOptions& m_options;
    CsvLayout m_layout;
    bool m_header_done = false;
    bool m_has_row_contacts = false;
    int m_id_column = -1;
    int m_name_column = -1;
};

Diagnostic CsvReader::locate(const SourceRecord& record, const std::string& path) const {
    int row = 0;
    int slot = -1;
    std::string field = path;
    if (path.starts_with("contacts[")) {
        const auto close = path.find(']');
        const std::size_t index = std::stoul(path.substr(9, close - 9)) - 1;
        field = close + 2 <= path.size() ? path.substr(close + 2) : "name";
        if (index < record.contact_origins.size()) {
            row = record.contact_origins[index].first;
            slot = record.contact_origins[index].second;
        }
    }
    const auto& columns = m_layout.columns;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const auto& c = columns[i];
        if (c.field == field && c.contact_slot == slot) {
            return Diagnostic{m_name,
                              record.row_lines[static_cast<std::size_t>(row)],
                              static_cast<int>(i) + 1,
                              c.header,
                              {}};
        }
    }
    return Diagnostic{
        m_name,
        record.row_lines.empty() ? record.line : record.row_lines[static_cast<std::size_t>(row)],
        0,
        slot >= 0 ? (slot == 0 ? fmt::format("contact_{}", field)
                               : fmt::format("contact{}_{}", slot, field))
                  : field,
        {}};
}

// The record's fields, straight from its cells: a CSV cell is always text.
void CsvReader::build(SourceRecord& record) {
    check_repeated_columns(record);
    const auto& columns = m_layout.columns;
    const auto& first = record.rows.front();
    Converter convert(*this, record, record.problems);
    MemberInput& in = record.input.emplace();
    std::map<int, std::vector<std::size_t>> slot_columns;  // contactN_*: N -> columns
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const auto& col = columns[i];
        if (col.skip && col.header.empty()) {
            check_headerless_column(record, i);
        }
        if (col.skip || blank_cell(first[i])) {
            continue;
        }
        if (col.contact_slot < 0) {
            convert.member_cell(in, col.field, std::string(unneutralised(first[i])));
        } else if (col.contact_slot > 0) {
            slot_columns[col.contact_slot].push_back(i);
        }
    }
    add_contacts(record, convert, slot_columns);
}

// Later rows repeat the member's columns, or leave them empty.
void CsvReader::check_repeated_columns(SourceRecord& record) {
    if (record.rows.size() < 2) {
        return;
    }
    const auto& columns = m_layout.columns;
    const auto& first = record.rows.front();
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const auto& col = columns[i];
        if (col.contact_slot >= 0 || col.skip) {
            continue;
        }
        const std::string_view raw = unneutralised(first[i]);
        for (std::size_t r = 1; r < record.rows.size(); ++r) {
            const std::string_view other = unneutralised(record.rows[r][i]);
            if (!text::trim(other).empty() && other != raw) {
                record.problems.push_back(Diagnostic{
                    m_name, record.row_lines[r], static_cast<int>(i) + 1, col.header,
                    msg("\"{}\" differs from line {} (\"{}\"): the rows of one member must "
                        "repeat its columns",
                        other, record.row_lines[0], raw)});
            }
        }
    }
}

// A column without a header must stay empty.
void CsvReader::check_headerless_column(SourceRecord& record, std::size_t column) {
    for (std::size_t r = 0; r < record.rows.size(); ++r) {
        if (!blank_cell(record.rows[r][column])) {
            record.problems.push_back(
                Diagnostic{m_name, record.row_lines[r], static_cast<int>(column) + 1, "",
                           "a value in a column without a header: give the column a header, or "
                           "leave it empty"});
        }
    }
}

// Contacts: those of the contactN_* columns in the order of N, then one per row.
void CsvReader::add_contacts(SourceRecord& record, Converter& convert,
                             const std::map<int, std::vector<std::size_t>>& slot_columns) {
    const auto& columns = m_layout.columns;
    std::vector<ContactInput> contacts;
    const auto add_contact = [&](std::size_t row, int slot, const std::vector<std::size_t>& at) {
        record.contact_origins.emplace_back(static_cast<int>(row), slot);
        const std::string prefix = "contacts[" + std::to_string(contacts.size() + 1) + "]";
        ContactInput c;
        for (const auto i : at) {
            convert.contact_cell(c, columns[i].field,
                                 std::string(unneutralised(record.rows[row][i])), prefix);
        }
        contacts.push_back(std::move(c));
    };
    for (const auto& [slot, at] : slot_columns) {
        add_contact(0, slot, at);
    }
    if (m_has_row_contacts) {
        std::vector<std::size_t> at;
        for (std::size_t r = 0; r < record.rows.size(); ++r) {
            at.clear();
            for (std::size_t i = 0; i < columns.size(); ++i) {
                if (columns[i].contact_slot == 0 && !blank_cell(record.rows[r][i])) {
                    at.push_back(i);
                }
            }
            if (!at.empty()) {
                add_contact(r, 0, at);
            }
        }
    }
    if (!contacts.empty()) {
        record.input->contacts = std::move(contacts);
    }
}

bool CsvReader::read_header() {
    CsvRow header;
    if (!m_rows.pull(header)) {
        if (problems.empty()) {
            problems.push_back(
                Diagnostic{m_name, 1, 0, "", "the file is empty: expected a header row"});
        }
        return false;
    }
    m_layout.header_cells = header.cells;
    m_layout.delimiter = m_rows.delimiter();
    std::map<std::string, std::string> map;
    for (const auto& [from, to] : m_options.map) {
        map[lower(from)] = lower(to);
    }
    std::set<std::string> seen;
    for (std::size_t i = 0; i < header.cells.size(); ++i) {
        read_column(header, i, map, seen);
    }
    if (m_name_column < 0) {
        problems.push_back(
            Diagnostic{m_name, header.line, 0, "name", msg("the header has no name column")});
    }
    m_rows.expect_cells(m_layout.columns.size());
    return problems.empty();
}

// What column `i` of the header holds (`map`: --map, lower case), added to the layout.
void CsvReader::read_column(const CsvRow& header, std::size_t i,
                            const std::map<std::string, std::string>& map,
                            std::set<std::string>& seen) {
    CsvColumn col;
    col.header = std::string(text::trim(header.cells[i]));
    std::string name = lower(col.header);
    const auto mapped = map.find(name);
    if (mapped != map.end()) {
        name = mapped->second;
    }
    const int column = static_cast<int>(i) + 1;
    if (mapped == map.end() && (name.empty() || name == "errors")) {
        col.skip = true;
    } else if (const auto field = csv_field(name)) {
        col.contact_slot = field->first;
        col.field = field->second;
    }
    if (col.skip) {
        // not read (see CsvColumn)
    } else if (col.field.empty()) {
        problems.push_back(
            Diagnostic{m_name, header.line, column, col.header,
                       msg("unknown column (known: {}; or map it with --map \"{}=FIELD\")",
                           known_csv_columns(), col.header)});
        col.field.assign(1, '?');  // (not = "?": GCC 12 warns of a memcpy overlap there)
    } else if (!seen.insert(col.key()).second) {
        problems.push_back(
            Diagnostic{m_name, header.line, column, col.header, msg("the column is given twice")});
    }
    if (col.contact_slot < 0 && col.field == "id") {
        m_id_column = static_cast<int>(i);
    }
    if (col.contact_slot < 0 && col.field == "name") {
        m_name_column = static_cast<int>(i);
    }
    if (col.contact_slot == 0) {
        m_has_row_contacts = true;
    }
    m_layout.columns.push_back(std::move(col));
}

}  // namespace

std::unique_ptr<RecordReader> csv_reader(const std::string& name, const std::string& path,
                                         const ImportOptions& options) {
    return std::make_unique<CsvReader>(name, path, options);
}

}  // namespace nacsa::members::detail
