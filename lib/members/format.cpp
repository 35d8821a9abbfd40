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
    put("status", m.status);
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

}  // namespace nacsa::members
