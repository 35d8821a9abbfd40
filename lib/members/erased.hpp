// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "members/members.hpp"
#include "store/store.hpp"

// People whose personal data was erased (member forget, contact remove), remembered by keyed
// digests of their folded name and lower-case e-mail only (table erased_person, migration
// 0008), so that an import does not add them again unnoticed.
namespace nacsa::members::detail {

// The store's key of the digests (made by migration 0008, 32 random bytes).
[[nodiscard]] std::vector<unsigned char> erasure_key(store::Store& store);

// Remembers the contact (as it was before the erasure) as erased from its member (inside the
// erasure's transaction).
void remember_erased(store::Store& store, const Contact& contact);

// Whether a contact about to be added to member `member_id` is a person erased from it: "name"
// or "email" (what matched), or nothing.
[[nodiscard]] std::optional<std::string> erased_match(store::Store& store,
                                                      const std::string& member_id,
                                                      const ContactInput& contact);

}  // namespace nacsa::members::detail
