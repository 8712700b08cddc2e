#pragma once
// SerializeJson: Boost.JSON's serializer, except for doubles. Boost.JSON 1.81 writes 0.5 as
// "5E-1", valid JSON that surprises people reading a reply rate; here every double is written
// in its shortest plain form that reads back to the same value ("0.5", "0.3333333333333333").

#include <boost/json/value.hpp>
#include <string>

namespace soj::api {

std::string SerializeJson(const boost::json::value& value);

}  // namespace soj::api
