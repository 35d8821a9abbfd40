#include "report/sections.hpp"

namespace nacsa::report::detail {

Section plan_section(const Inputs& in) {
    Section section{"plan", in.tr("Activity plan"), true, {}, {}, {}, {}, {}};
    if (!has_table(in.store.db(), "activity")) {
        section.available = false;
    }
    return section;
}

}  // namespace nacsa::report::detail
