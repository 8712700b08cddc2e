#include "api/webhook_dispatcher.hpp"

#include <boost/asio.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/json.hpp>
#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "api/webhook_client.hpp"
#include "tracker/webhook_signature.hpp"

namespace soj::api {
namespace {

namespace asio = boost::asio;
namespace ssl = asio::ssl;
using asio::awaitable;
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);
// The outbox is looked at this often even when nothing signals it (retries falling due).
constexpr int64_t kIdlePollMs = 1000;
// When an attempt's outcome cannot be recorded (the store refuses writes), its subscription
// waits this long before the delivery is sent again, instead of hammering the receiver.
constexpr int64_t kUnrecordedPauseMs = 5000;

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string Quote(std::string_view text) {
  return boost::json::serialize(boost::json::string(text));
}

// One line per attempt: ids, event, status, error and state; never the secret, the body or
// the target URL (a query string may carry the receiver's own token).
void LogAttempt(const tracker::Delivery& d, const tracker::DeliveryAttempt& attempt,
                std::string_view state) {
  const bool ok = attempt.error.empty();
  std::fprintf(stderr,
               "{\"level\":\"%s\",\"msg\":\"webhook delivery\",\"subscription\":%s,"
               "\"delivery\":%s,\"event\":%s,\"status\":%d,\"error\":%s,\"state\":%s,"
               "\"duration_ms\":%lld}\n",
               ok ? "info" : (state == "failed" ? "error" : "warn"),
               Quote(d.subscription_id).c_str(), Quote(d.id).c_str(),
               Quote(tracker::ToString(d.event)).c_str(), attempt.status,
               Quote(attempt.error).c_str(), Quote(state).c_str(),
               static_cast<long long>(attempt.duration_ms));
}

}  // namespace

struct WebhookDispatcher::Impl {
  Impl(tracker::Platform& platform_in, WebhookDispatcherOptions options_in)
      : platform(platform_in),
        options(std::move(options_in)),
        pool(2),
        tls(ssl::context::tls_client),
        wake_timer(io),
        random(std::random_device{}()) {}

  bool Start(std::string* error) {
    boost::system::error_code ec;
    tls.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                    ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
    tls.set_default_verify_paths(ec);
    if (!ec && !options.ca_file.empty()) tls.load_verify_file(options.ca_file, ec);
    if (ec) {
      *error = "cannot load trusted certificates" +
               (options.ca_file.empty() ? std::string() : " from " + options.ca_file) + ": " +
               ec.message();
      return false;
    }
    tls.set_verify_mode(ssl::verify_peer);
    subscription = platform.outbox_signal().Subscribe([this] { Wake(); });
    asio::co_spawn(io, Loop(), asio::detached);
    thread = std::thread([this] { io.run(); });
    return true;
  }

  void Stop() {
    if (!thread.joinable()) return;
    platform.outbox_signal().Unsubscribe(subscription);
    io.stop();
    thread.join();
    pool.join();
  }

  // From any thread: look at the outbox again now.
  void Wake() {
    asio::post(io, [this] {
      woken = true;
      wake_timer.cancel();
    });
  }

  template <class F>
  awaitable<std::invoke_result_t<F>> OnPool(F f) {
    using R = std::invoke_result_t<F>;
    co_return co_await asio::co_spawn(
        pool, [f = std::move(f)]() mutable -> awaitable<R> { co_return f(); }, asio::use_awaitable);
  }

  awaitable<void> Loop() {
    for (;;) {
      woken = false;
      auto heads = co_await OnPool([this] { return platform.outbox().PendingHeads(); });
      const int64_t now = NowMs();
      int64_t next_due = now + kIdlePollMs;
      if (!heads) {
        std::fprintf(stderr,
                     "{\"level\":\"error\",\"msg\":\"webhook outbox unreadable\","
                     "\"error\":%s}\n",
                     Quote(heads.error().message).c_str());
      } else {
        for (tracker::Delivery& d : *heads) {
          if (in_flight.count(d.subscription_id) != 0) continue;
          if (auto held = held_until.find(d.subscription_id); held != held_until.end()) {
            if (held->second > now) {
              next_due = std::min(next_due, held->second);
              continue;
            }
            held_until.erase(held);
          }
          if (d.next_attempt_ms > now) {
            next_due = std::min(next_due, d.next_attempt_ms);
            continue;
          }
          if (in_flight.size() >= options.max_in_flight) break;
          in_flight.insert(d.subscription_id);
          asio::co_spawn(io, Deliver(std::move(d)), asio::detached);
        }
      }
      if (woken) continue;
      wake_timer.expires_after(std::chrono::milliseconds(std::max<int64_t>(1, next_due - now)));
      co_await wake_timer.async_wait(kNoThrow);
    }
  }

  awaitable<void> Deliver(tracker::Delivery d) {
    const auto started = std::chrono::steady_clock::now();
    tracker::DeliveryAttempt attempt;
    attempt.at = tracker::Timestamp::FromUnixSeconds(NowMs() / 1000);
    std::optional<tracker::Subscription> subscription_now =
        platform.subscription_registry().Find(d.subscription_id);
    if (!subscription_now) {  // deleted meanwhile: its records are going too
      in_flight.erase(d.subscription_id);
      co_return;
    }
    // Sends only while the subscription is active and its credential still stands for its
    // owner: a revocation normally stopped it in its own commit already; this catches the
    // rest (a credential disabled or changed another way, a write that raced the stop).
    const bool stands =
        co_await OnPool([this, &subscription_now] { return StillBound(*subscription_now); });
    if (!stands) {
      auto stopped = co_await OnPool([this, &subscription_now] {
        return platform.subscriptions().Stop(
            subscription_now->id,
            subscription_now->credential.empty()
                ? std::string_view("the subscription is not bound to a credential")
                : std::string_view("the credential that created this subscription was revoked "
                                   "or no longer grants its rights"));
      });
      if (!stopped && stopped.error().kind != tracker::ErrorKind::kNotFound)
        held_until[d.subscription_id] = NowMs() + kUnrecordedPauseMs;
      std::fprintf(stderr,
                   "{\"level\":\"warn\",\"msg\":\"webhook subscription stopped\","
                   "\"subscription\":%s}\n",
                   Quote(d.subscription_id).c_str());
      in_flight.erase(d.subscription_id);
      co_return;
    }
    using Outcome = tracker::WebhookOutbox::Outcome;
    Outcome outcome = Outcome::kRetry;
    tracker::FieldErrors errors;
    auto target = tracker::ParseWebhookTarget(subscription_now->url, options.policy, "url", errors);
    // Rendered now, from the alert as it is: a name withheld since the change is not sent.
    auto body = co_await OnPool(
        [this, &d, &subscription_now] { return platform.outbox().Render(d, *subscription_now); });
    if (!target) {
      attempt.error = "the target URL is no longer allowed: " + errors.items().front().message;
      outcome = Outcome::kRefused;
    } else if (!body) {
      attempt.error = "the alert cannot be read: " + body.error().message;
    } else if (!*body) {
      attempt.error = "not sent: the subscription's owner may no longer see this alert";
      outcome = Outcome::kRefused;
    } else {
      WebhookRequest request{*target, {}, **body};
      request.headers = {
          {"X-Soj-Event", std::string(tracker::ToString(d.event))},
          {"X-Soj-Delivery", d.id},
          {"X-Soj-Signature",
           tracker::WebhookSignature(subscription_now->secret, attempt.at.unix_seconds(), **body)}};
      WebhookResponse response =
          co_await SendWebhook(request, options.policy, tls, options.timeout);
      attempt.status = response.status;
      attempt.error = response.error;
      if (response.error.empty()) outcome = Outcome::kDelivered;
    }
    attempt.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::steady_clock::now() - started)
                              .count();
    const double jitter = std::uniform_real_distribution<double>(0.0, 1.0)(random);
    auto recorded = co_await OnPool([this, &d, &attempt, outcome, jitter] {
      return platform.outbox().RecordAttempt(d, attempt, outcome, NowMs(), jitter);
    });
    if (!recorded && recorded.error().kind != tracker::ErrorKind::kConflict) {
      held_until[d.subscription_id] = NowMs() + kUnrecordedPauseMs;
      std::fprintf(stderr,
                   "{\"level\":\"error\",\"msg\":\"webhook attempt not recorded\","
                   "\"delivery\":%s,\"error\":%s}\n",
                   Quote(d.id).c_str(), Quote(recorded.error().message).c_str());
    }
    LogAttempt(d, attempt, recorded ? tracker::ToString(recorded->state) : "unrecorded");
    in_flight.erase(d.subscription_id);
    woken = true;  // the subscription's next delivery may go now
    wake_timer.cancel();
  }

  // Active, and bound to a credential that still grants exactly the owner's rights.
  bool StillBound(const tracker::Subscription& s) const {
    if (!s.Active()) return false;
    const std::string_view token_id = tracker::TokenIdOf(s.credential);
    if (token_id.empty()) return false;  // a kind of credential this server cannot check
    tracker::Principal owner = s.owner;
    owner.token_id = std::string(token_id);
    return platform.tokens().StillAuthorises(owner);
  }

  tracker::Platform& platform;
  WebhookDispatcherOptions options;
  asio::io_context io;     // one thread: the loop and every delivery run on it
  asio::thread_pool pool;  // store reads and writes, off the network thread
  ssl::context tls;
  asio::steady_timer wake_timer;
  bool woken = false;               // touched on the io thread only
  std::set<std::string> in_flight;  // subscriptions with an attempt running; io thread only
  std::map<std::string, int64_t> held_until;  // after an unrecorded attempt; io thread only
  std::mt19937_64 random;                     // jitter; io thread only
  uint64_t subscription = 0;
  std::thread thread;
};

WebhookDispatcher::WebhookDispatcher(tracker::Platform& platform, WebhookDispatcherOptions options)
    : impl_(std::make_unique<Impl>(platform, std::move(options))) {}
WebhookDispatcher::~WebhookDispatcher() { Stop(); }
bool WebhookDispatcher::Start(std::string* error) { return impl_->Start(error); }
void WebhookDispatcher::Stop() { impl_->Stop(); }

}  // namespace soj::api
