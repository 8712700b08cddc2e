#include "dashboards/desk_forms.hpp"

namespace soj::dashboards {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string FormDecode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 &&
               HexValue(text[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  // Browsers send CRLF in textareas; the domain keeps plain newlines.
  std::erase(out, '\r');
  return out;
}

// "victims[0].detentions[0].from" -> "victims.detentions.from".
std::string WithoutIndexes(std::string_view path) {
  std::string out;
  bool skipping = false;
  for (char c : path) {
    if (c == '[')
      skipping = true;
    else if (c == ']')
      skipping = false;
    else if (!skipping)
      out += c;
  }
  return out;
}

api::HttpResponse SignInForm(Page& page, int status, bool failed) {
  return RenderPage(page, status, page.T("signin.title"), [&](Html& h) {
    h.Element("p", page.T("signin.lead"));
    FieldMessages messages;
    if (failed) messages["token"] = page.T("signin.failed");
    ErrorSummary(page, h, messages);
    auto form = h.Open("form", {{"method", "post"}, {"action", "/signin"}, {"class", "desk-form"}});
    auto div = h.Open("div", {{"class", "field"}});
    h.Element("label", {{"for", "token"}}, page.T("signin.token"));
    FieldMessage(h, messages, "token");
    h.Void("input", InputAttrs(messages, "token",
                               {{"id", "token"},
                                {"name", "token"},
                                {"type", "password"},
                                {"autocomplete", "off"},
                                Flag("required")}));
    h.Element("button", {{"type", "submit"}}, page.T("signin.submit"));
  });
}

}  // namespace

Form ParseForm(std::string_view body) {
  Form form;
  while (!body.empty()) {
    const std::size_t amp = body.find('&');
    std::string_view pair = body.substr(0, amp);
    body.remove_prefix(amp == std::string_view::npos ? body.size() : amp + 1);
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    form.fields.emplace_back(FormDecode(pair.substr(0, eq)),
                             eq == std::string_view::npos ? "" : FormDecode(pair.substr(eq + 1)));
  }
  return form;
}

std::string Form::Get(std::string_view name) const {
  std::string value;
  for (const auto& [key, v] : fields)
    if (key == name) value = v;
  return value;
}

std::vector<std::string> Form::All(std::string_view name) const {
  std::vector<std::string> values;
  for (const auto& [key, v] : fields)
    if (key == name) values.push_back(v);
  return values;
}

std::variant<Session, api::HttpResponse> RequireRole(Page& page, tracker::Role role) {
  if (!page.session) return SeeOther(page, "/signin");
  if (page.session->principal.role != role)
    return RenderPage(page, 403, page.T("desk.forbidden_title"),
                      [&](Html& h) { h.Element("p", page.T("desk.forbidden")); });
  return *page.session;
}

bool CsrfOk(const Page& page, const Form& form) {
  return page.session && ConstantTimeEquals(form.Get("csrf"), page.session->csrf);
}

api::HttpResponse CsrfFailedPage(Page& page) {
  return RenderPage(page, 403, page.T("desk.csrf_title"),
                    [&](Html& h) { h.Element("p", page.T("desk.csrf")); });
}

void CsrfField(const Page& page, Html& h) {
  if (page.session)
    h.Void("input", {{"type", "hidden"}, {"name", "csrf"}, {"value", page.session->csrf}});
}

FieldMessages TranslateFieldErrors(const Page& page,
                                   const std::vector<tracker::FieldError>& errors) {
  static const std::map<std::string, std::string, std::less<>> kFormNames = {
      {"victims.name", "victim_name"},
      {"victims.kind", "victim_kind"},
      {"victims.detentions.from", "victim_detained_since"},
      {"victims.detentions", "victim_detained_since"},
      {"victims.outlet", "victim_name"},
      {"victims", "victim_name"},
      {"sources", "source"}};
  FieldMessages messages;
  for (const auto& error : errors) {
    std::string name = WithoutIndexes(error.field);
    if (name == "partners") continue;  // set by the server for the signed-in partner
    if (auto it = kFormNames.find(name); it != kFormNames.end()) name = it->second;
    const std::string key = "error." + name;
    std::string text = std::string(page.T(key) == key ? page.T("error.generic") : page.T(key));
    messages.emplace(name, std::move(text));  // the first message for a field wins
  }
  return messages;
}

void ErrorSummary(const Page& page, Html& h, const FieldMessages& messages) {
  if (messages.empty()) return;
  auto box = h.Open("div", {{"class", "notice error"}, {"role", "alert"}, {"id", "form-errors"}});
  h.Element("p", page.T("form.errors"));
  auto ul = h.Open("ul");
  for (const auto& [field, message] : messages) {
    auto li = h.Open("li");
    h.Element("a", {{"href", "#" + field}}, message);
  }
}

void FieldMessage(Html& h, const FieldMessages& messages, std::string_view field) {
  auto it = messages.find(field);
  if (it == messages.end()) return;
  h.Element("p", {{"class", "field-error"}, {"id", "err-" + std::string(field)}}, it->second);
}

Attrs InputAttrs(const FieldMessages& messages, std::string_view field, Attrs attrs) {
  if (messages.contains(field)) {
    attrs.push_back({"aria-invalid", "true"});
    attrs.push_back({"aria-describedby", "err-" + std::string(field)});
  }
  return attrs;
}

api::HttpResponse SignInPage(Page& page) {
  if (page.session) return SeeOther(page, std::string(DeskPath(page.session->principal.role)));
  return SignInForm(page, 200, false);
}

api::HttpResponse SignInPost(Page& page) {
  // A cross-site form must not sign anyone in (login CSRF): browsers say where it came from.
  const std::string_view site = page.ctx.request.Header("Sec-Fetch-Site");
  if (!site.empty() && site != "same-origin" && site != "none") return CsrfFailedPage(page);
  const Form form = ParseForm(page.ctx.request.body);
  auto principal = page.platform().tokens().Authenticate(form.Get("token"));
  if (!principal) return SignInForm(page, 401, true);
  const tracker::Role role = principal->role;
  if (role != tracker::Role::kPartner && role != tracker::Role::kEditor &&
      role != tracker::Role::kState)
    return SignInForm(page, 403, true);
  if (page.session) page.services.sessions.Remove(page.session->id);
  const Session session = page.services.sessions.Create(*principal);
  api::HttpResponse response = SeeOther(page, std::string(DeskPath(role)));
  response.headers.emplace_back(
      "Set-Cookie",
      SetCookieValue(SessionCookieName(page.Https()), session.id, page.Https(), kSessionLifetime));
  return response;
}

api::HttpResponse SignOutPost(Page& page) {
  const Form form = ParseForm(page.ctx.request.body);
  if (page.session && !CsrfOk(page, form)) return CsrfFailedPage(page);
  if (page.session) page.services.sessions.Remove(page.session->id);
  api::HttpResponse response = SeeOther(page, "/");
  response.headers.emplace_back(
      "Set-Cookie",
      SetCookieValue(SessionCookieName(page.Https()), "", page.Https(), std::chrono::seconds(0)));
  return response;
}

}  // namespace soj::dashboards
