// check: extraction against hand-written golden files.
//
// A corpus is a directory with articles/NAME.txt beside golden/NAME.json. Each
// article is extracted with the golden file's ref_date and compared mention by
// mention, a mention being known by (type, start, end):
//
//   deepseek-compute-stocks: 2 differences
//     missing  percent [1392,1398) "10.83%" {"value":10.83}
//     changed  percent [2747,2754) "20%-30%" value {"min":20,"max":30} expected {"min":20,"max":35}
//
// Facts are known by their value mention and compared by what their parts say (the subject's
// text and start, the measure, the period's text ...), not by index, so one missing mention
// does not make every later fact differ:
//     changed  fact [3319,3333) "267.36%-449.2%" {...} direction "up" expected "down"
#ifndef FINFACTS_PIPELINE_CHECK_H_
#define FINFACTS_PIPELINE_CHECK_H_

#include <string>
#include <tuple>
#include <vector>

#include "pipeline/document.h"
#include "pipeline/extractor.h"

namespace finfacts {

struct Comparison {
  std::vector<std::string> differences;  // one readable line each
  bool agrees() const { return differences.empty(); }
};

// How a mention is known when two documents are compared: (type, start, end).
using MentionKey = std::tuple<std::string, std::int64_t, std::int64_t>;
MentionKey mention_key(const Json& mention);

// Compares an extracted document with its golden one.
Comparison compare_with_golden(const Json& actual, const Json& golden);

struct ArticleCheck {
  std::string name;     // the article's stem
  std::size_t golden_mentions = 0, golden_facts = 0;
  Comparison comparison;
  std::optional<Error> error;  // unreadable article or golden file
  Json document, golden;       // what was compared (for check --html)
  std::string original;        // the article's decoded text
  bool agrees() const { return !error && comparison.agrees(); }
};

// Checks every article of `corpus_dir`; an empty corpus is an error.
Result<std::vector<ArticleCheck>> check_corpus(const Extractor& extractor, const std::string& corpus_dir);

}  // namespace finfacts

#endif  // FINFACTS_PIPELINE_CHECK_H_
