#include "pipeline/resolvers.h"

#include <cstdlib>

#include "pipeline/company_resolvers.h"
#include "pipeline/date_resolvers.h"
#include "pipeline/numeral.h"
#include "pipeline/utf8.h"

namespace finfacts {
namespace {

// A quantity as written: one value or a range, and how approximate it is.
struct Quantity {
  std::optional<Decimal> value, min, max;
  std::string approx;  // "" when exact
};

// A rule parameter as a Decimal; JSON prints small ones as 1e-05.
std::optional<Decimal> decimal_of(const Json& number) {
  const std::string text = number.dump();
  const std::size_t e = text.find_first_of("eE");
  auto mantissa = parse_number(text.substr(0, e));
  if (!mantissa || e == std::string::npos) return mantissa;
  mantissa->exponent += std::atoi(text.c_str() + e + 1);
  return mantissa;
}

}  // namespace

std::optional<Decimal> read_number(const RuleMatch& m, std::string_view text, std::string& inner) {
  std::string digits;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t from = i;
    utf8::next(text, i);
    const std::string_view cp = text.substr(from, i - from);
    if (cp == " ") continue;
    if (from > 0) {
      if (const Json* meaning = m.lookup("approx_inner", cp)) {
        inner = meaning->get<std::string>();
        continue;
      }
    }
    digits += cp;
  }
  auto number = parse_number(digits);
  if (!number) return std::nullopt;
  const auto scale = m.rule().params.find("scale");
  if (scale == m.rule().params.end()) return number;
  auto factor = decimal_of(*scale);
  if (!factor) return std::nullopt;
  return number->times(*factor);
}

std::optional<std::string> approximation(const RuleMatch& m, const std::string& inner) {
  if (!inner.empty()) return inner;
  for (const char* group : {"approx_after", "approx_before"}) {
    const std::string_view word = m.group(group);
    if (word.empty()) continue;
    const Json* meaning = m.lookup(group, word);
    if (meaning == nullptr) return std::nullopt;  // a word the table forgot: the rule file is wrong
    return meaning->get<std::string>();
  }
  const auto own = m.rule().params.find("approx");  // the rule's own, as for 上百
  return own != m.rule().params.end() && own->is_string() ? own->get<std::string>() : std::string();
}

bool add_approximation(const RuleMatch& m, const std::string& inner, Json& value) {
  const auto approx = approximation(m, inner);
  if (!approx) return false;
  if (!approx->empty()) value["approx"] = *approx;
  return true;
}

namespace {

bool is_magnitude(char32_t cp) { return cp == U'万' || cp == U'亿'; }
bool is_small_unit(char32_t cp) { return cp == U'十' || cp == U'百' || cp == U'千'; }

// The magnitude a number ends with: 亿 in 2.9亿, 千万 in 3千万, 万 in 三十万, 1 when none;
// nullopt when it does not fit. "Ends with" means after its last digit: 一千五百 ends with none.
std::optional<Decimal> trailing_magnitude(std::string_view text) {
  std::u32string cps;
  for (std::size_t i = 0; i < text.size();) cps.push_back(utf8::next(text, i));
  std::size_t k = cps.size();
  while (k > 0 && is_magnitude(cps[k - 1])) --k;
  // A small unit right after an Arabic digit is part of the magnitude too: 3千万.
  if (k > 1 && is_small_unit(cps[k - 1]) && cps[k - 2] >= U'0' && cps[k - 2] <= U'9') --k;
  std::optional<Decimal> factor = Decimal{1, 0};
  for (std::size_t i = k; i < cps.size() && factor; ++i) {
    const std::int64_t unit = cps[i] == U'十' ? 10 : cps[i] == U'百' ? 100 : cps[i] == U'千' ? 1000
                            : cps[i] == U'万' ? 10000 : 100000000;
    factor = factor->times(Decimal{unit, 0});
  }
  return factor;
}

bool has_magnitude(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    if (is_magnitude(utf8::next(text, i))) return true;
  }
  const auto magnitude = trailing_magnitude(text);
  return !magnitude || magnitude->mantissa != 1;
}

// 两三 -> (2, 3): adjacent digits read as a range.
std::optional<std::pair<int, int>> digit_pair(std::string_view pair) {
  auto digit = [](char32_t cp) {
    constexpr std::u32string_view kDigits = U"零一二三四五六七八九";
    if (cp == U'两') return 2;
    const auto at = kDigits.find(cp);
    return at == std::u32string_view::npos ? -1 : static_cast<int>(at);
  };
  std::size_t i = 0;
  const int first = digit(utf8::next(pair, i));
  const int second = i < pair.size() ? digit(utf8::next(pair, i)) : -1;
  if (first < 0 || second <= first || i != pair.size()) return std::nullopt;
  return std::pair{first, second};
}

std::optional<Quantity> read_quantity(const RuleMatch& m) {
  Quantity q;
  std::string inner;
  if (!m.group("value").empty()) {
    q.value = read_number(m, m.group("value"), inner);
    if (!q.value) return std::nullopt;
  } else if (!m.group("pair").empty()) {  // 两三家, 七八十个
    const auto pair = digit_pair(m.group("pair"));
    if (!pair) return std::nullopt;
    const auto scale = trailing_magnitude("1" + std::string(m.group("scale")));
    if (!scale) return std::nullopt;
    q.min = Decimal{pair->first, 0}.times(*scale);
    q.max = Decimal{pair->second, 0}.times(*scale);
    if (!q.min || !q.max) return std::nullopt;  // too large to be exact
  } else {
    const std::string_view min_text = m.group("min"), max_text = m.group("max");
    q.min = read_number(m, min_text, inner);
    q.max = read_number(m, max_text, inner);
    if (!q.min || !q.max) return std::nullopt;
    // 2-3亿 is 2亿 to 3亿; but 8500到3万 is 8500 to 30000.
    if (!has_magnitude(min_text)) {
      const auto magnitude = trailing_magnitude(max_text);
      const auto scaled = magnitude ? q.min->times(*magnitude) : std::nullopt;
      if (scaled && !(*q.max < *scaled)) q.min = scaled;
    }
  }
  // "2023-30%" is no range; let the single number win instead.
  if (q.min && !(*q.min < *q.max)) return std::nullopt;
  auto approx = approximation(m, inner);
  if (!approx) return std::nullopt;
  q.approx = *approx;
  return q;
}

// Writes the quantity into `out`: `value_key` (value, amount) or min and max.
void put(const Quantity& q, const char* value_key, Json& out) {
  if (q.value) {
    out[value_key] = q.value->to_json();
  } else {
    out["min"] = q.min->to_json();
    out["max"] = q.max->to_json();
  }
}

void put_approx(const Quantity& q, Json& out) {
  if (!q.approx.empty()) out["approx"] = q.approx;
}

std::optional<Json> resolve_percent(const RuleMatch& m) {
  auto q = read_quantity(m);
  if (!q) return std::nullopt;
  Json value = Json::object();
  put(*q, "value", value);
  const auto points = m.rule().params.find("points");
  if (points != m.rule().params.end() && *points == true) value["points"] = true;
  put_approx(*q, value);
  return value;
}

std::optional<Json> resolve_number(const RuleMatch& m) {
  auto q = read_quantity(m);
  if (!q) return std::nullopt;
  Json value = Json::object();
  put(*q, "value", value);
  put_approx(*q, value);
  if (!m.group("unit").empty()) value["unit"] = std::string(m.group("unit"));
  return value;
}

// 三分之一 -> 0.333... with "fraction": [1, 3].
std::optional<Json> resolve_fraction(const RuleMatch& m) {
  auto numerator = parse_number(m.group("numerator"));
  auto denominator = parse_number(m.group("denominator"));
  if (!numerator || !denominator || denominator->mantissa == 0) return std::nullopt;
  const Json top = numerator->to_json(), bottom = denominator->to_json();
  Json value = Json::object();
  value["value"] = top.get<double>() / bottom.get<double>();
  if (top.is_number_integer() && bottom.is_number_integer()) value["fraction"] = Json::array({top, bottom});
  if (!add_approximation(m, "", value)) return std::nullopt;
  return value;
}

// Amounts of money. The currency is the word before the amount where there is one (港币2960元),
// else the word after it, else null (a rule with sentence_has decides that the amount is money).
std::optional<Json> resolve_money(const RuleMatch& m) {
  auto q = read_quantity(m);
  if (!q) return std::nullopt;
  Json currency = nullptr;
  for (const char* group : {"currency_before", "currency"}) {
    const std::string_view word = m.group(group);
    if (word.empty()) continue;
    const Json* code = m.lookup(group, word);
    if (code == nullptr) return std::nullopt;  // a word the table forgot
    currency = *code;
    break;
  }
  // 123元1角1分, 一块二: tenths and hundredths after the unit.
  for (auto [group, place] : {std::pair{"jiao", -1}, std::pair{"fen", -2}}) {
    if (m.group(group).empty()) continue;
    auto digit = parse_number(m.group(group));
    if (!digit || !q->value) return std::nullopt;
    q->value = q->value->plus(Decimal{digit->mantissa, digit->exponent + place});
    if (!q->value) return std::nullopt;
  }
  Json value = Json::object();
  put(*q, "amount", value);
  value["currency"] = currency;
  for (const char* group : {"per", "per_before"}) {  // 10.88元/股, 每股1.95港元
    if (m.group(group).empty()) continue;
    const Json* per = m.lookup("per", m.group(group));
    if (per == nullptr) return std::nullopt;
    value["per"] = *per;
  }
  put_approx(*q, value);
  return value;
}

std::optional<Json> resolve_guard(const RuleMatch&) { return Json::object(); }

// A stock index: its table entry, {"name": "恒生科技指数", "code": "HSTECH"}.
std::optional<Json> resolve_index(const RuleMatch& m) {
  const Json* index = m.lookup("index_names", m.group("name"));
  if (index == nullptr || !index->is_object()) return std::nullopt;
  return *index;
}

struct NamedResolver {
  const char* name;
  Resolver resolver;
};
constexpr NamedResolver kResolvers[] = {
    {"percent", resolve_percent}, {"number", resolve_number},     {"fraction", resolve_fraction},
    {"money", resolve_money},     {"date", resolve_date},         {"duration", resolve_duration},
    {"guard", resolve_guard},     {"company", resolve_company},   {"stock code", resolve_stock_code},
    {"index", resolve_index},
};

}  // namespace

Resolver find_resolver(std::string_view name) {
  for (const auto& r : kResolvers) {
    if (name == r.name) return r.resolver;
  }
  return nullptr;
}

}  // namespace finfacts
