// rules: rule files (rules/*.json) loaded and compiled once at start-up.
//
// A rule file holds the rules of one mention type, with their examples:
//
//   {"type": "percent",
//    "definitions": {"NUM": "\\d+(?:\\.\\d+)?"},           // {NUM} in a pattern expands to (?:...)
//    "tables": {"approx_after": {"左右": "about"}},          // data the resolvers read; {@approx_after}
//                                                           // in a pattern is the alternation of its keys
//    "rules": [{
//      "name": "arabic percent",
//      "pattern": "(?P<value>{NUM})%",                      // RE2, leftmost-longest, on normalized text
//      "resolver": "percent", "params": {"scale": 1},       // a named C++ resolver turns groups into a value
//      "priority": 10,                                      // breaks ties between equally long overlaps
//      "not_preceded_by": "[A-Za-z]", "not_followed_by": "[A-Za-z]",  // checked on 32 bytes around the match
//      "sentence_has": "{@money_context}",                  // optional: only in sentences with a match
//      "prefilter": "{@strong_suffix}",                     // optional: a cheap pattern every match contains
//      "examples": [{"text": "增长10.83%", "mention": "10.83%", "value": {"value": 10.83}}],
//      "counterexamples": ["Qwen 2.5-Max"]}]}
//
// Files of type "common" hold only definitions and tables, which every other file
// can use. A group named `mention` narrows the mention to part of the match. Loading is
// the one place that can fail: a malformed file gives an Error naming the file,
// the rule and RE2's or the JSON parser's message. A RuleSet is immutable and
// shared by all threads, like an RE2.
#ifndef FINFACTS_PIPELINE_RULES_H_
#define FINFACTS_PIPELINE_RULES_H_

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <re2/re2.h>
#include <re2/set.h>

#include "pipeline/document.h"

namespace finfacts {

struct Rule;
class Companies;

// A file's tables: table name -> word -> what the word means (an approximation, an ISO code ...).
using Table = std::map<std::string, Json, std::less<>>;
using Tables = std::map<std::string, Table, std::less<>>;

// What a resolver may know beyond its match: the article's date, and where the match's
// paragraph starts (a year written earlier in it can date a year-less 前三季度).
struct MatchContext {
  std::optional<Date> ref_date;
  std::size_t paragraph_begin = 0;  // a byte of the normalized text, at or before the match
  const Companies* companies = nullptr;  // the gazetteer the company resolvers look names and codes up in
};

// What a resolver sees of one match.
class RuleMatch {
 public:
  RuleMatch(const Rule& rule, const std::vector<std::string_view>& groups, std::string_view text,
            const MatchContext& context)
      : rule_(rule), groups_(groups), text_(text), context_(context) {}
  const Rule& rule() const { return rule_; }
  // The text of the named group, or an empty view when it took no part in the match.
  std::string_view group(std::string_view name) const;
  // The article's date, when one was given: what relative dates are resolved against.
  const std::optional<Date>& ref_date() const { return context_.ref_date; }
  // The normalized text of the match's paragraph before the match, at most its last
  // kBeforeBytes (some 680 Chinese characters, more than a news paragraph).
  std::string_view before() const;
  static constexpr std::size_t kBeforeBytes = 2048;
  // The whole normalized text (a view of a group is a part of it).
  std::string_view text() const { return text_; }
  const Companies* companies() const { return context_.companies; }
  // The value of `word` in the table `table`, or nullptr when either is missing.
  const Json* lookup(const char* table, std::string_view word) const;

 private:
  const Rule& rule_;
  const std::vector<std::string_view>& groups_;
  std::string_view text_;  // the whole normalized text
  const MatchContext& context_;
};

// Turns a match into the mention's value, or nullopt to reject the match.
using Resolver = std::optional<Json> (*)(const RuleMatch& match);

struct RuleExample {
  std::string text;     // an input sentence
  std::string mention;  // the mention's text as written in `text`
  Json value;           // its expected value
  std::optional<Date> ref_date;  // the article's date the example assumes, if any
};

struct Rule {
  std::string file, type, name;
  int priority = 0;
  Resolver resolver = nullptr;
  Json params;                               // the resolver's parameters
  std::shared_ptr<const Tables> tables;      // the file's tables and the common ones
  std::unique_ptr<RE2> pattern;
  std::unique_ptr<RE2> not_preceded_by;      // anchored at the end of the text before the match
  std::unique_ptr<RE2> not_followed_by;      // anchored at the start of the text after the match
  std::unique_ptr<RE2> sentence_has;         // the rule runs only on sentences where this matches
  std::unique_ptr<RE2> prefilter;            // what the rule needs in a sentence, when its pattern is
                                             // too costly for the shared automaton (null: the pattern)
  std::vector<std::pair<std::string, int>> groups;  // named groups and their indexes
  int mention_group = 0;                     // 0: the whole match
  std::vector<RuleExample> examples;
  std::vector<std::string> counterexamples;
};

class RuleSet {
 public:
  // Every *.json file directly in `dir`, in name order.
  static Result<RuleSet> load(const std::string& dir);
  static Result<RuleSet> load_files(const std::vector<std::string>& paths);

  const std::vector<Rule>& rules() const { return rules_; }

  // All patterns in one automaton: which rules can match in a stretch of text, in
  // one pass. recognize() runs a rule only on the sentences this says it matches.
  const RE2::Set& prefilter() const { return *prefilter_; }

 private:
  std::vector<Rule> rules_;
  std::unique_ptr<RE2::Set> prefilter_;
};

}  // namespace finfacts

#endif  // FINFACTS_PIPELINE_RULES_H_
