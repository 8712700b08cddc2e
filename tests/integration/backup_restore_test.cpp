// Online backup and offline restore: a real server takes a BackupEngine backup while clients
// keep writing; soj-admin lists and restores it into a new directory; a server on the
// restored store holds exactly what was there at the backup, and its search index (copied
// over from the newer store, so "ahead" of the restored one) is found stale and rebuilt.

#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <boost/json.hpp>
#include <filesystem>
#include <set>
#include <thread>

#include "tests/integration/http_harness.hpp"

namespace soj::testing {
namespace {

namespace json = boost::json;

std::string AlertJson(const std::string& title) {
  json::object alert{{"title", title},
                     {"description", "Written around a backup."},
                     {"country", "BY"},
                     {"incident_date", "2023-03-14"},
                     {"categories", json::array{"detention"}},
                     {"threat_source", "state"},
                     {"level", 1}};
  return json::serialize(alert);
}

// Creates and publishes an alert; returns its id.
int64_t Publish(uint16_t port, const std::string& title, const std::string& partner,
                const std::string& editor) {
  HttpResult created = PostJson(port, "/api/v1/alerts", AlertJson(title), partner);
  EXPECT_EQ(created.status, 201) << created.body;
  if (created.status != 201) return 0;
  const int64_t id = created.Json().at("id").to_number<int64_t>();
  HttpResult published = PostJson(port, "/api/v1/alerts/" + std::to_string(id) + "/transitions",
                                  R"({"to":"published"})", editor);
  EXPECT_EQ(published.status, 200) << published.body;
  return id;
}

// Every alert the editor may see, as the NDJSON export writes them.
std::string ExportAll(uint16_t port, const std::string& editor) {
  HttpResult all = Get(port, "/api/v1/export?format=ndjson&sort=incident_date", editor);
  EXPECT_EQ(all.status, 200);
  return all.body;
}

TEST(BackupRestore, RestoredStoreHoldsExactlyTheStateAtTheBackup) {
  TempDir backups;
  ServerProcess server({"--backups", backups.str()});
  const std::string partner = server.CreateToken("partner", "efj");
  const std::string editor = server.CreateToken("editor");
  const std::string analyst = server.CreateToken("analyst");
  for (int i = 0; i < 5; ++i)
    Publish(server.port(), "Before the backup Quillmoor " + std::to_string(i), partner, editor);

  // Only admins take backups.
  EXPECT_EQ(PostJson(server.port(), "/api/v1/admin/backups", "", analyst).status, 403);
  EXPECT_EQ(PostJson(server.port(), "/api/v1/admin/backups", "").status, 401);

  const std::string before = ExportAll(server.port(), editor);
  HttpResult taken = PostJson(server.port(), "/api/v1/admin/backups", "", server.admin_token());
  ASSERT_EQ(taken.status, 201) << taken.body;
  const int64_t backup_id = taken.Json().at("id").to_number<int64_t>();
  EXPECT_GT(taken.Json().at("files").to_number<int64_t>(), 0);

  for (int i = 0; i < 3; ++i)
    Publish(server.port(), "After the backup Zanzibrook " + std::to_string(i), partner, editor);
  const std::string after = ExportAll(server.port(), editor);
  ASSERT_NE(before, after);
  EXPECT_EQ(SearchTotal(server.port(), "Zanzibrook"), 3);

  HttpResult listed = Get(server.port(), "/api/v1/admin/backups", server.admin_token());
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.Json().at("items").as_array().size(), 1u);

  server.Kill(SIGTERM);
  EXPECT_EQ(server.Wait(), 0);

  CommandResult list = RunAdmin({"backups", "list", "--backups", backups.str()});
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find("\n" + std::to_string(backup_id) + "\t"), std::string::npos) << list.out;

  // Never over a store.
  CommandResult over = RunAdmin({"restore", std::to_string(backup_id), "--backups", backups.str(),
                                 "--data", server.data_dir()});
  EXPECT_NE(over.exit_code, 0);
  EXPECT_NE(over.err.find("holds a store"), std::string::npos) << over.err;
  CommandResult missing = RunAdmin(
      {"restore", "999", "--backups", backups.str(), "--data", (backups.path() / "x").string()});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.err.find("no backup 999"), std::string::npos) << missing.err;

  TempDir restored;
  CommandResult restore = RunAdmin(
      {"restore", std::to_string(backup_id), "--backups", backups.str(), "--data", restored.str()});
  ASSERT_EQ(restore.exit_code, 0) << restore.out << restore.err;
  // The newer store's search index, which knows the alerts written after the backup: it
  // must be found to be ahead of the restored store and rebuilt, never served.
  std::filesystem::copy(std::filesystem::path(server.data_dir()) / "search",
                        restored.path() / "search", std::filesystem::copy_options::recursive);

  ServerProcess again({}, &restored);
  const std::string editor2 = again.CreateToken("editor");
  EXPECT_EQ(ExportAll(again.port(), editor2), before);
  EXPECT_EQ(SearchTotal(again.port(), "Zanzibrook"), 0);
  EXPECT_EQ(SearchTotal(again.port(), "Quillmoor"), 5);
  again.Kill(SIGTERM);
  EXPECT_EQ(again.Wait(), 0);
  CommandResult verify = RunAdmin({"verify", "--data", restored.str()});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

// A backup taken while clients write holds every write acknowledged before it was asked for
// and none asked for after it was answered, and is consistent (verify is clean).
TEST(BackupRestore, BackupUnderWriteTrafficIsConsistent) {
  TempDir backups;
  ServerProcess server({"--backups", backups.str()});
  const std::string partner = server.CreateToken("partner", "efj");
  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::vector<std::pair<int64_t, std::chrono::steady_clock::time_point>> acked;
  std::vector<std::thread> writers;
  for (int w = 0; w < 3; ++w)
    writers.emplace_back([&, w] {
      for (int i = 0; !stop; ++i) {
        const auto asked = std::chrono::steady_clock::now();
        HttpResult r =
            PostJson(server.port(), "/api/v1/alerts",
                     AlertJson("Traffic " + std::to_string(w) + "-" + std::to_string(i)), partner);
        if (r.status != 201) continue;
        std::lock_guard lock(mutex);
        acked.emplace_back(r.Json().at("id").to_number<int64_t>(), asked);
        (void)asked;
      }
    });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const auto backup_asked = std::chrono::steady_clock::now();
  std::set<int64_t> acked_before;
  {
    std::lock_guard lock(mutex);
    for (const auto& [id, at] : acked) acked_before.insert(id);
  }
  HttpResult taken = PostJson(server.port(), "/api/v1/admin/backups", "", server.admin_token());
  const auto backup_answered = std::chrono::steady_clock::now();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  stop = true;
  for (auto& t : writers) t.join();
  ASSERT_EQ(taken.status, 201) << taken.body;
  (void)backup_asked;
  std::set<int64_t> asked_after;
  for (const auto& [id, at] : acked)
    if (at > backup_answered) asked_after.insert(id);
  ASSERT_FALSE(acked_before.empty());
  ASSERT_FALSE(asked_after.empty()) << "no write overlapped the backup";
  server.Kill(SIGTERM);
  EXPECT_EQ(server.Wait(), 0);

  TempDir restored;
  const std::string id = std::to_string(taken.Json().at("id").to_number<int64_t>());
  CommandResult restore =
      RunAdmin({"restore", id, "--backups", backups.str(), "--data", restored.str()});
  ASSERT_EQ(restore.exit_code, 0) << restore.err;
  CommandResult verify = RunAdmin({"verify", "--data", restored.str()});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  ServerProcess again({}, &restored);
  const std::string editor = again.CreateToken("editor");
  for (int64_t alert : acked_before)
    EXPECT_EQ(Get(again.port(), "/api/v1/alerts/" + std::to_string(alert), editor).status, 200)
        << "alert " << alert << " was acknowledged before the backup and is not in it";
  for (int64_t alert : asked_after)
    EXPECT_EQ(Get(again.port(), "/api/v1/alerts/" + std::to_string(alert), editor).status, 404)
        << "alert " << alert << " was asked for after the backup and is in it";
}

}  // namespace
}  // namespace soj::testing
