#include "tracker/calendar.hpp"

#include <cstdio>

namespace soj::tracker {
namespace {

namespace chrono = std::chrono;

bool ParseDigits(std::string_view text, std::size_t pos, std::size_t count, int* out) {
  if (pos + count > text.size()) return false;
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  *out = value;
  return true;
}

}  // namespace

std::optional<Date> Date::FromYmd(int y, unsigned m, unsigned d) {
  chrono::year_month_day ymd{chrono::year(y), chrono::month(m), chrono::day(d)};
  if (!ymd.ok()) return std::nullopt;
  return Date(static_cast<int32_t>(chrono::sys_days(ymd).time_since_epoch().count()));
}

std::optional<Date> Date::Parse(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (!ParseDigits(text, 0, 4, &y) || !ParseDigits(text, 5, 2, &m) || !ParseDigits(text, 8, 2, &d))
    return std::nullopt;
  if (y < 1900) return std::nullopt;
  return FromYmd(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

chrono::year_month_day Date::ymd() const {
  return chrono::year_month_day(chrono::sys_days(chrono::days(days_)));
}

int Date::year() const { return static_cast<int>(ymd().year()); }

std::string Date::ToString() const {
  auto v = ymd();
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(v.year()),
                static_cast<unsigned>(v.month()), static_cast<unsigned>(v.day()));
  return buf;
}

Date Date::EndOfMonth() const {
  auto v = ymd();
  std::chrono::year_month_day_last last(v.year(), std::chrono::month_day_last(v.month()));
  return Date(static_cast<int32_t>(chrono::sys_days(last).time_since_epoch().count()));
}

Date Date::EndOfYear() const { return *FromYmd(year(), 12, 31); }

std::optional<Timestamp> Timestamp::Parse(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)
  if (text.size() < 20) return std::nullopt;
  auto date = Date::Parse(text.substr(0, 10));
  if (!date || (text[10] != 'T' && text[10] != 't')) return std::nullopt;
  int hh = 0, mm = 0, ss = 0;
  if (!ParseDigits(text, 11, 2, &hh) || text[13] != ':' || !ParseDigits(text, 14, 2, &mm) ||
      text[16] != ':' || !ParseDigits(text, 17, 2, &ss))
    return std::nullopt;
  if (hh > 23 || mm > 59 || ss > 60) return std::nullopt;
  std::size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    std::size_t digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos, ++digits;
    if (digits == 0) return std::nullopt;
  }
  int64_t offset = 0;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    int oh = 0, om = 0;
    if (!ParseDigits(text, pos + 1, 2, &oh) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
        !ParseDigits(text, pos + 4, 2, &om) || oh > 23 || om > 59)
      return std::nullopt;
    offset = (oh * 3600 + om * 60) * (text[pos] == '+' ? 1 : -1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;
  int64_t seconds = int64_t{date->days()} * 86400 + hh * 3600 + mm * 60 + std::min(ss, 59);
  return Timestamp(seconds - offset);
}

Date Timestamp::date() const {
  int64_t days = seconds_ / 86400;
  if (seconds_ % 86400 < 0) --days;
  return Date::FromDays(static_cast<int32_t>(days));
}

std::string Timestamp::ToString() const {
  Date d = date();
  int64_t rest = seconds_ - int64_t{d.days()} * 86400;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", d.ToString().c_str(),
                static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60),
                static_cast<int>(rest % 60));
  return buf;
}

Timestamp SystemClock::Now() const {
  auto now = std::chrono::system_clock::now();
  return Timestamp::FromUnixSeconds(
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count());
}

}  // namespace soj::tracker
