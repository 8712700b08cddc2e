#include "tools/demo/demo_dataset.hpp"

#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "tools/demo/demo_scenario.hpp"
#include "tracker/alert_json.hpp"
#include "tracker/alert_service.hpp"
#include "tracker/principal.hpp"

namespace soj::tools {
namespace {

namespace json = boost::json;
using demo::Action;
using demo::ActionKind;
using demo::AlertPlan;
using demo::Scenario;
using tracker::Alert;
using tracker::AlertStatus;
using tracker::Error;
using tracker::Principal;
using tracker::Result;

// Alerts per unit of work a thread takes at once: pairs, so a duplicate (always an odd index)
// is made together with the alert it duplicates.
constexpr std::size_t kUnitAlerts = 32;
constexpr std::size_t kProgressEvery = 1000;

std::string_view ActionName(ActionKind kind) {
  static constexpr std::string_view kNames[] = {"submit",    "edit",    "publish", "reject",
                                                "withdraw",  "resolve", "reopen",  "state reply",
                                                "follow-up", "merge"};
  return kNames[static_cast<std::size_t>(kind)];
}

// The merge patch that turns `before` into `after` (arrays are replaced whole).
json::object PatchBetween(const tracker::AlertContent& before, const tracker::AlertContent& after) {
  const json::object from = tracker::ContentToJson(before);
  const json::object to = tracker::ContentToJson(after);
  json::object patch;
  for (const auto& [key, value] : to) {
    const json::value* old = from.if_contains(key);
    if (old == nullptr || *old != value) patch[key] = value;
  }
  for (const auto& [key, value] : from)
    if (!to.contains(key)) patch[key] = nullptr;
  return patch;
}

void Add(DemoReport& into, const DemoReport& part) {
  into.alerts += part.alerts;
  into.published += part.published;
  into.resolved += part.resolved;
  into.rejected += part.rejected;
  into.withdrawn += part.withdrawn;
  into.drafts += part.drafts;
  into.merged += part.merged;
  into.already_present += part.already_present;
  into.replies += part.replies;
  into.updates += part.updates;
  into.withheld_victims += part.withheld_victims;
  into.ongoing_detentions += part.ongoing_detentions;
  into.killings += part.killings;
}

void Count(const Alert& alert, DemoReport& report) {
  ++report.alerts;
  if (alert.merged_into) {
    ++report.merged;
    return;
  }
  switch (alert.status) {
    case AlertStatus::kPublished:
      ++report.published;
      break;
    case AlertStatus::kResolved:
      ++report.resolved;
      break;
    case AlertStatus::kRejected:
      ++report.rejected;
      break;
    case AlertStatus::kWithdrawn:
      ++report.withdrawn;
      break;
    case AlertStatus::kDraft:
      ++report.drafts;
      break;
  }
  for (const tracker::Victim& v : alert.content.victims) {
    if (v.withheld) ++report.withheld_victims;
    if (v.killed_on) ++report.killings;
    if (!alert.IsPublic() || v.kind == tracker::VictimKind::kMediaOutlet) continue;
    if (std::any_of(v.detentions.begin(), v.detentions.end(),
                    [](const tracker::DetentionPeriod& p) { return !p.until; }))
      ++report.ongoing_detentions;
  }
}

// Plays scenarios against one AlertService whose clock it moves to each action's time.
class ScenarioRunner {
 public:
  ScenarioRunner(storage::Store& store, const tracker::PartnerDirectory& partners,
                 tracker::Timestamp start)
      : clock_(start), service_(store, clock_, partners) {}

  Result<void> Run(const Scenario& scenario, DemoReport& report) {
    std::vector<std::optional<Alert>> alerts(scenario.alerts.size());
    std::vector<bool> skipped(scenario.alerts.size(), false);
    for (const Action& action : scenario.actions) {
      const AlertPlan& plan = scenario.alerts[action.slot];
      if (skipped[action.slot]) continue;
      clock_.Set(action.at);
      if (action.kind == ActionKind::kSubmit) {
        auto outcome =
            service_.Submit(Principal::Partner(plan.submitter), plan.content, plan.idempotency_key);
        if (!outcome) return Failure(plan, action, outcome.error());
        if (!outcome->created) {
          skipped[action.slot] = true;
          ++report.already_present;
        } else {
          alerts[action.slot] = std::move(outcome->alert);
        }
        continue;
      }
      std::optional<Alert>& alert = alerts[action.slot];
      if (!alert) continue;
      if (action.kind == ActionKind::kMerge) {
        if (!alerts[0]) continue;  // the original was already there: leave the copy a draft
        auto merged = service_.Merge(Principal::Editor(), alert->id, alerts[0]->id);
        if (!merged) return Failure(plan, action, merged.error());
        alert->merged_into = merged->id;
        alerts[0] = std::move(*merged);
        continue;
      }
      auto result = Apply(plan, action, *alert, report);
      if (!result) return Failure(plan, action, result.error());
      alert = std::move(*result);
    }
    for (const auto& alert : alerts)
      if (alert) Count(*alert, report);
    return {};
  }

 private:
  Result<Alert> Apply(const AlertPlan& plan, const Action& action, const Alert& alert,
                      DemoReport& report) {
    const Principal partner = Principal::Partner(plan.submitter);
    const Principal editor = Principal::Editor();
    using Request = tracker::TransitionRequest;
    switch (action.kind) {
      case ActionKind::kEdit: {
        tracker::AlertContent after = alert.content;
        action.edit(after);
        json::object patch = PatchBetween(alert.content, after);
        if (patch.empty()) return alert;
        const Principal& who = alert.status == AlertStatus::kDraft ? partner : editor;
        return service_.Edit(who, alert.id, alert.version, json::value(std::move(patch)));
      }
      case ActionKind::kPublish:
        return service_.Transition(editor, alert.id, Request{AlertStatus::kPublished, {}, {}});
      case ActionKind::kReject:
        return service_.Transition(editor, alert.id,
                                   Request{AlertStatus::kRejected, action.text, {}});
      case ActionKind::kWithdraw:
        return service_.Transition(partner, alert.id,
                                   Request{AlertStatus::kWithdrawn, action.text, {}});
      case ActionKind::kResolve:
        return service_.Transition(editor, alert.id,
                                   Request{AlertStatus::kResolved, action.text, action.date});
      case ActionKind::kReopen:
        return service_.Transition(editor, alert.id,
                                   Request{AlertStatus::kPublished, action.text, {}});
      case ActionKind::kStateReply:
        ++report.replies;
        return service_.AddStateReply(Principal::State(alert.content.country), alert.id,
                                      tracker::NoteRequest{action.text, {}});
      case ActionKind::kUpdate:
        ++report.updates;
        return service_.AddUpdate(partner, alert.id, tracker::NoteRequest{action.text, {}});
      case ActionKind::kSubmit:
      case ActionKind::kMerge:
        break;
    }
    return Error::Internal("demo action " + std::string(ActionName(action.kind)) +
                           " is not applied here");
  }

  static Error Failure(const AlertPlan& plan, const Action& action, Error error) {
    error.message = "demo alert " + std::to_string(plan.index) + " (" +
                    std::string(ActionName(action.kind)) + " at " + action.at.ToString() +
                    "): " + error.message;
    return error;  // field errors stay in error.fields, with their paths
  }

  tracker::FixedClock clock_;
  tracker::AlertService service_;
};

// Shared by the worker threads: the next unit to take, progress, the first failure.
class LoadState {
 public:
  explicit LoadState(const DemoOptions& options) : options_(options) {}

  // The first alert index of the next unit, or nullopt when done or failed.
  std::optional<std::size_t> NextUnit() {
    if (failed_.load()) return std::nullopt;
    std::size_t start = next_.fetch_add(kUnitAlerts);
    if (start >= options_.alerts) return std::nullopt;
    return start;
  }

  void Done(std::size_t count) {
    std::size_t now = done_.fetch_add(count) + count;
    if (!options_.progress) return;
    // Whole thousands, so callers can print every 10,000 or 50,000 with a modulo.
    const std::size_t round = now / kProgressEvery * kProgressEvery;
    std::lock_guard lock(mutex_);
    if (round > reported_) {
      reported_ = round;
      options_.progress(round);
    }
  }

  void Fail(Error error) {
    std::lock_guard lock(mutex_);
    if (!error_) error_ = std::move(error);
    failed_.store(true);
  }

  void Finish(const DemoReport& part) {
    std::lock_guard lock(mutex_);
    Add(report_, part);
  }

  Result<DemoReport> Outcome() {
    std::lock_guard lock(mutex_);
    if (error_) return *error_;
    if (options_.progress && reported_ != options_.alerts) options_.progress(options_.alerts);
    return report_;
  }

 private:
  const DemoOptions& options_;
  std::atomic<std::size_t> next_{0};
  std::atomic<std::size_t> done_{0};
  std::atomic<bool> failed_{false};
  std::mutex mutex_;
  std::size_t reported_ = 0;
  std::optional<Error> error_;
  DemoReport report_;
};

void Work(storage::Store& store, const tracker::PartnerDirectory& partners,
          const demo::DatasetShape& shape, LoadState& state) {
  try {
    ScenarioRunner runner(store, partners,
                          tracker::Timestamp::FromUnixSeconds(int64_t{shape.today.days()} * 86400));
    DemoReport report;
    while (auto start = state.NextUnit()) {
      const std::size_t end = std::min(*start + kUnitAlerts, shape.total);
      std::size_t index = *start;
      while (index < end) {
        Scenario scenario = demo::MakeScenario(shape, index);
        // A duplicate is made with its original; skip over it.
        index += demo::IsDuplicate(shape, index + 1) ? 2 : 1;
        if (auto ran = runner.Run(scenario, report); !ran) {
          state.Fail(ran.error());
          return;
        }
      }
      state.Done(end - *start);
    }
    state.Finish(report);
  } catch (const std::exception& e) {
    state.Fail(Error::Internal(std::string("demo generator failed: ") + e.what()));
  }
}

}  // namespace

Result<DemoReport> LoadDemoDataset(storage::Store& store, const tracker::PartnerDirectory& partners,
                                   const DemoOptions& options) {
  demo::DatasetShape shape;
  shape.seed = options.seed;
  shape.total = options.alerts;
  shape.today = options.today;
  shape.first_day = options.today;
  for (const tracker::Country& c : tracker::Countries())
    if (auto since = tracker::Date::Parse(c.monitored_since))
      shape.first_day = std::min(shape.first_day, *since);
  if (options.today < *tracker::Date::FromYmd(2015, 4, 2))
    return Error::BadRequest("the demo's today (" + options.today.ToString() +
                             ") is before the platform's launch on 2015-04-02");
  shape.partners = partners.All();
  if (shape.partners.empty())
    return Error::BadRequest("no partner organisations are registered; the demo submits as them");
  // The directory's order is whatever the store holds; the dataset must not depend on it.
  std::sort(shape.partners.begin(), shape.partners.end(),
            [](const tracker::Partner& a, const tracker::Partner& b) { return a.id < b.id; });

  LoadState state(options);
  const std::size_t units = (options.alerts + kUnitAlerts - 1) / kUnitAlerts;
  const std::size_t threads =
      std::clamp<std::size_t>(options.threads, 1, std::max<std::size_t>(units, 1));
  std::vector<std::thread> workers;
  workers.reserve(threads);
  for (std::size_t t = 0; t < threads; ++t)
    workers.emplace_back([&] { Work(store, partners, shape, state); });
  for (std::thread& w : workers) w.join();
  return state.Outcome();
}

}  // namespace soj::tools
