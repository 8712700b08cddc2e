// Sessions and cookies of the signed-in desks.

#include <gtest/gtest.h>

#include "dashboards/sessions.hpp"

namespace soj::dashboards {
namespace {

TEST(Sessions, CreateFindRemove) {
  SessionStore store;
  const Session session = store.Create(tracker::Principal::Partner("efj"));
  EXPECT_EQ(session.id.size(), 64u);
  EXPECT_EQ(session.csrf.size(), 64u);
  EXPECT_NE(session.id, session.csrf);
  auto found = store.Find(session.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->principal.partner, "efj");
  EXPECT_FALSE(store.Find(session.csrf));
  EXPECT_FALSE(store.Find("short"));
  store.Remove(session.id);
  EXPECT_FALSE(store.Find(session.id));
}

TEST(Sessions, IdsAreRandom) {
  SessionStore store;
  EXPECT_NE(store.Create({}).id, store.Create({}).id);
}

TEST(Sessions, ConstantTimeEqualsNeedsSameNonEmptyText) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "ab"));
  EXPECT_FALSE(ConstantTimeEquals("", ""));
}

TEST(Sessions, CookiesAreHttpOnlyStrictAndSecureOnTls) {
  EXPECT_EQ(SetCookieValue("s", "v", false, std::chrono::seconds(60)),
            "s=v; Path=/; HttpOnly; SameSite=Strict; Max-Age=60");
  EXPECT_EQ(SetCookieValue("s", "v", true, std::chrono::seconds(60)),
            "s=v; Path=/; HttpOnly; SameSite=Strict; Max-Age=60; Secure");
  EXPECT_EQ(CookieValue("a=1; soj_session=xyz; b=2", "soj_session"), "xyz");
  EXPECT_EQ(CookieValue("a=1", "soj_session"), "");
}

}  // namespace
}  // namespace soj::dashboards
