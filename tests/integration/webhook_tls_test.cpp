// Webhooks to https targets: the worker verifies the receiver's certificate (and its name)
// against the system's CAs plus --webhook-ca-file. The receiver here is another soj-tracker
// serving TLS with a self-signed certificate for 127.0.0.1: it answers the webhook POST with
// 404 (it has no such route), which proves the handshake succeeded; without the CA the
// attempt must fail in the handshake instead.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <stdexcept>
#include <thread>

#include "tests/integration/http_harness.hpp"

namespace soj::testing {
namespace {

namespace json = boost::json;

struct SelfSignedCertificate {
  TempDir dir;
  std::string cert = (dir.path() / "cert.pem").string();
  std::string key = (dir.path() / "key.pem").string();

  SelfSignedCertificate() {
    CommandResult made = RunCommand({"/usr/bin/openssl", "req", "-x509", "-newkey", "ec",
                                     "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days",
                                     "1", "-subj", "/CN=127.0.0.1", "-addext",
                                     "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert});
    if (made.exit_code != 0) throw std::runtime_error("openssl req failed: " + made.err);
  }
};

// Subscribes an admin to alert.published at `url`, publishes an alert, and returns the first
// recorded attempt of its delivery.
json::object FirstAttempt(ServerProcess& sender, const std::string& url) {
  const std::string admin = sender.admin_token();
  HttpResult created = PostJson(
      sender.port(), "/api/v1/subscriptions",
      json::serialize(json::object{{"url", url}, {"events", json::array{"alert.published"}}}),
      admin);
  EXPECT_EQ(created.status, 201) << created.body;
  if (created.status != 201) return {};
  const std::string id(created.Json().at("id").as_string());
  json::object alert{{"title", "TLS webhook test"},
                     {"description", "A journalist was detained."},
                     {"country", "BY"},
                     {"incident_date", "2023-03-14"},
                     {"categories", json::array{"detention"}},
                     {"threat_source", "state"},
                     {"level", 1}};
  HttpResult draft = PostJson(sender.port(), "/api/v1/alerts", json::serialize(alert),
                              sender.CreateToken("partner", "efj"));
  EXPECT_EQ(draft.status, 201) << draft.body;
  const std::string alert_id = std::to_string(draft.Json().at("id").to_number<int64_t>());
  HttpResult published = PostJson(sender.port(), "/api/v1/alerts/" + alert_id + "/transitions",
                                  R"({"to":"published"})", sender.CreateToken("editor"));
  EXPECT_EQ(published.status, 200) << published.body;
  const auto start = std::chrono::steady_clock::now();
  while (MillisSince(start) < 20'000) {
    HttpResult listed = Get(sender.port(), "/api/v1/subscriptions/" + id + "/deliveries", admin);
    const json::value body = listed.Json();
    if (body.is_object() && !body.at("items").as_array().empty()) {
      const json::array& attempts = body.at("items").as_array()[0].at("recent_attempts").as_array();
      if (!attempts.empty()) return attempts[0].as_object();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ADD_FAILURE() << "no attempt was recorded";
  return {};
}

TEST(WebhookTls, VerifiesTheReceiversCertificateAgainstTheConfiguredCa) {
  SelfSignedCertificate files;
  ServerProcess receiver({"--tls-cert", files.cert, "--tls-key", files.key});
  ServerProcess sender({"--allow-private-webhook-targets", "--webhook-ca-file", files.cert,
                        "--webhook-retry-base-ms", "60000"});
  const json::object attempt = FirstAttempt(
      sender, "https://127.0.0.1:" + std::to_string(receiver.port()) + "/webhook-receiver");
  ASSERT_FALSE(attempt.empty());
  EXPECT_EQ(attempt.at("status").to_number<int>(), 404);  // the handshake went through
  EXPECT_EQ(attempt.at("error").as_string(), "the receiver answered HTTP 404");
}

TEST(WebhookTls, RefusesAReceiverWhoseCertificateDoesNotVerify) {
  SelfSignedCertificate files;
  ServerProcess receiver({"--tls-cert", files.cert, "--tls-key", files.key});
  ServerProcess sender({"--allow-private-webhook-targets", "--webhook-retry-base-ms", "60000"});
  const json::object attempt = FirstAttempt(
      sender, "https://127.0.0.1:" + std::to_string(receiver.port()) + "/webhook-receiver");
  ASSERT_FALSE(attempt.empty());
  EXPECT_EQ(attempt.at("status").to_number<int>(), 0);
  const std::string error(attempt.at("error").as_string());
  EXPECT_NE(error.find("TLS handshake failed"), std::string::npos) << error;
}

}  // namespace
}  // namespace soj::testing
