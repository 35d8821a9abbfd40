// SPDX-License-Identifier: Apache-2.0
#include "members/format.hpp"

namespace nacsa::members {

nlohmann::ordered_json to_json(const Member& m, Redact redact) {
    nlohmann::ordered_json j;
    auto put = [&j](const char* key, const std::string& value) {
        if (!value.empty()) {
            j[key] = value;
        }
    };
    put("id", m.id);
    put("name", m.name);
    put("acronym", m.acronym);
    put("type", m.type);
    put("region", m.region);
    put("city", m.city);
    put("website", m.website);
    put("email", m.email);
    put("phone", m.phone);
    if (!m.thematic_areas.empty()) {
        j["thematic_areas"] = m.thematic_areas;
    }
    if (!m.services.empty()) {
        j["services"] = m.services;
    }
    put("joined", m.joined);
    put("status", std::string(status_name(m.status)));
    if (!m.interest.empty()) {
        j["interest"] = m.interest;
    }
    put("ecosoc_status", m.ecosoc_status);
    j["net4u"] = m.net4u;
    put("notes", m.notes);
    if (redact == Redact::no && !m.contacts.empty()) {
        auto& contacts = j["contacts"] = nlohmann::ordered_json::array();
        for (const auto& c : m.contacts) {
            nlohmann::ordered_json cj;
            cj["name"] = c.name;
            auto cput = [&cj](const char* key, const std::string& value) {
                if (!value.empty()) {
                    cj[key] = value;
                }
            };
            cput("position", c.position);
            cput("email", c.email);
            cput("phone", c.phone);
            cj["gender"] = c.gender;
            cj["primary"] = c.primary;
            cput("consent", c.consent);
            contacts.push_back(std::move(cj));
        }
    }
    return j;
}

namespace {

nlohmann::ordered_json text_or_null(const std::string& value) {
    return value.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(value);
}

}  // namespace

nlohmann::ordered_json to_record_json(const Member& m, const std::vector<StatusChange>& history) {
    nlohmann::ordered_json j;
    j["id"] = m.id;
    j["name"] = m.name;
    j["acronym"] = text_or_null(m.acronym);
    j["type"] = m.type;
    j["region"] = text_or_null(m.region);
    j["city"] = text_or_null(m.city);
    j["website"] = text_or_null(m.website);
    j["email"] = text_or_null(m.email);
    j["phone"] = text_or_null(m.phone);
    j["thematic_areas"] = m.thematic_areas;
    j["services"] = m.services;
    j["joined"] = text_or_null(m.joined);
    j["status"] = std::string(status_name(m.status));
    j["interest"] = m.interest;
    j["ecosoc_status"] = text_or_null(m.ecosoc_status);
    j["net4u"] = m.net4u;
    j["notes"] = text_or_null(m.notes);
    auto& contacts = j["contacts"] = nlohmann::ordered_json::array();
    for (const auto& c : m.contacts) {
        contacts.push_back({{"name", c.name},
                            {"position", text_or_null(c.position)},
                            {"email", text_or_null(c.email)},
                            {"phone", text_or_null(c.phone)},
                            {"gender", c.gender},
                            {"primary", c.primary},
                            {"consent", text_or_null(c.consent)}});
    }
    auto& changes = j["status_history"] = nlohmann::ordered_json::array();
    for (const auto& h : history) {
        changes.push_back({{"status", std::string(status_name(h.status))},
                           {"date", format_date(h.date)},
                           {"reason", text_or_null(h.reason)}});
        if (h.voided) {  // entered by mistake: kept in the history, marked
            changes.back()["voided"] = format_date(*h.voided);
            changes.back()["void_reason"] = text_or_null(h.void_reason);
        }
    }
    return j;
}

}  // namespace nacsa::members
