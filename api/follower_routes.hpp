#pragma once
// What a read-only follower (tracker/follower.hpp) answers differently from the primary:
// writes are sent to the primary, and readiness includes the follower's lag.

#include <boost/json/object.hpp>
#include <optional>
#include <string_view>

#include "api/http_message.hpp"
#include "tracker/platform.hpp"

namespace soj::api {

// A 307 to `primary_url` + the request target for every method other than GET and HEAD
// (307 keeps the method and the body, so the client repeats the write where it can land);
// nullopt for reads, or when `primary_url` is empty (this server is the primary).
std::optional<HttpResponse> RedirectToPrimary(const HttpRequest& request,
                                              std::string_view primary_url);

// Adds "role" ("primary" or "follower") and "sequence" (the commit sequence answers are built
// from) to a /readyz body and, on a follower, "lag" ({"sequence","ms","max_ms",
// "primary_running", and "error", a fixed text, while catch-ups fail}). Returns false when this
// server is a follower whose lag is past its limit (not ready).
bool AddReplicationReadiness(tracker::Platform& platform, boost::json::object& body);

}  // namespace soj::api
