// SPDX-License-Identifier: Apache-2.0
#include "store/sql.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/text.hpp"

namespace nacsa::store {

namespace {

template <typename Key, typename T, typename Convert>
void bind_optional(SQLite::Statement& q, Key key, const std::optional<T>& value, Convert convert) {
    if (value) {
        q.bind(key, convert(*value));
    } else {
        q.bind(key);
    }
}

auto same = [](const auto& v) { return v; };
auto iso = [](Date d) { return format_date(d); };

}  // namespace

void bind(SQLite::Statement& q, int index, const std::optional<std::string>& value) {
    bind_optional(q, index, value, same);
}
void bind(SQLite::Statement& q, int index, const std::optional<std::int64_t>& value) {
    bind_optional(q, index, value, [](std::int64_t v) { return static_cast<int64_t>(v); });
}
void bind(SQLite::Statement& q, int index, const std::optional<int>& value) {
    bind_optional(q, index, value, same);
}
void bind(SQLite::Statement& q, int index, const std::optional<double>& value) {
    bind_optional(q, index, value, same);
}
void bind(SQLite::Statement& q, int index, const std::optional<Date>& value) {
    bind_optional(q, index, value, iso);
}
void bind(SQLite::Statement& q, int index, Date value) {
    q.bind(index, format_date(value));
}
void bind(SQLite::Statement& q, const char* name, const std::optional<std::string>& value) {
    bind_optional(q, name, value, same);
}
void bind(SQLite::Statement& q, const char* name, const std::optional<std::int64_t>& value) {
    bind_optional(q, name, value, [](std::int64_t v) { return static_cast<int64_t>(v); });
}
void bind(SQLite::Statement& q, const char* name, const std::optional<int>& value) {
    bind_optional(q, name, value, same);
}
void bind(SQLite::Statement& q, const char* name, const std::optional<Date>& value) {
    bind_optional(q, name, value, iso);
}
void bind(SQLite::Statement& q, const char* name, Date value) {
    q.bind(name, format_date(value));
}

void bind_nonempty(SQLite::Statement& q, int index, const std::string& value) {
    if (value.empty()) {
        q.bind(index);
    } else {
        q.bind(index, value);
    }
}
void bind_nonempty(SQLite::Statement& q, const char* name, const std::string& value) {
    if (value.empty()) {
        q.bind(name);
    } else {
        q.bind(name, value);
    }
}

std::string text(const SQLite::Column& column) {
    return column.isNull() ? std::string() : column.getString();
}

std::optional<std::string> optional_text(const SQLite::Column& column) {
    if (column.isNull()) {
        return std::nullopt;
    }
    return column.getString();
}

std::optional<std::int64_t> optional_int64(const SQLite::Column& column) {
    if (column.isNull()) {
        return std::nullopt;
    }
    return column.getInt64();
}

std::optional<int> optional_int(const SQLite::Column& column) {
    if (column.isNull()) {
        return std::nullopt;
    }
    return column.getInt();
}

Date date(const SQLite::Column& column) {
    return date(text(column), column.getName());
}

Date date(std::string_view value, std::string_view column) {
    if (const auto d = parse_date(value)) {
        return *d;
    }
    throw StoreError(
        msg("the store holds \"{}\" where a date belongs (column {}); run "
            "`nacsa db check`",
            text::escape_control(value), column));
}

std::optional<Date> optional_date(const SQLite::Column& column) {
    if (column.isNull()) {
        return std::nullopt;
    }
    return date(column);
}

void run_and_clear(SQLite::Statement& q) {
    try {
        q.exec();
    } catch (...) {
        q.clearBindings();
        throw;
    }
    q.clearBindings();
}

}  // namespace nacsa::store
