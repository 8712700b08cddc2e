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
  const Fact fact{published_on.days(), delay, country, static_cast<int16_t>(published_on.year())};
  latest_change_day_ = std::max(latest_change_day_, published_on.days());
  if (first_reply_on) latest_change_day_ = std::max(latest_change_day_, first_reply_on->days());
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

ReplyIndex::Report ReplyIndex::Totals(std::optional<uint16_t> country, std::optional<int> year,
                                      std::optional<Date> as_of) const {
  if (as_of && as_of->days() < latest_change_day_) return Past(country, year, as_of->days());
  return Present(country, year);
}

ReplyIndex::Report ReplyIndex::Present(std::optional<uint16_t> country,
                                       std::optional<int> year) const {
  Report out;
  for (std::size_t c = 0; c < groups_.size(); ++c) {
    if (country && c != *country) continue;
    for (const auto& [y, group] : groups_[c])
      if (!year || y == *year) out.groups.push_back({static_cast<uint16_t>(c), y, group.Totals()});
  }
  if (country && *country >= groups_.size()) return out;
  if (country && year) {
    auto it = groups_[*country].find(*year);
    if (it != groups_[*country].end()) out.total = it->second.Totals();
  } else if (country) {
    out.total = by_country_[*country].Totals();
  } else if (year) {
    auto it = by_year_.find(*year);
    if (it != by_year_.end()) out.total = it->second.Totals();
  } else {
    out.total = all_.Totals();
  }
  return out;
}

ReplyIndex::Report ReplyIndex::Past(std::optional<uint16_t> country, std::optional<int> year,
                                    int32_t as_of) const {
  std::map<std::pair<uint16_t, int>, Group> groups;
  Group all;
  facts_.ForEach([&](AlertId, const Fact& fact) {
    if (fact.published > as_of) return;
    if (country && fact.country != *country) return;
    if (year && fact.year != *year) return;
    Fact then = fact;
    if (then.delay != kNoReply && then.published + then.delay > as_of) then.delay = kNoReply;
    groups[{then.country, then.year}].Add(then, /*bulk=*/true);
    all.Add(then, /*bulk=*/true);
  });
  Report out;
  for (auto& [key, group] : groups) {
    std::sort(group.delays.begin(), group.delays.end());
    out.groups.push_back({key.first, key.second, group.Totals()});
  }
  std::sort(all.delays.begin(), all.delays.end());
  out.total = all.Totals();
  return out;
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
