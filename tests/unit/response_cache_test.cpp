// ResponseCache: an answer is reused only for the store as it was built from, and, on every
// route of the server's table, only for a request that asks the same question as the same
// caller.

#include "api/response_cache.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

#include "api/api.hpp"
#include "dashboards/page_routes.hpp"
#include "tests/tracker_fixture.hpp"

namespace soj::api {
namespace {

HttpResponse Body(std::string text) {
  HttpResponse response;
  response.status = 200;
  response.body = std::move(text);
  return response;
}

void Put(ResponseCache& cache, const std::string& key, uint64_t sequence, std::string text) {
  HttpResponse response = Body(std::move(text));
  cache.Put(key, sequence, response);
}

TEST(ResponseCacheTest, AnswersOnlyForTheSequenceItWasBuiltAt) {
  ResponseCache cache;
  EXPECT_FALSE(cache.Find("feed", 7));
  Put(cache, "feed", 7, "seven");
  ASSERT_TRUE(cache.Find("feed", 7));
  EXPECT_EQ(cache.Find("feed", 7)->body, "seven");
  EXPECT_FALSE(cache.Find("feed", 8)) << "a commit since makes it stale";
  EXPECT_FALSE(cache.Find("other", 7));
  Put(cache, "feed", 9, "nine");
  Put(cache, "feed", 8, "eight");  // a slower, older build does not win
  EXPECT_EQ(cache.Find("feed", 9)->body, "nine");
  EXPECT_FALSE(cache.Find("feed", 8));
}

TEST(ResponseCacheTest, StaysWithinItsCapacity) {
  ResponseCache cache(3);
  for (int i = 0; i < 3; ++i) Put(cache, "k" + std::to_string(i), 1, "x");
  EXPECT_TRUE(cache.Find("k0", 1));
  Put(cache, "k3", 1, "y");  // full: starts again with what is asked now
  EXPECT_TRUE(cache.Find("k3", 1));
  EXPECT_FALSE(cache.Find("k0", 1));
}

TEST(ResponseCacheTest, StaysWithinItsBytes) {
  ResponseCache cache(100, 10);
  Put(cache, "a", 1, "12345");
  Put(cache, "b", 1, "12345");
  EXPECT_TRUE(cache.Find("a", 1));
  Put(cache, "c", 1, "1");  // 11 bytes would be too many: starts again
  EXPECT_FALSE(cache.Find("a", 1));
  EXPECT_TRUE(cache.Find("c", 1));
  Put(cache, "big", 1, std::string(11, 'x'));  // never fits: not kept, nothing dropped
  EXPECT_FALSE(cache.Find("big", 1));
  EXPECT_TRUE(cache.Find("c", 1));
  Put(cache, "c", 2, "123456789");  // replacing counts the new size only
  Put(cache, "d", 2, "1");
  EXPECT_TRUE(cache.Find("c", 2));
  EXPECT_TRUE(cache.Find("d", 2));
}

TEST(ResponseCacheTest, KeptAnswersShareTheirBodyInsteadOfCopyingIt) {
  ResponseCache cache;
  HttpResponse built = Body(std::string(5000, 'a'));
  cache.Put("page", 3, built);
  ASSERT_TRUE(built.body.shared()) << "the builder's answer holds the shared text too";
  auto first = cache.Find("page", 3);
  auto second = cache.Find("page", 3);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->body.shared(), built.body.shared());
  EXPECT_EQ(second->body.data(), built.body.data()) << "the same bytes, not a copy";
  first->body.clear();  // what a 304 does to its copy
  EXPECT_EQ(cache.Find("page", 3)->body.size(), 5000u);
  first->body = std::string("own");  // assigning text gives the copy its own body
  EXPECT_EQ(first->body, "own");
  EXPECT_FALSE(first->body.shared());
  EXPECT_EQ(second->body.size(), 5000u);
}

// --- Every cached route, through the server's own route table -------------------------------

// What a route may be asked: query parameters with the values to try, and request headers
// that may shape an answer (a cache must tell them apart, or ignore them for good).
struct QuestionSpace {
  std::vector<std::pair<std::string, std::vector<std::string>>> params;
  std::vector<std::pair<std::string, std::vector<std::string>>> headers;
};

// One request: the path (its {params} filled), the query in the order sent, the headers and
// the caller (an index into the fixture's callers).
struct Question {
  std::string path;
  std::vector<std::pair<std::string, std::string>> params;
  std::vector<std::pair<std::string, std::string>> headers;
  std::size_t caller = 0;

  std::string Target() const {
    std::string target = path;
    for (std::size_t i = 0; i < params.size(); ++i)
      target += (i == 0 ? "?" : "&") + params[i].first + "=" + params[i].second;
    return target;
  }
  std::string Describe(const std::vector<std::string>& callers) const {
    std::string text = Target() + " as " + callers[caller];
    for (const auto& [name, value] : headers) text += " [" + name + ": " + value + "]";
    return text;
  }
};

// The questions each route is asked. Routes not named here get the generic space: parameters
// most routes know, which others refuse (the refusal must be as stable as an answer).
std::map<std::string, QuestionSpace> QuestionSpaces() {
  const std::vector<std::string> countries = {"BY", "RU", "UA"};
  const std::vector<std::string> categories = {"detention", "attack", "impunity"};
  const std::vector<std::pair<std::string, std::vector<std::string>>> csv = {
      {"format", {"csv", "json"}}};
  const std::vector<std::pair<std::string, std::vector<std::string>>> accept = {
      {"Accept", {"text/csv", "application/json"}}, {"Accept-Encoding", {"gzip", "identity"}}};
  std::map<std::string, QuestionSpace> spaces;
  spaces["listAlerts"] = {{{"country", countries},
                           {"category", categories},
                           {"limit", {"1", "2", "50"}},
                           {"sort", {"incident_date", "-incident_date", "-updated_at"}},
                           {"status", {"published", "draft"}},
                           {"partner", {"efj", "rsf"}}},
                          {{"Accept-Encoding", {"gzip", "identity"}}}};
  spaces["getAlert"] = {{{"lang", {"fr", "en"}}}, {{"Accept-Encoding", {"gzip", "identity"}}}};
  auto feed = QuestionSpace{
      {{"country", countries},
       {"category", categories},
       {"lang", {"en", "fr"}},
       {"limit", {"1", "2", "3"}}},
      {{"Host", {"a.example", "b.example"}}, {"Accept-Encoding", {"gzip", "identity"}}}};
  spaces["getAlertsJsonFeed"] = feed;
  spaces["getAlertsAtomFeed"] = feed;
  auto stats = [&](std::vector<std::pair<std::string, std::vector<std::string>>> params) {
    params.insert(params.end(), csv.begin(), csv.end());
    return QuestionSpace{std::move(params), accept};
  };
  spaces["getDetentionStats"] =
      stats({{"as_of", {"2023-06-01", "2026-11-29"}}, {"country", {"BY", "RU"}}});
  spaces["getImpunityStats"] =
      stats({{"as_of", {"2023-06-01", "2026-11-29"}}, {"country", {"BY", "RU"}}});
  spaces["getAlertStats"] = stats({{"group_by", {"country", "year", "category", "country,year"}},
                                   {"country", countries},
                                   {"as_of", {"2023-06-01", "2026-11-29"}}});
  spaces["getReplyStats"] = stats({{"country", {"BY", "RU"}}, {"year", {"2023", "2024"}}});
  spaces["exportAlerts"] = {{{"format", {"csv", "ndjson"}}, {"country", countries}},
                            {{"Accept-Encoding", {"gzip", "identity"}}}};
  spaces["pageAlerts"] = {{{"country", countries}, {"limit", {"1", "2"}}, {"lang", {"en", "fr"}}},
                          {{"Accept-Language", {"fr", "ru"}}}};
  return spaces;
}

class CachedRoutesTest : public testing::PlatformTest {
 protected:
  void SetUp() override {
    PlatformTest::SetUp();
    // A withheld victim (names differ by caller), two countries, an impunity case, a draft.
    withheld_ = SubmitPublished("efj", [](tracker::AlertContent& c) {
      c.victims[0].withheld = true;
      c.victims[0].name = "Withheld Person";
    });
    murdered_ = SubmitPublished("rsf", [](tracker::AlertContent& c) {
      c.country = "RU";
      c.categories = {tracker::Category::kImpunity, tracker::Category::kAttack};
      c.incident_date = testing::D("2022-05-01");
      c.victims[0].detentions.clear();
      c.victims[0].killed_on = testing::D("2022-05-01");
      c.impunity = tracker::ImpunityRecord{true, tracker::Justice::kNone, testing::D("2022-06-01")};
      c.victims[0].name = "Ales Zorych";
      c.victims[0].outlet = "Zorych Radio";
    });
    third_ = SubmitPublished("efj", [](tracker::AlertContent& c) {
      c.country = "UA";
      c.victims[0].name = "Maryna Kvitka";
      c.victims[0].outlet = "Kvitka Daily";
    });
    draft_ = Submit("efj");
    callers_ = {"public"};
    tokens_ = {""};
    auto issue = [&](tracker::Role role, std::string partner, std::string country,
                     std::string name) {
      auto token =
          platform_->tokens().Create(tracker::Principal::Admin(), role, partner, country, name);
      ASSERT_TRUE(token);
      callers_.push_back(name);
      tokens_.push_back(token->secret);
    };
    issue(tracker::Role::kPartner, "efj", "", "partner efj");
    issue(tracker::Role::kPartner, "rsf", "", "partner rsf");
    issue(tracker::Role::kEditor, "", "", "editor");
    issue(tracker::Role::kState, "", "BY", "state BY");
  }

  std::unique_ptr<Api> MakeApi() {
    auto api = std::make_unique<Api>(
        *platform_, ApiOptions{.public_url = "", .public_metrics = true, .access_log = false});
    api->AddRoutes(dashboards::AddPageRoutes);  // as tools/server/main.cpp does
    return api;
  }

  // What a client sees of an answer: status, the headers that name it, and the whole body.
  std::string Ask(Api& api, const Question& question) {
    HttpRequest request;
    request.method = "GET";
    request.target = question.Target();
    request.headers = question.headers;
    if (!tokens_[question.caller].empty())
      request.headers.emplace_back("Authorization", "Bearer " + tokens_[question.caller]);
    HttpResponse response = api.Handle(request);
    std::string body = response.body.str();
    if (response.stream) {
      std::string piece;
      while (response.stream(piece)) {
      }
      body += piece;
    }
    return std::to_string(response.status) + "\n" + std::string(response.Header("Content-Type")) +
           "\n" + std::string(response.Header("Content-Encoding")) + "\n" +
           std::string(response.Header("ETag")) + "\n" + body;
  }

  // Fills the route's {params}: alert ids where an alert is meant, a fixed word elsewhere.
  std::string Path(const std::string& pattern, std::mt19937& random) {
    const std::vector<tracker::AlertId> ids = {withheld_.id, murdered_.id, third_.id, draft_.id};
    std::string path;
    for (std::string_view segment : SplitPath(pattern)) {
      path += '/';
      if (segment == "{id}")
        path += std::to_string(ids[random() % ids.size()]);
      else if (segment.starts_with("{"))
        path += "x";
      else
        path += segment;
    }
    return path;
  }

  // A random question, then every question that differs from it in one thing: a parameter
  // left out, added or given another value, the parameters in another order, another caller,
  // a header added, changed or left out.
  std::vector<Question> Neighbourhood(const std::string& pattern, const QuestionSpace& space,
                                      std::mt19937& random) {
    Question base;
    base.path = Path(pattern, random);
    base.caller = random() % callers_.size();
    for (const auto& [key, values] : space.params)
      if (random() % 2) base.params.emplace_back(key, values[random() % values.size()]);
    for (const auto& [name, values] : space.headers)
      if (random() % 2) base.headers.emplace_back(name, values[random() % values.size()]);
    std::vector<Question> out = {base};
    auto vary = [&](auto Question::*member,
                    const std::vector<std::pair<std::string, std::vector<std::string>>>& options) {
      const auto& present = base.*member;
      for (std::size_t i = 0; i < present.size(); ++i) {
        Question without = base;
        (without.*member).erase((without.*member).begin() + static_cast<std::ptrdiff_t>(i));
        out.push_back(without);
      }
      for (const auto& [key, values] : options) {
        auto at = std::find_if(present.begin(), present.end(),
                               [&](const auto& item) { return item.first == key; });
        for (const std::string& value : values) {
          if (at != present.end() && at->second == value) continue;
          Question other = base;
          if (at == present.end())
            (other.*member).emplace_back(key, value);
          else
            (other.*member)[static_cast<std::size_t>(at - present.begin())].second = value;
          out.push_back(other);
        }
      }
    };
    vary(&Question::params, space.params);
    vary(&Question::headers, space.headers);
    if (base.params.size() > 1) {
      Question reordered = base;
      std::reverse(reordered.params.begin(), reordered.params.end());
      out.push_back(reordered);
    }
    for (std::size_t caller = 0; caller < callers_.size(); ++caller) {
      if (caller == base.caller) continue;
      Question other = base;
      other.caller = caller;
      out.push_back(other);
    }
    return out;
  }

  tracker::Alert withheld_, murdered_, third_, draft_;
  std::vector<std::string> callers_;
  std::vector<std::string> tokens_;  // per caller; "" for the public
};

// The property, for every GET route of the table: after any question A has been answered (and
// kept), a question B is answered exactly as a server that never saw A answers it. So a kept
// answer is shared only when everything that shapes it is equal: every parameter, the headers
// the route reads, and the caller's rights.
TEST_F(CachedRoutesTest, TwoRequestsShareACachedBodyOnlyWhenEveryParameterThatShapesItIsEqual) {
  const auto spaces = QuestionSpaces();
  const QuestionSpace generic = {{{"lang", {"fr"}}, {"limit", {"1", "2"}}, {"country", {"BY"}}},
                                 {{"Accept-Encoding", {"gzip"}}}};
  std::unique_ptr<Api> table = MakeApi();
  std::mt19937 random(20261207);
  std::size_t asked = 0;
  for (const Route& route : table->router().routes()) {
    if (route.method != "GET") continue;
    // The only answer that differs between two servers by design: it counts their requests.
    if (route.operation_id == "getMetrics") continue;
    const auto found = spaces.find(route.operation_id);
    const QuestionSpace& space = found == spaces.end() ? generic : found->second;
    const int rounds = found == spaces.end() ? 1 : 3;
    for (int round = 0; round < rounds; ++round) {
      const std::vector<Question> questions = Neighbourhood(route.pattern, space, random);
      for (const Question& b : questions) {
        for (const Question& a : {questions.front(), b}) {
          std::unique_ptr<Api> served = MakeApi();
          Ask(*served, a);
          const std::string kept = Ask(*served, b);
          std::unique_ptr<Api> fresh = MakeApi();
          ASSERT_EQ(kept, Ask(*fresh, b))
              << route.operation_id << ": after " << a.Describe(callers_) << ",\n "
              << b.Describe(callers_) << " got another question's answer";
          ++asked;
        }
      }
    }
  }
  EXPECT_GT(asked, 500u);
}

// The rule "No cache keeps a name": an editor may withhold a victim's name at any time, so no
// shared cache may serve an answer that carries one without asking the server first. Every GET
// route of the table is asked as the public; an answer that names a victim (or the outlet) must
// be `public, no-cache` (or not stored at all). The test knows the names, not the routes: a new
// route that shows names is covered the day it is added.
TEST_F(CachedRoutesTest, AnAnswerThatCarriesAVictimsNameIsRevalidatedOnEveryUse) {
  const auto spaces = QuestionSpaces();
  std::unique_ptr<Api> api = MakeApi();
  std::set<std::string> naming;  // the routes whose answers carried a name
  for (const Route& route : api->router().routes()) {
    if (route.method != "GET") continue;
    const auto found = spaces.find(route.operation_id);
    std::vector<std::string> targets;
    std::mt19937 random(7);
    for (tracker::AlertId id : {murdered_.id, third_.id}) {
      std::string target = route.pattern;
      if (auto at = target.find("{id}"); at != std::string::npos)
        target.replace(at, 4, std::to_string(id));
      targets.push_back(target);
      if (found != spaces.end())
        for (const auto& [key, values] : found->second.params)
          targets.push_back(target + "?" + key + "=" + values[random() % values.size()]);
    }
    for (const std::string& target : targets) {
      HttpRequest request;
      request.method = "GET";
      request.target = target;
      HttpResponse response = api->Handle(request);
      std::string body = response.body.str();
      if (response.stream) {
        std::string piece;
        while (response.stream(piece)) {
        }
        body += piece;
      }
      if (body.find("Zorych") == std::string::npos && body.find("Kvitka") == std::string::npos)
        continue;
      naming.insert(route.operation_id);
      const std::string_view control = response.Header("Cache-Control");
      EXPECT_TRUE(control == "public, no-cache" || control.find("no-store") != std::string::npos)
          << target << " names a victim and says Cache-Control: " << control;
    }
  }
  // The answers that name victims, so the test can fail.
  for (const char* route : {"getAlert", "listAlerts", "getAlertsJsonFeed", "getAlertsAtomFeed",
                            "exportAlerts", "pageCase"})
    EXPECT_TRUE(naming.count(route)) << route << " named no victim: the test lost its subject";
}

}  // namespace
}  // namespace soj::api
