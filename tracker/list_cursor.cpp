#include "tracker/list_cursor.hpp"

#include "storage/key_codec.hpp"
#include "tracker/digest.hpp"

namespace soj::tracker {
namespace {
constexpr std::string_view kCursorMagic = "c1";
}  // namespace

char CursorTag(SortOrder sort) {
  switch (sort) {
    case SortOrder::kIncidentDateDesc:
      return 'd';
    case SortOrder::kIncidentDateAsc:
      return 'a';
    case SortOrder::kUpdatedAtDesc:
      return 'u';
  }
  return 'd';
}

std::string EncodeListCursor(char order_tag, const CursorPosition& p) {
  std::string raw(kCursorMagic);
  raw.push_back(order_tag);
  storage::AppendInt64(&raw, p.sort_value);
  storage::AppendUint64(&raw, p.id);
  return Base64UrlEncode(raw);
}

Result<CursorPosition> DecodeListCursor(std::string_view cursor, char order_tag) {
  auto bad = [](std::string message) {
    return Error{ErrorKind::kBadRequest, message, {{"cursor", message}}, {}};
  };
  std::string raw;
  if (!Base64UrlDecode(cursor, &raw) || raw.size() != kCursorMagic.size() + 17 ||
      !raw.starts_with(kCursorMagic))
    return bad("is not a cursor returned by this server");
  if (raw[kCursorMagic.size()] != order_tag)
    return bad("was made for another sort order; start again without a cursor");
  std::string_view rest = std::string_view(raw).substr(kCursorMagic.size() + 1);
  auto sort_value = storage::ConsumeInt64(&rest);
  auto id = storage::ConsumeUint64(&rest);
  // This server never makes these: a cursor naming them was made up (or damaged), and a
  // made-up relevance rank would set how much a search keeps.
  if (*id == 0) return bad("is not a cursor returned by this server");
  if (order_tag == kRelevanceCursorTag && (*sort_value < 1 || *sort_value > kMaxRelevanceRank))
    return bad("is not a cursor returned by this server");
  return CursorPosition{*sort_value, *id};
}

}  // namespace soj::tracker
