#include "pipeline/rules.h"

#include <gtest/gtest.h>

#include "pipeline/recognize.h"
#include "test_support.h"

namespace finfacts {
namespace {

using testing::extractor;

// ---- Every example of every rule file is a test -------------------------------------------

// The mentions the whole pipeline reports for `text`, as (original text, value, rule).
struct Found {
  std::string type, text;
  Json value;
  std::size_t rule;
};

std::vector<Found> pipeline_mentions(const std::string& text, const std::optional<Date>& ref_date = std::nullopt) {
  const Extractor::Analysis a = extractor().analyze(text, ref_date);
  std::vector<Found> out;
  for (const Mention& m : a.mentions) {
    const CodePointSpan s = a.normalized.offsets.to_original(a.normalized.text, m.span);
    out.push_back(Found{m.type, testing::code_point_slice(text, s.start, s.end), m.value, m.rule});
  }
  return out;
}

TEST(RuleExamples, EveryRuleHasExamples) {
  for (const Rule& rule : extractor().rules().rules()) {
    EXPECT_FALSE(rule.examples.empty()) << rule.file << ": rule '" << rule.name << "' has no examples";
  }
}

TEST(RuleExamples, EveryExampleIsFoundWithItsValue) {
  const auto& rules = extractor().rules().rules();
  std::size_t checked = 0;
  for (std::size_t r = 0; r < rules.size(); ++r) {
    const Rule& rule = rules[r];
    for (const RuleExample& ex : rule.examples) {
      ++checked;
      const std::string where = rule.file + ": rule '" + rule.name + "', example '" + ex.text + "'";
      // The rule itself matches there.
      const NormalizedText n = extractor().normalizer().normalize(ex.text);
      std::vector<Mention> candidates;
      recognize_rule(rule, r, n.text, Span{0, n.text.size()}, candidates, MatchContext{ex.ref_date, 0, &extractor().companies()});
      bool rule_matches = false;
      for (const Mention& c : candidates) {
        const CodePointSpan s = n.offsets.to_original(n.text, c.span);
        if (testing::code_point_slice(ex.text, s.start, s.end) == ex.mention && same_json(c.value, ex.value)) {
          rule_matches = true;
        }
      }
      EXPECT_TRUE(rule_matches) << where << ": the rule yields no candidate '" << ex.mention << "' with value "
                                << ex.value.dump();
      if (rule.type == "guard") continue;  // guards never reach the output
      // And the pipeline, all rules competing, reports it.
      const auto found = pipeline_mentions(ex.text, ex.ref_date);
      bool reported = false;
      std::string got;
      for (const Found& f : found) {
        got += " [" + f.type + " '" + f.text + "' " + f.value.dump() + "]";
        reported |= f.type == rule.type && f.text == ex.mention && same_json(f.value, ex.value);
      }
      EXPECT_TRUE(reported) << where << ": expected " << rule.type << " '" << ex.mention << "' "
                            << ex.value.dump() << ", the pipeline reports:" << (got.empty() ? " nothing" : got);
    }
  }
  EXPECT_GT(checked, 40u);
}

TEST(RuleExamples, NoCounterexampleIsReported) {
  const auto& rules = extractor().rules().rules();
  for (std::size_t r = 0; r < rules.size(); ++r) {
    const Rule& rule = rules[r];
    for (const std::string& text : rule.counterexamples) {
      const std::string where = rule.file + ": rule '" + rule.name + "', counterexample '" + text + "'";
      if (rule.type == "guard") {  // a guard must not swallow this text
        const NormalizedText n = extractor().normalizer().normalize(text);
        std::vector<Mention> candidates;
        recognize_rule(rule, r, n.text, Span{0, n.text.size()}, candidates);
        EXPECT_TRUE(candidates.empty()) << where;
        continue;
      }
      for (const Found& f : pipeline_mentions(text)) {
        EXPECT_NE(f.type, rule.type) << where << ": reported '" << f.text << "' " << f.value.dump();
      }
    }
  }
}

// ---- Loading: bad rule files fail with file, rule and cause ------------------------------

class RuleFileTest : public ::testing::Test {
 protected:
  std::string write(const std::string& name, const std::string& content) { return scratch_.write(name, content); }
  std::string load_error(const std::string& content) {
    auto result = RuleSet::load_files({write("test.json", content)});
    return result.ok() ? std::string("(loaded)") : result.error().message;
  }
  // The candidates the first rule of `files` finds in `text`; none when the files do not load.
  std::vector<Mention> first_rule_candidates(const std::vector<std::string>& files, const std::string& text) {
    auto set = RuleSet::load_files(files);
    EXPECT_TRUE(set.ok()) << (set.ok() ? "" : set.error().message);
    std::vector<Mention> out;
    if (set.ok()) recognize_rule(set.value().rules()[0], 0, text, Span{0, text.size()}, out);
    return out;
  }

  testing::ScratchDir scratch_;
};

TEST_F(RuleFileTest, MalformedJsonNamesFileAndByteOffset) {
  const std::string message = load_error("{\"type\": \"percent\",\n \"rules\": [}");
  EXPECT_NE(message.find("test.json"), std::string::npos) << message;
  EXPECT_NE(message.find("at byte 32"), std::string::npos) << message;
}

// A number too large for a double throws out_of_range, not parse_error: it must still be an
// Error, not an exception that ends the program (the fuzzing of --jsonl lines found the kind).
TEST_F(RuleFileTest, HugeNumberIsAnErrorNotACrash) {
  EXPECT_NE(load_error(R"({"type": "percent", "rules": [], "x": 1e999})").find("not valid JSON"), std::string::npos);
}

// Found by the rule-file fuzzer: a field of the wrong JSON type threw out of the loader.
TEST_F(RuleFileTest, FieldsOfTheWrongTypeAreErrorsNotCrashes) {
  const char* files[] = {
      R"({"type": "percent", "rules": [{"name": "r", "pattern": "a", "resolver": 15}]})",
      R"({"type": "percent", "definitions": {"A": 3}, "rules": [{"name": "r", "pattern": "{A}", "resolver": "percent"}]})",
      R"({"type": "percent", "rules": [{"name": "r", "pattern": "a", "resolver": "percent", "priority": "high"}]})",
      R"({"type": "percent", "rules": [{"name": "r", "pattern": "a", "resolver": "percent", "examples": [{"text": 1}]}]})",
  };
  for (const char* file : files) EXPECT_NE(load_error(file), "(loaded)") << file;
}

TEST_F(RuleFileTest, BadPatternNamesRuleAndRe2Error) {
  const std::string message = load_error(
      R"({"type": "percent", "rules": [{"name": "broken one", "pattern": "(\\d+%", "resolver": "percent"}]})");
  EXPECT_NE(message.find("test.json"), std::string::npos) << message;
  EXPECT_NE(message.find("broken one"), std::string::npos) << message;
  EXPECT_NE(message.find("missing )"), std::string::npos) << message;
}

TEST_F(RuleFileTest, LookaroundIsRejectedByRe2) {
  const std::string message = load_error(
      R"({"type": "percent", "rules": [{"name": "lookbehind", "pattern": "(?<!TOP)\\d+", "resolver": "percent"}]})");
  EXPECT_NE(message.find("lookbehind"), std::string::npos) << message;
  EXPECT_NE(message.find("does not compile"), std::string::npos) << message;
}

TEST_F(RuleFileTest, OtherMistakesAreCaught) {
  struct Case {
    const char* content;
    const char* expected;
  };
  const Case cases[] = {
      {R"({"type": "percent", "rules": [{"name": "r", "pattern": "x", "resolver": "nope"}]})",
       "unknown resolver \"nope\""},
      {R"({"type": "percent", "rules": [{"name": "r", "pattern": "{NUM}%", "resolver": "percent"}]})",
       "unknown definition {NUM}"},
      {R"({"type": "percent", "rules": [{"name": "r", "pattern": "x", "resolver": "percent"},
                                        {"name": "r", "pattern": "y", "resolver": "percent"}]})",
       "a rule of that name exists already"},
      {R"({"type": "percent", "rules": [{"name": "r", "patern": "x", "resolver": "percent"}]})",
       "unknown key \"patern\""},
      {R"({"type": "percent", "rules": [{"name": "r", "resolver": "percent"}]})", "needs a \"pattern\""},
      {R"({"rules": []})", "expected an object with \"type\""},
      {R"({"type": "percent", "rules": [{"name": "r", "pattern": "x", "resolver": "percent",
           "examples": [{"mention": "x"}]}]})",
       "malformed field"},
      {R"({"type": "percent", "rules": [{"name": "r", "pattern": "x", "resolver": "percent",
           "not_followed_by": "(("}]})",
       "not_followed_by does not compile"},
  };
  for (const Case& c : cases) {
    const std::string message = load_error(c.content);
    EXPECT_NE(message.find(c.expected), std::string::npos) << "expected '" << c.expected << "' in: " << message;
  }
}

TEST_F(RuleFileTest, DefinitionsExpandAndContextChecksApply) {
  const std::string path = write("ok.json", R"({
    "type": "percent",
    "definitions": {"D": "\\d", "NUM": "{D}+"},
    "rules": [{"name": "r", "pattern": "(?P<value>{NUM})%", "resolver": "percent",
               "not_preceded_by": "[A-Z]", "not_followed_by": "x"}]})");
  const auto out = first_rule_candidates({path}, "a 12% b Q5% 7%x 8%");
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].value, Json::parse(R"({"value": 12})"));
  EXPECT_EQ(out[1].value, Json::parse(R"({"value": 8})"));
}

TEST_F(RuleFileTest, CommonFileAndTablesAreSharedByEveryFile) {
  const std::string common = write("common.json", R"({
    "type": "common",
    "definitions": {"NUM": "\\d+"},
    "tables": {"approx_before": {"约": "about", "超过": "more_than"}}})");
  const std::string rules = write("x.json", R"json({
    "type": "number",
    "rules": [{"name": "r", "pattern": "(?:(?P<approx_before>{@approx_before}))?(?P<value>{NUM})",
               "resolver": "number"}]})json");
  auto set = RuleSet::load_files({rules, common});  // the common file counts whatever its place
  ASSERT_TRUE(set.ok()) << set.error().message;
  ASSERT_EQ(set.value().rules().size(), 1u);
  // {@approx_before} is the table's keys, longest first and quoted.
  EXPECT_NE(set.value().rules()[0].pattern->pattern().find("(?:超过|约)"), std::string::npos)
      << set.value().rules()[0].pattern->pattern();
  std::vector<Mention> out;
  const std::string text = "超过12 与 约3";
  recognize_rule(set.value().rules()[0], 0, text, Span{0, text.size()}, out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].value, Json::parse(R"({"value": 12, "approx": "more_than"})"));
  EXPECT_EQ(out[1].value, Json::parse(R"({"value": 3, "approx": "about"})"));
}

TEST_F(RuleFileTest, CommonFileMistakesAreCaught) {
  const std::string common = write("common.json", R"({"type": "common", "definitions": {"NUM": "\\d+"}})");
  struct Case {
    std::vector<std::string> files;
    const char* expected;
  };
  const Case cases[] = {
      {{common, write("a.json", R"({"type": "number", "definitions": {"NUM": "x"}, "rules": []})")},
       "\"NUM\" is defined twice"},
      {{write("b.json", R"({"type": "common", "rules": []})")}, "no \"rules\""},
      {{write("c.json", R"({"type": "number"})")}, "expected \"rules\" (array)"},
      {{write("d.json", R"({"type": "number", "rules": [{"name": "r", "pattern": "{@nope}", "resolver": "number"}]})")},
       "unknown or empty table {@nope}"},
      {{write("e.json", R"({"type": "number", "tables": [], "rules": []})")}, "tables must be an object"},
  };
  for (const Case& c : cases) {
    auto result = RuleSet::load_files(c.files);
    const std::string message = result.ok() ? "(loaded)" : result.error().message;
    EXPECT_NE(message.find(c.expected), std::string::npos) << "expected '" << c.expected << "' in: " << message;
  }
}

TEST_F(RuleFileTest, ParametersOfTheWrongTypeAreIgnoredNotThrown) {
  const std::string path = write("p.json", R"json({
    "type": "percent",
    "rules": [{"name": "r", "pattern": "(?P<value>\\d+)%", "resolver": "percent",
               "params": {"points": "yes", "approx": 3}}]})json");
  const auto out = first_rule_candidates({path}, "12%");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].value, Json::parse(R"({"value": 12})"));
}

TEST_F(RuleFileTest, EmptyDirectoryIsAnError) {
  auto set = RuleSet::load(scratch_.path().string());
  ASSERT_FALSE(set.ok());
  EXPECT_NE(set.error().message.find("no rule files"), std::string::npos);
}

}  // namespace
}  // namespace finfacts
