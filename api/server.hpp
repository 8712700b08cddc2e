#pragma once
// Server: HTTP/1.1 over Boost.Beast with C++20 coroutines, optionally TLS (detected on the
// same port), on N threads, each running its own io_context. Each connection is one coroutine
// on one thread's context, with timeouts on every step and limits on header and body size. GET/HEAD
// requests are answered on the network thread (reads are quick; searches and uncached lists
// are handed to the API's search workers, Api::AnswerElsewhere, and come back as a queued
// write's answer does), and so are the routes that queue their writes (Route::queues_writes:
// the writer hands the outcome back); other writes run on a worker pool. The network threads never
// wait for an fsync, and many writes share one group commit.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/api.hpp"

namespace soj::api {

struct ServerOptions {
  std::string listen = "127.0.0.1:8080";  // host:port, [v6]:port; port 0 picks a free one
  unsigned threads = 0;                   // network threads; 0 = one per usable core
  unsigned write_workers = 32;            // threads that wait on store writes (not queued ones)
  std::string tls_cert;                   // PEM certificate chain; TLS when set with tls_key
  std::string tls_key;                    // PEM private key
  std::string public_url;                 // where plain-HTTP requests on a TLS port are sent
  // Addresses or CIDR blocks of reverse proxies whose X-Forwarded-For and X-Forwarded-Proto
  // are believed (api/forwarded.hpp); comma lists allowed. Empty: none.
  std::vector<std::string> trusted_proxies;
  std::size_t max_body = 1 << 20;                 // 413 above
  std::size_t max_header = 16 << 10;              // 431 above
  std::size_t max_connections = 2048;             // further connections are closed at once
  std::size_t max_connections_per_address = 256;  // per client IP; 0 = no cap
  // Per client network: IPv4 /24, IPv6 /64 (an IPv4-mapped address counts as IPv4). A few
  // addresses of one network must not take every connection; 0 = no cap.
  std::size_t max_connections_per_prefix = 512;
  // The last `reserved_connections` of max_connections are kept for clients with a valid
  // credential: a connection accepted into them must carry a valid bearer token or a live desk
  // session in its first request (Api::PresentsValidCredentials), else it is answered 503 with
  // Retry-After and closed. So a flood from many networks still leaves desks and partners in.
  // None: max_connections / 16 (128 of 2048), so a smaller cap never reserves every slot; a
  // value given must be smaller than max_connections (Start fails otherwise).
  std::optional<std::size_t> reserved_connections;
  std::chrono::milliseconds header_timeout{10'000};  // from first byte to end of header: 408
  std::chrono::milliseconds body_timeout{30'000};    // to read the body: 408
  std::chrono::milliseconds idle_timeout{60'000};    // waiting for the next request
  std::chrono::milliseconds write_timeout{30'000};   // to send a response, per write
  // A streamed answer (an export) holds a store snapshot until its last piece is sent, and the
  // write timeout alone holds per piece: a reader taking 64 KB every 29 s would pin the
  // snapshot (and the old versions compaction must then keep) for days. So a stream's reader
  // must take at least this many bytes per second on average over the time the server waits
  // on it, after a grace of one write timeout (a TCP window filling, a pause), or the
  // connection ends without the last chunk. 64 KiB/s (512 kbit/s) is slower than any link or
  // Tor circuit someone would export over; a 1 GB export then pins a snapshot for at most
  // about four and a half hours. 0 = no floor.
  std::size_t stream_min_bytes_per_second = 64 << 10;
  std::chrono::milliseconds shutdown_grace{10'000};  // for requests in flight at shutdown
  std::size_t max_waiting = 1024;  // long polls parked at once; more get 503 + Retry-After
};

class Server {
 public:
  Server(Api& api, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket (and loads the TLS certificate). False with `error` set when it
  // cannot, e.g. the port is taken or the key does not match the certificate.
  bool Start(std::string* error);
  // The bound port (useful with port 0).
  uint16_t port() const;
  // Serves until Stop() or SIGINT/SIGTERM, then finishes requests in flight within the grace
  // period and returns.
  void Run();
  // Stops accepting, lets requests in flight finish, closes idle connections. Thread-safe.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace soj::api
