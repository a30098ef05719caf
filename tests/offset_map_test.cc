#include "pipeline/offset_map.h"

#include <gtest/gtest.h>

#include "pipeline/utf8.h"

namespace finfacts {
namespace {

// Builds the map the way the normalizer does, for a text whose code points map one for one.
OffsetMap identity_map(const std::string& text) {
  OffsetMap map;
  std::size_t index = 0;
  for (std::size_t i = 0; i < text.size();) {
    map.note_code_point(index++, i);
    utf8::next(text, i);
  }
  return map;
}

TEST(OffsetMap, ByteToCodePointAcrossCheckpoints) {
  std::string text;
  for (int i = 0; i < 500; ++i) text += i % 3 == 0 ? "增" : (i % 3 == 1 ? "a" : "𫫇");
  const OffsetMap map = identity_map(text);
  std::size_t index = 0;
  for (std::size_t i = 0; i < text.size();) {
    ASSERT_EQ(map.code_point_at(text, i), index) << "byte " << i;
    utf8::next(text, i);
    ++index;
  }
  EXPECT_EQ(map.code_point_at(text, text.size()), 500u);
}

TEST(OffsetMap, EditsShiftWhatFollowsAndWidenWhatIsInside) {
  // normalized "AXYZB" where XYZ (norm 1..4) replaced original code points 1..3 ("PQ"): "APQB".
  const std::string normalized = "AXYZB";
  OffsetMap map = identity_map(normalized);
  map.add_edit(1, 3, 1, 2);
  auto original = [&](std::size_t b, std::size_t e) {
    const CodePointSpan s = map.to_original(normalized, Span{b, e});
    return std::make_pair(s.start, s.end);
  };
  EXPECT_EQ(original(0, 1), std::make_pair(std::size_t{0}, std::size_t{1}));  // A
  EXPECT_EQ(original(1, 4), std::make_pair(std::size_t{1}, std::size_t{3}));  // XYZ -> PQ
  EXPECT_EQ(original(2, 3), std::make_pair(std::size_t{1}, std::size_t{3}));  // Y -> PQ (widened)
  EXPECT_EQ(original(4, 5), std::make_pair(std::size_t{3}, std::size_t{4}));  // B shifted back by one
  EXPECT_EQ(original(0, 5), std::make_pair(std::size_t{0}, std::size_t{4}));  // all
}

}  // namespace
}  // namespace finfacts
