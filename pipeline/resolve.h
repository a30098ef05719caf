// resolve: overlapping candidates -> one mention per stretch of text.
//
// Priority, documented for users in the README:
//   1. the longer candidate (in code points) wins: "20%-30%" over "30%";
//   2. between equally long ones, the higher rule priority;
//   3. then the earlier start, then the earlier rule.
// Candidates are taken greedily in that order, each kept only if it overlaps no
// kept one: O(n log n) in the number of candidates. Guards (type "guard") win
// like any candidate and are then dropped. The result is sorted by start.
#ifndef FINFACTS_PIPELINE_RESOLVE_H_
#define FINFACTS_PIPELINE_RESOLVE_H_

#include <string_view>
#include <vector>

#include "pipeline/document.h"

namespace finfacts {

std::vector<Mention> resolve_overlaps(std::vector<Mention> candidates, std::string_view normalized);

}  // namespace finfacts

#endif  // FINFACTS_PIPELINE_RESOLVE_H_
