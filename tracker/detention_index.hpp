#pragma once
// DetentionIndex: how many distinct people were in detention on a day, overall and per
// country, answered in O(log days) for any day.
//
// A person is a victim's person_id when set (the same id in several alerts is one person),
// otherwise the victim itself (alert id, victim index). Every person's detention periods are
// merged into disjoint intervals [from, until) (until exclusive: released on `until`, so not
// detained that day), once across all alerts (the total) and once per country across the
// alerts of that country. Each merged interval adds +1 at `from` and -1 at `until` to a
// Fenwick tree over day numbers, so the count on day D is a prefix sum up to D. Not
// thread-safe: StatsEngine guards it.

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tracker/alert_slots.hpp"
#include "tracker/calendar.hpp"
#include "tracker/model.hpp"
#include "tracker/stats_record.hpp"

namespace soj::tracker {

// Per-day counts as a Fenwick tree over the days from 1900-01-01 to 2099-12-31. A change on a
// day before the range applies to its first day (exact for every day in the range); a change
// after it never applies (a period ending after 2099 never ends, one starting after it is
// not counted).
class DayCounter {
 public:
  static int32_t FirstDay();  // days() of 1900-01-01
  static int32_t DayCount();  // days up to 2099-12-31

  // Adds `delta` to every day from `day` on.
  void Add(int32_t day, int32_t delta);
  // The sum of every change on or before `day`.
  int64_t At(int32_t day) const;
  // While bulk, Add only records changes; EndBulk builds the tree from them in O(days).
  void BeginBulk() { bulk_ = true; }
  void EndBulk();
  bool empty() const { return tree_.empty(); }
  std::size_t MemoryUsage() const { return tree_.capacity() * sizeof(int32_t); }

 private:
  std::vector<int32_t> tree_;  // empty until the first change
  bool bulk_ = false;
};

class DetentionIndex {
 public:
  // Sets what alert `id`, about the country numbered `country`, says of its victims'
  // detentions, replacing what it said before. Victims of kind media_outlet are not persons
  // and are ignored. An alert without detentions (or not public) is removed with an empty list.
  void SetAlert(AlertId id, uint16_t country, std::span<const StatsVictim> victims);
  void RemoveAlert(AlertId id) { SetAlert(id, 0, {}); }

  // Between BeginBulk and EndBulk, SetAlert only records (for a rebuild: every alert added
  // once); EndBulk builds the trees. Counts are wrong until EndBulk.
  void BeginBulk();
  void EndBulk();

  // Distinct persons detained on `day`.
  uint64_t CountOn(Date day) const;
  // Distinct persons detained on `day` according to the alerts of country `country`.
  uint64_t CountOn(Date day, uint16_t country) const;
  // Country numbers that ever had a detention, in increasing order.
  std::vector<uint16_t> Countries() const;

  std::size_t MemoryUsage() const;

 private:
  static constexpr uint32_t kAnonymous = 1u << 31;  // `who` of a victim without person_id
  struct Entry {
    uint32_t who;  // person number, or kAnonymous | victim index
    int32_t from;
    int32_t until;  // kOpen while detained
    bool operator==(const Entry&) const = default;
    auto operator<=>(const Entry&) const = default;
  };
  struct AlertDetentions {
    uint16_t country = 0;
    std::vector<Entry> entries;  // sorted
    bool operator==(const AlertDetentions&) const = default;
  };
  struct PersonSpan {
    AlertId alert;
    uint16_t country;
    int32_t from;
    int32_t until;
  };
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  uint32_t PersonNumber(const std::string& person_id);
  // Adds `sign` times the merged intervals of `spans` (all of one person) to `counter` and,
  // when not null, to `also`.
  void AddMerged(std::vector<std::pair<int32_t, int32_t>>& spans, DayCounter& counter,
                 DayCounter* also, int32_t sign);
  // Adds or takes away (sign -1) a named person's whole contribution.
  void ApplyPerson(uint32_t person, int32_t sign);
  // Adds or takes away the contribution of an alert's anonymous victims.
  void ApplyAnonymous(const AlertDetentions& alert, int32_t sign);
  void Withdraw(AlertId id, const AlertDetentions& alert);
  void Contribute(AlertId id, const AlertDetentions& alert);
  DayCounter& CountryCounter(uint16_t country);

  // What each alert with detentions said, in slots reused after removals.
  AlertSlots<uint32_t> slot_of_;
  std::vector<AlertDetentions> slots_;
  std::vector<uint32_t> free_slots_;
  std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>> person_numbers_;
  std::vector<std::vector<PersonSpan>> person_spans_;  // by person number
  DayCounter total_;
  std::vector<DayCounter> by_country_;
  bool bulk_ = false;
  std::vector<std::pair<int32_t, int32_t>> scratch_;
};

}  // namespace soj::tracker
