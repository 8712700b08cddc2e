// The stored form of webhook deliveries and the keys of the outbox.

#include "tracker/webhook_delivery.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace soj::tracker {
namespace {

Delivery Sample() {
  Delivery d;
  d.id = "dlv_0123456789abcdef01234567";
  d.subscription_id = "sub_3f9a0c1d22e7";
  d.seq = 1042;
  d.event = WebhookEvent::kReplyPosted;
  d.alert_id = 77;
  d.created_at = *Timestamp::Parse("2026-11-29T12:00:00Z");
  d.occurred_at = *Timestamp::Parse("2026-11-29T11:59:59Z");
  d.note_id = 3;
  d.state = DeliveryState::kFailed;
  d.attempts = 12;
  d.failures = 12;
  d.queued_ms = 1'795'000'000'123;
  d.next_attempt_ms = 1'795'000'999'000;
  d.finished_at = *Timestamp::Parse("2026-11-30T12:00:01Z");
  d.recent = {
      {*Timestamp::Parse("2026-11-30T12:00:00Z"), 503, "the receiver answered HTTP 503", 41},
      {*Timestamp::Parse("2026-11-30T12:00:01Z"), 0, "cannot connect: refused", 2}};
  return d;
}

TEST(WebhookDelivery, EncodingRoundTrips) {
  const Delivery d = Sample();
  auto decoded = DecodeDelivery(EncodeDelivery(d));
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(*decoded, d);
  Delivery pending = d;
  pending.state = DeliveryState::kPending;
  pending.finished_at.reset();
  pending.recent.clear();
  auto again = DecodeDelivery(EncodeDelivery(pending));
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, pending);
}

TEST(WebhookDelivery, DamagedRecordsAreErrorsNotCrashes) {
  EXPECT_FALSE(DecodeDelivery(""));
  EXPECT_FALSE(DecodeDelivery("[]"));
  EXPECT_FALSE(DecodeDelivery(R"({"id":"x"})"));
  std::string text = EncodeDelivery(Sample());
  text.replace(text.find("reply.posted"), 12, "reply.mailed");
  EXPECT_FALSE(DecodeDelivery(text));
}

TEST(WebhookDelivery, TheApiViewHasNoBody) {
  const boost::json::object view = DeliveryToJson(Sample());
  EXPECT_FALSE(view.contains("body"));
  EXPECT_EQ(view.at("state").as_string(), "failed");
  EXPECT_EQ(view.at("recent_attempts").as_array().size(), 2u);
  EXPECT_TRUE(view.at("next_attempt_at").is_null());
}

TEST(WebhookDelivery, QueueKeysSortByEventSequenceWithinASubscription) {
  EXPECT_LT(QueueKey("sub_a", 9), QueueKey("sub_a", 10));
  EXPECT_LT(QueueKey("sub_a", 255), QueueKey("sub_a", 256));
  EXPECT_TRUE(QueueKey("sub_a", 1).starts_with(QueuePrefix("sub_a")));
  EXPECT_FALSE(QueueKey("sub_ab", 1).starts_with(QueuePrefix("sub_a")));
  EXPECT_EQ(SeqOfKey(DeliveryKey("sub_a", 1042)), 1042u);
  EXPECT_EQ(SeqOfKey("short"), std::nullopt);
}

}  // namespace
}  // namespace soj::tracker
