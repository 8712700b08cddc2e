// The alert routes of the SPEC's HTTP table: create, list, read, patch, transitions, replies,
// follow-ups, merge, history. Handlers translate between HTTP and AlertService; the service
// decides who may do what.

#include <boost/json.hpp>
#include <charconv>

#include "api/api.hpp"
#include "api/caching.hpp"
#include "api/list_query.hpp"
#include "api/response_cache.hpp"
#include "api/responses.hpp"
#include "tracker/alert_json.hpp"
#include "tracker/alert_service.hpp"

namespace soj::api {
namespace {

namespace json = boost::json;
using tracker::Alert;
using tracker::AlertId;
using tracker::Principal;
using tracker::Result;
using tracker::SubmitOutcome;

// Path ids are positive decimal integers; anything else names no alert (404, never 500).
std::optional<AlertId> ParseId(std::string_view text) {
  AlertId id = 0;
  if (text.empty() || text.size() > 19 || text[0] == '0') return std::nullopt;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return id;
}

HttpResponse NeedsToken(std::string_view action) {
  return ProblemResponse(401, std::string(action) + " needs a token");
}

HttpResponse NoSuchAlert(std::string_view text) {
  return ProblemResponse(404, "there is no alert " + std::string(text));
}

HttpResponse AlertResponse(int status, const Principal& who, const Alert& alert) {
  HttpResponse response =
      JsonResponse(status, tracker::AlertToJson(alert, tracker::ViewFor(who, alert)));
  response.Set("ETag", QuotedEtag(std::to_string(alert.version)));
  response.Set("Last-Modified", HttpDate(alert.updated_at.unix_seconds()));
  return response;
}

// Reads an optional "date" member; adds an error when it is there but not a date.
std::optional<tracker::Date> OptionalDate(const json::object& body, tracker::FieldErrors& errors) {
  const json::value* value = body.if_contains("date");
  if (value == nullptr || value->is_null()) return std::nullopt;
  if (value->is_string())
    if (auto date = tracker::Date::Parse(value->as_string())) return date;
  errors.Add("date", "must be a date YYYY-MM-DD");
  return std::nullopt;
}

std::string OptionalString(const json::object& body, std::string_view key, bool required,
                           tracker::FieldErrors& errors) {
  const json::value* value = body.if_contains(key);
  if (value == nullptr || value->is_null()) {
    if (required) errors.Add(std::string(key), "is required");
    return {};
  }
  if (!value->is_string()) {
    errors.Add(std::string(key), "must be a string");
    return {};
  }
  return std::string(value->as_string());
}

// The answer to a submission: the alert, and where it lives.
HttpResponse SubmitResponse(const Principal& who, const Result<SubmitOutcome>& outcome) {
  if (!outcome) return ErrorResponse(outcome.error());
  HttpResponse response = AlertResponse(outcome->created ? 201 : 200, who, outcome->alert);
  response.Set("Location", "/api/v1/alerts/" + std::to_string(outcome->alert.id));
  return response;
}

class AlertRoutes {
 public:
  AlertRoutes(tracker::Platform& platform, Api& api)
      : alerts_(platform.alerts()), store_(platform.store()), api_(api) {}

  HttpResponse Create(RequestContext& ctx) {
    const Principal& who = ctx.principal;
    if (who.role == tracker::Role::kPublic) return NeedsToken("submitting an alert");
    if (who.role != tracker::Role::kPartner && who.role != tracker::Role::kEditor)
      return ProblemResponse(403, "only partner organisations and editors submit alerts");
    auto body = ReadJsonBody(ctx.request);
    if (auto* failed = std::get_if<HttpResponse>(&body)) return *failed;
    tracker::FieldErrors errors;
    tracker::AlertContent content = tracker::ParseAlertContent(std::get<json::value>(body), errors);
    if (!errors.empty()) {
      alerts_.CheckSubmission(who, content, errors);  // the rule violations in the same answer
      return ErrorResponse(tracker::Error::Invalid(errors.Take()));
    }
    std::optional<std::string> key;
    if (ctx.request.HasHeader("Idempotency-Key"))
      key = std::string(ctx.request.Header("Idempotency-Key"));
    // Queued, not waited for: no thread waits for the group commit's fsync, and the answer
    // is made on the caller's side (the writer thread only hands the outcome over).
    HttpResponse queued;
    queued.after_write = [this, who, content = std::move(content),
                          key = std::move(key)](HttpResponse::AnswerReady ready) mutable {
      alerts_.SubmitQueued(
          who, std::move(content), key,
          [who, ready = std::move(ready)](Result<SubmitOutcome> outcome) {
            ready([who, outcome = std::move(outcome)] { return SubmitResponse(who, outcome); });
          });
    };
    return queued;
  }

  HttpResponse List(RequestContext& ctx) {
    auto request = ParseListQuery(ctx.query);
    if (!request) return ErrorResponse(request.error());
    // Read before the list's snapshot, so a commit in between can only make the tag older. A
    // search answers from the search index, which is at least as new as the commits its
    // observers had been told of (ObservedSequence; LastCommitSequence moves before that).
    const uint64_t sequence =
        request->text.empty() ? store_.LastCommitSequence() : store_.ObservedSequence();
    const std::string etag = StoreQueryEtag(sequence, ctx, "list");
    if (auto not_modified = NotModified(ctx, etag)) return *not_modified;
    // A page depends only on the store, the query and the caller's rights: on the day everyone
    // reloads the same list it is built once per change. Not searches: the search index
    // follows the store on its own.
    const bool cacheable = request->text.empty();
    std::string key = cacheable ? QuerySubject(ctx, "list") : std::string();
    if (cacheable)
      if (auto cached = cache_.Find(key, sequence)) return std::move(*cached);
    // Not kept: a search, or a list that counts its total by walking an index (all of it, at
    // a million alerts, for a list without filters). Either can take a large part of a second:
    // on a search worker, not on the network thread that holds /healthz and cached pages.
    return api_.AnswerElsewhere(ctx, [this, request = std::move(*request), sequence, etag,
                                      key = std::move(key), cacheable](RequestContext& own) {
      auto page = alerts_.List(own.principal, request);
      if (!page) return ErrorResponse(page.error());
      json::array items;
      for (const Alert& alert : page->items)
        items.push_back(tracker::AlertToJson(alert, tracker::ViewFor(own.principal, alert)));
      json::object body{{"items", std::move(items)},
                        {"next_cursor", page->next_cursor ? json::value(*page->next_cursor)
                                                          : json::value(nullptr)},
                        {"total", page->total},
                        {"total_is_estimate", page->total_is_estimate}};
      HttpResponse response = JsonResponse(200, body);
      response.Set("ETag", etag);
      if (cacheable) cache_.Put(key, sequence, response);
      return response;
    });
  }

  HttpResponse Get(RequestContext& ctx) {
    auto id = ParseId(ctx.path_params[0]);
    if (!id) return NoSuchAlert(ctx.path_params[0]);
    // The public view is kept until the next commit: the day a journalist is arrested, the
    // case is asked for by every newsroom and built once. Api::Finish answers If-None-Match
    // on the kept answer's ETag (the version).
    const bool cacheable = ctx.principal.role == tracker::Role::kPublic;
    const uint64_t sequence = store_.LastCommitSequence();  // before the read
    const std::string key = cacheable ? QuerySubject(ctx, "alert") : std::string();
    if (cacheable)
      if (auto cached = alert_cache_.Find(key, sequence)) return std::move(*cached);
    auto alert = alerts_.Get(ctx.principal, *id);
    if (!alert) return ErrorResponse(alert.error());
    // The version is the validator: a 304 needs no JSON at all. Caches revalidate every use
    // (Api::Finish: an editor can withhold a victim's name after publication).
    if (auto not_modified = NotModified(ctx, QuotedEtag(std::to_string(alert->version)))) {
      not_modified->Set("Last-Modified", HttpDate(alert->updated_at.unix_seconds()));
      return *not_modified;
    }
    HttpResponse response = AlertResponse(200, ctx.principal, *alert);
    if (cacheable) alert_cache_.Put(key, sequence, response);
    return response;
  }

  HttpResponse Patch(RequestContext& ctx) {
    auto id = ParseId(ctx.path_params[0]);
    if (!id) return NoSuchAlert(ctx.path_params[0]);
    if (ctx.principal.role == tracker::Role::kPublic) return NeedsToken("editing an alert");
    std::string_view if_match = ctx.request.Header("If-Match");
    if (if_match.empty())
      return ProblemResponse(428,
                             "send If-Match with the alert's ETag (its version) so "
                             "concurrent edits cannot overwrite each other");
    auto body = ReadJsonBody(ctx.request, /*merge_patch=*/true);
    if (auto* failed = std::get_if<HttpResponse>(&body)) return *failed;
    uint64_t expected = 0;
    if (if_match == "*") {  // "any version": the client knowingly gives up the check
      auto current = alerts_.Get(ctx.principal, *id);
      if (!current && current.error().kind == tracker::ErrorKind::kMoved)
        return ErrorResponse(
            tracker::Error::Conflict(current.error().message + "; change that one"));
      if (!current) return ErrorResponse(current.error());
      expected = current->version;
    } else {
      std::string_view tag = if_match;
      if (tag.starts_with("W/")) tag.remove_prefix(2);
      if (tag.size() < 3 || tag.front() != '"' || tag.back() != '"')
        return ProblemResponse(412, "If-Match must be the alert's ETag, such as \"3\"");
      tag = tag.substr(1, tag.size() - 2);
      auto [end, ec] = std::from_chars(tag.data(), tag.data() + tag.size(), expected);
      if (ec != std::errc() || end != tag.data() + tag.size())
        return ProblemResponse(412, "If-Match must be the alert's ETag, such as \"3\"");
    }
    auto edited = alerts_.Edit(ctx.principal, *id, expected, std::get<json::value>(body));
    if (!edited) return ErrorResponse(edited.error());
    return AlertResponse(200, ctx.principal, *edited);
  }

  HttpResponse Transition(RequestContext& ctx) {
    auto id = ParseId(ctx.path_params[0]);
    if (!id) return NoSuchAlert(ctx.path_params[0]);
    if (ctx.principal.role == tracker::Role::kPublic) return NeedsToken("moving an alert");
    auto body = ReadJsonObject(ctx.request, {"to", "reason", "date"});
    if (auto* failed = std::get_if<HttpResponse>(&body)) return *failed;
    const json::object& object = std::get<json::object>(body);
    tracker::FieldErrors errors;
    std::string to = OptionalString(object, "to", true, errors);
    auto status = tracker::EnumFromName<tracker::AlertStatus>(to, tracker::kStatusNames);
    if (!to.empty() && !status)
      errors.Add("to", "must be one of published, rejected, withdrawn, resolved");
    tracker::TransitionRequest request;
    request.reason = OptionalString(object, "reason", false, errors);
    request.date = OptionalDate(object, errors);
    if (!errors.empty()) return ErrorResponse(tracker::Error::Invalid(errors.Take()));
    request.to = *status;
    auto moved = alerts_.Transition(ctx.principal, *id, request);
    if (!moved) return ErrorResponse(moved.error());
    return AlertResponse(200, ctx.principal, *moved);
  }

  HttpResponse AddNote(RequestContext& ctx, bool state_reply) {
    auto id = ParseId(ctx.path_params[0]);
    if (!id) return NoSuchAlert(ctx.path_params[0]);
    if (ctx.principal.role == tracker::Role::kPublic)
      return NeedsToken(state_reply ? "posting a state reply" : "adding a follow-up");
    auto body = ReadJsonObject(ctx.request, {"text", "date"});
    if (auto* failed = std::get_if<HttpResponse>(&body)) return *failed;
    const json::object& object = std::get<json::object>(body);
    tracker::FieldErrors errors;
    tracker::NoteRequest request;
    request.text = OptionalString(object, "text", true, errors);
    request.date = OptionalDate(object, errors);
    if (!errors.empty()) return ErrorResponse(tracker::Error::Invalid(errors.Take()));
    auto updated = state_reply ? alerts_.AddStateReply(ctx.principal, *id, request)
                               : alerts_.AddUpdate(ctx.principal, *id, request);
    if (!updated) return ErrorResponse(updated.error());
    HttpResponse response = AlertResponse(201, ctx.principal, *updated);
    response.Set("Location", "/api/v1/alerts/" + std::to_string(updated->id));
    return response;
  }

  HttpResponse Merge(RequestContext& ctx) {
    auto id = ParseId(ctx.path_params[0]);
    if (!id) return NoSuchAlert(ctx.path_params[0]);
    if (ctx.principal.role == tracker::Role::kPublic) return NeedsToken("merging alerts");
    auto body = ReadJsonObject(ctx.request, {"into"});
    if (auto* failed = std::get_if<HttpResponse>(&body)) return *failed;
    const json::value* into = std::get<json::object>(body).if_contains("into");
    if (into == nullptr) return ErrorResponse(tracker::Error::InvalidField("into", "is required"));
    if (!into->is_int64() && !into->is_uint64())
      return ErrorResponse(tracker::Error::InvalidField("into", "must be an alert id"));
    if (into->is_int64() && into->as_int64() <= 0)
      return ErrorResponse(tracker::Error::InvalidField("into", "must be an alert id"));
    auto target = alerts_.Merge(ctx.principal, *id, into->to_number<AlertId>());
    if (!target) return ErrorResponse(target.error());
    return AlertResponse(200, ctx.principal, *target);
  }

  HttpResponse History(RequestContext& ctx) {
    auto id = ParseId(ctx.path_params[0]);
    if (!id) return NoSuchAlert(ctx.path_params[0]);
    auto events = alerts_.History(ctx.principal, *id);
    if (!events) return ErrorResponse(events.error());
    json::array items;
    for (auto& event : *events) items.push_back(std::move(event));
    return JsonResponse(200, json::object{{"items", std::move(items)}});
  }

 private:
  tracker::AlertService& alerts_;
  const storage::Store& store_;
  Api& api_;                         // runs lists that are not kept (AnswerElsewhere)
  ResponseCache cache_;              // list pages
  ResponseCache alert_cache_{4096};  // public views of single alerts
};

}  // namespace

void AddAlertRoutes(Router& router, const RouteDeps& deps) {
  auto routes = std::make_shared<AlertRoutes>(deps.platform, deps.api);
  auto bind = [routes](HttpResponse (AlertRoutes::*method)(RequestContext&)) {
    return [routes, method](RequestContext& ctx) { return ((*routes).*method)(ctx); };
  };
  router.Add({"POST", "/api/v1/alerts", "createAlert", bind(&AlertRoutes::Create),
              /*queues_writes=*/true});
  router.Add({"GET", "/api/v1/alerts", "listAlerts", bind(&AlertRoutes::List)});
  router.Add({"GET", "/api/v1/alerts/{id}", "getAlert", bind(&AlertRoutes::Get)});
  router.Add({"PATCH", "/api/v1/alerts/{id}", "updateAlert", bind(&AlertRoutes::Patch)});
  router.Add({"POST", "/api/v1/alerts/{id}/transitions", "transitionAlert",
              bind(&AlertRoutes::Transition)});
  router.Add({"POST", "/api/v1/alerts/{id}/replies", "addStateReply",
              [routes](RequestContext& ctx) { return routes->AddNote(ctx, true); }});
  router.Add({"POST", "/api/v1/alerts/{id}/updates", "addUpdate",
              [routes](RequestContext& ctx) { return routes->AddNote(ctx, false); }});
  router.Add({"POST", "/api/v1/alerts/{id}/merge", "mergeAlert", bind(&AlertRoutes::Merge)});
  router.Add(
      {"GET", "/api/v1/alerts/{id}/history", "getAlertHistory", bind(&AlertRoutes::History)});
}

}  // namespace soj::api
