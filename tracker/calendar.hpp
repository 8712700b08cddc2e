#pragma once
// Calendar dates and UTC timestamps as the SPEC writes them: YYYY-MM-DD and RFC 3339 UTC.

#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace soj::tracker {

// A calendar date, stored as days since 1970-01-01.
class Date {
 public:
  Date() = default;
  static Date FromDays(int32_t days) { return Date(days); }
  static std::optional<Date> FromYmd(int year, unsigned month, unsigned day);
  // Parses exactly "YYYY-MM-DD" naming a real calendar date (years 1900-9999).
  static std::optional<Date> Parse(std::string_view text);

  int32_t days() const { return days_; }
  std::chrono::year_month_day ymd() const;
  int year() const;
  std::string ToString() const;
  Date AddDays(int32_t n) const { return Date(days_ + n); }
  // The last day of this date's month / year.
  Date EndOfMonth() const;
  Date EndOfYear() const;

  auto operator<=>(const Date&) const = default;

 private:
  explicit Date(int32_t days) : days_(days) {}
  int32_t days_ = 0;
};

// A UTC instant with second precision, stored as seconds since the Unix epoch.
class Timestamp {
 public:
  Timestamp() = default;
  static Timestamp FromUnixSeconds(int64_t seconds) { return Timestamp(seconds); }
  // Parses RFC 3339 "YYYY-MM-DDTHH:MM:SSZ" (optional fraction, 'Z' or numeric offset).
  static std::optional<Timestamp> Parse(std::string_view text);

  int64_t unix_seconds() const { return seconds_; }
  Date date() const;
  // "2023-03-15T09:12:00Z"
  std::string ToString() const;

  auto operator<=>(const Timestamp&) const = default;

 private:
  explicit Timestamp(int64_t seconds) : seconds_(seconds) {}
  int64_t seconds_ = 0;
};

// Where "now" comes from; injected so tests control "today".
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
  Date Today() const { return Now().date(); }
};

class SystemClock final : public Clock {
 public:
  Timestamp Now() const override;
};

// A clock that stands still until moved; for tests and deterministic tools.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(Timestamp now) : now_(now) {}
  Timestamp Now() const override { return now_; }
  void Set(Timestamp now) { now_ = now; }
  void Advance(int64_t seconds) {
    now_ = Timestamp::FromUnixSeconds(now_.unix_seconds() + seconds);
  }

 private:
  Timestamp now_;
};

}  // namespace soj::tracker
