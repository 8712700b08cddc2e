#include "tracker/principal.hpp"

#include <algorithm>

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
  if (role == Role::kEditor) return true;
  // A partner that came with a merged duplicate reported none of this alert's victims: being
  // credited on the alert must not hand it names another partner was trusted with.
  return OwnsAlert(alert) && std::find(alert.merged_partners.begin(), alert.merged_partners.end(),
                                       partner) == alert.merged_partners.end();
}

}  // namespace soj::tracker
