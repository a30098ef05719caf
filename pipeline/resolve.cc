#include "pipeline/resolve.h"

#include <algorithm>
#include <map>

#include "pipeline/utf8.h"

namespace finfacts {

std::vector<Mention> resolve_overlaps(std::vector<Mention> candidates, std::string_view text) {
  std::vector<std::pair<std::size_t, std::size_t>> order;  // (length in code points, index)
  order.reserve(candidates.size());
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const Span s = candidates[i].span;
    order.emplace_back(utf8::count_code_points(text.substr(s.begin, s.size())), i);
  }
  std::sort(order.begin(), order.end(), [&](const auto& a, const auto& b) {
    const Mention& x = candidates[a.second];
    const Mention& y = candidates[b.second];
    if (a.first != b.first) return a.first > b.first;
    if (x.priority != y.priority) return x.priority > y.priority;
    if (x.span.begin != y.span.begin) return x.span.begin < y.span.begin;
    return x.rule < y.rule;
  });

  std::map<std::size_t, std::size_t> kept;  // begin -> end of kept spans, disjoint
  std::vector<std::size_t> winners;
  for (const auto& [length, index] : order) {
    const Span s = candidates[index].span;
    auto next = kept.lower_bound(s.begin);
    if (next != kept.end() && next->first < s.end) continue;
    if (next != kept.begin() && std::prev(next)->second > s.begin) continue;
    kept.emplace(s.begin, s.end);
    winners.push_back(index);
  }

  std::vector<Mention> mentions;
  mentions.reserve(winners.size());
  for (std::size_t index : winners) {
    if (candidates[index].type != "guard") mentions.push_back(std::move(candidates[index]));
  }
  std::sort(mentions.begin(), mentions.end(),
            [](const Mention& a, const Mention& b) { return a.span.begin < b.span.begin; });
  return mentions;
}

}  // namespace finfacts
