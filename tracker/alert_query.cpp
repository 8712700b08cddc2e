#include "tracker/alert_query.hpp"

#include <algorithm>

#include "storage/key_codec.hpp"
#include "tracker/alert_records.hpp"
#include "tracker/alert_search.hpp"
#include "tracker/list_cursor.hpp"

namespace soj::tracker {
namespace {

using storage::AppendInt64;
using storage::AppendUint64;

template <class T>
bool AnyOf(const std::vector<T>& wanted, const T& value) {
  return wanted.empty() || std::find(wanted.begin(), wanted.end(), value) != wanted.end();
}

using Position = CursorPosition;

// The index to walk: a filter with a single value narrows the walk most; with none, all.
std::pair<Dimension, std::string> ChooseIndex(const AlertFilter& f) {
  if (f.partners.size() == 1) return {Dimension::kPartner, f.partners[0]};
  if (f.countries.size() == 1) return {Dimension::kCountry, f.countries[0]};
  if (f.categories.size() == 1)
    return {Dimension::kCategory, std::string(ToString(f.categories[0]))};
  if (f.statuses.size() == 1) return {Dimension::kStatus, std::string(ToString(f.statuses[0]))};
  if (f.threat_sources.size() == 1)
    return {Dimension::kThreatSource, std::string(ToString(f.threat_sources[0]))};
  if (f.levels.size() == 1) return {Dimension::kLevel, std::to_string(f.levels[0])};
  return {Dimension::kAll, ""};
}

}  // namespace

ListRange ListScanRange(const AlertFilter& f, SortOrder sort) {
  const auto [dim, value] = ChooseIndex(f);
  const std::string prefix = ListPrefix(dim, value, OrderTag(sort));
  ListRange r{prefix, prefix, storage::PrefixSuccessor(prefix)};
  if (sort != SortOrder::kUpdatedAtDesc) {
    // incident_date is the sort value: the date filters become key bounds.
    if (f.from) {
      r.lower = prefix;
      AppendInt64(&r.lower, f.from->days());
    }
    if (f.to) {
      r.upper = prefix;
      AppendInt64(&r.upper, int64_t{f.to->days()} + 1);
    }
  }
  return r;
}

bool AlertFilter::Matches(const AlertSummary& s) const {
  if (!AnyOf(countries, s.country) || !AnyOf(levels, s.level) ||
      !AnyOf(threat_sources, s.threat_source) || !AnyOf(statuses, s.status))
    return false;
  if (!categories.empty() && std::none_of(categories.begin(), categories.end(),
                                          [&](Category c) { return s.HasCategory(c); }))
    return false;
  if (!partners.empty() && std::none_of(partners.begin(), partners.end(),
                                        [&](const std::string& p) { return s.HasPartner(p); }))
    return false;
  if (from && s.incident_date < *from) return false;
  if (to && s.incident_date > *to) return false;
  return true;
}

bool VisibleInLists(const Principal& who, const AlertSummary& s) {
  if (s.merged) return false;
  if (who.role == Role::kEditor || who.role == Role::kAdmin) return true;
  if (s.IsPublic()) return true;
  return who.role == Role::kPartner && s.HasPartner(who.partner);
}

Result<AlertPage> ListAlerts(const storage::Store& store, const Principal& who,
                             const ListRequest& request, const SearchIndex* search) {
  if (request.limit < 1 || request.limit > kMaxPageSize) {
    std::string message = "must be between 1 and " + std::to_string(kMaxPageSize);
    return Error{ErrorKind::kBadRequest, "limit " + message, {{"limit", message}}, {}};
  }
  if (!request.text.empty()) {
    if (search == nullptr) return Error::Unavailable("full-text search is not available here");
    return SearchAlerts(store, *search, who, request);
  }
  std::optional<Position> after;
  if (!request.cursor.empty()) {
    auto decoded = DecodeListCursor(request.cursor, CursorTag(request.sort));
    if (!decoded) return decoded.error();
    after = *decoded;
  }

  const ListRange full = ListScanRange(request.filter, request.sort);
  const std::string& prefix = full.prefix;
  const bool ascending = request.sort == SortOrder::kIncidentDateAsc;
  auto view = store.Snapshot();

  auto accept = [&](std::string_view key, std::string_view summary_bytes) -> bool {
    std::string_view tail = key.substr(key.size() - 8);
    auto id = storage::ConsumeUint64(&tail);
    auto summary = DecodeSummary(*id, summary_bytes);
    return summary && VisibleInLists(who, *summary) && request.filter.Matches(*summary);
  };

  AlertPage page;
  if (request.count_total) {
    storage::Status s = store.Scan(
        storage::Family::kIndex, full.lower, full.upper, storage::Direction::kForward,
        [&](std::string_view key, std::string_view v) {
          if (accept(key, v)) ++page.total;
          return true;
        },
        view.get());
    if (!s.ok()) return FromStorage(s);
  }

  ListRange range = full;
  if (after) {
    std::string position = prefix;
    AppendInt64(&position, after->sort_value);
    if (ascending) {
      AppendUint64(&position, after->id + 1);
      range.lower = std::max(range.lower, position);
    } else {
      AppendUint64(&position, after->id);
      range.upper = std::min(range.upper, position);
    }
  }

  std::vector<std::pair<AlertId, Position>> hits;
  bool more = false;
  storage::Status s = store.Scan(
      storage::Family::kIndex, range.lower, range.upper,
      ascending ? storage::Direction::kForward : storage::Direction::kBackward,
      [&](std::string_view key, std::string_view v) {
        if (!accept(key, v)) return true;
        if (hits.size() == request.limit) {
          more = true;
          return false;
        }
        std::string_view rest = key.substr(prefix.size());
        auto sort_value = storage::ConsumeInt64(&rest);
        auto id = storage::ConsumeUint64(&rest);
        hits.push_back({*id, Position{*sort_value, *id}});
        return true;
      },
      view.get());
  if (!s.ok()) return FromStorage(s);

  for (const auto& [id, position] : hits) {
    auto alert = LoadAlert(store, id, view.get());
    if (!alert) return alert.error();
    if (!*alert) return Error::Internal("index entry for missing alert " + std::to_string(id));
    page.items.push_back(std::move(**alert));
  }
  if (more) page.next_cursor = EncodeListCursor(CursorTag(request.sort), hits.back().second);
  return page;
}

}  // namespace soj::tracker
