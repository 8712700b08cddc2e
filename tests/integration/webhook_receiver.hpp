#pragma once
// A webhook receiver for tests: an HTTP server on 127.0.0.1 (ephemeral port) that records
// every request it gets, checks its X-Soj-Signature with its own HMAC code (OpenSSL, not the
// server's), and answers 200, or a failure status while told to fail.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace soj::testing {

struct ReceivedRequest {
  std::string delivery_id;  // X-Soj-Delivery
  std::string event;        // X-Soj-Event
  std::string signature;    // X-Soj-Signature
  std::string content_type;
  std::string body;
  bool signature_ok = false;  // v1 matches HMAC-SHA256(secret, "t.body") and t is recent
  int answered = 0;           // the status the receiver answered with
};

class WebhookReceiver {
 public:
  WebhookReceiver();
  ~WebhookReceiver();
  WebhookReceiver(const WebhookReceiver&) = delete;
  WebhookReceiver& operator=(const WebhookReceiver&) = delete;

  // "http://127.0.0.1:<port>/hook"
  std::string url() const;
  // Signatures are checked against this secret (set it as soon as the subscription exists).
  void SetSecret(const std::string& secret);
  // Answers the next `n` requests with `status`, then 200 again.
  void FailNext(int n, int status = 503);
  // Answers every request with 503 until told otherwise.
  void SetFailing(bool failing);

  std::vector<ReceivedRequest> Received() const;
  // The requests answered 2xx, in arrival order.
  std::vector<ReceivedRequest> Accepted() const;
  // Waits until at least `n` requests were answered 2xx; false after `timeout_ms`.
  bool WaitForAccepted(std::size_t n, int timeout_ms) const;
  // Waits until at least `n` requests arrived at all.
  bool WaitForReceived(std::size_t n, int timeout_ms) const;

 private:
  void Serve();
  bool WaitUntil(const std::function<bool()>& done, int timeout_ms) const;

  int listen_fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::string secret_;
  int fail_next_ = 0;
  int fail_status_ = 503;
  bool failing_ = false;
  std::vector<ReceivedRequest> received_;
  std::thread thread_;
};

}  // namespace soj::testing
