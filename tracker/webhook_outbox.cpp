#include "tracker/webhook_outbox.hpp"

#include <boost/json.hpp>

#include "storage/key_codec.hpp"
#include "tracker/alert_records.hpp"
#include "tracker/alert_service.hpp"
#include "tracker/digest.hpp"

namespace soj::tracker {
namespace json = boost::json;
using storage::Family;

namespace {

uint32_t NoteId(const Event& event) {
  for (std::string_view key : {"reply_id", "update_id"})
    if (const json::value* id = event.detail.if_contains(key); id && id->is_number())
      return id->to_number<uint32_t>();
  return 0;
}

Error Changed(std::string_view id) {
  return Error::Conflict("delivery " + std::string(id) + " changed meanwhile");
}

}  // namespace

WebhookOutbox::WebhookOutbox(storage::Store& store, const SubscriptionRegistry& registry,
                             RetryPolicy policy)
    : store_(store), registry_(registry), policy_(policy) {}

std::optional<Error> WebhookOutbox::Record(storage::Transaction& txn, const Event& event,
                                           const Alert& alert) const {
  const std::optional<WebhookEvent> kind = WebhookEventOf(event);
  if (!kind || !alert.IsPublic()) return std::nullopt;
  auto subscriptions = registry_.Snapshot();
  for (const Subscription& s : *subscriptions) {
    if (!s.Wants(*kind) || !s.Covers(alert)) continue;
    Delivery d;
    d.id = "dlv_" + HexEncode(RandomBytes(12));
    d.subscription_id = s.id;
    d.seq = event.seq;
    d.event = *kind;
    d.alert_id = alert.id;
    d.created_at = event.at;
    d.occurred_at = event.at;
    d.note_id = NoteId(event);
    d.queued_ms = event.at.unix_seconds() * 1000;
    d.next_attempt_ms = 0;  // at once
    const std::string key = DeliveryKey(s.id, d.seq);
    txn.Put(Family::kWebhooks, key, EncodeDelivery(d));
    txn.Put(Family::kWebhooks, QueueKey(s.id, d.seq), "");
    txn.Put(Family::kWebhooks, DeliveryIdKey(d.id), key.substr(1));
  }
  return std::nullopt;
}

Result<std::optional<std::string>> WebhookOutbox::Render(const Delivery& d,
                                                         const Subscription& s) const {
  auto loaded = LoadAlert(store_, d.alert_id);
  if (!loaded) return loaded.error();
  if (!*loaded || !s.OwnerMaySee(**loaded)) return std::optional<std::string>();
  const Alert& alert = **loaded;
  json::object body{{"id", d.id},
                    {"event", ToString(d.event)},
                    {"occurred_at", d.occurred_at.ToString()},
                    {"subscription_id", d.subscription_id},
                    {"alert", AlertToJson(alert, ViewFor(s.owner, alert))}};
  if (d.event == WebhookEvent::kReplyPosted) body["reply_id"] = d.note_id;
  if (d.event == WebhookEvent::kUpdatePosted) body["update_id"] = d.note_id;
  return std::optional<std::string>(json::serialize(body));
}

Result<std::vector<Delivery>> WebhookOutbox::PendingHeads() const {
  std::vector<Delivery> heads;
  auto subscriptions = registry_.Snapshot();
  for (const Subscription& s : *subscriptions) {
    std::optional<uint64_t> seq;
    storage::Status scanned =
        store_.ScanPrefix(Family::kWebhooks, QueuePrefix(s.id), storage::Direction::kForward,
                          [&](std::string_view key, std::string_view) {
                            seq = SeqOfKey(key);
                            return false;
                          });
    if (!scanned.ok()) return FromStorage(scanned);
    if (!seq) continue;
    auto raw = store_.Get(Family::kWebhooks, DeliveryKey(s.id, *seq));
    if (!raw) return FromStorage(raw.error());
    if (!*raw) continue;  // removed meanwhile
    auto delivery = DecodeDelivery(**raw);
    if (!delivery) return delivery.error();
    heads.push_back(std::move(*delivery));
  }
  return heads;
}

Result<Delivery> WebhookOutbox::RecordAttempt(const Delivery& attempted,
                                              const DeliveryAttempt& attempt, Outcome outcome,
                                              int64_t now_ms, double unit_random) {
  std::optional<Error> failure;
  Delivery stored;
  storage::Status s = store_.Write([&](storage::Transaction& txn) {
    const std::string key = DeliveryKey(attempted.subscription_id, attempted.seq);
    auto raw = txn.Get(Family::kWebhooks, key);
    if (!raw) return raw.error();
    std::optional<Delivery> current;
    if (*raw) {
      auto decoded = DecodeDelivery(**raw);
      if (!decoded) {
        failure = decoded.error();
        return storage::Status::Aborted(failure->message);
      }
      current = std::move(*decoded);
    }
    if (!current || current->state != DeliveryState::kPending ||
        current->attempts != attempted.attempts || current->id != attempted.id) {
      failure = Changed(attempted.id);
      return storage::Status::Aborted(failure->message);
    }
    Delivery& d = *current;
    d.attempts += 1;
    d.recent.push_back(attempt);
    if (d.recent.size() > kRecentAttempts) d.recent.erase(d.recent.begin());
    if (outcome == Outcome::kDelivered) {
      d.state = DeliveryState::kDelivered;
      d.finished_at = attempt.at;
    } else if (outcome == Outcome::kRefused) {
      d.state = DeliveryState::kFailed;
      d.finished_at = attempt.at;
    } else {
      d.failures += 1;
      const int64_t next = now_ms + RetryDelayMs(policy_, d.failures, unit_random);
      if (PastRetryWindow(policy_, d.queued_ms, next)) {
        d.state = DeliveryState::kFailed;
        d.finished_at = attempt.at;
      } else {
        d.next_attempt_ms = next;
      }
    }
    txn.Put(Family::kWebhooks, key, EncodeDelivery(d));
    if (d.state != DeliveryState::kPending)
      txn.Delete(Family::kWebhooks, QueueKey(d.subscription_id, d.seq));
    stored = d;
    return storage::Status::Ok();
  });
  if (failure) return *failure;
  if (!s.ok()) return FromStorage(s);
  return stored;
}

Result<std::vector<Delivery>> WebhookOutbox::List(std::string_view subscription_id,
                                                  std::optional<DeliveryState> state,
                                                  std::size_t limit) const {
  std::vector<Delivery> out;
  std::optional<Error> damaged;
  storage::Status s = store_.ScanPrefix(Family::kWebhooks, DeliveryPrefix(subscription_id),
                                        storage::Direction::kBackward,
                                        [&](std::string_view, std::string_view value) {
                                          auto d = DecodeDelivery(value);
                                          if (!d) {
                                            damaged = d.error();
                                            return false;
                                          }
                                          if (!state || d->state == *state)
                                            out.push_back(std::move(*d));
                                          return out.size() < limit;
                                        });
  if (!s.ok()) return FromStorage(s);
  if (damaged) return *damaged;
  return out;
}

Result<Delivery> WebhookOutbox::Redeliver(std::string_view subscription_id,
                                          std::string_view delivery_id, int64_t now_ms) {
  std::optional<Error> failure;
  Delivery stored;
  const Error unknown = Error::NotFound("there is no delivery " + std::string(delivery_id) +
                                        " of subscription " + std::string(subscription_id));
  storage::Status s = store_.Write([&](storage::Transaction& txn) {
    auto located = txn.Get(Family::kWebhooks, DeliveryIdKey(delivery_id));
    if (!located) return located.error();
    const std::string expected_prefix = DeliveryPrefix(subscription_id).substr(1);
    if (!*located || !(*located)->starts_with(expected_prefix)) {
      failure = unknown;
      return storage::Status::Aborted(unknown.message);
    }
    const std::string key = "d" + **located;
    auto raw = txn.Get(Family::kWebhooks, key);
    if (!raw) return raw.error();
    auto d = *raw ? DecodeDelivery(**raw) : Result<Delivery>(unknown);
    if (!d) {
      failure = d.error();
      return storage::Status::Aborted(failure->message);
    }
    if (d->state == DeliveryState::kPending) {
      failure = Error::Conflict("delivery " + std::string(delivery_id) +
                                " is still pending; it will be tried again by itself");
      return storage::Status::Aborted(failure->message);
    }
    d->state = DeliveryState::kPending;
    d->failures = 0;
    d->queued_ms = now_ms;
    d->next_attempt_ms = 0;
    d->finished_at.reset();
    d->failure_reason.clear();
    txn.Put(Family::kWebhooks, key, EncodeDelivery(*d));
    txn.Put(Family::kWebhooks, QueueKey(d->subscription_id, d->seq), "");
    stored = std::move(*d);
    return storage::Status::Ok();
  });
  if (failure) return *failure;
  if (!s.ok()) return FromStorage(s);
  return stored;
}

storage::Status WebhookOutbox::FailPending(storage::Transaction& txn,
                                           std::string_view subscription_id,
                                           std::string_view reason, Timestamp now) const {
  std::vector<uint64_t> queued;
  storage::Status s =
      store_.ScanPrefix(Family::kWebhooks, QueuePrefix(subscription_id),
                        storage::Direction::kForward, [&](std::string_view key, std::string_view) {
                          if (auto seq = SeqOfKey(key)) queued.push_back(*seq);
                          return true;
                        });
  if (!s.ok()) return s;
  for (uint64_t seq : queued) {
    const std::string key = DeliveryKey(subscription_id, seq);
    auto raw = txn.Get(Family::kWebhooks, key);
    if (!raw) return raw.error();
    txn.Delete(Family::kWebhooks, QueueKey(subscription_id, seq));
    if (!*raw) continue;
    auto d = DecodeDelivery(**raw);
    if (!d) return storage::Status::Corruption(d.error().message);
    if (d->state != DeliveryState::kPending) continue;
    d->state = DeliveryState::kFailed;
    d->finished_at = now;
    d->failure_reason = std::string(reason);
    txn.Put(Family::kWebhooks, key, EncodeDelivery(*d));
  }
  return storage::Status::Ok();
}

storage::Status WebhookOutbox::DeleteDeliveries(storage::Transaction& txn,
                                                std::string_view subscription_id) const {
  std::vector<std::string> keys;
  storage::Status s = store_.ScanPrefix(Family::kWebhooks, DeliveryPrefix(subscription_id),
                                        storage::Direction::kForward,
                                        [&](std::string_view key, std::string_view value) {
                                          keys.emplace_back(key);
                                          if (auto d = DecodeDelivery(value))
                                            keys.push_back(DeliveryIdKey(d->id));
                                          if (auto seq = SeqOfKey(key))
                                            keys.push_back(QueueKey(subscription_id, *seq));
                                          return true;
                                        });
  if (!s.ok()) return s;
  for (const std::string& key : keys) txn.Delete(Family::kWebhooks, key);
  return storage::Status::Ok();
}

}  // namespace soj::tracker
