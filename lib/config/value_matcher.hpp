// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/alliance.hpp"
#include "core/message.hpp"

namespace nacsa::config {

// Reads a keyed value as people write it: the key ("la_libertad") or any of its labels
// ("La Libertad", "LA LIBERTAD", "la-libertad"), ignoring case, accents, and spacing,
// underscores and hyphens. One matcher holds several fields (region, type, thematic_areas...),
// each with its keys and their labels; it is built once (per import, per command) and used for
// every keyed value, so that the rules are the same everywhere. See nacsa-import(5).
class ValueMatcher {
  public:
    // What a text is for a field.
    struct Match {
        std::optional<std::string> key;   // the key it names
        std::vector<std::string> keys;    // two or more keys it could name (ambiguous)
        std::optional<std::string> near;  // else: the nearest label or key, when close
    };

    // A field whose values are checked; `what` says what a value is in messages ("a region of
    // this alliance").
    void add_field(const std::string& field, Message what);
    // A key of a field and the texts that name it besides the key (labels, in any language;
    // empty ones are left out).
    void add_value(const std::string& field, const std::string& key,
                   const std::vector<std::string>& labels);
    // A text that names a key whatever the labels say (--map-value): it wins over them.
    // std::invalid_argument when the field or the key is unknown.
    void add_alias(const std::string& field, const std::string& text, const std::string& key);

    [[nodiscard]] bool has_field(std::string_view field) const;
    [[nodiscard]] bool has_key(std::string_view field, std::string_view key) const;
    // The known fields, for messages.
    [[nodiscard]] std::vector<std::string> fields() const;

    // What `text` names in `field` (an unknown field matches nothing).
    [[nodiscard]] Match match(std::string_view field, std::string_view text) const;
    // The key `text` names, or nothing (unknown or ambiguous).
    [[nodiscard]] std::optional<std::string> key(std::string_view field,
                                                 std::string_view text) const;
    // The key `text` names, or else `text` itself (for callers whose own checks report it).
    [[nodiscard]] std::string key_or_text(std::string_view field, const std::string& text) const;
    void to_key(std::string_view field, std::optional<std::string>& value) const;
    // Each value read as to_key does; a run of values that together name a key (a label with
    // commas, split by a comma-separated option) reads as that key.
    void to_keys(std::string_view field, std::optional<std::vector<std::string>>& values) const;
    // The message for a text that names no key or two: "\"Huanuko\" is not a region of this
    // alliance (did you mean \"Huánuco\"?)", "\"Lima\" could be lima or lima_province: ...".
    // Without `known`, the list of known values is left out (given once elsewhere).
    [[nodiscard]] Message problem(std::string_view field, std::string_view text, const Match& match,
                                  bool known) const;
    // "amazonas, ancash, ...": the keys, in the order they were added.
    [[nodiscard]] std::string known(std::string_view field) const;
    [[nodiscard]] const Message& what(std::string_view field) const;

    // The form texts are compared in: folded (case, accents) with runs of spaces, underscores
    // and hyphens as one space, trimmed.
    [[nodiscard]] static std::string normalise(std::string_view text);

  private:
    struct Candidate {
        std::string text;        // as written, for "did you mean"
        std::string normalised;  // as compared
        std::string key;
    };
    struct Field {
        Message what;
        std::vector<std::string> keys;
        std::map<std::string, std::vector<std::string>, std::less<>> names;  // normalised -> keys
        std::map<std::string, std::string, std::less<>> aliases;             // normalised -> key
        std::vector<Candidate> candidates;
    };
    [[nodiscard]] const Field* find(std::string_view field) const;
    std::map<std::string, Field, std::less<>> m_fields;
};

// The edit distance (Levenshtein, on bytes) between two texts, for "did you mean".
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

// A matcher of the alliance's configured lists: region (key and name), type
// (organisation_types), thematic_areas and services (key and labels in en, es, fr).
[[nodiscard]] ValueMatcher alliance_matcher(const Alliance& alliance);

}  // namespace nacsa::config
