#include "api/metrics.hpp"

#include <sstream>

#include "api/responses.hpp"

namespace soj::api {

std::string_view Metrics::MethodLabel(std::string_view method) {
  for (std::string_view known : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
    if (method == known) return known;
  return "OTHER";
}

std::string Metrics::StatusLabel(int status) {
  // ReasonPhrase knows every status this server answers with, and no other.
  if (ReasonPhrase(status) != "Unknown") return std::to_string(status);
  if (status >= 100 && status <= 599) return std::to_string(status / 100) + "xx";
  return "other";
}

void Metrics::RecordRequest(std::string_view route, std::string_view method, int status,
                            double seconds) {
  const std::string_view method_label = MethodLabel(method);
  const std::string status_label = StatusLabel(status);
  std::lock_guard lock(mutex_);
  auto counter = requests_.find(RequestKeyView(route, method_label, status_label));
  if (counter == requests_.end())
    counter = requests_.emplace(RequestKey(route, method_label, status_label), 0).first;
  ++counter->second;
  std::size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  ++latency_buckets_[bucket];
  latency_sum_ += seconds;
  ++latency_count_;
}

std::string Metrics::Render(const storage::Store& store,
                            std::optional<std::size_t> search_pending) const {
  std::ostringstream out;
  {
    std::lock_guard lock(mutex_);
    out << "# HELP soj_http_requests_total HTTP requests answered, by route, method and status.\n"
        << "# TYPE soj_http_requests_total counter\n";
    for (const auto& [key, count] : requests_) {
      const auto& [route, method, status] = key;
      out << "soj_http_requests_total{route=\"" << route << "\",method=\"" << method
          << "\",status=\"" << status << "\"} " << count << "\n";
    }
    out << "# HELP soj_http_request_duration_seconds Time from request read to response ready.\n"
        << "# TYPE soj_http_request_duration_seconds histogram\n";
    uint64_t cumulative = 0;
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += latency_buckets_[i];
      out << "soj_http_request_duration_seconds_bucket{le=\"" << kBuckets[i] << "\"} " << cumulative
          << "\n";
    }
    cumulative += latency_buckets_.back();
    out << "soj_http_request_duration_seconds_bucket{le=\"+Inf\"} " << cumulative << "\n"
        << "soj_http_request_duration_seconds_sum " << latency_sum_ << "\n"
        << "soj_http_request_duration_seconds_count " << latency_count_ << "\n";
  }
  out << "# HELP soj_http_open_connections Connections open now.\n"
      << "# TYPE soj_http_open_connections gauge\n"
      << "soj_http_open_connections " << open_connections_.load() << "\n"
      << "# HELP soj_http_connections_total Connections accepted.\n"
      << "# TYPE soj_http_connections_total counter\n"
      << "soj_http_connections_total " << total_connections_.load() << "\n"
      << "# HELP soj_http_connections_rejected_total Connections refused at the cap.\n"
      << "# TYPE soj_http_connections_rejected_total counter\n"
      << "soj_http_connections_rejected_total " << rejected_connections_.load() << "\n"
      << "# HELP soj_store_live_data_bytes Estimated live data in the store.\n"
      << "# TYPE soj_store_live_data_bytes gauge\n"
      << "soj_store_live_data_bytes " << store.IntProperty("rocksdb.estimate-live-data-size")
      << "\n"
      << "# HELP soj_store_sst_bytes Size of the store's SST files.\n"
      << "# TYPE soj_store_sst_bytes gauge\n"
      << "soj_store_sst_bytes " << store.IntProperty("rocksdb.total-sst-files-size") << "\n"
      << "# HELP soj_store_write_stopped 1 while RocksDB stops writes (stall).\n"
      << "# TYPE soj_store_write_stopped gauge\n"
      << "soj_store_write_stopped " << store.IntProperty("rocksdb.is-write-stopped") << "\n"
      << "# HELP soj_store_delayed_write_rate Bytes/s RocksDB slows writes to (0 = no stall).\n"
      << "# TYPE soj_store_delayed_write_rate gauge\n"
      << "soj_store_delayed_write_rate " << store.IntProperty("rocksdb.actual-delayed-write-rate")
      << "\n";
  if (search_pending)
    out << "# HELP soj_search_pending_changes Committed changes the search index has yet to "
           "apply.\n"
        << "# TYPE soj_search_pending_changes gauge\n"
        << "soj_search_pending_changes " << *search_pending << "\n";
  return out.str();
}

}  // namespace soj::api
