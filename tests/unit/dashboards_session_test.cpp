// Sessions and cookies of the signed-in desks.

#include <gtest/gtest.h>

#include <vector>

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

TEST(Sessions, TheTableIsBoundedAndTheLeastRecentlyUsedSessionEndsFirst) {
  constexpr std::size_t kCapacity = 100;
  SessionStore store(kCapacity);
  std::vector<Session> sessions;
  for (std::size_t i = 0; i < kCapacity; ++i)
    sessions.push_back(store.Create(tracker::Principal::Partner("efj")));
  // The oldest session is in use: the next sign-in pushes out the second oldest instead.
  ASSERT_TRUE(store.Find(sessions[0].id));
  const Session newest = store.Create(tracker::Principal::Editor());
  EXPECT_EQ(store.size(), kCapacity);
  EXPECT_TRUE(store.Find(sessions[0].id));
  EXPECT_FALSE(store.Find(sessions[1].id));
  EXPECT_TRUE(store.Find(newest.id));
  // A flood of sign-ins never grows the table past its bound, and pushes out the idle ones.
  for (std::size_t i = 0; i < 10 * kCapacity; ++i) store.Create(tracker::Principal::Partner("x"));
  EXPECT_EQ(store.size(), kCapacity);
  EXPECT_FALSE(store.Find(sessions[0].id));
  EXPECT_EQ(SessionStore().size(), 0u);
  static_assert(kMaxSessions >= 1000 && kMaxSessions <= 100'000);
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
