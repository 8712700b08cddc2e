#include "tracker/subscription_service.hpp"

#include "tracker/alert_records.hpp"
#include "tracker/digest.hpp"
#include "tracker/webhook_delivery.hpp"

namespace soj::tracker {
using storage::Family;

namespace {

constexpr std::string_view kSecretPrefix = "whsec_";

bool MayHaveSubscriptions(const Principal& who) {
  return who.role == Role::kAdmin || who.role == Role::kPartner || who.role == Role::kState;
}

Error Denied(const Principal& who) {
  if (who.role == Role::kPublic) return Error::Unauthenticated("subscriptions need a token");
  return Error::Forbidden(
      "only admins, partner organisations and state correspondents have subscriptions");
}

// Why a subscription left over from before credentials were recorded is stopped.
constexpr std::string_view kUnboundReason =
    "stored before subscriptions were bound to the credential that created them; create it "
    "again with a token";

Error NoSuchSubscription(std::string_view id) {
  return Error::NotFound("there is no subscription " + std::string(id));
}

}  // namespace

SubscriptionService::SubscriptionService(storage::Store& store, const Clock& clock,
                                         const PartnerDirectory& partners, WebhookOutbox& outbox,
                                         TargetPolicy policy, HostResolver resolve)
    : store_(store),
      clock_(clock),
      partners_(partners),
      outbox_(outbox),
      policy_(policy),
      resolve_(resolve ? std::move(resolve) : HostResolver(ResolveHost)) {}

Result<IssuedSubscription> SubscriptionService::Create(const Principal& who,
                                                       const boost::json::value& body) {
  if (!MayHaveSubscriptions(who)) return Denied(who);
  const std::string credential = CredentialOf(who);
  if (credential.empty())
    return Error::Unauthenticated(
        "a subscription is bound to the credential that creates it: use a token");
  FieldErrors errors;
  SubscriptionRequest request = ParseSubscriptionRequest(body, partners_, errors);
  if (who.role == Role::kState) {
    const auto& countries = request.filters.countries;
    if (countries.empty())
      request.filters.countries = {who.country};
    else if (countries.size() != 1 || countries[0] != who.country)
      errors.Add("filters.country",
                 "a state correspondent's subscription covers only " + who.country);
  }
  std::optional<WebhookTarget> target;
  if (!errors.Has("url") && !errors.Has(""))
    target = ParseWebhookTarget(request.url, policy_, "url", errors);
  // Resolving costs a DNS round trip: only for an otherwise valid request.
  if (target && errors.empty()) {
    auto addresses = resolve_(target->host);
    if (!addresses) {
      for (const FieldError& e : addresses.error().fields) errors.Add(e.field, e.message);
      if (addresses.error().fields.empty()) errors.Add("url", addresses.error().message);
    } else if (auto refused = CheckTargetAddresses(*addresses, policy_)) {
      errors.Add("url", *refused);
    }
  }
  if (!errors.empty()) return Error::Invalid(errors.Take());

  Subscription s;
  s.id = "sub_" + HexEncode(RandomBytes(6));
  s.url = std::move(request.url);
  s.events = std::move(request.events);
  s.filters = std::move(request.filters);
  s.description = std::move(request.description);
  s.owner = Principal{who.role, who.partner, who.country, {}};
  s.credential = credential;
  s.created_at = clock_.Now();
  s.secret = std::string(kSecretPrefix) + Base64UrlEncode(RandomBytes(32));

  std::optional<Error> failure;
  storage::Status status = store_.Write([&](storage::Transaction& txn) {
    // Counted from committed data: the registry may lag the group by a few operations.
    std::size_t owned = 0;
    storage::Status scanned = store_.ScanPrefix(
        Family::kWebhooks, "s", storage::Direction::kForward,
        [&](std::string_view, std::string_view value) {
          auto existing = DecodeSubscription(value);
          // Stopped ones stay listed (with why) but take no slot.
          if (existing && existing->Active() && existing->owner.Actor() == s.owner.Actor()) ++owned;
          return true;
        });
    if (!scanned.ok()) return scanned;
    if (owned >= kMaxSubscriptionsPerOwner) {
      failure = Error::Conflict(s.owner.Actor() + " already has " +
                                std::to_string(kMaxSubscriptionsPerOwner) +
                                " subscriptions; delete one first");
      return storage::Status::Aborted(failure->message);
    }
    txn.Put(Family::kWebhooks, SubscriptionKey(s.id), EncodeSubscription(s));
    return storage::Status::Ok();
  });
  if (failure) return *failure;
  if (!status.ok()) return FromStorage(status);
  return IssuedSubscription{std::move(s)};
}

Result<std::vector<Subscription>> SubscriptionService::List(const Principal& who) const {
  if (!MayHaveSubscriptions(who)) return Denied(who);
  auto found = Committed([&](const Subscription& sub) { return sub.ManagedBy(who); });
  if (!found) return found.error();
  std::vector<Subscription> out = std::move(*found);
  std::stable_sort(out.begin(), out.end(), [](const Subscription& a, const Subscription& b) {
    return a.created_at < b.created_at;
  });
  return out;
}

Result<std::vector<Subscription>> SubscriptionService::Committed(
    const std::function<bool(const Subscription&)>& pick) const {
  std::vector<Subscription> out;
  std::optional<Error> damaged;
  storage::Status s = store_.ScanPrefix(Family::kWebhooks, "s", storage::Direction::kForward,
                                        [&](std::string_view, std::string_view value) {
                                          auto decoded = DecodeSubscription(value);
                                          if (!decoded) {
                                            damaged = decoded.error();
                                            return false;
                                          }
                                          if (pick(*decoded)) out.push_back(std::move(*decoded));
                                          return true;
                                        });
  if (!s.ok()) return FromStorage(s);
  if (damaged) return *damaged;
  return out;
}

Result<Subscription> SubscriptionService::Load(const Principal& who, std::string_view id) const {
  if (!MayHaveSubscriptions(who)) return Denied(who);
  auto raw = store_.Get(Family::kWebhooks, SubscriptionKey(id));
  if (!raw) return FromStorage(raw.error());
  if (!*raw) return NoSuchSubscription(id);
  auto decoded = DecodeSubscription(**raw);
  if (!decoded) return decoded.error();
  if (!decoded->ManagedBy(who)) return NoSuchSubscription(id);
  return std::move(*decoded);
}

Result<Subscription> SubscriptionService::Get(const Principal& who, std::string_view id) const {
  return Load(who, id);
}

Result<Subscription> SubscriptionService::Delete(const Principal& who, std::string_view id) {
  auto loaded = Load(who, id);
  if (!loaded) return loaded.error();
  storage::Status s = store_.Write([&](storage::Transaction& txn) {
    txn.Delete(Family::kWebhooks, SubscriptionKey(id));
    return outbox_.DeleteDeliveries(txn, id);
  });
  if (!s.ok()) return FromStorage(s);
  return std::move(*loaded);
}

Result<std::vector<Delivery>> SubscriptionService::Deliveries(const Principal& who,
                                                              std::string_view id,
                                                              std::optional<DeliveryState> state,
                                                              std::size_t limit) const {
  auto loaded = Load(who, id);
  if (!loaded) return loaded.error();
  if (limit < 1 || limit > kMaxDeliveriesPage)
    return Error::BadRequest("limit must be 1 to " + std::to_string(kMaxDeliveriesPage));
  return outbox_.List(id, state, limit);
}

Result<Delivery> SubscriptionService::Redeliver(const Principal& who, std::string_view id,
                                                std::string_view delivery_id, int64_t now_ms) {
  auto loaded = Load(who, id);
  if (!loaded) return loaded.error();
  if (!loaded->Active())
    return Error::Conflict(
        "subscription " + std::string(id) + " is stopped and sends nothing: " +
        (loaded->stopped_reason.empty() ? std::string(kUnboundReason) : loaded->stopped_reason));
  return outbox_.Redeliver(id, delivery_id, now_ms);
}

storage::Status SubscriptionService::StopWhere(storage::Transaction& txn,
                                               const std::function<bool(const Subscription&)>& stop,
                                               std::string_view reason, std::size_t* stopped) {
  auto found = Committed(stop);
  if (!found) return storage::Status::Corruption(found.error().message);
  std::vector<Subscription> picked = std::move(*found);
  const Timestamp now = clock_.Now();
  for (Subscription& sub : picked) {
    // A stopped subscription keeps its first reason; its queue is failed again all the same,
    // for deliveries recorded by writes that raced the stop.
    if (!sub.stopped_at) {
      sub.stopped_at = now;
      sub.stopped_reason = std::string(reason);
      txn.Put(Family::kWebhooks, SubscriptionKey(sub.id), EncodeSubscription(sub));
    }
    storage::Status failed = outbox_.FailPending(txn, sub.id, sub.stopped_reason, now);
    if (!failed.ok()) return failed;
  }
  if (stopped != nullptr) *stopped = picked.size();
  return storage::Status::Ok();
}

storage::Status SubscriptionService::StopBoundTo(storage::Transaction& txn,
                                                 std::string_view credential,
                                                 std::string_view reason) {
  if (credential.empty()) return storage::Status::Ok();
  return StopWhere(
      txn, [&](const Subscription& s) { return s.credential == credential; }, reason);
}

Result<Subscription> SubscriptionService::Stop(std::string_view id, std::string_view reason) {
  std::optional<Subscription> result;
  storage::Status s = store_.Write([&](storage::Transaction& txn) {
    return StopWhere(
        txn,
        [&](const Subscription& sub) {
          if (sub.id != id) return false;
          result = sub;
          return true;
        },
        reason);
  });
  if (!s.ok()) return FromStorage(s);
  if (!result) return NoSuchSubscription(id);
  return Get(Principal::Admin(), id);
}

Result<std::size_t> SubscriptionService::StopUnbound() {
  std::size_t stopped = 0;
  storage::Status s = store_.Write([&](storage::Transaction& txn) {
    return StopWhere(
        txn, [](const Subscription& sub) { return sub.credential.empty() && !sub.stopped_at; },
        kUnboundReason, &stopped);
  });
  if (!s.ok()) return FromStorage(s);
  return stopped;
}

}  // namespace soj::tracker
