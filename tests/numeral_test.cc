#include "pipeline/numeral.h"

#include <gtest/gtest.h>

namespace finfacts {
namespace {

struct Case {
  const char* text;
  const char* value;  // Decimal::to_string(), or nullptr when not a number
};

TEST(Numeral, ParsesExactly) {
  const Case cases[] = {
      {"10.83", "10.83"},      {"1,234,567.89", "1234567.89"}, {"0.11", "0.11"},
      {"-12.5", "-12.5"},      {"+5", "5"},                    {"4.94亿", "494000000"},
      {"3.5亿", "350000000"},  {"10万", "100000"},             {"1.2万亿", "1200000000000"},
      {"5千万", "50000000"},   {"五", "5"},                    {"十", "10"},
      {"十五", "15"},          {"二十", "20"},                 {"三十五点五", "35.5"},
      {"一百二十", "120"},     {"一百二", "120"},              {"三万五", "35000"},
      {"一千零五", "1005"},    {"五千万", "50000000"},         {"两", "2"},
      {"一亿三千万", "130000000"}, {"五万亿", "5000000000000"}, {"百", "100"},
      {"零点五", "0.5"},       {"一点五亿", "150000000"},      {"二〇二四", "2024"},
      {"壹佰贰拾叁", "123"},   {"廿五", "25"},                 {"卅", "30"},
      {"10.50", "10.5"},       {"负3.9", "-3.9"},             {"零点叁叁", "0.33"},
      {"", nullptr},           {"abc", nullptr},               {"五x", nullptr},
      {"点五", nullptr},       {"99999999999999999999", nullptr},
      // Mixed Arabic and Chinese, as typed in articles and peers' tests.
      {"5万4千6百", "54600"},  {"1千零1", "1001"},             {"100万三千", "1003000"},
      {"25万6千", "256000"},   {"1,100万", "11000000"},        {"4.78万亿", "4780000000000"},
      {"3千万亿", "3000000000000000"}, {"一百零十万", "1100000"}, {"千三", "1300"},
      {".5", "0.5"},           {"-.5", "-0.5"},                {"1.5万3千", nullptr},
      {"1,5万2", nullptr},     {"12", "12"},                   {"四五十", nullptr},
      {"一百二三", nullptr},   {"一千零五", "1005"},           {"伍佰参拾肆", "534"},
      {"万亿", "1000000000000"}, {"百亿", "10000000000"},   {"千万", "10000000"},
      {"亿", "100000000"},     {"俩千两百贰拾二", "2222"}, {"一万零卌", "10040"},       {"一万万", "100000000"},
  };
  for (const Case& c : cases) {
    auto n = parse_number(c.text);
    if (c.value == nullptr) {
      EXPECT_FALSE(n.has_value()) << c.text << " -> " << (n ? n->to_string() : "");
    } else {
      ASSERT_TRUE(n.has_value()) << c.text;
      EXPECT_EQ(n->to_string(), c.value) << c.text;
    }
  }
}

TEST(Numeral, JsonKeepsTheWrittenDigits) {
  EXPECT_EQ(parse_number("4.94亿")->to_json().dump(), "494000000");
  EXPECT_EQ(parse_number("267.36")->to_json().dump(), "267.36");
  EXPECT_EQ(parse_number("449.2")->to_json().dump(), "449.2");
  EXPECT_EQ(parse_number("0.1")->to_json().dump(), "0.1");
  EXPECT_EQ(parse_number("三十五点五")->to_json().dump(), "35.5");
  EXPECT_EQ(parse_number("2.5")->times(Decimal{10, 0})->to_json().dump(), "25");
}

}  // namespace
}  // namespace finfacts
