#pragma once
// Lists by full-text search: the alerts matching a request's text, combined with its filters,
// the caller's rights and cursors exactly as plain lists are.

#include "storage/store.hpp"
#include "tracker/alert_query.hpp"
#include "tracker/error.hpp"
#include "tracker/principal.hpp"
#include "tracker/search_index.hpp"

namespace soj::tracker {

// One page of the alerts `who` may see that match request.text and request.filter: most
// relevant first when request.by_relevance (ties: higher id first), else in request.sort
// order. `total` counts every such alert, or estimates it (total_is_estimate) for a search
// by relevance with more than kExactSearchTotal of them. Relevance cursors hold the rank of
// the next item and the id of the last one: while the results do not change, pages neither
// skip nor repeat; when they do, the next page starts after that last alert wherever it now
// ranks. Paging by relevance stops at rank kMaxRelevanceRank (list_cursor.hpp).
Result<AlertPage> SearchAlerts(const storage::Store& store, const SearchIndex& search,
                               const Principal& who, const ListRequest& request);

}  // namespace soj::tracker
