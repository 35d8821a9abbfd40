// SPDX-License-Identifier: Apache-2.0
// nacsa: the command-line toolkit of a National Civil Society Alliance's secretariat.
#include "app.hpp"

int main(int argc, char** argv) {
    return nacsa::cli::run(argc, argv);
}
