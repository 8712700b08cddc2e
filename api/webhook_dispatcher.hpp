#pragma once
// WebhookDispatcher: the delivery worker. It drains the platform's webhook outbox on its own
// thread: each subscription's oldest pending delivery is sent (one at a time per
// subscription, so receivers get changes in commit order; several subscriptions at once),
// signed with the subscription's secret, and its outcome recorded, which schedules a retry
// with backoff or ends the delivery. It wakes when a commit queues a delivery and when a retry
// falls due. Deliveries in flight at shutdown or a crash are sent again after the restart:
// delivery is at least once, and receivers drop repeats by X-Soj-Delivery.

#include <chrono>
#include <memory>
#include <string>

#include "tracker/platform.hpp"
#include "tracker/webhook_target.hpp"

namespace soj::api {

struct WebhookDispatcherOptions {
  tracker::TargetPolicy policy;               // checked again at every attempt
  std::chrono::milliseconds timeout{10'000};  // per attempt, from resolving to the status line
  std::size_t max_in_flight = 16;             // subscriptions served at once
  std::string ca_file;  // extra trusted CA certificates (PEM) besides the system's
};

class WebhookDispatcher {
 public:
  WebhookDispatcher(tracker::Platform& platform, WebhookDispatcherOptions options);
  ~WebhookDispatcher();
  WebhookDispatcher(const WebhookDispatcher&) = delete;
  WebhookDispatcher& operator=(const WebhookDispatcher&) = delete;

  // Starts the worker thread. False with `error` set when the CA file cannot be loaded.
  bool Start(std::string* error);
  // Stops sending; attempts in flight are abandoned (and sent again after a restart).
  // Idempotent; the destructor calls it.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace soj::api
