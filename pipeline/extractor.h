// extractor: the whole pipeline behind one call.
//
//   auto extractor = Extractor::load("rules");          // once: tables and rules compiled
//   Json doc = extractor.value().extract("a.txt", bytes, parse_date("2025-02-14"));
//
// extract() never throws and never aborts: bad input gives an error document
// (see emit.h). An Extractor is immutable after load() and may serve many threads.
#ifndef FINFACTS_PIPELINE_EXTRACTOR_H_
#define FINFACTS_PIPELINE_EXTRACTOR_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/companies.h"
#include "pipeline/document.h"
#include "pipeline/facts.h"
#include "pipeline/normalize.h"
#include "pipeline/rules.h"
#include "pipeline/segment.h"

namespace finfacts {

// Where rules/ is when neither --rules nor FINFACTS_RULES_DIR says: the source tree's.
std::string default_rules_dir();

class Extractor {
 public:
  // Memory grows with a document's mentions: up to about 230 bytes of RSS per input byte when
  // every few bytes are a mention (scripts/bench-pathological), 17-20 for news text. 16 MiB keeps a
  // worker under 4 GB whatever the input, and is over five million Chinese characters.
  static constexpr std::size_t kDefaultMaxBytes = std::size_t{16} << 20;

  // Loads rules_dir/normalize/ (the normalizer's tables), rules_dir/companies/ (the gazetteer),
  // rules_dir/facts/facts.json (how mentions become facts) and rules_dir/*.json (the rules).
  static Result<Extractor> load(const std::string& rules_dir, std::size_t max_bytes = kDefaultMaxBytes);

  // The contract's document for one input of raw bytes, in any encoding decode_any() reads
  // (or in `encoding`, an ICU converter name, when given).
  // With `sentence_texts`, also the text of each sentence as written (the fact table prints it).
  Json extract(const Json& id, std::string_view bytes, const std::optional<Date>& ref_date,
               std::string_view encoding = {}, std::vector<std::string>* sentence_texts = nullptr) const;

  // The stages from decoded text to mentions, for tests and tools.
  struct Analysis {
    NormalizedText normalized;
    std::vector<Sentence> sentences;
    std::vector<Mention> mentions;
    std::vector<Fact> facts;
  };
  Analysis analyze(std::string_view original, const std::optional<Date>& ref_date = std::nullopt) const;

  const RuleSet& rules() const { return rules_; }
  const Normalizer& normalizer() const { return normalizer_; }
  const Companies& companies() const { return companies_; }
  const FactRules& fact_rules() const { return fact_rules_; }
  std::size_t max_bytes() const { return max_bytes_; }

 private:
  Extractor(Normalizer normalizer, Companies companies, RuleSet rules, FactRules fact_rules, std::size_t max_bytes)
      : normalizer_(std::move(normalizer)),
        companies_(std::move(companies)),
        rules_(std::move(rules)),
        fact_rules_(std::move(fact_rules)),
        max_bytes_(max_bytes) {}

  Normalizer normalizer_;
  Companies companies_;
  RuleSet rules_;
  FactRules fact_rules_;
  std::size_t max_bytes_;
};

}  // namespace finfacts

#endif  // FINFACTS_PIPELINE_EXTRACTOR_H_
