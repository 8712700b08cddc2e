#include "api/follower_routes.hpp"

#include <boost/json.hpp>

#include "api/responses.hpp"

namespace soj::api {

std::optional<HttpResponse> RedirectToPrimary(const HttpRequest& request,
                                              std::string_view primary_url) {
  if (primary_url.empty() || request.method == "GET" || request.method == "HEAD")
    return std::nullopt;
  std::string base(primary_url);
  while (!base.empty() && base.back() == '/') base.pop_back();
  HttpResponse response =
      ProblemResponse(307, "this server is a read-only follower; send writes to the primary");
  response.Set("Location", base + request.target);
  return response;
}

bool AddReplicationReadiness(tracker::Platform& platform, boost::json::object& body) {
  const tracker::Follower* follower = platform.follower();
  if (follower == nullptr) {
    body["role"] = "primary";
    body["sequence"] = platform.store().LastCommitSequence();
    return true;
  }
  const tracker::FollowerLag lag = follower->Lag();
  body["role"] = "follower";
  body["sequence"] = lag.applied;
  boost::json::object lag_json{{"sequence", lag.sequence},
                               {"ms", lag.ms},
                               {"max_ms", follower->options().max_lag.count()},
                               {"primary_running", lag.primary_running}};
  // The failure itself names the primary's paths and RocksDB's words: the follower's log has
  // it (tracker/follower.cpp), /readyz only says that there is one.
  if (!lag.last_error.empty())
    lag_json["error"] = "the last catch-up with the primary failed; the error was logged";
  body["lag"] = std::move(lag_json);
  return lag.in_step;
}

}  // namespace soj::api
