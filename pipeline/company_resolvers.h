// company_resolvers: the resolvers of rules/company.json, which find companies no list
// names by their form, and link stock codes to the gazetteer (companies.h).
//
//   "company"     groups name + suffix: 百川智能, 某某科技股份有限公司. A name the gazetteer knows
//                 whole gives its entry; one whose part before the suffix is a known company
//                 (同花顺|数据) is left to the gazetteer; a part in table not_a_name (美国|科技) is none.
//   "stock code"  group code (+ name): 000977.SZ, 603019, 00700.HK, NASDAQ: NVDA, 浪潮信息(000977),
//                 商汤-W(00020.HK). A known code gives its company with that listing as the ticker;
//                 an unknown one with a name gives the name with the code; alone it is rejected.
#ifndef FINFACTS_PIPELINE_COMPANY_RESOLVERS_H_
#define FINFACTS_PIPELINE_COMPANY_RESOLVERS_H_

#include <optional>
#include <string>
#include <string_view>

#include "pipeline/rules.h"

namespace finfacts {

std::optional<Json> resolve_company(const RuleMatch& match);
std::optional<Json> resolve_stock_code(const RuleMatch& match);

// A stock code as written (603019, SZ000977, 000977.sz, 00700.HK, NASDAQ:NVDA) in the form the
// gazetteer keys listings by (603019.SH, 000977.SZ, 0700.HK, NVDA); nullopt when it is none.
std::optional<std::string> canonical_ticker(std::string_view code);

}  // namespace finfacts

#endif  // FINFACTS_PIPELINE_COMPANY_RESOLVERS_H_
