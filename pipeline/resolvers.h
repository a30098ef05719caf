// resolvers: the named C++ functions that turn a rule's match into a value.
//
//   "percent"  groups value | min+max, approx_before, approx_after; params scale, points;
//              table approx (word -> about | more_than | less_than | nearly).
//              "约20%"  -> {"value": 20, "approx": "about"};  "三成" (scale 10) -> {"value": 30}
//   "guard"    a span that is no mention of any type (a URL, a model name): it wins
//              overlaps like any candidate and is then dropped, taking what it covers with it.
#ifndef FINFACTS_PIPELINE_RESOLVERS_H_
#define FINFACTS_PIPELINE_RESOLVERS_H_

#include <string_view>

#include "pipeline/rules.h"

namespace finfacts {

// nullptr when no resolver has that name.
Resolver find_resolver(std::string_view name);

}  // namespace finfacts

#endif  // FINFACTS_PIPELINE_RESOLVERS_H_
