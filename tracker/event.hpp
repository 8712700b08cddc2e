#pragma once
// Event: one recorded change to an alert. Events are appended in commit order, never edited
// or deleted; together they are the alert's history.

#include <boost/json/object.hpp>
#include <cstdint>
#include <string>

#include "tracker/error.hpp"
#include "tracker/model.hpp"
#include "tracker/principal.hpp"

namespace soj::tracker {

enum class EventKind {
  kCreated,       // detail: {}
  kEdited,        // detail: {"fields": [...], "before": {...}}  ("before" is not public)
  kTransitioned,  // detail: {"from", "to", "reason"?}
  kReplyAdded,    // detail: {"reply_id"}
  kUpdateAdded,   // detail: {"update_id"}
  kMergedInto,    // this alert became a pointer; detail: {"into"}
  kMergedFrom,    // another alert was merged into this one; detail: {"from"}
  kImported,      // loaded by soj-admin import; detail: {}
};
inline constexpr std::array<std::string_view, 8> kEventKindNames = {
    "created",      "edited",      "transitioned", "reply_added",
    "update_added", "merged_into", "merged_from",  "imported"};
inline std::string_view ToString(EventKind k) { return NameOf(k, kEventKindNames); }

struct Event {
  uint64_t seq = 0;  // global commit order
  AlertId alert_id = 0;
  Timestamp at;
  std::string actor;  // Principal::Actor(), plus the token id for audit
  EventKind kind = EventKind::kCreated;
  // The alert's status and version after this event (visibility of the change).
  AlertStatus status = AlertStatus::kDraft;
  uint64_t version = 1;
  boost::json::object detail;
};

// Actor string recorded in events: "partner:efj", "editor (token tok_ab12)".
std::string EventActor(const Principal& who);

std::string EncodeEvent(const Event& event);
Result<Event> DecodeEvent(std::string_view text);

// The event as an editor sees it (everything).
boost::json::object EventToJson(const Event& event);
// The part of an event the public may see, or nullopt when the event is not public: changes
// made while the alert was not public, and edit details ("before" values may hold withheld
// names) are left out.
std::optional<boost::json::object> PublicEventJson(const Event& event);

}  // namespace soj::tracker
