#include "api/responses.hpp"

#include <boost/json.hpp>
#include <cstdio>

#include "api/json_writer.hpp"
#include "tracker/alert_json.hpp"

namespace soj::api {
namespace json = boost::json;

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 301:
      return "Moved Permanently";
    case 303:
      return "See Other";  // the pages' POST-redirect-GET
    case 304:
      return "Not Modified";
    case 307:
      return "Temporary Redirect";
    case 308:
      return "Permanent Redirect";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 411:
      return "Length Required";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 428:
      return "Precondition Required";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Unknown";
  }
}

HttpResponse JsonResponse(int status, const json::value& body) {
  HttpResponse response;
  response.status = status;
  response.Set("Content-Type", "application/json");
  response.body = SerializeJson(body);
  return response;
}

int StatusOf(tracker::ErrorKind kind) {
  using K = tracker::ErrorKind;
  switch (kind) {
    case K::kBadRequest:
      return 400;
    case K::kUnauthenticated:
      return 401;
    case K::kForbidden:
      return 403;
    case K::kNotFound:
      return 404;
    case K::kConflict:
      return 409;
    case K::kPreconditionFailed:
      return 412;
    case K::kPreconditionRequired:
      return 428;
    case K::kInvalid:
      return 422;
    case K::kMoved:
      return 301;
    case K::kUnavailable:
      return 503;
    case K::kInternal:
      return 500;
  }
  return 500;
}

HttpResponse ProblemResponse(int status, std::string_view detail,
                             const std::vector<tracker::FieldError>& errors) {
  json::object body;
  // One type per status: the status's reason phrase says what kind of problem it is.
  std::string slug;
  for (char c : ReasonPhrase(status))
    slug.push_back(c == ' ' ? '-' : static_cast<char>(std::tolower(c)));
  body["type"] = "urn:soj-tracker:problem:" + slug;
  body["title"] = ReasonPhrase(status);
  body["status"] = status;
  body["detail"] = detail;
  json::array list;
  for (const auto& e : errors)
    list.push_back(json::object{{"field", e.field}, {"message", e.message}});
  body["errors"] = std::move(list);
  HttpResponse response = JsonResponse(status, body);
  response.Set("Content-Type", "application/problem+json");
  if (status == 401) response.Set("WWW-Authenticate", "Bearer realm=\"soj-tracker\"");
  return response;
}

std::string_view PublicDetail(const tracker::Error& error) {
  switch (error.kind) {
    case tracker::ErrorKind::kInternal:
      return "the server failed; the error was logged";
    case tracker::ErrorKind::kUnavailable:
      return "the service cannot do this right now; retry in a few seconds";
    default:
      return error.message;
  }
}

void LogErrorDetail(std::string_view where, const tracker::Error& error) {
  // Messages of internal and unavailable errors name no victim: they come from storage, the
  // search index, the follower and backups, never from alert text.
  std::fprintf(stderr, "{\"level\":\"error\",\"msg\":%s,\"kind\":\"%s\",\"error\":%s}\n",
               json::serialize(json::string(where)).c_str(),
               error.kind == tracker::ErrorKind::kUnavailable ? "unavailable" : "internal",
               json::serialize(json::string(error.message)).c_str());
}

HttpResponse ErrorResponse(const tracker::Error& error) {
  const int status = StatusOf(error.kind);
  if (status == 500 || status == 503) LogErrorDetail("request failed", error);
  HttpResponse response = ProblemResponse(status, PublicDetail(error), error.fields);
  if (error.kind == tracker::ErrorKind::kMoved && error.moved_to)
    response.Set("Location", "/api/v1/alerts/" + std::to_string(*error.moved_to));
  if (status == 503) response.Set("Retry-After", "5");
  return response;
}

BodyOr<json::value> ReadJsonBody(const HttpRequest& request, bool merge_patch) {
  std::string_view type = request.Header("Content-Type");
  std::string_view media = type.substr(0, type.find(';'));
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  const bool json_type = EqualsIgnoreCase(media, "application/json");
  const bool patch_type = merge_patch && EqualsIgnoreCase(media, "application/merge-patch+json");
  if (!json_type && !patch_type)
    return ProblemResponse(415,
                           merge_patch ? "send the body as application/merge-patch+json or "
                                         "application/json"
                                       : "send the body as application/json",
                           {{"Content-Type", merge_patch ? "must be application/merge-patch+json "
                                                           "or application/json"
                                                         : "must be application/json"}});
  auto parsed = tracker::ParseJsonText(request.body);
  if (!parsed) return ErrorResponse(parsed.error());
  return std::move(*parsed);
}

BodyOr<json::object> ReadJsonObject(const HttpRequest& request,
                                    std::initializer_list<std::string_view> allowed) {
  auto body = ReadJsonBody(request);
  if (auto* failed = std::get_if<HttpResponse>(&body)) return std::move(*failed);
  json::value& value = std::get<json::value>(body);
  if (!value.is_object())
    return ErrorResponse(tracker::Error::InvalidField("", "the body must be a JSON object"));
  tracker::FieldErrors errors;
  for (const auto& [key, member] : value.as_object())
    if (std::find(allowed.begin(), allowed.end(), std::string_view(key)) == allowed.end())
      errors.Add(std::string(key), "unknown field");
  if (!errors.empty()) return ErrorResponse(tracker::Error::Invalid(errors.Take()));
  return std::move(value.as_object());
}

}  // namespace soj::api
