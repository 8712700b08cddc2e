// Fuzz target: a list query string (filters, sort, limit, q, cursor) as GET /api/v1/alerts
// and the export read it, and a cursor on its own for every order.

#include <boost/url/parse_query.hpp>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "api/list_query.hpp"
#include "tracker/list_cursor.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // Boost.URL 1.81's parse_query reads past a view that is not NUL-terminated (strlen; ASan
  // found it on the empty input). The server always parses a std::string (the request
  // target), which is: so does this target.
  const std::string owned(text);
  auto query = boost::urls::parse_query(owned);
  if (query) {
    (void)soj::api::ParseListQuery(*query, {"format"});
  }
  // A cursor that decodes must encode back to one that decodes to the same place.
  for (char tag : {'d', 'a', 'u', soj::tracker::kRelevanceCursorTag}) {
    auto position = soj::tracker::DecodeListCursor(text, tag);
    if (!position) continue;
    auto again =
        soj::tracker::DecodeListCursor(soj::tracker::EncodeListCursor(tag, *position), tag);
    if (!again || again->sort_value != position->sort_value || again->id != position->id)
      __builtin_trap();
  }
  return 0;
}
