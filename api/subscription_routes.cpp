// Webhook subscriptions: POST/GET/DELETE /api/v1/subscriptions, a subscription's recent
// deliveries and the redeliver action. Handlers translate between HTTP and
// SubscriptionService; the service decides who may do what.

#include <boost/json.hpp>
#include <charconv>
#include <chrono>

#include "api/api.hpp"
#include "api/responses.hpp"
#include "tracker/subscription_service.hpp"

namespace soj::api {
namespace {

namespace json = boost::json;

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

HttpResponse ItemsResponse(json::array items) {
  return JsonResponse(200, json::object{{"items", std::move(items)}});
}

struct DeliveryQuery {
  std::optional<tracker::DeliveryState> state;
  std::size_t limit = tracker::kDefaultDeliveriesPage;
};

// ?state=pending|delivered|failed&limit=1..200; anything else is a 400 naming the parameter.
BodyOr<DeliveryQuery> ParseDeliveryQuery(const boost::urls::params_view& params) {
  DeliveryQuery query;
  std::vector<tracker::FieldError> errors;
  for (const auto& param : params) {
    if (param.key == "state") {
      query.state =
          tracker::EnumFromName<tracker::DeliveryState>(param.value, tracker::kDeliveryStateNames);
      if (!query.state) errors.push_back({"state", "must be pending, delivered or failed"});
    } else if (param.key == "limit") {
      const std::string& text = param.value;
      std::size_t limit = 0;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), limit);
      if (ec != std::errc() || end != text.data() + text.size() || limit < 1 ||
          limit > tracker::kMaxDeliveriesPage)
        errors.push_back(
            {"limit", "must be a number from 1 to " + std::to_string(tracker::kMaxDeliveriesPage)});
      else
        query.limit = limit;
    } else {
      errors.push_back({param.key, "unknown parameter; this list takes state and limit"});
    }
  }
  if (!errors.empty())
    return ProblemResponse(400, "the query has unknown or invalid parameters", errors);
  return query;
}

class SubscriptionRoutes {
 public:
  explicit SubscriptionRoutes(tracker::SubscriptionService& service) : service_(service) {}

  HttpResponse Create(RequestContext& ctx) {
    // Rights before the body: the public learns it needs a token, not what the body lacks.
    if (auto denied = service_.List(ctx.principal); !denied) return ErrorResponse(denied.error());
    auto body = ReadJsonBody(ctx.request);
    if (auto* failed = std::get_if<HttpResponse>(&body)) return *failed;
    auto issued = service_.Create(ctx.principal, std::get<json::value>(body));
    if (!issued) return ErrorResponse(issued.error());
    const tracker::Subscription& s = issued->subscription;
    json::object out = tracker::SubscriptionToJson(s);
    out["secret"] = s.secret;  // the only time it is ever shown
    HttpResponse response = JsonResponse(201, out);
    response.Set("Location", "/api/v1/subscriptions/" + s.id);
    return response;
  }

  HttpResponse List(RequestContext& ctx) {
    auto list = service_.List(ctx.principal);
    if (!list) return ErrorResponse(list.error());
    json::array items;
    for (const auto& s : *list) items.push_back(tracker::SubscriptionToJson(s));
    return ItemsResponse(std::move(items));
  }

  HttpResponse Get(RequestContext& ctx) {
    auto s = service_.Get(ctx.principal, ctx.path_params[0]);
    if (!s) return ErrorResponse(s.error());
    return JsonResponse(200, tracker::SubscriptionToJson(*s));
  }

  HttpResponse Delete(RequestContext& ctx) {
    auto removed = service_.Delete(ctx.principal, ctx.path_params[0]);
    if (!removed) return ErrorResponse(removed.error());
    HttpResponse response;
    response.status = 204;
    return response;
  }

  HttpResponse Deliveries(RequestContext& ctx) {
    auto query = ParseDeliveryQuery(ctx.query);
    if (auto* failed = std::get_if<HttpResponse>(&query)) return *failed;
    const DeliveryQuery& q = std::get<DeliveryQuery>(query);
    auto list = service_.Deliveries(ctx.principal, ctx.path_params[0], q.state, q.limit);
    if (!list) return ErrorResponse(list.error());
    json::array items;
    for (const auto& d : *list) items.push_back(tracker::DeliveryToJson(d));
    return ItemsResponse(std::move(items));
  }

  HttpResponse Redeliver(RequestContext& ctx) {
    auto queued =
        service_.Redeliver(ctx.principal, ctx.path_params[0], ctx.path_params[1], NowMs());
    if (!queued) return ErrorResponse(queued.error());
    return JsonResponse(202, tracker::DeliveryToJson(*queued));
  }

 private:
  tracker::SubscriptionService& service_;
};

}  // namespace

void AddSubscriptionRoutes(Router& router, const RouteDeps& deps) {
  auto routes = std::make_shared<SubscriptionRoutes>(deps.platform.subscriptions());
  auto bind = [routes](HttpResponse (SubscriptionRoutes::*method)(RequestContext&)) {
    return [routes, method](RequestContext& ctx) { return ((*routes).*method)(ctx); };
  };
  router.Add(
      {"POST", "/api/v1/subscriptions", "createSubscription", bind(&SubscriptionRoutes::Create)});
  router.Add(
      {"GET", "/api/v1/subscriptions", "listSubscriptions", bind(&SubscriptionRoutes::List)});
  router.Add(
      {"GET", "/api/v1/subscriptions/{id}", "getSubscription", bind(&SubscriptionRoutes::Get)});
  router.Add({"DELETE", "/api/v1/subscriptions/{id}", "deleteSubscription",
              bind(&SubscriptionRoutes::Delete)});
  router.Add({"GET", "/api/v1/subscriptions/{id}/deliveries", "listDeliveries",
              bind(&SubscriptionRoutes::Deliveries)});
  router.Add({"POST", "/api/v1/subscriptions/{id}/deliveries/{delivery_id}/redeliver",
              "redeliverDelivery", bind(&SubscriptionRoutes::Redeliver)});
}

}  // namespace soj::api
