#include "report/sections.hpp"

namespace nacsa::report::detail {

Section meetings_section(const Inputs& in) {
    Section section{"meetings", in.tr("Meetings"), true, {}, {}, {}, {}, {}};
    if (!has_table(in.store.db(), "meeting")) {
        section.available = false;
    }
    return section;
}

}  // namespace nacsa::report::detail
