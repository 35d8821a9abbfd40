// SPDX-License-Identifier: Apache-2.0
#include "member.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "checks.hpp"
#include "commands.hpp"
#include "config/value_matcher.hpp"
#include "core/files.hpp"
#include "core/text.hpp"
#include "governance/governance.hpp"
#include "meetings/meetings.hpp"
#include "members/format.hpp"
#include "members/members.hpp"
#include "members/people.hpp"
#include "output/table.hpp"
#include "wg/wg.hpp"
#include "workflows/workflows.hpp"

namespace nacsa::cli {

namespace {

using output::text_cell;

// The member fields that `member add` and `member edit` take as options.
struct MemberFieldOptions {
    std::optional<std::string> id, name, acronym, type, region, city, website, email, phone, joined,
        status, ecosoc, net4u, notes;
    // Comma-separated keys, repeatable (add_joined_list_option): `--service ""` empties the
    // list, `--theme ""` is refused (a member needs a thematic area).
    std::optional<std::string> themes, services, interest;
    std::vector<std::string> clear;  // edit only
};

struct ContactFieldOptions {
    std::optional<std::string> name, position, email, phone, gender, consent;
    bool primary_flag = false;           // add: --primary
    std::optional<std::string> primary;  // edit: --primary yes|no
};

struct ShowOptions {
    std::string member;
};

struct ListOptions {
    std::optional<std::string> status, type, region, theme, service, since, until, search;
};

// `member contact list`: the member-list filters.
struct ContactListOptions {
    ListOptions filter;
    bool redact = false;
};

// `member emails`: one source of people, a form and which contacts.
struct EmailsOptions {
    ListOptions filter;  // a filtered member list (the default source)
    bool committee = false;
    std::optional<std::string> wg, meeting, as_of, as, output;
    bool all_contacts = false;
    bool redact = false;
};

struct EditOptions {
    std::string member;
    MemberFieldOptions fields;
};

struct StatusOptions {
    std::string member;
    std::string status;
    std::string reason;
    std::optional<std::string> date;
    bool correct = false;
};

struct ContactAddOptions {
    std::string member;
    ContactFieldOptions fields;
};

struct ContactEditOptions {
    std::string member;
    std::string contact;
    ContactFieldOptions fields;
};

struct ContactRemoveOptions {
    std::string member;
    std::string contact;
    bool yes = false;
};

// Keys given as one option, comma-separated: trimmed, empty ones left out.
std::optional<std::vector<std::string>> keys(const std::optional<std::string>& given) {
    if (!given) {
        return std::nullopt;
    }
    return text::split_list(*given, ',');
}

std::optional<bool> yes_no(const std::optional<std::string>& value, const std::string& option) {
    if (!value) {
        return std::nullopt;
    }
    if (*value == "yes" || *value == "true") {
        return true;
    }
    if (*value == "no" || *value == "false") {
        return false;
    }
    throw UsageError(msg("{}: \"{}\" is not yes or no", option, *value));
}

void add_member_field_options(CLI::App* cmd, MemberFieldOptions& o, bool adding) {
    if (adding) {
        cmd->add_option("--id", o.id, "Id (default: a slug of the name)");
    }
    auto* name = cmd->add_option("--name", o.name, "Full name of the organisation");
    cmd->add_option("--acronym", o.acronym, "Acronym or short name");
    auto* type =
        cmd->add_option("--type", o.type, "Organisation type (a key of the configuration)");
    if (adding) {
        name->required();
        type->required();
    }
    cmd->add_option("--region", o.region, "Region (a key of the configuration)");
    cmd->add_option("--city", o.city, "City or commune");
    cmd->add_option("--website", o.website, "Web site (http:// or https://)");
    cmd->add_option("--email", o.email, "General e-mail address");
    cmd->add_option("--phone", o.phone, "General phone number");
    add_joined_list_option(cmd, "--theme", o.themes,
                           "Thematic areas (keys or labels; a,b or repeated)");
    add_joined_list_option(cmd, "--service", o.services,
                           "Services (keys or labels; a,b or repeated)");
    cmd->add_option("--joined", o.joined, "Date the organisation joined (not after today)")
        ->type_name("DATE");
    if (adding) {
        cmd->add_option("--status", o.status, "Initial status (default: active)")
            ->check(CLI::IsMember(members::status_names()));
    }
    add_joined_list_option(cmd, "--interest", o.interest,
                           "Roles of interest: steering_committee, secretariat, coordinator "
                           "(a,b or repeated)")
        ->type_name("KINDS");
    cmd->add_option("--ecosoc", o.ecosoc, "ECOSOC status: none, general, special, roster");
    cmd->add_option("--net4u", o.net4u, "Member of the regional network: yes or no")
        ->type_name("yes|no");
    cmd->add_option("--notes", o.notes, "Free-text notes");
    if (!adding) {
        cmd->add_option("--clear", o.clear,
                        "Empty a field: acronym, region, city, website, email, phone, services, "
                        "joined, interest, ecosoc, notes (repeatable)")
            ->type_name("FIELD")
            ->check(CLI::IsMember({"acronym", "region", "city", "website", "email", "phone",
                                   "services", "joined", "interest", "ecosoc", "notes"}));
    }
}

// `--clear FIELD`: the field given as empty; given with a value too, a usage error.
void clear_fields(const std::vector<std::string>& clear, members::MemberInput& in) {
    for (const auto& field : clear) {
        if (field == "services") {
            in.services = std::vector<std::string>{};
            continue;
        }
        if (field == "interest") {
            in.interest = std::vector<std::string>{};
            continue;
        }
        auto* target = field == "acronym"   ? &in.acronym
                       : field == "region"  ? &in.region
                       : field == "city"    ? &in.city
                       : field == "website" ? &in.website
                       : field == "email"   ? &in.email
                       : field == "phone"   ? &in.phone
                       : field == "joined"  ? &in.joined
                       : field == "ecosoc"  ? &in.ecosoc_status
                                            : &in.notes;
        if (target->has_value()) {
            throw UsageError(msg("--clear {} cannot be used with --{} ", field, field));
        }
        *target = std::string();
    }
}

members::MemberInput member_input(const MemberFieldOptions& o) {
    members::MemberInput in;
    in.id = o.id;
    in.name = o.name;
    in.acronym = o.acronym;
    in.type = o.type;
    in.region = o.region;
    in.city = o.city;
    in.website = o.website;
    in.email = o.email;
    in.phone = o.phone;
    in.thematic_areas = keys(o.themes);
    in.services = keys(o.services);
    in.joined = o.joined;
    (void)date_option(o.joined, "--joined");  // a bad date option is exit 2, as everywhere
    in.status = o.status;
    in.interest = keys(o.interest);
    in.ecosoc_status = o.ecosoc;
    in.net4u = yes_no(o.net4u, "--net4u");
    in.notes = o.notes;
    clear_fields(o.clear, in);
    return in;
}

void add_contact_field_options(CLI::App* cmd, ContactFieldOptions& o, bool adding) {
    if (adding) {
        cmd->add_option("--name", o.name, "Full name of the person")->required();
    } else {
        cmd->add_option("--name", o.name, "New name of the person");
    }
    cmd->add_option("--position", o.position, "Position or title");
    cmd->add_option("--email", o.email, "E-mail address");
    cmd->add_option("--phone", o.phone, "Phone number");
    cmd->add_option("--gender", o.gender, "female, male, non_binary or undisclosed")
        ->check(CLI::IsMember(members::k_genders));
    cmd->add_option("--consent", o.consent, "Date the person consented to data processing")
        ->type_name("DATE");
    if (adding) {
        cmd->add_flag("--primary", o.primary_flag, "The organisation's primary contact");
    } else {
        cmd->add_option("--primary", o.primary, "The primary contact: yes or no")
            ->type_name("yes|no");
    }
}

members::ContactInput contact_input(const ContactFieldOptions& o) {
    members::ContactInput in;
    in.name = o.name;
    in.position = o.position;
    in.email = o.email;
    in.phone = o.phone;
    in.gender = o.gender;
    in.consent = o.consent;
    in.primary = o.primary_flag ? std::optional<bool>(true) : yes_no(o.primary, "--primary");
    return in;
}

std::string history_line(const members::StatusChange& h) {
    const auto status = members::status_name(h.status);
    std::string line = h.reason.empty()
                           ? fmt::format("{} {}", format_date(h.date), status)
                           : fmt::format("{} {}: {}", format_date(h.date), status, h.reason);
    if (h.voided) {
        line += fmt::format(" [voided {}: {}]", format_date(*h.voided), h.void_reason);
    }
    return line;
}

std::string contact_line(const members::Contact& c) {
    std::string line = c.name;
    if (!c.position.empty()) {
        line += ", " + c.position;
    }
    if (!c.email.empty()) {
        line += " <" + c.email + ">";
    }
    if (!c.phone.empty()) {
        line += " " + c.phone;
    }
    line += " (" + c.gender + (c.primary ? ", primary" : "") +
            (c.consent.empty() ? "" : ", consent " + c.consent) + ")";
    return line;
}

output::Table member_record_table(const members::MemberRecord& record) {
    const auto& member = record.member;
    std::vector<std::string> history_lines;
    for (const auto& e : record.history) {
        history_lines.push_back(history_line(e));
    }
    std::vector<std::string> contact_lines;
    for (const auto& c : member.contacts) {
        contact_lines.push_back(contact_line(c));
    }
    output::Table table{
        {{"id", N_("ID")},
         {"name", N_("Name")},
         {"acronym", N_("Acronym")},
         {.key = "type", .header = N_("Type"), .label = output::Label::organisation_type},
         {.key = "region", .header = N_("Region"), .label = output::Label::region},
         {"city", N_("City")},
         {"website", N_("Website")},
         {"email", N_("E-mail")},
         {"phone", N_("Phone")},
         {.key = "thematic_areas",
          .header = N_("Thematic areas"),
          .label = output::Label::thematic_area},
         {.key = "services", .header = N_("Services"), .label = output::Label::service},
         {"joined", N_("Joined")},
         {.key = "status", .header = N_("Status"), .label = output::Label::status},
         {"interest", N_("Interest")},
         {"ecosoc_status", N_("ECOSOC status")},
         {"net4u", N_("NET4U")},
         {"notes", N_("Notes")},
         {"contacts", N_("Contacts")},
         {"status_history", N_("Status history")}},
        {}};
    table.add_row({member.id, member.name, text_cell(member.acronym), member.type,
                   text_cell(member.region), text_cell(member.city), text_cell(member.website),
                   text_cell(member.email), text_cell(member.phone), member.thematic_areas,
                   member.services, text_cell(member.joined),
                   std::string(members::status_name(member.status)), member.interest,
                   text_cell(member.ecosoc_status), member.net4u, text_cell(member.notes),
                   contact_lines, history_lines});
    return table;
}

// `member list` in a table: the columns a reader scans.
output::Table member_list_table(const std::vector<members::MemberSummary>& rows) {
    using output::Label;
    // Ids are slugs of the names, up to 64 long: cut first, the name being there to read.
    output::Table table{{{.key = "id", .header = N_("ID"), .min_width = 28},
                         {.key = "name", .header = N_("NAME"), .min_width = 20},
                         {.key = "type",
                          .header = N_("TYPE"),
                          .priority = 30,
                          .min_width = 12,
                          .label = Label::organisation_type},
                         {.key = "region",
                          .header = N_("REGION"),
                          .priority = 40,
                          .min_width = 12,
                          .label = Label::region},
                         {.key = "status", .header = N_("STATUS"), .label = Label::status},
                         {.key = "joined", .header = N_("JOINED"), .priority = 20}},
                        {}};
    for (const auto& s : rows) {
        const auto& m = s.member;
        table.add_row({m.id, m.name, m.type, text_cell(m.region),
                       std::string(members::status_name(m.status)), text_cell(m.joined)});
    }
    return table;
}

// `member list` as JSON or CSV: every field.
output::Table member_list_records(const std::vector<members::MemberSummary>& rows) {
    output::Table table{{{"id", N_("ID")},
                         {"name", N_("NAME")},
                         {"acronym", N_("ACRONYM")},
                         {"type", N_("TYPE")},
                         {"region", N_("REGION")},
                         {"city", N_("CITY")},
                         {"website", N_("WEBSITE")},
                         {"email", N_("EMAIL")},
                         {"phone", N_("PHONE")},
                         {"thematic_areas", N_("THEMATIC AREAS")},
                         {"services", N_("SERVICES")},
                         {"joined", N_("JOINED")},
                         {"status", N_("STATUS")},
                         {"ecosoc_status", N_("ECOSOC")},
                         {"net4u", N_("NET4U")},
                         {"contacts", N_("CONTACTS"), output::Align::right}},
                        {}};
    for (const auto& s : rows) {
        const auto& m = s.member;
        table.add_row({m.id, m.name, text_cell(m.acronym), m.type, text_cell(m.region),
                       text_cell(m.city), text_cell(m.website), text_cell(m.email),
                       text_cell(m.phone), m.thematic_areas, m.services, text_cell(m.joined),
                       std::string(members::status_name(m.status)), text_cell(m.ecosoc_status),
                       m.net4u, static_cast<std::int64_t>(s.contact_count)});
    }
    return table;
}

// Labels given for keys (--region "La Libertad", --theme "trata de personas") read as the keys,
// as `member import` reads them; what names no key is left for the checks to report.
void keys_from_labels(const config::Alliance& alliance, members::MemberInput& in) {
    const auto matcher = config::alliance_matcher(alliance);
    matcher.to_key("type", in.type);
    matcher.to_key("region", in.region);
    matcher.to_keys("thematic_areas", in.thematic_areas);
    matcher.to_keys("services", in.services);
}

int run_add(Context& ctx, const MemberFieldOptions& opts) {
    auto input = member_input(opts);
    auto& store = ctx.store(store::Access::read_write);
    keys_from_labels(store.alliance(), input);
    const auto added = members::add_member(store, input, members::command_line_locator());
    ctx.info(msg("added member {} ({})", added.id, added.name));
    ctx.print(added.id + "\n");
    return 0;
}

int run_show(Context& ctx, const ShowOptions& opts) {
    const auto record = members::member_record(ctx.store(), opts.member);
    if (ctx.format() == output::Format::json) {
        ctx.print(output::json_text(members::to_record_json(record.member, record.history)) + "\n");
        return 0;
    }
    ctx.print_record(member_record_table(record));
    return 0;
}

// The list filters; type, region, theme and service may be written as labels (alliance_matcher).
members::MemberFilter member_filter(store::Store& store, const ListOptions& opts) {
    members::MemberFilter filter;
    filter.status = opts.status ? members::parse_status(*opts.status) : std::nullopt;
    const auto matcher = config::alliance_matcher(store.alliance());
    filter.type = matcher.key_or_text("type", opts.type.value_or(""));
    filter.region = matcher.key_or_text("region", opts.region.value_or(""));
    filter.theme = matcher.key_or_text("thematic_areas", opts.theme.value_or(""));
    filter.service = matcher.key_or_text("services", opts.service.value_or(""));
    filter.joined_since = date_option(opts.since, "--joined-since");
    filter.joined_until = date_option(opts.until, "--joined-until");
    filter.search = opts.search.value_or("");
    return filter;
}

// The contacts a search found, for a cell: "Name", or "Name (email)" when another field matched.
output::Cell matched_cell(const members::MemberSummary& s) {
    std::vector<std::string> out;
    for (const auto& m : s.matched_contacts) {
        out.push_back(m.field == "name" ? m.name : fmt::format("{} ({})", m.name, m.field));
    }
    return out;
}

int run_list(Context& ctx, const ListOptions& opts) {
    const auto filter = member_filter(ctx.store(), opts);
    const auto rows = members::list_members(ctx.store(), filter);
    auto table =
        ctx.format() == output::Format::table ? member_list_table(rows) : member_list_records(rows);
    if (filter.search.empty()) {
        ctx.print_table(table);
        return 0;
    }
    if (ctx.format() != output::Format::json) {
        table.columns.push_back({"matched", N_("MATCHED")});
        for (std::size_t i = 0; i < rows.size(); ++i) {
            table.rows[i].push_back(matched_cell(rows[i]));
        }
        ctx.print_table(table);
        return 0;
    }
    auto json = output::to_json(table);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        auto matched = nlohmann::json::array();
        for (const auto& m : rows[i].matched_contacts) {
            matched.push_back({{"contact", m.id}, {"name", m.name}, {"field", m.field}});
        }
        json[i]["matched"] = std::move(matched);
    }
    ctx.print(output::json_text(json) + "\n");
    return 0;
}

// `member contact list`: people with their organisation.
int run_contact_list(Context& ctx, const ContactListOptions& opts) {
    if (opts.redact) {
        throw UsageError(
            msg("member contact list: every column but the organisation is personal "
                "data; --redact would leave nothing to list (use member list)"));
    }
    const auto rows = members::list_contacts(ctx.store(), member_filter(ctx.store(), opts.filter));
    output::Table table{{{"member", N_("MEMBER")},
                         {"organisation", N_("ORGANISATION")},
                         {"contact", N_("NO"), output::Align::right},
                         {"name", N_("NAME")},
                         {"position", N_("POSITION")},
                         {"email", N_("EMAIL")},
                         {"phone", N_("PHONE")},
                         {"primary", N_("PRIMARY")}},
                        {}};
    for (const auto& r : rows) {
        const auto& c = r.contact;
        table.add_row({c.member_id, r.member_name, static_cast<std::int64_t>(c.id), c.name,
                       text_cell(c.position), text_cell(c.email), text_cell(c.phone), c.primary});
    }
    ctx.print_table(table);
    return 0;
}

bool any_filter(const ListOptions& f) {
    return f.status || f.type || f.region || f.theme || f.service || f.since || f.until || f.search;
}

// Who `member emails` is for: the committee's seated representatives, a group's members, a
// meeting's invitees or the members a filter lists (one source, else a usage error).
std::vector<members::RecipientSource> email_sources(Context& ctx, const EmailsOptions& opts,
                                                    std::vector<Message>& left_out) {
    const int given = (opts.committee ? 1 : 0) + (opts.wg ? 1 : 0) + (opts.meeting ? 1 : 0) +
                      (any_filter(opts.filter) ? 1 : 0);
    if (given > 1) {
        throw UsageError(
            msg("member emails: give one of --committee, --wg, --meeting or member-list "
                "filters"));
    }
    if (opts.as_of && !opts.committee && !opts.wg) {
        throw UsageError(msg("member emails: --as-of goes with --committee or --wg"));
    }
    auto& store = ctx.store();
    const Date date = date_option(opts.as_of, "--as-of").value_or(store.today());
    std::vector<members::RecipientSource> out;
    if (opts.committee) {
        for (const auto& seat : governance::committee_as_of(store, date)) {
            out.push_back({seat.member_id, seat.contact_id != 0
                                               ? std::optional<std::int64_t>(seat.contact_id)
                                               : std::nullopt});
        }
    } else if (opts.wg) {
        const auto group = wg::get_group(store, *opts.wg);
        for (const auto& id : wg::member_ids_on(store, group.id, date)) {
            out.push_back({id, std::nullopt});
        }
    } else if (opts.meeting) {
        for (const auto& invitee : meetings::invitees(store, *opts.meeting)) {
            if (invitee.member_id) {
                out.push_back({*invitee.member_id, std::nullopt});
            } else {
                left_out.push_back(msg("invitee \"{}\": invited by name, no e-mail on record",
                                       text::escape_control(invitee.name())));
            }
        }
    } else {
        for (const auto& s : members::list_members(store, member_filter(store, opts.filter))) {
            out.push_back({s.member.id, std::nullopt});
        }
    }
    return out;
}

// The list in the form asked: --as, else the global --format (json, csv), else a To: line.
std::string emails_text(Context& ctx, const EmailsOptions& opts,
                        const std::vector<members::Recipient>& people) {
    const std::string form = opts.as.value_or(ctx.format() == output::Format::json  ? "json"
                                              : ctx.format() == output::Format::csv ? "csv"
                                                                                    : "to");
    if (form == "to") {
        return people.empty() ? "" : members::to_header(people) + "\n";
    }
    if (form == "vcard") {
        return members::to_vcard(people);
    }
    output::Table table{{{"member", N_("MEMBER")},
                         {"organisation", N_("ORGANISATION")},
                         {"contact", N_("NO")},
                         {"name", N_("NAME")},
                         {"position", N_("POSITION")},
                         {"email", N_("EMAIL")},
                         {"phone", N_("PHONE")},
                         {"primary", N_("PRIMARY")}},
                        {}};
    for (const auto& r : people) {
        table.add_row({r.member_id, r.organisation, static_cast<std::int64_t>(r.contact_id), r.name,
                       text_cell(r.position), r.email, text_cell(r.phone), r.primary});
    }
    auto render = ctx.render_options();
    render.format = form == "json" ? output::Format::json : output::Format::csv;
    return output::render(table, render);
}

// `member emails`: a distribution list. Personal data throughout: --redact is refused, and a
// file written with -o is readable by its owner only.
int run_emails(Context& ctx, const EmailsOptions& opts) {
    if (opts.redact) {
        throw UsageError(
            msg("member emails: a distribution list is personal data (names and "
                "e-mail addresses); --redact would leave nothing"));
    }
    std::vector<Message> left_out;
    const auto sources = email_sources(ctx, opts, left_out);
    auto list = members::distribution_list(
        ctx.store(), sources,
        opts.all_contacts ? members::WhichContacts::all : members::WhichContacts::primary);
    left_out.insert(left_out.begin(), list.left_out.begin(), list.left_out.end());
    for (const auto& why : left_out) {
        ctx.warn(msg("left out: {}", why));
    }
    const auto text = emails_text(ctx, opts, list.recipients);
    const std::string path = opts.output.value_or("-");
    files::write_file_atomic(path, text, files::Privacy::owner_only);
    if (path != "-") {
        ctx.info(list.recipients.size() == 1
                     ? msg("wrote 1 address to {}", path)
                     : msg("wrote {} addresses to {}", list.recipients.size(), path));
    }
    return 0;
}

int run_edit(Context& ctx, const EditOptions& opts) {
    auto input = member_input(opts.fields);
    auto& store = ctx.store(store::Access::read_write);
    keys_from_labels(store.alliance(), input);
    const auto result =
        members::edit_member(store, opts.member, input, members::command_line_locator());
    ctx.info(result.changed ? msg("updated member {}", result.member.id)
                            : msg("member {} unchanged", result.member.id));
    return 0;
}

// `member status MEMBER --correct`: voids the latest status change as entered by mistake.
int run_status_correction(Context& ctx, const StatusOptions& opts) {
    if (!opts.status.empty() || opts.date) {
        throw UsageError(msg("member status: --correct takes no new status and no --date"));
    }
    const auto r = workflows::correct_member_status(ctx.store(store::Access::read_write),
                                                    opts.member, opts.reason);
    const auto& c = r.correction;
    ctx.info(msg("member {}: status {} of {} voided; the member is {} again", c.member_id,
                 members::status_name(c.voided.status), format_date(c.voided.date),
                 members::status_name(c.status)));
    if (!r.restored.empty()) {
        std::string restored = wg::describe_ended(r.restored, c.voided.date);
        restored.replace(0, std::string("ended").size(), "given back what ended");
        ctx.info(msg("member {}: {}", c.member_id, restored));
    }
    return 0;
}

int run_status(Context& ctx, const StatusOptions& opts) {
    if (opts.correct) {
        return run_status_correction(ctx, opts);
    }
    if (opts.status.empty()) {
        throw UsageError(msg("member status: give the new status, or --correct"));
    }
    const auto date = date_option(opts.date, "--date");
    const auto status = members::parse_status(opts.status).value();  // CLI11 checked it
    auto& store = ctx.store(store::Access::read_write);
    workflows::StatusChange change;
    const auto created =
        workflows::committee_findings_created(store, date.value_or(store.today()), [&] {
            change = workflows::change_member_status(store, opts.member, status, opts.reason, date);
        });
    ctx.info(msg("member {}: {} -> {} on {}", change.member_id,
                 status_word(members::status_name(change.before)),
                 status_word(members::status_name(change.after)), format_date(change.date)));
    if (!change.ended.empty()) {
        ctx.info(
            msg("member {}: {}", change.member_id, wg::describe_ended(change.ended, change.date)));
    }
    warn_committee_findings(ctx, created);
    return 0;
}

int run_contact_add(Context& ctx, const ContactAddOptions& opts) {
    const auto input = contact_input(opts.fields);
    const auto added = members::add_contact(ctx.store(store::Access::read_write), opts.member,
                                            input, members::command_line_locator());
    ctx.info(msg("added a contact to member {}", added.member_id));
    return 0;
}

int run_contact_edit(Context& ctx, const ContactEditOptions& opts) {
    const auto input = contact_input(opts.fields);
    const auto result = members::edit_contact(ctx.store(store::Access::read_write), opts.member,
                                              opts.contact, input, members::command_line_locator());
    ctx.info(result.changed ? msg("updated a contact of member {}", result.member.id)
                            : msg("contact of member {} unchanged", result.member.id));
    return 0;
}

int run_contact_remove(Context& ctx, const ContactRemoveOptions& opts) {
    auto& store = ctx.store(store::Access::read_write);
    if (!opts.yes &&
        !ctx.confirm(msg("Remove contact \"{}\" of member {}?", opts.contact, opts.member))) {
        throw UsageError(msg("removing a contact needs confirmation: add --yes"));
    }
    const auto removed = workflows::remove_contact(store, opts.member, opts.contact);
    ctx.info(removed.kept_erased
                 ? msg("removed a contact of member {} (it represented the member on the "
                       "steering committee or in an election: that record stays, without the "
                       "person's data)",
                       removed.member_id)
                 : msg("removed a contact of member {}", removed.member_id));
    return 0;
}

void register_member_add(CLI::App& member, Context& ctx) {
    auto opts = std::make_shared<MemberFieldOptions>();
    auto* cmd = member.add_subcommand("add", "Add a member organisation");
    add_member_field_options(cmd, *opts, true);
    ctx.on_run(cmd, [&ctx, opts] { return run_add(ctx, *opts); });
}

void register_member_show(CLI::App& member, Context& ctx) {
    auto opts = std::make_shared<ShowOptions>();
    auto* cmd = member.add_subcommand("show", "Show a member with its contacts and status history");
    cmd->add_option("member", opts->member, "The member: its id, name or acronym")
        ->required()
        ->type_name("MEMBER");
    ctx.on_run(cmd, [&ctx, opts] { return run_show(ctx, *opts); });
}

// The filters of `member list`, shared by `member contact list` and `member emails`.
void add_filter_options(CLI::App* cmd, ListOptions& o) {
    cmd->add_option("--status", o.status, "Only members with this status")
        ->check(CLI::IsMember(members::status_names()));
    cmd->add_option("--type", o.type, "Only members of this organisation type");
    cmd->add_option("--region", o.region, "Only members of this region");
    cmd->add_option("--theme", o.theme, "Only members working on this thematic area");
    cmd->add_option("--service", o.service, "Only members providing this service");
    cmd->add_option("--joined-since", o.since, "Only members who joined on or after this date")
        ->type_name("DATE");
    cmd->add_option("--joined-until", o.until, "Only members who joined on or before this date")
        ->type_name("DATE");
    cmd->add_option("--search", o.search,
                    "Only members whose name, acronym or city, or a contact's name, e-mail or "
                    "phone, contains TEXT (case and accents ignored)")
        ->type_name("TEXT");
}

void register_member_list(CLI::App& member, Context& ctx) {
    auto opts = std::make_shared<ListOptions>();
    auto* cmd = member.add_subcommand("list", "List members, sorted by name");
    add_filter_options(cmd, *opts);
    ctx.on_run(cmd, [&ctx, opts] { return run_list(ctx, *opts); });
}

void register_member_emails(CLI::App& member, Context& ctx) {
    auto opts = std::make_shared<EmailsOptions>();
    auto* cmd = member.add_subcommand(
        "emails",
        "Print the e-mail addresses of the committee, a working group, a meeting's "
        "invitees or a member list");
    cmd->add_flag("--committee", opts->committee, "The committee's seated representatives");
    cmd->add_option("--wg", opts->wg, "The members of a working group")->type_name("GROUP");
    cmd->add_option("--meeting", opts->meeting, "The invitees of a meeting")->type_name("MEETING");
    cmd->add_option("--as-of", opts->as_of, "Who sat or was in the group on this date (today)")
        ->type_name("DATE");
    add_filter_options(cmd, opts->filter);
    cmd->add_flag("--all-contacts", opts->all_contacts,
                  "Every contact of each member, not only the primary one");
    cmd->add_option("--as", opts->as, "to (a To: line, the default), csv, vcard or json")
        ->check(CLI::IsMember({"to", "csv", "vcard", "json"}))
        ->type_name("FORM");
    cmd->add_option("-o,--output", opts->output, "Write to FILE (readable by you only)")
        ->type_name("FILE");
    cmd->add_flag("--redact", opts->redact, "Refused: the list is personal data");
    ctx.on_run(cmd, [&ctx, opts] { return run_emails(ctx, *opts); });
}

void register_member_edit(CLI::App& member, Context& ctx) {
    auto opts = std::make_shared<EditOptions>();
    auto* cmd = member.add_subcommand(
        "edit", "Change fields of a member (not its status: see 'member status')");
    cmd->add_option("member", opts->member, "The member: its id, name or acronym")
        ->required()
        ->type_name("MEMBER");
    add_member_field_options(cmd, opts->fields, false);
    ctx.on_run(cmd, [&ctx, opts] { return run_edit(ctx, *opts); });
}

void register_member_status(CLI::App& member, Context& ctx) {
    auto opts = std::make_shared<StatusOptions>();
    auto* cmd = member.add_subcommand(
        "status",
        "Change a member's status (admit, suspend, withdraw, reinstate), dated and with a reason");
    cmd->add_option("member", opts->member, "The member: its id, name or acronym")
        ->required()
        ->type_name("MEMBER");
    cmd->add_option("status", opts->status, "The new status: active, suspended or withdrawn")
        ->check(CLI::IsMember(members::status_names()))
        ->type_name("STATUS");
    cmd->add_option("--reason", opts->reason, "Why the status changes (kept in the history)")
        ->required()
        ->type_name("TEXT");
    cmd->add_option("--date", opts->date,
                    "Date the change takes effect, not after today (default: today)")
        ->type_name("DATE");
    cmd->add_flag("--correct", opts->correct,
                  "Void the latest status change as entered by mistake (kept in the history, "
                  "marked); a withdrawal voided gives back the working-group roles it ended");
    ctx.on_run(cmd, [&ctx, opts] { return run_status(ctx, *opts); });
}

void register_member_contact(CLI::App& member, Context& ctx) {
    auto* contact = member.add_subcommand("contact", "List, add, change or remove contact persons");
    contact->require_subcommand(1);

    auto add_opts = std::make_shared<ContactAddOptions>();
    auto* add = contact->add_subcommand("add", "Add a contact person to a member");
    add->add_option("member", add_opts->member, "The member: its id, name or acronym")
        ->required()
        ->type_name("MEMBER");
    add_contact_field_options(add, add_opts->fields, true);
    ctx.on_run(add, [&ctx, add_opts] { return run_contact_add(ctx, *add_opts); });

    auto edit_opts = std::make_shared<ContactEditOptions>();
    auto* edit = contact->add_subcommand("edit", "Change a contact person's details");
    edit->add_option("member", edit_opts->member, "The member: its id, name or acronym")
        ->required()
        ->type_name("MEMBER");
    edit->add_option("contact", edit_opts->contact, "The contact: its number, e-mail or name")
        ->required()
        ->type_name("CONTACT");
    add_contact_field_options(edit, edit_opts->fields, false);
    ctx.on_run(edit, [&ctx, edit_opts] { return run_contact_edit(ctx, *edit_opts); });

    auto remove_opts = std::make_shared<ContactRemoveOptions>();
    auto* remove = contact->add_subcommand("remove",
                                           "Remove a contact person (they no longer work there); "
                                           "to erase personal data use 'member forget'");
    remove->add_option("member", remove_opts->member, "The member: its id, name or acronym")
        ->required()
        ->type_name("MEMBER");
    remove->add_option("contact", remove_opts->contact, "The contact: its number, e-mail or name")
        ->required()
        ->type_name("CONTACT");
    remove->add_flag("-y,--yes", remove_opts->yes, "Do not ask for confirmation");
    ctx.on_run(remove, [&ctx, remove_opts] { return run_contact_remove(ctx, *remove_opts); });

    auto list_opts = std::make_shared<ContactListOptions>();
    auto* list = contact->add_subcommand(
        "list", "List contact persons with their organisation, position, e-mail and phone");
    add_filter_options(list, list_opts->filter);
    list->add_flag("--redact", list_opts->redact, "Refused: the list is personal data");
    ctx.on_run(list, [&ctx, list_opts] { return run_contact_list(ctx, *list_opts); });
}

}  // namespace

void register_member(CLI::App* cmd, Context& ctx) {
    cmd->require_subcommand(1);
    // Each subcommand only when the command line may run it (`member add --help` builds add).
    ctx.build_parts<CLI::App&>(*cmd, {{"add", register_member_add},
                                      {"show", register_member_show},
                                      {"list", register_member_list},
                                      {"edit", register_member_edit},
                                      {"status", register_member_status},
                                      {"contact", register_member_contact},
                                      {"emails", register_member_emails}});
    register_member_transfer(*cmd, ctx);
}

}  // namespace nacsa::cli
