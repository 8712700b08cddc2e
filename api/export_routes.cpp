// GET /api/v1/export: every alert the caller may see that matches the list filters, as NDJSON
// or CSV, streamed from one store snapshot (tracker::AlertExporter) piece by piece, so an
// export of any size is never held in memory.

#include <memory>
#include <stdexcept>

#include "api/api.hpp"
#include "api/caching.hpp"
#include "api/list_query.hpp"
#include "api/responses.hpp"
#include "tracker/alert_export.hpp"

namespace soj::api {
namespace {

using tracker::ExportFormat;
using tracker::FieldErrors;

// format=csv|ndjson wins; otherwise Accept; otherwise NDJSON.
std::optional<ExportFormat> ChooseFormat(const RequestContext& ctx, FieldErrors& errors) {
  for (const auto& param : ctx.query) {
    if (param.key != "format") continue;
    if (param.value == "csv") return ExportFormat::kCsv;
    if (param.value == "ndjson") return ExportFormat::kNdjson;
    errors.Add("format", "must be csv or ndjson");
    return std::nullopt;
  }
  std::string_view accept = ctx.request.Header("Accept");
  if (accept.find("text/csv") != std::string_view::npos) return ExportFormat::kCsv;
  return ExportFormat::kNdjson;
}

HttpResponse Export(tracker::Platform& platform, RequestContext& ctx) {
  auto request = ParseListQuery(ctx.query, {"format"});
  FieldErrors errors;
  if (!request) {
    for (auto& field : request.error().fields) errors.Add(field.field, field.message);
  }
  for (const auto& param : ctx.query)
    if (param.key == "limit" || param.key == "cursor")
      errors.Add(std::string(param.key), "is not a parameter of the export: it is never paged");
  auto format = ChooseFormat(ctx, errors);
  if (!errors.empty())
    return ErrorResponse(tracker::Error{
        tracker::ErrorKind::kBadRequest, "the query string has errors", errors.Take(), {}});

  const storage::Store& store = platform.store();
  // Read before the snapshot is taken: a commit in between only makes the tag older than the
  // body, which costs one extra full answer, never a stale 304.
  const std::string etag = StoreQueryEtag(store.LastCommitSequence(), ctx, "export");
  // Cache-Control: Api::Finish (an export carries names: revalidated on every use, cheaply,
  // as the validator is the store's commit sequence).
  if (auto not_modified = NotModified(ctx, etag)) return *not_modified;

  const bool csv = *format == ExportFormat::kCsv;
  auto exporter = std::make_shared<tracker::AlertExporter>(
      store, tracker::ExportSpec{.format = *format,
                                 .reader = ctx.principal,
                                 .filter = std::move(request->filter),
                                 .order = request->sort});
  HttpResponse response;
  response.Set("Content-Type", csv ? "text/csv; charset=utf-8" : "application/x-ndjson");
  response.Set("Content-Disposition", csv ? "attachment; filename=\"alerts.csv\""
                                          : "attachment; filename=\"alerts.ndjson\"");
  response.Set("ETag", etag);
  response.Set("Vary", "Authorization, Accept");
  // The server calls this on a worker, one piece at a time. A store failure mid-way throws:
  // the server then ends the connection without the last chunk, so the client sees the export
  // is incomplete instead of taking a truncated file for a whole one.
  response.stream = [exporter](std::string& out) {
    auto more = exporter->Next(out);
    if (!more) throw std::runtime_error("export failed: " + more.error().message);
    return *more;
  };
  return response;
}

}  // namespace

void AddExportRoutes(Router& router, const RouteDeps& deps) {
  tracker::Platform& platform = deps.platform;
  router.Add({"GET", "/api/v1/export", "exportAlerts",
              [&platform](RequestContext& ctx) { return Export(platform, ctx); }});
}

}  // namespace soj::api
