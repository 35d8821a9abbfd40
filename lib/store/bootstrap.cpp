#include "store/bootstrap.hpp"

#include <fmt/format.h>

#include "wg/wg.hpp"

namespace nacsa::store {

std::string bootstrap(Store& store) {
    const int groups = wg::create_configured_groups(store);
    if (groups == 0) {
        return {};
    }
    return fmt::format("{} working group{} created", groups, groups == 1 ? "" : "s");
}

}  // namespace nacsa::store
