#include "pipeline/recognize.h"

#include <algorithm>

#include "pipeline/utf8.h"

namespace finfacts {
namespace {

constexpr std::size_t kContextBytes = 32;

bool context_rejects(const Rule& rule, std::string_view text, std::size_t begin, std::size_t end) {
  if (rule.not_preceded_by) {
    std::size_t from = begin > kContextBytes ? begin - kContextBytes : 0;
    while (from < begin && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) ++from;
    if (RE2::PartialMatch(re2::StringPiece(text.data() + from, begin - from), *rule.not_preceded_by)) return true;
  }
  if (rule.not_followed_by) {
    std::size_t to = std::min(text.size(), end + kContextBytes);
    while (to > end && to < text.size() && (static_cast<unsigned char>(text[to]) & 0xC0) == 0x80) --to;
    if (RE2::PartialMatch(re2::StringPiece(text.data() + end, to - end), *rule.not_followed_by)) return true;
  }
  return false;
}

}  // namespace

void recognize_rule(const Rule& rule, std::size_t rule_index, std::string_view text, Span range,
                    std::vector<Mention>& out) {
  const int group_count = rule.pattern->NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> pieces(static_cast<std::size_t>(group_count));
  std::vector<std::string_view> groups(pieces.size());
  const re2::StringPiece whole(text.data(), text.size());
  std::size_t pos = range.begin;
  while (pos <= range.end &&
         rule.pattern->Match(whole, pos, range.end, RE2::UNANCHORED, pieces.data(), group_count)) {
    for (std::size_t g = 0; g < pieces.size(); ++g) groups[g] = std::string_view(pieces[g].data(), pieces[g].size());
    const std::size_t begin = static_cast<std::size_t>(groups[0].data() - text.data());
    const std::size_t end = begin + groups[0].size();
    bool taken = false;
    if (end > begin && !context_rejects(rule, text, begin, end)) {
      if (auto value = rule.resolver(RuleMatch(rule, groups, text.substr(range.begin, range.size())))) {
        std::string_view shown = groups[static_cast<std::size_t>(rule.mention_group)];
        if (shown.data() == nullptr) shown = groups[0];
        const std::size_t shown_begin = static_cast<std::size_t>(shown.data() - text.data());
        out.push_back(Mention{rule.type, Span{shown_begin, shown_begin + shown.size()}, std::move(*value),
                              rule.priority, rule_index});
        taken = true;
      }
    }
    if (taken) {
      pos = end;
    } else {  // retry one code point further on
      pos = begin;
      if (pos >= range.end) break;
      pos += utf8::sequence_length(static_cast<unsigned char>(text[pos]));
    }
  }
}

std::vector<Mention> recognize(const RuleSet& rules, std::string_view text, const std::vector<Sentence>& sentences) {
  std::vector<Mention> candidates;
  std::vector<int> matching;
  for (const Sentence& sentence : sentences) {
    const re2::StringPiece piece(text.data() + sentence.span.begin, sentence.span.size());
    matching.clear();
    RE2::Set::ErrorInfo error{RE2::Set::kNoError};
    if (!rules.prefilter().Match(piece, &matching, &error)) {
      if (error.kind == RE2::Set::kNoError) continue;  // no rule matches here
      matching.clear();                                 // the automaton gave up: try every rule
      for (std::size_t i = 0; i < rules.rules().size(); ++i) matching.push_back(static_cast<int>(i));
    }
    std::sort(matching.begin(), matching.end());
    for (int i : matching) {
      recognize_rule(rules.rules()[static_cast<std::size_t>(i)], static_cast<std::size_t>(i), text, sentence.span,
                     candidates);
    }
  }
  return candidates;
}

}  // namespace finfacts
