#include "pipeline/decode.h"

#include <cctype>
#include <cstdint>

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


// ---- decode_any: the encodings Chinese sites use ------------------------------------------------

// "營收增長18.4%，騰訊" in each encoding (iconv -t GB18030 / BIG5 / UTF-16LE / UTF-16BE).
const std::string kText = "營收增長18.4%，騰訊";
const std::string kGb18030 = "\xa0\x49\xca\xd5\xd4\xf6\xe9\x4c\x31\x38\x2e\x34\x25\xa3\xac\xf2\x76\xd3\x8d";
const std::string kBig5 = "\xc0\xe7\xa6\xac\xbc\x57\xaa\xf8\x31\x38\x2e\x34\x25\xa1\x41\xc4\xcb\xb0\x54";

std::string utf16(const std::string& utf8, bool little_endian) {
  std::string out = little_endian ? "\xFF\xFE" : "\xFE\xFF";
  std::size_t i = 0;
  while (i < utf8.size()) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
    char32_t cp = lead;
    std::size_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    if (len > 1) cp = lead & (0xFF >> (len + 1));
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    i += len;
    const auto unit = static_cast<std::uint16_t>(cp);  // the test text is all in the BMP
    const char hi = static_cast<char>(unit >> 8), lo = static_cast<char>(unit & 0xFF);
    out += little_endian ? std::string{lo, hi} : std::string{hi, lo};
  }
  return out;
}

TEST(DecodeAny, Utf8IsKeptWithoutACopy) {
  const std::string bytes = "\xEF\xBB\xBF" + kText;
  auto r = decode_any(bytes);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().encoding(), "UTF-8");
  EXPECT_EQ(r.value().utf8(), kText);
  EXPECT_EQ(r.value().utf8().data(), bytes.data() + 3);  // a view of the input
  EXPECT_EQ(r.value().code_points(), 12u);
}

TEST(DecodeAny, DetectsTheChineseEncodingsAndConverts) {
  const std::pair<std::string, const char*> cases[] = {
      {kGb18030, "GB18030"}, {kBig5, "Big5"}, {utf16(kText, true), "UTF-16LE"}, {utf16(kText, false), "UTF-16BE"}};
  for (const auto& [bytes, encoding] : cases) {
    auto r = decode_any(bytes);
    ASSERT_TRUE(r.ok()) << encoding << ": " << r.error().message;
    EXPECT_EQ(r.value().encoding(), encoding);
    EXPECT_EQ(r.value().utf8(), kText) << encoding;
    EXPECT_EQ(r.value().code_points(), 12u) << encoding;
  }
}

TEST(DecodeAny, AForcedEncodingIsUsedAndItsFirstBadByteNamed) {
  auto gbk = decode_any(kGb18030, "GBK");
  ASSERT_TRUE(gbk.ok());
  EXPECT_EQ(gbk.value().utf8(), kText);
  EXPECT_EQ(gbk.value().encoding(), "GBK");
  auto wrong = decode_any("\xca\xd5" "abc\xff", "GB18030");  // 0xFF is never a GB18030 byte
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, "undecodable");
  EXPECT_EQ(wrong.error().byte_offset, std::optional<std::size_t>(5));
  auto utf8 = decode_any(kGb18030, "utf-8");
  ASSERT_FALSE(utf8.ok());
  EXPECT_EQ(utf8.error().code, "invalid_utf8");
}

TEST(DecodeAny, WhatNoEncodingReadsKeepsItsUtf8ErrorAndOffset) {
  // ICU's Big5 converts it, to a private-use character for 0xFF: a wrong guess, not text.
  auto r = decode_any("增长\xFF" "10%");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "invalid_utf8");
  EXPECT_EQ(r.error().byte_offset, std::optional<std::size_t>(6));
  EXPECT_NE(r.error().message.find("not GB18030 or Big5 either"), std::string::npos) << r.error().message;
}

TEST(DecodeAny, GbkBytesThatLookLikeAUtf8ControlAreStillGbk) {
  // 尾聲 in GB18030 is CE B2 C2 95; C2 95 is U+0095 in UTF-8, a control character. (The
  // benchmark's generated articles found it: a heading 尾聲 made a GBK article "binary".)
  const std::string heading = "\xce\xb2\xc2\x95\n\n" + kGb18030 + kGb18030;
  auto r = decode_any(heading);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.value().encoding(), "GB18030");
  EXPECT_EQ(r.value().utf8(), "尾聲\n\n" + kText + kText);
  // A real C1 control in UTF-8 text stays binary.
  auto control = decode_any("增长\xC2\x85");
  ASSERT_FALSE(control.ok());
  EXPECT_EQ(control.error().code, "binary_input");
}

TEST(DecodeAny, BinaryInputIsNotConverted) {
  auto r = decode_any(std::string("\xca\xd5\0\xd4\xf6", 5));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "binary_input");
  EXPECT_EQ(r.error().byte_offset, std::optional<std::size_t>(2));
  // Controls inside converted text are as binary as in UTF-8, never replaced.
  auto u16 = decode_any(std::string("\xFF\xFE" "a\0\0\0", 6));
  ASSERT_FALSE(u16.ok());
  EXPECT_EQ(u16.error().code, "binary_input");
}

TEST(DecodeAny, KnownEncodings) {
  for (const char* name : {"UTF-8", "GB18030", "GBK", "gb2312", "Big5", "UTF-16LE"}) EXPECT_TRUE(known_encoding(name)) << name;
  EXPECT_FALSE(known_encoding("no-such-encoding"));
}

}  // namespace
}  // namespace finfacts
