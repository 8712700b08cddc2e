#include "tracker/token_service.hpp"

#include <boost/json.hpp>

#include "tracker/alert_records.hpp"
#include "tracker/digest.hpp"
#include "tracker/validation.hpp"

namespace soj::tracker {
namespace json = boost::json;
using storage::Family;

namespace {

constexpr std::string_view kSecretPrefix = "soj_";
constexpr std::size_t kSecretBytes = 32;  // 256 bits

std::string RecordKey(std::string_view id) { return std::string("i").append(id); }
std::string HashKey(std::string_view hash_hex) { return std::string("h").append(hash_hex); }

std::string EncodeRecord(const TokenRecord& r) {
  json::object o{{"id", r.id},
                 {"name", r.name},
                 {"role", ToString(r.role)},
                 {"created_at", r.created_at.ToString()},
                 {"secret_hash", r.secret_hash}};
  if (!r.partner.empty()) o["partner"] = r.partner;
  if (!r.country.empty()) o["country"] = r.country;
  if (r.revoked_at) o["revoked_at"] = r.revoked_at->ToString();
  return json::serialize(o);
}

Result<TokenRecord> DecodeRecord(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return Error::Internal("damaged token record");
  const json::object& o = v.as_object();
  auto str = [&](std::string_view key) -> std::string {
    const json::value* field = o.if_contains(key);
    return field && field->is_string() ? std::string(field->as_string()) : std::string();
  };
  TokenRecord r;
  r.id = str("id");
  r.name = str("name");
  auto role = EnumFromName<Role>(str("role"), kRoleNames);
  auto created = Timestamp::Parse(str("created_at"));
  if (r.id.empty() || !role || !created) return Error::Internal("damaged token record");
  r.role = *role;
  r.created_at = *created;
  r.partner = str("partner");
  r.country = str("country");
  r.secret_hash = str("secret_hash");
  if (auto revoked = str("revoked_at"); !revoked.empty()) r.revoked_at = Timestamp::Parse(revoked);
  return r;
}

Error AdminsOnly(const Principal& who) {
  if (who.role == Role::kPublic) return Error::Unauthenticated("this action needs a token");
  return Error::Forbidden("only admins manage tokens");
}

}  // namespace

TokenService::TokenService(storage::Store& store, const Clock& clock,
                           const PartnerDirectory& partners)
    : store_(store), clock_(clock), partners_(partners) {
  if (store.read_only()) return;
  cache_ = std::make_shared<TokenCache>();
  store.writes().AddCommitObserver(
      Family::kTokens,
      [cache = cache_](std::string_view, std::optional<std::string_view>) { cache->Forget(); });
}

Result<IssuedToken> TokenService::Create(const Principal& who, Role role, std::string partner,
                                         std::string country, std::string name) {
  if (who.role != Role::kAdmin) return AdminsOnly(who);
  FieldErrors errors;
  name = CleanText(name, "name", 100, false, errors);
  if (role == Role::kPublic) errors.Add("role", "must be partner, editor, state, analyst or admin");
  if (role == Role::kPartner) {
    if (!partners_.Contains(partner)) errors.Add("partner", "must be a registered partner id");
  } else if (!partner.empty()) {
    errors.Add("partner", "is only taken for partner tokens");
  }
  if (role == Role::kState) {
    if (FindCountry(country) == nullptr) errors.Add("country", "must be a country in scope");
  } else if (!country.empty()) {
    errors.Add("country", "is only taken for state tokens");
  }
  if (!errors.empty()) return Error::Invalid(errors.Take());

  IssuedToken issued;
  issued.secret = std::string(kSecretPrefix) + Base64UrlEncode(RandomBytes(kSecretBytes));
  TokenRecord& r = issued.record;
  r.id = "tok_" + HexEncode(RandomBytes(6));
  r.name = std::move(name);
  r.role = role;
  r.partner = std::move(partner);
  r.country = std::move(country);
  r.created_at = clock_.Now();
  r.secret_hash = Sha256Hex(issued.secret);
  storage::Status s = store_.Write([&](storage::Transaction& txn) {
    txn.Put(Family::kTokens, RecordKey(r.id), EncodeRecord(r));
    txn.Put(Family::kTokens, HashKey(r.secret_hash), r.id);
    return storage::Status::Ok();
  });
  if (!s.ok()) return FromStorage(s);
  return issued;
}

Result<std::vector<TokenRecord>> TokenService::List(const Principal& who) const {
  if (who.role != Role::kAdmin) return AdminsOnly(who);
  std::vector<TokenRecord> out;
  std::optional<Error> damaged;
  storage::Status s = store_.ScanPrefix(Family::kTokens, "i", storage::Direction::kForward,
                                        [&](std::string_view, std::string_view value) {
                                          auto record = DecodeRecord(value);
                                          if (!record) {
                                            damaged = record.error();
                                            return false;
                                          }
                                          out.push_back(std::move(*record));
                                          return true;
                                        });
  if (!s.ok()) return FromStorage(s);
  if (damaged) return *damaged;
  // Keys are scanned in id order; ties within a second stay in that stable order.
  std::stable_sort(out.begin(), out.end(), [](const TokenRecord& a, const TokenRecord& b) {
    return a.created_at > b.created_at;
  });
  return out;
}

Result<TokenRecord> TokenService::Revoke(const Principal& who, std::string_view id) {
  if (who.role != Role::kAdmin) return AdminsOnly(who);
  std::optional<Error> failure;
  TokenRecord result;
  storage::Status s = store_.Write([&](storage::Transaction& txn) {
    auto raw = txn.Get(Family::kTokens, RecordKey(id));
    if (!raw) return raw.error();
    if (!*raw) {
      failure = Error::NotFound("there is no token " + std::string(id));
      return storage::Status::Aborted("unknown token");
    }
    auto record = DecodeRecord(**raw);
    if (!record) {
      failure = record.error();
      return storage::Status::Aborted("damaged token");
    }
    if (!record->revoked_at) {
      record->revoked_at = clock_.Now();
      txn.Put(Family::kTokens, RecordKey(id), EncodeRecord(*record));
      txn.Delete(Family::kTokens, HashKey(record->secret_hash));
    }
    for (const RevocationHook& hook : revocation_hooks_) {
      storage::Status ended = hook(txn, *record);
      if (!ended.ok()) return ended;
    }
    result = *record;
    return storage::Status::Ok();
  });
  if (failure) return *failure;
  if (!s.ok()) return FromStorage(s);
  return result;
}

Result<Principal> TokenService::Authenticate(std::string_view secret) const {
  const auto unknown = [] { return Error::Unauthenticated("the token is unknown or revoked"); };
  if (!secret.starts_with(kSecretPrefix) || secret.size() > 128) return unknown();
  const std::string hash = Sha256Hex(secret);
  uint64_t generation = 0;
  if (cache_)
    if (auto known = cache_->Find(hash, generation)) return *std::move(known);
  auto id = store_.Get(Family::kTokens, HashKey(hash));
  if (!id) return FromStorage(id.error());
  if (!*id) return unknown();
  auto raw = store_.Get(Family::kTokens, RecordKey(**id));
  if (!raw) return FromStorage(raw.error());
  if (!*raw) return unknown();
  auto record = DecodeRecord(**raw);
  if (!record) return record.error();
  if (record->revoked_at || !ConstantTimeEquals(record->secret_hash, hash)) return unknown();
  Principal principal{record->role, record->partner, record->country, record->id};
  if (cache_) cache_->Remember(hash, principal, generation);
  return principal;
}

bool TokenService::IsActive(std::string_view id) const {
  auto raw = store_.Get(Family::kTokens, RecordKey(id));
  if (!raw || !*raw) return false;  // unknown, or unreadable: fail closed
  auto record = DecodeRecord(**raw);
  return record && !record->revoked_at;
}

bool TokenService::StillAuthorises(const Principal& who) const {
  if (who.token_id.empty()) return true;
  auto raw = store_.Get(Family::kTokens, RecordKey(who.token_id));
  if (!raw || !*raw) return false;
  auto record = DecodeRecord(**raw);
  return record && !record->revoked_at && record->role == who.role &&
         record->partner == who.partner && record->country == who.country;
}

}  // namespace soj::tracker
