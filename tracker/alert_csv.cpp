#include "tracker/alert_csv.hpp"

#include <algorithm>

namespace soj::tracker {
namespace {

template <class Range, class Fn>
std::string Join(const Range& items, Fn&& text) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ';';
    out += text(item);
  }
  return out;
}

// A victim part inside the victims cell: the separators '|' and ';' and the escape '\\' itself
// are escaped with a backslash, so any name splits back unambiguously.
std::string VictimPart(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '|' || c == ';') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

}  // namespace

void AppendCsvField(std::string* line, std::string_view value) {
  const bool formula = !value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' ||
                                          value[0] == '@' || value[0] == '\t' || value[0] == '\r');
  const bool quote = formula || value.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quote) {
    *line += value;
    return;
  }
  line->push_back('"');
  if (formula) line->push_back('\'');
  for (char c : value) {
    if (c == '"') line->push_back('"');
    line->push_back(c);
  }
  line->push_back('"');
}

std::string AlertCsvHeader() {
  return "id,title,country,incident_date,categories,threat_source,level,status,partners,"
         "victims,detained_now,killed,impunity_justice,state_replies,updates,external_ref,"
         "submitted_at,published_at,updated_at,resolution_date,url\r\n";
}

std::string AlertCsvRow(const Alert& alert, const AlertView& view) {
  const AlertContent& c = alert.content;
  std::string line;
  auto field = [&](std::string_view value) {
    if (!line.empty()) line.push_back(',');
    AppendCsvField(&line, value);
  };
  // The first field must not be skipped by the "not empty" separator rule above.
  line = std::to_string(alert.id);
  field(c.title);
  field(c.country);
  field(c.incident_date.ToString());
  field(Join(c.categories, [](Category cat) { return std::string(ToString(cat)); }));
  field(ToString(c.threat_source));
  field(std::to_string(c.level));
  field(ToString(alert.status));
  field(Join(c.partners, [](const std::string& p) { return p; }));
  field(Join(c.victims, [&](const Victim& v) {
    const bool hide = !ShowsIdentity(v, view);
    std::string text = hide ? "(withheld)" : VictimPart(v.name);
    text += '|';
    text += ToString(v.kind);
    text += '|';
    text += ToString(v.gender);
    text += '|';
    if (!hide && v.outlet) text += VictimPart(*v.outlet);
    return text;
  }));
  auto detained = std::count_if(c.victims.begin(), c.victims.end(), [](const Victim& v) {
    return std::any_of(v.detentions.begin(), v.detentions.end(),
                       [](const DetentionPeriod& p) { return !p.until; });
  });
  auto killed = std::count_if(c.victims.begin(), c.victims.end(),
                              [](const Victim& v) { return v.killed_on.has_value(); });
  field(std::to_string(detained));
  field(std::to_string(killed));
  field(c.impunity ? ToString(c.impunity->justice) : "");
  field(std::to_string(alert.state_replies.size()));
  field(std::to_string(alert.updates.size()));
  field(c.external_ref.value_or(""));
  field(alert.submitted_at.ToString());
  field(alert.published_at ? alert.published_at->ToString() : "");
  field(alert.updated_at.ToString());
  field(alert.resolution ? alert.resolution->date.ToString() : "");
  field("/alerts/" + std::to_string(alert.id));
  line += "\r\n";
  return line;
}

}  // namespace soj::tracker
