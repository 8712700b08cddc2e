#include "tracker/platform.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <filesystem>
#include <utility>

#include "tracker/alert_records.hpp"

namespace soj::tracker {
namespace json = boost::json;
using storage::Family;

namespace {
constexpr std::string_view kPartnerPrefix = "partner/";
}

Result<std::vector<Partner>> LoadPartners(storage::Store& store) {
  std::vector<Partner> partners;
  bool damaged = false;
  storage::Status s = store.ScanPrefix(
      Family::kMeta, kPartnerPrefix, storage::Direction::kForward,
      [&](std::string_view, std::string_view value) {
        boost::system::error_code ec;
        json::value v = json::parse(value, ec);
        const json::object* o = ec ? nullptr : v.if_object();
        const json::value* id = o ? o->if_contains("id") : nullptr;
        const json::value* name = o ? o->if_contains("name") : nullptr;
        if (!id || !name || !id->is_string() || !name->is_string()) {
          damaged = true;
          return false;
        }
        partners.push_back({std::string(id->as_string()), std::string(name->as_string())});
        return true;
      });
  if (!s.ok()) return FromStorage(s);
  if (damaged) return Error::Internal("a partner record in the store is damaged");
  if (!partners.empty()) return partners;

  partners = SeedPartners();
  s = store.Write([&](storage::Transaction& txn) {
    for (const Partner& p : partners)
      txn.Put(Family::kMeta, std::string(kPartnerPrefix) + p.id,
              json::serialize(json::object{{"id", p.id}, {"name", p.name}}));
    return storage::Status::Ok();
  });
  if (!s.ok()) return FromStorage(s);
  return partners;
}

Platform::~Platform() {
  if (follower_) follower_->Stop();
  if (search_) search_->Close();
}

Result<std::unique_ptr<Platform>> Platform::Open(const PlatformOptions& options) {
  std::unique_ptr<Platform> platform(new Platform());
  platform->clock_ = options.clock ? options.clock : &platform->system_clock_;
  auto lap = [start = std::chrono::steady_clock::now()]() mutable {
    const auto now = std::chrono::steady_clock::now();
    return std::chrono::duration_cast<std::chrono::milliseconds>(now - std::exchange(start, now));
  };
  const bool following = !options.follow.empty();
  // The follower's own files (search index, secondary files) must not land in the primary's.
  if (following) {
    std::error_code ec;
    const auto own = std::filesystem::weakly_canonical(options.data_dir, ec);
    const auto followed = std::filesystem::weakly_canonical(options.follow, ec);
    if (own == followed)
      return Error::BadRequest("a follower needs a data directory of its own, not " +
                               options.follow + " (the primary's)");
  }
  auto store = storage::Store::Open(
      {.path = following ? options.follow : options.data_dir,
       .create_if_missing = options.create_if_missing,
       .sync = options.sync,
       .secondary_path = following ? options.data_dir + "/secondary" : std::string()});
  if (!store) {
    const storage::Status& s = store.error();
    if (s.code() == storage::Status::Code::kUnavailable) return Error::Unavailable(s.message());
    return Error::Internal(s.message());
  }
  platform->store_ = std::move(*store);
  platform->open_timings_.store = lap();
  // The engine hears every committed stats record from now on, then loads what is stored.
  platform->stats_ = std::make_unique<StatsEngine>();
  StatsEngine* engine = platform->stats_.get();
  platform->store_->writes().AddCommitObserver(
      Family::kStats, [engine](std::string_view key, std::optional<std::string_view> value) {
        engine->ApplyRecord(key, value);
      });
  // Long-polling readers of the changes feed wake up on every committed event.
  platform->changes_ = std::make_unique<ChangeSignal>();
  ChangeSignal* changes = platform->changes_.get();
  platform->store_->writes().AddCommitObserver(
      Family::kEvents,
      [changes](std::string_view, std::optional<std::string_view>) { changes->Notify(); });
  // And on every change to the tokens: a poll parked with a token revoked meanwhile wakes to be
  // refused at once (api/credential_binding.hpp), instead of at its deadline.
  platform->store_->writes().AddCommitObserver(
      Family::kTokens,
      [changes](std::string_view, std::optional<std::string_view>) { changes->Notify(); });
  auto loaded = RebuildStatistics(*platform->store_, *engine);
  if (!loaded) return loaded.error();
  platform->open_timings_.stats = lap();
  // Brought in step before the first write, then told of every commit.
  const std::string search_dir = options.data_dir + "/search";
  SearchIndex* index = nullptr;
  if (options.search != PlatformOptions::Search::kLater) {
    auto search = SearchIndex::Open(search_dir, *platform->store_,
                                    options.search == PlatformOptions::Search::kNow
                                        ? SearchBuild::kNow
                                        : SearchBuild::kInBackground);
    if (!search) return search.error();
    platform->search_ = std::move(*search);
    index = platform->search_.get();
    platform->store_->writes().AddCommitObserver(
        Family::kAlerts, [index](std::string_view key, std::optional<std::string_view> value) {
          index->OnAlertCommitted(key, value);
        });
    platform->store_->writes().AddCommitObserver(
        Family::kEvents, [index](std::string_view key, std::optional<std::string_view> value) {
          index->OnEventCommitted(key, value);
        });
  }
  platform->open_timings_.search = lap();
  // Subscriptions change in commit order; the worker wakes when a delivery is queued.
  platform->registry_ = std::make_unique<SubscriptionRegistry>();
  platform->outbox_signal_ = std::make_unique<ChangeSignal>();
  SubscriptionRegistry* registry = platform->registry_.get();
  ChangeSignal* outbox_signal = platform->outbox_signal_.get();
  platform->store_->writes().AddCommitObserver(
      Family::kWebhooks,
      [registry, outbox_signal](std::string_view key, std::optional<std::string_view> value) {
        registry->OnCommitted(key, value);
        if (key.starts_with('q') && value) outbox_signal->Notify();
      });
  auto subscriptions = registry->Load(*platform->store_);
  if (!subscriptions) return subscriptions.error();
  platform->outbox_ =
      std::make_unique<WebhookOutbox>(*platform->store_, *registry, options.webhook_retries);
  auto partners = LoadPartners(*platform->store_);
  if (!partners) return partners.error();
  platform->partners_ = std::make_unique<PartnerDirectory>(std::move(*partners));
  platform->alerts_ = std::make_unique<AlertService>(
      *platform->store_, *platform->clock_, *platform->partners_, index, platform->outbox_.get());
  platform->subscriptions_ = std::make_unique<SubscriptionService>(
      *platform->store_, *platform->clock_, *platform->partners_, *platform->outbox_,
      options.webhook_targets, options.resolve_host);
  platform->tokens_ =
      std::make_unique<TokenService>(*platform->store_, *platform->clock_, *platform->partners_);
  // Revoking a token stops the subscriptions it created in the same commit
  // (docs/security.md, "Revocation ends access everywhere").
  SubscriptionService* subscription_service = platform->subscriptions_.get();
  platform->tokens_->AddRevocationHook([subscription_service](storage::Transaction& txn,
                                                              const TokenRecord& revoked) {
    return subscription_service->StopBoundTo(
        txn, CredentialOf(Principal{revoked.role, revoked.partner, revoked.country, revoked.id}),
        "the token that created this subscription was revoked");
  });
  if (!following) {
    auto current = registry->Snapshot();
    if (std::any_of(current->begin(), current->end(),
                    [](const Subscription& s) { return s.credential.empty() && !s.stopped_at; })) {
      auto stopped = platform->subscriptions_->StopUnbound();
      if (!stopped) return stopped.error();
    }
  }
  if (following) {
    auto follower = Follower::Create(*platform->store_, options.follower);
    if (!follower) return follower.error();
    platform->follower_ = std::move(*follower);
    platform->follower_->Start();
  }
  return platform;
}

}  // namespace soj::tracker
