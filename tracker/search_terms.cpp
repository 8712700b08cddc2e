#include "tracker/search_terms.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <unordered_map>
#include <vector>

#include "tracker/alert_index.hpp"
#include "tracker/search_folding.hpp"

namespace soj::tracker {
namespace {

constexpr Xapian::termcount kTitleWeight = 3;
constexpr Xapian::termcount kNameWeight = 2;
constexpr Xapian::termcount kTextWeight = 1;
// A wildcard expands to at most this many (most frequent) words.
constexpr Xapian::termcount kMaxWildcardExpansion = 64;
// Positions skipped between fields (TermGenerator::increase_termpos's default).
constexpr Xapian::termpos kFieldGap = 100;

// A Snowball stemmer whose stems are folded: it stems the words as written (French endings
// such as "-ée" need their accents), so "arrêtée" and "arrêté" both give "arret".
class FoldedStem : public Xapian::StemImplementation {
 public:
  explicit FoldedStem(const char* language) : stem_(language) {}
  std::string operator()(const std::string& word) override { return FoldForSearch(stem_(word)); }
  std::string get_description() const override { return "folded " + stem_.get_description(); }

 private:
  Xapian::Stem stem_;
};

// One way of stemming: a stemmer, fed the text as written or already folded.
struct StemPipeline {
  Xapian::Stem stem;
  bool folded_input;
};

// English, French and Russian on the text as written; French also on folded text, which is
// how people type French without accents ("arretee").
// Per thread: a Snowball stemmer keeps state between calls and is not thread-safe.
const std::array<StemPipeline, 4>& Pipelines() {
  static thread_local const std::array<StemPipeline, 4> pipelines = {
      StemPipeline{Xapian::Stem(new FoldedStem("english")), false},
      StemPipeline{Xapian::Stem(new FoldedStem("french")), false},
      StemPipeline{Xapian::Stem(new FoldedStem("french")), true},
      StemPipeline{Xapian::Stem(new FoldedStem("russian")), false}};
  return pipelines;
}

// The words of `text` as TermGenerator reads them (lower-cased, split as it splits), each with
// its wdf (occurrences x `weight`) and positions from `termpos` on, which it then moves past
// the text.
Xapian::Document WordsOf(const std::string& text, Xapian::termcount weight,
                         Xapian::termpos& termpos) {
  Xapian::Document words;
  Xapian::TermGenerator generator;
  generator.set_document(words);
  generator.set_termpos(termpos);
  generator.index_text(text, weight);
  termpos = generator.get_termpos();
  return words;
}

// The "Z" terms of one word: its stems by every pipeline fed that kind of input.
using StemTerms = std::vector<std::string>;

// Stems already made, per thread: alerts are written in a vocabulary of a few thousand
// words, and stemming each word four times at every alert was most of the cost of indexing.
// Bounded: a full cache starts again empty.
const StemTerms& StemTermsOf(const std::string& word, bool folded) {
  constexpr std::size_t kMaxWords = 20000;
  static thread_local std::unordered_map<std::string, StemTerms> cache[2];
  auto& known = cache[folded ? 1 : 0];
  if (auto it = known.find(word); it != known.end()) return it->second;
  if (known.size() >= kMaxWords) known.clear();
  StemTerms terms;
  for (const StemPipeline& pipeline : Pipelines()) {
    if (pipeline.folded_input != folded) continue;
    std::string stem = pipeline.stem(word);
    if (!stem.empty()) terms.push_back("Z" + stem);
  }
  return known.emplace(word, std::move(terms)).first->second;
}

bool IsOperator(std::string_view word) {
  return word == "AND" || word == "OR" || word == "NOT" || word == "XOR";
}

// `text` as the parser should read it (STEM_SOME stems every word but those starting with a
// capital and those of a phrase): words lower-cased, except the boolean operators, so that
// every other word is stemmed; the words of a phrase ("quoted", or joined by hyphens) also
// folded, as the positioned words of the index are.
std::string PrepareQuery(std::string_view text) {
  std::string out;
  bool quoted = false;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '"' || text[i] == ' ') {
      quoted ^= text[i] == '"';
      out.push_back(text[i++]);
      continue;
    }
    const std::size_t end = text.find_first_of(quoted ? "\"" : "\" ", i);
    const std::string_view word = text.substr(i, end == std::string_view::npos ? end : end - i);
    i += word.size();
    if (!quoted && IsOperator(word)) {
      out += word;
      continue;
    }
    const std::string lower = Xapian::Unicode::tolower(std::string(word));
    const bool phrase = quoted || lower.find('-', 1) != std::string::npos;
    out += phrase ? FoldForSearch(lower) : lower;
  }
  return out;
}

Xapian::Query ParseWith(const Xapian::Stem& stem, const std::string& text,
                        const Xapian::Database& db) {
  Xapian::QueryParser parser;
  parser.set_database(db);
  parser.set_stemmer(stem);
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
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

// `query` with each stem ("Z" term) also matching the same word: SearchDocumentOf leaves out
// a stem that is a word of the document, which stands for it. The two weigh as one term
// (OP_SYNONYM). Only the operators the parser puts around stems are rebuilt; phrases and
// wildcards hold words, not stems, and are kept as they are.
Xapian::Query WithStemsAsWords(const Xapian::Query& query) {
  using Q = Xapian::Query;
  switch (query.get_type()) {
    case Q::LEAF_TERM: {
      const std::string term = *query.get_terms_begin();
      if (term.size() < 2 || term[0] != 'Z') return query;
      const std::array<Q, 2> stem_or_word = {Q(term), Q(term.substr(1))};
      return Q(Q::OP_SYNONYM, stem_or_word.begin(), stem_or_word.end());
    }
    case Q::OP_AND:
    case Q::OP_OR:
    case Q::OP_AND_NOT:
    case Q::OP_XOR:
    case Q::OP_AND_MAYBE:
    case Q::OP_FILTER:
    case Q::OP_SYNONYM:
    case Q::OP_MAX: {
      std::vector<Q> parts;
      for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
        parts.push_back(WithStemsAsWords(query.get_subquery(i)));
      return Q(query.get_type(), parts.begin(), parts.end());
    }
    default:
      return query;
  }
}

}  // namespace

Xapian::Document SearchDocumentOf(const Alert& alert) {
  Xapian::Document doc;
  // The folded words of every field, with positions (phrases), straight into the document.
  Xapian::TermGenerator generator;
  generator.set_document(doc);
  // The fields folding changes: the wdf of their folded words, and their words as written,
  // which the stemmers fed text as written take instead. (Most fields are plain text, split
  // once.)
  std::unordered_map<std::string, Xapian::termcount> folded_in_changed;
  Xapian::Document as_written_in_changed;
  Xapian::TermGenerator as_written;
  as_written.set_document(as_written_in_changed);
  Xapian::termpos pos = 0;
  const auto add = [&](std::string_view text, Xapian::termcount weight) {
    if (text.empty()) return;
    const std::string folded = FoldForSearch(text);
    if (folded == text) {
      generator.set_termpos(pos);
      generator.index_text(folded, weight);
      pos = generator.get_termpos();
    } else {
      Xapian::Document words = WordsOf(folded, weight, pos);
      for (auto word = words.termlist_begin(); word != words.termlist_end(); ++word) {
        folded_in_changed[*word] += word.get_wdf();
        for (auto at = word.positionlist_begin(); at != word.positionlist_end(); ++at)
          doc.add_posting(*word, *at, weight);
      }
      as_written.index_text_without_positions(std::string(text), weight);
    }
    pos += kFieldGap;  // a phrase never spans two fields
  };
  const AlertContent& c = alert.content;
  add(c.title, kTitleWeight);
  add(c.description, kTextWeight);
  for (const auto& [language, translation] : c.translations) {
    if (translation.title) add(*translation.title, kTitleWeight);
    if (translation.description) add(*translation.description, kTextWeight);
  }
  for (const Victim& victim : c.victims) {
    if (victim.withheld) continue;  // never searchable, by anyone
    add(victim.name, kNameWeight);
    if (victim.outlet) add(*victim.outlet, kNameWeight);
  }

  // Then the stems, each with the wdf of its word (what TermGenerator's STEM_ALL_Z adds, each
  // distinct word stemmed once), without those that are words of the document: the query
  // looks for each stem as a word too (WithStemsAsWords). Most stems are (every Latin word is
  // its own Russian stem): 40% fewer terms to index, and the same matches.
  std::vector<std::pair<std::string, Xapian::termcount>> words;  // sorted, as a termlist is
  for (auto word = doc.termlist_begin(); word != doc.termlist_end(); ++word)
    words.emplace_back(*word, word.get_wdf());
  const auto is_word = [&words](std::string_view stem_term) {
    const std::string_view stem = stem_term.substr(1);
    auto it = std::lower_bound(words.begin(), words.end(), stem,
                               [](const auto& word, std::string_view s) { return word.first < s; });
    return it != words.end() && it->first == stem;
  };
  const auto add_stems = [&](const std::string& word, Xapian::termcount wdf, bool folded) {
    for (const std::string& term : StemTermsOf(word, folded))
      if (!is_word(term)) doc.add_term(term, wdf);
  };
  for (const auto& [word, wdf] : words) {
    add_stems(word, wdf, true);
    // As written, a word of the fields folding leaves unchanged is the folded word.
    auto changed = folded_in_changed.find(word);
    const Xapian::termcount in_unchanged =
        wdf - (changed == folded_in_changed.end() ? 0 : changed->second);
    if (in_unchanged > 0) add_stems(word, in_unchanged, false);
  }
  for (auto word = as_written_in_changed.termlist_begin();
       word != as_written_in_changed.termlist_end(); ++word)
    add_stems(*word, word.get_wdf(), false);
  doc.add_value(kSummarySlot, EncodeSummary(AlertSummary::Of(alert)));
  return doc;
}

Result<void> CheckSearchText(std::string_view text) {
  // Counted on the text, not on the parsed query, so that nothing is parsed or expanded
  // before the limits hold. Every byte that is not ASCII punctuation or space belongs to a
  // word: at least as many words as the parser finds, never fewer.
  const auto separates = [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x80 && !std::isalnum(u) && c != '*';
  };
  std::size_t words = 0;
  std::size_t wildcards = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (separates(text[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && !separates(text[end])) ++end;
    const std::string_view word = text.substr(i, end - i);
    i = end;
    if (IsOperator(word) || word.find_first_not_of('*') == std::string_view::npos) continue;
    ++words;
    if (word.find('*') != std::string_view::npos) ++wildcards;
  }
  auto refuse = [](std::string message) {
    return Error{ErrorKind::kBadRequest, "q " + message, {{"q", message}}, {}};
  };
  if (words > kMaxQueryWords)
    return refuse("must have at most " + std::to_string(kMaxQueryWords) + " words");
  if (wildcards > kMaxQueryWildcards)
    return refuse("must have at most " + std::to_string(kMaxQueryWildcards) + " words ending in *");
  return {};
}

Xapian::Query ParseSearchText(std::string_view text, const Xapian::Database& db) {
  const std::string as_written = PrepareQuery(text);
  const std::string folded = FoldForSearch(as_written);
  std::vector<Xapian::Query> each;
  for (const StemPipeline& pipeline : Pipelines())
    each.push_back(WithStemsAsWords(
        ParseWith(pipeline.stem, pipeline.folded_input ? folded : as_written, db)));
  return Xapian::Query(Xapian::Query::OP_OR, each.begin(), each.end());
}

}  // namespace soj::tracker
