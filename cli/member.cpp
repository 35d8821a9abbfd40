#include "member.hpp"

#include <fmt/format.h>

#include <iostream>

#include "commands.hpp"
#include "core/text.hpp"
#include "members/format.hpp"
#include "members/members.hpp"
#include "wg/wg.hpp"
#include "workflows/workflows.hpp"

namespace nacsa::cli {

namespace {

// An option whose value counts only when it was given on the command line.
struct Given {
    std::string value;
    CLI::Option* option = nullptr;
    [[nodiscard]] std::optional<std::string> get() const {
        return option != nullptr && option->count() > 0 ? std::optional<std::string>(value)
                                                        : std::nullopt;
    }
};

std::optional<std::vector<std::string>> list_of(const Given& g) {
    if (const auto v = g.get()) {
        return text::split_list(*v, ',');
    }
    return std::nullopt;
}

std::optional<bool> yes_no(const Given& g, const std::string& option) {
    const auto v = g.get();
    if (!v) {
        return std::nullopt;
    }
    if (*v == "yes" || *v == "true") {
        return true;
    }
    if (*v == "no" || *v == "false") {
        return false;
    }
    throw UsageError(fmt::format("{}: \"{}\" is not yes or no", option, *v));
}

// The member fields that `member add` and `member edit` take as options.
struct MemberFields {
    Given id, name, acronym, type, region, city, website, email, phone, themes, services, joined,
        status, interest, ecosoc, net4u, notes;
    std::vector<std::string> clear;

    void add_to(CLI::App* cmd, bool adding) {
        if (adding) {
            id.option = cmd->add_option("--id", id.value, "Id (default: a slug of the name)");
        }
        name.option = cmd->add_option("--name", name.value, "Full name of the organisation");
        if (adding) {
            name.option->required();
        }
        acronym.option = cmd->add_option("--acronym", acronym.value, "Acronym or short name");
        type.option =
            cmd->add_option("--type", type.value, "Organisation type (a key of the configuration)");
        if (adding) {
            type.option->required();
        }
        region.option =
            cmd->add_option("--region", region.value, "Region (a key of the configuration)");
        city.option = cmd->add_option("--city", city.value, "City or commune");
        website.option =
            cmd->add_option("--website", website.value, "Web site (http:// or https://)");
        email.option = cmd->add_option("--email", email.value, "General e-mail address");
        phone.option = cmd->add_option("--phone", phone.value, "General phone number");
        themes.option =
            cmd->add_option("--theme", themes.value, "Thematic areas, comma-separated keys")
                ->type_name("KEYS");
        services.option =
            cmd->add_option("--service", services.value, "Services, comma-separated keys")
                ->type_name("KEYS");
        joined.option = cmd->add_option("--joined", joined.value,
                                        "Date the organisation joined (not after today)")
                            ->type_name("DATE");
        if (adding) {
            status.option =
                cmd->add_option("--status", status.value, "Initial status (default: active)")
                    ->check(CLI::IsMember(members::k_statuses));
        }
        interest.option = cmd->add_option("--interest", interest.value,
                                          "Roles of interest, comma-separated: steering_committee, "
                                          "secretariat, coordinator")
                              ->type_name("KINDS");
        ecosoc.option = cmd->add_option("--ecosoc", ecosoc.value,
                                        "ECOSOC status: none, general, special, roster");
        net4u.option =
            cmd->add_option("--net4u", net4u.value, "Member of the regional network: yes or no")
                ->type_name("yes|no");
        notes.option = cmd->add_option("--notes", notes.value, "Free-text notes");
        if (!adding) {
            cmd->add_option(
                   "--clear", clear,
                   "Empty a field: acronym, region, city, website, email, phone, services, joined, "
                   "interest, ecosoc, notes (repeatable)")
                ->type_name("FIELD")
                ->check(CLI::IsMember({"acronym", "region", "city", "website", "email", "phone",
                                       "services", "joined", "interest", "ecosoc", "notes"}));
        }
    }

    [[nodiscard]] members::MemberInput input() const {
        members::MemberInput in;
        in.id = id.get();
        in.name = name.get();
        in.acronym = acronym.get();
        in.type = type.get();
        in.region = region.get();
        in.city = city.get();
        in.website = website.get();
        in.email = email.get();
        in.phone = phone.get();
        in.thematic_areas = list_of(themes);
        in.services = list_of(services);
        in.joined = joined.get();
        in.status = status.get();
        in.interest = list_of(interest);
        in.ecosoc_status = ecosoc.get();
        in.net4u = yes_no(net4u, "--net4u");
        in.notes = notes.get();
        for (const auto& field : clear) {
            if (field == "services") {
                in.services = std::vector<std::string>{};
            } else if (field == "interest") {
                in.interest = std::vector<std::string>{};
            } else {
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
                    throw UsageError(
                        fmt::format("--clear {} cannot be used with --{} ", field, field));
                }
                *target = std::string();
            }
        }
        return in;
    }
};

struct ContactFields {
    Given name, position, email, phone, gender, consent, primary;
    bool primary_flag = false;

    void add_to(CLI::App* cmd, bool adding) {
        if (adding) {
            name.option =
                cmd->add_option("--name", name.value, "Full name of the person")->required();
        } else {
            name.option = cmd->add_option("--name", name.value, "New name of the person");
        }
        position.option = cmd->add_option("--position", position.value, "Position or title");
        email.option = cmd->add_option("--email", email.value, "E-mail address");
        phone.option = cmd->add_option("--phone", phone.value, "Phone number");
        gender.option =
            cmd->add_option("--gender", gender.value, "female, male, non_binary or undisclosed")
                ->check(CLI::IsMember(members::k_genders));
        consent.option = cmd->add_option("--consent", consent.value,
                                         "Date the person consented to data processing")
                             ->type_name("DATE");
        if (adding) {
            cmd->add_flag("--primary", primary_flag, "The organisation's primary contact");
        } else {
            primary.option =
                cmd->add_option("--primary", primary.value, "The primary contact: yes or no")
                    ->type_name("yes|no");
        }
    }

    [[nodiscard]] members::ContactInput input() const {
        members::ContactInput in;
        in.name = name.get();
        in.position = position.get();
        in.email = email.get();
        in.phone = phone.get();
        in.gender = gender.get();
        in.consent = consent.get();
        in.primary = primary_flag ? std::optional<bool>(true) : yes_no(primary, "--primary");
        return in;
    }
};

std::string history_line(const members::StatusChange& h) {
    return h.reason.empty() ? fmt::format("{} {}", h.date, h.status)
                            : fmt::format("{} {}: {}", h.date, h.status, h.reason);
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

int show_member(Context& ctx, const std::string& id) {
    auto& store = ctx.store();
    const auto member = members::get_member(store, id);
    const auto history = members::status_history(store, id);
    if (ctx.format() == output::Format::json) {
        ctx.print(members::to_record_json(member, history).dump(2) + "\n");
        return 0;
    }
    std::vector<std::string> history_lines;
    for (const auto& e : history) {
        history_lines.push_back(history_line(e));
    }
    std::vector<std::string> contact_lines;
    for (const auto& c : member.contacts) {
        contact_lines.push_back(contact_line(c));
    }
    auto text = [](const std::string& s) -> output::Cell {
        return s.empty() ? output::Cell{} : output::Cell{s};
    };
    output::Table table{{{"id", "ID"},
                         {"name", "Name"},
                         {"acronym", "Acronym"},
                         {"type", "Type"},
                         {"region", "Region"},
                         {"city", "City"},
                         {"website", "Website"},
                         {"email", "E-mail"},
                         {"phone", "Phone"},
                         {"thematic_areas", "Thematic areas"},
                         {"services", "Services"},
                         {"joined", "Joined"},
                         {"status", "Status"},
                         {"interest", "Interest"},
                         {"ecosoc_status", "ECOSOC status"},
                         {"net4u", "NET4U"},
                         {"notes", "Notes"},
                         {"contacts", "Contacts"},
                         {"status_history", "Status history"}},
                        {}};
    table.add_row({member.id, member.name, text(member.acronym), member.type, text(member.region),
                   text(member.city), text(member.website), text(member.email), text(member.phone),
                   member.thematic_areas, member.services, text(member.joined), member.status,
                   member.interest, text(member.ecosoc_status), member.net4u, text(member.notes),
                   contact_lines, history_lines});
    ctx.print_record(table);
    return 0;
}

int list_members(Context& ctx, const members::MemberFilter& filter) {
    auto rows = members::list_members(ctx.store(), filter);
    auto text = [](const std::string& s) -> output::Cell {
        return s.empty() ? output::Cell{} : output::Cell{s};
    };
    output::Table table;
    if (ctx.format() == output::Format::table) {
        table.columns = {{"id", "ID"},         {"name", "NAME"},     {"type", "TYPE"},
                         {"region", "REGION"}, {"status", "STATUS"}, {"joined", "JOINED"}};
        for (const auto& s : rows) {
            const auto& m = s.member;
            table.add_row({m.id, m.name, m.type, text(m.region), m.status, text(m.joined)});
        }
    } else {
        table.columns = {{"id", "ID"},
                         {"name", "NAME"},
                         {"acronym", "ACRONYM"},
                         {"type", "TYPE"},
                         {"region", "REGION"},
                         {"city", "CITY"},
                         {"website", "WEBSITE"},
                         {"email", "EMAIL"},
                         {"phone", "PHONE"},
                         {"thematic_areas", "THEMATIC AREAS"},
                         {"services", "SERVICES"},
                         {"joined", "JOINED"},
                         {"status", "STATUS"},
                         {"ecosoc_status", "ECOSOC"},
                         {"net4u", "NET4U"},
                         {"contacts", "CONTACTS", output::Align::right}};
        for (const auto& s : rows) {
            const auto& m = s.member;
            table.add_row({m.id, m.name, text(m.acronym), m.type, text(m.region), text(m.city),
                           text(m.website), text(m.email), text(m.phone), m.thematic_areas,
                           m.services, text(m.joined), m.status, text(m.ecosoc_status), m.net4u,
                           static_cast<std::int64_t>(s.contact_count)});
        }
    }
    ctx.print_table(table);
    return 0;
}

}  // namespace

void register_member(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand(
        "member", "Keep the member register: organisations, contacts, status, import, export");
    cmd->require_subcommand(1);

    // add
    auto add_fields = std::make_shared<MemberFields>();
    auto* add = cmd->add_subcommand("add", "Add a member organisation");
    add_fields->add_to(add, true);
    ctx.on_run(add, [&ctx, add_fields] {
        const auto input = add_fields->input();
        auto& store = ctx.store(store::Access::read_write);
        members::Member added;
        store.transaction(
            [&] { added = members::add_member(store, input, members::command_line_locator()); });
        ctx.info(fmt::format("added member {} ({})", added.id, added.name));
        ctx.print(added.id + "\n");
        return 0;
    });

    // show
    auto show_id = std::make_shared<std::string>();
    auto* show = cmd->add_subcommand("show", "Show a member with its contacts and status history");
    show->add_option("id", *show_id, "The member's id")->required()->type_name("ID");
    ctx.on_run(show, [&ctx, show_id] { return show_member(ctx, *show_id); });

    // list
    struct ListOptions {
        members::MemberFilter filter;
        std::string since;
        std::string until;
    };
    auto list_opts = std::make_shared<ListOptions>();
    auto* list = cmd->add_subcommand("list", "List members, sorted by name");
    list->add_option("--status", list_opts->filter.status, "Only members with this status")
        ->check(CLI::IsMember(members::k_statuses));
    list->add_option("--type", list_opts->filter.type, "Only members of this organisation type");
    list->add_option("--region", list_opts->filter.region, "Only members of this region");
    list->add_option("--theme", list_opts->filter.theme,
                     "Only members working on this thematic area");
    list->add_option("--service", list_opts->filter.service, "Only members providing this service");
    list->add_option("--joined-since", list_opts->since,
                     "Only members who joined on or after this date")
        ->type_name("DATE");
    list->add_option("--joined-until", list_opts->until,
                     "Only members who joined on or before this date")
        ->type_name("DATE");
    list->add_option(
            "--search", list_opts->filter.search,
            "Only members whose name, acronym or city contains TEXT (case and accents ignored)")
        ->type_name("TEXT");
    ctx.on_run(list, [&ctx, list_opts] {
        auto filter = list_opts->filter;
        if (!list_opts->since.empty()) {
            filter.joined_since = parse_date_option(list_opts->since, "--joined-since");
        }
        if (!list_opts->until.empty()) {
            filter.joined_until = parse_date_option(list_opts->until, "--joined-until");
        }
        return list_members(ctx, filter);
    });

    // edit
    auto edit_id = std::make_shared<std::string>();
    auto edit_fields = std::make_shared<MemberFields>();
    auto* edit = cmd->add_subcommand(
        "edit", "Change fields of a member (not its status: see 'member status')");
    edit->add_option("id", *edit_id, "The member's id")->required()->type_name("ID");
    edit_fields->add_to(edit, false);
    ctx.on_run(edit, [&ctx, edit_id, edit_fields] {
        const auto input = edit_fields->input();
        auto& store = ctx.store(store::Access::read_write);
        bool changed = false;
        store.transaction([&] {
            changed = members::edit_member(store, *edit_id, input, members::command_line_locator())
                          .changed;
        });
        ctx.info(changed ? fmt::format("updated member {}", *edit_id)
                         : fmt::format("member {} unchanged", *edit_id));
        return 0;
    });

    // status
    struct StatusOptions {
        std::string id;
        std::string status;
        std::string reason;
        std::string date;
    };
    auto status_opts = std::make_shared<StatusOptions>();
    auto* status = cmd->add_subcommand(
        "status",
        "Change a member's status (admit, suspend, withdraw, reinstate), dated and with a reason");
    status->add_option("id", status_opts->id, "The member's id")->required()->type_name("ID");
    status
        ->add_option("status", status_opts->status,
                     "The new status: active, suspended or withdrawn")
        ->required()
        ->check(CLI::IsMember(members::k_statuses))
        ->type_name("STATUS");
    status
        ->add_option("--reason", status_opts->reason,
                     "Why the status changes (kept in the history)")
        ->required()
        ->type_name("TEXT");
    status
        ->add_option("--date", status_opts->date,
                     "Date the change takes effect, not after today (default: today)")
        ->type_name("DATE");
    ctx.on_run(status, [&ctx, status_opts] {
        std::optional<Date> date;
        if (!status_opts->date.empty()) {
            date = parse_date_option(status_opts->date, "--date");
        }
        auto& store = ctx.store(store::Access::read_write);
        const Date when = date ? *date : store.today();
        const auto change = workflows::change_member_status(
            store, status_opts->id, status_opts->status, status_opts->reason, when);
        ctx.info(fmt::format("member {}: {} -> {} on {}", status_opts->id, change.before,
                             status_opts->status, format_date(when)));
        if (!change.ended.empty()) {
            ctx.info(fmt::format("member {}: {}", status_opts->id,
                                 wg::describe_ended(change.ended, when)));
        }
        return 0;
    });

    // contact add|edit|remove
    auto* contact =
        cmd->add_subcommand("contact", "Add, change or remove a member's contact persons");
    contact->require_subcommand(1);

    auto contact_add_member = std::make_shared<std::string>();
    auto contact_add_fields = std::make_shared<ContactFields>();
    auto* cadd = contact->add_subcommand("add", "Add a contact person to a member");
    cadd->add_option("member", *contact_add_member, "The member's id")
        ->required()
        ->type_name("MEMBER");
    contact_add_fields->add_to(cadd, true);
    ctx.on_run(cadd, [&ctx, contact_add_member, contact_add_fields] {
        const auto input = contact_add_fields->input();
        auto& store = ctx.store(store::Access::read_write);
        store.transaction([&] {
            (void)members::add_contact(store, *contact_add_member, input,
                                       members::command_line_locator());
        });
        ctx.info(fmt::format("added a contact to member {}", *contact_add_member));
        return 0;
    });

    struct ContactTarget {
        std::string member;
        std::string name;
        bool yes = false;
    };
    auto contact_edit_target = std::make_shared<ContactTarget>();
    auto contact_edit_fields = std::make_shared<ContactFields>();
    auto* cedit = contact->add_subcommand("edit", "Change a contact person's details");
    cedit->add_option("member", contact_edit_target->member, "The member's id")
        ->required()
        ->type_name("MEMBER");
    cedit->add_option("name", contact_edit_target->name, "The contact's current name")
        ->required()
        ->type_name("NAME");
    contact_edit_fields->add_to(cedit, false);
    ctx.on_run(cedit, [&ctx, contact_edit_target, contact_edit_fields] {
        const auto input = contact_edit_fields->input();
        auto& store = ctx.store(store::Access::read_write);
        bool changed = false;
        store.transaction([&] {
            changed =
                members::edit_contact(store, contact_edit_target->member, contact_edit_target->name,
                                      input, members::command_line_locator())
                    .changed;
        });
        ctx.info(changed
                     ? fmt::format("updated a contact of member {}", contact_edit_target->member)
                     : fmt::format("contact of member {} unchanged", contact_edit_target->member));
        return 0;
    });

    auto contact_remove_target = std::make_shared<ContactTarget>();
    auto* cremove = contact->add_subcommand("remove",
                                            "Remove a contact person (they no longer work there); "
                                            "to erase personal data use 'member forget'");
    cremove->add_option("member", contact_remove_target->member, "The member's id")
        ->required()
        ->type_name("MEMBER");
    cremove->add_option("name", contact_remove_target->name, "The contact's name")
        ->required()
        ->type_name("NAME");
    cremove->add_flag("-y,--yes", contact_remove_target->yes, "Do not ask for confirmation");
    ctx.on_run(cremove, [&ctx, contact_remove_target] {
        auto& store = ctx.store(store::Access::read_write);
        if (!contact_remove_target->yes &&
            !ctx.confirm(fmt::format("Remove contact \"{}\" of member {}?",
                                     contact_remove_target->name, contact_remove_target->member))) {
            throw UsageError("removing a contact needs confirmation: add --yes");
        }
        store.transaction([&] {
            members::remove_contact(store, contact_remove_target->member,
                                    contact_remove_target->name);
        });
        store.erase_old_pages();
        ctx.info(fmt::format("removed a contact of member {}", contact_remove_target->member));
        return 0;
    });

    register_member_transfer(*cmd, ctx);
}

}  // namespace nacsa::cli
