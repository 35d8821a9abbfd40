// SPDX-License-Identifier: Apache-2.0
#include "config/value_matcher.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "core/text.hpp"

namespace nacsa::config {

namespace {

bool is_separator(char c) {
    return c == ' ' || c == '_' || c == '-' || c == '\t' || c == '\n' || c == '\r';
}

// How far a text may be from a label for "did you mean": nothing for one or two letters, then
// one edit in four letters, three at most.
std::size_t closeness_limit(std::size_t length) {
    return length < 3 ? 0 : std::clamp<std::size_t>(length / 4, 1, 3);
}

}  // namespace

std::string ValueMatcher::normalise(std::string_view text) {
    const std::string folded = text::fold(text);
    std::string out;
    out.reserve(folded.size());
    bool gap = false;
    for (const char c : folded) {
        if (is_separator(c)) {
            gap = !out.empty();
            continue;
        }
        if (gap) {
            out += ' ';
            gap = false;
        }
        out += c;
    }
    return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] =
                std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

void ValueMatcher::add_field(const std::string& field, Message what) {
    m_fields[field].what = std::move(what);
}

void ValueMatcher::add_value(const std::string& field, const std::string& key,
                             const std::vector<std::string>& labels) {
    Field& f = m_fields[field];
    f.keys.push_back(key);
    const auto name = [&](const std::string& text) {
        std::string n = normalise(text);
        if (n.empty()) {
            return;
        }
        auto& keys = f.names[n];
        if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
            keys.push_back(key);
        }
        const bool listed = std::any_of(f.candidates.begin(), f.candidates.end(),
                                        [&](const Candidate& c) { return c.normalised == n; });
        if (!listed) {
            f.candidates.push_back({text, std::move(n), key});
        }
    };
    for (const auto& label : labels) {
        if (!label.empty()) {
            name(label);
        }
    }
    name(key);
}

void ValueMatcher::add_alias(const std::string& field, const std::string& text,
                             const std::string& key) {
    const auto it = m_fields.find(field);
    if (it == m_fields.end()) {
        throw std::invalid_argument(fmt::format("\"{}\" is not a field with keys (known: {})",
                                                field, text::join(fields(), ", ")));
    }
    if (!has_key(field, key)) {
        throw std::invalid_argument(fmt::format("\"{}\" is not {} (known: {})", key,
                                                it->second.what.english(), known(field)));
    }
    const std::string n = normalise(text);
    if (n.empty()) {
        throw std::invalid_argument("the text to map is empty");
    }
    it->second.aliases[n] = key;
}

const ValueMatcher::Field* ValueMatcher::find(std::string_view field) const {
    const auto it = m_fields.find(field);
    return it == m_fields.end() ? nullptr : &it->second;
}

bool ValueMatcher::has_field(std::string_view field) const {
    return find(field) != nullptr;
}

bool ValueMatcher::has_key(std::string_view field, std::string_view key) const {
    const Field* f = find(field);
    return f != nullptr && std::find(f->keys.begin(), f->keys.end(), key) != f->keys.end();
}

std::vector<std::string> ValueMatcher::fields() const {
    std::vector<std::string> out;
    for (const auto& [name, field] : m_fields) {
        out.push_back(name);
    }
    return out;
}

ValueMatcher::Match ValueMatcher::match(std::string_view field, std::string_view text) const {
    Match m;
    const Field* f = find(field);
    if (f == nullptr) {
        return m;
    }
    // A key as it is stored is itself, even when a label of another key reads the same.
    if (has_key(field, text)) {
        m.key = std::string(text);
        return m;
    }
    const std::string n = normalise(text);
    if (const auto alias = f->aliases.find(n); alias != f->aliases.end()) {
        m.key = alias->second;
        return m;
    }
    if (const auto named = f->names.find(n); named != f->names.end()) {
        if (named->second.size() == 1) {
            m.key = named->second.front();
        } else {
            m.keys = named->second;
        }
        return m;
    }
    const std::size_t limit = closeness_limit(n.size());
    std::size_t best = limit + 1;
    for (const auto& c : f->candidates) {
        const std::size_t d = edit_distance(n, c.normalised);
        if (d < best) {
            best = d;
            m.near = c.text;
        }
    }
    return m;
}

std::optional<std::string> ValueMatcher::key(std::string_view field, std::string_view text) const {
    return match(field, text).key;
}

std::string ValueMatcher::key_or_text(std::string_view field, const std::string& text) const {
    return key(field, text).value_or(text);
}

void ValueMatcher::to_key(std::string_view field, std::optional<std::string>& value) const {
    if (value && !value->empty()) {
        *value = key_or_text(field, *value);
    }
}

void ValueMatcher::to_keys(std::string_view field,
                           std::optional<std::vector<std::string>>& values) const {
    if (!values) {
        return;
    }
    // A label with commas in it ("Trata de personas, especialmente mujeres y niños") arrives
    // from a comma-separated option in pieces: the longest run of pieces that names a key is
    // that key; a piece that is part of no such run is read alone.
    std::vector<std::string> keys;
    const auto& pieces = *values;
    for (std::size_t i = 0; i < pieces.size();) {
        std::size_t taken = 1;
        std::string value = key_or_text(field, pieces[i]);
        for (std::size_t n = pieces.size() - i; n > 1; --n) {
            const std::vector<std::string> run(pieces.begin() + static_cast<std::ptrdiff_t>(i),
                                               pieces.begin() + static_cast<std::ptrdiff_t>(i + n));
            if (auto named = key(field, text::join(run, ", "))) {
                value = std::move(*named);
                taken = n;
                break;
            }
        }
        keys.push_back(std::move(value));
        i += taken;
    }
    values = std::move(keys);
}

const Message& ValueMatcher::what(std::string_view field) const {
    static const Message unknown = msg("a known value");
    const Field* f = find(field);
    return f == nullptr ? unknown : f->what;
}

std::string ValueMatcher::known(std::string_view field) const {
    const Field* f = find(field);
    if (f == nullptr) {
        return {};
    }
    return text::join(f->keys, ", ");
}

Message ValueMatcher::problem(std::string_view field, std::string_view text, const Match& match,
                              bool known_values) const {
    const std::string shown = text::escape_control(text);
    if (match.keys.size() > 1) {
        Message keys = match.keys.front();
        for (std::size_t i = 1; i < match.keys.size(); ++i) {
            keys = msg("{} or {}", keys, match.keys[i]);
        }
        return msg("\"{}\" could be {}: write the key, or map the text with --map-value", shown,
                   keys);
    }
    Message message = msg("\"{}\" is not {}", shown, what(field));
    if (match.near) {
        message = msg("{} (did you mean \"{}\"?)", message, *match.near);
    }
    if (known_values) {
        message = msg("{} (known: {})", message, known(field));
    }
    return message;
}

ValueMatcher alliance_matcher(const Alliance& alliance) {
    ValueMatcher m;
    const auto& language = alliance.language;
    const auto labels = [&](const Labels& l) {
        return std::vector<std::string>{l.in(language), l.en, l.es, l.fr};
    };
    m.add_field("region", msg("a region of this alliance"));
    for (const auto& r : alliance.regions) {
        m.add_value("region", r.key, {r.name});
    }
    m.add_field("type", msg("an organisation type of this alliance"));
    for (const auto& t : alliance.organisation_types) {
        m.add_value("type", t.key, labels(t.labels));
    }
    m.add_field("thematic_areas", msg("a thematic area of this alliance"));
    for (const auto& t : alliance.thematic_areas) {
        m.add_value("thematic_areas", t.key, labels(t.labels));
    }
    m.add_field("services", msg("a service of this alliance"));
    for (const auto& t : alliance.services) {
        m.add_value("services", t.key, labels(t.labels));
    }
    return m;
}

}  // namespace nacsa::config
