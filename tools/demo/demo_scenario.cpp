// What happens to a demo alert after it is written: the workflow (published, rejected,
// withdrawn or left a draft), releases from detention and impunity reported by edits, state
// replies, follow-ups, resolution and reopening, and now and then a duplicate report merged
// into it. Every action is dated; none after the end of today.

#include "tools/demo/demo_scenario.hpp"

#include <algorithm>

#include "tools/demo/demo_random.hpp"
#include "tools/demo/demo_story.hpp"
#include "tools/demo/demo_writing.hpp"

namespace soj::tools::demo {
namespace {

using tracker::AlertContent;
using tracker::Category;
using tracker::Date;
using tracker::DetentionPeriod;
using tracker::Timestamp;
using tracker::Victim;

constexpr int64_t kDay = 86400;
constexpr uint64_t kDuplicateStream = 7;

Timestamp At(Date day, int64_t second_of_day) {
  return Timestamp::FromUnixSeconds(static_cast<int64_t>(day.days()) * kDay + second_of_day);
}
// A random moment of `day` between the two hours (office hours for editors, longer for others).
Timestamp DayTime(Rng& rng, Date day, int from_hour, int to_hour) {
  return At(day, rng.Uniform(int64_t{from_hour} * 3600, int64_t{to_hour} * 3600 - 1));
}

class Timeline {
 public:
  Timeline(Scenario& scenario, Date today) : scenario_(scenario), end_(At(today, kDay - 1)) {}
  // Adds the action unless it would happen after today; says whether it was added.
  bool Add(Action action) {
    if (action.at > end_) return false;
    scenario_.actions.push_back(std::move(action));
    return true;
  }

 private:
  Scenario& scenario_;
  Timestamp end_;
};

Action Make(Timestamp at, std::size_t slot, ActionKind kind, std::string text = {}) {
  Action a;
  a.at = at;
  a.slot = slot;
  a.kind = kind;
  a.text = std::move(text);
  return a;
}

struct Outcome {
  bool published = false;
  Timestamp published_at;
  Date submit_date;
};

Outcome PlanWorkflow(Rng& rng, Story& s, Timeline& line, Date submit_date, Timestamp submit_at,
                     bool force_publish) {
  const Date today = s.shape->today;
  const bool recent = today.days() - s.incident.days() <= 60;
  const double r = rng.Real();
  const double draft = force_publish ? 0 : recent ? 0.5 : 0.07;
  Outcome out{false, {}, submit_date};
  if (r < draft) return out;
  if (!force_publish && r < draft + 0.05) {
    line.Add(Make(DayTime(rng, Later(rng, submit_date, 1, 10), 9, 18), 0, ActionKind::kReject,
                  std::string(rng.Pick(RejectionReasons()))));
    return out;
  }
  if (!force_publish && r < draft + 0.08) {
    Timestamp at =
        Timestamp::FromUnixSeconds(submit_at.unix_seconds() + rng.Uniform(7200, 5 * kDay));
    line.Add(Make(at, 0, ActionKind::kWithdraw, std::string(rng.Pick(WithdrawalReasons()))));
    return out;
  }
  const Date pub_date = Later(rng, submit_date, 1, 5);
  out.published_at = DayTime(rng, pub_date, 9, 18);
  out.published = line.Add(Make(out.published_at, 0, ActionKind::kPublish));
  return out;
}

// Releases, impunity, replies, follow-ups, resolution: only for alerts that get published.
void PlanAfterPublication(Rng& rng, Story& s, Timeline& line, const Outcome& outcome) {
  const Date pub_date = outcome.published_at.date();
  const Category primary = s.subtype->category;
  Date all_released;  // when the last detained victim is out
  bool someone_stays = false;
  for (const PlannedRelease& r : s.releases) {
    all_released = std::max(all_released, r.until);
    if (r.until <= outcome.submit_date) continue;  // known when submitted
    const Date reported = Later(rng, r.until, 0, 3);
    Action edit = Make(DayTime(rng, reported, 9, 20), 0, ActionKind::kEdit);
    edit.edit = [r](AlertContent& c) { c.victims[r.victim].detentions[r.period].until = r.until; };
    if (!line.Add(std::move(edit))) {
      someone_stays = true;
      continue;
    }
    if (rng.Chance(0.4)) {
      const Victim& v = s.content.victims[r.victim];
      Slots slots;
      slots.Set("who", v.withheld ? "The " + s.people[r.victim].role : v.name);
      slots.Set("release", LongDate(r.until));
      line.Add(Make(DayTime(rng, Later(rng, reported, 0, 2), 18, 23), 0, ActionKind::kUpdate,
                    Fill("{who} was released on {release}.", slots)));
    }
  }

  bool resolvable = !s.subtype->killing;
  if (s.subtype->killing && primary == Category::kAttack) {
    tracker::ImpunityRecord record{true, tracker::Justice::kNone,
                                   Later(rng, s.incident, 180, 1500)};
    Action added = Make(DayTime(rng, record.since, 9, 18), 0, ActionKind::kEdit);
    added.edit = [record](AlertContent& c) {
      if (!c.HasCategory(Category::kImpunity)) c.categories.push_back(Category::kImpunity);
      c.impunity = record;
    };
    Date when = record.since;
    if (line.Add(std::move(added)) && rng.Chance(0.25)) {
      when = Later(rng, when, 300, 1500);
      Action partial = Make(DayTime(rng, when, 9, 18), 0, ActionKind::kEdit);
      partial.edit = [](AlertContent& c) { c.impunity->justice = tracker::Justice::kPartial; };
      if (line.Add(std::move(partial)) && rng.Chance(0.35)) {
        when = Later(rng, when, 200, 1000);
        Action full = Make(DayTime(rng, when, 9, 18), 0, ActionKind::kEdit);
        full.edit = [](AlertContent& c) { c.impunity->justice = tracker::Justice::kFull; };
        if (line.Add(std::move(full))) {
          const Date resolved = Later(rng, when, 5, 60);
          Action resolve = Make(DayTime(rng, resolved, 9, 18), 0, ActionKind::kResolve,
                                std::string(ResolutionReasons(Category::kImpunity).front()));
          resolve.date = resolved;
          line.Add(std::move(resolve));
        }
      }
    }
  }

  if (rng.Chance(TraitsOf(s.profile->climate).reply_rate)) {
    Date first = Later(rng, pub_date, 5, 120);
    auto replies = StateReplies(primary);
    const std::size_t first_text = rng.Next() % replies.size();
    line.Add(Make(DayTime(rng, first, 9, 18), 0, ActionKind::kStateReply,
                  std::string(replies[first_text])));
    if (rng.Chance(0.2))  // a fuller answer later
      line.Add(Make(
          DayTime(rng, Later(rng, first, 10, 200), 9, 18), 0, ActionKind::kStateReply,
          std::string(
              replies[(first_text + 1 + rng.Next() % (replies.size() - 1)) % replies.size()])));
  }
  if (rng.Chance(0.3)) {
    // Distinct follow-ups, in the order the list tells the story.
    auto texts = FollowUps(primary);
    const std::size_t count = static_cast<std::size_t>(rng.Uniform(1, 3));
    std::size_t next = rng.Next() % texts.size();
    Date when = pub_date;
    for (std::size_t n = 0; n < std::min(count, texts.size()); ++n) {
      when = Later(rng, when, 10, 300);
      line.Add(Make(DayTime(rng, when, 8, 22), 0, ActionKind::kUpdate, std::string(texts[next])));
      next = (next + 1) % texts.size();
    }
  }

  if (resolvable && !someone_stays && rng.Chance(0.2)) {
    Date resolved = Later(rng, pub_date, 30, 900);
    if (!s.releases.empty()) resolved = std::max(resolved, Later(rng, all_released, 4, 60));
    Action resolve = Make(DayTime(rng, resolved, 9, 18), 0, ActionKind::kResolve,
                          std::string(rng.Pick(ResolutionReasons(primary))));
    resolve.date = resolved;
    if (line.Add(std::move(resolve)) && rng.Chance(0.1))
      line.Add(Make(DayTime(rng, Later(rng, resolved, 20, 300), 9, 18), 0, ActionKind::kReopen,
                    std::string(rng.Pick(ReopenReasons()))));
  }
}

// The content as the partner knows it on the day of submission: detentions that end later are
// still open.
AlertContent AsSubmitted(const Story& s, Date submit_date) {
  AlertContent c = s.content;
  for (Victim& v : c.victims)
    for (DetentionPeriod& p : v.detentions)
      if (p.until && *p.until > submit_date) p.until.reset();
  return c;
}

std::string IdempotencyKey(const DatasetShape& shape, std::size_t index) {
  return "demo-" + std::to_string(shape.seed) + "-" + std::to_string(shape.total) + "-" +
         shape.today.ToString() + "-" + std::to_string(index);
}

// A second partner reports the same incident; an editor merges it into the first report.
void PlanDuplicate(Scenario& scenario, Timeline& line, const Story& s, const AlertPlan& original,
                   const Outcome& outcome) {
  const std::size_t index = s.index + 1;
  Rng rng(AlertSeed(s.shape->seed, index));
  AlertPlan dup;
  dup.index = index;
  dup.content = original.content;
  dup.submitter = PickPartner(rng, *s.shape, original.content.partners);
  if (dup.submitter.empty()) dup.submitter = original.submitter;
  dup.content.partners = {dup.submitter};
  dup.content.title = Fill(s.subtype->alt_title, s.slots);
  std::string_view first = original.content.description;
  first = first.substr(0, first.find("\n\n"));
  Slots slots = s.slots;
  slots.Set("partner", Capitalised(PartnerPhrase(*s.shape, dup.submitter)));
  dup.content.description =
      std::string(first) + "\n\n" + Fill("Reported to {partner} by colleagues in {city}.", slots);
  dup.content.translations.clear();
  dup.content.sources.resize(std::min<std::size_t>(dup.content.sources.size(), 1));
  if (rng.Chance(0.5)) {
    dup.content.external_ref =
        dup.submitter + "-" + std::to_string(s.incident.year()) + "-" + std::to_string(index + 1);
  } else {
    dup.content.external_ref.reset();
    dup.idempotency_key = IdempotencyKey(*s.shape, index);
  }
  const Date submit_date = std::min(Later(rng, outcome.submit_date, 0, 3), s.shape->today);
  if (!line.Add(Make(DayTime(rng, submit_date, 7, 22), 1, ActionKind::kSubmit))) return;
  scenario.alerts.push_back(std::move(dup));
  if (outcome.published) {
    const Date merged = Later(rng, std::max(submit_date, outcome.published_at.date()), 1, 4);
    line.Add(Make(DayTime(rng, merged, 9, 18), 1, ActionKind::kMerge));
  }
}

}  // namespace

bool IsDuplicate(const DatasetShape& shape, std::size_t index) {
  return index % 2 == 1 && index < shape.total &&
         AlertSeed(shape.seed, index, kDuplicateStream) % 100 == 0;
}

Scenario MakeScenario(const DatasetShape& shape, std::size_t index) {
  Rng rng(AlertSeed(shape.seed, index));
  Story s = MakeStory(shape, index, rng);

  AlertPlan plan;
  plan.index = index;
  plan.submitter = s.content.partners.front();
  const Date submit_date = std::min(Later(rng, s.incident, 0, 10), shape.today);
  const Timestamp submit_at = DayTime(rng, submit_date, 7, 22);
  WriteUp(rng, s, submit_date);
  if (rng.Chance(0.7)) {
    s.content.external_ref =
        plan.submitter + "-" + std::to_string(s.incident.year()) + "-" + std::to_string(index + 1);
  } else {
    plan.idempotency_key = IdempotencyKey(shape, index);
  }
  plan.content = AsSubmitted(s, submit_date);

  Scenario scenario;
  Timeline line(scenario, shape.today);
  line.Add(Make(submit_at, 0, ActionKind::kSubmit));
  const bool has_duplicate = IsDuplicate(shape, index + 1);
  Outcome outcome = PlanWorkflow(rng, s, line, submit_date, submit_at, has_duplicate);
  if (outcome.published) PlanAfterPublication(rng, s, line, outcome);
  scenario.alerts.push_back(std::move(plan));
  if (has_duplicate) PlanDuplicate(scenario, line, s, scenario.alerts.front(), outcome);
  std::stable_sort(scenario.actions.begin(), scenario.actions.end(),
                   [](const Action& a, const Action& b) { return a.at < b.at; });
  return scenario;
}

}  // namespace soj::tools::demo
