// `/alerts/{id}`: the case page a journalist checks, JavaScript or not. Rendered for the
// public: withheld victims are "name withheld", without outlet; drafts do not exist here.

#include <boost/json.hpp>

#include "dashboards/pages.hpp"
#include "tracker/alert_service.hpp"

namespace soj::dashboards {
namespace {

using tracker::Alert;

void Facts(const Page& page, Html& h, const Alert& alert) {
  auto dl = h.Open("dl", {{"class", "facts"}});
  auto row = [&](std::string_view key, const std::string& value, std::string_view id = {}) {
    auto div = h.Open("div", {{"id", std::string(id), !id.empty()}});
    h.Element("dt", page.T(key));
    h.Element("dd", value);
  };
  row("field.status", StatusInWords(page, alert), "case-status");
  row("field.level", std::string(page.T("level." + std::to_string(alert.content.level))));
  row("field.categories", CategoryNames(page, alert.content.categories));
  row("field.country", page.CountryName(alert.content.country));
  row("field.incident_date", page.Date(alert.content.incident_date));
  row("field.threat_source",
      std::string(page.T("threat." + std::string(tracker::ToString(alert.content.threat_source)))));
  if (alert.published_at) row("field.published_at", page.Date(alert.published_at->date()));
  std::string partners;
  for (const auto& id : alert.content.partners)
    partners += (partners.empty() ? "" : ", ") + PartnerName(page, id);
  row("field.partners", partners);
}

std::string Periods(const Page& page, const tracker::Victim& victim) {
  std::string out;
  for (const auto& period : victim.detentions) {
    if (!out.empty()) out += "; ";
    out += period.until ? page.Tf("victim.detained_between", {{"from", page.Date(period.from)},
                                                              {"until", page.Date(*period.until)}})
                        : page.Tf("victim.detained_since", {{"from", page.Date(period.from)}});
  }
  if (victim.killed_on)
    out += (out.empty() ? "" : "; ") +
           page.Tf("victim.killed_on", {{"date", page.Date(*victim.killed_on)}});
  return out;
}

void Victims(const Page& page, Html& h, const Alert& alert) {
  if (alert.content.victims.empty()) return;
  auto section = h.Open("section", {{"aria-labelledby", "victims-h"}});
  h.Element("h2", {{"id", "victims-h"}}, page.T("case.victims"));
  auto table = h.Open("table", {{"id", "victims"}});
  {
    auto thead = h.Open("thead");
    auto tr = h.Open("tr");
    for (std::string_view key : {"victim.name", "victim.kind", "victim.outlet", "victim.detention"})
      h.Element("th", {{"scope", "col"}}, page.T(key));
  }
  auto tbody = h.Open("tbody");
  for (const tracker::Victim& victim : alert.content.victims) {
    auto tr = h.Open("tr");
    // The public never gets a withheld identity, whoever is signed in.
    const bool shown = tracker::ShowsIdentity(victim, tracker::AlertView{});
    if (!shown)
      h.Element("th", {{"scope", "row"}, {"class", "withheld"}}, page.T("victim.withheld"));
    else
      h.Element("th", {{"scope", "row"}}, victim.name);
    h.Element("td", page.T("kind." + std::string(tracker::ToString(victim.kind))));
    h.Element("td", !shown || !victim.outlet ? std::string() : *victim.outlet);
    h.Element("td", Periods(page, victim));
  }
}

void Notes(const Page& page, Html& h, const std::vector<tracker::Note>& notes, std::string_view id,
           std::string_view heading_key, std::string_view empty_key) {
  auto section =
      h.Open("section", {{"id", std::string(id)}, {"aria-labelledby", std::string(id) + "-h"}});
  h.Element("h2", {{"id", std::string(id) + "-h"}}, page.T(heading_key));
  if (notes.empty()) {
    h.Element("p", {{"class", "empty"}}, page.T(empty_key));
    return;
  }
  for (const tracker::Note& note : notes) {
    auto article = h.Open("article", {{"class", "note"}});
    {
      auto header = h.Open("p", {{"class", "meta"}});
      h.Element("time", {{"datetime", note.date.ToString()}}, page.Date(note.date));
      h.Text(" · " + PostedBy(page, note.posted_by));
    }
    h.Paragraphs(note.text);
  }
}

std::string EventInWords(const Page& page, const boost::json::object& event) {
  const std::string kind(event.at("kind").as_string());
  if (kind == "transitioned") {
    const auto& detail = event.at("detail").as_object();
    if (const auto* to = detail.if_contains("to"); to && to->is_string())
      return std::string(page.T("event.to." + std::string(to->as_string())));
  }
  return std::string(page.T("event." + kind));
}

void Timeline(const Page& page, Html& h, const Alert& alert) {
  auto history = page.platform().alerts().History(tracker::Principal::Public(), alert.id);
  if (!history) return;
  auto section = h.Open("section", {{"aria-labelledby", "timeline-h"}});
  h.Element("h2", {{"id", "timeline-h"}}, page.T("case.timeline"));
  auto ol = h.Open("ol", {{"class", "timeline"}});
  for (const auto& event : *history) {
    auto li = h.Open("li");
    const auto at = tracker::Timestamp::Parse(event.at("at").as_string());
    if (at) h.Element("time", {{"datetime", at->ToString()}}, page.Date(at->date()));
    h.Text(" — " + EventInWords(page, event));
  }
}

}  // namespace

api::HttpResponse CasePage(Page& page, std::string_view id_text) {
  auto id = ParseAlertId(id_text);
  if (!id) return NotFoundPage(page);
  auto alert = page.platform().alerts().Get(tracker::Principal::Public(), *id);
  if (!alert) {
    if (alert.error().kind == tracker::ErrorKind::kMoved && alert.error().moved_to) {
      api::HttpResponse response;
      response.status = 301;
      AddPageHeaders(page, response);
      response.Set("Location", "/alerts/" + std::to_string(*alert.error().moved_to));
      return response;
    }
    return NotFoundPage(page);
  }
  const Alert& a = *alert;
  return RenderPage(page, 200, AlertTitle(page, a), [&](Html& h) {
    Facts(page, h, a);
    {
      auto section = h.Open("section", {{"aria-labelledby", "description-h"}});
      h.Element("h2", {{"id", "description-h"}}, page.T("case.description"));
      std::string_view description = a.content.description;
      auto it = a.content.translations.find(std::string(LangCode(page.lang)));
      if (it != a.content.translations.end() && it->second.description)
        description = *it->second.description;
      h.Paragraphs(description);
    }
    Victims(page, h, a);
    if (a.content.impunity) {
      auto section = h.Open("section", {{"aria-labelledby", "impunity-h"}});
      h.Element("h2", {{"id", "impunity-h"}}, page.T("case.impunity"));
      h.Element(
          "p",
          page.Tf("case.impunity_text",
                  {{"justice", std::string(page.T("justice." + std::string(tracker::ToString(
                                                                   a.content.impunity->justice))))},
                   {"since", page.Date(a.content.impunity->since)}}));
    }
    Notes(page, h, a.state_replies, "replies", "case.replies", "case.no_replies");
    Notes(page, h, a.updates, "updates", "case.updates", "case.no_updates");
    if (!a.content.sources.empty()) {
      auto section = h.Open("section", {{"aria-labelledby", "sources-h"}});
      h.Element("h2", {{"id", "sources-h"}}, page.T("case.sources"));
      auto ul = h.Open("ul");
      for (const auto& source : a.content.sources) {
        auto li = h.Open("li");
        h.Element("a", {{"href", source}, {"rel", "noopener noreferrer nofollow"}}, source);
      }
    }
    Timeline(page, h, a);
  });
}

api::HttpResponse NotFoundPage(Page& page) {
  return RenderPage(page, 404, page.T("notfound.title"), [&](Html& h) {
    auto p = h.Open("p");
    h.Text(page.T("notfound.text"));
    h.Text(" ");
    h.Element("a", {{"href", "/alerts"}}, page.T("home.all_alerts"));
  });
}

}  // namespace soj::dashboards
