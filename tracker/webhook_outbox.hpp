#pragma once
// WebhookOutbox: the durable queue of webhook notifications. An alert change records its
// notifications inside the change's own write operation (Record), so they commit in the same
// WriteBatch as the change: a crash can neither lose a notification of a committed change
// nor leave one for a change that did not commit. The delivery worker takes each
// subscription's oldest pending delivery (PendingHeads), sends it, and reports the outcome
// (RecordAttempt): delivered, retried later with backoff, or failed once the retry window
// has passed. Deliveries are sent in order per subscription and at least once.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/store.hpp"
#include "storage/transaction.hpp"
#include "tracker/calendar.hpp"
#include "tracker/error.hpp"
#include "tracker/event.hpp"
#include "tracker/model.hpp"
#include "tracker/subscription_registry.hpp"
#include "tracker/webhook_backoff.hpp"
#include "tracker/webhook_delivery.hpp"

namespace soj::tracker {

class WebhookOutbox {
 public:
  WebhookOutbox(storage::Store& store, const SubscriptionRegistry& registry, RetryPolicy policy);

  // Inside an alert write, after its event was appended: queues one delivery for every
  // subscription that wants this kind of change and covers the alert (only public alerts are
  // notified). The record names the change; the body is rendered when it is sent (Render).
  // Returns an error only when the store cannot be read.
  std::optional<Error> Record(storage::Transaction& txn, const Event& event,
                              const Alert& alert) const;

  // The request body of `delivery` for `subscription`, rendered now: the event, and the alert
  // as it is now, as the subscription's owner may see it (withheld names only for the alert's
  // partners; a name withheld after the change is not sent). nullopt when the owner may no
  // longer see the alert (its country was changed away from a state's, it was merged away):
  // then nothing may be sent.
  Result<std::optional<std::string>> Render(const Delivery& delivery,
                                            const Subscription& subscription) const;

  // The oldest pending delivery of every subscription that has one.
  Result<std::vector<Delivery>> PendingHeads() const;

  enum class Outcome {
    kDelivered,  // a 2xx answer: the delivery leaves the queue
    kRetry,      // tried again after RetryDelayMs, or failed once past the retry window
    kRefused,    // must not be sent (Render gave nothing, the target is not allowed): failed
  };
  // Records one attempt at `attempted` (as PendingHeads returned it). Returns the record as
  // stored; kConflict when the delivery changed meanwhile (deleted, redelivered), in which
  // case nothing is written.
  Result<Delivery> RecordAttempt(const Delivery& attempted, const DeliveryAttempt& attempt,
                                 Outcome outcome, int64_t now_ms, double unit_random);

  // A subscription's deliveries, newest first, at most `limit`, optionally in one state.
  Result<std::vector<Delivery>> List(std::string_view subscription_id,
                                     std::optional<DeliveryState> state, std::size_t limit) const;

  // Queues a finished delivery again with the same id and body (kNotFound for an unknown id,
  // kConflict while it is still pending). Its retry window starts again at `now_ms`.
  Result<Delivery> Redeliver(std::string_view subscription_id, std::string_view delivery_id,
                             int64_t now_ms);

  // Inside a write: every pending delivery of the subscription (committed ones) ends `failed`
  // with `reason` at `now`, and leaves the queue. Used when the subscription stops.
  storage::Status FailPending(storage::Transaction& txn, std::string_view subscription_id,
                              std::string_view reason, Timestamp now) const;

  // Inside a write: removes a subscription's deliveries and queue (committed ones).
  storage::Status DeleteDeliveries(storage::Transaction& txn,
                                   std::string_view subscription_id) const;

  const RetryPolicy& policy() const { return policy_; }

 private:
  storage::Store& store_;
  const SubscriptionRegistry& registry_;
  RetryPolicy policy_;
};

}  // namespace soj::tracker
