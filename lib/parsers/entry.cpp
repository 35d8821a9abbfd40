// SPDX-License-Identifier: Apache-2.0
#include "parsers/api.hpp"

namespace {

const nacsa::parsers::Api k_api = {
    yaml_parser_initialize,
    yaml_parser_delete,
    yaml_parser_set_input_string,
    yaml_parser_set_input_file,
    yaml_parser_set_input,
    yaml_parser_set_encoding,
    yaml_parser_parse,
    yaml_event_delete,
    csv_init,
    csv_parse,
    csv_fini,
    csv_free,
    csv_error,
    csv_strerror,
    csv_set_delim,
    csv_set_blk_size,
};

}  // namespace

extern "C" __attribute__((visibility("default"))) const nacsa::parsers::Api*
nacsa_parsers_api_v1() {
    return &k_api;
}
