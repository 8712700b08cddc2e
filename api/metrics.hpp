#pragma once
// Metrics: request counts by route and status, a latency histogram, open connections, and
// store figures, rendered in the Prometheus text format.

#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>

#include "storage/store.hpp"

namespace soj::api {

class Metrics {
 public:
  // `route` is the route's operation id ("getAlert") or one of Api's fixed names ("unmatched",
  // "rateLimited", "redirectToPrimary"); never a raw path, so ids and names in URLs do not end
  // up in metrics. Every label set is bounded whatever clients send, because each series is
  // kept until restart: `method` is counted under its own name only when it is one of
  // MethodLabel's, otherwise under "OTHER"; `status` likewise (StatusLabel).
  void RecordRequest(std::string_view route, std::string_view method, int status, double seconds);
  // The label a request method is counted under: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS,
  // or OTHER for anything else a client sends (methods are case-sensitive tokens).
  static std::string_view MethodLabel(std::string_view method);
  // The label a status is counted under: the code itself for the statuses this server
  // answers with, else its class ("2xx" … "5xx"), else "other".
  static std::string StatusLabel(int status);
  void ConnectionOpened() {
    ++open_connections_;
    ++total_connections_;
  }
  void ConnectionClosed() { --open_connections_; }
  void ConnectionRejected() { ++rejected_connections_; }

  // `search_pending`: changes the full-text index has yet to apply (none: no index).
  std::string Render(const storage::Store& store, std::optional<std::size_t> search_pending) const;

 private:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1,    2.5};
  mutable std::mutex mutex_;
  // Route, method label and status label; looked up by string views, so counting allocates
  // nothing.
  using RequestKey = std::tuple<std::string, std::string, std::string>;
  using RequestKeyView = std::tuple<std::string_view, std::string_view, std::string_view>;
  struct RequestKeyLess {
    using is_transparent = void;
    static RequestKeyView View(const RequestKey& key) {
      return {std::get<0>(key), std::get<1>(key), std::get<2>(key)};
    }
    static const RequestKeyView& View(const RequestKeyView& key) { return key; }
    template <class A, class B>
    bool operator()(const A& a, const B& b) const {
      return View(a) < View(b);
    }
  };
  std::map<RequestKey, uint64_t, RequestKeyLess> requests_;
  std::array<uint64_t, kBuckets.size() + 1> latency_buckets_{};
  double latency_sum_ = 0;
  uint64_t latency_count_ = 0;
  std::atomic<int64_t> open_connections_{0};
  std::atomic<uint64_t> total_connections_{0};
  std::atomic<uint64_t> rejected_connections_{0};
};

}  // namespace soj::api
