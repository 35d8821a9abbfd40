// SPDX-License-Identifier: Apache-2.0
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

CLI::Option* add_joined_list_option(CLI::App* cmd, const std::string& name,
                                    std::optional<std::string>& target, const std::string& help) {
    return cmd->add_option(name, target, help)
        ->delimiter(',')
        ->multi_option_policy(CLI::MultiOptionPolicy::Join)
        ->type_name("KEYS");
}

CLI::Validator whole_number(long long min, long long max) {
    return CLI::Validator(
        [min, max](std::string& value) -> std::string {
            const std::string shown = "\"" + text::escape_control(value) + "\"";
            const bool negative = value.starts_with('-');
            const std::string_view digits = std::string_view(value).substr(negative ? 1 : 0);
            if (digits.empty() || digits.size() > 18 ||
                digits.find_first_not_of("0123456789") != std::string_view::npos) {
                return shown + " is not a whole number";
            }
            const long long n = std::stoll(value);
            if (n < min) {
                return min == 0 ? shown + " cannot be negative"
                                : fmt::format("{} must be at least {}", shown, min);
            }
            if (n > max) {
                return fmt::format("{} is more than {}, the most it can be", shown, max);
            }
            return "";
        },
        "");
}

CLI::Validator fraction() {
    return CLI::Validator(
        [](std::string& value) -> std::string {
            const std::string shown = "\"" + text::escape_control(value) + "\"";
            try {
                std::size_t used = 0;
                const double v = std::stod(value, &used);
                if (used == value.size() && v >= 0 && v <= 1) {
                    return "";
                }
            } catch (const std::exception&) {
            }
            return shown + " is not a fraction from 0 to 1 (such as 0.5)";
        },
        "");
}

Date parse_date_option(const std::string& value, const std::string& option) {
    if (const auto d = parse_date(value)) {
        return *d;
    }
    throw UsageError(
        msg("{}: \"{}\" is not a date (expected YYYY-MM-DD)", option, text::escape_control(value)));
}

std::optional<Date> date_option(const std::optional<std::string>& value,
                                const std::string& option) {
    if (!value) {
        return std::nullopt;
    }
    return parse_date_option(*value, option);
}

}  // namespace nacsa::cli
