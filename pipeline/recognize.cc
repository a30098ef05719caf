#include "pipeline/recognize.h"

#include <algorithm>

#include "pipeline/utf8.h"

namespace finfacts {
namespace {

constexpr std::size_t kContextBytes = 32;

bool preceded_by(const RE2& context, std::string_view text, std::size_t begin) {
  const std::string_view window = utf8::window_before(text, begin, kContextBytes);
  return RE2::PartialMatch(re2::StringPiece(window.data(), window.size()), context);
}

bool followed_by(const RE2& context, std::string_view text, std::size_t end) {
  const std::string_view window = utf8::window_after(text, end, kContextBytes);
  return RE2::PartialMatch(re2::StringPiece(window.data(), window.size()), context);
}

}  // namespace

void recognize_rule(const Rule& rule, std::size_t rule_index, std::string_view text, Span range,
                    std::vector<Mention>& out, const MatchContext& context) {
  const int group_count = rule.pattern->NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> pieces(static_cast<std::size_t>(group_count));
  std::vector<std::string_view> groups(pieces.size());
  const re2::StringPiece sentence(text.data() + range.begin, range.size());
  if (rule.sentence_has && !RE2::PartialMatch(sentence, *rule.sentence_has)) return;
  const re2::StringPiece whole(text.data(), text.size());
  std::size_t pos = range.begin;
  while (pos <= range.end &&
         rule.pattern->Match(whole, pos, range.end, RE2::UNANCHORED, pieces.data(), group_count)) {
    for (std::size_t g = 0; g < pieces.size(); ++g) groups[g] = std::string_view(pieces[g].data(), pieces[g].size());
    const std::size_t begin = static_cast<std::size_t>(groups[0].data() - text.data());
    const std::size_t end = begin + groups[0].size();
    const RuleMatch match(rule, groups, text, context);
    // not_preceded_by keeps a quantity from continuing a token (H100, GPT-4); a match that opens
    // with an approximation word (小于12 in 大于50小于12) is separated from it by that word.
    const std::string_view word = match.group("approx_before");
    const bool opens_with_word = !word.empty() && word.data() == groups[0].data();
    const bool check_before = rule.not_preceded_by && !opens_with_word;
    bool taken = false;
    if (end > begin && !(check_before && preceded_by(*rule.not_preceded_by, text, begin)) &&
        !(rule.not_followed_by && followed_by(*rule.not_followed_by, text, end))) {
      if (auto value = rule.resolver(match)) {
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

std::vector<Mention> recognize(const RuleSet& rules, std::string_view text, const std::vector<Sentence>& sentences,
                               const std::optional<Date>& ref_date, const Companies* companies) {
  std::vector<Mention> candidates;
  std::vector<int> matching;
  MatchContext context{ref_date, 0, companies};
  std::size_t paragraph = static_cast<std::size_t>(-1);
  for (const Sentence& sentence : sentences) {
    if (sentence.paragraph != paragraph) paragraph = sentence.paragraph, context.paragraph_begin = sentence.span.begin;
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
                     candidates, context);
    }
  }
  return candidates;
}

}  // namespace finfacts
