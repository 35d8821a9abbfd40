// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.hpp"

// Binding values to statements and reading columns, where SQL's NULL meets C++: the one set of
// helpers every module uses (a NULL handled one way here and another there is how a rule
// drifts). SQL keywords are written in capitals everywhere in lib/ (the ownership test reads
// them: tests/unit/test_ownership.cpp).
namespace nacsa::store {

// NULL when the optional is empty, else its value. Dates are bound as ISO text.
void bind(SQLite::Statement& q, int index, const std::optional<std::string>& value);
void bind(SQLite::Statement& q, int index, const std::optional<std::int64_t>& value);
void bind(SQLite::Statement& q, int index, const std::optional<int>& value);
void bind(SQLite::Statement& q, int index, const std::optional<double>& value);
void bind(SQLite::Statement& q, int index, const std::optional<Date>& value);
void bind(SQLite::Statement& q, int index, Date value);
void bind(SQLite::Statement& q, const char* name, const std::optional<std::string>& value);
void bind(SQLite::Statement& q, const char* name, const std::optional<std::int64_t>& value);
void bind(SQLite::Statement& q, const char* name, const std::optional<int>& value);
void bind(SQLite::Statement& q, const char* name, const std::optional<Date>& value);
void bind(SQLite::Statement& q, const char* name, Date value);

// Text that is NULL in the store when empty (optional text fields kept as "" in records).
void bind_nonempty(SQLite::Statement& q, int index, const std::string& value);
void bind_nonempty(SQLite::Statement& q, const char* name, const std::string& value);

// A column's text, "" when NULL.
[[nodiscard]] std::string text(const SQLite::Column& column);
// A column's text, nullopt when NULL.
[[nodiscard]] std::optional<std::string> optional_text(const SQLite::Column& column);
[[nodiscard]] std::optional<std::int64_t> optional_int64(const SQLite::Column& column);
[[nodiscard]] std::optional<int> optional_int(const SQLite::Column& column);
// An ISO date column; a value that is not a date is a damaged store (StoreError, exit 74).
[[nodiscard]] Date date(const SQLite::Column& column);
// The same for the text `value` of a date read from column `column` another way (SQLite's own
// interface, for the census's large scans).
[[nodiscard]] Date date(std::string_view value, std::string_view column);
[[nodiscard]] std::optional<Date> optional_date(const SQLite::Column& column);

// Runs a statement whose text parameters were bound in place (bindNoCopy, for bulk writes),
// then clears its bindings, also when it throws: no statement keeps a pointer to a string
// that may be gone by the next call.
void run_and_clear(SQLite::Statement& q);

}  // namespace nacsa::store
