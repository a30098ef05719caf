#include "pipeline/extractor.h"

#include <cstdlib>
#include <future>
#include <system_error>

#include "pipeline/decode.h"
#include "pipeline/emit.h"
#include "pipeline/recognize.h"
#include "pipeline/resolve.h"

namespace finfacts {

std::string default_rules_dir() {
  if (const char* dir = std::getenv("FINFACTS_RULES_DIR"); dir != nullptr && *dir != '\0') return dir;
  return FINFACTS_DEFAULT_RULES_DIR;
}

Result<Extractor> Extractor::load(const std::string& rules_dir, std::size_t max_bytes) {
  auto normalizer = Normalizer::load(rules_dir + "/normalize");
  if (!normalizer.ok()) return normalizer.error();
  // The gazetteer and the rules are independent: build them on two cores (start-up is most of a
  // short run's time), or one after the other where no thread can be started.
  const auto load_companies = [&] { return Companies::load(rules_dir + "/companies", normalizer.value()); };
  std::future<Result<Companies>> loading;
  try {
    loading = std::async(std::launch::async, load_companies);
  } catch (const std::system_error&) {
    loading = std::async(std::launch::deferred, load_companies);
  }
  auto rules = RuleSet::load(rules_dir);
  auto fact_rules = FactRules::load(rules_dir + "/facts/facts.json", normalizer.value());
  auto companies = loading.get();
  if (!companies.ok()) return companies.error();
  if (!rules.ok()) return rules.error();
  if (!fact_rules.ok()) return fact_rules.error();
  return Extractor(std::move(normalizer.value()), std::move(companies.value()), std::move(rules.value()),
                   std::move(fact_rules.value()), max_bytes);
}

Extractor::Analysis Extractor::analyze(std::string_view original, const std::optional<Date>& ref_date) const {
  Analysis a;
  a.normalized = normalizer_.normalize(original);
  a.sentences = segment(a.normalized.text);
  std::vector<Mention> candidates = recognize(rules_, a.normalized.text, a.sentences, ref_date, &companies_);
  companies_.find(a.normalized.text, a.sentences, candidates);
  a.mentions = resolve_overlaps(std::move(candidates), a.normalized.text);
  companies_.add_list_members(a.normalized.text, a.sentences, a.mentions);
  a.facts = fact_rules_.assemble(a.normalized.text, a.sentences, a.mentions);
  return a;
}

Json Extractor::extract(const Json& id, std::string_view bytes, const std::optional<Date>& ref_date,
                        std::string_view encoding, std::vector<std::string>* sentence_texts) const {
  if (bytes.size() > max_bytes_) {
    return error_document(id, ref_date,
                          Error{"too_large",
                                "input of " + std::to_string(bytes.size()) + " bytes is over the limit of " +
                                    std::to_string(max_bytes_) + " bytes (--max-bytes)",
                                max_bytes_});
  }
  auto decoded = decode_any(bytes, encoding);
  if (!decoded.ok()) return error_document(id, ref_date, decoded.error());
  const std::string_view original = decoded.value().utf8();
  Analysis a = analyze(original, ref_date);
  if (sentence_texts != nullptr) {
    for (const Sentence& sentence : a.sentences) {
      const CodePointSpan span = a.normalized.offsets.to_original(a.normalized.text, sentence.span);
      const std::size_t begin = a.normalized.offsets.original_byte(original, span.start);
      sentence_texts->emplace_back(original.substr(begin, a.normalized.offsets.original_byte(original, span.end) - begin));
    }
  }
  return document_json(id, ref_date, original, a.normalized, a.sentences, std::move(a.mentions), a.facts,
                       decoded.value().encoding());
}

}  // namespace finfacts
