// resolvers: the named C++ functions that turn a rule's match into a value.
//
// The quantity resolvers read the groups
//   value | min + max | pair (+ scale)      one number, a range (2亿-2.9亿), adjacent digits (两三, 七八十)
//   approx_before, approx_after             words looked up in the tables of the same names
// and the words of table approx_inner inside a number (30多, 500余万). The word nearest the number
// gives `approx`, else the rule's parameter "approx" (上百 is more than 100). A range's left side takes the right side's magnitude when it has none and the
// result stays below the right side: 2-3亿 = 2亿..3亿, 8500到3万 = 8500..30000.
//
//   "percent"   + params scale, points        "约20%" -> {"value": 20, "approx": "about"}
//   "number"    + unit (a counter word)       "30多家" -> {"value": 30, "approx": "more_than", "unit": "家"}
//   "fraction"  numerator, denominator        "三分之一" -> {"value": 0.333.., "fraction": [1, 3]}
//   "money"     + currency_before, currency (tables of those names -> ISO code), jiao, fen, per and
//               per_before (table per); with no currency word, currency null:
//               "10.88元/股" -> {"amount": 10.88, "currency": "CNY", "per": "share"}
//   "date", "duration"  see date_resolvers.h
//   "guard"     a span that is no mention of any type (a URL, a model name): it wins
//               overlaps like any candidate and is then dropped, taking what it covers with it.
#ifndef FINFACTS_PIPELINE_RESOLVERS_H_
#define FINFACTS_PIPELINE_RESOLVERS_H_

#include <optional>
#include <string>
#include <string_view>

#include "pipeline/numeral.h"
#include "pipeline/rules.h"

namespace finfacts {

// Shared by the resolvers of quantities, dates and durations:
// the number in `text` without the approximation words inside it (30多 -> 30, 500余万 -> 500万)
// or spaces, times the rule's "scale" parameter (10 for 成); `inner` gets the inner word's meaning.
std::optional<Decimal> read_number(const RuleMatch& match, std::string_view text, std::string& inner);
// The approximation the match states: the word nearest the number wins (30多 over 超过 in
// 超过30多家), else the rule's parameter "approx"; nullopt for a word its table lacks.
std::optional<std::string> approximation(const RuleMatch& match, const std::string& inner);
// Adds that approximation to `value` as "approx" when there is one; false for a word its table lacks.
bool add_approximation(const RuleMatch& match, const std::string& inner, Json& value);

// nullptr when no resolver has that name.
Resolver find_resolver(std::string_view name);

}  // namespace finfacts

#endif  // FINFACTS_PIPELINE_RESOLVERS_H_
