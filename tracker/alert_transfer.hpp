#pragma once
// Moving alerts in and out of a store in bulk: NDJSON import (validated like the services)
// and NDJSON/CSV export. Used by soj-admin import/export.

#include <functional>
#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "tracker/alert_export.hpp"
#include "tracker/error.hpp"
#include "tracker/platform.hpp"

namespace soj::tracker {

struct ImportOptions {
  // Import the valid lines and report the others, instead of importing nothing.
  bool skip_invalid = false;
  // Lines committed per WriteBatch.
  std::size_t batch_size = 1000;
};

struct ImportLineError {
  std::size_t line = 0;  // 1-based
  std::vector<FieldError> errors;
};

struct ImportReport {
  std::size_t imported = 0;
  std::vector<ImportLineError> rejected;
};

// Imports NDJSON read by `open_input` (called twice: one pass validates, one writes, so a
// file of any size is never held in memory). Each line is either a whole alert document as
// export writes it (with "id": kept, server fields kept) or the editable fields of a new
// alert (without "id": created as a draft by the secretariat). Every line passes the same
// field rules as the services, ids must be new, and (submitter, external_ref) unique. When any
// line is bad and !skip_invalid nothing is imported and every bad line is reported.
Result<ImportReport> ImportAlerts(Platform& platform,
                                  const std::function<std::unique_ptr<std::istream>()>& open_input,
                                  const ImportOptions& options);

struct ExportOptions {
  ExportFormat format = ExportFormat::kNdjson;
  // Only what the public may see: public alerts, withheld names removed. Otherwise every
  // alert in full, for moving a store (the output then holds secret names: guard it).
  bool public_only = false;
};

// Writes every alert in id order (an AlertExporter without list order). Returns the number
// written.
Result<std::size_t> ExportAlerts(const storage::Store& store, std::ostream& out,
                                 const ExportOptions& options);

}  // namespace soj::tracker
