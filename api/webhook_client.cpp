#include "api/webhook_client.hpp"

#include <openssl/ssl.h>

#include <boost/asio.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

namespace soj::api {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using asio::awaitable;
using namespace asio::experimental::awaitable_operators;
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

// Receivers answer with a status; a large body is not read.
constexpr std::size_t kMaxResponseBody = 64 << 10;

tracker::IpAddress ToIpAddress(const asio::ip::address& address) {
  if (address.is_v4()) return tracker::IpAddress::V4(address.to_v4().to_bytes());
  return tracker::IpAddress::V6(address.to_v6().to_bytes());
}

std::string HostHeader(const tracker::WebhookTarget& target) {
  std::string host =
      target.host.find(':') != std::string::npos ? "[" + target.host + "]" : target.host;
  const bool default_port = target.port == (target.https ? 443 : 80);
  return default_port ? host : host + ":" + std::to_string(target.port);
}

// Writes the request and reads the answer's status on a connected (and, for https,
// handshaken) stream.
template <class Stream>
awaitable<WebhookResponse> Exchange(Stream& stream, const WebhookRequest& request,
                                    std::chrono::steady_clock::time_point deadline) {
  http::request<http::string_body> message{http::verb::post, request.target.target, 11};
  message.set(http::field::host, HostHeader(request.target));
  message.set(http::field::user_agent, "soj-tracker-webhooks/1");
  message.set(http::field::content_type, "application/json");
  for (const auto& [name, value] : request.headers) message.set(name, value);
  message.keep_alive(false);
  message.body() = request.body;
  message.prepare_payload();
  beast::get_lowest_layer(stream).expires_at(deadline);
  auto [write_ec, written] = co_await http::async_write(stream, message, kNoThrow);
  if (write_ec) co_return WebhookResponse{0, "sending the request failed: " + write_ec.message()};
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.header_limit(16 << 10);
  parser.body_limit(kMaxResponseBody);
  auto [read_ec, read] = co_await http::async_read_header(stream, buffer, parser, kNoThrow);
  if (read_ec)
    co_return WebhookResponse{0, read_ec == beast::error::timeout
                                     ? "the receiver did not answer in time"
                                     : "reading the answer failed: " + read_ec.message()};
  const int status = static_cast<int>(parser.get().result_int());
  if (status >= 200 && status < 300) co_return WebhookResponse{status, ""};
  co_return WebhookResponse{status, "the receiver answered HTTP " + std::to_string(status)};
}

awaitable<WebhookResponse> Send(const WebhookRequest& request, const tracker::TargetPolicy& policy,
                                ssl::context& tls, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto executor = co_await asio::this_coro::executor;
  const tracker::WebhookTarget& target = request.target;

  tcp::resolver resolver(executor);
  asio::steady_timer timer(executor, timeout);
  auto resolved =
      co_await (resolver.async_resolve(target.host, std::to_string(target.port), kNoThrow) ||
                timer.async_wait(kNoThrow));
  if (resolved.index() == 1) co_return WebhookResponse{0, "resolving the host timed out"};
  auto [resolve_ec, endpoints] = std::get<0>(std::move(resolved));
  if (resolve_ec)
    co_return WebhookResponse{
        0, "the host " + target.host + " does not resolve: " + resolve_ec.message()};
  std::vector<tracker::IpAddress> addresses;
  for (const auto& entry : endpoints) addresses.push_back(ToIpAddress(entry.endpoint().address()));
  if (auto refused = tracker::CheckTargetAddresses(addresses, policy))
    co_return WebhookResponse{0, *refused};

  beast::tcp_stream stream(executor);
  stream.expires_at(deadline);
  // Only the addresses just checked: nothing is resolved again between check and connect.
  auto [connect_ec, connected] = co_await stream.async_connect(endpoints, kNoThrow);
  if (connect_ec) co_return WebhookResponse{0, "cannot connect: " + connect_ec.message()};
  if (!target.https) co_return co_await Exchange(stream, request, deadline);

  beast::ssl_stream<beast::tcp_stream> secure(std::move(stream), tls);
  const bool literal = tracker::IpAddress::Parse(target.host).has_value();
  if (!literal && SSL_set_tlsext_host_name(secure.native_handle(), target.host.c_str()) != 1)
    co_return WebhookResponse{0, "cannot set the TLS server name"};
  secure.set_verify_mode(ssl::verify_peer);
  secure.set_verify_callback(ssl::host_name_verification(target.host));
  beast::get_lowest_layer(secure).expires_at(deadline);
  auto [handshake_ec] = co_await secure.async_handshake(ssl::stream_base::client, kNoThrow);
  if (handshake_ec) co_return WebhookResponse{0, "TLS handshake failed: " + handshake_ec.message()};
  co_return co_await Exchange(secure, request, deadline);
}

}  // namespace

awaitable<WebhookResponse> SendWebhook(const WebhookRequest& request,
                                       const tracker::TargetPolicy& policy, ssl::context& tls,
                                       std::chrono::milliseconds timeout) {
  try {
    co_return co_await Send(request, policy, tls, timeout);
  } catch (const std::exception& e) {
    co_return WebhookResponse{0, std::string("delivery failed: ") + e.what()};
  }
}

}  // namespace soj::api
