// SPDX-License-Identifier: Apache-2.0
#include "members/import_values.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "core/error.hpp"
#include "core/text.hpp"
#include "i18n/i18n.hpp"

namespace nacsa::members::detail {

namespace {

// Words a spreadsheet uses for the fixed lists, besides the keys and the labels of the reports
// (lib/i18n: "Active", "Activos", "Actifs"): singular forms in en, es and fr.
struct FixedWords {
    const char* key;
    std::vector<std::string> words;
};

const std::vector<FixedWords>& status_words() {
    static const std::vector<FixedWords> words = {
        {"applicant", {"solicitante", "postulante", "candidat", "candidate"}},
        {"active", {"activo", "activa", "actif", "active"}},
        {"suspended", {"suspendido", "suspendida", "suspendu", "suspendue"}},
        {"withdrawn", {"retirado", "retirada", "retiré", "retirée"}}};
    return words;
}

const std::vector<FixedWords>& gender_words() {
    static const std::vector<FixedWords> words = {
        {"female", {"F", "woman", "mujer", "femenino", "femme", "féminin"}},
        {"male", {"M", "man", "hombre", "masculino", "homme", "masculin"}},
        {"non_binary", {"no binaria", "non binaire"}},
        {"undisclosed", {"prefer not to say", "no declarado", "prefiere no decir", "non déclaré"}}};
    return words;
}

const std::vector<FixedWords>& ecosoc_words() {
    static const std::vector<FixedWords> words = {
        {"none", {"ninguno", "ninguna", "aucun"}},
        {"general", {"général", "consultative status general", "estatus general"}},
        {"special", {"especial", "spécial", "consultative status special", "estatus especial"}},
        {"roster", {"lista", "liste"}}};
    return words;
}

const std::vector<FixedWords>& interest_words() {
    static const std::vector<FixedWords> words = {
        {"steering_committee", {"comité directivo", "comité de pilotage"}},
        {"secretariat", {"secretaría", "secrétariat"}},
        {"coordinator", {"coordinador", "coordinadora", "coordinateur", "coordinatrice"}}};
    return words;
}

// A fixed list: its keys, the labels lib/i18n gives them in en, es and fr (`label`, when
// there is one), and the words above.
template <typename Label>
void add_fixed(config::ValueMatcher& m, const std::string& field, Message what,
               const std::vector<std::string>& keys, const std::vector<FixedWords>& words,
               const Label& label) {
    m.add_field(field, std::move(what));
    static const i18n::Translator translators[] = {i18n::Translator("en"), i18n::Translator("es"),
                                                   i18n::Translator("fr")};
    for (const auto& key : keys) {
        std::vector<std::string> labels;
        for (const auto& tr : translators) {
            if (auto l = label(key, tr); !l.empty()) {
                labels.push_back(std::move(l));
            }
        }
        for (const auto& w : words) {
            if (w.key == key) {
                labels.insert(labels.end(), w.words.begin(), w.words.end());
            }
        }
        m.add_value(field, key, labels);
    }
}

// The field a --map-value names: the fields of the import format, and a few other names.
std::string mapped_field(const std::string& given) {
    std::string f = config::ValueMatcher::normalise(given);
    if (f == "theme" || f == "themes" || f == "thematic area" || f == "thematic areas") {
        return "thematic_areas";
    }
    if (f == "service") {
        return "services";
    }
    if (f == "contact gender") {
        return "gender";
    }
    if (f == "ecosoc status" || f == "ecosoc") {
        return "ecosoc_status";
    }
    return f;
}

}  // namespace

config::ValueMatcher import_matcher(const config::Alliance& alliance,
                                    const std::vector<ValueMapping>& mappings) {
    config::ValueMatcher m = config::alliance_matcher(alliance);
    add_fixed(
        m, "status", msg("a membership status"), status_names(), status_words(),
        [](const std::string& k, const i18n::Translator& tr) { return i18n::status_label(k, tr); });
    add_fixed(
        m, "gender", msg("a gender"), k_genders, gender_words(),
        [](const std::string& k, const i18n::Translator& tr) { return i18n::gender_label(k, tr); });
    const auto none = [](const std::string&, const i18n::Translator&) { return std::string(); };
    add_fixed(m, "ecosoc_status", msg("an ECOSOC status"), k_ecosoc_statuses, ecosoc_words(), none);
    add_fixed(m, "interest", msg("a role one can express interest in"), k_interest_kinds,
              interest_words(), none);
    for (const auto& [field, text, key] : mappings) {
        try {
            m.add_alias(mapped_field(field), text, key);
        } catch (const std::invalid_argument& e) {
            throw UsageError(msg("--map-value \"{}:{}={}\": {}", field, text, key, e.what()));
        }
    }
    return m;
}

namespace {

constexpr std::string_view k_field_names[] = {"region",        "type",           "status",
                                              "ecosoc_status", "thematic_areas", "services",
                                              "interest",      "gender"};

}  // namespace

void KeyedValues::resolve(std::optional<std::string>& value, Field field, std::size_t contact,
                          const Locator& where, std::vector<Diagnostic>& problems) {
    if (!value) {
        return;
    }
    const std::string_view text = text::trim(*value);
    if (text.empty()) {
        return;
    }
    Known& known = m_known[field];
    if (const auto it = known.find(text); it != known.end()) {
        *value = it->second;
        return;
    }
    const std::string_view name = k_field_names[field];
    auto match = m_matcher.match(name, text);
    if (match.key) {
        if (known.size() < k_max_known) {
            known.emplace(std::string(text), *match.key);
        }
        *value = std::move(*match.key);
        return;
    }
    const bool list_known = match.keys.empty() && m_listed.insert(std::string(name)).second;
    Diagnostic d =
        where(contact == 0 ? std::string(name) : fmt::format("contacts[{}].{}", contact, name));
    d.message = m_matcher.problem(name, *value, match, list_known);
    problems.push_back(std::move(d));
}

void KeyedValues::resolve(MemberInput& input, const Locator& where,
                          std::vector<Diagnostic>& problems) {
    for (const auto& [field, value] :
         {std::pair{region, &input.region}, std::pair{type, &input.type},
          std::pair{status, &input.status}, std::pair{ecosoc_status, &input.ecosoc_status}}) {
        resolve(*value, field, 0, where, problems);
    }
    for (const auto& [field, list] :
         {std::pair{thematic_areas, &input.thematic_areas}, std::pair{services, &input.services},
          std::pair{interest, &input.interest}}) {
        if (!*list) {
            continue;
        }
        for (auto& item : **list) {
            std::optional<std::string> value = std::move(item);
            resolve(value, field, 0, where, problems);
            item = std::move(*value);
        }
    }
    if (input.contacts) {
        for (std::size_t i = 0; i < input.contacts->size(); ++i) {
            resolve((*input.contacts)[i].gender, gender, i + 1, where, problems);
        }
    }
}

}  // namespace nacsa::members::detail
