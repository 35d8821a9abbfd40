// SPDX-License-Identifier: Apache-2.0
#include "output/table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>

#include "core/text.hpp"

namespace nacsa::output {

namespace {

std::string number_text(double value) {
    std::string s = fmt::format("{:.6f}", value);
    while (!s.empty() && s.back() == '0') {
        s.pop_back();
    }
    if (!s.empty() && s.back() == '.') {
        s.pop_back();
    }
    return s;
}

std::string cell_csv_text(const Cell& cell) {
    if (const auto* list = std::get_if<std::vector<std::string>>(&cell)) {
        return text::join(*list, "|");
    }
    return cell_text(cell);
}

std::string pad(const std::string& s, std::size_t width, Align align) {
    const auto w = text::display_width(s);
    if (w >= width) {
        return s;
    }
    const std::string spaces(width - w, ' ');
    return align == Align::left ? s + spaces : spaces + s;
}

// The text of a cell in table format: a key of a Label column as its label.
std::string table_cell_text(const Cell& cell, const Column& column, const RenderOptions& options) {
    if (column.label == Label::none || !options.label) {
        return cell_text(cell);
    }
    auto label = [&](const std::string& key) {
        std::string shown = options.label(column.label, key);
        return shown.empty() ? key : shown;
    };
    if (const auto* key = std::get_if<std::string>(&cell)) {
        return label(*key);
    }
    if (const auto* keys = std::get_if<std::vector<std::string>>(&cell)) {
        std::vector<std::string> labels;
        labels.reserve(keys->size());
        for (const auto& key : *keys) {
            labels.push_back(label(key));
        }
        return text::join(labels, ", ");
    }
    return cell_text(cell);
}

// A column's header in the output language (RenderOptions::translate).
std::string header_text(const Column& column, const RenderOptions& options) {
    return options.translate ? options.translate(column.header) : column.header;
}

std::size_t total_width(const std::vector<std::size_t>& widths, const std::vector<bool>& shown) {
    std::size_t total = 0;
    std::size_t count = 0;
    for (std::size_t c = 0; c < widths.size(); ++c) {
        if (shown[c]) {
            total += widths[c];
            ++count;
        }
    }
    return count == 0 ? 0 : total + 2 * (count - 1);
}

// Fits the columns to options.width: while even cut to their minimum the shown columns are too
// wide, leaves out the one of lowest priority (the rightmost among equals; never the first nor
// one of k_always); then cuts the widest free-text column one column at a time until the table
// fits or none can be cut further. `widths` are the natural widths, narrowed in place.
std::vector<bool> fit_columns(const std::vector<Column>& columns, std::vector<std::size_t>& widths,
                              const RenderOptions& options) {
    const std::size_t n = columns.size();
    std::vector<bool> shown(n, true);
    if (options.wide || options.width == 0) {
        return shown;
    }
    std::vector<std::size_t> least(n);
    for (std::size_t c = 0; c < n; ++c) {
        least[c] =
            columns[c].min_width == 0 ? widths[c] : std::min(widths[c], columns[c].min_width);
    }
    while (total_width(least, shown) > options.width) {
        std::optional<std::size_t> drop;
        for (std::size_t c = 1; c < n; ++c) {
            if (shown[c] && columns[c].priority < k_always &&
                (!drop || columns[c].priority <= columns[*drop].priority)) {
                drop = c;
            }
        }
        if (!drop) {
            break;
        }
        shown[*drop] = false;
    }
    while (total_width(widths, shown) > options.width) {
        std::optional<std::size_t> cut;
        for (std::size_t c = 0; c < n; ++c) {
            if (shown[c] && widths[c] > least[c] && (!cut || widths[c] > widths[*cut])) {
                cut = c;
            }
        }
        if (!cut) {
            break;
        }
        --widths[*cut];
    }
    return shown;
}

std::string render_table(const Table& table, const RenderOptions& options) {
    const std::size_t n = table.columns.size();
    std::vector<std::size_t> widths(n, 0);
    std::vector<std::vector<std::string>> texts;
    texts.reserve(table.rows.size());
    for (std::size_t c = 0; c < n; ++c) {
        widths[c] = text::display_width(header_text(table.columns[c], options));
    }
    for (const auto& row : table.rows) {
        std::vector<std::string> line;
        for (std::size_t c = 0; c < n; ++c) {
            std::string t =
                c < row.size()
                    ? text::escape_control(table_cell_text(row[c], table.columns[c], options))
                    : std::string();
            widths[c] = std::max(widths[c], text::display_width(t));
            line.push_back(std::move(t));
        }
        texts.push_back(std::move(line));
    }
    const std::vector<bool> shown = fit_columns(table.columns, widths, options);
    const bool fitting = options.width != 0 && !options.wide;
    std::size_t last_shown = 0;
    for (std::size_t c = 0; c < n; ++c) {
        last_shown = shown[c] ? c : last_shown;
    }
    std::string out;
    auto emit = [&](const std::vector<std::string>& cells, bool header) {
        std::string line;
        for (std::size_t c = 0; c < n; ++c) {
            if (!shown[c]) {
                continue;
            }
            const bool last = c == last_shown;
            const auto align = header ? Align::left : table.columns[c].align;
            const std::string cell = fitting ? truncate_display(cells[c], widths[c]) : cells[c];
            line += last && align == Align::left ? cell : pad(cell, widths[c], align);
            if (!last) {
                line += "  ";
            }
        }
        while (!line.empty() && line.back() == ' ') {
            line.pop_back();
        }
        if (header && options.color) {
            line = "\x1b[1m" + line + "\x1b[0m";
        }
        out += line;
        out += '\n';
    };
    std::vector<std::string> headers;
    for (const auto& column : table.columns) {
        headers.push_back(header_text(column, options));
    }
    emit(headers, true);
    for (const auto& line : texts) {
        emit(line, false);
    }
    return out;
}

std::string render_csv(const Table& table, const RenderOptions& options) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> header;
    for (const auto& column : table.columns) {
        header.push_back(column.key);
    }
    rows.push_back(std::move(header));
    for (const auto& row : table.rows) {
        std::vector<std::string> line;
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            std::string t = c < row.size() ? cell_csv_text(row[c]) : std::string();
            line.push_back(options.terminal ? text::escape_control(t) : std::move(t));
        }
        rows.push_back(std::move(line));
    }
    return csv_lines(rows, options.excel ? ';' : ',', options.excel);
}

}  // namespace

std::string truncate_display(const std::string& utf8, std::size_t width) {
    if (text::display_width(utf8) <= width) {
        return utf8;
    }
    if (width == 0) {
        return {};
    }
    std::string out;
    std::size_t used = 0;
    std::size_t i = 0;
    while (i < utf8.size()) {
        const auto lead = static_cast<unsigned char>(utf8[i]);
        std::size_t length = 1;
        if (lead >= 0xF0) {
            length = 4;
        } else if (lead >= 0xE0) {
            length = 3;
        } else if (lead >= 0xC0) {
            length = 2;
        }
        const std::string_view one = std::string_view(utf8).substr(i, length);
        const std::size_t w = text::display_width(one);
        if (used + w > width - 1) {
            break;
        }
        out += one;
        used += w;
        i += length;
    }
    while (!out.empty() && out.back() == ' ') {
        out.pop_back();  // "Norte…", not "Norte …"
    }
    return out + "\u2026";
}

std::string cell_text(const Cell& cell) {
    return std::visit(
        [](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) {
                return {};
            } else if constexpr (std::is_same_v<T, std::string>) {
                return v;
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
                return std::to_string(v);
            } else if constexpr (std::is_same_v<T, double>) {
                return number_text(v);
            } else if constexpr (std::is_same_v<T, bool>) {
                return v ? "yes" : "no";
            } else {
                return text::join(v, ", ");
            }
        },
        cell);
}

namespace {

nlohmann::json cell_to_json(const Cell& cell) {
    return std::visit(
        [](const auto& v) -> nlohmann::json {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) {
                return nullptr;
            } else {
                return v;
            }
        },
        cell);
}

}  // namespace

nlohmann::json to_json(const Table& table) {
    auto array = nlohmann::json::array();
    for (const auto& row : table.rows) {
        auto object = nlohmann::json::object();
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            object[table.columns[c].key] =
                c < row.size() ? cell_to_json(row[c]) : nlohmann::json(nullptr);
        }
        array.push_back(std::move(object));
    }
    return array;
}

bool formula_like(std::string_view value) {
    const auto start = value.find_first_not_of('\'');
    if (start == std::string_view::npos) {
        return false;
    }
    const char c = value[start];
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

namespace {

// C1 controls (U+0080 to U+009F, UTF-8 C2 80 to C2 9F) as \u escapes. Most documents hold
// none: the text is searched for their lead byte and copied in runs, not byte by byte.
std::string escape_c1(std::string raw) {
    std::string out;
    std::size_t copied = 0;  // raw[0, copied) is in out
    for (auto i = raw.find('\xC2'); i != std::string::npos; i = raw.find('\xC2', i + 1)) {
        const auto next = i + 1 < raw.size() ? static_cast<unsigned char>(raw[i + 1]) : 0U;
        if (next >= 0x80 && next <= 0x9F) {
            out.append(raw, copied, i - copied);
            out += fmt::format("\\u{:04x}", next);
            copied = i + 2;
            ++i;
        }
    }
    if (copied == 0) {
        return raw;
    }
    out.append(raw, copied);
    return out;
}

}  // namespace

std::string json_text(const nlohmann::json& value, int indent) {
    return escape_c1(value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::string json_text(const nlohmann::ordered_json& value, int indent) {
    return escape_c1(
        value.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

std::string csv_field(const std::string& value, char delimiter) {
    std::string v = value;
    if (formula_like(v)) {
        v.insert(v.begin(), '\'');
    }
    const bool needs_quotes =
        v.find_first_of(std::string{delimiter, '"', '\r', '\n'}) != std::string::npos;
    if (!needs_quotes) {
        return v;
    }
    std::string out = "\"";
    for (const char c : v) {
        if (c == '"') {
            out += '"';
        }
        out += c;
    }
    out += '"';
    return out;
}

std::string csv_lines(const std::vector<std::vector<std::string>>& rows, char delimiter, bool bom) {
    std::string out = bom ? "\xEF\xBB\xBF" : "";
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i > 0) {
                out += delimiter;
            }
            out += csv_field(row[i], delimiter);
        }
        out += "\r\n";
    }
    return out;
}

std::string render(const Table& table, const RenderOptions& options) {
    switch (options.format) {
        case Format::json:
            return json_text(to_json(table)) + "\n";
        case Format::csv:
            return render_csv(table, options);
        case Format::table:
            break;
    }
    return render_table(table, options);
}

namespace {

// `line` in lines of at most `columns` display columns, broken at spaces; a word wider than
// that has a line of its own, whole.
void wrap_into(std::string_view line, std::size_t columns, std::vector<std::string>& lines) {
    std::string current;
    std::size_t current_width = 0;
    for (const auto& word : text::split_list(line, ' ')) {  // trimmed, empty ones left out
        const std::size_t w = text::display_width(word);
        if (!current.empty() && current_width + 1 + w > columns) {
            lines.push_back(std::move(current));
            current.clear();
            current_width = 0;
        }
        if (!current.empty()) {
            current += ' ';
            ++current_width;
        }
        current += word;
        current_width += w;
    }
    lines.push_back(std::move(current));
}

// The lines of a value in a record view, after a label `indent` wide: text on several lines
// as its lines, each wrapped at a terminal's width (options.width; not with --wide or to a pipe);
// a list on one line, or one item per line when that would pass the terminal's width (80
// columns to a pipe), an item wrapped too when it is wider than that.
std::vector<std::string> record_lines(const Cell& cell, const Column& column,
                                      const RenderOptions& options, std::size_t indent) {
    const bool wrap = options.width > 0 && !options.wide;
    const std::size_t columns =
        std::max<std::size_t>(20, options.width > indent ? options.width - indent : 0);
    if (const auto* list = std::get_if<std::vector<std::string>>(&cell)) {
        std::vector<std::string> items;
        for (const auto& item : *list) {
            items.push_back(table_cell_text(item, column, options));
        }
        const std::string joined = text::join(items, ", ");
        if (indent + text::display_width(joined) <= (options.width > 0 ? options.width : 80)) {
            return {joined};
        }
        if (!wrap) {
            return items;
        }
        std::vector<std::string> lines;  // an item too wide goes on, indented, on the next lines
        for (const auto& item : items) {
            const std::size_t first = lines.size();
            wrap_into(item, columns - 2, lines);
            for (std::size_t i = first + 1; i < lines.size(); ++i) {
                lines[i].insert(0, "  ");
            }
        }
        return lines;
    }
    const std::string value = table_cell_text(cell, column, options);
    std::vector<std::string> lines;
    std::string_view rest = value;
    while (true) {
        const auto end = rest.find('\n');
        std::string_view line = rest.substr(0, end);
        if (line.ends_with('\r')) {
            line.remove_suffix(1);
        }
        if (wrap && text::display_width(line) > columns) {
            wrap_into(line, columns, lines);
        } else {
            lines.emplace_back(line);
        }
        if (end == std::string_view::npos) {
            return lines;
        }
        rest.remove_prefix(end + 1);
    }
}

}  // namespace

std::string render_record(const Table& table, const RenderOptions& options) {
    if (table.rows.empty()) {
        return options.format == Format::json ? "null\n" : "";
    }
    const auto& row = table.rows.front();
    switch (options.format) {
        case Format::json: {
            auto object = to_json(Table{table.columns, {row}}).at(0);
            return json_text(object) + "\n";
        }
        case Format::csv:
            return render_csv(Table{table.columns, {row}}, options);
        case Format::table:
            break;
    }
    std::size_t width = 0;
    for (const auto& column : table.columns) {
        width = std::max(width, text::display_width(header_text(column, options)));
    }
    std::string out;
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
        const std::vector<std::string> lines =
            c < row.size() ? record_lines(row[c], table.columns[c], options, width + 2)
                           : std::vector<std::string>{};
        for (std::size_t i = 0; i < std::max<std::size_t>(lines.size(), 1); ++i) {
            out += pad(i == 0 ? header_text(table.columns[c], options) + ":" : std::string(),
                       width + 2, Align::left);
            out += i < lines.size() ? text::escape_control(lines[i]) : std::string();
            while (!out.empty() && out.back() == ' ') {
                out.pop_back();
            }
            out += '\n';
        }
    }
    return out;
}

Cell text_cell(const std::string& text) {
    return text.empty() ? Cell{} : Cell{text};
}

Cell date_cell(const std::optional<Date>& date) {
    return date ? Cell{format_date(*date)} : Cell{};
}

}  // namespace nacsa::output
