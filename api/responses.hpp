#pragma once
// Building responses: JSON bodies, RFC 9457 problem details, and reading JSON request bodies.

#include <boost/json/value.hpp>
#include <string>
#include <string_view>
#include <variant>

#include "api/http_message.hpp"
#include "tracker/error.hpp"

namespace soj::api {

HttpResponse JsonResponse(int status, const boost::json::value& body);

// application/problem+json: {"type","title","status","detail","errors":[{"field","message"}]}.
HttpResponse ProblemResponse(int status, std::string_view detail,
                             const std::vector<tracker::FieldError>& errors = {});
// The problem for a domain error, with the HTTP status its kind maps to (301 for kMoved,
// with Location). Its detail is PublicDetail(error); a 500 or 503 logs the error's own
// message (one JSON line on stderr) and carries Retry-After when it is a 503.
HttpResponse ErrorResponse(const tracker::Error& error);
// The words a client may read about `error`. Messages of kInternal and kUnavailable errors are
// made from storage, RocksDB, Xapian, follower and backup text that names paths and internals:
// they never leave the server, whoever asks (admins too; operators read the log), and a fixed
// text stands in for them. Every other kind says what the caller did wrong, in its own words.
std::string_view PublicDetail(const tracker::Error& error);
// Writes `error`'s own message to the log as one JSON line (escaped), with `where` it happened.
void LogErrorDetail(std::string_view where, const tracker::Error& error);
int StatusOf(tracker::ErrorKind kind);

// A value read from the request, or the response that explains why it could not be read.
template <class T>
using BodyOr = std::variant<T, HttpResponse>;

// The request body as JSON. 415 unless Content-Type is application/json (or, when
// `merge_patch`, application/merge-patch+json); 400 when the body is not JSON.
BodyOr<boost::json::value> ReadJsonBody(const HttpRequest& request, bool merge_patch = false);

// A JSON object body whose members are all in `allowed` (422 naming each unknown member).
BodyOr<boost::json::object> ReadJsonObject(const HttpRequest& request,
                                           std::initializer_list<std::string_view> allowed);

// The standard reason phrase ("Not Found") for a status code.
std::string_view ReasonPhrase(int status);

}  // namespace soj::api
