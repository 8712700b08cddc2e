#pragma once
// Sending responses over a Beast stream: whole bodies (from memory, or from a BodyFile with
// sendfile(2)) and streamed bodies in chunks. Templates over the stream type (TCP or TLS),
// included by server.cpp alone so that Beast is compiled in one translation unit.

#include <sys/sendfile.h>
#include <sys/socket.h>

#include <boost/asio.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <memory>
#include <sstream>
#include <string>
#include <type_traits>

#include "api/body_file.hpp"
#include "api/http_message.hpp"

namespace soj::api::server_detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
inline constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

inline void LogError(const char* what, const std::string& detail) {
  std::fprintf(stderr, "{\"level\":\"warn\",\"msg\":\"%s\",\"error\":\"%s\"}\n", what,
               detail.c_str());
}

// A deadline that cancels the socket's pending operation when it passes, leaving the socket
// open (for a 408 answer, say), where tcp_stream's own timeout would close it. Each arming
// gets a new generation, so a timer that fired just as its operation completed cannot cancel
// a later one; the state outlives this object, and the socket pointer is cleared with it.
class SocketDeadline {
 public:
  SocketDeadline(const asio::any_io_executor& executor, tcp::socket& socket)
      : timer_(executor), state_(std::make_shared<State>()) {
    state_->socket = &socket;
  }
  ~SocketDeadline() { state_->socket = nullptr; }
  SocketDeadline(const SocketDeadline&) = delete;
  SocketDeadline& operator=(const SocketDeadline&) = delete;

  void Arm(std::chrono::milliseconds limit) {
    const uint64_t generation = ++state_->generation;
    timer_.expires_after(limit);
    timer_.async_wait([state = state_, generation](boost::system::error_code ec) {
      if (ec || state->generation != generation || state->socket == nullptr) return;
      state->timed_out = true;
      boost::system::error_code ignored;
      state->socket->cancel(ignored);
    });
  }
  void Disarm() {
    ++state_->generation;
    timer_.cancel();
  }
  bool timed_out() const { return state_->timed_out; }

 private:
  struct State {
    tcp::socket* socket = nullptr;
    uint64_t generation = 0;
    bool timed_out = false;
  };
  asio::steady_timer timer_;
  std::shared_ptr<State> state_;
};

// Sends the header, then the body from its file with sendfile(2), under the write timeout:
// the kernel hands the file's pages to the socket instead of copying the bytes (BodyFile).
// MSG_MORE holds the header back until the body follows, so they leave in the same packets.
inline awaitable<bool> WriteFromFile(tcp::socket& socket, const http::response_header<>& header,
                                     const BodyFile& file,
                                     std::chrono::milliseconds write_timeout) {
  std::ostringstream start;
  start << header;  // the status line, the fields and the empty line
  const std::string header_bytes = start.str();
  boost::system::error_code ec;
  socket.native_non_blocking(true, ec);
  if (ec) co_return false;
  SocketDeadline deadline(co_await asio::this_coro::executor, socket);
  deadline.Arm(write_timeout);
  const int fd = socket.native_handle();
  std::string_view pending = header_bytes;
  off_t offset = 0;
  while (!pending.empty() || static_cast<std::size_t>(offset) < file.size()) {
    const ssize_t sent =
        !pending.empty()
            ? ::send(fd, pending.data(), pending.size(), MSG_MORE | MSG_NOSIGNAL)
            : ::sendfile(fd, file.fd(), &offset, file.size() - static_cast<std::size_t>(offset));
    if (sent > 0) {
      if (!pending.empty()) pending.remove_prefix(static_cast<std::size_t>(sent));
      continue;
    }
    if (sent < 0 && errno == EINTR) continue;
    if (sent == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) co_return false;
    auto [wait_ec] = co_await socket.async_wait(tcp::socket::wait_write, kNoThrow);
    if (wait_ec || deadline.timed_out()) co_return false;
  }
  deadline.Disarm();
  co_return true;
}

// Sends `response` (its body, or its header only for HEAD) under `write_timeout`.
template <class Stream>
awaitable<bool> WriteResponse(Stream& stream, const HttpResponse& response, unsigned version,
                              bool keep_alive, bool head, std::chrono::milliseconds write_timeout) {
  // The body is sent from the response where it lies (a cached page is 100 KB), not copied.
  using Body = http::span_body<const char>;
  http::response<Body> message{static_cast<http::status>(response.status), version};
  message.set(http::field::server, "soj-tracker");
  for (const auto& [name, value] : response.headers) message.insert(name, value);
  message.keep_alive(keep_alive);
  const std::size_t length = response.body.size();
  if (!head) message.body() = Body::value_type(response.body.data(), length);
  message.content_length(length);
  if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
    if (!head && response.body.file())
      co_return co_await WriteFromFile(stream.socket(), message.base(), *response.body.file(),
                                       write_timeout);
  }
  beast::get_lowest_layer(stream).expires_after(write_timeout);
  http::serializer<false, Body> serializer(message);
  auto [ec, n] = head ? co_await http::async_write_header(stream, serializer, kNoThrow)
                      : co_await http::async_write(stream, serializer, kNoThrow);
  co_return !ec;
}

// Ends a connection at once: the close resets it (SO_LINGER 0) instead of sending what is
// still queued in the kernel first, so nothing more reaches the client.
inline void AbortConnection(tcp::socket& socket) {
  boost::system::error_code ignored;
  socket.set_option(asio::socket_base::linger(true, 0), ignored);
  socket.close(ignored);
}

// How long the write of the next piece of a stream may take: the write timeout, and no more
// than leaves the reader's average, over the time spent waiting on it (`waited`), at or above
// `min_bytes_per_second` once `sent_after` bytes are through, the first write timeout being a
// grace. Zero or less: the reader is already too slow.
inline std::chrono::milliseconds StreamWriteBudget(std::chrono::milliseconds write_timeout,
                                                   std::size_t min_bytes_per_second,
                                                   uint64_t sent_after,
                                                   std::chrono::milliseconds waited) {
  if (min_bytes_per_second == 0) return write_timeout;
  const auto earned =
      std::chrono::milliseconds(static_cast<int64_t>(sent_after * 1000 / min_bytes_per_second));
  return std::min(write_timeout, write_timeout + earned - waited);
}

// Sends a streamed response (HttpResponse::stream): the header, then every piece the
// producer makes on the worker pool (one call at a time, never on a network thread) as one
// chunk, each write under its own write timeout and the stream's floor on the reader's pace
// (StreamWriteBudget, ServerOptions::stream_min_bytes_per_second). HEAD sends the header
// only. When a write fails (the client left, stalled or read too slowly) or the producer
// throws (a store failure; the caller's token revoked, see api/credential_binding.hpp), the
// producer is not called again and the connection is reset without the last chunk, so the
// client can tell the body is incomplete and gets none of what was still queued; the
// producer, and the snapshot it holds, go with the response.
template <class Stream>
awaitable<bool> WriteStream(Stream& stream, HttpResponse& response, unsigned version,
                            bool keep_alive, bool head, std::chrono::milliseconds write_timeout,
                            std::size_t min_bytes_per_second, asio::thread_pool& workers) {
  // HTTP/1.0 has no chunked coding: the end of the connection is the end of the body.
  const bool chunked = version >= 11;
  http::response<http::empty_body> message{static_cast<http::status>(response.status), version};
  message.set(http::field::server, "soj-tracker");
  for (const auto& [name, value] : response.headers) message.insert(name, value);
  message.keep_alive(keep_alive && chunked);
  if (chunked) message.chunked(true);
  auto& lowest = beast::get_lowest_layer(stream);
  lowest.expires_after(write_timeout);
  http::response_serializer<http::empty_body> serializer(message);
  auto [header_ec, header_bytes] = co_await http::async_write_header(stream, serializer, kNoThrow);
  if (header_ec) co_return false;
  if (head) co_return chunked;
  std::string piece;
  uint64_t sent = 0;
  std::chrono::milliseconds waited{0};
  // The pieces are written under this deadline rather than tcp_stream's own timeout, which
  // would close the socket gracefully: the kernel would then go on trickling the megabytes
  // still queued to the very reader (or revoked caller) being cut off.
  lowest.expires_never();
  SocketDeadline deadline(co_await asio::this_coro::executor, lowest.socket());
  for (bool more = true; more;) {
    piece.clear();
    try {
      more = co_await asio::co_spawn(
          workers, [&response, &piece]() -> awaitable<bool> { co_return response.stream(piece); },
          asio::use_awaitable);
    } catch (const std::exception& e) {
      LogError("streamed response failed", e.what());
      AbortConnection(lowest.socket());
      co_return false;
    }
    if (piece.empty()) continue;  // an empty chunk would end the body
    sent += piece.size();
    const auto budget = StreamWriteBudget(write_timeout, min_bytes_per_second, sent, waited);
    if (budget <= std::chrono::milliseconds(0)) {
      LogError("streamed response ended", "the reader takes less than the minimum rate");
      AbortConnection(lowest.socket());
      co_return false;
    }
    deadline.Arm(budget);
    const auto started = std::chrono::steady_clock::now();
    auto [ec, n] = chunked ? co_await asio::async_write(
                                 stream, http::make_chunk(asio::buffer(piece)), kNoThrow)
                           : co_await asio::async_write(stream, asio::buffer(piece), kNoThrow);
    deadline.Disarm();
    if (ec || deadline.timed_out()) {
      if (deadline.timed_out()) {
        LogError("streamed response ended", budget < write_timeout
                                                ? "the reader takes less than the minimum rate"
                                                : "the reader stalled past the write timeout");
        AbortConnection(lowest.socket());
      }
      co_return false;
    }
    waited += std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started);
  }
  if (!chunked) co_return false;
  lowest.expires_after(write_timeout);
  auto [last_ec, last_bytes] =
      co_await asio::async_write(stream, http::make_chunk_last(), kNoThrow);
  co_return !last_ec;
}

}  // namespace soj::api::server_detail
