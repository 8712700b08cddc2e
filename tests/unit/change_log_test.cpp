#include "tracker/change_log.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <map>
#include <set>
#include <thread>

#include "tests/tracker_fixture.hpp"
#include "tracker/alert_json.hpp"
#include "tracker/alert_records.hpp"

namespace soj::tracker {
namespace {

namespace json = boost::json;
using testing::PlatformTest;

const TransitionRequest kPublish{AlertStatus::kPublished, "", std::nullopt};

class ChangeLogTest : public PlatformTest {
 protected:
  // Applies every change after `*after` to `copy` (upsert or remove), page by page.
  void Replay(const Principal& who, std::map<AlertId, json::value>* copy, uint64_t* after,
              std::size_t limit = 7, std::vector<uint64_t>* seqs = nullptr) {
    for (int guard = 0; guard < 100000; ++guard) {
      auto page = ReadChanges(platform_->store(), who, *after, limit);
      ASSERT_TRUE(page) << page.error().message;
      ASSERT_GE(page->next_after, *after);
      for (const Change& change : page->items) {
        ASSERT_GT(change.seq, *after);
        if (seqs) seqs->push_back(change.seq);
        if (change.alert)
          (*copy)[change.alert_id] = AlertToJson(*change.alert, ViewFor(who, *change.alert));
        else
          copy->erase(change.alert_id);
      }
      *after = page->next_after;
      if (!page->more) return;
    }
    FAIL() << "the changes never ended";
  }

  // The alerts `who` sees in the list, as the list shows them.
  std::map<AlertId, json::value> Listed(const Principal& who) {
    std::map<AlertId, json::value> out;
    ListRequest request;
    request.limit = kMaxPageSize;
    for (int guard = 0; guard < 1000; ++guard) {
      auto page = alerts().List(who, request);
      EXPECT_TRUE(page);
      if (!page) break;
      for (const Alert& a : page->items) out[a.id] = AlertToJson(a, ViewFor(who, a));
      if (!page->next_cursor) break;
      request.cursor = *page->next_cursor;
    }
    return out;
  }

  std::map<AlertId, json::value> ReplayAll(const Principal& who) {
    std::map<AlertId, json::value> copy;
    uint64_t after = 0;
    Replay(who, &copy, &after);
    return copy;
  }

  // Drafts, rejections, withdrawals, merges, a partner taken off an alert, withheld names.
  void BuildHistory() {
    const Principal editor = Principal::Editor();
    Alert secret = Submit("efj", [](AlertContent& c) {
      c.title = "Withheld victim";
      c.victims[0].withheld = true;
      c.victims[0].name = "Hidden Name";
    });
    ASSERT_TRUE(alerts().Transition(editor, secret.id, kPublish));
    Submit("efj", [](AlertContent& c) { c.title = "Still a draft"; });
    Alert rejected = Submit("ifj");
    ASSERT_TRUE(alerts().Transition(editor, rejected.id, {AlertStatus::kRejected, "dup", {}}));
    Alert withdrawn = Submit("efj");
    ASSERT_TRUE(alerts().Transition(Principal::Partner("efj"), withdrawn.id,
                                    {AlertStatus::kWithdrawn, "", {}}));
    Alert keep = SubmitPublished("ifj");
    Alert dup = SubmitPublished("efj");
    ASSERT_TRUE(alerts().Merge(editor, dup.id, keep.id));
    Alert draft_dup = Submit("efj");
    ASSERT_TRUE(alerts().Merge(editor, draft_dup.id, keep.id));
    // ifj is taken off an alert it shared with efj.
    Alert shared = Submit("efj", [](AlertContent& c) { c.partners = {"efj", "ifj"}; });
    auto edited =
        alerts().Edit(editor, shared.id, shared.version, json::parse(R"({"partners":["efj"]})"));
    ASSERT_TRUE(edited) << edited.error().message;
    Alert resolved = SubmitPublished("ifj");
    ASSERT_TRUE(alerts().Transition(editor, resolved.id,
                                    {AlertStatus::kResolved, "released", std::nullopt}));
    ASSERT_TRUE(alerts().AddUpdate(Principal::Partner("ifj"), resolved.id, {"Follow-up", {}}));
  }
};

TEST_F(ChangeLogTest, ReplayRebuildsExactlyWhatEachCallerLists) {
  BuildHistory();
  for (const Principal& who :
       {Principal::Public(), Principal::Partner("efj"), Principal::Partner("ifj"),
        Principal::Editor(), Principal::Admin(), Principal::State("BY")}) {
    SCOPED_TRACE(std::string(ToString(who.role)) + " " + who.partner);
    EXPECT_EQ(ReplayAll(who), Listed(who));
  }
}

TEST_F(ChangeLogTest, ReplayedInStepsAsHistoryHappensStillConverges) {
  std::map<AlertId, json::value> pub, efj, ifj, editor;
  uint64_t a = 0, b = 0, c = 0, d = 0;
  const Principal ep = Principal::Partner("efj"), ip = Principal::Partner("ifj");
  Alert keep = SubmitPublished("ifj");
  Alert dup = SubmitPublished("efj");
  Alert shared = Submit("efj", [](AlertContent& x) { x.partners = {"efj", "ifj"}; });
  Replay(Principal::Public(), &pub, &a);
  Replay(ep, &efj, &b);
  Replay(ip, &ifj, &c);
  Replay(Principal::Editor(), &editor, &d);
  EXPECT_TRUE(pub.contains(dup.id));
  EXPECT_TRUE(ifj.contains(shared.id));
  ASSERT_TRUE(alerts().Merge(Principal::Editor(), dup.id, keep.id));
  ASSERT_TRUE(alerts().Edit(Principal::Editor(), shared.id, shared.version,
                            json::parse(R"({"partners":["efj"]})")));
  Replay(Principal::Public(), &pub, &a);
  Replay(ep, &efj, &b);
  Replay(ip, &ifj, &c);
  Replay(Principal::Editor(), &editor, &d);
  EXPECT_FALSE(pub.contains(dup.id));  // removed
  EXPECT_FALSE(ifj.contains(shared.id));
  EXPECT_EQ(pub, Listed(Principal::Public()));
  EXPECT_EQ(efj, Listed(ep));
  EXPECT_EQ(ifj, Listed(ip));
  EXPECT_EQ(editor, Listed(Principal::Editor()));
}

TEST_F(ChangeLogTest, ThePublicNeverHearsOfDraftsOrWithheldNames) {
  BuildHistory();
  uint64_t after = 0;
  std::map<AlertId, json::value> copy;
  std::vector<uint64_t> seqs;
  Replay(Principal::Public(), &copy, &after, 200, &seqs);
  auto page = ReadChanges(platform_->store(), Principal::Public(), 0, 200);
  ASSERT_TRUE(page);
  for (const Change& change : page->items) {
    if (change.alert) {
      EXPECT_TRUE(change.alert->IsPublic());
      const std::string text =
          json::serialize(AlertToJson(*change.alert, ViewFor(Principal::Public(), *change.alert)));
      EXPECT_EQ(text.find("Hidden Name"), std::string::npos);
    } else {
      // Only a published alert merged away leaves the public's view.
      auto gone = LoadAlert(platform_->store(), change.alert_id);
      ASSERT_TRUE(gone && *gone);
      EXPECT_TRUE((*gone)->merged_into && (*gone)->published_at) << change.seq;
    }
    EXPECT_NE(change.kind, EventKind::kCreated);  // created as drafts: not public then
  }
}

TEST_F(ChangeLogTest, CursorsAreOpaqueAndCheckedAndTheEndIsStable) {
  SubmitPublished();
  auto all = ReadChanges(platform_->store(), Principal::Editor(), 0, 200);
  ASSERT_TRUE(all);
  EXPECT_EQ(all->items.size(), 2u);
  EXPECT_FALSE(all->more);
  const std::string cursor = EncodeChangeCursor(all->next_after);
  EXPECT_EQ(*DecodeChangeCursor(cursor), all->next_after);
  EXPECT_EQ(*DecodeChangeCursor(""), 0u);
  EXPECT_FALSE(DecodeChangeCursor("nonsense"));
  EXPECT_EQ(DecodeChangeCursor("nonsense").error().fields.at(0).field, "since");
  auto rest = ReadChanges(platform_->store(), Principal::Editor(), all->next_after, 10);
  ASSERT_TRUE(rest);
  EXPECT_TRUE(rest->items.empty());
  EXPECT_EQ(rest->next_after, all->next_after);
  EXPECT_FALSE(ReadChanges(platform_->store(), Principal::Editor(), 0, 0));
  EXPECT_FALSE(ReadChanges(platform_->store(), Principal::Editor(), 0, kMaxChangesPage + 1));
}

TEST_F(ChangeLogTest, PagesDuringConcurrentWritesNeitherSkipNorRepeat) {
  std::atomic<bool> done{false};
  std::thread writer([&] {
    for (int i = 0; i < 60; ++i) {
      Alert a = Submit(i % 2 ? "efj" : "ifj");
      if (i % 3 != 0) {
        EXPECT_TRUE(alerts().Transition(Principal::Editor(), a.id, kPublish));
      }
    }
    done = true;
  });
  std::vector<uint64_t> seqs;
  std::map<AlertId, json::value> copy;
  uint64_t after = 0;
  while (!done) Replay(Principal::Editor(), &copy, &after, 3, &seqs);
  writer.join();
  Replay(Principal::Editor(), &copy, &after, 3, &seqs);
  // Editors see every change: exactly the sequence numbers 1..N, each once, in order.
  ASSERT_EQ(seqs.size(), 60u + 40u);
  for (std::size_t i = 0; i < seqs.size(); ++i) EXPECT_EQ(seqs[i], i + 1);
  EXPECT_EQ(copy, Listed(Principal::Editor()));
}

TEST_F(ChangeLogTest, LatestPublicChangeIgnoresDrafts) {
  EXPECT_FALSE(*LatestPublicChange(platform_->store()));
  Submit();
  EXPECT_FALSE(*LatestPublicChange(platform_->store()));
  clock_.Advance(60);
  Alert published = SubmitPublished();
  clock_.Advance(60);
  Submit();
  EXPECT_EQ(*LatestPublicChange(platform_->store()), published.updated_at);
}

TEST_F(ChangeLogTest, TheSignalCountsEveryCommittedChange) {
  std::atomic<int> heard{0};
  const uint64_t id = platform_->changes().Subscribe([&] { ++heard; });
  const uint64_t before = platform_->changes().generation();
  SubmitPublished();
  EXPECT_EQ(platform_->changes().generation(), before + 2);
  EXPECT_EQ(heard.load(), 2);
  platform_->changes().Unsubscribe(id);
  Submit();
  EXPECT_EQ(heard.load(), 2);
}

}  // namespace
}  // namespace soj::tracker
