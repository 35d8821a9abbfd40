// SPDX-License-Identifier: Apache-2.0
// The layout of the store module's tables in a dump (man 5 nacsa-dump).
#include <SQLiteCpp/Statement.h>

#include "store/dump.hpp"

namespace nacsa::store {

using dump::Column;
using dump::Kind;
using dump::Personal;
using dump::required;

dump::File store_dump_file() {
    return {
        .name = "store.yaml",
        .title = "the store's own records and the alliance configuration, each version applied",
        .tables =
            {
                {.name = "meta",
                 .order_by = "key",
                 .columns = {required("key"),
                             // created_by: the OS user who made the store
                             {.name = "value",
                              .required = true,
                              .personal = Personal::pseudonym,
                              .personal_if =
                                  [](const dump::Row& row) {
                                      return row[0].text == "created_by";
                                  }}}},
                {.name = "config",
                 .order_by = "id",
                 .columns =
                     {required("id", Kind::integer),
                      {.name = "yaml", .required = true, .max_bytes = dump::k_max_file_bytes},
                      required("file_name"),
                      required("applied_at", Kind::timestamp)}},
                {.name = "finding_ack",
                 .order_by = "id",
                 .columns = {required("id", Kind::integer),
                             required("area"),
                             required("key"),
                             required("reason"),
                             {.name = "until", .kind = Kind::date},
                             required("acked_at", Kind::timestamp)}},
            },
        // The configuration parses and holds together (ConfigError, exit 78, otherwise): the
        // files after this one are checked against it.
        .after_load =
            [](Store& store, const std::string& file) {
                SQLite::Statement any(store.db(), "SELECT 1 FROM config LIMIT 1");
                if (!any.executeStep()) {
                    throw ValidationError({Diagnostic{
                        .file = file,
                        .field = "config",
                        .message = msg("is empty: a store holds at least the configuration it "
                                       "was made with")}});
                }
                (void)store.alliance();
            },
    };
}

dump::File audit_dump_file() {
    return {
        .name = "audit.yaml",
        .title = "the audit log: every change, oldest first",
        .tables = {{
            .name = "audit",
            .order_by = "id",
            .columns = {required("id", Kind::integer),
                        required("at", Kind::timestamp),
                        {.name = "os_user", .required = true, .personal = Personal::pseudonym},
                        required("command"),
                        required("record_kind"),
                        required("record_id"),
                        // an entry linked to a contact may name the person
                        {.name = "summary",
                         .required = true,
                         .personal = Personal::withhold,
                         .personal_if =
                             [](const dump::Row& row) {
                                 return row[7].type != dump::Value::Type::null;
                             }},
                        {.name = "contact_id", .kind = Kind::integer}},
        }},
    };
}

}  // namespace nacsa::store
