// SPDX-License-Identifier: Apache-2.0
#include "ondemand/module.hpp"

namespace {

const nacsa::ondemand::Api k_api = {
    nacsa::ondemand::fold,          nacsa::ondemand::to_ascii,    nacsa::ondemand::display_width,
    nacsa::ondemand::collation_key, nacsa::ondemand::upper,       nacsa::ondemand::country,
    nacsa::ondemand::zone_known,    nacsa::ondemand::zone_info,   nacsa::ondemand::local_to_utc,
    nacsa::ondemand::icalendar,     nacsa::ondemand::hmac_sha256,
};

}  // namespace

extern "C" __attribute__((visibility("default"))) const nacsa::ondemand::Api*
nacsa_ondemand_api_v1() {
    return &k_api;
}
