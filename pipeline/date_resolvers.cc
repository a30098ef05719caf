#include "pipeline/date_resolvers.h"

#include <cstdio>
#include <string>

#include <re2/re2.h>

#include "pipeline/calendar.h"
#include "pipeline/numeral.h"
#include "pipeline/resolvers.h"

namespace finfacts {
namespace {

// A whole number written in Arabic or Chinese numerals (2024, 二〇二四, 十二); nullopt when none.
std::optional<int> whole_number(std::string_view text) {
  if (text.empty()) return std::nullopt;
  const auto n = parse_number(text);
  if (!n) return std::nullopt;
  const Json value = n->to_json();
  if (!value.is_number_integer() || value.get<std::int64_t>() < 0 || value.get<std::int64_t>() > 99999) {
    return std::nullopt;
  }
  return static_cast<int>(value.get<std::int64_t>());
}

// The integer a table gives a group's word (year_offset: 去年 -> -1); nullopt when the group is empty.
std::optional<int> table_number(const RuleMatch& m, const char* group, const char* table) {
  const std::string_view word = m.group(group);
  if (word.empty()) return std::nullopt;
  const Json* value = m.lookup(table, word);
  if (value == nullptr || !value->is_number_integer()) return std::nullopt;
  return value->get<int>();
}

std::string padded(int number, int width) {
  char text[16];
  std::snprintf(text, sizeof text, "%0*d", width, number);
  return text;
}

// A stretch of days and how ISO 8601 writes it.
struct Period {
  std::string value;
  Date start, end;
};

Date month_end(int year, int month) { return Date{year, month, days_in_month(year, month)}; }

Period year_period(int year) { return {padded(year, 4), {year, 1, 1}, {year, 12, 31}}; }
Period month_period(int year, int month) {
  return {padded(year, 4) + "-" + padded(month, 2), {year, month, 1}, month_end(year, month)};
}
Period day_period(const Date& day) { return {format_date(day), day, day}; }
Period quarter_period(int year, int quarter) {
  return {padded(year, 4) + "-Q" + std::to_string(quarter), {year, quarter * 3 - 2, 1}, month_end(year, quarter * 3)};
}
Period half_period(int year, int half) {
  return {padded(year, 4) + "-H" + std::to_string(half), {year, half * 6 - 5, 1}, month_end(year, half * 6)};
}
Period quarters_to_period(int year, int last) {  // 前三季度: Q1 to Q3
  return {padded(year, 4) + "-Q1/" + padded(year, 4) + "-Q" + std::to_string(last), {year, 1, 1},
          month_end(year, last * 3)};
}
Period months_to_period(int year, int last) {  // 前10个月: January to October
  return {padded(year, 4) + "-01/" + padded(year, 4) + "-" + padded(last, 2), {year, 1, 1}, month_end(year, last)};
}
Period week_period(const Date& monday) {  // ISO week: the year of its Thursday
  const Date thursday = add_days(monday, 3);
  const int week = static_cast<int>((days_from_civil(thursday) - days_from_civil({thursday.year, 1, 1})) / 7 + 1);
  return {padded(thursday.year, 4) + "-W" + padded(week, 2), monday, add_days(monday, 6)};
}

// The period `steps` units (year, quarter, month, week, day) from the reference date's: 上季度 is
// the quarter one back, 两周前 the week two back, 明天 the day one ahead.
Period shifted(const Date& ref, const std::string& unit, int steps) {
  if (unit == "year") return year_period(ref.year + steps);
  if (unit == "quarter") {
    const int index = ref.year * 4 + (ref.month - 1) / 3 + steps;
    return quarter_period(index / 4, index % 4 + 1);
  }
  if (unit == "month") {
    const Date first = add_months({ref.year, ref.month, 1}, steps);
    return month_period(first.year, first.month);
  }
  if (unit == "week") return week_period(add_days(ref, 7 * steps - (weekday(ref) - 1)));
  return day_period(add_days(ref, steps));
}

// What a date says below the year: a day, a month, a quarter ... or a holiday.
struct Written {
  std::optional<int> month, day, quarter, half, quarters_to, months_to;
  const Json* holiday = nullptr;  // {"lunar": [1, 1]} or {"fixed": [10, 1]}, optional "offset" in days
  std::string holiday_name;
};

// The period `written` names in `year`; nullopt for a day the month does not have.
std::optional<Period> period_in(int year, const Written& w) {
  if (w.holiday != nullptr) {
    std::optional<Date> day;
    const Json& h = *w.holiday;
    if (h.contains("lunar")) day = lunar_date(year, h["lunar"][0].get<int>(), h["lunar"][1].get<int>());
    if (h.contains("fixed")) day = Date{year, h["fixed"][0].get<int>(), h["fixed"][1].get<int>()};
    if (!day) return std::nullopt;
    return day_period(add_days(*day, h.value("offset", 0)));
  }
  if (w.month && w.day) {
    if (*w.day > days_in_month(year, *w.month)) return std::nullopt;
    return day_period({year, *w.month, *w.day});
  }
  if (w.day) return std::nullopt;  // a day without its month: see infer_day
  if (w.month) return month_period(year, *w.month);
  if (w.quarter) return quarter_period(year, *w.quarter);
  if (w.half) return half_period(year, *w.half);
  if (w.quarters_to) return quarters_to_period(year, *w.quarters_to);
  if (w.months_to) return months_to_period(year, *w.months_to);
  return year_period(year);
}

bool names_a_day_or_month(const Written& w) { return w.holiday != nullptr || w.month || w.day; }
bool names_part_of_year(const Written& w) { return w.quarter || w.half || w.quarters_to || w.months_to; }

// A date written without its year, in the year the reference date gives it. A day or month: the
// nearest such one at most 183 days after the reference date. A quarter, half or span of them: the
// latest one that has ended by then. Anything else (年初, 年底 alone): this year's.
std::optional<Period> infer_period(const Written& w, const Date& ref) {
  const std::int64_t today = days_from_civil(ref);
  if (names_a_day_or_month(w)) {
    std::optional<Period> best;
    std::int64_t best_distance = 0;
    for (int year = ref.year - 4; year <= ref.year + 1; ++year) {  // back to the last 2月29日
      auto period = period_in(year, w);
      if (!period) continue;
      const std::int64_t distance = days_from_civil(period->start) - today;
      if (distance > 183 || (best && std::llabs(distance) >= best_distance)) continue;
      best = std::move(period), best_distance = std::llabs(distance);
    }
    return best;
  }
  auto this_year = period_in(ref.year, w);
  if (!this_year || !names_part_of_year(w) || days_from_civil(this_year->end) < today) return this_year;
  return period_in(ref.year - 1, w);
}

// A day of the month written alone (4日): the nearest such day at most 183 days ahead, among the
// months around the reference date.
std::optional<Period> infer_day(int day, const Date& ref) {
  std::optional<Period> best;
  std::int64_t best_distance = 0;
  for (int months = -1; months <= 1; ++months) {
    const Date first = add_months({ref.year, ref.month, 1}, months);
    if (day > days_in_month(first.year, first.month)) continue;
    const std::int64_t distance = days_from_civil({first.year, first.month, day}) - days_from_civil(ref);
    if (distance > 183 || (best && std::llabs(distance) >= best_distance)) continue;
    best = day_period({first.year, first.month, day}), best_distance = std::llabs(distance);
  }
  return best;
}

// The year the paragraph last wrote before the match: 2023年, or a year word (去年) when there
// is a reference date to resolve it. `relative` tells which. nullopt when it wrote none.
std::optional<int> year_in_context(const RuleMatch& m, bool& relative) {
  static const RE2 kYear("((?:19|20)\\d{2})\\s?年");
  const std::string_view before = m.before();
  std::optional<int> year;
  std::size_t at = 0;
  re2::StringPiece rest(before.data(), before.size());
  re2::StringPiece digits;
  while (RE2::FindAndConsume(&rest, kYear, &digits)) {
    year = whole_number(std::string_view(digits.data(), digits.size()));
    at = static_cast<std::size_t>(digits.data() - before.data());
    relative = false;
  }
  const auto words = m.rule().tables->find(std::string_view("year_offset"));
  if (m.ref_date() && words != m.rule().tables->end()) {
    for (const auto& [word, offset] : words->second) {
      const std::size_t found = before.rfind(word);
      if (found == std::string_view::npos || (year && found < at) || !offset.is_number_integer()) continue;
      year = m.ref_date()->year + offset.get<int>();
      at = found;
      relative = true;
    }
  }
  return year;
}

// What is written, for a consumer to resolve later when no reference date was given.
void describe(const Written& w, Json& relative) {
  if (w.month) relative["month"] = *w.month;
  if (w.day) relative["day"] = *w.day;
  if (w.quarter) relative["quarter"] = *w.quarter;
  if (w.half) relative["half"] = *w.half;
  if (w.quarters_to) relative["quarters"] = Json::array({1, *w.quarters_to});
  if (w.months_to) relative["months"] = Json::array({1, *w.months_to});
  if (w.holiday != nullptr) relative["holiday"] = w.holiday_name;
}

bool read_written(const RuleMatch& m, Written& w) {
  const auto number_or_fail = [&](const char* group, int low, int high, std::optional<int>& out) {
    if (m.group(group).empty()) return true;
    out = whole_number(m.group(group));
    return out && *out >= low && *out <= high;
  };
  if (!number_or_fail("month", 1, 12, w.month) || !number_or_fail("day", 1, 31, w.day) ||
      !number_or_fail("quarter", 1, 4, w.quarter) || !number_or_fail("quarters_to", 2, 4, w.quarters_to) ||
      !number_or_fail("months_to", 2, 12, w.months_to)) {
    return false;
  }
  if (w.month && w.day && *w.day > days_in_month(2000, *w.month)) return false;  // 2月30日 in no year
  w.half = table_number(m, "half", "half");
  if (!m.group("half").empty() && !w.half) return false;
  if (!m.group("holiday").empty()) {
    w.holiday = m.lookup("holiday", m.group("holiday"));
    if (w.holiday == nullptr) return false;
    w.holiday_name = std::string(m.group("holiday"));
  }
  return true;
}

// The mod of the match: a bound (以来, 截至) over a part of the period (年初, 月底).
std::optional<std::string> modifier(const RuleMatch& m) {
  for (const char* group : {"bound_before", "bound_after", "part"}) {
    const std::string_view word = m.group(group);
    if (word.empty()) continue;
    const Json* mod = m.lookup(group, word);
    if (mod == nullptr) return std::nullopt;  // a word the table forgot
    return mod->get<std::string>();
  }
  return std::string();
}

}  // namespace

std::optional<Json> resolve_date(const RuleMatch& m) {
  const std::optional<Date>& ref = m.ref_date();
  Json offsets = Json::object();  // relative to a reference date we do not have
  bool relative = false;
  std::optional<int> year;
  std::optional<Period> period;

  if (!m.group("year").empty()) {
    year = whole_number(m.group("year"));
    if (!year || *year < 1000) return std::nullopt;
  } else if (!m.group("year_short").empty()) {
    year = whole_number(m.group("year_short"));
    if (!year || *year > 99) return std::nullopt;
    *year += 2000;
  } else if (const auto offset = table_number(m, "year_word", "year_offset")) {
    relative = true;
    if (ref) year = ref->year + *offset; else offsets["years"] = *offset;
  }

  Written written;
  if (!read_written(m, written)) return std::nullopt;

  if (!m.group("count").empty()) {  // 两年前, 3个月后: that many units back or ahead
    const auto count = whole_number(m.group("count"));
    const Json* unit = m.lookup("count_unit", m.group("count_unit"));
    const auto direction = table_number(m, "direction", "direction");
    if (!count || unit == nullptr || !direction) return std::nullopt;
    const int steps = *count * *direction;
    const std::string kind = unit->get<std::string>();
    relative = true;
    if (ref) period = shifted(*ref, kind, steps); else offsets[kind + "s"] = steps;
  } else if (const auto months = table_number(m, "month_word", "month_offset")) {  // 上月
    relative = true;
    if (ref) {
      period = shifted(*ref, "month", *months);
      if (written.day) {  // 今个月20号
        if (*written.day > period->end.day) return std::nullopt;
        period = day_period({period->start.year, period->start.month, *written.day});
      }
    } else {
      offsets["months"] = *months;
      if (written.day) offsets["day"] = *written.day;
    }
  } else if (const auto weeks = !m.group("this_week").empty() ? std::optional<int>(0)  // 周二: of this week
                                                                : table_number(m, "week_word", "week_offset")) {  // 下周四
    const auto day = table_number(m, "weekday", "weekday");
    if (!m.group("weekday").empty() && !day) return std::nullopt;
    relative = true;
    if (ref) {
      period = shifted(*ref, "week", *weeks);
      if (day) period = day_period(add_days(period->start, *day - 1));  // 下周四
    } else {
      offsets["weeks"] = *weeks;
      if (day) offsets["weekday"] = *day;
    }
  } else if (const auto days = table_number(m, "day_word", "day_offset")) {  // 昨日
    relative = true;
    if (ref) period = shifted(*ref, "day", *days); else offsets["days"] = *days;
  } else if (const auto quarters = table_number(m, "quarter_word", "quarter_offset")) {  // 上季度
    relative = true;
    if (ref) period = shifted(*ref, "quarter", *quarters); else offsets["quarters"] = *quarters;
  } else if (!year && offsets.empty() && written.day && !written.month) {  // 4日: month and year from ref
    relative = true;
    if (ref) {
      period = infer_day(*written.day, *ref);
      if (!period) return std::nullopt;
    } else {
      offsets["year"] = nullptr;
      describe(written, offsets);
    }
  } else {
    if (!year && offsets.empty() && names_part_of_year(written) && (year = year_in_context(m, relative))) {
      // 2023年……前三季度: the paragraph's year
    } else if (!year && offsets.empty()) {  // no year written: from the reference date
      relative = true;
      if (ref) {
        period = infer_period(written, *ref);
        if (!period) return std::nullopt;
      } else {
        offsets["year"] = nullptr;
      }
    }
    if (year) {
      period = period_in(*year, written);
      if (!period) return std::nullopt;
    } else if (!period) {
      describe(written, offsets);
    }
  }

  const auto mod = modifier(m);
  if (!mod) return std::nullopt;
  Json value = Json::object();
  if (period) {
    value["value"] = period->value;
    value["start"] = format_date(period->start);
    value["end"] = format_date(period->end);
  }
  if (!mod->empty()) value["mod"] = *mod;
  if (relative) value["relative"] = period ? Json(true) : offsets;
  if (!m.group("fiscal").empty()) value["fiscal"] = true;
  return value;
}

std::optional<Json> resolve_duration(const RuleMatch& m) {
  std::string inner;
  std::optional<Decimal> amount;
  if (m.group("value") == "半") {
    amount = Decimal{5, -1};
  } else {
    amount = read_number(m, m.group("value"), inner);
  }
  if (amount && !m.group("and_half").empty()) amount = amount->plus(Decimal{5, -1});  // 三年半
  const Json* unit = m.lookup("duration_unit", m.group("unit"));
  if (unit == nullptr) unit = m.lookup("half_unit", m.group("unit"));  // 一个半月
  if (!amount || unit == nullptr || !unit->is_string()) return std::nullopt;
  std::string letter = unit->get<std::string>();
  // A quarter is three months (三个季度 is P9M); half a year is six (半年 is P6M).
  if (letter == "D" && !amount->to_json().is_number_integer()) {  // 半天 is PT12H
    amount = amount->times(Decimal{24, 0});
    letter = "H";
  } else if (letter == "Q") {
    amount = amount->times(Decimal{3, 0});
    letter = "M";
  } else if (letter == "Y" && !amount->to_json().is_number_integer()) {
    const auto months = amount->times(Decimal{12, 0});
    if (months && months->to_json().is_number_integer()) amount = months, letter = "M";
  }
  if (!amount) return std::nullopt;
  Json value = Json::object();
  value["value"] = (letter == "H" ? "PT" : "P") + amount->to_string() + letter;
  if (!add_approximation(m, inner, value)) return std::nullopt;
  return value;
}

}  // namespace finfacts
