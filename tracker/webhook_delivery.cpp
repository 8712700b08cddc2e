#include "tracker/webhook_delivery.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "storage/key_codec.hpp"

namespace soj::tracker {
namespace json = boost::json;

namespace {

json::object AttemptJson(const DeliveryAttempt& a) {
  return json::object{{"at", a.at.ToString()},
                      {"status", a.status},
                      {"error", a.error},
                      {"duration_ms", a.duration_ms}};
}

json::value OptionalTime(const std::optional<Timestamp>& t) {
  return t ? json::value(t->ToString()) : json::value(nullptr);
}

}  // namespace

json::object DeliveryToJson(const Delivery& d) {
  json::array recent;
  for (const auto& a : d.recent) recent.push_back(AttemptJson(a));
  json::object out{{"id", d.id},
                   {"subscription_id", d.subscription_id},
                   {"event", ToString(d.event)},
                   {"alert_id", d.alert_id},
                   {"created_at", d.created_at.ToString()},
                   {"state", ToString(d.state)},
                   {"attempts", d.attempts},
                   {"finished_at", OptionalTime(d.finished_at)},
                   {"failure_reason", d.failure_reason.empty() ? json::value(nullptr)
                                                               : json::value(d.failure_reason)},
                   {"recent_attempts", std::move(recent)}};
  out["next_attempt_at"] =
      d.state == DeliveryState::kPending
          ? json::value(
                Timestamp::FromUnixSeconds((std::max(d.next_attempt_ms, d.queued_ms) + 999) / 1000)
                    .ToString())
          : json::value(nullptr);
  return out;
}

std::string EncodeDelivery(const Delivery& d) {
  json::object o = DeliveryToJson(d);
  o["seq"] = d.seq;
  o["occurred_at"] = d.occurred_at.ToString();
  o["note_id"] = d.note_id;
  o["failures"] = d.failures;
  o["queued_ms"] = d.queued_ms;
  o["next_attempt_ms"] = d.next_attempt_ms;
  return json::serialize(o);
}

Result<Delivery> DecodeDelivery(std::string_view text) {
  const Error damaged = Error::Internal("damaged webhook delivery record");
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return damaged;
  const json::object& o = v.as_object();
  Delivery d;
  try {
    d.id = std::string(o.at("id").as_string());
    d.subscription_id = std::string(o.at("subscription_id").as_string());
    d.seq = o.at("seq").to_number<uint64_t>();
    auto event = EnumFromName<WebhookEvent>(o.at("event").as_string(), kWebhookEventNames);
    auto state = EnumFromName<DeliveryState>(o.at("state").as_string(), kDeliveryStateNames);
    auto created = Timestamp::Parse(o.at("created_at").as_string());
    if (!event || !state || !created) return damaged;
    d.event = *event;
    d.state = *state;
    d.created_at = *created;
    d.alert_id = o.at("alert_id").to_number<uint64_t>();
    auto occurred = Timestamp::Parse(o.at("occurred_at").as_string());
    if (!occurred) return damaged;
    d.occurred_at = *occurred;
    d.note_id = o.at("note_id").to_number<uint32_t>();
    d.attempts = o.at("attempts").to_number<uint32_t>();
    d.failures = o.at("failures").to_number<uint32_t>();
    d.queued_ms = o.at("queued_ms").to_number<int64_t>();
    d.next_attempt_ms = o.at("next_attempt_ms").to_number<int64_t>();
    if (const json::value& f = o.at("finished_at"); f.is_string()) {
      d.finished_at = Timestamp::Parse(f.as_string());
      if (!d.finished_at) return damaged;
    }
    if (const json::value* reason = o.if_contains("failure_reason"); reason && reason->is_string())
      d.failure_reason = std::string(reason->as_string());
    for (const json::value& item : o.at("recent_attempts").as_array()) {
      const json::object& a = item.as_object();
      auto at = Timestamp::Parse(a.at("at").as_string());
      if (!at) return damaged;
      d.recent.push_back(DeliveryAttempt{*at, a.at("status").to_number<int>(),
                                         std::string(a.at("error").as_string()),
                                         a.at("duration_ms").to_number<int64_t>()});
    }
  } catch (const std::exception&) {
    return damaged;
  }
  return d;
}

std::string SubscriptionKey(std::string_view id) { return std::string("s").append(id); }

std::string DeliveryPrefix(std::string_view id) {
  std::string key = std::string("d").append(id);
  key.push_back('\0');
  return key;
}

std::string QueuePrefix(std::string_view id) {
  std::string key = std::string("q").append(id);
  key.push_back('\0');
  return key;
}

std::string DeliveryKey(std::string_view id, uint64_t seq) {
  std::string key = DeliveryPrefix(id);
  storage::AppendUint64(&key, seq);
  return key;
}

std::string QueueKey(std::string_view id, uint64_t seq) {
  std::string key = QueuePrefix(id);
  storage::AppendUint64(&key, seq);
  return key;
}

std::string DeliveryIdKey(std::string_view delivery_id) {
  return std::string("i").append(delivery_id);
}

std::optional<uint64_t> SeqOfKey(std::string_view key) {
  if (key.size() < 10 || key[key.size() - 9] != '\0') return std::nullopt;
  std::string_view tail = key.substr(key.size() - 8);
  return storage::ConsumeUint64(&tail);
}

}  // namespace soj::tracker
