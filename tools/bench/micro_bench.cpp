// micro_bench: Google Benchmark over the hot paths of a request (docs/performance.md).
// Built by default, not run by tools/test.sh:
//   build/release/tools/soj_micro_bench --benchmark_repetitions=5
//   --benchmark_report_aggregates_only

#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <boost/json.hpp>
#include <filesystem>

#include "tools/bench/synthetic_stats.hpp"
#include "tracker/alert_index.hpp"
#include "tracker/alert_json.hpp"
#include "tracker/reference_data.hpp"
#include "tracker/search_terms.hpp"
#include "tracker/stats_engine.hpp"
#include "tracker/validation.hpp"

namespace {

using namespace soj::tracker;

// A stored document of the demo dataset: two victims, a translation, two sources.
constexpr std::string_view kStoredAlert =
    R"json({"id":83,"title":"Radio Sever targeted by SLAPP lawsuit over reporting on the housing crisis","description":"On 15 May 2015, a businessman close to the government filed a defamation lawsuit against Radio Sever in Pskov, seeking EUR 1 million in damages over its reporting on the housing crisis. Legal experts describe the case as a strategic lawsuit against public participation (SLAPP).\n\nRadio Sever, founded in 2008, is one of the few independent newsrooms left in the Russian Federation. Andrei Lebedev, who works for Radio Sever, had been questioned by the police about his sources in 2008.\n\nThis is not the first time he has been targeted for his work. The authorities have not responded to requests for comment.\n\nThe International Federation of Journalists condemned the harassment and called on the authorities of the Russian Federation to stop the intimidation of journalists.","country":"RU","incident_date":"2015-05-15","categories":["harassment"],"threat_source":"non_state","level":2,"partners":["ifj"],"victims":[{"name":"Radio Sever","withheld":false,"kind":"media_outlet","gender":"n/a","outlet":null,"detentions":[],"killed_on":null},{"name":"Andrei Lebedev","withheld":false,"kind":"journalist","gender":"male","outlet":"Radio Sever","detentions":[],"killed_on":null}],"impunity":null,"sources":["https://example.org/ifj/2015/radio-sever-targeted-by-slapp-lawsuit-over-reporting-on-the","https://example.org/news/ru/2015/78"],"translations":{"fr":{"title":"Procédure-bâillon contre Radio Sever","description":"Le 15 mai 2015, un homme d'affaires a intenté une action en diffamation contre Radio Sever à Pskov.\n\nLes partenaires de la Plateforme appellent les autorités à réagir."}},"status":"published","resolution":null,"state_replies":[],"updates":[],"submitted_at":"2015-05-15T20:03:58Z","published_at":"2015-05-19T17:51:06Z","updated_at":"2015-05-19T17:51:06Z","version":2,"submitted_by":"partner:ifj"})json";

const Alert& SampleAlert() {
  static const Alert alert = *DecodeAlertDocument(kStoredAlert);
  return alert;
}

void DecodeStoredDocument(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(DecodeAlertDocument(kStoredAlert));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * kStoredAlert.size()));
}
BENCHMARK(DecodeStoredDocument);

void EncodeStoredDocument(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(EncodeAlertDocument(SampleAlert()));
}
BENCHMARK(EncodeStoredDocument);

// What GET /api/v1/alerts/{id} does to a document for the public: the view, then text.
void SerializePublicView(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(boost::json::serialize(AlertToJson(SampleAlert(), AlertView{})));
}
BENCHMARK(SerializePublicView);

void ParseAndValidateSubmission(benchmark::State& state) {
  const std::string body = boost::json::serialize(ContentToJson(SampleAlert().content));
  const PartnerDirectory partners(SeedPartners());
  const ValidationContext context{*Date::FromYmd(2026, 11, 29), &partners};
  for (auto _ : state) {
    FieldErrors errors;
    auto json = ParseJsonText(body);
    AlertContent content = ParseAlertContent(*json, errors);
    ValidateContent(content, context, errors);
    benchmark::DoNotOptimize(errors);
  }
}
BENCHMARK(ParseAndValidateSubmission);

void EncodeIndexEntries(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(ListEntriesOf(SampleAlert()));
}
BENCHMARK(EncodeIndexEntries);

void EncodeAndDecodeSummary(benchmark::State& state) {
  const AlertSummary summary = AlertSummary::Of(SampleAlert());
  for (auto _ : state) benchmark::DoNotOptimize(DecodeSummary(summary.id, EncodeSummary(summary)));
}
BENCHMARK(EncodeAndDecodeSummary);

// What the search index does to every written alert before Xapian stores it.
void BuildSearchDocument(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(SearchDocumentOf(SampleAlert()));
}
BENCHMARK(BuildSearchDocument);

// What the index's thread does with each written alert: make its search document, add it to
// a Xapian database, and commit every range(0) documents (SearchIndex commits every 2,000).
void IndexSearchDocuments(benchmark::State& state) {
  char dir[] = "/tmp/soj-micro-bench-XXXXXX";
  if (mkdtemp(dir) == nullptr) return state.SkipWithError("mkdtemp failed");
  {
    Xapian::WritableDatabase db(dir, Xapian::DB_CREATE_OR_OVERWRITE);
    const auto every = static_cast<Xapian::docid>(state.range(0));
    Xapian::docid id = 0;
    for (auto _ : state) {
      db.replace_document(++id, SearchDocumentOf(SampleAlert()));
      if (id % every == 0) db.commit();
    }
    db.commit();
  }
  std::filesystem::remove_all(dir);
}
BENCHMARK(IndexSearchDocuments)->Arg(500)->Arg(2000)->Arg(8000)->Iterations(40000);

// Statistics queries over 100,000 synthetic alerts (soj_stats_bench measures 1,000,000).
const StatsEngine& Engine() {
  static const StatsEngine* engine = [] {
    auto* e = new StatsEngine();
    for (const StatsRecord& r : soj::bench::MakeSyntheticStats(100'000).records)
      e->ApplyRecord(AlertKey(r.id), EncodeStatsRecord(r));
    return e;
  }();
  return *engine;
}

void DetainedOnADay(benchmark::State& state) {
  Engine();  // loaded before the clock starts
  const Date day = *Date::FromYmd(2023, 12, 31);
  for (auto _ : state) benchmark::DoNotOptimize(Engine().CountDetainedOn(day, std::nullopt));
}
BENCHMARK(DetainedOnADay);

void ImpunityOnADay(benchmark::State& state) {
  Engine();  // loaded before the clock starts
  const Date day = *Date::FromYmd(2023, 12, 31);
  for (auto _ : state) benchmark::DoNotOptimize(Engine().Impunity(day, std::nullopt));
}
BENCHMARK(ImpunityOnADay);

void CountByYearAndCountry(benchmark::State& state) {
  Engine();  // loaded before the clock starts
  const std::vector<CountDimension> group = {CountDimension::kYear, CountDimension::kCountry};
  for (auto _ : state) benchmark::DoNotOptimize(Engine().CountAlerts(group, {}));
}
BENCHMARK(CountByYearAndCountry);

void ReplyRatesAsOfAPastDay(benchmark::State& state) {
  Engine();  // loaded before the clock starts
  const Date day = *Date::FromYmd(2020, 12, 31);
  for (auto _ : state) benchmark::DoNotOptimize(Engine().Replies(std::nullopt, std::nullopt, day));
}
BENCHMARK(ReplyRatesAsOfAPastDay);

}  // namespace

BENCHMARK_MAIN();
