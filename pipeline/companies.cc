#include "pipeline/companies.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

#include <utf8proc.h>

#include "pipeline/utf8.h"

namespace finfacts {
namespace {

constexpr std::size_t kContextBytes = 32;
constexpr std::string_view kListSeparator = "、";
const std::set<std::string> kContextKeys = {"names",      "why",       "sentence_has", "sentence_lacks",
                                             "before",     "after",     "not_before",   "not_after",
                                             "examples",   "counterexamples"};
constexpr std::size_t kListItemMax = 8;  // code points: longer is no short name

Error data_error(const std::string& file, const std::string& message) {
  return Error{"rules", file + ": " + message, std::nullopt};
}

// Calls f on each field of `line` between separators; an empty line has one empty field.
template <typename F>
void for_each_field(std::string_view line, char separator, F f) {
  std::size_t from = 0;
  for (std::size_t at; (at = line.find(separator, from)) != std::string_view::npos; from = at + 1) {
    f(line.substr(from, at - from));
  }
  f(line.substr(from));
}

// Up to N fields of `line`; the count of fields it has (more than N means: too many).
template <std::size_t N>
std::size_t fields_of(std::string_view line, char separator, std::array<std::string_view, N>& out) {
  std::size_t count = 0;
  for_each_field(line, separator, [&](std::string_view field) {
    if (count < N) out[count] = field;
    ++count;
  });
  return count;
}

std::vector<std::string_view> split(std::string_view line, char separator) {
  std::vector<std::string_view> out;
  for_each_field(line, separator, [&](std::string_view field) { out.push_back(field); });
  return out;
}

// The text before `begin` / after `end`, at most kContextBytes, cut at code point boundaries.
std::string_view before(std::string_view text, std::size_t begin, std::size_t floor = 0) {
  return utf8::window_before(text, begin, kContextBytes, floor);
}
std::string_view after(std::string_view text, std::size_t end, std::size_t ceiling) {
  return utf8::window_after(text, end, kContextBytes, ceiling);
}

bool matches(const std::unique_ptr<RE2>& re, std::string_view s) {
  return RE2::PartialMatch(re2::StringPiece(s.data(), s.size()), *re);
}

enum class Market { kAny, kA, kHongKong, kOther };

bool ends_with(std::string_view s, std::string_view end) {
  return s.size() >= end.size() && s.substr(s.size() - end.size()) == end;
}

Market market_of(std::string_view ticker) {
  if (ends_with(ticker, ".SH") || ends_with(ticker, ".SZ") || ends_with(ticker, ".BJ")) return Market::kA;
  if (ends_with(ticker, ".HK")) return Market::kHongKong;
  return Market::kOther;
}

constexpr std::pair<std::string_view, Market> kMarketWords[] = {
    {"A股", Market::kA},         {"沪市", Market::kA},       {"深市", Market::kA},        {"港股", Market::kHongKong},
    {"H股", Market::kHongKong}, {"美股", Market::kOther}, {"中概股", Market::kOther}, {"纳斯达克", Market::kOther},
    {"纽交所", Market::kOther},
};

// The market the words right around a company name point to: 港股金山云, 港股的万国数据,
// 世纪互联(美股). A plain comparison of words: this runs for every company mention.
Market market_near(std::string_view text, Span span) {
  std::string_view left = text.substr(0, span.begin);
  if (ends_with(left, "的")) left.remove_suffix(std::string_view("的").size());
  const std::string_view right = text.substr(span.end);
  for (const auto& [word, market] : kMarketWords) {
    if (ends_with(left, word)) return market;
    if (right.size() >= word.size() + 2 && right[0] == '(' && right.substr(1, word.size()) == word &&
        right[word.size() + 1] == ')') {
      return market;
    }
  }
  return Market::kAny;
}

Result<std::unique_ptr<RE2>> compile(const std::string& file, const std::string& where, const std::string& pattern,
                                     const char* prefix, const char* suffix) {
  RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_unique<RE2>(std::string(prefix) + pattern + suffix, options);
  if (!re->ok()) return data_error(file, where + ": " + re->error());
  return re;
}

}  // namespace

std::size_t Companies::market_word_at(std::string_view text) {
  for (const auto& [word, market] : kMarketWords) {
    if (text.substr(0, word.size()) == word) return word.size();
  }
  return 0;
}

Json Companies::value(const Company& company, std::string_view text, Span span) {
  std::string ticker = company.listings.empty() ? std::string() : company.listings.front();
  if (const Market wanted = market_near(text, span); wanted != Market::kAny) {
    for (const std::string& listing : company.listings) {
      if (market_of(listing) == wanted) {
        ticker = listing;
        break;
      }
    }
  }
  Json value{{"name", company.name},
             {"ticker", ticker.empty() ? Json() : Json(ticker)},
             {"source", "gazetteer"},
             {"listings", company.listings}};
  return value;
}

Json Companies::unlisted_value(std::string_view name, const std::optional<std::string>& ticker) {
  return Json{{"name", std::string(name)},
              {"ticker", ticker ? Json(*ticker) : Json()},
              {"source", "pattern"},
              {"listings", ticker ? Json::array({*ticker}) : Json::array()}};
}

const Company* Companies::by_name(std::string_view name) const {
  const auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : &companies_[it->second];
}

const Company* Companies::by_ticker(std::string_view ticker) const {
  const auto it = by_ticker_.find(ticker);
  return it == by_ticker_.end() ? nullptr : &companies_[it->second];
}

bool Companies::allowed(const Name& name, std::string_view text, Span sentence, Span span) const {
  const Context* c = name.context;
  if (c == nullptr) return true;
  const std::string_view whole = text.substr(sentence.begin, sentence.size());
  const std::string_view left = before(text, span.begin, sentence.begin);
  const std::string_view right = after(text, span.end, sentence.end);
  if (c->sentence_has && !matches(c->sentence_has, whole)) return false;
  if (c->sentence_lacks && matches(c->sentence_lacks, whole)) return false;
  if (c->not_before && matches(c->not_before, left)) return false;
  if (c->not_after && matches(c->not_after, right)) return false;
  if (!c->before && !c->after) return true;
  return (c->before && matches(c->before, left)) || (c->after && matches(c->after, right));
}

void Companies::find(std::string_view text, const std::vector<Sentence>& sentences, std::vector<Mention>& out) const {
  std::vector<NameMatcher::Match> hits;
  for (const Sentence& sentence : sentences) {
    hits.clear();
    matcher_->find_all(text, sentence.span, hits);
    hits.erase(std::remove_if(hits.begin(), hits.end(),
                              [&](const NameMatcher::Match& hit) {
                                return !allowed(names_[hit.id], text, sentence.span, hit.span);
                              }),
               hits.end());
    // A name inside a longer one (阿里 in 阿里巴巴) would lose to it in resolve: no value is built for it.
    std::sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) {
      return a.span.begin != b.span.begin ? a.span.begin < b.span.begin : a.span.end > b.span.end;
    });
    std::size_t reach = 0;  // the end of the longest hit so far
    for (const NameMatcher::Match& hit : hits) {
      if (hit.span.end <= reach) continue;
      reach = hit.span.end;
      const Company& company = companies_[names_[hit.id].company];
      out.push_back(Mention{"company", hit.span, value(company, text, hit.span), kPriority, 0});
    }
  }
}

bool Companies::list_item_is_name(std::string_view item) const {
  static const RE2 kShape("[\\p{Han}A-Za-z][\\p{Han}A-Za-z0-9]+");
  const std::size_t length = utf8::count_code_points(item);
  return length >= 2 && length <= kListItemMax && RE2::FullMatch(re2::StringPiece(item.data(), item.size()), kShape) &&
         !matches(list_item_not_, item);
}

namespace {

// A list's items: what lies between its separators (、), and on the outer sides of the first
// and the last what reaches to punctuation, a bracket or 等 within kListItemMax code points.
struct ListItem {
  Span span;
  bool bounded;  // both ends are a separator, punctuation, a bracket or 等: it may be a name
};

bool is_punctuation(std::string_view s, std::size_t at) {
  std::size_t end = at;
  const char32_t cp = utf8::next(s, end);
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD: case UTF8PROC_CATEGORY_PS: case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF: case UTF8PROC_CATEGORY_PO: case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP: case UTF8PROC_CATEGORY_CC:
      return true;
    default:
      return false;
  }
}

bool closes_list(std::string_view s, std::size_t at) {
  return at >= s.size() || is_punctuation(s, at) || s.substr(at, 3) == "等";
}

// The list whose first separator is at `separator` in sentence `s`; `next` gets where to go on.
std::vector<ListItem> list_at(std::string_view s, std::size_t separator, std::size_t& next) {
  std::vector<ListItem> items;
  std::size_t begin = separator;
  bool bounded = false;
  for (std::size_t steps = 0; steps <= kListItemMax; ++steps) {
    if (begin == 0) {
      bounded = true;
      break;
    }
    std::size_t prev = begin - 1;
    while (prev > 0 && (static_cast<unsigned char>(s[prev]) & 0xC0) == 0x80) --prev;
    if (is_punctuation(s, prev)) {
      bounded = true;
      break;
    }
    begin = prev;
  }
  items.push_back(ListItem{Span{begin, separator}, bounded});
  std::size_t from = separator + kListSeparator.size();
  for (;;) {
    std::size_t end = from;
    while (end < s.size() && s.substr(end, kListSeparator.size()) != kListSeparator && !closes_list(s, end)) {
      end += utf8::sequence_length(static_cast<unsigned char>(s[end]));
    }
    const bool joined = s.substr(end, kListSeparator.size()) == kListSeparator;
    items.push_back(ListItem{Span{from, end}, joined || closes_list(s, end)});
    if (!joined) {
      next = end;
      return items;
    }
    from = end + kListSeparator.size();
  }
}

// The first of the sorted, disjoint `mentions` that overlaps `span`, or mentions.end().
std::vector<Mention>::const_iterator first_overlap(const std::vector<Mention>& mentions, Span span) {
  auto it = std::upper_bound(mentions.begin(), mentions.end(), span.begin,
                             [](std::size_t at, const Mention& m) { return at < m.span.end; });
  return it != mentions.end() && it->span.begin < span.end ? it : mentions.end();
}

}  // namespace

void Companies::add_list_members(std::string_view text, const std::vector<Sentence>& sentences,
                                 std::vector<Mention>& mentions) const {
  std::vector<Mention> added;
  for (const Sentence& sentence : sentences) {
    const std::string_view s = text.substr(sentence.span.begin, sentence.span.size());
    const std::size_t base = sentence.span.begin;
    std::size_t next = 0;
    for (std::size_t at = s.find(kListSeparator); at != std::string_view::npos; at = s.find(kListSeparator, next)) {
      const std::vector<ListItem> items = list_at(s, at, next);
      // A company is an item, or ends the first item (TOP5万国数据), or starts the last (腾讯坐拥 ...).
      const auto is_company = [&](std::size_t i) {
        const Span item{base + items[i].span.begin, base + items[i].span.end};
        for (auto m = first_overlap(mentions, item); m != mentions.end() && m->span.begin < item.end; ++m) {
          if (m->type != "company") continue;
          const bool starts = m->span.begin == item.begin, ends = m->span.end == item.end;
          if ((starts && ends) || (i == 0 && ends) || (i + 1 == items.size() && starts)) return true;
        }
        return false;
      };
      bool any = false;
      for (std::size_t i = 0; i < items.size() && !any; ++i) any = is_company(i);
      if (!any || matches(list_not_followed_by_, after(text, base + items.back().span.end, sentence.span.end))) {
        continue;
      }
      for (std::size_t i = 0; i < items.size(); ++i) {
        const Span item{base + items[i].span.begin, base + items[i].span.end};
        const std::string_view name = text.substr(item.begin, item.size());
        if (!items[i].bounded || first_overlap(mentions, item) != mentions.end() || !list_item_is_name(name)) continue;
        added.push_back(Mention{"company", item, unlisted_value(name), kPriority, 0});
      }
    }
  }
  if (added.empty()) return;
  mentions.insert(mentions.end(), std::make_move_iterator(added.begin()), std::make_move_iterator(added.end()));
  std::sort(mentions.begin(), mentions.end(),
            [](const Mention& a, const Mention& b) { return a.span.begin < b.span.begin; });
}

Result<Companies> Companies::load(const std::string& dir, const Normalizer& normalizer) {
  Companies c;
  const std::string table_path = dir + "/gazetteer.tsv";
  std::ifstream table(table_path, std::ios::binary);
  if (!table) return data_error(table_path, "cannot read (scripts/rebuild-companies writes it)");
  std::ostringstream buffer;
  buffer << table.rdbuf();
  c.table_ = buffer.str();
  // The names are matched in normalized text, so they are normalized too: the whole table at once
  // (one call, not twenty thousand; tabs and line breaks pass through unchanged).
  c.normalized_table_ = normalizer.normalize(c.table_).text;
  const auto raw_lines = split(c.table_, '\n'), normalized_lines = split(c.normalized_table_, '\n');
  if (raw_lines.size() != normalized_lines.size()) return data_error(table_path, "normalizing changed its lines");
  auto matcher = std::make_shared<NameMatcher>();
  std::unordered_map<std::string_view, std::uint32_t> name_ids;  // normalized name -> index into names_
  c.by_name_.reserve(raw_lines.size() * 4);
  c.companies_.reserve(raw_lines.size());
  c.names_.reserve(raw_lines.size() * 2);
  c.by_ticker_.reserve(raw_lines.size() * 2);
  name_ids.reserve(raw_lines.size() * 2);
  bool header = false;
  for (std::size_t line = 0; line < raw_lines.size(); ++line) {
    const std::string_view raw_line = raw_lines[line];
    if (raw_line.empty() || raw_line[0] == '#') continue;
    if (!header) {
      header = true;  // name ticker listings status names full_names
      continue;
    }
    std::array<std::string_view, 6> fields, keys;
    if (fields_of(raw_line, '\t', fields) != 6 || fields_of(normalized_lines[line], '\t', keys) != 6) {
      return data_error(table_path, "line " + std::to_string(line + 1) + ": expected 6 tab-separated fields");
    }
    const auto index = static_cast<std::uint32_t>(c.companies_.size());
    Company company{std::string(fields[0]), {}, std::string(fields[3])};
    if (!fields[2].empty()) {
      for_each_field(fields[2], '|', [&](std::string_view listing) {
        company.listings.emplace_back(listing);
        c.by_ticker_.emplace(listing, index);
      });
    }
    c.by_name_.emplace(keys[0], index);
    for_each_field(keys[5], '|', [&](std::string_view full_name) {
      if (!full_name.empty()) c.by_name_.emplace(full_name, index);
    });
    for_each_field(keys[4], '|', [&](std::string_view name) {
      if (name.empty()) return;
      c.by_name_.emplace(name, index);
      if (!name_ids.emplace(name, static_cast<std::uint32_t>(c.names_.size())).second) return;  // shared: the first keeps it
      c.names_.push_back(Name{index, nullptr});
      matcher->add(name, static_cast<std::uint32_t>(c.names_.size() - 1));
    });
    c.companies_.push_back(std::move(company));
  }
  if (c.companies_.empty()) return data_error(table_path, "no companies");

  const std::string rules_path = dir + "/names.json";
  std::ifstream in(rules_path);
  if (!in) return data_error(rules_path, "cannot read");
  Json doc;
  try {
    doc = Json::parse(in);
  } catch (const Json::exception& e) {
    return data_error(rules_path, std::string("not valid JSON: ") + e.what());
  }
  const auto read_examples = [&](const Json& spec, const std::string& where) {
    for (const Json& e : spec.value("examples", Json::array())) {
      c.examples_.push_back(CompanyExample{where, e.at("text"), e.at("mention"), e.at("value")});
    }
    for (const Json& e : spec.value("counterexamples", Json::array())) {
      c.counterexamples_.push_back(CompanyExample{where, e.at("text"), e.at("mention"), Json()});
    }
  };
  try {
    for (const Json& spec : doc.at("contexts")) {
      auto context = std::make_unique<Context>();
      const std::string where = "context " + spec.at("names").dump();
      for (const auto& [key, unused] : spec.items()) {
        if (!kContextKeys.count(key)) return data_error(rules_path, where + ": unknown key \"" + key + "\"");
      }
      for (auto [key, target, prefix, suffix] :
           {std::tuple{"sentence_has", &context->sentence_has, "(?:", ")"},
            std::tuple{"sentence_lacks", &context->sentence_lacks, "(?:", ")"},
            std::tuple{"before", &context->before, "(?:", ")$"}, std::tuple{"after", &context->after, "^(?:", ")"},
            std::tuple{"not_before", &context->not_before, "(?:", ")$"},
            std::tuple{"not_after", &context->not_after, "^(?:", ")"}}) {
        if (!spec.contains(key)) continue;
        auto re = compile(rules_path, where, spec[key].get<std::string>(), prefix, suffix);
        if (!re.ok()) return re.error();
        *target = std::move(re.value());
      }
      for (const Json& written : spec.at("names")) {
        const std::string name = normalizer.normalize(written.get<std::string>()).text;
        const auto it = name_ids.find(name);
        if (it == name_ids.end()) return data_error(rules_path, where + ": " + written.dump() + " is no gazetteer name");
        c.names_[it->second].context = context.get();
      }
      c.contexts_.push_back(std::move(context));
      read_examples(spec, "names.json: " + where);
    }
    const Json& list = doc.at("list");
    for (auto [key, target] : {std::pair{"not_followed_by", &c.list_not_followed_by_},
                               std::pair{"item_not", &c.list_item_not_}}) {
      auto re = compile(rules_path, std::string("list ") + key, list.at(key).get<std::string>(),
                        key == std::string("item_not") ? "(?:" : "^(?:", ")");
      if (!re.ok()) return re.error();
      *target = std::move(re.value());
    }
    read_examples(list, "names.json: list");
    read_examples(doc, "names.json");
  } catch (const Json::exception& e) {
    return data_error(rules_path, e.what());
  }
  matcher->build();
  c.matcher_ = std::move(matcher);
  return c;
}

}  // namespace finfacts
