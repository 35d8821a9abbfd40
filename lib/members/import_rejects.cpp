// SPDX-License-Identifier: Apache-2.0
#include "members/import_rejects.hpp"

#include <optional>

#include "core/files.hpp"
#include "core/text.hpp"
#include "output/table.hpp"

namespace nacsa::members::detail {

namespace {

// A CSV record among other formats, for a JSON Lines rejects file: its rows, as column -> cell.
Json csv_rows(const CsvLayout& csv, const SourceRecord& record) {
    Json rows = Json::array();
    for (const auto& row : record.rows) {
        Json cells = Json::object();
        for (std::size_t i = 0; i < row.size() && i < csv.header_cells.size(); ++i) {
            cells[csv.header_cells[i]] = row[i];
        }
        rows.push_back(std::move(cells));
    }
    return rows;
}

}  // namespace

void Rejects::add(const RecordReader& reader, const SourceRecord& record,
                  const std::vector<Diagnostic>& why, const std::string& file) {
    std::vector<std::string> reasons;
    for (const auto& d : why) {
        reasons.push_back(d.to_string());
    }
    const CsvLayout* csv = reader.csv_layout();
    if (csv != nullptr && m_as_csv) {
        add_csv(*csv, record, text::join(reasons, "; "));
        return;
    }
    Json j;
    j["file"] = file;
    j["line"] = record.line;
    j["errors"] = reasons;
    if (csv != nullptr) {
        j["rows"] = csv_rows(*csv, record);
    } else if (record.text) {
        j["text"] = *record.text;  // a line that is not JSON: as it was
    } else {
        j["record"] = record.value;
    }
    m_jsonl += j.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

void Rejects::write(const std::string& path) const {
    std::string content = m_jsonl;
    if (!m_rows.empty()) {
        std::vector<std::vector<std::string>> rows;
        std::vector<std::string> header = m_headers;
        header.emplace_back("errors");
        rows.push_back(std::move(header));
        for (const auto& [cells, errors] : m_rows) {
            std::vector<std::string> row = cells;
            row.resize(m_headers.size());
            row.push_back(errors);
            rows.push_back(std::move(row));
        }
        content = output::csv_lines(rows, m_delimiter, false) + content;
    }
    files::write_file_atomic(path, content, files::Privacy::owner_only);
}

void Rejects::add_csv(const CsvLayout& csv, const SourceRecord& record, const std::string& errors) {
    if (m_headers.empty()) {
        m_delimiter = csv.delimiter;
    }
    const auto& columns = csv.columns;
    std::vector<std::optional<std::size_t>> place(columns.size());
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (columns[i].skip) {
            continue;
        }
        auto [it, inserted] = m_column_of.emplace(columns[i].key(), m_headers.size());
        if (inserted) {
            m_headers.push_back(columns[i].header);
        }
        place[i] = it->second;
    }
    for (const auto& row : record.rows) {
        std::vector<std::string> cells(m_headers.size());
        for (std::size_t i = 0; i < row.size() && i < place.size(); ++i) {
            if (place[i]) {
                cells[*place[i]] = row[i];
            }
        }
        m_rows.emplace_back(std::move(cells), errors);
    }
}

}  // namespace nacsa::members::detail
