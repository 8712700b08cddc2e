// SubscriptionService and the outbox over a real store: who manages what, target checks, and
// notifications written in the same batch as the change that causes them.

#include "tracker/subscription_service.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "tests/tracker_fixture.hpp"

namespace soj::tracker {
namespace {

namespace json = boost::json;
using testing::ValidContent;

class SubscriptionServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Platform::Open(
        {.data_dir = dir_.str(),
         .create_if_missing = true,
         .sync = false,
         .clock = &clock_,
         .webhook_targets = {},
         .webhook_retries = {.base_ms = 1000, .max_delay_ms = 8000, .give_up_after_ms = 10'000},
         .resolve_host = [this](const std::string& host) { return Resolve(host); }});
    ASSERT_TRUE(opened) << opened.error().message;
    platform_ = std::move(*opened);
  }

  Result<std::vector<IpAddress>> Resolve(const std::string& host) {
    if (host == "hooks.example.org") return std::vector{*IpAddress::Parse("93.184.216.34")};
    if (host == "rebind.example.org")
      return std::vector{*IpAddress::Parse("93.184.216.34"), *IpAddress::Parse("::ffff:10.0.0.1")};
    if (auto literal = IpAddress::Parse(host)) return std::vector{*literal};
    return Error::InvalidField("url", "the host " + host + " does not resolve");
  }

  SubscriptionService& subscriptions() { return platform_->subscriptions(); }

  // `who` as it is when it comes with a token of its own: subscriptions are bound to one.
  Principal Bound(const Principal& who, std::string* token_id = nullptr) {
    auto issued = platform_->tokens().Create(Principal::Admin(), who.role, who.partner, who.country,
                                             "subscriber");
    EXPECT_TRUE(issued);
    if (!issued) return who;
    if (token_id != nullptr) *token_id = issued->record.id;
    auto principal = platform_->tokens().Authenticate(issued->secret);
    EXPECT_TRUE(principal);
    return principal ? *principal : who;
  }

  Subscription Subscribe(const Principal& who, std::string_view body) {
    auto issued =
        subscriptions().Create(who.token_id.empty() ? Bound(who) : who, json::parse(body));
    EXPECT_TRUE(issued) << (issued ? ""
                                   : issued.error().message + " " +
                                         (issued.error().fields.empty()
                                              ? ""
                                              : issued.error().fields[0].field + ": " +
                                                    issued.error().fields[0].message));
    return issued ? issued->subscription : Subscription{};
  }

  std::vector<Delivery> Deliveries(const Subscription& s) {
    auto list = subscriptions().Deliveries(Principal::Admin(), s.id, std::nullopt, 200);
    EXPECT_TRUE(list) << list.error().message;
    return list ? *list : std::vector<Delivery>{};
  }

  Alert Publish(const std::string& partner, const std::function<void(AlertContent&)>& edit = {}) {
    AlertContent c = ValidContent();
    if (edit) edit(c);
    auto draft = platform_->alerts().Submit(Principal::Partner(partner), c);
    EXPECT_TRUE(draft);
    auto published = platform_->alerts().Transition(Principal::Editor(), draft->alert.id,
                                                    {AlertStatus::kPublished, "", std::nullopt});
    EXPECT_TRUE(published);
    return *published;
  }

  // The body the oldest delivery of `s` would be sent with now ("" when it may not be sent).
  std::string Body(const Subscription& s) {
    auto list = Deliveries(s);
    EXPECT_FALSE(list.empty());
    if (list.empty()) return "";
    auto body = platform_->outbox().Render(list.back(), s);
    EXPECT_TRUE(body);
    return body && *body ? **body : "";
  }

  testing::TempDir dir_;
  FixedClock clock_{testing::TestNow()};
  std::unique_ptr<Platform> platform_;
};

constexpr std::string_view kAll =
    R"({"url":"https://hooks.example.org/in","events":["alert.published","alert.updated",
        "alert.resolved","reply.posted","update.posted"]})";

TEST_F(SubscriptionServiceTest, OnlyAdminsPartnersAndStatesHaveSubscriptions) {
  EXPECT_EQ(subscriptions().Create(Principal::Public(), json::parse(kAll)).error().kind,
            ErrorKind::kUnauthenticated);
  EXPECT_EQ(subscriptions().Create(Principal::Editor(), json::parse(kAll)).error().kind,
            ErrorKind::kForbidden);
  EXPECT_EQ(subscriptions().List(Principal::Analyst()).error().kind, ErrorKind::kForbidden);
  const Subscription mine = Subscribe(Principal::Partner("efj"), kAll);
  Subscribe(Principal::Partner("ifj"), kAll);
  Subscribe(Principal::State("BY"), kAll);
  EXPECT_EQ(subscriptions().List(Principal::Admin())->size(), 3u);
  ASSERT_EQ(subscriptions().List(Principal::Partner("efj"))->size(), 1u);
  EXPECT_EQ(subscriptions().Get(Principal::Partner("ifj"), mine.id).error().kind,
            ErrorKind::kNotFound);
  EXPECT_EQ(subscriptions().Delete(Principal::State("BY"), mine.id).error().kind,
            ErrorKind::kNotFound);
  EXPECT_TRUE(subscriptions().Delete(Principal::Partner("efj"), mine.id));
  EXPECT_EQ(subscriptions().List(Principal::Admin())->size(), 2u);
}

TEST_F(SubscriptionServiceTest, SecretIsStrongAndOnlyGivenAtCreation) {
  const Subscription s = Subscribe(Principal::Admin(), kAll);
  EXPECT_TRUE(s.secret.starts_with("whsec_"));
  EXPECT_GE(s.secret.size(), 40u);
  EXPECT_NE(Subscribe(Principal::Admin(), kAll).secret, s.secret);
  // Kept to sign with, but no view of a subscription carries it.
  EXPECT_EQ(json::serialize(SubscriptionToJson(*subscriptions().Get(Principal::Admin(), s.id)))
                .find(s.secret),
            std::string::npos);
}

TEST_F(SubscriptionServiceTest, StateSubscriptionsCoverOnlyTheirCountry) {
  const Subscription s = Subscribe(Principal::State("BY"), kAll);
  EXPECT_EQ(s.filters.countries, std::vector<std::string>{"BY"});
  auto other = subscriptions().Create(
      Bound(Principal::State("BY")),
      json::parse(R"({"url":"https://hooks.example.org/","events":["alert.published"],
                      "filters":{"country":["RU"]}})"));
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().fields.at(0).field, "filters.country");
  Publish("efj", [](AlertContent& c) { c.country = "RU"; });
  const Alert by = Publish("efj");
  const auto deliveries = Deliveries(s);
  ASSERT_EQ(deliveries.size(), 1u);
  EXPECT_EQ(deliveries[0].alert_id, by.id);
}

TEST_F(SubscriptionServiceTest, TargetsMustBeHttpsAndPublic) {
  auto field_error = [&](std::string_view url) {
    auto r = subscriptions().Create(
        Bound(Principal::Admin()),
        json::parse(R"({"url":")" + std::string(url) + R"(","events":["alert.published"]})"));
    EXPECT_FALSE(r) << url;
    return r ? std::string() : r.error().fields.at(0).field + ": " + r.error().fields.at(0).message;
  };
  EXPECT_EQ(field_error("http://hooks.example.org/"),
            "url: must be an https URL (http is not allowed)");
  EXPECT_NE(field_error("https://127.0.0.1/").find("loopback"), std::string::npos);
  EXPECT_NE(field_error("https://[::ffff:192.168.0.1]/").find("private"), std::string::npos);
  EXPECT_NE(field_error("https://169.254.169.254/latest").find("link-local"), std::string::npos);
  EXPECT_NE(field_error("https://rebind.example.org/").find("10.0.0.1"), std::string::npos);
  EXPECT_NE(field_error("https://nowhere.example.org/").find("does not resolve"),
            std::string::npos);
  EXPECT_TRUE(subscriptions().List(Principal::Admin())->empty());
}

TEST_F(SubscriptionServiceTest, ChangesQueueTheRightEventsInCommitOrder) {
  const Subscription s = Subscribe(Principal::Admin(), kAll);
  const Alert alert = Publish("efj");
  ASSERT_TRUE(platform_->alerts().AddStateReply(Principal::State("BY"), alert.id, {"Reply.", {}}));
  ASSERT_TRUE(platform_->alerts().AddUpdate(Principal::Partner("efj"), alert.id, {"News.", {}}));
  ASSERT_TRUE(platform_->alerts().Transition(Principal::Editor(), alert.id,
                                             {AlertStatus::kResolved, "Released.", std::nullopt}));
  auto deliveries = Deliveries(s);  // newest first
  std::vector<WebhookEvent> events;
  for (auto it = deliveries.rbegin(); it != deliveries.rend(); ++it) events.push_back(it->event);
  EXPECT_EQ(events, (std::vector{WebhookEvent::kAlertPublished, WebhookEvent::kReplyPosted,
                                 WebhookEvent::kUpdatePosted, WebhookEvent::kAlertResolved}));
  auto heads = platform_->outbox().PendingHeads();
  ASSERT_TRUE(heads);
  ASSERT_EQ(heads->size(), 1u);
  EXPECT_EQ(heads->at(0).event, WebhookEvent::kAlertPublished);  // the oldest goes first
}

TEST_F(SubscriptionServiceTest, AChangeThatDoesNotCommitQueuesNothing) {
  const Subscription s = Subscribe(Principal::Admin(), kAll);
  const Alert alert = Publish("efj");
  ASSERT_EQ(Deliveries(s).size(), 1u);
  // Refused inside the write operation, after the rights checks: rolled back whole.
  EXPECT_FALSE(platform_->alerts().AddStateReply(Principal::State("BY"), alert.id, {"", {}}));
  EXPECT_FALSE(platform_->alerts().Transition(Principal::Editor(), alert.id,
                                              {AlertStatus::kDraft, "", std::nullopt}));
  EXPECT_EQ(Deliveries(s).size(), 1u);
  // Drafts are nobody's notification.
  ASSERT_TRUE(platform_->alerts().Submit(Principal::Partner("efj"), ValidContent()));
  EXPECT_EQ(Deliveries(s).size(), 1u);
}

TEST_F(SubscriptionServiceTest, PayloadsCarryWithheldNamesOnlyToTheAlertsPartners) {
  const Subscription state = Subscribe(Principal::State("BY"), kAll);
  const Subscription owner = Subscribe(Principal::Partner("efj"), kAll);
  const Subscription other = Subscribe(Principal::Partner("ifj"), kAll);
  const Subscription admin = Subscribe(Principal::Admin(), kAll);
  Publish("efj", [](AlertContent& c) {
    c.victims[0].name = "Hidden Person Name";
    c.victims[0].outlet = "Hidden Outlet";
    c.victims[0].withheld = true;
  });
  auto body_of = [&](const Subscription& s) { return Body(s); };
  EXPECT_NE(body_of(owner).find("Hidden Person Name"), std::string::npos);
  for (const Subscription* s : {&state, &other, &admin}) {
    const std::string body = body_of(*s);
    EXPECT_EQ(body.find("Hidden Person Name"), std::string::npos) << s->owner.Actor();
    EXPECT_EQ(body.find("Hidden Outlet"), std::string::npos) << s->owner.Actor();
    EXPECT_EQ(body.find("submitted_by"), std::string::npos) << s->owner.Actor();
  }
}

TEST_F(SubscriptionServiceTest, BodiesAreRenderedWhenSentSoANameWithheldSinceIsNotSent) {
  const Subscription admin = Subscribe(Principal::Admin(), kAll);
  const Alert alert = Publish("efj");  // "A. N." is not withheld
  EXPECT_NE(Body(admin).find("A. N."), std::string::npos);
  // An editor withholds the name before the delivery went out.
  auto edited = platform_->alerts().Edit(
      Principal::Editor(), alert.id, alert.version,
      json::parse(R"({"victims":[{"name":"A. N.","withheld":true,"kind":"journalist"}]})"));
  ASSERT_TRUE(edited) << edited.error().message;
  EXPECT_EQ(Body(admin).find("A. N."), std::string::npos);
  EXPECT_NE(Body(admin).find("\"event\":\"alert.published\""), std::string::npos);
}

TEST_F(SubscriptionServiceTest, NothingIsSentToAStateThatMayNoLongerSeeTheAlert) {
  const Subscription state = Subscribe(Principal::State("BY"), kAll);
  const Alert alert = Publish("efj");
  ASSERT_EQ(Deliveries(state).size(), 1u);
  // The secretariat corrects the country before the delivery went out.
  auto edited = platform_->alerts().Edit(Principal::Editor(), alert.id, alert.version,
                                         json::parse(R"({"country":"RU"})"));
  ASSERT_TRUE(edited) << edited.error().message;
  auto body = platform_->outbox().Render(Deliveries(state).back(), state);
  ASSERT_TRUE(body);
  EXPECT_FALSE(*body);
  EXPECT_EQ(Deliveries(state).size(), 1u);  // the edit (now about RU) queued nothing for BY
}

TEST_F(SubscriptionServiceTest, FailedAttemptsBackOffThenFailAndCanBeRedelivered) {
  const Subscription s = Subscribe(Principal::Admin(), kAll);
  Publish("efj");
  auto head = platform_->outbox().PendingHeads()->at(0);
  const int64_t start = head.queued_ms;
  DeliveryAttempt attempt{clock_.Now(), 503, "the receiver answered HTTP 503", 5};
  auto after =
      platform_->outbox().RecordAttempt(head, attempt, WebhookOutbox::Outcome::kRetry, start, 1.0);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->state, DeliveryState::kPending);
  EXPECT_EQ(after->next_attempt_ms, start + 1000);
  // A stale view of the delivery (already attempted) changes nothing.
  EXPECT_EQ(platform_->outbox()
                .RecordAttempt(head, attempt, WebhookOutbox::Outcome::kDelivered, start, 1.0)
                .error()
                .kind,
            ErrorKind::kConflict);
  // 1 + 2 + 4 s, then 8 s would end past the 10 s window: failed, out of the queue.
  int64_t now = start;
  for (int i = 0; i < 3 && after->state == DeliveryState::kPending; ++i) {
    now = after->next_attempt_ms;
    after = platform_->outbox().RecordAttempt(*after, attempt, WebhookOutbox::Outcome::kRetry, now,
                                              1.0);
    ASSERT_TRUE(after);
  }
  EXPECT_EQ(after->state, DeliveryState::kFailed);
  EXPECT_EQ(after->attempts, 4u);
  EXPECT_TRUE(platform_->outbox().PendingHeads()->empty());
  auto failed = subscriptions().Deliveries(Principal::Admin(), s.id, DeliveryState::kFailed, 10);
  ASSERT_EQ(failed->size(), 1u);
  EXPECT_EQ(failed->at(0).recent.back().status, 503);

  auto again = subscriptions().Redeliver(Principal::Admin(), s.id, after->id, now + 1);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->id, after->id);
  EXPECT_EQ(again->state, DeliveryState::kPending);
  EXPECT_EQ(platform_->outbox().PendingHeads()->size(), 1u);
  EXPECT_EQ(subscriptions().Redeliver(Principal::Admin(), s.id, after->id, now).error().kind,
            ErrorKind::kConflict);
  EXPECT_EQ(subscriptions().Redeliver(Principal::Admin(), s.id, "dlv_nope", now).error().kind,
            ErrorKind::kNotFound);
}

TEST_F(SubscriptionServiceTest, ASubscriptionIsBoundToTheTokenThatCreatedIt) {
  // Without a credential nothing could ever revoke it: refused.
  EXPECT_EQ(subscriptions().Create(Principal::Partner("efj"), json::parse(kAll)).error().kind,
            ErrorKind::kUnauthenticated);
  std::string token_id;
  const Subscription s = Subscribe(Bound(Principal::Partner("efj"), &token_id), kAll);
  EXPECT_EQ(s.credential, "token:" + token_id);
  EXPECT_TRUE(s.Active());
  const json::object shown = SubscriptionToJson(*subscriptions().Get(Principal::Admin(), s.id));
  EXPECT_EQ(shown.at("credential"), json::value("token:" + token_id));
  EXPECT_TRUE(shown.at("stopped").is_null());
}

TEST_F(SubscriptionServiceTest,
       RevokingATokenStopsItsWebhookSubscriptionsAndFailsTheirPendingDeliveries) {
  std::string stolen_id;
  const Subscription stolen = Subscribe(Bound(Principal::Partner("efj"), &stolen_id), kAll);
  const Subscription kept = Subscribe(Bound(Principal::Partner("efj")), kAll);
  Publish("efj");
  ASSERT_EQ(platform_->outbox().PendingHeads()->size(), 2u);

  ASSERT_TRUE(platform_->tokens().Revoke(Principal::Admin(), stolen_id));
  // In the revocation's own commit: stopped, with why, and its pending delivery failed.
  const Subscription now = *subscriptions().Get(Principal::Admin(), stolen.id);
  EXPECT_FALSE(now.Active());
  EXPECT_EQ(now.stopped_reason, "the token that created this subscription was revoked");
  EXPECT_EQ(SubscriptionToJson(now).at("stopped").at("reason"),
            json::value("the token that created this subscription was revoked"));
  EXPECT_FALSE(platform_->subscription_registry().Find(stolen.id)->Active());
  auto failed = Deliveries(stolen);
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(failed[0].state, DeliveryState::kFailed);
  EXPECT_EQ(failed[0].failure_reason, "the token that created this subscription was revoked");
  EXPECT_EQ(DeliveryToJson(failed[0]).at("failure_reason"),
            json::value("the token that created this subscription was revoked"));
  auto heads = platform_->outbox().PendingHeads();
  ASSERT_EQ(heads->size(), 1u);
  EXPECT_EQ(heads->at(0).subscription_id, kept.id);

  // Nothing more is queued for it, nor can a failed delivery be sent again.
  Publish("efj");
  EXPECT_EQ(Deliveries(stolen).size(), 1u);
  EXPECT_EQ(Deliveries(kept).size(), 2u);
  EXPECT_EQ(subscriptions().Redeliver(Principal::Admin(), stolen.id, failed[0].id, 0).error().kind,
            ErrorKind::kConflict);
  // The stopped one stays listed, with why, and frees its owner's slot.
  EXPECT_EQ(subscriptions().List(Principal::Partner("efj"))->size(), 2u);
}

TEST_F(SubscriptionServiceTest, SubscriptionsStoredWithoutACredentialAreStoppedWhenTheStoreOpens) {
  // A subscription as stored before subscriptions were bound: no "credential" member.
  Subscription legacy;
  legacy.id = "sub_0123456789ab";
  legacy.url = "https://hooks.example.org/in";
  legacy.events = {WebhookEvent::kAlertPublished};
  legacy.owner = Principal::Partner("efj");
  legacy.created_at = clock_.Now();
  legacy.secret = "whsec_legacy";
  json::object record = json::parse(EncodeSubscription(legacy)).as_object();
  record.erase("credential");
  record.erase("stopped");
  Delivery pending;
  pending.id = "dlv_000000000000000000000001";
  pending.subscription_id = legacy.id;
  pending.seq = 1;
  pending.created_at = pending.occurred_at = clock_.Now();
  pending.alert_id = 1;
  ASSERT_TRUE(platform_->store()
                  .Write([&](storage::Transaction& txn) {
                    txn.Put(storage::Family::kWebhooks, SubscriptionKey(legacy.id),
                            json::serialize(record));
                    txn.Put(storage::Family::kWebhooks, DeliveryKey(legacy.id, 1),
                            EncodeDelivery(pending));
                    txn.Put(storage::Family::kWebhooks, QueueKey(legacy.id, 1), "");
                    return storage::Status::Ok();
                  })
                  .ok());
  platform_.reset();
  SetUp();
  const Subscription now = *subscriptions().Get(Principal::Admin(), legacy.id);
  EXPECT_FALSE(now.Active());
  EXPECT_NE(now.stopped_reason.find("create it again with a token"), std::string::npos);
  EXPECT_TRUE(platform_->outbox().PendingHeads()->empty());
  auto failed = Deliveries(now);
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(failed[0].state, DeliveryState::kFailed);
  EXPECT_EQ(failed[0].failure_reason, now.stopped_reason);
  Publish("efj");
  EXPECT_EQ(Deliveries(now).size(), 1u);
}

TEST_F(SubscriptionServiceTest, SubscriptionsAndTheOutboxSurviveAReopen) {
  const Subscription s = Subscribe(Principal::Partner("efj"), kAll);
  Publish("efj");
  platform_.reset();
  SetUp();
  EXPECT_EQ(platform_->subscription_registry().Find(s.id)->secret, s.secret);
  EXPECT_EQ(platform_->outbox().PendingHeads()->size(), 1u);
  ASSERT_TRUE(subscriptions().Delete(Principal::Admin(), s.id));
  EXPECT_TRUE(platform_->outbox().PendingHeads()->empty());
  EXPECT_FALSE(platform_->subscription_registry().Find(s.id));
}

}  // namespace
}  // namespace soj::tracker
