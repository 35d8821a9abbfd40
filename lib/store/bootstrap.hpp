#pragma once

#include <string>

#include "store/store.hpp"

namespace nacsa::store {

// What `nacsa init` sets up from the configuration once the store exists (for example the
// working groups the configuration lists). Returns a short summary, empty when nothing was done.
std::string bootstrap(Store& store);

}  // namespace nacsa::store
