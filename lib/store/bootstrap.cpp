#include "store/bootstrap.hpp"

namespace nacsa::store {

std::string bootstrap(Store& /*store*/) { return {}; }

}  // namespace nacsa::store
