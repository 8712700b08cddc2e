#pragma once
// Router: the route table. Each route is a method, a path pattern with {params}, an
// operation id (the OpenAPI operationId) and a handler. Matching is by path segments; a path
// that exists under other methods gives the list for a 405 Allow header.

#include <boost/url/params_view.hpp>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "api/http_message.hpp"
#include "tracker/principal.hpp"

namespace soj::api {

struct RequestContext {
  const HttpRequest& request;
  tracker::Principal principal;
  std::vector<std::string> path_params;  // in pattern order, percent-decoded
  boost::urls::params_view query;        // percent-decoded, repeated keys kept
};

using Handler = std::function<HttpResponse(RequestContext&)>;

struct Route {
  std::string method;        // "GET"
  std::string pattern;       // "/api/v1/alerts/{id}"
  std::string operation_id;  // "getAlert"
  Handler handler;
  // The handler never waits for a write: it queues it and answers through
  // HttpResponse::after_write, so it may run on a network thread.
  bool queues_writes = false;
  // The route's answers never carry anything of an alert (reference data, the OpenAPI
  // document, hashed assets): a shared cache may keep its public answers for the max-age the
  // handler gives. Every other public answer is `public, no-cache` (api/caching.hpp,
  // PublicCacheControl), so no cache serves a victim's name after it was withheld.
  bool free_of_alert_content = false;
};

class Router {
 public:
  void Add(Route route);

  struct Match {
    const Route* route = nullptr;      // null when nothing matched this method
    std::vector<std::string> params;   // when route is set
    std::vector<std::string> allowed;  // methods the path has, when route is null
  };
  // `path` is the decoded path of the request.
  Match Find(std::string_view method, std::string_view path) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  struct Compiled {
    std::vector<std::string> segments;  // "{}" marks a parameter
  };
  std::vector<Route> routes_;
  std::vector<Compiled> compiled_;
};

// Splits "/a/b/c" into {"a","b","c"}; a trailing slash yields a final empty segment.
std::vector<std::string_view> SplitPath(std::string_view path);

}  // namespace soj::api
