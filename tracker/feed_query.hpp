#pragma once
// The alert feeds' content (JSON Feed and Atom are formatted by the HTTP layer): the latest
// published and resolved alerts as the public sees them, with the title and description in
// the requested language when the alert has that translation. Entries hold only public text:
// withheld victims are not in them at all, so a formatter cannot leak their names.

#include <optional>
#include <string>
#include <vector>

#include "storage/store.hpp"
#include "tracker/alert_query.hpp"
#include "tracker/error.hpp"
#include "tracker/model.hpp"

namespace soj::tracker {

inline constexpr std::size_t kDefaultFeedSize = 50;
inline constexpr std::size_t kMaxFeedSize = 200;

struct FeedRequest {
  std::vector<std::string> countries = {};  // any of; all when empty
  std::vector<Category> categories = {};    // any of; all when empty
  std::size_t limit = kDefaultFeedSize;     // 1..kMaxFeedSize
  std::string lang = {};                    // one of kLanguages, or empty for the original text
};

struct FeedEntry {
  AlertId id = 0;
  std::string title;        // translated when available
  std::string description;  // translated when available
  std::string language;     // the translation's language, or empty for the original text
  std::string country;
  std::vector<Category> categories;
  int level = 2;
  AlertStatus status = AlertStatus::kPublished;
  Date incident_date;
  Timestamp published;  // published_at (submitted_at for imported alerts without one)
  Timestamp updated;
  // Names (and outlets) of the victims that are not withheld, as "Name (Outlet)".
  std::vector<std::string> victims;
};

struct Feed {
  std::vector<FeedEntry> entries;  // most recently updated first
  // When the public content of the platform last changed (the epoch when it never did): a
  // safe Last-Modified for any filtered feed.
  Timestamp updated;
};

// The feed for `request`. kBadRequest naming "limit" or "lang" for values out of range.
Result<Feed> LatestPublishedAlerts(const storage::Store& store, const FeedRequest& request);

}  // namespace soj::tracker
