#pragma once
// Alerts as CSV (RFC 4180, UTF-8, one header row). Cells that a spreadsheet would run as a
// formula (starting with =, +, -, @, tab or carriage return) are prefixed with an apostrophe.

#include <string>
#include <string_view>

#include "tracker/alert_json.hpp"
#include "tracker/model.hpp"

namespace soj::tracker {

// Appends one CSV field, quoted when needed and neutralised against formula injection.
void AppendCsvField(std::string* line, std::string_view value);

// The header row, ending in CRLF. Columns: id, title, country, incident_date, categories
// (";"-separated), threat_source, level, status, partners (";"), victims (one per ";",
// "name|kind|gender|outlet", with "\", "|" and ";" inside a name or outlet escaped by a
// backslash; a withheld victim the view hides is "(withheld)" with an empty outlet; see
// docs/api.md), detained_now (number of victims
// with an open detention), killed (number of victims killed), impunity_justice, state_replies
// (count), updates (count), external_ref, submitted_at, published_at, updated_at, resolution_date,
// url path.
std::string AlertCsvHeader();
// One row for `alert`, ending in CRLF, as `view` allows.
std::string AlertCsvRow(const Alert& alert, const AlertView& view);

}  // namespace soj::tracker
