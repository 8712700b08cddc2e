#include "api/caching.hpp"

#include <algorithm>
#include <ctime>
#include <vector>

#include "tracker/digest.hpp"

namespace soj::api {

bool IfNoneMatchHits(std::string_view header, std::string_view etag) {
  if (header.empty() || etag.empty()) return false;
  auto strip_weak = [](std::string_view tag) {
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    return tag;
  };
  etag = strip_weak(etag);
  while (!header.empty()) {
    std::size_t comma = header.find(',');
    std::string_view tag = header.substr(0, comma);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (tag == "*" || strip_weak(tag) == etag) return true;
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

std::string GzipEtag(std::string_view etag) {
  if (etag.size() < 2 || etag.back() != '"') return std::string(etag);
  std::string out(etag.substr(0, etag.size() - 1));
  out += "-gzip\"";
  return out;
}

std::optional<HttpResponse> NotModified(const RequestContext& ctx, std::string_view etag) {
  std::string_view header = ctx.request.Header("If-None-Match");
  if (header.empty()) return std::nullopt;
  std::string named;
  if (IfNoneMatchHits(header, etag))
    named = etag;
  else if (const std::string gzip = GzipEtag(etag); IfNoneMatchHits(header, gzip))
    named = gzip;
  else
    return std::nullopt;
  HttpResponse response;
  response.status = 304;
  response.Set("ETag", named);
  response.Set("Vary", "Accept-Encoding");
  return response;
}

namespace {

// Appends `text` so that no two sequences of parts encode alike: its length, then its bytes.
void AppendPart(std::string& out, std::string_view text) {
  out += std::to_string(text.size());
  out += ':';
  out += text;
}

}  // namespace

std::string QuerySubject(const RequestContext& ctx, std::string_view kind,
                         std::string_view representation) {
  struct Param {
    std::string key;
    std::string value;
    bool has_value;
  };
  std::vector<Param> params;
  for (const auto& param : ctx.query)
    params.push_back({std::string(param.key), std::string(param.value), param.has_value});
  std::stable_sort(params.begin(), params.end(),
                   [](const Param& a, const Param& b) { return a.key < b.key; });
  const tracker::Principal& who = ctx.principal;
  std::string_view path = ctx.request.target;
  path = path.substr(0, path.find('?'));
  std::string subject;
  AppendPart(subject, kind);
  AppendPart(subject, path);
  subject += std::to_string(params.size());
  for (const Param& param : params) {
    AppendPart(subject, param.key);
    subject += param.has_value ? '=' : '-';
    AppendPart(subject, param.value);
  }
  AppendPart(subject, tracker::ToString(who.role));
  AppendPart(subject, who.partner);
  AppendPart(subject, who.country);
  AppendPart(subject, representation);
  return subject;
}

std::string StoreQueryEtag(uint64_t sequence, const RequestContext& ctx, std::string_view kind) {
  std::string opaque = "s";
  opaque += std::to_string(sequence);
  opaque += '-';
  opaque += tracker::Sha256Hex(QuerySubject(ctx, kind)).substr(0, 16);
  return QuotedEtag(opaque);
}

std::string BodyEtag(std::string_view body) {
  return QuotedEtag(tracker::Sha256Hex(body).substr(0, 32));
}

std::string QuotedEtag(std::string_view opaque) {
  std::string etag;
  etag.reserve(opaque.size() + 2);
  etag += '"';
  etag += opaque;
  etag += '"';
  return etag;
}

std::string PublicCacheControl(std::string_view asked, int status, bool free_of_alert_content) {
  if (asked.find("no-store") != std::string_view::npos ||
      asked.find("private") != std::string_view::npos)
    return std::string(asked);
  if (status != 200 && status != 304) return "no-store";
  if (free_of_alert_content) return asked.empty() ? "public, max-age=30" : std::string(asked);
  return "public, no-cache";
}

std::string HttpDate(int64_t unix_seconds) {
  std::time_t seconds = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[64];
  std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buffer;
}

}  // namespace soj::api
