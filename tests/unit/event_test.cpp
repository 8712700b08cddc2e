#include "tracker/event.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "tests/tracker_fixture.hpp"

namespace soj::tracker {
namespace {

namespace json = boost::json;
using soj::testing::PlatformTest;
using soj::testing::TestNow;

Event SampleEvent() {
  Event e;
  e.seq = 4242;
  e.alert_id = 1042;
  e.at = *Timestamp::Parse("2023-05-01T10:00:00Z");
  e.actor = "editor (token tok_3f9a0c1d22e7)";
  e.kind = EventKind::kTransitioned;
  e.status = AlertStatus::kResolved;
  e.version = 7;
  e.detail = {{"from", "published"}, {"to", "resolved"}, {"reason", "released"}};
  return e;
}

void ExpectSameEvent(const Event& a, const Event& b) {
  EXPECT_EQ(a.seq, b.seq);
  EXPECT_EQ(a.alert_id, b.alert_id);
  EXPECT_EQ(a.at, b.at);
  EXPECT_EQ(a.actor, b.actor);
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.version, b.version);
  EXPECT_EQ(a.detail, b.detail);
}

TEST(EventTest, EncodeDecodeRoundTrip) {
  const Event original = SampleEvent();
  auto decoded = DecodeEvent(EncodeEvent(original));
  ASSERT_TRUE(decoded) << decoded.error().message;
  ExpectSameEvent(*decoded, original);
}

TEST(EventTest, RoundTripKeepsEveryKindAndStatus) {
  for (std::size_t k = 0; k < kEventKindNames.size(); ++k) {
    for (std::size_t s = 0; s < kStatusNames.size(); ++s) {
      Event e = SampleEvent();
      e.kind = static_cast<EventKind>(k);
      e.status = static_cast<AlertStatus>(s);
      e.seq = k * 10 + s + 1;
      auto decoded = DecodeEvent(EncodeEvent(e));
      ASSERT_TRUE(decoded) << kEventKindNames[k] << "/" << kStatusNames[s];
      ExpectSameEvent(*decoded, e);
    }
  }
}

TEST(EventTest, RoundTripKeepsLargeNumbersAndNestedDetail) {
  Event e = SampleEvent();
  e.seq = (uint64_t{1} << 62) + 3;
  e.alert_id = (uint64_t{1} << 53) + 1;  // past a double's exact range
  e.kind = EventKind::kEdited;
  e.detail = {{"fields", json::array{"title", "victims"}},
              {"before", json::object{{"title", "Old title"},
                                      {"victims", json::array{json::object{{"name", "X"}}}}}}};
  auto decoded = DecodeEvent(EncodeEvent(e));
  ASSERT_TRUE(decoded);
  ExpectSameEvent(*decoded, e);
}

TEST(EventTest, DecodeRejectsDamagedRecords) {
  const json::object good = EventToJson(SampleEvent());
  std::vector<std::string> damaged = {"", "not json", "[]", "{}"};
  for (std::string_view field :
       {"seq", "alert_id", "at", "actor", "kind", "status", "version", "detail"}) {
    json::object missing = good;
    missing.erase(field);
    damaged.push_back(json::serialize(missing));
  }
  json::object bad_kind = good;
  bad_kind["kind"] = "exploded";
  damaged.push_back(json::serialize(bad_kind));
  json::object bad_status = good;
  bad_status["status"] = "archived";
  damaged.push_back(json::serialize(bad_status));
  json::object bad_at = good;
  bad_at["at"] = "yesterday";
  damaged.push_back(json::serialize(bad_at));
  json::object bad_detail = good;
  bad_detail["detail"] = "text";
  damaged.push_back(json::serialize(bad_detail));
  for (const std::string& text : damaged) {
    auto decoded = DecodeEvent(text);
    ASSERT_FALSE(decoded) << text;
    EXPECT_EQ(decoded.error().kind, ErrorKind::kInternal) << text;
  }
}

TEST(EventTest, EventToJsonShowsEverything) {
  const Event e = SampleEvent();
  const json::object o = EventToJson(e);
  EXPECT_EQ(o.at("seq").to_number<uint64_t>(), 4242u);
  EXPECT_EQ(o.at("alert_id").to_number<uint64_t>(), 1042u);
  EXPECT_EQ(o.at("at").as_string(), "2023-05-01T10:00:00Z");
  EXPECT_EQ(o.at("actor").as_string(), "editor (token tok_3f9a0c1d22e7)");
  EXPECT_EQ(o.at("kind").as_string(), "transitioned");
  EXPECT_EQ(o.at("status").as_string(), "resolved");
  EXPECT_EQ(o.at("version").to_number<uint64_t>(), 7u);
  EXPECT_EQ(o.at("detail"), json::value(e.detail));
}

TEST(EventTest, EventActorAddsTheTokenIdForAudit) {
  Principal partner = Principal::Partner("efj");
  EXPECT_EQ(EventActor(partner), "partner:efj");
  partner.token_id = "tok_0011aabbccdd";
  EXPECT_EQ(EventActor(partner), "partner:efj (token tok_0011aabbccdd)");
  Principal editor = Principal::Editor();
  editor.token_id = "tok_ab12";
  EXPECT_EQ(EventActor(editor), "editor (token tok_ab12)");
  EXPECT_EQ(EventActor(Principal::State("BY")), "state:BY");
}

TEST(EventTest, PublicEventHidesEditsBefore) {
  Event e = SampleEvent();
  e.kind = EventKind::kEdited;
  e.status = AlertStatus::kPublished;
  e.detail = {{"fields", json::array{"victims"}},
              {"before", json::object{{"victims", json::array{json::object{{"name", "Secret Name"},
                                                                           {"withheld", true}}}}}}};
  auto pub = PublicEventJson(e);
  ASSERT_TRUE(pub.has_value());
  const json::object& detail = pub->at("detail").as_object();
  EXPECT_FALSE(detail.contains("before"));
  EXPECT_EQ(detail.at("fields"), json::value(json::array{"victims"}));
  EXPECT_EQ(json::serialize(*pub).find("Secret Name"), std::string::npos) << json::serialize(*pub);
  EXPECT_EQ(pub->at("kind").as_string(), "edited");
}

TEST(EventTest, PublicEventKeepsTransitionDetailAndPublicFields) {
  const Event e = SampleEvent();
  auto pub = PublicEventJson(e);
  ASSERT_TRUE(pub.has_value());
  EXPECT_EQ(pub->at("seq").to_number<uint64_t>(), e.seq);
  EXPECT_EQ(pub->at("at").as_string(), "2023-05-01T10:00:00Z");
  EXPECT_EQ(pub->at("kind").as_string(), "transitioned");
  EXPECT_EQ(pub->at("status").as_string(), "resolved");
  EXPECT_EQ(pub->at("version").to_number<uint64_t>(), 7u);
  EXPECT_EQ(pub->at("detail"), json::value(e.detail));
}

TEST(EventTest, PublicEventIsNullWhileTheAlertIsNotPublic) {
  for (AlertStatus status :
       {AlertStatus::kDraft, AlertStatus::kRejected, AlertStatus::kWithdrawn}) {
    for (EventKind kind : {EventKind::kCreated, EventKind::kEdited, EventKind::kTransitioned,
                           EventKind::kUpdateAdded, EventKind::kImported}) {
      Event e = SampleEvent();
      e.status = status;
      e.kind = kind;
      EXPECT_FALSE(PublicEventJson(e).has_value()) << ToString(status) << "/" << ToString(kind);
    }
  }
}

TEST(EventTest, PublicEventOfPublishedAndResolvedAlertsIsShown) {
  for (AlertStatus status : {AlertStatus::kPublished, AlertStatus::kResolved}) {
    Event e = SampleEvent();
    e.status = status;
    EXPECT_TRUE(PublicEventJson(e).has_value()) << ToString(status);
  }
}

TEST(EventTest, PublicActorOfEditorsIsSecretariat) {
  for (std::string actor :
       {"editor", "editor (token tok_3f9a0c1d22e7)", "admin", "editor import", "analyst"}) {
    Event e = SampleEvent();
    e.actor = actor;
    auto pub = PublicEventJson(e);
    ASSERT_TRUE(pub.has_value());
    EXPECT_EQ(pub->at("actor").as_string(), "secretariat") << actor;
    EXPECT_EQ(json::serialize(*pub).find("tok_"), std::string::npos) << json::serialize(*pub);
  }
}

TEST(EventTest, PublicActorKeepsPartnerAndStateWithoutTokenId) {
  Event e = SampleEvent();
  e.kind = EventKind::kUpdateAdded;
  e.detail = {{"update_id", 1}};
  e.actor = "partner:efj (token tok_0011aabbccdd)";
  auto pub = PublicEventJson(e);
  ASSERT_TRUE(pub.has_value());
  EXPECT_EQ(pub->at("actor").as_string(), "partner:efj");
  EXPECT_EQ(json::serialize(*pub).find("tok_0011aabbccdd"), std::string::npos);

  e.actor = "partner:efj";
  EXPECT_EQ(PublicEventJson(e)->at("actor").as_string(), "partner:efj");

  e.kind = EventKind::kReplyAdded;
  e.detail = {{"reply_id", 1}};
  e.actor = "state:BY (token tok_99)";
  EXPECT_EQ(PublicEventJson(e)->at("actor").as_string(), "state:BY");
}

TEST(EventTest, PublicEventDoesNotExposeTheAlertIdOrInternalActor) {
  auto pub = PublicEventJson(SampleEvent());
  ASSERT_TRUE(pub.has_value());
  EXPECT_FALSE(pub->contains("alert_id"));
  EXPECT_EQ(json::serialize(*pub).find("tok_3f9a0c1d22e7"), std::string::npos);
}

// The same rules seen through the alert service: a history with drafts, edits and notes.
class EventHistoryTest : public PlatformTest {};

TEST_F(EventHistoryTest, PublicHistoryHidesDraftPeriodAndEditBefore) {
  Principal efj = Principal::Partner("efj");
  efj.token_id = "tok_partner0001";
  AlertContent content = soj::testing::ValidContent();
  content.victims[0].withheld = true;
  content.victims[0].name = "Hidden Person";
  auto submitted = alerts().Submit(efj, content);
  ASSERT_TRUE(submitted) << submitted.error().message;
  const AlertId id = submitted->alert.id;

  // An edit while still a draft: not public.
  auto draft_edit = alerts().Edit(efj, id, 1, json::parse(R"({"title":"Draft title change"})"));
  ASSERT_TRUE(draft_edit) << draft_edit.error().message;

  Principal editor = Principal::Editor();
  editor.token_id = "tok_editor0001";
  auto published = alerts().Transition(editor, id, {AlertStatus::kPublished, "", std::nullopt});
  ASSERT_TRUE(published) << published.error().message;

  // An edit after publication that changes the withheld victim: "before" holds the name.
  clock_.Advance(3600);
  auto edited = alerts().Edit(editor, id, published->version,
                              json::parse(R"({"victims":[{"name":"Hidden Person","withheld":true,
                                  "kind":"journalist","gender":"male"}]})"));
  ASSERT_TRUE(edited) << edited.error().message;
  auto update = alerts().AddUpdate(efj, id, {"Released on bail.", std::nullopt});
  ASSERT_TRUE(update) << update.error().message;

  auto full = alerts().History(editor, id);
  ASSERT_TRUE(full) << full.error().message;
  ASSERT_EQ(full->size(), 5u);
  EXPECT_NE(json::serialize(json::value_from(*full)).find("Hidden Person"), std::string::npos)
      << "the editor's history keeps the before values";

  auto pub = alerts().History(Principal::Public(), id);
  ASSERT_TRUE(pub) << pub.error().message;
  std::vector<std::string> kinds;
  for (const json::object& e : *pub) kinds.emplace_back(e.at("kind").as_string());
  EXPECT_EQ(kinds, (std::vector<std::string>{"transitioned", "edited", "update_added"}));
  const std::string text = json::serialize(json::value_from(*pub));
  EXPECT_EQ(text.find("Hidden Person"), std::string::npos) << text;
  EXPECT_EQ(text.find("before"), std::string::npos) << text;
  EXPECT_EQ(text.find("Draft title change"), std::string::npos) << text;
  EXPECT_EQ(text.find("tok_"), std::string::npos) << text;
  ASSERT_EQ(pub->size(), 3u);
  EXPECT_EQ((*pub)[0].at("actor").as_string(), "secretariat");
  EXPECT_EQ((*pub)[1].at("actor").as_string(), "secretariat");
  EXPECT_EQ((*pub)[1].at("detail").at("fields"), json::value(json::array{"victims"}));
  EXPECT_EQ((*pub)[2].at("actor").as_string(), "partner:efj");
}

TEST_F(EventHistoryTest, PublicSeesNoHistoryOfADraft) {
  const Alert draft = Submit();
  auto pub = alerts().History(Principal::Public(), draft.id);
  ASSERT_FALSE(pub);
  EXPECT_EQ(pub.error().kind, ErrorKind::kNotFound);
}

TEST_F(EventHistoryTest, EventsRecordTimeActorStatusAndVersion) {
  const Alert published = SubmitPublished();
  auto full = alerts().History(Principal::Editor(), published.id);
  ASSERT_TRUE(full) << full.error().message;
  ASSERT_EQ(full->size(), 2u);
  EXPECT_EQ((*full)[0].at("kind").as_string(), "created");
  EXPECT_EQ((*full)[0].at("actor").as_string(), "partner:efj");
  EXPECT_EQ((*full)[0].at("status").as_string(), "draft");
  EXPECT_EQ((*full)[0].at("version").to_number<uint64_t>(), 1u);
  EXPECT_EQ((*full)[0].at("at").as_string(), TestNow().ToString());
  EXPECT_EQ((*full)[1].at("kind").as_string(), "transitioned");
  EXPECT_EQ((*full)[1].at("status").as_string(), "published");
  EXPECT_EQ((*full)[1].at("version").to_number<uint64_t>(), 2u);
  EXPECT_LT((*full)[0].at("seq").to_number<uint64_t>(), (*full)[1].at("seq").to_number<uint64_t>());
}

}  // namespace
}  // namespace soj::tracker
