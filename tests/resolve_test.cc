#include "pipeline/resolve.h"

#include <gtest/gtest.h>

namespace finfacts {
namespace {

Mention candidate(const char* type, std::size_t begin, std::size_t end, int priority, std::size_t rule = 0) {
  return Mention{type, Span{begin, end}, Json::object(), priority, rule};
}

std::vector<std::pair<std::size_t, std::size_t>> spans(const std::vector<Mention>& mentions) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (const Mention& m : mentions) out.emplace_back(m.span.begin, m.span.end);
  return out;
}

using Spans = std::vector<std::pair<std::size_t, std::size_t>>;
const std::string kText(64, 'x');  // ASCII: bytes are code points

TEST(Resolve, LongestWinsThenPriority) {
  auto out = resolve_overlaps({candidate("percent", 2, 5, 10), candidate("percent", 0, 7, 1),
                               candidate("percent", 6, 9, 99)},
                              kText);
  EXPECT_EQ(spans(out), (Spans{{0, 7}}));
  out = resolve_overlaps({candidate("percent", 0, 4, 1, 0), candidate("number", 2, 6, 5, 1)}, kText);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].type, "number") << "equal length: the higher priority";
}

TEST(Resolve, LengthIsCountedInCodePoints) {
  const std::string text = "增长10%";  // 增长 is 6 bytes but 2 code points
  auto out = resolve_overlaps({candidate("a", 0, 6, 1), candidate("b", 3, 9, 1)}, text);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].type, "b") << "3 code points beat 2";
}

TEST(Resolve, KeepsDisjointCandidatesSortedByStart) {
  auto out = resolve_overlaps({candidate("percent", 10, 12, 1), candidate("percent", 0, 3, 1),
                               candidate("percent", 3, 5, 1), candidate("percent", 4, 6, 1)},
                              kText);
  EXPECT_EQ(spans(out), (Spans{{0, 3}, {3, 5}, {10, 12}}));
}

TEST(Resolve, GuardsWinAndVanish) {
  auto out = resolve_overlaps({candidate("guard", 0, 20, 100), candidate("percent", 5, 8, 10),
                               candidate("percent", 21, 24, 10)},
                              kText);
  EXPECT_EQ(spans(out), (Spans{{21, 24}}));
}

TEST(Resolve, TiesGoToTheEarlierStart) {
  auto out = resolve_overlaps({candidate("percent", 2, 5, 1), candidate("percent", 0, 3, 1)}, kText);
  EXPECT_EQ(spans(out), (Spans{{0, 3}}));
}

}  // namespace
}  // namespace finfacts
