// /api/v1/admin/backups: admins take a consistent backup of the store while it serves, and
// list the backups taken (restoring is offline: soj-admin restore).

#include <boost/json.hpp>

#include "api/api.hpp"
#include "api/responses.hpp"
#include "tracker/backups.hpp"

namespace soj::api {
namespace {

namespace json = boost::json;

json::object BackupJson(const tracker::BackupRecord& record) {
  return {{"id", record.id},
          {"created_at", record.created_at.ToString()},
          {"size", record.size},
          {"files", record.files}};
}

// 401 without a token, 403 for a token of another role.
std::optional<HttpResponse> AdminsOnly(const RequestContext& ctx) {
  if (ctx.principal.role == tracker::Role::kPublic)
    return ProblemResponse(401, "backups need an admin token");
  if (ctx.principal.role != tracker::Role::kAdmin)
    return ProblemResponse(403, "only admins take and list backups");
  return std::nullopt;
}

// A backup that fails is the server's failure whatever storage calls it (a missing or
// unusable directory is "not found" or "invalid" to RocksDB): the answer is a 500 (503 when the
// disk is full) with the fixed text of ErrorResponse, and the reason, which names the backup
// directory, goes to the log for the operator.
HttpResponse BackupFailed(tracker::Error error) {
  if (error.kind != tracker::ErrorKind::kUnavailable) error.kind = tracker::ErrorKind::kInternal;
  error.fields.clear();
  return ErrorResponse(error);
}

}  // namespace

void AddBackupRoutes(Router& router, const RouteDeps& deps) {
  tracker::Platform& platform = deps.platform;
  Api& api = deps.api;
  router.Add(
      {"POST", "/api/v1/admin/backups", "createBackup", [&platform, &api](RequestContext& ctx) {
         if (auto refused = AdminsOnly(ctx)) return *refused;
         const std::string& dir = api.backup_directory();
         if (dir.empty())
           return ProblemResponse(503, "this server has no backup directory (--backups)");
         auto taken = tracker::TakeBackup(platform, ctx.principal, dir);
         if (!taken) return BackupFailed(taken.error());
         HttpResponse response = JsonResponse(201, BackupJson(*taken));
         response.Set("Location", "/api/v1/admin/backups/" + std::to_string(taken->id));
         return response;
       }});
  router.Add({"GET", "/api/v1/admin/backups", "listBackups", [&api](RequestContext& ctx) {
                if (auto refused = AdminsOnly(ctx)) return *refused;
                const std::string& dir = api.backup_directory();
                json::array items;
                if (!dir.empty()) {
                  auto listed = tracker::ListBackups(dir);
                  if (!listed && listed.error().kind != tracker::ErrorKind::kNotFound)
                    return BackupFailed(listed.error());
                  if (listed)
                    for (const auto& record : *listed) items.push_back(BackupJson(record));
                }
                return JsonResponse(200, json::object{{"items", std::move(items)}});
              }});
}

}  // namespace soj::api
