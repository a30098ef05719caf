#include "pipeline/company_resolvers.h"

#include <cctype>

#include "pipeline/companies.h"
#include "pipeline/utf8.h"

namespace finfacts {
namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// The exchange of a six-digit A-share code, by its first digits.
const char* a_share_exchange(std::string_view digits) {
  if (digits[0] == '6' || digits[0] == '9') return digits.substr(0, 2) == "92" ? ".BJ" : ".SH";
  if (digits[0] == '0' || digits[0] == '2' || digits[0] == '3') return ".SZ";
  if (digits[0] == '4' || digits[0] == '8') return ".BJ";
  return nullptr;
}

// 商汤-W -> 商汤: the exchange's suffixes are no part of the name.
std::string_view without_share_suffix(std::string_view name) {
  const std::size_t dash = name.rfind('-');
  return dash != std::string_view::npos && dash > 0 ? name.substr(0, dash) : name;
}

// The name before its first company-suffix word: 社会|保险基金, 全国性|股份制商业银行, 华夏|基金管理有限公司.
// The regular expression may split a chain of suffixes anywhere; this reads it the same way every time.
std::string_view core_of(const RuleMatch& m, std::string_view whole) {
  std::size_t at = 0;
  for (int skipped = 0; skipped < 2 && at < whole.size(); ++skipped) {
    at += utf8::sequence_length(static_cast<unsigned char>(whole[at]));
  }
  for (; at < whole.size(); at += utf8::sequence_length(static_cast<unsigned char>(whole[at]))) {
    for (const char* table : {"strong_suffix", "weak_suffix"}) {
      const auto words = m.rule().tables->find(std::string_view(table));
      if (words == m.rule().tables->end()) continue;
      for (const auto& [word, unused] : words->second) {
        if (whole.substr(at, word.size()) == word) return whole.substr(0, at);
      }
    }
  }
  return whole;
}

// Whether `found` gives non-null for a tail of `s` that starts on a code point in [from, until).
template <typename F>
bool some_tail(std::string_view s, std::size_t from, std::size_t until, F found) {
  for (std::size_t at = from; at < until; at += utf8::sequence_length(static_cast<unsigned char>(s[at]))) {
    if (found(s.substr(at)) != nullptr) return true;
  }
  return false;
}

}  // namespace

std::optional<std::string> canonical_ticker(std::string_view code) {
  static const RE2 kAShare("(?i)(?:(SH|SZ|SS|BJ)\\s?[.:]?\\s?)?(\\d{6})(?:\\.(SH|SZ|SS|BJ))?");
  static const RE2 kHongKong("(?i)(?:HK\\s?[.:]?\\s?)?(\\d{4,5})(?:\\.HK)?");
  static const RE2 kUs("(?i)(?:NASDAQ|NYSE|纳斯达克|纽交所)\\s?[:]?\\s?([A-Z]{1,5})");
  const re2::StringPiece piece(code.data(), code.size());
  std::string before, digits, after, symbol;
  if (RE2::FullMatch(piece, kAShare, &before, &digits, &after)) {
    std::string exchange = upper(!after.empty() ? after : before);
    if (exchange == "SS") exchange = "SH";
    if (exchange.empty()) {
      const char* inferred = a_share_exchange(digits);
      if (inferred == nullptr) return std::nullopt;
      return digits + inferred;
    }
    return digits + "." + exchange;
  }
  if (RE2::FullMatch(piece, kHongKong, &digits)) {
    const std::size_t first = digits.find_first_not_of('0');
    if (first == std::string::npos) return std::nullopt;
    std::string number = digits.substr(first);
    if (number.size() > 4) return std::nullopt;
    return std::string(4 - number.size(), '0') + number + ".HK";
  }
  if (RE2::FullMatch(piece, kUs, &symbol)) return upper(symbol);
  return std::nullopt;
}

std::optional<Json> resolve_company(const RuleMatch& m) {
  const Companies* companies = m.companies();
  const std::string_view name = m.group("name"), suffix = m.group("suffix");
  if (companies == nullptr || name.empty() || suffix.empty()) return std::nullopt;
  const std::string_view text = m.text();
  const Span span{static_cast<std::size_t>(name.data() - text.data()),
                  static_cast<std::size_t>(suffix.data() - text.data()) + suffix.size()};
  const std::string_view whole = text.substr(span.begin, span.size());  // name and suffix are adjacent
  if (const Company* known = companies->by_name(whole)) return Companies::value(*known, text, span);
  if (companies->by_name(name) != nullptr) return std::nullopt;
  // 譬如奥飞数据: a known name ends it, and the words before are no part of the name.
  const std::size_t second = utf8::sequence_length(static_cast<unsigned char>(whole[0]));
  if (some_tail(whole, second, name.size(), [&](std::string_view tail) { return companies->by_name(tail); })) {
    return std::nullopt;
  }
  const std::string_view core = core_of(m, whole);
  if (m.lookup("not_a_name", core) != nullptr || m.lookup("not_a_name", whole) != nullptr) return std::nullopt;
  // 加快发展人工|智能: a name that ends with a word of table phrase_end (人工, 发展, 性) is a phrase.
  if (some_tail(core, 0, core.size(), [&](std::string_view tail) { return m.lookup("phrase_end", tail); })) {
    return std::nullopt;
  }
  return Companies::unlisted_value(whole);
}

std::optional<Json> resolve_stock_code(const RuleMatch& m) {
  const Companies* companies = m.companies();
  if (companies == nullptr) return std::nullopt;
  const auto ticker = canonical_ticker(m.group("code"));
  if (!ticker) return std::nullopt;
  const std::string_view name = without_share_suffix(m.group("name"));
  // 港股腾讯(00700.HK): the market is no part of the name; the match is retried after it.
  if (Companies::market_word_at(name) > 0) return std::nullopt;
  const std::string_view text = m.text();
  const std::string_view shown = m.group("mention").empty() ? m.group("code") : m.group("mention");
  const Span span{static_cast<std::size_t>(shown.data() - text.data()),
                  static_cast<std::size_t>(shown.data() - text.data()) + shown.size()};
  if (const Company* known = companies->by_ticker(*ticker)) {
    Json value = Companies::value(*known, text, span);
    value["ticker"] = *ticker;  // the listing the text names
    return value;
  }
  if (name.empty()) return std::nullopt;
  if (const Company* known = companies->by_name(name)) return Companies::value(*known, text, span);
  return Companies::unlisted_value(name, *ticker);
}

}  // namespace finfacts
