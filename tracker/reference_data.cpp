#include "tracker/reference_data.hpp"

#include <algorithm>
#include <array>

namespace soj::tracker {
namespace {

// The platform went live on 2 April 2015 and took alerts for every member state from then on.
constexpr std::string_view kPlatformLaunch = "2015-04-02";

// Names follow the Council of Europe's own usage (Republic of Moldova, Türkiye), since that is
// what readers of the platform's reports see. Kept sorted by code: FindCountry relies on it.
constexpr std::array<Country, 48> kCountries = {{
    {"AD", "Andorra", true, kPlatformLaunch},
    {"AL", "Albania", true, kPlatformLaunch},
    {"AM", "Armenia", true, kPlatformLaunch},
    {"AT", "Austria", true, kPlatformLaunch},
    {"AZ", "Azerbaijan", true, kPlatformLaunch},
    {"BA", "Bosnia and Herzegovina", true, kPlatformLaunch},
    {"BE", "Belgium", true, kPlatformLaunch},
    {"BG", "Bulgaria", true, kPlatformLaunch},
    // Not a member; the platform started taking alerts about Belarus in March 2023.
    {"BY", "Belarus", false, "2023-03-01"},
    {"CH", "Switzerland", true, kPlatformLaunch},
    {"CY", "Cyprus", true, kPlatformLaunch},
    {"CZ", "Czech Republic", true, kPlatformLaunch},
    {"DE", "Germany", true, kPlatformLaunch},
    {"DK", "Denmark", true, kPlatformLaunch},
    {"EE", "Estonia", true, kPlatformLaunch},
    {"ES", "Spain", true, kPlatformLaunch},
    {"FI", "Finland", true, kPlatformLaunch},
    {"FR", "France", true, kPlatformLaunch},
    {"GB", "United Kingdom", true, kPlatformLaunch},
    {"GE", "Georgia", true, kPlatformLaunch},
    {"GR", "Greece", true, kPlatformLaunch},
    {"HR", "Croatia", true, kPlatformLaunch},
    {"HU", "Hungary", true, kPlatformLaunch},
    {"IE", "Ireland", true, kPlatformLaunch},
    {"IS", "Iceland", true, kPlatformLaunch},
    {"IT", "Italy", true, kPlatformLaunch},
    {"LI", "Liechtenstein", true, kPlatformLaunch},
    {"LT", "Lithuania", true, kPlatformLaunch},
    {"LU", "Luxembourg", true, kPlatformLaunch},
    {"LV", "Latvia", true, kPlatformLaunch},
    {"MC", "Monaco", true, kPlatformLaunch},
    {"MD", "Republic of Moldova", true, kPlatformLaunch},
    {"ME", "Montenegro", true, kPlatformLaunch},
    {"MK", "North Macedonia", true, kPlatformLaunch},
    {"MT", "Malta", true, kPlatformLaunch},
    {"NL", "Netherlands", true, kPlatformLaunch},
    {"NO", "Norway", true, kPlatformLaunch},
    {"PL", "Poland", true, kPlatformLaunch},
    {"PT", "Portugal", true, kPlatformLaunch},
    {"RO", "Romania", true, kPlatformLaunch},
    {"RS", "Serbia", true, kPlatformLaunch},
    // Expelled from the Council of Europe in 2022; still monitored, with its earlier alerts.
    {"RU", "Russian Federation", false, kPlatformLaunch},
    {"SE", "Sweden", true, kPlatformLaunch},
    {"SI", "Slovenia", true, kPlatformLaunch},
    {"SK", "Slovak Republic", true, kPlatformLaunch},
    {"SM", "San Marino", true, kPlatformLaunch},
    {"TR", "Türkiye", true, kPlatformLaunch},
    {"UA", "Ukraine", true, kPlatformLaunch},
}};

// The SPEC's wording: the platform's published category definitions.
constexpr std::array<CategoryInfo, 5> kCategories = {{
    {Category::kAttack, "Attacks on physical safety and integrity of journalists"},
    {Category::kDetention, "Detention and imprisonment"},
    {Category::kHarassment,
     "Harassment and intimidation, judicial and political intimidation included"},
    {Category::kImpunity, "Failure to investigate and prosecute crimes against journalists"},
    {Category::kChilling, "Other acts having chilling effects on media freedom"},
}};

}  // namespace

std::span<const Country> Countries() { return kCountries; }

const Country* FindCountry(std::string_view code) {
  auto it = std::lower_bound(kCountries.begin(), kCountries.end(), code,
                             [](const Country& c, std::string_view k) { return c.code < k; });
  if (it == kCountries.end() || it->code != code) return nullptr;
  return &*it;
}

std::span<const CategoryInfo> Categories() { return kCategories; }

std::vector<Partner> SeedPartners() {
  return {
      {"article19", "ARTICLE 19"},
      {"aej", "Association of European Journalists"},
      {"cpj", "Committee to Protect Journalists"},
      {"ebu", "European Broadcasting Union"},
      {"ecpmf", "European Centre for Press and Media Freedom"},
      {"efj", "European Federation of Journalists"},
      {"fpu", "Free Press Unlimited"},
      {"index", "Index on Censorship"},
      {"ifj", "International Federation of Journalists"},
      {"insi", "International News Safety Institute"},
      {"ipi", "International Press Institute"},
      {"jfj", "Justice for Journalists"},
      {"pen", "PEN International"},
      {"rpt", "Rory Peck Trust"},
      {"rsf", "Reporters Without Borders"},
  };
}

bool PartnerDirectory::Contains(std::string_view id) const {
  std::shared_lock lock(mutex_);
  return std::any_of(partners_.begin(), partners_.end(),
                     [id](const Partner& p) { return p.id == id; });
}

std::vector<Partner> PartnerDirectory::All() const {
  std::shared_lock lock(mutex_);
  return partners_;
}

void PartnerDirectory::Replace(std::vector<Partner> partners) {
  std::unique_lock lock(mutex_);
  partners_ = std::move(partners);
}

}  // namespace soj::tracker
