#include "tracker/stats_audit.hpp"

#include <map>
#include <set>

#include "tracker/alert_json.hpp"
#include "tracker/alert_records.hpp"

namespace soj::tracker {
namespace {

// One public alert as the audit needs it, read from its document.
struct Counted {
  Alert alert;
};

std::string PersonKey(const Alert& alert, std::size_t index) {
  const Victim& v = alert.content.victims[index];
  if (v.person_id) return "p:" + *v.person_id;
  return "a:" + std::to_string(alert.id) + ":" + std::to_string(index);
}

bool DetainedOn(const Victim& v, Date day) {
  if (v.kind == VictimKind::kMediaOutlet) return false;
  for (const DetentionPeriod& p : v.detentions)
    if (p.from <= day && (!p.until || *p.until > day)) return true;
  return false;
}

bool InImpunityOn(const Alert& a, Date day) {
  const auto& i = a.content.impunity;
  if (!i || !i->murder || i->justice == Justice::kFull || i->since > day) return false;
  return !(a.status == AlertStatus::kResolved && a.resolution && a.resolution->date <= day);
}

class Audit {
 public:
  Audit(const StatsEngine& engine, std::vector<Alert> alerts)
      : engine_(engine), alerts_(std::move(alerts)) {}

  void CheckDay(Date day) {
    std::set<std::string> everyone;
    std::map<std::string, std::set<std::string>> by_country;
    std::map<std::string, uint64_t> impunity;
    uint64_t impunity_total = 0;
    for (const Alert& a : alerts_) {
      for (std::size_t i = 0; i < a.content.victims.size(); ++i) {
        if (!DetainedOn(a.content.victims[i], day)) continue;
        everyone.insert(PersonKey(a, i));
        by_country[a.content.country].insert(PersonKey(a, i));
      }
      if (InImpunityOn(a, day)) {
        ++impunity_total;
        ++impunity[a.content.country];
      }
    }
    const std::string when = " on " + day.ToString();
    DetentionCount detained = engine_.CountDetainedOn(day, std::nullopt);
    Compare("detained" + when, everyone.size(), detained.total);
    for (const auto& [country, people] : by_country) {
      auto it = detained.by_country.find(country);
      Compare("detained in " + country + when, people.size(),
              it == detained.by_country.end() ? 0 : it->second);
      Compare("detained in " + country + when + " (country asked)", people.size(),
              engine_.CountDetainedOn(day, country).total);
    }
    for (const auto& [country, n] : detained.by_country)
      if (!by_country.contains(country)) Compare("detained in " + country + when, 0, n);
    ImpunityReport report = engine_.Impunity(day, std::nullopt);
    Compare("murders in impunity" + when, impunity_total, report.total);
    for (const auto& [country, n] : impunity) {
      auto it = report.by_country.find(country);
      Compare("murders in impunity in " + country + when, n,
              it == report.by_country.end() ? 0 : it->second);
    }
  }

  void CheckCounts() {
    std::map<std::tuple<int, std::string, Category>, uint64_t> expected;
    uint64_t published = 0, with_reply = 0;
    for (const Alert& a : alerts_) {
      for (Category c : a.content.categories)
        ++expected[{a.content.incident_date.year(), a.content.country, c}];
      if (a.published_at) {
        ++published;
        if (!a.state_replies.empty()) ++with_reply;
      }
    }
    const CountDimension dims[] = {CountDimension::kYear, CountDimension::kCountry,
                                   CountDimension::kCategory};
    std::map<std::tuple<int, std::string, Category>, uint64_t> actual;
    for (const AlertCountRow& row : engine_.CountAlerts(dims, AlertFilter{}))
      actual[{*row.year, *row.country, *row.category}] = row.count;
    ++report_.checks;
    if (expected != actual)
      report_.problems.push_back(
          "alert counts by year, country and category differ: " + std::to_string(expected.size()) +
          " groups in the documents, " + std::to_string(actual.size()) + " in the engine");
    ReplyReport replies = engine_.Replies(std::nullopt, std::nullopt);
    Compare("published alerts (reply rate)", published, replies.total.published);
    Compare("alerts with a state reply", with_reply, replies.total.with_reply);
  }

  StatsAuditReport Take() { return std::move(report_); }

 private:
  void Compare(const std::string& what, uint64_t from_documents, uint64_t from_engine) {
    ++report_.checks;
    if (from_documents != from_engine)
      report_.problems.push_back(what + ": the documents say " + std::to_string(from_documents) +
                                 ", the statistics engine says " + std::to_string(from_engine));
  }

  const StatsEngine& engine_;
  std::vector<Alert> alerts_;
  StatsAuditReport report_;
};

}  // namespace

StatsAuditReport AuditStatistics(const storage::Store& store, const StatsEngine& engine,
                                 Date today) {
  std::vector<Alert> alerts;
  std::optional<Date> first;
  StatsAuditReport failed;
  storage::Status s = store.Scan(
      storage::Family::kAlerts, "", "", storage::Direction::kForward,
      [&](std::string_view, std::string_view value) {
        auto alert = DecodeAlertDocument(value);
        if (!alert) {
          failed.problems.push_back("an alert document is unreadable: " + alert.error().message);
          return true;
        }
        if (!alert->IsPublic()) return true;
        if (!first || alert->content.incident_date < *first) first = alert->content.incident_date;
        alerts.push_back(std::move(*alert));
        return true;
      });
  if (!s.ok()) failed.problems.push_back("reading the alerts failed: " + s.ToString());
  if (!failed.problems.empty()) return failed;

  Audit audit(engine, std::move(alerts));
  if (first)
    for (int year = first->year(); year < today.year(); ++year)
      audit.CheckDay(*Date::FromYmd(year, 12, 31));
  audit.CheckDay(today);
  audit.CheckCounts();
  return audit.Take();
}

}  // namespace soj::tracker
