#include "tracker/reply_index.hpp"

#include <algorithm>

namespace soj::tracker {

void ReplyIndex::Group::Add(const Fact& fact, bool bulk) {
  ++published;
  if (fact.delay == kNoReply) return;
  ++with_reply;
  if (bulk)
    delays.push_back(fact.delay);
  else
    delays.insert(std::upper_bound(delays.begin(), delays.end(), fact.delay), fact.delay);
}

void ReplyIndex::Group::Take(const Fact& fact) {
  --published;
  if (fact.delay == kNoReply) return;
  --with_reply;
  auto it = std::lower_bound(delays.begin(), delays.end(), fact.delay);
  if (it != delays.end() && *it == fact.delay) delays.erase(it);
}

ReplyTotals ReplyIndex::Group::Totals() const {
  ReplyTotals t{published, with_reply, std::nullopt};
  const std::size_t n = delays.size();
  if (n == 0) return t;
  t.median_days = n % 2 == 1 ? double(delays[n / 2])
                             : (double(delays[n / 2 - 1]) + double(delays[n / 2])) / 2.0;
  return t;
}

void ReplyIndex::Apply(const Fact& fact, bool add) {
  if (fact.country >= groups_.size()) {
    groups_.resize(fact.country + 1u);
    by_country_.resize(fact.country + 1u);
  }
  std::map<int, Group>& years = groups_[fact.country];
  auto group = years.try_emplace(fact.year).first;
  Group* groups[] = {&group->second, &by_country_[fact.country], &by_year_[fact.year], &all_};
  for (Group* g : groups) {
    if (add)
      g->Add(fact, bulk_);
    else
      g->Take(fact);
  }
  if (!add && group->second.published == 0) years.erase(group);
}

void ReplyIndex::Set(AlertId id, uint16_t country, Date published_on,
                     std::optional<Date> first_reply_on) {
  const int32_t delay = first_reply_on ? first_reply_on->days() - published_on.days() : kNoReply;
  const Fact fact{delay, country, static_cast<int16_t>(published_on.year())};
  if (const Fact* old = facts_.Find(id)) {
    if (*old == fact) return;
    Apply(*old, false);
  }
  Apply(fact, true);
  facts_.Set(id, fact);
}

void ReplyIndex::Remove(AlertId id) {
  const Fact* old = facts_.Find(id);
  if (old == nullptr) return;
  Apply(*old, false);
  facts_.Erase(id);
}

void ReplyIndex::EndBulk() {
  if (!bulk_) return;
  bulk_ = false;
  auto sort = [](Group& g) { std::sort(g.delays.begin(), g.delays.end()); };
  for (auto& years : groups_)
    for (auto& [year, g] : years) sort(g);
  for (Group& g : by_country_) sort(g);
  for (auto& [key, g] : by_year_) sort(g);
  sort(all_);
}

void ReplyIndex::ForEachGroup(
    std::optional<uint16_t> country, std::optional<int> year,
    const std::function<void(uint16_t, int, const ReplyTotals&)>& visit) const {
  for (std::size_t c = 0; c < groups_.size(); ++c) {
    if (country && c != *country) continue;
    for (const auto& [y, group] : groups_[c])
      if (!year || y == *year) visit(static_cast<uint16_t>(c), y, group.Totals());
  }
}

ReplyTotals ReplyIndex::Total(std::optional<uint16_t> country, std::optional<int> year) const {
  if (country && *country >= groups_.size()) return {};
  if (country && year) {
    auto it = groups_[*country].find(*year);
    return it == groups_[*country].end() ? ReplyTotals{} : it->second.Totals();
  }
  if (country) return by_country_[*country].Totals();
  if (year) {
    auto it = by_year_.find(*year);
    return it == by_year_.end() ? ReplyTotals{} : it->second.Totals();
  }
  return all_.Totals();
}

std::size_t ReplyIndex::MemoryUsage() const {
  std::size_t bytes = facts_.MemoryUsage() + all_.delays.capacity() * sizeof(int32_t);
  auto group = [&](const Group& g) {
    bytes += sizeof(Group) + g.delays.capacity() * sizeof(int32_t);
  };
  for (const auto& years : groups_)
    for (const auto& [year, g] : years) group(g), bytes += 48;
  for (const Group& g : by_country_) group(g);
  for (const auto& [year, g] : by_year_) group(g), bytes += 48;
  return bytes;
}

}  // namespace soj::tracker
