// numeral: exact numbers from Arabic, Chinese and mixed numerals.
//
//   parse_number("1,234.5")          -> 12345e-1
//   parse_number("三十五点五")        -> 355e-1
//   parse_number("一百二十")          -> 120       parse_number("一百二") -> 120 (spoken)
//   parse_number("三万五")            -> 35000     parse_number("3.5亿")  -> 350000000
//   parse_number("二〇二四")          -> 2024 (digit by digit when no unit is written)
//   parse_number("负3.9")             -> -39e-1
//
// Values are decimals (mantissa x 10^exponent), never binary floating point, so
// 4.94亿 is 494000000 and 10.83 prints as 10.83. Text is normalized (Simplified,
// half-width); financial capitals (壹贰叁 ... 拾佰仟) and 两 廿 卅 are read too.
#ifndef FINFACTS_PIPELINE_NUMERAL_H_
#define FINFACTS_PIPELINE_NUMERAL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "pipeline/document.h"

namespace finfacts {

struct Decimal {
  std::int64_t mantissa = 0;
  int exponent = 0;  // value = mantissa * 10^exponent

  // nullopt when the result does not fit.
  std::optional<Decimal> times(Decimal other) const;
  std::optional<Decimal> plus(Decimal other) const;
  bool operator<(Decimal other) const;
  std::string to_string() const;  // "10.83", "120", "-0.5"
  Json to_json() const;           // an integer where integral, else the double printing as to_string()
};

std::optional<Decimal> parse_number(std::string_view text);

}  // namespace finfacts

#endif  // FINFACTS_PIPELINE_NUMERAL_H_
