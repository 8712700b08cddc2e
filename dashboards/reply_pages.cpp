// `/reply`: state correspondents see the published alerts about their country, those
// awaiting a reply first, and post the state's official reply.

#include "api/responses.hpp"
#include "dashboards/desk_forms.hpp"
#include "tracker/alert_service.hpp"

namespace soj::dashboards {
namespace {

using tracker::Alert;

std::optional<Alert> LoadForReply(Page& page, std::string_view id_text) {
  auto id = ParseAlertId(id_text);
  if (!id) return std::nullopt;
  auto alert = page.platform().alerts().Get(page.Who(), *id);
  if (!alert || alert->status != tracker::AlertStatus::kPublished ||
      alert->content.country != page.Who().country)
    return std::nullopt;
  return std::move(*alert);
}

api::HttpResponse RenderReply(Page& page, const Alert& alert, const FieldMessages& messages,
                              const std::string& text, int status) {
  return RenderPage(page, status, AlertTitle(page, alert), [&](Html& h) {
    h.Element("p", {{"class", "meta"}},
              page.Date(alert.content.incident_date) + " · " + StatusInWords(page, alert));
    h.Paragraphs(alert.content.description);
    {
      auto p = h.Open("p");
      h.Element("a", {{"href", "/alerts/" + std::to_string(alert.id)}},
                page.T("reply.public_page"));
    }
    ErrorSummary(page, h, messages);
    auto form = h.Open("form", {{"method", "post"},
                                {"action", "/reply/" + std::to_string(alert.id)},
                                {"class", "desk-form"},
                                {"id", "reply-form"}});
    CsrfField(page, h);
    {
      auto div = h.Open("div", {{"class", "field"}});
      h.Element("label", {{"for", "text"}}, page.T("reply.text"));
      FieldMessage(h, messages, "text");
      h.Element("textarea",
                InputAttrs(messages, "text",
                           {{"id", "text"}, {"name", "text"}, {"rows", "8"}, Flag("required")}),
                text);
    }
    h.Element("button", {{"type", "submit"}}, page.T("reply.send"));
  });
}

}  // namespace

api::HttpResponse ReplyQueuePage(Page& page) {
  auto gate = RequireRole(page, tracker::Role::kState);
  if (auto* answer = std::get_if<api::HttpResponse>(&gate)) return std::move(*answer);
  tracker::ListRequest request;
  request.filter.countries = {page.Who().country};
  request.filter.statuses = {tracker::AlertStatus::kPublished};
  request.sort = tracker::SortOrder::kUpdatedAtDesc;
  request.limit = tracker::kMaxPageSize;
  auto listed = page.platform().alerts().List(page.Who(), request);
  std::vector<Alert> awaiting, replied;
  if (listed)
    for (auto& alert : listed->items)
      (alert.state_replies.empty() ? awaiting : replied).push_back(std::move(alert));
  return RenderPage(
      page, 200, page.Tf("reply.title", {{"country", page.CountryName(page.Who().country)}}),
      [&](Html& h) {
        if (!page.Param("replied").empty())
          h.Element("p", {{"class", "notice success"}, {"role", "status"}}, page.T("reply.done"));
        {
          auto section = h.Open("section", {{"aria-labelledby", "awaiting-h"}, {"id", "awaiting"}});
          h.Element("h2", {{"id", "awaiting-h"}}, page.T("reply.awaiting"));
          AlertList(page, h, awaiting, "/reply/");
        }
        auto section = h.Open("section", {{"aria-labelledby", "replied-h"}});
        h.Element("h2", {{"id", "replied-h"}}, page.T("reply.replied"));
        AlertList(page, h, replied, "/reply/");
      });
}

api::HttpResponse ReplyAlertPage(Page& page, std::string_view id_text) {
  auto gate = RequireRole(page, tracker::Role::kState);
  if (auto* answer = std::get_if<api::HttpResponse>(&gate)) return std::move(*answer);
  auto alert = LoadForReply(page, id_text);
  if (!alert) return NotFoundPage(page);
  return RenderReply(page, *alert, {}, "", 200);
}

api::HttpResponse ReplyPost(Page& page, std::string_view id_text) {
  auto gate = RequireRole(page, tracker::Role::kState);
  if (auto* answer = std::get_if<api::HttpResponse>(&gate)) return std::move(*answer);
  const Form form = ParseForm(page.ctx.request.body);
  if (!CsrfOk(page, form)) return CsrfFailedPage(page);
  auto alert = LoadForReply(page, id_text);
  if (!alert) return NotFoundPage(page);
  const std::string text = form.Get("text");
  auto result = page.platform().alerts().AddStateReply(page.Who(), alert->id, {text, std::nullopt});
  if (result) return SeeOther(page, "/reply?replied=" + std::to_string(alert->id));
  std::vector<tracker::FieldError> errors = result.error().fields;
  if (errors.empty()) {
    if (result.error().kind == tracker::ErrorKind::kInternal ||
        result.error().kind == tracker::ErrorKind::kUnavailable)
      api::LogErrorDetail("state reply failed", result.error());
    errors.push_back({"text", std::string(api::PublicDetail(result.error()))});
  }
  return RenderReply(page, *alert, TranslateFieldErrors(page, errors), text, 422);
}

}  // namespace soj::dashboards
