// Subscription requests, stored records, filters and which alert events are notified.

#include "tracker/subscription.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "tests/tracker_fixture.hpp"

namespace soj::tracker {
namespace {

namespace json = boost::json;

std::vector<std::string> Fields(const FieldErrors& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors.items()) out.push_back(e.field);
  return out;
}

SubscriptionRequest Parse(std::string_view text, FieldErrors& errors) {
  static const PartnerDirectory partners(SeedPartners());
  return ParseSubscriptionRequest(json::parse(text), partners, errors);
}

TEST(Subscription, ParsesAFullRequest) {
  FieldErrors errors;
  auto r =
      Parse(R"({"url":"https://hooks.example.org/in","events":["alert.published","reply.posted"],
                     "filters":{"country":["BY","RU"],"category":["detention"],"partner":["efj"]},
                     "description":"  Belarus desk  "})",
            errors);
  EXPECT_TRUE(errors.empty()) << errors.items()[0].field;
  EXPECT_EQ(r.url, "https://hooks.example.org/in");
  EXPECT_EQ(r.events, (std::vector{WebhookEvent::kAlertPublished, WebhookEvent::kReplyPosted}));
  EXPECT_EQ(r.filters.countries, (std::vector<std::string>{"BY", "RU"}));
  EXPECT_EQ(r.filters.categories, std::vector{Category::kDetention});
  EXPECT_EQ(r.filters.partners, std::vector<std::string>{"efj"});
  EXPECT_EQ(r.description, "Belarus desk");
}

TEST(Subscription, NamesEveryBadField) {
  FieldErrors errors;
  Parse(R"({"events":["alert.deleted","alert.published","alert.published"],
            "filters":{"country":["XX"],"category":"detention","partner":["nobody"],"level":[1]},
            "colour":"red"})",
        errors);
  EXPECT_EQ(Fields(errors), (std::vector<std::string>{"colour", "url", "events[0]", "events[2]",
                                                      "filters.level", "filters.country[0]",
                                                      "filters.category", "filters.partner[0]"}));
  FieldErrors none;
  Parse(R"({"url":"https://x.example","events":[]})", none);
  EXPECT_EQ(Fields(none), std::vector<std::string>{"events"});
  FieldErrors not_object;
  Parse("[1]", not_object);
  EXPECT_EQ(Fields(not_object), std::vector<std::string>{""});
}

Subscription Sample(Principal owner) {
  Subscription s;
  s.id = "sub_0123456789ab";
  s.url = "https://hooks.example.org/in";
  s.events = {WebhookEvent::kAlertPublished, WebhookEvent::kAlertResolved};
  s.filters.countries = {"BY"};
  s.filters.categories = {Category::kDetention};
  s.description = "desk";
  s.owner = std::move(owner);
  s.credential = "token:tok_0123456789ab";
  s.created_at = testing::TestNow();
  s.secret = "whsec_secret";
  return s;
}

TEST(Subscription, StoredFormRoundTripsAndTheApiViewHasNoSecret) {
  for (const Principal& owner :
       {Principal::Admin(), Principal::Partner("efj"), Principal::State("BY")}) {
    const Subscription s = Sample(owner);
    auto decoded = DecodeSubscription(EncodeSubscription(s));
    ASSERT_TRUE(decoded) << decoded.error().message;
    EXPECT_EQ(decoded->secret, s.secret);
    EXPECT_EQ(decoded->owner.Actor(), owner.Actor());
    EXPECT_EQ(decoded->filters, s.filters);
    EXPECT_EQ(decoded->events, s.events);
    EXPECT_EQ(decoded->credential, s.credential);
    EXPECT_FALSE(decoded->stopped_at);
    EXPECT_FALSE(SubscriptionToJson(s).contains("secret"));
    EXPECT_EQ(json::serialize(SubscriptionToJson(s)).find("whsec_secret"), std::string::npos);
  }
  EXPECT_FALSE(DecodeSubscription("{}"));
}

TEST(Subscription, CoversWhatPassesTheFiltersAndWhatAStateMaySee) {
  Alert alert;
  alert.content = testing::ValidContent();  // BY, detention + harassment, partner efj below
  alert.content.partners = {"efj"};
  alert.status = AlertStatus::kPublished;
  Subscription s = Sample(Principal::Admin());
  EXPECT_TRUE(s.Covers(alert));
  s.filters.categories = {Category::kAttack};
  EXPECT_FALSE(s.Covers(alert));
  s.filters = {};
  EXPECT_TRUE(s.Covers(alert));
  s.filters.partners = {"ifj"};
  EXPECT_FALSE(s.Covers(alert));
  s.filters = {};
  s.owner = Principal::State("RU");  // even with no country filter stored
  EXPECT_FALSE(s.Covers(alert));
  s.owner = Principal::State("BY");
  EXPECT_TRUE(s.Covers(alert));
  alert.status = AlertStatus::kDraft;
  EXPECT_FALSE(s.Covers(alert));
  s.owner = Principal::Editor();  // editors have no subscriptions
  alert.status = AlertStatus::kPublished;
  EXPECT_FALSE(s.Covers(alert));
}

TEST(Subscription, OnlyABoundSubscriptionThatHasNotStoppedCoversAnything) {
  Alert alert;
  alert.content = testing::ValidContent();
  alert.content.partners = {"efj"};
  alert.status = AlertStatus::kPublished;
  Subscription s = Sample(Principal::Partner("efj"));
  EXPECT_TRUE(s.Covers(alert));
  s.stopped_at = testing::TestNow();
  s.stopped_reason = "the token that created this subscription was revoked";
  EXPECT_FALSE(s.Covers(alert));
  auto decoded = DecodeSubscription(EncodeSubscription(s));
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(decoded->stopped_at, s.stopped_at);
  EXPECT_EQ(decoded->stopped_reason, s.stopped_reason);
  s = Sample(Principal::Partner("efj"));
  s.credential.clear();  // stored before subscriptions were bound
  EXPECT_FALSE(s.Covers(alert));
  EXPECT_EQ(CredentialOf(Principal::Partner("efj")), "");
  Principal with_token = Principal::Partner("efj");
  with_token.token_id = "tok_1";
  EXPECT_EQ(CredentialOf(with_token), "token:tok_1");
  EXPECT_EQ(TokenIdOf("token:tok_1"), "tok_1");
  EXPECT_EQ(TokenIdOf("account:acc_1"), "");
}

TEST(Subscription, ManagedByAdminsAndTheOwnerOnly) {
  const Subscription s = Sample(Principal::Partner("efj"));
  EXPECT_TRUE(s.ManagedBy(Principal::Admin()));
  EXPECT_TRUE(s.ManagedBy(Principal::Partner("efj")));
  EXPECT_FALSE(s.ManagedBy(Principal::Partner("ifj")));
  EXPECT_FALSE(s.ManagedBy(Principal::State("BY")));
  EXPECT_FALSE(s.ManagedBy(Principal::Editor()));
  EXPECT_FALSE(s.ManagedBy(Principal::Public()));
}

TEST(Subscription, MapsAlertEventsToWebhookEvents) {
  auto transition = [](std::string_view from, std::string_view to) {
    Event e;
    e.kind = EventKind::kTransitioned;
    e.detail = {{"from", from}, {"to", to}};
    return WebhookEventOf(e);
  };
  EXPECT_EQ(transition("draft", "published"), WebhookEvent::kAlertPublished);
  EXPECT_EQ(transition("resolved", "published"), WebhookEvent::kAlertUpdated);
  EXPECT_EQ(transition("published", "resolved"), WebhookEvent::kAlertResolved);
  EXPECT_EQ(transition("draft", "rejected"), std::nullopt);
  EXPECT_EQ(transition("draft", "withdrawn"), std::nullopt);
  Event e;
  e.kind = EventKind::kReplyAdded;
  EXPECT_EQ(WebhookEventOf(e), WebhookEvent::kReplyPosted);
  e.kind = EventKind::kUpdateAdded;
  EXPECT_EQ(WebhookEventOf(e), WebhookEvent::kUpdatePosted);
  e.kind = EventKind::kEdited;
  EXPECT_EQ(WebhookEventOf(e), WebhookEvent::kAlertUpdated);
  e.kind = EventKind::kCreated;
  EXPECT_EQ(WebhookEventOf(e), std::nullopt);
  e.kind = EventKind::kImported;
  EXPECT_EQ(WebhookEventOf(e), std::nullopt);
}

}  // namespace
}  // namespace soj::tracker
