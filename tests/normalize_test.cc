#include "pipeline/normalize.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace finfacts {
namespace {

using testing::extractor;
using testing::source_path;

const Normalizer& normalizer() { return extractor().normalizer(); }

std::string normalized(const std::string& text) { return normalizer().normalize(text).text; }

struct Case {
  const char* input;
  const char* expected;
};

TEST(Normalize, FoldsFullWidthFormsToAscii) {
  const Case cases[] = {
      {"增長１８．４％", "增长18.4%"},
      {"，．：／－", ",.:/-"},
      {"ＡＢＣ　ｘｙｚ", "ABC xyz"},
      {"（１）＋～！？", "(1)+~!?"},
      // Left alone: ideographic punctuation and 〇, which NFKC-style folding would change or drop.
      {"。、「」《》【】〇", "。、「」《》【】〇"},
      {"①2023年", "①2023年"},
  };
  for (const Case& c : cases) EXPECT_EQ(normalized(c.input), c.expected) << c.input;
}

TEST(Normalize, TraditionalToSimplifiedOnTheSeedsWords) {
  const Case cases[] = {
      {"DeepSeek引發的上漲行情", "DeepSeek引发的上涨行情"},
      {"雲計算、算力租賃", "云计算、算力租赁"},
      {"五千萬元", "五千万元"},
      {"2億-2.9億元", "2亿-2.9亿元"},
      {"佔比約爲25.6%", "占比约为25.6%"},
      {"歸母淨利潤虧損", "归母净利润亏损"},
      {"恆生科技指數", "恒生科技指数"},
      {"阿裏巴巴", "阿里巴巴"},
      {"TOP5萬國數據", "TOP5万国数据"},
      {"鴻博股份", "鸿博股份"},
      {"潤澤科技", "润泽科技"},
      {"英偉達", "英伟达"},
      {"訪問量", "访问量"},
  };
  for (const Case& c : cases) EXPECT_EQ(normalized(c.input), c.expected) << c.input;
}

TEST(Normalize, MixedScriptComesOutAllSimplified) {
  // The seed writes 开 beside 發 and 买 beside 賣.
  EXPECT_EQ(normalized("便开始發酵"), "便开始发酵");
  EXPECT_EQ(normalized("那就买算力股"), "那就买算力股");
  const std::string seed = testing::read_file(source_path("corpus/articles/deepseek-compute-stocks.txt"));
  const NormalizedText once = normalizer().normalize(seed);
  EXPECT_EQ(once.script, Script::kMixed);
  const NormalizedText twice = normalizer().normalize(once.text);
  EXPECT_EQ(twice.text, once.text) << "normalizing is idempotent";
  EXPECT_EQ(twice.script, Script::kSimplified) << "no Traditional-only character is left";
}

TEST(Normalize, PhrasesTakePrecedenceOverCharacters) {
  // TSCharacters alone gives 干 for 乾; the phrase 乾隆 keeps it, as OpenCC does.
  EXPECT_EQ(normalized("乾隆"), "乾隆");
  EXPECT_EQ(normalized("乾燥"), "干燥");
}

TEST(Normalize, HongKongVariantsThatT2sLeaves) {
  const Case cases[] = {{"衞星", "卫星"}, {"枱", "台"}, {"敍述", "叙述"}, {"化粧", "化妆"},
                        {"哄擡", "哄抬"}, {"蔴", "麻"},   {"衹", "只"},     {"麻痺", "麻痹"}};
  for (const Case& c : cases) EXPECT_EQ(normalized(c.input), c.expected) << c.input;
}

TEST(Normalize, CompatibilityIdeographsGoThroughNfcThenT2s) {
  EXPECT_EQ(normalized("\uF91D"), "栏");   // CJK COMPATIBILITY IDEOGRAPH-F91D -> 欄 -> 栏
  EXPECT_EQ(normalized("\uF900"), "岂");   // -> 豈 -> 岂
}

TEST(Normalize, KeepsLengthInCodePoints) {
  const std::string seed = testing::read_file(source_path("corpus/articles/deepseek-compute-stocks.txt"));
  const NormalizedText n = normalizer().normalize(seed);
  EXPECT_EQ(n.original_length, 4196u);
  EXPECT_EQ(n.offsets.code_point_at(n.text, n.text.size()), 4196u);
  EXPECT_TRUE(n.offsets.is_identity());
  // 䂎 (3 bytes) becomes 𥎝 (4 bytes): bytes shift, code points do not.
  const NormalizedText e = normalizer().normalize("䂎心10%");
  EXPECT_EQ(e.text, "𥎝心10%");
  EXPECT_EQ(e.offsets.to_original(e.text, Span{e.text.size() - 3, e.text.size()}).start, 2u);
}

TEST(Normalize, ScriptIsJudgedFromCharactersThatDiffer) {
  struct ScriptCase {
    const char* text;
    Script script;
  };
  const ScriptCase cases[] = {
      {"开始买入", Script::kSimplified},   {"開始買入", Script::kTraditional},
      {"开始買入", Script::kMixed},        {"10% of GDP", Script::kNone},
      {"公里", Script::kNone},  // 里 is written in both scripts
      {"", Script::kNone},
  };
  for (const ScriptCase& c : cases) EXPECT_EQ(normalizer().normalize(c.text).script, c.script) << c.text;
}

// A phrase table entry that changes length must still map back exactly.
TEST(Normalize, PhrasesThatChangeLengthMapBack) {
  Normalizer n = normalizer();
  n.add_phrase("主機板", "主板");              // 3 -> 2 code points (as OpenCC's tw2sp would do)
  n.add_phrase("台積電", "台湾积体电路");      // 3 -> 6
  const std::string original = "新主機板漲10%,台積電跌5%";
  const NormalizedText out = n.normalize(original);
  ASSERT_EQ(out.text, "新主板涨10%,台湾积体电路跌5%");
  EXPECT_FALSE(out.offsets.is_identity());

  auto original_of = [&](const std::string& needle, std::size_t from = 0) {
    const std::size_t at = out.text.find(needle, from);
    const CodePointSpan s = out.offsets.to_original(out.text, Span{at, at + needle.size()});
    return testing::code_point_slice(original, s.start, s.end);
  };
  EXPECT_EQ(original_of("10%"), "10%");
  EXPECT_EQ(original_of("5%"), "5%");
  EXPECT_EQ(original_of("涨"), "漲");
  EXPECT_EQ(original_of("跌"), "跌");
  EXPECT_EQ(original_of("主板"), "主機板");
  EXPECT_EQ(original_of("板"), "主機板") << "part of a replaced phrase widens to all of it";
  EXPECT_EQ(original_of("积体"), "台積電");
  EXPECT_EQ(original_of("新主"), "新主機板");
  EXPECT_EQ(original_of("台湾积体电路跌5%"), "台積電跌5%");
}

}  // namespace
}  // namespace finfacts
