// Offsets are sacred: for any text, every mention's [start, end) in code points of the
// original is exactly its text, mentions are sorted and disjoint, and sentences exist.
// Texts are drawn at random (fixed seeds) from pieces that stress normalization.
#include <filesystem>
#include <fstream>
#include <random>

#include <gtest/gtest.h>

#include "pipeline/decode.h"
#include "pipeline/document.h"
#include "test_support.h"

namespace finfacts {
namespace {

using testing::code_point_slice;

void expect_offsets_hold(const Extractor& extractor, const std::string& bytes, const std::string& what) {
  const Json doc = extractor.extract("t", bytes, std::nullopt);
  ASSERT_FALSE(doc.contains("error")) << what << ": " << doc.dump();
  const std::string original(decode(bytes).value().utf8);
  std::size_t previous_end = 0;
  for (const Json& m : doc["mentions"]) {
    const std::size_t start = m["start"], end = m["end"];
    ASSERT_EQ(code_point_slice(original, start, end), m["text"].get<std::string>()) << what << "\n" << m.dump();
    EXPECT_GE(start, previous_end) << what << ": sorted and disjoint";
    EXPECT_LE(end, doc["length"].get<std::size_t>()) << what;
    previous_end = end;
  }
  testing::expect_facts_well_formed(doc, original, what);
}

TEST(OffsetsProperty, RandomTextsOfTrickyPieces) {
  const std::vector<std::string> pieces = {
      "增長", "佔比約", "10.83%", "２０％－３０％", "百分之三十五點五", "逾五成", "2.5個百分點", "乾隆", "乾燥",
      "䂎", "𥎝", "\uF91D", "衞", "开始發酵", " ", "\u3000", "\r\n", "\n\n", "。", "?", "!", "https://a.b/c?d=5%25",
      "Qwen 2.5-Max", "-", "至", "成本", "三成", "１", "％", "約", "左右", "\xEF\xBB\xBF", "A", "。”", "萬國數據",
      "歸母淨利潤", "同比", "下滑", "智算中心", ",", "去年", "騰訊", "、", "上漲", "2億元", "8倍", "30多家", "A股算力概念"};
  std::mt19937 random(20250214);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1), length(0, 40);
  for (int round = 0; round < 500; ++round) {
    std::string text;
    for (std::size_t n = length(random); n > 0; --n) text += pieces[pick(random)];
    expect_offsets_hold(testing::extractor(), text, "round " + std::to_string(round));
  }
}

// Numerals, amounts and dates pieced together at random: whatever they make, offsets hold, no
// resolver crashes or overflows (the sanitizer build runs this too), ranges run low to high, and
// a date's days are in order.
TEST(OffsetsProperty, RandomQuantitiesAndDates) {
  const std::vector<std::string> pieces = {
      "2024", "年", "12", "月", "4", "日", "号", "三", "十", "百", "千", "万", "亿", "億", "兩", "二〇二四", "零",
      "点", "點", "多", "余", "几", "来", "个", "家", "倍", "元", "美元", "港元", "/股", "%", "-", "至", "到", "~",
      "约", "超过", "不低于", "近", "去年", "下周", "四", "前", "后", "以来", "截至", "季度", "上半年", "Q", "春节",
      "过去", "天", "周", "半", "9999999999999999999", "0.", ".5", "分之", "第", "上", "数", "，", "。", "\n\n", " "};
  std::mt19937 random(20241204);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1), length(1, 30);
  const auto ref = parse_date("2025-02-14");
  for (int round = 0; round < 1500; ++round) {
    std::string text;
    for (std::size_t n = length(random); n > 0; --n) text += pieces[pick(random)];
    const std::string what = "round " + std::to_string(round) + ": " + text;
    expect_offsets_hold(testing::extractor(), text, what);
    const Json doc = testing::extractor().extract("t", text, round % 2 == 0 ? ref : std::nullopt);
    for (const Json& m : doc["mentions"]) {
      const Json& v = m["value"];
      if (v.contains("min")) { EXPECT_LT(v["min"].get<double>(), v["max"].get<double>()) << what << "\n" << m.dump(); }
      if (m["type"] == "date" && v.contains("start")) { EXPECT_LE(v["start"], v["end"]) << what << "\n" << m.dump(); }
      if (m["type"] == "money" && !v["currency"].is_null()) { EXPECT_EQ(v["currency"].get<std::string>().size(), 3u); }
    }
  }
}

// Company names, codes, suffixes and list separators pieced together at random: offsets hold, and
// every company's ticker is one of its listings (or null), whatever the pieces make.
TEST(OffsetsProperty, RandomCompanyTexts) {
  const std::vector<std::string> pieces = {
      "阿裏", "阿里巴巴", "騰訊", "萬國數據", "Open AI", "NVIDIA", "蘋果", "平安", "机器人", "*ST", "-W", "(",
      ")", "000977", ".SZ", "00700", ".HK", "NASDAQ: ", "NVDA", "科技", "数据", "集团", "有限公司", "股份", "、",
      "等", "模型", "港股", "美股", "(美股)", "百川", "智谱AI", "月之暗面", "TOP5", "的", "，", "。", "\n", " ",
      "股价", "涨停", "甲", "乙"};
  std::mt19937 random(20251128);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1), length(1, 30);
  for (int round = 0; round < 1500; ++round) {
    std::string text;
    for (std::size_t n = length(random); n > 0; --n) text += pieces[pick(random)];
    const std::string what = "round " + std::to_string(round) + ": " + text;
    expect_offsets_hold(testing::extractor(), text, what);
    const Json doc = testing::extractor().extract("t", text, std::nullopt);
    for (const Json& m : doc["mentions"]) {
      if (m["type"] != "company") continue;
      const Json& v = m["value"];
      EXPECT_FALSE(v["name"].get<std::string>().empty()) << what;
      const Json& listings = v["listings"];
      if (v["ticker"].is_null()) {
        EXPECT_TRUE(listings.empty()) << what << "\n" << m.dump();
      } else {
        EXPECT_NE(std::find(listings.begin(), listings.end(), v["ticker"]), listings.end()) << what << "\n" << m.dump();
      }
    }
  }
}

// Through the whole pipeline with a phrase table that changes lengths, as some OpenCC
// configurations (tw2sp) would: offsets after and around the phrase still hold.
TEST(OffsetsProperty, PhrasesThatChangeLengthThroughThePipeline) {
  namespace fs = std::filesystem;
  testing::ScratchDir scratch;
  const fs::path rules = scratch.path() / "rules";
  fs::copy(testing::source_path("rules"), rules, fs::copy_options::recursive);
  std::ofstream(rules / "normalize" / "TSPhrases.txt", std::ios::app) << "台積電\t台湾积体电路\n主機板\t主板\n";
  auto extractor = Extractor::load(rules.string());
  ASSERT_TRUE(extractor.ok()) << extractor.error().message;

  const std::string text = "台積電漲10%,主機板跌5%,百分之三。";
  const Json doc = extractor.value().extract("t", text, std::nullopt);
  ASSERT_EQ(doc["mentions"].size(), 3u) << doc.dump();
  EXPECT_EQ(doc["mentions"][0]["text"], "10%");
  EXPECT_EQ(doc["mentions"][0]["start"], 4);
  EXPECT_EQ(doc["mentions"][1]["start"], 12);
  EXPECT_EQ(doc["mentions"][2]["text"], "百分之三");
  EXPECT_EQ(doc["length"], 20);
  expect_offsets_hold(extractor.value(), text, "length-changing phrases");
}

}  // namespace
}  // namespace finfacts
