// SPDX-License-Identifier: Apache-2.0
// Status keys said as words in the message language (notes such as "activity A1: planned ->
// done"); JSON and CSV keep the keys.
#include <map>

#include "commands.hpp"

namespace nacsa::cli {

Message status_word(std::string_view key) {
    // Spanish and French agree these with the record they describe: a member (masculine), an
    // activity or a task (feminine); the keys do not overlap between them.
    static const std::map<std::string, const char*> words = {
        {"applicant", N_("applicant")}, {"active", N_("active")},
        {"suspended", N_("suspended")}, {"withdrawn", N_("withdrawn")},
        {"planned", N_("planned")},     {"in_progress", N_("in_progress")},
        {"done", N_("done")},           {"delayed", N_("delayed")},
        {"cancelled", N_("cancelled")}, {"open", N_("open")},
        {"dropped", N_("dropped")},
    };
    const auto it = words.find(std::string(key));
    return it == words.end() ? Message(std::string(key)) : Message::translatable(it->second, {});
}

}  // namespace nacsa::cli
