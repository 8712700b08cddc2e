#include "tracker/search_terms.hpp"

#include <array>

#include "tracker/alert_index.hpp"
#include "tracker/search_folding.hpp"

namespace soj::tracker {
namespace {

constexpr Xapian::termcount kTitleWeight = 3;
constexpr Xapian::termcount kNameWeight = 2;
constexpr Xapian::termcount kTextWeight = 1;
// A wildcard expands to at most this many (most frequent) words.
constexpr Xapian::termcount kMaxWildcardExpansion = 64;

// Per thread: a Snowball stemmer keeps state between calls and is not thread-safe.
const std::array<Xapian::Stem, 3>& Stemmers() {
  static thread_local const std::array<Xapian::Stem, 3> stemmers = {
      Xapian::Stem("english"), Xapian::Stem("french"), Xapian::Stem("russian")};
  return stemmers;
}

// Words, then each language's stems ("Z" prefixed), all with positions: a query reads
// every word as a stem, so phrases are matched on stems too.
void IndexField(Xapian::TermGenerator& generator, std::string_view text,
                Xapian::termcount weight) {
  if (text.empty()) return;
  const std::string folded = FoldForSearch(text);
  generator.set_stemmer(Xapian::Stem());
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
  generator.index_text(folded, weight);
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
  for (const Xapian::Stem& stem : Stemmers()) {
    generator.set_stemmer(stem);
    generator.index_text(folded, weight);
  }
  generator.increase_termpos();  // a phrase never spans two fields
}

Xapian::Query ParseWith(const Xapian::Stem& stem, const std::string& text,
                        const Xapian::Database& db) {
  Xapian::QueryParser parser;
  parser.set_database(db);
  parser.set_stemmer(stem);
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
  parser.set_default_op(Xapian::Query::OP_AND);
  parser.set_max_expansion(kMaxWildcardExpansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
  const unsigned flags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                         Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD;
  try {
    return parser.parse_query(text, flags);
  } catch (const Xapian::QueryParserError&) {
  }
  try {
    return parser.parse_query(text, 0);
  } catch (const Xapian::QueryParserError&) {
    return Xapian::Query::MatchNothing;
  }
}

}  // namespace

Xapian::Document SearchDocumentOf(const Alert& alert) {
  Xapian::Document doc;
  Xapian::TermGenerator generator;
  generator.set_document(doc);
  const AlertContent& c = alert.content;
  IndexField(generator, c.title, kTitleWeight);
  IndexField(generator, c.description, kTextWeight);
  for (const auto& [language, translation] : c.translations) {
    if (translation.title) IndexField(generator, *translation.title, kTitleWeight);
    if (translation.description) IndexField(generator, *translation.description, kTextWeight);
  }
  for (const Victim& victim : c.victims) {
    if (victim.withheld) continue;  // never searchable, by anyone
    IndexField(generator, victim.name, kNameWeight);
    if (victim.outlet) IndexField(generator, *victim.outlet, kNameWeight);
  }
  doc.add_value(kSummarySlot, EncodeSummary(AlertSummary::Of(alert)));
  return doc;
}

Xapian::Query ParseSearchText(std::string_view text, const Xapian::Database& db) {
  const std::string folded = FoldForSearch(text);
  std::vector<Xapian::Query> each;
  for (const Xapian::Stem& stem : Stemmers()) each.push_back(ParseWith(stem, folded, db));
  return Xapian::Query(Xapian::Query::OP_OR, each.begin(), each.end());
}

}  // namespace soj::tracker
