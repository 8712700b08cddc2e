#pragma once
// The alert workflow as an explicit state machine (SPEC "status"):
//   draft -> published | rejected | withdrawn;  published -> resolved;  resolved -> published.
// No other transition exists. Who may take which transition is decided here too.

#include <optional>

#include "tracker/model.hpp"
#include "tracker/principal.hpp"

namespace soj::tracker {

// True when the SPEC's state machine has the edge from -> to.
bool IsAllowedTransition(AlertStatus from, AlertStatus to);

// Every status reachable from `from` in one step.
std::vector<AlertStatus> NextStatuses(AlertStatus from);

// True when `who` may move `alert` to `to` (editors any edge; owning partners withdraw drafts).
// Says nothing about whether the edge exists: check IsAllowedTransition as well.
bool MayTransition(const Principal& who, const Alert& alert, AlertStatus to);

}  // namespace soj::tracker
