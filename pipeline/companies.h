// companies: the gazetteer of companies, and the stage that finds them by name.
//
//   auto companies = Companies::load("rules/companies", normalizer);
//   companies.value().find(text, sentences, candidates);   // before resolve_overlaps
//   "港股金山云从低点上涨" -> company "金山云" {"name":"金山云","ticker":"3896.HK","source":"gazetteer",
//                                              "listings":["3896.HK","KC"]}
//   companies.value().add_list_members(text, sentences, mentions);   // after it
//   "(月之暗面、智谱AI、百川智能等)" -> 月之暗面 and 智谱AI join 百川智能 as companies
//
// The data is in rules/companies/: gazetteer.tsv (built by scripts/rebuild-companies from
// the sources beside it) and names.json (the names that need context, the rules of lists,
// and examples of both). Names are matched on the normalized text, so 阿裏, 阿里 and 阿里 are
// one name, in one pass for all of them (name_matcher.h). Companies no list holds are found
// by the rules of rules/company.json, whose resolvers look codes and names up here.
// A Companies is immutable after load() and shared by all threads.
#ifndef FINFACTS_PIPELINE_COMPANIES_H_
#define FINFACTS_PIPELINE_COMPANIES_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <re2/re2.h>

#include "pipeline/document.h"
#include "pipeline/name_matcher.h"
#include "pipeline/normalize.h"
#include "pipeline/segment.h"

namespace finfacts {

struct Company {
  std::string name;                   // canonical Simplified short name: 阿里巴巴, 商汤
  std::vector<std::string> listings;  // current listings, the default first: A-share, Hong Kong, others
  std::string status;                 // listed, delisted, private
};

// An example of names.json: in `text`, `mention` is a company with `value` (or, for a
// counterexample, `mention` is not one).
struct CompanyExample {
  std::string where;  // "names.json: 苹果", for messages
  std::string text, mention;
  Json value;
};

class Companies {
 public:
  static Result<Companies> load(const std::string& dir, const Normalizer& normalizer);

  // Every gazetteer name in every sentence whose context allows it, as candidates.
  void find(std::string_view text, const std::vector<Sentence>& sentences, std::vector<Mention>& out) const;

  // Names in a list (separated by 、) with at least one company in it become companies too.
  // `mentions` are resolved (disjoint, sorted); the new ones are inserted in order.
  void add_list_members(std::string_view text, const std::vector<Sentence>& sentences,
                        std::vector<Mention>& mentions) const;

  // By a name as the normalized text writes it (any of its names, or its full name), or by a listing as
  // 000977.SZ, 0700.HK or NVDA.
  const Company* by_name(std::string_view name) const;
  const Company* by_ticker(std::string_view ticker) const;

  // The mention's value. The ticker is the default listing unless the words around `span`
  // name a market the company is listed on: 港股万国数据 -> 9698.HK, 世纪互联(美股) -> VNET.
  static Json value(const Company& company, std::string_view text, Span span);
  // The length in bytes of the market word (港股, 美股, A股 ...) `text` starts with, or 0.
  static std::size_t market_word_at(std::string_view text);
  // A company no list holds.
  static Json unlisted_value(std::string_view name, const std::optional<std::string>& ticker = std::nullopt);

  std::size_t size() const { return companies_.size(); }
  std::size_t names() const { return matcher_->names(); }
  const std::vector<CompanyExample>& examples() const { return examples_; }
  const std::vector<CompanyExample>& counterexamples() const { return counterexamples_; }

  static constexpr int kPriority = 200;  // a known name wins ties with any rule (a guard's 36氪 included)

 private:
  // When a name needs context to be a company (苹果 the fruit, 平安 the word). Every pattern
  // given must hold; `before` / `after` are alternatives: one of them must match.
  struct Context {
    std::unique_ptr<RE2> sentence_has, sentence_lacks, before, after, not_before, not_after;
  };
  struct Name {
    std::uint32_t company;
    const Context* context = nullptr;
  };
  bool allowed(const Name& name, std::string_view text, Span sentence, Span span) const;
  bool list_item_is_name(std::string_view item) const;

  std::vector<Company> companies_;
  std::vector<Name> names_;  // what the matcher's ids point to
  // The keys are views of these two texts (heap buffers: they move with the object, views intact).
  std::string table_, normalized_table_;
  std::unordered_map<std::string_view, std::uint32_t> by_name_, by_ticker_;
  std::vector<std::unique_ptr<Context>> contexts_;
  std::shared_ptr<const NameMatcher> matcher_;
  // Lists: the words after a list that say its items are not companies (等模型), and items
  // that are never names (板块, 概念股 ...).
  std::unique_ptr<RE2> list_not_followed_by_, list_item_not_;
  std::vector<CompanyExample> examples_, counterexamples_;
};

}  // namespace finfacts

#endif  // FINFACTS_PIPELINE_COMPANIES_H_
