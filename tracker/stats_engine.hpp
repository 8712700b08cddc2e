#pragma once
// StatsEngine: the statistics of the SPEC ("Statistics: definitions") answered from memory.
//
// The engine is fed the per-alert statistics records of Family::kStats (see stats_record.hpp):
// RebuildStatistics loads all of them at start, then a commit observer of the store's writer
// passes every committed change to ApplyRecord, in commit order. Every query counts only
// alerts that are published or resolved and not merged into another, as the records say now;
// `as_of` dates travel back through detention periods, impunity, publication, reply and
// resolution dates (not through other status changes: an alert rejected today is not counted
// on any day, and a reopened alert counts as published on every day).
//
// Thread-safe: ApplyRecord and RebuildStatistics take an exclusive lock, queries a shared one.
// Countries are ISO codes as stored; an unknown country simply has no alerts.

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/store.hpp"
#include "tracker/alert_count_index.hpp"
#include "tracker/alert_query.hpp"
#include "tracker/calendar.hpp"
#include "tracker/error.hpp"
#include "tracker/model.hpp"

namespace soj::tracker {

struct DetentionCount {
  uint64_t total = 0;  // distinct persons
  // Countries with at least one person detained (a person detained according to alerts of two
  // countries appears under both, once in total). With a country asked, exactly that country.
  std::map<std::string, uint64_t> by_country;
  bool operator==(const DetentionCount&) const = default;
};

enum class SeriesPeriod { kMonth, kYear };

struct SeriesPoint {
  Date date;
  uint64_t count = 0;
  bool operator==(const SeriesPoint&) const = default;
};

struct ImpunityCase {
  AlertId id = 0;
  std::string country;
  Date since;
  Justice justice = Justice::kNone;  // none or partial
  bool operator==(const ImpunityCase&) const = default;
};

struct ImpunityReport {
  uint64_t total = 0;
  std::map<std::string, uint64_t> by_country;  // countries with at least one case
  uint64_t justice_none = 0;
  uint64_t justice_partial = 0;
  std::vector<ImpunityCase> cases;  // by alert id
  bool operator==(const ImpunityReport&) const = default;
};

// One row of CountAlerts: the grouped dimensions are set, the others empty.
struct AlertCountRow {
  std::optional<int> year;
  std::optional<std::string> country;
  std::optional<Category> category;
  std::optional<int> level;
  std::optional<ThreatSource> threat_source;
  std::optional<AlertStatus> status;
  uint64_t count = 0;
  bool operator==(const AlertCountRow&) const = default;
};

struct ReplyRow {
  std::optional<std::string> country;  // empty in the total row unless a country was asked
  std::optional<int> year;             // empty in the total row unless a year was asked
  uint64_t published = 0;
  uint64_t with_reply = 0;
  double rate = 0;  // with_reply / published; 0 when nothing was published
  // Median days from publication to the first reply over the alerts with a reply (the mean of
  // the two middle values for an even count; a reply dated before publication counts
  // negative); empty without replies.
  std::optional<double> median_days;
  bool operator==(const ReplyRow&) const = default;
};

struct ReplyReport {
  std::vector<ReplyRow> rows;  // one per (country, year of published_at), by country then year
  ReplyRow total;              // over the rows
  bool operator==(const ReplyReport&) const = default;
};

class StatsEngine {
 public:
  StatsEngine();
  ~StatsEngine();
  StatsEngine(const StatsEngine&) = delete;
  StatsEngine& operator=(const StatsEngine&) = delete;

  // Replaces what the alert of `key` (AlertKey) contributes by what record `value` says;
  // nullopt (a delete) or a record of an alert that is not public removes it. Applying the same
  // record twice changes nothing. A malformed key or record is counted in damaged_records()
  // and removes the alert's contribution (it cannot be trusted any more).
  void ApplyRecord(std::string_view key, std::optional<std::string_view> value);

  // Distinct persons (victims other than media outlets; the same person_id once) with a
  // detention period from <= as_of < until (until empty: still detained). With `country`,
  // only the alerts of that country count.
  DetentionCount CountDetainedOn(Date as_of, const std::optional<std::string>& country) const;

  // The detention count (CountDetainedOn(...).total) at the last day of every month or year
  // that meets [from, to], in order; the last point is `to` itself when its period ends after
  // `to` (2023-01-15..2023-03-10 by month: 01-31, 02-28, 03-10). Empty when from > to.
  std::vector<SeriesPoint> DetentionSeries(SeriesPeriod period, Date from, Date to,
                                           const std::optional<std::string>& country) const;

  // Murders in impunity on `as_of`: alerts with impunity.murder, justice not full,
  // impunity.since <= as_of and not resolved on or before as_of.
  ImpunityReport Impunity(Date as_of, const std::optional<std::string>& country) const;

  // Public alerts matching `filter` (AlertFilter semantics; statuses other than published and
  // resolved match nothing), counted per combination of the `group_by` dimensions. An alert
  // counts once in each of its categories when grouped by category (with a category filter,
  // only in the filter's categories), once otherwise. Rows with a count of zero are left out,
  // except the single row of an empty group_by. Rows are ordered by year, country, category,
  // level, threat source, status (enum order). As of a past day, only alerts published on or
  // before it count, and those resolved after it count as published.
  std::vector<AlertCountRow> CountAlerts(std::span<const CountDimension> group_by,
                                         const AlertFilter& filter,
                                         std::optional<Date> as_of = std::nullopt) const;

  // State reply rates and median delays per (country, year of published_at), for public
  // alerts with a publication date, optionally of one country and/or one year; plus a total.
  // As of a past day, only alerts published on or before it count, and only replies dated on
  // or before it.
  ReplyReport Replies(const std::optional<std::string>& country, std::optional<int> year,
                      std::optional<Date> as_of = std::nullopt) const;

  // Public alerts the engine counts.
  std::size_t CountedAlerts() const;
  // Records ApplyRecord could not read since the engine was made.
  uint64_t damaged_records() const { return damaged_.load(); }
  // An estimate of the memory the engine holds, in bytes.
  std::size_t MemoryUsage() const;

 private:
  struct State;
  friend Result<std::size_t> RebuildStatistics(const storage::Store& store, StatsEngine& engine);

  mutable std::shared_mutex mutex_;
  std::unique_ptr<State> state_;
  // While RebuildStatistics reads the store, the changes ApplyRecord sees are kept here and
  // replayed on the rebuilt state, so none committed during the scan is lost.
  bool rebuilding_ = false;
  std::vector<std::pair<std::string, std::optional<std::string>>> pending_;
  std::atomic<uint64_t> damaged_{0};
};

// Replaces the engine's contents by the records of Family::kStats, read in one pass and
// indexed in bulk. Returns the number of records read. An I/O error or a damaged record (the
// message names its alert) fails and leaves the engine as it was.
Result<std::size_t> RebuildStatistics(const storage::Store& store, StatsEngine& engine);

}  // namespace soj::tracker
