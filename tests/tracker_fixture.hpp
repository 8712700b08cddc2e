#pragma once
// A real Platform over a RocksDB store in a temp dir, with a clock the test controls.

#include <gtest/gtest.h>

#include <memory>

#include "tests/test_support.hpp"
#include "tracker/platform.hpp"

namespace soj::testing {

// 2026-11-29T12:00:00Z: "today" in tracker tests unless a test moves the clock.
inline tracker::Timestamp TestNow() { return *tracker::Timestamp::Parse("2026-11-29T12:00:00Z"); }

inline tracker::Date D(std::string_view text) { return *tracker::Date::Parse(text); }

// A complete, valid alert about a detention in Belarus.
inline tracker::AlertContent ValidContent() {
  using namespace tracker;
  AlertContent c;
  c.title = "Journalist detained after covering protest in Minsk";
  c.description = "Plain text.\n\nSecond paragraph.";
  c.country = "BY";
  c.incident_date = D("2023-03-14");
  c.categories = {Category::kDetention, Category::kHarassment};
  c.threat_source = ThreatSource::kState;
  c.level = 1;
  Victim v;
  v.name = "A. N.";
  v.kind = VictimKind::kJournalist;
  v.gender = Gender::kFemale;
  v.outlet = "Example Media";
  v.detentions = {{D("2023-03-14"), std::nullopt}};
  c.victims = {v};
  c.sources = {"https://example.org/report"};
  return c;
}

class PlatformTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }

  // Walks every page of `request` and returns the ids in order.
  std::vector<tracker::AlertId> WalkAll(const tracker::Principal& who,
                                        tracker::ListRequest request) {
    std::vector<tracker::AlertId> ids;
    for (int guard = 0; guard < 1000; ++guard) {
      auto page = alerts().List(who, request);
      EXPECT_TRUE(page) << page.error().message;
      if (!page) break;
      for (const tracker::Alert& a : page->items) ids.push_back(a.id);
      if (!page->next_cursor) break;
      request.cursor = *page->next_cursor;
    }
    return ids;
  }

  void Reopen(tracker::PlatformOptions::Search search = tracker::PlatformOptions::Search::kNow) {
    platform_.reset();
    auto opened = tracker::Platform::Open({.data_dir = dir_.str(),
                                           .create_if_missing = true,
                                           .sync = false,
                                           .clock = &clock_,
                                           .search = search});
    ASSERT_TRUE(opened) << opened.error().message;
    platform_ = std::move(*opened);
  }

  tracker::AlertService& alerts() { return platform_->alerts(); }

  // Submits ValidContent() (with `edit` applied) as partner `partner`; fails the test on error.
  tracker::Alert Submit(const std::string& partner = "efj",
                        const std::function<void(tracker::AlertContent&)>& edit = {}) {
    tracker::AlertContent c = ValidContent();
    if (edit) edit(c);
    auto out = alerts().Submit(tracker::Principal::Partner(partner), c);
    EXPECT_TRUE(out) << (out ? "" : out.error().message);
    return out ? out->alert : tracker::Alert{};
  }

  // Submits and publishes as an editor.
  tracker::Alert SubmitPublished(const std::string& partner = "efj",
                                 const std::function<void(tracker::AlertContent&)>& edit = {}) {
    tracker::Alert draft = Submit(partner, edit);
    auto out = alerts().Transition(tracker::Principal::Editor(), draft.id,
                                   {tracker::AlertStatus::kPublished, "", std::nullopt});
    EXPECT_TRUE(out) << (out ? "" : out.error().message);
    return out ? *out : tracker::Alert{};
  }

  TempDir dir_;
  tracker::FixedClock clock_{TestNow()};
  std::unique_ptr<tracker::Platform> platform_;
};

}  // namespace soj::testing
