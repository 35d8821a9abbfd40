// SPDX-License-Identifier: Apache-2.0
#include "members/erased.hpp"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

#include "core/ondemand.hpp"
#include "core/text.hpp"
#include "core/time.hpp"

namespace nacsa::members::detail {

std::vector<unsigned char> erasure_key(store::Store& store) {
    SQLite::Statement q(store.db(), "SELECT key FROM erasure_key WHERE id = 1");
    if (!q.executeStep()) {
        throw std::logic_error("the store has no erasure key (migration 0008)");
    }
    const auto* bytes = static_cast<const unsigned char*>(q.getColumn(0).getBlob());
    return {bytes, bytes + q.getColumn(0).getBytes()};
}

namespace {

using Digest = std::array<unsigned char, 32>;  // HMAC-SHA256

Digest keyed_digest(const std::vector<unsigned char>& key, const std::string& value) {
    Digest out{};
    ondemand_module().hmac_sha256(key.data(), key.size(), value, out.data());
    return out;
}

// What is hashed: the name as names are matched (case, accents and spacing ignored), the
// e-mail in lower case.
std::string name_form(std::string_view name) {
    return text::fold(text::trim(name));
}

std::string email_form(std::string_view email) {
    std::string out(text::trim(email));
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

}  // namespace

void remember_erased(store::Store& store, const Contact& contact) {
    const auto key = erasure_key(store);
    SQLite::Statement insert(store.db(),
                             "INSERT OR IGNORE INTO erased_person (member_id, kind, digest, "
                             "erased_on) VALUES (?, ?, ?, ?)");
    const auto add = [&](const char* kind, const std::string& value) {
        if (value.empty()) {
            return;
        }
        const Digest digest = keyed_digest(key, value);
        insert.bind(1, contact.member_id);
        insert.bind(2, kind);
        insert.bind(3, digest.data(), static_cast<int>(digest.size()));
        insert.bind(4, format_date(store.today()));
        insert.exec();
        insert.reset();
    };
    add("name", name_form(contact.name));
    add("email", email_form(contact.email));
}

std::optional<std::string> erased_match(store::Store& store, const std::string& member_id,
                                        const ContactInput& contact) {
    SQLite::Statement any(store.db(), "SELECT 1 FROM erased_person WHERE member_id = ? LIMIT 1");
    any.bind(1, member_id);
    if (!any.executeStep()) {
        return std::nullopt;  // the usual case: nothing to compute
    }
    const auto key = erasure_key(store);
    SQLite::Statement q(
        store.db(), "SELECT 1 FROM erased_person WHERE member_id = ? AND kind = ? AND digest = ?");
    const auto matches = [&](const char* kind, const std::string& value) {
        if (value.empty()) {
            return false;
        }
        const Digest digest = keyed_digest(key, value);
        q.bind(1, member_id);
        q.bind(2, kind);
        q.bind(3, digest.data(), static_cast<int>(digest.size()));
        const bool found = q.executeStep();
        q.reset();
        return found;
    };
    if (contact.name && matches("name", name_form(*contact.name))) {
        return "name";
    }
    if (contact.email && matches("email", email_form(*contact.email))) {
        return "email";
    }
    return std::nullopt;
}

}  // namespace nacsa::members::detail
