// Api::Handle in process: no sockets, a real store.

#include "api/api.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <future>

#include "tests/tracker_fixture.hpp"
#include "tracker/alert_json.hpp"

namespace soj::api {
namespace {

namespace json = boost::json;

class ApiTest : public testing::PlatformTest {
 protected:
  void SetUp() override {
    PlatformTest::SetUp();
    api_ = std::make_unique<Api>(
        *platform_, ApiOptions{.public_url = "", .public_metrics = true, .access_log = false});
    auto admin = platform_->tokens().Create(tracker::Principal::Admin(), tracker::Role::kAdmin, "",
                                            "", "admin");
    ASSERT_TRUE(admin);
    admin_ = admin->secret;
    auto partner = platform_->tokens().Create(tracker::Principal::Admin(), tracker::Role::kPartner,
                                              "efj", "", "efj");
    ASSERT_TRUE(partner);
    partner_ = partner->secret;
  }

  HttpResponse Call(std::string method, std::string target, std::string body = "",
                    std::vector<std::pair<std::string, std::string>> headers = {}) {
    HttpRequest request;
    request.method = std::move(method);
    request.target = std::move(target);
    request.body = std::move(body);
    request.headers = std::move(headers);
    return api_->Handle(request);
  }

  std::unique_ptr<Api> api_;
  std::string admin_, partner_;
};

TEST_F(ApiTest, OnlyRoutesThatQueueTheirWritesRunWithoutWaiting) {
  auto request = [](std::string method, std::string target) {
    HttpRequest r;
    r.method = std::move(method);
    r.target = std::move(target);
    return r;
  };
  EXPECT_FALSE(api_->MayWaitForWrite(request("GET", "/api/v1/alerts")));
  EXPECT_FALSE(api_->MayWaitForWrite(request("HEAD", "/api/v1/alerts/1")));
  EXPECT_FALSE(api_->MayWaitForWrite(request("POST", "/api/v1/alerts")));
  EXPECT_TRUE(api_->MayWaitForWrite(request("PATCH", "/api/v1/alerts/1")));
  EXPECT_TRUE(api_->MayWaitForWrite(request("POST", "/api/v1/alerts/1/transitions")));
  EXPECT_TRUE(api_->MayWaitForWrite(request("POST", "/nowhere")));

  // A submission answers through after_write, finished like any answer once it comes.
  HttpRequest submit = request("POST", "/api/v1/alerts");
  submit.headers = {{"Authorization", "Bearer " + partner_}, {"Content-Type", "application/json"}};
  submit.body = json::serialize(tracker::ContentToJson(testing::ValidContent()));
  HttpResponse queued = api_->HandleWithoutWaiting(submit);
  ASSERT_TRUE(queued.after_write) << queued.status << " " << queued.body;
  std::promise<HttpResponse::MakeAnswer> made;
  queued.after_write([&made](HttpResponse::MakeAnswer make) { made.set_value(std::move(make)); });
  HttpResponse answer = made.get_future().get()();
  EXPECT_EQ(answer.status, 201) << answer.body;
  EXPECT_EQ(answer.Header("Location"), "/api/v1/alerts/1");
  EXPECT_EQ(answer.Header("Cache-Control"), "no-store");
  EXPECT_EQ(answer.Header("X-Content-Type-Options"), "nosniff");
  // Refused before any write, the answer comes all the same.
  submit.headers.clear();
  HttpResponse refused = api_->HandleWithoutWaiting(submit);
  EXPECT_FALSE(refused.after_write);
  EXPECT_EQ(refused.status, 401);
}

TEST_F(ApiTest, PublicGetsCarryEtagCacheControlAndAnswer304) {
  auto first = Call("GET", "/api/v1/countries");
  ASSERT_EQ(first.status, 200);
  const std::string etag(first.Header("ETag"));
  EXPECT_FALSE(etag.empty());
  EXPECT_EQ(first.Header("Cache-Control"), "public, max-age=3600");
  // Over 1 KB: it could have been sent gzip-coded, so caches must key on Accept-Encoding too.
  EXPECT_EQ(first.Header("Vary"), "Authorization, Accept-Encoding");
  EXPECT_EQ(first.Header("X-Content-Type-Options"), "nosniff");
  auto again = Call("GET", "/api/v1/countries", "", {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  auto weak = Call("GET", "/api/v1/countries", "", {{"If-None-Match", "\"x\", W/" + etag}});
  EXPECT_EQ(weak.status, 304);
  auto other = Call("GET", "/api/v1/countries", "", {{"If-None-Match", "\"nope\""}});
  EXPECT_EQ(other.status, 200);
}

TEST_F(ApiTest, AuthenticatedAnswersArePrivate) {
  auto r = Call("GET", "/api/v1/tokens", "", {{"Authorization", "Bearer " + admin_}});
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("Cache-Control"), "private, no-store");
  EXPECT_EQ(r.body.find(admin_), std::string::npos);
}

TEST_F(ApiTest, BadCredentialsAre401WithAChallenge) {
  for (std::string header : {"Basic abc", "Bearer", "Bearer soj_unknown", "bearer nope"}) {
    auto r = Call("GET", "/api/v1/alerts", "", {{"Authorization", header}});
    EXPECT_EQ(r.status, 401) << header;
    EXPECT_EQ(r.Header("WWW-Authenticate"), "Bearer realm=\"soj-tracker\"");
    EXPECT_EQ(r.Header("Content-Type"), "application/problem+json");
  }
}

TEST_F(ApiTest, ProblemDocumentsHaveEveryMember) {
  auto r = Call("GET", "/api/v1/alerts?limit=0&colour=red");
  ASSERT_EQ(r.status, 400);
  json::value body = json::parse(r.body.view());
  EXPECT_EQ(body.at("status"), 400);
  EXPECT_EQ(body.at("title"), "Bad Request");
  EXPECT_EQ(body.at("type"), "urn:soj-tracker:problem:bad-request");
  EXPECT_TRUE(body.at("detail").is_string());
  EXPECT_EQ(body.at("errors").as_array().size(), 2u);
}

TEST_F(ApiTest, CreateReadPatchAnAlertInProcess) {
  const std::string alert = R"({"title":"Reporter detained in Baku","description":"Details.",
    "country":"AZ","incident_date":"2024-04-01","categories":["detention"],
    "threat_source":"state","level":1})";
  auto created = Call("POST", "/api/v1/alerts", alert,
                      {{"Authorization", "Bearer " + partner_},
                       {"Content-Type", "application/json; charset=utf-8"}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.Header("Location"), "/api/v1/alerts/1");
  EXPECT_EQ(created.Header("ETag"), "\"1\"");
  EXPECT_EQ(created.Header("Cache-Control"), "no-store");

  auto hidden = Call("GET", "/api/v1/alerts/1");
  EXPECT_EQ(hidden.status, 404);
  auto own = Call("GET", "/api/v1/alerts/1", "", {{"Authorization", "Bearer " + partner_}});
  ASSERT_EQ(own.status, 200);
  EXPECT_NE(own.Header("Last-Modified").find("GMT"), std::string::npos);

  auto patched = Call("PATCH", "/api/v1/alerts/1", R"({"title":"Reporter detained in Ganja"})",
                      {{"Authorization", "Bearer " + partner_},
                       {"Content-Type", "application/merge-patch+json"},
                       {"If-Match", "\"1\""}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.Header("ETag"), "\"2\"");
  auto stale = Call("PATCH", "/api/v1/alerts/1", R"({"level":2})",
                    {{"Authorization", "Bearer " + partner_},
                     {"Content-Type", "application/json"},
                     {"If-Match", "\"1\""}});
  EXPECT_EQ(stale.status, 412);
  auto wrong_type = Call("POST", "/api/v1/alerts", alert,
                         {{"Authorization", "Bearer " + partner_}, {"Content-Type", "text/plain"}});
  EXPECT_EQ(wrong_type.status, 415);
}

TEST_F(ApiTest, TlsAnswersCarryHsts) {
  HttpRequest request;
  request.method = "GET";
  request.target = "/healthz";
  request.tls = true;
  EXPECT_EQ(api_->Handle(request).Header("Strict-Transport-Security"), "max-age=63072000");
  request.tls = false;
  EXPECT_TRUE(api_->Handle(request).Header("Strict-Transport-Security").empty());
}

TEST_F(ApiTest, ReadinessAndMetrics) {
  EXPECT_EQ(Call("GET", "/readyz").status, 503);
  api_->SetReady(true);
  EXPECT_EQ(Call("GET", "/readyz").status, 200);
  Call("GET", "/api/v1/alerts/abc");
  auto metrics = Call("GET", "/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find(
                "soj_http_requests_total{route=\"getAlert\",method=\"GET\",status=\"404\"} 1"),
            std::string::npos)
      << metrics.body;
  EXPECT_NE(metrics.body.find("soj_store_live_data_bytes"), std::string::npos);
  EXPECT_NE(metrics.body.find("\nsoj_search_pending_changes 0\n"), std::string::npos)
      << "every write applied to the search index";
  EXPECT_EQ(metrics.body.find("abc"), std::string::npos) << "raw paths must not reach metrics";
}

TEST_F(ApiTest, PrivateMetricsNeedAnAdmin) {
  Api restricted(*platform_,
                 ApiOptions{.public_url = "", .public_metrics = false, .access_log = false});
  HttpRequest request;
  request.method = "GET";
  request.target = "/metrics";
  EXPECT_EQ(restricted.Handle(request).status, 401);
  request.headers = {{"Authorization", "Bearer " + partner_}};
  EXPECT_EQ(restricted.Handle(request).status, 403);
  request.headers = {{"Authorization", "Bearer " + admin_}};
  EXPECT_EQ(restricted.Handle(request).status, 200);
}

TEST_F(ApiTest, MalformedTargetsAreBadRequests) {
  EXPECT_EQ(Call("GET", "http://example.org/x").status, 400);
  EXPECT_EQ(Call("GET", "/api/v1/alerts?%zz").status, 400);
}

}  // namespace
}  // namespace soj::api
