// Alert -> JSON, the JSON text parser with the project's limits, and the stored form. The
// readers (JSON -> alert) are in alert_json_parse.cpp.

#include "tracker/alert_json.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <new>
#include <optional>
#include <string>
#include <string_view>

namespace soj::tracker {
namespace {

namespace json = boost::json;

json::parse_options ParserLimits() {
  json::parse_options options;
  options.max_depth = kMaxJsonDepth;
  options.allow_comments = false;
  options.allow_trailing_commas = false;
  options.allow_invalid_utf8 = false;
  return options;
}

// Boost.JSON 1.81 does not say where a parse failed. Find it again by feeding the text to an
// incremental parser: big chunks until one fails, then that chunk byte by byte. Only runs for
// text already known to be bad.
std::size_t ErrorOffset(std::string_view text, const json::parse_options& options) {
  constexpr std::size_t kChunk = 64 * 1024;
  std::size_t good = 0;  // a prefix that parses without error
  {
    json::stream_parser probe(json::storage_ptr(), options);
    json::error_code ec;
    while (good < text.size()) {
      std::size_t n = std::min(kChunk, text.size() - good);
      probe.write(text.data() + good, n, ec);
      if (ec) break;
      good += n;
    }
    if (!ec) return text.size();  // every byte was fine: the text ends too early
  }
  json::stream_parser probe(json::storage_ptr(), options);
  json::error_code ec;
  if (good > 0) probe.write(text.data(), good, ec);
  for (std::size_t i = good; i < text.size(); ++i) {
    probe.write(text.data() + i, 1, ec);
    if (ec) return i;
  }
  return text.size();
}

// Parses `text`; on failure returns why ("syntax error at offset 12") and leaves `out` alone.
std::optional<std::string> ParseWithLimits(std::string_view text, json::value& out) {
  json::parse_options options = ParserLimits();
  try {
    json::error_code ec;
    json::parser parser(json::storage_ptr(), options);
    parser.write(text.data(), text.size(), ec);
    if (!ec) {
      out = parser.release();
      return std::nullopt;
    }
    return ec.message() + " at offset " + std::to_string(ErrorOffset(text, options));
  } catch (const std::bad_alloc&) {
    return std::string("too large to parse");
  } catch (const std::exception& e) {
    // Boost.JSON throws for limits such as string or array sizes past its maximum.
    return std::string(e.what());
  }
}

json::value Text(std::string_view s) { return json::value(json::string_view(s.data(), s.size())); }

json::value DateOrNull(const std::optional<Date>& date) {
  if (!date) return nullptr;
  return Text(date->ToString());
}

json::value VictimToJson(const Victim& victim, const AlertView& view) {
  // Withheld identities are left out entirely rather than blanked, so no reader can tell a
  // short name from a long one, or a linked victim from an unlinked one.
  const bool show_identity = ShowsIdentity(victim, view);
  json::object out;
  if (show_identity) out.emplace("name", Text(victim.name));
  out.emplace("withheld", victim.withheld);
  out.emplace("kind", Text(ToString(victim.kind)));
  out.emplace("gender", Text(ToString(victim.gender)));
  if (show_identity)
    out.emplace("outlet", victim.outlet ? Text(*victim.outlet) : json::value(nullptr));
  json::array detentions;
  for (const DetentionPeriod& period : victim.detentions) {
    json::object p;
    p.emplace("from", Text(period.from.ToString()));
    p.emplace("until", DateOrNull(period.until));
    detentions.emplace_back(std::move(p));
  }
  out.emplace("detentions", std::move(detentions));
  out.emplace("killed_on", DateOrNull(victim.killed_on));
  if (show_identity && victim.person_id) out.emplace("person_id", Text(*victim.person_id));
  return out;
}

// The content fields from `title` to `translations`, in the SPEC's order. `external_ref` is
// not among them: in the alert it comes after the server-set lists.
void AppendContent(const AlertContent& c, const AlertView& view, json::object& out) {
  out.emplace("title", Text(c.title));
  out.emplace("description", Text(c.description));
  out.emplace("country", Text(c.country));
  out.emplace("incident_date", Text(c.incident_date.ToString()));
  json::array categories;
  for (Category category : c.categories) categories.emplace_back(Text(ToString(category)));
  out.emplace("categories", std::move(categories));
  out.emplace("threat_source", Text(ToString(c.threat_source)));
  out.emplace("level", c.level);
  json::array partners;
  for (const std::string& partner : c.partners) partners.emplace_back(Text(partner));
  out.emplace("partners", std::move(partners));
  json::array victims;
  for (const Victim& victim : c.victims) victims.emplace_back(VictimToJson(victim, view));
  out.emplace("victims", std::move(victims));
  if (c.impunity) {
    json::object impunity;
    impunity.emplace("murder", c.impunity->murder);
    impunity.emplace("justice", Text(ToString(c.impunity->justice)));
    impunity.emplace("since", Text(c.impunity->since.ToString()));
    out.emplace("impunity", std::move(impunity));
  } else {
    out.emplace("impunity", nullptr);
  }
  json::array sources;
  for (const std::string& source : c.sources) sources.emplace_back(Text(source));
  out.emplace("sources", std::move(sources));
  json::object translations;
  for (const auto& [language, translation] : c.translations) {
    json::object t;
    if (translation.title) t.emplace("title", Text(*translation.title));
    if (translation.description) t.emplace("description", Text(*translation.description));
    translations.emplace(language, std::move(t));
  }
  out.emplace("translations", std::move(translations));
}

json::array NotesToJson(const std::vector<Note>& notes) {
  json::array out;
  for (const Note& note : notes) {
    json::object n;
    n.emplace("id", note.id);
    n.emplace("date", Text(note.date.ToString()));
    n.emplace("text", Text(note.text));
    n.emplace("posted_by", Text(note.posted_by));
    out.emplace_back(std::move(n));
  }
  return out;
}

}  // namespace

bool ShowsIdentity(const Victim& victim, const AlertView& view) {
  return !victim.withheld || view.reveal_withheld;
}

Result<json::value> ParseJsonText(std::string_view text) {
  json::value value;
  if (auto problem = ParseWithLimits(text, value))
    return Error::BadRequest("request body is not valid JSON: " + *problem);
  return value;
}

json::value AlertToJson(const Alert& alert, const AlertView& view) {
  json::object out;
  out.emplace("id", alert.id);
  AppendContent(alert.content, view, out);
  out.emplace("status", Text(ToString(alert.status)));
  if (alert.resolution) {
    json::object resolution;
    resolution.emplace("date", Text(alert.resolution->date.ToString()));
    resolution.emplace("reason", Text(alert.resolution->reason));
    out.emplace("resolution", std::move(resolution));
  } else {
    out.emplace("resolution", nullptr);
  }
  out.emplace("state_replies", NotesToJson(alert.state_replies));
  out.emplace("updates", NotesToJson(alert.updates));
  if (alert.content.external_ref) out.emplace("external_ref", Text(*alert.content.external_ref));
  out.emplace("submitted_at", Text(alert.submitted_at.ToString()));
  out.emplace("published_at",
              alert.published_at ? Text(alert.published_at->ToString()) : json::value(nullptr));
  out.emplace("updated_at", Text(alert.updated_at.ToString()));
  out.emplace("version", alert.version);
  if (alert.merged_into) out.emplace("merged_into", *alert.merged_into);
  if (view.internal) out.emplace("submitted_by", Text(alert.submitted_by));
  if (view.internal && !alert.merged_partners.empty()) {
    json::array merged_partners;
    for (const std::string& partner : alert.merged_partners)
      merged_partners.emplace_back(Text(partner));
    out.emplace("merged_partners", std::move(merged_partners));
  }
  return out;
}

json::object ContentToJson(const AlertContent& content) {
  json::object out;
  AppendContent(content, AlertView{.reveal_withheld = true, .internal = true}, out);
  if (content.external_ref) out.emplace("external_ref", Text(*content.external_ref));
  return out;
}

std::string EncodeAlertDocument(const Alert& alert) {
  return json::serialize(AlertToJson(alert, {.reveal_withheld = true, .internal = true}));
}

Result<Alert> DecodeAlertDocument(std::string_view text) {
  json::value value;
  if (auto problem = ParseWithLimits(text, value))
    return Error::Internal("stored alert document is not valid JSON: " + *problem);
  FieldErrors errors;
  Alert alert = ParseAlertDocument(value, errors);
  if (!errors.empty()) {
    // Field paths and rule messages only: the values themselves may be withheld names.
    const FieldError& first = errors.items().front();
    return Error::Internal("stored alert document is damaged: " + first.field + " " +
                           first.message);
  }
  return alert;
}

}  // namespace soj::tracker
