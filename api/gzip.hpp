#pragma once
// gzip content coding (RFC 9110 §8.4.1.3) with zlib: whole bodies, and streams compressed
// piece by piece so a streamed export is sent compressed without being held in memory.

#include <memory>
#include <string>
#include <string_view>

namespace soj::api {

// Bodies at most this large are sent as they are: compressing them saves too little.
inline constexpr std::size_t kGzipMinimumBytes = 1024;

// True when an Accept-Encoding value accepts gzip: a "gzip" or "x-gzip" member, or else "*",
// with a q-value above 0 ("gzip;q=0" refuses it even when "*" accepts everything).
bool AcceptsGzip(std::string_view accept_encoding);

// `data` as one gzip member (default compression level).
std::string GzipCompress(std::string_view data);

// One gzip member written in pieces. Each Write appends the compressed form of `data` to
// `out` and flushes (Z_SYNC_FLUSH), so what was written so far can be decoded at once;
// Finish compresses `last` and appends the trailer. Not thread-safe; one piece at a time.
class GzipStream {
 public:
  GzipStream();
  ~GzipStream();
  GzipStream(const GzipStream&) = delete;
  GzipStream& operator=(const GzipStream&) = delete;

  void Write(std::string_view data, std::string& out);
  void Finish(std::string& out, std::string_view last = {});

 private:
  void Deflate(std::string_view data, int flush, std::string& out);
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace soj::api
