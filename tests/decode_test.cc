#include "pipeline/decode.h"

#include <cctype>

#include <gtest/gtest.h>

namespace finfacts {
namespace {

struct BadInput {
  const char* what;
  std::string bytes;
  const char* code;
  std::size_t byte_offset;
};

void PrintTo(const BadInput& c, std::ostream* os) { *os << c.what; }

class DecodeErrors : public ::testing::TestWithParam<BadInput> {};

TEST_P(DecodeErrors, NamesCodeAndByteOffset) {
  const BadInput& c = GetParam();
  auto result = decode(c.bytes);
  ASSERT_FALSE(result.ok()) << c.what;
  EXPECT_EQ(result.error().code, c.code) << c.what;
  ASSERT_TRUE(result.error().byte_offset.has_value()) << c.what;
  EXPECT_EQ(*result.error().byte_offset, c.byte_offset) << c.what;
  EXPECT_NE(result.error().message.find(std::to_string(c.byte_offset)), std::string::npos)
      << "the message names the offset: " << result.error().message;
}

using namespace std::string_literals;

INSTANTIATE_TEST_SUITE_P(
    Table, DecodeErrors,
    ::testing::Values(
        BadInput{"lone continuation byte", "ab\x80" "cd", "invalid_utf8", 2},
        BadInput{"bad lead byte 0xFF", "\xE5\xA2\x9E\xFF", "invalid_utf8", 3},
        BadInput{"lead byte 0xF5 (beyond U+10FFFF)", "x\xF5\x80\x80\x80", "invalid_utf8", 1},
        BadInput{"truncated in the middle", "增\xE9\x95" "x", "invalid_utf8", 3},
        BadInput{"truncated at the end", "增长\xE9\x95", "invalid_utf8", 6},
        BadInput{"three-byte lead, second byte not a continuation", "\xEF\x41\x80", "invalid_utf8", 0},
        BadInput{"three-byte lead, third byte not a continuation", "a\xE5\xA2\x41", "invalid_utf8", 1},
        BadInput{"overlong two-byte (C0 AF)", "ab\xC0\xAF", "invalid_utf8", 2},
        BadInput{"overlong three-byte (E0 80 AF)", "\xE0\x80\xAF", "invalid_utf8", 0},
        BadInput{"overlong four-byte (F0 82 82 AC)", "1%\xF0\x82\x82\xAC", "invalid_utf8", 2},
        BadInput{"surrogate U+D800", "a\xED\xA0\x80", "invalid_utf8", 1},
        BadInput{"surrogate U+DFFF", "\xED\xBF\xBF", "invalid_utf8", 0},
        BadInput{"code point U+110000", "\xF4\x90\x80\x80", "invalid_utf8", 0},
        BadInput{"offset counts the BOM", "\xEF\xBB\xBF" "a\xFF", "invalid_utf8", 4},
        BadInput{"NUL byte", "ab\0cd"s, "binary_input", 2},
        BadInput{"escape character", "\x1B[31m", "binary_input", 0},
        BadInput{"form feed", "page\f", "binary_input", 4},
        BadInput{"DEL", "a\x7F", "binary_input", 1},
        BadInput{"C1 control U+0085", "增长\xC2\x85", "binary_input", 6},
        BadInput{"PNG header", "\x89PNG\r\n\x1A\n"s, "invalid_utf8", 0}),
    [](const ::testing::TestParamInfo<BadInput>& param_info) {
      std::string name;
      for (const char* p = param_info.param.what; *p != '\0'; ++p) name += std::isalnum(static_cast<unsigned char>(*p)) ? *p : '_';
      return name;
    });

TEST(Decode, DropsLeadingBomOnly) {
  auto r = decode("\xEF\xBB\xBF" "增长10%\xEF\xBB\xBF");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().utf8, "增长10%\xEF\xBB\xBF");
  EXPECT_EQ(r.value().code_points, 6u);
}

TEST(Decode, AcceptsTabsLineBreaksAndAllPlanes) {
  auto r = decode("a\tb\r\nc\n\xF0\xA0\x80\x80" "\xEF\xBF\xBF");  // U+20000 and U+FFFF
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().code_points, 9u);
}

TEST(Decode, EmptyInputIsAnEmptyText) {
  auto r = decode("");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().utf8, "");
  EXPECT_EQ(r.value().code_points, 0u);
}

}  // namespace
}  // namespace finfacts
