// Hostile inputs (issue 8): each must give a document, not an error, a crash or a hang, with every
// offset right. scripts/bench-pathological times the same inputs at 1 to 100 MB; here they are
// small, for correctness only (unit tests never time things).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pipeline/decode.h"
#include "pipeline/utf8.h"
#include "tests/test_support.h"

namespace finfacts {
namespace {

using testing::extractor;

std::string repeated(const std::string& unit, std::size_t bytes) {
  std::string out;
  out.reserve(bytes + unit.size());
  while (out.size() + unit.size() <= bytes) out += unit;
  return out;
}

std::string cjk_blocks() {
  std::string out;
  for (auto [first, last] : {std::pair{0x4E00, 0x9FFF}, std::pair{0x3400, 0x4DBF}, std::pair{0x20000, 0x2A6DF},
                             std::pair{0xF900, 0xFAFF}, std::pair{0x3000, 0x303F}, std::pair{0xFF00, 0xFFEF}}) {
    for (char32_t c = static_cast<char32_t>(first); c <= static_cast<char32_t>(last); ++c) utf8::append(out, c);
  }
  return out;
}

struct Hostile {
  const char* name;
  std::string text;
};

std::vector<Hostile> hostile_inputs() {
  std::string seed = testing::read_file(testing::source_path("corpus/articles/deepseek-compute-stocks.txt"));
  for (char& c : seed) c = c == '\n' ? ' ' : c;
  constexpr std::size_t kBytes = 200'000;
  return {
      {"the seed on one line", repeated(seed, kBytes)},
      {"digits", repeated("1234567890", kBytes)},
      {"万 100,000 times", repeated("万", 300'000)},
      {"percent signs", repeated("%", kBytes)},
      {"Traditional and Simplified alternating", repeated("開开買买營营業业長长數数", kBytes)},
      {"every CJK code point", cjk_blocks()},
      {"2024年 repeated", repeated("2024年", kBytes)},
      {"runs of whitespace", repeated(repeated(" \t\n\u3000", 256) + "增长5%", kBytes)},
      {"runs of U+FEFF", repeated(repeated("\uFEFF", 256) + "增长5%", kBytes)},
      {"a value in every clause", repeated("营收,1%", kBytes)},
      {"one clause of values", repeated("营收增长1%", kBytes)},
  };
}

TEST(Pathological, EveryHostileInputGivesADocumentWithItsOffsetsRight) {
  for (const Hostile& input : hostile_inputs()) {
    const Json doc = extractor().extract("hostile", input.text, parse_date("2025-02-14"));
    ASSERT_FALSE(doc.contains("error")) << input.name << ": " << doc["error"].dump();
    const std::string original(decode(input.text).value().utf8);
    // Byte of each code point, once: checking each mention with a scan from the start would be
    // quadratic on inputs with 100,000 mentions.
    const std::vector<std::size_t> byte_of = utf8::code_point_offsets(original);
    ASSERT_EQ(doc["length"].get<std::size_t>() + 1, byte_of.size()) << input.name;
    std::size_t previous_end = 0, wrong = 0;
    for (const Json& m : doc["mentions"]) {
      const std::size_t start = m["start"], end = m["end"];
      ASSERT_LT(start, end) << input.name;
      ASSERT_LE(end + 1, byte_of.size()) << input.name;
      EXPECT_GE(start, previous_end) << input.name;
      previous_end = end;
      wrong += original.compare(byte_of[start], byte_of[end] - byte_of[start], m["text"].get<std::string>()) != 0;
    }
    EXPECT_EQ(wrong, 0u) << input.name << ": mentions whose text is not the original's at their offsets";
    for (const Json& f : doc["facts"]) {
      ASSERT_LT(f["value"].get<std::size_t>(), doc["mentions"].size()) << input.name;
    }
  }
}

// The inputs that have values give them; the ones that have none give none (a run of digits is
// no number of ten million digits, nor a million small ones).
TEST(Pathological, WhatHostileInputsHoldIsFoundAndNothingElse) {
  for (const Hostile& input : hostile_inputs()) {
    const Json doc = extractor().extract("hostile", input.text, parse_date("2025-02-14"));
    const std::string name = input.name;
    if (name == "digits" || name == "percent signs" || name == "万 100,000 times" ||
        name == "Traditional and Simplified alternating") {
      EXPECT_TRUE(doc["mentions"].empty()) << name << ": " << doc["mentions"][0].dump();
    }
    if (name == "a value in every clause") {
      // Clauses run "1%营收": each 1% takes the 营收 after it in its clause; the last has none.
      EXPECT_EQ(doc["facts"].size() + 1, input.text.size() / std::string("营收,1%").size()) << name;
    }
  }
}

}  // namespace
}  // namespace finfacts
