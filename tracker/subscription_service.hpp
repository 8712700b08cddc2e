#pragma once
// SubscriptionService: the webhook use cases, independent of HTTP. Admins manage every
// subscription; partners and state correspondents manage their own (those of their partner or
// country, whichever token they use); a subscription someone may not manage does not exist
// for them (kNotFound). Editors, analysts and the public have none. Every subscription is bound
// to the credential that created it; when that credential no longer stands (revoked, disabled,
// lost the right) the subscription stops for good and its pending deliveries fail.

#include <boost/json/value.hpp>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/store.hpp"
#include "tracker/calendar.hpp"
#include "tracker/error.hpp"
#include "tracker/principal.hpp"
#include "tracker/reference_data.hpp"
#include "tracker/subscription.hpp"
#include "tracker/subscription_registry.hpp"
#include "tracker/webhook_outbox.hpp"
#include "tracker/webhook_target.hpp"

namespace soj::tracker {

struct IssuedSubscription {
  Subscription subscription;  // its secret is shown this once
};

inline constexpr std::size_t kDefaultDeliveriesPage = 50;
inline constexpr std::size_t kMaxDeliveriesPage = 200;

class SubscriptionService {
 public:
  // `resolve` turns target host names into addresses (ResolveHost when empty).
  SubscriptionService(storage::Store& store, const Clock& clock, const PartnerDirectory& partners,
                      WebhookOutbox& outbox, TargetPolicy policy, HostResolver resolve = {});

  // Creates a subscription from a request body (see ParseSubscriptionRequest). The target
  // must pass the policy (https; public addresses only, every address the host resolves to).
  // A state correspondent's subscription is limited to its country (filters.country must be
  // empty or exactly that country). kInvalid naming each field; nothing is stored then.
  // Bound to `who`'s credential (CredentialOf); kUnauthenticated when `who` has none, since a
  // subscription no revocation could end must not exist.
  Result<IssuedSubscription> Create(const Principal& who, const boost::json::value& body);

  // The subscriptions `who` manages, oldest first.
  Result<std::vector<Subscription>> List(const Principal& who) const;
  Result<Subscription> Get(const Principal& who, std::string_view id) const;
  // Removes the subscription, its queue and its delivery records. Returns what was removed.
  Result<Subscription> Delete(const Principal& who, std::string_view id);

  // Recent deliveries of a subscription, newest first (limit 1..kMaxDeliveriesPage).
  Result<std::vector<Delivery>> Deliveries(const Principal& who, std::string_view id,
                                           std::optional<DeliveryState> state,
                                           std::size_t limit) const;
  // Queues a delivered or failed delivery again, same id and body, at `now_ms`. kConflict
  // when the subscription is stopped.
  Result<Delivery> Redeliver(const Principal& who, std::string_view id,
                             std::string_view delivery_id, int64_t now_ms);

  // Inside a write (the one that revokes the credential): stops every subscription bound to
  // `credential` and fails its pending deliveries with `reason`. Sees committed subscriptions;
  // one created in the same write group is stopped by the delivery worker's own check.
  storage::Status StopBoundTo(storage::Transaction& txn, std::string_view credential,
                              std::string_view reason);
  // Stops one subscription (idempotent) and fails its pending deliveries with `reason`: the
  // delivery worker's answer to a credential that no longer stands. kNotFound when deleted.
  Result<Subscription> Stop(std::string_view id, std::string_view reason);
  // Stops every subscription stored before subscriptions were bound to a credential: nothing
  // can revoke them, so they are treated as unbound (docs/webhooks.md). Returns how many.
  Result<std::size_t> StopUnbound();

  const TargetPolicy& policy() const { return policy_; }

 private:
  Result<Subscription> Load(const Principal& who, std::string_view id) const;
  // The committed subscriptions `pick` keeps, in key order; an error when one is damaged.
  Result<std::vector<Subscription>> Committed(
      const std::function<bool(const Subscription&)>& pick) const;
  // Inside a write: stops every committed subscription `stop` picks (not yet stopped ones).
  storage::Status StopWhere(storage::Transaction& txn,
                            const std::function<bool(const Subscription&)>& stop,
                            std::string_view reason, std::size_t* stopped = nullptr);

  storage::Store& store_;
  const Clock& clock_;
  const PartnerDirectory& partners_;
  WebhookOutbox& outbox_;
  TargetPolicy policy_;
  HostResolver resolve_;
};

}  // namespace soj::tracker
