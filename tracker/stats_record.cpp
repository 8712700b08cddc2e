#include "tracker/stats_record.hpp"

#include <algorithm>

namespace soj::tracker {
namespace {

constexpr uint8_t kMergedBit = 1u << 3;
constexpr uint8_t kPublishedBit = 1u << 4;
constexpr uint8_t kReplyBit = 1u << 5;
constexpr uint8_t kResolvedBit = 1u << 6;
constexpr uint8_t kImpunityBit = 1u << 7;
constexpr uint8_t kPersonIdBit = 1u << 4;

uint64_t ZigZag(int64_t v) {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}
int64_t UnZigZag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

class Writer {
 public:
  void Byte(uint8_t b) { out_.push_back(static_cast<char>(b)); }
  void Varint(uint64_t v) {
    while (v >= 0x80) {
      Byte(static_cast<uint8_t>(v | 0x80));
      v >>= 7;
    }
    Byte(static_cast<uint8_t>(v));
  }
  void Day(Date d) { Varint(ZigZag(d.days())); }
  void Str(std::string_view s) {
    Varint(s.size());
    out_.append(s);
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

// Reads from the front of the record; the first failure sticks and names what was being read.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}

  uint8_t Byte(const char* what) {
    if (in_.empty()) return Fail(what, "is missing"), 0;
    uint8_t b = static_cast<uint8_t>(in_.front());
    in_.remove_prefix(1);
    return b;
  }
  uint64_t Varint(const char* what) {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (in_.empty()) return Fail(what, "is truncated"), 0;
      const uint8_t b = static_cast<uint8_t>(in_.front());
      in_.remove_prefix(1);
      v |= uint64_t{b & 0x7fu} << shift;
      if (!(b & 0x80)) return v;
    }
    return Fail(what, "is too long"), 0;
  }
  Date Day(const char* what) {
    const int64_t days = UnZigZag(Varint(what));
    if (days < INT32_MIN || days > INT32_MAX) return Fail(what, "is out of range"), Date();
    return Date::FromDays(static_cast<int32_t>(days));
  }
  void Str(const char* what, std::string* out) {
    const uint64_t n = Varint(what);
    if (n > in_.size()) return Fail(what, "is truncated");
    out->assign(in_.data(), n);
    in_.remove_prefix(n);
  }
  // A count of items that take at least one byte each: larger than the rest is damage.
  std::size_t Count(const char* what) {
    const uint64_t n = Varint(what);
    if (n > in_.size()) return Fail(what, "exceeds the record"), 0;
    return static_cast<std::size_t>(n);
  }
  template <std::size_t N>
  uint8_t Enum(uint8_t value, const std::array<std::string_view, N>&, const char* what) {
    if (value >= N) Fail(what, "is out of range");
    return value < N ? value : 0;
  }

  void Fail(const char* what, const char* problem) {
    if (error_.empty()) error_ = std::string(what) + " " + problem;
  }
  bool ok() const { return error_.empty(); }
  bool done() const { return in_.empty(); }
  const std::string& error() const { return error_; }

 private:
  std::string_view in_;
  std::string error_;
};

}  // namespace

StatsRecord StatsRecord::Of(const Alert& alert) {
  StatsRecord r;
  const AlertContent& c = alert.content;
  r.id = alert.id;
  r.status = alert.status;
  r.merged = alert.merged_into.has_value();
  r.country = c.country;
  r.incident_date = c.incident_date;
  for (Category cat : c.categories) r.category_mask |= 1u << static_cast<int>(cat);
  r.level = c.level;
  r.threat_source = c.threat_source;
  r.partners = c.partners;
  if (alert.published_at) r.published_on = alert.published_at->date();
  for (const Note& reply : alert.state_replies)
    if (!r.first_reply_on || reply.date < *r.first_reply_on) r.first_reply_on = reply.date;
  if (alert.resolution) r.resolved_on = alert.resolution->date;
  r.impunity = c.impunity;
  r.victims.reserve(c.victims.size());
  for (const Victim& v : c.victims) r.victims.push_back({v.kind, v.person_id, v.detentions});
  return r;
}

bool StatsRecord::IsPublic() const {
  return !merged && (status == AlertStatus::kPublished || status == AlertStatus::kResolved);
}

std::string EncodeStatsRecord(const StatsRecord& r) {
  Writer w;
  w.Byte(kStatsRecordVersion);
  w.Varint(r.id);
  uint8_t flags = static_cast<uint8_t>(r.status);
  if (r.merged) flags |= kMergedBit;
  if (r.published_on) flags |= kPublishedBit;
  if (r.first_reply_on) flags |= kReplyBit;
  if (r.resolved_on) flags |= kResolvedBit;
  if (r.impunity) flags |= kImpunityBit;
  w.Byte(flags);
  w.Byte(r.category_mask);
  w.Byte(static_cast<uint8_t>(r.level));
  w.Byte(static_cast<uint8_t>(r.threat_source));
  w.Str(r.country);
  w.Day(r.incident_date);
  if (r.published_on) w.Day(*r.published_on);
  if (r.first_reply_on) w.Day(*r.first_reply_on);
  if (r.resolved_on) w.Day(*r.resolved_on);
  if (r.impunity) {
    w.Byte(static_cast<uint8_t>((r.impunity->murder ? 1u : 0u) |
                                (static_cast<unsigned>(r.impunity->justice) << 1)));
    w.Day(r.impunity->since);
  }
  w.Varint(r.partners.size());
  for (const std::string& p : r.partners) w.Str(p);
  w.Varint(r.victims.size());
  for (const StatsVictim& v : r.victims) {
    w.Byte(static_cast<uint8_t>(static_cast<unsigned>(v.kind) | (v.person_id ? kPersonIdBit : 0)));
    if (v.person_id) w.Str(*v.person_id);
    w.Varint(v.detentions.size());
    for (const DetentionPeriod& d : v.detentions) {
      w.Day(d.from);
      w.Varint(d.until ? ZigZag(int64_t{d.until->days()} - d.from.days()) + 1 : 0);
    }
  }
  return w.Take();
}

std::string EncodeStatsRecord(const Alert& alert) {
  return EncodeStatsRecord(StatsRecord::Of(alert));
}

Result<StatsRecord> DecodeStatsRecord(std::string_view bytes) {
  Reader in(bytes);
  const uint8_t version = in.Byte("version");
  if (in.ok() && version != kStatsRecordVersion)
    return Error::Internal("statistics record has version " + std::to_string(version) +
                           "; this build reads version " + std::to_string(kStatsRecordVersion));
  StatsRecord r;
  r.id = in.Varint("id");
  const uint8_t flags = in.Byte("flags");
  r.status = static_cast<AlertStatus>(in.Enum(flags & 0x7u, kStatusNames, "status"));
  r.merged = flags & kMergedBit;
  r.category_mask = in.Byte("categories");
  if (r.category_mask >= (1u << kCategoryNames.size())) in.Fail("categories", "is out of range");
  r.level = in.Byte("level");
  if (r.level != 1 && r.level != 2) in.Fail("level", "is not 1 or 2");
  r.threat_source = static_cast<ThreatSource>(
      in.Enum(in.Byte("threat_source"), kThreatSourceNames, "threat_source"));
  in.Str("country", &r.country);
  r.incident_date = in.Day("incident_date");
  if (flags & kPublishedBit) r.published_on = in.Day("published_on");
  if (flags & kReplyBit) r.first_reply_on = in.Day("first_reply_on");
  if (flags & kResolvedBit) r.resolved_on = in.Day("resolved_on");
  if (flags & kImpunityBit) {
    const uint8_t b = in.Byte("impunity");
    if (b > 7) in.Fail("impunity", "is out of range");
    r.impunity = ImpunityRecord{
        (b & 1u) != 0, static_cast<Justice>(in.Enum(b >> 1 & 3u, kJusticeNames, "justice")),
        in.Day("impunity.since")};
  }
  r.partners.resize(in.Count("partners"));
  for (std::string& p : r.partners) in.Str("partner", &p);
  r.victims.resize(in.Count("victims"));
  for (StatsVictim& v : r.victims) {
    const uint8_t b = in.Byte("victim");
    if (b & ~(kPersonIdBit | 0xfu)) in.Fail("victim", "is out of range");
    v.kind = static_cast<VictimKind>(in.Enum(b & 0xfu, kVictimKindNames, "victim kind"));
    if (b & kPersonIdBit) in.Str("person_id", &v.person_id.emplace());
    v.detentions.resize(in.Count("detentions"));
    for (DetentionPeriod& d : v.detentions) {
      d.from = in.Day("detention from");
      const uint64_t until = in.Varint("detention until");
      if (until != 0) {
        const int64_t days = int64_t{d.from.days()} + UnZigZag(until - 1);
        if (days < INT32_MIN || days > INT32_MAX) in.Fail("detention until", "is out of range");
        d.until = Date::FromDays(static_cast<int32_t>(days));
      }
    }
    if (!in.ok()) break;
  }
  if (in.ok() && !in.done()) in.Fail("record", "has trailing bytes");
  if (!in.ok()) return Error::Internal("statistics record is damaged: " + in.error());
  return r;
}

}  // namespace soj::tracker
