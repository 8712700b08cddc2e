#include "tracker/token_service.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "storage/family.hpp"
#include "tests/tracker_fixture.hpp"
#include "tracker/digest.hpp"

namespace soj::tracker {
namespace {

using soj::testing::PlatformTest;
using soj::testing::TestNow;

bool HasField(const Error& error, std::string_view field) {
  return std::any_of(error.fields.begin(), error.fields.end(),
                     [&](const FieldError& f) { return f.field == field; });
}

std::string Fields(const Error& error) {
  std::string out;
  for (const FieldError& f : error.fields) out += f.field + ": " + f.message + "\n";
  return out;
}

class TokenServiceTest : public PlatformTest {
 protected:
  TokenService& tokens() { return platform_->tokens(); }

  IssuedToken Issue(Role role, std::string partner = "", std::string country = "",
                    std::string name = "test token") {
    auto issued = tokens().Create(Principal::Admin(), role, std::move(partner), std::move(country),
                                  std::move(name));
    EXPECT_TRUE(issued) << (issued ? "" : issued.error().message + "\n" + Fields(issued.error()));
    return issued ? *issued : IssuedToken{};
  }

  // Every key and value of the tokens column family, concatenated.
  std::vector<std::string> RawTokenRecords() {
    std::vector<std::string> out;
    storage::Status s =
        platform_->store().Scan(storage::Family::kTokens, "", "", storage::Direction::kForward,
                                [&](std::string_view key, std::string_view value) {
                                  out.emplace_back(key);
                                  out.emplace_back(value);
                                  return true;
                                });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return out;
  }
};

TEST_F(TokenServiceTest, CreatesAPartnerTokenThatAuthenticatesAsThePartner) {
  const IssuedToken t = Issue(Role::kPartner, "efj", "", "EFJ sync");
  EXPECT_EQ(t.record.role, Role::kPartner);
  EXPECT_EQ(t.record.partner, "efj");
  EXPECT_EQ(t.record.country, "");
  EXPECT_EQ(t.record.name, "EFJ sync");
  EXPECT_EQ(t.record.created_at, TestNow());
  EXPECT_FALSE(t.record.revoked_at.has_value());
  EXPECT_TRUE(t.record.id.starts_with("tok_")) << t.record.id;
  EXPECT_EQ(t.record.secret_hash, Sha256Hex(t.secret));

  auto who = tokens().Authenticate(t.secret);
  ASSERT_TRUE(who) << who.error().message;
  EXPECT_EQ(who->role, Role::kPartner);
  EXPECT_EQ(who->partner, "efj");
  EXPECT_EQ(who->country, "");
  EXPECT_EQ(who->token_id, t.record.id);
}

TEST_F(TokenServiceTest, CreatesAStateTokenScopedToItsCountry) {
  const IssuedToken t = Issue(Role::kState, "", "BY");
  EXPECT_EQ(t.record.country, "BY");
  auto who = tokens().Authenticate(t.secret);
  ASSERT_TRUE(who) << who.error().message;
  EXPECT_EQ(who->role, Role::kState);
  EXPECT_EQ(who->country, "BY");
  EXPECT_EQ(who->partner, "");
  EXPECT_EQ(who->token_id, t.record.id);
}

TEST_F(TokenServiceTest, CreatesEditorAnalystAndAdminTokens) {
  for (Role role : {Role::kEditor, Role::kAnalyst, Role::kAdmin}) {
    const IssuedToken t = Issue(role);
    EXPECT_EQ(t.record.role, role);
    auto who = tokens().Authenticate(t.secret);
    ASSERT_TRUE(who) << ToString(role) << ": " << who.error().message;
    EXPECT_EQ(who->role, role);
    EXPECT_EQ(who->partner, "");
    EXPECT_EQ(who->country, "");
    EXPECT_EQ(who->token_id, t.record.id);
  }
}

TEST_F(TokenServiceTest, PartnerTokenNeedsARegisteredPartner) {
  for (std::string partner : {"", "nobody", "EFJ", "efj "}) {
    auto issued = tokens().Create(Principal::Admin(), Role::kPartner, partner, "", "n");
    ASSERT_FALSE(issued) << "partner '" << partner << "'";
    EXPECT_EQ(issued.error().kind, ErrorKind::kInvalid);
    EXPECT_TRUE(HasField(issued.error(), "partner")) << Fields(issued.error());
  }
}

TEST_F(TokenServiceTest, PartnerTokenTakesNoCountry) {
  auto issued = tokens().Create(Principal::Admin(), Role::kPartner, "efj", "BY", "n");
  ASSERT_FALSE(issued);
  EXPECT_EQ(issued.error().kind, ErrorKind::kInvalid);
  EXPECT_TRUE(HasField(issued.error(), "country")) << Fields(issued.error());
  EXPECT_FALSE(HasField(issued.error(), "partner")) << Fields(issued.error());
}

TEST_F(TokenServiceTest, StateTokenNeedsACountryInScope) {
  for (std::string country : {"", "US", "by", "XX", "BYE"}) {
    auto issued = tokens().Create(Principal::Admin(), Role::kState, "", country, "n");
    ASSERT_FALSE(issued) << "country '" << country << "'";
    EXPECT_EQ(issued.error().kind, ErrorKind::kInvalid);
    EXPECT_TRUE(HasField(issued.error(), "country")) << Fields(issued.error());
  }
  // Monitored non-members are in scope.
  EXPECT_TRUE(tokens().Create(Principal::Admin(), Role::kState, "", "RU", "n"));
}

TEST_F(TokenServiceTest, StateTokenTakesNoPartner) {
  auto issued = tokens().Create(Principal::Admin(), Role::kState, "efj", "BY", "n");
  ASSERT_FALSE(issued);
  EXPECT_TRUE(HasField(issued.error(), "partner")) << Fields(issued.error());
  EXPECT_FALSE(HasField(issued.error(), "country")) << Fields(issued.error());
}

TEST_F(TokenServiceTest, OtherRolesTakeNeitherPartnerNorCountry) {
  for (Role role : {Role::kEditor, Role::kAnalyst, Role::kAdmin}) {
    auto with_partner = tokens().Create(Principal::Admin(), role, "efj", "", "n");
    ASSERT_FALSE(with_partner) << ToString(role);
    EXPECT_EQ(with_partner.error().kind, ErrorKind::kInvalid);
    EXPECT_TRUE(HasField(with_partner.error(), "partner")) << Fields(with_partner.error());

    auto with_country = tokens().Create(Principal::Admin(), role, "", "BY", "n");
    ASSERT_FALSE(with_country) << ToString(role);
    EXPECT_EQ(with_country.error().kind, ErrorKind::kInvalid);
    EXPECT_TRUE(HasField(with_country.error(), "country")) << Fields(with_country.error());

    auto with_both = tokens().Create(Principal::Admin(), role, "efj", "BY", "n");
    ASSERT_FALSE(with_both) << ToString(role);
    EXPECT_TRUE(HasField(with_both.error(), "partner")) << Fields(with_both.error());
    EXPECT_TRUE(HasField(with_both.error(), "country")) << Fields(with_both.error());
  }
}

TEST_F(TokenServiceTest, PublicRoleIsNotIssued) {
  auto issued = tokens().Create(Principal::Admin(), Role::kPublic, "", "", "n");
  ASSERT_FALSE(issued);
  EXPECT_EQ(issued.error().kind, ErrorKind::kInvalid);
  EXPECT_TRUE(HasField(issued.error(), "role")) << Fields(issued.error());
}

TEST_F(TokenServiceTest, NameIsRequiredAndLimited) {
  for (std::string name :
       {std::string(), std::string("   "), std::string(101, 'n'), std::string("bad\x01name")}) {
    auto issued = tokens().Create(Principal::Admin(), Role::kEditor, "", "", name);
    ASSERT_FALSE(issued) << "name of " << name.size() << " chars";
    EXPECT_EQ(issued.error().kind, ErrorKind::kInvalid);
    EXPECT_TRUE(HasField(issued.error(), "name")) << Fields(issued.error());
  }
  auto trimmed = tokens().Create(Principal::Admin(), Role::kEditor, "", "", "  desk  ");
  ASSERT_TRUE(trimmed);
  EXPECT_EQ(trimmed->record.name, "desk");
}

TEST_F(TokenServiceTest, RejectedCreateStoresNothing) {
  EXPECT_FALSE(tokens().Create(Principal::Admin(), Role::kPartner, "nobody", "", "n"));
  EXPECT_FALSE(tokens().Create(Principal::Editor(), Role::kEditor, "", "", "n"));
  EXPECT_TRUE(RawTokenRecords().empty());
  auto listed = tokens().List(Principal::Admin());
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->empty());
}

TEST_F(TokenServiceTest, NonAdminsAreForbiddenAndThePublicUnauthenticated) {
  const IssuedToken t = Issue(Role::kEditor);
  const std::vector<Principal> non_admins = {Principal::Editor(), Principal::Partner("efj"),
                                             Principal::State("BY"), Principal::Analyst()};
  for (const Principal& who : non_admins) {
    auto created = tokens().Create(who, Role::kEditor, "", "", "n");
    ASSERT_FALSE(created) << ToString(who.role);
    EXPECT_EQ(created.error().kind, ErrorKind::kForbidden) << ToString(who.role);
    auto listed = tokens().List(who);
    ASSERT_FALSE(listed) << ToString(who.role);
    EXPECT_EQ(listed.error().kind, ErrorKind::kForbidden) << ToString(who.role);
    auto revoked = tokens().Revoke(who, t.record.id);
    ASSERT_FALSE(revoked) << ToString(who.role);
    EXPECT_EQ(revoked.error().kind, ErrorKind::kForbidden) << ToString(who.role);
  }
  const Principal anyone = Principal::Public();
  auto created = tokens().Create(anyone, Role::kEditor, "", "", "n");
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().kind, ErrorKind::kUnauthenticated);
  auto listed = tokens().List(anyone);
  ASSERT_FALSE(listed);
  EXPECT_EQ(listed.error().kind, ErrorKind::kUnauthenticated);
  auto revoked = tokens().Revoke(anyone, t.record.id);
  ASSERT_FALSE(revoked);
  EXPECT_EQ(revoked.error().kind, ErrorKind::kUnauthenticated);

  // Nobody above revoked the token.
  EXPECT_TRUE(tokens().Authenticate(t.secret));
}

TEST_F(TokenServiceTest, UnknownSecretsAreUnauthenticated) {
  const IssuedToken t = Issue(Role::kEditor);
  std::string altered = t.secret;
  altered.back() = altered.back() == 'A' ? 'B' : 'A';
  const std::vector<std::string> unknown = {
      "",
      "soj_",
      altered,
      t.secret + "x",
      t.secret.substr(0, t.secret.size() - 1),
      t.secret.substr(4),           // without the prefix
      "SOJ_" + t.secret.substr(4),  // prefix in the wrong case
      t.record.secret_hash,         // the stored hash is not a credential
      "soj_" + t.record.secret_hash,
      t.record.id,
      "soj_" + std::string(500, 'a'),
  };
  for (const std::string& secret : unknown) {
    auto who = tokens().Authenticate(secret);
    ASSERT_FALSE(who) << "'" << secret << "'";
    EXPECT_EQ(who.error().kind, ErrorKind::kUnauthenticated) << "'" << secret << "'";
  }
  EXPECT_TRUE(tokens().Authenticate(t.secret));
}

TEST_F(TokenServiceTest, RevokedTokenNoLongerAuthenticatesOthersStillDo) {
  const IssuedToken a = Issue(Role::kPartner, "efj");
  const IssuedToken b = Issue(Role::kPartner, "efj");
  // Both authenticated once, as a client using them would have (and remembered since).
  ASSERT_TRUE(tokens().Authenticate(a.secret));
  ASSERT_TRUE(tokens().Authenticate(b.secret));
  clock_.Advance(60);
  auto revoked = tokens().Revoke(Principal::Admin(), a.record.id);
  ASSERT_TRUE(revoked) << revoked.error().message;
  EXPECT_EQ(revoked->id, a.record.id);
  ASSERT_TRUE(revoked->revoked_at.has_value());
  EXPECT_EQ(*revoked->revoked_at, clock_.Now());

  auto who = tokens().Authenticate(a.secret);
  ASSERT_FALSE(who);
  EXPECT_EQ(who.error().kind, ErrorKind::kUnauthenticated);
  EXPECT_TRUE(tokens().Authenticate(b.secret));
}

TEST_F(TokenServiceTest, RevokingTwiceIsHarmlessAndKeepsTheFirstRevocationTime) {
  const IssuedToken t = Issue(Role::kAnalyst);
  auto first = tokens().Revoke(Principal::Admin(), t.record.id);
  ASSERT_TRUE(first) << first.error().message;
  const Timestamp revoked_at = first->revoked_at.value();
  clock_.Advance(3600);
  auto second = tokens().Revoke(Principal::Admin(), t.record.id);
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(second->revoked_at, revoked_at);
  EXPECT_FALSE(tokens().Authenticate(t.secret));

  auto listed = tokens().List(Principal::Admin());
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].revoked_at, revoked_at);
}

TEST_F(TokenServiceTest, RevokingAnUnknownIdIsNotFound) {
  Issue(Role::kEditor);
  for (std::string id : {"tok_000000000000", "", "nonsense"}) {
    auto revoked = tokens().Revoke(Principal::Admin(), id);
    ASSERT_FALSE(revoked) << id;
    EXPECT_EQ(revoked.error().kind, ErrorKind::kNotFound) << id;
  }
}

TEST_F(TokenServiceTest, ListIsNewestFirstWithRevokedTokensAndNoSecret) {
  std::vector<IssuedToken> issued;
  issued.push_back(Issue(Role::kPartner, "efj", "", "first"));
  clock_.Advance(10);
  issued.push_back(Issue(Role::kState, "", "BY", "second"));
  clock_.Advance(10);
  issued.push_back(Issue(Role::kEditor, "", "", "third"));
  clock_.Advance(10);
  ASSERT_TRUE(tokens().Revoke(Principal::Admin(), issued[1].record.id));

  auto listed = tokens().List(Principal::Admin());
  ASSERT_TRUE(listed) << listed.error().message;
  ASSERT_EQ(listed->size(), 3u);
  EXPECT_EQ((*listed)[0].name, "third");
  EXPECT_EQ((*listed)[1].name, "second");
  EXPECT_EQ((*listed)[2].name, "first");
  EXPECT_EQ((*listed)[0].id, issued[2].record.id);
  EXPECT_EQ((*listed)[1].id, issued[1].record.id);
  EXPECT_EQ((*listed)[2].id, issued[0].record.id);
  EXPECT_TRUE((*listed)[1].revoked_at.has_value());
  EXPECT_FALSE((*listed)[0].revoked_at.has_value());
  EXPECT_EQ((*listed)[2].partner, "efj");
  EXPECT_EQ((*listed)[1].country, "BY");
  EXPECT_EQ((*listed)[2].role, Role::kPartner);
  EXPECT_EQ((*listed)[2].created_at, TestNow());

  for (const TokenRecord& r : *listed) {
    for (const IssuedToken& t : issued) {
      const std::string body = t.secret.substr(4);
      for (const std::string* field : {&r.id, &r.name, &r.partner, &r.country, &r.secret_hash}) {
        EXPECT_EQ(field->find(t.secret), std::string::npos) << *field;
        EXPECT_EQ(field->find(body), std::string::npos) << *field;
      }
    }
  }
}

TEST_F(TokenServiceTest, SecretAppearsNowhereInTheTokensFamily) {
  std::vector<IssuedToken> issued;
  issued.push_back(Issue(Role::kPartner, "efj"));
  issued.push_back(Issue(Role::kState, "", "BY"));
  issued.push_back(Issue(Role::kAdmin));
  ASSERT_TRUE(tokens().Revoke(Principal::Admin(), issued[2].record.id));

  const std::vector<std::string> raw = RawTokenRecords();
  ASSERT_FALSE(raw.empty());
  std::string all;
  for (const std::string& part : raw) all += part + '\n';
  for (const IssuedToken& t : issued) {
    SCOPED_TRACE(t.record.id);
    EXPECT_EQ(all.find(t.secret), std::string::npos);
    EXPECT_EQ(all.find(t.secret.substr(4)), std::string::npos) << "the secret without prefix";
    std::string decoded;
    ASSERT_TRUE(Base64UrlDecode(t.secret.substr(4), &decoded));
    EXPECT_EQ(all.find(decoded), std::string::npos) << "the secret's raw bytes";
    EXPECT_EQ(all.find(HexEncode(decoded)), std::string::npos) << "the secret's bytes in hex";
    // The scan did see the token: its id and hash are stored.
    EXPECT_NE(all.find(t.record.id), std::string::npos);
    EXPECT_NE(all.find(t.record.secret_hash), std::string::npos);
  }
}

TEST_F(TokenServiceTest, SecretsAre256BitBase64UrlAndUnique) {
  std::set<std::string> secrets;
  std::set<std::string> ids;
  std::set<std::string> hashes;
  for (int i = 0; i < 25; ++i) {
    const IssuedToken t = Issue(Role::kEditor, "", "", "token " + std::to_string(i));
    ASSERT_TRUE(t.secret.starts_with("soj_")) << t.secret;
    const std::string body = t.secret.substr(4);
    EXPECT_EQ(body.size(), 43u) << "32 bytes in unpadded base64url: " << body;
    EXPECT_EQ(
        body.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
        std::string::npos)
        << body;
    std::string bytes;
    ASSERT_TRUE(Base64UrlDecode(body, &bytes)) << body;
    EXPECT_EQ(bytes.size(), 32u);
    EXPECT_EQ(Base64UrlEncode(bytes), body);
    EXPECT_TRUE(secrets.insert(t.secret).second) << "secret repeated";
    EXPECT_TRUE(ids.insert(t.record.id).second) << "id repeated";
    EXPECT_TRUE(hashes.insert(t.record.secret_hash).second) << "hash repeated";
  }
  auto listed = tokens().List(Principal::Admin());
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->size(), 25u);
}

TEST_F(TokenServiceTest, TokensSurviveReopeningTheStore) {
  const IssuedToken kept = Issue(Role::kState, "", "RU");
  const IssuedToken revoked = Issue(Role::kEditor);
  ASSERT_TRUE(tokens().Revoke(Principal::Admin(), revoked.record.id));
  Reopen();
  auto who = tokens().Authenticate(kept.secret);
  ASSERT_TRUE(who) << who.error().message;
  EXPECT_EQ(who->role, Role::kState);
  EXPECT_EQ(who->country, "RU");
  EXPECT_EQ(who->token_id, kept.record.id);
  EXPECT_FALSE(tokens().Authenticate(revoked.secret));
}

TEST_F(TokenServiceTest, AuthenticatedAdminCanManageTokens) {
  const IssuedToken admin = Issue(Role::kAdmin);
  auto who = tokens().Authenticate(admin.secret);
  ASSERT_TRUE(who);
  auto issued = tokens().Create(*who, Role::kAnalyst, "", "", "press desk");
  ASSERT_TRUE(issued) << issued.error().message;
  // An admin may revoke its own token; afterwards it no longer works.
  ASSERT_TRUE(tokens().Revoke(*who, admin.record.id));
  EXPECT_FALSE(tokens().Authenticate(admin.secret));
}

}  // namespace
}  // namespace soj::tracker
