// calendar: day arithmetic on the Gregorian calendar, and the Chinese calendar's festivals.
//
//   days_from_civil({2025, 2, 14}) - days_from_civil({2025, 1, 29})  -> 16
//   add_months({2024, 1, 31}, 1)                                      -> 2024-02-29 (clamped)
//   weekday({2025, 2, 20})                                            -> 4 (Thursday; Monday is 1)
//   lunar_date(2025, 1, 1)                                            -> 2025-01-29 (春节)
//
// Days are counted from 1970-01-01 (Howard Hinnant's civil-day algorithms); lunar dates come
// from ICU's Chinese calendar, so no table of years is kept here.
#ifndef FINFACTS_PIPELINE_CALENDAR_H_
#define FINFACTS_PIPELINE_CALENDAR_H_

#include <cstdint>
#include <optional>

#include "pipeline/document.h"

namespace finfacts {

std::int64_t days_from_civil(const Date& date);
Date civil_from_days(std::int64_t days);
int days_in_month(int year, int month);
Date add_days(const Date& date, std::int64_t days);
Date add_months(const Date& date, int months);  // the day clamped to the month's length
int weekday(const Date& date);                  // ISO: Monday 1 ... Sunday 7

// The Gregorian date of lunar month/day in the Chinese year that begins in Gregorian `year`;
// nullopt when ICU cannot say.
std::optional<Date> lunar_date(int year, int month, int day);

}  // namespace finfacts

#endif  // FINFACTS_PIPELINE_CALENDAR_H_
