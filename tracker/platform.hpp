#pragma once
// Platform: the domain services of one soj-tracker data directory, wired together: the
// store, the clock, the registered partners, and the alert and token services.

#include <chrono>
#include <memory>
#include <string>

#include "storage/store.hpp"
#include "tracker/alert_service.hpp"
#include "tracker/calendar.hpp"
#include "tracker/change_signal.hpp"
#include "tracker/error.hpp"
#include "tracker/follower.hpp"
#include "tracker/reference_data.hpp"
#include "tracker/search_index.hpp"
#include "tracker/stats_engine.hpp"
#include "tracker/subscription_registry.hpp"
#include "tracker/subscription_service.hpp"
#include "tracker/token_service.hpp"
#include "tracker/webhook_backoff.hpp"
#include "tracker/webhook_outbox.hpp"
#include "tracker/webhook_target.hpp"

namespace soj::tracker {

struct PlatformOptions {
  std::string data_dir = "./var/data";
  bool create_if_missing = true;
  // See storage::StoreOptions::sync; only bulk tools that flush at the end turn it off.
  bool sync = true;
  // Where "now" comes from; the system clock when null. Must outlive the Platform.
  const Clock* clock = nullptr;
  // A server builds a missing or stale search index in the background and answers the rest
  // meanwhile; tools wait for it. kLater leaves it unopened and untouched: for tools that
  // write no alert, and for bulk loads (indexing alert by alert, as each write commits, costs
  // several times a rebuild from all documents at the end). Whoever opens it next finds it
  // behind by the load's events: caught up, or rebuilt when far behind (kMaxCatchUpEvents).
  enum class Search { kNow, kInBackground, kLater };
  Search search = Search::kNow;
  // Webhooks: which targets subscriptions may name, how failed deliveries are retried, and
  // how target hosts are resolved (the system resolver when empty).
  TargetPolicy webhook_targets{};
  RetryPolicy webhook_retries{};
  HostResolver resolve_host{};
  // Non-empty: a read-only follower of the store in this directory (the primary's --data),
  // opened as a RocksDB secondary instance; data_dir then holds the follower's own files
  // (RocksDB's secondary files in secondary/, its search index in search/). See follower.hpp.
  std::string follow{};
  FollowerOptions follower{};
};

// How long each part of Platform::Open took: start-up time is an operations figure.
struct OpenTimings {
  std::chrono::milliseconds store{0};   // RocksDB: recovery, column families
  std::chrono::milliseconds stats{0};   // the statistics engine rebuilt from its records
  std::chrono::milliseconds search{0};  // the search index checked (or caught up, or rebuilt)
};

class Platform {
 public:
  // Opens the data directory, seeding the partner list into a new store.
  static Result<std::unique_ptr<Platform>> Open(const PlatformOptions& options);
  // Closes the search index (its queue applied) before the store closes.
  ~Platform();

  const OpenTimings& open_timings() const { return open_timings_; }

  storage::Store& store() { return *store_; }
  const Clock& clock() const { return *clock_; }
  PartnerDirectory& partners() { return *partners_; }
  AlertService& alerts() { return *alerts_; }
  TokenService& tokens() { return *tokens_; }
  // Kept in step with every committed write (a commit observer of the stats family).
  StatsEngine& stats() { return *stats_; }
  // Signalled after every committed change (a commit observer of the events family).
  ChangeSignal& changes() { return *changes_; }
  // The full-text index in <data>/search, kept in step with every committed write (commit
  // observers of the alerts and events families); brought in step with the store on Open.
  // Null with PlatformOptions::Search::kLater.
  SearchIndex* search() { return search_.get(); }
  // Webhook subscriptions (use cases), their committed list, and the outbox the delivery
  // worker drains. `outbox_signal` is signalled after every commit that queues a delivery.
  SubscriptionService& subscriptions() { return *subscriptions_; }
  const SubscriptionRegistry& subscription_registry() const { return *registry_; }
  WebhookOutbox& outbox() { return *outbox_; }
  ChangeSignal& outbox_signal() { return *outbox_signal_; }
  // The follower keeping this platform in step with the primary (PlatformOptions::follow), its
  // thread running; null on a primary.
  Follower* follower() { return follower_.get(); }

 private:
  Platform() = default;
  SystemClock system_clock_;
  OpenTimings open_timings_;
  const Clock* clock_ = nullptr;
  std::unique_ptr<StatsEngine> stats_;     // declared before the store: outlives its observer
  std::unique_ptr<ChangeSignal> changes_;  // likewise
  std::unique_ptr<SearchIndex> search_;    // likewise
  std::unique_ptr<SubscriptionRegistry> registry_;  // likewise
  std::unique_ptr<ChangeSignal> outbox_signal_;     // likewise
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<PartnerDirectory> partners_;
  std::unique_ptr<AlertService> alerts_;
  std::unique_ptr<TokenService> tokens_;
  std::unique_ptr<WebhookOutbox> outbox_;
  std::unique_ptr<SubscriptionService> subscriptions_;
  std::unique_ptr<Follower> follower_;  // last: stopped before anything it feeds goes
};

// The registered partners kept in the store; seeds SeedPartners() into an empty store.
Result<std::vector<Partner>> LoadPartners(storage::Store& store);

}  // namespace soj::tracker
