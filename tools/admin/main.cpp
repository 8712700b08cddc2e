// soj-admin: the operator's command line for a soj-tracker data directory.

#include <CLI/CLI.hpp>
#include <cstddef>

#include "tools/admin/commands.hpp"
#include "tracker/usable_cores.hpp"

int main(int argc, char** argv) {
  CLI::App app{"soj-admin: operate a soj-tracker data directory"};
  app.require_subcommand(1);
  std::string data_dir = "./var/data";
  auto add_data = [&](CLI::App* cmd) {
    cmd->add_option("--data", data_dir, "Data directory (RocksDB store)")
        ->envname("SOJ_DATA")
        ->capture_default_str();
  };

  std::size_t alerts = 2000;
  uint64_t seed = 1;
  std::size_t threads = soj::tracker::UsableCores();
  auto* demo = app.add_subcommand("demo", "Load a realistic, deterministic demo dataset");
  add_data(demo);
  demo->add_option("--alerts", alerts, "Number of alerts")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{10'000'000}));
  demo->add_option("--seed", seed, "Random seed (same seed, same dataset)")->capture_default_str();
  demo->add_option("--threads", threads, "Loader threads")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{64}));

  std::string file;
  bool skip_invalid = false;
  auto* import = app.add_subcommand("import", "Import alerts from an NDJSON file");
  add_data(import);
  import->add_option("FILE", file, "NDJSON file, one alert per line")
      ->required()
      ->check(CLI::ExistingFile);
  import->add_flag("--skip-invalid", skip_invalid,
                   "Import the valid lines and report the others (default: import nothing "
                   "when any line is invalid)");

  std::string format = "ndjson";
  std::string output = "-";
  bool public_only = false;
  auto* export_cmd = app.add_subcommand("export", "Export every alert as NDJSON or CSV");
  add_data(export_cmd);
  export_cmd->add_option("--format", format, "ndjson or csv")
      ->capture_default_str()
      ->check(CLI::IsMember({"ndjson", "csv"}));
  export_cmd->add_option("--output,-o", output, "Output file ('-' for stdout)")
      ->capture_default_str();
  export_cmd->add_flag("--public", public_only,
                       "Only what the public may see (published alerts, withheld names "
                       "removed); without it the output holds withheld names");

  auto* verify = app.add_subcommand(
      "verify", "Check that indexes and events match the documents; non-zero exit on problems");
  add_data(verify);

  auto* reindex = app.add_subcommand(
      "reindex", "Rebuild the full-text search index from the alerts (the server must be stopped)");
  add_data(reindex);

  auto* token = app.add_subcommand("token", "Manage API tokens");
  token->require_subcommand(1);
  std::string role, partner, country, name, token_id;
  auto* create = token->add_subcommand("create", "Issue a token; the secret is the last line");
  add_data(create);
  create->add_option("--role", role, "partner, editor, state, analyst or admin")
      ->required()
      ->check(CLI::IsMember({"partner", "editor", "state", "analyst", "admin"}));
  create->add_option("--partner", partner, "Partner id (for --role partner)");
  create->add_option("--country", country, "Country code (for --role state)");
  create->add_option("--name", name, "Who holds the token")->required();
  auto* list = token->add_subcommand("list", "List tokens (never the secrets)");
  add_data(list);
  auto* revoke = token->add_subcommand("revoke", "Revoke a token by id");
  add_data(revoke);
  revoke->add_option("ID", token_id, "Token id (tok_...)")->required();

  std::string backup_dir;
  uint32_t backup_id = 0;
  auto* backup = app.add_subcommand(
      "backup", "Back up a stopped server's store (a running one: POST /api/v1/admin/backups)");
  add_data(backup);
  backup->add_option("--backups", backup_dir, "Backup directory")->required();
  auto* backups = app.add_subcommand("backups", "Inspect backups");
  backups->require_subcommand(1);
  auto* backups_list = backups->add_subcommand("list", "List the backups in a directory");
  backups_list->add_option("--backups", backup_dir, "Backup directory")->required();
  auto* restore = app.add_subcommand(
      "restore", "Restore a backup into a new data directory (checksums verified first)");
  restore->add_option("BACKUP", backup_id, "Backup id (soj-admin backups list)")->required();
  restore->add_option("--backups", backup_dir, "Backup directory")->required();
  restore->add_option("--data", data_dir, "New data directory (must not hold a store)")->required();

  CLI11_PARSE(app, argc, argv);

  using namespace soj::tools;
  if (*demo) return RunDemo(data_dir, alerts, seed, threads);
  if (*import) return RunImport(data_dir, file, skip_invalid);
  if (*export_cmd) return RunExport(data_dir, format, output, public_only);
  if (*verify) return RunVerify(data_dir);
  if (*reindex) return RunReindex(data_dir);
  if (*create) return RunTokenCreate(data_dir, role, partner, country, name);
  if (*list) return RunTokenList(data_dir);
  if (*revoke) return RunTokenRevoke(data_dir, token_id);
  if (*backup) return RunBackup(data_dir, backup_dir);
  if (*backups_list) return RunBackupList(backup_dir);
  if (*restore) return RunRestore(backup_dir, backup_id, data_dir);
  return 2;
}
