#include "options.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/text.hpp"

namespace nacsa::cli {

CLI::Option* add_list_option(CLI::App* cmd, const std::string& name,
                             std::optional<std::vector<std::string>>& target,
                             const std::string& help) {
    return cmd->add_option(name, target, help)->delimiter(',')->type_name("KEY");
}

CLI::Option* add_list_option(CLI::App* cmd, const std::string& name,
                             std::vector<std::string>& target, const std::string& help) {
    return cmd->add_option(name, target, help)->delimiter(',')->type_name("KEY");
}

Date parse_date_option(const std::string& value, const std::string& option) {
    if (const auto d = parse_date(value)) {
        return *d;
    }
    throw UsageError(fmt::format("{}: \"{}\" is not a date (expected YYYY-MM-DD)", option,
                                 text::escape_control(value)));
}

std::optional<Date> date_option(const std::optional<std::string>& value,
                                const std::string& option) {
    if (!value) {
        return std::nullopt;
    }
    return parse_date_option(*value, option);
}

}  // namespace nacsa::cli
