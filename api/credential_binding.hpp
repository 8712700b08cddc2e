#pragma once
// Answers that outlive their request keep the caller's credential only while it stands. A
// parked long poll (HttpResponse::resume) and a streamed body (HttpResponse::stream) were
// authorised once, when the request came; a token revoked (or changed) after that must not
// keep receiving what it allowed. BindToCredential wraps both so that each resumption and
// each streamed piece first asks the token service whether the credential still stands
// (TokenService::StillAuthorises: one point read of the token record).

#include "api/http_message.hpp"
#include "tracker/principal.hpp"
#include "tracker/token_service.hpp"

namespace soj::api {

// For a caller with a credential (`who.token_id` set), wraps `response`:
// - `resume`: once the credential no longer stands, the parked request is answered 401 (a
//   problem document that names no token) instead of being resumed with the caller's view;
//   a resumed answer that parks again is bound the same way.
// - `stream`: once the credential no longer stands, the next piece is not made; the producer
//   throws, so the server ends the connection without the last chunk and the client can tell
//   the body is incomplete.
// Does nothing for callers without a credential. `tokens` must outlive the response.
void BindToCredential(const tracker::TokenService& tokens, const tracker::Principal& who,
                      HttpResponse& response);

}  // namespace soj::api
