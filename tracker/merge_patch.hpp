#pragma once
// JSON Merge Patch (RFC 7396).

#include <boost/json/value.hpp>

namespace soj::tracker {

// Applies `patch` to `target` as RFC 7396 says: objects merge member by member, null
// removes a member, anything else (arrays included) replaces.
boost::json::value ApplyMergePatch(boost::json::value target, const boost::json::value& patch);

}  // namespace soj::tracker
