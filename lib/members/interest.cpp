// SPDX-License-Identifier: Apache-2.0
#include "members/interest.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <array>

#include "core/error.hpp"
#include "core/names.hpp"
#include "core/text.hpp"
#include "members/lookup.hpp"
#include "store/sql.hpp"

namespace nacsa::members {

namespace {

constexpr std::array<std::string_view, 4> k_kind_names = {"steering_committee", "secretariat",
                                                          "coordinator", "working_group_lead"};
constexpr std::array<std::string_view, 3> k_status_names = {"open", "withdrawn", "fulfilled"};

[[noreturn]] void invalid(const std::string& field, Message message) {
    throw ValidationError({Diagnostic{.field = field, .message = std::move(message)}});
}

Interest read_interest(SQLite::Statement& q) {
    Interest i;
    i.id = q.getColumn(0).getInt64();
    i.member_id = q.getColumn(1).getString();
    i.member_name = q.getColumn(2).getString();
    i.kind =
        parse_interest_kind(q.getColumn(3).getString()).value_or(InterestKind::steering_committee);
    i.date = store::date(q.getColumn(4));
    i.statement = store::text(q.getColumn(5));
    i.status = parse_interest_status(q.getColumn(6).getString()).value_or(InterestStatus::open);
    i.working_group = store::text(q.getColumn(7));
    return i;
}

}  // namespace

std::string_view kind_name(InterestKind kind) {
    return k_kind_names.at(static_cast<std::size_t>(kind));
}
std::optional<InterestKind> parse_interest_kind(std::string_view name) {
    return enum_named<InterestKind>(k_kind_names, name);
}
std::string_view status_name(InterestStatus status) {
    return k_status_names.at(static_cast<std::size_t>(status));
}
std::optional<InterestStatus> parse_interest_status(std::string_view name) {
    return enum_named<InterestStatus>(k_status_names, name);
}
std::string known_interest_kinds() {
    return join_names(k_kind_names);
}
std::string known_interest_statuses() {
    return join_names(k_status_names);
}

std::int64_t add_interest(store::Store& store, const InterestRequest& request) {
    const bool lead = request.kind == InterestKind::working_group_lead;
    if (lead && request.working_group.empty()) {
        invalid("working-group", msg("an interest in leading a working group names the group"));
    }
    if (!lead && !request.working_group.empty()) {
        invalid("working-group", msg("only an interest in leading a working group names a group"));
    }
    std::int64_t id = 0;
    store.transaction([&] {
        const auto member = resolve_member(store, request.member);
        auto& db = store.db();
        SQLite::Statement dup(db,
                              "SELECT id FROM interest WHERE member_id = ? AND kind = ? AND "
                              "status = 'open' AND IFNULL(working_group, '') = ?");
        dup.bind(1, member.id);
        dup.bind(2, std::string(kind_name(request.kind)));
        dup.bind(3, request.working_group);
        if (dup.executeStep()) {
            invalid("for", msg("{} already has an open expression of interest in {} "
                               "(interest {})",
                               member.id, kind_name(request.kind), dup.getColumn(0).getInt64()));
        }
        const Date date = request.date.value_or(store.today());
        SQLite::Statement ins(db,
                              "INSERT INTO interest (member_id, kind, date, statement, "
                              "working_group) VALUES (?, ?, ?, ?, ?)");
        ins.bind(1, member.id);
        ins.bind(2, std::string(kind_name(request.kind)));
        store::bind(ins, 3, date);
        store::bind_nonempty(ins, 4, request.statement);
        store::bind_nonempty(ins, 5, request.working_group);
        ins.exec();
        id = db.getLastInsertRowid();
        store.audit("interest", std::to_string(id),
                    fmt::format("{} expressed interest in {} on {}", member.id,
                                kind_name(request.kind), format_date(date)));
    });
    return id;
}

void withdraw_interest(store::Store& store, std::int64_t id) {
    store.transaction([&] {
        auto& db = store.db();
        SQLite::Statement q(db, "SELECT member_id, kind, status FROM interest WHERE id = ?");
        q.bind(1, static_cast<int64_t>(id));
        if (!q.executeStep()) {
            throw NotFoundError(
                msg("no expression of interest {} (see 'nacsa committee interest list')", id));
        }
        const std::string member = q.getColumn(0).getString();
        const std::string kind = q.getColumn(1).getString();
        const std::string status = q.getColumn(2).getString();
        if (status != "open") {
            invalid("interest", msg("interest {} is {}, not open", id, status));
        }
        SQLite::Statement u(db, "UPDATE interest SET status = 'withdrawn' WHERE id = ?");
        u.bind(1, static_cast<int64_t>(id));
        u.exec();
        store.audit("interest", std::to_string(id),
                    fmt::format("{} withdrew its interest in {}", member, kind));
    });
}

void fulfil_interest(store::Store& store, const std::string& member_id, InterestKind kind) {
    SQLite::Statement u(store.db(),
                        "UPDATE interest SET status = 'fulfilled' WHERE member_id = ? AND kind = ? "
                        "AND status = 'open'");
    u.bind(1, member_id);
    u.bind(2, std::string(kind_name(kind)));
    u.exec();
}

std::vector<Interest> list_interest(store::Store& store, const InterestQuery& query) {
    std::optional<std::string> member;
    if (query.member) {
        member = resolve_member(store, *query.member).id;
    }
    SQLite::Statement q(store.db(),
                        "SELECT i.id, i.member_id, m.name, i.kind, i.date, i.statement, i.status, "
                        "i.working_group FROM interest i JOIN member m ON m.id = i.member_id "
                        "WHERE (?1 IS NULL OR i.member_id = ?1) AND (?2 IS NULL OR i.kind = ?2) "
                        "AND (?3 IS NULL OR i.status = ?3) ORDER BY i.date, i.id");
    store::bind(q, 1, member);
    store::bind(q, 2,
                query.kind ? std::optional<std::string>(kind_name(*query.kind)) : std::nullopt);
    store::bind(
        q, 3, query.status ? std::optional<std::string>(status_name(*query.status)) : std::nullopt);
    std::vector<Interest> out;
    while (q.executeStep()) {
        out.push_back(read_interest(q));
    }
    return out;
}

bool expressed_interest(store::Store& store, const std::string& member_id, InterestKind kind,
                        std::optional<Date> as_of) {
    SQLite::Statement q(store.db(),
                        "SELECT 1 FROM interest WHERE member_id = ? AND kind = ? AND "
                        "status != 'withdrawn' AND (?3 IS NULL OR date <= ?3)");
    q.bind(1, member_id);
    q.bind(2, std::string(kind_name(kind)));
    store::bind(q, 3, as_of);
    return q.executeStep();
}

int erase_name_in_statements(store::Store& store, const std::string& member_id,
                             const std::vector<std::string>& names) {
    constexpr std::string_view erased = "[personal data erased]";
    int changed = 0;
    store.transaction([&] {
        std::vector<std::pair<std::int64_t, std::string>> edits;
        SQLite::Statement q(store.db(),
                            "SELECT id, statement FROM interest WHERE member_id = ? AND statement "
                            "IS NOT NULL");
        q.bind(1, member_id);
        while (q.executeStep()) {
            std::string statement = q.getColumn(1).getString();
            const std::string before = statement;
            for (const auto& name : names) {
                const auto trimmed = std::string(text::trim(name));
                if (trimmed.empty()) {
                    continue;
                }
                for (auto at = statement.find(trimmed); at != std::string::npos;
                     at = statement.find(trimmed, at + erased.size())) {
                    statement.replace(at, trimmed.size(), erased);
                }
                if (text::fold(statement).find(text::fold(trimmed)) != std::string::npos) {
                    statement = std::string(erased);  // named in another case or spelling
                }
            }
            if (statement != before) {
                edits.emplace_back(q.getColumn(0).getInt64(), std::move(statement));
            }
        }
        SQLite::Statement u(store.db(), "UPDATE interest SET statement = ? WHERE id = ?");
        for (const auto& [id, statement] : edits) {
            u.bind(1, statement);
            u.bind(2, static_cast<int64_t>(id));
            u.exec();
            u.reset();
        }
        changed = static_cast<int>(edits.size());
    });
    return changed;
}

}  // namespace nacsa::members
