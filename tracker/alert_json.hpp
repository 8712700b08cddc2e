#pragma once
// JSON <-> alert codecs (Boost.JSON). Parsing collects every field error with its path
// ("victims[1].detentions[0].until") instead of stopping at the first; unknown fields are
// errors so typos do not vanish silently.

#include <boost/json/value.hpp>
#include <string_view>

#include "tracker/error.hpp"
#include "tracker/model.hpp"

namespace soj::tracker {

// Limits applied while parsing, before anything is stored.
inline constexpr std::size_t kMaxJsonDepth = 32;
inline constexpr std::size_t kMaxVictims = 200;
inline constexpr std::size_t kMaxDetentionsPerVictim = 100;
inline constexpr std::size_t kMaxSources = 50;
inline constexpr std::size_t kMaxPartnersPerAlert = 50;
inline constexpr std::size_t kMaxNotes = 1000;

// Parses a JSON text with the project's parser limits (depth, no comments). Returns a
// kBadRequest error naming the problem when the text is not JSON.
Result<boost::json::value> ParseJsonText(std::string_view text);

// Reads the editable fields of an alert (SPEC "Required on create" and defaults). Type and
// shape errors (wrong JSON type, unknown enum value, malformed date, unknown field, limits)
// go to `errors`; rule checks that need context (scope, today, partners) are in validation.hpp.
// Server-set fields (id, status, version, ...) are reported as errors.
AlertContent ParseAlertContent(const boost::json::value& json, FieldErrors& errors);

// Reads a whole alert document, server-set fields included (stored documents, imports).
Alert ParseAlertDocument(const boost::json::value& json, FieldErrors& errors);

// What a reader of the JSON may see. The default is what the public sees.
struct AlertView {
  bool reveal_withheld = false;  // the identity of withheld victims (see ShowsIdentity)
  bool internal = false;         // submitted_by, merged_partners (for editors and the store)
};

// Whether `victim`'s identity is shown in `view`: its name, its outlet and every field that
// links it to a person or outlet elsewhere (person_id). They go together: a link next to a
// hidden name would name the victim to anyone who finds the same link on a named victim. A
// withheld victim shows none of them unless the view reveals withheld victims. Every writer
// of victims (JSON, CSV, pages, statistics) asks this and nothing else.
bool ShowsIdentity(const Victim& victim, const AlertView& view);

// The SPEC's alert JSON. Victims whose identity is not shown (ShowsIdentity) lose `name`,
// `outlet` and `person_id`. `merged_into` appears only for merged alerts.
boost::json::value AlertToJson(const Alert& alert, const AlertView& view);

// The editable fields as a JSON object (the base a JSON merge patch applies to).
boost::json::object ContentToJson(const AlertContent& content);

// The stored form: everything, withheld names included.
std::string EncodeAlertDocument(const Alert& alert);
Result<Alert> DecodeAlertDocument(std::string_view text);

}  // namespace soj::tracker
