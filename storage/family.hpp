#pragma once
// The column families of the store, one per kind of record.

#include <array>
#include <cstddef>
#include <string_view>

namespace soj::storage {

enum class Family : std::size_t {
  kMeta = 0,     // schema version, reference data (partners)
  kAlerts,       // alert id (big-endian u64) -> alert document (JSON)
  kIndex,        // secondary index entries; keys built by the domain layer
  kEvents,       // event sequence (big-endian u64) -> event (JSON); append-only
  kIdempotency,  // (principal, Idempotency-Key) -> stored outcome
  kTokens,       // token records and hash -> token id lookups
  kStats,        // compact per-alert statistics records
  kWebhooks,     // webhook subscriptions, their outbox (pending deliveries) and delivery records
};

inline constexpr std::size_t kFamilyCount = 8;

// RocksDB column family names; "default" holds kMeta.
inline constexpr std::array<std::string_view, kFamilyCount> kFamilyNames = {
    "default", "alerts", "index", "events", "idempotency", "tokens", "stats", "webhooks"};

}  // namespace soj::storage
