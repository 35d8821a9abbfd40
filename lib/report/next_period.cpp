#include "report/sections.hpp"

namespace nacsa::report::detail {

Section next_period_section(const Inputs& in) {
    const bool quarter = Quarter::parse(in.period.label).has_value();
    Section section{"next_period",
                    quarter ? in.tr("Next quarter") : in.tr("Next period"),
                    true,
                    {},
                    {},
                    {},
                    {},
                    {}};
    return section;
}

}  // namespace nacsa::report::detail
