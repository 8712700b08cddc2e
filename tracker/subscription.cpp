#include "tracker/subscription.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "tracker/validation.hpp"

namespace soj::tracker {
namespace json = boost::json;

namespace {

template <class T>
bool AnyOrContains(const std::vector<T>& values, const T& value) {
  return values.empty() || std::find(values.begin(), values.end(), value) != values.end();
}

// Reads an optional array of strings at `path`, each checked by `accept` (which returns false
// to report "message"); repeats are errors.
std::vector<std::string> StringArray(const json::value* value, const std::string& path,
                                     std::string_view message,
                                     const std::function<bool(std::string_view)>& accept,
                                     FieldErrors& errors) {
  std::vector<std::string> out;
  if (value == nullptr || value->is_null()) return out;
  if (!value->is_array()) {
    errors.Add(path, "must be an array of strings");
    return out;
  }
  if (value->as_array().size() > kMaxFilterValues) {
    errors.Add(path, "may hold at most " + std::to_string(kMaxFilterValues) + " values");
    return out;
  }
  std::size_t i = 0;
  for (const json::value& item : value->as_array()) {
    const std::string item_path = path + "[" + std::to_string(i++) + "]";
    if (!item.is_string()) {
      errors.Add(item_path, "must be a string");
      continue;
    }
    std::string text(item.as_string());
    if (!accept(text)) {
      errors.Add(item_path, std::string(message));
      continue;
    }
    if (std::find(out.begin(), out.end(), text) != out.end()) {
      errors.Add(item_path, "is repeated");
      continue;
    }
    out.push_back(std::move(text));
  }
  return out;
}

json::array Strings(const std::vector<std::string>& values) {
  json::array out;
  for (const auto& v : values) out.emplace_back(v);
  return out;
}

Principal OwnerFromActor(std::string_view actor) {
  if (actor.starts_with("partner:")) return Principal::Partner(std::string(actor.substr(8)));
  if (actor.starts_with("state:")) return Principal::State(std::string(actor.substr(6)));
  if (actor == "admin") return Principal::Admin();
  return Principal::Public();
}

}  // namespace

bool Subscription::Wants(WebhookEvent event) const {
  return std::find(events.begin(), events.end(), event) != events.end();
}

bool Subscription::OwnerMaySee(const Alert& alert) const {
  if (owner.role != Role::kState && owner.role != Role::kPartner && owner.role != Role::kAdmin)
    return false;
  if (owner.role == Role::kState && alert.content.country != owner.country) return false;
  return alert.IsPublic() && owner.CanSee(alert);
}

bool Subscription::Covers(const Alert& alert) const {
  if (!Active() || !OwnerMaySee(alert)) return false;
  if (!AnyOrContains(filters.countries, alert.content.country)) return false;
  if (!filters.categories.empty() &&
      std::none_of(filters.categories.begin(), filters.categories.end(),
                   [&](Category c) { return alert.content.HasCategory(c); }))
    return false;
  if (!filters.partners.empty() &&
      std::none_of(filters.partners.begin(), filters.partners.end(),
                   [&](const std::string& p) { return alert.content.HasPartner(p); }))
    return false;
  return true;
}

bool Subscription::ManagedBy(const Principal& who) const {
  switch (who.role) {
    case Role::kAdmin:
      return true;
    case Role::kPartner:
      return owner.role == Role::kPartner && owner.partner == who.partner;
    case Role::kState:
      return owner.role == Role::kState && owner.country == who.country;
    default:
      return false;
  }
}

std::string CredentialOf(const Principal& who) {
  return who.token_id.empty() ? std::string() : "token:" + who.token_id;
}

std::string_view TokenIdOf(std::string_view credential) {
  constexpr std::string_view kToken = "token:";
  return credential.starts_with(kToken) ? credential.substr(kToken.size()) : std::string_view();
}

SubscriptionRequest ParseSubscriptionRequest(const json::value& value,
                                             const PartnerDirectory& partners,
                                             FieldErrors& errors) {
  SubscriptionRequest request;
  const json::object* body = value.if_object();
  if (body == nullptr) {
    errors.Add("", "the body must be a JSON object");
    return request;
  }
  for (const auto& [key, member] : *body)
    if (key != "url" && key != "events" && key != "filters" && key != "description")
      errors.Add(std::string(key), "unknown field");

  const json::value* url = body->if_contains("url");
  if (url == nullptr || url->is_null())
    errors.Add("url", "is required");
  else if (!url->is_string())
    errors.Add("url", "must be a string");
  else
    request.url = std::string(url->as_string());

  const json::value* events = body->if_contains("events");
  if (events == nullptr || events->is_null()) {
    errors.Add("events",
               "is required: one or more of alert.published, alert.updated, "
               "alert.resolved, reply.posted, update.posted");
  } else {
    const std::size_t before = errors.items().size();
    auto names = StringArray(
        events, "events",
        "must be one of alert.published, alert.updated, alert.resolved, "
        "reply.posted, update.posted",
        [](std::string_view s) {
          return EnumFromName<WebhookEvent>(s, kWebhookEventNames).has_value();
        },
        errors);
    for (const auto& name : names)
      request.events.push_back(*EnumFromName<WebhookEvent>(name, kWebhookEventNames));
    if (request.events.empty() && errors.items().size() == before)
      errors.Add("events", "must not be empty");
  }

  if (const json::value* filters = body->if_contains("filters");
      filters != nullptr && !filters->is_null()) {
    if (!filters->is_object()) {
      errors.Add("filters", "must be an object with country, category and partner lists");
    } else {
      const json::object& f = filters->as_object();
      for (const auto& [key, member] : f)
        if (key != "country" && key != "category" && key != "partner")
          errors.Add("filters." + std::string(key), "unknown filter");
      request.filters.countries = StringArray(
          f.if_contains("country"), "filters.country", "must be a country in scope",
          [](std::string_view s) { return FindCountry(s) != nullptr; }, errors);
      auto categories = StringArray(
          f.if_contains("category"), "filters.category",
          "must be one of attack, detention, harassment, impunity, chilling",
          [](std::string_view s) { return EnumFromName<Category>(s, kCategoryNames).has_value(); },
          errors);
      for (const auto& name : categories)
        request.filters.categories.push_back(*EnumFromName<Category>(name, kCategoryNames));
      request.filters.partners = StringArray(
          f.if_contains("partner"), "filters.partner", "must be a registered partner id",
          [&](std::string_view s) { return partners.Contains(s); }, errors);
    }
  }

  if (const json::value* description = body->if_contains("description");
      description != nullptr && !description->is_null()) {
    if (!description->is_string())
      errors.Add("description", "must be a string");
    else
      request.description = CleanText(description->as_string(), "description",
                                      kMaxSubscriptionDescriptionChars, true, errors);
  }
  return request;
}

json::object SubscriptionToJson(const Subscription& s) {
  json::array events;
  for (WebhookEvent e : s.events) events.emplace_back(ToString(e));
  json::array categories;
  for (Category c : s.filters.categories) categories.emplace_back(ToString(c));
  return json::object{
      {"id", s.id},
      {"url", s.url},
      {"events", std::move(events)},
      {"filters", json::object{{"country", Strings(s.filters.countries)},
                               {"category", std::move(categories)},
                               {"partner", Strings(s.filters.partners)}}},
      {"description", s.description},
      {"owner", s.owner.Actor()},
      {"credential", s.credential.empty() ? json::value(nullptr) : json::value(s.credential)},
      {"created_at", s.created_at.ToString()},
      {"stopped", s.stopped_at ? json::value(json::object{{"at", s.stopped_at->ToString()},
                                                          {"reason", s.stopped_reason}})
                               : json::value(nullptr)}};
}

std::string EncodeSubscription(const Subscription& s) {
  json::object o = SubscriptionToJson(s);
  o["secret"] = s.secret;
  return json::serialize(o);
}

Result<Subscription> DecodeSubscription(std::string_view text) {
  const Error damaged = Error::Internal("damaged subscription record");
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return damaged;
  const json::object& o = v.as_object();
  Subscription s;
  try {
    s.id = std::string(o.at("id").as_string());
    s.url = std::string(o.at("url").as_string());
    s.description = std::string(o.at("description").as_string());
    s.secret = std::string(o.at("secret").as_string());
    s.owner = OwnerFromActor(o.at("owner").as_string());
    auto created = Timestamp::Parse(o.at("created_at").as_string());
    if (!created || s.owner.role == Role::kPublic) return damaged;
    s.created_at = *created;
    // Absent from records stored before subscriptions were bound: left empty, so inactive.
    if (const json::value* credential = o.if_contains("credential");
        credential != nullptr && credential->is_string())
      s.credential = std::string(credential->as_string());
    if (const json::value* stopped = o.if_contains("stopped");
        stopped != nullptr && stopped->is_object()) {
      auto at = Timestamp::Parse(stopped->as_object().at("at").as_string());
      if (!at) return damaged;
      s.stopped_at = *at;
      s.stopped_reason = std::string(stopped->as_object().at("reason").as_string());
    }
    for (const json::value& e : o.at("events").as_array()) {
      auto event = EnumFromName<WebhookEvent>(e.as_string(), kWebhookEventNames);
      if (!event) return damaged;
      s.events.push_back(*event);
    }
    const json::object& f = o.at("filters").as_object();
    for (const json::value& c : f.at("country").as_array())
      s.filters.countries.emplace_back(c.as_string());
    for (const json::value& c : f.at("category").as_array()) {
      auto category = EnumFromName<Category>(c.as_string(), kCategoryNames);
      if (!category) return damaged;
      s.filters.categories.push_back(*category);
    }
    for (const json::value& p : f.at("partner").as_array())
      s.filters.partners.emplace_back(p.as_string());
  } catch (const std::exception&) {
    return damaged;
  }
  return s;
}

std::optional<WebhookEvent> WebhookEventOf(const Event& event) {
  switch (event.kind) {
    case EventKind::kTransitioned: {
      const json::value* from = event.detail.if_contains("from");
      const json::value* to = event.detail.if_contains("to");
      if (to == nullptr || !to->is_string()) return std::nullopt;
      if (to->as_string() == "resolved") return WebhookEvent::kAlertResolved;
      if (to->as_string() != "published") return std::nullopt;
      if (from != nullptr && from->is_string() && from->as_string() == "draft")
        return WebhookEvent::kAlertPublished;
      return WebhookEvent::kAlertUpdated;  // reopened
    }
    case EventKind::kEdited:
    case EventKind::kMergedFrom:
      return WebhookEvent::kAlertUpdated;
    case EventKind::kReplyAdded:
      return WebhookEvent::kReplyPosted;
    case EventKind::kUpdateAdded:
      return WebhookEvent::kUpdatePosted;
    default:
      return std::nullopt;
  }
}

}  // namespace soj::tracker
