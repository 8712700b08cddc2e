#include "tracker/reply_index.hpp"

#include <algorithm>

namespace soj::tracker {

ReplyIndex::Late ReplyIndex::Late::Of(const Fact& fact) {
  if (fact.delay == kNoReply) return {fact.published, kNoReply};
  return {fact.published + std::max(fact.delay, 0), fact.delay};
}

int32_t ReplyIndex::Late::published() const {
  return delay == kNoReply ? day : day - std::max(delay, 0);
}

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
  const DelaysThen now{&delays, {}};
  return {published, with_reply, MedianOf({&now, 1}, delays.size())};
}

void ReplyIndex::Apply(const Fact& fact, bool add) {
  if (fact.country >= groups_.size()) {
    groups_.resize(fact.country + 1u);
    by_country_.resize(fact.country + 1u);
  }
  std::map<int, Group>& years = groups_[fact.country];
  auto group = years.try_emplace(fact.year).first;
  Group* groups[] = {&group->second, &by_country_[fact.country], &by_year_[fact.year], &all_};
  std::vector<Late>& late = group->second.late;
  const Late mine = Late::Of(fact);
  if (add && bulk_) {
    late.push_back(mine);
  } else if (add) {
    late.insert(std::upper_bound(late.begin(), late.end(), mine), mine);
  } else if (auto it = std::lower_bound(late.begin(), late.end(), mine);
             it != late.end() && *it == mine) {
    late.erase(it);
  }
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
  auto sort = [](Group& g) {
    std::sort(g.delays.begin(), g.delays.end());
    std::sort(g.late.begin(), g.late.end());
  };
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
  const int as_of_year = Date::FromDays(as_of).year();
  Report out;
  std::vector<DelaysThen> parts;                // with a country: its groups
  std::map<int, std::vector<int32_t>> removed;  // without: by year, from by_year_
  for (std::size_t c = 0; c < groups_.size(); ++c) {
    if (country && c != *country) continue;
    for (const auto& [y, group] : groups_[c]) {
      if (y > as_of_year) break;  // published after the day asked, all of them
      if (year && y != *year) continue;
      ReplyTotals then{group.published, group.with_reply, std::nullopt};
      DelaysThen delays{&group.delays, {}};
      auto changed = std::upper_bound(group.late.begin(), group.late.end(), Late{as_of, INT32_MAX});
      for (auto it = changed; it != group.late.end(); ++it) {
        if (it->published() > as_of) --then.published;
        if (it->delay == kNoReply) continue;
        --then.with_reply;
        delays.removed.push_back(it->delay);
      }
      std::sort(delays.removed.begin(), delays.removed.end());
      then.median_days = MedianOf({&delays, 1}, then.with_reply);
      out.total.published += then.published;
      out.total.with_reply += then.with_reply;
      if (!country) {  // the year's group holds this one's delays: take them back there too
        auto& of_year = removed[y];
        of_year.insert(of_year.end(), delays.removed.begin(), delays.removed.end());
      }
      if (then.published == 0) continue;  // none of its alerts was public yet
      out.groups.push_back({static_cast<uint16_t>(c), y, then});
      if (country) parts.push_back(std::move(delays));
    }
  }
  if (!country) {
    for (auto& [y, of_year] : removed) {
      std::sort(of_year.begin(), of_year.end());
      parts.push_back({&by_year_.at(y).delays, std::move(of_year)});
    }
  }
  out.total.median_days = MedianOf(parts, out.total.with_reply);
  return out;
}

std::optional<double> ReplyIndex::MedianOf(std::span<const DelaysThen> parts, uint64_t count) {
  if (count == 0) return std::nullopt;
  if (parts.size() == 1 && parts[0].removed.empty()) {  // all of one sorted vector
    const std::vector<int32_t>& d = *parts[0].delays;
    return count % 2 == 1 ? double(d[count / 2])
                          : (double(d[count / 2 - 1]) + double(d[count / 2])) / 2.0;
  }
  int64_t lo = INT64_MAX, hi = INT64_MIN;
  for (const DelaysThen& part : parts) {
    if (part.delays->empty()) continue;
    lo = std::min<int64_t>(lo, part.delays->front());
    hi = std::max<int64_t>(hi, part.delays->back());
  }
  // How many delays then are at most v.
  auto at_most = [&](int64_t v) {
    uint64_t n = 0;
    for (const DelaysThen& part : parts) {
      auto upto = [&](const std::vector<int32_t>& sorted) {
        return static_cast<uint64_t>(
            std::upper_bound(sorted.begin(), sorted.end(), v, std::less<int64_t>()) -
            sorted.begin());
      };
      n += upto(*part.delays) - upto(part.removed);
    }
    return n;
  };
  // The k-th smallest (from 0): the least v with more than k delays at most v.
  auto kth = [&](uint64_t k) {
    int64_t low = lo, high = hi;
    while (low < high) {
      const int64_t mid = low + (high - low) / 2;
      if (at_most(mid) > k)
        high = mid;
      else
        low = mid + 1;
    }
    return static_cast<double>(low);
  };
  return count % 2 == 1 ? kth(count / 2) : (kth(count / 2 - 1) + kth(count / 2)) / 2.0;
}

std::size_t ReplyIndex::MemoryUsage() const {
  std::size_t bytes = facts_.MemoryUsage() + all_.delays.capacity() * sizeof(int32_t);
  auto group = [&](const Group& g) {
    bytes +=
        sizeof(Group) + g.delays.capacity() * sizeof(int32_t) + g.late.capacity() * sizeof(Late);
  };
  for (const auto& years : groups_)
    for (const auto& [year, g] : years) group(g), bytes += 48;
  for (const Group& g : by_country_) group(g);
  for (const auto& [year, g] : by_year_) group(g), bytes += 48;
  return bytes;
}

}  // namespace soj::tracker
