// SPDX-License-Identifier: Apache-2.0
#include <nettle/hmac.h>

#include "ondemand/module.hpp"

namespace nacsa::ondemand {

void hmac_sha256(const unsigned char* key, std::size_t key_size, std::string_view value,
                 unsigned char* out) {
    hmac_sha256_ctx ctx{};
    hmac_sha256_set_key(&ctx, key_size, key);
    hmac_sha256_update(&ctx, value.size(), reinterpret_cast<const std::uint8_t*>(value.data()));
    hmac_sha256_digest(&ctx, SHA256_DIGEST_SIZE, out);
}

}  // namespace nacsa::ondemand
