#include "tracker/stats_engine.hpp"

#include <algorithm>
#include <limits>
#include <mutex>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "storage/key_codec.hpp"
#include "tracker/alert_count_index.hpp"
#include "tracker/count_feeder.hpp"
#include "tracker/detention_index.hpp"
#include "tracker/reply_index.hpp"
#include "tracker/stats_record.hpp"

namespace soj::tracker {
namespace {

// Small numbers for strings that repeat across alerts (countries, partners).
class Names {
 public:
  uint16_t Number(std::string_view name) {
    auto it = numbers_.find(name);
    if (it != numbers_.end()) return it->second;
    const auto number = static_cast<uint16_t>(names_.size());
    names_.emplace_back(name);
    numbers_.emplace(names_.back(), number);
    return number;
  }
  std::optional<uint16_t> Find(std::string_view name) const {
    auto it = numbers_.find(name);
    if (it == numbers_.end()) return std::nullopt;
    return it->second;
  }
  const std::string& Name(uint16_t number) const { return names_[number]; }
  std::size_t size() const { return names_.size(); }
  // Number -> position of the name in alphabetical order.
  std::vector<uint16_t> Ranks() const {
    std::vector<uint16_t> by_name(names_.size());
    for (std::size_t i = 0; i < by_name.size(); ++i) by_name[i] = static_cast<uint16_t>(i);
    std::sort(by_name.begin(), by_name.end(),
              [&](uint16_t a, uint16_t b) { return names_[a] < names_[b]; });
    std::vector<uint16_t> rank(names_.size());
    for (std::size_t i = 0; i < by_name.size(); ++i) rank[by_name[i]] = static_cast<uint16_t>(i);
    return rank;
  }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::vector<std::string> names_;
  std::unordered_map<std::string, uint16_t, Hash, std::equal_to<>> numbers_;
};

struct ImpunityFacts {
  uint16_t country = 0;
  Date since;
  Justice justice = Justice::kNone;
  std::optional<Date> resolved_on;
};

std::optional<AlertId> IdOfKey(std::string_view key) {
  auto id = storage::ConsumeUint64(&key);
  if (!id || !key.empty()) return std::nullopt;
  return id;
}

double Rate(uint64_t part, uint64_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

}  // namespace

struct StatsEngine::State {
  Names countries;
  Names partners;
  AlertCountIndex counts;
  DetentionIndex detentions;
  ReplyIndex replies;
  std::map<AlertId, ImpunityFacts> impunity;  // murders not fully punished, public alerts
  std::vector<uint16_t> partner_numbers;      // scratch

  bool bulk = false;  // loading a fresh state: every alert comes once, nothing to take away

  void BeginBulk() {
    bulk = true;
    detentions.BeginBulk();
    replies.BeginBulk();
  }
  void EndBulk() {
    bulk = false;
    detentions.EndBulk();
    replies.EndBulk();
    counts.Compact();
  }

  // Replaces the contribution of alert `id` by that of `record` (none when null). In bulk,
  // `feeder` (when given) counts the alert on its own thread.
  void Apply(AlertId id, const StatsRecord* record, CountFeeder* feeder = nullptr) {
    if (record == nullptr || !record->IsPublic()) {
      if (bulk) return;
      counts.Remove(id);
      detentions.RemoveAlert(id);
      replies.Remove(id);
      impunity.erase(id);
      return;
    }
    const StatsRecord& r = *record;
    const uint16_t country = countries.Number(r.country);
    partner_numbers.clear();
    for (const std::string& p : r.partners) partner_numbers.push_back(partners.Number(p));
    std::optional<Date> resolved;
    if (r.status == AlertStatus::kResolved) resolved = r.resolved_on;
    const CountedAlert counted{id,
                               r.incident_date,
                               country,
                               r.category_mask,
                               r.level,
                               r.threat_source,
                               r.status,
                               partner_numbers,
                               r.published_on.value_or(r.incident_date),
                               resolved};
    if (feeder != nullptr)
      feeder->Add(counted);
    else
      counts.Set(counted);
    detentions.SetAlert(id, country, r.victims);
    if (r.published_on)
      replies.Set(id, country, *r.published_on, r.first_reply_on);
    else if (!bulk)
      replies.Remove(id);
    if (r.impunity && r.impunity->murder && r.impunity->justice != Justice::kFull) {
      impunity[id] = {country, r.impunity->since, r.impunity->justice, resolved};
    } else if (!bulk) {
      impunity.erase(id);
    }
  }
};

StatsEngine::StatsEngine() : state_(std::make_unique<State>()) {}
StatsEngine::~StatsEngine() = default;

void StatsEngine::ApplyRecord(std::string_view key, std::optional<std::string_view> value) {
  const std::optional<AlertId> id = IdOfKey(key);
  if (!id) {
    ++damaged_;
    return;
  }
  std::optional<StatsRecord> record;
  if (value) {
    auto decoded = DecodeStatsRecord(*value);
    if (decoded && decoded->id == *id)
      record = std::move(*decoded);
    else
      ++damaged_;
  }
  std::unique_lock lock(mutex_);
  if (rebuilding_)
    pending_.emplace_back(std::string(key),
                          value ? std::optional<std::string>(*value) : std::nullopt);
  state_->Apply(*id, record ? &*record : nullptr);
}

DetentionCount StatsEngine::CountDetainedOn(Date as_of,
                                            const std::optional<std::string>& country) const {
  std::shared_lock lock(mutex_);
  const State& s = *state_;
  DetentionCount out;
  if (country) {
    const std::optional<uint16_t> number = s.countries.Find(*country);
    out.total = number ? s.detentions.CountOn(as_of, *number) : 0;
    out.by_country[*country] = out.total;
    return out;
  }
  out.total = s.detentions.CountOn(as_of);
  for (uint16_t c : s.detentions.Countries())
    if (const uint64_t n = s.detentions.CountOn(as_of, c); n != 0)
      out.by_country[s.countries.Name(c)] = n;
  return out;
}

std::vector<SeriesPoint> StatsEngine::DetentionSeries(
    SeriesPeriod period, Date from, Date to, const std::optional<std::string>& country) const {
  std::shared_lock lock(mutex_);
  const State& s = *state_;
  std::vector<SeriesPoint> points;
  if (from > to) return points;
  std::optional<uint16_t> number;
  if (country) {
    number = s.countries.Find(*country);
    if (!number) {
      // Unknown country: the same dates, all zero.
      number = std::numeric_limits<uint16_t>::max();
    }
  }
  for (Date day = from;;) {
    const Date end = period == SeriesPeriod::kMonth ? day.EndOfMonth() : day.EndOfYear();
    const Date at = std::min(end, to);
    points.push_back({at, number ? s.detentions.CountOn(at, *number) : s.detentions.CountOn(at)});
    if (end >= to) break;
    day = end.AddDays(1);
  }
  return points;
}

ImpunityReport StatsEngine::Impunity(Date as_of, const std::optional<std::string>& country) const {
  std::shared_lock lock(mutex_);
  const State& s = *state_;
  ImpunityReport out;
  std::optional<uint16_t> number;
  if (country) {
    number = s.countries.Find(*country);
    if (!number) return out;
  }
  std::vector<uint64_t> per_country(s.countries.size(), 0);
  out.cases.reserve(s.impunity.size());
  for (const auto& [id, f] : s.impunity) {
    if (number && f.country != *number) continue;
    if (f.since > as_of || (f.resolved_on && *f.resolved_on <= as_of)) continue;
    ++per_country[f.country];
    ++(f.justice == Justice::kNone ? out.justice_none : out.justice_partial);
    out.cases.push_back({id, s.countries.Name(f.country), f.since, f.justice});
  }
  out.total = out.cases.size();
  for (std::size_t c = 0; c < per_country.size(); ++c)
    if (per_country[c] != 0)
      out.by_country[s.countries.Name(static_cast<uint16_t>(c))] = per_country[c];
  return out;
}

std::vector<AlertCountRow> StatsEngine::CountAlerts(std::span<const CountDimension> group_by,
                                                    const AlertFilter& filter,
                                                    std::optional<Date> as_of) const {
  std::shared_lock lock(mutex_);
  const State& s = *state_;
  CountFilter f;
  // A filter whose values are all unknown (or never public) matches nothing.
  bool nothing = false;
  for (const std::string& c : filter.countries)
    if (auto n = s.countries.Find(c)) f.countries.push_back(*n);
  nothing |= !filter.countries.empty() && f.countries.empty();
  for (const std::string& p : filter.partners)
    if (auto n = s.partners.Find(p)) f.partners.push_back(*n);
  nothing |= !filter.partners.empty() && f.partners.empty();
  for (Category c : filter.categories) f.categories |= 1u << static_cast<int>(c);
  for (ThreatSource t : filter.threat_sources) f.threat_sources |= 1u << static_cast<int>(t);
  for (int level : filter.levels)
    if (level == 1 || level == 2) f.levels |= 1u << (level - 1);
  nothing |= !filter.levels.empty() && f.levels == 0;
  for (AlertStatus status : filter.statuses) {
    if (status == AlertStatus::kPublished) f.statuses |= 1u;
    if (status == AlertStatus::kResolved) f.statuses |= 2u;
  }
  nothing |= !filter.statuses.empty() && f.statuses == 0;
  f.from = filter.from;
  f.to = filter.to;
  f.as_of = as_of;

  std::vector<CountCell> cells;
  if (!nothing)
    cells = s.counts.Count(group_by, f, s.countries.Ranks());
  else if (group_by.empty())
    cells.push_back({});

  std::array<bool, kCountDimensions> grouped{};
  for (CountDimension d : group_by) grouped[static_cast<std::size_t>(d)] = true;
  auto is = [&](CountDimension d) { return grouped[static_cast<std::size_t>(d)]; };
  std::vector<AlertCountRow> rows;
  rows.reserve(cells.size());
  for (const CountCell& c : cells) {
    AlertCountRow row;
    if (is(CountDimension::kYear)) row.year = c.year;
    if (is(CountDimension::kCountry)) row.country = s.countries.Name(c.country);
    if (is(CountDimension::kCategory)) row.category = c.category;
    if (is(CountDimension::kLevel)) row.level = c.level;
    if (is(CountDimension::kThreatSource)) row.threat_source = c.threat_source;
    if (is(CountDimension::kStatus)) row.status = c.status;
    row.count = c.count;
    rows.push_back(std::move(row));
  }
  return rows;
}

ReplyReport StatsEngine::Replies(const std::optional<std::string>& country, std::optional<int> year,
                                 std::optional<Date> as_of) const {
  std::shared_lock lock(mutex_);
  const State& s = *state_;
  ReplyReport out;
  out.total.country = country;
  out.total.year = year;
  std::optional<uint16_t> number;
  if (country) {
    number = s.countries.Find(*country);
    if (!number) return out;
  }
  auto fill = [](ReplyRow& row, const ReplyTotals& t) {
    row.published = t.published;
    row.with_reply = t.with_reply;
    row.rate = Rate(t.with_reply, t.published);
    row.median_days = t.median_days;
  };
  const ReplyIndex::Report report = s.replies.Totals(number, year, as_of);
  for (const ReplyIndex::GroupTotals& g : report.groups) {
    ReplyRow row;
    row.country = s.countries.Name(g.country);
    row.year = g.year;
    fill(row, g.totals);
    out.rows.push_back(std::move(row));
  }
  std::stable_sort(out.rows.begin(), out.rows.end(), [](const ReplyRow& a, const ReplyRow& b) {
    return std::tie(a.country, a.year) < std::tie(b.country, b.year);
  });
  fill(out.total, report.total);
  return out;
}

std::size_t StatsEngine::CountedAlerts() const {
  std::shared_lock lock(mutex_);
  return state_->counts.size();
}

std::size_t StatsEngine::MemoryUsage() const {
  std::shared_lock lock(mutex_);
  const State& s = *state_;
  return sizeof(State) + s.counts.MemoryUsage() + s.detentions.MemoryUsage() +
         s.replies.MemoryUsage() + s.impunity.size() * 64;
}

Result<std::size_t> RebuildStatistics(const storage::Store& store, StatsEngine& engine) {
  {
    std::unique_lock lock(engine.mutex_);
    engine.rebuilding_ = true;
    engine.pending_.clear();
  }
  auto fresh = std::make_unique<StatsEngine::State>();
  fresh->BeginBulk();
  CountFeeder feeder(fresh->counts);
  std::optional<Error> failure;
  std::size_t read = 0;
  // One walk over every record: it must not push the hot documents out of the block cache.
  const auto view = store.Snapshot(/*fill_cache=*/false);
  storage::Status status = store.Scan(
      storage::Family::kStats, "", "", storage::Direction::kForward,
      [&](std::string_view key, std::string_view value) {
        const std::optional<AlertId> id = IdOfKey(key);
        if (!id) {
          failure = Error::Internal("a statistics record has a malformed key");
          return false;
        }
        auto record = DecodeStatsRecord(value);
        if (!record || record->id != *id) {
          failure = Error::Internal(
              "the statistics record of alert " + std::to_string(*id) + " is damaged: " +
              (record ? "it names alert " + std::to_string(record->id) : record.error().message));
          return false;
        }
        fresh->Apply(*id, &*record, &feeder);
        ++read;
        return true;
      },
      view.get());
  feeder.Finish();
  fresh->EndBulk();

  std::unique_ptr<StatsEngine::State> old;  // freed after the lock is released
  std::unique_lock lock(engine.mutex_);
  std::vector<std::pair<std::string, std::optional<std::string>>> pending;
  pending.swap(engine.pending_);
  engine.rebuilding_ = false;
  if (!status.ok()) return Error::Internal("reading statistics records: " + status.ToString());
  if (failure) return *failure;
  old = std::exchange(engine.state_, std::move(fresh));
  // Changes committed while scanning, again: applying a record twice is harmless, and commit
  // order is kept, so the last word on every alert wins.
  for (const auto& [key, value] : pending) {
    const AlertId id = *IdOfKey(key);
    std::optional<StatsRecord> record;
    if (value)
      if (auto decoded = DecodeStatsRecord(*value); decoded && decoded->id == id)
        record = std::move(*decoded);
    engine.state_->Apply(id, record ? &*record : nullptr);
  }
  return read;
}

}  // namespace soj::tracker
