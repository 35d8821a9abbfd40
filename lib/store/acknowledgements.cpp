// SPDX-License-Identifier: Apache-2.0
#include "store/acknowledgements.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/error.hpp"
#include "core/text.hpp"
#include "store/sql.hpp"

namespace nacsa::store {

namespace {

std::string acknowledgement_text(const Acknowledgement& a) {
    return a.until ? fmt::format("until {}: {}", format_date(*a.until), a.reason) : a.reason;
}

std::map<std::string, Acknowledgement> in_force(Store& store, const std::string& area, Date today) {
    SQLite::Statement q(store.db(),
                        "SELECT key, reason, until, acked_at FROM finding_ack WHERE area = ? AND "
                        "(until IS NULL OR until >= ?)");
    q.bind(1, area);
    q.bind(2, format_date(today));
    std::map<std::string, Acknowledgement> out;
    while (q.executeStep()) {
        Acknowledgement a;
        a.area = area;
        a.key = q.getColumn(0).getString();
        a.reason = q.getColumn(1).getString();
        if (!q.getColumn(2).isNull()) {
            a.until = parse_date(q.getColumn(2).getString());
        }
        a.acked_at = q.getColumn(3).getString();
        out.emplace(a.key, std::move(a));
    }
    return out;
}

}  // namespace

void acknowledge(Store& store, const std::string& area, const std::string& key,
                 const std::string& reason, std::optional<Date> until,
                 const std::vector<output::Finding>& current) {
    const auto trimmed = std::string(text::trim(reason));
    if (trimmed.empty()) {
        throw ValidationError({Diagnostic{
            .field = "reason", .message = msg("say why the finding may be left as it is")}});
    }
    store.transaction([&] {
        if (until && *until < store.today()) {
            throw ValidationError(
                {Diagnostic{.field = "until",
                            .message = msg("{} is before today ({})", format_date(*until),
                                           format_date(store.today()))}});
        }
        const bool found = std::any_of(current.begin(), current.end(), [&](const auto& f) {
            return output::finding_key(f) == key;
        });
        if (!found) {
            throw NotFoundError(msg(
                "\"{}\" is not a finding of `nacsa {} check` today (a key is RULE:RECORD, as the "
                "check's rule and record columns show)",
                text::escape_control(key), area));
        }
        SQLite::Statement put(store.db(),
                              "INSERT INTO finding_ack (area, key, reason, until, acked_at) "
                              "VALUES (?, ?, ?, ?, ?) ON CONFLICT (area, key) DO UPDATE SET "
                              "reason = excluded.reason, until = excluded.until, "
                              "acked_at = excluded.acked_at");
        put.bind(1, area);
        put.bind(2, key);
        put.bind(3, trimmed);
        store::bind(put, 4, until);
        put.bind(5, format_timestamp(now()));
        put.exec();
        store.audit("finding", area + " " + key,
                    until ? fmt::format("acknowledged until {}: {}", format_date(*until), trimmed)
                          : fmt::format("acknowledged: {}", trimmed));
    });
}

void withdraw_acknowledgement(Store& store, const std::string& area, const std::string& key) {
    store.transaction([&] {
        SQLite::Statement del(store.db(), "DELETE FROM finding_ack WHERE area = ? AND key = ?");
        del.bind(1, area);
        del.bind(2, key);
        if (del.exec() == 0) {
            throw NotFoundError(msg("\"{}\" is not an acknowledged finding of `nacsa {} check`",
                                    text::escape_control(key), area));
        }
        store.audit("finding", area + " " + key, "acknowledgement withdrawn");
    });
}

AcknowledgedFindings apply_acknowledgements(Store& store, const std::string& area,
                                            std::vector<output::Finding> findings, Date today,
                                            bool all) {
    AcknowledgedFindings out;
    const auto acks = in_force(store, area, today);
    for (auto& f : findings) {
        const auto a = acks.find(output::finding_key(f));
        if (a == acks.end()) {
            out.shown.push_back(std::move(f));
            continue;
        }
        ++out.silenced;
        if (all) {
            f.acknowledged = acknowledgement_text(a->second);
            out.shown.push_back(std::move(f));
        }
    }
    return out;
}

}  // namespace nacsa::store
