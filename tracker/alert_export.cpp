#include "tracker/alert_export.hpp"

#include <boost/json.hpp>
#include <vector>

#include "storage/key_codec.hpp"
#include "tracker/alert_csv.hpp"
#include "tracker/alert_index.hpp"
#include "tracker/alert_json.hpp"
#include "tracker/alert_records.hpp"
#include "tracker/alert_service.hpp"

namespace soj::tracker {
namespace {

// Alerts per piece, and index entries looked at per piece: a selective filter over a large
// store then still hands the worker back regularly.
constexpr std::size_t kAlertsPerPiece = 256;
constexpr std::size_t kEntriesPerPiece = 20'000;

}  // namespace

AlertExporter::AlertExporter(const storage::Store& store, ExportSpec spec)
    : store_(store), spec_(std::move(spec)), view_(store.Snapshot(/*fill_cache=*/false)) {
  if (spec_.order) range_ = ListScanRange(spec_.filter, *spec_.order);
}

AlertExporter::~AlertExporter() = default;

Result<bool> AlertExporter::Next(std::string& out) {
  if (!header_done_) {
    header_done_ = true;
    if (spec_.format == ExportFormat::kCsv) out += AlertCsvHeader();
  }
  if (done_) return false;
  auto more = spec_.order ? NextFromIndex(out) : NextFromDocuments(out);
  if (!more) {
    done_ = true;
    return more.error();
  }
  done_ = !*more;
  return *more;
}

bool AlertExporter::Visible(const AlertSummary& summary) const {
  return spec_.reader ? VisibleInLists(*spec_.reader, summary) : true;
}

void AlertExporter::Render(const Alert& alert, std::string& out) {
  const AlertView view = spec_.reader ? ViewFor(*spec_.reader, alert)
                                      : AlertView{.reveal_withheld = true, .internal = true};
  if (spec_.format == ExportFormat::kCsv) {
    out += AlertCsvRow(alert, view);
  } else {
    out += boost::json::serialize(AlertToJson(alert, view));
    out += '\n';
  }
  ++written_;
}

Result<bool> AlertExporter::NextFromIndex(std::string& out) {
  const bool ascending = *spec_.order == SortOrder::kIncidentDateAsc;
  std::string lower = range_.lower;
  std::string upper = range_.upper;
  if (!resume_after_.empty()) {
    if (ascending)
      lower = resume_after_ + '\0';  // strictly after the last key visited
    else
      upper = resume_after_;  // the upper bound is exclusive
  }
  std::vector<std::pair<AlertId, std::string>> hits;  // id and index key
  std::size_t entries = 0;
  bool stopped = false;
  storage::Status s = store_.Scan(
      storage::Family::kIndex, lower, upper,
      ascending ? storage::Direction::kForward : storage::Direction::kBackward,
      [&](std::string_view key, std::string_view value) {
        resume_after_.assign(key);
        std::string_view tail = key.substr(key.size() - 8);
        auto id = storage::ConsumeUint64(&tail);
        auto summary = DecodeSummary(*id, value);
        if (summary && Visible(*summary) && spec_.filter.Matches(*summary))
          hits.emplace_back(*id, std::string(key));
        if (hits.size() == kAlertsPerPiece || ++entries == kEntriesPerPiece) {
          stopped = true;
          return false;
        }
        return true;
      },
      view_.get());
  if (!s.ok()) return FromStorage(s);
  for (std::size_t i = 0; i < hits.size(); ++i) {
    const AlertId id = hits[i].first;
    auto alert = LoadAlert(store_, id, view_.get());
    if (!alert) return alert.error();
    if (!*alert) return Error::Internal("index entry for missing alert " + std::to_string(id));
    Render(**alert, out);
    if (out.size() >= kExportPieceBytes && i + 1 < hits.size()) {
      resume_after_ = hits[i].second;  // the next piece starts with the alert after this one
      return true;
    }
  }
  return stopped;
}

Result<bool> AlertExporter::NextFromDocuments(std::string& out) {
  std::string lower = resume_after_.empty() ? std::string() : resume_after_ + '\0';
  std::optional<Error> failure;
  bool stopped = false;
  std::size_t entries = 0;
  storage::Status s = store_.Scan(
      storage::Family::kAlerts, lower, "", storage::Direction::kForward,
      [&](std::string_view key, std::string_view value) {
        resume_after_.assign(key);
        auto alert = DecodeAlertDocument(value);
        if (!alert) {
          failure = alert.error();
          return false;
        }
        if (spec_.reader) {
          const AlertSummary summary = AlertSummary::Of(*alert);
          if (!Visible(summary) || !spec_.filter.Matches(summary)) {
            if (++entries == kEntriesPerPiece) stopped = true;
            return !stopped;
          }
        }
        Render(*alert, out);
        if (out.size() >= kExportPieceBytes || ++entries == kEntriesPerPiece) stopped = true;
        return !stopped;
      },
      view_.get());
  if (!s.ok()) return FromStorage(s);
  if (failure) return *failure;
  return stopped;
}

}  // namespace soj::tracker
