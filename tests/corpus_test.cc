// The golden corpus: finfacts check agrees, and every offset points into the original text.
#include <filesystem>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "pipeline/check.h"
#include "pipeline/decode.h"
#include "test_support.h"

namespace finfacts {
namespace {

namespace fs = std::filesystem;
using testing::extractor;
using testing::read_file;
using testing::source_path;

std::vector<fs::path> corpus_articles() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(source_path("corpus/articles"))) {
    if (e.path().extension() == ".txt") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(Corpus, EveryArticleAgreesWithItsGoldenFile) {
  auto checks = check_corpus(extractor(), source_path("corpus"));
  ASSERT_TRUE(checks.ok()) << checks.error().message;
  ASSERT_FALSE(checks.value().empty());
  for (const ArticleCheck& c : checks.value()) {
    EXPECT_FALSE(c.error.has_value()) << c.name << ": " << (c.error ? c.error->message : "");
    std::string diff;
    for (const auto& d : c.comparison.differences) diff += "\n  " + d;
    EXPECT_TRUE(c.comparison.agrees()) << c.name << ":" << diff;
  }
}

TEST(Corpus, SeedIsTheFoundingArticleByteForByte) {
  const std::string seed = read_file(source_path("corpus/articles/deepseek-compute-stocks.txt"));
  EXPECT_EQ(seed.size(), 10808u);
  auto decoded = decode(seed);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded.value().code_points, 4196u);
}

// Offsets are sacred: original[start:end] == text, in code points, for every mention
// of every corpus document, both in the output and in the golden file.
TEST(Corpus, EveryMentionsOffsetsPointAtItsTextInTheOriginal) {  // and every fact's parts
  for (const fs::path& path : corpus_articles()) {
    const std::string bytes = read_file(path.string());
    const std::string original(decode(bytes).value().utf8);
    const Json golden = Json::parse(read_file(source_path("corpus/golden/" + path.stem().string() + ".json")));
    const Json doc = extractor().extract(path.string(), read_file(path.string()), parse_date("2025-02-14"));
    ASSERT_FALSE(doc.contains("error")) << path;
    for (const Json* document : {&doc, &golden}) {
      const char* which = document == &doc ? "output" : "golden";
      std::size_t previous_start = 0;
      for (const Json& m : (*document)["mentions"]) {
        const std::size_t start = m["start"], end = m["end"];
        EXPECT_LT(start, end) << which << " " << m.dump();
        EXPECT_GE(start, previous_start) << which << ": mentions are sorted by start";
        previous_start = start;
        EXPECT_EQ(testing::code_point_slice(original, start, end), m["text"].get<std::string>())
            << which << " " << path.filename() << ": " << m.dump();
      }
      testing::expect_facts_well_formed(*document, original, std::string(which) + " " + path.filename().string());
    }
  }
}

// The counts a reader of the seed arrives at (see the golden file): a check on the golden file
// itself as much as on the extractor, so that neither can drift silently.
TEST(Corpus, SeedHasItsQuantitiesDatesAndCompanies) {
  const std::string path = source_path("corpus/articles/deepseek-compute-stocks.txt");
  const Json doc = extractor().extract(path, read_file(path), parse_date("2025-02-14"));
  std::map<std::string, std::size_t> count;
  std::size_t ranges = 0, alibaba = 0, by_pattern = 0;
  std::set<std::string> companies;
  for (const Json& m : doc["mentions"]) {
    ++count[m["type"].get<std::string>()];
    if (m["type"] == "company") {
      companies.insert(m["value"]["name"].get<std::string>());
      alibaba += m["text"].get<std::string>().rfind("阿裏", 0) == 0 && m["value"]["ticker"] == "9988.HK";
      by_pattern += m["value"]["source"] == "pattern";
    }
    ranges += m["value"].contains("min") || m["value"].value("value", Json("")).dump().find('/') != std::string::npos;
  }
  EXPECT_EQ(count["percent"], 16u);
  EXPECT_EQ(count["number"], 11u);
  EXPECT_EQ(count["money"], 6u);
  EXPECT_EQ(count["date"], 19u);
  EXPECT_EQ(count["duration"], 5u);
  EXPECT_EQ(count["company"], 50u);
  EXPECT_EQ(count["index"], 2u);  // 恆生科技指數, 納斯達克指數
  EXPECT_EQ(count.size(), 7u);
  EXPECT_EQ(companies.size(), 34u);
  EXPECT_EQ(alibaba, 5u);     // 阿裏 four times and 阿裏巴巴 once, all 阿里巴巴 9988.HK
  EXPECT_EQ(by_pattern, 3u);  // 月之暗面, 智譜AI, 百川智能: no list holds them
  EXPECT_EQ(ranges, 5u);  // two percentage ranges, 2億-2.9億元, and 前三季度 twice (2024-Q1/2024-Q3)
  EXPECT_EQ(doc["script"], "mixed");
  EXPECT_EQ(doc["length"], 4196);
}

// What the seed holds that looks like a number but is none.
TEST(Corpus, SeedReportsNoDatesCodesOrNamesAsNumbers) {
  const std::string path = source_path("corpus/articles/deepseek-compute-stocks.txt");
  const std::string original = read_file(path);
  const Json doc = extractor().extract(path, original, parse_date("2025-02-14"));
  for (const Json& m : doc["mentions"]) {
    const std::string text = m["text"];
    for (const char* not_a_number : {"01", "02", "03", "2023", "2024", "36", "5", "100", "27", "12", "一", "三大", "兩"}) {
      EXPECT_NE(text, not_a_number) << "at " << m["start"];
    }
  }
}

}  // namespace
}  // namespace finfacts
