#pragma once
// A webhook delivery: one notification for one subscription (which change of which alert),
// its state and its recent attempts; and the keys of the webhooks family that hold subscriptions
// and deliveries:
//   's' <subscription id>                    -> subscription (tracker/subscription.hpp)
//   'd' <subscription id> 00 <event seq: u64> -> delivery record (JSON)
//   'q' <subscription id> 00 <event seq: u64> -> ""  (the outbox: present while pending)
//   'i' <delivery id>                         -> <subscription id> 00 <event seq: u64>
// Event sequence numbers follow commit order, so a subscription's queue, read in key order,
// is the order its changes were committed in.

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tracker/calendar.hpp"
#include "tracker/error.hpp"
#include "tracker/model.hpp"
#include "tracker/subscription.hpp"

namespace soj::tracker {

enum class DeliveryState { kPending, kDelivered, kFailed };
inline constexpr std::array<std::string_view, 3> kDeliveryStateNames = {"pending", "delivered",
                                                                        "failed"};
inline std::string_view ToString(DeliveryState s) { return NameOf(s, kDeliveryStateNames); }

// Attempts kept on a delivery record, newest last.
inline constexpr std::size_t kRecentAttempts = 10;

struct DeliveryAttempt {
  Timestamp at;
  int status = 0;     // the receiver's HTTP status; 0 when there was no answer
  std::string error;  // why it failed ("HTTP 503", "connection refused"); empty on success
  int64_t duration_ms = 0;
  bool operator==(const DeliveryAttempt&) const = default;
};

struct Delivery {
  std::string id;  // "dlv_<24 hex>": X-Soj-Delivery, the same on every attempt and redelivery
  std::string subscription_id;
  uint64_t seq = 0;  // the event's sequence number
  WebhookEvent event = WebhookEvent::kAlertPublished;
  AlertId alert_id = 0;
  Timestamp created_at;
  Timestamp occurred_at;  // when the change was made
  uint32_t note_id = 0;   // reply.posted: the reply's id; update.posted: the follow-up's id
  DeliveryState state = DeliveryState::kPending;
  uint32_t attempts = 0;                 // every attempt since creation
  uint32_t failures = 0;                 // failed attempts since (re)queued: drives the backoff
  int64_t queued_ms = 0;                 // when the retry window opened (creation or redelivery)
  int64_t next_attempt_ms = 0;           // not before (unix milliseconds)
  std::optional<Timestamp> finished_at;  // delivered or failed
  // Why it failed when no attempt was the cause (its subscription stopped); empty otherwise.
  std::string failure_reason;
  std::vector<DeliveryAttempt> recent;  // at most kRecentAttempts
  bool operator==(const Delivery&) const = default;
};

std::string EncodeDelivery(const Delivery& delivery);
Result<Delivery> DecodeDelivery(std::string_view text);

// The delivery as GET .../deliveries shows it: state, attempts, errors, "failure_reason"
// (null unless it failed without an attempt being the cause); not the body.
boost::json::object DeliveryToJson(const Delivery& delivery);

std::string SubscriptionKey(std::string_view subscription_id);
std::string DeliveryKey(std::string_view subscription_id, uint64_t seq);
std::string QueueKey(std::string_view subscription_id, uint64_t seq);
// Prefix of one subscription's deliveries ('d') or queue ('q').
std::string DeliveryPrefix(std::string_view subscription_id);
std::string QueuePrefix(std::string_view subscription_id);
std::string DeliveryIdKey(std::string_view delivery_id);
// The event sequence at the end of a 'd' or 'q' key (nullopt when malformed).
std::optional<uint64_t> SeqOfKey(std::string_view key);

}  // namespace soj::tracker
