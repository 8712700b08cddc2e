#include "api/credential_binding.hpp"

#include <stdexcept>

#include "api/responses.hpp"

namespace soj::api {

void BindToCredential(const tracker::TokenService& tokens, const tracker::Principal& who,
                      HttpResponse& response) {
  if (who.token_id.empty()) return;
  if (response.resume) {
    response.resume = [&tokens, who, resume = std::move(response.resume)](bool timed_out) {
      if (!tokens.StillAuthorises(who))
        return ProblemResponse(401, "the token was revoked while the request waited");
      HttpResponse next = resume(timed_out);
      BindToCredential(tokens, who, next);
      return next;
    };
  }
  if (response.stream) {
    response.stream = [&tokens, who, stream = std::move(response.stream)](std::string& out) {
      if (!tokens.StillAuthorises(who))
        throw std::runtime_error("the token was revoked while its answer was streamed");
      return stream(out);
    };
  }
}

}  // namespace soj::api
