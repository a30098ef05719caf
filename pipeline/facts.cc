#include "pipeline/facts.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include <re2/re2.h>

#include "pipeline/name_matcher.h"
#include "pipeline/utf8.h"

namespace finfacts {
namespace {

// What a value mention is, for the measures that can take it (facts.json "value_kinds").
enum ValueKind : unsigned {
  kPercent = 1, kMoney = 2, kPrice = 4, kNumber = 8, kCount = 16, kMultiple = 32,
};

unsigned kind_bit(std::string_view name) {
  if (name == "percent") return kPercent;
  if (name == "money") return kMoney;
  if (name == "price") return kPrice;
  if (name == "number") return kNumber;
  if (name == "count") return kCount;
  if (name == "multiple") return kMultiple;
  return 0;
}

bool is_value(const Mention& m) { return m.type == "number" || m.type == "percent" || m.type == "money"; }
bool is_period(const Mention& m) { return m.type == "date" || m.type == "duration"; }
bool is_named_subject(const Mention& m) { return m.type == "company" || m.type == "index"; }

unsigned kind_of(const Mention& m) {
  if (m.type == "percent") return kPercent;
  if (m.type == "money") return m.value.contains("per") ? kPrice : kMoney;
  const auto unit = m.value.find("unit");
  if (unit == m.value.end()) return kNumber;
  return unit->is_string() && unit->get<std::string>() == "倍" ? kMultiple : kCount;
}

bool overlaps(Span a, Span b) { return a.begin < b.end && b.begin < a.end; }

// Bounds that keep the time linear in the text whatever it holds: a run of text with no
// separator is cut into clauses of at most kMaxClauseBytes (some 340 Chinese characters, far
// more than any clause written), and a subject is looked for at most kMaxClausesBack clauses back.
constexpr std::size_t kMaxClauseBytes = 1024;
constexpr std::size_t kMaxClausesBack = 32;

// Separators of clauses inside a sentence (the sentence's own end is 。！？).
constexpr std::string_view kClauseBreaks[] = {",", ";", ":", "，", "；", "："};
// What may stand between the companies of one group: 万国数据、世纪互联和秦淮数据.
constexpr std::string_view kGroupJoins[] = {"、", "和", "及", "与", "以及", "跟", "/", " "};

Error data_error(const std::string& path, const std::string& message) {
  return Error{"bad_rules", path + ": " + message, std::nullopt};
}

}  // namespace

struct FactRules::Impl {
  struct Measure {
    std::string name;
    bool verb = false;        // a verb that implies the measure (上涨: 涨幅), tried last
    unsigned kinds = 0;       // the ValueKinds it measures
    unsigned implied_by = 0;  // ValueKinds that imply it with no word at all (price: 股价)
    std::string direction;    // its own direction (涨幅: up), or ""
  };
  std::vector<Measure> measures;
  // The words a clause is read for, in one automaton so that a clause is scanned once:
  // measure phrases (id: kMeasure + index into measures) and the parts of subject phrases.
  enum WordKind : std::uint32_t { kMeasure = 0, kActor = 1u << 24, kSector = 2u << 24, kSuffix = 3u << 24,
                                  kMarket = 4u << 24, kKindMask = 0xFFu << 24 };
  NameMatcher vocabulary;
  NameMatcher direction_words;  // id: 0 up, 1 down (apart: 上涨 is a verb measure and a direction)
  NameMatcher openers, forward_words, comparison_words;
  std::unique_ptr<RE2> not_subject_before, not_subject_after;

  struct Clause {
    Span span;
    std::size_t sentence;
  };
  // A possible subject: a company or index mention (or a group of them), or a phrase.
  struct Candidate {
    Span span;
    std::vector<std::size_t> mentions;  // empty for a phrase
    bool qualifier = false;             // a phrase right before a measure word (数据中心上架率)
  };
  struct Word {
    Span span;
    std::uint32_t id;
  };
  // A clause's words of `vocabulary`, by kind; measures' ids are indexes into `measures`.
  struct ClauseWords {
    std::vector<Word> measures, actors, sectors, suffixes, markets;
  };

  std::vector<Word> words(const NameMatcher& matcher, std::string_view text, Span range,
                          const std::vector<Mention>& mentions) const;
  ClauseWords clause_words(std::string_view text, Span clause, const std::vector<Mention>& mentions) const;
  std::vector<Candidate> candidates(std::string_view text, const Clause& clause, const ClauseWords& words,
                                    const std::vector<Mention>& mentions) const;
};

namespace {

std::vector<NameMatcher::Match> find(const NameMatcher& matcher, std::string_view text, Span range) {
  std::vector<NameMatcher::Match> out;
  matcher.find_all(text, range, out);
  return out;
}

// The first mention that ends after `at` (mentions are sorted and disjoint).
std::vector<Mention>::const_iterator first_after(const std::vector<Mention>& mentions, std::size_t at) {
  return std::lower_bound(mentions.begin(), mentions.end(), at,
                          [](const Mention& m, std::size_t pos) { return m.span.end <= pos; });
}

bool inside_mention(const std::vector<Mention>& mentions, Span span) {
  const auto m = first_after(mentions, span.begin);
  return m != mentions.end() && overlaps(m->span, span);
}

}  // namespace

// The words of `matcher` in `range` that lie outside every mention, longest first among those
// that end together, in text order.
std::vector<FactRules::Impl::Word> FactRules::Impl::words(const NameMatcher& matcher, std::string_view text,
                                                          Span range, const std::vector<Mention>& mentions) const {
  std::vector<Word> out;
  for (const auto& m : find(matcher, text, range)) {
    if (!inside_mention(mentions, m.span)) out.push_back(Word{m.span, m.id});
  }
  std::sort(out.begin(), out.end(), [](const Word& a, const Word& b) {
    return a.span.end != b.span.end ? a.span.end < b.span.end : a.span.begin < b.span.begin;
  });
  return out;
}

FactRules::Impl::ClauseWords FactRules::Impl::clause_words(std::string_view text, Span clause,
                                                           const std::vector<Mention>& mentions) const {
  ClauseWords out;
  for (const Word& w : words(vocabulary, text, clause, mentions)) {
    const std::uint32_t index = w.id & ~kKindMask;
    switch (w.id & kKindMask) {
      case kMeasure: out.measures.push_back(Word{w.span, index}); break;
      case kActor: out.actors.push_back(w); break;
      case kSector: out.sectors.push_back(w); break;
      case kSuffix: out.suffixes.push_back(w); break;
      default: out.markets.push_back(w); break;
    }
  }
  return out;
}

std::vector<FactRules::Impl::Candidate> FactRules::Impl::candidates(std::string_view text, const Clause& clause,
                                                                    const ClauseWords& clause_words,
                                                                    const std::vector<Mention>& mentions) const {
  std::vector<Candidate> out;
  // Companies and indexes, those written one after another as one group.
  for (auto m = first_after(mentions, clause.span.begin); m != mentions.end() && m->span.begin < clause.span.end;
       ++m) {
    if (!is_named_subject(*m)) continue;
    const std::string_view before = utf8::window_before(text, m->span.begin, 12, clause.span.begin);
    const std::string_view after = utf8::window_after(text, m->span.end, 24, clause.span.end);
    if (RE2::PartialMatch(before, *not_subject_before) || RE2::PartialMatch(after, *not_subject_after)) continue;
    const auto index = static_cast<std::size_t>(m - mentions.begin());
    if (!out.empty() && !out.back().mentions.empty()) {
      Candidate& last = out.back();
      const std::string_view between = text.substr(last.span.end, m->span.begin - std::min(m->span.begin, last.span.end));
      bool joined = between.empty();
      for (std::string_view join : kGroupJoins) joined = joined || between == join;
      if (joined && mentions[last.mentions.back()].type == m->type) {
        last.mentions.push_back(index);
        last.span.end = m->span.end;
        continue;
      }
    }
    out.push_back(Candidate{m->span, {index}, false});
  }
  // Phrases: an actor (智算中心), or a sector before its suffix (算力租赁概念), with a market word
  // right before either (A股算力租赁概念). The longest wins where they overlap.
  std::vector<Span> phrases;
  for (const Word& actor : clause_words.actors) phrases.push_back(actor.span);
  for (const Word& sector : clause_words.sectors) {
    for (const Word& suffix : clause_words.suffixes) {
      if (suffix.span.begin == sector.span.end) phrases.push_back(Span{sector.span.begin, suffix.span.end});
    }
  }
  for (Span& phrase : phrases) {
    for (const Word& market : clause_words.markets) {
      if (market.span.end == phrase.begin) phrase.begin = market.span.begin;
    }
  }
  std::sort(phrases.begin(), phrases.end(), [](Span a, Span b) {
    return a.begin != b.begin ? a.begin < b.begin : a.size() > b.size();
  });
  std::size_t covered = 0;
  for (Span phrase : phrases) {
    if (phrase.begin < covered) continue;
    covered = phrase.end;
    bool qualifier = false;
    for (const Word& w : clause_words.measures) {
      qualifier = qualifier || (w.span.begin == phrase.end && !measures[w.id].verb);
    }
    out.push_back(Candidate{phrase, {}, qualifier});
  }
  std::sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) { return a.span.begin < b.span.begin; });
  return out;
}

Result<FactRules> FactRules::load(const std::string& path, const Normalizer& normalizer) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return data_error(path, "cannot read");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  auto impl = std::make_shared<Impl>();
  std::vector<FactExample> examples;
  const auto norm = [&](const Json& word) { return normalizer.normalize(word.get<std::string>()).text; };
  std::map<std::string, std::string> owners;  // a vocabulary word -> where it was added: each word once
  const auto add_word = [&](const Json& word, std::uint32_t id, const std::string& owner) -> std::optional<Error> {
    const std::string w = norm(word);
    const auto [it, fresh] = owners.emplace(w, owner);
    if (!fresh) return data_error(path, word.dump() + " is in " + it->second + " and in " + owner);
    impl->vocabulary.add(w, id);
    return std::nullopt;
  };
  try {
    const Json doc = Json::parse(buffer.str());
    const auto read_examples = [&](const Json& owner, const std::string& where) {
      for (const Json& e : owner.value("examples", Json::array())) {
        FactExample example{"facts.json: " + where, e.at("text").get<std::string>(), e.at("facts"), std::nullopt};
        if (e.contains("ref_date")) example.ref_date = parse_date(e.at("ref_date").get<std::string>());
        examples.push_back(std::move(example));
      }
      for (const Json& text : owner.value("counterexamples", Json::array())) {
        examples.push_back(FactExample{"facts.json: " + where + " (counterexample)", text.get<std::string>(),
                                       Json::array(), std::nullopt});
      }
    };
    for (const Json& entry : doc.at("measures")) {
      Impl::Measure measure;
      measure.name = entry.at("measure").get<std::string>();
      measure.verb = entry.value("tier", "") == "verb";
      measure.direction = entry.value("direction", "");
      for (const auto& [field, target] : {std::pair{"values", &measure.kinds}, std::pair{"implied_by", &measure.implied_by}}) {
        for (const Json& kind : entry.value(field, Json::array())) {
          const unsigned bit = kind_bit(kind.get<std::string>());
          if (bit == 0) return data_error(path, "measure " + measure.name + ": no value kind " + kind.dump());
          *target |= bit;
        }
      }
      if (measure.kinds == 0) return data_error(path, "measure " + measure.name + ": no \"values\"");
      const auto id = static_cast<std::uint32_t>(impl->measures.size());
      for (const Json& phrase : entry.at("phrases")) {
        if (auto error = add_word(phrase, Impl::kMeasure | id, "measure " + measure.name)) return *error;
      }
      impl->measures.push_back(std::move(measure));
      read_examples(entry, impl->measures.back().name);
    }
    const Json& directions = doc.at("directions");
    for (const Json& word : directions.at("up")) impl->direction_words.add(norm(word), 0);
    for (const Json& word : directions.at("down")) impl->direction_words.add(norm(word), 1);
    read_examples(directions, "directions");
    const Json& phrases = doc.at("subject_phrases");
    for (auto [key, kind] : {std::pair{"actors", Impl::kActor}, std::pair{"sectors", Impl::kSector},
                             std::pair{"sector_suffixes", Impl::kSuffix}, std::pair{"markets", Impl::kMarket}}) {
      for (const Json& word : phrases.at(key)) {
        if (auto error = add_word(word, kind, std::string("subject_phrases.") + key)) return *error;
      }
    }
    read_examples(phrases, "subject_phrases");
    for (auto [key, matcher] : {std::pair{"carry_openers", &impl->openers},
                                std::pair{"forward_words", &impl->forward_words},
                                std::pair{"comparison_words", &impl->comparison_words}}) {
      for (const Json& word : doc.at(key).at("words")) matcher->add(norm(word), 0);
      read_examples(doc.at(key), key);
    }
    const Json& not_subject = doc.at("not_a_subject");
    for (auto [key, target] : {std::pair{"preceded_by", &impl->not_subject_before},
                               std::pair{"followed_by", &impl->not_subject_after}}) {
      *target = std::make_unique<RE2>(not_subject.at(key).get<std::string>());
      if (!(*target)->ok()) return data_error(path, std::string("not_a_subject.") + key + ": " + (*target)->error());
    }
    read_examples(not_subject, "not_a_subject");
    read_examples(doc, "linking");
  } catch (const Json::exception& e) {
    return data_error(path, e.what());
  }
  for (NameMatcher* m : {&impl->vocabulary, &impl->direction_words, &impl->openers, &impl->forward_words,
                         &impl->comparison_words}) {
    m->build();
  }
  FactRules rules(std::move(impl));
  rules.examples_ = std::move(examples);
  return rules;
}

namespace {

// One document's facts, made value by value. Clauses' words and subject candidates are
// computed when first needed and kept: a value's clause and those before it are read once.
class Assembler {
 public:
  using Impl = FactRules::Impl;

  Assembler(const Impl& rules, std::string_view text, const std::vector<Sentence>& sentences,
            const std::vector<Mention>& mentions)
      : r_(rules), text_(text), sentences_(sentences), mentions_(mentions) {
    cut_clauses();
    words_.resize(clauses_.size());
    candidates_.resize(clauses_.size());
    clause_facts_.resize(clauses_.size());
  }

  std::vector<Fact> run() {
    std::size_t c = 0;
    std::optional<std::size_t> last_period;  // the last date or duration before mentions_[v]
    for (std::size_t v = 0; v < mentions_.size(); ++v) {
      if (v > 0 && is_period_here(v - 1)) last_period = v - 1;
      if (!is_value(mentions_[v])) continue;
      while (c + 1 < clauses_.size() && clauses_[c].span.end <= mentions_[v].span.begin) ++c;
      Fact fact;
      fact.value = v;
      fact.sentence = clauses_[c].sentence;
      const Reach reach = reach_of(v, c);
      const auto entry = measure(v, c, reach, fact);
      if (!entry) continue;  // nothing says what the value measures: no fact
      subject(v, c, fact);
      fact.period = period(v, c, last_period);
      fact.direction = direction(v, c, reach, *entry);
      clause_facts_[c].push_back(facts_.size());
      entries_.push_back(*entry);
      facts_.push_back(std::move(fact));
    }
    return std::move(facts_);
  }

 private:
  // Where a value's own words are: from the previous value of its clause (or the clause's start)
  // to the next one (or the clause's end).
  struct Reach {
    std::size_t from, to;
  };

  void cut_clauses() {
    for (std::size_t s = 0; s < sentences_.size(); ++s) {
      const Span span = sentences_[s].span;
      std::size_t begin = span.begin;
      for (std::size_t i = span.begin; i < span.end;) {
        std::size_t length = 0;
        const char lead = text_[i];  // every break starts with one of these bytes: test it first
        if (lead == ',' || lead == ';' || lead == ':' || lead == '\xEF') {
          for (std::string_view brk : kClauseBreaks) {
            if (text_.substr(i, brk.size()) == brk) length = brk.size();
          }
        }
        if (length == 0 && i - begin >= kMaxClauseBytes && (static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) {
          clauses_.push_back(Impl::Clause{Span{begin, i}, s});  // no text is a clause this long: keep time linear
          begin = i;
        }
        if (length == 0 || inside_mention(mentions_, Span{i, i + length})) {
          ++i;
          continue;
        }
        if (i > begin) clauses_.push_back(Impl::Clause{Span{begin, i}, s});
        i += length;
        begin = i;
      }
      if (span.end > begin) clauses_.push_back(Impl::Clause{Span{begin, span.end}, s});
    }
  }

  const Impl::ClauseWords& words_of(std::size_t c) {
    if (!words_[c]) words_[c] = r_.clause_words(text_, clauses_[c].span, mentions_);
    return *words_[c];
  }
  const std::vector<Impl::Candidate>& candidates_of(std::size_t c) {
    if (!candidates_[c]) candidates_[c] = r_.candidates(text_, clauses_[c], words_of(c), mentions_);
    return *candidates_[c];
  }
  std::size_t paragraph_of(std::size_t c) const { return sentences_[clauses_[c].sentence].paragraph; }

  Reach reach_of(std::size_t v, std::size_t c) const {
    const Span clause = clauses_[c].span;
    Reach reach{clause.begin, clause.end};
    for (std::size_t k = v; k-- > 0 && mentions_[k].span.begin >= clause.begin;) {
      if (is_value(mentions_[k])) {
        reach.from = mentions_[k].span.end;
        break;
      }
    }
    for (std::size_t k = v + 1; k < mentions_.size() && mentions_[k].span.begin < clause.end; ++k) {
      if (is_value(mentions_[k])) {
        reach.to = mentions_[k].span.begin;
        break;
      }
    }
    return reach;
  }

  // The first subject candidate before the value in its clause, if any.
  const Impl::Candidate* own_candidate(std::size_t v, std::size_t c) {
    for (const Impl::Candidate& k : candidates_of(c)) {
      if (k.span.end <= mentions_[v].span.begin) return &k;
    }
    return nullptr;
  }

  // The sentence's latest fact so far, as an index into facts_.
  std::optional<std::size_t> previous_fact(std::size_t c) const {
    for (std::size_t k = c + 1; k-- > 0 && c - k <= kMaxClausesBack && clauses_[k].sentence == clauses_[c].sentence;) {
      if (!clause_facts_[k].empty()) return clause_facts_[k].back();
    }
    return std::nullopt;
  }

  // Sets fact.measure and fact.measure_span; returns the measure's entry, or nullopt when nothing
  // says what the value measures.
  std::optional<std::size_t> measure(std::size_t v, std::size_t c, Reach reach, Fact& fact) {
    const Span value = mentions_[v].span;
    const unsigned kind = kind_of(mentions_[v]);
    const std::vector<Impl::Word>& words = words_of(c).measures;
    const auto fits = [&](const Impl::Word& w, bool verb) {
      return r_.measures[w.id].verb == verb && (r_.measures[w.id].kinds & kind) != 0;
    };
    const auto take = [&](const Impl::Word& w) {
      fact.measure = r_.measures[w.id].name;
      fact.measure_span = w.span;
      return std::optional<std::size_t>(w.id);
    };
    // The nearest phrase before the value (the last to end there, the longest of those ending
    // together: 归母净利润, not 净利润), else the nearest after it, before the next value.
    const Impl::Word* best = nullptr;
    for (const auto& w : words) {
      if (w.span.end <= value.begin && fits(w, false) &&
          (best == nullptr || w.span.end > best->span.end ||
           (w.span.end == best->span.end && w.span.size() > best->span.size()))) {
        best = &w;
      }
    }
    if (best != nullptr) return take(*best);
    for (const auto& w : words) {  // the first to begin after the value, the longest of those: 投资成本
      if (w.span.begin >= value.end && w.span.end <= reach.to && fits(w, false) &&
          (best == nullptr || w.span.begin < best->span.begin ||
           (w.span.begin == best->span.begin && w.span.size() > best->span.size()))) {
        best = &w;
      }
    }
    if (best != nullptr) return take(*best);

    // The measure of the sentence's latest fact, when the clause opens for it (同比下滑) or has a
    // subject of its own and no verb that names another measure (同期纳斯达克指数仅0.11%; but
    // 沪指跌0.3%，深成指涨0.5%).
    const Impl::Word* verb = nullptr;
    for (const auto& w : words) {
      if (w.span.begin >= reach.from && w.span.end <= value.begin && fits(w, true) &&
          (verb == nullptr || w.span.end > verb->span.end ||
           (w.span.end == verb->span.end && w.span.size() > verb->span.size()))) {
        verb = &w;  // the nearest, the longest of those ending together: 飙涨, not 涨
      }
    }
    if (const auto previous = previous_fact(c);
        previous && (opens_for_previous(reach.from, value.begin) || (own_candidate(v, c) != nullptr && verb == nullptr))) {
      fact.measure = facts_[*previous].measure;
      fact.measure_span = facts_[*previous].measure_span;
      return entries_[*previous];
    }
    for (std::size_t e = 0; e < r_.measures.size(); ++e) {  // what the value implies: 元/股 is a 股价
      if (r_.measures[e].implied_by & kind) {
        fact.measure = r_.measures[e].name;
        return e;
      }
    }
    if (verb != nullptr) return take(*verb);
    return std::nullopt;
  }

  // Whether the words before the value, after any date, start with 同比, 同期, 新增 ...
  bool opens_for_previous(std::size_t from, std::size_t value_begin) const {
    std::string_view opening = text_.substr(from, value_begin - from);
    for (auto m = first_after(mentions_, from); m != mentions_.end() && m->span.begin < value_begin; ++m) {
      if (is_period(*m) && m->span.begin == from) opening = text_.substr(m->span.end, value_begin - m->span.end);
    }
    while (!opening.empty() && (opening.front() == ' ' || opening.front() == '\t')) opening.remove_prefix(1);
    const auto openers = find(r_.openers, opening, Span{0, opening.size()});
    return std::any_of(openers.begin(), openers.end(), [](const NameMatcher::Match& m) { return m.span.begin == 0; });
  }

  // The first candidate before the value in its clause; else, back through the paragraph clause by
  // clause, the subject of the latest fact or the first candidate that does not only qualify a measure.
  void subject(std::size_t v, std::size_t c, Fact& fact) {
    const auto take = [&](const Impl::Candidate& k) {
      fact.subjects = k.mentions;
      if (k.mentions.empty()) fact.subject_phrase = k.span;
    };
    const auto take_fact = [&](std::size_t f) {
      fact.subjects = facts_[f].subjects;
      fact.subject_phrase = facts_[f].subject_phrase;
    };
    if (const Impl::Candidate* own = own_candidate(v, c)) return take(*own);
    if (!clause_facts_[c].empty()) return take_fact(clause_facts_[c].back());
    for (std::size_t k = c; k-- > 0 && c - k <= kMaxClausesBack && paragraph_of(k) == paragraph_of(c);) {
      if (!clause_facts_[k].empty()) return take_fact(clause_facts_[k].back());
      for (const Impl::Candidate& candidate : candidates_of(k)) {
        if (!candidate.qualifier) return take(candidate);
      }
    }
  }

  // A date right after 较, 比 ... is what a value is compared with (较上年下降81%), never a period.
  bool is_period_here(std::size_t index) const {
    const Mention& m = mentions_[index];
    if (!is_period(m)) return false;
    const std::string_view before = utf8::window_before(text_, m.span.begin, 9);
    for (const auto& w : find(r_.comparison_words, before, Span{0, before.size()})) {
      if (w.span.end == before.size()) return false;
    }
    return true;
  }

  // A date written onto another value is that value's (从去年的1200人增加到1500人: 去年 is not 1500人's).
  bool owned_by_other(std::optional<std::size_t> period, std::size_t v) const {
    if (!period || *period + 1 >= mentions_.size() || *period + 1 == v || !is_value(mentions_[*period + 1])) return false;
    const std::string_view between =
        text_.substr(mentions_[*period].span.end, mentions_[*period + 1].span.begin - mentions_[*period].span.end);
    return between.empty() || between == "的";
  }

  // The clause's date or duration nearest the value; else, unless the clause speaks of the
  // future, the sentence's last one before it.
  std::optional<std::size_t> period(std::size_t v, std::size_t c, std::optional<std::size_t> last_period) const {
    const Span clause = clauses_[c].span, value = mentions_[v].span;
    std::optional<std::size_t> before, after;
    for (auto m = first_after(mentions_, clause.begin); m != mentions_.end() && m->span.begin < clause.end; ++m) {
      const auto index = static_cast<std::size_t>(m - mentions_.begin());
      if (!is_period_here(index)) continue;
      if (m->span.end <= value.begin) before = index;
      if (m->span.begin >= value.end && !after) after = index;
    }
    if (owned_by_other(before, v)) before.reset();
    if (before || after) return before ? before : after;
    if (!find(r_.forward_words, text_, clause).empty() || owned_by_other(last_period, v)) return std::nullopt;
    const Span sentence = sentences_[clauses_[c].sentence].span;
    if (last_period && mentions_[*last_period].span.begin >= sentence.begin) return last_period;
    return std::nullopt;
  }

  // The nearest direction word before the value that is no part of a measure phrase (增长率 is a
  // measure, not a rise), else the measure's own (涨幅: up, 净亏损: down), else none.
  std::string direction(std::size_t v, std::size_t c, Reach reach, std::size_t entry) {
    const std::vector<Impl::Word>& measures = words_of(c).measures;
    std::optional<Impl::Word> nearest;
    for (const auto& w : r_.words(r_.direction_words, text_, Span{reach.from, mentions_[v].span.begin}, mentions_)) {
      const bool in_measure = std::any_of(measures.begin(), measures.end(), [&](const Impl::Word& m) {
        return !r_.measures[m.id].verb && overlaps(m.span, w.span);
      });
      if (!in_measure && (!nearest || w.span.end > nearest->span.end ||
                          (w.span.end == nearest->span.end && w.span.size() > nearest->span.size()))) {
        nearest = w;
      }
    }
    if (nearest) return nearest->id == 0 ? "up" : "down";
    return r_.measures[entry].direction;
  }

  const Impl& r_;
  std::string_view text_;
  const std::vector<Sentence>& sentences_;
  const std::vector<Mention>& mentions_;
  std::vector<Impl::Clause> clauses_;
  std::vector<std::optional<Impl::ClauseWords>> words_;
  std::vector<std::optional<std::vector<Impl::Candidate>>> candidates_;
  std::vector<std::vector<std::size_t>> clause_facts_;  // each clause's facts, as indexes into facts_
  std::vector<std::size_t> entries_;                    // each fact's measure entry
  std::vector<Fact> facts_;
};

}  // namespace

std::vector<Fact> FactRules::assemble(std::string_view text, const std::vector<Sentence>& sentences,
                                      const std::vector<Mention>& mentions) const {
  if (std::none_of(mentions.begin(), mentions.end(), is_value)) return {};
  return Assembler(*impl_, text, sentences, mentions).run();
}

Json fact_json(const Fact& fact, std::string_view original, const NormalizedText& normalized) {
  const auto index_or_null = [](const std::optional<std::size_t>& i) { return i ? Json(*i) : Json(nullptr); };
  Json j = Json::object();
  j["subject"] = fact.subjects.size() == 1 ? Json(fact.subjects.front()) : Json(nullptr);
  j["subjects"] = fact.subjects;
  if (fact.subject_phrase) {
    const CodePointSpan span = normalized.offsets.to_original(normalized.text, *fact.subject_phrase);
    const std::size_t begin = normalized.offsets.original_byte(original, span.start);
    const std::size_t end = normalized.offsets.original_byte(original, span.end);
    j["subject_phrase"] = Json{{"text", std::string(original.substr(begin, end - begin))},
                               {"name", normalized.text.substr(fact.subject_phrase->begin, fact.subject_phrase->size())},
                               {"start", span.start},
                               {"end", span.end}};
  } else {
    j["subject_phrase"] = nullptr;
  }
  j["measure"] = fact.measure;
  j["measure_text"] = fact.measure_span
                          ? Json(normalized.text.substr(fact.measure_span->begin, fact.measure_span->size()))
                          : Json(nullptr);
  j["value"] = fact.value;
  j["period"] = index_or_null(fact.period);
  j["direction"] = fact.direction.empty() ? Json(nullptr) : Json(fact.direction);
  j["sentence"] = fact.sentence;
  return j;
}

}  // namespace finfacts
