// SPDX-License-Identifier: Apache-2.0
#include "report/meeting_document.hpp"

#include <fmt/format.h>

#include <set>

#include "core/error.hpp"
#include "meetings/meetings.hpp"
#include "members/lookup.hpp"
#include "output/pdf.hpp"
#include "report/render.hpp"
#include "report/sections.hpp"
#include "wg/wg.hpp"

namespace nacsa::report {

namespace mt = meetings;

namespace {

constexpr int k_blank_rows = 6;  // for people who come without an invitation

// What the documents need besides the meeting: names for member ids, and the words.
struct Context {
    store::Store& store;
    const Translator& tr;
    std::map<std::string, members::MemberRef> names;

    [[nodiscard]] std::string member_name(const std::string& id) const {
        const auto it = names.find(id);
        return it == names.end() ? id : it->second.name;
    }
};

std::string attendance_label(mt::Attendance a, const Translator& tr) {
    switch (a) {
        case mt::Attendance::present:
            return tr("Present");
        case mt::Attendance::excused:
            return tr("Excused");
        case mt::Attendance::absent:
            return tr("Absent");
        case mt::Attendance::represented:
            return tr("Represented");
    }
    return mt::attendance_name(a);
}

std::string role_label(mt::InviteeRole role, const Translator& tr) {
    switch (role) {
        case mt::InviteeRole::voting:
            return tr("Voting member");
        case mt::InviteeRole::observer:
            return tr("Observer");
        case mt::InviteeRole::guest:
            return tr("Guest");
    }
    return mt::role_name(role);
}

// The minutes say how a decision without counted votes was adopted.
std::string outcome_label(const mt::Decision& d, const Translator& tr) {
    return d.outcome == mt::DecisionOutcome::adopted && !d.tally.any()
               ? tr("adopted by consensus")
               : detail::outcome_label(tr, d.outcome);
}

std::string action_status_label(mt::ActionStatus s, const Translator& tr) {
    switch (s) {
        case mt::ActionStatus::open:
            return tr("Open");
        case mt::ActionStatus::done:
            return tr("Done");
        case mt::ActionStatus::dropped:
            return tr("Dropped");
    }
    return mt::status_name(s);
}

// "15 July 2026, 10:00–12:00 (America/Santiago)".
std::string when(const mt::Meeting& m, const Translator& tr) {
    const auto start = mt::to_local(m.starts_at, m.time_zone);
    const auto end =
        mt::to_local(m.starts_at + std::chrono::minutes(m.duration_minutes), m.time_zone);
    return fmt::format("{}, {:02}:{:02}–{:02}:{:02} ({})", tr.date(start.date), start.hour,
                       start.minute, end.hour, end.minute, m.time_zone);
}

std::vector<std::pair<std::string, std::string>> meta(const Context& c, const mt::Meeting& m) {
    const auto& tr = c.tr;
    std::vector<std::pair<std::string, std::string>> out{
        {tr("Meeting"), fmt::format("{} – {}", m.id, m.title)},
        {tr("Kind"), detail::meeting_kind_label(m.kind, tr)},
        {tr("Convened for"), mt::body_label(c.store, m.body, tr)},
        {tr("Date"), when(m, tr)}};
    if (m.place) {
        out.emplace_back(tr("Place"), *m.place);
    }
    if (m.online_link) {
        out.emplace_back(tr("Online"), *m.online_link);
    }
    return out;
}

Section agenda_section(const std::vector<mt::AgendaItem>& items, const Translator& tr) {
    Section section{.key = "agenda", .title = tr("Agenda")};
    Table table{"agenda",
                tr("Items"),
                {{"position", tr("No."), ValueKind::integer},
                 {"item", tr("Item")},
                 {"presenter", tr("Presenter"), ValueKind::text, Personal::yes}},
                {},
                tr("No agenda item has been added yet.")};
    for (const auto& item : items) {
        table.rows.push_back({static_cast<std::int64_t>(item.position), item.title,
                              item.presenter ? Value{*item.presenter} : Value{}});
    }
    section.tables.push_back(std::move(table));
    return section;
}

Table action_table(const Context& c, const std::string& key, const std::string& title,
                   const std::vector<mt::ActionItem>& items, const std::string& empty,
                   bool with_meeting) {
    const auto& tr = c.tr;
    Table table{key,
                title,
                {{"action_item", tr("Action item")},
                 {"title", tr("Title")},
                 {"owner", tr("Owner"), ValueKind::text, Personal::yes},
                 {"due", tr("Due"), ValueKind::date},
                 {with_meeting ? "meeting" : "status",
                  with_meeting ? tr("From the meeting") : tr("Status")}},
                {},
                empty};
    for (const auto& a : items) {
        const auto owner = a.owner_member ? c.member_name(*a.owner_member) : a.owner();
        table.rows.push_back(
            {a.id, a.title, owner.empty() ? Value{} : Value{owner},
             a.due ? Value{format_date(*a.due)} : Value{},
             with_meeting ? Value{a.meeting_id.value_or("")} : action_status_label(a.status, tr)});
    }
    return table;
}

std::string invitee_name(const Context& c, const mt::Invitee& i) {
    return i.member_id ? c.member_name(*i.member_id) : i.person.value_or("");
}

// Attendance and quorum, as recorded.
Section attendance_section(const Context& c, const mt::MeetingRecord& r) {
    const auto& tr = c.tr;
    Section section{.key = "attendance", .title = tr("Attendance and quorum")};
    const bool recorded = r.meeting.attendance_at.has_value();
    const auto& q = r.quorum;
    section.notes.push_back(
        !recorded ? tr("No attendance has been recorded yet.")
        : q.met
            ? fmt::format(fmt::runtime(tr("{present} of {invited} voting members present or "
                                          "represented; {required} required: the quorum was met.")),
                          fmt::arg("present", q.voting_present),
                          fmt::arg("invited", q.voting_invited), fmt::arg("required", q.required))
            : fmt::format(fmt::runtime(tr("{present} of {invited} voting members present or "
                                          "represented; {required} required: no quorum.")),
                          fmt::arg("present", q.voting_present),
                          fmt::arg("invited", q.voting_invited), fmt::arg("required", q.required)));
    Table table{"attendance",
                tr("Invitees"),
                {{"invitee", tr("Invitee"), ValueKind::text, Personal::yes},
                 {"role", tr("Role")},
                 {"attendance", tr("Attendance")},
                 {"represented_by", tr("Represented by"), ValueKind::text, Personal::yes}},
                {},
                tr("Nobody is invited.")};
    for (const auto& i : r.invitees) {
        table.rows.push_back({invitee_name(c, i), role_label(i.role, tr),
                              i.attendance ? Value{attendance_label(*i.attendance, tr)} : Value{},
                              i.represented_by ? Value{*i.represented_by} : Value{}});
    }
    section.tables.push_back(std::move(table));
    const auto people = mt::participants(c.store, r.meeting.id);
    if (!people.empty()) {
        Table who{
            "participants",
            tr("People who took part"),
            {{"name", tr("Name"), ValueKind::text, Personal::yes}, {"for", tr("Organisation")}},
            {},
            ""};
        for (const auto& p : people) {
            who.rows.push_back(
                {p.name, p.member_id ? Value{c.member_name(*p.member_id)} : Value{tr("Guest")}});
        }
        section.tables.push_back(std::move(who));
    }
    return section;
}

Section decisions_section(const std::vector<mt::Decision>& decisions, const Translator& tr) {
    Section section{.key = "decisions", .title = tr("Decisions")};
    Table table{"decisions",
                tr("Decisions taken"),
                {{"number", tr("No."), ValueKind::integer},
                 {"text", tr("Decision")},
                 {"outcome", tr("Outcome")},
                 {"votes_for", tr("For"), ValueKind::integer},
                 {"votes_against", tr("Against"), ValueKind::integer},
                 {"votes_abstain", tr("Abstentions"), ValueKind::integer}},
                {},
                tr("No decision was recorded.")};
    const auto votes = [](const std::optional<int>& n) {
        return n ? Value{static_cast<std::int64_t>(*n)} : Value{};
    };
    for (const auto& d : decisions) {
        table.rows.push_back({static_cast<std::int64_t>(d.number), d.text, outcome_label(d, tr),
                              votes(d.tally.votes_for), votes(d.tally.votes_against),
                              votes(d.tally.votes_abstain)});
    }
    section.tables.push_back(std::move(table));
    return section;
}

Section minutes_text_section(const mt::Meeting& m, const Translator& tr) {
    Section section{.key = "minutes", .title = tr("Minutes")};
    if (!m.minutes || m.minutes->empty()) {
        section.notes.push_back(m.minutes_file
                                    ? fmt::format(fmt::runtime(tr("The minutes are in {file}.")),
                                                  fmt::arg("file", *m.minutes_file))
                                    : tr("No minutes have been recorded yet."));
        return section;
    }
    // Paragraphs: the text's blank-line-separated blocks.
    std::string paragraph;
    const auto flush = [&] {
        if (!paragraph.empty()) {
            section.notes.push_back(paragraph);
            paragraph.clear();
        }
    };
    std::size_t at = 0;
    const auto& text = *m.minutes;
    while (at <= text.size()) {
        const auto end = std::min(text.find('\n', at), text.size());
        const auto line = text.substr(at, end - at);
        if (line.find_first_not_of(" \t\r") == std::string::npos) {
            flush();
        } else {
            paragraph += (paragraph.empty() ? "" : " ") + line;
        }
        at = end + 1;
    }
    flush();
    return section;
}

// The sheet people sign as they arrive: each invitee, then blank rows.
Section sheet_section(const Context& c, const mt::MeetingRecord& r) {
    const auto& tr = c.tr;
    Section section{.key = "attendance_sheet", .title = tr("Attendance sheet")};
    Table table{"attendance_sheet",
                tr("Please sign on arrival"),
                {{"number", tr("No."), ValueKind::integer},
                 {"invitee", tr("Organisation or name"), ValueKind::text, Personal::yes},
                 {"role", tr("Role")},
                 {"representative", tr("Name of the person attending")},
                 {"signature", tr("Signature")}},
                {},
                ""};
    table.to_sign = true;
    std::int64_t n = 0;
    for (const auto& i : r.invitees) {
        table.rows.push_back({++n, invitee_name(c, i), role_label(i.role, tr), Value{}, Value{}});
    }
    for (int k = 0; k < k_blank_rows; ++k) {
        table.rows.push_back({++n, Value{}, Value{}, Value{}, Value{}});
    }
    section.tables.push_back(std::move(table));
    return section;
}

std::string language_of(store::Store& store, const mt::Meeting& m, const std::string& asked) {
    if (!asked.empty()) {
        return asked;
    }
    return m.language && !m.language->empty() ? *m.language : store.alliance().language;
}

std::vector<std::string> member_ids(const mt::MeetingRecord& r,
                                    const std::vector<mt::ActionItem>& actions,
                                    const std::vector<mt::Participant>& participants) {
    std::set<std::string> ids;
    for (const auto& i : r.invitees) {
        if (i.member_id) {
            ids.insert(*i.member_id);
        }
    }
    for (const auto& p : participants) {
        if (p.member_id) {
            ids.insert(*p.member_id);
        }
    }
    for (const auto* list : {&r.carried, &actions}) {
        for (const auto& a : *list) {
            if (a.owner_member) {
                ids.insert(*a.owner_member);
            }
        }
    }
    return {ids.begin(), ids.end()};
}

}  // namespace

std::optional<MeetingDocumentKind> parse_meeting_document_kind(const std::string& name) {
    if (name == "agenda") {
        return MeetingDocumentKind::agenda;
    }
    if (name == "minutes") {
        return MeetingDocumentKind::minutes;
    }
    if (name == "attendance") {
        return MeetingDocumentKind::attendance;
    }
    return std::nullopt;
}

Report build_meeting_document(store::Store& store, const MeetingDocumentRequest& request) {
    const auto record = mt::meeting_record(store, request.meeting_id);
    const auto& m = record.meeting;
    const Translator tr(language_of(store, m, request.language));
    const auto actions = mt::list_action_items(store, {.meeting_id = m.id});
    const Context c{
        store, tr,
        members::member_refs(store, member_ids(record, actions, mt::participants(store, m.id)))};

    Report doc;
    doc.language = tr.language();
    doc.alliance_name = store.alliance().name;
    doc.alliance_short_name = store.alliance().short_name;
    doc.generated = store.today();
    doc.meta = meta(c, m);
    doc.page_per_section = false;
    switch (request.kind) {
        case MeetingDocumentKind::agenda:
            doc.title = tr("Agenda");
            doc.sections.push_back(agenda_section(record.agenda, tr));
            doc.sections.push_back(
                {.key = "carried",
                 .title = tr("Action items carried over"),
                 .tables = {action_table(c, "carried", tr("Open action items of earlier meetings"),
                                         record.carried, tr("No open action item is carried over."),
                                         true)}});
            break;
        case MeetingDocumentKind::minutes:
            doc.title = tr("Minutes");
            doc.sections.push_back(attendance_section(c, record));
            doc.sections.push_back(agenda_section(record.agenda, tr));
            doc.sections.push_back(decisions_section(record.decisions, tr));
            doc.sections.push_back(
                {.key = "action_items",
                 .title = tr("Action items"),
                 .tables = {action_table(c, "action_items", tr("Agreed"), actions,
                                         tr("No action item was agreed."), false)}});
            doc.sections.push_back(minutes_text_section(m, tr));
            break;
        case MeetingDocumentKind::attendance:
            doc.title = tr("Attendance sheet");
            doc.sections.push_back(sheet_section(c, record));
            break;
    }
    return doc;
}

Document produce_meeting_document(store::Store& store, const MeetingDocumentRequest& request) {
    if (request.format != Format::md && request.format != Format::html &&
        request.format != Format::pdf) {
        throw UsageError(msg("a meeting document is written as md, html or pdf"));
    }
    const auto engine = request.format == Format::pdf
                            ? std::optional(output::find_pdf_engine(request.pdf_engine))
                            : std::nullopt;
    const auto doc = build_meeting_document(store, request);
    std::string text;
    if (request.format == Format::md) {
        text = render_markdown(doc);
    } else {
        text = render_html(doc);
        if (request.format == Format::pdf) {
            text = output::html_to_pdf(text, engine.value(), now());
        }
    }
    // Who was invited and who came: owner only, like every record of people.
    return Document{std::move(text), Period{}, true, {}, {}};
}

}  // namespace nacsa::report
