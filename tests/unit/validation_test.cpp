#include "tracker/validation.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tracker/alert_json.hpp"

namespace soj::tracker {
namespace {

Date D(std::string_view text) { return Date::Parse(text).value(); }

// "path: message" lines, so a failing expectation shows every error at once.
std::string Describe(const std::vector<FieldError>& errors) {
  std::string out;
  for (const FieldError& e : errors) {
    if (!out.empty()) out += "\n";
    out += e.field + ": " + e.message;
  }
  return out;
}

std::string Repeat(std::string_view unit, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += unit;
  return out;
}

Victim NamedVictim(std::string name) {
  Victim v;
  v.name = std::move(name);
  return v;
}

// The SPEC's example alert, which breaks no rule.
AlertContent ValidContent() {
  AlertContent c;
  c.title = "Journalist detained after covering protest in Minsk";
  c.description = "Plain text, paragraphs separated by blank lines.\n\nSecond paragraph.";
  c.country = "BY";
  c.incident_date = D("2023-03-14");
  c.categories = {Category::kDetention, Category::kHarassment};
  c.threat_source = ThreatSource::kState;
  c.level = 1;
  c.partners = {"efj", "ifj"};
  Victim v = NamedVictim("A. N.");
  v.gender = Gender::kFemale;
  v.outlet = "Example Media";
  v.detentions = {{D("2023-03-14"), std::nullopt}};
  c.victims = {v};
  c.sources = {"https://example.org/report"};
  c.translations["fr"] = {"Journaliste détenu", "Texte."};
  c.external_ref = "efj-2023-117";
  return c;
}

class ValidationTest : public ::testing::Test {
 protected:
  std::vector<FieldError> Check(const AlertContent& content) {
    FieldErrors errors;
    ValidateContent(content, context_, errors);
    return errors.Take();
  }
  // The whole error list, one "path: message" per line.
  std::string Errors(const AlertContent& content) { return Describe(Check(content)); }

  PartnerDirectory partners_{SeedPartners()};
  ValidationContext context_{D("2024-01-10"), &partners_};
};

TEST_F(ValidationTest, TheSpecExampleIsValid) { EXPECT_EQ(Errors(ValidContent()), ""); }

TEST_F(ValidationTest, MinimalContentIsValid) {
  AlertContent c = ValidContent();
  c.partners.clear();
  c.victims.clear();
  c.sources.clear();
  c.translations.clear();
  c.external_ref.reset();
  EXPECT_EQ(Errors(c), "");
}

// ---- title and description

TEST_F(ValidationTest, TitleLength) {
  AlertContent c = ValidContent();
  c.title = Repeat("a", 300);
  EXPECT_EQ(Errors(c), "");
  c.title = Repeat("a", 301);
  EXPECT_EQ(Errors(c), "title: must be at most 300 characters");
  c.title = "";
  EXPECT_EQ(Errors(c), "title: must not be empty");
}

TEST_F(ValidationTest, TitleCountsCodePointsNotBytes) {
  AlertContent c = ValidContent();
  c.title = Repeat("ж", 300);  // 600 bytes
  EXPECT_EQ(Errors(c), "");
  c.title = Repeat("ж", 301);
  EXPECT_EQ(Errors(c), "title: must be at most 300 characters");
}

TEST_F(ValidationTest, TitleControlCharacter) {
  AlertContent c = ValidContent();
  c.title = "Bell\arings";
  EXPECT_EQ(Errors(c), "title: contains a control character (U+0007)");
}

TEST_F(ValidationTest, UntrimmedTextFromCodeIsRejected) {
  // Content built in code must already be clean, or it would not read back identical.
  AlertContent c = ValidContent();
  c.title = " Title";
  auto errors = Check(c);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "title");
}

TEST_F(ValidationTest, DescriptionLength) {
  AlertContent c = ValidContent();
  c.description = Repeat("d", 20000);
  EXPECT_EQ(Errors(c), "");
  c.description = Repeat("d", 20001);
  EXPECT_EQ(Errors(c), "description: must be at most 20000 characters");
  c.description = "";
  EXPECT_EQ(Errors(c), "description: must not be empty");
}

TEST_F(ValidationTest, DescriptionKeepsNewlinesAndTabs) {
  AlertContent c = ValidContent();
  c.description = "Line one\n\tindented\n\nLine three";
  EXPECT_EQ(Errors(c), "");
}

// ---- country, date, categories, level

TEST_F(ValidationTest, CountryInScope) {
  AlertContent c = ValidContent();
  for (const char* code : {"RU", "BY", "GB", "TR", "AD"}) {
    c.country = code;
    EXPECT_EQ(Errors(c), "") << code;
  }
  for (const char* code : {"US", "by", "XX", "", "BLR"}) {
    c.country = code;
    auto errors = Check(c);
    ASSERT_EQ(errors.size(), 1u) << code;
    EXPECT_EQ(errors[0].field, "country");
    EXPECT_NE(errors[0].message.find("scope"), std::string::npos);
  }
}

TEST_F(ValidationTest, IncidentDateNotAfterToday) {
  AlertContent c = ValidContent();
  c.incident_date = context_.today;
  EXPECT_EQ(Errors(c), "");
  c.incident_date = context_.today.AddDays(1);
  EXPECT_EQ(Errors(c), "incident_date: must not be after today (2024-01-10)");
}

TEST_F(ValidationTest, CategoriesOneOrMore) {
  AlertContent c = ValidContent();
  c.categories = {Category::kChilling};
  EXPECT_EQ(Errors(c), "");
  c.categories.clear();
  EXPECT_EQ(Errors(c), "categories: must hold at least one category");
}

TEST_F(ValidationTest, CategoriesWithoutRepeats) {
  AlertContent c = ValidContent();
  c.categories = {Category::kAttack, Category::kAttack};
  EXPECT_EQ(Errors(c), "categories[1]: repeats attack");
  c.categories = {Category::kAttack, Category::kDetention, Category::kDetention, Category::kAttack};
  EXPECT_EQ(Errors(c), "categories[2]: repeats detention\ncategories[3]: repeats attack");
}

TEST_F(ValidationTest, LevelOneOrTwo) {
  AlertContent c = ValidContent();
  c.level = 2;
  EXPECT_EQ(Errors(c), "");
  for (int level : {0, 3, -1}) {
    c.level = level;
    EXPECT_EQ(Errors(c), "level: must be 1 or 2");
  }
}

// ---- partners

TEST_F(ValidationTest, PartnersMustBeRegistered) {
  AlertContent c = ValidContent();
  c.partners = {"efj", "nobody"};
  auto errors = Check(c);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "partners[1]");
  EXPECT_NE(errors[0].message.find("not a registered partner"), std::string::npos);
}

TEST_F(ValidationTest, PartnersWithoutRepeats) {
  AlertContent c = ValidContent();
  c.partners = {"efj", "rsf", "efj"};
  EXPECT_EQ(Errors(c), "partners[2]: repeats efj");
}

TEST_F(ValidationTest, PartnersUncheckedWithoutDirectory) {
  context_.partners = nullptr;
  AlertContent c = ValidContent();
  c.partners = {"not-yet-registered"};
  EXPECT_EQ(Errors(c), "");
  c.partners = {"x", "x"};
  EXPECT_EQ(Errors(c), "partners[1]: repeats x");
}

TEST_F(ValidationTest, PartnersLimit) {
  context_.partners = nullptr;
  AlertContent c = ValidContent();
  c.partners.clear();
  for (std::size_t i = 0; i < kMaxPartnersPerAlert + 1; ++i)
    c.partners.push_back("p" + std::to_string(i));
  EXPECT_EQ(Errors(c), "partners: must hold at most 50 partners");
}

// ---- victims

TEST_F(ValidationTest, VictimNameRequiredUnlessWithheld) {
  AlertContent c = ValidContent();
  c.victims = {NamedVictim("A. N."), NamedVictim("")};
  EXPECT_EQ(Errors(c), "victims[1].name: is required unless withheld is true");
  c.victims[1].withheld = true;
  EXPECT_EQ(Errors(c), "");
  c.victims[1].name = "Known to the secretariat";
  EXPECT_EQ(Errors(c), "");
}

TEST_F(ValidationTest, VictimNameAndOutletLength) {
  AlertContent c = ValidContent();
  c.victims[0].name = Repeat("n", 200);
  c.victims[0].outlet = Repeat("o", 200);
  EXPECT_EQ(Errors(c), "");
  c.victims[0].name = Repeat("n", 201);
  c.victims[0].outlet = Repeat("o", 201);
  EXPECT_EQ(Errors(c),
            "victims[0].name: must be at most 200 characters\n"
            "victims[0].outlet: must be at most 200 characters");
}

TEST_F(ValidationTest, VictimOutletMayBeAbsentButNotEmpty) {
  AlertContent c = ValidContent();
  c.victims[0].outlet.reset();
  EXPECT_EQ(Errors(c), "");
  c.victims[0].outlet = "";
  EXPECT_EQ(Errors(c), "victims[0].outlet: must not be empty");
}

TEST_F(ValidationTest, VictimPersonId) {
  AlertContent c = ValidContent();
  c.victims[0].person_id = Repeat("p", 100);
  EXPECT_EQ(Errors(c), "");
  c.victims[0].person_id = Repeat("p", 101);
  EXPECT_EQ(Errors(c), "victims[0].person_id: must be at most 100 characters");
}

TEST_F(ValidationTest, AnyGenderForAnyKind) {
  AlertContent c = ValidContent();
  c.victims[0].kind = VictimKind::kMediaOutlet;
  c.victims[0].gender = Gender::kFemale;
  EXPECT_EQ(Errors(c), "");
  c.victims[0].gender = Gender::kNotApplicable;
  EXPECT_EQ(Errors(c), "");
}

TEST_F(ValidationTest, VictimsLimit) {
  AlertContent c = ValidContent();
  c.victims.assign(kMaxVictims + 1, NamedVictim("x"));
  EXPECT_EQ(Errors(c), "victims: must hold at most 200 victims");
  c.victims.resize(kMaxVictims);
  EXPECT_EQ(Errors(c), "");
}

TEST_F(ValidationTest, KilledOnNotAfterToday) {
  AlertContent c = ValidContent();
  c.victims.push_back(NamedVictim("B. C."));
  c.victims[1].killed_on = context_.today;
  EXPECT_EQ(Errors(c), "");
  c.victims[1].killed_on = context_.today.AddDays(1);
  EXPECT_EQ(Errors(c), "victims[1].killed_on: must not be after today (2024-01-10)");
}

// ---- detentions

TEST_F(ValidationTest, DetentionUntilNotBeforeFrom) {
  AlertContent c = ValidContent();
  c.victims[0].detentions = {{D("2021-01-01"), D("2021-02-01")},
                             {D("2022-05-10"), D("2022-05-09")}};
  EXPECT_EQ(Errors(c), "victims[0].detentions[1].until: is before from");
  c.victims[0].detentions[1].until = D("2022-05-10");  // released the same day
  EXPECT_EQ(Errors(c), "");
}

TEST_F(ValidationTest, DetentionFromNotAfterToday) {
  AlertContent c = ValidContent();
  c.victims[0].detentions = {{context_.today, std::nullopt}};
  EXPECT_EQ(Errors(c), "");
  c.victims[0].detentions = {{context_.today.AddDays(1), std::nullopt}};
  EXPECT_EQ(Errors(c), "victims[0].detentions[0].from: must not be after today (2024-01-10)");
}

TEST_F(ValidationTest, DetentionsMayTouch) {
  // `until` is the day of release: a new detention may start that same day.
  AlertContent c = ValidContent();
  c.victims[0].detentions = {{D("2021-01-01"), D("2021-03-01")}, {D("2021-03-01"), std::nullopt}};
  EXPECT_EQ(Errors(c), "");
}

TEST_F(ValidationTest, DetentionsMustNotOverlap) {
  AlertContent c = ValidContent();
  c.victims[0].detentions = {{D("2021-01-01"), D("2021-03-01")},
                             {D("2021-02-28"), D("2021-04-01")}};
  EXPECT_EQ(Errors(c), "victims[0].detentions[1]: overlaps detentions[0]");
}

TEST_F(ValidationTest, OpenDetentionRunsForever) {
  AlertContent c = ValidContent();
  c.victims[0].detentions = {{D("2021-01-01"), std::nullopt}, {D("2023-01-01"), D("2023-02-01")}};
  EXPECT_EQ(Errors(c), "victims[0].detentions[1]: overlaps detentions[0]");
  // Listed the other way round, the closed period comes first and still overlaps.
  c.victims[0].detentions = {{D("2023-01-01"), D("2023-02-01")}, {D("2021-01-01"), std::nullopt}};
  EXPECT_EQ(Errors(c), "victims[0].detentions[1]: overlaps detentions[0]");
}

TEST_F(ValidationTest, DetentionsInAnyOrderWhenApart) {
  AlertContent c = ValidContent();
  c.victims[0].detentions = {{D("2023-01-01"), std::nullopt},
                             {D("2020-01-01"), D("2020-06-01")},
                             {D("2021-01-01"), D("2021-06-01")}};
  EXPECT_EQ(Errors(c), "");
}

TEST_F(ValidationTest, OverlapIsPerVictim) {
  AlertContent c = ValidContent();
  c.victims.push_back(c.victims[0]);
  c.victims[1].name = "Someone else";
  EXPECT_EQ(Errors(c), "");
}

TEST_F(ValidationTest, DetentionsLimit) {
  AlertContent c = ValidContent();
  c.victims[0].detentions.clear();
  for (std::size_t i = 0; i < kMaxDetentionsPerVictim + 1; ++i)
    c.victims[0].detentions.push_back({D("2000-01-01").AddDays(2 * static_cast<int>(i)),
                                       D("2000-01-02").AddDays(2 * static_cast<int>(i))});
  EXPECT_EQ(Errors(c), "victims[0].detentions: must hold at most 100 periods");
  c.victims[0].detentions.pop_back();
  EXPECT_EQ(Errors(c), "");
}

// ---- impunity

TEST_F(ValidationTest, ImpunityOnlyInImpunityCategory) {
  AlertContent c = ValidContent();
  c.impunity = ImpunityRecord{true, Justice::kPartial, D("2020-01-01")};
  auto errors = Check(c);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "impunity");
  c.categories.push_back(Category::kImpunity);
  EXPECT_EQ(Errors(c), "");
}

TEST_F(ValidationTest, ImpunitySinceNotAfterToday) {
  AlertContent c = ValidContent();
  c.categories = {Category::kImpunity};
  c.impunity = ImpunityRecord{true, Justice::kNone, context_.today};
  EXPECT_EQ(Errors(c), "");
  c.impunity->since = context_.today.AddDays(1);
  EXPECT_EQ(Errors(c), "impunity.since: must not be after today (2024-01-10)");
}

TEST_F(ValidationTest, ImpunityCategoryWithoutRecordIsFine) {
  AlertContent c = ValidContent();
  c.categories = {Category::kImpunity};
  EXPECT_EQ(Errors(c), "");
}

// ---- sources

TEST_F(ValidationTest, SourcesAcceptHttpAndHttps) {
  AlertContent c = ValidContent();
  c.sources = {"http://example.org",
               "https://example.org/a/b?c=d#e",
               "https://user@sub.example.org:8443/path",
               "HTTPS://EXAMPLE.ORG/",
               "http://[2001:db8::1]/x",
               "https://xn--80ak6aa92e.com/"};
  EXPECT_EQ(Errors(c), "");
}

TEST_F(ValidationTest, SourcesRejectOtherUrls) {
  for (const char* url : {"ftp://example.org/file", "example.org/report", "/relative/path",
                          "mailto:someone@example.org", "http://", "https:///path",
                          "javascript:alert(1)", "https://exa mple.org/", "not a url"}) {
    AlertContent c = ValidContent();
    c.sources = {"https://ok.example.org/", url};
    EXPECT_EQ(Errors(c), "sources[1]: must be an absolute http or https URL with a host") << url;
  }
}

TEST_F(ValidationTest, SourcesLimits) {
  AlertContent c = ValidContent();
  c.sources.assign(kMaxSources, "https://example.org/");
  EXPECT_EQ(Errors(c), "");
  c.sources.push_back("https://example.org/");
  EXPECT_EQ(Errors(c), "sources: must hold at most 50 URLs");
  c.sources = {"https://example.org/" + Repeat("a", 2000 - 20)};
  EXPECT_EQ(Errors(c), "");
  c.sources[0] += "a";
  EXPECT_EQ(Errors(c), "sources[0]: must be at most 2000 characters");
}

// ---- translations

TEST_F(ValidationTest, TranslationLanguages) {
  AlertContent c = ValidContent();
  for (std::string_view language : kLanguages)
    c.translations[std::string(language)] = {"Title", "Text"};
  EXPECT_EQ(Errors(c), "");
  c.translations["de"] = {"Titel", std::nullopt};
  EXPECT_EQ(Errors(c), "translations.de: unknown language; use en, fr, ru or be");
}

TEST_F(ValidationTest, TranslationTextRules) {
  AlertContent c = ValidContent();
  c.translations["ru"] = {std::nullopt, "Только описание"};
  c.translations["be"] = {"Толькі загаловак", std::nullopt};
  EXPECT_EQ(Errors(c), "");
  c.translations["ru"].title = Repeat("т", 301);
  c.translations["be"].description = "Bad\x01text";
  EXPECT_EQ(Errors(c),
            "translations.be.description: contains a control character (U+0001)\n"
            "translations.ru.title: must be at most 300 characters");
}

// ---- external_ref

TEST_F(ValidationTest, ExternalRefLength) {
  AlertContent c = ValidContent();
  c.external_ref = Repeat("r", 100);
  EXPECT_EQ(Errors(c), "");
  c.external_ref = Repeat("r", 101);
  EXPECT_EQ(Errors(c), "external_ref: must be at most 100 characters");
  c.external_ref = "";
  EXPECT_EQ(Errors(c), "external_ref: must not be empty");
}

// ---- collection

TEST_F(ValidationTest, CollectsEveryError) {
  AlertContent c = ValidContent();
  c.title = "";
  c.country = "US";
  c.level = 5;
  c.victims[0].detentions = {{D("2022-01-02"), D("2022-01-01")}};
  c.sources = {"ftp://example.org/"};
  auto errors = Check(c);
  ASSERT_EQ(errors.size(), 5u) << Describe(errors);
  EXPECT_EQ(errors[0].field, "title");
  EXPECT_EQ(errors[1].field, "country");
  EXPECT_EQ(errors[2].field, "level");
  EXPECT_EQ(errors[3].field, "victims[0].detentions[0].until");
  EXPECT_EQ(errors[4].field, "sources[0]");
}

TEST_F(ValidationTest, DoesNotRepeatErrorsAlreadyRecorded) {
  AlertContent c = ValidContent();
  c.title = "";
  c.victims[0].detentions = {{D("2021-01-01"), std::nullopt}, {Date(), std::nullopt}};
  FieldErrors errors;
  errors.Add("title", "must be a string");
  // A period the parser could not read is a placeholder: no overlap report for it.
  errors.Add("victims[0].detentions[1].from", "must be a date YYYY-MM-DD");
  ValidateContent(c, context_, errors);
  EXPECT_EQ(Describe(errors.items()),
            "title: must be a string\n"
            "victims[0].detentions[1].from: must be a date YYYY-MM-DD");
}

TEST_F(ValidationTest, SkipsCategoriesTheParserHadTroubleWith) {
  AlertContent c = ValidContent();
  c.categories.clear();  // the parser dropped an unknown name
  FieldErrors errors;
  errors.Add("categories[0]", "must be one of attack, detention, harassment, impunity, chilling");
  ValidateContent(c, context_, errors);
  EXPECT_EQ(errors.items().size(), 1u);
}

// ---- CleanText

TEST(ValidationCleanTextTest, TrimsAsciiAndUnicodeWhiteSpace) {
  FieldErrors errors;
  EXPECT_EQ(CleanText("  \t\n title \r\n", "f", 300, false, errors), "title");
  EXPECT_EQ(CleanText("\u00A0\u3000\u2003title\u2009\u00A0", "f", 300, false, errors), "title");
  EXPECT_EQ(CleanText("inner  space\u00A0kept", "f", 300, false, errors), "inner  space\u00A0kept");
  EXPECT_TRUE(errors.empty());
}

TEST(ValidationCleanTextTest, NormalisesCrLf) {
  FieldErrors errors;
  EXPECT_EQ(CleanText("one\r\ntwo\r\n\r\nthree", "f", 300, false, errors), "one\ntwo\n\nthree");
  EXPECT_TRUE(errors.empty());
}

TEST(ValidationCleanTextTest, RejectsLoneCarriageReturn) {
  FieldErrors errors;
  CleanText("one\rtwo", "description", 300, false, errors);
  EXPECT_EQ(Describe(errors.items()), "description: contains a control character (U+000D)");
}

TEST(ValidationCleanTextTest, KeepsNewlineAndTab) {
  FieldErrors errors;
  EXPECT_EQ(CleanText("a\tb\nc", "f", 300, false, errors), "a\tb\nc");
  EXPECT_TRUE(errors.empty());
}

TEST(ValidationCleanTextTest, RejectsControlCharacters) {
  struct Case {
    std::string text;
    const char* message;
  };
  for (const Case& c : {Case{std::string("a\0b", 3), "contains a control character (U+0000)"},
                        Case{"a\x07z", "contains a control character (U+0007)"},
                        Case{"a\x1b[31m", "contains a control character (U+001B)"},
                        Case{"a\x7f", "contains a control character (U+007F)"},
                        Case{"a\u009bz", "contains a control character (U+009B)"}}) {
    FieldErrors errors;
    CleanText(c.text, "title", 300, false, errors);
    EXPECT_EQ(Describe(errors.items()), std::string("title: ") + c.message);
  }
}

// Controls that are also white space (VT, FF, CR, NEL) are trimmed at the ends like any blank
// and rejected only inside the text; the length counts the kept part alone.
TEST(ValidationCleanTextTest, TrimsBlankControlsAtTheEndsOnly) {
  FieldErrors errors;
  EXPECT_EQ(CleanText("\x0b\x0c title \r\u0085\x0b", "f", 5, false, errors), "title");
  EXPECT_TRUE(errors.empty());
  CleanText(" ti\x0btle ", "g", 300, false, errors);
  EXPECT_EQ(Describe(errors.items()), "g: contains a control character (U+000B)");
}

TEST(ValidationCleanTextTest, CountsCodePoints) {
  FieldErrors errors;
  CleanText(Repeat("😀", 5), "f", 5, false, errors);  // 20 bytes, 5 code points
  CleanText(Repeat("é", 5), "g", 5, false, errors);
  EXPECT_TRUE(errors.empty());
  CleanText(Repeat("😀", 6), "f", 5, false, errors);
  EXPECT_EQ(Describe(errors.items()), "f: must be at most 5 characters");
}

TEST(ValidationCleanTextTest, CountsAsciiRunsAndOtherCodePointsAlikeUpToTheLastNonBlank) {
  FieldErrors errors;
  // 5 code points between the blanks: "ab", "é", "c", "!"; the trailing blanks do not count.
  EXPECT_EQ(CleanText("  abéc!\u00A0 \t", "f", 5, false, errors), "abéc!");
  EXPECT_EQ(CleanText("ab\r\ncd", "f", 5, false, errors), "ab\ncd");
  EXPECT_TRUE(errors.empty());
  CleanText("abé cd", "g", 5, false, errors);
  EXPECT_EQ(Describe(errors.items()), "g: must be at most 5 characters");
}

TEST(ValidationCleanTextTest, EmptyAfterTrimming) {
  FieldErrors errors;
  EXPECT_EQ(CleanText(" \u00A0 ", "f", 300, true, errors), "");
  EXPECT_TRUE(errors.empty());
  CleanText(" \n ", "f", 300, false, errors);
  EXPECT_EQ(Describe(errors.items()), "f: must not be empty");
}

TEST(ValidationCleanTextTest, RejectsInvalidUtf8) {
  for (std::string bad : {std::string("a\xff"), std::string("\xc3"), std::string("\xc0\xaf"),
                          std::string("\xed\xa0\x80"), std::string("\xf4\x90\x80\x80")}) {
    FieldErrors errors;
    CleanText(bad, "f", 300, false, errors);
    EXPECT_EQ(Describe(errors.items()), "f: must be valid UTF-8");
  }
}

TEST(ValidationCleanTextTest, IsIdempotent) {
  FieldErrors errors;
  std::string once = CleanText(" \u00A0a\r\nb\t ", "f", 300, false, errors);
  EXPECT_EQ(CleanText(once, "f", 300, false, errors), once);
  EXPECT_TRUE(errors.empty());
}

}  // namespace
}  // namespace soj::tracker
