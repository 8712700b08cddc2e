// Fuzz target: an alert JSON body, as POST /api/v1/alerts and imports read it, through the
// parser and the validator; and a stored document through the document decoder.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tracker/alert_json.hpp"
#include "tracker/reference_data.hpp"
#include "tracker/validation.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace soj::tracker;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static const PartnerDirectory partners(SeedPartners());
  auto json = ParseJsonText(text);
  if (json) {
    FieldErrors errors;
    AlertContent content = ParseAlertContent(*json, errors);
    ValidateContent(content, {*Date::Parse("2026-11-29"), &partners}, errors);
    if (errors.empty()) (void)AlertToJson(Alert{.content = content}, AlertView{});
    FieldErrors document_errors;
    (void)ParseAlertDocument(*json, document_errors);
  }
  (void)DecodeAlertDocument(text);
  return 0;
}
