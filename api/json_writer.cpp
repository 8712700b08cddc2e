#include "api/json_writer.hpp"

#include <boost/json.hpp>
#include <charconv>
#include <cmath>

namespace soj::api {
namespace {

namespace json = boost::json;

bool ContainsDouble(const json::value& value) {
  switch (value.kind()) {
    case json::kind::double_:
      return true;
    case json::kind::array:
      for (const json::value& item : value.get_array())
        if (ContainsDouble(item)) return true;
      return false;
    case json::kind::object:
      for (const auto& member : value.get_object())
        if (ContainsDouble(member.value())) return true;
      return false;
    default:
      return false;
  }
}

void Write(const json::value& value, std::string& out) {
  switch (value.kind()) {
    case json::kind::double_: {
      const double number = value.get_double();
      if (!std::isfinite(number)) {
        out += "null";  // JSON has no infinities; nothing we compute should produce one
        return;
      }
      char buffer[32];
      auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, number);
      out.append(buffer, end);
      return;
    }
    case json::kind::array: {
      out.push_back('[');
      bool first = true;
      for (const json::value& item : value.get_array()) {
        if (!first) out.push_back(',');
        first = false;
        Write(item, out);
      }
      out.push_back(']');
      return;
    }
    case json::kind::object: {
      out.push_back('{');
      bool first = true;
      for (const auto& member : value.get_object()) {
        if (!first) out.push_back(',');
        first = false;
        out += json::serialize(json::string(member.key()));
        out.push_back(':');
        Write(member.value(), out);
      }
      out.push_back('}');
      return;
    }
    default:
      out += json::serialize(value);
  }
}

}  // namespace

std::string SerializeJson(const json::value& value) {
  // Most documents have no double: the library's serializer is faster on those.
  if (!ContainsDouble(value)) return json::serialize(value);
  std::string out;
  Write(value, out);
  return out;
}

}  // namespace soj::api
