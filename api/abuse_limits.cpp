// Api's defences against floods and guessing: rate limits per client address and per token
// (429 + Retry-After), answers to repeated failed credentials held back without holding a
// thread (the long-poll mechanism parks them: HttpResponse::wait_until), and the credential
// check that admits a connection to the server's reserved slots.

#include <memory>

#include "api/api.hpp"
#include "api/responses.hpp"

namespace soj::api {
namespace {

HttpResponse TooManyRequests(int retry_after) {
  HttpResponse response =
      ProblemResponse(429, "too many requests; retry after " + std::to_string(retry_after) + " s");
  response.Set("Retry-After", std::to_string(retry_after));
  return response;
}

// `answer`, parked until `deadline`: resumed earlier (woken by a commit), it parks again.
HttpResponse Parked(std::shared_ptr<const HttpResponse> answer,
                    std::chrono::steady_clock::time_point deadline) {
  HttpResponse parked = *answer;
  parked.wait_until = deadline;
  parked.resume = [answer, deadline](bool timed_out) {
    if (timed_out || std::chrono::steady_clock::now() >= deadline) return *answer;
    return Parked(answer, deadline);
  };
  return parked;
}

}  // namespace

void Api::SetRateLimits(RateLimit per_address, RateLimit per_token) {
  address_limiter_ = std::make_unique<RateLimiter>(per_address);
  token_limiter_ = std::make_unique<RateLimiter>(per_token);
}

std::optional<HttpResponse> Api::LimitAddress(const HttpRequest& request) {
  // In-process callers (tests, tools) have no address; probes must see the truth.
  if (request.remote_address.empty() || !address_limiter_->enabled()) return std::nullopt;
  const std::string_view target = request.target;
  if (target == "/healthz" || target == "/readyz") return std::nullopt;
  if (int retry = address_limiter_->Take(request.remote_address)) return TooManyRequests(retry);
  return std::nullopt;
}

std::optional<HttpResponse> Api::LimitToken(const tracker::Principal& who) {
  if (who.token_id.empty() || !token_limiter_->enabled()) return std::nullopt;
  if (int retry = token_limiter_->Take(who.token_id)) return TooManyRequests(retry);
  return std::nullopt;
}

bool Api::PresentsValidCredentials(const HttpRequest& request) const {
  if (request.HasHeader("Authorization")) {
    const std::string_view header = request.Header("Authorization");
    constexpr std::string_view kBearer = "Bearer ";
    if (header.size() > kBearer.size() && EqualsIgnoreCase(header.substr(0, 7), kBearer) &&
        platform_.tokens().Authenticate(header.substr(kBearer.size())))
      return true;
  }
  return session_check_ && session_check_(request);
}

void Api::HoldBackFailedCredentials(const HttpRequest& request, std::string_view route,
                                    HttpResponse& response) {
  if (request.remote_address.empty() || response.status != 401 || response.wait_until) return;
  if (!request.HasHeader("Authorization") && route != "pageSignInPost") return;
  const auto delay = failed_credentials_.Fail(request.remote_address);
  if (delay.count() == 0) return;
  // The answer is the same, only later, and no thread waits for it.
  response = Parked(std::make_shared<const HttpResponse>(std::move(response)),
                    std::chrono::steady_clock::now() + delay);
}

}  // namespace soj::api
