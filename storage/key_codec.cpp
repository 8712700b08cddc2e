#include "storage/key_codec.hpp"

namespace soj::storage {

void AppendUint64(std::string* key, uint64_t value) {
  for (int shift = 56; shift >= 0; shift -= 8) key->push_back(static_cast<char>(value >> shift));
}

void AppendUint32(std::string* key, uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) key->push_back(static_cast<char>(value >> shift));
}

void AppendInt32(std::string* key, int32_t value) {
  AppendUint32(key, static_cast<uint32_t>(value) ^ 0x80000000u);
}

void AppendInt64(std::string* key, int64_t value) {
  AppendUint64(key, static_cast<uint64_t>(value) ^ 0x8000000000000000ull);
}

std::optional<uint64_t> ConsumeUint64(std::string_view* in) {
  if (in->size() < 8) return std::nullopt;
  uint64_t value = 0;
  for (int i = 0; i < 8; ++i) value = (value << 8) | static_cast<unsigned char>((*in)[i]);
  in->remove_prefix(8);
  return value;
}

std::optional<uint32_t> ConsumeUint32(std::string_view* in) {
  if (in->size() < 4) return std::nullopt;
  uint32_t value = 0;
  for (int i = 0; i < 4; ++i) value = (value << 8) | static_cast<unsigned char>((*in)[i]);
  in->remove_prefix(4);
  return value;
}

std::optional<int32_t> ConsumeInt32(std::string_view* in) {
  auto raw = ConsumeUint32(in);
  if (!raw) return std::nullopt;
  return static_cast<int32_t>(*raw ^ 0x80000000u);
}

std::optional<int64_t> ConsumeInt64(std::string_view* in) {
  auto raw = ConsumeUint64(in);
  if (!raw) return std::nullopt;
  return static_cast<int64_t>(*raw ^ 0x8000000000000000ull);
}

std::string EncodeUint64(uint64_t value) {
  std::string key;
  AppendUint64(&key, value);
  return key;
}

std::string PrefixSuccessor(std::string_view prefix) {
  std::string next(prefix);
  while (!next.empty()) {
    auto& last = reinterpret_cast<unsigned char&>(next.back());
    if (last != 0xff) {
      ++last;
      return next;
    }
    next.pop_back();
  }
  return next;
}

}  // namespace soj::storage
