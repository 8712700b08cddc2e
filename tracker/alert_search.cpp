#include "tracker/alert_search.hpp"

#include <algorithm>
#include <utility>

#include "tracker/alert_records.hpp"
#include "tracker/list_cursor.hpp"

namespace soj::tracker {
namespace {

int64_t SortValue(const AlertSummary& s, SortOrder sort) {
  return sort == SortOrder::kUpdatedAtDesc ? s.updated_at.unix_seconds() : s.incident_date.days();
}

std::pair<int64_t, AlertId> SortKey(const SearchHit& hit) { return {hit.sort_value, hit.id}; }

// Orders hits as the list of `sort` does: by sort value, then id, the same way round.
void SortHits(std::vector<SearchHit>& hits, SortOrder sort) {
  const bool ascending = sort == SortOrder::kIncidentDateAsc;
  std::sort(hits.begin(), hits.end(), [&](const SearchHit& a, const SearchHit& b) {
    return ascending ? SortKey(a) < SortKey(b) : SortKey(a) > SortKey(b);
  });
}

// The rank a relevance cursor names.
std::size_t RankAfter(const CursorPosition& after) {
  return static_cast<std::size_t>(std::max<int64_t>(after.sort_value, 0));
}

// Index of the first hit after the cursor's position.
std::size_t StartAfter(const std::vector<SearchHit>& hits, const ListRequest& request,
                       const CursorPosition& after) {
  if (request.by_relevance) {
    const std::size_t rank = RankAfter(after);
    if (rank > 0 && rank <= hits.size() && hits[rank - 1].id == after.id) return rank;
    // The ranking moved: go on after the last alert seen, wherever it is now (among the
    // hits asked for: up to the cursor's rank and a page more).
    for (std::size_t i = 0; i < hits.size(); ++i)
      if (hits[i].id == after.id) return i + 1;
    return std::min(rank, hits.size());
  }
  const bool ascending = request.sort == SortOrder::kIncidentDateAsc;
  const auto cursor = std::pair(after.sort_value, after.id);
  auto it = std::find_if(hits.begin(), hits.end(), [&](const SearchHit& h) {
    return ascending ? SortKey(h) > cursor : SortKey(h) < cursor;
  });
  return static_cast<std::size_t>(it - hits.begin());
}

}  // namespace

Result<AlertPage> SearchAlerts(const storage::Store& store, const SearchIndex& search,
                               const Principal& who, const ListRequest& request) {
  const char tag = request.by_relevance ? kRelevanceCursorTag : CursorTag(request.sort);
  std::optional<CursorPosition> after;
  if (!request.cursor.empty()) {
    auto decoded = DecodeListCursor(request.cursor, tag);
    if (!decoded) return decoded.error();
    after = *decoded;
  }
  // The same predicate as lists, on the summaries the index holds.
  auto keep = [&](const AlertSummary& s) {
    return VisibleInLists(who, s) && request.filter.Matches(s);
  };
  SearchOrder order;
  // One hit more than the page: whether there is a next page, without an exact total.
  if (request.by_relevance)
    order.ranked = (after ? RankAfter(*after) : 0) + request.limit + 1;
  else
    order.sort_value = [&](const AlertSummary& s) { return SortValue(s, request.sort); };
  auto found = search.Find(request.text, keep, order);
  if (!found) return found.error();
  std::vector<SearchHit>& hits = found->hits;
  if (!request.by_relevance) SortHits(hits, request.sort);

  const std::size_t start = after ? StartAfter(hits, request, *after) : 0;
  const std::size_t end = std::min(hits.size(), start + request.limit);
  AlertPage page;
  page.total = found->total;
  page.total_is_estimate = found->total_is_estimate;
  // Read after searching: the snapshot holds at least every write the index had seen. A write
  // committed in between is caught by checking the documents again with the same predicate.
  auto view = store.Snapshot();
  for (std::size_t i = start; i < end; ++i) {
    auto alert = LoadAlert(store, hits[i].id, view.get());
    if (!alert) return alert.error();
    if (!*alert || !keep(AlertSummary::Of(**alert))) continue;
    page.items.push_back(std::move(**alert));
  }
  // Relevance paging ends at kMaxRelevanceRank (a cursor may name no deeper rank).
  const bool more = end < hits.size() &&
                    (!request.by_relevance || end < static_cast<std::size_t>(kMaxRelevanceRank));
  if (more && end > 0) {
    const SearchHit& last = hits[end - 1];
    page.next_cursor = request.by_relevance
                           ? EncodeListCursor(tag, {static_cast<int64_t>(end), last.id})
                           : EncodeListCursor(tag, {last.sort_value, last.id});
  }
  return page;
}

}  // namespace soj::tracker
