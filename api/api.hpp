#pragma once
// Api: the HTTP interface as a plain function from request to response. It parses the target
// (Boost.URL), finds the route, authenticates the bearer token, runs the handler, and adds
// what every response needs: ETag and 304, caching headers, security headers, metrics and
// one access-log line. It never throws and never blocks on anything but the store.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "api/access_log.hpp"
#include "api/gzip_cache.hpp"
#include "api/http_message.hpp"
#include "api/metrics.hpp"
#include "api/rate_limiter.hpp"
#include "api/router.hpp"
#include "api/search_workers.hpp"
#include "storage/table_check.hpp"
#include "tracker/platform.hpp"

namespace soj::api {

struct ApiOptions {
  // Absolute base URL the service is reached at (links in documents); empty: relative links.
  std::string public_url;
  // /metrics for everyone (true) or for admin tokens only.
  bool public_metrics = true;
  // Write one JSON access-log line per request to stderr.
  bool access_log = true;
  // Non-empty on a read-only follower: the primary's base URL, where every request other
  // than GET and HEAD is redirected (307; api/follower_routes.hpp).
  std::string primary_url{};
};

struct RouteDeps;

class Api {
 public:
  Api(tracker::Platform& platform, ApiOptions options);
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  // Answers `request`, waiting until any write it makes is durable.
  HttpResponse Handle(const HttpRequest& request);
  // As Handle, except that a route that queues its write (Route::queues_writes) answers at
  // once with HttpResponse::after_write set, whose answer comes finished (headers, metrics,
  // access log) like any other.
  HttpResponse HandleWithoutWaiting(const HttpRequest& request);
  // Whether handling `request` may block on a write: every method but GET and HEAD, except on
  // the routes that queue their writes. The server runs those elsewhere than its network
  // threads.
  bool MayWaitForWrite(const HttpRequest& request) const;

  // Answers a read too long for a network thread (a search, a list that counts or walks a
  // whole index): returns at once a response with HttpResponse::after_write set, and runs
  // `handler` on a search worker with a copy of `ctx` (without the request body), so the
  // network thread goes on serving its other connections meanwhile. When the workers and
  // their queue are full, the answer is 503 with Retry-After, at once. Api::Handle waits
  // for the answer as it waits for a queued write.
  HttpResponse AnswerElsewhere(const RequestContext& ctx, Handler handler);
  // How many search workers run at once and how many requests may wait for one (default:
  // one per usable core, kDefaultSearchQueue); `delay_for_tests` as in SearchWorkers. Call
  // before serving.
  void SetSearchWorkers(unsigned threads, std::size_t queue,
                        std::chrono::milliseconds delay_for_tests = std::chrono::milliseconds(0));
  const SearchWorkers& search_workers() const { return *search_workers_; }
  static constexpr std::size_t kDefaultSearchQueue = 32;

  // Adds more routes after the API's own (the HTML pages: dashboards::AddPageRoutes), so that
  // api/ does not depend on what is served next to it. Call before serving.
  void AddRoutes(const std::function<void(Router&, const RouteDeps&)>& add);

  // Token buckets (429 with Retry-After beyond them) per client address, checked before
  // anything else, and per API token, checked once it is known. Off until set, and when
  // per_second is 0. Call before serving.
  void SetRateLimits(RateLimit per_address, RateLimit per_token);
  // Whether `request` carries a credential valid now: a bearer token that authenticates, or a
  // live desk session (as told by the check set with SetSessionCheck). Looks nothing up
  // beyond the token cache and the session check. The server keeps its last connection slots
  // for connections whose first request passes (ServerOptions::reserved_connections).
  bool PresentsValidCredentials(const HttpRequest& request) const;
  // How PresentsValidCredentials recognises a desk session (the pages own sessions; api/ does
  // not depend on them). Call before serving.
  void SetSessionCheck(std::function<bool(const HttpRequest&)> check) {
    session_check_ = std::move(check);
  }
  // Where POST /api/v1/admin/backups writes (RocksDB BackupEngine); none (503) until set.
  // Call before serving.
  void SetBackupDirectory(std::string dir) { backup_dir_ = std::move(dir); }
  const std::string& backup_directory() const { return backup_dir_; }

  const Router& router() const { return router_; }
  Metrics& metrics() { return metrics_; }
  // Writes the buffered access-log lines to stderr now (they are otherwise written every
  // 100 ms).
  void FlushAccessLog() {
    if (access_log_) access_log_->Flush();
  }
  // /readyz answers 503 while not ready (starting, shutting down, a damaged table file).
  void SetReady(bool ready) { ready_ = ready; }
  bool ready() const { return ready_; }
  // The background check of the store's table files that /readyz reports (none: not run).
  void SetTableCheck(const storage::TableCheck* check) { table_check_ = check; }
  const storage::TableCheck* table_check() const { return table_check_; }

  // Long polling (HttpResponse::wait_until). A count of committed changes: the server reads
  // it before handling a request and parks a waiting answer only while it is unchanged, so a
  // commit between the handler's read and the wait is never missed.
  uint64_t ChangeGeneration() const;
  // Calls `listener` after every committed change (on the store's writer thread; it must be
  // quick and must not block). Returns an id for UnsubscribeChanges, which waits for a call in
  // progress to end.
  uint64_t SubscribeChanges(std::function<void()> listener);
  void UnsubscribeChanges(uint64_t id);

 private:
  // Routes and runs the handler; sets the route's name and the authenticated caller.
  // `free_of_alert_content` tells whether the route matched is (Route::free_of_alert_content).
  HttpResponse Dispatch(const HttpRequest& request, std::string* route_name,
                        tracker::Principal* caller, bool* free_of_alert_content);
  // What follows every handler: held-back credentials, Finish (or FinishOnResume), metrics and
  // the access log.
  void Complete(const HttpRequest& request, const tracker::Principal& who,
                std::string_view route_name, std::chrono::steady_clock::time_point start,
                HttpResponse& response, bool free_of_alert_content = false);
  // Makes a queued write's answer (HttpResponse::after_write) complete like any other.
  void CompleteAfterWrite(const HttpRequest& request, const tracker::Principal& who,
                          std::string route_name, std::chrono::steady_clock::time_point start,
                          HttpResponse& response);
  // Adds what every answer carries; `free_of_alert_content` as Route says.
  void Finish(const HttpRequest& request, const tracker::Principal& who, HttpResponse& response,
              bool free_of_alert_content = false);
  // Makes a waiting response's `resume` finish what it returns like any other response.
  void FinishOnResume(const HttpRequest& request, const tracker::Principal& who,
                      HttpResponse& response);
  // abuse_limits.cpp: the client address's rate limit, and holding back the answers to
  // repeated failed credentials (bad bearer tokens, failed desk sign-ins).
  std::optional<HttpResponse> LimitAddress(const HttpRequest& request);
  std::optional<HttpResponse> LimitToken(const tracker::Principal& who);
  void HoldBackFailedCredentials(const HttpRequest& request, std::string_view route,
                                 HttpResponse& response);

  tracker::Platform& platform_;
  ApiOptions options_;
  Metrics metrics_;
  std::unique_ptr<AccessLog> access_log_;  // when ApiOptions::access_log
  GzipCache gzip_cache_;                   // gzip of cached answers
  Router router_;
  std::atomic<bool> ready_{false};
  const storage::TableCheck* table_check_ = nullptr;
  std::unique_ptr<RateLimiter> address_limiter_;
  std::unique_ptr<RateLimiter> token_limiter_;
  FailedSignIns failed_credentials_;
  std::function<bool(const HttpRequest&)> session_check_;
  std::string backup_dir_;
  std::unique_ptr<SearchWorkers> search_workers_;
};

// Route groups, each in its own file; they add their routes to the table.
struct RouteDeps {
  tracker::Platform& platform;
  Api& api;
  const ApiOptions& options;
};
void AddAlertRoutes(Router& router, const RouteDeps& deps);
void AddTokenRoutes(Router& router, const RouteDeps& deps);
void AddReferenceRoutes(Router& router, const RouteDeps& deps);
void AddStatsRoutes(Router& router, const RouteDeps& deps);
void AddOperationsRoutes(Router& router, const RouteDeps& deps);
void AddFeedRoutes(Router& router, const RouteDeps& deps);
void AddChangeRoutes(Router& router, const RouteDeps& deps);
void AddExportRoutes(Router& router, const RouteDeps& deps);
void AddSubscriptionRoutes(Router& router, const RouteDeps& deps);
void AddBackupRoutes(Router& router, const RouteDeps& deps);

}  // namespace soj::api
