#pragma once
// AlertCountIndex: alert counts grouped by any of year (of incident_date), country, category,
// level, threat source and status, under the list filters.
//
// Every public alert adds one to a cell (country, category set, level, threat source,
// status) of its incident year, and to the same cell of each of its partners. A group-by
// whose year range covers whole years and that filters on at most one partner only adds up
// cells (at most 372 per country and year, whatever the number of alerts). A year cut by
// from/to uses the cells of its whole months and scans the alerts of the months cut; with a
// partner filter (more than one partner, or in a cut year) the months in range are scanned.
// Countries and partners are numbers given by the caller.
//
// Counting as of a past day (CountFilter::as_of) leaves out the alerts published after it and
// counts those resolved after it as published. Each month knows the earliest publication and
// the latest publication or resolution among its alerts: a month where nothing was public yet
// is skipped, one where nothing changed after the day answers from its cells, and the others
// take their cells and correct them for the alerts that changed after the day (or are scanned,
// when a partner filter or a cut month scans them anyway). Not thread-safe: StatsEngine guards
// it.

#include <array>
#include <climits>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <unordered_map>
#include <vector>

#include "tracker/alert_slots.hpp"
#include "tracker/calendar.hpp"
#include "tracker/model.hpp"

namespace soj::tracker {

enum class CountDimension { kYear, kCountry, kCategory, kLevel, kThreatSource, kStatus };
inline constexpr std::size_t kCountDimensions = 6;

// What a count needs of one public alert.
struct CountedAlert {
  AlertId id = 0;
  Date incident_date;
  uint16_t country = 0;
  uint8_t category_mask = 0;
  int level = 2;  // 1 or 2
  ThreatSource threat_source = ThreatSource::kUnknown;
  AlertStatus status = AlertStatus::kPublished;  // published or resolved
  std::span<const uint16_t> partners;
  Date published_on;                // when the alert became public
  std::optional<Date> resolved_on;  // while resolved
};

// The list filters with countries and partners as numbers. Within one filter any value
// matches; across filters all must. Masks are bit sets over the enum values (0 = any).
struct CountFilter {
  std::vector<uint16_t> countries;  // empty = any
  uint8_t categories = 0;
  uint8_t levels = 0;  // bit 0 = level 1, bit 1 = level 2
  uint8_t threat_sources = 0;
  uint8_t statuses = 0;            // bit 0 = published, bit 1 = resolved
  std::vector<uint16_t> partners;  // empty = any
  std::optional<Date> from;        // incident_date >= from
  std::optional<Date> to;          // incident_date <= to
  std::optional<Date> as_of;       // as things stood at the end of that day (empty: now)
};

// One row of counts. Only the grouped fields are meaningful; the others hold defaults.
struct CountCell {
  int year = 0;
  uint16_t country = 0;
  Category category = Category::kAttack;
  int level = 1;
  ThreatSource threat_source = ThreatSource::kState;
  AlertStatus status = AlertStatus::kPublished;
  uint64_t count = 0;
  bool operator==(const CountCell&) const = default;
};

class AlertCountIndex {
 public:
  // Adds the alert, replacing what was there under its id.
  void Set(const CountedAlert& alert);
  void Remove(AlertId id);

  // Alerts matching `filter`, counted per combination of the `group` dimensions (an alert
  // counts once in each of its categories when grouped by category; with a category filter
  // only the filter's categories make rows). Rows with a zero count are left out, except the
  // single row of an empty grouping. Rows come ordered by year, country, category, level,
  // threat source and status, countries in the order of `country_rank` (country number ->
  // position; it must cover every country number used).
  std::vector<CountCell> Count(std::span<const CountDimension> group, const CountFilter& filter,
                               std::span<const uint16_t> country_rank) const;

  // Releases the spare capacity a bulk load leaves behind.
  void Compact();

  std::size_t size() const { return locations_.size(); }
  std::size_t MemoryUsage() const;

 private:
  // Alert counters by cell number, for the alerts of one year or month (or one partner's of
  // one year). Cells come in blocks of one country, so a country filter skips whole blocks.
  struct Cells {
    std::vector<uint32_t> counts;
    void Add(uint32_t cell, int32_t delta);
  };
  // Bounds on the dates of a group of alerts, widened as alerts come and kept when they go (a
  // removal only makes a count as of a past day do work it could have skipped).
  struct Bounds {
    int32_t first_published = INT32_MAX;
    int32_t last_change = INT32_MIN;  // the latest publication or resolution
    void Widen(int32_t published, int32_t resolved);
  };
  // The alerts of one month, as columns so that a scan reads only what it tests.
  struct Month {
    std::vector<AlertId> ids;
    std::vector<uint32_t> partner_masks;  // bit p for partner number p < kMaskPartners
    std::vector<int32_t> days;            // incident dates
    std::vector<uint32_t> cells;          // cell number | kOverflowBit (a partner not in the mask)
    std::vector<int32_t> published_days;
    std::vector<int32_t> resolved_days;  // kNotResolved unless resolved
    Cells all;
    Bounds bounds;
  };
  struct Year {
    std::array<Month, 12> months;
    Cells all;
    Bounds bounds;
    std::vector<Cells> by_partner;  // by partner number
  };
  struct Location {
    int32_t year = 0;
    uint32_t place = 0;  // month index << kMonthShift | position in the month's columns
  };
  static constexpr int kMonthShift = 28;
  static constexpr uint32_t kOverflowBit = 1u << 31;
  static constexpr uint16_t kMaskPartners = 32;
  static constexpr int32_t kNotResolved = INT32_MIN;

  std::map<int, Year> years_;
  AlertSlots<Location> locations_;
  std::size_t country_slots_ = 0;  // 1 + the largest country number seen
  // Partners of alerts having a partner numbered kMaskPartners or more, which the mask cannot
  // hold.
  std::unordered_map<AlertId, std::vector<uint16_t>> overflow_partners_;
};

}  // namespace soj::tracker
