#include "tools/admin/commands.hpp"

#include <chrono>
#include <fstream>
#include <iostream>

#include "storage/table_check.hpp"
#include "tools/demo/demo_dataset.hpp"
#include "tracker/alert_index.hpp"
#include "tracker/alert_transfer.hpp"
#include "tracker/integrity_check.hpp"
#include "tracker/platform.hpp"
#include "tracker/stats_audit.hpp"

namespace soj::tools {
namespace {

using tracker::Platform;

using Search = tracker::PlatformOptions::Search;

// Opens the data directory, or prints why not. The search index is left unopened unless
// asked for (only verify and reindex use it; opening it may mean building it).
std::unique_ptr<Platform> OpenPlatform(const std::string& data_dir, bool create, bool sync = true,
                                       Search search = Search::kLater) {
  auto platform = Platform::Open({.data_dir = data_dir,
                                  .create_if_missing = create,
                                  .sync = sync,
                                  .clock = nullptr,
                                  .search = search});
  if (!platform) {
    std::cerr << "soj-admin: " << platform.error().message << "\n";
    return nullptr;
  }
  return std::move(*platform);
}

// Alerts a search may find (every alert but merged ones), from the list index.
tracker::Result<uint64_t> CountSearchable(const storage::Store& store) {
  uint64_t count = 0;
  storage::Status s = store.ScanPrefix(
      storage::Family::kIndex,
      tracker::ListPrefix(tracker::Dimension::kAll, "",
                          tracker::OrderTag(tracker::SortOrder::kIncidentDateDesc)),
      storage::Direction::kForward, [&](std::string_view, std::string_view) {
        ++count;
        return true;
      });
  if (!s.ok()) return tracker::Error::Internal(s.ToString());
  return count;
}

int Fail(const tracker::Error& error) {
  std::cerr << "soj-admin: " << error.message << "\n";
  for (const auto& field : error.fields)
    std::cerr << "  " << field.field << ": " << field.message << "\n";
  return 1;
}

// Builds the search index the demo load left for later, and says how long it took.
bool BuildSearchIndex(const std::string& data_dir, const storage::Store& store) {
  const auto start = std::chrono::steady_clock::now();
  auto index = tracker::SearchIndex::Open(data_dir + "/search", store);
  if (!index) {
    std::cerr << "soj-admin: " << index.error().message << "\n";
    return false;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cerr << "search index: " << (*index)->opened().alerts << " alerts indexed in " << seconds
            << " s\n";
  return true;
}

}  // namespace

int RunDemo(const std::string& data_dir, std::size_t alerts, uint64_t seed, std::size_t threads) {
  // A demo load is re-creatable, so it skips the per-write fsync and flushes once at the end.
  auto platform = OpenPlatform(data_dir, true, /*sync=*/false);
  if (!platform) return 1;
  const auto start = std::chrono::steady_clock::now();
  DemoOptions options;
  options.alerts = alerts;
  options.seed = seed;
  options.threads = threads;
  options.today = platform->clock().Today();
  options.progress = [alerts](std::size_t done) {
    if (done % 50000 == 0) std::cerr << "  " << done << " / " << alerts << " alerts\n";
  };
  auto report = LoadDemoDataset(platform->store(), platform->partners(), options);
  if (!report) return Fail(report.error());
  if (auto s = platform->store().Flush(); !s.ok()) {
    std::cerr << "soj-admin: " << s.ToString() << "\n";
    return 1;
  }
  if (!BuildSearchIndex(data_dir, platform->store())) return 1;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "loaded " << report->alerts << " demo alerts into " << data_dir << " in " << seconds
            << " s: " << report->published << " published, " << report->resolved << " resolved, "
            << report->drafts << " drafts, " << report->rejected << " rejected, "
            << report->withdrawn << " withdrawn; " << report->replies << " state replies, "
            << report->updates << " follow-ups, " << report->withheld_victims
            << " withheld victims, " << report->ongoing_detentions << " ongoing detentions, "
            << report->killings << " killings\n";
  return 0;
}

int RunImport(const std::string& data_dir, const std::string& file, bool skip_invalid) {
  auto platform = OpenPlatform(data_dir, true);
  if (!platform) return 1;
  auto report =
      tracker::ImportAlerts(*platform, [&] { return std::make_unique<std::ifstream>(file); },
                            {.skip_invalid = skip_invalid, .batch_size = 1000});
  if (!report) return Fail(report.error());
  for (const auto& line : report->rejected) {
    for (const auto& error : line.errors)
      std::cerr << file << ":" << line.line << ": " << error.field << ": " << error.message << "\n";
  }
  if (!report->rejected.empty() && !skip_invalid) {
    std::cerr << "soj-admin: " << report->rejected.size()
              << " invalid line(s); nothing was imported (use --skip-invalid to import the "
                 "valid lines)\n";
    return 1;
  }
  std::cout << "imported " << report->imported << " alerts";
  if (!report->rejected.empty()) std::cout << ", skipped " << report->rejected.size() << " invalid";
  std::cout << "\n";
  // The records are durable now; the full-text index, derived from them, is left for later
  // (building it here would triple the import's time, and the server can answer everything
  // else while it builds).
  if (report->imported > 0)
    std::cerr << "search index: brought up to date by the server when it next starts (after a "
                 "large import, in the background: searches answer 503 until it is ready), "
                 "or now by soj-admin reindex\n";
  return 0;
}

int RunExport(const std::string& data_dir, const std::string& format, const std::string& output,
              bool public_only) {
  auto platform = OpenPlatform(data_dir, false);
  if (!platform) return 1;
  std::ofstream file;
  if (output != "-") {
    file.open(output, std::ios::binary | std::ios::trunc);
    if (!file) {
      std::cerr << "soj-admin: cannot write " << output << "\n";
      return 1;
    }
  }
  std::ostream& out = output == "-" ? std::cout : file;
  auto written = tracker::ExportAlerts(
      platform->store(), out,
      {.format = format == "csv" ? tracker::ExportFormat::kCsv : tracker::ExportFormat::kNdjson,
       .public_only = public_only});
  if (!written) return Fail(written.error());
  out.flush();
  std::cerr << "exported " << *written << " alerts\n";
  return out ? 0 : 1;
}

int RunVerify(const std::string& data_dir) {
  auto platform = OpenPlatform(data_dir, false, /*sync=*/true, Search::kNow);
  if (!platform) return 1;
  // Every block of every table file first: the checks below would read damage as mismatches.
  if (storage::Status tables = storage::VerifyTableFiles(platform->store()); !tables.ok()) {
    std::cerr << "soj-admin: " << tables.message() << "\n";
    std::cout << "FAILED: " << tables.message() << "\n";
    return 1;
  }
  tracker::IntegrityReport report = tracker::CheckIntegrity(platform->store());
  tracker::StatsAuditReport stats =
      tracker::AuditStatistics(platform->store(), platform->stats(), platform->clock().Today());
  for (const std::string& problem : report.problems) std::cout << "problem: " << problem << "\n";
  if (report.truncated) std::cout << "problem: (more problems not listed)\n";
  for (const std::string& problem : stats.problems)
    std::cout << "problem: statistics: " << problem << "\n";
  std::vector<std::string> search_problems;
  auto indexed = platform->search()->Count();
  auto searchable = CountSearchable(platform->store());
  if (!indexed || !searchable)
    search_problems.push_back((!indexed ? indexed.error() : searchable.error()).message);
  else if (*indexed != *searchable)
    search_problems.push_back("the index holds " + std::to_string(*indexed) +
                              " alerts, the store " + std::to_string(*searchable) +
                              "; run soj-admin reindex");
  for (const std::string& problem : search_problems)
    std::cout << "problem: search index: " << problem << "\n";
  const bool ok = report.ok() && stats.problems.empty() && search_problems.empty();
  std::cout << (ok ? "ok" : "FAILED") << ": " << report.alerts << " alerts, "
            << report.index_entries << " index entries, " << report.events << " events, "
            << stats.checks << " statistics checked, "
            << report.problems.size() + stats.problems.size() + search_problems.size()
            << " problem(s)\n";
  return ok ? 0 : 1;
}

int RunReindex(const std::string& data_dir) {
  const auto start = std::chrono::steady_clock::now();
  auto platform = OpenPlatform(data_dir, false, /*sync=*/true, Search::kNow);
  if (!platform) return 1;
  const tracker::SearchIndexState& opened = platform->search()->opened();
  std::size_t indexed = opened.alerts;
  if (opened.how == tracker::SearchIndexState::How::kRebuilt) {
    // Opening rebuilt it already; once is enough.
    std::cerr << "soj-admin: the search index was rebuilt on opening: " << opened.reason << "\n";
  } else {
    auto rebuilt = platform->search()->Rebuild(platform->store());
    if (!rebuilt) return Fail(rebuilt.error());
    indexed = *rebuilt;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "reindexed " << indexed << " alerts in " << seconds << " s\n";
  return 0;
}

int RunTokenCreate(const std::string& data_dir, const std::string& role, const std::string& partner,
                   const std::string& country, const std::string& name) {
  auto platform = OpenPlatform(data_dir, true);
  if (!platform) return 1;
  auto parsed_role = tracker::EnumFromName<tracker::Role>(role, tracker::kRoleNames);
  if (!parsed_role) return Fail(tracker::Error::InvalidField("role", "unknown role"));
  auto issued =
      platform->tokens().Create(tracker::Principal::Admin(), *parsed_role, partner, country, name);
  if (!issued) return Fail(issued.error());
  std::cerr << "created token " << issued->record.id << " (" << role << ") for "
            << issued->record.name << "; the secret below is shown once and cannot be recovered\n";
  std::cout << issued->secret << "\n";
  return 0;
}

int RunTokenList(const std::string& data_dir) {
  auto platform = OpenPlatform(data_dir, false);
  if (!platform) return 1;
  auto tokens = platform->tokens().List(tracker::Principal::Admin());
  if (!tokens) return Fail(tokens.error());
  for (const auto& t : *tokens) {
    std::cout << t.id << "\t" << tracker::ToString(t.role) << "\t"
              << (t.role == tracker::Role::kPartner ? t.partner : t.country) << "\t" << t.name
              << "\tcreated " << t.created_at.ToString()
              << (t.revoked_at ? "\trevoked " + t.revoked_at->ToString() : std::string("\tactive"))
              << "\n";
  }
  return 0;
}

int RunTokenRevoke(const std::string& data_dir, const std::string& id) {
  auto platform = OpenPlatform(data_dir, false);
  if (!platform) return 1;
  auto revoked = platform->tokens().Revoke(tracker::Principal::Admin(), id);
  if (!revoked) return Fail(revoked.error());
  std::cout << "revoked " << revoked->id << " (" << revoked->name << ")\n";
  return 0;
}

}  // namespace soj::tools
