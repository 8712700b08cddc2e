#pragma once
// HttpRequest/HttpResponse: the plain values the request handler works on. The server turns
// Beast messages into these and back, so handlers are testable without sockets and compile
// without Beast.

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace soj::api {

class BodyFile;

struct HttpRequest {
  std::string method;  // "GET", as sent
  std::string target;  // the request-target: path and query, still percent-encoded
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // The client's IP address, as rate limits count it: the connection's peer, or, when the
  // peer is a trusted proxy, the client it names in X-Forwarded-For (api/forwarded.hpp).
  std::string remote_address;
  // The client reached the service over https: TLS on this connection, or X-Forwarded-Proto
  // https from a trusted proxy. It decides Secure cookies, HSTS and links built on the Host.
  bool tls = false;
  // The connection's peer (the proxy's address behind one); "" in process.
  std::string peer_address = {};

  // The first value of header `name` (case-insensitive), or "" when absent.
  std::string_view Header(std::string_view name) const;
  bool HasHeader(std::string_view name) const;
};

// A response body: text the handler made, or text shared with a cache, which the server sends
// from where it lies. Reads like a string; assigning text replaces it.
class ResponseBody {
 public:
  ResponseBody() = default;
  ResponseBody(std::string text) : owned_(std::move(text)) {}  // NOLINT: reads as a string
  ResponseBody& operator=(std::string text) {
    owned_ = std::move(text);
    shared_.reset();
    file_.reset();
    return *this;
  }

  // Turns the text into shared, immutable text (without copying it) and returns it, so copies
  // of this response (a cache's) hold the same bytes. A large body is also copied once into a
  // BodyFile, which the server sends with sendfile(2).
  const std::shared_ptr<const std::string>& Share();
  // The shared text's file, or null.
  const std::shared_ptr<const BodyFile>& file() const { return file_; }
  // Shared text, or null when the text is this body's own.
  const std::shared_ptr<const std::string>& shared() const { return shared_; }
  static ResponseBody Shared(std::shared_ptr<const std::string> text) {
    ResponseBody body;
    body.shared_ = std::move(text);
    return body;
  }

  std::string_view view() const { return shared_ ? std::string_view(*shared_) : owned_; }
  operator std::string_view() const { return view(); }  // NOLINT: reads as a string
  std::string str() const { return std::string(view()); }
  const char* data() const { return view().data(); }
  std::size_t size() const { return view().size(); }
  bool empty() const { return view().empty(); }
  std::size_t find(std::string_view text, std::size_t from = 0) const {
    return view().find(text, from);
  }
  bool starts_with(std::string_view text) const { return view().starts_with(text); }
  std::string substr(std::size_t from, std::size_t count = std::string_view::npos) const {
    return std::string(view().substr(from, count));
  }
  void clear() { *this = std::string(); }

  friend bool operator==(const ResponseBody& body, std::string_view text) {
    return body.view() == text;
  }
  friend std::ostream& operator<<(std::ostream& out, const ResponseBody& body) {
    return out << body.view();
  }

 private:
  std::string owned_;
  std::shared_ptr<const std::string> shared_;  // when set, the body (owned_ is empty)
  std::shared_ptr<const BodyFile> file_;       // a copy of shared_ to send from, or null
};

struct HttpResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  ResponseBody body;

  // Streamed body (exports of any size). When set, `body` is ignored and the server sends the
  // headers, then the pieces with chunked transfer encoding: each call appends the next piece
  // (tens of KB at most) to `out` and returns false once nothing is left. Called on a worker
  // thread, one call at a time; it owns whatever it reads from (e.g. a store snapshot).
  std::function<bool(std::string& out)> stream;

  // Long polling. When `wait_until` is set, nothing is sent yet: the server parks the request
  // without holding a thread until a write commits or `wait_until` passes, then calls
  // `resume(timed_out)` on a worker thread and handles what it returns like a new response
  // (which may itself wait again, still bounded by the first deadline).
  std::optional<std::chrono::steady_clock::time_point> wait_until;
  std::function<HttpResponse(bool timed_out)> resume;

  // A queued write, or a read handed to a search worker (Api::AnswerElsewhere). A route that
  // never waits for the store (Route::queues_writes) queues its write and returns this set
  // instead of an answer, and so does a GET that searches or walks an index: the caller calls
  // `after_write(ready)` once, and `ready` is called once, on any thread (the store's writer,
  // usually), with what makes the answer; the caller runs that where it likes (the server: on the
  // connection's network thread). Api::Handle does all of this itself and waits.
  using MakeAnswer = std::function<HttpResponse()>;
  using AnswerReady = std::function<void(MakeAnswer)>;
  std::function<void(AnswerReady ready)> after_write;

  // Replaces header `name` (case-insensitive) or adds it.
  void Set(std::string_view name, std::string value);
  std::string_view Header(std::string_view name) const;
};

bool EqualsIgnoreCase(std::string_view a, std::string_view b);
// `text` without the spaces and tabs around it (HTTP's optional whitespace, RFC 9110 5.6.3).
std::string_view TrimWhitespace(std::string_view text);

}  // namespace soj::api
