#include "pipeline/calendar.h"

#include <map>
#include <memory>
#include <tuple>

#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

namespace finfacts {

std::int64_t days_from_civil(const Date& date) {
  const std::int64_t y = date.year - (date.month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t year_of_era = y - era * 400;
  const std::int64_t day_of_year = (153 * (date.month + (date.month > 2 ? -3 : 9)) + 2) / 5 + date.day - 1;
  const std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

Date civil_from_days(std::int64_t days) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t day_of_era = days - era * 146097;
  const std::int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t mp = (5 * day_of_year + 2) / 153;
  const int day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(year_of_era + era * 400 + (month <= 2 ? 1 : 0));
  return Date{year, month, day};
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

Date add_days(const Date& date, std::int64_t days) { return civil_from_days(days_from_civil(date) + days); }

Date add_months(const Date& date, int months) {
  const int index = date.year * 12 + (date.month - 1) + months;
  const int year = index >= 0 ? index / 12 : (index - 11) / 12;
  const int month = index - year * 12 + 1;
  const int day = date.day < days_in_month(year, month) ? date.day : days_in_month(year, month);
  return Date{year, month, day};
}

int weekday(const Date& date) {
  const std::int64_t days = days_from_civil(date);  // 1970-01-01 was a Thursday
  return static_cast<int>(((days % 7 + 7) % 7 + 3) % 7) + 1;
}

namespace {

std::optional<Date> compute_lunar_date(int year, int month, int day) {
  // ICU calendars are not thread-safe; one per thread, made once.
  thread_local std::unique_ptr<icu::Calendar> chinese;
  thread_local std::unique_ptr<icu::GregorianCalendar> gregorian;
  UErrorCode status = U_ZERO_ERROR;
  if (!chinese) {
    chinese.reset(icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(), icu::Locale("zh@calendar=chinese"),
                                                status));
    gregorian = std::make_unique<icu::GregorianCalendar>(icu::TimeZone::getGMT()->clone(), status);
    if (U_FAILURE(status)) {
      chinese.reset();
      return std::nullopt;
    }
  }
  chinese->clear();
  chinese->set(UCAL_EXTENDED_YEAR, year + 2637);  // the Chinese era's year count
  chinese->set(UCAL_MONTH, month - 1);
  chinese->set(UCAL_IS_LEAP_MONTH, 0);
  chinese->set(UCAL_DATE, day);
  const UDate time = chinese->getTime(status);
  gregorian->setTime(time, status);
  const Date date{gregorian->get(UCAL_YEAR, status), gregorian->get(UCAL_MONTH, status) + 1,
                  gregorian->get(UCAL_DATE, status)};
  if (U_FAILURE(status)) return std::nullopt;
  return date;
}

}  // namespace

std::optional<Date> lunar_date(int year, int month, int day) {
  // ICU finds new moons by astronomy, a few microseconds each; an article names few festivals
  // in few years, so each thread remembers what it has computed.
  thread_local std::map<std::tuple<int, int, int>, std::optional<Date>> known;
  const auto key = std::make_tuple(year, month, day);
  const auto it = known.find(key);
  if (it != known.end()) return it->second;
  if (known.size() > 4096) known.clear();  // bounded, whatever the input
  return known[key] = compute_lunar_date(year, month, day);
}

}  // namespace finfacts
