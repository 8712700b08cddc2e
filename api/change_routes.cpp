// GET /api/v1/changes: every change the caller may see, in commit order, with a cursor to
// continue (tracker/change_log.hpp), and long polling: with wait=N and nothing new, the answer
// waits up to N seconds for the next commit (the server parks the request; see
// HttpResponse::wait_until).

#include <boost/json.hpp>
#include <charconv>

#include "api/api.hpp"
#include "api/responses.hpp"
#include "tracker/alert_json.hpp"
#include "tracker/alert_service.hpp"
#include "tracker/change_log.hpp"

namespace soj::api {
namespace {

namespace json = boost::json;
using Clock = std::chrono::steady_clock;

constexpr int kMaxWaitSeconds = 60;

struct ChangesQuery {
  uint64_t after = 0;
  std::size_t limit = tracker::kDefaultChangesPage;
  int wait_seconds = 0;
};

bool ParseNumber(std::string_view text, std::size_t* out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

tracker::Result<ChangesQuery> ParseChangesQuery(boost::urls::params_view query) {
  ChangesQuery out;
  tracker::FieldErrors errors;
  for (const auto& param : query) {
    std::size_t number = 0;
    if (param.key == "since") {
      auto after = tracker::DecodeChangeCursor(param.value);
      if (after)
        out.after = *after;
      else
        errors.Add("since", after.error().fields.at(0).message);
    } else if (param.key == "limit") {
      if (ParseNumber(param.value, &number) && number >= 1 && number <= tracker::kMaxChangesPage)
        out.limit = number;
      else
        errors.Add("limit",
                   "must be a whole number from 1 to " + std::to_string(tracker::kMaxChangesPage));
    } else if (param.key == "wait") {
      if (ParseNumber(param.value, &number) && number <= kMaxWaitSeconds)
        out.wait_seconds = static_cast<int>(number);
      else
        errors.Add("wait", "must be a whole number of seconds from 0 to " +
                               std::to_string(kMaxWaitSeconds));
    } else {
      errors.Add(std::string(param.key), "is not a parameter of the changes feed");
    }
  }
  if (!errors.empty())
    return tracker::Error{
        tracker::ErrorKind::kBadRequest, "the query string has errors", errors.Take(), {}};
  return out;
}

HttpResponse PageResponse(const tracker::Principal& who, const tracker::ChangePage& page) {
  json::array items;
  for (const tracker::Change& change : page.items) {
    json::object item{{"seq", change.seq},
                      {"alert_id", change.alert_id},
                      {"kind", tracker::ToString(change.kind)},
                      {"at", change.at.ToString()}};
    if (change.alert) {
      item["alert"] = tracker::AlertToJson(*change.alert, tracker::ViewFor(who, *change.alert));
      item["removed"] = false;
    } else {
      item["alert"] = nullptr;
      item["removed"] = true;
    }
    items.push_back(std::move(item));
  }
  HttpResponse response =
      JsonResponse(200, json::object{{"items", std::move(items)},
                                     {"next_cursor", tracker::EncodeChangeCursor(page.next_after)},
                                     {"more", page.more}});
  // Pages after a cursor grow as changes commit: caches must ask every time.
  response.Set("Cache-Control", "no-cache");
  return response;
}

class ChangeRoutes {
 public:
  explicit ChangeRoutes(tracker::Platform& platform) : store_(platform.store()) {}

  HttpResponse Changes(RequestContext& ctx) {
    auto query = ParseChangesQuery(ctx.query);
    if (!query) return ErrorResponse(query.error());
    const auto deadline = Clock::now() + std::chrono::seconds(query->wait_seconds);
    return Answer(ctx.principal, query->after, query->limit, deadline, query->wait_seconds == 0);
  }

 private:
  // The page after `after`, or, when it is empty and the deadline has not passed, a response
  // that waits for the next commit and then looks again from where this look ended.
  HttpResponse Answer(const tracker::Principal& who, uint64_t after, std::size_t limit,
                      Clock::time_point deadline, bool final) const {
    auto page = tracker::ReadChanges(store_, who, after, limit);
    if (!page) return ErrorResponse(page.error());
    if (!page->items.empty() || page->more || final || Clock::now() >= deadline)
      return PageResponse(who, *page);
    HttpResponse waiting;
    waiting.wait_until = deadline;
    waiting.resume = [this, who, next = page->next_after, limit, deadline](bool timed_out) {
      return Answer(who, next, limit, deadline, timed_out);
    };
    return waiting;
  }

  const storage::Store& store_;
};

}  // namespace

void AddChangeRoutes(Router& router, const RouteDeps& deps) {
  auto routes = std::make_shared<ChangeRoutes>(deps.platform);
  router.Add({"GET", "/api/v1/changes", "listChanges",
              [routes](RequestContext& ctx) { return routes->Changes(ctx); }});
}

}  // namespace soj::api
