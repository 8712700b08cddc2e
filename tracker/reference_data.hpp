#pragma once
// Reference data: the countries in the platform's scope, the alert categories, and the
// registered partner organisations. Countries and categories are fixed data compiled in;
// partners live in the store (seeded on first start, editable by admins).

#include <mutex>
#include <shared_mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tracker/model.hpp"

namespace soj::tracker {

struct Country {
  std::string_view code;             // ISO 3166-1 alpha-2
  std::string_view name;             // English short name
  bool member;                       // Council of Europe member state
  std::string_view monitored_since;  // YYYY-MM-DD: first day alerts are taken for it
};

// The 46 member states plus the monitored non-member states (BY, RU), ordered by code.
std::span<const Country> Countries();
// Null when `code` is not in scope (codes are upper case).
const Country* FindCountry(std::string_view code);

struct CategoryInfo {
  Category category;
  std::string_view description;
};
std::span<const CategoryInfo> Categories();

struct Partner {
  std::string id;    // "efj"
  std::string name;  // "European Federation of Journalists"
  bool operator==(const Partner&) const = default;
};

// The platform's fifteen partner organisations, as seeded into a new store.
std::vector<Partner> SeedPartners();

// The registered partners, shared by all threads.
class PartnerDirectory {
 public:
  explicit PartnerDirectory(std::vector<Partner> partners) : partners_(std::move(partners)) {}
  bool Contains(std::string_view id) const;
  std::vector<Partner> All() const;
  void Replace(std::vector<Partner> partners);

 private:
  mutable std::shared_mutex mutex_;
  std::vector<Partner> partners_;
};

}  // namespace soj::tracker
