#include "tracker/alert_service.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <future>
#include <optional>
#include <thread>

#include "tests/tracker_fixture.hpp"
#include "tracker/workflow.hpp"

namespace soj::tracker {
namespace {

using testing::D;
using testing::PlatformTest;
using testing::ValidContent;
namespace json = boost::json;

class AlertServiceTest : public PlatformTest {};

TEST_F(AlertServiceTest, SubmitCreatesADraftOwnedByThePartner) {
  Alert a = Submit("efj");
  EXPECT_EQ(a.id, 1u);
  EXPECT_EQ(a.status, AlertStatus::kDraft);
  EXPECT_EQ(a.version, 1u);
  EXPECT_EQ(a.content.partners, std::vector<std::string>{"efj"});
  EXPECT_EQ(a.submitted_at, testing::TestNow());
  EXPECT_FALSE(a.published_at);
  EXPECT_EQ(a.submitted_by, "partner:efj");
  auto history = alerts().History(Principal::Editor(), a.id);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].at("kind"), json::value("created"));
  EXPECT_EQ(Submit("ifj").id, 2u);
}

TEST_F(AlertServiceTest, SubmitQueuedAnswersOnceFromTheWriterOrAtOnceWhenRefused) {
  // Refused before any write: answered on the calling thread, before SubmitQueued returns.
  std::optional<Result<SubmitOutcome>> refused;
  alerts().SubmitQueued(
      Principal::Analyst(), ValidContent(), std::nullopt,
      [&refused](Result<SubmitOutcome> outcome) { refused = std::move(outcome); });
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->error().kind, ErrorKind::kForbidden);

  // Accepted: answered on the writer thread once durable, with what Get reads afterwards.
  std::promise<std::pair<Result<SubmitOutcome>, std::thread::id>> answered;
  auto answer = answered.get_future();
  alerts().SubmitQueued(Principal::Partner("efj"), ValidContent(), std::string("key-1"),
                        [&answered](Result<SubmitOutcome> outcome) {
                          answered.set_value({std::move(outcome), std::this_thread::get_id()});
                        });
  auto [outcome, thread] = answer.get();
  ASSERT_TRUE(outcome);
  EXPECT_TRUE(outcome->created);
  EXPECT_NE(thread, std::this_thread::get_id());
  auto stored = alerts().Get(Principal::Partner("efj"), outcome->alert.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->version, 1u);
  // The same key again finds the same alert, through the waiting Submit.
  auto again = alerts().Submit(Principal::Partner("efj"), ValidContent(), std::string("key-1"));
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->alert.id, outcome->alert.id);
}

TEST_F(AlertServiceTest, SubmitKeepsCoPartnersAndAddsTheSubmitter) {
  Alert a = Submit("efj", [](AlertContent& c) { c.partners = {"ifj"}; });
  EXPECT_EQ(a.content.partners, (std::vector<std::string>{"efj", "ifj"}));
}

TEST_F(AlertServiceTest, OnlyPartnersAndEditorsSubmit) {
  EXPECT_EQ(alerts().Submit(Principal::Public(), ValidContent()).error().kind,
            ErrorKind::kUnauthenticated);
  EXPECT_EQ(alerts().Submit(Principal::State("BY"), ValidContent()).error().kind,
            ErrorKind::kForbidden);
  EXPECT_EQ(alerts().Submit(Principal::Analyst(), ValidContent()).error().kind,
            ErrorKind::kForbidden);
  auto by_editor = alerts().Submit(Principal::Editor(), ValidContent());
  ASSERT_TRUE(by_editor);
  EXPECT_TRUE(by_editor->alert.content.partners.empty());
}

TEST_F(AlertServiceTest, InvalidContentIsRejectedWithEveryFieldAndWritesNothing) {
  AlertContent c = ValidContent();
  c.country = "US";
  c.incident_date = D("2027-01-01");
  c.categories.clear();
  auto out = alerts().Submit(Principal::Partner("efj"), c);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().kind, ErrorKind::kInvalid);
  std::vector<std::string> fields;
  for (const auto& f : out.error().fields) fields.push_back(f.field);
  EXPECT_NE(std::find(fields.begin(), fields.end(), "country"), fields.end());
  EXPECT_NE(std::find(fields.begin(), fields.end(), "incident_date"), fields.end());
  EXPECT_NE(std::find(fields.begin(), fields.end(), "categories"), fields.end());
  auto page = alerts().List(Principal::Editor(), {});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->total, 0u);
}

TEST_F(AlertServiceTest, RepeatedExternalRefReturnsTheSameAlert) {
  auto with_ref = [](AlertContent& c) { c.external_ref = "efj-2023-117"; };
  AlertContent c = ValidContent();
  with_ref(c);
  auto first = alerts().Submit(Principal::Partner("efj"), c);
  ASSERT_TRUE(first);
  EXPECT_TRUE(first->created);
  c.title = "A different title, same reference";
  auto again = alerts().Submit(Principal::Partner("efj"), c);
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->alert.id, first->alert.id);
  EXPECT_EQ(again->alert.content.title, ValidContent().title);
  // The same reference from another partner is another alert.
  auto other = alerts().Submit(Principal::Partner("ifj"), c);
  ASSERT_TRUE(other);
  EXPECT_TRUE(other->created);
  EXPECT_EQ(alerts().List(Principal::Editor(), {})->total, 2u);
  // The reference survives a restart.
  Reopen();
  auto after_restart = alerts().Submit(Principal::Partner("efj"), c);
  ASSERT_TRUE(after_restart);
  EXPECT_EQ(after_restart->alert.id, first->alert.id);
}

TEST_F(AlertServiceTest, IdempotencyKeyReturnsTheSameAlertOrRefusesOtherContent) {
  auto first = alerts().Submit(Principal::Partner("efj"), ValidContent(), "key-1");
  ASSERT_TRUE(first);
  auto again = alerts().Submit(Principal::Partner("efj"), ValidContent(), "key-1");
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->alert.id, first->alert.id);
  AlertContent changed = ValidContent();
  changed.title = "Something else";
  auto clash = alerts().Submit(Principal::Partner("efj"), changed, "key-1");
  ASSERT_FALSE(clash);
  EXPECT_EQ(clash.error().kind, ErrorKind::kInvalid);
  EXPECT_EQ(clash.error().fields.at(0).field, "Idempotency-Key");
  // Keys are per submitter.
  auto other = alerts().Submit(Principal::Partner("ifj"), ValidContent(), "key-1");
  ASSERT_TRUE(other);
  EXPECT_TRUE(other->created);
}

TEST_F(AlertServiceTest, EditorTransitionsFollowTheStateMachineExactly) {
  const std::vector<AlertStatus> all = {AlertStatus::kDraft, AlertStatus::kPublished,
                                        AlertStatus::kRejected, AlertStatus::kWithdrawn,
                                        AlertStatus::kResolved};
  // Reach each status, then try every target from it.
  auto reach = [&](AlertStatus status) {
    Alert a = Submit();
    auto go = [&](AlertStatus to) {
      auto r = alerts().Transition(Principal::Editor(), a.id, {to, "because", std::nullopt});
      EXPECT_TRUE(r) << r.error().message;
    };
    if (status == AlertStatus::kPublished || status == AlertStatus::kResolved)
      go(AlertStatus::kPublished);
    if (status == AlertStatus::kResolved) go(AlertStatus::kResolved);
    if (status == AlertStatus::kRejected) go(AlertStatus::kRejected);
    if (status == AlertStatus::kWithdrawn) go(AlertStatus::kWithdrawn);
    return a.id;
  };
  for (AlertStatus from : all) {
    for (AlertStatus to : all) {
      AlertId id = reach(from);
      auto r = alerts().Transition(Principal::Editor(), id, {to, "because", std::nullopt});
      if (IsAllowedTransition(from, to)) {
        ASSERT_TRUE(r) << ToString(from) << "->" << ToString(to) << ": " << r.error().message;
        EXPECT_EQ(r->status, to);
      } else {
        ASSERT_FALSE(r) << ToString(from) << "->" << ToString(to);
        EXPECT_EQ(r.error().kind, ErrorKind::kConflict);
      }
    }
  }
}

TEST_F(AlertServiceTest, TransitionRightsPerRole) {
  Alert draft = Submit("efj");
  const TransitionRequest publish{AlertStatus::kPublished, "", std::nullopt};
  const TransitionRequest withdraw{AlertStatus::kWithdrawn, "", std::nullopt};
  // The public, other partners and states do not even see a draft.
  EXPECT_EQ(alerts().Transition(Principal::Public(), draft.id, publish).error().kind,
            ErrorKind::kNotFound);
  EXPECT_EQ(alerts().Transition(Principal::Partner("ifj"), draft.id, withdraw).error().kind,
            ErrorKind::kNotFound);
  EXPECT_EQ(alerts().Transition(Principal::State("BY"), draft.id, publish).error().kind,
            ErrorKind::kNotFound);
  // The owner may withdraw but not publish.
  EXPECT_EQ(alerts().Transition(Principal::Partner("efj"), draft.id, publish).error().kind,
            ErrorKind::kForbidden);
  auto withdrawn = alerts().Transition(Principal::Partner("efj"), draft.id, withdraw);
  ASSERT_TRUE(withdrawn);
  EXPECT_EQ(withdrawn->status, AlertStatus::kWithdrawn);

  Alert published = SubmitPublished("efj");
  const TransitionRequest resolve{AlertStatus::kResolved, "released", std::nullopt};
  EXPECT_EQ(alerts().Transition(Principal::Public(), published.id, resolve).error().kind,
            ErrorKind::kUnauthenticated);
  EXPECT_EQ(alerts().Transition(Principal::Partner("efj"), published.id, resolve).error().kind,
            ErrorKind::kForbidden);
  EXPECT_EQ(alerts().Transition(Principal::State("BY"), published.id, resolve).error().kind,
            ErrorKind::kForbidden);
  EXPECT_EQ(alerts().Transition(Principal::Analyst(), published.id, resolve).error().kind,
            ErrorKind::kForbidden);
  EXPECT_EQ(alerts().Transition(Principal::Partner("efj"), published.id, withdraw).error().kind,
            ErrorKind::kConflict);
}

TEST_F(AlertServiceTest, PublishResolveAndReopen) {
  Alert draft = Submit();
  clock_.Advance(3600);
  auto published = alerts().Transition(Principal::Editor(), draft.id,
                                       {AlertStatus::kPublished, "", std::nullopt});
  ASSERT_TRUE(published);
  ASSERT_TRUE(published->published_at);
  const Timestamp first_published = *published->published_at;
  EXPECT_EQ(published->version, 2u);

  // Resolving needs a reason; the date defaults to today and may not be in the future.
  auto no_reason = alerts().Transition(Principal::Editor(), draft.id,
                                       {AlertStatus::kResolved, "  ", std::nullopt});
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().fields.at(0).field, "reason");
  auto future = alerts().Transition(Principal::Editor(), draft.id,
                                    {AlertStatus::kResolved, "released", D("2026-12-01")});
  ASSERT_FALSE(future);
  EXPECT_EQ(future.error().fields.at(0).field, "date");
  auto resolved = alerts().Transition(Principal::Editor(), draft.id,
                                      {AlertStatus::kResolved, "released", D("2026-11-01")});
  ASSERT_TRUE(resolved);
  EXPECT_EQ(resolved->status, AlertStatus::kResolved);
  ASSERT_TRUE(resolved->resolution);
  EXPECT_EQ(resolved->resolution->date, D("2026-11-01"));
  EXPECT_EQ(resolved->resolution->reason, "released");

  clock_.Advance(3600);
  auto reopened = alerts().Transition(Principal::Editor(), draft.id,
                                      {AlertStatus::kPublished, "detained again", std::nullopt});
  ASSERT_TRUE(reopened);
  EXPECT_FALSE(reopened->resolution);
  EXPECT_EQ(*reopened->published_at, first_published);
  EXPECT_EQ(reopened->version, 4u);
}

TEST_F(AlertServiceTest, EditNeedsTheCurrentVersionAndRecordsChangedFields) {
  Alert a = Submit("efj");
  json::value patch = {{"title", "Corrected title"}, {"impunity", nullptr}};
  auto stale = alerts().Edit(Principal::Partner("efj"), a.id, 7, patch);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().kind, ErrorKind::kPreconditionFailed);

  clock_.Advance(60);
  auto edited = alerts().Edit(Principal::Partner("efj"), a.id, 1, patch);
  ASSERT_TRUE(edited) << edited.error().message;
  EXPECT_EQ(edited->content.title, "Corrected title");
  EXPECT_EQ(edited->version, 2u);
  EXPECT_EQ(edited->updated_at.unix_seconds(), testing::TestNow().unix_seconds() + 60);

  // A patch that changes nothing makes no new version.
  auto same = alerts().Edit(Principal::Partner("efj"), a.id, 2, patch);
  ASSERT_TRUE(same);
  EXPECT_EQ(same->version, 2u);

  auto history = alerts().History(Principal::Editor(), a.id);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 2u);
  const json::object& event = history->back();
  EXPECT_EQ(event.at("kind"), json::value("edited"));
  EXPECT_EQ(event.at("detail").at("fields"), json::array({"title"}));
  EXPECT_EQ(event.at("detail").at("before").at("title"), json::value(ValidContent().title));
}

TEST_F(AlertServiceTest, EditCollectsFieldErrorsAndChangesNothing) {
  Alert a = Submit("efj");
  json::value patch = {{"title", ""}, {"level", 3}, {"colour", "red"}, {"status", "published"}};
  auto out = alerts().Edit(Principal::Partner("efj"), a.id, 1, patch);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().kind, ErrorKind::kInvalid);
  EXPECT_GE(out.error().fields.size(), 4u);
  EXPECT_EQ(alerts().Get(Principal::Editor(), a.id)->version, 1u);
  // Not an object at all.
  EXPECT_EQ(alerts().Edit(Principal::Partner("efj"), a.id, 1, json::array()).error().kind,
            ErrorKind::kBadRequest);
}

TEST_F(AlertServiceTest, EditRights) {
  Alert a = SubmitPublished("efj");
  json::value patch = {{"title", "New"}};
  EXPECT_EQ(alerts().Edit(Principal::Partner("efj"), a.id, a.version, patch).error().kind,
            ErrorKind::kForbidden);
  EXPECT_EQ(alerts().Edit(Principal::Partner("ifj"), a.id, a.version, patch).error().kind,
            ErrorKind::kForbidden);
  EXPECT_EQ(alerts().Edit(Principal::Public(), a.id, a.version, patch).error().kind,
            ErrorKind::kUnauthenticated);
  auto by_editor = alerts().Edit(Principal::Editor(), a.id, a.version, patch);
  ASSERT_TRUE(by_editor);
  EXPECT_EQ(by_editor->content.title, "New");
}

TEST_F(AlertServiceTest, PartnersCannotAssignPersonIdsOrDropTheSubmitter) {
  Alert a = Submit("efj");
  json::value victims = json::parse(R"([{"name":"A. N.","kind":"journalist","person_id":"p-1"}])");
  auto out = alerts().Edit(Principal::Partner("efj"), a.id, 1, json::object{{"victims", victims}});
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().fields.at(0).field, "victims[0].person_id");
  auto drop =
      alerts().Edit(Principal::Editor(), a.id, 1, json::object{{"partners", json::array{"ifj"}}});
  ASSERT_FALSE(drop);
  EXPECT_EQ(drop.error().fields.at(0).field, "partners");
  auto editor = alerts().Edit(Principal::Editor(), a.id, 1, json::object{{"victims", victims}});
  ASSERT_TRUE(editor) << editor.error().message;
  EXPECT_EQ(editor->content.victims.at(0).person_id, "p-1");
}

TEST_F(AlertServiceTest, OnlyEditorsLinkAVictimToAPersonWhenSubmitting) {
  auto linked = [](AlertContent& c) {
    Victim other = c.victims[0];
    other.name = "B. C.";
    c.victims.push_back(other);
    c.victims[1].person_id = "p-1";
  };
  AlertContent content = ValidContent();
  linked(content);
  auto partner = alerts().Submit(Principal::Partner("efj"), content);
  ASSERT_FALSE(partner);
  EXPECT_EQ(partner.error().kind, ErrorKind::kInvalid);
  ASSERT_EQ(partner.error().fields.size(), 1u);
  EXPECT_EQ(partner.error().fields[0].field, "victims[1].person_id");
  auto page = alerts().List(Principal::Editor(), {});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->total, 0u) << "a refused submission writes nothing";
  auto editor = alerts().Submit(Principal::Editor(), content);
  ASSERT_TRUE(editor) << editor.error().message;
  EXPECT_EQ(editor->alert.content.victims[1].person_id, "p-1");
}

TEST_F(AlertServiceTest, APartnersEditNeverCreatesChangesOrMovesAPersonLink) {
  Alert a = Submit("efj", [](AlertContent& c) {
    Victim other = c.victims[0];
    other.name = "B. C.";
    other.outlet.reset();
    c.victims.push_back(other);
  });
  // An editor links the first victim to a person.
  json::array victims = ContentToJson(a.content).at("victims").as_array();
  victims[0].as_object()["person_id"] = "p-1";
  auto linked = alerts().Edit(Principal::Editor(), a.id, 1, json::object{{"victims", victims}});
  ASSERT_TRUE(linked) << linked.error().message;
  uint64_t version = linked->version;
  const json::value kept = victims[0];
  const json::value unlinked = ContentToJson(a.content).at("victims").as_array()[1];
  auto refused = [&](json::array list, const std::string& field) {
    auto out =
        alerts().Edit(Principal::Partner("efj"), a.id, version, json::object{{"victims", list}});
    ASSERT_FALSE(out) << field;
    EXPECT_EQ(out.error().kind, ErrorKind::kInvalid) << field;
    ASSERT_FALSE(out.error().fields.empty()) << field;
    EXPECT_EQ(out.error().fields[0].field, field);
  };
  // The attack: another person at the linked index, the link kept.
  json::object moved = kept.as_object();
  moved["name"] = "Someone Else";
  refused({moved, unlinked}, "victims[0].person_id");
  // The link moved onto the other victim.
  json::object onto = unlinked.as_object();
  onto["person_id"] = "p-1";
  refused({unlinked.as_object(), onto}, "victims[1].person_id");
  // A linked victim changed in any other field (the outlet).
  json::object changed = kept.as_object();
  changed["outlet"] = "Other Media";
  refused({changed, unlinked}, "victims[0].person_id");
  // The link copied onto a second victim.
  refused({kept, kept}, "victims[1].person_id");
  // A new link.
  onto["person_id"] = "p-2";
  refused({kept, onto}, "victims[1].person_id");

  // Kept as it was, reordered or removed: allowed.
  auto reordered = alerts().Edit(Principal::Partner("efj"), a.id, version,
                                 json::object{{"victims", json::array{unlinked, kept}}});
  ASSERT_TRUE(reordered) << reordered.error().message;
  EXPECT_EQ(reordered->content.victims[1].person_id, "p-1");
  EXPECT_EQ(reordered->content.victims[1].name, "A. N.");
  auto removed = alerts().Edit(Principal::Partner("efj"), a.id, reordered->version,
                               json::object{{"victims", json::array{unlinked}}});
  ASSERT_TRUE(removed) << removed.error().message;
  EXPECT_FALSE(removed->content.victims[0].person_id);
}

TEST_F(AlertServiceTest, PartnersJoinedByAMergeDoNotSeeWithheldNamesOfTheAlertMergedInto) {
  Alert keep = SubmitPublished("efj", [](AlertContent& c) {
    c.victims[0].name = "Hidden Person";
    c.victims[0].withheld = true;
  });
  Alert dup = SubmitPublished("ifj", [](AlertContent& c) { c.partners = {"efj"}; });
  auto merged = alerts().Merge(Principal::Editor(), dup.id, keep.id);
  ASSERT_TRUE(merged) << merged.error().message;
  EXPECT_EQ(merged->content.partners, (std::vector<std::string>{"efj", "ifj"}));
  EXPECT_EQ(merged->merged_partners, std::vector<std::string>{"ifj"});
  auto check = [&](const Alert& a, const std::string& when) {
    EXPECT_TRUE(Principal::Partner("ifj").OwnsAlert(a)) << when;
    EXPECT_FALSE(ViewFor(Principal::Partner("ifj"), a).reveal_withheld) << when;
    EXPECT_TRUE(ViewFor(Principal::Partner("efj"), a).reveal_withheld) << when;
    EXPECT_TRUE(ViewFor(Principal::Editor(), a).reveal_withheld) << when;
    std::string text = json::serialize(AlertToJson(a, ViewFor(Principal::Partner("ifj"), a)));
    EXPECT_EQ(text.find("Hidden Person"), std::string::npos) << when;
  };
  check(*merged, "after the merge");
  // An editor's edit that keeps the partners keeps the rule; so does a restart.
  auto edited = alerts().Edit(Principal::Editor(), keep.id, merged->version,
                              json::object{{"title", "Two reports of one detention"}});
  ASSERT_TRUE(edited) << edited.error().message;
  check(*edited, "after an edit");
  Reopen();
  auto reread = alerts().Get(Principal::Partner("ifj"), keep.id);
  ASSERT_TRUE(reread);
  check(*reread, "after a restart");
  // Taken off the alert by an editor and added again: then a partner like any other.
  auto off = alerts().Edit(Principal::Editor(), keep.id, reread->version,
                           json::object{{"partners", json::array{"efj"}}});
  ASSERT_TRUE(off) << off.error().message;
  EXPECT_TRUE(off->merged_partners.empty());
  auto on = alerts().Edit(Principal::Editor(), keep.id, off->version,
                          json::object{{"partners", json::array{"efj", "ifj"}}});
  ASSERT_TRUE(on) << on.error().message;
  EXPECT_TRUE(ViewFor(Principal::Partner("ifj"), *on).reveal_withheld);
}

TEST_F(AlertServiceTest, APartnerWhoMayNotSeeAWithheldVictimChangesNeitherVictimsNorPartners) {
  // A draft merged into a draft: the source's partner becomes an owner of the target.
  Alert keep = Submit("efj", [](AlertContent& c) {
    c.victims[0].name = "Hidden Person";
    c.victims[0].withheld = true;
  });
  Alert dup = Submit("ifj");
  auto merged = alerts().Merge(Principal::Editor(), dup.id, keep.id);
  ASSERT_TRUE(merged) << merged.error().message;
  // Rewriting the victims would let it guess the hidden name (an unchanged list answers
  // with the same version) or erase it.
  json::value guess = json::parse(
      R"([{"name":"Hidden Person","withheld":true,"kind":"journalist","gender":"female",
           "outlet":"Example Media","detentions":[{"from":"2023-03-14","until":null}]}])");
  auto out = alerts().Edit(Principal::Partner("ifj"), keep.id, merged->version,
                           json::object{{"victims", guess}});
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().kind, ErrorKind::kInvalid);
  EXPECT_EQ(out.error().fields.at(0).field, "victims");
  auto erase = alerts().Edit(Principal::Partner("ifj"), keep.id, merged->version,
                             json::object{{"victims", json::array{}}});
  ASSERT_FALSE(erase);
  // Nor may it hand the names to another partner by adding it.
  auto ally = alerts().Edit(Principal::Partner("ifj"), keep.id, merged->version,
                            json::object{{"partners", json::array{"efj", "ifj", "cpj"}}});
  ASSERT_FALSE(ally);
  EXPECT_EQ(ally.error().fields.at(0).field, "partners");
  // Other fields it may still edit; the partner who reported the victim edits the victims.
  EXPECT_TRUE(alerts().Edit(Principal::Partner("ifj"), keep.id, merged->version,
                            json::object{{"title", "Detained in Minsk"}}));
  EXPECT_TRUE(alerts().Edit(Principal::Partner("efj"), keep.id, merged->version + 1,
                            json::object{{"victims", json::array{}}}));
}

TEST_F(AlertServiceTest, StateRepliesOnlyFromTheAlertsOwnState) {
  Alert draft = Submit();
  const NoteRequest reply{"The case is under investigation.", std::nullopt};
  EXPECT_EQ(alerts().AddStateReply(Principal::State("BY"), draft.id, reply).error().kind,
            ErrorKind::kNotFound);
  EXPECT_EQ(alerts().AddStateReply(Principal::Editor(), draft.id, reply).error().kind,
            ErrorKind::kConflict);

  Alert a = SubmitPublished();
  EXPECT_EQ(alerts().AddStateReply(Principal::State("RU"), a.id, reply).error().kind,
            ErrorKind::kForbidden);
  EXPECT_EQ(alerts().AddStateReply(Principal::Partner("efj"), a.id, reply).error().kind,
            ErrorKind::kForbidden);
  EXPECT_EQ(alerts().AddStateReply(Principal::Public(), a.id, reply).error().kind,
            ErrorKind::kUnauthenticated);
  auto empty = alerts().AddStateReply(Principal::State("BY"), a.id, {"", std::nullopt});
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().fields.at(0).field, "text");
  auto out = alerts().AddStateReply(Principal::State("BY"), a.id, reply);
  ASSERT_TRUE(out) << out.error().message;
  ASSERT_EQ(out->state_replies.size(), 1u);
  EXPECT_EQ(out->state_replies[0].id, 1u);
  EXPECT_EQ(out->state_replies[0].posted_by, "state:BY");
  EXPECT_EQ(out->state_replies[0].date, D("2026-11-29"));
  auto second = alerts().AddStateReply(Principal::State("BY"), a.id, {"More.", D("2026-11-29")});
  ASSERT_TRUE(second);
  EXPECT_EQ(second->state_replies.back().id, 2u);
  EXPECT_EQ(second->version, a.version + 2);
  auto early = alerts().AddStateReply(Principal::State("BY"), a.id, {"Old.", D("2026-11-28")});
  ASSERT_FALSE(early);  // published on 2026-11-29: a reply cannot predate it
  EXPECT_EQ(early.error().fields.at(0).field, "date");
}

TEST_F(AlertServiceTest, FollowUpsFromOwnersAndEditors) {
  Alert a = SubmitPublished("efj");
  const NoteRequest update{"Released on bail.", std::nullopt};
  EXPECT_EQ(alerts().AddUpdate(Principal::Partner("ifj"), a.id, update).error().kind,
            ErrorKind::kForbidden);
  auto out = alerts().AddUpdate(Principal::Partner("efj"), a.id, update);
  ASSERT_TRUE(out);
  EXPECT_EQ(out->updates.at(0).posted_by, "partner:efj");
  auto editor = alerts().AddUpdate(Principal::Editor(), a.id, update);
  ASSERT_TRUE(editor);
  EXPECT_EQ(editor->updates.at(1).posted_by, "editor");
  auto future = alerts().AddUpdate(Principal::Editor(), a.id, {"x", D("2027-01-01")});
  ASSERT_FALSE(future);
  EXPECT_EQ(future.error().fields.at(0).field, "date");

  Alert rejected = Submit("efj");
  ASSERT_TRUE(alerts().Transition(Principal::Editor(), rejected.id,
                                  {AlertStatus::kRejected, "out of scope", std::nullopt}));
  EXPECT_EQ(alerts().AddUpdate(Principal::Partner("efj"), rejected.id, update).error().kind,
            ErrorKind::kConflict);
}

TEST_F(AlertServiceTest, MergeTurnsAnAlertIntoAPointer) {
  Alert keep = SubmitPublished("efj");
  Alert dup =
      SubmitPublished("ifj", [](AlertContent& c) { c.sources = {"https://example.org/other"}; });
  EXPECT_EQ(alerts().Merge(Principal::Partner("efj"), dup.id, keep.id).error().kind,
            ErrorKind::kForbidden);
  EXPECT_EQ(alerts().Merge(Principal::Editor(), dup.id, dup.id).error().kind, ErrorKind::kInvalid);
  EXPECT_EQ(alerts().Merge(Principal::Editor(), dup.id, 999).error().kind, ErrorKind::kInvalid);
  auto merged = alerts().Merge(Principal::Editor(), dup.id, keep.id);
  ASSERT_TRUE(merged) << merged.error().message;
  EXPECT_EQ(merged->id, keep.id);
  EXPECT_EQ(merged->content.partners, (std::vector<std::string>{"efj", "ifj"}));
  EXPECT_EQ(merged->content.sources.size(), 2u);

  auto pointer = alerts().Get(Principal::Public(), dup.id);
  ASSERT_FALSE(pointer);
  EXPECT_EQ(pointer.error().kind, ErrorKind::kMoved);
  EXPECT_EQ(pointer.error().moved_to, keep.id);
  auto page = alerts().List(Principal::Public(), {});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->total, 1u);
  // A merged alert takes no more changes, and nothing merges into it.
  EXPECT_EQ(alerts().AddUpdate(Principal::Editor(), dup.id, {"x", std::nullopt}).error().kind,
            ErrorKind::kConflict);
  Alert third = SubmitPublished("efj");
  EXPECT_EQ(alerts().Merge(Principal::Editor(), third.id, dup.id).error().kind,
            ErrorKind::kConflict);
}

TEST_F(AlertServiceTest, DraftsAreInvisibleToThoseWhoMayNotSeeThem) {
  Alert draft = Submit("efj");
  for (const Principal& who : {Principal::Public(), Principal::Partner("ifj"),
                               Principal::State("BY"), Principal::Analyst()}) {
    auto out = alerts().Get(who, draft.id);
    ASSERT_FALSE(out);
    EXPECT_EQ(out.error().kind, ErrorKind::kNotFound);
    EXPECT_EQ(out.error().message, "there is no alert " + std::to_string(draft.id))
        << "a hidden draft must look exactly like a missing alert";
    EXPECT_EQ(alerts().Get(who, 4242).error().message, "there is no alert 4242");
    EXPECT_EQ(alerts().History(who, draft.id).error().kind, ErrorKind::kNotFound);
  }
  EXPECT_TRUE(alerts().Get(Principal::Partner("efj"), draft.id));
  EXPECT_TRUE(alerts().Get(Principal::Editor(), draft.id));
}

TEST_F(AlertServiceTest, WithheldNamesAreForEditorsAndTheAlertsPartnersOnly) {
  Alert a = SubmitPublished("efj", [](AlertContent& c) { c.victims[0].withheld = true; });
  EXPECT_TRUE(ViewFor(Principal::Editor(), a).reveal_withheld);
  EXPECT_TRUE(ViewFor(Principal::Partner("efj"), a).reveal_withheld);
  for (const Principal& who : {Principal::Public(), Principal::Partner("ifj"),
                               Principal::State("BY"), Principal::Analyst(), Principal::Admin()}) {
    EXPECT_FALSE(ViewFor(who, a).reveal_withheld) << ToString(who.role);
    std::string text = json::serialize(AlertToJson(a, ViewFor(who, a)));
    EXPECT_EQ(text.find("A. N."), std::string::npos);
    EXPECT_EQ(text.find("Example Media"), std::string::npos);
  }
}

TEST_F(AlertServiceTest, PublicHistoryShowsOnlyThePublicPart) {
  Alert a = Submit("efj", [](AlertContent& c) { c.victims[0].withheld = true; });
  ASSERT_TRUE(alerts().Edit(Principal::Partner("efj"), a.id, 1,
                            json::object{{"title", "Draft title fixed"}}));
  ASSERT_TRUE(
      alerts().Transition(Principal::Editor(), a.id, {AlertStatus::kPublished, "", std::nullopt}));
  ASSERT_TRUE(alerts().Edit(Principal::Editor(), a.id, 3,
                            json::parse(R"({"victims":[{"name":"B. C.","withheld":true,
                                           "kind":"journalist"}]})")));
  ASSERT_TRUE(alerts().AddStateReply(Principal::State("BY"), a.id, {"Reply", std::nullopt}));

  auto full = alerts().History(Principal::Editor(), a.id);
  ASSERT_TRUE(full);
  EXPECT_EQ(full->size(), 5u);
  auto part = alerts().History(Principal::Public(), a.id);
  ASSERT_TRUE(part);
  ASSERT_EQ(part->size(), 3u);  // published, edited after publication, reply
  EXPECT_EQ(part->at(0).at("kind"), json::value("transitioned"));
  EXPECT_EQ(part->at(1).at("kind"), json::value("edited"));
  EXPECT_EQ(part->at(2).at("kind"), json::value("reply_added"));
  EXPECT_EQ(part->at(2).at("actor"), json::value("state:BY"));
  for (const auto& event : *part) {
    std::string text = json::serialize(event);
    EXPECT_EQ(text.find("A. N."), std::string::npos);
    EXPECT_EQ(text.find("before"), std::string::npos);
    EXPECT_EQ(text.find("token"), std::string::npos);
  }
}

TEST_F(AlertServiceTest, EveryChangeIsAnEventInCommitOrder) {
  Alert a = SubmitPublished("efj");
  ASSERT_TRUE(alerts().AddUpdate(Principal::Partner("efj"), a.id, {"u", std::nullopt}));
  ASSERT_TRUE(alerts().AddStateReply(Principal::State("BY"), a.id, {"r", std::nullopt}));
  ASSERT_TRUE(alerts().Transition(Principal::Editor(), a.id,
                                  {AlertStatus::kResolved, "released", std::nullopt}));
  auto history = alerts().History(Principal::Editor(), a.id);
  ASSERT_TRUE(history);
  std::vector<std::string> kinds;
  uint64_t last_seq = 0;
  for (const auto& e : *history) {
    kinds.emplace_back(e.at("kind").as_string());
    EXPECT_GT(e.at("seq").to_number<uint64_t>(), last_seq);
    last_seq = e.at("seq").to_number<uint64_t>();
  }
  EXPECT_EQ(kinds, (std::vector<std::string>{"created", "transitioned", "update_added",
                                             "reply_added", "transitioned"}));
  EXPECT_EQ(history->back().at("version"), 5);
}

}  // namespace
}  // namespace soj::tracker
