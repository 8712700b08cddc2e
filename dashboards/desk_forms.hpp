#pragma once
// What the signed-in desks share: form bodies, the role gate, CSRF checks, field errors in
// the page language, and the sign-in and sign-out pages.

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "dashboards/pages.hpp"
#include "tracker/error.hpp"

namespace soj::dashboards {

// An application/x-www-form-urlencoded body.
struct Form {
  std::vector<std::pair<std::string, std::string>> fields;
  // The last value of `name`, or "".
  std::string Get(std::string_view name) const;
  std::vector<std::string> All(std::string_view name) const;
};
Form ParseForm(std::string_view body);

// The session when someone with `role` is signed in; otherwise the answer: a redirect to the
// sign-in page, or a 403 page for another role.
std::variant<Session, api::HttpResponse> RequireRole(Page& page, tracker::Role role);
// True when the form carries the session's CSRF token.
bool CsrfOk(const Page& page, const Form& form);
api::HttpResponse CsrfFailedPage(Page& page);
void CsrfField(const Page& page, Html& h);

// Form field name -> message in the page language. Field paths from the domain
// ("victims[0].name") are mapped to the form's names ("victim_name").
using FieldMessages = std::map<std::string, std::string, std::less<>>;
FieldMessages TranslateFieldErrors(const Page& page,
                                   const std::vector<tracker::FieldError>& errors);
// The error list at the top of a form (links to each field), if there are errors.
void ErrorSummary(const Page& page, Html& h, const FieldMessages& messages);
// The message for one field, right under its label, if it has one.
void FieldMessage(Html& h, const FieldMessages& messages, std::string_view field);
// Attributes that tie an input to its message.
Attrs InputAttrs(const FieldMessages& messages, std::string_view field, Attrs attrs);

api::HttpResponse SignInPage(Page& page);
api::HttpResponse SignInPost(Page& page);
api::HttpResponse SignOutPost(Page& page);

// Desk pages (submit_pages.cpp, review_pages.cpp, reply_pages.cpp).
api::HttpResponse SubmitPage(Page& page);
api::HttpResponse SubmitPost(Page& page);
api::HttpResponse ReviewQueuePage(Page& page);
api::HttpResponse ReviewAlertPage(Page& page, std::string_view id_text);
api::HttpResponse ReviewPost(Page& page, std::string_view id_text);
api::HttpResponse ReplyQueuePage(Page& page);
api::HttpResponse ReplyAlertPage(Page& page, std::string_view id_text);
api::HttpResponse ReplyPost(Page& page, std::string_view id_text);

}  // namespace soj::dashboards
