#include "tracker/event.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace soj::tracker {
namespace json = boost::json;

std::string EventActor(const Principal& who) {
  std::string actor = who.Actor();
  if (!who.token_id.empty()) actor += " (token " + who.token_id + ")";
  return actor;
}

json::object EventToJson(const Event& event) {
  json::object out;
  out["seq"] = event.seq;
  out["alert_id"] = event.alert_id;
  out["at"] = event.at.ToString();
  out["actor"] = event.actor;
  out["kind"] = ToString(event.kind);
  out["status"] = ToString(event.status);
  out["version"] = event.version;
  out["detail"] = event.detail;
  return out;
}

std::string EncodeEvent(const Event& event) { return json::serialize(EventToJson(event)); }

Result<Event> DecodeEvent(std::string_view text) {
  boost::system::error_code ec;
  json::value value = json::parse(text, ec);
  if (ec || !value.is_object()) return Error::Internal("damaged event record");
  const json::object& o = value.as_object();
  Event event;
  try {
    event.seq = o.at("seq").to_number<uint64_t>();
    event.alert_id = o.at("alert_id").to_number<uint64_t>();
    auto at = Timestamp::Parse(o.at("at").as_string());
    auto kind = EnumFromName<EventKind>(o.at("kind").as_string(), kEventKindNames);
    auto status = EnumFromName<AlertStatus>(o.at("status").as_string(), kStatusNames);
    if (!at || !kind || !status) return Error::Internal("damaged event record");
    event.at = *at;
    event.kind = *kind;
    event.status = *status;
    event.actor = std::string(o.at("actor").as_string());
    event.version = o.at("version").to_number<uint64_t>();
    event.detail = o.at("detail").as_object();
  } catch (const std::exception&) {
    return Error::Internal("damaged event record");
  }
  return event;
}

std::optional<json::object> PublicEventJson(const Event& event) {
  const bool public_status =
      event.status == AlertStatus::kPublished || event.status == AlertStatus::kResolved;
  if (!public_status && event.kind != EventKind::kMergedInto) return std::nullopt;
  json::object out;
  out["seq"] = event.seq;
  out["at"] = event.at.ToString();
  out["kind"] = ToString(event.kind);
  out["status"] = ToString(event.status);
  out["version"] = event.version;
  json::object detail;
  switch (event.kind) {
    case EventKind::kEdited:
      if (auto* fields = event.detail.if_contains("fields")) detail["fields"] = *fields;
      break;
    case EventKind::kCreated:
    case EventKind::kImported:
      break;
    case EventKind::kMergedFrom:
      // The merged alert may have been a draft: its id would reveal that it exists.
      break;
    default:
      detail = event.detail;
  }
  out["detail"] = std::move(detail);
  // Partners and state correspondents sign their notes publicly; editors stay "secretariat".
  std::string_view actor = event.actor;
  if (actor.starts_with("partner:") || actor.starts_with("state:"))
    out["actor"] = actor.substr(0, actor.find(' '));
  else
    out["actor"] = "secretariat";
  return out;
}

}  // namespace soj::tracker
