// Translations: every key in every language with the same placeholders; language
// negotiation; dates and numbers per language.

#include <gtest/gtest.h>

#include "dashboards/i18n.hpp"

namespace soj::dashboards {
namespace {

TEST(I18n, EveryLanguageHasEveryKey) {
  const Catalog& catalog = Catalog::Builtin();
  ASSERT_GT(catalog.Strings(Lang::kEn).size(), 200u);
  for (Lang lang : kAllLangs) {
    EXPECT_EQ(catalog.MissingKeys(lang), std::vector<std::string>{}) << LangCode(lang);
    EXPECT_EQ(catalog.ExtraKeys(lang), std::vector<std::string>{}) << LangCode(lang);
  }
}

TEST(I18n, TranslationsAreNonEmptyAndKeepPlaceholders) {
  const Catalog& catalog = Catalog::Builtin();
  for (Lang lang : kAllLangs)
    for (const auto& [key, text] : catalog.Strings(lang)) {
      EXPECT_FALSE(text.empty()) << LangCode(lang) << " " << key;
      EXPECT_EQ(Placeholders(text), Placeholders(catalog.Get(Lang::kEn, key)))
          << LangCode(lang) << " " << key;
    }
}

TEST(I18n, MissingKeyIsReported) {
  Catalog catalog;
  std::string error;
  ASSERT_TRUE(catalog.Load(Lang::kEn, R"({"a": "A", "b": "B"})", &error));
  ASSERT_TRUE(catalog.Load(Lang::kFr, R"({"a": "A"})", &error));
  EXPECT_EQ(catalog.MissingKeys(Lang::kFr), std::vector<std::string>{"b"});
  EXPECT_EQ(catalog.Get(Lang::kFr, "b"), "B");  // English fallback
  EXPECT_EQ(catalog.Get(Lang::kFr, "zz"), "zz");
  EXPECT_FALSE(catalog.Load(Lang::kRu, R"({"a": 1})", &error));
}

TEST(I18n, NegotiatesQueryThenCookieThenAcceptLanguage) {
  EXPECT_EQ(NegotiateLanguage("fr", "ru", "be"), Lang::kFr);
  EXPECT_EQ(NegotiateLanguage("xx", "ru", "be"), Lang::kRu);
  EXPECT_EQ(NegotiateLanguage("", "", "de-DE,be;q=0.5,ru;q=0.8"), Lang::kRu);
  EXPECT_EQ(NegotiateLanguage("", "", "fr-CH, fr;q=0.9, en;q=0.8"), Lang::kFr);
  EXPECT_EQ(NegotiateLanguage("", "", "de, it"), Lang::kEn);
  EXPECT_EQ(NegotiateLanguage("", "", ""), Lang::kEn);
  EXPECT_EQ(NegotiateLanguage("", "", "ru;q=0, be"), Lang::kBe);
}

TEST(I18n, FormatsDatesAndNumbersPerLanguage) {
  const Catalog& catalog = Catalog::Builtin();
  const auto date = *tracker::Date::Parse("2024-05-02");
  EXPECT_EQ(FormatDate(catalog, Lang::kEn, date), "2 May 2024");
  EXPECT_EQ(FormatDate(catalog, Lang::kFr, date), "2 mai 2024");
  EXPECT_EQ(FormatDate(catalog, Lang::kRu, date), "2 мая 2024 г.");
  EXPECT_EQ(FormatNumber(Lang::kEn, 1234567), "1,234,567");
  EXPECT_EQ(FormatNumber(Lang::kFr, 1234), "1\u202f234");
  EXPECT_EQ(FormatNumber(Lang::kBe, 38), "38");
  EXPECT_EQ(FormatPercent(Lang::kEn, 0.452), "45.2%");
  EXPECT_EQ(FormatPercent(Lang::kFr, 0.452), "45,2\u00a0%");
  EXPECT_EQ(FormatText("{a} of {b} {c}", {{"a", "1"}, {"b", "<2>"}}), "1 of <2> {c}");
}

}  // namespace
}  // namespace soj::dashboards
