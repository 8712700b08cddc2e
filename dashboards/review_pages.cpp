// `/review`: the editors' queue of drafts, oldest first, and one draft with its actions:
// publish, reject, set level, merge into a duplicate (with a "possible duplicates" hint).

#include <boost/json.hpp>
#include <cctype>
#include <set>

#include "dashboards/desk_forms.hpp"
#include "tracker/alert_service.hpp"

namespace soj::dashboards {
namespace {

using tracker::Alert;

std::set<std::string> Words(std::string_view text) {
  std::set<std::string> words;
  std::string word;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) {
      word += static_cast<char>(std::tolower(u));
    } else {
      if (word.size() > 3) words.insert(word);
      word.clear();
    }
  }
  if (word.size() > 3) words.insert(word);
  return words;
}

// Share of the words of two titles they have in common (Jaccard).
double TitleSimilarity(std::string_view a, std::string_view b) {
  const auto wa = Words(a), wb = Words(b);
  if (wa.empty() || wb.empty()) return 0;
  std::size_t common = 0;
  for (const auto& w : wa) common += wb.count(w);
  return static_cast<double>(common) / static_cast<double>(wa.size() + wb.size() - common);
}

bool SharesVictimName(const Alert& a, const Alert& b) {
  for (const auto& va : a.content.victims)
    for (const auto& vb : b.content.victims)
      if (!va.name.empty() && va.name == vb.name) return true;
  return false;
}

// Alerts of the same country within two weeks of the incident with a similar title or a
// victim of the same name.
std::vector<Alert> PossibleDuplicates(const Page& page, const Alert& alert) {
  tracker::ListRequest request;
  request.filter.countries = {alert.content.country};
  request.filter.from = alert.content.incident_date.AddDays(-14);
  request.filter.to = alert.content.incident_date.AddDays(14);
  request.limit = 100;
  request.count_total = false;
  auto near = page.platform().alerts().List(page.Who(), request);
  std::vector<Alert> out;
  if (!near) return out;
  for (auto& other : near->items) {
    if (other.id == alert.id) continue;
    if (TitleSimilarity(alert.content.title, other.content.title) >= 0.3 ||
        SharesVictimName(alert, other))
      out.push_back(std::move(other));
  }
  return out;
}

void ActionForm(const Page& page, Html& h, const Alert& alert, std::string_view action,
                const std::function<void()>& fields, std::string_view button_key) {
  auto form = h.Open("form", {{"method", "post"},
                              {"action", "/review/" + std::to_string(alert.id)},
                              {"class", "action-form"},
                              {"id", "action-" + std::string(action)}});
  CsrfField(page, h);
  h.Void("input", {{"type", "hidden"}, {"name", "action"}, {"value", std::string(action)}});
  h.Void("input",
         {{"type", "hidden"}, {"name", "version"}, {"value", std::to_string(alert.version)}});
  fields();
  h.Element("button", {{"type", "submit"}}, page.T(button_key));
}

void Draft(const Page& page, Html& h, const Alert& alert) {
  auto dl = h.Open("dl", {{"class", "facts"}});
  auto row = [&](std::string_view key, const std::string& value) {
    auto div = h.Open("div");
    h.Element("dt", page.T(key));
    h.Element("dd", value);
  };
  row("field.status",
      std::string(page.T("status." + std::string(tracker::ToString(alert.status)))));
  row("field.level", std::string(page.T("level." + std::to_string(alert.content.level))));
  row("field.country", page.CountryName(alert.content.country));
  row("field.incident_date", page.Date(alert.content.incident_date));
  row("field.categories", CategoryNames(page, alert.content.categories));
  row("review.submitted_by", alert.submitted_by);
  // Editors see withheld names: marked so they are not copied anywhere public.
  for (const auto& victim : alert.content.victims)
    row("case.victims", victim.withheld
                            ? victim.name + " (" + std::string(page.T("review.withheld")) + ")"
                            : victim.name);
}

}  // namespace

api::HttpResponse ReviewQueuePage(Page& page) {
  auto gate = RequireRole(page, tracker::Role::kEditor);
  if (auto* answer = std::get_if<api::HttpResponse>(&gate)) return std::move(*answer);
  tracker::ListRequest request;
  request.filter.statuses = {tracker::AlertStatus::kDraft};
  request.sort = tracker::SortOrder::kUpdatedAtDesc;
  request.limit = tracker::kMaxPageSize;
  auto drafts = page.platform().alerts().List(page.Who(), request);
  std::vector<Alert> queue = drafts ? std::move(drafts->items) : std::vector<Alert>{};
  std::stable_sort(queue.begin(), queue.end(),
                   [](const Alert& a, const Alert& b) { return a.submitted_at < b.submitted_at; });
  return RenderPage(page, 200, page.T("review.title"), [&](Html& h) {
    if (const std::string done = page.Param("done"); !done.empty())
      h.Element("p", {{"class", "notice success"}, {"role", "status"}},
                page.T("review.done." + done));
    h.Element("p", page.Tf("review.count", {{"count", page.Number(queue.size())}}));
    AlertList(page, h, queue, "/review/");
  });
}

api::HttpResponse ReviewAlertPage(Page& page, std::string_view id_text) {
  auto gate = RequireRole(page, tracker::Role::kEditor);
  if (auto* answer = std::get_if<api::HttpResponse>(&gate)) return std::move(*answer);
  auto id = ParseAlertId(id_text);
  if (!id) return NotFoundPage(page);
  auto alert = page.platform().alerts().Get(page.Who(), *id);
  if (!alert) return NotFoundPage(page);
  const Alert& a = *alert;
  const auto duplicates = PossibleDuplicates(page, a);
  return RenderPage(page, 200, a.content.title, [&](Html& h) {
    if (!page.Param("error").empty())
      h.Element("p", {{"class", "notice error"}, {"role", "alert"}},
                page.T("review.error." + page.Param("error")));
    Draft(page, h, a);
    h.Paragraphs(a.content.description);
    if (a.status != tracker::AlertStatus::kDraft) return;
    auto section = h.Open("section", {{"aria-labelledby", "actions-h"}, {"class", "actions"}});
    h.Element("h2", {{"id", "actions-h"}}, page.T("review.actions"));
    ActionForm(
        page, h, a, "publish", [] {}, "review.publish");
    ActionForm(
        page, h, a, "reject",
        [&] {
          h.Element("label", {{"for", "reject-reason"}}, page.T("review.reason"));
          h.Void("input", {{"id", "reject-reason"}, {"name", "reason"}, {"type", "text"}});
        },
        "review.reject");
    ActionForm(
        page, h, a, "level",
        [&] {
          h.Element("label", {{"for", "new-level"}}, page.T("field.level"));
          auto select = h.Open("select", {{"id", "new-level"}, {"name", "level"}});
          for (int level : {1, 2})
            h.Element(
                "option",
                {{"value", std::to_string(level)}, Flag("selected", level == a.content.level)},
                page.T("level." + std::to_string(level)));
        },
        "review.set_level");
    ActionForm(
        page, h, a, "merge",
        [&] {
          h.Element("label", {{"for", "merge-into"}}, page.T("review.merge_into"));
          h.Void("input", {{"id", "merge-into"},
                           {"name", "into"},
                           {"type", "number"},
                           {"min", "1"},
                           {"inputmode", "numeric"}});
        },
        "review.merge");
    auto dup = h.Open("section", {{"aria-labelledby", "dup-h"}, {"id", "duplicates"}});
    h.Element("h3", {{"id", "dup-h"}}, page.T("review.duplicates"));
    if (duplicates.empty()) {
      h.Element("p", {{"class", "empty"}}, page.T("review.no_duplicates"));
    } else {
      auto ul = h.Open("ul");
      for (const auto& other : duplicates) {
        auto li = h.Open("li");
        h.Text("#" + std::to_string(other.id) + " ");
        h.Element("a", {{"href", "/review/" + std::to_string(other.id)}}, other.content.title);
        h.Text(" · " + page.Date(other.content.incident_date) + " · " +
               std::string(page.T("status." + std::string(tracker::ToString(other.status)))));
      }
    }
  });
}

api::HttpResponse ReviewPost(Page& page, std::string_view id_text) {
  auto gate = RequireRole(page, tracker::Role::kEditor);
  if (auto* answer = std::get_if<api::HttpResponse>(&gate)) return std::move(*answer);
  const Form form = ParseForm(page.ctx.request.body);
  if (!CsrfOk(page, form)) return CsrfFailedPage(page);
  auto id = ParseAlertId(id_text);
  if (!id) return NotFoundPage(page);
  const tracker::Principal& who = page.Who();
  auto& alerts = page.platform().alerts();
  const std::string action = form.Get("action");
  const std::string back = "/review/" + std::to_string(*id);
  tracker::Result<Alert> result = tracker::Error::BadRequest("unknown action");
  std::string done = action;
  if (action == "publish" || action == "reject") {
    tracker::TransitionRequest request;
    request.to =
        action == "publish" ? tracker::AlertStatus::kPublished : tracker::AlertStatus::kRejected;
    request.reason = form.Get("reason");
    result = alerts.Transition(who, *id, request);
  } else if (action == "level") {
    const std::string level = form.Get("level");
    auto version = ParseAlertId(form.Get("version"));
    if ((level == "1" || level == "2") && version)
      result = alerts.Edit(who, *id, *version, boost::json::object{{"level", level[0] - '0'}});
    if (result) return SeeOther(page, back);
  } else if (action == "merge") {
    auto into = ParseAlertId(form.Get("into"));
    if (into) result = alerts.Merge(who, *id, *into);
  }
  if (!result) {
    std::string reason = "failed";
    if (result.error().kind == tracker::ErrorKind::kPreconditionFailed) reason = "stale";
    if (result.error().kind == tracker::ErrorKind::kConflict) reason = "conflict";
    if (result.error().kind == tracker::ErrorKind::kNotFound) reason = "notfound";
    return SeeOther(page, back + "?error=" + reason);
  }
  return SeeOther(page, "/review?done=" + done);
}

}  // namespace soj::dashboards
