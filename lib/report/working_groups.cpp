#include "report/sections.hpp"

namespace nacsa::report::detail {

Section working_groups_section(const Inputs& in) {
    Section section{"working_groups", in.tr("Working groups"), true, {}, {}, {}, {}, {}};
    if (!has_table(in.store.db(), "working_group")) {
        section.available = false;
    }
    return section;
}

}  // namespace nacsa::report::detail
