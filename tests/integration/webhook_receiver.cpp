#include "tests/integration/webhook_receiver.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <stdexcept>

namespace soj::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

std::string Hex(const unsigned char* data, unsigned length) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < length; ++i) {
    out.push_back(kDigits[data[i] >> 4]);
    out.push_back(kDigits[data[i] & 15]);
  }
  return out;
}

// "t=<unix>,v1=<hex>" against HMAC-SHA256(secret, "<t>.<body>"), t within five minutes.
bool SignatureValid(const std::string& header, const std::string& secret, const std::string& body) {
  const auto comma = header.find(",v1=");
  if (!header.starts_with("t=") || comma == std::string::npos || secret.empty()) return false;
  const std::string t = header.substr(2, comma - 2);
  const std::string v1 = header.substr(comma + 4);
  const long long sent = std::stoll(t);
  const long long now = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
  if (std::llabs(now - sent) > 300) return false;
  const std::string data = t + "." + body;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest, &length);
  return Hex(digest, length) == v1;
}

}  // namespace

WebhookReceiver::WebhookReceiver() {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  if (listen_fd_ < 0 || ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
      ::listen(listen_fd_, 64) != 0 ||
      ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &size) != 0)
    throw std::runtime_error("the webhook receiver cannot listen");
  port_ = ntohs(address.sin_port);
  thread_ = std::thread([this] { Serve(); });
}

WebhookReceiver::~WebhookReceiver() {
  stopping_ = true;
  ::shutdown(listen_fd_, SHUT_RDWR);  // wakes the blocked accept()
  thread_.join();
  ::close(listen_fd_);
}

std::string WebhookReceiver::url() const {
  return "http://127.0.0.1:" + std::to_string(port_) + "/hook";
}

void WebhookReceiver::SetSecret(const std::string& secret) {
  std::lock_guard lock(mutex_);
  secret_ = secret;
}

void WebhookReceiver::FailNext(int n, int status) {
  std::lock_guard lock(mutex_);
  fail_next_ = n;
  fail_status_ = status;
}

void WebhookReceiver::SetFailing(bool failing) {
  std::lock_guard lock(mutex_);
  failing_ = failing;
}

void WebhookReceiver::Serve() {
  asio::io_context io;
  while (!stopping_) {
    const int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) {
      if (stopping_) return;
      continue;
    }
    beast::tcp_stream stream(tcp::socket(io, tcp::v4(), fd));
    stream.expires_after(std::chrono::seconds(10));
    beast::flat_buffer buffer;
    http::request<http::string_body> request;
    beast::error_code ec;
    http::read(stream, buffer, request, ec);
    if (ec) continue;
    ReceivedRequest got;
    got.delivery_id = std::string(request["X-Soj-Delivery"]);
    got.event = std::string(request["X-Soj-Event"]);
    got.signature = std::string(request["X-Soj-Signature"]);
    got.content_type = std::string(request[http::field::content_type]);
    got.body = request.body();
    {
      std::lock_guard lock(mutex_);
      got.signature_ok = SignatureValid(got.signature, secret_, got.body);
      got.answered = 200;
      if (failing_) {
        got.answered = 503;
      } else if (fail_next_ > 0) {
        --fail_next_;
        got.answered = fail_status_;
      }
    }
    http::response<http::string_body> response{static_cast<http::status>(got.answered), 11};
    response.body() = "ok";
    response.prepare_payload();
    response.keep_alive(false);
    http::write(stream, response, ec);
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    {
      std::lock_guard lock(mutex_);
      received_.push_back(std::move(got));
    }
    changed_.notify_all();
  }
}

std::vector<ReceivedRequest> WebhookReceiver::Received() const {
  std::lock_guard lock(mutex_);
  return received_;
}

std::vector<ReceivedRequest> WebhookReceiver::Accepted() const {
  std::vector<ReceivedRequest> out;
  for (auto& r : Received())
    if (r.answered >= 200 && r.answered < 300) out.push_back(r);
  return out;
}

bool WebhookReceiver::WaitUntil(const std::function<bool()>& done, int timeout_ms) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, std::chrono::milliseconds(timeout_ms), done);
}

bool WebhookReceiver::WaitForAccepted(std::size_t n, int timeout_ms) const {
  return WaitUntil(
      [&] {
        std::size_t ok = 0;
        for (const auto& r : received_) ok += r.answered >= 200 && r.answered < 300;
        return ok >= n;
      },
      timeout_ms);
}

bool WebhookReceiver::WaitForReceived(std::size_t n, int timeout_ms) const {
  return WaitUntil([&] { return received_.size() >= n; }, timeout_ms);
}

}  // namespace soj::testing
