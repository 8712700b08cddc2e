#include "tracker/workflow.hpp"

namespace soj::tracker {

bool IsAllowedTransition(AlertStatus from, AlertStatus to) {
  using S = AlertStatus;
  switch (from) {
    case S::kDraft:
      return to == S::kPublished || to == S::kRejected || to == S::kWithdrawn;
    case S::kPublished:
      return to == S::kResolved;
    case S::kResolved:
      return to == S::kPublished;
    case S::kRejected:
    case S::kWithdrawn:
      return false;
  }
  return false;
}

std::vector<AlertStatus> NextStatuses(AlertStatus from) {
  std::vector<AlertStatus> next;
  for (std::size_t i = 0; i < kStatusNames.size(); ++i) {
    auto to = static_cast<AlertStatus>(i);
    if (IsAllowedTransition(from, to)) next.push_back(to);
  }
  return next;
}

bool MayTransition(const Principal& who, const Alert& alert, AlertStatus to) {
  if (who.IsEditor()) return true;
  return to == AlertStatus::kWithdrawn && who.OwnsAlert(alert);
}

}  // namespace soj::tracker
