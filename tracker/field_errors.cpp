#include "tracker/error.hpp"

namespace soj::tracker {
namespace {

// True when `path` is `parent` or lies inside it ("victims[0].name" inside "victims").
bool IsWithin(std::string_view path, std::string_view parent) {
  if (path.substr(0, parent.size()) != parent) return false;
  if (path.size() == parent.size()) return true;
  char next = path[parent.size()];
  return next == '.' || next == '[';
}

}  // namespace

void FieldErrors::Add(std::string field, std::string message) {
  for (const FieldError& e : errors_)
    if (IsWithin(field, e.field)) return;
  errors_.push_back({std::move(field), std::move(message)});
}

bool FieldErrors::Has(std::string_view field) const {
  for (const FieldError& e : errors_)
    if (IsWithin(field, e.field)) return true;
  return false;
}

}  // namespace soj::tracker
