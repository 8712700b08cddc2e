#pragma once
// Principal: who is acting. Every service call takes one and checks its rights.

#include <string>
#include <string_view>

#include "tracker/model.hpp"

namespace soj::tracker {

enum class Role { kPublic, kPartner, kEditor, kState, kAnalyst, kAdmin };
inline constexpr std::array<std::string_view, 6> kRoleNames = {"public", "partner", "editor",
                                                               "state",  "analyst", "admin"};
inline std::string_view ToString(Role r) { return NameOf(r, kRoleNames); }

struct Principal {
  Role role = Role::kPublic;
  std::string partner;   // partner id, for Role::kPartner
  std::string country;   // ISO code, for Role::kState
  std::string token_id;  // the credential used; empty for the public and for tools

  static Principal Public() { return {}; }
  static Principal Partner(std::string id) { return {Role::kPartner, std::move(id), {}, {}}; }
  static Principal Editor() { return {Role::kEditor, {}, {}, {}}; }
  static Principal State(std::string c) { return {Role::kState, {}, std::move(c), {}}; }
  static Principal Analyst() { return {Role::kAnalyst, {}, {}, {}}; }
  static Principal Admin() { return {Role::kAdmin, {}, {}, {}}; }

  // How this principal appears in `posted_by` and events: "partner:efj", "state:BY",
  // "editor", "admin", "analyst", "public".
  std::string Actor() const;

  bool IsEditor() const { return role == Role::kEditor; }
  // One of the alert's partners.
  bool OwnsAlert(const Alert& alert) const;
  // May read the alert at all (drafts and rejected ones only by owners and editors).
  bool CanSee(const Alert& alert) const;
  // May read the identity (name, outlet, person links) of this alert's withheld victims:
  // editors, and the alert's partners but those that joined it only through a merge
  // (Alert::merged_partners), who did not report its victims. The one place this is decided.
  bool CanSeeWithheld(const Alert& alert) const;
};

}  // namespace soj::tracker
