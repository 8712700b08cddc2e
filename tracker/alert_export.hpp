#pragma once
// AlertExporter: alerts as NDJSON or CSV, produced piece by piece from one store snapshot, so
// an export of any size needs memory for one piece only. The one implementation behind
// `soj-admin export` and `GET /api/v1/export`.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "storage/store.hpp"
#include "tracker/alert_index.hpp"
#include "tracker/alert_query.hpp"
#include "tracker/error.hpp"
#include "tracker/principal.hpp"

namespace soj::tracker {

enum class ExportFormat { kNdjson, kCsv };

struct ExportSpec {
  ExportFormat format = ExportFormat::kNdjson;
  // Whose rights apply: the alerts this reader sees in lists (VisibleInLists), rendered as
  // ViewFor shows them to it. Unset: every document in full, merged pointers and withheld
  // names included, for moving a store (guard such output).
  std::optional<Principal> reader;
  AlertFilter filter;
  // The list order, walked through the index (as GET /api/v1/alerts). Unset: id order, walked
  // over the documents.
  std::optional<SortOrder> order;
};

// Pieces stay near this size (one alert more at most).
inline constexpr std::size_t kExportPieceBytes = 64 << 10;

class AlertExporter {
 public:
  // Takes a snapshot of `store` (which must outlive the exporter); reads through it do not
  // fill the block cache.
  AlertExporter(const storage::Store& store, ExportSpec spec);
  ~AlertExporter();
  AlertExporter(const AlertExporter&) = delete;
  AlertExporter& operator=(const AlertExporter&) = delete;

  // Appends the next piece to `out`: the CSV header comes first, then lines of whole alerts
  // (NDJSON: one JSON document and "\n" each; CSV: one row ending in CRLF each), about
  // kExportPieceBytes at most. True while more may follow, false once the export is complete.
  // A piece may be empty. Store failures and damaged documents are errors; the output is then
  // incomplete and must not be presented as whole.
  Result<bool> Next(std::string& out);

  // Alerts written so far.
  std::size_t written() const { return written_; }

 private:
  Result<bool> NextFromIndex(std::string& out);
  Result<bool> NextFromDocuments(std::string& out);
  bool Visible(const AlertSummary& summary) const;
  void Render(const Alert& alert, std::string& out);

  const storage::Store& store_;
  ExportSpec spec_;
  std::unique_ptr<storage::ReadView> view_;
  ListRange range_;
  std::string resume_after_;  // last key visited; empty before the first piece
  bool header_done_ = false;
  bool done_ = false;
  std::size_t written_ = 0;
};

}  // namespace soj::tracker
