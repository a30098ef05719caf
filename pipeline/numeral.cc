#include "pipeline/numeral.h"

#include <cstdlib>
#include <limits>
#include <utility>
#include <vector>

#include "pipeline/utf8.h"

namespace finfacts {
namespace {

__extension__ typedef __int128 Wide;  // products of two int64 mantissas
constexpr Wide kMax = std::numeric_limits<std::int64_t>::max();

int digit_value(char32_t cp) {
  switch (cp) {
    case U'零': case U'〇': return 0;
    case U'一': case U'壹': return 1;
    case U'二': case U'两': case U'贰': case U'俩': return 2;
    case U'三': case U'叁': case U'参': return 3;  // 參 (capital 3) is 参 after t2s
    case U'四': case U'肆': return 4;
    case U'五': case U'伍': return 5;
    case U'六': case U'陆': return 6;
    case U'七': case U'柒': return 7;
    case U'八': case U'捌': return 8;
    case U'九': case U'玖': return 9;
    default: return -1;
  }
}

// 十百千 within a section, 万亿 between sections; 0 for anything else.
std::int64_t unit_value(char32_t cp) {
  switch (cp) {
    case U'十': case U'拾': return 10;
    case U'百': case U'佰': return 100;
    case U'千': case U'仟': return 1000;
    case U'万': return 10000;
    case U'亿': return 100000000;
    default: return 0;
  }
}

Decimal normalized(Wide mantissa, int exponent) {
  while (exponent < 0 && mantissa != 0 && mantissa % 10 == 0) mantissa /= 10, ++exponent;
  if (mantissa == 0) exponent = 0;
  return Decimal{static_cast<std::int64_t>(mantissa), exponent};
}

// An integer in Chinese numerals: "三十五", "一百二" (spoken: 120), "二〇二四" (digit by digit),
// or mixed with Arabic digit runs between the units: "5万4千6百", "1千零1".
std::optional<Wide> parse_chinese_integer(std::string_view text) {
  std::u32string cps;
  std::vector<Wide> runs;  // the value of each Arabic digit run, which stands in cps as one U'#'
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] >= '0' && text[i] <= '9') {
      Wide run = 0;
      for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
        run = run * 10 + (text[i] - '0');
        if (run > kMax) return std::nullopt;
      }
      runs.push_back(run);
      cps.push_back(U'#');
      continue;
    }
    cps.push_back(utf8::next(text, i));
  }
  if (cps.empty()) return std::nullopt;
  std::size_t next_run = 0;

  bool has_unit = false;
  for (char32_t cp : cps) has_unit |= unit_value(cp) != 0 || cp == U'廿' || cp == U'卅' || cp == U'卌';
  if (!has_unit && !runs.empty()) return std::nullopt;  // Arabic alone is not read here
  if (!has_unit) {  // digit by digit
    Wide value = 0;
    for (char32_t cp : cps) {
      const int d = digit_value(cp);
      if (d < 0) return std::nullopt;
      value = value * 10 + d;
      if (value > kMax) return std::nullopt;
    }
    return value;
  }

  Wide total = 0, section = 0, number = 0;
  bool have_digit = false, after_unit = false;
  std::int64_t last_unit = 1;
  for (char32_t cp : cps) {
    const std::int64_t unit = unit_value(cp);
    const int d = cp == U'#' ? 0 : digit_value(cp);
    // Two digits in a row are no positional numeral: 四五十 is a range, not 50.
    if ((cp == U'#' || d > 0) && have_digit) return std::nullopt;
    if (cp == U'#') {
      number = runs[next_run++];
      have_digit = number != 0;
      continue;
    }
    if (d >= 0) {
      number = d;
      have_digit = d != 0;
      if (d == 0) after_unit = false;  // 一千零五: the 五 is units, not hundreds
      continue;
    }
    if (cp == U'廿' || cp == U'卅' || cp == U'卌') {
      section += cp == U'廿' ? 20 : cp == U'卅' ? 30 : 40;
      number = 0, have_digit = false, after_unit = true, last_unit = 10;
      continue;
    }
    if (unit == 0) return std::nullopt;
    if (unit >= 10000 && total == 0 && section == 0 && !have_digit && !after_unit) {
      total = unit;  // a leading 万 or 亿 is one of it: 万亿, 亿元
    } else if (unit < 10000) {
      section += (have_digit ? number : 1) * unit;
    } else if (unit == 100000000) {
      total = (total + section + number) * unit;
      section = 0;
    } else if (last_unit == 10000 && section == 0 && number == 0 && !have_digit && after_unit) {
      total *= unit;  // 万万: ten thousand ten-thousands, an old way to write 亿
    } else {
      total += (section + number) * unit;
      section = 0;
    }
    number = 0, have_digit = false, after_unit = true, last_unit = unit;
    if (total > kMax || section > kMax) return std::nullopt;
  }
  // Spoken abbreviation: 三万五 = 35000, 一百二 = 120, a digit right after a unit counts one place lower.
  if (have_digit && after_unit && last_unit >= 100) number *= last_unit / 10;
  total += section + number;
  if (total > kMax) return std::nullopt;
  return total;
}

}  // namespace

std::optional<Decimal> Decimal::times(Decimal other) const {
  const Wide product = static_cast<Wide>(mantissa) * other.mantissa;
  if (product > kMax || product < -kMax) return std::nullopt;
  return normalized(product, exponent + other.exponent);
}

std::optional<Decimal> Decimal::plus(Decimal other) const {
  Decimal a = *this, b = other;
  if (a.exponent < b.exponent) std::swap(a, b);  // scale a down to b's exponent
  Wide scaled = a.mantissa;
  for (int e = a.exponent; e > b.exponent; --e) {
    scaled *= 10;
    if (scaled > kMax || scaled < -kMax) return std::nullopt;
  }
  const Wide sum = scaled + b.mantissa;
  if (sum > kMax || sum < -kMax) return std::nullopt;
  return normalized(sum, b.exponent);
}

bool Decimal::operator<(Decimal other) const {
  const Decimal negated{-other.mantissa, other.exponent};
  const auto difference = plus(negated);
  if (difference) return difference->mantissa < 0;
  return to_json() < other.to_json();  // too far apart for exact arithmetic: doubles tell them apart
}

std::string Decimal::to_string() const {
  std::string digits = std::to_string(mantissa < 0 ? -mantissa : mantissa);  // |mantissa| <= kMax
  const char* sign = mantissa < 0 ? "-" : "";
  if (exponent >= 0) return sign + digits + std::string(static_cast<std::size_t>(exponent), '0');
  const auto places = static_cast<std::size_t>(-exponent);
  if (digits.size() <= places) digits.insert(0, places - digits.size() + 1, '0');
  digits.insert(digits.size() - places, ".");
  return sign + digits;
}

Json Decimal::to_json() const {
  if (exponent >= 0) {
    Wide value = mantissa;
    for (int i = 0; i < exponent; ++i) value *= 10;
    if (value <= kMax && value >= -kMax) return static_cast<std::int64_t>(value);
  }
  // Shortest round-trip printing gives back exactly these digits (up to 15 significant ones).
  return std::strtod(to_string().c_str(), nullptr);
}

std::optional<Decimal> parse_number(std::string_view text) {
  bool negative = false;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) negative = text[0] == '-', text.remove_prefix(1);
  constexpr std::string_view kNegative = "负";
  if (text.substr(0, kNegative.size()) == kNegative) negative = true, text.remove_prefix(kNegative.size());
  if (text.empty()) return std::nullopt;

  Wide mantissa = 0;
  int exponent = 0;
  std::size_t i = 0;
  bool fraction = false;
  if ((text[0] >= '0' && text[0] <= '9') || (text[0] == '.' && text.size() > 1)) {
    // Arabic, with optional thousands separators and decimals: 1,234.5, .5
    for (; i < text.size(); ++i) {
      const char c = text[i];
      if (c >= '0' && c <= '9') {
        mantissa = mantissa * 10 + (c - '0');
        if (fraction) --exponent;
        if (mantissa > kMax) return std::nullopt;
      } else if (c == ',' && !fraction) {
        continue;
      } else if (c == '.' && !fraction && i + 1 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '9') {
        fraction = true;
      } else {
        break;
      }
    }
  } else {
    // Chinese: integer part, then 点 and digits read one by one.
    const std::string_view point = "点";
    const std::size_t at = text.find(point);
    std::string_view integer_part = text.substr(0, at);
    std::string_view rest = at == std::string_view::npos ? std::string_view() : text.substr(at + point.size());
    if (integer_part.empty()) return std::nullopt;
    auto integer = parse_chinese_integer(integer_part);
    if (!integer) return std::nullopt;
    mantissa = *integer;
    std::size_t k = 0;
    for (; k < rest.size();) {
      std::size_t next = k;
      const int d = digit_value(utf8::next(rest, next));
      if (d < 0) break;
      mantissa = mantissa * 10 + d;
      --exponent;
      if (mantissa > kMax) return std::nullopt;
      k = next;
    }
    if (at == std::string_view::npos) return normalized(negative ? -mantissa : mantissa, exponent);
    text = rest;
    i = k;
    fraction = true;
  }
  // Magnitudes after the digits: 3.5万, 1.2万亿, 一点五亿, 5千万.
  for (; i < text.size();) {
    std::size_t next = i;
    const std::int64_t unit = unit_value(utf8::next(text, next));
    if (unit == 0) {
      // More digits after a unit: a mixed integer such as 5万4千6百 (no decimals there).
      if (fraction || text.find(',') != std::string_view::npos) return std::nullopt;
      auto mixed = parse_chinese_integer(text);
      if (!mixed) return std::nullopt;
      return normalized(negative ? -*mixed : *mixed, 0);
    }
    mantissa *= unit;
    if (mantissa > kMax) return std::nullopt;
    i = next;
  }
  return normalized(negative ? -mantissa : mantissa, exponent);
}

}  // namespace finfacts
