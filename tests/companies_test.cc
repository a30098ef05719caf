#include "pipeline/companies.h"

#include <gtest/gtest.h>

#include <set>

#include "pipeline/company_resolvers.h"
#include "pipeline/name_matcher.h"
#include "test_support.h"

namespace finfacts {
namespace {

using testing::extractor;

// ---- The matcher: all names in one pass -----------------------------------------------------

std::vector<std::string> found(const NameMatcher& m, const std::string& text) {
  std::vector<NameMatcher::Match> out;
  m.find_all(text, Span{0, text.size()}, out);
  std::vector<std::string> names;
  for (const auto& match : out) names.push_back(text.substr(match.span.begin, match.span.size()) + "#" + std::to_string(match.id));
  return names;
}

TEST(NameMatcher, FindsEveryOccurrenceNestedOnesToo) {
  NameMatcher m;
  m.add("阿里", 1);
  m.add("阿里巴巴", 2);
  m.add("巴巴", 3);
  m.build();
  EXPECT_EQ(found(m, "阿里巴巴与阿里"), (std::vector<std::string>{"阿里#1", "阿里巴巴#2", "巴巴#3", "阿里#1"}));
  EXPECT_TRUE(found(m, "阿").empty());
  EXPECT_TRUE(found(m, "").empty());
}

TEST(NameMatcher, FoldsCaseAndSpacesOfLatinNames) {
  NameMatcher m;
  m.add("OpenAI", 1);
  m.add("NVIDIA", 2);
  m.build();
  EXPECT_EQ(found(m, "Open AI与openai"), (std::vector<std::string>{"Open AI#1", "openai#1"}));
  EXPECT_EQ(found(m, "Nvidia和NVIDIA"), (std::vector<std::string>{"Nvidia#2", "NVIDIA#2"}));
}

TEST(NameMatcher, ALatinNameDoesNotContinueALatinWord) {
  NameMatcher m;
  m.add("Meta", 1);
  m.add("AMD", 2);
  m.build();
  EXPECT_TRUE(found(m, "Metaverse").empty());
  EXPECT_TRUE(found(m, "XAMD").empty());
  EXPECT_EQ(found(m, "Meta的AMD芯片"), (std::vector<std::string>{"Meta#1", "AMD#2"}));
}

TEST(NameMatcher, FailureLinksFindANameInsideAFailedLongerOne) {
  NameMatcher m;
  m.add("中国平安保险", 1);
  m.add("平安银行", 2);
  m.build();
  // 中国平安 leads towards 中国平安保险, fails at 银, and must still find 平安银行.
  EXPECT_EQ(found(m, "中国平安银行"), (std::vector<std::string>{"平安银行#2"}));
}

TEST(NameMatcher, ANameAddedTwiceKeepsItsFirstId) {
  NameMatcher m;
  m.add("腾讯", 1);
  m.add("腾讯", 2);
  m.add("  ", 3);  // folds to nothing
  m.build();
  EXPECT_EQ(m.names(), 1u);
  EXPECT_EQ(found(m, "腾讯"), (std::vector<std::string>{"腾讯#1"}));
}

// ---- Stock codes ------------------------------------------------------------------------------

TEST(CanonicalTicker, WritesCodesAsTheGazetteerKeysThem) {
  const std::pair<const char*, const char*> cases[] = {
      {"000977.SZ", "000977.SZ"}, {"000977.sz", "000977.SZ"}, {"SZ000977", "000977.SZ"}, {"SH:603019", "603019.SH"},
      {"603019", "603019.SH"},    {"300750", "300750.SZ"},    {"920118", "920118.BJ"},  {"830799", "830799.BJ"},
      {"600000.SS", "600000.SH"}, {"00700.HK", "0700.HK"},    {"0700.HK", "0700.HK"},  {"9988.hk", "9988.HK"},
      {"00020.HK", "0020.HK"},    {"NASDAQ: NVDA", "NVDA"},   {"NYSE:baba", "BABA"},   {"纳斯达克:GDS", "GDS"},
  };
  for (const auto& [written, ticker] : cases) EXPECT_EQ(canonical_ticker(written).value_or("(none)"), ticker) << written;
  for (const char* none : {"12345", "00000.HK", "123456.XX", "NVDA", "A00977"}) {
    EXPECT_FALSE(canonical_ticker(none)) << none;
  }
}

// ---- The gazetteer as built from its sources ------------------------------------------------------

TEST(Gazetteer, HoldsEveryAShareOfItsSourceByCode) {
  const std::string source = testing::read_file(testing::source_path("rules/companies/source/a_share.tsv"));
  std::istringstream lines(source);
  std::string line;
  std::getline(lines, line);  // header
  std::size_t rows = 0;
  while (std::getline(lines, line)) {
    const std::string code = line.substr(0, line.find('\t'));
    ++rows;
    const Company* c = extractor().companies().by_ticker(code);
    ASSERT_NE(c, nullptr) << code;
    EXPECT_NE(std::find(c->listings.begin(), c->listings.end(), code), c->listings.end()) << code;
  }
  EXPECT_EQ(rows, 5448u);
  EXPECT_GT(extractor().companies().size(), 5500u);
}

TEST(Gazetteer, MergesTheListingsOfOneCompany) {
  const Companies& companies = extractor().companies();
  const struct {
    const char* name;
    std::vector<std::string> listings;
  } cases[] = {
      {"阿里巴巴", {"9988.HK", "BABA"}},          // 阿里巴巴-W and BABA: one company, Hong Kong first
      {"中芯国际", {"688981.SH", "0981.HK"}},     // an A+H company: the A-share first
      {"万国数据", {"9698.HK", "GDS"}},
      {"商汤", {"0020.HK"}},                      // 商汤-W without its suffix
      {"秦淮数据", {}},                           // delisted: no current listing
      {"OpenAI", {}},                             // private
  };
  for (const auto& c : cases) {
    const Company* company = companies.by_name(c.name);
    ASSERT_NE(company, nullptr) << c.name;
    EXPECT_EQ(company->name, c.name);
    EXPECT_EQ(company->listings, c.listings) << c.name;
  }
  EXPECT_EQ(companies.by_name("阿里"), companies.by_name("阿里巴巴"));    // an alias
  EXPECT_EQ(companies.by_name("TCL集团"), companies.by_name("TCL科技"));  // a former name
  EXPECT_EQ(companies.by_ticker("BABA"), companies.by_ticker("9988.HK"));
}

// The mentions of type company the pipeline reports in `text`, as "text=name ticker".
std::vector<std::string> companies_in(const std::string& text) {
  const Extractor::Analysis a = extractor().analyze(text);
  std::vector<std::string> out;
  for (const Mention& m : a.mentions) {
    if (m.type != "company") continue;
    const CodePointSpan s = a.normalized.offsets.to_original(a.normalized.text, m.span);
    out.push_back(testing::code_point_slice(text, s.start, s.end) + "=" + m.value["name"].get<std::string>() + " " +
                  (m.value["ticker"].is_null() ? "null" : m.value["ticker"].get<std::string>()));
  }
  return out;
}

TEST(Gazetteer, TwoCharacterAShareNamesAreNotMatchedAlone) {
  // 阳光 (*ST阳光) and 生物 are A-share short names, and words first.
  EXPECT_TRUE(companies_in("今天阳光明媚,生物医药板块上涨").empty());
  // With their stock code they are found.
  EXPECT_EQ(companies_in("ST生物(000504)公告"), (std::vector<std::string>{"ST生物(000504)=生物 000504.SZ"}));
}

TEST(Gazetteer, TheMarketAroundANamePicksTheTicker) {
  EXPECT_EQ(companies_in("港股万国数据大涨"), (std::vector<std::string>{"万国数据=万国数据 9698.HK"}));
  EXPECT_EQ(companies_in("美股萬國數據大漲"), (std::vector<std::string>{"萬國數據=万国数据 GDS"}));
  EXPECT_EQ(companies_in("世纪互联(美股)营收增长"), (std::vector<std::string>{"世纪互联=世纪互联 VNET"}));
  EXPECT_EQ(companies_in("中芯国际H股走强"), (std::vector<std::string>{"中芯国际=中芯国际 688981.SH"}));  // after: not a market word
  EXPECT_EQ(companies_in("港股中芯国际走强"), (std::vector<std::string>{"中芯国际=中芯国际 0981.HK"}));
  EXPECT_EQ(companies_in("港股英伟达"), (std::vector<std::string>{"英伟达=英伟达 NVDA"}));  // no HK listing: its own
}

TEST(Gazetteer, MatchesTraditionalAndMixedScript) {
  EXPECT_EQ(companies_in("阿裏與騰訊"), (std::vector<std::string>{"阿裏=阿里巴巴 9988.HK", "騰訊=腾讯控股 0700.HK"}));
  EXPECT_EQ(companies_in("英偉達和輝達"), (std::vector<std::string>{"英偉達=英伟达 NVDA", "輝達=英伟达 NVDA"}));
  EXPECT_EQ(companies_in("科大訊飛与科大讯飞"),
            (std::vector<std::string>{"科大訊飛=科大讯飞 002230.SZ", "科大讯飞=科大讯飞 002230.SZ"}));
}

TEST(Gazetteer, LongestNameWins) {
  EXPECT_EQ(companies_in("京东方A发布公告"), (std::vector<std::string>{"京东方A=京东方 000725.SZ"}));
  EXPECT_EQ(companies_in("阿里巴巴集团"), (std::vector<std::string>{"阿里巴巴集团=阿里巴巴 9988.HK"}));
  EXPECT_EQ(companies_in("TOP5万国数据"), (std::vector<std::string>{"万国数据=万国数据 9698.HK"}));
}

// ---- names.json: every example and counterexample is a test ------------------------------------------

TEST(CompanyNames, EveryExampleIsReportedWithItsValue) {
  const auto& examples = extractor().companies().examples();
  EXPECT_GT(examples.size(), 30u);
  for (const CompanyExample& ex : examples) {
    const Extractor::Analysis a = extractor().analyze(ex.text);
    bool reported = false;
    std::string got;
    for (const Mention& m : a.mentions) {
      const CodePointSpan s = a.normalized.offsets.to_original(a.normalized.text, m.span);
      const std::string text = testing::code_point_slice(ex.text, s.start, s.end);
      got += " [" + m.type + " '" + text + "' " + m.value.dump() + "]";
      reported |= m.type == "company" && text == ex.mention && same_json(m.value, ex.value);
    }
    EXPECT_TRUE(reported) << ex.where << ", example '" << ex.text << "': expected '" << ex.mention << "' "
                          << ex.value.dump() << ", got" << (got.empty() ? " nothing" : got);
  }
}

TEST(CompanyNames, NoCounterexampleIsACompany) {
  const auto& counterexamples = extractor().companies().counterexamples();
  EXPECT_GT(counterexamples.size(), 30u);
  for (const CompanyExample& ex : counterexamples) {
    const Extractor::Analysis a = extractor().analyze(ex.text);
    for (const Mention& m : a.mentions) {
      const CodePointSpan s = a.normalized.offsets.to_original(a.normalized.text, m.span);
      const std::string text = testing::code_point_slice(ex.text, s.start, s.end);
      EXPECT_FALSE(m.type == "company" && text.find(ex.mention) != std::string::npos)
          << ex.where << ", counterexample '" << ex.text << "': '" << text << "' is reported " << m.value.dump();
    }
  }
}

// ---- Loading: bad data fails with the file and the cause -------------------------------------------

class CompaniesLoadTest : public ::testing::Test {
 protected:
  std::string load_error(const std::string& gazetteer, const std::string& names) {
    scratch_.write("gazetteer.tsv", gazetteer);
    scratch_.write("names.json", names);
    auto loaded = Companies::load(scratch_.path().string(), extractor().normalizer());
    return loaded.ok() ? std::string("(loaded)") : loaded.error().message;
  }
  static constexpr const char* kTable = "name\tticker\tlistings\tstatus\tnames\tfull_names\n腾讯控股\t0700.HK\t0700.HK\tlisted\t腾讯控股|腾讯\t\n";
  static constexpr const char* kList = R"("list": {"not_followed_by": "等模型", "item_not": "板块$"})";
  testing::ScratchDir scratch_;
};

TEST_F(CompaniesLoadTest, GoodDataLoads) {
  EXPECT_EQ(load_error(kTable, std::string(R"({"contexts": [{"names": ["腾讯"], "after": "控股"}], )") + kList + "}"),
            "(loaded)");
}

TEST_F(CompaniesLoadTest, BadDataSaysWhatAndWhere) {
  const std::string ok_names = std::string(R"({"contexts": [], )") + kList + "}";
  EXPECT_NE(load_error("name\tticker\n腾讯\n", ok_names).find("gazetteer.tsv: line 2: expected 6 tab-separated fields"),
            std::string::npos);
  EXPECT_NE(load_error("name\tticker\tlistings\tstatus\tnames\tfull_names\n", ok_names).find("no companies"), std::string::npos);
  EXPECT_NE(load_error(kTable, "{").find("names.json: not valid JSON"), std::string::npos);
  EXPECT_NE(load_error(kTable, std::string(R"({"contexts": [{"names": ["百度"]}], )") + kList + "}")
                .find("\"百度\" is no gazetteer name"),
            std::string::npos);
  EXPECT_NE(load_error(kTable, std::string(R"({"contexts": [{"names": ["腾讯"], "after": "("}], )") + kList + "}")
                .find("names.json: context [\"腾讯\"]: missing )"),
            std::string::npos);
  EXPECT_NE(load_error(kTable, std::string(R"({"contexts": [{"names": ["腾讯"], "afterwards": "x"}], )") + kList + "}")
                .find("unknown key \"afterwards\""),
            std::string::npos);
}

}  // namespace
}  // namespace finfacts
