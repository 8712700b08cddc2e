#include "tracker/integrity_check.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cctype>
#include <string>
#include <vector>

#include "storage/family.hpp"
#include "storage/key_codec.hpp"
#include "storage/transaction.hpp"
#include "tests/tracker_fixture.hpp"
#include "tracker/alert_index.hpp"
#include "tracker/alert_json.hpp"
#include "tracker/alert_records.hpp"

namespace soj::tracker {
namespace {

namespace json = boost::json;
using soj::testing::PlatformTest;
using storage::Family;

std::string Problems(const IntegrityReport& report) {
  std::string out;
  for (const std::string& p : report.problems) out += "  " + p + "\n";
  return out;
}

// True when `text` names alert `id` ("alert 12", not "alert 123"). Problems also quote keys
// in hex, so a bare number could match by accident; the word "alert" in front cannot.
bool MentionsAlert(std::string_view text, uint64_t id) {
  const std::string needle = "alert " + std::to_string(id);
  for (std::size_t at = text.find(needle); at != std::string_view::npos;
       at = text.find(needle, at + 1)) {
    const std::size_t end = at + needle.size();
    if (end == text.size() || !std::isdigit(static_cast<unsigned char>(text[end]))) return true;
  }
  return false;
}

bool AnyProblemMentions(const IntegrityReport& report, uint64_t id) {
  for (const std::string& p : report.problems)
    if (MentionsAlert(p, id)) return true;
  return false;
}

class IntegrityCheckTest : public PlatformTest {
 protected:
  storage::Store& store() { return platform_->store(); }

  IntegrityReport Check() { return CheckIntegrity(store()); }

  void Put(Family family, const std::string& key, const std::string& value) {
    storage::Status s = store().Write([&](storage::Transaction& txn) {
      txn.Put(family, key, value);
      return storage::Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  void Delete(Family family, const std::string& key) {
    storage::Status s = store().Write([&](storage::Transaction& txn) {
      txn.Delete(family, key);
      return storage::Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  Alert Load(AlertId id) {
    auto loaded = LoadAlert(store(), id);
    EXPECT_TRUE(loaded && *loaded) << "alert " << id;
    return loaded && *loaded ? **loaded : Alert{};
  }

  // The keys under `prefix` in the index family.
  std::vector<std::string> IndexKeys(const std::string& prefix) {
    std::vector<std::string> keys;
    storage::Status s = store().ScanPrefix(Family::kIndex, prefix, storage::Direction::kForward,
                                           [&](std::string_view key, std::string_view) {
                                             keys.emplace_back(key);
                                             return true;
                                           });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return keys;
  }

  // A list key as alert_index.hpp lays it out.
  static std::string ListKey(Dimension dim, std::string_view value, char order_tag,
                             int64_t sort_value, AlertId id) {
    std::string key = ListPrefix(dim, value, order_tag);
    storage::AppendInt64(&key, sort_value);
    storage::AppendUint64(&key, id);
    return key;
  }

  // The realistic mix of operations the brief asks for; returns every alert id it made.
  std::vector<AlertId> MakeRealisticStore() {
    std::vector<AlertId> ids;
    const Principal efj = Principal::Partner("efj");
    const Principal editor = Principal::Editor();

    // A draft with an external_ref, edited by its partner, then published by an editor.
    const Alert referenced = Submit("efj", [](AlertContent& c) { c.external_ref = "efj-1"; });
    ids.push_back(referenced.id);
    auto edited = alerts().Edit(efj, referenced.id, referenced.version,
                                json::parse(R"({"title":"Edited title","level":2})"));
    EXPECT_TRUE(edited) << edited.error().message;
    clock_.Advance(60);
    auto published =
        alerts().Transition(editor, referenced.id, {AlertStatus::kPublished, "", std::nullopt});
    EXPECT_TRUE(published) << published.error().message;

    // A published alert with a reply, an update, an editor's edit, resolved then reopened.
    const Alert busy = SubmitPublished("ifj", [](AlertContent& c) {
      c.country = "RU";
      c.categories = {soj::tracker::Category::kAttack};
      c.external_ref = "ifj-9";
    });
    ids.push_back(busy.id);
    clock_.Advance(60);
    auto replied = alerts().AddStateReply(Principal::State("RU"), busy.id,
                                          {"The case is under investigation.", std::nullopt});
    EXPECT_TRUE(replied) << replied.error().message;
    auto updated =
        alerts().AddUpdate(Principal::Partner("ifj"), busy.id, {"Released.", std::nullopt});
    EXPECT_TRUE(updated) << updated.error().message;
    if (!updated) return ids;
    clock_.Advance(60);
    auto changed =
        alerts().Edit(editor, busy.id, updated->version,
                      json::parse(R"({"partners":["ifj","rsf"],"threat_source":"unknown"})"));
    EXPECT_TRUE(changed) << changed.error().message;
    auto resolved =
        alerts().Transition(editor, busy.id, {AlertStatus::kResolved, "Released.", std::nullopt});
    EXPECT_TRUE(resolved) << resolved.error().message;

    // A duplicate merged into the referenced alert.
    const Alert duplicate = SubmitPublished("rsf", [](AlertContent& c) {
      c.sources = {"https://example.org/other"};
      c.external_ref = "rsf-dup";
    });
    ids.push_back(duplicate.id);
    clock_.Advance(60);
    auto merged = alerts().Merge(editor, duplicate.id, referenced.id);
    EXPECT_TRUE(merged) << merged.error().message;

    // A withdrawn draft and a rejected one.
    const Alert withdrawn = Submit("cpj");
    ids.push_back(withdrawn.id);
    EXPECT_TRUE(alerts().Transition(Principal::Partner("cpj"), withdrawn.id,
                                    {AlertStatus::kWithdrawn, "", std::nullopt}));
    const Alert rejected = Submit("pen");
    ids.push_back(rejected.id);
    EXPECT_TRUE(alerts().Transition(editor, rejected.id,
                                    {AlertStatus::kRejected, "Out of scope.", std::nullopt}));
    // And a plain draft.
    ids.push_back(Submit("efj").id);
    return ids;
  }
};

TEST_F(IntegrityCheckTest, EmptyStoreIsClean) {
  const IntegrityReport report = Check();
  EXPECT_TRUE(report.ok()) << Problems(report);
  EXPECT_EQ(report.alerts, 0u);
  EXPECT_EQ(report.events, 0u);
  EXPECT_EQ(report.index_entries, 0u);
  EXPECT_FALSE(report.truncated);
}

TEST_F(IntegrityCheckTest, CleanAfterARealisticMixOfOperations) {
  const std::vector<AlertId> ids = MakeRealisticStore();
  ASSERT_FALSE(HasFailure());
  const IntegrityReport report = Check();
  EXPECT_TRUE(report.ok()) << Problems(report);
  EXPECT_FALSE(report.truncated);
  EXPECT_EQ(report.alerts, ids.size());
  EXPECT_GE(report.events, 17u);
  EXPECT_GT(report.index_entries, report.events);
}

TEST_F(IntegrityCheckTest, CleanAfterReopeningTheStore) {
  MakeRealisticStore();
  ASSERT_FALSE(HasFailure());
  Reopen();
  const IntegrityReport report = Check();
  EXPECT_TRUE(report.ok()) << Problems(report);
}

TEST_F(IntegrityCheckTest, DetectsADeletedListEntry) {
  MakeRealisticStore();
  const Alert published = SubmitPublished();
  ASSERT_TRUE(Check().ok());
  const std::vector<IndexEntry> entries = ListEntriesOf(Load(published.id));
  ASSERT_FALSE(entries.empty());
  const std::string country_key =
      ListKey(Dimension::kCountry, "BY", 'i', published.content.incident_date.days(), published.id);
  bool known = false;
  for (const auto& [key, value] : entries) known = known || key == country_key;
  ASSERT_TRUE(known) << "the test builds the key the way alert_index lays it out";
  Delete(Family::kIndex, country_key);

  const IntegrityReport report = Check();
  EXPECT_FALSE(report.ok());
  EXPECT_TRUE(AnyProblemMentions(report, published.id)) << Problems(report);
}

TEST_F(IntegrityCheckTest, DetectsADeletedExternalRefEntry) {
  const Alert referenced = Submit("efj", [](AlertContent& c) { c.external_ref = "efj-77"; });
  const std::string key = ExternalRefKey(referenced.submitted_by, "efj-77");
  ASSERT_EQ(IndexKeys(key).size(), 1u);
  Delete(Family::kIndex, key);
  const IntegrityReport report = Check();
  EXPECT_FALSE(report.ok());
  EXPECT_TRUE(AnyProblemMentions(report, referenced.id)) << Problems(report);
}

TEST_F(IntegrityCheckTest, DetectsAStrayEntryForANonexistentAlert) {
  const Alert real = SubmitPublished();
  ASSERT_TRUE(Check().ok());
  constexpr AlertId kGhost = 987654;
  Alert ghost = Load(real.id);
  ghost.id = kGhost;
  Put(Family::kIndex,
      ListKey(Dimension::kCountry, "BY", 'i', ghost.content.incident_date.days(), kGhost),
      EncodeSummary(AlertSummary::Of(ghost)));

  const IntegrityReport report = Check();
  EXPECT_FALSE(report.ok());
  EXPECT_TRUE(AnyProblemMentions(report, kGhost)) << Problems(report);
}

TEST_F(IntegrityCheckTest, DetectsAStrayEntryUnderTheWrongDimensionValue) {
  const Alert real = SubmitPublished();  // about BY
  const Alert other = SubmitPublished("ifj", [](AlertContent& c) { c.country = "RU"; });
  ASSERT_TRUE(Check().ok());
  const Alert stored = Load(real.id);
  // Same alert, same valid summary, filed under a country it is not about.
  Put(Family::kIndex,
      ListKey(Dimension::kCountry, "RU", 'i', stored.content.incident_date.days(), stored.id),
      EncodeSummary(AlertSummary::Of(stored)));

  const IntegrityReport report = Check();
  EXPECT_FALSE(report.ok());
  EXPECT_TRUE(AnyProblemMentions(report, real.id)) << Problems(report);
  EXPECT_FALSE(AnyProblemMentions(report, other.id)) << Problems(report);
  EXPECT_EQ(report.problems.size(), 1u) << Problems(report);
}

TEST_F(IntegrityCheckTest, DetectsAStaleSummary) {
  const Alert published = SubmitPublished();
  ASSERT_TRUE(Check().ok());
  const Alert stored = Load(published.id);
  AlertSummary stale = AlertSummary::Of(stored);
  ASSERT_EQ(stale.status, AlertStatus::kPublished);
  stale.status = AlertStatus::kDraft;
  const std::string key =
      ListKey(Dimension::kAll, "", 'u', stored.updated_at.unix_seconds(), stored.id);
  ASSERT_EQ(IndexKeys(key).size(), 1u);
  Put(Family::kIndex, key, EncodeSummary(stale));

  const IntegrityReport report = Check();
  EXPECT_FALSE(report.ok());
  EXPECT_TRUE(AnyProblemMentions(report, published.id)) << Problems(report);
}

TEST_F(IntegrityCheckTest, DetectsAWrongExternalRefTarget) {
  const Alert a = Submit("efj", [](AlertContent& c) { c.external_ref = "efj-1"; });
  const Alert b = Submit("efj");
  Put(Family::kIndex, ExternalRefKey(a.submitted_by, "efj-1"), storage::EncodeUint64(b.id));
  const IntegrityReport report = Check();
  EXPECT_FALSE(report.ok());
  EXPECT_TRUE(AnyProblemMentions(report, a.id)) << Problems(report);
}

TEST_F(IntegrityCheckTest, DetectsAMissingEventIndexEntry) {
  const Alert published = SubmitPublished();
  ASSERT_TRUE(Check().ok());
  const std::vector<std::string> event_keys = IndexKeys(AlertEventPrefix(published.id));
  ASSERT_EQ(event_keys.size(), 2u) << "created and transitioned";
  Delete(Family::kIndex, event_keys.back());

  const IntegrityReport report = Check();
  EXPECT_FALSE(report.ok());
  EXPECT_TRUE(AnyProblemMentions(report, published.id)) << Problems(report);
}

TEST_F(IntegrityCheckTest, DetectsAStrayEventIndexEntry) {
  const Alert a = SubmitPublished();
  const Alert b = Submit("ifj");
  ASSERT_TRUE(Check().ok());
  // File one of a's events under b as well.
  const std::vector<std::string> event_keys = IndexKeys(AlertEventPrefix(a.id));
  ASSERT_FALSE(event_keys.empty());
  std::string_view rest = event_keys.front();
  rest.remove_prefix(AlertEventPrefix(a.id).size());
  const uint64_t seq = storage::ConsumeUint64(&rest).value();
  Put(Family::kIndex, AlertEventKey(b.id, seq), "");

  const IntegrityReport report = Check();
  EXPECT_FALSE(report.ok());
  EXPECT_TRUE(AnyProblemMentions(report, b.id)) << Problems(report);
}

TEST_F(IntegrityCheckTest, DetectsAnUndecodableDocument) {
  const Alert published = SubmitPublished();
  ASSERT_TRUE(Check().ok());
  Put(Family::kAlerts, AlertKey(published.id), "{\"id\": 1, \"title\": ");

  const IntegrityReport report = Check();
  EXPECT_FALSE(report.ok());
  EXPECT_TRUE(AnyProblemMentions(report, published.id)) << Problems(report);
}

TEST_F(IntegrityCheckTest, DetectsADocumentThatBreaksTheSchema) {
  const Alert draft = Submit();
  json::value doc = AlertToJson(Load(draft.id), {.reveal_withheld = true, .internal = true});
  doc.as_object()["status"] = "archived";
  Put(Family::kAlerts, AlertKey(draft.id), json::serialize(doc));

  const IntegrityReport report = Check();
  EXPECT_FALSE(report.ok());
  EXPECT_TRUE(AnyProblemMentions(report, draft.id)) << Problems(report);
}

TEST_F(IntegrityCheckTest, DetectsADocumentStoredUnderAnotherId) {
  const Alert a = Submit();
  const Alert b = Submit();
  Put(Family::kAlerts, AlertKey(b.id), EncodeAlertDocument(Load(a.id)));
  const IntegrityReport report = Check();
  EXPECT_FALSE(report.ok());
  EXPECT_TRUE(AnyProblemMentions(report, b.id)) << Problems(report);
}

TEST_F(IntegrityCheckTest, DetectsEventsOfADeletedDocument) {
  const Alert keep = SubmitPublished();
  const Alert gone = SubmitPublished("ifj");
  Delete(Family::kAlerts, AlertKey(gone.id));
  const IntegrityReport report = Check();
  EXPECT_FALSE(report.ok());
  EXPECT_TRUE(AnyProblemMentions(report, gone.id)) << Problems(report);
  EXPECT_EQ(report.alerts, 1u);
}

TEST_F(IntegrityCheckTest, ReportsEveryProblemWhenMissingAndStrayEntriesBalanceOut) {
  const Alert a = SubmitPublished();
  ASSERT_TRUE(Check().ok());
  // One entry gone, one stray entry added: the entry counts still match.
  Delete(Family::kIndex,
         ListKey(Dimension::kCountry, "BY", 'i', a.content.incident_date.days(), a.id));
  constexpr AlertId kGhost = 424242;
  Alert ghost = Load(a.id);
  ghost.id = kGhost;
  Put(Family::kIndex, ListKey(Dimension::kAll, "", 'i', ghost.content.incident_date.days(), kGhost),
      EncodeSummary(AlertSummary::Of(ghost)));

  const IntegrityReport report = Check();
  EXPECT_FALSE(report.ok());
  EXPECT_TRUE(AnyProblemMentions(report, a.id)) << Problems(report);
  EXPECT_TRUE(AnyProblemMentions(report, kGhost)) << Problems(report);
  EXPECT_GE(report.problems.size(), 2u) << Problems(report);
}

TEST_F(IntegrityCheckTest, ListsAtMostMaxProblemsAndSaysSo) {
  const Alert a = SubmitPublished();
  const std::vector<IndexEntry> entries = ListEntriesOf(Load(a.id));
  ASSERT_GT(entries.size(), 3u);
  for (const auto& [key, value] : entries) Delete(Family::kIndex, key);

  const IntegrityReport all = CheckIntegrity(store());
  EXPECT_EQ(all.problems.size(), entries.size()) << Problems(all);
  EXPECT_FALSE(all.truncated);

  const IntegrityReport limited = CheckIntegrity(store(), 2);
  EXPECT_EQ(limited.problems.size(), 2u);
  EXPECT_TRUE(limited.truncated);
  EXPECT_FALSE(limited.ok());
}

}  // namespace
}  // namespace soj::tracker
