#include "api/router.hpp"

#include <algorithm>

namespace soj::api {

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> out;
  if (path.starts_with('/')) path.remove_prefix(1);
  while (true) {
    std::size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

void Router::Add(Route route) {
  Compiled compiled;
  for (std::string_view segment : SplitPath(route.pattern))
    compiled.segments.emplace_back(segment.starts_with('{') ? "{}" : std::string(segment));
  routes_.push_back(std::move(route));
  compiled_.push_back(std::move(compiled));
}

Router::Match Router::Find(std::string_view method, std::string_view path) const {
  Match match;
  const std::vector<std::string_view> segments = SplitPath(path);
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    const auto& pattern = compiled_[i].segments;
    if (pattern.size() != segments.size()) continue;
    std::vector<std::string> params;
    bool fits = true;
    for (std::size_t s = 0; s < pattern.size() && fits; ++s) {
      if (pattern[s] == "{}") {
        fits = !segments[s].empty();
        params.emplace_back(segments[s]);
      } else {
        fits = pattern[s] == segments[s];
      }
    }
    if (!fits) continue;
    const bool same_method =
        routes_[i].method == method || (method == "HEAD" && routes_[i].method == "GET");
    if (same_method) {
      match.route = &routes_[i];
      match.params = std::move(params);
      return match;
    }
    if (std::find(match.allowed.begin(), match.allowed.end(), routes_[i].method) ==
        match.allowed.end())
      match.allowed.push_back(routes_[i].method);
  }
  if (std::find(match.allowed.begin(), match.allowed.end(), "GET") != match.allowed.end())
    match.allowed.push_back("HEAD");
  return match;
}

}  // namespace soj::api
