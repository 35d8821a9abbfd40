// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <csv.h>
#include <yaml.h>

#include <cstddef>
#include <cstdio>

// The parsing libraries of imports, dumps and the configuration's guard: libyaml (streaming YAML
// events) and libcsv. --version, --help and completion read no YAML nor CSV, and two more
// libraries in the program's list cost each start their loading and a longer symbol search
// (about a tenth of a bare start), so they are a shared module of their own
// (libnacsa-parsers.so), loaded the first time a command parses (core/ondemand.hpp). The module
// is a table of the libraries' own functions; callers keep the libraries' types and headers.
namespace nacsa::parsers {

// A new version of the module may only add members at the end.
struct Api {
    int (*yaml_parser_initialize)(yaml_parser_t* parser);
    void (*yaml_parser_delete)(yaml_parser_t* parser);
    void (*yaml_parser_set_input_string)(yaml_parser_t* parser, const unsigned char* input,
                                         std::size_t size);
    void (*yaml_parser_set_input_file)(yaml_parser_t* parser, std::FILE* file);
    void (*yaml_parser_set_input)(yaml_parser_t* parser, yaml_read_handler_t* handler, void* data);
    void (*yaml_parser_set_encoding)(yaml_parser_t* parser, yaml_encoding_t encoding);
    int (*yaml_parser_parse)(yaml_parser_t* parser, yaml_event_t* event);
    void (*yaml_event_delete)(yaml_event_t* event);

    int (*csv_init)(struct csv_parser* parser, unsigned char options);
    std::size_t (*csv_parse)(struct csv_parser* parser, const void* data, std::size_t size,
                             void (*on_field)(void*, std::size_t, void*),
                             void (*on_row)(int, void*), void* context);
    int (*csv_fini)(struct csv_parser* parser, void (*on_field)(void*, std::size_t, void*),
                    void (*on_row)(int, void*), void* context);
    void (*csv_free)(struct csv_parser* parser);
    int (*csv_error)(struct csv_parser* parser);
    char* (*csv_strerror)(int error);
    void (*csv_set_delim)(struct csv_parser* parser, unsigned char delimiter);
    void (*csv_set_blk_size)(struct csv_parser* parser, std::size_t size);
};

// The module's one exported function: the table of its functions.
#define NACSA_PARSERS_ENTRY "nacsa_parsers_api_v1"
using Entry = const Api* (*)();

}  // namespace nacsa::parsers
