#include "tracker/alert_count_index.hpp"

#include <algorithm>
#include <bit>

namespace soj::tracker {
namespace {

// A cell number packs (country, category mask, level, threat source, status):
// ((((country * 32 + mask) * 2 + level - 1) * 3 + threat) * 2 + resolved.
constexpr uint32_t kMasks = 32, kLevels = 2, kThreats = 3, kStatuses = 2;
constexpr uint32_t kCellsPerCountry = kMasks * kLevels * kThreats * kStatuses;

uint32_t CellOf(uint16_t country, uint8_t mask, int level, ThreatSource threat,
                AlertStatus status) {
  uint32_t cell = uint32_t{country} * kMasks + (mask & (kMasks - 1));
  cell = cell * kLevels + (level == 1 ? 0 : 1);
  cell = cell * kThreats + static_cast<uint32_t>(threat);
  return cell * kStatuses + (status == AlertStatus::kResolved ? 1 : 0);
}

// The dense table a Count adds into: one counter per combination of the grouped dimensions,
// in output order (year, country rank, category, level, threat source, status).
class Tally {
 public:
  Tally(std::span<const CountDimension> group, std::size_t years, std::size_t countries) {
    std::array<bool, kCountDimensions> grouped{};
    for (CountDimension d : group) grouped[static_cast<std::size_t>(d)] = true;
    const std::array<std::size_t, kCountDimensions> full = {years, countries, 5, 2, 3, 2};
    std::size_t total = 1;
    for (std::size_t i = kCountDimensions; i-- > 0;) {
      sizes_[i] = grouped[i] ? full[i] : 1;
      strides_[i] = grouped[i] ? total : 0;  // a dimension not grouped does not move the slot
      total *= sizes_[i];
    }
    counts_.assign(total, 0);
  }

  // Where the counters of (year, country rank) and of (level, threat, status) start; a slot is
  // the sum of both plus the category's offset.
  std::size_t Offset(std::size_t year, std::size_t country_rank) const {
    return year * strides_[0] + country_rank * strides_[1];
  }
  std::size_t Offset(uint32_t level, uint32_t threat, uint32_t status) const {
    return level * strides_[3] + threat * strides_[4] + status * strides_[5];
  }
  // Adds `n` alerts at `at`, in each category of `cats` when grouped by category.
  void Add(std::size_t at, uint32_t cats, uint64_t n) {
    if (strides_[2] == 0) {
      counts_[at] += n;
      return;
    }
    for (; cats != 0; cats &= cats - 1)
      counts_[at + static_cast<std::size_t>(std::countr_zero(cats)) * strides_[2]] += n;
  }

  std::vector<CountCell> Rows(int first_year, std::span<const uint16_t> country_of_rank,
                              bool keep_zero) const {
    std::vector<CountCell> rows;
    rows.reserve(keep_zero ? counts_.size()
                           : counts_.size() - static_cast<std::size_t>(
                                                  std::count(counts_.begin(), counts_.end(), 0)));
    // v: the coordinates of counter i, advanced like an odometer (the last dimension fastest,
    // as the strides run) rather than divided out of i, which costs more than the rest.
    std::array<std::size_t, kCountDimensions> v{};
    for (std::size_t i = 0; i < counts_.size(); Advance(v), ++i) {
      if (counts_[i] == 0 && !keep_zero) continue;
      CountCell row;
      row.year = first_year + static_cast<int>(v[0]);
      row.country = country_of_rank.empty() ? 0 : country_of_rank[v[1]];
      row.category = static_cast<Category>(v[2]);
      row.level = static_cast<int>(v[3]) + 1;
      row.threat_source = static_cast<ThreatSource>(v[4]);
      row.status = v[5] == 0 ? AlertStatus::kPublished : AlertStatus::kResolved;
      row.count = counts_[i];
      rows.push_back(row);
    }
    return rows;
  }

 private:
  void Advance(std::array<std::size_t, kCountDimensions>& v) const {
    for (std::size_t d = kCountDimensions; d-- > 0;) {
      if (++v[d] < sizes_[d]) return;
      v[d] = 0;
    }
  }

  std::array<std::size_t, kCountDimensions> sizes_{};
  std::array<std::size_t, kCountDimensions> strides_{};
  std::vector<uint64_t> counts_;
};

}  // namespace

void AlertCountIndex::Cells::Add(uint32_t cell, int32_t delta) {
  if (cell >= counts.size()) counts.resize((cell / kCellsPerCountry + 1) * kCellsPerCountry, 0);
  counts[cell] = static_cast<uint32_t>(static_cast<int64_t>(counts[cell]) + delta);
}

void AlertCountIndex::Bounds::Widen(int32_t published, int32_t resolved) {
  first_published = std::min(first_published, published);
  last_change = std::max({last_change, published, resolved});
}

void AlertCountIndex::Set(const CountedAlert& alert) {
  Remove(alert.id);
  const int year_number = alert.incident_date.year();
  Year& year = years_[year_number];
  const uint32_t cell =
      CellOf(alert.country, alert.category_mask, alert.level, alert.threat_source, alert.status);
  country_slots_ = std::max<std::size_t>(country_slots_, alert.country + 1u);
  uint32_t partner_mask = 0;
  bool overflow = false;
  for (uint16_t p : alert.partners) {
    if (p < kMaskPartners)
      partner_mask |= 1u << p;
    else
      overflow = true;
    if (p >= year.by_partner.size()) year.by_partner.resize(p + 1u);
    year.by_partner[p].Add(cell, +1);
  }
  year.all.Add(cell, +1);
  const auto month_index = static_cast<unsigned>(alert.incident_date.ymd().month()) - 1;
  Month& month = year.months[month_index];
  month.all.Add(cell, +1);
  if (overflow) overflow_partners_[alert.id].assign(alert.partners.begin(), alert.partners.end());
  locations_.Set(alert.id, {year_number,
                            month_index << kMonthShift | static_cast<uint32_t>(month.ids.size())});
  month.ids.push_back(alert.id);
  month.partner_masks.push_back(partner_mask);
  month.days.push_back(alert.incident_date.days());
  month.cells.push_back(cell | (overflow ? kOverflowBit : 0));
  const int32_t resolved = alert.resolved_on ? alert.resolved_on->days() : kNotResolved;
  month.published_days.push_back(alert.published_on.days());
  month.resolved_days.push_back(resolved);
  month.bounds.Widen(alert.published_on.days(), resolved);
  year.bounds.Widen(alert.published_on.days(), resolved);
}

void AlertCountIndex::Remove(AlertId id) {
  const Location* where = locations_.Find(id);
  if (where == nullptr) return;
  Year& year = years_.at(where->year);
  const uint32_t month_index = where->place >> kMonthShift;
  Month& month = year.months[month_index];
  const uint32_t at = where->place & ((1u << kMonthShift) - 1);
  const uint32_t cell = month.cells[at] & ~kOverflowBit;
  year.all.Add(cell, -1);
  month.all.Add(cell, -1);
  for (uint32_t m = month.partner_masks[at]; m != 0; m &= m - 1)
    year.by_partner[static_cast<std::size_t>(std::countr_zero(m))].Add(cell, -1);
  if (month.cells[at] & kOverflowBit) {
    auto it = overflow_partners_.find(id);
    for (uint16_t p : it->second)
      if (p >= kMaskPartners) year.by_partner[p].Add(cell, -1);
    overflow_partners_.erase(it);
  }
  // Swap-remove: the last alert of the month takes the freed place.
  const std::size_t last = month.ids.size() - 1;
  if (at != last) {
    month.ids[at] = month.ids[last];
    month.partner_masks[at] = month.partner_masks[last];
    month.days[at] = month.days[last];
    month.cells[at] = month.cells[last];
    month.published_days[at] = month.published_days[last];
    month.resolved_days[at] = month.resolved_days[last];
    locations_.Find(month.ids[at])->place = month_index << kMonthShift | at;
  }
  month.ids.pop_back();
  month.partner_masks.pop_back();
  month.days.pop_back();
  month.cells.pop_back();
  month.published_days.pop_back();
  month.resolved_days.pop_back();
  locations_.Erase(id);
}

std::vector<CountCell> AlertCountIndex::Count(std::span<const CountDimension> group,
                                              const CountFilter& filter,
                                              std::span<const uint16_t> country_rank) const {
  auto first = filter.from ? years_.lower_bound(filter.from->year()) : years_.begin();
  auto last = filter.to ? years_.upper_bound(filter.to->year()) : years_.end();
  if (filter.from && filter.to && *filter.from > *filter.to) first = last = years_.end();
  const int first_year = first != last ? first->first : 0;
  const std::size_t year_count =
      first != last ? static_cast<std::size_t>(std::prev(last)->first - first_year + 1) : 1;
  std::vector<uint16_t> country_of_rank(country_rank.size());
  for (std::size_t c = 0; c < country_rank.size(); ++c)
    country_of_rank[country_rank[c]] = static_cast<uint16_t>(c);
  Tally tally(group, year_count, std::max<std::size_t>(country_rank.size(), 1));

  std::vector<bool> country_ok(country_slots_, filter.countries.empty());
  for (uint16_t c : filter.countries)
    if (c < country_ok.size()) country_ok[c] = true;
  uint32_t partner_mask = 0;
  bool partner_overflow = false;
  for (uint16_t p : filter.partners) {
    if (p < kMaskPartners)
      partner_mask |= 1u << p;
    else
      partner_overflow = true;
  }
  auto wanted = [](uint8_t mask, uint32_t value) { return mask == 0 || (mask >> value & 1u); };

  // The cells of a country block that pass the filters on cell dimensions, worked out once.
  struct Slot {
    uint32_t cell;   // in the block
    uint32_t cats;   // categories it counts in
    std::size_t at;  // its counter, relative to the (year, country) offset
  };
  std::vector<Slot> slots;
  for (uint32_t mask = 1; mask < kMasks; ++mask) {
    const uint32_t cats = filter.categories ? mask & filter.categories : mask;
    if (cats == 0) continue;
    for (uint32_t level = 0; level < kLevels; ++level)
      for (uint32_t threat = 0; threat < kThreats; ++threat)
        for (uint32_t status = 0; status < kStatuses; ++status)
          if (wanted(filter.levels, level) && wanted(filter.threat_sources, threat) &&
              wanted(filter.statuses, status))
            slots.push_back({((mask * kLevels + level) * kThreats + threat) * kStatuses + status,
                             cats, tally.Offset(level, threat, status)});
  }
  // Adds the counters of one year's cells that pass the filters.
  auto add_cells = [&](std::size_t y, const std::vector<uint32_t>& counts) {
    const std::size_t countries = counts.size() / kCellsPerCountry;
    for (std::size_t c = 0; c < countries; ++c) {
      if (!country_ok[c]) continue;
      const uint32_t* block = counts.data() + c * kCellsPerCountry;
      const std::size_t at = tally.Offset(y, country_rank[c]);
      for (const Slot& slot : slots)
        if (const uint32_t n = block[slot.cell]; n != 0) tally.Add(at + slot.at, slot.cats, n);
    }
  };

  const int32_t from = filter.from ? filter.from->days() : INT32_MIN;
  const int32_t to = filter.to ? filter.to->days() : INT32_MAX;
  const int32_t as_of = filter.as_of ? filter.as_of->days() : INT32_MAX;
  // Whether the alerts under `bounds` were all public after the day asked, or none was yet.
  auto changed_after = [&](const Bounds& bounds) { return bounds.last_change > as_of; };
  auto none_public = [&](const Bounds& bounds) { return bounds.first_published > as_of; };
  // Their status as of the day asked, or nothing when they were not public yet.
  auto cell_then = [&](const Month& month, std::size_t i) -> std::optional<uint32_t> {
    if (month.published_days[i] > as_of) return std::nullopt;
    const uint32_t cell = month.cells[i] & ~kOverflowBit;
    return month.resolved_days[i] > as_of ? cell & ~1u : cell;  // the status bit: published
  };
  // Counts a month's alerts that pass the partner filter (and the dates, when the month is cut)
  // into `scanned`, cells of their own, to which the cells of whole months are added.
  std::vector<uint32_t> scanned;
  auto scan = [&](const Month& month, bool whole_month, bool travel) {
    if (whole_month && !partner_overflow && !travel) {
      // The common case without branches: whether an alert matches is a coin toss to the CPU.
      for (std::size_t i = 0; i < month.ids.size(); ++i)
        scanned[month.cells[i] & ~kOverflowBit] += (month.partner_masks[i] & partner_mask) != 0;
      return;
    }
    for (std::size_t i = 0; i < month.ids.size(); ++i) {
      if (!filter.partners.empty() && !(month.partner_masks[i] & partner_mask)) {
        if (!partner_overflow || !(month.cells[i] & kOverflowBit)) continue;
        const std::vector<uint16_t>& mine = overflow_partners_.at(month.ids[i]);
        if (std::none_of(mine.begin(), mine.end(), [&](uint16_t p) {
              return std::find(filter.partners.begin(), filter.partners.end(), p) !=
                     filter.partners.end();
            }))
          continue;
      }
      if (!whole_month && (month.days[i] < from || month.days[i] > to)) continue;
      if (!travel) {
        ++scanned[month.cells[i] & ~kOverflowBit];
      } else if (auto cell = cell_then(month, i)) {
        ++scanned[*cell];
      }
    }
  };
  // The cells of a whole month hold the present: takes back what changed after the day asked.
  auto correct = [&](const Month& month) {
    for (std::size_t i = 0; i < month.ids.size(); ++i) {
      if (month.published_days[i] <= as_of && month.resolved_days[i] <= as_of) continue;
      --scanned[month.cells[i] & ~kOverflowBit];
      if (auto cell = cell_then(month, i)) ++scanned[*cell];
    }
  };

  for (auto it = first; it != last; ++it) {
    const auto& [year_number, year] = *it;
    if (none_public(year.bounds)) continue;
    const std::size_t y = static_cast<std::size_t>(year_number - first_year);
    const Date jan1 = *Date::FromYmd(year_number, 1, 1);
    const bool whole_year =
        (!filter.from || *filter.from <= jan1) && (!filter.to || *filter.to >= jan1.EndOfYear());
    if (whole_year && filter.partners.size() <= 1 && !changed_after(year.bounds)) {
      if (filter.partners.empty()) {
        add_cells(y, year.all.counts);
      } else if (filter.partners.front() < year.by_partner.size()) {
        add_cells(y, year.by_partner[filter.partners.front()].counts);
      }
      continue;
    }
    scanned.assign(year.all.counts.size(), 0);
    for (unsigned m = 0; m < 12; ++m) {
      const Month& month = year.months[m];
      const Date first_day = *Date::FromYmd(year_number, m + 1, 1);
      const Date last_day = first_day.EndOfMonth();
      if (last_day.days() < from || first_day.days() > to || none_public(month.bounds)) continue;
      const bool whole_month = from <= first_day.days() && to >= last_day.days();
      const bool travel = changed_after(month.bounds);
      if (whole_month && filter.partners.empty()) {
        const std::vector<uint32_t>& counts = month.all.counts;
        for (std::size_t k = 0; k < counts.size(); ++k) scanned[k] += counts[k];
        if (travel) correct(month);
      } else {
        scan(month, whole_month, travel);
      }
    }
    add_cells(y, scanned);
  }
  return tally.Rows(first_year, country_of_rank, group.empty());
}

void AlertCountIndex::Compact() {
  for (auto& [number, year] : years_) {
    for (Month& month : year.months) {
      month.ids.shrink_to_fit();
      month.partner_masks.shrink_to_fit();
      month.days.shrink_to_fit();
      month.cells.shrink_to_fit();
      month.published_days.shrink_to_fit();
      month.resolved_days.shrink_to_fit();
    }
  }
}

std::size_t AlertCountIndex::MemoryUsage() const {
  std::size_t bytes = locations_.MemoryUsage();
  for (const auto& [number, year] : years_) {
    bytes += sizeof(Year) + year.all.counts.capacity() * sizeof(uint32_t);
    for (const Month& month : year.months)
      bytes += month.ids.capacity() * sizeof(AlertId) +
               month.partner_masks.capacity() * sizeof(uint32_t) +
               month.days.capacity() * sizeof(int32_t) + month.cells.capacity() * sizeof(uint32_t) +
               month.published_days.capacity() * sizeof(int32_t) +
               month.resolved_days.capacity() * sizeof(int32_t) +
               month.all.counts.capacity() * sizeof(uint32_t);
    for (const Cells& c : year.by_partner)
      bytes += sizeof(Cells) + c.counts.capacity() * sizeof(uint32_t);
  }
  for (const auto& [id, partners] : overflow_partners_)
    bytes += 64 + partners.capacity() * sizeof(uint16_t);
  return bytes;
}

}  // namespace soj::tracker
