#include "member.hpp"

namespace nacsa::cli {

void register_member_transfer(CLI::App& member, Context& ctx) {
    (void)member;
    (void)ctx;
}

}  // namespace nacsa::cli
