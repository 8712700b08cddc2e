#include "tracker/merge_patch.hpp"

#include <boost/json/object.hpp>

namespace soj::tracker {

boost::json::value ApplyMergePatch(boost::json::value target, const boost::json::value& patch) {
  if (!patch.is_object()) return patch;
  if (!target.is_object()) target = boost::json::object();
  auto& object = target.as_object();
  for (const auto& [key, value] : patch.as_object()) {
    if (value.is_null()) {
      object.erase(key);
    } else {
      auto* existing = object.if_contains(key);
      object[key] = ApplyMergePatch(existing ? *existing : boost::json::value(), value);
    }
  }
  return target;
}

}  // namespace soj::tracker
