// soj-admin as an operator runs it: a real binary on a real data directory.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "storage/store.hpp"
#include "tests/integration/child_process.hpp"
#include "tests/integration/http_harness.hpp"
#include "tests/test_support.hpp"

namespace soj::tools {
namespace {

using testing::RunCommand;
using testing::SearchTotal;
using testing::ServerProcess;
using testing::TempDir;

testing::CommandResult Admin(std::vector<std::string> args) {
  args.insert(args.begin(), SOJ_ADMIN_PATH);
  return RunCommand(args);
}

std::string LastLine(const std::string& text) {
  std::string trimmed = text.substr(0, text.find_last_not_of('\n') + 1);
  return trimmed.substr(trimmed.find_last_of('\n') + 1);
}

TEST(AdminCli, EveryCommandHasHelp) {
  for (std::vector<std::string> cmd : {std::vector<std::string>{"--help"},
                                       {"demo", "--help"},
                                       {"import", "--help"},
                                       {"export", "--help"},
                                       {"verify", "--help"},
                                       {"token", "create", "--help"},
                                       {"token", "list", "--help"},
                                       {"token", "revoke", "--help"}}) {
    auto result = Admin(cmd);
    EXPECT_EQ(result.exit_code, 0) << cmd[0];
    EXPECT_NE(result.out.find(cmd[0] == "--help" ? "Subcommands" : "--data"), std::string::npos)
        << cmd[0];
  }
}

TEST(AdminCli, TokensAreCreatedListedAndRevoked) {
  TempDir dir;
  auto created = Admin({"token", "create", "--data", dir.str(), "--role", "partner", "--partner",
                        "efj", "--name", "EFJ desk"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  const std::string secret = LastLine(created.out);
  EXPECT_TRUE(secret.starts_with("soj_")) << secret;
  EXPECT_EQ(secret.size(), 4u + 43u);  // 32 random bytes in unpadded base64url

  auto listed = Admin({"token", "list", "--data", dir.str()});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find("EFJ desk"), std::string::npos);
  EXPECT_NE(listed.out.find("active"), std::string::npos);
  EXPECT_EQ(listed.out.find(secret), std::string::npos) << "list must never show a secret";
  const std::string id = listed.out.substr(0, listed.out.find('\t'));
  ASSERT_TRUE(id.starts_with("tok_"));

  auto revoked = Admin({"token", "revoke", "--data", dir.str(), id});
  ASSERT_EQ(revoked.exit_code, 0) << revoked.err;
  EXPECT_NE(Admin({"token", "list", "--data", dir.str()}).out.find("revoked"), std::string::npos);
  EXPECT_NE(Admin({"token", "revoke", "--data", dir.str(), "tok_nope"}).exit_code, 0);

  auto bad = Admin({"token", "create", "--data", dir.str(), "--role", "state", "--country", "US",
                    "--name", "x"});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.err.find("country"), std::string::npos);
}

TEST(AdminCli, DemoExportImportVerify) {
  TempDir source, target, files;
  auto demo = Admin({"demo", "--data", source.str(), "--alerts", "300", "--seed", "7"});
  ASSERT_EQ(demo.exit_code, 0) << demo.err;
  EXPECT_NE(demo.out.find("loaded 300"), std::string::npos) << demo.out;
  auto verified = Admin({"verify", "--data", source.str()});
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
  EXPECT_NE(verified.out.find("ok: 300 alerts"), std::string::npos) << verified.out;

  const std::string ndjson = (files.path() / "all.ndjson").string();
  auto exported = Admin({"export", "--data", source.str(), "--output", ndjson});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  auto imported = Admin({"import", "--data", target.str(), ndjson});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_NE(imported.out.find("imported 300"), std::string::npos) << imported.out;
  EXPECT_EQ(Admin({"verify", "--data", target.str()}).exit_code, 0);

  // The re-export is byte-identical: nothing was lost or changed on the way.
  const std::string again = (files.path() / "again.ndjson").string();
  ASSERT_EQ(Admin({"export", "--data", target.str(), "--output", again}).exit_code, 0);
  std::ifstream a(ndjson), b(again);
  std::stringstream sa, sb;
  sa << a.rdbuf();
  sb << b.rdbuf();
  EXPECT_EQ(sa.str(), sb.str());

  auto csv = Admin({"export", "--data", source.str(), "--format", "csv", "--public"});
  ASSERT_EQ(csv.exit_code, 0);
  EXPECT_TRUE(csv.out.starts_with("id,title,country,incident_date"));
}

// An import writes the records and leaves the full-text index to the server, which builds it
// in the background (searches answer 503 meanwhile) from the imported documents: it then
// finds what the index of the original store finds.
TEST(AdminCli, TheServerBuildsTheSearchIndexAnImportLeftForIt) {
  TempDir source, target, files;
  ASSERT_EQ(Admin({"demo", "--data", source.str(), "--alerts", "300", "--seed", "3"}).exit_code, 0);
  const std::string ndjson = (files.path() / "all.ndjson").string();
  ASSERT_EQ(Admin({"export", "--data", source.str(), "--output", ndjson}).exit_code, 0);
  auto imported = Admin({"import", "--data", target.str(), ndjson});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_NE(imported.err.find("search index: brought up to date by the server"), std::string::npos)
      << imported.err;
  EXPECT_FALSE(std::filesystem::exists(target.path() / "search"));

  ServerProcess original({}, &source), copy({}, &target);
  // SearchTotal waits only while the answer is 503 (the index being built).
  for (const std::string query : {"journalist", "arrested", "%22press%20freedom%22"}) {
    const int expected = SearchTotal(original.port(), query);
    EXPECT_GT(expected, 0) << query;
    EXPECT_EQ(SearchTotal(copy.port(), query), expected) << query;
  }
}

TEST(AdminCli, ImportReportsBadLinesAndImportsNothing) {
  TempDir dir, files;
  const std::string path = (files.path() / "in.ndjson").string();
  {
    std::ofstream out(path);
    out << R"({"title":"Reporter beaten in Tbilisi","description":"d","country":"GE",)"
        << R"("incident_date":"2024-05-01","categories":["attack"],"threat_source":"unknown",)"
        << R"("level":2})"
        << "\n";
    out << R"({"title":"","description":"d","country":"XX","incident_date":"2024-02-30",)"
        << R"("categories":["attack"],"threat_source":"unknown","level":2})"
        << "\n";
    out << "not json\n";
  }
  auto refused = Admin({"import", "--data", dir.str(), path});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.err.find(":2: title"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find(":2: country"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find(":2: incident_date"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find(":3:"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("nothing was imported"), std::string::npos);
  auto exported = Admin({"export", "--data", dir.str()});
  EXPECT_EQ(exported.out, "");

  auto skipped = Admin({"import", "--data", dir.str(), "--skip-invalid", path});
  EXPECT_EQ(skipped.exit_code, 0) << skipped.err;
  EXPECT_NE(skipped.out.find("imported 1"), std::string::npos);
}

TEST(AdminCli, VerifyFindsACorruptedIndex) {
  TempDir dir;
  ASSERT_EQ(Admin({"demo", "--data", dir.str(), "--alerts", "50"}).exit_code, 0);
  {
    auto store = storage::Store::Open({.path = dir.str(), .create_if_missing = false});
    ASSERT_TRUE(store);
    std::string victim;
    ASSERT_TRUE((*store)
                    ->ScanPrefix(storage::Family::kIndex, "CBY", storage::Direction::kForward,
                                 [&](std::string_view key, std::string_view) {
                                   victim = std::string(key);
                                   return false;
                                 })
                    .ok());
    ASSERT_FALSE(victim.empty()) << "the demo has no alert about Belarus";
    ASSERT_TRUE((*store)
                    ->Write([&](storage::Transaction& txn) {
                      txn.Delete(storage::Family::kIndex, victim);
                      txn.Put(storage::Family::kIndex, "Cstray", "x");
                      return storage::Status::Ok();
                    })
                    .ok());
  }
  auto verified = Admin({"verify", "--data", dir.str()});
  EXPECT_NE(verified.exit_code, 0);
  EXPECT_NE(verified.out.find("missing index entry"), std::string::npos) << verified.out;
  EXPECT_NE(verified.out.find("stray index entry"), std::string::npos) << verified.out;
  EXPECT_NE(verified.out.find("FAILED"), std::string::npos);
}

TEST(AdminCli, OperatorErrorsAreClear) {
  TempDir dir;
  auto missing = Admin({"verify", "--data", dir.str() + "/nowhere"});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.err.find("no soj-tracker data directory"), std::string::npos) << missing.err;
  EXPECT_NE(Admin({"demo", "--alerts", "0", "--data", dir.str()}).exit_code, 0);
  EXPECT_NE(Admin({"frobnicate"}).exit_code, 0);
}

}  // namespace
}  // namespace soj::tools
