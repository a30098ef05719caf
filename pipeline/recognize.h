// recognize: every rule over the normalized text -> candidate mentions.
//
//   "占比约80%,同比增加2.5个百分点"
//     -> percent "约80%" {"value":80,"approx":"about"}   (rule "arabic percent")
//        percent "80%"   ...                             (rule "arabic percent", inner start: not tried)
//        percent "2.5个百分点" {"value":2.5,"points":true}
//
// Each sentence is first matched against all rules at once (RuleSet::prefilter);
// only the rules that match somewhere in it then run on it, one by one, to find
// where and with which groups. A mention never crosses a sentence boundary.
// Candidates may overlap; resolve_overlaps() picks among them. A match that its
// context or its resolver rejects is retried one code point further on, so a
// shorter match inside it is still found ("-30%" rejected after "20%", "30%" kept).
#ifndef FINFACTS_PIPELINE_RECOGNIZE_H_
#define FINFACTS_PIPELINE_RECOGNIZE_H_

#include <optional>
#include <string_view>
#include <vector>

#include "pipeline/document.h"
#include "pipeline/rules.h"
#include "pipeline/segment.h"

namespace finfacts {

// `ref_date` is what relative dates (去年, 下周四) are resolved against; without one they carry
// relative offsets instead of calendar values.
// `companies` is the gazetteer the company rules link names and stock codes to.
std::vector<Mention> recognize(const RuleSet& rules, std::string_view normalized,
                               const std::vector<Sentence>& sentences, const std::optional<Date>& ref_date,
                               const Companies* companies = nullptr);

// The candidates of one rule within `range` of the text (the rule-example tests use it).
void recognize_rule(const Rule& rule, std::size_t rule_index, std::string_view normalized, Span range,
                    std::vector<Mention>& out, const MatchContext& context = {});

}  // namespace finfacts

#endif  // FINFACTS_PIPELINE_RECOGNIZE_H_
