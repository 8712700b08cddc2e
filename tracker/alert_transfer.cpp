#include "tracker/alert_transfer.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <future>
#include <memory>
#include <unordered_set>

#include "tracker/alert_index.hpp"
#include "tracker/alert_json.hpp"
#include "tracker/alert_records.hpp"
#include "tracker/validation.hpp"

namespace soj::tracker {
namespace json = boost::json;
using storage::Family;

namespace {

constexpr std::string_view kImportSubmitter = "editor";

// A line read and checked: either a whole document or new content.
struct ParsedLine {
  bool blank = false;
  bool has_id = false;
  Alert alert;  // content filled for both; server fields only when has_id
  std::vector<FieldError> errors;
};

ParsedLine ParseLine(std::string_view text, const ValidationContext& context) {
  ParsedLine out;
  if (text.find_first_not_of(" \t\r") == std::string_view::npos) {
    out.blank = true;
    return out;
  }
  auto value = ParseJsonText(text);
  if (!value) {
    out.errors.push_back({"(line)", value.error().message});
    return out;
  }
  FieldErrors errors;
  const json::object* object = value->if_object();
  out.has_id = object != nullptr && object->contains("id");
  if (out.has_id) {
    out.alert = ParseAlertDocument(*value, errors);
  } else {
    out.alert.content = ParseAlertContent(*value, errors);
  }
  ValidateContent(out.alert.content, context, errors);
  out.errors = errors.Take();
  return out;
}

// Writes batches of imported alerts, one at a time, without waiting for each: Write queues a
// batch once the one before it is durable; Finish waits for the last. Never lets a batch
// outlive it.
class BatchWriter {
 public:
  BatchWriter(Platform& platform, AlertId highest_given_id)
      : platform_(platform), highest_given_id_(highest_given_id) {}
  BatchWriter(const BatchWriter&) = delete;
  BatchWriter& operator=(const BatchWriter&) = delete;
  ~BatchWriter() { (void)Finish(); }

  Result<void> Write(std::vector<Alert> alerts) {
    if (alerts.empty()) return {};
    if (auto before = Wait(); !before) return before.error();
    auto batch = std::make_shared<std::vector<Alert>>(std::move(alerts));
    auto durable = std::make_shared<std::promise<storage::Status>>();
    in_flight_ = durable->get_future();
    in_flight_count_ = batch->size();
    platform_.store().WriteQueued(
        [this, batch](storage::Transaction& txn) {
          txn.ReserveAlertIdsThrough(highest_given_id_);
          const Principal importer = Principal::Editor();
          for (Alert& alert : *batch) {
            if (alert.id == 0) alert.id = txn.NextAlertId();
            SaveAlert(txn, nullptr, alert);
            Event event;
            event.alert_id = alert.id;
            event.at = platform_.clock().Now();
            event.actor = EventActor(importer) + " import";
            event.kind = EventKind::kImported;
            event.status = alert.status;
            event.version = alert.version;
            AppendEvent(txn, event);
          }
          return storage::Status::Ok();
        },
        [durable](storage::Status s) { durable->set_value(std::move(s)); });
    return {};
  }

  // Waits for the batch in flight; returns how many alerts were written in all.
  Result<std::size_t> Finish() {
    if (auto last = Wait(); !last) return last.error();
    return written_;
  }

 private:
  Result<void> Wait() {
    if (!in_flight_.valid()) return {};
    storage::Status s = in_flight_.get();
    if (!s.ok()) return FromStorage(s);
    written_ += in_flight_count_;
    return {};
  }

  Platform& platform_;
  const AlertId highest_given_id_;
  std::future<storage::Status> in_flight_;
  std::size_t in_flight_count_ = 0;
  std::size_t written_ = 0;
};

}  // namespace

Result<ImportReport> ImportAlerts(Platform& platform,
                                  const std::function<std::unique_ptr<std::istream>()>& open_input,
                                  const ImportOptions& options) {
  const ValidationContext context{platform.clock().Today(), &platform.partners()};
  storage::Store& store = platform.store();
  ImportReport report;
  std::vector<bool> valid;
  // New alerts get ids above every id the file brings, so the two never collide.
  AlertId highest_given_id = 0;

  // Pass 1: every line is checked before anything is written.
  {
    auto in = open_input();
    if (!in || !*in) return Error::BadRequest("cannot read the import file");
    std::unordered_set<AlertId> ids;
    std::unordered_set<std::string> refs;
    // (line index, merge target): checked once every id of the file is known.
    std::vector<std::pair<std::size_t, AlertId>> merge_targets;
    std::string text;
    for (std::size_t number = 1; std::getline(*in, text); ++number) {
      ParsedLine line = ParseLine(text, context);
      if (!line.blank && line.errors.empty()) {
        const Alert& a = line.alert;
        if (line.has_id) {
          highest_given_id = std::max(highest_given_id, a.id);
          if (!ids.insert(a.id).second) line.errors.push_back({"id", "appears twice in this file"});
          auto existing = store.Get(Family::kAlerts, AlertKey(a.id));
          if (!existing) return FromStorage(existing.error());
          if (*existing)
            line.errors.push_back(
                {"id", "alert " + std::to_string(a.id) + " already exists in the store"});
          if (a.merged_into == a.id)
            line.errors.push_back({"merged_into", "an alert cannot be merged into itself"});
          else if (a.merged_into)
            merge_targets.push_back({number - 1, *a.merged_into});
        }
        if (a.content.external_ref) {
          std::string submitter = line.has_id ? a.submitted_by : std::string(kImportSubmitter);
          std::string key = ExternalRefKey(submitter, *a.content.external_ref);
          if (!refs.insert(key).second)
            line.errors.push_back({"external_ref", "appears twice in this file"});
          auto existing = store.Get(Family::kIndex, key);
          if (!existing) return FromStorage(existing.error());
          if (*existing) line.errors.push_back({"external_ref", "is already used by an alert"});
        }
      }
      valid.push_back(line.blank || line.errors.empty());
      if (!line.errors.empty()) report.rejected.push_back({number, std::move(line.errors)});
    }
    if (in->bad()) return Error::BadRequest("reading the import file failed");
    for (const auto& [index, target] : merge_targets) {
      if (ids.contains(target)) continue;
      auto existing = store.Get(Family::kAlerts, AlertKey(target));
      if (!existing) return FromStorage(existing.error());
      if (*existing) continue;
      valid[index] = false;
      report.rejected.push_back(
          {index + 1,
           {{"merged_into", "names alert " + std::to_string(target) +
                                ", which is neither in the file nor in the store"}}});
    }
    std::sort(report.rejected.begin(), report.rejected.end(),
              [](const auto& a, const auto& b) { return a.line < b.line; });
  }
  if (!report.rejected.empty() && !options.skip_invalid) return report;

  // Pass 2: write the valid lines, batch_size per WriteBatch. One batch is written on the
  // store's writer thread while the next is parsed here: the two take turns on two cores
  // instead of one waiting for the other.
  auto in = open_input();
  if (!in || !*in) return Error::BadRequest("cannot read the import file");
  BatchWriter writer(platform, highest_given_id);
  std::vector<Alert> batch;
  std::string text;
  for (std::size_t index = 0; std::getline(*in, text) && index < valid.size(); ++index) {
    if (!valid[index]) continue;
    ParsedLine line = ParseLine(text, context);
    if (line.blank) continue;
    if (!line.errors.empty()) return Error::Conflict("the import file changed while importing");
    if (!line.has_id) {
      const Timestamp now = platform.clock().Now();
      line.alert.status = AlertStatus::kDraft;
      line.alert.submitted_at = now;
      line.alert.updated_at = now;
      line.alert.version = 1;
      line.alert.submitted_by = std::string(kImportSubmitter);
    }
    batch.push_back(std::move(line.alert));
    if (batch.size() >= options.batch_size) {
      if (auto queued = writer.Write(std::move(batch)); !queued) return queued.error();
      batch.clear();
    }
  }
  if (auto queued = writer.Write(std::move(batch)); !queued) return queued.error();
  auto written = writer.Finish();
  if (!written) return written.error();
  report.imported = *written;
  return report;
}

Result<std::size_t> ExportAlerts(const storage::Store& store, std::ostream& out,
                                 const ExportOptions& options) {
  ExportSpec spec{.format = options.format,
                  .reader = options.public_only ? std::optional(Principal::Public()) : std::nullopt,
                  .filter = {},
                  .order = std::nullopt};
  AlertExporter exporter(store, std::move(spec));
  std::string piece;
  for (bool more = true; more;) {
    piece.clear();
    auto next = exporter.Next(piece);
    if (!next) return next.error();
    more = *next;
    out << piece;
    if (!out) return Error::Internal("writing the export failed");
  }
  return exporter.written();
}

}  // namespace soj::tracker
