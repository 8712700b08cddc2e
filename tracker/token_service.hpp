#pragma once
// API tokens: random secrets shown once, stored only as a SHA-256 hash, each carrying one
// role (and a partner or a country), revocable. Authenticate turns a secret into a Principal.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/store.hpp"
#include "storage/transaction.hpp"
#include "tracker/calendar.hpp"
#include "tracker/error.hpp"
#include "tracker/principal.hpp"
#include "tracker/reference_data.hpp"
#include "tracker/token_cache.hpp"

namespace soj::tracker {

struct TokenRecord {
  std::string id;  // "tok_3f9a0c1d22e7": public handle for listing and revoking
  std::string name;
  Role role = Role::kPublic;
  std::string partner;  // for partner tokens
  std::string country;  // for state tokens
  Timestamp created_at;
  std::optional<Timestamp> revoked_at;
  std::string secret_hash;  // hex SHA-256 of the secret
};

struct IssuedToken {
  TokenRecord record;
  std::string secret;  // shown once; never stored
};

class TokenService {
 public:
  TokenService(storage::Store& store, const Clock& clock, const PartnerDirectory& partners);

  // Issues a token (admins only). Partner tokens name a registered partner, state tokens a
  // country in scope; other roles take neither. Violations are kInvalid with the field.
  Result<IssuedToken> Create(const Principal& who, Role role, std::string partner,
                             std::string country, std::string name);
  // Every token, revoked ones included, newest first; never the secret (admins only).
  Result<std::vector<TokenRecord>> List(const Principal& who) const;
  // Revokes the token; revoking twice is harmless. kNotFound for an unknown id. Every
  // revocation hook runs inside the same write, so what was bound to the token ends in the
  // commit that revokes it; a hook's error undoes the revocation (nothing half done).
  Result<TokenRecord> Revoke(const Principal& who, std::string_view id);

  // Called inside the write that revokes a token (also when it was revoked before: hooks
  // must be idempotent). Add hooks before serving; they are not synchronised.
  using RevocationHook =
      std::function<storage::Status(storage::Transaction& txn, const TokenRecord& revoked)>;
  void AddRevocationHook(RevocationHook hook) { revocation_hooks_.push_back(std::move(hook)); }

  // The principal a secret stands for; kUnauthenticated for unknown or revoked secrets.
  Result<Principal> Authenticate(std::string_view secret) const;
  // Whether token `id` exists and is not revoked: what holds a session opened with it open.
  bool IsActive(std::string_view id) const;
  // Whether the credential `who` was authenticated with still stands for exactly `who`: the
  // token exists, is not revoked, and carries the same role, partner and country. What keeps
  // anything that outlives a request (a parked long poll, a streamed export, a webhook
  // subscription) going. True for a principal without a credential (the public, tools). Fails
  // closed: an unreadable record is false.
  bool StillAuthorises(const Principal& who) const;

 private:
  storage::Store& store_;
  const Clock& clock_;
  const PartnerDirectory& partners_;
  // What Authenticate found, emptied by every commit to the tokens family. None on a
  // follower: the primary's revocations reach its store without passing its writer.
  std::shared_ptr<TokenCache> cache_;
  std::vector<RevocationHook> revocation_hooks_;
};

}  // namespace soj::tracker
