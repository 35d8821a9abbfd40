// SPDX-License-Identifier: Apache-2.0
#include "members/import_duplicates.hpp"

#include <algorithm>
#include <set>

#include "members/import_reader.hpp"
#include "members/writer.hpp"

namespace nacsa::members::detail {

namespace {

bool is_free_mail(const std::string& domain) {
    static const std::set<std::string> free = {
        "gmail.com", "googlemail.com", "hotmail.com", "hotmail.es", "outlook.com", "outlook.es",
        "live.com",  "yahoo.com",      "yahoo.es",    "icloud.com", "proton.me",   "protonmail.com",
        "gmx.com",   "aol.com",        "msn.com",     "mail.com"};
    return free.count(domain) != 0;
}

std::uint64_t hash(char kind, const std::string& key) {
    return HashIndex<std::uint32_t>::hash(key) * 31 + static_cast<std::uint64_t>(kind);
}

}  // namespace

DuplicateIndex::Keys DuplicateIndex::keys(const Member& m, const std::string& key) {
    Keys out;
    const std::string name = duplicate_key(key);
    out.add(Key{'n', hash('n', name), hash('a', key)});
    if (!m.acronym.empty()) {
        const std::string acronym = name_key(m.acronym);
        out.add(Key{'a', hash('a', acronym), hash('n', acronym)});
    }
    if (const auto at = m.email.find('@'); at != std::string::npos) {
        const std::string domain = lower(m.email.substr(at + 1));
        if (!is_free_mail(domain)) {
            out.add(Key{'d', hash('d', domain)});
        }
    }
    if (!m.website.empty()) {
        std::string host = lower(m.website);
        host = host.substr(host.find("://") + 3);
        host = host.substr(0, host.find_first_of("/?#"));
        if (host.starts_with("www.")) {
            host.erase(0, 4);
        }
        out.add(Key{'w', hash('w', host)});
    }
    return out;
}

std::vector<DuplicateIndex::Suspicion> DuplicateIndex::check(const Member& m,
                                                             const Keys& keys) const {
    std::vector<Suspicion> out;
    auto look = [&](std::uint64_t wanted, const char* reason, const char* field) {
        const auto* found = m_keys.find(wanted);
        if (found != nullptr && m_origins.id(*found) != m.id &&
            std::none_of(out.begin(), out.end(),
                         [&](const auto& reported) { return reported.other == *found; })) {
            out.push_back(Suspicion{reason, field, *found});
        }
    };
    for (const auto& k : keys) {
        switch (k.kind) {
            case 'n':
                look(k.hash, N_("a similar name"), "name");
                look(k.other, N_("a name equal to its acronym"), "name");
                break;
            case 'a':
                look(k.hash, N_("the same acronym"), "acronym");
                look(k.other, N_("a name equal to this acronym"), "acronym");
                break;
            case 'd':
                look(k.hash, N_("the same e-mail domain"), "email");
                break;
            default:
                look(k.hash, N_("the same web site"), "website");
                break;
        }
    }
    return out;
}

}  // namespace nacsa::members::detail
