// Webhooks end to end: a real soj-tracker on 127.0.0.1 with a temp store, subscriptions made
// over HTTP, and a receiver in the test that checks signatures and records deliveries.

#include <gtest/gtest.h>
#include <signal.h>

#include <boost/json.hpp>
#include <set>
#include <thread>

#include "tests/integration/http_harness.hpp"
#include "tests/integration/webhook_receiver.hpp"

namespace soj::testing {
namespace {

namespace json = boost::json;

// Loopback receivers over plain HTTP, and retries in milliseconds instead of minutes.
const std::vector<std::string> kTestWebhookFlags = {
    "--allow-http-webhooks",        "--allow-private-webhook-targets",
    "--webhook-retry-base-ms",      "40",
    "--webhook-retry-max-delay-ms", "200"};

constexpr int kWaitMs = 20'000;

struct Subscribed {
  std::string id;
  std::string secret;
};

Subscribed Subscribe(ServerProcess& server, const std::string& token, WebhookReceiver& receiver,
                     json::object extra = {}) {
  json::object body{{"url", receiver.url()},
                    {"events", json::array{"alert.published", "alert.updated", "alert.resolved",
                                           "reply.posted", "update.posted"}}};
  for (auto& [key, value] : extra) body[key] = value;
  HttpResult created =
      PostJson(server.port(), "/api/v1/subscriptions", json::serialize(body), token);
  EXPECT_EQ(created.status, 201) << created.body;
  if (created.status != 201) return {};
  Subscribed s{std::string(created.Json().at("id").as_string()),
               std::string(created.Json().at("secret").as_string())};
  receiver.SetSecret(s.secret);
  return s;
}

int64_t CreateAlert(ServerProcess& server, const std::string& partner, const std::string& country) {
  json::object alert{{"title", "Webhook test alert in " + country},
                     {"description", "A journalist was detained."},
                     {"country", country},
                     {"incident_date", "2023-03-14"},
                     {"categories", json::array{"detention"}},
                     {"threat_source", "state"},
                     {"level", 1}};
  HttpResult created = PostJson(server.port(), "/api/v1/alerts", json::serialize(alert), partner);
  EXPECT_EQ(created.status, 201) << created.body;
  return created.status == 201 ? created.Json().at("id").to_number<int64_t>() : 0;
}

void Transition(ServerProcess& server, const std::string& editor, int64_t id,
                const std::string& to) {
  json::object body{{"to", to}};
  if (to == "resolved") body["reason"] = "Released.";
  HttpResult moved =
      PostJson(server.port(), "/api/v1/alerts/" + std::to_string(id) + "/transitions",
               json::serialize(body), editor);
  EXPECT_EQ(moved.status, 200) << moved.body;
}

void Reply(ServerProcess& server, const std::string& state, int64_t id) {
  HttpResult posted = PostJson(server.port(), "/api/v1/alerts/" + std::to_string(id) + "/replies",
                               R"({"text":"The authorities are looking into it."})", state);
  EXPECT_EQ(posted.status, 201) << posted.body;
}

std::vector<std::string> Events(const std::vector<ReceivedRequest>& requests) {
  std::vector<std::string> out;
  for (const auto& r : requests) out.push_back(r.event);
  return out;
}

int64_t AlertIdOf(const ReceivedRequest& r) {
  return json::parse(r.body).at("alert").at("id").to_number<int64_t>();
}

// The subscription's deliveries (newest first) once `n` of them are in `state`: the receiver
// has its request before the server has recorded the answer.
json::array WaitForDeliveries(ServerProcess& server, const std::string& subscription,
                              const std::string& state, std::size_t n) {
  const auto start = std::chrono::steady_clock::now();
  json::array items;
  while (MillisSince(start) < kWaitMs) {
    HttpResult listed =
        Get(server.port(), "/api/v1/subscriptions/" + subscription + "/deliveries?state=" + state,
            server.admin_token());
    EXPECT_EQ(listed.status, 200) << listed.body;
    if (listed.status != 200) break;
    items = listed.Json().at("items").as_array();
    if (items.size() >= n) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return items;
}

class WebhookDeliveryTest : public ::testing::Test {
 protected:
  WebhookDeliveryTest()
      : server_(kTestWebhookFlags),
        partner_(server_.CreateToken("partner", "efj")),
        editor_(server_.CreateToken("editor")),
        state_by_(server_.CreateToken("state", "", "BY")) {}

  ServerProcess server_;
  std::string partner_, editor_, state_by_;
};

TEST_F(WebhookDeliveryTest, PublishReplyAndResolveArriveSignedAndInOrder) {
  WebhookReceiver receiver;
  const Subscribed s = Subscribe(server_, server_.admin_token(), receiver);
  const int64_t id = CreateAlert(server_, partner_, "BY");
  Transition(server_, editor_, id, "published");
  Reply(server_, state_by_, id);
  Transition(server_, editor_, id, "resolved");

  ASSERT_TRUE(receiver.WaitForAccepted(3, kWaitMs)) << receiver.Received().size() << " received";
  const auto got = receiver.Accepted();
  EXPECT_EQ(Events(got),
            (std::vector<std::string>{"alert.published", "reply.posted", "alert.resolved"}));
  std::set<std::string> ids;
  for (const ReceivedRequest& r : got) {
    EXPECT_TRUE(r.signature_ok) << r.signature;
    EXPECT_EQ(r.content_type, "application/json");
    EXPECT_TRUE(ids.insert(r.delivery_id).second) << "delivery id reused: " << r.delivery_id;
    const json::value body = json::parse(r.body);
    EXPECT_EQ(body.at("event").as_string(), r.event);
    EXPECT_EQ(body.at("id").as_string(), r.delivery_id);
    EXPECT_EQ(AlertIdOf(r), id);
  }
  EXPECT_EQ(json::parse(got[2].body).at("alert").at("status").as_string(), "resolved");
  EXPECT_EQ(json::parse(got[1].body).at("reply_id").to_number<int>(), 1);

  const json::array items = WaitForDeliveries(server_, s.id, "delivered", 3);
  ASSERT_EQ(items.size(), 3u);
  for (const json::value& item : items) {
    EXPECT_EQ(item.at("attempts").to_number<int>(), 1);
    const json::array& attempts = item.at("recent_attempts").as_array();
    ASSERT_EQ(attempts.size(), 1u);
    EXPECT_EQ(attempts[0].at("status").to_number<int>(), 200);
  }
}

TEST_F(WebhookDeliveryTest, AReceiverFailingFiveTimesGetsEachEventExactlyOnce) {
  WebhookReceiver receiver;
  const Subscribed s = Subscribe(server_, server_.admin_token(), receiver);
  receiver.FailNext(5, 503);
  const int64_t id = CreateAlert(server_, partner_, "BY");
  Transition(server_, editor_, id, "published");
  Reply(server_, state_by_, id);

  ASSERT_TRUE(receiver.WaitForAccepted(2, kWaitMs)) << receiver.Received().size() << " received";
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // nothing more may come
  const auto received = receiver.Received();
  const auto accepted = receiver.Accepted();
  EXPECT_EQ(received.size(), 7u);
  ASSERT_EQ(accepted.size(), 2u);
  EXPECT_EQ(Events(accepted), (std::vector<std::string>{"alert.published", "reply.posted"}));
  EXPECT_NE(accepted[0].delivery_id, accepted[1].delivery_id);
  // In order per subscription: the reply waited behind the failing publication.
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(received[i].event, "alert.published") << i;
    EXPECT_EQ(received[i].delivery_id, accepted[0].delivery_id) << i;
    EXPECT_TRUE(received[i].signature_ok);
  }
  const json::array items = WaitForDeliveries(server_, s.id, "delivered", 2);
  ASSERT_EQ(items.size(), 2u);
  const json::value& first = items.back();
  EXPECT_EQ(first.at("id").as_string(), accepted[0].delivery_id);
  EXPECT_EQ(first.at("attempts").to_number<int>(), 6);
  const json::array& attempts = first.at("recent_attempts").as_array();
  ASSERT_EQ(attempts.size(), 6u);
  EXPECT_EQ(attempts.front().at("status").to_number<int>(), 503);
  EXPECT_EQ(attempts.front().at("error").as_string(), "the receiver answered HTTP 503");
}

TEST_F(WebhookDeliveryTest, SigkillBetweenCommitAndDeliveryStillDeliversAfterRestart) {
  WebhookReceiver receiver;
  Subscribe(server_, server_.admin_token(), receiver);
  receiver.SetFailing(true);
  const int64_t id = CreateAlert(server_, partner_, "BY");
  Transition(server_, editor_, id, "published");  // committed: the notification is durable
  ASSERT_TRUE(receiver.WaitForReceived(1, kWaitMs));
  const std::string attempted = receiver.Received().front().delivery_id;

  server_.Kill(SIGKILL);
  EXPECT_EQ(server_.Wait(), -SIGKILL);
  receiver.SetFailing(false);
  server_.Restart();

  ASSERT_TRUE(receiver.WaitForAccepted(1, kWaitMs)) << "nothing delivered after the restart";
  const auto accepted = receiver.Accepted();
  ASSERT_EQ(accepted.size(), 1u);
  EXPECT_EQ(accepted[0].delivery_id, attempted);  // the same notification, not a new one
  EXPECT_EQ(accepted[0].event, "alert.published");
  EXPECT_EQ(AlertIdOf(accepted[0]), id);
  EXPECT_TRUE(accepted[0].signature_ok);
}

TEST_F(WebhookDeliveryTest,
       ARevokedTokensSubscriptionReceivesNothingMoreAndItsPendingDeliveriesFail) {
  HttpResult issued = PostJson(server_.port(), "/api/v1/tokens",
                               R"({"role":"partner","partner":"efj","name":"stolen laptop"})",
                               server_.admin_token());
  ASSERT_EQ(issued.status, 201) << issued.body;
  const std::string stolen(issued.Json().at("secret").as_string());
  const std::string stolen_id(issued.Json().at("id").as_string());
  WebhookReceiver receiver;
  const Subscribed s = Subscribe(server_, stolen, receiver);
  receiver.SetFailing(true);  // so the delivery is still pending when the token goes
  const int64_t first = CreateAlert(server_, partner_, "BY");
  Transition(server_, editor_, first, "published");
  ASSERT_TRUE(receiver.WaitForReceived(1, kWaitMs));

  HttpResult revoked = Send(
      server_.port(), {"DELETE", "/api/v1/tokens/" + stolen_id, "", {}, server_.admin_token()});
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  // An attempt already on the wire when the revocation committed may still end; none starts.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const std::size_t before = receiver.Received().size();
  receiver.SetFailing(false);
  const int64_t second = CreateAlert(server_, partner_, "BY");
  Transition(server_, editor_, second, "published");
  // Retries come every 40 to 200 ms here: a live subscription would have had both by now.
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  EXPECT_EQ(receiver.Received().size(), before);
  EXPECT_TRUE(receiver.Accepted().empty());

  const json::array failed = WaitForDeliveries(server_, s.id, "failed", 1);
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(failed[0].at("failure_reason").as_string(),
            "the token that created this subscription was revoked");
  HttpResult shown = Get(server_.port(), "/api/v1/subscriptions/" + s.id, server_.admin_token());
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_EQ(shown.Json().at("credential").as_string(), "token:" + stolen_id);
  EXPECT_EQ(shown.Json().at("stopped").at("reason").as_string(),
            "the token that created this subscription was revoked");
  HttpResult pending =
      Get(server_.port(), "/api/v1/subscriptions/" + s.id + "/deliveries?state=pending",
          server_.admin_token());
  EXPECT_TRUE(pending.Json().at("items").as_array().empty()) << pending.body;
}

TEST_F(WebhookDeliveryTest, AStateSubscriptionNeverSeesAnotherCountrysAlerts) {
  WebhookReceiver state_receiver, admin_receiver;
  const Subscribed state = Subscribe(server_, state_by_, state_receiver);
  Subscribe(server_, server_.admin_token(), admin_receiver,
            {{"events", json::array{"alert.published"}}});
  HttpResult shown = Get(server_.port(), "/api/v1/subscriptions/" + state.id, state_by_);
  ASSERT_EQ(shown.status, 200);
  EXPECT_EQ(json::serialize(shown.Json().at("filters").at("country")), R"(["BY"])");
  EXPECT_EQ(shown.body.find(state.secret), std::string::npos);
  HttpResult other = PostJson(
      server_.port(), "/api/v1/subscriptions",
      json::serialize(json::object{{"url", state_receiver.url()},
                                   {"events", json::array{"alert.published"}},
                                   {"filters", json::object{{"country", json::array{"RU"}}}}}),
      state_by_);
  EXPECT_EQ(other.status, 422);
  EXPECT_EQ(ProblemFields(other), std::vector<std::string>{"filters.country"});

  const int64_t ru = CreateAlert(server_, partner_, "RU");
  Transition(server_, editor_, ru, "published");
  Reply(server_, server_.CreateToken("state", "", "RU"), ru);
  const int64_t by = CreateAlert(server_, partner_, "BY");
  Transition(server_, editor_, by, "published");

  // The admin's receiver hears of both publications: by then the RU changes were handled.
  ASSERT_TRUE(admin_receiver.WaitForAccepted(2, kWaitMs));
  ASSERT_TRUE(state_receiver.WaitForAccepted(1, kWaitMs));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto got = state_receiver.Received();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(AlertIdOf(got[0]), by);
  EXPECT_EQ(json::parse(got[0].body).at("alert").at("country").as_string(), "BY");
  // The state sees its own subscriptions only.
  HttpResult list = Get(server_.port(), "/api/v1/subscriptions", state_by_);
  EXPECT_EQ(list.Json().at("items").as_array().size(), 1u);
}

}  // namespace
}  // namespace soj::testing
