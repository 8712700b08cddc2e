#pragma once
// A demo scenario: one alert (or an alert and a duplicate report of it) and everything that
// happens to it, as typed content plus a timed list of actions for the AlertService. Made only
// from (seed, index, dataset size, today), so the same inputs always give the same scenario.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "tracker/calendar.hpp"
#include "tracker/model.hpp"
#include "tracker/reference_data.hpp"

namespace soj::tools::demo {

enum class ActionKind {
  kSubmit,      // the submitting partner creates the draft
  kEdit,        // the owning partner while draft, an editor after: apply `edit`
  kPublish,     // editor
  kReject,      // editor, with `text` as reason
  kWithdraw,    // the submitting partner, with `text` as reason
  kResolve,     // editor, `text` reason, `date` resolution date
  kReopen,      // editor, resolved -> published
  kStateReply,  // state correspondent of the alert's country
  kUpdate,      // the submitting partner's follow-up
  kMerge,       // editor: slot 1 becomes a pointer to slot 0
};

struct Action {
  tracker::Timestamp at;
  std::size_t slot = 0;  // which alert of the scenario it acts on
  ActionKind kind = ActionKind::kSubmit;
  std::string text;
  std::optional<tracker::Date> date;
  std::function<void(tracker::AlertContent&)> edit;
};

struct AlertPlan {
  std::size_t index = 0;          // position in the dataset, for error messages
  tracker::AlertContent content;  // as submitted
  std::string submitter;          // partner id
  std::optional<std::string> idempotency_key;
};

struct Scenario {
  std::vector<AlertPlan> alerts;  // one, or two when the second is merged into the first
  std::vector<Action> actions;    // in time order, none after the end of `today`
};

// What every scenario of one dataset shares.
struct DatasetShape {
  uint64_t seed = 1;
  std::size_t total = 0;                   // alerts in the dataset
  tracker::Date first_day;                 // earliest incident date
  tracker::Date today;                     // latest incident date and latest action date
  std::vector<tracker::Partner> partners;  // registered partners, to submit as and to name
};

// True when alert `index` is a duplicate report of alert `index - 1` (about 1 in 200; only odd
// indices, so duplicates never chain and a pair never straddles two even-aligned work units).
bool IsDuplicate(const DatasetShape& shape, std::size_t index);

// The scenario of alert `index`, together with `index + 1` when that one is its duplicate.
Scenario MakeScenario(const DatasetShape& shape, std::size_t index);

}  // namespace soj::tools::demo
