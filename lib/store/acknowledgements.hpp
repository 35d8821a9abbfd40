// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "output/findings.hpp"
#include "store/store.hpp"

// Acknowledged findings (table finding_ack): a finding of a `check` that the secretariat has
// seen and decided to live with, silenced until a date or for good, so that `check || mail`
// in cron stops alerting about it. Keys are output::finding_key (RULE:RECORD).
namespace nacsa::store {

struct Acknowledgement {
    std::string area;  // committee, meeting, wg, plan
    std::string key;
    std::string reason;
    std::optional<Date> until;  // last day silenced; none: for good
    std::string acked_at;
};

// `nacsa AREA check ack KEY --reason TEXT [--until DATE]`: silences the finding `key` of the
// area's check, which must be among `current` (the check's findings now: NotFoundError, exit
// 3, otherwise, so that a mistyped key is not silently kept); acknowledging it again replaces
// the reason and date. An empty reason or an `until` before today is a ValidationError (65).
// Audited.
void acknowledge(Store& store, const std::string& area, const std::string& key,
                 const std::string& reason, std::optional<Date> until,
                 const std::vector<output::Finding>& current);

// `nacsa AREA check unack KEY`: the finding counts again. NotFoundError (3) when it was not
// acknowledged. Audited.
void withdraw_acknowledgement(Store& store, const std::string& area, const std::string& key);

// The findings of a check with the acknowledgements in force on `today` applied: `shown` are
// the findings to print and count (all of them, the acknowledged ones marked, when `all`);
// `silenced` counts those left out.
struct AcknowledgedFindings {
    std::vector<output::Finding> shown;
    std::size_t silenced = 0;
};
[[nodiscard]] AcknowledgedFindings apply_acknowledgements(Store& store, const std::string& area,
                                                          std::vector<output::Finding> findings,
                                                          Date today, bool all);

}  // namespace nacsa::store
