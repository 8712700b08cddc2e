#pragma once
// What the full-text index holds for an alert and how a `q` becomes a Xapian query. Kept
// apart from SearchIndex (which owns the database and keeps it in step) so the rules of what
// is searchable sit in one short file.
//
// Indexed: title, description, every translation's title and description, and the names and
// outlets of victims that are NOT withheld. Withheld names and outlets are never indexed, for
// anyone: the index cannot leak what it does not hold. Text is indexed as folded words
// (search_folding.hpp) with positions, for phrases, and as folded English, French and Russian
// stems without, except the stems that are also words of the document: the query looks for
// every stem as a word too. Titles weigh three times as much as descriptions, names and
// outlets twice.

#include <xapian.h>

#include <cstddef>
#include <string_view>

#include "tracker/error.hpp"
#include "tracker/model.hpp"

namespace soj::tracker {

// Value slot holding the alert's encoded AlertSummary (alert_index.hpp), so that a search
// filters by the same predicate as lists without reading documents.
inline constexpr Xapian::valueno kSummarySlot = 0;

// The search document of `alert` (its terms and its summary). Merged alerts are not indexed.
Xapian::Document SearchDocumentOf(const Alert& alert);

// How much one `q` may ask for. Each word is looked up by four stemmers and each wildcard
// stands for up to 64 words in each: a query of hundreds of words or wildcards made one
// search cost seconds of a core.
inline constexpr std::size_t kMaxQueryWords = 32;
inline constexpr std::size_t kMaxQueryWildcards = 4;

// Ok when `text` is within kMaxQueryWords words (runs of letters and digits, however they
// are joined; AND, OR, NOT and XOR do not count) of which at most kMaxQueryWildcards end in
// `*`. Otherwise kBadRequest naming "q", without the text (it may hold a name).
Result<void> CheckSearchText(std::string_view text);

// `text` as a query over SearchDocumentOf's terms: words must all match (AND) unless joined
// by OR; "quoted phrases", -excluded words and trailing* wildcards work. Never throws: text
// the parser rejects is read again as plain words.
Xapian::Query ParseSearchText(std::string_view text, const Xapian::Database& db);

}  // namespace soj::tracker
