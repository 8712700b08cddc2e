// Full-text search over a real Xapian index beside a real RocksDB store (PlatformTest).

#include "tracker/search_index.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <future>
#include <set>
#include <thread>

#include "tests/tracker_fixture.hpp"
#include "tracker/list_cursor.hpp"
#include "tracker/search_folding.hpp"
#include "tracker/search_terms.hpp"

namespace soj::tracker {
namespace {

using testing::D;
using testing::PlatformTest;

Victim Named(std::string name, bool withheld = false, std::string outlet = "") {
  Victim v;
  v.name = std::move(name);
  v.withheld = withheld;
  if (!outlet.empty()) v.outlet = outlet;
  return v;
}

class SearchIndexTest : public PlatformTest {
 protected:
  // The ids `who` finds for `text` (every page), most relevant first unless `request` says.
  std::vector<AlertId> Find(const std::string& text, const Principal& who = Principal::Public(),
                            std::optional<ListRequest> given = std::nullopt) {
    ListRequest request;
    request.by_relevance = true;
    if (given) request = *given;
    request.text = text;
    return WalkAll(who, request);
  }

  AlertId Published(const std::string& title, const std::string& description,
                    std::vector<Victim> victims = {}, const std::string& partner = "efj") {
    return SubmitPublished(partner,
                           [&](AlertContent& c) {
                             c.title = title;
                             c.description = description;
                             c.victims = std::move(victims);
                           })
        .id;
  }

  std::filesystem::path SearchDir() const { return dir_.path() / "search"; }
};

using Ids = std::vector<AlertId>;

TEST(SearchFolding, FoldsLatinDiacriticsAndYoButKeepsCyrillicLetters) {
  EXPECT_EQ(FoldForSearch("Tsikhanoŭskaja"), "Tsikhanouskaja");
  EXPECT_EQ(FoldForSearch("Łukasz Żółć Straße Œuvre Ștefan Əliyev"),
            "Lukasz Zolc Strasse OEuvre Stefan Aliyev");
  EXPECT_EQ(FoldForSearch("détenu à Besançon"), "detenu a Besancon");
  EXPECT_EQ(FoldForSearch("Ціханоўская, Фёдоров"), "Ціханоўская, Федоров");
  EXPECT_EQ(FoldForSearch("e\xCC\x81te\xCC\x81"), "ete");  // combining acute accents
  EXPECT_EQ(FoldForSearch("bad \xFF byte"), "bad \xFF byte");
}

TEST_F(SearchIndexTest, TitleMatchesRankAboveDescriptionMatches) {
  AlertId in_description =
      Published("Court hearing postponed again", "The reporter was detained by police last week.");
  AlertId in_title = Published("Reporter detained in Minsk", "A court hearing is set.");
  Published("Newspaper fined", "An unrelated case.");
  EXPECT_EQ(Find("detained"), (Ids{in_title, in_description}));
  EXPECT_EQ(Find("court hearing"), (Ids{in_description, in_title}));
  EXPECT_EQ(Find("\"court hearing\" postponed"), Ids{in_description});
  EXPECT_EQ(Find("detained -minsk"), Ids{in_description});
  EXPECT_EQ(Find("newspap*"), Ids{3});
  EXPECT_TRUE(Find("zzznothing").empty());
}

TEST_F(SearchIndexTest, StemsEnglishFrenchAndRussian) {
  AlertId en = Published("Journalist arrested", "Detained while filming.");
  AlertId fr = SubmitPublished("efj", [](AlertContent& c) {
                 c.title = "Case one";
                 c.description = "x";
                 c.translations["fr"] = {"Journaliste arrêtée à Minsk", "Elle a été détenue."};
               }).id;
  AlertId ru = SubmitPublished("efj", [](AlertContent& c) {
                 c.title = "Case two";
                 c.description = "y";
                 c.translations["ru"] = {"Задержаны журналисты", "Журналистов задержали в Минске."};
               }).id;
  EXPECT_EQ(Find("journalists arrest"), Ids{en});
  EXPECT_EQ(Find("detaining"), Ids{en});
  EXPECT_EQ(Find("journalistes arrêté"), Ids{fr});
  EXPECT_EQ(Find("détenues"), Ids{fr});
  EXPECT_EQ(Find("arretee"), Ids{fr});  // typed without accents
  EXPECT_EQ(Find("журналист"), Ids{ru});
  EXPECT_EQ(Find("ЖУРНАЛИСТОВ задержанных"), Ids{ru});
  // Capitalised words are stemmed too; phrases match the words as written, accents or not.
  EXPECT_EQ(Find("Journalists Arrest"), Ids{en});
  EXPECT_EQ(Find("\"Journaliste ARRÊTÉE\" minsk"), Ids{fr});
  EXPECT_EQ(Find("\"journaliste arretee\""), Ids{fr});
  EXPECT_TRUE(Find("\"arrêtée journaliste\"").empty());  // a phrase keeps its order
  EXPECT_EQ(Find("\"задержали в Минске\""), Ids{ru});
  EXPECT_EQ(Find("detaining OR zzznothing"), Ids{en});
}

TEST_F(SearchIndexTest, NamesMatchInAnyCaseWithOrWithoutDiacritics) {
  AlertId cyrillic = Published("Activist jailed", "x", {Named("Святлана Ціханоўская")});
  AlertId latin = Published("Activist jailed", "y", {Named("Sviatlana Tsikhanoŭskaja")});
  AlertId plain = Published("Activist jailed", "z",
                            {Named("Sviatlana Tsikhanouskaya", false, "Radio Svaboda")});
  EXPECT_EQ(Find("ціханоўская"), Ids{cyrillic});
  EXPECT_EQ(Find("ЦІХАНОЎСКАЯ"), Ids{cyrillic});
  EXPECT_EQ(Find("tsikhanouskaja"), Ids{latin});
  EXPECT_EQ(Find("TSIKHANOŬSKAJA"), Ids{latin});
  EXPECT_EQ(Find("Tsikhanouskaya"), Ids{plain});
  EXPECT_EQ(Find("svaboda"), Ids{plain});
  const std::vector<AlertId> both = Find("sviatlana");
  EXPECT_EQ(std::set<AlertId>(both.begin(), both.end()), (std::set<AlertId>{latin, plain}));
}

TEST_F(SearchIndexTest, WithheldNamesAndOutletsAreFoundByNobody) {
  AlertId id =
      Published("Reporter threatened", "Threats by phone.",
                {Named("Zxqhidden Person", true, "Secretoutlet Daily"), Named("Open Name")});
  for (const Principal& who :
       {Principal::Public(), Principal::Partner("efj"), Principal::Editor(), Principal::Admin()}) {
    EXPECT_TRUE(Find("Zxqhidden", who).empty());
    EXPECT_TRUE(Find("secretoutlet", who).empty());
    EXPECT_EQ(Find("open name", who), Ids{id});
  }
}

TEST_F(SearchIndexTest, DraftsAndClosedAlertsStayWithTheirOwners) {
  AlertId draft = Submit("efj", [](AlertContent& c) { c.title = "Draftword case"; }).id;
  AlertId rejected = Submit("efj", [](AlertContent& c) { c.title = "Draftword rejected"; }).id;
  ASSERT_TRUE(alerts().Transition(Principal::Editor(), rejected,
                                  {AlertStatus::kRejected, "no", std::nullopt}));
  AlertId withdrawn = Submit("efj", [](AlertContent& c) { c.title = "Draftword gone"; }).id;
  ASSERT_TRUE(alerts().Transition(Principal::Partner("efj"), withdrawn,
                                  {AlertStatus::kWithdrawn, "", std::nullopt}));
  EXPECT_TRUE(Find("draftword").empty());
  EXPECT_TRUE(Find("draftword", Principal::Partner("ifj")).empty());
  EXPECT_TRUE(Find("draftword", Principal::State("BY")).empty());
  EXPECT_EQ(Find("draftword", Principal::Partner("efj")).size(), 3u);
  EXPECT_EQ(Find("draftword", Principal::Editor()).size(), 3u);
  ListRequest count;
  count.text = "draftword";
  EXPECT_EQ(alerts().List(Principal::Public(), count)->total, 0u);
  ASSERT_TRUE(
      alerts().Transition(Principal::Editor(), draft, {AlertStatus::kPublished, "", std::nullopt}));
  EXPECT_EQ(Find("draftword"), Ids{draft});
}

TEST_F(SearchIndexTest, EveryFilterCombinesWithTheText) {
  auto add = [&](const std::string& partner, auto edit) {
    return SubmitPublished(partner,
                           [&](AlertContent& c) {
                             c.title = "Protest coverage";
                             edit(c);
                           })
        .id;
  };
  AlertId by = add("efj", [](AlertContent&) {});
  AlertId tr = add("ifj", [](AlertContent& c) {
    c.country = "TR";
    c.categories = {Category::kAttack};
    c.level = 2;
    c.threat_source = ThreatSource::kNonState;
    c.incident_date = D("2021-05-01");
  });
  AlertId resolved = add("efj", [](AlertContent& c) { c.incident_date = D("2022-02-02"); });
  ASSERT_TRUE(alerts().Transition(Principal::Editor(), resolved,
                                  {AlertStatus::kResolved, "freed", std::nullopt}));
  add("efj", [](AlertContent& c) { c.title = "Other words"; });

  auto find = [&](AlertFilter filter) {
    ListRequest r;
    r.filter = std::move(filter);
    std::vector<AlertId> ids = Find("protest", Principal::Public(), r);
    return std::set<AlertId>(ids.begin(), ids.end());
  };
  using Set = std::set<AlertId>;
  EXPECT_EQ(find({}), (Set{by, tr, resolved}));
  EXPECT_EQ(find({.countries = {"TR"}}), Set{tr});
  EXPECT_EQ(find({.categories = {Category::kAttack}}), Set{tr});
  EXPECT_EQ(find({.levels = {2}}), Set{tr});
  EXPECT_EQ(find({.threat_sources = {ThreatSource::kState}}), (Set{by, resolved}));
  EXPECT_EQ(find({.statuses = {AlertStatus::kResolved}}), Set{resolved});
  EXPECT_EQ(find({.partners = {"ifj"}}), Set{tr});
  EXPECT_EQ(find({.from = D("2022-01-01")}), (Set{by, resolved}));
  EXPECT_EQ(find({.to = D("2022-12-31")}), (Set{tr, resolved}));
  EXPECT_EQ(find({.countries = {"BY"}, .from = D("2023-01-01")}), Set{by});
}

TEST_F(SearchIndexTest, CursorsWalkEveryMatchOnceInEveryOrder) {
  for (int i = 0; i < 17; ++i)
    SubmitPublished("efj", [i](AlertContent& c) {
      c.title = "Blogger fined";
      // Relevance varies with the length, and several alerts tie on it and on the date.
      c.description = std::string(i % 3 + 1, 'x') + " fined";
      c.incident_date = D("2023-01-01").AddDays(i % 4);
    });
  Published("Unrelated", "nothing");
  for (bool by_relevance : {true, false}) {
    for (SortOrder sort :
         {SortOrder::kIncidentDateDesc, SortOrder::kIncidentDateAsc, SortOrder::kUpdatedAtDesc}) {
      ListRequest request;
      request.limit = 4;
      request.sort = sort;
      request.by_relevance = by_relevance;
      std::vector<AlertId> ids = Find("fined", Principal::Public(), request);
      EXPECT_EQ(ids.size(), 17u);
      EXPECT_EQ(std::set<AlertId>(ids.begin(), ids.end()).size(), 17u);
      request.limit = 200;
      EXPECT_EQ(Find("fined", Principal::Public(), request), ids) << "pages change the order";
    }
  }
  ListRequest page;
  page.text = "fined";
  page.by_relevance = true;
  page.limit = 5;
  auto first = alerts().List(Principal::Public(), page);
  ASSERT_TRUE(first && first->next_cursor);
  EXPECT_EQ(first->total, 17u);
  auto second = alerts().List(Principal::Public(), [&] {
    ListRequest next = page;
    next.cursor = *first->next_cursor;
    return next;
  }());
  ASSERT_TRUE(second);
  EXPECT_EQ(second->total, 17u);
  EXPECT_EQ(second->items.size(), 5u);
  ListRequest sorted = page;
  sorted.by_relevance = false;
  auto by_date = alerts().List(Principal::Public(), sorted);
  ASSERT_TRUE(by_date);
  EXPECT_EQ(by_date->total, 17u);
  page.by_relevance = false;  // a relevance cursor is not a date cursor
  page.cursor = *first->next_cursor;
  EXPECT_EQ(alerts().List(Principal::Public(), page).error().kind, ErrorKind::kBadRequest);
}

// A search may match most of a million alerts: Find counts every match `keep` accepts but
// holds only what the order needs (the best `ranked`, or each hit's id and sort value).
TEST_F(SearchIndexTest, FindCountsEveryAcceptedMatchAndKeepsOnlyWhatTheOrderNeeds) {
  std::vector<AlertId> ids;
  for (int i = 0; i < 6; ++i)
    ids.push_back(Published("Printer raided", std::string(i + 1, 'x') + " raided"));
  Published("Unrelated", "nothing");
  const AlertId refused = ids[2];
  const auto keep = [&](const AlertSummary& s) { return s.id != refused; };

  auto ranked = platform_->search()->Find("raided", keep, {.sort_value = nullptr, .ranked = 2});
  ASSERT_TRUE(ranked) << ranked.error().message;
  EXPECT_EQ(ranked->total, 5u);
  ASSERT_EQ(ranked->hits.size(), 2u);
  EXPECT_GE(ranked->hits[0].weight, ranked->hits[1].weight);
  EXPECT_GT(ranked->hits[1].weight, 0);

  auto sorted = platform_->search()->Find(
      "raided", keep,
      {.sort_value = [](const AlertSummary& s) { return int64_t(s.id) * 10; }, .ranked = 0});
  ASSERT_TRUE(sorted) << sorted.error().message;
  EXPECT_EQ(sorted->total, 5u);
  std::set<AlertId> found;
  for (const SearchHit& hit : sorted->hits) {
    EXPECT_EQ(hit.sort_value, int64_t(hit.id) * 10);
    found.insert(hit.id);
  }
  EXPECT_EQ(sorted->hits.size(), 5u) << "each match once";
  std::set<AlertId> expected(ids.begin(), ids.end());
  expected.erase(refused);
  EXPECT_EQ(found, expected);

  auto none = platform_->search()->Find("zzznothing", keep, {.sort_value = nullptr, .ranked = 2});
  ASSERT_TRUE(none);
  EXPECT_EQ(none->total, 0u);
  EXPECT_TRUE(none->hits.empty());
}

TEST_F(SearchIndexTest, EditsReplaceTheIndexedWords) {
  Alert a = SubmitPublished("efj", [](AlertContent& c) {
    c.title = "Oldword headline";
    c.victims = {Named("Visible Victimname")};
  });
  EXPECT_EQ(Find("oldword"), Ids{a.id});
  EXPECT_EQ(Find("victimname"), Ids{a.id});
  boost::json::object patch{{"title", "Newword headline"}};
  boost::json::object victim{
      {"name", "Visible Victimname"}, {"withheld", true}, {"kind", "journalist"}};
  patch["victims"] = boost::json::array{victim};
  ASSERT_TRUE(alerts().Edit(Principal::Editor(), a.id, a.version, patch));
  EXPECT_TRUE(Find("oldword").empty());
  EXPECT_TRUE(Find("victimname").empty());
  EXPECT_EQ(Find("newword"), Ids{a.id});
}

TEST_F(SearchIndexTest, EachWriterFindsItsWriteAtOnceWhileOthersWrite) {
  // The index applies commits on its own thread; a search waits for those before it began.
  constexpr int kWriters = 4, kEach = 15;
  std::vector<std::thread> writers;
  std::atomic<int> found{0};
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; i < kEach; ++i) {
        // A consonant ending no stemmer strips: each word is its own stem.
        const std::string word = std::string("qzw") + char('a' + w) + char('a' + i) + "tk";
        AlertId id = Published("Case " + word, "Written by writer " + std::to_string(w));
        if (Find(word) == Ids{id}) ++found;
      }
    });
  }
  for (auto& writer : writers) writer.join();
  EXPECT_EQ(found, kWriters * kEach);
}

TEST(SearchRestTest, TheSearchIndexTakesAnEighthOfTheCoresDuringABurst) {
  // Working w and resting r = k * w, the index takes w / (w + r) of one core.
  const auto share_of_machine = [](unsigned cores) {
    return 1.0 / ((1.0 + SearchRestPerWork(cores)) * cores);
  };
  EXPECT_DOUBLE_EQ(SearchRestPerWork(1), 7.0);
  EXPECT_DOUBLE_EQ(SearchRestPerWork(2), 3.0);
  EXPECT_DOUBLE_EQ(SearchRestPerWork(4), 1.0);
  for (unsigned cores : {1u, 2u, 3u, 4u, 8u}) EXPECT_DOUBLE_EQ(share_of_machine(cores), 0.125);
  // Beyond eight cores a whole core is less than an eighth: the index never rests.
  EXPECT_DOUBLE_EQ(SearchRestPerWork(16), 0.0);
  EXPECT_DOUBLE_EQ(SearchRestPerWork(0), 7.0);  // never a division by zero
}

TEST_F(SearchIndexTest, AWithheldNameIsNeverFoundOnceAnsweredEvenWhileABurstHoldsTheIndexBack) {
  Alert a = SubmitPublished("efj", [](AlertContent& c) {
    c.title = "Reporter detained";
    c.victims = {Named("Qzvburst Reporter")};
  });
  ASSERT_EQ(Find("qzvburst"), Ids{a.id});
  // Submitters outrun the index, which then rests and leaves them the processor: new alerts
  // pile up in its queue. Searches wait for none of them: only the edit below is waited for.
  SearchIndex& index = *platform_->search();
  index.set_patience(std::chrono::milliseconds(0));
  index.set_rest_per_work(SearchRestPerWork(2));  // as on two cores, however many this has
  std::atomic<bool> stop{false};
  std::atomic<int> submitted{0};
  std::vector<std::thread> submitters;
  for (int i = 0; i < 3; ++i)
    submitters.emplace_back([&] {
      while (!stop) {
        if (alerts().Submit(Principal::Partner("efj"), testing::ValidContent())) ++submitted;
      }
    });
  for (int i = 0; i < 3000 && index.pending_changes() < 200; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_GE(index.pending_changes(), 200u);  // the burst did hold the index back

  boost::json::object victim{
      {"name", "Qzvburst Reporter"}, {"withheld", true}, {"kind", "journalist"}};
  ASSERT_TRUE(alerts().Edit(Principal::Editor(), a.id, a.version,
                            boost::json::object{{"victims", boost::json::array{victim}}}));
  for (const Principal& who : {Principal::Public(), Principal::Editor()})
    EXPECT_TRUE(Find("qzvburst", who).empty());
  EXPECT_EQ(Find("detained"), Ids{a.id});  // the edit itself is applied

  stop = true;
  for (auto& submitter : submitters) submitter.join();
  // Once it catches up, the index holds every submission.
  auto count = index.Count();
  ASSERT_TRUE(count);
  EXPECT_EQ(*count, static_cast<uint64_t>(submitted) + 1);
  EXPECT_EQ(index.pending_changes(), 0u);
}

TEST_F(SearchIndexTest, MergedAlertsLeaveTheIndex) {
  AlertId from = Published("Mergeword one", "x");
  AlertId into = Published("Mergeword two", "y");
  ASSERT_TRUE(alerts().Merge(Principal::Editor(), from, into));
  EXPECT_EQ(Find("mergeword", Principal::Editor()), Ids{into});
  EXPECT_EQ(*platform_->search()->Count(), 1u);
}

TEST_F(SearchIndexTest, RebuildGivesTheSameAnswers) {
  for (int i = 0; i < 30; ++i)
    Published("Rebuild case " + std::to_string(i), i % 2 ? "police detained" : "court fined",
              {Named("Person " + std::to_string(i))});
  Submit("efj", [](AlertContent& c) { c.title = "Rebuild draft"; });
  const std::vector<std::string> queries = {"rebuild", "detained", "court", "person 7"};
  std::vector<std::vector<AlertId>> before;
  for (const auto& q : queries) before.push_back(Find(q, Principal::Editor()));
  auto rebuilt = platform_->search()->Rebuild(platform_->store());
  ASSERT_TRUE(rebuilt) << rebuilt.error().message;
  EXPECT_EQ(*rebuilt, 31u);
  for (std::size_t i = 0; i < queries.size(); ++i)
    EXPECT_EQ(Find(queries[i], Principal::Editor()), before[i]) << queries[i];
}

TEST_F(SearchIndexTest, ReopeningIsUpToDateAndADeletedIndexIsRebuilt) {
  AlertId id = Published("Persistword", "x");
  Reopen();
  EXPECT_EQ(platform_->search()->opened().how, SearchIndexState::How::kUpToDate);
  EXPECT_EQ(Find("persistword"), Ids{id});
  platform_.reset();
  std::filesystem::remove_all(SearchDir());
  Reopen();
  EXPECT_EQ(platform_->search()->opened().how, SearchIndexState::How::kRebuilt);
  EXPECT_EQ(Find("persistword"), Ids{id});
  // A damaged index is rebuilt too.
  platform_.reset();
  for (const auto& entry : std::filesystem::directory_iterator(SearchDir()))
    std::filesystem::resize_file(entry.path(), 0);
  Reopen();
  EXPECT_EQ(platform_->search()->opened().how, SearchIndexState::How::kRebuilt);
  EXPECT_EQ(Find("persistword"), Ids{id});
}

TEST_F(SearchIndexTest, ABackgroundBuildAnswersLaterAndMissesNoWriteMadeMeanwhile) {
  std::vector<AlertId> ids;
  for (int i = 0; i < 200; ++i) ids.push_back(Published("Oldword " + std::to_string(i), "x"));
  platform_.reset();
  std::filesystem::remove_all(SearchDir());
  Reopen(PlatformOptions::Search::kInBackground);
  EXPECT_EQ(platform_->search()->opened().how, SearchIndexState::How::kBuilding);
  // Everything else is served meanwhile, and writes commit without waiting for the build.
  AlertId during = Published("Duringword", "x");
  ListRequest request;
  request.text = "oldword";
  if (platform_->search()->building()) {
    auto early = alerts().List(Principal::Public(), request);
    ASSERT_FALSE(early);
    EXPECT_EQ(early.error().kind, ErrorKind::kUnavailable);
    EXPECT_NE(early.error().message.find("being built"), std::string::npos);
  }
  for (int i = 0; i < 3000 && platform_->search()->building(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_FALSE(platform_->search()->building());
  AlertId after = Published("Afterword", "x");
  EXPECT_EQ(Find("duringword"), Ids{during});
  EXPECT_EQ(Find("afterword"), Ids{after});
  EXPECT_EQ(Find("oldword").size(), ids.size());
  EXPECT_EQ(*platform_->search()->Count(), ids.size() + 2);
  EXPECT_FALSE(std::filesystem::exists(SearchDir().string() + ".new"));
  // What it built is the index from now on.
  Reopen(PlatformOptions::Search::kInBackground);
  EXPECT_EQ(platform_->search()->opened().how, SearchIndexState::How::kUpToDate);
  EXPECT_EQ(Find("duringword"), Ids{during});
}

TEST_F(SearchIndexTest, StoppingABackgroundBuildLeavesItForTheNextStart) {
  for (int i = 0; i < 100; ++i) Published("Stopword", "x");
  platform_.reset();
  std::filesystem::remove_all(SearchDir());
  Reopen(PlatformOptions::Search::kInBackground);
  platform_.reset();  // stops the build, wherever it was
  Reopen();
  EXPECT_EQ(Find("stopword").size(), 100u);
}

TEST_F(SearchIndexTest, AStaleIndexCatchesUpAndAForeignOneIsRebuilt) {
  Alert a = SubmitPublished("efj", [](AlertContent& c) { c.title = "Stalebefore"; });
  platform_.reset();  // commits the index
  testing::TempDir saved;
  std::filesystem::copy(SearchDir(), saved.path() / "search");
  Reopen();
  AlertId later = Published("Stalelater", "x");
  ASSERT_TRUE(alerts().Edit(Principal::Editor(), a.id, a.version,
                            boost::json::object{{"title", "Staleafter"}}));
  platform_.reset();
  // As after a crash before the index's last commit: it only knows the first alert.
  std::filesystem::remove_all(SearchDir());
  std::filesystem::copy(saved.path() / "search", SearchDir());
  Reopen();
  EXPECT_EQ(platform_->search()->opened().how, SearchIndexState::How::kCaughtUp);
  EXPECT_EQ(platform_->search()->opened().alerts, 2u);
  EXPECT_EQ(Find("stalelater"), Ids{later});
  EXPECT_EQ(Find("staleafter"), Ids{a.id});
  EXPECT_TRUE(Find("stalebefore").empty());

  // The index of this store, put beside another store, is not trusted there.
  testing::TempDir other;
  {
    auto opened = Platform::Open(
        {.data_dir = other.str(), .create_if_missing = true, .sync = false, .clock = &clock_});
    ASSERT_TRUE(opened);
    ASSERT_TRUE((*opened)->alerts().Submit(Principal::Partner("efj"), testing::ValidContent()));
    ASSERT_TRUE((*opened)->alerts().Submit(Principal::Partner("efj"), testing::ValidContent()));
    ASSERT_TRUE((*opened)->alerts().Submit(Principal::Partner("efj"), testing::ValidContent()));
  }
  platform_.reset();
  std::filesystem::remove_all(other.path() / "search");
  std::filesystem::copy(SearchDir(), other.path() / "search");
  auto reopened = Platform::Open(
      {.data_dir = other.str(), .create_if_missing = false, .sync = false, .clock = &clock_});
  ASSERT_TRUE(reopened) << reopened.error().message;
  EXPECT_EQ((*reopened)->search()->opened().how, SearchIndexState::How::kRebuilt);
  EXPECT_EQ(*(*reopened)->search()->Count(), 3u);
}

// Tools that write no alert, and bulk loads, leave the index unopened and as it was: the next
// open finds it behind by what they wrote. A little behind, it catches up; far behind (as
// after an import), it is rebuilt from the documents, which costs less than catching up.
TEST_F(SearchIndexTest, AnIndexLeftBehindCatchesUpOrIsRebuiltWhenFarBehind) {
  AlertId first = Published("Leftbefore", "x");
  Reopen(PlatformOptions::Search::kLater);
  ASSERT_EQ(platform_->search(), nullptr);
  AlertId second = Published("Leftduring", "x");
  Reopen();
  EXPECT_EQ(platform_->search()->opened().how, SearchIndexState::How::kCaughtUp);
  EXPECT_EQ(Find("leftduring"), Ids{second});

  Reopen(PlatformOptions::Search::kLater);
  AlertId third = Published("Leftafter", "x");
  platform_.reset();
  {
    auto store = storage::Store::Open({.path = dir_.str()});
    ASSERT_TRUE(store) << store.error().ToString();
    auto index = SearchIndex::Open(SearchDir().string(), **store, SearchBuild::kNow,
                                   /*max_catch_up=*/1);
    ASSERT_TRUE(index) << index.error().message;
    EXPECT_EQ((*index)->opened().how, SearchIndexState::How::kRebuilt);
    EXPECT_NE((*index)->opened().reason.find("changes behind the store"), std::string::npos)
        << (*index)->opened().reason;
  }
  Reopen();
  EXPECT_EQ(platform_->search()->opened().how, SearchIndexState::How::kUpToDate);
  EXPECT_EQ(Find("leftbefore"), Ids{first});
  EXPECT_EQ(Find("leftafter"), Ids{third});
}

// Beyond `exact_total` matches a ranked search stops counting and says its total is an
// estimate; within it, the count is exact. Sorted searches see every hit and count them all.
TEST_F(SearchIndexTest, ARankedSearchEstimatesLargeTotalsAndSaysSo) {
  // The best first (Xapian walks by id): once it has checked `exact_total`, the matches left
  // cannot outrank the page, and it may stop checking them.
  for (int i = 0; i < 3; ++i) Published("Raided raided", "raided raided");
  const std::string filler(400, 'w');
  for (int i = 0; i < 9; ++i)
    Published("Printer", filler + " words " + std::to_string(i) + " then raided once");
  const auto keep = [](const AlertSummary&) { return true; };
  SearchIndex& index = *platform_->search();

  auto exact = index.Find("raided", keep, {.sort_value = nullptr, .ranked = 2});
  ASSERT_TRUE(exact) << exact.error().message;
  EXPECT_EQ(exact->total, 12u);
  EXPECT_FALSE(exact->total_is_estimate);

  auto estimated =
      index.Find("raided", keep, {.sort_value = nullptr, .ranked = 2, .exact_total = 3});
  ASSERT_TRUE(estimated) << estimated.error().message;
  EXPECT_TRUE(estimated->total_is_estimate);
  EXPECT_GE(estimated->total, 3u);
  EXPECT_EQ(estimated->hits.size(), 2u);

  auto sorted = index.Find(
      "raided", keep,
      {.sort_value = [](const AlertSummary& s) { return int64_t(s.id); }, .exact_total = 3});
  ASSERT_TRUE(sorted);
  EXPECT_EQ(sorted->total, 12u);
  EXPECT_FALSE(sorted->total_is_estimate);
}

// Each word is looked up by four stemmers and each wildcard stands for up to 64 words in
// each: a `q` of hundreds of them made one search cost seconds of a core.
TEST_F(SearchIndexTest, AQueryWithTooManyWordsOrWildcardTermsIsRefusedNamingQ) {
  auto words = [](std::size_t n, std::string_view suffix = "") {
    std::string text;
    for (std::size_t i = 0; i < n; ++i)
      text += (i ? " w" : "w") + std::to_string(i) + std::string(suffix);
    return text;
  };
  struct Case {
    std::string text;
    bool refused;
  };
  const std::vector<Case> cases = {
      {words(kMaxQueryWords), false},
      {words(kMaxQueryWords + 1), true},
      {words(kMaxQueryWildcards, "*"), false},
      {words(kMaxQueryWildcards + 1, "*"), true},
      {words(300, "*"), true},
      {"a*,b*.c*;d*/e*", true},                          // however the words are joined
      {"jour* AND NOT pre* OR arr* XOR deten*", false},  // operators are not words
      {"\"a b c\" d-e", false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(!CheckSearchText(c.text), c.refused) << c.text;
    ListRequest request;
    request.text = c.text;
    request.by_relevance = true;
    auto listed = alerts().List(Principal::Public(), request);
    if (!c.refused) {
      EXPECT_TRUE(listed) << c.text << ": " << listed.error().message;
      continue;
    }
    ASSERT_FALSE(listed) << c.text;
    EXPECT_EQ(listed.error().kind, ErrorKind::kBadRequest);
    ASSERT_EQ(listed.error().fields.size(), 1u);
    EXPECT_EQ(listed.error().fields[0].field, "q");
    EXPECT_EQ(listed.error().message.find("w1"), std::string::npos) << "never echoes the text";
  }
}

// A relevance cursor names the rank a search keeps hits up to: a made-up one must not make
// it keep every match. Cursors this server never makes are refused, naming `cursor`.
TEST_F(SearchIndexTest, AForgedSearchCursorIsRefusedNamingCursor) {
  const AlertId id = Published("Printer raided", "raided");
  struct Case {
    char tag;
    CursorPosition position;
  };
  const std::vector<Case> forged = {
      {kRelevanceCursorTag, {int64_t{1} << 40, id}},
      {kRelevanceCursorTag, {kMaxRelevanceRank + 1, id}},
      {kRelevanceCursorTag, {0, id}},
      {kRelevanceCursorTag, {-5, id}},
      {kRelevanceCursorTag, {1, 0}},
      {'d', {19000, 0}},
  };
  for (const Case& c : forged) {
    ListRequest request;
    request.text = "raided";
    request.by_relevance = c.tag == kRelevanceCursorTag;
    request.cursor = EncodeListCursor(c.tag, c.position);
    auto listed = alerts().List(Principal::Public(), request);
    ASSERT_FALSE(listed) << c.position.sort_value;
    EXPECT_EQ(listed.error().kind, ErrorKind::kBadRequest);
    ASSERT_EQ(listed.error().fields.size(), 1u);
    EXPECT_EQ(listed.error().fields[0].field, "cursor");
  }
  ListRequest deepest;
  deepest.text = "raided";
  deepest.by_relevance = true;
  deepest.cursor = EncodeListCursor(kRelevanceCursorTag, {kMaxRelevanceRank, id});
  auto listed = alerts().List(Principal::Public(), deepest);
  ASSERT_TRUE(listed) << listed.error().message;
  EXPECT_FALSE(listed->next_cursor) << "paging by relevance ends at the deepest rank";
}

// Ranking reads a Xapian reader of its own: a search that takes long (here, held inside its
// ranking) holds back neither other searches nor the index applying writes.
TEST_F(SearchIndexTest, ASearchThatRanksHoldsBackNeitherOtherSearchesNorTheIndex) {
  const AlertId slow_one = Published("Printer raided", "raided");
  const AlertId other = Published("Reporter detained", "detained");
  SearchIndex& index = *platform_->search();
  std::promise<void> entered;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<bool> first{true};
  auto slow = std::async(std::launch::async, [&] {
    const auto keep = [&](const AlertSummary&) {
      if (first.exchange(false)) {
        entered.set_value();
        released.wait();
      }
      return true;
    };
    return index.Find("raided", keep, {.sort_value = nullptr, .ranked = 10});
  });
  entered.get_future().wait();

  auto quick = std::async(std::launch::async, [&] { return Find("detained"); });
  const bool answered = quick.wait_for(std::chrono::seconds(60)) == std::future_status::ready;
  EXPECT_TRUE(answered) << "a search waited for another one to rank";
  // A write is applied and found meanwhile too.
  Alert a = SubmitPublished("efj", [](AlertContent& c) { c.title = "Qzvwhile published"; });
  auto during = std::async(std::launch::async, [&] { return Find("qzvwhile"); });
  const bool applied = during.wait_for(std::chrono::seconds(60)) == std::future_status::ready;
  EXPECT_TRUE(applied) << "the index waited for a search to rank";
  release.set_value();
  auto slow_found = slow.get();
  ASSERT_TRUE(slow_found) << slow_found.error().message;
  ASSERT_EQ(slow_found->hits.size(), 1u);
  EXPECT_EQ(slow_found->hits[0].id, slow_one);
  if (answered) {
    EXPECT_EQ(quick.get(), Ids{other});
  }
  if (applied) {
    EXPECT_EQ(during.get(), Ids{a.id});
  }
}

TEST_F(SearchIndexTest, OverlongTextIsABadRequestThatDoesNotEchoIt) {
  ListRequest request;
  request.text = std::string(2000, 'a');
  auto result = alerts().List(Principal::Public(), request);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::kBadRequest);
  EXPECT_EQ(result.error().message.find("aaaa"), std::string::npos);
  request.text = "((( AND OR \"";  // the parser's errors fall back to plain words
  EXPECT_TRUE(alerts().List(Principal::Public(), request));
}

}  // namespace
}  // namespace soj::tracker
