// SPDX-License-Identifier: Apache-2.0
// `nacsa meeting participant add|list|remove`: who took part in a meeting, for participation by
// sex in the reports.
#include "commands.hpp"
#include "core/error.hpp"
#include "meetings/meetings.hpp"

namespace nacsa::cli {

namespace {

namespace mt = meetings;

struct ParticipantOptions {
    std::string id;
    std::optional<std::string> member;
    std::optional<std::string> contact;
    std::optional<std::string> guest;
    std::optional<std::string> gender;
    std::int64_t number = 0;
    std::string reason;
};

int run_add(Context& ctx, const ParticipantOptions& opts) {
    const auto p = mt::add_participant(ctx.store(store::Access::read_write), opts.id,
                                       {.member = opts.member,
                                        .contact = opts.contact,
                                        .guest = opts.guest,
                                        .gender = opts.gender});
    ctx.print(std::to_string(p.id) + "\n");
    ctx.info(msg("added participant {} to {}", p.id, opts.id));
    return 0;
}

int run_list(Context& ctx, const ParticipantOptions& opts) {
    auto& store = ctx.store();
    (void)mt::get_meeting(store, opts.id);  // NotFoundError for an unknown meeting
    output::Table table{{{"number", "#", output::Align::right},
                         {"member", N_("ORGANISATION")},
                         {"name", N_("NAME")},
                         {"gender", N_("GENDER")}},
                        {}};
    for (const auto& p : mt::participants(store, opts.id)) {
        table.add_row(
            {p.id, p.member_id ? output::Cell{*p.member_id} : output::Cell{}, p.name, p.gender});
    }
    ctx.print_table(table);
    return 0;
}

int run_remove(Context& ctx, const ParticipantOptions& opts) {
    mt::remove_participant(ctx.store(store::Access::read_write), opts.id, opts.number, opts.reason);
    ctx.info(msg("removed participant {} from {}", opts.number, opts.id));
    return 0;
}

}  // namespace

void register_meeting_participants(CLI::App* meeting, Context& ctx) {
    auto* participant = meeting->add_subcommand(
        "participant", "Who took part: members' people and guests, with gender (for reports)");
    participant->require_subcommand(1);

    auto add_opts = std::make_shared<ParticipantOptions>();
    auto* add = participant->add_subcommand(
        "add", "Add a person who took part: a member's contact, or a guest with a gender");
    add->add_option("id", add_opts->id, "The meeting")->required()->type_name("MEETING");
    auto* member = add->add_option("--member", add_opts->member,
                                   "The member organisation they came for (id, name or acronym)")
                       ->type_name("MEMBER");
    auto* contact = add->add_option("--contact", add_opts->contact,
                                    "Which of its contacts (number, e-mail or name)")
                        ->type_name("CONTACT");
    auto* guest = add->add_option("--guest", add_opts->guest, "A guest's name")->type_name("NAME");
    auto* gender = add->add_option("--gender", add_opts->gender, "The guest's gender")
                       ->check(CLI::IsMember({"female", "male", "non_binary", "undisclosed"}))
                       ->type_name("GENDER");
    member->needs(contact)->excludes(guest)->excludes(gender);
    contact->needs(member);
    guest->needs(gender);
    ctx.on_run(add, [&ctx, add_opts] { return run_add(ctx, *add_opts); });

    auto list_opts = std::make_shared<ParticipantOptions>();
    auto* list = participant->add_subcommand("list", "The people who took part, numbered");
    list->add_option("id", list_opts->id, "The meeting")->required()->type_name("MEETING");
    ctx.on_run(list, [&ctx, list_opts] { return run_list(ctx, *list_opts); });

    auto remove_opts = std::make_shared<ParticipantOptions>();
    auto* remove =
        participant->add_subcommand("remove", "Remove a participant recorded by mistake");
    remove->add_option("id", remove_opts->id, "The meeting")->required()->type_name("MEETING");
    remove->add_option("number", remove_opts->number, "Its number (participant list)")
        ->required()
        ->type_name("N");
    remove->add_option("--reason", remove_opts->reason, "Why (kept in the log)")->required();
    ctx.on_run(remove, [&ctx, remove_opts] { return run_remove(ctx, *remove_opts); });
}

}  // namespace nacsa::cli
