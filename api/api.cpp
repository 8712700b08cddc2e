#include "api/api.hpp"

#include <boost/json.hpp>
#include <boost/url/parse.hpp>
#include <chrono>
#include <cstdio>

#include "api/caching.hpp"
#include "api/credential_binding.hpp"
#include "api/follower_routes.hpp"
#include "api/gzip.hpp"
#include "api/responses.hpp"
#include "storage/wait_for.hpp"
#include "tracker/digest.hpp"
#include "tracker/usable_cores.hpp"

namespace soj::api {
namespace json = boost::json;

namespace {

std::string JsonEscape(std::string_view text) { return json::serialize(json::string(text)); }

// Adds `token` to the response's Vary header unless it is there.
void AddVary(HttpResponse& response, std::string_view token, bool front) {
  std::string vary(response.Header("Vary"));
  if (vary.find(token) != std::string::npos) return;
  if (vary.empty())
    vary = token;
  else
    vary = front ? std::string(token) + ", " + vary : vary + ", " + std::string(token);
  response.Set("Vary", vary);
}

void LogHandlerFailure(std::string_view route_name, const std::exception& e) {
  std::fprintf(stderr,
               "{\"level\":\"error\",\"msg\":\"handler failed\",\"route\":%s,"
               "\"error\":%s}\n",
               JsonEscape(route_name).c_str(), JsonEscape(e.what()).c_str());
}

}  // namespace

Api::Api(tracker::Platform& platform, ApiOptions options)
    : platform_(platform),
      options_(std::move(options)),
      address_limiter_(std::make_unique<RateLimiter>(RateLimit{})),
      token_limiter_(std::make_unique<RateLimiter>(RateLimit{})),
      search_workers_(
          std::make_unique<SearchWorkers>(tracker::UsableCores(), kDefaultSearchQueue)) {
  if (options_.access_log) access_log_ = std::make_unique<AccessLog>();
  RouteDeps deps{platform_, *this, options_};
  AddAlertRoutes(router_, deps);
  AddTokenRoutes(router_, deps);
  AddReferenceRoutes(router_, deps);
  AddStatsRoutes(router_, deps);
  AddOperationsRoutes(router_, deps);
  AddFeedRoutes(router_, deps);
  AddChangeRoutes(router_, deps);
  AddExportRoutes(router_, deps);
  AddSubscriptionRoutes(router_, deps);
  AddBackupRoutes(router_, deps);
}

uint64_t Api::ChangeGeneration() const { return platform_.changes().generation(); }

uint64_t Api::SubscribeChanges(std::function<void()> listener) {
  return platform_.changes().Subscribe(std::move(listener));
}

void Api::UnsubscribeChanges(uint64_t id) { platform_.changes().Unsubscribe(id); }

void Api::FinishOnResume(const HttpRequest& request, const tracker::Principal& who,
                         HttpResponse& response) {
  response.resume = [this, request, who, resume = std::move(response.resume)](bool timed_out) {
    HttpResponse next;
    try {
      next = resume(timed_out);
    } catch (const std::exception& e) {
      LogHandlerFailure("resume", e);
      next = ProblemResponse(500, "the server failed; the error was logged");
    }
    if (next.wait_until && next.resume)
      FinishOnResume(request, who, next);
    else
      Finish(request, who, next);
    return next;
  };
}

void Api::AddRoutes(const std::function<void(Router&, const RouteDeps&)>& add) {
  RouteDeps deps{platform_, *this, options_};
  add(router_, deps);
}

void Api::SetSearchWorkers(unsigned threads, std::size_t queue,
                           std::chrono::milliseconds delay_for_tests) {
  search_workers_ = std::make_unique<SearchWorkers>(threads, queue, delay_for_tests);
}

HttpResponse Api::AnswerElsewhere(const RequestContext& ctx, Handler handler) {
  // The caller's RequestContext ends with its handler; the job gets its own, from copies. A
  // read has no body to copy.
  auto request =
      std::make_shared<const HttpRequest>(HttpRequest{.method = ctx.request.method,
                                                      .target = ctx.request.target,
                                                      .headers = ctx.request.headers,
                                                      .body = {},
                                                      .remote_address = ctx.request.remote_address,
                                                      .tls = ctx.request.tls});
  HttpResponse deferred;
  deferred.after_write = [this, request, who = ctx.principal, params = ctx.path_params,
                          handler = std::move(handler)](HttpResponse::AnswerReady ready) {
    auto job = [request, who, params, handler, ready] {
      auto answer = std::make_shared<HttpResponse>();
      try {
        auto url = boost::urls::parse_origin_form(request->target);
        if (!url) {
          *answer = ProblemResponse(400, "the request target is not a valid path and query");
        } else {
          RequestContext own{*request, who, params, url->params()};
          *answer = handler(own);
        }
      } catch (const std::exception& e) {
        LogHandlerFailure("answerElsewhere", e);
        *answer = ProblemResponse(500, "the server failed; the error was logged");
      }
      ready([answer] { return std::move(*answer); });
    };
    if (!search_workers_->TrySubmit(std::move(job))) {
      // Generic text: which requests are running, and why, is nobody's business.
      ready([] {
        HttpResponse busy = ProblemResponse(503, "the server is busy with searches; retry shortly");
        busy.Set("Retry-After", "1");
        busy.Set("Cache-Control", "no-store");
        return busy;
      });
    }
  };
  return deferred;
}

HttpResponse Api::Handle(const HttpRequest& request) {
  HttpResponse response = HandleWithoutWaiting(request);
  if (!response.after_write) return response;
  return storage::WaitFor<HttpResponse::MakeAnswer>(response.after_write)();
}

bool Api::MayWaitForWrite(const HttpRequest& request) const {
  if (request.method == "GET" || request.method == "HEAD") return false;
  if (!options_.primary_url.empty()) return true;  // a follower redirects writes at once
  auto url = boost::urls::parse_origin_form(request.target);
  if (!url) return true;
  const Router::Match match = router_.Find(request.method, url->path());
  return match.route == nullptr || !match.route->queues_writes;
}

HttpResponse Api::HandleWithoutWaiting(const HttpRequest& request) {
  const auto start = std::chrono::steady_clock::now();
  std::string route_name = "unmatched";
  HttpResponse response;
  tracker::Principal who = tracker::Principal::Public();
  bool free_of_alert_content = false;
  try {
    if (auto limited = LimitAddress(request)) {
      route_name = "rateLimited";
      response = std::move(*limited);
    } else {
      response = Dispatch(request, &route_name, &who, &free_of_alert_content);
    }
  } catch (const std::exception& e) {
    LogHandlerFailure(route_name, e);
    response = ProblemResponse(500, "the server failed; the error was logged");
  }
  if (response.after_write)
    CompleteAfterWrite(request, who, std::move(route_name), start, response);
  else
    Complete(request, who, route_name, start, response, free_of_alert_content);
  return response;
}

void Api::Complete(const HttpRequest& request, const tracker::Principal& who,
                   std::string_view route_name, std::chrono::steady_clock::time_point start,
                   HttpResponse& response, bool free_of_alert_content) {
  HoldBackFailedCredentials(request, route_name, response);
  // What outlives this request (a parked poll, a stream) keeps the caller's rights only while
  // the caller's token stands.
  BindToCredential(platform_.tokens(), who, response);
  if (response.wait_until && response.resume)
    FinishOnResume(request, who, response);
  else
    Finish(request, who, response, free_of_alert_content);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  metrics_.RecordRequest(std::string(route_name), request.method, response.status, seconds);
  if (access_log_)
    access_log_->Record({.method = request.method,
                         .route = std::string(route_name),
                         .status = response.status,
                         .seconds = seconds,
                         .bytes = response.body.size(),
                         .streamed = static_cast<bool>(response.stream)});
}

void Api::CompleteAfterWrite(const HttpRequest& request, const tracker::Principal& who,
                             std::string route_name, std::chrono::steady_clock::time_point start,
                             HttpResponse& response) {
  // What completing needs of the request, without its body: the answer may come after the
  // caller's request is gone.
  HttpRequest head{.method = request.method,
                   .target = request.target,
                   .headers = request.headers,
                   .body = {},
                   .remote_address = request.remote_address,
                   .tls = request.tls,
                   .peer_address = request.peer_address};
  response.after_write =
      [this, head = std::move(head), who, route_name = std::move(route_name), start,
       after_write = std::move(response.after_write)](HttpResponse::AnswerReady ready) {
        auto answered = std::make_shared<std::atomic<bool>>(false);
        auto complete = [this, head, who, route_name, start, ready,
                         answered](HttpResponse::MakeAnswer make) {
          if (answered->exchange(true)) return;
          ready([this, head, who, route_name, start, make = std::move(make)] {
            HttpResponse answer;
            try {
              answer = make();
            } catch (const std::exception& e) {
              LogHandlerFailure(route_name, e);
              answer = ProblemResponse(500, "the server failed; the error was logged");
            }
            Complete(head, who, route_name, start, answer);
            return answer;
          });
        };
        try {
          after_write(complete);
        } catch (const std::exception& e) {  // before the write was queued: it answers now
          LogHandlerFailure(route_name, e);
          complete([] { return ProblemResponse(500, "the server failed; the error was logged"); });
        }
      };
}

HttpResponse Api::Dispatch(const HttpRequest& request, std::string* route_name,
                           tracker::Principal* caller, bool* free_of_alert_content) {
  auto url = boost::urls::parse_origin_form(request.target);
  if (!url) return ProblemResponse(400, "the request target is not a valid path and query");
  const std::string path = url->path();
  // A follower cannot write: one place sends every write of every route to the primary.
  if (auto redirect = RedirectToPrimary(request, options_.primary_url)) {
    *route_name = "redirectToPrimary";
    return *redirect;
  }

  Router::Match match = router_.Find(request.method, path);
  if (match.route == nullptr) {
    if (match.allowed.empty()) return ProblemResponse(404, "there is nothing at this path");
    std::string allow;
    for (const auto& m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
    HttpResponse response = ProblemResponse(405, "this path takes " + allow);
    response.Set("Allow", allow);
    return response;
  }
  *route_name = match.route->operation_id;
  *free_of_alert_content = match.route->free_of_alert_content;

  tracker::Principal who = tracker::Principal::Public();
  if (request.HasHeader("Authorization")) {
    std::string_view header = request.Header("Authorization");
    constexpr std::string_view kBearer = "Bearer ";
    if (header.size() <= kBearer.size() || !EqualsIgnoreCase(header.substr(0, 7), kBearer))
      return ProblemResponse(401, "use 'Authorization: Bearer <token>'");
    auto principal = platform_.tokens().Authenticate(header.substr(kBearer.size()));
    if (!principal) return ErrorResponse(principal.error());
    who = *principal;
    if (auto limited = LimitToken(who)) return *limited;
  }
  *caller = who;

  RequestContext context{request, who, std::move(match.params), url->params()};
  return match.route->handler(context);
}

void Api::Finish(const HttpRequest& request, const tracker::Principal& who, HttpResponse& response,
                 bool free_of_alert_content) {
  response.Set("X-Content-Type-Options", "nosniff");
  if (request.tls) response.Set("Strict-Transport-Security", "max-age=63072000");
  const bool read = request.method == "GET" || request.method == "HEAD";
  if (!read) {
    response.Set("Cache-Control", "no-store");
    return;
  }
  // Answers depend on who asks: caches must keep them apart.
  AddVary(response, "Authorization", /*front=*/true);
  if (who.role != tracker::Role::kPublic)
    response.Set("Cache-Control", "private, no-store");
  else
    response.Set("Cache-Control", PublicCacheControl(response.Header("Cache-Control"),
                                                     response.status, free_of_alert_content));
  // A handler's own 304 was decided on a cheap validator before any body was built.
  if (response.status != 200) return;

  const bool streamed = static_cast<bool>(response.stream);
  if (!streamed && response.Header("ETag").empty()) response.Set("ETag", BodyEtag(response.body));
  // The coding is chosen per request: caches must key on Accept-Encoding too, and the gzip
  // representation gets its own entity tag (RFC 9110 §8.8.3: a strong tag names one
  // representation, and the identity and gzip bytes differ).
  bool gzip = false;
  if (response.Header("Content-Encoding").empty() &&
      (streamed || response.body.size() > kGzipMinimumBytes)) {
    AddVary(response, "Accept-Encoding", /*front=*/false);
    gzip = AcceptsGzip(request.Header("Accept-Encoding"));
  }
  std::string etag(response.Header("ETag"));
  if (gzip && !etag.empty()) {
    etag = GzipEtag(etag);
    response.Set("ETag", etag);
  }
  if (IfNoneMatchHits(request.Header("If-None-Match"), etag)) {
    response.status = 304;
    response.body.clear();
    response.stream = nullptr;
    std::erase_if(response.headers, [](const auto& h) {
      return EqualsIgnoreCase(h.first, "Content-Type") ||
             EqualsIgnoreCase(h.first, "Content-Disposition");
    });
    return;
  }
  if (!gzip) return;
  response.Set("Content-Encoding", "gzip");
  if (!streamed) {
    response.body = gzip_cache_.Compress(response.body);
    return;
  }
  // Each piece is compressed and flushed as it comes, so the client can decode what arrived.
  auto gzip_stream = std::make_shared<GzipStream>();
  response.stream = [inner = std::move(response.stream), gzip_stream](std::string& out) {
    std::string piece;
    const bool more = inner(piece);
    if (more) {
      if (!piece.empty()) gzip_stream->Write(piece, out);
    } else {
      gzip_stream->Finish(out, piece);
    }
    return more;
  };
}

}  // namespace soj::api
