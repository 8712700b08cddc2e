// soj-tracker: the server. `soj-tracker serve` opens the data directory (seeding demo data
// into an empty one unless --no-demo) and serves the HTTP interface until SIGINT/SIGTERM.

#include <CLI/CLI.hpp>
#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <thread>

#include "api/api.hpp"
#include "api/server.hpp"
#include "api/webhook_dispatcher.hpp"
#include "dashboards/page_routes.hpp"
#include "storage/table_check.hpp"
#include "tools/demo/demo_dataset.hpp"
#include "tracker/platform.hpp"
#include "tracker/usable_cores.hpp"

namespace {

using soj::tracker::Platform;

// Whether the store in `data_dir` is new or holds no alert (and so gets the demo dataset).
bool StoreIsEmpty(const std::string& data_dir) {
  auto store = soj::storage::Store::Open({.path = data_dir, .create_if_missing = true});
  if (!store) return false;  // the real open says why
  bool any = false;
  auto status =
      (*store)->Scan(soj::storage::Family::kAlerts, "", "", soj::storage::Direction::kForward,
                     [&](std::string_view, std::string_view) {
                       any = true;
                       return false;
                     });
  return status.ok() && !any;
}

// Loads the demo dataset into an empty store; unsynced, then flushed once (it can be redone).
// The search index is left to the server, which builds it from all documents at once.
bool SeedDemo(const std::string& data_dir, std::size_t alerts) {
  if (!StoreIsEmpty(data_dir)) return true;
  auto platform = Platform::Open({.data_dir = data_dir,
                                  .create_if_missing = true,
                                  .sync = false,
                                  .clock = nullptr,
                                  .search = soj::tracker::PlatformOptions::Search::kLater});
  if (!platform) {
    std::cerr << "soj-tracker: " << platform.error().message << "\n";
    return false;
  }
  std::cerr << "soj-tracker: empty store, loading " << alerts
            << " demo alerts (--no-demo to skip)\n";
  soj::tools::DemoOptions options;
  options.alerts = alerts;
  options.today = (*platform)->clock().Today();
  auto report = soj::tools::LoadDemoDataset((*platform)->store(), (*platform)->partners(), options);
  if (!report) {
    std::cerr << "soj-tracker: demo data failed: " << report.error().message << "\n";
    return false;
  }
  return (*platform)->store().Flush().ok();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"soj-tracker: media-freedom alert tracker"};
  app.require_subcommand(1);
  soj::api::ServerOptions server;
  std::string data_dir = "./var/data";
  std::string backup_dir;
  soj::api::RateLimit address_rate{100, 400};
  soj::api::RateLimit token_rate{50, 200};
  bool no_demo = false;
  bool private_metrics = false;
  std::size_t demo_alerts = 2000;
  unsigned long long grace_ms = 10'000;
  unsigned long long header_timeout_ms = 10'000;
  unsigned long long idle_timeout_ms = 60'000;
  unsigned long long write_timeout_ms = 30'000;
  soj::tracker::TargetPolicy webhook_targets;
  soj::tracker::RetryPolicy webhook_retries;
  soj::api::WebhookDispatcherOptions webhooks;
  unsigned long long webhook_timeout_ms = 10'000;
  long long webhook_give_up_s = 86'400;
  std::string follow_dir;
  std::string primary_url;
  soj::tracker::FollowerOptions follower;
  unsigned long long catch_up_interval_ms = 200;
  unsigned long long max_lag_ms = 2000;

  unsigned search_workers = 0;
  std::size_t search_queue = soj::api::Api::kDefaultSearchQueue;
  unsigned long long search_delay_for_tests_ms = 0;

  auto* serve = app.add_subcommand("serve", "Serve the HTTP interface");
  serve->add_option("--listen", server.listen, "Address and port")
      ->envname("SOJ_LISTEN")
      ->capture_default_str();
  serve->add_option("--data", data_dir, "Data directory (RocksDB)")
      ->envname("SOJ_DATA")
      ->capture_default_str();
  serve->add_option("--tls-cert", server.tls_cert, "PEM certificate chain (enables TLS)")
      ->envname("SOJ_TLS_CERT");
  serve->add_option("--tls-key", server.tls_key, "PEM private key")->envname("SOJ_TLS_KEY");
  serve->add_option("--threads", server.threads, "Network threads (0 = one per core it may run on)")
      ->envname("SOJ_THREADS")
      ->capture_default_str();
  serve
      ->add_option("--public-url", server.public_url,
                   "Public base URL, e.g. https://alerts.example.org")
      ->envname("SOJ_PUBLIC_URL");
  serve
      ->add_option("--trusted-proxy", server.trusted_proxies,
                   "Address or CIDR block of a reverse proxy whose X-Forwarded-For and "
                   "X-Forwarded-Proto are believed (repeatable, or a comma list)")
      ->envname("SOJ_TRUSTED_PROXY")
      ->delimiter(',');
  serve
      ->add_option("--search-workers", search_workers,
                   "Threads that answer searches and uncached lists (0 = one per core it may "
                   "run on)")
      ->envname("SOJ_SEARCH_WORKERS")
      ->capture_default_str();
  serve
      ->add_option("--search-queue", search_queue,
                   "Searches that may wait for a search worker; more are answered 503")
      ->envname("SOJ_SEARCH_QUEUE")
      ->capture_default_str();
  serve
      ->add_option("--search-delay-for-tests-ms", search_delay_for_tests_ms,
                   "Makes every search this much slower (tests; never in production)")
      ->group("");  // hidden from --help
  serve->add_option("--max-body", server.max_body, "Largest request body in bytes")
      ->envname("SOJ_MAX_BODY")
      ->capture_default_str()
      ->check(CLI::Range(1024ul, 1ul << 30));
  serve->add_option("--max-connections", server.max_connections, "Concurrent connections cap")
      ->envname("SOJ_MAX_CONNECTIONS")
      ->capture_default_str();
  serve
      ->add_option("--max-connections-per-ip", server.max_connections_per_address,
                   "Concurrent connections one client address may hold (0 = no cap)")
      ->envname("SOJ_MAX_CONNECTIONS_PER_IP")
      ->capture_default_str();
  serve
      ->add_option("--max-connections-per-prefix", server.max_connections_per_prefix,
                   "Concurrent connections one client network (IPv4 /24, IPv6 /64) may hold "
                   "(0 = no cap)")
      ->envname("SOJ_MAX_CONNECTIONS_PER_PREFIX")
      ->capture_default_str();
  std::size_t reserved_connections = 0;
  CLI::Option* reserved_option =
      serve
          ->add_option("--reserved-connections", reserved_connections,
                       "Last connection slots kept for clients whose first request carries a "
                       "valid token or desk session (others get 503); default: "
                       "--max-connections / 16")
          ->envname("SOJ_RESERVED_CONNECTIONS");
  serve
      ->add_option("--rate-limit-ip", address_rate.per_second,
                   "Requests per second one client address may make (0 = no limit; 429 above)")
      ->envname("SOJ_RATE_LIMIT_IP")
      ->capture_default_str();
  serve->add_option("--rate-burst-ip", address_rate.burst, "Burst allowed above --rate-limit-ip")
      ->envname("SOJ_RATE_BURST_IP")
      ->capture_default_str();
  serve
      ->add_option("--rate-limit-token", token_rate.per_second,
                   "Requests per second one API token may make (0 = no limit; 429 above)")
      ->envname("SOJ_RATE_LIMIT_TOKEN")
      ->capture_default_str();
  serve
      ->add_option("--rate-burst-token", token_rate.burst, "Burst allowed above --rate-limit-token")
      ->envname("SOJ_RATE_BURST_TOKEN")
      ->capture_default_str();
  serve->add_option("--shutdown-grace-ms", grace_ms, "Time for requests in flight at shutdown")
      ->envname("SOJ_SHUTDOWN_GRACE_MS")
      ->capture_default_str();
  serve
      ->add_option("--header-timeout-ms", header_timeout_ms,
                   "Time allowed from a request's first byte to the end of its header (408)")
      ->envname("SOJ_HEADER_TIMEOUT_MS")
      ->capture_default_str();
  serve
      ->add_option("--write-timeout-ms", write_timeout_ms,
                   "Time allowed for one write of an answer; also the grace before "
                   "--stream-min-rate applies")
      ->envname("SOJ_WRITE_TIMEOUT_MS")
      ->capture_default_str();
  serve
      ->add_option("--stream-min-rate", server.stream_min_bytes_per_second,
                   "Bytes per second a reader of a streamed answer (export) must take on "
                   "average, or the connection ends (0 = no floor)")
      ->envname("SOJ_STREAM_MIN_RATE")
      ->capture_default_str();
  serve
      ->add_option("--idle-timeout-ms", idle_timeout_ms,
                   "Time an idle keep-alive connection is kept open")
      ->envname("SOJ_IDLE_TIMEOUT_MS")
      ->capture_default_str();
  serve
      ->add_option("--backups", backup_dir,
                   "Backup directory for POST /api/v1/admin/backups (default: DATA/backups; "
                   "put it on another disk)")
      ->envname("SOJ_BACKUPS");
  serve->add_flag("--no-demo", no_demo, "Do not seed demo data into an empty store")
      ->envname("SOJ_NO_DEMO");
  serve->add_option("--demo-alerts", demo_alerts, "Demo alerts seeded into an empty store")
      ->envname("SOJ_DEMO_ALERTS")
      ->capture_default_str();
  serve->add_flag("--private-metrics", private_metrics, "Serve /metrics to admin tokens only")
      ->envname("SOJ_PRIVATE_METRICS");

  serve
      ->add_flag("--allow-http-webhooks", webhook_targets.allow_http,
                 "Let subscriptions name http:// targets (tests; never in production)")
      ->envname("SOJ_ALLOW_HTTP_WEBHOOKS");
  serve
      ->add_flag("--allow-private-webhook-targets", webhook_targets.allow_private_addresses,
                 "Let webhook targets resolve to loopback, private and link-local addresses")
      ->envname("SOJ_ALLOW_PRIVATE_WEBHOOK_TARGETS");
  serve
      ->add_option("--webhook-retry-base-ms", webhook_retries.base_ms,
                   "Wait after a webhook delivery's first failure; doubles per failure")
      ->envname("SOJ_WEBHOOK_RETRY_BASE_MS")
      ->capture_default_str()
      ->check(CLI::Range(1ll, 86'400'000ll));
  serve
      ->add_option("--webhook-retry-max-delay-ms", webhook_retries.max_delay_ms,
                   "Longest wait between two attempts of a webhook delivery")
      ->envname("SOJ_WEBHOOK_RETRY_MAX_DELAY_MS")
      ->capture_default_str()
      ->check(CLI::Range(1ll, 86'400'000ll));
  serve
      ->add_option("--webhook-give-up-after-s", webhook_give_up_s,
                   "A webhook delivery still failing this long after it was queued is failed")
      ->envname("SOJ_WEBHOOK_GIVE_UP_AFTER_S")
      ->capture_default_str()
      ->check(CLI::Range(1ll, 30ll * 86'400));
  serve
      ->add_option("--webhook-timeout-ms", webhook_timeout_ms,
                   "Time allowed for one webhook attempt, from DNS to the answer's status")
      ->envname("SOJ_WEBHOOK_TIMEOUT_MS")
      ->capture_default_str();
  serve
      ->add_option("--webhook-ca-file", webhooks.ca_file,
                   "Extra trusted CA certificates (PEM) for https webhook targets")
      ->envname("SOJ_WEBHOOK_CA_FILE");

  auto* follow_option =
      serve
          ->add_option("--follow", follow_dir,
                       "Serve read-only, following the primary whose data directory is this "
                       "(same host or shared filesystem); --data then holds the follower's own "
                       "files")
          ->envname("SOJ_FOLLOW");
  serve
      ->add_option("--primary-url", primary_url,
                   "With --follow: the primary's base URL; writes get 307 to it")
      ->envname("SOJ_PRIMARY_URL")
      ->needs(follow_option);
  follow_option->needs("--primary-url");
  serve
      ->add_option("--catch-up-interval-ms", catch_up_interval_ms,
                   "With --follow: how often to catch up with the primary")
      ->envname("SOJ_CATCH_UP_INTERVAL_MS")
      ->capture_default_str()
      ->check(CLI::Range(1ull, 60'000ull));
  serve
      ->add_option("--max-lag-ms", max_lag_ms,
                   "With --follow: /readyz is unready when the follower has not been in step "
                   "with a running primary for this long")
      ->envname("SOJ_MAX_LAG_MS")
      ->capture_default_str();

  CLI11_PARSE(app, argc, argv);
  follower.interval = std::chrono::milliseconds(catch_up_interval_ms);
  follower.max_lag = std::chrono::milliseconds(max_lag_ms);
  const bool following = !follow_dir.empty();
  webhook_retries.give_up_after_ms = webhook_give_up_s * 1000;
  webhooks.policy = webhook_targets;
  webhooks.timeout = std::chrono::milliseconds(webhook_timeout_ms);
  server.shutdown_grace = std::chrono::milliseconds(grace_ms);
  server.header_timeout = std::chrono::milliseconds(header_timeout_ms);
  if (reserved_option->count() > 0) server.reserved_connections = reserved_connections;
  server.idle_timeout = std::chrono::milliseconds(idle_timeout_ms);
  server.write_timeout = std::chrono::milliseconds(write_timeout_ms);

  if (!following && !no_demo && !SeedDemo(data_dir, demo_alerts)) return 1;
  const auto opening = std::chrono::steady_clock::now();
  // Ready without waiting for a search index to be built: searches say so until it is.
  auto platform = Platform::Open({.data_dir = data_dir,
                                  .create_if_missing = true,
                                  .sync = true,
                                  .clock = nullptr,
                                  .search = soj::tracker::PlatformOptions::Search::kInBackground,
                                  .webhook_targets = webhook_targets,
                                  .webhook_retries = webhook_retries,
                                  .follow = follow_dir,
                                  .follower = follower});
  if (!platform) {
    std::cerr << "soj-tracker: " << platform.error().message << "\n";
    return 1;
  }
  // Start-up time is an operations figure (the statistics rebuild dominates it at scale).
  const soj::tracker::OpenTimings& took = (*platform)->open_timings();
  std::fprintf(stderr,
               "{\"level\":\"info\",\"msg\":\"store open\",\"ms\":%lld,\"rocksdb_ms\":%lld,"
               "\"stats_ms\":%lld,\"search_ms\":%lld,\"counted_alerts\":%zu}\n",
               static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                          std::chrono::steady_clock::now() - opening)
                                          .count()),
               static_cast<long long>(took.store.count()),
               static_cast<long long>(took.stats.count()),
               static_cast<long long>(took.search.count()), (*platform)->stats().CountedAlerts());
  soj::api::Api api(**platform, {.public_url = server.public_url,
                                 .public_metrics = !private_metrics,
                                 .access_log = true,
                                 .primary_url = primary_url});
  api.SetRateLimits(address_rate, token_rate);
  api.SetSearchWorkers(search_workers != 0 ? search_workers : soj::tracker::UsableCores(),
                       search_queue, std::chrono::milliseconds(search_delay_for_tests_ms));
  api.SetBackupDirectory(backup_dir.empty() ? data_dir + "/backups" : backup_dir);
  api.AddRoutes(soj::dashboards::AddPageRoutes);
  soj::api::Server http(api, server);
  std::string error;
  if (!http.Start(&error)) {
    std::cerr << "soj-tracker: " << error << "\n";
    return 1;
  }
  // Sends what the outbox holds, including what a crash or stop left undelivered.
  // Only the primary delivers: a follower's outbox is the primary's, read-only.
  soj::api::WebhookDispatcher dispatcher(**platform, webhooks);
  if (!following && !dispatcher.Start(&error)) {
    std::cerr << "soj-tracker: " << error << "\n";
    return 1;
  }
  // Every table file's checksums, read while the server already serves (seconds at a million
  // alerts). A damaged file stops the server: it must not go on answering from a bad store.
  std::atomic<bool> damaged{false};
  soj::storage::TableCheck table_check((*platform)->store(), [&](const soj::storage::Status& s) {
    std::fprintf(stderr,
                 "{\"level\":\"error\",\"msg\":\"store damaged, stopping\",\"detail\":%s}\n",
                 boost::json::serialize(boost::json::value(s.message())).c_str());
    damaged = true;
    http.Stop();
  });
  api.SetTableCheck(&table_check);
  // On stdout, so scripts and tests can read the port when --listen asked for port 0.
  std::fprintf(stdout,
               "{\"level\":\"info\",\"msg\":\"listening\",\"address\":\"%s\",\"port\":%u,"
               "\"tls\":%s,\"data\":\"%s\",\"role\":\"%s\"}\n",
               server.listen.c_str(), static_cast<unsigned>(http.port()),
               server.tls_cert.empty() ? "false" : "true", data_dir.c_str(),
               following ? "follower" : "primary");
  std::fflush(stdout);
  http.Run();
  dispatcher.Stop();
  api.SetTableCheck(nullptr);
  std::fprintf(stderr, "{\"level\":\"info\",\"msg\":\"stopped\"}\n");
  return damaged ? 1 : 0;  // `platform` closes the store cleanly on the way out
}
