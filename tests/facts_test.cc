// Facts: the examples of rules/facts/facts.json, the linking rules one by one, and loading.
#include <gtest/gtest.h>

#include "pipeline/fact_table.h"
#include "pipeline/facts.h"
#include "tests/test_support.h"

namespace finfacts {
namespace {

using testing::extractor;

// A document's facts in the examples' form: parts by their text as written.
Json facts_by_text(const Json& doc) {
  const Json& mentions = doc["mentions"];
  Json out = Json::array();
  for (const Json& f : doc["facts"]) {
    Json d = Json::object();
    if (f["subject_phrase"].is_object()) {
      d["subject_phrase"] = f["subject_phrase"]["text"];
    } else if (f["subjects"].size() == 1) {
      d["subject"] = mentions[f["subjects"][0].get<std::size_t>()]["text"];
    } else if (f["subjects"].empty()) {
      d["subject"] = nullptr;
    } else {
      d["subject"] = Json::array();
      for (const Json& s : f["subjects"]) d["subject"].push_back(mentions[s.get<std::size_t>()]["text"]);
    }
    d["measure"] = f["measure"];
    d["measure_text"] = f["measure_text"];
    d["value"] = mentions[f["value"].get<std::size_t>()]["text"];
    d["period"] = f["period"].is_null() ? Json(nullptr) : mentions[f["period"].get<std::size_t>()]["text"];
    d["direction"] = f["direction"];
    out.push_back(d);
  }
  return out;
}

Json facts_of(const std::string& text, const char* ref_date = "2025-02-14") {
  return facts_by_text(extractor().extract("t", text, parse_date(ref_date)));
}

// ---- facts.json: every example is a test ---------------------------------------------------------

TEST(FactRules, EveryExampleGivesExactlyItsFacts) {
  const auto& examples = extractor().fact_rules().examples();
  EXPECT_GT(examples.size(), 25u);
  for (const FactExample& ex : examples) {
    const Json doc = extractor().extract("t", ex.text, ex.ref_date ? ex.ref_date : parse_date("2025-02-14"));
    const Json got = facts_by_text(doc);
    Json want = ex.facts;
    for (Json& f : want) {  // an example may leave measure_text out
      if (!f.contains("measure_text")) f["measure_text"] = got.size() == want.size() ? Json() : Json("?");
    }
    Json got_compared = got;
    for (std::size_t i = 0; i < got_compared.size() && i < want.size(); ++i) {
      if (!ex.facts[i].contains("measure_text")) got_compared[i]["measure_text"] = nullptr;
    }
    EXPECT_TRUE(same_json(got_compared, want)) << ex.where << ": " << ex.text << "\n  got      " << got.dump()
                                               << "\n  expected " << ex.facts.dump();
  }
}

// ---- The linking rules, one at a time -------------------------------------------------------------

TEST(Facts, AValueWithNoMeasureIsNoFact) {
  EXPECT_EQ(facts_of("会上有10位嘉宾发言，持续了3个小时。"), Json::array());
  EXPECT_EQ(facts_of("這塊美國的微軟、谷歌、亞馬遜三家巨頭早就做出了示範。"), Json::array());
}

TEST(Facts, ALossIsAPositiveAmountGoingDown) {
  const Json f = facts_of("鸿博股份去年归母净利润亏损2亿元。");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]["value"], "2亿元");
  EXPECT_EQ(f[0]["direction"], "down");
  const Json doc = extractor().extract("t", "鸿博股份去年归母净利润亏损2亿元。", parse_date("2025-02-14"));
  EXPECT_EQ(doc["mentions"][doc["facts"][0]["value"].get<std::size_t>()]["value"]["amount"], 200000000);
}

TEST(Facts, ALevelHasNoDirection) {
  const Json f = facts_of("截至2024年底，公司毛利率为35%。");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(f[0]["direction"].is_null()) << f.dump();
  EXPECT_EQ(f[0]["period"], "截至2024年底");
}

TEST(Facts, TheSubjectCarriesOverWithinAParagraphButNotPastIt) {
  const Json same = facts_of("腾讯控股发布财报。去年营收增长8%。");
  ASSERT_EQ(same.size(), 1u);
  EXPECT_EQ(same[0]["subject"], "腾讯控股");
  const Json next = facts_of("腾讯控股发布财报。\n\n去年营收增长8%。");
  ASSERT_EQ(next.size(), 1u);
  EXPECT_TRUE(next[0]["subject"].is_null()) << next.dump();
}

TEST(Facts, ASourceIsNoSubject) {
  const Json f = facts_of("据36氪报道，去年营收增长8%。");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(f[0]["subject"].is_null()) << f.dump();
}

TEST(Facts, CompaniesWrittenTogetherAreOneGroupSubject) {
  const Json f = facts_of("萬國數據、世紀互聯和秦淮數據合計市佔率達到51.3%。");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]["subject"], Json::array({"萬國數據", "世紀互聯", "秦淮數據"}));
}

TEST(Facts, TheMeasureCarriesOnlyToAClauseThatOpensForItOrHasItsOwnSubject) {
  // 同比: the same measure. A clause with neither an opener nor a subject of its own does not take it.
  EXPECT_EQ(facts_of("营收100亿元，同比增长8%。").size(), 2u);
  EXPECT_EQ(facts_of("营收100亿元，有3000多人在一线。").size(), 1u);
}

TEST(Facts, AFutureClauseTakesNoPeriodFromItsSentence) {
  const Json f = facts_of("2024年11月，智算中心项目近150个，远期算力规模复合增速每年料将超过30%。");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0]["period"], "2024年11月");
  EXPECT_TRUE(f[1]["period"].is_null()) << f.dump();
}

TEST(Facts, ADateComparedWithIsNoPeriod) {
  const Json f = facts_of("比去年同期增长5%的营收", "2025-02-14");
  for (const Json& fact : f) EXPECT_NE(fact["period"], "去年") << f.dump();
}

// ---- The fact table ---------------------------------------------------------------------------------

TEST(FactTable, OneRowPerFactWithTheHeadersColumns) {
  std::vector<std::string> sentences;
  const Json doc = extractor().extract("a.txt", "鴻博股份去年歸母淨利潤虧損了2億-2.9億元,\t同比下滑5%。\n另一句。",
                                       parse_date("2025-02-14"), {}, &sentences);
  ASSERT_EQ(sentences.size(), 2u);
  EXPECT_EQ(sentences[1], "另一句。");
  const std::string header = fact_table_header();
  const std::string rows = fact_table_rows(doc, sentences);
  const auto columns = [](const std::string& line) { return std::count(line.begin(), line.end(), '\t') + 1; };
  EXPECT_EQ(header.substr(0, 50), "document\tsubject\tticker\tmeasure\tvalue\tunit\tperiod\t");
  const std::string first = rows.substr(0, rows.find('\n'));
  EXPECT_EQ(std::count(rows.begin(), rows.end(), '\n'), 2);
  EXPECT_EQ(columns(first), columns(header));
  // The range has no single value; its bounds are in value_min and value_max. The tab inside the
  // sentence became a space.
  EXPECT_EQ(first.substr(0, first.find("\t鴻博")),
            "a.txt\t鸿博股份\t002229.SZ\t归母净利润\t\tCNY\t2024\tdown");
  EXPECT_NE(first.find("\t200000000\t290000000\t"), std::string::npos) << first;
  EXPECT_NE(first.find("虧損了2億-2.9億元, 同比"), std::string::npos) << first;
}

// ---- Loading: bad data fails with the file and the cause --------------------------------------------

TEST(FactRulesLoad, ABadFileIsAnErrorNamingIt) {
  testing::ScratchDir scratch;
  const auto error_of = [&](const std::string& content) {
    const std::string path = scratch.write("facts.json", content);
    auto loaded = FactRules::load(path, extractor().normalizer());
    return loaded.ok() ? std::string("(loaded)") : loaded.error().message;
  };
  const std::string good = testing::read_file(testing::source_path("rules/facts/facts.json"));
  EXPECT_EQ(error_of(good), "(loaded)");
  EXPECT_NE(error_of("{").find("facts.json"), std::string::npos);
  std::string bad_kind = good;
  bad_kind.replace(bad_kind.find("\"values\": [\"money\""), 18, "\"values\": [\"cash\"");
  EXPECT_NE(error_of(bad_kind).find("no value kind \"cash\""), std::string::npos) << error_of(bad_kind);
  std::string bad_regex = good;
  bad_regex.replace(bad_regex.find("\"preceded_by\": \""), 16, "\"preceded_by\": \"(");
  EXPECT_NE(error_of(bad_regex).find("not_a_subject.preceded_by"), std::string::npos) << error_of(bad_regex);
  EXPECT_NE(error_of(R"({"measures": 1e999})").find("facts.json"), std::string::npos);
  std::string twice = good;  // one word, two meanings: which would win is an accident of order
  twice.replace(twice.find("\"phrases\": [\"收入\""), 20, "\"phrases\": [\"营收\", \"收入\"");
  EXPECT_NE(error_of(twice).find("\"营收\" is in measure 营收 and in measure 收入"), std::string::npos) << error_of(twice);
}

}  // namespace
}  // namespace finfacts
