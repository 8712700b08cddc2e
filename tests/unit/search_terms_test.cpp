// SearchDocumentOf splits each field twice at most and stems each distinct word once. These
// tests hold it to what one TermGenerator pass per stemming pipeline gives (the way the index
// was built before, and the plainest reading of search_terms.hpp), less the stems that are
// words of the document: the same terms otherwise, with the same wdf and positions.

#include "tracker/search_terms.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "tracker/search_folding.hpp"

namespace soj::tracker {
namespace {

struct TermEntry {
  Xapian::termcount wdf = 0;
  std::vector<Xapian::termpos> positions;
  bool operator==(const TermEntry&) const = default;
};
using Terms = std::map<std::string, TermEntry>;

Terms TermsOf(const Xapian::Document& doc) {
  Terms terms;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    TermEntry& entry = terms[*it];
    entry.wdf = it.get_wdf();
    for (auto pos = it.positionlist_begin(); pos != it.positionlist_end(); ++pos)
      entry.positions.push_back(*pos);
  }
  return terms;
}

class FoldedStem : public Xapian::StemImplementation {
 public:
  explicit FoldedStem(const char* language) : stem_(language) {}
  std::string operator()(const std::string& word) override { return FoldForSearch(stem_(word)); }
  std::string get_description() const override { return "folded"; }

 private:
  Xapian::Stem stem_;
};

// One TermGenerator pass per pipeline: folded words with positions, then English, French
// and Russian stems of the text as written and French stems of the folded text.
Terms ReferenceTerms(const std::vector<std::pair<std::string, Xapian::termcount>>& fields) {
  Xapian::Document doc;
  Xapian::TermGenerator generator;
  generator.set_document(doc);
  for (const auto& [text, weight] : fields) {
    if (text.empty()) continue;
    const std::string folded = FoldForSearch(text);
    generator.set_stemmer(Xapian::Stem());
    generator.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
    generator.index_text(folded, weight);
    generator.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
    const std::vector<std::pair<const char*, bool>> pipelines = {
        {"english", false}, {"french", false}, {"french", true}, {"russian", false}};
    for (const auto& [language, folded_input] : pipelines) {
      generator.set_stemmer(Xapian::Stem(new FoldedStem(language)));
      generator.index_text_without_positions(folded_input ? folded : text, weight);
    }
    generator.increase_termpos();
  }
  Terms terms = TermsOf(doc);
  std::erase_if(terms, [&](const auto& term) {
    return term.first.starts_with("Z") && terms.contains(term.first.substr(1));
  });
  return terms;
}

Victim Person(std::string name, std::optional<std::string> outlet, bool withheld = false) {
  Victim v;
  v.name = std::move(name);
  v.outlet = std::move(outlet);
  v.withheld = withheld;
  return v;
}

TEST(SearchTerms, EachFieldGivesTheTermsOfOnePassPerStemmer) {
  const std::vector<std::string> texts = {
      "Journalist arrested; journalists ARRESTED again, arrests and arresting.",
      "Journaliste arrêtée à Besançon, détenue: arretee, detenue. L'Œuvre d'art d’aujourd’hui.",
      "Журналиста задержали в Минске; задержание, задержанные. Фёдоров, Ціханоўская.",
      "AT&T, U.S.A., C++, e-mail, co-operation, 2024-03-01, 15:30, No. 7, x86_64 #tag @name",
      "Tsikhanoŭskaja Łukasz Żółć Straße Əliyev e\xCC\x81te\xCC\x81 新聞記者 ジャーナリスト",
      std::string(70, 'a') + " " + std::string(20, 'b') + " short",
      "!!! ... --- ???",
      "the the the The THE thé",
  };
  for (const std::string& text : texts) {
    Alert alert;
    alert.content.title = text;
    EXPECT_EQ(TermsOf(SearchDocumentOf(alert)), ReferenceTerms({{text, 3}})) << text;
    alert.content.title.clear();
    alert.content.description = text;
    EXPECT_EQ(TermsOf(SearchDocumentOf(alert)), ReferenceTerms({{text, 1}})) << text;
  }
}

TEST(SearchTerms, FieldsFollowEachOtherAsInOnePassAndWithheldNamesAreLeftOut) {
  Alert alert;
  AlertContent& c = alert.content;
  c.title = "Reporter detained in Minsk";
  c.description = "The reporter was detained by police. Police said the reporter resisted.";
  c.translations["fr"].title = "Journaliste détenu à Minsk";
  c.translations["fr"].description = "Le journaliste a été détenu par la police.";
  c.translations["ru"].title = "Журналист задержан в Минске";
  c.victims = {Person("Ihar Losik", "RFE/RL"), Person("Hidden Person", "Secret Outlet", true),
               Person("Maryna Zolatava", std::nullopt)};
  const Terms terms = TermsOf(SearchDocumentOf(alert));
  EXPECT_EQ(terms, ReferenceTerms({{c.title, 3},
                                   {c.description, 1},
                                   {*c.translations["fr"].title, 3},
                                   {*c.translations["fr"].description, 1},
                                   {*c.translations["ru"].title, 3},
                                   {"Ihar Losik", 2},
                                   {"RFE/RL", 2},
                                   {"Maryna Zolatava", 2}}));
  EXPECT_FALSE(terms.contains("hidden"));
  EXPECT_FALSE(terms.contains("secret"));
  EXPECT_TRUE(terms.contains("Zdetain"));
  EXPECT_TRUE(terms.contains("reporter"));
  EXPECT_FALSE(terms.contains("Zreporter"));             // the word stands for its own stem
  EXPECT_EQ(terms.at("reporter").positions.size(), 3u);  // title once, description twice
}

}  // namespace
}  // namespace soj::tracker
