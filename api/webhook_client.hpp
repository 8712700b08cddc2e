#pragma once
// One webhook request with Beast's HTTP client: resolve the target's host, refuse it unless
// every address passes the target policy (checked here, at delivery time, so a name that now
// points into a private network is refused: no DNS rebinding), connect to exactly those
// addresses, TLS with certificate and host name verification for https, POST the body, read
// the status. Included only by the webhook worker: it pulls in Asio and Beast.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ssl/context.hpp>
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "tracker/webhook_target.hpp"

namespace soj::api {

struct WebhookRequest {
  tracker::WebhookTarget target;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

struct WebhookResponse {
  int status = 0;     // the receiver's HTTP status; 0 when it did not answer
  std::string error;  // why there is no 2xx answer, in words; empty on 2xx
};

// Sends `request`; never throws. Every step (resolve, connect, handshake, write, read) is
// bounded by `timeout` in total.
boost::asio::awaitable<WebhookResponse> SendWebhook(const WebhookRequest& request,
                                                    const tracker::TargetPolicy& policy,
                                                    boost::asio::ssl::context& tls,
                                                    std::chrono::milliseconds timeout);

}  // namespace soj::api
