// api/openapi.json describes the router exactly: every route is in the document under its
// method, pattern and operationId, and every operation of the document is a route. It is
// served unchanged at /api/v1/openapi.json, its enums and limits are the code's, and what the
// API really answers has the shapes the document gives (checked with a small subset of JSON
// Schema: $ref, allOf, anyOf, type, enum, const, properties, required, additionalProperties,
// items, propertyNames). Full OpenAPI 3.1 validation is tools/openapi/validate.mjs.

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>

#include "api/api.hpp"
#include "api/openapi_document.hpp"
#include "tests/tracker_fixture.hpp"
#include "tracker/alert_json.hpp"
#include "tracker/alert_query.hpp"
#include "tracker/event.hpp"
#include "tracker/validation.hpp"

namespace soj::testing {
namespace {

namespace json = boost::json;

constexpr std::array<std::string_view, 8> kHttpMethods = {"get",     "put",  "post",  "delete",
                                                          "options", "head", "patch", "trace"};

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::vector<std::string> Strings(const json::value& array) {
  std::vector<std::string> out;
  for (const json::value& v : array.as_array()) out.emplace_back(v.as_string());
  return out;
}

template <std::size_t N>
std::vector<std::string> Strings(const std::array<std::string_view, N>& names) {
  return {names.begin(), names.end()};
}

// Checks JSON values against the document's schemas; collects every mismatch with its path.
class ShapeChecker {
 public:
  explicit ShapeChecker(const json::object& document) : document_(document) {}

  std::vector<std::string> Check(const json::value& value, std::string_view schema_name) {
    problems_.clear();
    Visit(value, Named(schema_name), std::string(schema_name));
    return problems_;
  }

  const json::object& Named(std::string_view name) const {
    return document_.at("components").at("schemas").at(name).as_object();
  }

 private:
  const json::object& Resolve(const json::object& schema) const {
    const json::value* ref = schema.if_contains("$ref");
    if (ref == nullptr) return schema;
    constexpr std::string_view kPrefix = "#/components/schemas/";
    std::string_view target = ref->as_string();
    if (!target.starts_with(kPrefix)) throw std::runtime_error("unexpected $ref");
    return Named(target.substr(kPrefix.size()));
  }

  static bool HasType(const json::value& value, std::string_view type) {
    if (type == "null") return value.is_null();
    if (type == "string") return value.is_string();
    if (type == "boolean") return value.is_bool();
    if (type == "integer") return value.is_int64() || value.is_uint64();
    if (type == "number") return value.is_number();
    if (type == "array") return value.is_array();
    if (type == "object") return value.is_object();
    return false;
  }

  // True when `value` fits `schema`; what does not fit inside it is not reported.
  bool Fits(const json::value& value, const json::object& schema) {
    std::vector<std::string> saved = std::move(problems_);
    problems_.clear();
    Visit(value, schema, "");
    const bool fits = problems_.empty();
    problems_ = std::move(saved);
    return fits;
  }

  void Visit(const json::value& value, const json::object& raw, const std::string& where) {
    const json::object& schema = Resolve(raw);
    if (&schema != &raw) {
      // A $ref with siblings (descriptions, defaults) adds nothing checkable here.
      Visit(value, schema, where);
      return;
    }
    if (const json::value* any = schema.if_contains("anyOf")) {
      bool fits = false;
      for (const json::value& branch : any->as_array())
        fits = fits || Fits(value, branch.as_object());
      if (!fits) problems_.push_back(where + ": matches no anyOf branch");
    }
    if (const json::value* all = schema.if_contains("allOf")) {
      // Objects built with allOf take the union of the parts' properties.
      json::object merged = schema;
      merged.erase("allOf");
      json::object properties;
      json::array required;
      for (const json::value& part : all->as_array()) {
        const json::object& resolved = Resolve(part.as_object());
        if (auto* p = resolved.if_contains("properties"))
          for (const auto& [k, v] : p->as_object()) properties[k] = v;
        if (auto* r = resolved.if_contains("required"))
          for (const auto& name : r->as_array()) required.push_back(name);
      }
      if (!properties.empty()) {
        merged["properties"] = std::move(properties);
        merged["required"] = std::move(required);
        merged["additionalProperties"] = false;
      }
      Visit(value, merged, where);
      return;
    }
    if (const json::value* type = schema.if_contains("type")) {
      bool fits = false;
      if (type->is_string()) {
        fits = HasType(value, type->as_string());
      } else {
        for (const json::value& t : type->as_array()) fits = fits || HasType(value, t.as_string());
      }
      if (!fits) {
        problems_.push_back(where + ": is not of type " + json::serialize(*type));
        return;
      }
    }
    if (const json::value* options = schema.if_contains("enum")) {
      const auto& list = options->as_array();
      if (std::find(list.begin(), list.end(), value) == list.end())
        problems_.push_back(where + ": " + json::serialize(value) + " is not in the enum");
    }
    if (const json::value* constant = schema.if_contains("const"); constant && *constant != value)
      problems_.push_back(where + ": is not " + json::serialize(*constant));
    if (value.is_object()) VisitObject(value.as_object(), schema, where);
    if (value.is_array()) {
      if (const json::value* items = schema.if_contains("items")) {
        const auto& array = value.as_array();
        for (std::size_t i = 0; i < array.size(); ++i)
          Visit(array[i], items->as_object(), where + "[" + std::to_string(i) + "]");
      }
    }
  }

  void VisitObject(const json::object& object, const json::object& schema,
                   const std::string& where) {
    const json::value* properties = schema.if_contains("properties");
    const json::value* additional = schema.if_contains("additionalProperties");
    if (const json::value* required = schema.if_contains("required")) {
      for (const json::value& name : required->as_array())
        if (!object.contains(name.as_string()))
          problems_.push_back(where + ": lacks required " + std::string(name.as_string()));
    }
    // Response schemas list every member the server may send: an undocumented member is a
    // mismatch even where the schema does not say additionalProperties: false.
    const bool closed = properties != nullptr && (additional == nullptr || additional->is_bool());
    for (const auto& [key, member] : object) {
      const std::string path = where + "." + std::string(key);
      if (const json::value* names = schema.if_contains("propertyNames"))
        Visit(json::value(key), names->as_object(), path + " (name)");
      const json::value* declared = properties ? properties->as_object().if_contains(key) : nullptr;
      if (declared != nullptr) {
        Visit(member, declared->as_object(), path);
      } else if (additional != nullptr && additional->is_object()) {
        Visit(member, additional->as_object(), path);
      } else if (closed) {
        problems_.push_back(path + ": is not in the schema");
      }
    }
  }

  const json::object& document_;
  std::vector<std::string> problems_;
};

class OpenApiTest : public PlatformTest {
 protected:
  void SetUp() override {
    PlatformTest::SetUp();
    api::ApiOptions options;
    options.access_log = false;
    api_ = std::make_unique<api::Api>(*platform_, options);
    api_->SetReady(true);
    json::error_code ec;
    json::value parsed = json::parse(api::OpenApiDocument(), ec);
    ASSERT_FALSE(ec) << "api/openapi.json is not JSON: " << ec.message();
    ASSERT_TRUE(parsed.is_object());
    document_ = std::move(parsed.as_object());
  }

  const json::object& Paths() const { return document_.at("paths").as_object(); }
  const json::object& Schema(std::string_view name) const {
    return document_.at("components").at("schemas").at(name).as_object();
  }
  const json::object& Property(std::string_view schema, std::string_view property) const {
    return Schema(schema).at("properties").at(property).as_object();
  }
  const json::object& Parameter(std::string_view name) const {
    return document_.at("components").at("parameters").at(name).as_object();
  }

  std::string IssueToken(tracker::Role role, std::string partner = "", std::string country = "") {
    auto issued = platform_->tokens().Create(tracker::Principal::Admin(), role, std::move(partner),
                                             std::move(country), "openapi test");
    EXPECT_TRUE(issued) << (issued ? "" : issued.error().message);
    return issued ? issued->secret : "";
  }

  api::HttpResponse Send(std::string method, std::string target, const std::string& token = "",
                         const json::value* body = nullptr,
                         std::vector<std::pair<std::string, std::string>> headers = {}) {
    api::HttpRequest request;
    request.method = std::move(method);
    request.target = std::move(target);
    request.headers = std::move(headers);
    if (!token.empty()) request.headers.emplace_back("Authorization", "Bearer " + token);
    if (body != nullptr) {
      request.headers.emplace_back("Content-Type", "application/json");
      request.body = json::serialize(*body);
    }
    request.remote_address = "127.0.0.1";
    return api_->Handle(request);
  }

  // The response's body as JSON; fails the test when it is not JSON.
  static json::value Body(const api::HttpResponse& response) {
    json::error_code ec;
    json::value value = json::parse(response.body.view(), ec);
    EXPECT_FALSE(ec) << "not JSON: " << response.body;
    return value;
  }

  void ExpectShape(const json::value& value, std::string_view schema) {
    ShapeChecker checker(document_);
    for (const std::string& problem : checker.Check(value, schema))
      ADD_FAILURE() << problem << "\nin " << json::serialize(value);
  }

  // The first entry of the schema's "examples", which the document offers as a request.
  json::value Example(std::string_view schema) const {
    return Schema(schema).at("examples").as_array().at(0);
  }

  std::unique_ptr<api::Api> api_;
  json::object document_;
};

TEST_F(OpenApiTest, EveryRouteIsDocumentedWithItsOperationId) {
  ASSERT_FALSE(api_->router().routes().empty());
  for (const api::Route& route : api_->router().routes()) {
    SCOPED_TRACE(route.method + " " + route.pattern);
    const json::value* item = Paths().if_contains(route.pattern);
    ASSERT_NE(item, nullptr) << "the path is not in api/openapi.json";
    const json::value* operation = item->as_object().if_contains(Lower(route.method));
    ASSERT_NE(operation, nullptr) << "the method is not documented for this path";
    EXPECT_EQ(operation->at("operationId").as_string(), route.operation_id);
  }
}

TEST_F(OpenApiTest, EveryDocumentedOperationIsARoute) {
  std::set<std::string> ids;
  for (const auto& [path, item] : Paths()) {
    for (const auto& [key, operation] : item.as_object()) {
      if (std::find(kHttpMethods.begin(), kHttpMethods.end(), key) == kHttpMethods.end())
        continue;  // "parameters", "summary", ...
      const std::string id(operation.at("operationId").as_string());
      SCOPED_TRACE(std::string(key) + " " + std::string(path) + " " + id);
      EXPECT_TRUE(ids.insert(id).second) << "operationId used twice";
      const auto& routes = api_->router().routes();
      auto route = std::find_if(routes.begin(), routes.end(), [&](const api::Route& r) {
        return Lower(r.method) == key && r.pattern == path;
      });
      ASSERT_NE(route, routes.end()) << "documented but not routed";
      EXPECT_EQ(route->operation_id, id);
    }
  }
  EXPECT_EQ(ids.size(), api_->router().routes().size());
}

TEST_F(OpenApiTest, EveryOperationSaysWhoMayCallItAndAnswersBadTokensWith401) {
  const std::string bogus = "soj_not-a-token-this-server-issued";
  for (const api::Route& route : api_->router().routes()) {
    SCOPED_TRACE(route.method + " " + route.pattern);
    const json::object& operation = Paths().at(route.pattern).at(Lower(route.method)).as_object();
    ASSERT_TRUE(operation.contains("security")) << "say whether a token is needed";
    const json::object& responses = operation.at("responses").as_object();
    EXPECT_TRUE(responses.contains("401"));
    // The Authorization header is checked before any handler runs, on every route.
    std::string target = route.pattern;
    for (auto open = target.find('{'); open != std::string::npos; open = target.find('{'))
      target.replace(open, target.find('}', open) - open + 1, "1");
    EXPECT_EQ(Send(route.method, target, bogus).status, 401);
  }
}

TEST_F(OpenApiTest, IsServedUnchangedAtItsRoute) {
  api::HttpRequest request{"GET", "/api/v1/openapi.json", {}, "", "127.0.0.1", false};
  api::HttpResponse response = api_->Handle(request);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.Header("Content-Type"), "application/json");
  EXPECT_EQ(response.body, api::OpenApiDocument());
  EXPECT_FALSE(response.Header("ETag").empty());
  EXPECT_EQ(json::parse(response.body.view()).as_object(), document_);
}

// configure_file() would silently replace an at-sign variable in the JSON; the embedded copy
// must be the file byte for byte. Found through this test's own path, which CMake makes
// absolute.
TEST_F(OpenApiTest, EmbeddedCopyIsTheSourceFile) {
  const std::filesystem::path source =
      std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() / "api" /
      "openapi.json";
  std::ifstream in(source, std::ios::binary);
  if (!in) GTEST_SKIP() << "source tree not reachable at " << source;
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text, api::OpenApiDocument());
}

TEST_F(OpenApiTest, EnumsAndLimitsAreTheCodes) {
  EXPECT_EQ(Strings(Schema("Category").at("enum")), Strings(tracker::kCategoryNames));
  EXPECT_EQ(Strings(Schema("ThreatSource").at("enum")), Strings(tracker::kThreatSourceNames));
  EXPECT_EQ(Strings(Schema("AlertStatus").at("enum")), Strings(tracker::kStatusNames));
  EXPECT_EQ(Strings(Schema("VictimKind").at("enum")), Strings(tracker::kVictimKindNames));
  EXPECT_EQ(Strings(Schema("Gender").at("enum")), Strings(tracker::kGenderNames));
  EXPECT_EQ(Strings(Schema("Justice").at("enum")), Strings(tracker::kJusticeNames));
  EXPECT_EQ(Strings(Schema("Language").at("enum")), Strings(tracker::kLanguages));
  EXPECT_EQ(Strings(Schema("EventKind").at("enum")), Strings(tracker::kEventKindNames));
  std::vector<std::string> roles = Strings(tracker::kRoleNames);
  roles.erase(std::find(roles.begin(), roles.end(), "public"));  // not a token's role
  EXPECT_EQ(Strings(Schema("Role").at("enum")), roles);
  std::vector<std::string> countries;
  for (const auto& country : tracker::Countries()) countries.emplace_back(country.code);
  EXPECT_EQ(Strings(Schema("CountryCode").at("enum")), countries);

  auto number = [](const json::object& o, std::string_view key) {
    return o.at(key).to_number<std::size_t>();
  };
  EXPECT_EQ(number(Property("AlertInput", "title"), "maxLength"), tracker::kMaxTitleChars);
  EXPECT_EQ(number(Property("AlertInput", "description"), "maxLength"),
            tracker::kMaxDescriptionChars);
  EXPECT_EQ(number(Property("AlertInput", "external_ref"), "maxLength"),
            tracker::kMaxExternalRefChars);
  EXPECT_EQ(number(Property("AlertInput", "categories"), "maxItems"),
            tracker::kCategoryNames.size());
  EXPECT_EQ(number(Property("AlertInput", "partners"), "maxItems"), tracker::kMaxPartnersPerAlert);
  EXPECT_EQ(number(Property("AlertInput", "victims"), "maxItems"), tracker::kMaxVictims);
  EXPECT_EQ(number(Property("AlertInput", "sources"), "maxItems"), tracker::kMaxSources);
  EXPECT_EQ(number(Property("AlertInput", "sources").at("items").as_object(), "maxLength"),
            tracker::kMaxSourceUrlChars);
  EXPECT_EQ(number(Property("VictimInput", "name"), "maxLength"), tracker::kMaxNameChars);
  EXPECT_EQ(number(Property("VictimInput", "person_id"), "maxLength"), tracker::kMaxPersonIdChars);
  EXPECT_EQ(number(Property("VictimInput", "detentions"), "maxItems"),
            tracker::kMaxDetentionsPerVictim);
  const json::object& limit = Parameter("limit").at("schema").as_object();
  EXPECT_EQ(number(limit, "maximum"), tracker::kMaxPageSize);
  EXPECT_EQ(number(limit, "default"), tracker::kDefaultPageSize);

  // Every list filter the document names is a parameter the server knows, and the reverse:
  // an unknown parameter is 400, a known one with a valid value is not.
  const json::array& list_parameters =
      Paths().at("/api/v1/alerts").at("get").at("parameters").as_array();
  std::set<std::string> documented;
  for (const json::value& p : list_parameters) {
    std::string_view ref = p.at("$ref").as_string();
    const json::object& parameter = Parameter(ref.substr(ref.rfind('/') + 1));
    if (parameter.at("in") == "query") documented.emplace(parameter.at("name").as_string());
  }
  EXPECT_EQ(documented,
            (std::set<std::string>{"country", "category", "level", "threat_source", "status",
                                   "partner", "from", "to", "q", "sort", "limit", "cursor"}));
  EXPECT_EQ(Send("GET",
                 "/api/v1/alerts?country=BY&category=detention,impunity&level=1"
                 "&threat_source=state&status=published&partner=efj&from=2020-01-01"
                 "&to=2024-12-31&sort=incident_date&limit=10")
                .status,
            200);
  EXPECT_EQ(Send("GET", "/api/v1/alerts?q=minsk").status, 200);
  EXPECT_EQ(Send("GET", "/api/v1/alerts?countri=BY").status, 400);
}

// The document's own examples are requests the server takes, and what it answers has the
// documented shapes.
TEST_F(OpenApiTest, AnswersHaveTheDocumentedShapes) {
  const std::string partner = IssueToken(tracker::Role::kPartner, "efj");
  const std::string editor = IssueToken(tracker::Role::kEditor);
  const std::string state = IssueToken(tracker::Role::kState, "", "BY");
  const std::string admin = IssueToken(tracker::Role::kAdmin);

  const json::value input = Example("AlertInput");
  api::HttpResponse created = Send("POST", "/api/v1/alerts", partner, &input);
  ASSERT_EQ(created.status, 201) << created.body;
  ExpectShape(Body(created), "Alert");
  const std::string id = std::to_string(Body(created).at("id").as_int64());
  const std::string url = "/api/v1/alerts/" + id;
  EXPECT_EQ(created.Header("Location"), url);
  EXPECT_EQ(created.Header("ETag"), "\"1\"");
  EXPECT_EQ(Send("POST", "/api/v1/alerts", partner, &input).status, 200);  // same external_ref

  const json::value patch = Example("AlertPatch");
  api::HttpRequest patch_request{"PATCH", url, {}, json::serialize(patch), "127.0.0.1", false};
  patch_request.headers = {{"Authorization", "Bearer " + editor},
                           {"Content-Type", "application/merge-patch+json"},
                           {"If-Match", "\"1\""}};
  api::HttpResponse patched = api_->Handle(patch_request);
  ASSERT_EQ(patched.status, 200) << patched.body;
  ExpectShape(Body(patched), "Alert");

  const json::value publish = {{"to", "published"}};
  ASSERT_EQ(Send("POST", url + "/transitions", editor, &publish).status, 200);
  const json::value note = Example("NoteInput");
  api::HttpResponse replied = Send("POST", url + "/replies", state, &note);
  ASSERT_EQ(replied.status, 201) << replied.body;
  ExpectShape(Body(replied), "Alert");
  api::HttpResponse followed = Send("POST", url + "/updates", partner, &note);
  ASSERT_EQ(followed.status, 201) << followed.body;
  const json::value resolve = Example("Transition");
  api::HttpResponse resolved = Send("POST", url + "/transitions", editor, &resolve);
  ASSERT_EQ(resolved.status, 200) << resolved.body;
  ExpectShape(Body(resolved), "Alert");

  json::value duplicate = input;
  duplicate.as_object()["external_ref"] = "efj-duplicate";
  api::HttpResponse second = Send("POST", "/api/v1/alerts", partner, &duplicate);
  ASSERT_EQ(second.status, 201) << second.body;
  const json::value merge = {{"into", Body(created).at("id")}};
  const std::string second_url =
      "/api/v1/alerts/" + std::to_string(Body(second).at("id").as_int64());
  api::HttpResponse merged = Send("POST", second_url + "/merge", editor, &merge);
  ASSERT_EQ(merged.status, 200) << merged.body;
  ExpectShape(Body(merged), "Alert");
  api::HttpResponse moved = Send("GET", second_url, editor);  // a draft: 404 to the public
  EXPECT_EQ(moved.status, 301);
  EXPECT_EQ(moved.Header("Location"), url);
  ExpectShape(Body(moved), "Problem");

  for (const std::string& who : {std::string(), partner, editor}) {
    api::HttpResponse page = Send("GET", "/api/v1/alerts?limit=1", who);
    ASSERT_EQ(page.status, 200);
    ExpectShape(Body(page), "AlertPage");
    api::HttpResponse one = Send("GET", url, who);
    ASSERT_EQ(one.status, 200);
    ExpectShape(Body(one), "Alert");
    api::HttpResponse history = Send("GET", url + "/history", who);
    ASSERT_EQ(history.status, 200);
    ExpectShape(Body(history), "EventList");
  }

  json::value bad = input;
  bad.as_object()["incident_date"] = "14.03.2023";
  bad.as_object()["colour"] = "red";
  api::HttpResponse invalid = Send("POST", "/api/v1/alerts", partner, &bad);
  EXPECT_EQ(invalid.status, 422);
  EXPECT_EQ(invalid.Header("Content-Type"), "application/problem+json");
  ExpectShape(Body(invalid), "Problem");
  ExpectShape(Body(Send("GET", "/api/v1/alerts/999999")), "Problem");

  for (const json::value& request : Schema("TokenRequest").at("examples").as_array()) {
    api::HttpResponse issued = Send("POST", "/api/v1/tokens", admin, &request);
    ASSERT_EQ(issued.status, 201) << issued.body;
    ExpectShape(Body(issued), "IssuedToken");
  }
  api::HttpResponse tokens = Send("GET", "/api/v1/tokens", admin);
  ASSERT_EQ(tokens.status, 200);
  ExpectShape(Body(tokens), "TokenList");
  const std::string token_id(Body(tokens).at("items").at(0).at("id").as_string());
  api::HttpResponse revoked = Send("DELETE", "/api/v1/tokens/" + token_id, admin);
  ASSERT_EQ(revoked.status, 200);
  ExpectShape(Body(revoked), "Token");

  ExpectShape(Body(Send("GET", "/api/v1/countries")), "CountryList");
  ExpectShape(Body(Send("GET", "/api/v1/categories")), "CategoryList");
  ExpectShape(Body(Send("GET", "/api/v1/partners")), "PartnerList");
  ExpectShape(Body(Send("GET", "/healthz")), "Health");
  ExpectShape(Body(Send("GET", "/readyz")), "Readiness");
}

// The statistics routes answer the documented shapes, as JSON and as CSV, and take the
// parameters the document lists for them.
TEST_F(OpenApiTest, StatsAnswersHaveTheDocumentedShapes) {
  const std::string partner = IssueToken(tracker::Role::kPartner, "efj");
  const std::string editor = IssueToken(tracker::Role::kEditor);
  const std::string state = IssueToken(tracker::Role::kState, "", "BY");

  // A detention (the AlertInput example), a withheld victim, a murder in impunity, a reply.
  json::value input = Example("AlertInput");
  auto& victims = input.as_object()["victims"].as_array();
  json::value withheld = victims.at(0);
  withheld.as_object()["withheld"] = true;
  withheld.as_object()["name"] = "B. C.";
  victims.push_back(withheld);
  api::HttpResponse created = Send("POST", "/api/v1/alerts", partner, &input);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string url = "/api/v1/alerts/" + std::to_string(Body(created).at("id").as_int64());
  const json::value publish = {{"to", "published"}};
  ASSERT_EQ(Send("POST", url + "/transitions", editor, &publish).status, 200);
  const json::value note = Example("NoteInput");
  ASSERT_EQ(Send("POST", url + "/replies", state, &note).status, 201);

  json::value murder = Example("AlertInput");
  murder.as_object()["external_ref"] = "efj-murder";
  murder.as_object()["categories"] = json::array{"attack", "impunity"};
  murder.as_object()["victims"].as_array()[0].as_object()["detentions"] = json::array{};
  murder.as_object()["victims"].as_array()[0].as_object()["killed_on"] = "2023-03-14";
  murder.as_object()["impunity"] = {
      {"murder", true}, {"justice", "partial"}, {"since", "2023-03-14"}};
  api::HttpResponse killed = Send("POST", "/api/v1/alerts", partner, &murder);
  ASSERT_EQ(killed.status, 201) << killed.body;
  const std::string murder_url =
      "/api/v1/alerts/" + std::to_string(Body(killed).at("id").as_int64());
  ASSERT_EQ(Send("POST", murder_url + "/transitions", editor, &publish).status, 200);

  struct Case {
    std::string target;
    std::string schema;
  };
  const std::vector<Case> cases = {
      {"/api/v1/stats/detentions", "DetentionCount"},
      {"/api/v1/stats/detentions?as_of=2023-12-31&country=BY", "DetentionCount"},
      {"/api/v1/stats/detentions?as_of=2023-12-31&country=FR", "DetentionCount"},
      {"/api/v1/stats/detentions?series=month&from=2023-01-15&to=2023-12-31&country=BY",
       "DetentionSeries"},
      {"/api/v1/stats/detentions?series=year", "DetentionSeries"},
      {"/api/v1/stats/impunity", "ImpunityReport"},
      {"/api/v1/stats/impunity?as_of=2023-12-31&country=FR", "ImpunityReport"},
      {"/api/v1/stats/alerts", "AlertCounts"},
      {"/api/v1/stats/alerts?group_by=year,country,category,level,threat_source,status",
       "AlertCounts"},
      {"/api/v1/stats/alerts?group_by=category&category=impunity&country=BY&level=1"
       "&threat_source=state&status=published&partner=efj&from=2020-01-01&to=2024-12-31",
       "AlertCounts"},
      {"/api/v1/stats/replies", "ReplyReport"},
      {"/api/v1/stats/replies?country=BY&year=2026", "ReplyReport"},  // published "today"
      {"/api/v1/stats/replies?country=FR&year=2020", "ReplyReport"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.target);
    for (const std::string& who : {std::string(), editor}) {
      api::HttpResponse answer = Send("GET", c.target, who);
      ASSERT_EQ(answer.status, 200) << answer.body;
      EXPECT_EQ(answer.Header("Content-Type"), "application/json");
      // Answers over 1 KB may be sent gzip-coded, so they also vary on Accept-Encoding.
      EXPECT_TRUE(answer.Header("Vary") == "Authorization, Accept" ||
                  answer.Header("Vary") == "Authorization, Accept, Accept-Encoding")
          << answer.Header("Vary");
      EXPECT_EQ(answer.Header("Cache-Control"),
                who.empty() ? "public, no-cache" : "private, no-store");
      ExpectShape(Body(answer), c.schema);
      // The operation's JSON schema is a $ref to, or a oneOf holding, this schema.
      const std::string path = c.target.substr(0, c.target.find('?'));
      const std::string documented = json::serialize(Paths()
                                                         .at(path)
                                                         .at("get")
                                                         .at("responses")
                                                         .at("200")
                                                         .at("content")
                                                         .at("application/json"));
      EXPECT_NE(documented.find("\"#/components/schemas/" + c.schema + "\""), std::string::npos);

      api::HttpResponse csv = Send("GET", c.target, who, nullptr, {{"Accept", "text/csv"}});
      ASSERT_EQ(csv.status, 200) << csv.body;
      EXPECT_EQ(csv.Header("Content-Type"), "text/csv; charset=utf-8");
      EXPECT_TRUE(Paths()
                      .at(path)
                      .at("get")
                      .at("responses")
                      .at("200")
                      .at("content")
                      .as_object()
                      .contains("text/csv"));
    }
  }
  // Every query parameter the document lists for a stats route is one the route takes.
  const std::map<std::string, std::string> valid = {
      {"as_of", "2023-12-31"}, {"country", "BY"},          {"series", "month"},
      {"from", "2023-01-01"},  {"to", "2023-12-31"},       {"format", "csv"},
      {"group_by", "year"},    {"year", "2023"},           {"category", "detention"},
      {"level", "1"},          {"threat_source", "state"}, {"status", "published"},
      {"partner", "efj"}};
  for (const std::string path : {"/api/v1/stats/detentions", "/api/v1/stats/impunity",
                                 "/api/v1/stats/alerts", "/api/v1/stats/replies"}) {
    for (const json::value& p : Paths().at(path).at("get").at("parameters").as_array()) {
      std::string_view ref = p.at("$ref").as_string();
      const json::object& parameter = Parameter(ref.substr(ref.rfind('/') + 1));
      if (parameter.at("in") != "query") continue;
      const std::string name(parameter.at("name").as_string());
      SCOPED_TRACE(path + " " + name);
      ASSERT_TRUE(valid.contains(name));
      std::string target = path + "?" + name + "=" + valid.at(name);
      if ((name == "from" || name == "to") && path == "/api/v1/stats/detentions")
        target += "&series=month";  // from and to are a series' span there
      EXPECT_EQ(Send("GET", target).status, 200) << target;
    }
    EXPECT_EQ(Send("GET", path + "?countri=BY").status, 400);
    ExpectShape(Body(Send("GET", path + "?countri=BY")), "Problem");
  }
  EXPECT_EQ(Send("GET", "/api/v1/stats/detentions?as_of=2099-01-01").status, 400);
}

TEST_F(OpenApiTest, SubscriptionAnswersHaveTheDocumentedShapes) {
  const std::string admin = IssueToken(tracker::Role::kAdmin);
  // The example's target with a literal public address: the test needs no DNS.
  json::value input = Example("SubscriptionInput");
  input.as_object()["url"] = "https://93.184.216.34/soj";
  api::HttpResponse created = Send("POST", "/api/v1/subscriptions", admin, &input);
  ASSERT_EQ(created.status, 201) << created.body;
  ExpectShape(Body(created), "IssuedSubscription");
  const std::string id(Body(created).at("id").as_string());
  ExpectShape(Body(Send("GET", "/api/v1/subscriptions", admin)), "SubscriptionList");
  ExpectShape(Body(Send("GET", "/api/v1/subscriptions/" + id, admin)), "Subscription");
  auto draft = platform_->alerts().Submit(tracker::Principal::Partner("efj"), ValidContent());
  ASSERT_TRUE(draft);
  ASSERT_TRUE(platform_->alerts().Transition(tracker::Principal::Editor(), draft->alert.id,
                                             {tracker::AlertStatus::kPublished, "", std::nullopt}));
  api::HttpResponse deliveries = Send("GET", "/api/v1/subscriptions/" + id + "/deliveries", admin);
  ASSERT_EQ(deliveries.status, 200);
  ExpectShape(Body(deliveries), "DeliveryList");
  EXPECT_EQ(Body(deliveries).at("items").as_array().size(), 1u);
  input.as_object()["url"] = "https://10.0.0.1/soj";
  ExpectShape(Body(Send("POST", "/api/v1/subscriptions", admin, &input)), "Problem");
  EXPECT_EQ(Send("DELETE", "/api/v1/subscriptions/" + id, admin).status, 204);
}

}  // namespace
}  // namespace soj::testing
