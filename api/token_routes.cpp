// POST/GET/DELETE /api/v1/tokens: admins issue, list and revoke API tokens.

#include <boost/json.hpp>

#include "api/api.hpp"
#include "api/responses.hpp"
#include "tracker/token_service.hpp"

namespace soj::api {
namespace {

namespace json = boost::json;

json::object TokenJson(const tracker::TokenRecord& record) {
  json::object out{{"id", record.id},
                   {"name", record.name},
                   {"role", tracker::ToString(record.role)},
                   {"created_at", record.created_at.ToString()},
                   {"revoked_at", record.revoked_at ? json::value(record.revoked_at->ToString())
                                                    : json::value(nullptr)}};
  if (!record.partner.empty()) out["partner"] = record.partner;
  if (!record.country.empty()) out["country"] = record.country;
  return out;
}

std::string StringMember(const json::object& body, std::string_view key,
                         tracker::FieldErrors& errors) {
  const json::value* value = body.if_contains(key);
  if (value == nullptr || value->is_null()) return {};
  if (!value->is_string()) {
    errors.Add(std::string(key), "must be a string");
    return {};
  }
  return std::string(value->as_string());
}

}  // namespace

void AddTokenRoutes(Router& router, const RouteDeps& deps) {
  tracker::TokenService& tokens = deps.platform.tokens();

  router.Add({"POST", "/api/v1/tokens", "createToken", [&tokens](RequestContext& ctx) {
                if (ctx.principal.role != tracker::Role::kAdmin)
                  return ErrorResponse(tokens.List(ctx.principal).error());
                auto body = ReadJsonObject(ctx.request, {"role", "partner", "country", "name"});
                if (auto* failed = std::get_if<HttpResponse>(&body)) return *failed;
                const json::object& object = std::get<json::object>(body);
                tracker::FieldErrors errors;
                std::string role_name = StringMember(object, "role", errors);
                auto role = tracker::EnumFromName<tracker::Role>(role_name, tracker::kRoleNames);
                if (!role || *role == tracker::Role::kPublic)
                  errors.Add("role", "must be partner, editor, state, analyst or admin");
                std::string name = StringMember(object, "name", errors);
                std::string partner = StringMember(object, "partner", errors);
                std::string country = StringMember(object, "country", errors);
                if (!errors.empty()) return ErrorResponse(tracker::Error::Invalid(errors.Take()));
                auto issued = tokens.Create(ctx.principal, *role, partner, country, name);
                if (!issued) return ErrorResponse(issued.error());
                json::object out = TokenJson(issued->record);
                out["secret"] = issued->secret;  // the only time it is ever shown
                return JsonResponse(201, out);
              }});

  router.Add({"GET", "/api/v1/tokens", "listTokens", [&tokens](RequestContext& ctx) {
                auto list = tokens.List(ctx.principal);
                if (!list) return ErrorResponse(list.error());
                json::array items;
                for (const auto& record : *list) items.push_back(TokenJson(record));
                return JsonResponse(200, json::object{{"items", std::move(items)}});
              }});

  router.Add({"DELETE", "/api/v1/tokens/{id}", "revokeToken", [&tokens](RequestContext& ctx) {
                auto revoked = tokens.Revoke(ctx.principal, ctx.path_params[0]);
                if (!revoked) return ErrorResponse(revoked.error());
                return JsonResponse(200, TokenJson(*revoked));
              }});
}

}  // namespace soj::api
