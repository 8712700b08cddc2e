#include "tracker/merge_patch.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

namespace soj::tracker {
namespace {

namespace json = boost::json;

struct PatchCase {
  const char* original;
  const char* patch;
  const char* result;
};

// RFC 7396, Appendix A ("Example Test Cases"), verbatim.
const PatchCase kAppendixA[] = {
    {R"({"a":"b"})", R"({"a":"c"})", R"({"a":"c"})"},
    {R"({"a":"b"})", R"({"b":"c"})", R"({"a":"b","b":"c"})"},
    {R"({"a":"b"})", R"({"a":null})", R"({})"},
    {R"({"a":"b","b":"c"})", R"({"a":null})", R"({"b":"c"})"},
    {R"({"a":["b"]})", R"({"a":"c"})", R"({"a":"c"})"},
    {R"({"a":"c"})", R"({"a":["b"]})", R"({"a":["b"]})"},
    {R"({"a":{"b":"c"}})", R"({"a":{"b":"d","c":null}})", R"({"a":{"b":"d"}})"},
    {R"({"a":[{"b":"c"}]})", R"({"a":[1]})", R"({"a":[1]})"},
    {R"(["a","b"])", R"(["c","d"])", R"(["c","d"])"},
    {R"({"a":"b"})", R"(["c"])", R"(["c"])"},
    {R"({"a":"foo"})", R"(null)", R"(null)"},
    {R"({"a":"foo"})", R"("bar")", R"("bar")"},
    {R"({"e":null})", R"({"a":1})", R"({"e":null,"a":1})"},
    {R"([1,2])", R"({"a":"b","c":null})", R"({"a":"b"})"},
    {R"({})", R"({"a":{"bb":{"ccc":null}}})", R"({"a":{"bb":{}}})"},
};

class MergePatchAppendixTest : public ::testing::TestWithParam<PatchCase> {};

TEST_P(MergePatchAppendixTest, MatchesRfc7396) {
  const PatchCase& c = GetParam();
  json::value result = ApplyMergePatch(json::parse(c.original), json::parse(c.patch));
  EXPECT_EQ(result, json::parse(c.result))
      << "original " << c.original << " patch " << c.patch << " gave " << json::serialize(result);
}

INSTANTIATE_TEST_SUITE_P(MergePatch, MergePatchAppendixTest, ::testing::ValuesIn(kAppendixA));

// RFC 7396 section 3: the worked example of a document and its patch.
TEST(MergePatchTest, Section3Example) {
  const json::value target = json::parse(R"({
    "title": "Goodbye!",
    "author": {"givenName": "John", "familyName": "Doe"},
    "tags": ["example", "sample"],
    "content": "This will be unchanged"
  })");
  const json::value patch = json::parse(R"({
    "title": "Hello!",
    "phoneNumber": "+01-123-456-7890",
    "author": {"familyName": null},
    "tags": ["example"]
  })");
  const json::value expected = json::parse(R"({
    "title": "Hello!",
    "author": {"givenName": "John"},
    "tags": ["example"],
    "content": "This will be unchanged",
    "phoneNumber": "+01-123-456-7890"
  })");
  EXPECT_EQ(ApplyMergePatch(target, patch), expected);
}

TEST(MergePatchTest, EmptyPatchLeavesTheTargetAlone) {
  const json::value target = json::parse(R"({"a":1,"b":{"c":[1,2]}})");
  EXPECT_EQ(ApplyMergePatch(target, json::object()), target);
}

TEST(MergePatchTest, NullForAnAbsentMemberIsNotAdded) {
  EXPECT_EQ(ApplyMergePatch(json::parse(R"({"a":1})"), json::parse(R"({"z":null})")),
            json::parse(R"({"a":1})"));
}

TEST(MergePatchTest, NestedObjectsMergeAtEveryDepth) {
  const json::value target = json::parse(R"({"a":{"b":{"c":1,"d":2},"e":3}})");
  const json::value patch = json::parse(R"({"a":{"b":{"d":null,"f":4}}})");
  EXPECT_EQ(ApplyMergePatch(target, patch), json::parse(R"({"a":{"b":{"c":1,"f":4},"e":3}})"));
}

TEST(MergePatchTest, ObjectPatchReplacesScalarMember) {
  EXPECT_EQ(ApplyMergePatch(json::parse(R"({"a":5})"), json::parse(R"({"a":{"b":null,"c":1}})")),
            json::parse(R"({"a":{"c":1}})"));
}

}  // namespace
}  // namespace soj::tracker
