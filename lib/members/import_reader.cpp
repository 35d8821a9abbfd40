// SPDX-License-Identifier: Apache-2.0
#include "members/import_reader.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/encoding.hpp"
#include "core/files.hpp"
#include "core/text.hpp"

namespace nacsa::members::detail {

const std::vector<std::string> k_member_fields = {
    "id",      "name",     "acronym",       "type",           "region",   "city",
    "website", "email",    "phone",         "thematic_areas", "services", "joined",
    "status",  "interest", "ecosoc_status", "net4u",          "notes"};
const std::vector<std::string> k_contact_fields = {"name",   "position", "email",  "phone",
                                                   "gender", "primary",  "consent"};

namespace {

bool is_one_of(const std::vector<std::string>& list, const std::string& v) {
    return std::find(list.begin(), list.end(), v) != list.end();
}

}  // namespace

std::string lower(std::string_view s) {
    std::string out(text::trim(s));
    for (auto& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

std::optional<std::pair<int, std::string>> csv_field(const std::string& name) {
    if (is_one_of(k_member_fields, name)) {
        return std::pair{-1, name};
    }
    if (name.starts_with("contact")) {
        std::size_t p = 7;
        int slot = 0;
        while (p < name.size() && name[p] >= '0' && name[p] <= '9' && slot < 1000) {
            slot = slot * 10 + (name[p] - '0');
            ++p;
        }
        if (p < name.size() && name[p] == '_' && is_one_of(k_contact_fields, name.substr(p + 1)) &&
            (p == 7 || slot > 0)) {
            return std::pair{slot, name.substr(p + 1)};
        }
    }
    return std::nullopt;
}

Message known_csv_columns() {
    return msg("{}, contact_<field> or contactN_<field> with <field> one of {}",
               text::join(k_member_fields, ", "), text::join(k_contact_fields, ", "));
}

std::string CsvColumn::key() const {
    return fmt::format("{}/{}", contact_slot, field);
}

InputFile::InputFile(const std::string& path) : m_path(path) {
    if (path == "-") {
        m_file = stdin;
    } else {
        files::check_input_file(path);
        m_file = std::fopen(path.c_str(), "rb");
        if (m_file == nullptr) {
            throw InputError(msg("{}: cannot read: {}", path, std::strerror(errno)));
        }
    }
    struct stat st {};
    if (::fstat(::fileno(m_file), &st) == 0 && S_ISREG(st.st_mode)) {
        m_start = std::ftell(m_file);
    }
}

bool InputFile::rewind() {
    if (m_start < 0 || std::fseek(m_file, m_start, SEEK_SET) != 0) {
        return false;
    }
    std::clearerr(m_file);
    m_bytes = 0;
    return true;
}

std::size_t InputFile::read(char* buffer, std::size_t size) {
    const std::size_t n = std::fread(buffer, 1, size, m_file);
    m_bytes += n;
    if (m_bytes > k_max_import_bytes) {
        throw InputError(m_path == "-"
                             ? msg("the standard input is larger than {} MiB, the most one "
                                   "import reads: split it",
                                   k_max_import_bytes >> 20)
                             : msg("{}: is larger than {} MiB, the most one import reads: split it",
                                   m_path, k_max_import_bytes >> 20));
    }
    return n;
}

Message inner_bom_message() {
    return msg("{}, or import the files one by one", text::inner_bom_message());
}

Message too_long_message(const char* what) {
    return std::string_view(what) == "line"
               ? msg("a line longer than {} MiB, the most nacsa reads in one: is this the right "
                     "file (or a quoted field that is never closed)?",
                     k_max_record_bytes >> 20)
               : msg("a record longer than {} MiB, the most nacsa reads in one: is this the "
                     "right file (or a quoted field that is never closed)?",
                     k_max_record_bytes >> 20);
}

std::optional<Diagnostic> encoding_diagnostic(const std::string& name, std::string_view head) {
    const auto problem = text::encoding_problem(head);
    if (!problem) {
        return std::nullopt;
    }
    const auto [line, column] = text::line_column(head, problem->offset);
    return Diagnostic{name, line, column, "", problem->message};
}

Diagnostic file_problem(const std::string& name, int line, Message what) {
    return Diagnostic{name, line, 0, "", std::move(what)};
}

InputFile::~InputFile() {
    if (m_file != nullptr && m_file != stdin) {
        std::fclose(m_file);
    }
}

}  // namespace nacsa::members::detail
