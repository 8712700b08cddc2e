#pragma once
// API tokens: random secrets shown once, stored only as a SHA-256 hash, each carrying one
// role (and a partner or a country), revocable. Authenticate turns a secret into a Principal.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/store.hpp"
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
  // Revokes the token; revoking twice is harmless. kNotFound for an unknown id.
  Result<TokenRecord> Revoke(const Principal& who, std::string_view id);

  // The principal a secret stands for; kUnauthenticated for unknown or revoked secrets.
  Result<Principal> Authenticate(std::string_view secret) const;
  // Whether token `id` exists and is not revoked: what holds a session opened with it open.
  bool IsActive(std::string_view id) const;

 private:
  storage::Store& store_;
  const Clock& clock_;
  const PartnerDirectory& partners_;
  // What Authenticate found, emptied by every commit to the tokens family. None on a
  // follower: the primary's revocations reach its store without passing its writer.
  std::shared_ptr<TokenCache> cache_;
};

}  // namespace soj::tracker
