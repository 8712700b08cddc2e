#include "tracker/feed_query.hpp"

#include <algorithm>

#include "tracker/alert_json.hpp"
#include "tracker/change_log.hpp"

namespace soj::tracker {
namespace {

FeedEntry EntryOf(const Alert& alert, const std::string& lang) {
  FeedEntry entry;
  entry.id = alert.id;
  entry.title = alert.content.title;
  entry.description = alert.content.description;
  if (!lang.empty()) {
    auto found = alert.content.translations.find(lang);
    if (found != alert.content.translations.end()) {
      const Translation& t = found->second;
      if (t.title && !t.title->empty()) entry.title = *t.title;
      if (t.description && !t.description->empty()) entry.description = *t.description;
      if ((t.title && !t.title->empty()) || (t.description && !t.description->empty()))
        entry.language = lang;
    }
  }
  entry.country = alert.content.country;
  entry.categories = alert.content.categories;
  entry.level = alert.content.level;
  entry.status = alert.status;
  entry.incident_date = alert.content.incident_date;
  entry.published = alert.published_at.value_or(alert.submitted_at);
  entry.updated = alert.updated_at;
  for (const Victim& v : alert.content.victims) {
    if (!ShowsIdentity(v, AlertView{}) || v.name.empty()) continue;
    entry.victims.push_back(v.outlet && !v.outlet->empty() ? v.name + " (" + *v.outlet + ")"
                                                           : v.name);
  }
  return entry;
}

}  // namespace

Result<Feed> LatestPublishedAlerts(const storage::Store& store, const FeedRequest& request) {
  if (request.limit < 1 || request.limit > kMaxFeedSize) {
    std::string message = "must be between 1 and " + std::to_string(kMaxFeedSize);
    return Error{ErrorKind::kBadRequest, "limit " + message, {{"limit", message}}, {}};
  }
  if (!request.lang.empty() &&
      std::find(kLanguages.begin(), kLanguages.end(), request.lang) == kLanguages.end())
    return Error{ErrorKind::kBadRequest,
                 "lang must be en, fr, ru or be",
                 {{"lang", "must be en, fr, ru or be"}},
                 {}};
  // The time first: a change committed while the list is read then only makes the feed look
  // older than it is (pollers fetch again), never newer.
  auto latest = LatestPublicChange(store);
  if (!latest) return latest.error();

  ListRequest list;
  list.filter.countries = request.countries;
  list.filter.categories = request.categories;
  list.filter.statuses = {AlertStatus::kPublished, AlertStatus::kResolved};
  list.sort = SortOrder::kUpdatedAtDesc;
  list.limit = request.limit;
  list.count_total = false;
  // Always the public's view, whoever asks: feeds are public documents.
  auto page = ListAlerts(store, Principal::Public(), list);
  if (!page) return page.error();

  Feed feed;
  feed.updated = latest->value_or(Timestamp::FromUnixSeconds(0));
  for (const Alert& alert : page->items) {
    feed.entries.push_back(EntryOf(alert, request.lang));
    // Clocks may step back; the feed is never older than what it shows.
    feed.updated = std::max(feed.updated, alert.updated_at);
  }
  return feed;
}

}  // namespace soj::tracker
