#pragma once
// Gunzip: the tests' independent check of what the server compressed (zlib's inflate).

#include <string>

namespace soj::testing {

// Inflates a gzip member (or as much of one as `data` holds, after a sync flush). Sets
// `complete` when the trailer was read and checked.
std::string Gunzip(const std::string& data, bool* complete = nullptr);

}  // namespace soj::testing
