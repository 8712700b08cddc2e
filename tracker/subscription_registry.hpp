#pragma once
// SubscriptionRegistry: the committed subscriptions, in memory. Alert writes consult it on the
// store's writer thread to queue notifications inside their own WriteBatch (a transaction
// cannot scan), and the delivery worker reads targets and secrets from it. The platform keeps
// it in step with a commit observer of the webhooks family, so it changes in commit order;
// a subscription hears of changes committed after its own creation committed.

#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

#include "storage/store.hpp"
#include "tracker/error.hpp"
#include "tracker/subscription.hpp"

namespace soj::tracker {

class SubscriptionRegistry {
 public:
  using List = std::vector<Subscription>;

  // Loads every stored subscription (call before the first write).
  Result<std::size_t> Load(const storage::Store& store);
  // Applies one committed change of the webhooks family (subscription keys only).
  void OnCommitted(std::string_view key, std::optional<std::string_view> value);

  // The subscriptions as of the last commit; the list does not change under the caller.
  std::shared_ptr<const List> Snapshot() const;
  std::optional<Subscription> Find(std::string_view id) const;

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const List> list_ = std::make_shared<const List>();
};

}  // namespace soj::tracker
