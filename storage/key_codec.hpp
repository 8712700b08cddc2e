#pragma once
// Order-preserving key encoding: big-endian integers so RocksDB's bytewise order is numeric order.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace soj::storage {

void AppendUint64(std::string* key, uint64_t value);
void AppendUint32(std::string* key, uint32_t value);
// Signed values are shifted by 2^31 so negative numbers sort before positive ones.
void AppendInt32(std::string* key, int32_t value);
void AppendInt64(std::string* key, int64_t value);

// Decoders read from the front of `in` and advance it; nullopt when too short.
std::optional<uint64_t> ConsumeUint64(std::string_view* in);
std::optional<uint32_t> ConsumeUint32(std::string_view* in);
std::optional<int32_t> ConsumeInt32(std::string_view* in);
std::optional<int64_t> ConsumeInt64(std::string_view* in);

std::string EncodeUint64(uint64_t value);

// The smallest key greater than every key starting with `prefix` (for iterate_upper_bound).
// Empty when no such key exists (prefix of all 0xff bytes).
std::string PrefixSuccessor(std::string_view prefix);

}  // namespace soj::storage
