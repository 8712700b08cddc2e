#include "tracker/principal.hpp"

namespace soj::tracker {

std::string Principal::Actor() const {
  switch (role) {
    case Role::kPartner:
      return "partner:" + partner;
    case Role::kState:
      return "state:" + country;
    default:
      return std::string(ToString(role));
  }
}

bool Principal::OwnsAlert(const Alert& alert) const {
  return role == Role::kPartner && alert.content.HasPartner(partner);
}

bool Principal::CanSee(const Alert& alert) const {
  if (role == Role::kEditor || role == Role::kAdmin) return true;
  if (alert.status == AlertStatus::kPublished || alert.status == AlertStatus::kResolved)
    return true;
  return OwnsAlert(alert);
}

bool Principal::CanSeeWithheld(const Alert& alert) const {
  return role == Role::kEditor || OwnsAlert(alert);
}

}  // namespace soj::tracker
