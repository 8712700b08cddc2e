#include "tracker/reference_data.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tracker/calendar.hpp"

namespace soj::tracker {
namespace {

TEST(ReferenceDataTest, ScopeIsTheMemberStatesPlusBelarusAndRussia) {
  std::span<const Country> countries = Countries();
  EXPECT_EQ(countries.size(), 48u);
  std::size_t members =
      std::count_if(countries.begin(), countries.end(), [](const Country& c) { return c.member; });
  EXPECT_EQ(members, 46u);
  std::vector<std::string> non_members;
  for (const Country& c : countries)
    if (!c.member) non_members.emplace_back(c.code);
  EXPECT_EQ(non_members, (std::vector<std::string>{"BY", "RU"}));
}

TEST(ReferenceDataTest, MemberStatesAreTheCouncilOfEuropes) {
  const std::set<std::string> expected = {
      "AL", "AD", "AM", "AT", "AZ", "BE", "BA", "BG", "HR", "CY", "CZ", "DK",
      "EE", "FI", "FR", "GE", "DE", "GR", "HU", "IS", "IE", "IT", "LV", "LI",
      "LT", "LU", "MT", "MD", "MC", "ME", "NL", "MK", "NO", "PL", "PT", "RO",
      "SM", "RS", "SK", "SI", "ES", "SE", "CH", "TR", "UA", "GB"};
  ASSERT_EQ(expected.size(), 46u);
  std::set<std::string> members;
  for (const Country& c : Countries())
    if (c.member) members.emplace(c.code);
  EXPECT_EQ(members, expected);
}

TEST(ReferenceDataTest, OrderedByCodeWithoutRepeats) {
  std::span<const Country> countries = Countries();
  for (std::size_t i = 1; i < countries.size(); ++i)
    EXPECT_LT(countries[i - 1].code, countries[i].code) << countries[i].code;
}

TEST(ReferenceDataTest, EveryCountryHasANameAndAValidStartDate) {
  for (const Country& c : Countries()) {
    EXPECT_EQ(c.code.size(), 2u);
    EXPECT_FALSE(c.name.empty()) << c.code;
    EXPECT_TRUE(Date::Parse(c.monitored_since)) << c.code;
  }
}

TEST(ReferenceDataTest, MonitoringStartDates) {
  ASSERT_NE(FindCountry("BY"), nullptr);
  EXPECT_EQ(FindCountry("BY")->monitored_since, "2023-03-01");
  EXPECT_EQ(FindCountry("BY")->name, "Belarus");
  EXPECT_FALSE(FindCountry("BY")->member);
  EXPECT_EQ(FindCountry("RU")->monitored_since, "2015-04-02");
  EXPECT_EQ(FindCountry("RU")->name, "Russian Federation");
  EXPECT_EQ(FindCountry("FR")->monitored_since, "2015-04-02");
  EXPECT_TRUE(FindCountry("FR")->member);
}

TEST(ReferenceDataTest, FindCountryIsExactAndUpperCase) {
  EXPECT_EQ(FindCountry("AD"), &Countries().front());
  EXPECT_EQ(FindCountry("UA"), &Countries().back());
  EXPECT_EQ(FindCountry("GB")->name, "United Kingdom");
  EXPECT_EQ(FindCountry("by"), nullptr);
  EXPECT_EQ(FindCountry("By"), nullptr);
  EXPECT_EQ(FindCountry("US"), nullptr);
  EXPECT_EQ(FindCountry("XK"), nullptr);
  EXPECT_EQ(FindCountry(""), nullptr);
  EXPECT_EQ(FindCountry("B"), nullptr);
  EXPECT_EQ(FindCountry("BYR"), nullptr);
  EXPECT_EQ(FindCountry(" BY"), nullptr);
}

TEST(ReferenceDataTest, CategoriesFollowTheEnumWithDescriptions) {
  std::span<const CategoryInfo> categories = Categories();
  ASSERT_EQ(categories.size(), kCategoryNames.size());
  for (std::size_t i = 0; i < categories.size(); ++i) {
    EXPECT_EQ(categories[i].category, static_cast<Category>(i));
    EXPECT_FALSE(categories[i].description.empty());
  }
  EXPECT_EQ(categories[0].description, "Attacks on physical safety and integrity of journalists");
  EXPECT_EQ(categories[3].description,
            "Failure to investigate and prosecute crimes against journalists");
}

TEST(ReferenceDataTest, FifteenSeedPartners) {
  std::vector<Partner> partners = SeedPartners();
  ASSERT_EQ(partners.size(), 15u);
  std::set<std::string> ids;
  for (const Partner& p : partners) {
    ids.insert(p.id);
    EXPECT_FALSE(p.name.empty()) << p.id;
  }
  EXPECT_EQ(ids,
            (std::set<std::string>{"article19", "aej", "cpj", "ebu", "ecpmf", "efj", "fpu", "index",
                                   "ifj", "insi", "ipi", "jfj", "pen", "rpt", "rsf"}));
  auto efj = std::find_if(partners.begin(), partners.end(),
                          [](const Partner& p) { return p.id == "efj"; });
  ASSERT_NE(efj, partners.end());
  EXPECT_EQ(efj->name, "European Federation of Journalists");
}

TEST(ReferenceDataTest, PartnerDirectoryContainsAndReplace) {
  PartnerDirectory directory(SeedPartners());
  EXPECT_TRUE(directory.Contains("efj"));
  EXPECT_TRUE(directory.Contains("rsf"));
  EXPECT_FALSE(directory.Contains("EFJ"));
  EXPECT_FALSE(directory.Contains("nobody"));
  EXPECT_FALSE(directory.Contains(""));
  EXPECT_EQ(directory.All(), SeedPartners());

  directory.Replace({{"new", "New Partner"}});
  EXPECT_TRUE(directory.Contains("new"));
  EXPECT_FALSE(directory.Contains("efj"));
  EXPECT_EQ(directory.All(), (std::vector<Partner>{{"new", "New Partner"}}));
}

TEST(ReferenceDataTest, PartnerDirectoryReadsWhileReplacing) {
  PartnerDirectory directory(SeedPartners());
  std::thread writer([&] {
    for (int i = 0; i < 200; ++i) {
      std::vector<Partner> partners = SeedPartners();
      partners.push_back({"extra" + std::to_string(i), "Extra"});
      directory.Replace(std::move(partners));
    }
  });
  for (int i = 0; i < 200; ++i) {
    EXPECT_TRUE(directory.Contains("efj"));
    EXPECT_GE(directory.All().size(), 15u);
  }
  writer.join();
  EXPECT_TRUE(directory.Contains("extra199"));
}

}  // namespace
}  // namespace soj::tracker
