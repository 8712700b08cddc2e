#include "tracker/subscription_registry.hpp"

#include <cstdio>

#include "tracker/alert_records.hpp"
#include "tracker/webhook_delivery.hpp"

namespace soj::tracker {

Result<std::size_t> SubscriptionRegistry::Load(const storage::Store& store) {
  auto list = std::make_shared<List>();
  std::optional<Error> damaged;
  storage::Status s =
      store.ScanPrefix(storage::Family::kWebhooks, "s", storage::Direction::kForward,
                       [&](std::string_view, std::string_view value) {
                         auto decoded = DecodeSubscription(value);
                         if (!decoded) {
                           damaged = decoded.error();
                           return false;
                         }
                         list->push_back(std::move(*decoded));
                         return true;
                       });
  if (!s.ok()) return FromStorage(s);
  if (damaged) return *damaged;
  const std::size_t count = list->size();
  std::lock_guard lock(mutex_);
  list_ = std::move(list);
  return count;
}

void SubscriptionRegistry::OnCommitted(std::string_view key,
                                       std::optional<std::string_view> value) {
  if (!key.starts_with('s')) return;
  const std::string_view id = key.substr(1);
  std::optional<Subscription> added;
  if (value) {
    auto decoded = DecodeSubscription(*value);
    if (!decoded) {
      std::fputs("{\"level\":\"error\",\"msg\":\"unreadable subscription committed\"}\n", stderr);
      return;
    }
    added = std::move(*decoded);
  }
  std::lock_guard lock(mutex_);
  auto next = std::make_shared<List>();
  next->reserve(list_->size() + 1);
  for (const Subscription& s : *list_)
    if (s.id != id) next->push_back(s);
  if (added) next->push_back(std::move(*added));
  list_ = std::move(next);
}

std::shared_ptr<const SubscriptionRegistry::List> SubscriptionRegistry::Snapshot() const {
  std::lock_guard lock(mutex_);
  return list_;
}

std::optional<Subscription> SubscriptionRegistry::Find(std::string_view id) const {
  auto list = Snapshot();
  for (const Subscription& s : *list)
    if (s.id == id) return s;
  return std::nullopt;
}

}  // namespace soj::tracker
