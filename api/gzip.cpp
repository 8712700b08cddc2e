#include "api/gzip.hpp"

#include <zlib.h>

#include <algorithm>
#include <stdexcept>

#include "api/http_message.hpp"

namespace soj::api {
namespace {

// The q-value of one Accept-Encoding member's parameters (";q=0.5"); 1 when absent, 0 when
// malformed (a client that cannot write a q-value gets identity, which is always safe).
double QValue(std::string_view params) {
  while (!params.empty()) {
    std::size_t semicolon = params.find(';');
    std::string_view param = TrimWhitespace(params.substr(0, semicolon));
    if (param.size() >= 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
      std::string value(TrimWhitespace(param.substr(2)));
      try {
        std::size_t used = 0;
        double q = std::stod(value, &used);
        return used == value.size() && q >= 0 && q <= 1 ? q : 0;
      } catch (...) {
        return 0;
      }
    }
    if (semicolon == std::string_view::npos) break;
    params.remove_prefix(semicolon + 1);
  }
  return 1;
}

}  // namespace

bool AcceptsGzip(std::string_view header) {
  double gzip = -1;  // -1: not named
  double any = -1;
  while (!header.empty()) {
    std::size_t comma = header.find(',');
    std::string_view member = TrimWhitespace(header.substr(0, comma));
    std::size_t semicolon = member.find(';');
    std::string_view coding = TrimWhitespace(member.substr(0, semicolon));
    double q = QValue(semicolon == std::string_view::npos ? "" : member.substr(semicolon + 1));
    if (EqualsIgnoreCase(coding, "gzip") || EqualsIgnoreCase(coding, "x-gzip"))
      gzip = std::max(gzip, q);
    else if (coding == "*")
      any = std::max(any, q);
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  if (gzip >= 0) return gzip > 0;
  return any > 0;
}

struct GzipStream::State {
  z_stream z{};
};

GzipStream::GzipStream() : state_(std::make_unique<State>()) {
  // windowBits 15 + 16: a gzip header and trailer instead of zlib's.
  if (deflateInit2(&state_->z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK)
    throw std::runtime_error("zlib deflateInit2 failed");
}

GzipStream::~GzipStream() { deflateEnd(&state_->z); }

void GzipStream::Deflate(std::string_view data, int flush, std::string& out) {
  z_stream& z = state_->z;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  char buffer[16384];
  int result = Z_OK;
  do {
    z.next_out = reinterpret_cast<Bytef*>(buffer);
    z.avail_out = sizeof buffer;
    result = deflate(&z, flush);
    if (result == Z_STREAM_ERROR) throw std::runtime_error("zlib deflate failed");
    out.append(buffer, sizeof buffer - z.avail_out);
    // With Z_SYNC_FLUSH everything is out once deflate leaves output space unused.
  } while (z.avail_out == 0 || (flush == Z_FINISH && result != Z_STREAM_END));
}

void GzipStream::Write(std::string_view data, std::string& out) {
  Deflate(data, Z_SYNC_FLUSH, out);
}

void GzipStream::Finish(std::string& out, std::string_view last) { Deflate(last, Z_FINISH, out); }

std::string GzipCompress(std::string_view data) {
  GzipStream stream;
  std::string out;
  out.reserve(data.size() / 4 + 64);
  stream.Finish(out, data);
  return out;
}

}  // namespace soj::api
