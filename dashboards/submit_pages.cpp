// `/submit`: partners submit an alert through a form and follow their alerts.

#include <boost/json.hpp>

#include "dashboards/desk_forms.hpp"
#include "tracker/alert_json.hpp"
#include "tracker/alert_service.hpp"
#include "tracker/reference_data.hpp"

namespace soj::dashboards {
namespace {

namespace json = boost::json;

// The form as a JSON alert input, leaving out empty fields so the domain reports them.
json::object FormToAlertJson(const Form& form) {
  json::object alert;
  auto put = [&](std::string_view key, const std::string& value) {
    if (!value.empty()) alert[key] = value;
  };
  put("title", form.Get("title"));
  put("description", form.Get("description"));
  put("country", form.Get("country"));
  put("incident_date", form.Get("incident_date"));
  json::array categories;
  for (const auto& c : form.All("categories")) categories.emplace_back(c);
  if (!categories.empty()) alert["categories"] = std::move(categories);
  put("threat_source", form.Get("threat_source"));
  const std::string level = form.Get("level");
  if (level == "1" || level == "2")
    alert["level"] = level[0] - '0';
  else
    put("level", level);
  const std::string victim_name = form.Get("victim_name");
  const bool withheld = form.Get("victim_withheld") == "on";
  if (!victim_name.empty() || withheld) {
    json::object victim{
        {"kind", form.Get("victim_kind").empty() ? "journalist" : form.Get("victim_kind")},
        {"withheld", withheld}};
    if (!victim_name.empty()) victim["name"] = victim_name;
    if (const std::string since = form.Get("victim_detained_since"); !since.empty())
      victim["detentions"] = json::array{json::object{{"from", since}, {"until", nullptr}}};
    alert["victims"] = json::array{std::move(victim)};
  }
  if (const std::string source = form.Get("source"); !source.empty())
    alert["sources"] = json::array{json::value(source)};
  return alert;
}

void TextField(const Page& page, Html& h, const Form& form, const FieldMessages& messages,
               std::string_view name, std::string_view type, bool required) {
  auto div = h.Open("div", {{"class", "field"}});
  h.Element("label", {{"for", std::string(name)}}, page.T("submit." + std::string(name)));
  FieldMessage(h, messages, name);
  h.Void("input", InputAttrs(messages, name,
                             {{"id", std::string(name)},
                              {"name", std::string(name)},
                              {"type", std::string(type)},
                              {"value", form.Get(name)},
                              Flag("required", required)}));
}

void SelectField(const Page& page, Html& h, const Form& form, const FieldMessages& messages,
                 std::string_view name,
                 const std::vector<std::pair<std::string, std::string>>& options) {
  auto div = h.Open("div", {{"class", "field"}});
  h.Element("label", {{"for", std::string(name)}}, page.T("submit." + std::string(name)));
  FieldMessage(h, messages, name);
  auto select =
      h.Open("select",
             InputAttrs(messages, name, {{"id", std::string(name)}, {"name", std::string(name)}}));
  h.Element("option", {{"value", ""}}, page.T("form.choose"));
  const std::string current = form.Get(name);
  for (const auto& [value, text] : options)
    h.Element("option", {{"value", value}, Flag("selected", value == current)}, text);
}

void SubmitForm(const Page& page, Html& h, const Form& form, const FieldMessages& messages) {
  ErrorSummary(page, h, messages);
  auto f = h.Open(
      "form",
      {{"method", "post"}, {"action", "/submit"}, {"class", "desk-form"}, {"id", "submit-form"}});
  CsrfField(page, h);
  TextField(page, h, form, messages, "title", "text", true);
  {
    auto div = h.Open("div", {{"class", "field"}});
    h.Element("label", {{"for", "description"}}, page.T("submit.description"));
    FieldMessage(h, messages, "description");
    h.Element(
        "textarea",
        InputAttrs(
            messages, "description",
            {{"id", "description"}, {"name", "description"}, {"rows", "8"}, Flag("required")}),
        form.Get("description"));
  }
  std::vector<std::pair<std::string, std::string>> countries;
  for (const auto& c : tracker::Countries())
    countries.emplace_back(c.code, page.CountryName(c.code));
  std::sort(countries.begin(), countries.end(),
            [](auto& a, auto& b) { return a.second < b.second; });
  SelectField(page, h, form, messages, "country", countries);
  TextField(page, h, form, messages, "incident_date", "date", true);
  {
    auto fieldset = h.Open("fieldset", InputAttrs(messages, "categories", {{"id", "categories"}}));
    h.Element("legend", page.T("submit.categories"));
    FieldMessage(h, messages, "categories");
    const auto chosen = form.All("categories");
    for (std::string_view c : tracker::kCategoryNames) {
      auto label = h.Open("label", {{"class", "check"}});
      h.Void("input",
             {{"type", "checkbox"},
              {"name", "categories"},
              {"value", std::string(c)},
              Flag("checked", std::find(chosen.begin(), chosen.end(), c) != chosen.end())});
      h.Text(page.T("category." + std::string(c)));
    }
  }
  std::vector<std::pair<std::string, std::string>> threats;
  for (std::string_view t : tracker::kThreatSourceNames)
    threats.emplace_back(t, page.T("threat." + std::string(t)));
  SelectField(page, h, form, messages, "threat_source", threats);
  SelectField(page, h, form, messages, "level",
              {{"1", std::string(page.T("level.1"))}, {"2", std::string(page.T("level.2"))}});
  {
    auto fieldset = h.Open("fieldset");
    h.Element("legend", page.T("submit.victim"));
    TextField(page, h, form, messages, "victim_name", "text", false);
    {
      auto label = h.Open("label", {{"class", "check"}});
      h.Void("input", {{"type", "checkbox"},
                       {"name", "victim_withheld"},
                       {"id", "victim_withheld"},
                       Flag("checked", form.Get("victim_withheld") == "on")});
      h.Text(page.T("submit.victim_withheld"));
    }
    std::vector<std::pair<std::string, std::string>> kinds;
    for (std::string_view k : tracker::kVictimKindNames)
      kinds.emplace_back(k, page.T("kind." + std::string(k)));
    SelectField(page, h, form, messages, "victim_kind", kinds);
    TextField(page, h, form, messages, "victim_detained_since", "date", false);
  }
  TextField(page, h, form, messages, "source", "url", false);
  h.Element("button", {{"type", "submit"}}, page.T("submit.send"));
}

void MyAlerts(const Page& page, Html& h, const tracker::Principal& who) {
  tracker::ListRequest request;
  request.filter.partners = {who.partner};
  request.sort = tracker::SortOrder::kUpdatedAtDesc;
  request.limit = 50;
  auto mine = page.platform().alerts().List(who, request);
  auto section = h.Open("section", {{"aria-labelledby", "mine-h"}});
  h.Element("h2", {{"id", "mine-h"}}, page.T("submit.mine"));
  if (!mine || mine->items.empty()) {
    h.Element("p", {{"class", "empty"}}, page.T("list.empty"));
    return;
  }
  auto table = h.Open("table", {{"id", "my-alerts"}});
  {
    auto thead = h.Open("thead");
    auto tr = h.Open("tr");
    for (std::string_view key : {"stats.alert", "field.incident_date", "field.status"})
      h.Element("th", {{"scope", "col"}}, page.T(key));
  }
  auto tbody = h.Open("tbody");
  for (const auto& alert : mine->items) {
    auto tr = h.Open("tr");
    {
      auto th = h.Open("th", {{"scope", "row"}});
      if (alert.IsPublic())
        h.Element("a", {{"href", "/alerts/" + std::to_string(alert.id)}}, alert.content.title);
      else
        h.Text(alert.content.title);
    }
    h.Element("td", page.Date(alert.content.incident_date));
    h.Element("td", StatusInWords(page, alert));
  }
}

api::HttpResponse RenderSubmit(Page& page, const tracker::Principal& who, const Form& form,
                               const FieldMessages& messages, int status) {
  return RenderPage(page, status, page.T("submit.page_title"), [&](Html& h) {
    if (const std::string done = page.Param("submitted"); !done.empty() && ParseAlertId(done))
      h.Element("p", {{"class", "notice success"}, {"role", "status"}},
                page.Tf("submit.done", {{"id", done}}));
    SubmitForm(page, h, form, messages);
    MyAlerts(page, h, who);
  });
}

}  // namespace

api::HttpResponse SubmitPage(Page& page) {
  auto gate = RequireRole(page, tracker::Role::kPartner);
  if (auto* answer = std::get_if<api::HttpResponse>(&gate)) return std::move(*answer);
  return RenderSubmit(page, std::get<Session>(gate).principal, Form{}, {}, 200);
}

api::HttpResponse SubmitPost(Page& page) {
  auto gate = RequireRole(page, tracker::Role::kPartner);
  if (auto* answer = std::get_if<api::HttpResponse>(&gate)) return std::move(*answer);
  const tracker::Principal& who = std::get<Session>(gate).principal;
  const Form form = ParseForm(page.ctx.request.body);
  if (!CsrfOk(page, form)) return CsrfFailedPage(page);
  tracker::FieldErrors errors;
  tracker::AlertContent content = tracker::ParseAlertContent(FormToAlertJson(form), errors);
  if (errors.empty()) {
    auto outcome = page.platform().alerts().Submit(who, std::move(content));
    if (outcome) return SeeOther(page, "/submit?submitted=" + std::to_string(outcome->alert.id));
    if (outcome.error().kind != tracker::ErrorKind::kInvalid)
      return RenderPage(page, 503, page.T("desk.failed_title"),
                        [&](Html& h) { h.Element("p", page.T("desk.failed")); });
    for (const auto& e : outcome.error().fields) errors.Add(e.field, e.message);
  } else {
    page.platform().alerts().CheckSubmission(who, content, errors);
  }
  return RenderSubmit(page, who, form, TranslateFieldErrors(page, errors.items()), 422);
}

}  // namespace soj::dashboards
