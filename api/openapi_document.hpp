#pragma once
// The OpenAPI 3.1 description of the HTTP interface (api/openapi.json, embedded at build time).

#include <string_view>

namespace soj::api {

std::string_view OpenApiDocument();

}  // namespace soj::api
