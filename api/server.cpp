#include "api/server.hpp"

#include <openssl/ssl.h>
#include <pthread.h>

#include <boost/asio.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <list>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "api/forwarded.hpp"
#include "api/response_writer.hpp"
#include "api/responses.hpp"
#include "tracker/usable_cores.hpp"

namespace soj::api {
namespace {

// asio, beast, http, tcp, awaitable, kNoThrow, LogError, SocketDeadline and the writes.
using namespace server_detail;  // NOLINT(google-build-using-namespace): this file's helpers
namespace ssl = asio::ssl;
using Clock = std::chrono::steady_clock;

// Modern TLS 1.2 suites (forward secret AEAD only); TLS 1.3 suites are OpenSSL's defaults.
constexpr const char* kCipherList =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

bool ParseListen(const std::string& listen, std::string* host, uint16_t* port) {
  std::size_t colon = listen.rfind(':');
  if (colon == std::string::npos) return false;
  *host = listen.substr(0, colon);
  if (host->size() >= 2 && host->front() == '[' && host->back() == ']')
    *host = host->substr(1, host->size() - 2);
  if (host->empty()) *host = "127.0.0.1";
  try {
    int value = std::stoi(listen.substr(colon + 1));
    if (value < 0 || value > 65535) return false;
    *port = static_cast<uint16_t>(value);
  } catch (...) {
    return false;
  }
  return true;
}

std::string_view ReadFailure(int status) {
  switch (status) {
    case 408:
      return "the request took too long to arrive";
    case 413:
      return "the body is larger than this server accepts";
    case 431:
      return "the header is larger than this server accepts";
    default:
      return "the request is not valid HTTP/1.1";
  }
}

// The client network an address belongs to, for the per-prefix connection cap: IPv4 /24,
// IPv6 /64; an IPv4-mapped IPv6 address counts as the IPv4 address it carries.
std::string NetworkPrefix(const asio::ip::address& address) {
  if (address.is_v6() && address.to_v6().is_v4_mapped())
    return NetworkPrefix(asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6()));
  if (address.is_v4()) {
    auto bytes = address.to_v4().to_bytes();
    bytes[3] = 0;
    return asio::ip::address_v4(bytes).to_string() + "/24";
  }
  auto bytes = address.to_v6().to_bytes();
  std::fill(bytes.begin() + 8, bytes.end(), 0);
  return asio::ip::address_v6(bytes).to_string() + "/64";
}

// The request as the handler sees it, its client as `proxies` let us believe
// (api/forwarded.hpp): `tls` and `peer` are the connection's.
HttpRequest ToRequest(const http::request<http::string_body>& message, bool tls,
                      const std::string& peer, const TrustedProxies& proxies) {
  HttpRequest request;
  request.peer_address = peer;
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  std::string forwarded_for;
  std::string_view forwarded_proto;
  for (const auto& field : message) {
    request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    if (beast::iequals(field.name_string(), "X-Forwarded-For"))
      forwarded_for += (forwarded_for.empty() ? "" : ",") + std::string(field.value());
    else if (beast::iequals(field.name_string(), "X-Forwarded-Proto"))
      forwarded_proto = field.value();
  }
  request.body = message.body();
  ClientOrigin origin = ResolveClient(proxies, peer, tls, forwarded_for, forwarded_proto);
  request.remote_address = std::move(origin.address);
  request.tls = origin.https;
  return request;
}

}  // namespace

struct Server::Impl {
  // What Stop() needs to reach a connection: its executor, and whether it is mid-request.
  struct Connection {
    asio::any_io_executor executor;
    tcp::socket* socket = nullptr;  // null while the session is not waiting on it
    bool busy = false;              // a request is being answered
    std::string address;            // the client's IP address
    std::string prefix;             // its network (NetworkPrefix)
    // Accepted into the reserved slots: its first request must carry a valid credential.
    bool must_authenticate = false;
  };
  using ConnectionPtr = std::shared_ptr<Connection>;

  Impl(Api& api_in, ServerOptions options_in)
      : api(api_in),
        options(std::move(options_in)),
        contexts(MakeContexts(Threads())),
        io(*contexts.front()),
        workers(options.write_workers),
        acceptor(io),
        tls_context(ssl::context::tls_server),
        signals(io, SIGINT, SIGTERM) {
    for (auto& context : contexts) keep_running.push_back(asio::make_work_guard(*context));
    change_subscription = api.SubscribeChanges([this] { WakeWaiting(); });
  }

  // One io_context per network thread, each run by its thread alone (as nginx runs one event
  // loop per worker): a connection lives on one of them, so its handlers need no strand and a
  // completion never wakes another thread (futex calls per request: 2.2 before, 0.04 after).
  static std::vector<std::unique_ptr<asio::io_context>> MakeContexts(unsigned count) {
    std::vector<std::unique_ptr<asio::io_context>> made;
    for (unsigned i = 0; i < count; ++i) made.push_back(std::make_unique<asio::io_context>(1));
    return made;
  }

  // The context the next connection lives on, round robin.
  asio::io_context& NextContext() {
    return *contexts[next_context.fetch_add(1, std::memory_order_relaxed) % contexts.size()];
  }

  ~Impl() { api.UnsubscribeChanges(change_subscription); }

  unsigned Threads() const {
    return options.threads != 0 ? options.threads : tracker::UsableCores();
  }

  bool Start(std::string* error) {
    // A write to a connection the client has reset must fail, not end the process: Asio's
    // sends pass MSG_NOSIGNAL, but sendfile(2) (WriteFromFile) cannot.
    std::signal(SIGPIPE, SIG_IGN);
    tls = !options.tls_cert.empty() || !options.tls_key.empty();
    if (tls && !ConfigureTls(error)) return false;
    if (options.reserved_connections && *options.reserved_connections >= options.max_connections) {
      *error = "--reserved-connections must be smaller than --max-connections";
      return false;
    }
    reserved = options.reserved_connections.value_or(options.max_connections / 16);
    auto trusted = TrustedProxies::Parse(options.trusted_proxies);
    if (!trusted) {
      *error = trusted.error().message;
      return false;
    }
    proxies = std::move(*trusted);
    std::string host;
    uint16_t port_number = 0;
    if (!ParseListen(options.listen, &host, &port_number)) {
      *error = "--listen must be HOST:PORT, such as 127.0.0.1:8080 or [::1]:8080";
      return false;
    }
    boost::system::error_code ec;
    auto address = asio::ip::make_address(host, ec);
    if (ec) {
      *error = "--listen: '" + host + "' is not an IP address";
      return false;
    }
    tcp::endpoint endpoint(address, port_number);
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      *error = "cannot listen on " + options.listen + ": " + ec.message();
      return false;
    }
    return true;
  }

  bool ConfigureTls(std::string* error) {
    if (options.tls_cert.empty() || options.tls_key.empty()) {
      *error = "TLS needs both --tls-cert and --tls-key";
      return false;
    }
    boost::system::error_code ec;
    tls_context.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                            ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                            ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
    SSL_CTX_set_min_proto_version(tls_context.native_handle(), TLS1_2_VERSION);
    SSL_CTX_set_cipher_list(tls_context.native_handle(), kCipherList);
    tls_context.use_certificate_chain_file(options.tls_cert, ec);
    if (ec) {
      *error = "cannot load --tls-cert " + options.tls_cert + ": " + ec.message();
      return false;
    }
    tls_context.use_private_key_file(options.tls_key, ssl::context::pem, ec);
    if (ec || SSL_CTX_check_private_key(tls_context.native_handle()) != 1) {
      *error = "cannot use --tls-key " + options.tls_key +
               ": it is unreadable or does not "
               "match the certificate";
      return false;
    }
    return true;
  }

  void Run() {
    signals.async_wait([this](boost::system::error_code ec, int) {
      if (!ec) Stop();
    });
    asio::co_spawn(io, Accept(), asio::detached);
    if (!stopping) api.SetReady(true);  // Stop() may come first (a damaged store found at once)
    std::vector<std::thread> threads;
    for (std::size_t i = 1; i < contexts.size(); ++i)
      threads.emplace_back([context = contexts[i].get()] {
        pthread_setname_np(pthread_self(), "soj-net");
        context->run();
      });
    io.run();
    for (auto& t : threads) t.join();
    workers.join();
    // A queued write hands its outcome to a network context: they must outlive it.
    std::unique_lock lock(queued_mutex);
    queued_answered.wait(lock, [this] { return queued_writes == 0; });
  }

  void Stop() {
    bool expected = false;
    if (!stopping.compare_exchange_strong(expected, true)) return;
    api.SetReady(false);
    WakeWaiting();  // long polls answer now instead of holding the shutdown up
    asio::post(acceptor.get_executor(), [this] {
      boost::system::error_code ec;
      acceptor.close(ec);
      signals.cancel(ec);
    });
    {
      std::lock_guard lock(connections_mutex);
      for (const ConnectionPtr& connection : connections)
        asio::post(connection->executor, [connection] {
          // Idle connections close now; busy ones after their current response.
          if (!connection->busy && connection->socket) {
            boost::system::error_code ec;
            connection->socket->cancel(ec);
          }
        });
    }
    // Requests still running after the grace period are cut off.
    {
      std::lock_guard lock(connections_mutex);
      grace_timer = std::make_unique<asio::steady_timer>(io, options.shutdown_grace);
      grace_timer->async_wait([this](boost::system::error_code ec) {
        if (ec) return;
        for (auto& context : contexts) context->stop();
      });
    }
    // The grace timer must not keep io.run() alive once every connection has ended.
    MaybeFinish();
  }

  // Once stopping and every connection has ended, the contexts may run out of work and return.
  void MaybeFinish() {
    std::lock_guard lock(connections_mutex);
    if (!stopping || !connections.empty() || !grace_timer) return;
    grace_timer->cancel();
    keep_running.clear();
  }

  awaitable<void> Accept() {
    while (!stopping) {
      auto [ec, socket] = co_await acceptor.async_accept(NextContext(), kNoThrow);
      if (ec) {
        if (stopping || ec == asio::error::operation_aborted) break;
        // EMFILE and friends: keep the listener alive, try again shortly.
        LogError("accept failed", ec.message());
        asio::steady_timer pause(io, std::chrono::milliseconds(100));
        co_await pause.async_wait(kNoThrow);
        continue;
      }
      // Without TCP_NODELAY, the tail of a response larger than one segment (a feed, a page
      // of the list) waits for the client's delayed ACK: 40 ms at the 99th percentile.
      boost::system::error_code nodelay_ec;
      socket.set_option(tcp::no_delay(true), nodelay_ec);
      boost::system::error_code endpoint_ec;
      const tcp::endpoint remote = socket.remote_endpoint(endpoint_ec);
      std::string address = endpoint_ec ? std::string() : remote.address().to_string();
      std::string prefix = endpoint_ec ? std::string() : NetworkPrefix(remote.address());
      std::list<ConnectionPtr>::iterator entry;
      {
        std::lock_guard lock(connections_mutex);
        // One address, or one network, may not take every connection: a flood from it is cut
        // at its share (counts of zero are not kept, so the maps hold open connections only).
        auto count_of = [](const auto& counts, const std::string& key) -> std::size_t {
          auto it = counts.find(key);
          return it == counts.end() ? 0 : it->second;
        };
        const bool address_full =
            options.max_connections_per_address != 0 &&
            count_of(connections_per_address, address) >= options.max_connections_per_address;
        const bool prefix_full =
            options.max_connections_per_prefix != 0 &&
            count_of(connections_per_prefix, prefix) >= options.max_connections_per_prefix;
        if (connections.size() >= options.max_connections || address_full || prefix_full) {
          api.metrics().ConnectionRejected();
          boost::system::error_code ignored;
          socket.close(ignored);
          continue;
        }
        // The last slots are kept for clients with a credential: whether this one has it is
        // known only from its first request (Serve).
        const bool must_authenticate = connections.size() >= options.max_connections - reserved;
        ++connections_per_address[address];
        ++connections_per_prefix[prefix];
        entry = connections.insert(connections.end(), std::make_shared<Connection>(Connection{
                                                          .executor = socket.get_executor(),
                                                          .socket = nullptr,
                                                          .busy = false,
                                                          .address = address,
                                                          .prefix = prefix,
                                                          .must_authenticate = must_authenticate}));
      }
      asio::co_spawn(socket.get_executor(), Session(std::move(socket), entry), asio::detached);
    }
  }

  awaitable<void> Session(tcp::socket socket, std::list<ConnectionPtr>::iterator entry) {
    api.metrics().ConnectionOpened();
    Connection& connection = **entry;
    beast::tcp_stream stream(std::move(socket));
    connection.socket = &stream.socket();
    beast::flat_buffer buffer;
    try {
      if (!tls) {
        co_await Serve(stream, buffer, false, connection);
      } else {
        stream.expires_after(options.header_timeout);
        auto [ec, is_tls] = co_await beast::async_detect_ssl(stream, buffer, kNoThrow);
        if (!ec && is_tls) {
          beast::ssl_stream<beast::tcp_stream> secure(std::move(stream), tls_context);
          connection.socket = &beast::get_lowest_layer(secure).socket();
          beast::get_lowest_layer(secure).expires_after(options.header_timeout);
          auto [hs_ec, used] =
              co_await secure.async_handshake(ssl::stream_base::server, buffer.data(), kNoThrow);
          if (!hs_ec) {
            buffer.consume(used);
            co_await Serve(secure, buffer, true, connection);
            beast::get_lowest_layer(secure).expires_after(std::chrono::seconds(2));
            co_await secure.async_shutdown(kNoThrow);
          }
          connection.socket = nullptr;
        } else if (!ec && proxies.Contains(connection.address)) {
          // A proxy that terminates TLS itself and says so (X-Forwarded-Proto) is served;
          // sending it to https would loop. Serve redirects the requests it does not vouch for.
          co_await Serve(stream, buffer, false, connection);
        } else if (!ec) {
          co_await RedirectToTls(stream, buffer);
        }
      }
    } catch (const std::exception& e) {
      LogError("connection failed", e.what());
    }
    connection.socket = nullptr;
    api.metrics().ConnectionClosed();
    {
      std::lock_guard lock(connections_mutex);
      if (--connections_per_address[connection.address] == 0)
        connections_per_address.erase(connection.address);
      if (--connections_per_prefix[connection.prefix] == 0)
        connections_per_prefix.erase(connection.prefix);
      connections.erase(entry);
    }
    MaybeFinish();
  }

  // Reads one request with the header and body timeouts. Returns 200, the status to answer a
  // failed read with (400, 408, 413, 431), or 0 to close without answering.
  template <class Stream>
  awaitable<int> ReadRequest(Stream& stream, beast::flat_buffer& buffer,
                             http::request_parser<http::string_body>& parser, bool first,
                             Connection& connection) {
    auto& lowest = beast::get_lowest_layer(stream);
    // Waiting for the first byte of a request is "idle"; from then on the header timeout runs,
    // so a client trickling a header (slow loris) is cut off at header_timeout.
    if (buffer.size() == 0) {
      const auto wait = first ? options.header_timeout : options.idle_timeout;
      if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
        // An idle connection holds no buffer (8 KB each for 10,000 idle keep-alive clients):
        // it waits until the socket is readable, then reads. Not under TLS, where decrypted
        // bytes may wait inside the stream while the socket has nothing to read.
        buffer.shrink_to_fit();
        SocketDeadline deadline(co_await asio::this_coro::executor, lowest.socket());
        deadline.Arm(wait);
        auto [wait_ec] = co_await lowest.socket().async_wait(tcp::socket::wait_read, kNoThrow);
        deadline.Disarm();
        if (wait_ec || deadline.timed_out()) co_return 0;
        lowest.expires_after(options.header_timeout);
      } else {
        lowest.expires_after(wait);
      }
      auto [ec, n] = co_await stream.async_read_some(buffer.prepare(8192), kNoThrow);
      if (ec) co_return 0;
      buffer.commit(n);
    }
    // A request has begun: a shutdown now lets it finish instead of cutting it off.
    connection.busy = true;
    // A timeout of tcp_stream would close the socket; cancelling the read instead leaves it
    // open for the 408 answer.
    lowest.expires_never();
    SocketDeadline deadline(co_await asio::this_coro::executor, lowest.socket());
    deadline.Arm(options.header_timeout);
    auto [header_ec, header_bytes] =
        co_await http::async_read_header(stream, buffer, parser, kNoThrow);
    deadline.Disarm();
    if (deadline.timed_out()) co_return 408;
    // Beast checks Content-Length against the body limit while reading the header.
    if (header_ec == http::error::body_limit) co_return 413;
    if (header_ec == http::error::header_limit) co_return 431;
    if (header_ec) co_return header_ec == http::error::end_of_stream ? 0 : 400;
    if (!parser.is_done()) {
      deadline.Arm(options.body_timeout);
      auto [body_ec, body_bytes] = co_await http::async_read(stream, buffer, parser, kNoThrow);
      deadline.Disarm();
      if (deadline.timed_out()) co_return 408;
      if (body_ec == http::error::body_limit) co_return 413;
      if (body_ec) co_return 400;
    }
    co_return 200;
  }

  template <class Stream>
  awaitable<void> Serve(Stream& stream, beast::flat_buffer& buffer, bool secure,
                        Connection& connection) {
    for (bool first = true; !stopping; first = false) {
      http::request_parser<http::string_body> parser;  // fresh per message
      parser.header_limit(static_cast<std::uint32_t>(options.max_header));
      parser.body_limit(options.max_body);
      int read_status = co_await ReadRequest(stream, buffer, parser, first, connection);
      if (read_status == 0) co_return;
      if (read_status != 200) {
        HttpResponse problem = ProblemResponse(read_status, ReadFailure(read_status));
        problem.Set("X-Content-Type-Options", "nosniff");
        problem.Set("Cache-Control", "no-store");
        if (secure) problem.Set("Strict-Transport-Security", "max-age=63072000");
        co_await WriteResponse(stream, problem, 11, false, false, options.write_timeout);
        co_return;
      }
      http::request<http::string_body> message = parser.release();
      HttpRequest request = ToRequest(message, secure, connection.address, proxies);
      if (tls && !request.tls) {
        // Plain HTTP reaches a TLS server's handler only from a trusted proxy (Session): its
        // client did not use https, so it goes there, as a plain request on this port would.
        co_await WriteResponse(stream, HttpsRedirect(message), message.version(), false, false,
                               options.write_timeout);
        co_return;
      }
      const bool head = message.method() == http::verb::head;
      if (connection.must_authenticate) {
        // A reserved slot: only a client with a valid credential keeps it.
        if (!api.PresentsValidCredentials(request)) {
          api.metrics().ConnectionRejected();
          HttpResponse full =
              ProblemResponse(503, "the server is at its connection limit; retry shortly");
          full.Set("Retry-After", "5");
          full.Set("Cache-Control", "no-store");
          full.Set("X-Content-Type-Options", "nosniff");
          connection.busy = false;
          co_await WriteResponse(stream, full, message.version(), false, head,
                                 options.write_timeout);
          co_return;
        }
        connection.must_authenticate = false;
      }
      HttpResponse response;
      const uint64_t generation = api.ChangeGeneration();  // before the handler reads
      if (!api.MayWaitForWrite(request)) {
        response = api.HandleWithoutWaiting(request);
        if (response.after_write) response = co_await AfterWrite(std::move(response.after_write));
      } else {
        // Writes that wait for the group commit's fsync: on a worker, not on a network thread.
        response = co_await asio::co_spawn(
            workers,
            [this, &request]() -> awaitable<HttpResponse> { co_return api.Handle(request); },
            asio::use_awaitable);
      }
      if (response.wait_until) response = co_await LongPoll(std::move(response), generation);
      const bool keep_alive = message.keep_alive() && !stopping;
      const bool written = response.stream
                               ? co_await WriteStream(stream, response, message.version(),
                                                      keep_alive, head, options.write_timeout,
                                                      options.stream_min_bytes_per_second, workers)
                               : co_await WriteResponse(stream, response, message.version(),
                                                        keep_alive, head, options.write_timeout);
      connection.busy = false;
      if (!written) co_return;
      if (!keep_alive) {
        // TLS streams close with close_notify in Session; only plain TCP is half-closed here.
        if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
          beast::error_code ignored;
          stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
        }
        co_return;
      }
    }
  }

  // A queued write (HttpResponse::after_write): no thread waits for it. The writer hands the
  // outcome back to this connection's thread, which makes the answer.
  awaitable<HttpResponse> AfterWrite(std::function<void(HttpResponse::AnswerReady)> after_write) {
    auto executor = co_await asio::this_coro::executor;
    auto make = co_await asio::async_initiate<const asio::use_awaitable_t<>,
                                              void(HttpResponse::MakeAnswer)>(
        [this, &after_write, executor](auto handler) {
          auto waiting = std::make_shared<decltype(handler)>(std::move(handler));
          {
            std::lock_guard lock(queued_mutex);
            ++queued_writes;
          }
          after_write([this, waiting, executor](HttpResponse::MakeAnswer answer) {
            asio::post(executor, [waiting, answer = std::move(answer)]() mutable {
              (*waiting)(std::move(answer));
            });
            std::lock_guard lock(queued_mutex);
            if (--queued_writes == 0) queued_answered.notify_all();
          });
        },
        asio::use_awaitable);
    co_return make();
  }

  // Long polling. A parked request is a timer in its connection's coroutine: no thread waits.
  // A commit (or Stop) cancels every parked timer on its own strand; the deadline ends it
  // otherwise. Then `resume` runs on a worker, and its answer may wait again.
  struct Waiting {
    asio::any_io_executor executor;
    asio::steady_timer* timer = nullptr;  // touched only on `executor`
    bool woken = false;                   // guarded by waiting_mutex
  };

  void WakeWaiting() {
    std::lock_guard lock(waiting_mutex);
    for (const auto& waiter : waiting) {
      waiter->woken = true;
      asio::post(waiter->executor, [waiter] {
        if (waiter->timer) waiter->timer->cancel();
      });
    }
    waiting.clear();
  }

  awaitable<HttpResponse> LongPoll(HttpResponse response, uint64_t generation) {
    const auto deadline = *response.wait_until;
    while (response.wait_until && response.resume) {
      asio::steady_timer timer(co_await asio::this_coro::executor,
                               std::min(*response.wait_until, deadline));
      auto waiter = std::make_shared<Waiting>(Waiting{timer.get_executor(), &timer, false});
      bool park = true;
      bool overloaded = false;
      {
        std::lock_guard lock(waiting_mutex);
        // A commit since the handler's read, or a shutdown: look again at once.
        if (stopping || api.ChangeGeneration() != generation) {
          park = false;
          waiter->woken = true;
        } else if (waiting.size() >= options.max_waiting) {
          overloaded = true;
        } else {
          waiting.push_back(waiter);
        }
      }
      if (overloaded) {
        HttpResponse busy =
            ProblemResponse(503, "too many requests are waiting for changes; retry shortly");
        busy.Set("Retry-After", "1");
        busy.Set("Cache-Control", "no-store");
        busy.Set("X-Content-Type-Options", "nosniff");
        co_return busy;
      }
      if (park) co_await timer.async_wait(kNoThrow);
      bool timed_out = false;
      {
        std::lock_guard lock(waiting_mutex);
        waiter->timer = nullptr;
        std::erase(waiting, waiter);
        timed_out = !waiter->woken || stopping;
      }
      generation = api.ChangeGeneration();  // before `resume` reads again
      auto resume = std::move(response.resume);
      response = co_await asio::co_spawn(
          workers,
          [&resume, timed_out]() -> awaitable<HttpResponse> { co_return resume(timed_out); },
          asio::use_awaitable);
      // After the deadline the handler must answer; waiting again would never end.
      if (timed_out && response.wait_until)
        response = ProblemResponse(500, "the server failed; the error was logged");
    }
    co_return response;
  }

  // Plain HTTP arrived on the TLS port: answer 308 to the https URL and close.
  awaitable<void> RedirectToTls(beast::tcp_stream& stream, beast::flat_buffer& buffer) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options.max_header));
    parser.body_limit(options.max_body);
    Connection unused;
    int status = co_await ReadRequest(stream, buffer, parser, true, unused);
    if (status != 200) co_return;
    const auto& message = parser.get();
    co_await WriteResponse(stream, HttpsRedirect(message), message.version(), false, false,
                           options.write_timeout);
  }

  // 308 to the https URL of `message`: --public-url, else the Host it named.
  HttpResponse HttpsRedirect(const http::request<http::string_body>& message) const {
    std::string base = options.public_url;
    if (base.empty() || !base.starts_with("https://"))
      base = "https://" + std::string(message[http::field::host]);
    while (!base.empty() && base.back() == '/') base.pop_back();
    HttpResponse response = ProblemResponse(308, "this server speaks HTTPS only");
    response.Set("Location", base + std::string(message.target()));
    return response;
  }

  Api& api;
  ServerOptions options;
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  asio::io_context& io;  // the first context: listener, signals, shutdown timer
  std::atomic<std::size_t> next_context{0};
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> keep_running;
  asio::thread_pool workers;
  std::mutex queued_mutex;
  std::condition_variable queued_answered;
  std::size_t queued_writes = 0;  // queued writes whose outcome has not been handed back
  tcp::acceptor acceptor;
  ssl::context tls_context;
  asio::signal_set signals;
  bool tls = false;
  std::size_t reserved = 0;  // connection slots kept for clients with a credential (Start)
  TrustedProxies proxies;    // from options.trusted_proxies, set by Start
  std::atomic<bool> stopping{false};
  std::mutex connections_mutex;
  std::list<ConnectionPtr> connections;
  std::unordered_map<std::string, std::size_t> connections_per_address;
  std::unordered_map<std::string, std::size_t> connections_per_prefix;
  std::unique_ptr<asio::steady_timer> grace_timer;
  std::mutex waiting_mutex;
  std::vector<std::shared_ptr<Waiting>> waiting;
  uint64_t change_subscription = 0;
};

Server::Server(Api& api, ServerOptions options)
    : impl_(std::make_unique<Impl>(api, std::move(options))) {}
Server::~Server() = default;
bool Server::Start(std::string* error) { return impl_->Start(error); }
uint16_t Server::port() const { return impl_->acceptor.local_endpoint().port(); }
void Server::Run() { impl_->Run(); }
void Server::Stop() { impl_->Stop(); }

}  // namespace soj::api
