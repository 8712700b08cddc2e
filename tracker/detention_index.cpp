#include "tracker/detention_index.hpp"

#include <algorithm>
#include <climits>

namespace soj::tracker {
namespace {

constexpr int32_t kOpen = INT32_MAX;  // `until` of a detention still going on

}  // namespace

int32_t DayCounter::FirstDay() {
  static const int32_t first = Date::FromYmd(1900, 1, 1)->days();
  return first;
}

int32_t DayCounter::DayCount() {
  static const int32_t count = Date::FromYmd(2100, 1, 1)->days() - FirstDay();
  return count;
}

void DayCounter::Add(int32_t day, int32_t delta) {
  const int64_t size = DayCount();
  int64_t index = int64_t{day} - FirstDay();
  if (index >= size) return;
  if (index < 0) index = 0;
  if (tree_.empty()) tree_.assign(static_cast<std::size_t>(size), 0);
  if (bulk_) {
    tree_[static_cast<std::size_t>(index)] += delta;
    return;
  }
  for (auto i = static_cast<std::size_t>(index); i < tree_.size(); i |= i + 1) tree_[i] += delta;
}

int64_t DayCounter::At(int32_t day) const {
  if (tree_.empty()) return 0;
  int64_t index = int64_t{day} - FirstDay();
  if (index < 0) return 0;
  if (index >= static_cast<int64_t>(tree_.size())) index = static_cast<int64_t>(tree_.size()) - 1;
  int64_t sum = 0;
  for (auto i = static_cast<int64_t>(index); i >= 0; i = (i & (i + 1)) - 1) sum += tree_[i];
  return sum;
}

void DayCounter::EndBulk() {
  if (!bulk_) return;
  bulk_ = false;
  // Turns per-day changes into a Fenwick tree in place: each node passes its sum to its parent.
  for (std::size_t i = 0; i < tree_.size(); ++i) {
    const std::size_t parent = i | (i + 1);
    if (parent < tree_.size()) tree_[parent] += tree_[i];
  }
}

uint32_t DetentionIndex::PersonNumber(const std::string& person_id) {
  auto it = person_numbers_.find(std::string_view(person_id));
  if (it != person_numbers_.end()) return it->second;
  const auto number = static_cast<uint32_t>(person_spans_.size());
  person_numbers_.emplace(person_id, number);
  person_spans_.emplace_back();
  return number;
}

DayCounter& DetentionIndex::CountryCounter(uint16_t country) {
  if (country >= by_country_.size()) {
    by_country_.resize(country + 1u);
    if (bulk_)
      for (DayCounter& c : by_country_) c.BeginBulk();
  }
  return by_country_[country];
}

void DetentionIndex::AddMerged(std::vector<std::pair<int32_t, int32_t>>& spans, DayCounter& counter,
                               DayCounter* also, int32_t sign) {
  std::sort(spans.begin(), spans.end());
  std::size_t i = 0;
  while (i < spans.size()) {
    const int32_t from = spans[i].first;
    int32_t until = spans[i].second;
    // [a, b) and [b, c) make one stretch [a, c): touching periods are not a second arrest.
    for (++i; i < spans.size() && spans[i].first <= until; ++i)
      until = std::max(until, spans[i].second);
    if (until <= from) continue;  // empty (damaged) period
    for (DayCounter* c : {&counter, also}) {
      if (c == nullptr) continue;
      c->Add(from, sign);
      if (until != kOpen) c->Add(until, -sign);
    }
  }
}

void DetentionIndex::ApplyPerson(uint32_t person, int32_t sign) {
  std::vector<PersonSpan>& spans = person_spans_[person];
  if (spans.empty()) return;
  std::sort(spans.begin(), spans.end(), [](const PersonSpan& a, const PersonSpan& b) {
    return a.country != b.country ? a.country < b.country : a.from < b.from;
  });
  scratch_.clear();
  for (const PersonSpan& s : spans) scratch_.emplace_back(s.from, s.until);
  AddMerged(scratch_, total_, nullptr, sign);
  for (std::size_t i = 0; i < spans.size();) {
    const uint16_t country = spans[i].country;
    scratch_.clear();
    for (; i < spans.size() && spans[i].country == country; ++i)
      scratch_.emplace_back(spans[i].from, spans[i].until);
    AddMerged(scratch_, CountryCounter(country), nullptr, sign);
  }
}

void DetentionIndex::ApplyAnonymous(const AlertDetentions& alert, int32_t sign) {
  // Entries are sorted, so each anonymous victim's periods are adjacent.
  const std::vector<Entry>& e = alert.entries;
  for (std::size_t i = 0; i < e.size();) {
    const uint32_t who = e[i].who;
    if (!(who & kAnonymous)) {
      ++i;
      continue;
    }
    scratch_.clear();
    for (; i < e.size() && e[i].who == who; ++i) scratch_.emplace_back(e[i].from, e[i].until);
    AddMerged(scratch_, total_, &CountryCounter(alert.country), sign);
  }
}

void DetentionIndex::Withdraw(AlertId id, const AlertDetentions& alert) {
  ApplyAnonymous(alert, -1);
  uint32_t last = kAnonymous;
  for (const Entry& e : alert.entries) {
    if ((e.who & kAnonymous) || e.who == last) continue;
    last = e.who;
    if (!bulk_) ApplyPerson(e.who, -1);
    std::vector<PersonSpan>& spans = person_spans_[e.who];
    std::erase_if(spans, [id](const PersonSpan& s) { return s.alert == id; });
    if (!bulk_) ApplyPerson(e.who, +1);
  }
}

void DetentionIndex::Contribute(AlertId id, const AlertDetentions& alert) {
  ApplyAnonymous(alert, +1);
  for (std::size_t i = 0; i < alert.entries.size();) {
    const uint32_t who = alert.entries[i].who;
    if (who & kAnonymous) {
      ++i;
      continue;
    }
    if (!bulk_) ApplyPerson(who, -1);
    std::vector<PersonSpan>& spans = person_spans_[who];
    for (; i < alert.entries.size() && alert.entries[i].who == who; ++i)
      spans.push_back({id, alert.country, alert.entries[i].from, alert.entries[i].until});
    if (!bulk_) ApplyPerson(who, +1);
  }
}

void DetentionIndex::SetAlert(AlertId id, uint16_t country, std::span<const StatsVictim> victims) {
  AlertDetentions next{country, {}};
  for (std::size_t v = 0; v < victims.size(); ++v) {
    const StatsVictim& victim = victims[v];
    if (victim.kind == VictimKind::kMediaOutlet || victim.detentions.empty()) continue;
    const uint32_t who =
        victim.person_id ? PersonNumber(*victim.person_id) : kAnonymous | static_cast<uint32_t>(v);
    for (const DetentionPeriod& d : victim.detentions)
      next.entries.push_back({who, d.from.days(), d.until ? d.until->days() : kOpen});
  }
  std::sort(next.entries.begin(), next.entries.end());

  if (const uint32_t* slot = slot_of_.Find(id)) {
    AlertDetentions& old = slots_[*slot];
    if (old == next) return;
    Withdraw(id, old);
    old = {};
    free_slots_.push_back(*slot);
    slot_of_.Erase(id);
  }
  if (next.entries.empty()) return;
  Contribute(id, next);
  uint32_t slot;
  if (free_slots_.empty()) {
    slot = static_cast<uint32_t>(slots_.size());
    slots_.push_back(std::move(next));
  } else {
    slot = free_slots_.back();
    free_slots_.pop_back();
    slots_[slot] = std::move(next);
  }
  slot_of_.Set(id, slot);
}

void DetentionIndex::BeginBulk() {
  bulk_ = true;
  total_.BeginBulk();
  for (DayCounter& c : by_country_) c.BeginBulk();
}

void DetentionIndex::EndBulk() {
  if (!bulk_) return;
  for (uint32_t person = 0; person < person_spans_.size(); ++person) ApplyPerson(person, +1);
  bulk_ = false;
  total_.EndBulk();
  for (DayCounter& c : by_country_) c.EndBulk();
}

uint64_t DetentionIndex::CountOn(Date day) const {
  return static_cast<uint64_t>(std::max<int64_t>(0, total_.At(day.days())));
}

uint64_t DetentionIndex::CountOn(Date day, uint16_t country) const {
  if (country >= by_country_.size()) return 0;
  return static_cast<uint64_t>(std::max<int64_t>(0, by_country_[country].At(day.days())));
}

std::vector<uint16_t> DetentionIndex::Countries() const {
  std::vector<uint16_t> out;
  for (std::size_t c = 0; c < by_country_.size(); ++c)
    if (!by_country_[c].empty()) out.push_back(static_cast<uint16_t>(c));
  return out;
}

std::size_t DetentionIndex::MemoryUsage() const {
  std::size_t bytes = total_.MemoryUsage();
  for (const DayCounter& c : by_country_) bytes += c.MemoryUsage();
  // Hash nodes: the pair plus a next pointer and a cached hash, rounded by the allocator.
  bytes += slot_of_.MemoryUsage() + slots_.capacity() * sizeof(AlertDetentions) +
           free_slots_.capacity() * sizeof(uint32_t);
  for (const AlertDetentions& alert : slots_) bytes += alert.entries.capacity() * sizeof(Entry);
  bytes += person_numbers_.bucket_count() * sizeof(void*) +
           person_numbers_.size() * (sizeof(std::pair<const std::string, uint32_t>) + 16);
  for (const auto& spans : person_spans_)
    bytes += sizeof(spans) + spans.capacity() * sizeof(PersonSpan);
  return bytes;
}

}  // namespace soj::tracker
