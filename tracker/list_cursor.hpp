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

std::string EncodeListCursor(char order_tag, const CursorPosition& position);
// kBadRequest naming "cursor" for text not made by EncodeListCursor or made for another order.
Result<CursorPosition> DecodeListCursor(std::string_view cursor, char order_tag);

}  // namespace soj::tracker
