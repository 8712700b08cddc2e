#pragma once
// HTTP validators (RFC 9110 §8.8, §13): entity tags, If-None-Match, and the cheap validators
// that let a handler answer 304 before it builds a body.

#include <optional>
#include <string>
#include <string_view>

#include "api/http_message.hpp"
#include "api/router.hpp"
#include "storage/store.hpp"

namespace soj::api {

// True when an If-None-Match value names `etag` (weak comparison, as RFC 9110 says for
// If-None-Match; "*" matches anything).
bool IfNoneMatchHits(std::string_view header, std::string_view etag);

// The entity tag of the gzip-coded representation whose identity representation has `etag`:
// "4" -> "4-gzip", W/"x" -> W/"x-gzip". The two codings never share a tag.
std::string GzipEtag(std::string_view etag);

// A 304 answer when the request's If-None-Match names `etag` or its gzip form, carrying the
// tag the client named; nullopt otherwise. Call it before building the body.
std::optional<HttpResponse> NotModified(const RequestContext& ctx, std::string_view etag);

// A validator for an answer computed only from the store as the caller sees it: a commit
// sequence the answer is at least as new as (read before the answer is computed, never after),
// with a digest of QuerySubject(ctx, kind).
std::string StoreQueryEtag(uint64_t sequence, const RequestContext& ctx, std::string_view kind);
// Everything an answer computed from the store depends on besides the store, and so the only
// ResponseCache key a route may use: `kind` (the route), the path, every query parameter as
// parsed (decoded; sorted by key, a key's values in the order sent, since a route may read the
// last; "k" apart from "k="), the caller's rights (role, partner, country) and
// `representation`: whatever else of the request the route reads to shape its answer (a
// header such as Accept, the base URL of links). Two requests share a subject only when all of
// these are equal. No route picks the parameters that count: a parameter a route ignores
// splits the cache, which costs a build, never a wrong answer.
std::string QuerySubject(const RequestContext& ctx, std::string_view kind,
                         std::string_view representation = {});
// The strong validator of a body the handler gave no ETag: a digest of its bytes.
std::string BodyEtag(std::string_view body);
// A strong entity tag: `opaque` in double quotes.
std::string QuotedEtag(std::string_view opaque);

// The Cache-Control of a public answer to a GET or HEAD, in one place for every route (the rule
// "No cache keeps a name" of docs/security.md). `asked` is what the handler set ("" for none).
// An answer a cache must not store stays so (`no-store`, `private`); an answer that is not
// 200 or 304 is `no-store`; a route free of alert content keeps what it asked (or 30 s). Every
// other answer may carry a victim's name, which an editor can withhold at any time, so it is
// `public, no-cache`: a cache may store it but revalidates it (If-None-Match) on every use,
// and nginx does not store it at all.
std::string PublicCacheControl(std::string_view asked, int status, bool free_of_alert_content);

// An HTTP date (RFC 9110 IMF-fixdate) for a number of seconds since the Unix epoch.
std::string HttpDate(int64_t unix_seconds);

}  // namespace soj::api
