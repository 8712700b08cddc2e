#pragma once
// The opaque cursors of lists and searches: a position in one order, base64url-encoded,
// tagged with the order it belongs to so a cursor is never read in another order.

#include <cstdint>
#include <string>
#include <string_view>

#include "tracker/alert_index.hpp"
#include "tracker/error.hpp"
#include "tracker/model.hpp"

namespace soj::tracker {

// Where the last item of a page stood: its sort value (a date in days, a time in seconds, or
// for relevance the rank of the next item) and its alert id.
struct CursorPosition {
  int64_t sort_value = 0;
  AlertId id = 0;
};

// The tag of a cursor in `sort` order ('d', 'a', 'u'); searches by relevance use 'r'.
char CursorTag(SortOrder sort);
inline constexpr char kRelevanceCursorTag = 'r';

// The deepest rank a relevance cursor may name. A search by relevance keeps every hit up to
// the cursor's rank and a page more: a cursor made up to name rank 2^62 would make it keep
// every match. Paging by relevance ends here (next_cursor is null); a sort pages further.
inline constexpr int64_t kMaxRelevanceRank = 10000;

std::string EncodeListCursor(char order_tag, const CursorPosition& position);
// kBadRequest naming "cursor" for text not made by EncodeListCursor, made for another order,
// naming no alert (id 0), or, for relevance, a rank outside 1..kMaxRelevanceRank.
Result<CursorPosition> DecodeListCursor(std::string_view cursor, char order_tag);

}  // namespace soj::tracker
