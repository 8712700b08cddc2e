// The subscription routes in process: rights, problem documents naming the field, and that
// bad input changes nothing.

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api/api.hpp"
#include "tests/tracker_fixture.hpp"

namespace soj::api {
namespace {

namespace json = boost::json;

class SubscriptionRoutesTest : public testing::PlatformTest {
 protected:
  void SetUp() override {
    PlatformTest::SetUp();
    api_ = std::make_unique<Api>(
        *platform_, ApiOptions{.public_url = "", .public_metrics = true, .access_log = false});
    admin_ = Token(tracker::Role::kAdmin, "", "");
    partner_ = Token(tracker::Role::kPartner, "efj", "");
    other_partner_ = Token(tracker::Role::kPartner, "ifj", "");
    editor_ = Token(tracker::Role::kEditor, "", "");
  }

  std::string Token(tracker::Role role, std::string partner, std::string country) {
    auto issued =
        platform_->tokens().Create(tracker::Principal::Admin(), role, partner, country, "test");
    EXPECT_TRUE(issued);
    return issued ? issued->secret : "";
  }

  HttpResponse Call(std::string method, std::string target, const std::string& token,
                    std::string body = "") {
    HttpRequest request;
    request.method = std::move(method);
    request.target = std::move(target);
    request.body = std::move(body);
    if (!token.empty()) request.headers.emplace_back("Authorization", "Bearer " + token);
    if (!request.body.empty()) request.headers.emplace_back("Content-Type", "application/json");
    return api_->Handle(request);
  }

  static std::vector<std::string> Fields(const HttpResponse& response) {
    std::vector<std::string> out;
    const json::value problem = json::parse(response.body.view());
    for (const auto& e : problem.at("errors").as_array())
      out.emplace_back(e.at("field").as_string());
    return out;
  }

  std::size_t Count() {
    return platform_->subscriptions().List(tracker::Principal::Admin())->size();
  }

  std::unique_ptr<Api> api_;
  std::string admin_, partner_, other_partner_, editor_;
};

// A literal public address: no DNS needed.
constexpr std::string_view kValid =
    R"({"url":"https://93.184.216.34/hook","events":["alert.published"]})";

TEST_F(SubscriptionRoutesTest, CreateShowsTheSecretOnceAndListsWithout) {
  HttpResponse created = Call("POST", "/api/v1/subscriptions", partner_, std::string(kValid));
  ASSERT_EQ(created.status, 201) << created.body;
  const json::value body = json::parse(created.body.view());
  const std::string id(body.at("id").as_string());
  const std::string secret(body.at("secret").as_string());
  EXPECT_EQ(created.Header("Location"), "/api/v1/subscriptions/" + id);
  EXPECT_EQ(body.at("owner").as_string(), "partner:efj");
  EXPECT_EQ(created.Header("Cache-Control"), "no-store");
  for (const std::string& target :
       {std::string("/api/v1/subscriptions"), "/api/v1/subscriptions/" + id,
        "/api/v1/subscriptions/" + id + "/deliveries"}) {
    HttpResponse read = Call("GET", target, partner_);
    EXPECT_EQ(read.status, 200) << target;
    EXPECT_EQ(read.body.find(secret), std::string::npos) << target;
    EXPECT_EQ(read.body.find("whsec_"), std::string::npos) << target;
  }
  EXPECT_EQ(json::parse(Call("GET", "/api/v1/subscriptions", admin_).body.view())
                .at("items")
                .as_array()
                .size(),
            1u);
  EXPECT_TRUE(json::parse(Call("GET", "/api/v1/subscriptions", other_partner_).body.view())
                  .at("items")
                  .as_array()
                  .empty());
  EXPECT_EQ(Call("GET", "/api/v1/subscriptions/" + id, other_partner_).status, 404);
  EXPECT_EQ(Call("DELETE", "/api/v1/subscriptions/" + id, other_partner_).status, 404);
  EXPECT_EQ(Call("DELETE", "/api/v1/subscriptions/" + id, partner_).status, 204);
  EXPECT_EQ(Call("GET", "/api/v1/subscriptions/" + id, partner_).status, 404);
  EXPECT_EQ(Count(), 0u);
}

TEST_F(SubscriptionRoutesTest, WhoMayNot) {
  EXPECT_EQ(Call("POST", "/api/v1/subscriptions", "", std::string(kValid)).status, 401);
  EXPECT_EQ(Call("GET", "/api/v1/subscriptions", "").status, 401);
  EXPECT_EQ(Call("POST", "/api/v1/subscriptions", editor_, std::string(kValid)).status, 403);
  EXPECT_EQ(Call("GET", "/api/v1/subscriptions", editor_).status, 403);
  EXPECT_EQ(Call("GET", "/api/v1/subscriptions/sub_x/deliveries", "").status, 401);
  EXPECT_EQ(Call("POST", "/api/v1/subscriptions/sub_x/deliveries/dlv_x/redeliver", admin_).status,
            404);
  EXPECT_EQ(Count(), 0u);
}

TEST_F(SubscriptionRoutesTest, BadInputIsAProblemNamingTheFieldAndChangesNothing) {
  struct Case {
    std::string body;
    std::vector<std::string> fields;
  };
  const std::vector<Case> cases = {
      {R"({"url":"http://93.184.216.34/","events":["alert.published"]})", {"url"}},
      {R"({"url":"https://127.0.0.1/","events":["alert.published"]})", {"url"}},
      {R"({"url":"https://[::ffff:10.0.0.1]/","events":["alert.published"]})", {"url"}},
      {R"({"url":"https://169.254.169.254/","events":["alert.published"]})", {"url"}},
      {R"({"url":"https://93.184.216.34/","events":["alert.removed"]})", {"events[0]"}},
      {R"({"url":"https://93.184.216.34/"})", {"events"}},
      {R"({"url":"https://93.184.216.34/","events":["alert.published"],"secret":"x"})", {"secret"}},
      {R"({"url":"https://93.184.216.34/","events":["alert.published"],
           "filters":{"country":["ZZ"],"category":["war"]}})",
       {"filters.country[0]", "filters.category[0]"}},
      {R"([])", {""}},
  };
  for (const Case& c : cases) {
    HttpResponse response = Call("POST", "/api/v1/subscriptions", admin_, c.body);
    EXPECT_EQ(response.status, 422) << c.body;
    EXPECT_EQ(response.Header("Content-Type"), "application/problem+json");
    EXPECT_EQ(Fields(response), c.fields) << c.body;
  }
  HttpResponse not_json = Call("POST", "/api/v1/subscriptions", admin_, "{");
  EXPECT_EQ(not_json.status, 400);
  HttpRequest form{"POST",
                   "/api/v1/subscriptions",
                   {{"Authorization", "Bearer " + admin_}, {"Content-Type", "text/plain"}},
                   std::string(kValid),
                   "",
                   false};
  EXPECT_EQ(api_->Handle(form).status, 415);
  EXPECT_EQ(Count(), 0u);
}

TEST_F(SubscriptionRoutesTest, DeliveryListQueryIsChecked) {
  HttpResponse created = Call("POST", "/api/v1/subscriptions", admin_, std::string(kValid));
  const std::string id(json::parse(created.body.view()).at("id").as_string());
  const std::string base = "/api/v1/subscriptions/" + id + "/deliveries";
  EXPECT_EQ(Call("GET", base + "?state=failed&limit=5", admin_).status, 200);
  HttpResponse bad = Call("GET", base + "?state=lost&limit=0&colour=red", admin_);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Fields(bad), (std::vector<std::string>{"state", "limit", "colour"}));
  HttpResponse unknown =
      Call("POST", "/api/v1/subscriptions/" + id + "/deliveries/dlv_nope/redeliver", admin_);
  EXPECT_EQ(unknown.status, 404);
}

TEST_F(SubscriptionRoutesTest, APublishedAlertIsListedAsAPendingDelivery) {
  HttpResponse created = Call("POST", "/api/v1/subscriptions", admin_, std::string(kValid));
  const std::string id(json::parse(created.body.view()).at("id").as_string());
  SubmitPublished();
  HttpResponse listed = Call("GET", "/api/v1/subscriptions/" + id + "/deliveries", admin_);
  ASSERT_EQ(listed.status, 200);
  const json::value body = json::parse(listed.body.view());
  ASSERT_EQ(body.at("items").as_array().size(), 1u);
  const json::value& d = body.at("items").as_array()[0];
  EXPECT_EQ(d.at("state").as_string(), "pending");
  EXPECT_EQ(d.at("event").as_string(), "alert.published");
  EXPECT_FALSE(d.as_object().contains("body"));
  // Pending: nothing to redeliver yet.
  EXPECT_EQ(Call("POST",
                 "/api/v1/subscriptions/" + id + "/deliveries/" +
                     std::string(d.at("id").as_string()) + "/redeliver",
                 admin_)
                .status,
            409);
}

}  // namespace
}  // namespace soj::api
