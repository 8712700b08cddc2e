#include "tracker/model.hpp"

#include <algorithm>

namespace soj::tracker {

bool AlertContent::HasCategory(Category c) const {
  return std::find(categories.begin(), categories.end(), c) != categories.end();
}

bool AlertContent::HasPartner(std::string_view partner) const {
  return std::find(partners.begin(), partners.end(), partner) != partners.end();
}

bool Alert::IsPublic() const {
  return !merged_into && (status == AlertStatus::kPublished || status == AlertStatus::kResolved);
}

}  // namespace soj::tracker
