#include "tracker/workflow.hpp"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

namespace soj::tracker {
namespace {

using S = AlertStatus;

constexpr std::array<AlertStatus, 5> kAll = {S::kDraft, S::kPublished, S::kRejected, S::kWithdrawn,
                                             S::kResolved};

// The SPEC's edges, written out independently of the code under test:
//   draft -> published | rejected | withdrawn;  published -> resolved;  resolved -> published.
bool SpecEdge(AlertStatus from, AlertStatus to) {
  if (from == S::kDraft) return to == S::kPublished || to == S::kRejected || to == S::kWithdrawn;
  if (from == S::kPublished) return to == S::kResolved;
  if (from == S::kResolved) return to == S::kPublished;
  return false;
}

std::string Edge(AlertStatus from, AlertStatus to) {
  return std::string(ToString(from)) + " -> " + std::string(ToString(to));
}

Alert AlertOf(std::vector<std::string> partners, AlertStatus status = S::kDraft) {
  Alert a;
  a.id = 7;
  a.status = status;
  a.content.partners = std::move(partners);
  return a;
}

TEST(WorkflowTest, TransitionMatrixIsExactlyTheSpecEdges) {
  int edges = 0;
  for (AlertStatus from : kAll) {
    for (AlertStatus to : kAll) {
      EXPECT_EQ(IsAllowedTransition(from, to), SpecEdge(from, to)) << Edge(from, to);
      if (IsAllowedTransition(from, to)) ++edges;
    }
  }
  EXPECT_EQ(edges, 5);
}

TEST(WorkflowTest, TransitionMatrixRowByRow) {
  // The same matrix as literal rows, so a mistake in SpecEdge cannot hide one in the code.
  // Columns: draft, published, rejected, withdrawn, resolved.
  const std::array<std::array<bool, 5>, 5> expected = {{
      /* draft     */ {false, true, true, true, false},
      /* published */ {false, false, false, false, true},
      /* rejected  */ {false, false, false, false, false},
      /* withdrawn */ {false, false, false, false, false},
      /* resolved  */ {false, true, false, false, false},
  }};
  for (std::size_t i = 0; i < kAll.size(); ++i)
    for (std::size_t j = 0; j < kAll.size(); ++j)
      EXPECT_EQ(IsAllowedTransition(kAll[i], kAll[j]), expected[i][j]) << Edge(kAll[i], kAll[j]);
}

TEST(WorkflowTest, NoStatusTransitionsToItself) {
  for (AlertStatus s : kAll) EXPECT_FALSE(IsAllowedTransition(s, s)) << ToString(s);
}

TEST(WorkflowTest, NextStatusesListsTheOutgoingEdgesInEnumOrder) {
  EXPECT_EQ(NextStatuses(S::kDraft),
            (std::vector<AlertStatus>{S::kPublished, S::kRejected, S::kWithdrawn}));
  EXPECT_EQ(NextStatuses(S::kPublished), (std::vector<AlertStatus>{S::kResolved}));
  EXPECT_EQ(NextStatuses(S::kResolved), (std::vector<AlertStatus>{S::kPublished}));
  EXPECT_TRUE(NextStatuses(S::kRejected).empty());
  EXPECT_TRUE(NextStatuses(S::kWithdrawn).empty());
}

TEST(WorkflowTest, NextStatusesAgreesWithIsAllowedTransition) {
  for (AlertStatus from : kAll) {
    std::vector<AlertStatus> expected;
    for (AlertStatus to : kAll)
      if (IsAllowedTransition(from, to)) expected.push_back(to);
    EXPECT_EQ(NextStatuses(from), expected) << ToString(from);
  }
}

TEST(WorkflowTest, EditorsMayTakeEveryTransition) {
  const Principal editor = Principal::Editor();
  for (AlertStatus from : kAll) {
    const Alert alert = AlertOf({"efj"}, from);
    for (AlertStatus to : kAll) EXPECT_TRUE(MayTransition(editor, alert, to)) << Edge(from, to);
  }
}

TEST(WorkflowTest, OwningPartnerMayOnlyWithdraw) {
  const Alert alert = AlertOf({"ifj", "efj"});
  const Principal efj = Principal::Partner("efj");
  for (AlertStatus to : kAll)
    EXPECT_EQ(MayTransition(efj, alert, to), to == S::kWithdrawn) << ToString(to);
  // Any of the alert's partners owns it, not only the first.
  EXPECT_TRUE(MayTransition(Principal::Partner("ifj"), alert, S::kWithdrawn));
}

TEST(WorkflowTest, OtherPartnersMayNotTransition) {
  const Alert alert = AlertOf({"efj"});
  const Principal rsf = Principal::Partner("rsf");
  for (AlertStatus to : kAll) EXPECT_FALSE(MayTransition(rsf, alert, to)) << ToString(to);
}

TEST(WorkflowTest, StateAnalystAdminAndPublicMayNotTransition) {
  const Alert alert = AlertOf({"efj"});
  const std::vector<Principal> others = {Principal::State("BY"), Principal::Analyst(),
                                         Principal::Admin(), Principal::Public()};
  for (const Principal& who : others)
    for (AlertStatus to : kAll)
      EXPECT_FALSE(MayTransition(who, alert, to)) << ToString(who.role) << " to " << ToString(to);
}

TEST(WorkflowTest, PartnerPrincipalWithEmptyIdOwnsNothing) {
  // A partner principal without an id must not match an alert that happens to list "".
  const Alert alert = AlertOf({"efj"});
  EXPECT_FALSE(MayTransition(Principal::Partner(""), alert, S::kWithdrawn));
}

}  // namespace
}  // namespace soj::tracker
