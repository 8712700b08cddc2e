#pragma once
// ReplyIndex: state reply rates and delays per (country, year of publication). Each group
// keeps its delays sorted, as do the per-country, per-year and overall groups, so every
// median is an index lookup. Countries are numbers given by the caller.
//
// As of a past day, alerts published after it are left out and replies dated after it do not
// count yet. Until a publication or reply date lies after the day asked that changes nothing
// and the groups answer. Otherwise groups of later years are skipped, and each other group
// takes back the alerts published or replied to after the day, which it keeps sorted by the
// later of the two dates: the work follows what changed after the day, not the size of the
// group. Not thread-safe: StatsEngine guards it.

#include <climits>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <vector>

#include "tracker/alert_slots.hpp"
#include "tracker/calendar.hpp"
#include "tracker/model.hpp"

namespace soj::tracker {

struct ReplyTotals {
  uint64_t published = 0;   // public alerts with a publication date
  uint64_t with_reply = 0;  // of which with at least one state reply
  // Median of (first reply date - publication date) in days over the alerts with a reply;
  // the mean of the two middle values for an even count; empty without replies. A reply
  // dated before the publication counts with its negative delay.
  std::optional<double> median_days;
};

class ReplyIndex {
 public:
  // Sets the publication and first reply dates of public alert `id` about country `country`.
  void Set(AlertId id, uint16_t country, Date published_on, std::optional<Date> first_reply_on);
  void Remove(AlertId id);

  // Between BeginBulk and EndBulk, delays are appended unsorted; EndBulk sorts them.
  void BeginBulk() { bulk_ = true; }
  void EndBulk();

  struct GroupTotals {
    uint16_t country = 0;
    int year = 0;
    ReplyTotals totals;
  };
  struct Report {
    std::vector<GroupTotals> groups;  // groups with alerts, in (country number, year) order
    ReplyTotals total;                // over the groups
  };
  // The (country, year of publication) groups of `country` (all when empty) and `year` (all
  // when empty) as things stood at the end of `as_of` (empty: now).
  Report Totals(std::optional<uint16_t> country, std::optional<int> year,
                std::optional<Date> as_of) const;

  std::size_t MemoryUsage() const;

 private:
  static constexpr int32_t kNoReply = INT32_MIN;
  struct Fact {
    int32_t published = 0;  // day of publication
    int32_t delay = kNoReply;
    uint16_t country = 0;
    int16_t year = 0;
    bool operator==(const Fact&) const = default;
  };
  // A fact as a (country, year) group keeps it to go back in time: by its last change.
  struct Late {
    int32_t day = 0;  // the later of the publication and the first reply
    int32_t delay = kNoReply;
    static Late Of(const Fact& fact);
    int32_t published() const;
    auto operator<=>(const Late&) const = default;
  };
  struct Group {
    uint64_t published = 0;
    uint64_t with_reply = 0;
    std::vector<int32_t> delays;  // sorted unless bulk
    std::vector<Late> late;       // (country, year) groups only; sorted unless bulk
    void Add(const Fact& fact, bool bulk);
    void Take(const Fact& fact);
    ReplyTotals Totals() const;
  };
  // Sorted delays of which the sorted `removed` (a sub-multiset) are left out.
  struct DelaysThen {
    const std::vector<int32_t>* delays;
    std::vector<int32_t> removed;
  };
  static std::optional<double> MedianOf(std::span<const DelaysThen> parts, uint64_t count);
  void Apply(const Fact& fact, bool add);
  Report Present(std::optional<uint16_t> country, std::optional<int> year) const;
  Report Past(std::optional<uint16_t> country, std::optional<int> year, int32_t as_of) const;

  AlertSlots<Fact> facts_;
  std::vector<std::map<int, Group>> groups_;  // by country number, then year
  std::vector<Group> by_country_;
  std::map<int, Group> by_year_;
  Group all_;
  bool bulk_ = false;
  // The latest publication or reply day ever set; it never goes down.
  int32_t latest_change_day_ = INT32_MIN;
};

}  // namespace soj::tracker
