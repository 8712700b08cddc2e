#pragma once
// Webhook subscriptions: who wants to hear of which alert changes, where. A subscription
// belongs to its owner (an admin, a partner or a state correspondent): the payloads it receives
// are what that owner may see, and a state correspondent's subscription covers only alerts
// about its country. It is also bound to the credential that created it (a token now, an
// account once accounts exist): when that credential is revoked, disabled or loses the right,
// the subscription stops, because its payloads are that credential's access kept past the
// request (docs/security.md, "Revocation ends access everywhere").

#include <array>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tracker/calendar.hpp"
#include "tracker/error.hpp"
#include "tracker/event.hpp"
#include "tracker/model.hpp"
#include "tracker/principal.hpp"
#include "tracker/reference_data.hpp"

namespace soj::tracker {

enum class WebhookEvent {
  kAlertPublished,
  kAlertUpdated,
  kAlertResolved,
  kReplyPosted,
  kUpdatePosted
};
inline constexpr std::array<std::string_view, 5> kWebhookEventNames = {
    "alert.published", "alert.updated", "alert.resolved", "reply.posted", "update.posted"};
inline std::string_view ToString(WebhookEvent e) { return NameOf(e, kWebhookEventNames); }

// Any of the values within one filter, all filters together; an empty filter takes everything.
struct SubscriptionFilters {
  std::vector<std::string> countries;
  std::vector<Category> categories;
  std::vector<std::string> partners;
  bool operator==(const SubscriptionFilters&) const = default;
};

inline constexpr std::size_t kMaxSubscriptionDescriptionChars = 200;
inline constexpr std::size_t kMaxFilterValues = 60;
inline constexpr std::size_t kMaxSubscriptionsPerOwner = 25;

// What a client asks for (POST /api/v1/subscriptions), parsed but not yet checked against the
// caller's rights or the target policy.
struct SubscriptionRequest {
  std::string url;
  std::vector<WebhookEvent> events;
  SubscriptionFilters filters;
  std::string description;
};

struct Subscription {
  std::string id;  // "sub_3f9a0c1d22e7"
  std::string url;
  std::vector<WebhookEvent> events;
  SubscriptionFilters filters;
  std::string description;
  Principal owner;  // role with its partner or country; token_id empty (see `credential`)
  // The credential that created it, as CredentialOf wrote it ("token:tok_3f9a0c1d22e7").
  // Empty only for subscriptions stored before subscriptions were bound: those are stopped.
  std::string credential;
  Timestamp created_at;
  std::string secret;  // the HMAC key; stored to sign, never shown after creation
  // Set once the subscription stopped (its credential was revoked...); it never restarts.
  std::optional<Timestamp> stopped_at;
  std::string stopped_reason;

  // Bound to a credential and not stopped: only then is anything queued or sent.
  bool Active() const { return !credential.empty() && !stopped_at; }
  bool Wants(WebhookEvent event) const;
  // Active, the alert passes the filters and the owner may see it (a state: its own country).
  bool Covers(const Alert& alert) const;
  // The owner may see the alert: a public alert, and for a state one about its own country.
  bool OwnerMaySee(const Alert& alert) const;
  // Whether `who` manages this subscription: admins all, others their own.
  bool ManagedBy(const Principal& who) const;
};

// The reference to the credential `who` authenticated with, as subscriptions store it:
// "token:<token id>" ("account:<id>" will take its place for accounts). Empty when `who` has
// none (the public, tools acting as admin).
std::string CredentialOf(const Principal& who);
// The token id in a "token:" reference, or empty for any other kind.
std::string_view TokenIdOf(std::string_view credential);

// Reads {"url", "events", "filters": {"country", "category", "partner"}, "description"}.
// Shape errors (types, unknown members, unknown events, categories, countries and partners,
// repeats, limits) go to `errors` with their field path ("filters.country[1]").
SubscriptionRequest ParseSubscriptionRequest(const boost::json::value& json,
                                             const PartnerDirectory& partners, FieldErrors& errors);

// The subscription as its owner sees it: everything but the secret. "credential" names the
// credential it is bound to; "stopped" is null, or {"at", "reason"} once it stopped.
boost::json::object SubscriptionToJson(const Subscription& subscription);

// The stored form (secret included).
std::string EncodeSubscription(const Subscription& subscription);
Result<Subscription> DecodeSubscription(std::string_view text);

// The webhook event an alert event is, or nullopt when subscribers are not told of it:
// publication (from draft), edits and reopenings of public alerts (alert.updated), resolution,
// state replies and follow-ups, and the alert another one was merged into (alert.updated).
std::optional<WebhookEvent> WebhookEventOf(const Event& event);

}  // namespace soj::tracker
