// facts: resolved mentions -> facts (who, which measure, how much, when, up or down).
//
//   "鸿博股份是A股首家跨界算力的上市公司,去年归母净利润亏损了2亿-2.9亿元,同比下滑267.36%-449.2%。"
//     -> {subject: 鸿博股份, measure: 归母净利润, value: 2亿-2.9亿元, period: 去年, direction: down}
//        {subject: 鸿博股份, measure: 归母净利润, value: 267.36%-449.2%, period: 去年, direction: down}
//
// Every number, percent and money mention is a candidate value; it becomes a fact when a
// measure can be found for it. Sentences are cut into clauses at , ; : and each value is
// linked, by rules, not by a model:
//   - measure: the nearest measure word of rules/facts/facts.json before the value in its
//     clause, else after it; else the previous fact's, when the clause opens with 同比, 同期 ...
//     or names a subject of its own and no verb of another measure (沪指跌, 深成指涨); else
//     what the value implies (元/股: 股价); else a verb
//     (上涨8倍: 涨幅). Each measure word says which kinds of value it can measure.
//   - subject: the first company, index or subject phrase (智算中心, A股算力租赁概念) before the
//     value in its clause; else, going back clause by clause through the paragraph, the
//     subject of the latest fact or the first candidate. Companies written one after another
//     (万国数据、世纪互联) are one group subject.
//   - period: the date or duration of the clause nearest the value; else, unless the clause
//     speaks of the future (料将, 预计), the nearest one before it in the sentence. Never a
//     date after 较/比 (较上年下降81%), nor one written onto another value (去年的1200人).
//   - direction: the nearest direction word before the value in its clause (增长 up, 下滑
//     down, 亏损 down: a loss is a positive amount going down), else the measure's own (涨幅
//     up), else none: the text states a level.
// FactRules is immutable after load() and shared by all threads.
#ifndef FINFACTS_PIPELINE_FACTS_H_
#define FINFACTS_PIPELINE_FACTS_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/document.h"
#include "pipeline/normalize.h"
#include "pipeline/segment.h"

namespace finfacts {

struct Fact {
  std::vector<std::size_t> subjects;  // indexes into the mentions: one company or index, or a group
  std::optional<Span> subject_phrase; // a subject that is no mention (智算中心), in the normalized text
  std::string measure;                // the vocabulary's name: 归母净利润
  std::optional<Span> measure_span;   // the words as written, when the text has them (飙涨 for 涨幅)
  std::size_t value = 0;              // index of the number, percent or money mention
  std::optional<std::size_t> period;  // index of a date or duration mention
  std::string direction;              // "up", "down" or "" for none
  std::size_t sentence = 0;
};

// An example of facts.json: the facts of `text`, their parts named by their text as written.
struct FactExample {
  std::string where;  // "facts.json: 营收", for messages
  std::string text;
  Json facts;         // [] for a counterexample
  std::optional<Date> ref_date;
};

class FactRules {
 public:
  // Reads `path` (rules/facts/facts.json); its words are normalized as the text will be.
  static Result<FactRules> load(const std::string& path, const Normalizer& normalizer);

  // The facts of one document. `mentions` are resolved: sorted and disjoint.
  std::vector<Fact> assemble(std::string_view text, const std::vector<Sentence>& sentences,
                             const std::vector<Mention>& mentions) const;

  const std::vector<FactExample>& examples() const { return examples_; }

  struct Impl;  // the compiled rules, opaque outside facts.cc

 private:
  explicit FactRules(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}

  std::shared_ptr<const Impl> impl_;
  std::vector<FactExample> examples_;
};

// A fact as the contract's JSON: parts as indexes into the document's mentions, the
// subject phrase and the measure's words as original text with code-point offsets.
Json fact_json(const Fact& fact, std::string_view original, const NormalizedText& normalized);

}  // namespace finfacts

#endif  // FINFACTS_PIPELINE_FACTS_H_
