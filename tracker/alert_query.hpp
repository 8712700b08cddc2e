#pragma once
// Listing alerts by filters through the secondary indexes, with opaque, stable cursors.

#include <optional>
#include <string>
#include <vector>

#include "storage/store.hpp"
#include "tracker/alert_index.hpp"
#include "tracker/error.hpp"
#include "tracker/model.hpp"
#include "tracker/principal.hpp"

namespace soj::tracker {

class SearchIndex;

// The SPEC's list filters. Within one filter any value matches; across filters all must.
struct AlertFilter {
  std::vector<std::string> countries = {};
  std::vector<Category> categories = {};
  std::vector<int> levels = {};
  std::vector<ThreatSource> threat_sources = {};
  std::vector<AlertStatus> statuses = {};
  std::vector<std::string> partners = {};
  std::optional<Date> from = {};  // incident_date >= from
  std::optional<Date> to = {};    // incident_date <= to

  bool Matches(const AlertSummary& summary) const;
};

inline constexpr std::size_t kDefaultPageSize = 50;
inline constexpr std::size_t kMaxPageSize = 200;

struct ListRequest {
  AlertFilter filter;
  SortOrder sort = SortOrder::kIncidentDateDesc;
  std::size_t limit = kDefaultPageSize;  // 1..kMaxPageSize
  std::string cursor;                    // from a previous page's next_cursor
  bool count_total = true;
  // Full-text query (`q`); empty for none. With text, only matching alerts are listed, in
  // `sort` order or, when by_relevance, most relevant first. See SearchIndex.
  std::string text;
  bool by_relevance = false;
};

struct AlertPage {
  std::vector<Alert> items;
  std::optional<std::string> next_cursor;
  uint64_t total = 0;
  // Set when `total` is an estimate: a search by relevance with more matches than it counts
  // exactly (SearchResult). Lists without text always count exactly.
  bool total_is_estimate = false;
};

// The index range a list with `filter` walks in `sort` order: every entry it may return lies
// in [lower, upper) and its key starts with `prefix` (then sort value, then alert id). The
// entries still need VisibleInLists and AlertFilter::Matches on their summaries.
struct ListRange {
  std::string prefix;
  std::string lower;
  std::string upper;
};
ListRange ListScanRange(const AlertFilter& filter, SortOrder sort);

// True when `who` may see an alert with this summary in lists (merged pointers never).
bool VisibleInLists(const Principal& who, const AlertSummary& summary);

// One page of the alerts `who` may see that match the request, in the requested order.
// Walks the most selective index for the filters; never reads documents it will not return.
// A malformed cursor or limit is a kBadRequest error naming the parameter. A request with
// text is answered by SearchAlerts over `search` (kUnavailable without one).
Result<AlertPage> ListAlerts(const storage::Store& store, const Principal& who,
                             const ListRequest& request, const SearchIndex* search = nullptr);

}  // namespace soj::tracker
