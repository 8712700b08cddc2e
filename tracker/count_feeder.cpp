#include "tracker/count_feeder.hpp"

#include <utility>

namespace soj::tracker {

CountFeeder::CountFeeder(AlertCountIndex& counts) : counts_(counts) {
  thread_ = std::thread([this] { Run(); });
}

CountFeeder::~CountFeeder() { Finish(); }

void CountFeeder::Add(const CountedAlert& alert) {
  filling_.partner_ranges.emplace_back(static_cast<uint32_t>(filling_.partners.size()),
                                       static_cast<uint32_t>(alert.partners.size()));
  filling_.partners.insert(filling_.partners.end(), alert.partners.begin(), alert.partners.end());
  filling_.alerts.push_back(alert);
  filling_.alerts.back().partners = {};  // pointed at the batch's own copy when counted
  if (filling_.alerts.size() == kBatchSize) Push();
}

void CountFeeder::Push() {
  std::unique_lock lock(mutex_);
  room_.wait(lock, [&] { return queued_.size() < kMaxQueued; });
  queued_.push_back(std::exchange(filling_, Batch{}));
  ready_.notify_one();
}

void CountFeeder::Finish() {
  if (!thread_.joinable()) return;
  if (!filling_.alerts.empty()) Push();
  {
    std::lock_guard lock(mutex_);
    done_ = true;
    ready_.notify_one();
  }
  thread_.join();
}

void CountFeeder::Run() {
  for (;;) {
    Batch batch;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [&] { return !queued_.empty() || done_; });
      if (queued_.empty()) return;
      batch = std::move(queued_.front());
      queued_.pop_front();
      room_.notify_one();
    }
    for (std::size_t i = 0; i < batch.alerts.size(); ++i) {
      CountedAlert& alert = batch.alerts[i];
      const auto [offset, count] = batch.partner_ranges[i];
      alert.partners = {batch.partners.data() + offset, count};
      counts_.Set(alert);
    }
  }
}

}  // namespace soj::tracker
