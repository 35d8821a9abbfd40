#include "report/sections.hpp"

namespace nacsa::report::detail {

Section governance_section(const Inputs& in) {
    Section section{"governance", in.tr("Governance"), true, {}, {}, {}, {}, {}};
    if (!has_table(in.store.db(), "seat")) {
        section.available = false;
    }
    return section;
}

}  // namespace nacsa::report::detail
